/* pdfcheck: test helper for cocprint. Inspects a PDF with poppler and runs
 * simple pass/fail checks on it (page size, page count, embedded fonts, safe
 * margins, "nothing lost" between the Markdown source and the PDF text).
 *
 * Exit status: 0 check passed, 1 check failed (reason on stderr),
 * 2 usage error or unreadable input.
 *
 * Coordinates: page sizes and boxes are reported from the top-left corner of
 * the page; poppler's text boxes already use that origin, link areas (PDF
 * user space, origin bottom-left) are flipped to match.
 */
#include "markdown.h"
#include <cairo.h>
#include <glib.h>
#include <poppler.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RC_PASS = 0, RC_FAIL = 1, RC_USAGE = 2 };

#define MM_PER_PT (25.4 / 72.0)
#define DEFAULT_SIZE_TOL_MM 0.1
#define SAFE_TOL_PT 0.01
#define MAX_SAFE_REPORT 10
#define MAX_WORDS_REPORT 20

static const char usage_text_grid[] =
    "  pdfcheck letters FILE.md FILE.pdf     every letter of the source, as often, in the PDF\n"
    "  pdfcheck grid FILE.pdf COLS ROWS X0 Y0 PITCH_X PITCH_Y W H MARGIN_MM\n"
    "  pdfcheck marks FILE.pdf COLS ROWS X0 Y0 PITCH_X PITCH_Y W H SAFE_MM\n"
    "  pdfcheck outline FILE.pdf COLS ROWS X0 Y0 PITCH_X PITCH_Y W H   (an --outline sheet)\n";

static const char usage_text[] =
    "usage: pdfcheck COMMAND ARGS...\n"
    "  info FILE.pdf                          pages, page sizes (mm), fonts, URI links, metadata\n"
    "  size FILE.pdf WIDTH_MM HEIGHT_MM [TOL_MM]  every page has this size (default tol 0.1)\n"
    "  pages FILE.pdf N                       the document has exactly N pages\n"
    "  embedded FILE.pdf                      there are fonts and all are embedded\n"
    "  safe FILE.pdf MARGIN_MM                all glyph boxes lie MARGIN_MM inside the page\n"
    "  minsize FILE.pdf PT                    no text is set under PT points\n"
    "  text FILE.pdf                          print the text, pages separated by form feeds\n"
    "  words FILE.md FILE.pdf [--ordered]     every source word appears in the PDF (in order)\n"
    "  inkbox FILE.pdf                        per page bounding box (mm) of all glyph boxes\n"
    "  bands FILE.pdf                         page 1: tallest blank band and contacts panel "
    "height, over the page height\n"
    "exit status: 0 pass, 1 check failed, 2 usage error or unreadable file\n";

static int usage(void)
{
    fputs(usage_text, stderr);
    fputs(usage_text_grid, stderr);
    return RC_USAGE;
}

static int bad_argument(const char *arg)
{
    fprintf(stderr, "pdfcheck: invalid argument '%s'\n", arg);
    return usage();
}

static double pt_to_mm(double pt)
{
    return pt * MM_PER_PT;
}

static double mm_to_pt(double mm)
{
    return mm / MM_PER_PT;
}

/* Parses a non-negative decimal number; g_ascii_strtod ignores the locale. */
static gboolean parse_number(const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = g_ascii_strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !isfinite(v) || v < 0)
        return FALSE;
    *out = v;
    return TRUE;
}

