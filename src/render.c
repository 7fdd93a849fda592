#include "render.h"

#include "diag.h"
#include "uri.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

static void set_color(cairo_t *cr, CpColor c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void box_path(cairo_t *cr, const CpItem *it)
{
    double r = MIN(it->radius, MIN(it->w, it->h) / 2);
    if (r <= 0) {
        cairo_rectangle(cr, it->x, it->y, it->w, it->h);
        return;
    }
    double x = it->x, y = it->y, w = it->w, h = it->h;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, G_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, G_PI / 2, G_PI);
    cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
    cairo_close_path(cr);
}

static void add_links(cairo_t *cr, const CpItem *it, PangoLayoutLine *line, int index, double x,
                      double top)
{
    for (size_t k = 0; k < it->n_links; k++) {
        const CpLink *l = &it->links[k];
        int ls = line->start_index, le = line->start_index + line->length;
        if (l->end <= ls || l->start >= le)
            continue;
        int *ranges = NULL, n = 0;
        pango_layout_line_get_x_ranges(line, MAX(l->start, ls), MIN(l->end, le), &ranges, &n);
        GString *attr = g_string_new(NULL);
        // cairo 1.16 writes the URI into /URI (...) as it is: encoded, it cannot
        // close that string and add keys of its own (/JS, /Launch).
        char *uri = uri_encode_for_pdf(l->url);
        g_string_printf(attr, "uri='%s' rect=[", uri);
        for (int r = 0; r < n; r++) {
            double x0 = x + ranges[2 * r] / (double)PANGO_SCALE;
            double x1 = x + ranges[2 * r + 1] / (double)PANGO_SCALE;
            char buf[4][G_ASCII_DTOSTR_BUF_SIZE];
            g_string_append_printf(attr, "%s%s %s %s %s", r ? " " : "",
                                   g_ascii_formatd(buf[0], sizeof buf[0], "%.2f", x0),
                                   g_ascii_formatd(buf[1], sizeof buf[1], "%.2f", top),
                                   g_ascii_formatd(buf[2], sizeof buf[2], "%.2f", x1 - x0),
                                   g_ascii_formatd(buf[3], sizeof buf[3], "%.2f", it->pitch));
        }
        g_string_append(attr, "]");
        if (n > 0) {
            cairo_tag_begin(cr, CAIRO_TAG_LINK, attr->str);
            cairo_tag_end(cr, CAIRO_TAG_LINK);
        }
        (void)index;
        g_free(uri);
        g_string_free(attr, TRUE);
        g_free(ranges);
    }
}

typedef struct {
    cairo_t *cr;
    const CpItem *it;
    bool links;
} TextDraw;

static void draw_line(void *data, PangoLayoutLine *line, int index, const PangoRectangle *logical,
                      double top)
{
    const TextDraw *t = data;
    const CpItem *it = t->it;
    set_color(t->cr, it->color);
    cairo_move_to(t->cr, it->x + logical->x / (double)PANGO_SCALE, top + it->ascent);
    pango_cairo_show_layout_line(t->cr, line);
    if (t->links && it->n_links)
        add_links(t->cr, it, line, index, it->x, top);
}

static void draw_text(cairo_t *cr, const CpItem *it, bool links)
{
    TextDraw t = {cr, it, links};
    page_each_line(it, draw_line, &t);
}

static void draw_qr(cairo_t *cr, const CpItem *it)
{
    int n = it->modules_width;
    double m = it->w / n;
    // One path of merged runs: vector, small, and no seams between modules.
    for (int r = 0; r < n; r++) {
        int c = 0;
        while (c < n) {
            if (!it->modules[r * n + c]) {
                c++;
                continue;
            }
            int start = c;
            while (c < n && it->modules[r * n + c])
                c++;
            cairo_rectangle(cr, it->x + start * m, it->y + r * m, (c - start) * m, m);
        }
    }
    set_color(cr, it->color);
    cairo_fill(cr);
}

