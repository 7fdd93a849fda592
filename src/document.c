#include "document.h"

#include "breaks.h"
#include "chars.h"
#include "design.h"
#include "diag.h"
#include "html.h"
#include "hyphenate.h"
#include "uri.h"

#include "markdown.h"
#include <stdio.h>
#include <string.h>

// Images larger than this are refused: they would only be scaled down, and
// a hostile file could ask for gigabytes.
#define MAX_IMAGE_PIXELS (25 * 1000 * 1000)
// All the pictures of a run, decoded: 4 bytes a pixel, 200 MB at most.
// Decoding is most of a run's time then: 100 megapixels took 4.5 to 5.5 s.
#define MAX_RUN_PIXELS (50 * 1000 * 1000)
#define MAX_DEPTH 30
// Lists and quotes nested deeper than this are refused: nobody writes them,
// and each level costs stack in the walk below.
#define MAX_NESTING 100

typedef struct {
    int depth;
    uint32_t quote_bar;
    bool tight;    // the next block follows its list item without a gap
    bool in_tight; // inside an item of a tight list
    char *marker;  // pending for the next block, owned by the walker
} Context;

typedef struct {
    const CpSource *src;
    GArray *blocks; // CpBlock
    // the paragraph being built
    GString *text;
    PangoAttrList *attrs;
    GArray *links;  // CpLink
    int nesting;    // lists and quotes open around the node being walked
    CpHyphen *hyph; // the language's dictionary, or NULL
    bool italic;    // the script has italics; else emphasis is set bold
    int autolinks;  // open autolinks: a URL must not be hyphenated
    int notes;      // footnotes set so far
    int tables;     // tables so far
    bool in_cell;   // walking a table cell: a picture gives its alt text
    // HTML (html.c): the spans open in the text being built (HOpen), the
    // depth inside <script> or <style> (their text is not printed), the
    // parsers of a paragraph's inline pieces and of the document's blocks,
    // and where the piece being read is.
    GArray *hopen;
    int skip;
    CpHtml *inline_html, *block_html;
    int hline, hcol;
    // HTML blocks build blocks themselves: in HCTX (their list depth and
    // markers), headings at HLEVEL; a table's row (HROW: CpCell) and the
    // index of the table's first row block.
    Context *hctx;
    int hlevel, hlist[MAX_DEPTH + 1], hlists;
    GArray *hrow;
    bool hrow_header, htable_open;
    guint htable_from;
    bool rtl; // right-to-left: phone numbers are isolated left to right
    bool failed;
    CpPictures *pictures; // the run's, or the document's own
} Builder;

struct CpPictures {
    // Each picture file decoded once, by real path, however often the text
    // (or another translation) shows it; the pixels decoded so far count
    // against the limit.
    GHashTable *images;
    double pixels;
};

CpPictures *document_pictures_create(void)
{
    CpPictures *p = g_new0(CpPictures, 1);
    p->images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)cairo_surface_destroy);
    return p;
}

void document_pictures_destroy(CpPictures *p)
{
    if (!p)
        return;
    g_hash_table_destroy(p->images); // the blocks keep their references
    g_free(p);
}

static int src_line(Builder *b, cmark_node *node)
{
    return cmark_node_get_start_line(node) + b->src->body_line - 1;
}

// cmark counts columns in bytes; people count characters.
static int src_col(Builder *b, cmark_node *node)
{
    int bytes = cmark_node_get_start_column(node);
    int line = src_line(b, node);
    if (bytes <= 0 || line <= 0)
        return bytes;
    const char *p = b->src->data, *end = b->src->data + b->src->len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    const char *stop = MIN(p + bytes - 1, end);
    return (int)g_utf8_strlen(p, stop - p) + 1;
}

// Inline nodes may carry no position: fall back to their block's line.
static int inline_line(Builder *b, cmark_node *node, int block_line)
{
    return cmark_node_get_start_line(node) > 0 ? src_line(b, node) : block_line;
}

static CpBlock *push_block(Builder *b, CpBlockKind kind, Context *ctx, int line)
{
    CpBlock blk = {0};
    blk.kind = kind;
    blk.depth = ctx->depth;
    blk.quote_bar = ctx->quote_bar;
    blk.tight = ctx->tight;
    blk.marker = ctx->marker;
    blk.line = line;
    ctx->marker = NULL;
    g_array_append_val(b->blocks, blk);
    return &g_array_index(b->blocks, CpBlock, b->blocks->len - 1);
}

static void add_attr(Builder *b, PangoAttribute *a, size_t start, size_t end)
{
    a->start_index = (guint)start;
    a->end_index = (guint)end;
    pango_attr_list_insert(b->attrs, a);
}

// Only links a reader can follow from paper or screen, with a host (or an
// address) and nothing that could end the PDF string they are written into.
static bool web_url(const char *url)
{
    return uri_is_web_link(url) || uri_is_mailto(url);
}

// Refuses a character of LIT (decoded by cmark: a character reference such
// as &#x202E; is one character here) that must not print, naming where it
// was written. BLOCK_LINE: the block's first line.
static bool refuse_chars(Builder *b, const char *lit, int block_line)
{
    const char *bad = chars_find(lit, -1, CP_CHARS_TEXT);
    if (!bad)
        return false;
    if (b->failed)
        return true; // one error is enough
    gunichar c = g_utf8_get_char(bad);
    int line = block_line, col = 0;
    if (b->src->origin) {
        // A fragment of a YAML value: its lines need not be the file's
        // (a quoted value has \n escapes); look from the value's first line.
        if (!chars_locate(b->src->origin, b->src->body_line, 0, c, &line, &col))
            line = b->src->body_line;
    } else {
        int from = block_line - b->src->body_line + 1;
        if (chars_locate(b->src->body, MAX(from, 1), 0, c, &line, &col))
            line += b->src->body_line - 1;
    }
    chars_report(b->src->path, line, col, c);
    b->failed = true;
    return true;
}

// refuse_chars for a link's or an image's target and title.
static bool refuse_target(Builder *b, cmark_node *n, int block_line)
{
    const char *url = cmark_node_get_url(n), *title = cmark_node_get_title(n);
    return refuse_chars(b, url ? url : "", block_line) ||
           refuse_chars(b, title ? title : "", block_line);
}

static void begin_text(Builder *b)
{
    b->text = g_string_new(NULL);
    b->attrs = pango_attr_list_new();
    b->links = g_array_new(FALSE, FALSE, sizeof(CpLink));
}

