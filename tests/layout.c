// layout: every page of every output cocprint would make, as text, for the
// layout snapshots (tests/snapshot.sh compares it with tests/snapshots/).
//
// Takes cocprint's options and files, lays everything out as `cocprint
// --check` does, and prints each page's drawn items, one line each, in
// millimetres from the page's top-left corner:
//
//   == poster.pdf
//   -- page 1  210.0 x 297.0 mm
//   box   X Y W H  #rrggbb [r=RADIUS]
//   text  X Y W H  FONT SIZEpt #rrggbb ltr|rtl N lines "first words"...
//     link -> URL  "linked words"
//   line  X1 Y1 -> X2 Y2  WIDTHpt #rrggbb
//   image X Y W H  WxH px
//   qr    X Y W H  N modules of M mm #rrggbb
//   page  X Y W H  FILE pN links|no links      (a copy placed on a sheet)
//   page  X Y W H  links, N items:             (a page of no output: its
//     text ...                                  items follow, indented)
//
// Text shows what prints: the soft hyphens, zero-width spaces, word joiners
// and bidi isolates cocprint adds are left out. Numbers are written with
// g_ascii_formatd: the output does not depend on the locale, which is set
// from the environment as cocprint sets it.
#include "diag.h"
#include "options.h"
#include "page.h"
#include "paper.h"
#include "run.h"

#include <glib.h>
#include <locale.h>
#include <math.h>
#include <pango/pango.h>
#include <stdio.h>
#include <string.h>

#define MM_PER_PT (25.4 / 72.0)
#define TEXT_CHARS 40 // characters of text shown per item

typedef struct {
    GString *out;
    GHashTable *names; // CpPage * -> "handout.pdf p1", for the copies on sheets
} Dump;

// V formatted with FMT ("%.1f"), never "-0.0".
static void num(GString *s, const char *fmt, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(buf, sizeof buf, fmt, v);
    const char *p = buf;
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        p++;
    g_string_append(s, p);
}

static void mm(GString *s, double pt)
{
    num(s, "%.1f", pt * MM_PER_PT);
}

static void box(GString *s, double x, double y, double w, double h)
{
    mm(s, x);
    g_string_append_c(s, ' ');
    mm(s, y);
    g_string_append_c(s, ' ');
    mm(s, w);
    g_string_append_c(s, ' ');
    mm(s, h);
}

static void color(GString *s, CpColor c)
{
    double v[3] = {c.r, c.g, c.b};
    g_string_append_c(s, '#');
    for (int i = 0; i < 3; i++)
        g_string_append_printf(s, "%02x", (unsigned)lround(CLAMP(v[i], 0.0, 1.0) * 255));
}

// Invisible characters cocprint adds itself: soft hyphens, zero-width spaces
// and word joiners for line breaking, isolates around names and numbers.
static bool invisible(gunichar c)
{
    return c == 0xAD || c == 0x200B || c == 0x2060 || (c >= 0x2066 && c <= 0x2069);
}

// TEXT[start, end) quoted, at most TEXT_CHARS characters: line ends as
// spaces, the invisible characters left out, other control and format
// characters escaped.
static void quoted(GString *s, const char *text, int start, int end)
{
    g_string_append_c(s, '"');
    int shown = 0;
    const char *p = text + start, *stop = text + end;
    while (p < stop && *p) {
        gunichar c = g_utf8_get_char_validated(p, stop - p);
        bool bad = c == (gunichar)-1 || c == (gunichar)-2;
        const char *next = bad ? p + 1 : g_utf8_next_char(p);
        if (!bad && invisible(c)) {
            p = next;
            continue;
        }
        if (shown++ == TEXT_CHARS) {
            g_string_append(s, "\"...");
            return;
        }
        if (bad) {
            g_string_append_printf(s, "\\x%02x", (unsigned char)*p);
            p = next;
            continue;
        }
        p = next;
        GUnicodeType t = g_unichar_type(c);
        if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
            g_string_append_c(s, ' ');
        else if (c == '"' || c == '\\')
            g_string_append_printf(s, "\\%c", (char)c);
        else if (c == '\t')
            g_string_append(s, "\\t");
        else if (t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT)
            g_string_append_printf(s, "\\u{%04X}", c);
        else
            g_string_append_unichar(s, c);
    }
    g_string_append_c(s, '"');
}