static PopplerDocument *open_document(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    GError *err = NULL;

    if (!g_file_get_contents(path, &data, &len, &err)) {
        fprintf(stderr, "pdfcheck: %s\n", err->message);
        g_error_free(err);
        return NULL;
    }
    /* The document keeps its own reference to the bytes. */
    GBytes *bytes = g_bytes_new_take(data, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    g_bytes_unref(bytes);
    if (doc == NULL) {
        fprintf(stderr, "pdfcheck: %s: %s\n", path, err->message);
        g_error_free(err);
    }
    return doc;
}

/* Page size in points, as displayed (poppler swaps for /Rotate 90 and 270). */
static void page_size_pt(PopplerDocument *doc, int index, double *w, double *h)
{
    PopplerPage *page = poppler_document_get_page(doc, index);
    poppler_page_get_size(page, w, h);
    g_object_unref(page);
}

/* ---- character boxes ---------------------------------------------------- */

typedef void (*CharFn)(gunichar c, const PopplerRectangle *box, void *data);

/* Calls fn for every non-whitespace character of the page with its box in
 * points (origin top-left). poppler_page_get_text_layout returns exactly one
 * rectangle per character of poppler_page_get_text (spaces and line breaks
 * included), so the two are walked in step. The boxes come from the font's
 * ascent and descent, not the glyph outline, so they are taller than the ink.
 * Poppler drops characters whose origin lies off the page: those never get
 * here (the words check notices them instead). */
static void for_each_ink_char(PopplerPage *page, CharFn fn, void *data)
{
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint n_rects = 0;

    if (text != NULL && poppler_page_get_text_layout(page, &rects, &n_rects)) {
        guint n_chars = (guint)g_utf8_strlen(text, -1);
        if (n_chars != n_rects)
            fprintf(stderr, "pdfcheck: warning: page %d: %u characters but %u boxes\n",
                    poppler_page_get_index(page) + 1, n_chars, n_rects);
        guint i = 0;
        for (const char *p = text; *p != '\0' && i < n_rects; p = g_utf8_next_char(p), i++) {
            gunichar c = g_utf8_get_char(p);
            if (!g_unichar_isspace(c))
                fn(c, &rects[i], data);
        }
    }
    g_free(rects);
    g_free(text);
}

/* ---- info --------------------------------------------------------------- */

static const char *font_type_name(PopplerFontType type)
{
    switch (type) {
    case POPPLER_FONT_TYPE_TYPE1:
        return "Type1";
    case POPPLER_FONT_TYPE_TYPE1C:
        return "Type1C";
    case POPPLER_FONT_TYPE_TYPE1COT:
        return "Type1COT";
    case POPPLER_FONT_TYPE_TYPE3:
        return "Type3";
    case POPPLER_FONT_TYPE_TRUETYPE:
        return "TrueType";
    case POPPLER_FONT_TYPE_TRUETYPEOT:
        return "TrueTypeOT";
    case POPPLER_FONT_TYPE_CID_TYPE0:
        return "CIDType0";
    case POPPLER_FONT_TYPE_CID_TYPE0C:
        return "CIDType0C";
    case POPPLER_FONT_TYPE_CID_TYPE0COT:
        return "CIDType0COT";
    case POPPLER_FONT_TYPE_CID_TYPE2:
        return "CIDType2";
    case POPPLER_FONT_TYPE_CID_TYPE2OT:
        return "CIDType2OT";
    default:
        return "unknown";
    }
}

/* Returns an iterator over all fonts of the document, or NULL if there are
 * none. A single scan over all pages: scanning page by page would stop at the
 * first page without fonts, since the scan then reports "nothing more". */
static PopplerFontsIter *scan_fonts(PopplerDocument *doc)
{
    PopplerFontInfo *info = poppler_font_info_new(doc);
    PopplerFontsIter *iter = NULL;

    if (!poppler_font_info_scan(info, poppler_document_get_n_pages(doc), &iter))
        iter = NULL;
    poppler_font_info_free(info);
    return iter;
}

static const char *font_name(PopplerFontsIter *iter)
{
    const char *name = poppler_fonts_iter_get_name(iter);
    if (name == NULL)
        name = poppler_fonts_iter_get_full_name(iter);
    return name != NULL ? name : "(unnamed)";
}

static void print_fonts(PopplerDocument *doc)
{
    PopplerFontsIter *iter = scan_fonts(doc);
    if (iter == NULL)
        return;
    do {
        printf("font %s embedded=%s subset=%s type=%s\n", font_name(iter),
               poppler_fonts_iter_is_embedded(iter) ? "yes" : "no",
               poppler_fonts_iter_is_subset(iter) ? "yes" : "no",
               font_type_name(poppler_fonts_iter_get_font_type(iter)));
    } while (poppler_fonts_iter_next(iter));
    poppler_fonts_iter_free(iter);
}

static void print_links(PopplerDocument *doc)
{
    int n_pages = poppler_document_get_n_pages(doc);
    for (int i = 0; i < n_pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        double w, h;
        poppler_page_get_size(page, &w, &h);
        GList *mapping = poppler_page_get_link_mapping(page);
        for (GList *l = mapping; l != NULL; l = l->next) {
            const PopplerLinkMapping *m = l->data;
            if (m->action == NULL || m->action->type != POPPLER_ACTION_URI)
                continue;
            /* Link areas are in PDF user space (y up); flip to top-left origin. */
            const PopplerRectangle *a = &m->area;
            printf("link %d %s %.2f %.2f %.2f %.2f\n", i + 1,
                   m->action->uri.uri ? m->action->uri.uri : "", fmin(a->x1, a->x2),
                   h - fmax(a->y1, a->y2), fmax(a->x1, a->x2), h - fmin(a->y1, a->y2));
        }
        poppler_page_free_link_mapping(mapping);
        g_object_unref(page);
    }
}

static void print_meta(PopplerDocument *doc)
{
    char *title = poppler_document_get_title(doc);
    char *author = poppler_document_get_author(doc);
    char *subject = poppler_document_get_subject(doc);
    char *creator = poppler_document_get_creator(doc);
    printf("meta title=%s author=%s subject=%s creator=%s\n", title ? title : "",
           author ? author : "", subject ? subject : "", creator ? creator : "");
    g_free(title);
    g_free(author);
    g_free(subject);
    g_free(creator);
}

static int cmd_info(PopplerDocument *doc)
{
    int n_pages = poppler_document_get_n_pages(doc);
    printf("pages %d\n", n_pages);
    for (int i = 0; i < n_pages; i++) {
        double w, h;
        page_size_pt(doc, i, &w, &h);
        printf("page %d %.2f %.2f\n", i + 1, pt_to_mm(w), pt_to_mm(h));
    }
    print_fonts(doc);
    print_links(doc);
    print_meta(doc);
    return RC_PASS;
}

/* ---- size, pages, embedded ---------------------------------------------- */

static int cmd_size(PopplerDocument *doc, double want_w, double want_h, double tol)
{
    int n_pages = poppler_document_get_n_pages(doc);
    int bad = 0;
    for (int i = 0; i < n_pages; i++) {
        double w, h;
        page_size_pt(doc, i, &w, &h);
        double w_mm = pt_to_mm(w), h_mm = pt_to_mm(h);
        if (fabs(w_mm - want_w) > tol || fabs(h_mm - want_h) > tol) {
            fprintf(
                stderr,
                "pdfcheck: size: page %d is %.2f x %.2f mm, expected %.2f x %.2f mm (tol %.2f)\n",
                i + 1, w_mm, h_mm, want_w, want_h, tol);
            bad++;
        }
    }
    return bad == 0 ? RC_PASS : RC_FAIL;
}

static int cmd_pages(PopplerDocument *doc, int want)
{
    int n_pages = poppler_document_get_n_pages(doc);
    if (n_pages == want)
        return RC_PASS;
    fprintf(stderr, "pdfcheck: pages: document has %d pages, expected %d\n", n_pages, want);
    return RC_FAIL;
}

static int cmd_embedded(PopplerDocument *doc)
{
    PopplerFontsIter *iter = scan_fonts(doc);
    if (iter == NULL) {
        fprintf(stderr, "pdfcheck: embedded: the document uses no fonts\n");
        return RC_FAIL;
    }
    int bad = 0;
    do {
        if (!poppler_fonts_iter_is_embedded(iter)) {
            fprintf(stderr, "pdfcheck: embedded: font %s (%s) is not embedded\n", font_name(iter),
                    font_type_name(poppler_fonts_iter_get_font_type(iter)));
            bad++;
        }
    } while (poppler_fonts_iter_next(iter));
    poppler_fonts_iter_free(iter);
    return bad == 0 ? RC_PASS : RC_FAIL;
}

/* ---- safe ---------------------------------------------------------------- */

typedef struct {
    int page_no;
    double width, height; /* page, points */
    double margin;        /* points */
    int count;            /* offending characters so far */
    GString *report;      /* the first MAX_SAFE_REPORT of them */
} SafeCheck;

static void safe_char(gunichar c, const PopplerRectangle *box, void *data)
{
    SafeCheck *sc = data;
    double lo = sc->margin - SAFE_TOL_PT;
    if (box->x1 >= lo && box->y1 >= lo && sc->width - box->x2 >= lo && sc->height - box->y2 >= lo)
        return;
    if (sc->count++ >= MAX_SAFE_REPORT)
        return;
    char utf8[8] = {0};
    g_unichar_to_utf8(c, utf8);
    g_string_append_printf(sc->report,
                           "  page %d '%s' at %.2f %.2f %.2f %.2f mm "
                           "(left %.2f, top %.2f, right %.2f, bottom %.2f mm from the edges)\n",
                           sc->page_no, utf8, pt_to_mm(box->x1), pt_to_mm(box->y1),
                           pt_to_mm(box->x2), pt_to_mm(box->y2), pt_to_mm(box->x1),
                           pt_to_mm(box->y1), pt_to_mm(sc->width - box->x2),
                           pt_to_mm(sc->height - box->y2));
}

/* Every run of text is set at MIN_PT or more (poppler's font size of each
 * text attribute run). */
static int cmd_minsize(PopplerDocument *doc, double min_pt)
{
    int n_pages = poppler_document_get_n_pages(doc), rc = RC_PASS;
    for (int i = 0; i < n_pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *text = poppler_page_get_text(page);
        GList *attrs = poppler_page_get_text_attributes(page);
        for (GList *l = attrs; l; l = l->next) {
            const PopplerTextAttributes *a = l->data;
            if (a->font_size < min_pt - 0.01 && rc == RC_PASS) {
                char *run = g_utf8_substring(text, a->start_index,
                                             MIN(a->end_index + 1, a->start_index + 30));
                fprintf(stderr, "page %d: \"%s\" is set at %.2f pt, under %.2f\n", i + 1, run,
                        a->font_size, min_pt);
                g_free(run);
                rc = RC_FAIL;
            }
        }
        poppler_page_free_text_attributes(attrs);
        g_free(text);
        g_object_unref(page);
    }
    return rc;
}

static int cmd_safe(PopplerDocument *doc, double margin_mm)
{
    SafeCheck sc = {.margin = mm_to_pt(margin_mm), .report = g_string_new(NULL)};
    int n_pages = poppler_document_get_n_pages(doc);
    for (int i = 0; i < n_pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        sc.page_no = i + 1;
        poppler_page_get_size(page, &sc.width, &sc.height);
        for_each_ink_char(page, safe_char, &sc);
        g_object_unref(page);
    }
    if (sc.count > 0) {
        fprintf(stderr, "pdfcheck: safe: %d characters closer than %.2f mm to a page edge:\n%s",
                sc.count, margin_mm, sc.report->str);
        if (sc.count > MAX_SAFE_REPORT)
            fprintf(stderr, "  ... and %d more\n", sc.count - MAX_SAFE_REPORT);
    }
    g_string_free(sc.report, TRUE);
    return sc.count == 0 ? RC_PASS : RC_FAIL;
}

/* ---- text, inkbox -------------------------------------------------------- */

static int cmd_text(PopplerDocument *doc)
{
    int n_pages = poppler_document_get_n_pages(doc);
    for (int i = 0; i < n_pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *text = poppler_page_get_text(page);
        if (i > 0)
            putchar('\f');
        if (text != NULL)
            fputs(text, stdout);
        g_free(text);
        g_object_unref(page);
    }
    return RC_PASS;
}

typedef struct {
    gboolean any;
    PopplerRectangle box;
} InkBox;

static void inkbox_char(gunichar c, const PopplerRectangle *r, void *data)
{
    InkBox *ink = data;
    (void)c;
    if (!ink->any) {
        ink->box = *r;
        ink->any = TRUE;
        return;
    }
    ink->box.x1 = fmin(ink->box.x1, r->x1);
    ink->box.y1 = fmin(ink->box.y1, r->y1);
    ink->box.x2 = fmax(ink->box.x2, r->x2);
    ink->box.y2 = fmax(ink->box.y2, r->y2);
}

static int cmd_inkbox(PopplerDocument *doc)
{
    int n_pages = poppler_document_get_n_pages(doc);
    for (int i = 0; i < n_pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        InkBox ink = {0};
        for_each_ink_char(page, inkbox_char, &ink);
        if (ink.any)
            printf("page %d %.2f %.2f %.2f %.2f\n", i + 1, pt_to_mm(ink.box.x1),
                   pt_to_mm(ink.box.y1), pt_to_mm(ink.box.x2), pt_to_mm(ink.box.y2));
        else
            printf("page %d none\n", i + 1);
        g_object_unref(page);
    }
    return RC_PASS;
}

/* ---- word normalisation -------------------------------------------------- */

/* Characters that vanish: soft hyphen, zero-width and bidi controls. */
static gboolean is_invisible(gunichar c)
{
    return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           c == 0x2060 || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

/* Maps typographic variants to the ASCII character compared; 0 drops it. */
static gunichar fold_char(gunichar c)
{
    switch (c) {
    case 0x2018: /* ‘ ’ ‚ ‛ and primes */
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2035:
        return '\'';
    case 0x201C: /* “ ” „ ‟ and double primes */
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x2036:
        return '"';
    case 0x2010: /* hyphen, non-breaking hyphen, figure/en/em dash, bar, minus */
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
        return '-';
    default:
        break;
    }
    if (is_invisible(c))
        return 0;
    if (g_unichar_isspace(c)) /* includes NBSP and the other Zs spaces */
        return ' ';
    return c;
}

static char *fold_string(const char *s)
{
    GString *out = g_string_sized_new(strlen(s));
    for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = fold_char(g_utf8_get_char(p));
        if (c != 0)
            g_string_append_unichar(out, c);
    }
    return g_string_free(out, FALSE);
}

/* Normalises text for comparison; the result may contain ASCII spaces.
 * Folding runs before NFKC (which would turn a double prime into two primes)
 * and again after it, since NFKC itself yields some of the folded
 * characters (U+2011 becomes U+2010, small and fullwidth dashes, ...). */
static char *normalise(const char *s)
{
    char *pre = fold_string(s);
    char *nfkc = g_utf8_normalize(pre, -1, G_NORMALIZE_ALL_COMPOSE);
    char *lower = g_utf8_casefold(nfkc != NULL ? nfkc : pre, -1);
    char *out = fold_string(lower);
    g_free(pre);
    g_free(nfkc);
    g_free(lower);
    return out;
}

static gboolean is_punct(gunichar c)
{
    switch (g_unichar_type(c)) {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
        return TRUE;
    default:
        return FALSE;
    }
}

/* Copy of word without leading and trailing punctuation ("(e-mail)," ->
 * "e-mail"); inner punctuation stays. */
static char *strip_punct(const char *word)
{
    const char *start = word;
    while (*start != '\0' && is_punct(g_utf8_get_char(start)))
        start = g_utf8_next_char(start);
    const char *end = start + strlen(start);
    while (end > start) {
        const char *prev = g_utf8_prev_char(end);
        if (!is_punct(g_utf8_get_char(prev)))
            break;
        end = prev;
    }
    return g_strndup(start, (gsize)(end - start));
}

/* Normalises text and appends its non-empty words (split on spaces,
 * punctuation stripped) to words as newly allocated strings. */
static void append_words(GPtrArray *words, const char *text)
{
    char *norm = normalise(text);
    char **parts = g_strsplit(norm, " ", -1);
    for (char **p = parts; *p != NULL; p++) {
        char *w = strip_punct(*p);
        if (*w != '\0')
            g_ptr_array_add(words, w);
        else
            g_free(w);
    }
    g_strfreev(parts);
    g_free(norm);
}

/* ---- source words -------------------------------------------------------- */

typedef struct {
    char *norm; /* normalised, compared with the PDF */
    char *orig; /* as written, for messages */
    int line;   /* 1-based source line */
} SrcWord;

static void src_word_clear(gpointer p)
{
    SrcWord *w = p;
    g_free(w->norm);
    g_free(w->orig);
}

typedef struct {
    GArray *words;    /* SrcWord */
    GString *pending; /* word being assembled; it may span inline nodes (**a**b) */
    int pending_line;
    int line; /* source line of the text being read */
} SrcCollector;

static void flush_word(SrcCollector *sc)
{
    if (sc->pending->len == 0)
        return;
    GPtrArray *parts = g_ptr_array_new();
    append_words(parts, sc->pending->str);
    for (guint i = 0; i < parts->len; i++) {
        SrcWord w = {parts->pdata[i], g_strdup(sc->pending->str), sc->pending_line};
        g_array_append_val(sc->words, w);
    }
    g_ptr_array_free(parts, TRUE); /* the strings now belong to sc->words */
    g_string_truncate(sc->pending, 0);
}

static void add_text(SrcCollector *sc, const char *text)
{
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c)) {
            flush_word(sc);
            if (c == '\n')
                sc->line++;
            continue;
        }
        if (sc->pending->len == 0)
            sc->pending_line = sc->line;
        g_string_append_unichar(sc->pending, c);
    }
}