// Moves the text being built into TEXT, ATTRS and LINKS.
static void take_text(Builder *b, char **text, PangoAttrList **attrs, CpLink **links,
                      size_t *n_links)
{
    // Spaces left at either end by a picture that split the paragraph.
    while (b->text->len && (b->text->str[b->text->len - 1] == ' '))
        g_string_truncate(b->text, b->text->len - 1);
    size_t lead = 0;
    while (lead < b->text->len && b->text->str[lead] == ' ')
        lead++;
    if (lead) {
        g_string_erase(b->text, 0, (gssize)lead);
        pango_attr_list_update(b->attrs, 0, (int)lead, 0);
        for (guint i = 0; i < b->links->len; i++) {
            CpLink *l = &g_array_index(b->links, CpLink, i);
            l->start = MAX(0, l->start - (int)lead);
            l->end = MAX(0, l->end - (int)lead);
        }
    }
    // An isolate left open would reach into whatever is set after the block.
    *text = chars_close_isolates(g_string_free(b->text, FALSE));
    *attrs = b->attrs;
    *n_links = b->links->len;
    *links = (CpLink *)(void *)g_array_free(b->links, FALSE);
    b->text = NULL;
    b->attrs = NULL;
    b->links = NULL;
}

static void end_text(Builder *b, CpBlock *blk)
{
    take_text(b, &blk->text, &blk->attrs, &blk->links, &blk->n_links);
}

// Ends the text being built: a block of KIND when KEEP, else dropped.
static void flush_text(Builder *b, CpBlockKind kind, int level, Context *ctx, int line, bool keep)
{
    if (keep) {
        CpBlock *blk = push_block(b, kind, ctx, line);
        blk->level = level;
        end_text(b, blk);
        return;
    }
    for (guint i = 0; i < b->links->len; i++)
        g_free(g_array_index(b->links, CpLink, i).url);
    g_array_free(b->links, TRUE);
    g_string_free(b->text, TRUE);
    pango_attr_list_unref(b->attrs);
    b->text = NULL;
    b->attrs = NULL;
    b->links = NULL;
}

static bool inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || (n > 0 && dir[n - 1] == '/'));
}

// What a failed decode means. Cairo 1.16 reports any libpng error (bad
// checksums, damaged compressed data) as "out of memory", which cannot be
// the reason here: the picture's size was checked before decoding.
static const char *png_problem(cairo_status_t status)
{
    switch (status) {
    case CAIRO_STATUS_NO_MEMORY:
        return "is damaged: its picture data cannot be decoded (a corrupt file); export it again "
               "as PNG";
    case CAIRO_STATUS_READ_ERROR:
        return "ends before its picture data does (a truncated file); copy or export it again";
    default:
        return "is not a readable PNG file; export it again as PNG";
    }
}

// The most bytes of one PNG file: a 25-megapixel picture compresses well
// under this; the read stops here whatever the file says.
#define MAX_IMAGE_BYTES (64 * 1024 * 1024)

// Width and height from a PNG's header, without decoding it.
static bool png_size(const unsigned char *head, size_t n, unsigned *w, unsigned *h)
{
    if (n < 24 || memcmp(head, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(head + 12, "IHDR", 4) != 0)
        return false;
    *w = (unsigned)head[16] << 24 | (unsigned)head[17] << 16 | (unsigned)head[18] << 8 | head[19];
    *h = (unsigned)head[20] << 24 | (unsigned)head[21] << 16 | (unsigned)head[22] << 8 | head[23];
    return true;
}

typedef struct {
    const unsigned char *data;
    size_t len, pos;
} PngReader;

static cairo_status_t png_read(void *closure, unsigned char *out, unsigned int n)
{
    PngReader *r = closure;
    if (r->len - r->pos < n)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(out, r->data + r->pos, n);
    r->pos += n;
    return CAIRO_STATUS_SUCCESS;
}

static bool load_image(Builder *b, cmark_node *node, CpBlock *blk)
{
    const char *url = cmark_node_get_url(node);
    int line = blk->line, col = src_col(b, node);
    if (!url || !*url || strstr(url, "://") || g_ascii_strncasecmp(url, "data:", 5) == 0) {
        diag_error(b->src->path, line, col,
                   "image '%s' is not a local file; save it as a PNG beside the Markdown file",
                   url ? url : "");
        return false;
    }
    // CI input must not read arbitrary files: the image has to sit in the
    // Markdown file's folder, both as written and after following links.
    char *dir_abs = g_canonicalize_filename(b->src->dir, NULL);
    char *path = g_canonicalize_filename(url, dir_abs);
    char *real = NULL, *dir = realpath(dir_abs, NULL);
    char *what = g_strdup_printf("image '%s'", url);
    char *data = NULL;
    size_t len = 0;
    unsigned w = 0, h = 0;
    bool ok = false;
    const CpReadSpec spec = {what, MAX_IMAGE_BYTES, b->src->allow_links, b->src->path, line, col};
    if (!inside(path, dir_abs)) {
        diag_error(b->src->path, line, col,
                   "image '%s' is outside the Markdown file's folder; copy it into %s", url,
                   b->src->dir);
    } else if (!(real = realpath(path, NULL))) {
        diag_error(b->src->path, line, col, "image '%s' not found (looked for %s)", url, path);
    } else if (!b->src->allow_links && (!dir || !inside(real, dir))) {
        diag_error(b->src->path, line, col,
                   "image '%s' links to a file outside the Markdown file's folder; copy it "
                   "into %s",
                   url, b->src->dir);
    } else if ((blk->image = g_hash_table_lookup(b->pictures->images, real))) {
        cairo_surface_reference(blk->image); // decoded already
        ok = true;
    } else if (!source_read_file(path, &spec, &data, &len)) {
        // reported: a link out of its folder, a FIFO, a file over the limit
    } else if (!png_size((const unsigned char *)data, len, &w, &h)) {
        diag_error(b->src->path, line, col,
                   "image '%s' is not a PNG file; cocprint prints PNG "
                   "images only",
                   url);
    } else if ((double)w * h > MAX_IMAGE_PIXELS) {
        // Refused before decoding: a hostile header could ask for gigabytes.
        diag_error(b->src->path, line, col,
                   "image '%s' is %ux%u pixels, over the limit of %d megapixels; scale it down",
                   url, w, h, MAX_IMAGE_PIXELS / 1000000);
    } else if (b->pictures->pixels + (double)w * h > MAX_RUN_PIXELS) {
        diag_error(b->src->path, line, col,
                   "image '%s' (%ux%u) brings the pictures of this run to %.0f megapixels, over "
                   "the limit of %d; use fewer or smaller pictures",
                   url, w, h, (b->pictures->pixels + (double)w * h) / 1e6,
                   MAX_RUN_PIXELS / 1000000);
    } else {
        PngReader r = {(const unsigned char *)data, len, 0};
        cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
            diag_error(b->src->path, line, col, "image '%s' %s", url,
                       png_problem(cairo_surface_status(s)));
            cairo_surface_destroy(s);
        } else {
            blk->image = s;
            b->pictures->pixels += (double)w * h;
            g_hash_table_insert(b->pictures->images, g_strdup(real), cairo_surface_reference(s));
            ok = true;
        }
    }
    g_free(data);
    g_free(what);
    g_free(dir_abs);
    free(real);
    free(dir);
    g_free(path);
    return ok;
}

typedef struct {
    size_t start;
    cmark_node *node;
} Open;