// What one PDF shares between its pages: the form of each page a sheet
// repeats, and each picture at the resolution it is printed at.
typedef struct {
    GHashTable *forms;    // CpPage * -> recording surface
    GHashTable *pictures; // "surface WxH" -> image surface
} Shared;

static void draw_page(cairo_t *cr, const CpPage *page, bool links, Shared *shared);

// A sheet's copies of one page, without links: the page is drawn once into a
// recording surface, which cairo writes to the PDF once, as a form, and each
// copy places (a sixth of the work and the file for six badges a sheet).
static cairo_surface_t *form_for(const CpPage *sub, Shared *shared)
{
    cairo_surface_t *rec = g_hash_table_lookup(shared->forms, sub);
    if (!rec) {
        cairo_rectangle_t ext = {0, 0, sub->width, sub->height};
        rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
        cairo_t *rc = cairo_create(rec);
        draw_page(rc, sub, false, shared);
        cairo_destroy(rc);
        g_hash_table_insert(shared->forms, (gpointer)sub, rec);
    }
    return rec;
}

// Pictures go into a PDF at 300 pixels per inch of their printed size at
// most: a print shop asks no more, and five 20-megapixel photos embedded
// whole took 10 s for a handout. IMG drawn W x H points; a new reference.
#define MAX_PPI 300

static cairo_surface_t *printed(cairo_surface_t *img, double w, double h, Shared *shared)
{
    int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
    int tw = (int)ceil(w / 72 * MAX_PPI), th = (int)ceil(h / 72 * MAX_PPI);
    if (!shared || (tw >= iw && th >= ih))
        return cairo_surface_reference(img);
    tw = CLAMP(tw, 1, iw);
    th = CLAMP(th, 1, ih);
    char *key = g_strdup_printf("%p %dx%d", (void *)img, tw, th);
    cairo_surface_t *s = g_hash_table_lookup(shared->pictures, key);
    if (!s) {
        s = cairo_image_surface_create(cairo_image_surface_get_format(img), tw, th);
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, (double)tw / iw, (double)th / ih);
        cairo_set_source_surface(cr, img, 0, 0);
        // PAD: the edge pixels are not blended with the transparent outside.
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
        cairo_paint(cr);
        cairo_destroy(cr);
        g_hash_table_insert(shared->pictures, g_strdup(key), s);
    }
    g_free(key);
    return cairo_surface_reference(s);
}

// SHARED: the PDF's (NULL for a PNG preview, drawn straight).
static void draw_page(cairo_t *cr, const CpPage *page, bool links, Shared *shared)
{
    for (guint i = 0; i < page->items->len; i++) {
        const CpItem *it = &g_array_index(page->items, CpItem, i);
        switch (it->kind) {
        case CP_ITEM_TEXT:
            draw_text(cr, it, links);
            break;
        case CP_ITEM_BOX:
            box_path(cr, it);
            set_color(cr, it->color);
            cairo_fill(cr);
            break;
        case CP_ITEM_LINE:
            cairo_move_to(cr, it->x, it->y);
            cairo_rel_line_to(cr, it->w, it->h);
            cairo_set_line_width(cr, it->line_width);
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
            set_color(cr, it->color);
            cairo_stroke(cr);
            break;
        case CP_ITEM_IMAGE: {
            cairo_surface_t *img = printed(it->image, it->w, it->h, shared);
            int iw = cairo_image_surface_get_width(img);
            int ih = cairo_image_surface_get_height(img);
            cairo_save(cr);
            cairo_translate(cr, it->x, it->y);
            cairo_scale(cr, it->w / iw, it->h / ih);
            cairo_set_source_surface(cr, img, 0, 0);
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
            cairo_rectangle(cr, 0, 0, iw, ih);
            cairo_fill(cr);
            cairo_restore(cr);
            cairo_surface_destroy(img);
            break;
        }
        case CP_ITEM_QR:
            draw_qr(cr, it);
            break;
        case CP_ITEM_PAGE:
            // A sheet's copies carry no links: they would repeat.
            cairo_save(cr);
            cairo_rectangle(cr, it->x, it->y, it->w, it->h);
            cairo_clip(cr);
            if (shared && !(links && it->sub_links)) {
                cairo_set_source_surface(cr, form_for(it->sub, shared), it->x, it->y);
                cairo_paint(cr);
            } else {
                cairo_translate(cr, it->x, it->y);
                draw_page(cr, it->sub, links && it->sub_links, shared);
            }
            cairo_restore(cr);
            break;
        }
    }
}

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