static int count_char(const char *s, char c)
{
    int n = 0;
    for (; *s != '\0'; s++)
        n += *s == c;
    return n;
}

/* First source line of a code block's content: one after the opening fence
 * for fenced blocks, which span more lines than their literal holds. */
static int code_first_line(cmark_node *node, const char *literal)
{
    int start = cmark_node_get_start_line(node);
    int span = cmark_node_get_end_line(node) - start + 1;
    return span > count_char(literal, '\n') ? start + 1 : start;
}

/* Collects the printed words of a Markdown document: text, code spans and
 * code blocks. Raw HTML is not rendered and image alt text is not printed. */
static void collect_source_words(cmark_node *root, SrcCollector *sc)
{
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type ev;
    int skip = 0; /* inside <script> or <style> */

    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);

        if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
            flush_word(sc); /* block boundaries separate words */
            if (ev == CMARK_EVENT_ENTER)
                sc->line = cmark_node_get_start_line(node);
        }
        if (ev != CMARK_EVENT_ENTER)
            continue;

        const char *literal = cmark_node_get_literal(node);
        switch (type) {
        case CMARK_NODE_HTML_INLINE:
            /* The text between <script> and </script> is not printed. */
            if (g_ascii_strncasecmp(literal, "<script", 7) == 0 ||
                g_ascii_strncasecmp(literal, "<style", 6) == 0)
                skip++;
            else if ((g_ascii_strncasecmp(literal, "</script", 8) == 0 ||
                      g_ascii_strncasecmp(literal, "</style", 7) == 0) &&
                     skip > 0)
                skip--;
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            if (skip == 0)
                add_text(sc, literal);
            break;
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            /* Its number is printed raised, against the word before it. */
            add_text(sc, literal);
            cmark_iter_reset(iter, node, CMARK_EVENT_EXIT);
            break;
        case CMARK_NODE_CODE_BLOCK:
            sc->line = code_first_line(node, literal);
            add_text(sc, literal);
            flush_word(sc);
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            flush_word(sc);
            sc->line++;
            break;
        case CMARK_NODE_IMAGE:
            /* Jump past the children: alt text is not printed. */
            cmark_iter_reset(iter, node, CMARK_EVENT_EXIT);
            break;
        default: /* HTML_BLOCK, HTML_INLINE and containers: nothing printed */
            break;
        }
    }
    flush_word(sc);
    cmark_iter_free(iter);
}