// Appends TEXT with its phone numbers (a run of 7 digits or more, or 5 after
// a '+', with spaces, dashes, dots or brackets between) unbreakable: no line
// ends inside one ("+49 30 1234" / "5678"). RTL: each run of 5 digits or more
// inside LRI ... PDI too, or bidi would swap its digit groups.
static void append_numbers(GString *out, const char *text, bool rtl)
{
    const char *p = text;
    while (*p) {
        const char *start = p;
        bool plus = *p == '+' && g_ascii_isdigit(p[1]);
        if (plus)
            p++;
        if (!g_ascii_isdigit(*p)) {
            g_string_append_len(out, start, g_utf8_next_char(start) - start);
            p = g_utf8_next_char(start);
            continue;
        }
        const char *end = p;
        int digits = 0;
        for (const char *q = p; *q && (g_ascii_isdigit(*q) || strchr(" -.()", *q)); q++)
            if (g_ascii_isdigit(*q)) {
                digits++;
                end = q + 1;
            }
        bool isolate = rtl && digits >= 5, glue = digits >= (plus ? 5 : 7);
        if (isolate)
            g_string_append(out, "\u2066");
        for (const char *q = start; q < end; q++) {
            if (glue && *q == ' ')
                g_string_append(out, "\u00A0");
            else if (glue && *q == '-')
                g_string_append(out, "-\u2060");
            else
                g_string_append_c(out, *q);
        }
        if (isolate)
            g_string_append(out, "\u2069");
        p = end;
    }
}

// A link whose text is its own URL (<https://...>): printed as it is.
static bool is_autolink(cmark_node *n)
{
    const char *url = cmark_node_get_url(n);
    cmark_node *c = cmark_node_first_child(n);
    if (!url || !c || cmark_node_get_type(c) != CMARK_NODE_TEXT || cmark_node_next(c))
        return false;
    const char *text = cmark_node_get_literal(c);
    // GFM links a bare www.example.org to http://www.example.org.
    return strcmp(text, url) == 0 ||
           (g_str_has_prefix(url, "mailto:") && strcmp(text, url + 7) == 0) ||
           (g_str_has_prefix(url, "http://") && g_str_has_prefix(text, "www.") &&
            strcmp(text, url + 7) == 0);
}

// The walk over one block's inlines, for the helpers of build_inlines.
typedef struct {
    cmark_iter *it;
    GArray *open; // Open: emphasis and links entered and not yet left
    CpBlockKind kind;
    int level;
    Context *ctx;
    int line; // the block's first line
} InlineWalk;

// A text node: hyphenated in a paragraph, with break points in an autolink.
static void add_text(Builder *b, cmark_node *n, CpBlockKind kind, int line)
{
    if (b->skip)
        return; // inside <script> or <style>
    const char *lit = cmark_node_get_literal(n);
    if (refuse_chars(b, lit, line))
        return;
    char *h = b->autolinks                       ? breaks_address(lit)
              : b->hyph && kind == CP_BLOCK_PARA ? hyphenate_text(b->hyph, lit)
                                                 : g_strdup(lit);
    if (b->autolinks)
        g_string_append(b->text, h);
    else
        append_numbers(b->text, h, b->rtl);
    g_free(h);
}

static void add_code_span(Builder *b, cmark_node *n)
{
    size_t s = b->text->len;
    g_string_append(b->text, cmark_node_get_literal(n));
    add_attr(b, pango_attr_family_new(CP_MONO_FAMILY), s, b->text->len);
    add_attr(b, pango_attr_scale_new(cp_design.body.code_span_scale), s, b->text->len);
    add_attr(b, design_foreground(cp_design.palette.code), s, b->text->len);
    // A hyphen added inside code would read as part of it.
    add_attr(b, pango_attr_insert_hyphens_new(FALSE), s, b->text->len);
}

// URL as it is printed after a link's text: no scheme, no "www.", no
// trailing "/".
static char *shortened(const char *url)
{
    const char *p = url;
    static const char *const schemes[] = {"https://", "http://", "mailto:"};
    for (size_t i = 0; i < G_N_ELEMENTS(schemes); i++)
        if (g_ascii_strncasecmp(p, schemes[i], strlen(schemes[i])) == 0)
            p += strlen(schemes[i]);
    if (g_ascii_strncasecmp(p, "www.", 4) == 0)
        p += 4;
    char *s = g_strdup(p);
    size_t n = strlen(s);
    if (n > 1 && s[n - 1] == '/')
        s[n - 1] = 0;
    return s;
}

// The link text from START, without the break points and soft hyphens
// added to it, as it reads.
static char *link_text(const Builder *b, size_t start)
{
    GString *t = g_string_new(NULL);
    for (const char *p = b->text->str + start; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c != 0x200B && c != 0x00AD)
            g_string_append_unichar(t, c);
    }
    return g_string_free(t, FALSE);
}

// On paper a link is its text: a text that is not its address gets the
// address after it, shortened, in smaller type (" (example.org/coc)"); one
// that is (written out, or shortened) is printed once. Returns the end of
// what the link covers.
static size_t print_target(Builder *b, size_t start, const char *url)
{
    char *shown = shortened(url), *text = link_text(b, start);
    const char *bare = g_ascii_strncasecmp(url, "mailto:", 7) == 0 ? url + 7 : url;
    bool same = g_ascii_strcasecmp(text, url) == 0 || g_ascii_strcasecmp(text, bare) == 0 ||
                g_ascii_strcasecmp(text, shown) == 0;
    size_t e = b->text->len;
    if (!same) {
        char *broken = breaks_address(shown);
        g_string_append(b->text, " (");
        size_t from = b->text->len;
        g_string_append(b->text, broken);
        g_string_append(b->text, ")");
        add_attr(b, pango_attr_scale_new(cp_design.body.target_scale), e, b->text->len);
        add_attr(b, pango_attr_insert_hyphens_new(FALSE), from, b->text->len);
        e = b->text->len;
        g_free(broken);
    }
    g_free(shown);
    g_free(text);
    return e;
}

// The end of link N entered at START: a link a reader can follow, or a
// warning and its text alone.
// A link to URL over the text from START: one a reader can follow (AUTO:
// its text is its address), or a warning at LINE:COL and its text alone.
static void link_span(Builder *b, size_t start, const char *url, bool autolink, int line, int col)
{
    size_t e = b->text->len;
    if (url && url[0] == '#')
        return; // a place in this document: its text is enough on paper
    if (url && web_url(url)) {
        if (!autolink)
            e = print_target(b, start, url);
        CpLink l = {(int)start, (int)e, g_strdup(url)};
        g_array_append_val(b->links, l);
        add_attr(b, design_foreground(cp_design.palette.link), start, e);
        add_attr(b, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, e);
        if (autolink)
            // An autolink: a hyphen added inside the URL would change it.
            add_attr(b, pango_attr_insert_hyphens_new(FALSE), start, e);
    } else {
        diag_warn_grouped(b->src->path, line, col,
                          "links dropped (only http and https links with a host, and mailto "
                          "links with an address, are kept; their text is printed)",
                          "link to '%s' dropped (only http and https links with a host, "
                          "and mailto links "
                          "with an address, are kept); its text is printed",
                          url ? url : "");
    }
}