// The integer after KEY (such as "/Root ") in the trailer text, or -1.
static long trailer_int(const char *trailer, const char *key)
{
    const char *p = strstr(trailer, key);
    return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

// The last NEEDLE in the LEN bytes at DATA (which may hold NUL bytes).
static const char *find_last(const char *data, size_t len, const char *needle)
{
    const char *last = NULL, *p = data;
    size_t n = strlen(needle);
    while ((p = memmem(p, len - (size_t)(p - data), needle, n))) {
        last = p;
        p++;
    }
    return last;
}

// Gives the catalog a /Lang entry with an incremental update appended to
// the file: cairo 1.16 has no API for the document language.
static bool add_lang(GByteArray *pdf, const char *lang)
{
    const char *data = (const char *)pdf->data;
    // The trailer is in the last kilobytes; the file body holds binary streams.
    size_t from = pdf->len > 4096 ? pdf->len - 4096 : 0;
    const char *trailer = find_last(data + from, pdf->len - from, "trailer");
    const char *startxref = find_last(data + from, pdf->len - from, "startxref");
    if (!trailer || !startxref || startxref < trailer)
        return false;
    char *tail = g_strndup(trailer, (gsize)(data + pdf->len - trailer));
    long size = trailer_int(tail, "/Size "), root = trailer_int(tail, "/Root ");
    long info = trailer_int(tail, "/Info ");
    long prev = strtol(startxref + strlen("startxref"), NULL, 10);
    g_free(tail);
    if (size <= 0 || root <= 0 || prev <= 0)
        return false;
    // The catalog's dictionary, up to its matching ">>".
    char *head = g_strdup_printf("\n%ld 0 obj\n", root);
    const char *obj = memmem(data, pdf->len, head, strlen(head));
    g_free(head);
    const char *open = obj ? memmem(obj, (size_t)(data + pdf->len - obj), "<<", 2) : NULL;
    if (!open)
        return false;
    int depth = 0;
    const char *close = NULL;
    for (const char *p = open; p + 1 < data + pdf->len && !close; p++) {
        if (p[0] == '<' && p[1] == '<')
            depth++, p++;
        else if (p[0] == '>' && p[1] == '>' && --depth == 0)
            close = p;
        else if (p[0] == '>' && p[1] == '>')
            p++;
    }
    if (!close)
        return false;
    GString *up = g_string_new("\n");
    long offset = (long)pdf->len + 1;
    // BCP 47 tags are letters, digits and hyphens: nothing to escape.
    g_string_append_printf(up, "%ld 0 obj\n", root);
    g_string_append_len(up, open, close - open);
    g_string_append_printf(up, "   /Lang (%s)\n>>\nendobj\n", lang);
    long xref = (long)pdf->len + (long)up->len;
    g_string_append_printf(up, "xref\n0 1\n0000000000 65535 f \n%ld 1\n%010ld 00000 n \n", root,
                           offset);
    g_string_append_printf(up, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
    if (info > 0)
        g_string_append_printf(up, "   /Info %ld 0 R\n", info);
    g_string_append_printf(up, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", prev, xref);
    g_byte_array_append(pdf, (const guint8 *)up->str, (guint)up->len);
    g_string_free(up, TRUE);
    return true;
}

// cairo 1.16 lists a form once per use in a page's /XObject dictionary
// ("/x7 7 0 R /x7 7 0 R"), which qpdf and preflight tools report as
// duplicate keys. Each repeat is blanked with spaces, so no offset moves.
static void blank_repeated_forms(GByteArray *buf)
{
    char *data = (char *)buf->data, *end = data + buf->len;
    static const char key[] = "/XObject << ";
    for (char *p = memmem(data, buf->len, key, sizeof key - 1); p;
         p = memmem(p, (size_t)(end - p), key, sizeof key - 1)) {
        p += sizeof key - 1;
        char *close = memmem(p, (size_t)(end - p), ">>", 2);
        if (!close)
            return;
        // Entries are "/NAME OBJ GEN R ": each is kept the first time only.
        for (char *e = p; e < close && *e == '/';) {
            char *next = e;
            for (int spaces = 0; next < close && spaces < 4; next++)
                spaces += *next == ' ';
            size_t len = (size_t)(next - e);
            for (char *q = p; q < e; q++)
                if (q[0] == '/' && (q == p || q[-1] == ' ') && (size_t)(e - q) >= len &&
                    memcmp(q, e, len) == 0) {
                    memset(e, ' ', len);
                    break;
                }
            e = next;
            while (e < close && *e == ' ')
                e++;
        }
        p = close;
    }
}

GBytes *render_pdf(CpPage *const *pages, size_t n, const CpPdfInfo *info)
{
    GByteArray *buf = g_byte_array_new();
    cairo_surface_t *s =
        cairo_pdf_surface_create_for_stream(append, buf, pages[0]->width, pages[0]->height);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, info->title ? info->title : "");
    if (info->author)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, info->author);
    if (info->subject)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, info->subject);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, info->creator);
    // cairo would stamp the clock's time: the same input must give the same bytes.
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
                                   info->date ? info->date : "1980-01-01T00:00:00Z");
    cairo_t *cr = cairo_create(s);
    Shared shared = {g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)cairo_surface_destroy),
                     g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)cairo_surface_destroy)};
    // Link annotations need a structure root, or the PDF comes out damaged.
    cairo_tag_begin(cr, "Document", NULL);
    for (size_t i = 0; i < n; i++) {
        // The first page has its size from the surface: cairo 1.16 writes a
        // damaged file if the size is set again inside the Document tag.
        if (i > 0)
            cairo_pdf_surface_set_size(s, pages[i]->width, pages[i]->height);
        draw_page(cr, pages[i], true, &shared);
        cairo_show_page(cr);
    }
    cairo_tag_end(cr, "Document");
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    g_hash_table_destroy(shared.forms);
    g_hash_table_destroy(shared.pictures);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        diag_error(NULL, 0, 0, "cannot make the PDF: %s", cairo_status_to_string(st));
        g_byte_array_unref(buf);
        return NULL;
    }
    blank_repeated_forms(buf);
    if (info->lang && !add_lang(buf, info->lang)) {
        diag_error(NULL, 0, 0, "cannot set the PDF's language: unexpected cairo output");
        g_byte_array_unref(buf);
        return NULL;
    }
    return g_byte_array_free_to_bytes(buf);
}

GBytes *render_png(const CpPage *page, double dpi)
{
    double k = dpi / 72.0;
    int w = (int)ceil(page->width * k), h = (int)ceil(page->height * k);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, k, k);
    draw_page(cr, page, false, NULL);
    cairo_destroy(cr);
    GByteArray *buf = g_byte_array_new();
    cairo_status_t st = cairo_surface_write_to_png_stream(s, append, buf);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        diag_error(NULL, 0, 0, "cannot make the PNG: %s", cairo_status_to_string(st));
        g_byte_array_unref(buf);
        return NULL;
    }
    return g_byte_array_free_to_bytes(buf);
}