/* Strips "\r" and trailing blanks so "---  \r" still counts as a fence. */
static gboolean line_is(const char *line, size_t len, const char *fence)
{
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    return len == strlen(fence) && memcmp(line, fence, len) == 0;
}

/* Length of a leading front matter block including its closing line, or 0:
 * "---" closed by "---" or "..." (YAML), or "+++" closed by "+++" (TOML). */
static size_t front_matter_len(const char *s, size_t len)
{
    size_t pos = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) /* UTF-8 BOM */
        pos = 3;

    const char *nl = memchr(s + pos, '\n', len - pos);
    if (nl == NULL)
        return 0;
    size_t first_len = (size_t)(nl - (s + pos));
    gboolean yaml = line_is(s + pos, first_len, "---");
    if (!yaml && !line_is(s + pos, first_len, "+++"))
        return 0;

    pos = (size_t)(nl - s) + 1;
    while (pos < len) {
        nl = memchr(s + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - s) : len;
        const char *line = s + pos;
        size_t line_len = end - pos;
        if (yaml ? (line_is(line, line_len, "---") || line_is(line, line_len, "..."))
                 : line_is(line, line_len, "+++"))
            return nl != NULL ? end + 1 : len;
        pos = end + 1;
    }
    return 0; /* never closed: not front matter */
}

/* Reads the Markdown source words, or returns NULL if the file is unreadable. */
static GArray *read_source_words(const char *path)
{
    gchar *raw = NULL;
    gsize raw_len = 0;
    GError *err = NULL;

    if (!g_file_get_contents(path, &raw, &raw_len, &err)) {
        fprintf(stderr, "pdfcheck: %s\n", err->message);
        g_error_free(err);
        return NULL;
    }
    char *text = g_utf8_make_valid(raw, (gssize)raw_len);
    g_free(raw);

    /* Replace the front matter by as many empty lines, so that cmark's line
     * numbers still match the file. */
    size_t len = strlen(text);
    size_t fm = front_matter_len(text, len);
    GString *md = g_string_new(NULL);
    for (size_t i = 0; i < fm; i++)
        if (text[i] == '\n')
            g_string_append_c(md, '\n');
    g_string_append(md, text + fm);
    g_free(text);

    size_t body_len;
    char *body = markdown_strip_extras(md->str, md->len, &body_len, NULL);
    cmark_node *root = markdown_parse(body, body_len, CMARK_OPT_SMART);
    g_free(body);
    SrcCollector sc = {
        .words = g_array_new(FALSE, FALSE, sizeof(SrcWord)),
        .pending = g_string_new(NULL),
        .line = 1,
    };
    g_array_set_clear_func(sc.words, src_word_clear);
    collect_source_words(root, &sc);
    g_string_free(sc.pending, TRUE);
    cmark_node_free(root);
    g_string_free(md, TRUE);
    return sc.words;
}

/* ---- PDF words ----------------------------------------------------------- */

/* The renderer may break a word at a line end: "harass-" + "ment", or a URL
 * after '/' over several lines. A hyphen it adds may extract as '-', as a
 * soft hyphen (dropped by normalise) or not at all. So the last word of a
 * line is also offered joined with the first word of the next line(s), with
 * and without its trailing hyphen. */
#define MAX_JOIN_LINES 400 /* a 5,000-letter word runs over some 150 poster lines */

/* A candidate word of the PDF: span consecutive PDF words joined, starting at
 * PDF word number first (span 1 is the word alone). */
typedef struct {
    guint first;
    guint span;
    char *text;
} PdfForm;

static void pdf_form_clear(gpointer p)
{
    g_free(((PdfForm *)p)->text);
}

static void add_form(GArray *forms, guint first, guint span, const char *raw)
{
    PdfForm f = {first, span, strip_punct(raw)};
    if (*f.text != '\0')
        g_array_append_val(forms, f);
    else
        g_free(f.text);
}