static void end_link(Builder *b, cmark_node *n, size_t start, int line)
{
    link_span(b, start, cmark_node_get_url(n), is_autolink(n), inline_line(b, n, line),
              src_col(b, n));
}

// Emphasis, strong or a link entered or left: its attributes cover the text
// between the two.
static void span_event(Builder *b, InlineWalk *w, cmark_node *n, cmark_event_type ev)
{
    cmark_node_type t = cmark_node_get_type(n);
    // A link's target and title are decoded too (&#x1B; in a URL would
    // reach the warning in end_link, and the terminal, as an escape).
    if (t == CMARK_NODE_LINK && ev == CMARK_EVENT_ENTER && refuse_target(b, n, w->line)) {
        cmark_iter_reset(w->it, n, CMARK_EVENT_EXIT); // its exit pops nothing
        return;
    }
    if (ev == CMARK_EVENT_ENTER) {
        Open o = {b->text->len, n};
        g_array_append_val(w->open, o);
        b->autolinks += t == CMARK_NODE_LINK && is_autolink(n);
        return;
    }
    b->autolinks -= t == CMARK_NODE_LINK && is_autolink(n);
    Open o = g_array_index(w->open, Open, w->open->len - 1);
    g_array_set_size(w->open, w->open->len - 1);
    size_t e = b->text->len;
    if (t == CMARK_NODE_EMPH && b->italic) {
        add_attr(b, pango_attr_style_new(PANGO_STYLE_ITALIC), o.start, e);
    } else if (t == CMARK_NODE_EMPH) {
        // Scripts without italics (CJK, Arabic, Indic) stress with weight.
        add_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), o.start, e);
    } else if (t == CMARK_NODE_STRONG) {
        add_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), o.start, e);
    } else if (t == CMARK_NODE_STRIKETHROUGH) {
        add_attr(b, pango_attr_strikethrough_new(TRUE), o.start, e);
    } else {
        end_link(b, n, o.start, w->line);
    }
}

// A footnote's number where it is referred to, raised and smaller. cmark-gfm
// numbers footnotes in the order they are first referred to.
static void add_note_mark(Builder *b, const char *number)
{
    size_t s = b->text->len;
    // A word joiner keeps the number with the word before it.
    g_string_append(b->text, "\u2060");
    g_string_append(b->text, number ? number : "");
    add_attr(b, pango_attr_font_scale_new(PANGO_FONT_SCALE_SUPERSCRIPT), s, b->text->len);
    add_attr(b, pango_attr_baseline_shift_new(PANGO_BASELINE_SHIFT_SUPERSCRIPT), s, b->text->len);
}

// An image: a block of its own, which splits the text around it.
static void add_image(Builder *b, InlineWalk *w, cmark_node *n)
{
    if (refuse_target(b, n, w->line)) {
        cmark_iter_reset(w->it, n, CMARK_EVENT_EXIT);
        return;
    }
    if (b->in_cell)
        return; // a cell is a line of text: its alt text (the children) stands in
    const char *url = cmark_node_get_url(n);
    if (url && (strstr(url, "://") || g_str_has_prefix(url, "//"))) {
        // Never fetched (a run reads nothing from the network): its alt
        // text, the children walked next, stands in.
        diag_warn_grouped(b->src->path, inline_line(b, n, w->line), src_col(b, n),
                          "remote images not fetched (their alt text is printed)",
                          "remote image '%s' not fetched: its alt text is printed in its place",
                          url);
        return;
    }
    // Finish the text so far, add the image, continue after it.
    flush_text(b, w->kind, w->level, w->ctx, w->line, b->text->len > 0);
    CpBlock *img = push_block(b, CP_BLOCK_IMAGE, w->ctx, inline_line(b, n, w->line));
    if (!load_image(b, n, img))
        b->failed = true;
    begin_text(b);
    // Alt text is not printed beside the picture itself.
    cmark_iter_reset(w->it, n, CMARK_EVENT_EXIT);
    // Links and emphasis open across the image restart after it.
    for (guint i = 0; i < w->open->len; i++)
        g_array_index(w->open, Open, i).start = 0;
}

// ---- HTML ------------------------------------------------------------------

typedef enum { H_EM, H_STRONG, H_CODE, H_LINK } HKind;

typedef struct {
    size_t start;
    HKind kind;
    char *url; // H_LINK: its href, or NULL (an anchor)
} HOpen;

// The tags HTML inside Markdown is understood by; any other is dropped with
// its text kept, and warned of once per name.
static const char *const known_tags[] = {
    "br",    "p",   "div",     "em",      "i",          "strong", "b",     "a",
    "ul",    "ol",  "li",      "h1",      "h2",         "h3",     "h4",    "h5",
    "h6",    "img", "details", "summary", "code",       "table",  "thead", "tbody",
    "tfoot", "tr",  "td",      "th",      "blockquote", "script", "style", NULL};

static bool tag_is(const char *tag, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(tag, names[i]) == 0)
            return true;
    return false;
}

// Text from HTML, decoded: the character rules of Markdown text, white
// space collapsed as a browser does.
static void html_text(Builder *b, const char *text, size_t len)
{
    char *t = g_strndup(text, len);
    if (b->skip || refuse_chars(b, t, b->hline)) {
        g_free(t);
        return;
    }
    for (const char *p = t; *p; p++) {
        bool white = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f';
        if (!white) {
            g_string_append_c(b->text, *p);
            continue;
        }
        bool after_space = b->text->len == 0 || b->text->str[b->text->len - 1] == ' ' ||
                           g_str_has_suffix(b->text->str, "\u2028");
        if (!after_space)
            g_string_append_c(b->text, ' ');
    }
    g_free(t);
}

// An HTML block's text so far, as a block of its own (a heading inside
// <h1>..<h6>).
static void html_flush(Builder *b)
{
    if (!b->hctx || !b->text)
        return;
    bool keep = b->text->len > 0 && strspn(b->text->str, " ") < b->text->len;
    flush_text(b, b->hlevel ? CP_BLOCK_HEADING : CP_BLOCK_PARA, b->hlevel, b->hctx, b->hline, keep);
    g_array_set_size(b->hopen, 0);
    begin_text(b);
}

static void html_line_break(Builder *b)
{
    if (b->text->len && !g_str_has_suffix(b->text->str, "\u2028"))
        g_string_append(b->text, "\u2028");
}

// A block element opened or closed: in an HTML block, the text so far
// becomes a block; inside a paragraph, a line break stands for it.
static void html_block_edge(Builder *b)
{
    if (b->hctx)
        html_flush(b);
    else
        html_line_break(b);
}