// Whether the run has a character that prints.
static bool prints(const char *text, const PangoItem *item)
{
    for (const char *p = text + item->offset; p < text + item->offset + item->length;
         p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!invisible(c) && !g_unichar_isspace(c))
            return true;
    }
    return false;
}

// The font of LINE's first run in reading order (runs are kept in visual
// order) that prints, else of its first run, else the layout's.
static void font(GString *s, PangoLayout *layout, PangoLayoutLine *line)
{
    const char *text = pango_layout_get_text(layout);
    const PangoItem *first = NULL;
    bool first_prints = false;
    for (GSList *r = line ? line->runs : NULL; r; r = r->next) {
        const PangoItem *item = ((const PangoGlyphItem *)r->data)->item;
        bool p = prints(text, item);
        if (!first || (p && !first_prints) || (p == first_prints && item->offset < first->offset))
            first = item, first_prints = p;
    }
    PangoFontDescription *d;
    if (first)
        d = pango_font_describe(first->analysis.font);
    else if (pango_layout_get_font_description(layout))
        d = pango_font_description_copy(pango_layout_get_font_description(layout));
    else
        d = pango_font_description_new();
    double size = pango_font_description_get_size(d) / (double)PANGO_SCALE;
    pango_font_description_unset_fields(d, PANGO_FONT_MASK_SIZE | PANGO_FONT_MASK_GRAVITY |
                                               PANGO_FONT_MASK_VARIATIONS);
    char *name = pango_font_description_to_string(d);
    g_string_append(s, name);
    g_string_append_c(s, ' ');
    num(s, "%.2f", round(size * 20) / 20);
    g_string_append(s, "pt");
    g_free(name);
    pango_font_description_free(d);
}

// The span of an item's lines: the first, the text they hold, and their
// logical extent across.
typedef struct {
    PangoLayoutLine *first;
    int start, end;
    double left, right;
} Span;

static void span_line(void *data, PangoLayoutLine *line, int index, const PangoRectangle *logical,
                      double top)
{
    Span *sp = data;
    double l = logical->x / (double)PANGO_SCALE;
    double r = (logical->x + logical->width) / (double)PANGO_SCALE;
    if (!sp->first) {
        sp->first = line;
        sp->start = line->start_index;
        sp->left = l;
        sp->right = r;
    }
    sp->left = MIN(sp->left, l);
    sp->right = MAX(sp->right, r);
    sp->end = line->start_index + line->length;
}

static void dump_text(GString *s, const CpItem *it, const char *indent)
{
    const char *text = pango_layout_get_text(it->layout);
    Span sp = {0};
    page_each_line(it, span_line, &sp);
    PangoLayoutLine *first = sp.first;
    int start = sp.start, end = sp.end;
    double left = sp.left, right = sp.right;

    g_string_append(s, "text  ");
    box(s, it->x + left, it->y, right - left, it->pitch * it->count);
    g_string_append(s, "  ");
    font(s, it->layout, first);
    g_string_append_c(s, ' ');
    color(s, it->color);
    g_string_append_printf(s, " %s %d line%s ",
                           first && first->resolved_dir == PANGO_DIRECTION_RTL ? "rtl" : "ltr",
                           it->count, it->count == 1 ? "" : "s");
    quoted(s, text, start, end);
    g_string_append_c(s, '\n');
    // The links these lines carry: a paragraph split across columns has
    // each part show only its own.
    for (size_t k = 0; k < it->n_links; k++) {
        const CpLink *link = &it->links[k];
        if (link->end <= start || link->start >= end)
            continue;
        g_string_append_printf(s, "%s  link -> %s  ", indent, link->url);
        quoted(s, text, MAX(link->start, start), MIN(link->end, end));
        g_string_append_c(s, '\n');
    }
}

static void dump_page(Dump *d, const CpPage *page, const char *indent);