/* Appends the normalised words of every non-empty line of text to lines,
 * one GStrv per line. Punctuation is not stripped yet: joins need to see a
 * line-end hyphen. */
static void split_lines(GPtrArray *lines, const char *text)
{
    char **raw_lines = g_strsplit_set(text, "\r\n", -1);
    for (char **l = raw_lines; *l != NULL; l++) {
        char *norm = normalise(*l);
        char **tokens = g_strsplit(norm, " ", -1);
        GPtrArray *kept = g_ptr_array_new();
        for (char **t = tokens; *t != NULL; t++)
            if (**t != '\0')
                g_ptr_array_add(kept, g_strdup(*t));
        g_strfreev(tokens);
        g_free(norm);
        if (kept->len > 0) {
            g_ptr_array_add(kept, NULL);
            g_ptr_array_add(lines, g_ptr_array_free(kept, FALSE));
        } else {
            g_ptr_array_free(kept, TRUE);
        }
    }
    g_strfreev(raw_lines);
}

/* Adds s, and s without its trailing hyphen if it has one, as join prefixes. */
static void add_prefixes(GPtrArray *prefixes, const char *s)
{
    size_t len = strlen(s);
    g_ptr_array_add(prefixes, g_strdup(s));
    if (len > 1 && s[len - 1] == '-')
        g_ptr_array_add(prefixes, g_strndup(s, len - 1));
}

/* A line that is only a page number, "3/8". */
static gboolean is_folio(char **tokens)
{
    return tokens[1] == NULL && g_regex_match_simple("^[0-9]+/[0-9]+$", tokens[0], 0, 0);
}

/* Adds the joins of the last word of line l (PDF word number first) with the
 * first words of the following lines. A join only goes on past a line that
 * holds a single word, since otherwise that word cannot continue. */
static void add_line_joins(GArray *forms, const GPtrArray *lines, guint l, guint first)
{
    char **tokens = lines->pdata[l];
    GPtrArray *prefixes = g_ptr_array_new_with_free_func(g_free);
    add_prefixes(prefixes, tokens[g_strv_length(tokens) - 1]);

    for (guint step = 1; step < MAX_JOIN_LINES && l + step < lines->len && prefixes->len > 0;
         step++) {
        char **next = lines->pdata[l + step];
        if (is_folio(next))
            continue; // a handout's page number stands between a page's last line and the next
        GPtrArray *longer = g_ptr_array_new_with_free_func(g_free);
        for (guint i = 0; i < prefixes->len; i++) {
            char *joined = g_strconcat(prefixes->pdata[i], next[0], NULL);
            add_form(forms, first, step + 1, joined);
            if (next[1] == NULL)
                add_prefixes(longer, joined);
            g_free(joined);
        }
        g_ptr_array_free(prefixes, TRUE);
        prefixes = longer;
    }
    g_ptr_array_free(prefixes, TRUE);
}

/* Reads the candidate words of the PDF, sorted by their first PDF word. */
/* The PDF's text in the order it was drawn (pdftotext -raw, poppler's own
 * tool): the reading order cocprint set, where poppler's layout analysis
 * would interleave the lines of side-by-side columns. NULL on failure. */
static char *raw_text(const char *pdf_path)
{
    char *argv[] = {"pdftotext", "-raw", "-enc", "UTF-8", (char *)pdf_path, "-", NULL};
    char *text = NULL;
    int status = 0;
    if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                      NULL, &text, NULL, &status, NULL) ||
        status != 0) {
        g_free(text);
        return NULL;
    }
    return text;
}

static GArray *read_pdf_forms(PopplerDocument *doc, const char *raw)
{
    /* Lines run on across pages: a word may be broken at a page end too. */
    GPtrArray *lines = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    int n_pages = raw ? 0 : poppler_document_get_n_pages(doc);
    if (raw)
        split_lines(lines, raw);
    for (int i = 0; i < n_pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        char *text = poppler_page_get_text(page);
        if (text != NULL)
            split_lines(lines, text);
        g_free(text);
        g_object_unref(page);
    }

    GArray *forms = g_array_new(FALSE, FALSE, sizeof(PdfForm));
    g_array_set_clear_func(forms, pdf_form_clear);
    guint word = 0;
    for (guint l = 0; l < lines->len; l++) {
        char **tokens = lines->pdata[l];
        for (guint k = 0; tokens[k] != NULL; k++, word++) {
            add_form(forms, word, 1, tokens[k]);
            if (tokens[k + 1] == NULL)
                add_line_joins(forms, lines, l, word);
        }
    }
    g_ptr_array_free(lines, TRUE);
    return forms;
}

/* Greedy in-order match: finds word among forms[*fpos..] and moves *fpos past
 * every form that starts within the PDF words the match used up. */
static gboolean match_in_order(const GArray *forms, guint *fpos, const char *word)
{
    for (guint k = *fpos; k < forms->len; k++) {
        const PdfForm *f = &g_array_index(forms, PdfForm, k);
        if (strcmp(f->text, word) != 0)
            continue;
        guint next_word = f->first + f->span;
        while (k < forms->len && g_array_index(forms, PdfForm, k).first < next_word)
            k++;
        *fpos = k;
        return TRUE;
    }
    return FALSE;
}

/* ---- words --------------------------------------------------------------- */

static int cmd_words(const char *md_path, const char *pdf_path, gboolean ordered)
{
    GArray *src = read_source_words(md_path);
    if (src == NULL)
        return RC_USAGE;
    PopplerDocument *doc = open_document(pdf_path);
    if (doc == NULL) {
        g_array_free(src, TRUE);
        return RC_USAGE;
    }
    char *raw = raw_text(pdf_path);
    if (!raw) {
        fprintf(stderr, "pdfcheck: words: pdftotext cannot read %s\n", pdf_path);
        g_object_unref(doc);
        g_array_free(src, TRUE);
        return RC_USAGE;
    }
    /* Ordered: the text in the order it was drawn. Present: in that text or
     * in poppler's reading, which joins the cells of a table row on one line
     * ("AnaVolunteer") that the drawn order keeps apart. */
    GArray *forms = read_pdf_forms(doc, raw);
    GArray *read = read_pdf_forms(doc, NULL);
    g_free(raw);
    g_object_unref(doc);

    GHashTable *present = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint k = 0; k < forms->len; k++)
        g_hash_table_add(present, g_array_index(forms, PdfForm, k).text);
    for (guint k = 0; k < read->len; k++)
        g_hash_table_add(present, g_array_index(read, PdfForm, k).text);

    GString *report = g_string_new(NULL);
    guint missing = 0;
    guint fpos = 0; /* --ordered: first form that may still match */
    for (guint i = 0; i < src->len; i++) {
        const SrcWord *sw = &g_array_index(src, SrcWord, i);
        const char *why = "missing";
        gboolean found = g_hash_table_contains(present, sw->norm);
        if (found && ordered) {
            found = match_in_order(forms, &fpos, sw->norm);
            why = "out of order";
        }
        if (found)
            continue;
        if (missing++ < MAX_WORDS_REPORT)
            g_string_append_printf(report, "  word %u (line %d): \"%.60s\" [%.60s] %s\n", i + 1,
                                   sw->line, sw->orig, sw->norm, why);
    }

    if (missing > 0) {
        fprintf(stderr, "pdfcheck: words: %u of %u source words of %s not found%s in %s:\n%s",
                missing, src->len, md_path, ordered ? " in order" : "", pdf_path, report->str);
        if (missing > MAX_WORDS_REPORT)
            fprintf(stderr, "  ... and %u more\n", missing - MAX_WORDS_REPORT);
    }
    g_string_free(report, TRUE);
    g_hash_table_destroy(present);
    g_array_free(forms, TRUE);
    g_array_free(read, TRUE);
    g_array_free(src, TRUE);
    return missing == 0 ? RC_PASS : RC_FAIL;
}