static void html_cell_end(Builder *b)
{
    if (!b->hrow)
        return;
    CpCell c = {0};
    while (b->text->len && b->text->str[b->text->len - 1] == ' ')
        g_string_truncate(b->text, b->text->len - 1);
    if (b->hrow_header) // a header row: bold, as a Markdown table's
        add_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), 0, b->text->len);
    take_text(b, &c.text, &c.attrs, &c.links, &c.n_links);
    g_array_append_val(b->hrow, c);
    g_array_set_size(b->hopen, 0);
    begin_text(b);
}

static void html_row_end(Builder *b)
{
    if (!b->hrow)
        return;
    if (b->hrow->len) {
        CpBlock *blk = push_block(b, CP_BLOCK_ROW, b->hctx, b->hline);
        blk->table = b->tables;
        blk->header = b->hrow_header;
        blk->n_cells = b->hrow->len;
        blk->cells = (CpCell *)(void *)g_array_free(b->hrow, FALSE);
        blk->align = g_malloc0(blk->n_cells + 1);
    } else {
        g_array_free(b->hrow, TRUE);
    }
    b->hrow = NULL;
}

// Rows written short get empty cells: every row of a table as wide as the
// widest.
static void html_table_end(Builder *b)
{
    b->htable_open = false;
    size_t cols = 0;
    for (guint i = b->htable_from; i < b->blocks->len; i++)
        cols = MAX(cols, g_array_index(b->blocks, CpBlock, i).n_cells);
    for (guint i = b->htable_from; i < b->blocks->len; i++) {
        CpBlock *blk = &g_array_index(b->blocks, CpBlock, i);
        if (blk->kind != CP_BLOCK_ROW || blk->n_cells >= cols)
            continue;
        blk->cells = g_renew(CpCell, blk->cells, cols);
        for (size_t c = blk->n_cells; c < cols; c++)
            blk->cells[c] = (CpCell){g_strdup(""), pango_attr_list_new(), NULL, 0};
        blk->align = g_realloc(blk->align, cols + 1);
        memset(blk->align + blk->n_cells, 0, cols + 1 - blk->n_cells);
        blk->n_cells = cols;
    }
}

static void html_table_open(Builder *b)
{
    if (b->htable_open)
        html_table_end(b); // a table in a table: the outer one ends here
    b->tables++;
    b->htable_from = b->blocks->len;
    b->htable_open = true;
}

// Lists, headings, tables and the rest of an HTML block's structure.
static bool html_block_start(Builder *b, const char *tag, const char *const *attrs)
{
    static const char *const edges[] = {"p", "div", "details", "blockquote", NULL};
    if (tag_is(tag, edges)) {
        html_block_edge(b);
    } else if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && !tag[2]) {
        html_block_edge(b);
        b->hlevel = b->hctx ? tag[1] - '0' : 0;
    } else if (strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0) {
        html_block_edge(b);
        const char *start = html_attr(attrs, "start");
        if (b->hctx && b->hlists < MAX_DEPTH) {
            b->hlist[b->hlists++] = tag[0] == 'o' ? (start ? MAX(atoi(start), 0) : 1) : -1;
            b->hctx->depth = MIN(b->hctx->depth + 1, MAX_DEPTH);
        }
    } else if (strcmp(tag, "li") == 0) {
        html_block_edge(b);
        if (b->hctx && b->hlists) {
            int *n = &b->hlist[b->hlists - 1];
            g_free(b->hctx->marker);
            b->hctx->marker = *n >= 0 ? g_strdup_printf("%d.", (*n)++) : g_strdup("\u2022");
        } else if (!b->hctx) {
            g_string_append(b->text, "\u2022 ");
        }
    } else if (strcmp(tag, "table") == 0) {
        html_block_edge(b);
        html_table_open(b);
    } else if (strcmp(tag, "tr") == 0) {
        if (b->hctx) {
            html_flush(b);
            if (!b->htable_open) // a row without its table: a table of its own
                html_table_open(b);
            b->hrow = g_array_new(FALSE, FALSE, sizeof(CpCell));
            b->hrow_header = false;
        } else {
            html_line_break(b);
        }
    } else if (strcmp(tag, "td") == 0 || strcmp(tag, "th") == 0) {
        if (b->hrow && b->text->len)
            html_cell_end(b); // text before the cell: a cell of its own
        b->hrow_header |= tag[1] == 'h';
        if (!b->hctx && b->text->len)
            g_string_append_c(b->text, ' ');
    } else {
        return tag_is(tag, known_tags);
    }
    return true;
}

static void html_start(void *data, const char *tag, const char *const *attrs)
{
    Builder *b = data;
    if (strcmp(tag, "script") == 0 || strcmp(tag, "style") == 0) {
        if (b->skip++ == 0)
            diag_warn_grouped(b->src->path, b->hline, b->hcol,
                              "<script> and <style> elements dropped with their content",
                              "<%s> element dropped with its content", tag);
        return;
    }
    if (b->skip)
        return;
    HOpen o = {b->text->len, H_EM, NULL};
    if (strcmp(tag, "em") == 0 || strcmp(tag, "i") == 0 || strcmp(tag, "strong") == 0 ||
        strcmp(tag, "b") == 0 || strcmp(tag, "code") == 0 || strcmp(tag, "summary") == 0) {
        o.kind = tag[0] == 'c' ? H_CODE : tag[0] == 'e' || tag[0] == 'i' ? H_EM : H_STRONG;
        if (tag[0] == 's' && tag[1] == 'u')
            html_block_edge(b); // a summary: a bold line of its own
        g_array_append_val(b->hopen, o);
    } else if (strcmp(tag, "a") == 0) {
        o.kind = H_LINK;
        const char *href = html_attr(attrs, "href");
        o.url = href ? g_strdup(href) : NULL;
        g_array_append_val(b->hopen, o);
    } else if (strcmp(tag, "br") == 0) {
        g_string_append(b->text, "\u2028");
    } else if (strcmp(tag, "img") == 0) {
        const char *alt = html_attr(attrs, "alt");
        if (alt)
            html_text(b, alt, strlen(alt)); // an HTML picture is never fetched
    } else if (!html_block_start(b, tag, attrs)) {
        char *kind = g_strdup_printf("<%s> tags dropped (their text is kept)", tag);
        diag_warn_grouped(b->src->path, b->hline, b->hcol, kind,
                          "HTML tag <%s> dropped: its text is kept", tag);
        g_free(kind);
    }
}

// The span TAG closes: its attributes over its text.
static void html_span_end(Builder *b, const char *tag)
{
    HKind kind = tag[0] == 'c'                    ? H_CODE
                 : tag[0] == 'a'                  ? H_LINK
                 : tag[0] == 'e' || tag[0] == 'i' ? H_EM
                                                  : H_STRONG;
    for (guint i = b->hopen->len; i-- > 0;) {
        HOpen o = g_array_index(b->hopen, HOpen, i);
        if (o.kind != kind)
            continue;
        g_array_remove_index(b->hopen, i);
        size_t e = b->text->len;
        if (kind == H_EM)
            add_attr(b,
                     b->italic ? pango_attr_style_new(PANGO_STYLE_ITALIC)
                               : pango_attr_weight_new(PANGO_WEIGHT_BOLD),
                     o.start, e);
        else if (kind == H_STRONG)
            add_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), o.start, e);
        else if (kind == H_CODE)
            add_attr(b, pango_attr_family_new(CP_MONO_FAMILY), o.start, e);
        else if (o.url && !refuse_chars(b, o.url, b->hline) && e > o.start)
            link_span(b, o.start, o.url, false, b->hline, b->hcol);
        g_free(o.url);
        return;
    }
}