static void dump_item(Dump *d, const CpItem *it, const char *indent)
{
    GString *s = d->out;
    g_string_append(s, indent);
    switch (it->kind) {
    case CP_ITEM_TEXT:
        dump_text(s, it, indent);
        return;
    case CP_ITEM_BOX:
        g_string_append(s, "box   ");
        box(s, it->x, it->y, it->w, it->h);
        g_string_append(s, "  ");
        color(s, it->color);
        if (it->radius > 0) {
            g_string_append(s, " r=");
            mm(s, it->radius);
        }
        break;
    case CP_ITEM_LINE:
        g_string_append(s, "line  ");
        mm(s, it->x);
        g_string_append_c(s, ' ');
        mm(s, it->y);
        g_string_append(s, " -> ");
        mm(s, it->x + it->w);
        g_string_append_c(s, ' ');
        mm(s, it->y + it->h);
        g_string_append(s, "  ");
        num(s, "%.2f", it->line_width);
        g_string_append(s, "pt ");
        color(s, it->color);
        break;
    case CP_ITEM_IMAGE:
        g_string_append(s, "image ");
        box(s, it->x, it->y, it->w, it->h);
        g_string_append_printf(s, "  %dx%d px", cairo_image_surface_get_width(it->image),
                               cairo_image_surface_get_height(it->image));
        break;
    case CP_ITEM_QR:
        g_string_append(s, "qr    ");
        box(s, it->x, it->y, it->w, it->h);
        g_string_append_printf(s, "  %d modules of ", it->modules_width);
        num(s, "%.2f", it->w / it->modules_width * MM_PER_PT);
        g_string_append(s, " mm ");
        color(s, it->color);
        break;
    case CP_ITEM_PAGE: {
        g_string_append(s, "page  ");
        box(s, it->x, it->y, it->w, it->h);
        const char *name = g_hash_table_lookup(d->names, it->sub);
        g_string_append_printf(s, "  %s%s", name ? name : "",
                               it->sub_links ? (name ? " links" : "links")
                                             : (name ? " no links" : "no links"));
        if (name)
            break;
        // A page of no output (a poster's column of one translation): its
        // items follow, indented, from its own top-left corner.
        g_string_append_printf(s, ", %u items:\n", it->sub->items->len);
        char *deeper = g_strconcat(indent, "  ", NULL);
        dump_page(d, it->sub, deeper);
        g_free(deeper);
        return;
    }
    }
    g_string_append_c(s, '\n');
}

static void dump_page(Dump *d, const CpPage *page, const char *indent)
{
    for (guint i = 0; i < page->items->len; i++)
        dump_item(d, &g_array_index(page->items, CpItem, i), indent);
}

static void on_pages(void *data, const char *file, CpPage *const *pages, size_t n)
{
    Dump *d = data;
    g_string_append_printf(d->out, "== %s\n", file);
    for (size_t p = 0; p < n; p++) {
        // Sheets come after the pages they copy: the names of an output's
        // pages are looked up before they are freed (the next output's
        // pages may reuse their addresses, and replace their names).
        g_hash_table_insert(d->names, pages[p], g_strdup_printf("%s p%zu", file, p + 1));
        g_string_append_printf(d->out, "-- page %zu  ", p + 1);
        mm(d->out, pages[p]->width);
        g_string_append(d->out, " x ");
        mm(d->out, pages[p]->height);
        g_string_append(d->out, " mm\n");
        dump_page(d, pages[p], "");
    }
}

int main(int argc, char **argv)
{
    // As cocprint does.
    options_set_locale();
    // cocprint's own options; it lays everything out as --check does.
    CpArgs args;
    CpExit rc = options_parse(&args, argc, argv);
    Dump d = {g_string_new(NULL), g_hash_table_new_full(NULL, NULL, NULL, g_free)};
    if (rc == CP_EXIT_OK && !args.version) {
        args.opt.quiet = true;
        args.opt.check = true;
        args.opt.on_pages = on_pages;
        args.opt.on_pages_data = &d;
        rc = run(&args.opt);
        fwrite(d.out->str, 1, d.out->len, stdout);
    }
    g_string_free(d.out, TRUE);
    g_hash_table_destroy(d.names);
    options_finish(&args);
    return (int)rc;
}