/* ---- letters -------------------------------------------------------------- */

static void count_chars(GHashTable *counts, const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        // A hyphen ending a line may be taken for a line-break hyphen and
        // dropped; poppler's text of Arabic vowel marks (harakat, hamza
        // above) does not always follow the cluster they sit on.
        if (g_unichar_isspace(c) || c == '-' || (c >= 0x064B && c <= 0x065F) || c == 0x0670)
            continue;
        gpointer key = GUINT_TO_POINTER(c);
        g_hash_table_insert(
            counts, key, GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(counts, key)) + 1));
    }
}

/* Every letter of the source's words is in the PDF as often as in the
 * source: for scripts without spaces between words (CJK), where line breaks
 * fall inside what the words check would see as one word, and where the
 * PDF's reading order of right-to-left lines is not the source's. */
static int cmd_letters(const char *md_path, const char *pdf_path)
{
    GArray *src = read_source_words(md_path);
    if (src == NULL)
        return RC_USAGE;
    // poppler's own pdftotext: poppler-glib's page text (22.12) drops whole
    // lines of some right-to-left pages, pdftotext keeps them.
    char *argv[] = {"pdftotext", "-enc", "UTF-8", (char *)pdf_path, "-", NULL};
    char *text = NULL;
    int status = 0;
    if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                      NULL, &text, NULL, &status, NULL) ||
        status != 0) {
        fprintf(stderr, "pdfcheck: letters: pdftotext cannot read %s\n", pdf_path);
        g_free(text);
        g_array_free(src, TRUE);
        return RC_USAGE;
    }
    GHashTable *want = g_hash_table_new(NULL, NULL), *have = g_hash_table_new(NULL, NULL);
    for (guint i = 0; i < src->len; i++)
        count_chars(want, g_array_index(src, SrcWord, i).norm);
    char *norm = normalise(text);
    count_chars(have, norm);
    g_free(norm);
    g_free(text);
    GHashTableIter it;
    gpointer key, value;
    int short_of = 0;
    g_hash_table_iter_init(&it, want);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        guint need = GPOINTER_TO_UINT(value),
              got = GPOINTER_TO_UINT(g_hash_table_lookup(have, key));
        if (got >= need)
            continue;
        if (short_of++ < MAX_WORDS_REPORT) {
            char utf8[8] = {0};
            g_unichar_to_utf8(GPOINTER_TO_UINT(key), utf8);
            fprintf(stderr, "  '%s' (U+%04X): %u in the source, %u in the PDF\n", utf8,
                    GPOINTER_TO_UINT(key), need, got);
        }
    }
    if (short_of)
        fprintf(stderr, "pdfcheck: letters: %d letters of %s are missing from %s\n", short_of,
                md_path, pdf_path);
    g_hash_table_destroy(want);
    g_hash_table_destroy(have);
    g_array_free(src, TRUE);
    return short_of ? RC_FAIL : RC_PASS;
}

/* ---- grid, marks: imposed sheets ----------------------------------------- */

typedef struct {
    int cols, rows;
    double x0, y0, px, py, w, h; /* mm */
} Grid;

static gboolean parse_grid(char **argv, Grid *g)
{
    double v[8];
    for (int i = 0; i < 8; i++)
        if (!parse_number(argv[i], &v[i]))
            return FALSE;
    *g = (Grid){(int)v[0], (int)v[1], v[2], v[3], v[4], v[5], v[6], v[7]};
    return g->cols > 0 && g->rows > 0;
}

/* Index of the cell holding the box inset by MARGIN mm, or -1. */
static int cell_of(const Grid *g, double x1, double y1, double x2, double y2, double margin)
{
    for (int r = 0; r < g->rows; r++)
        for (int c = 0; c < g->cols; c++) {
            double cx = g->x0 + c * g->px, cy = g->y0 + r * g->py;
            double lo = margin - pt_to_mm(SAFE_TOL_PT);
            if (x1 - cx >= lo && y1 - cy >= lo && cx + g->w - x2 >= lo && cy + g->h - y2 >= lo)
                return r * g->cols + c;
        }
    return -1;
}

typedef struct {
    const Grid *grid;
    double margin;
    int *per_cell;
    int stray;
} GridCheck;

static void grid_char(gunichar c, const PopplerRectangle *b, void *data)
{
    GridCheck *gc = data;
    int cell = cell_of(gc->grid, pt_to_mm(b->x1), pt_to_mm(b->y1), pt_to_mm(b->x2), pt_to_mm(b->y2),
                       gc->margin);
    if (cell >= 0) {
        gc->per_cell[cell]++;
        return;
    }
    /* Text wholly in the sheet's margin (the "print at 100%" note) is no insert's. */
    gboolean touches = FALSE;
    const Grid *g = gc->grid;
    for (int r = 0; r < g->rows && !touches; r++)
        for (int k = 0; k < g->cols && !touches; k++) {
            double cx = g->x0 + k * g->px, cy = g->y0 + r * g->py;
            touches = pt_to_mm(b->x2) > cx && pt_to_mm(b->x1) < cx + g->w && pt_to_mm(b->y2) > cy &&
                      pt_to_mm(b->y1) < cy + g->h;
        }
    if (!touches)
        return;
    if (gc->stray++ < MAX_SAFE_REPORT) {
        char utf8[8] = {0};
        g_unichar_to_utf8(c, utf8);
        fprintf(stderr, "  '%s' at %.2f %.2f %.2f %.2f mm is in no cell's safe area\n", utf8,
                pt_to_mm(b->x1), pt_to_mm(b->y1), pt_to_mm(b->x2), pt_to_mm(b->y2));
    }
}

/* Every glyph of every sheet sits in a grid cell, MARGIN mm inside its trim,
 * and every cell holds the same text: the inserts are where the grid says. */