static void html_end(void *data, const char *tag)
{
    Builder *b = data;
    if (strcmp(tag, "script") == 0 || strcmp(tag, "style") == 0) {
        b->skip = MAX(b->skip - 1, 0);
        return;
    }
    if (b->skip)
        return;
    static const char *const spans[] = {"em", "i", "strong", "b", "code", "a", "summary", NULL};
    if (tag_is(tag, spans))
        html_span_end(b, tag);
    static const char *const edges[] = {"p",  "div", "details", "blockquote", "summary", "li", "h1",
                                        "h2", "h3",  "h4",      "h5",         "h6",      NULL};
    if (tag_is(tag, edges)) {
        html_block_edge(b);
        b->hlevel = 0;
    } else if ((strcmp(tag, "ul") == 0 || strcmp(tag, "ol") == 0) && b->hctx && b->hlists) {
        html_flush(b);
        b->hlists--;
        b->hctx->depth = MAX(b->hctx->depth - 1, 0);
    } else if (strcmp(tag, "td") == 0 || strcmp(tag, "th") == 0) {
        html_cell_end(b);
    } else if (strcmp(tag, "tr") == 0) {
        html_row_end(b);
    } else if (strcmp(tag, "table") == 0 && b->hctx) {
        html_row_end(b);
        html_flush(b);
        html_table_end(b);
    }
}

static void html_chars(void *data, const char *text, size_t len)
{
    html_text(data, text, len);
}

static const CpHtmlSink html_sink = {html_start, html_end, html_chars};

// An inline piece of HTML (<em>, </em>, <br>): to the paragraph's parser,
// which pairs it with the others.
static void add_inline_html(Builder *b, cmark_node *n, int line)
{
    if (!b->inline_html)
        b->inline_html = html_create(&html_sink, b);
    b->hline = inline_line(b, n, line);
    b->hcol = src_col(b, n);
    html_feed(b->inline_html, cmark_node_get_literal(n));
}

// A block of HTML: to the document's parser, which pairs its tags with
// those of the blocks before and after (a <details> split by blank lines).
// Its text becomes blocks in CTX.
static void add_html_block(Builder *b, cmark_node *node, Context *ctx)
{
    if (!b->block_html)
        b->block_html = html_create(&html_sink, b);
    Context hctx = *ctx;
    hctx.marker = NULL;
    b->hctx = &hctx;
    b->hline = src_line(b, node);
    b->hcol = src_col(b, node);
    begin_text(b);
    html_feed(b->block_html, cmark_node_get_literal(node));
    html_row_end(b);
    html_flush(b);
    flush_text(b, CP_BLOCK_PARA, 0, &hctx, b->hline, false);
    g_free(hctx.marker);
    b->hctx = NULL;
}

static void html_finish(Builder *b, Context *ctx)
{
    if (b->block_html) {
        Context hctx = *ctx;
        hctx.marker = NULL;
        b->hctx = &hctx;
        begin_text(b);
        html_destroy(b->block_html);
        html_row_end(b);
        if (b->htable_open)
            html_table_end(b);
        html_flush(b);
        flush_text(b, CP_BLOCK_PARA, 0, &hctx, b->hline, false);
        g_free(hctx.marker);
        b->hctx = NULL;
        b->block_html = NULL;
    }
    for (guint i = 0; i < b->hopen->len; i++)
        g_free(g_array_index(b->hopen, HOpen, i).url);
    g_array_set_size(b->hopen, 0);
}

// Walks the inline children of NODE into the text being built, and one
// image block per image (which splits the paragraph around it).
static void walk_inlines(Builder *b, cmark_node *node, CpBlockKind kind, int level, Context *ctx)
{
    int line = src_line(b, node);
    InlineWalk w = {
        cmark_iter_new(node), g_array_new(FALSE, FALSE, sizeof(Open)), kind, level, ctx, line};
    cmark_event_type ev;
    while ((ev = cmark_iter_next(w.it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(w.it);
        if (n == node)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
            add_text(b, n, kind, line);
            break;
        case CMARK_NODE_SOFTBREAK:
            g_string_append_c(b->text, ' ');
            break;
        case CMARK_NODE_LINEBREAK:
            // A line separator keeps one paragraph (one alignment) across it.
            g_string_append(b->text, "\u2028");
            break;
        case CMARK_NODE_CODE:
            add_code_span(b, n);
            break;
        case CMARK_NODE_HTML_INLINE:
            add_inline_html(b, n, line);
            break;
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
        case CMARK_NODE_LINK:
            span_event(b, &w, n, ev);
            break;
        case CMARK_NODE_IMAGE:
            if (ev == CMARK_EVENT_ENTER) // left at once, or its alt text walked
                add_image(b, &w, n);
            break;
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            if (ev == CMARK_EVENT_ENTER) // cmark-gfm visits it twice
                add_note_mark(b, cmark_node_get_literal(n));
            break;
        default:
            if (cmark_node_get_type(n) == CMARK_NODE_STRIKETHROUGH)
                span_event(b, &w, n, ev);
            break;
        }
    }
    g_array_free(w.open, TRUE);
    cmark_iter_free(w.it);
    if (b->inline_html) { // spans left open close at the paragraph's end
        html_destroy(b->inline_html);
        b->inline_html = NULL;
    }
    for (guint i = 0; i < b->hopen->len; i++)
        g_free(g_array_index(b->hopen, HOpen, i).url);
    g_array_set_size(b->hopen, 0);
}

// The inline children of NODE as blocks of KIND: text with attributes, and
// one image block per image.
static void build_inlines(Builder *b, cmark_node *node, CpBlockKind kind, int level, Context *ctx)
{
    begin_text(b);
    walk_inlines(b, node, kind, level, ctx);
    flush_text(b, kind, level, ctx, src_line(b, node),
               b->text->len > 0 || kind == CP_BLOCK_HEADING || ctx->marker);
}

// A table: a block per row, a cell per column (a row written short gets
// empty cells), the header row bold.
static void add_table(Builder *b, cmark_node *table, Context *ctx)
{
    int cols = MAX(markdown_table_columns(table), 1);
    const unsigned char *al = markdown_table_alignments(table);
    b->tables++;
    for (cmark_node *row = cmark_node_first_child(table); row && !b->failed;
         row = cmark_node_next(row)) {
        CpBlock *blk = push_block(b, CP_BLOCK_ROW, ctx, src_line(b, row));
        blk->table = b->tables;
        blk->header = markdown_row_is_header(row);
        blk->align = g_malloc0((size_t)cols + 1);
        for (int c = 0; al && c < cols; c++)
            blk->align[c] = al[c] == 'l' || al[c] == 'c' || al[c] == 'r' ? (char)al[c] : 0;
        CpCell *cells = g_new0(CpCell, cols);
        cmark_node *cell = cmark_node_first_child(row);
        b->in_cell = true;
        for (int c = 0; c < cols; c++) {
            begin_text(b);
            if (cell) {
                walk_inlines(b, cell, CP_BLOCK_PARA, 0, ctx);
                cell = cmark_node_next(cell);
            }
            if (blk->header)
                add_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), 0, b->text->len);
            CpCell *out = &cells[c];
            take_text(b, &out->text, &out->attrs, &out->links, &out->n_links);
        }
        b->in_cell = false;
        // The array may have moved while the cells were walked.
        blk = &g_array_index(b->blocks, CpBlock, b->blocks->len - 1);
        blk->cells = cells;
        blk->n_cells = (size_t)cols;
    }
}