static int cmd_grid(PopplerDocument *doc, const Grid *g, double margin)
{
    int n = g->cols * g->rows, bad = 0;
    int *per_cell = g_new0(int, n);
    for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
        memset(per_cell, 0, sizeof(int) * (size_t)n);
        GridCheck gc = {g, margin, per_cell, 0};
        PopplerPage *page = poppler_document_get_page(doc, i);
        for_each_ink_char(page, grid_char, &gc);
        g_object_unref(page);
        bad += gc.stray;
        for (int k = 1; k < n; k++)
            if (per_cell[k] != per_cell[0]) {
                fprintf(stderr,
                        "pdfcheck: grid: page %d: cell %d holds %d characters, cell 1 "
                        "holds %d\n",
                        i + 1, k + 1, per_cell[k], per_cell[0]);
                bad++;
            }
        if (per_cell[0] == 0) {
            fprintf(stderr, "pdfcheck: grid: page %d: no text in the cells\n", i + 1);
            bad++;
        }
    }
    g_free(per_cell);
    if (bad)
        fprintf(stderr, "pdfcheck: grid: %d problems\n", bad);
    return bad ? RC_FAIL : RC_PASS;
}

#define MARKS_PX_PER_MM 12.0 /* about 300 dpi */

/* Distance from (x, y) to the rectangle, 0 inside. */
static double rect_distance(double x, double y, double rx, double ry, double rw, double rh)
{
    double dx = MAX(MAX(rx - x, 0), x - (rx + rw));
    double dy = MAX(MAX(ry - y, 0), y - (ry + rh));
    return MAX(dx, dy);
}

static gboolean on_trim_line(const Grid *g, double x, double y, double tol)
{
    for (int c = 0; c < g->cols; c++) {
        double cx = g->x0 + c * g->px;
        if (fabs(x - cx) <= tol || fabs(x - (cx + g->w)) <= tol)
            return TRUE;
    }
    for (int r = 0; r < g->rows; r++) {
        double cy = g->y0 + r * g->py;
        if (fabs(y - cy) <= tol || fabs(y - (cy + g->h)) <= tol)
            return TRUE;
    }
    return FALSE;
}

typedef struct {
    cairo_surface_t *surface;
    const unsigned char *px;
    int w, h, stride;
    double sheet_w, sheet_h; /* mm */
} Raster;

static void raster_page_at(PopplerDocument *doc, Raster *r, double k)
{
    PopplerPage *page = poppler_document_get_page(doc, 0);
    double wpt, hpt;
    poppler_page_get_size(page, &wpt, &hpt);
    r->w = (int)ceil(pt_to_mm(wpt) * k);
    r->h = (int)ceil(pt_to_mm(hpt) * k);
    r->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r->w, r->h);
    cairo_t *cr = cairo_create(r->surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, k * 25.4 / 72, k * 25.4 / 72);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(r->surface);
    g_object_unref(page);
    r->px = cairo_image_surface_get_data(r->surface);
    r->stride = cairo_image_surface_get_stride(r->surface);
    r->sheet_w = pt_to_mm(wpt);
    r->sheet_h = pt_to_mm(hpt);
}

static void raster_page(PopplerDocument *doc, Raster *r)
{
    raster_page_at(doc, r, MARKS_PX_PER_MM);
}

/* A poster's vertical composition at 2 px/mm: the tallest band of white
 * rows between the first and the last ink, and the height of the contacts
 * panel (from the first to the last row mostly in its tint, 232/242/247),
 * each over the page's height: "blank 0.123 panel 0.345". */
static int cmd_bands(PopplerDocument *doc)
{
    Raster r;
    raster_page_at(doc, &r, 2.0);
    int first = -1, last = -1, run = 0, widest = 0, panel_top = -1, panel_end = -1;
    for (int y = 0; y < r.h; y++) {
        int ink = 0, tint = 0;
        for (int x = 0; x < r.w; x++) {
            const unsigned char *p = r.px + y * r.stride + x * 4; /* B, G, R */
            ink += p[0] < 250 || p[1] < 250 || p[2] < 250;
            tint += abs(p[2] - 232) < 6 && abs(p[1] - 242) < 6 && abs(p[0] - 247) < 6;
        }
        if (tint > r.w / 2) {
            panel_top = panel_top < 0 ? y : panel_top;
            panel_end = y + 1;
        }
        if (ink) {
            if (first >= 0)
                widest = MAX(widest, run);
            if (first < 0)
                first = y;
            last = y;
            run = 0;
        } else {
            run++;
        }
    }
    (void)last;
    printf("blank %.3f panel %.3f\n", (double)widest / r.h,
           (double)(panel_end - MAX(panel_top, 0)) / r.h);
    cairo_surface_destroy(r.surface);
    return RC_PASS;
}

static gboolean inked(const Raster *r, int xi, int yi)
{
    if (xi < 0 || yi < 0 || xi >= r->w || yi >= r->h)
        return FALSE;
    const unsigned char *p = r->px + yi * r->stride + xi * 4;
    return p[0] + p[1] + p[2] <= 3 * 160;
}

/* Distance from (x, y) to the nearest cell (0 inside one) and, inside,
 * to that cell's trim. */
static void cell_distance(const Grid *g, double x, double y, double *outside, double *to_trim)
{
    *outside = 1e9;
    *to_trim = 0;
    for (int r = 0; r < g->rows; r++)
        for (int c = 0; c < g->cols; c++) {
            double cx = g->x0 + c * g->px, cy = g->y0 + r * g->py;
            double d = rect_distance(x, y, cx, cy, g->w, g->h);
            if (d == 0) {
                *outside = 0;
                *to_trim = MIN(MIN(x - cx, cx + g->w - x), MIN(y - cy, cy + g->h - y));
                return;
            }
            *outside = MIN(*outside, d);
        }
}

#define MARK_TOL 0.35 /* mm: a hairline's width and rendering */

/* On a printed sheet: every mark is a crop mark 3 mm or more outside every
 * insert, or a guide on a cut line 5 mm or more from the sheet's edge; the
 * strip SAFE mm inside each trim holds no ink but guides on the trim. */
static int cmd_marks(PopplerDocument *doc, const Grid *g, double safe)
{
    Raster r;
    raster_page(doc, &r);
    double k = MARKS_PX_PER_MM, tol = MARK_TOL;
    int stray = 0, crops = 0, guides = 0;
    for (int yi = 0; yi < r.h; yi++)
        for (int xi = 0; xi < r.w; xi++) {
            if (!inked(&r, xi, yi))
                continue;
            double x = (xi + 0.5) / k, y = (yi + 0.5) / k, out, trim;
            cell_distance(g, x, y, &out, &trim);
            if (out == 0 && trim >= safe - 0.2)
                continue; /* an insert's own content */
            gboolean edge_ok = x >= 5 - tol && y >= 5 - tol && r.sheet_w - x >= 5 - tol &&
                               r.sheet_h - y >= 5 - tol;
            /* A guide near an insert only where the margin it sits in has no room
             * for a crop mark (3 mm off the trim, 2 mm long, 5 mm from the edge). */
            double right = g->x0 + (g->cols - 1) * g->px + g->w;
            double bottom = g->y0 + (g->rows - 1) * g->py + g->h;
            gboolean cramped = (x < g->x0 - tol && g->x0 < 10 - tol) ||
                               (x > right + tol && r.sheet_w - right < 10 - tol) ||
                               (y < g->y0 - tol && g->y0 < 10 - tol) ||
                               (y > bottom + tol && r.sheet_h - bottom < 10 - tol);
            if (on_trim_line(g, x, y, tol) && edge_ok && (out <= tol || cramped)) {
                guides++;
                continue;
            }
            if (out >= 3.0 - tol) {
                crops++;
                continue;
            }
            if (stray++ < 5)
                fprintf(stderr,
                        "  ink at %.2f, %.2f mm: %.2f mm outside an insert, %.2f mm "
                        "inside a trim, on no cut line 5 mm from the edge\n",
                        x, y, out, trim);
        }
    cairo_surface_destroy(r.surface);
    if (stray || !(crops + guides))
        fprintf(stderr, "pdfcheck: marks: %d stray ink pixels; %d crop mark and %d guide pixels\n",
                stray, crops, guides);
    return stray || !(crops + guides) ? RC_FAIL : RC_PASS;
}

/* On an --outline sheet: the trim outlines are where the grid says and
 * nothing else is drawn inside an insert. */
static int cmd_outline(PopplerDocument *doc, const Grid *g)
{
    Raster r;
    raster_page(doc, &r);
    double k = MARKS_PX_PER_MM;
    int inside = 0, missing = 0;
    for (int yi = 0; yi < r.h; yi++)
        for (int xi = 0; xi < r.w; xi++) {
            double x = (xi + 0.5) / k, y = (yi + 0.5) / k, out, trim;
            if (!inked(&r, xi, yi))
                continue;
            cell_distance(g, x, y, &out, &trim);
            if (out == 0 && trim > MARK_TOL && inside++ < 5)
                fprintf(stderr, "  ink inside an insert at %.2f, %.2f mm\n", x, y);
        }
    for (int row = 0; row < g->rows; row++)
        for (int c = 0; c < g->cols; c++) {
            double cx = g->x0 + c * g->px, cy = g->y0 + row * g->py;
            double pts[4][2] = {{cx + g->w / 2, cy},
                                {cx + g->w / 2, cy + g->h},
                                {cx, cy + g->h / 2},
                                {cx + g->w, cy + g->h / 2}};
            for (int e = 0; e < 4; e++) {
                gboolean dark = FALSE;
                for (int dy = -3; dy <= 3 && !dark; dy++)
                    for (int dx = -3; dx <= 3 && !dark; dx++)
                        dark = inked(&r, (int)(pts[e][0] * k) + dx, (int)(pts[e][1] * k) + dy);
                if (!dark && missing++ < 5)
                    fprintf(stderr, "  no outline at %.2f, %.2f mm\n", pts[e][0], pts[e][1]);
            }
        }
    cairo_surface_destroy(r.surface);
    if (inside || missing)
        fprintf(stderr,
                "pdfcheck: outline: %d ink pixels inside inserts, %d outline points "
                "missing\n",
                inside, missing);
    return inside || missing ? RC_FAIL : RC_PASS;
}

/* ---- main ---------------------------------------------------------------- */

/* Runs a command that takes only an open document plus parsed arguments. */
static int run_doc_command(int argc, char **argv)
{
    const char *cmd = argv[1];
    double a = 0, b = 0, tol = DEFAULT_SIZE_TOL_MM;
    guint64 n = 0;

    /* Validate the arguments before opening the file. */
    if (strcmp(cmd, "size") == 0) {
        if (argc != 5 && argc != 6)
            return usage();
        for (int i = 3; i < argc; i++)
            if (!parse_number(argv[i], i == 3 ? &a : i == 4 ? &b : &tol))
                return bad_argument(argv[i]);
    } else if (strcmp(cmd, "pages") == 0) {
        if (argc != 4)
            return usage();
        if (!g_ascii_string_to_unsigned(argv[3], 10, 0, G_MAXINT, &n, NULL))
            return bad_argument(argv[3]);
    } else if (strcmp(cmd, "safe") == 0 || strcmp(cmd, "minsize") == 0) {
        if (argc != 4)
            return usage();
        if (!parse_number(argv[3], &a))
            return bad_argument(argv[3]);
    } else if (strcmp(cmd, "info") == 0 || strcmp(cmd, "embedded") == 0 ||
               strcmp(cmd, "text") == 0 || strcmp(cmd, "inkbox") == 0 ||
               strcmp(cmd, "bands") == 0) {
        if (argc != 3)
            return usage();
    } else {
        return usage();
    }

    PopplerDocument *doc = open_document(argv[2]);
    if (doc == NULL)
        return RC_USAGE;

    int rc;
    if (strcmp(cmd, "size") == 0)
        rc = cmd_size(doc, a, b, tol);
    else if (strcmp(cmd, "pages") == 0)
        rc = cmd_pages(doc, (int)n);
    else if (strcmp(cmd, "safe") == 0)
        rc = cmd_safe(doc, a);
    else if (strcmp(cmd, "minsize") == 0)
        rc = cmd_minsize(doc, a);
    else if (strcmp(cmd, "info") == 0)
        rc = cmd_info(doc);
    else if (strcmp(cmd, "embedded") == 0)
        rc = cmd_embedded(doc);
    else if (strcmp(cmd, "text") == 0)
        rc = cmd_text(doc);
    else if (strcmp(cmd, "bands") == 0)
        rc = cmd_bands(doc);
    else
        rc = cmd_inkbox(doc);
    g_object_unref(doc);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    if (strcmp(argv[1], "grid") == 0 || strcmp(argv[1], "marks") == 0 ||
        strcmp(argv[1], "outline") == 0) {
        Grid g;
        gboolean outline = strcmp(argv[1], "outline") == 0;
        double margin = 0;
        if (argc != (outline ? 11 : 12) || !parse_grid(argv + 3, &g) ||
            (!outline && !parse_number(argv[11], &margin)))
            return usage();
        PopplerDocument *doc = open_document(argv[2]);
        if (doc == NULL)
            return RC_USAGE;
        int rc = outline                         ? cmd_outline(doc, &g)
                 : strcmp(argv[1], "marks") == 0 ? cmd_marks(doc, &g, margin)
                                                 : cmd_grid(doc, &g, margin);
        g_object_unref(doc);
        return rc;
    }
    if (strcmp(argv[1], "letters") == 0)
        return argc == 4 ? cmd_letters(argv[2], argv[3]) : usage();
    if (strcmp(argv[1], "words") == 0) {
        if (argc == 4)
            return cmd_words(argv[2], argv[3], FALSE);
        if (argc == 5 && strcmp(argv[4], "--ordered") == 0)
            return cmd_words(argv[2], argv[3], TRUE);
        return usage();
    }
    return run_doc_command(argc, argv);
}