static void walk(Builder *b, cmark_node *node, Context *ctx);

static void walk_children(Builder *b, cmark_node *node, Context *ctx)
{
    cmark_node_type t = cmark_node_get_type(node);
    bool nests = t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_ITEM;
    if (nests && ++b->nesting > MAX_NESTING) {
        diag_error(b->src->path, src_line(b, node), src_col(b, node),
                   "lists and block quotes nested more than %d deep; flatten them", MAX_NESTING);
        b->failed = true;
        return;
    }
    for (cmark_node *c = cmark_node_first_child(node); c && !b->failed; c = cmark_node_next(c))
        walk(b, c, ctx);
    if (nests)
        b->nesting--;
}

static char *item_marker(cmark_node *list, int index, int depth)
{
    if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
        int n = cmark_node_get_list_start(list) + index;
        bool paren = cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM;
        return g_strdup_printf("%d%s", n, paren ? ")" : ".");
    }
    static const char *const bullets[] = {"\u2022", "\u2013", "\u25E6"};
    return g_strdup(bullets[depth % 3]);
}

// A footnote: cmark-gfm moves them to the end, in the order of their
// numbers. Set after the policy under a short rule, numbered like a list.
static void add_note(Builder *b, cmark_node *node, Context *ctx)
{
    if (b->notes++ == 0)
        push_block(b, CP_BLOCK_RULE, ctx, src_line(b, node));
    Context inner = *ctx;
    inner.depth = MIN(ctx->depth + 1, MAX_DEPTH);
    inner.tight = true;
    inner.marker = g_strdup_printf("%d.", b->notes);
    walk_children(b, node, &inner);
    g_free(inner.marker);
}

static void walk(Builder *b, cmark_node *node, Context *ctx)
{
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_DOCUMENT:
        walk_children(b, node, ctx);
        break;
    case CMARK_NODE_PARAGRAPH:
        build_inlines(b, node, CP_BLOCK_PARA, 0, ctx);
        break;
    case CMARK_NODE_HEADING:
        build_inlines(b, node, CP_BLOCK_HEADING, cmark_node_get_heading_level(node), ctx);
        break;
    case CMARK_NODE_CODE_BLOCK: {
        CpBlock *blk = push_block(b, CP_BLOCK_CODE, ctx, src_line(b, node));
        const char *lit = cmark_node_get_literal(node);
        size_t n = strlen(lit);
        while (n && lit[n - 1] == '\n')
            n--;
        blk->text = chars_close_isolates(g_strndup(lit, n));
        blk->attrs = pango_attr_list_new();
        pango_attr_list_insert(blk->attrs, pango_attr_insert_hyphens_new(FALSE));
        break;
    }
    case CMARK_NODE_HTML_BLOCK:
        add_html_block(b, node, ctx);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        push_block(b, CP_BLOCK_RULE, ctx, src_line(b, node));
        break;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        add_note(b, node, ctx);
        break;
    case CMARK_NODE_BLOCK_QUOTE: {
        Context inner = *ctx;
        if (ctx->depth < 32)
            inner.quote_bar |= 1u << ctx->depth;
        inner.depth = MIN(ctx->depth + 1, MAX_DEPTH);
        walk_children(b, node, &inner);
        ctx->marker = inner.marker;
        break;
    }
    case CMARK_NODE_LIST: {
        int i = 0;
        int list_depth = 0;
        for (int d = 0; d < ctx->depth && d < 32; d++)
            list_depth += !(ctx->quote_bar & (1u << d));
        for (cmark_node *item = cmark_node_first_child(node); item && !b->failed;
             item = cmark_node_next(item), i++) {
            Context inner = *ctx;
            inner.depth = MIN(ctx->depth + 1, MAX_DEPTH);
            // A tight list's items follow each other closely; so does the first
            // one when the list itself sits in a tight item.
            bool tight = cmark_node_get_list_tight(node);
            inner.tight = tight && (i > 0 || ctx->in_tight);
            inner.in_tight = tight;
            if (ctx->marker) {
                // An item that opens with a list: its number gets a line of its own.
                CpBlock *blk = push_block(b, CP_BLOCK_PARA, ctx, src_line(b, node));
                blk->text = g_strdup("");
                blk->attrs = pango_attr_list_new();
            }
            bool checked;
            inner.marker = markdown_task(item, &checked)
                               // A box to tick on paper, or a ticked one.
                               ? g_strdup(checked ? "\u2611" : "\u2610")
                               : item_marker(node, i, list_depth);
            if (!cmark_node_first_child(item)) {
                // An empty item still shows its bullet.
                CpBlock *blk = push_block(b, CP_BLOCK_PARA, &inner, src_line(b, item));
                blk->text = g_strdup("");
                blk->attrs = pango_attr_list_new();
            } else {
                walk_children(b, item, &inner);
            }
            g_free(inner.marker);
        }
        break;
    }
    default:
        if (cmark_node_get_type(node) == CMARK_NODE_TABLE)
            add_table(b, node, ctx);
        else
            walk_children(b, node, ctx);
        break;
    }
}

static void cell_finish(CpCell *c)
{
    g_free(c->text);
    if (c->attrs)
        pango_attr_list_unref(c->attrs);
    for (size_t i = 0; i < c->n_links; i++)
        g_free(c->links[i].url);
    g_free(c->links);
}

static void block_finish(CpBlock *blk)
{
    for (size_t i = 0; i < blk->n_cells; i++)
        cell_finish(&blk->cells[i]);
    g_free(blk->cells);
    g_free(blk->align);
    g_free(blk->marker);
    g_free(blk->text);
    if (blk->attrs)
        pango_attr_list_unref(blk->attrs);
    for (size_t i = 0; i < blk->n_links; i++)
        g_free(blk->links[i].url);
    g_free(blk->links);
    if (blk->image)
        cairo_surface_destroy(blk->image);
}

// Folds case and the typography smart punctuation adds, so that a front
// matter title and the same heading compare equal.
static char *fold(const char *s)
{
    static const char *const from[] = {"\u2018", "\u2019", "\u201C", "\u201D",
                                       "\u2013", "\u2014", "\u2026", NULL};
    static const char *const to[] = {"'", "'", "\"", "\"", "--", "---", "..."};
    GString *plain = g_string_new(s);
    for (int i = 0; from[i]; i++)
        g_string_replace(plain, from[i], to[i], 0);
    // Bidi isolates and marks change no letter: a title with them is the
    // same title as the heading without.
    static const char *const bidi[] = {"\u2066", "\u2067", "\u2068", "\u2069",
                                       "\u200E", "\u200F", "\u061C", NULL};
    for (int i = 0; bidi[i]; i++)
        g_string_replace(plain, bidi[i], "", 0);
    char *t = g_utf8_casefold(plain->str, -1);
    g_string_free(plain, TRUE);
    char *n = g_utf8_normalize(t, -1, G_NORMALIZE_ALL_COMPOSE);
    g_free(t);
    return g_strstrip(n);
}

// The title: front matter's, else the document's first block when it is a
// heading of level 1 or 2 (a "### Reporting" further down is a section, not
// the policy's name), else none (the caller gives the label). That heading
// leaves the body when it is the title, so it is not printed twice.
static bool take_title(CpDocument *doc, const CpMeta *meta, const CpSource *src)
{
    const CpBlock *b0 = doc->n ? &doc->blocks[0] : NULL;
    size_t first =
        b0 && b0->kind == CP_BLOCK_HEADING && b0->level <= 2 && b0->depth == 0 ? 0 : SIZE_MAX;
    if (meta->title) {
        doc->title = g_strdup(meta->title);
        doc->title_line = meta->title_line;
        if (first == SIZE_MAX)
            return true;
        char *a = fold(meta->title), *b = fold(doc->blocks[first].text);
        bool same = strcmp(a, b) == 0;
        g_free(a);
        g_free(b);
        if (!same)
            return true;
    } else if (first != SIZE_MAX) {
        long chars = g_utf8_strlen(doc->blocks[first].text, -1);
        if (chars > CP_MAX_TITLE_CHARS) {
            diag_error(src->path, doc->blocks[first].line, 1,
                       "the first heading, which is the title, is %ld characters long; a title "
                       "may have at most %d: shorten it, or give a shorter 'title' in the "
                       "front matter",
                       chars, CP_MAX_TITLE_CHARS);
            return false;
        }
        doc->title = g_strdup(doc->blocks[first].text);
        doc->title_line = doc->blocks[first].line;
    } else {
        return true;
    }
    block_finish(&doc->blocks[first]);
    memmove(&doc->blocks[first], &doc->blocks[first + 1], (doc->n - first - 1) * sizeof(CpBlock));
    doc->n--;
    return true;
}

// SRC's Markdown parsed, without what site generators add that is not
// text (markdown_strip_extras), each kind of which is warned of once.
static cmark_node *parse_body(const CpSource *src)
{
    static const char *const kinds[MD_EXTRA_KINDS][2] = {
        {"kramdown attribute lists removed (they style the web page)",
         "kramdown attribute list '%s' removed: it styles the web page"},
        {"MyST targets removed (anchors for links on the web site)",
         "MyST target '%s' removed: an anchor for links on the web site"},
        {"Liquid tags removed (the site generator's)",
         "Liquid tag '%s' removed: the site generator's"},
        {"Hugo shortcodes removed (a paired one's text is kept)",
         "Hugo shortcode '%s' removed (a paired one's text is kept)"},
    };
    GArray *found = g_array_new(FALSE, FALSE, sizeof(MdExtra));
    size_t len;
    char *body = markdown_strip_extras(src->body, src->body_len, &len, found);
    for (guint i = 0; i < found->len; i++) {
        MdExtra *e = &g_array_index(found, MdExtra, i);
        diag_warn_grouped(src->path, e->line + src->body_line - 1, e->col, kinds[e->kind][0],
                          kinds[e->kind][1], e->text);
        g_free(e->text);
    }
    g_array_free(found, TRUE);
    cmark_node *root = markdown_parse(body, len, CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8);
    g_free(body);
    return root;
}

CpDocument *document_create(const CpSource *src, const CpMeta *meta, const CpLang *lang,
                            CpPictures *pictures)
{
    cmark_node *root = parse_body(src);
    CpPictures *own = pictures ? NULL : document_pictures_create();
    Builder b = {.src = src,
                 .blocks = g_array_new(FALSE, TRUE, sizeof(CpBlock)),
                 .pictures = pictures ? pictures : own};
    CpLang en;
    if (!lang) {
        lang_resolve("en", &en);
        en.hyphen_dict[0] = '\0'; // fragments and tests: no dictionary unless asked
        lang = &en;
    }
    b.italic = lang->italic;
    b.rtl = lang->rtl;
    b.hyph = hyphenate_create(lang->hyphen_dict);
    Context ctx = {0};
    b.hopen = g_array_new(FALSE, FALSE, sizeof(HOpen));
    walk(&b, root, &ctx);
    html_finish(&b, &ctx);
    g_array_free(b.hopen, TRUE);
    diag_flush_grouped(); // one line per kind of warning
    g_free(ctx.marker);
    cmark_node_free(root);
    hyphenate_destroy(b.hyph);
    document_pictures_destroy(own);

    CpDocument *doc = g_new0(CpDocument, 1);
    doc->path = g_strdup(src->path);
    doc->lang = *lang;
    doc->n = b.blocks->len;
    doc->blocks = (CpBlock *)(void *)g_array_free(b.blocks, FALSE);
    // Pango 1.50 sets a paragraph of some 400,000 characters as one line
    // (its widths overflow), which would run off the page.
    for (size_t i = 0; i < doc->n && !b.failed; i++) {
        long chars = doc->blocks[i].text ? g_utf8_strlen(doc->blocks[i].text, -1) : 0;
        if (chars > CP_MAX_BLOCK_CHARS) {
            diag_error(src->path, doc->blocks[i].line, 1,
                       "a paragraph of %ld characters: cocprint sets at most %d in one "
                       "paragraph or code block; split it with blank lines",
                       chars, CP_MAX_BLOCK_CHARS);
            b.failed = true;
        }
    }
    if (b.failed) {
        document_destroy(doc);
        return NULL;
    }
    if (meta && !take_title(doc, meta, src)) {
        document_destroy(doc);
        return NULL;
    }
    for (size_t i = 0; i < doc->n; i++) {
        CpBlock *blk = &doc->blocks[i];
        if (blk->text)
            breaks_add(&blk->text, &blk->attrs, blk->links, blk->n_links, lang->pango);
        for (size_t c = 0; c < blk->n_cells; c++) {
            CpCell *cell = &blk->cells[c];
            breaks_add(&cell->text, &cell->attrs, cell->links, cell->n_links, lang->pango);
        }
    }
    return doc;
}

void document_destroy(CpDocument *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n; i++)
        block_finish(&doc->blocks[i]);
    g_free(doc->blocks);
    g_free(doc->title);
    g_free(doc->path);
    g_free(doc);
}
