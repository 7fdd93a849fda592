#include "typeset.h"

#include "design.h"
#include "diag.h"
#include "fit.h"
#include "fonts.h"

#include <fribidi.h>
#include <math.h>
#include <string.h>

#define B (cp_design.body)
#define REF_PT 100.0 // the body size the line model is shaped at
// A block set in lines (text, or a table row's cells on the body's line
// grid), which may split between frames.
#define LINED(p) ((p)->layout || (p)->cells)

typedef struct {
    const CpBlock *blk;
    PangoLayout *layout; // text blocks
    PangoLayout *marker; // list bullet or number
    int lines;
    double pitch, ascent; // line box and baseline offset in it
    double pad;           // code blocks: padding above and below
    double gap;           // space before, when not first in a frame
    double indent;
    double step;    // one nesting step: the indent over the depth
    double fixed_h; // rules and images: whole height
    CpColor color;
    // The line model: each character's advance, shaped once at REF_PT, and
    // where lines may break. Unhinted advances scale with the size, so the
    // line count at any size and width follows without shaping again.
    double *adv;         // n_chars + 1 running sums: adv[i] = width before char i
    PangoLogAttr *attrs; // n_chars + 1
    int n_chars;
    double marker_w;     // list marker's width at REF_PT
    PangoLayout **cells; // a table row's cells
} Para;

// A table's columns: each one's widest line unbroken and widest word, at
// REF_PT, over all its rows; and the widths at the flow's size.
typedef struct {
    int cols;
    double *natural, *least, *w;
    bool cramped;      // a word wider than its column at this size: it breaks
    double need, room; // then: the columns at their widest words, and the width
    int line;          // its first row's source line
} Table;

struct CpFlow {
    PangoContext *context;
    const CpDocument *doc;
    Para *paras;
    size_t n;
    double size, width;
    double body_pitch, body_ascent; // for list markers beside any block
    double char_em;
    double hyphen; // a hyphen's width at REF_PT, added where a break adds one
    bool modeled;  // the line model is built
    Table *tables; // [1 .. n_tables]: the document's tables
    int n_tables;
};

static PangoFontDescription *font_for(const CpBlock *blk, double size)
{
    PangoFontDescription *d = pango_font_description_new();
    bool code = blk->kind == CP_BLOCK_CODE;
    pango_font_description_set_family_static(d, code ? CP_MONO_FAMILY : CP_BODY_FAMILY);
    double s = size;
    if (blk->kind == CP_BLOCK_HEADING) {
        s *= B.head_scale[CLAMP(blk->level, 1, 6)];
        pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
        if (blk->level >= 5)
            pango_font_description_set_style(d, PANGO_STYLE_ITALIC);
    } else if (code) {
        s *= B.code_scale;
    }
    pango_font_description_set_absolute_size(d, s * PANGO_SCALE);
    return d;
}

static double lines_h(const Para *p, int k)
{
    return k * p->pitch + 2 * p->pad;
}

// Table cells: space either side of a cell's text, and above and below it,
// in ems of the body; the rule under the header row, in points.
#define CELL_PAD_X 0.45
#define CELL_PAD_Y 0.22
#define HEADER_RULE 0.8

// Width of LAYOUT's widest line, at its width now.
static double layout_w(PangoLayout *layout)
{
    PangoRectangle r;
    pango_layout_get_extents(layout, NULL, &r);
    return r.width / (double)PANGO_SCALE;
}

// A table row's cell layouts, and what they add to their table's columns
// (at REF_PT, in font REF).
static void row_create(CpFlow *f, Para *p, PangoFontDescription *ref, bool rtl)
{
    const CpBlock *b = p->blk;
    Table *t = &f->tables[b->table];
    if (!t->cols) {
        t->line = b->line;
        t->cols = (int)b->n_cells;
        t->natural = g_new0(double, t->cols);
        t->least = g_new0(double, t->cols);
        t->w = g_new0(double, t->cols);
    }
    p->cells = g_new0(PangoLayout *, b->n_cells);
    for (size_t c = 0; c < b->n_cells && (int)c < t->cols; c++) {
        PangoLayout *l = pango_layout_new(f->context);
        p->cells[c] = l;
        pango_layout_set_text(l, b->cells[c].text, -1);
        pango_layout_set_attributes(l, b->cells[c].attrs);
        pango_layout_set_font_description(l, ref);
        pango_layout_set_auto_dir(l, FALSE);
        char a = b->align ? b->align[c] : 0;
        // As written; unaligned columns start where the page's text does.
        pango_layout_set_alignment(l, a == 'c'   ? PANGO_ALIGN_CENTER
                                      : a == 'r' ? PANGO_ALIGN_RIGHT
                                      : a == 'l' ? PANGO_ALIGN_LEFT
                                      : rtl      ? PANGO_ALIGN_RIGHT
                                                 : PANGO_ALIGN_LEFT);
        t->natural[c] = MAX(t->natural[c], layout_w(l));
        // Its widest word: the layout broken at every word.
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        pango_layout_set_width(l, PANGO_SCALE);
        t->least[c] = MAX(t->least[c], layout_w(l));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_width(l, -1);
    }
}

// Shares ROOM among T's columns, each at least its widest word: columns
// that need little more get all of it (a name stays on one line), the others
// the same share each of what is left.
static void share_room(Table *t, double k, double pad, double room)
{
    int open = 0;
    bool *done = g_new0(bool, (size_t)MAX(t->cols, 1));
    for (int c = 0; c < t->cols; c++) {
        t->w[c] = t->least[c] * k + pad;
        done[c] = t->natural[c] <= t->least[c]; // one word: nothing to gain
        open += !done[c];
    }
    for (bool more = true; more && open > 0;) {
        more = false;
        double share = room / open;
        for (int c = 0; c < t->cols; c++) {
            double need = (t->natural[c] - t->least[c]) * k;
            if (!done[c] && need <= share) {
                t->w[c] += need;
                room -= need;
                done[c] = more = true;
                open--;
            }
        }
    }
    for (int c = 0; c < t->cols && open > 0; c++)
        if (!done[c])
            t->w[c] += room / open;
    g_free(done);
}

// The columns of every table at SIZE across WIDTH: as wide as their text
// when that fits; else each at least its widest word and the room left
// shared (share_room); else (a word wider than the room) shrunk alike, and
// the table is cramped.
static void table_columns(CpFlow *f, double size, double width)
{
    // Widths at REF_PT scale to within a hair of those at SIZE: 1% more,
    // so that a word measured to fit does.
    double k = 1.01 * size / REF_PT, pad = 2 * CELL_PAD_X * size;
    for (int i = 1; i <= f->n_tables; i++) {
        Table *t = &f->tables[i];
        double nat = 0, least = 0;
        for (int c = 0; c < t->cols; c++) {
            nat += t->natural[c] * k + pad;
            least += t->least[c] * k + pad;
        }
        t->cramped = least > width + 1e-6;
        t->need = least;
        t->room = width;
        for (int c = 0; c < t->cols; c++) {
            double n = t->natural[c] * k + pad, l = t->least[c] * k + pad;
            t->w[c] = nat <= width ? n : l * width / least;
        }
        if (nat > width && !t->cramped)
            share_room(t, k, pad, width - least);
    }
}

// A row's cells laid out at SIZE in their columns, on the body's line grid:
// its lines are its tallest cell's, so that it splits between frames as a
// paragraph does.
static void row_measure(CpFlow *f, Para *p, double size)
{
    const Table *t = &f->tables[p->blk->table];
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family_static(d, CP_BODY_FAMILY);
    pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
    p->lines = 1;
    for (int c = 0; c < t->cols && (size_t)c < p->blk->n_cells; c++) {
        PangoLayout *l = p->cells[c];
        pango_layout_set_font_description(l, d);
        pango_layout_set_width(l, (int)(MAX(t->w[c] - 2 * CELL_PAD_X * size, 1) * PANGO_SCALE));
        p->lines = MAX(p->lines, pango_layout_get_line_count(l));
    }
    pango_font_description_free(d);
    p->pitch = f->body_pitch;
    p->ascent = f->body_ascent;
    p->pad = CELL_PAD_Y * size;
}

// Lines [FIRST, FIRST + COUNT) of a row, H high: its cells side by side, a
// rule under it (heavier under the header) where it ends.
static void emit_row(const CpFlow *f, CpPage *page, const Para *p, int first, int count, double x,
                     double y)
{
    double h = lines_h(p, count);
    const CpBlock *b = p->blk;
    const Table *t = &f->tables[b->table];
    double pad_x = CELL_PAD_X * f->size, cx = x;
    for (int c = 0; c < t->cols && (size_t)c < b->n_cells; c++) {
        const CpCell *cell = &b->cells[c];
        int n = MIN(count, pango_layout_get_line_count(p->cells[c]) - first);
        const CpLines lines = {p->cells[c], first,        n,
                               p->pitch,    p->ascent,    cp_design.palette.ink,
                               cell->links, cell->n_links};
        if (n > 0)
            page_add_text(page, &lines, cx + pad_x, y + p->pad);
        cx += t->w[c];
    }
    if (first + count < p->lines)
        return; // it goes on in the next frame
    page_add_line(page, x, y + h, cx, y + h, b->header ? HEADER_RULE : B.rule_weight,
                  b->header ? cp_design.palette.ink : cp_design.palette.rule);
}

// A paragraph with no letter of the page's direction and some of the
// other (an English one on an Arabic page) reads in its own direction: its
// full stop ends it rather than opening its last line. Any other takes the
// page's, whatever its first letter ("محمد said" on an English page).
static bool reads_opposite(const char *text, bool rtl)
{
    bool l = false, r = false;
    for (const char *s = text; *s; s = g_utf8_next_char(s)) {
        FriBidiCharType t = fribidi_get_bidi_type(g_utf8_get_char(s));
        l = l || t == FRIBIDI_TYPE_LTR;
        r = r || t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL;
    }
    return rtl ? l && !r : r && !l;
}

CpFlow *typeset_create(PangoContext *context, const CpDocument *doc)
{
    CpFlow *f = g_new0(CpFlow, 1);
    f->context = g_object_ref(context);
    f->doc = doc;
    f->n = doc->n;
    f->paras = g_new0(Para, doc->n ? doc->n : 1);
    for (size_t i = 0; i < doc->n; i++)
        f->n_tables = MAX(f->n_tables, doc->blocks[i].table);
    f->tables = g_new0(Table, f->n_tables + 1);
    PangoFontDescription *ref = font_for(&(CpBlock){.kind = CP_BLOCK_PARA}, REF_PT);
    for (size_t i = 0; i < doc->n; i++) {
        Para *p = &f->paras[i];
        const CpBlock *b = &doc->blocks[i];
        p->blk = b;
        p->color = b->kind == CP_BLOCK_HEADING && b->level <= 3 ? cp_design.palette.accent
                                                                : cp_design.palette.ink;
        if (b->kind == CP_BLOCK_PARA || b->kind == CP_BLOCK_HEADING || b->kind == CP_BLOCK_CODE) {
            p->layout = pango_layout_new(context);
            pango_layout_set_text(p->layout, b->text, -1);
            pango_layout_set_attributes(p->layout, b->attrs);
            // Words longer than the column break rather than run off it; code
            // breaks anywhere, so indentation stays on its line.
            pango_layout_set_wrap(p->layout, b->kind == CP_BLOCK_CODE ? PANGO_WRAP_CHAR
                                                                      : PANGO_WRAP_WORD_CHAR);
            // Set as a mirror image on a right-to-left page; the page is
            // turned over at the end. A paragraph that reads opposite is
            // set by Pango in its own direction, its alignment flipped to
            // that direction's start; code on a left-to-right page keeps
            // Pango's own choice, its first strong letter.
            if (doc->lang.rtl)
                pango_layout_set_alignment(p->layout, PANGO_ALIGN_RIGHT);
            pango_layout_set_auto_dir(p->layout, b->kind == CP_BLOCK_CODE
                                                     ? !doc->lang.rtl
                                                     : reads_opposite(b->text, doc->lang.rtl));
        }
        if (b->kind == CP_BLOCK_ROW)
            row_create(f, p, ref, doc->lang.rtl);
        if (b->marker) {
            // Measured once, at REF_PT: its width scales with the size.
            p->marker = pango_layout_new(context);
            pango_layout_set_text(p->marker, b->marker, -1);
            pango_layout_set_font_description(p->marker, ref);
            PangoRectangle r;
            pango_layout_get_extents(p->marker, NULL, &r);
            p->marker_w = r.width / (double)PANGO_SCALE;
        }
    }
    pango_font_description_free(ref);
    return f;
}

void typeset_destroy(CpFlow *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        if (f->paras[i].layout)
            g_object_unref(f->paras[i].layout);
        if (f->paras[i].marker)
            g_object_unref(f->paras[i].marker);
        for (size_t c = 0; f->paras[i].cells && c < f->paras[i].blk->n_cells; c++)
            if (f->paras[i].cells[c])
                g_object_unref(f->paras[i].cells[c]);
        g_free(f->paras[i].cells);
        g_free(f->paras[i].adv);
        g_free(f->paras[i].attrs);
    }
    for (int i = 1; i <= f->n_tables; i++) {
        g_free(f->tables[i].natural);
        g_free(f->tables[i].least);
        g_free(f->tables[i].w);
    }
    g_free(f->tables);
    g_free(f->paras);
    g_object_unref(f->context);
    g_free(f);
}

static double gap_before(const CpBlock *b, const CpBlock *prev, double s)
{
    if (!prev)
        return 0;
    if (b->kind == CP_BLOCK_ROW && prev->kind == CP_BLOCK_ROW && b->table == prev->table)
        return 0;
    if (b->kind == CP_BLOCK_HEADING)
        return (b->level <= 2 ? B.head_gap_major : B.head_gap_minor) * s;
    if (prev->kind == CP_BLOCK_HEADING)
        return B.after_head_gap * s;
    if (b->tight && b->kind == CP_BLOCK_PARA)
        return B.tight_gap * s;
    return B.para_gap * s;
}

// Shapes every text block once at REF_PT, without a width: advances and
// break opportunities for the line model. The layouts are set to their
// real size by the next typeset_layout.
static void build_model(CpFlow *f)
{
    f->modeled = true;
    f->size = -1; // the layouts are no longer laid out at any size
    PangoFontDescription *body = font_for(&(CpBlock){.kind = CP_BLOCK_PARA}, REF_PT);
    PangoLayout *h = pango_layout_new(f->context);
    pango_layout_set_font_description(h, body);
    pango_layout_set_text(h, "-", -1);
    PangoRectangle r;
    pango_layout_get_extents(h, NULL, &r);
    f->hyphen = r.width / (double)PANGO_SCALE;
    g_object_unref(h);
    for (size_t i = 0; i < f->n; i++) {
        Para *p = &f->paras[i];
        if (!p->layout)
            continue;
        PangoFontDescription *d = font_for(p->blk, REF_PT);
        pango_layout_set_font_description(p->layout, d);
        pango_font_description_free(d);
        pango_layout_set_width(p->layout, -1);
        const char *text = pango_layout_get_text(p->layout);
        int n_attrs = 0;
        const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(p->layout, &n_attrs);
        p->n_chars = MAX(n_attrs - 1, 0);
        p->attrs = g_memdup2(la, sizeof *la * (size_t)n_attrs);
        // Pango ends a line only after a line or paragraph separator, though
        // its attributes also mark one after a form feed or vertical tab.
        const char *c = text;
        for (int k = 0; k < p->n_chars; k++, c = g_utf8_next_char(c)) {
            gunichar u = g_utf8_get_char(c);
            if (u != '\n' && u != '\r' && u != 0x2028 && u != 0x2029)
                p->attrs[k + 1].is_mandatory_break = k + 1 == p->n_chars;
        }
        double *w = g_new0(double, p->n_chars + 1);
        PangoLayoutIter *it = pango_layout_get_iter(p->layout);
        do {
            PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
            if (!run)
                continue;
            int nc = run->item->num_chars;
            int *lw = g_new(int, MAX(nc, 1));
            pango_glyph_item_get_logical_widths(run, text, lw);
            long first = g_utf8_pointer_to_offset(text, text + run->item->offset);
            for (int k = 0; k < nc && first + k < p->n_chars; k++)
                w[first + k] = lw[k] / (double)PANGO_SCALE;
            g_free(lw);
        } while (pango_layout_iter_next_run(it));
        pango_layout_iter_free(it);
        // Running sums: the width of chars [a, b) is adv[b] - adv[a].
        p->adv = g_new0(double, p->n_chars + 1);
        for (int k = 0; k < p->n_chars; k++)
            p->adv[k + 1] = p->adv[k] + w[k];
        g_free(w);
    }
    pango_font_description_free(body);
}

// Width at REF_PT of a line from char A to a break before char B: trailing
// spaces hang, and a break that adds a hyphen (after a soft hyphen) counts it.
static double line_w(const CpFlow *f, const Para *p, int a, int b)
{
    int e = b;
    while (e > a && p->attrs[e - 1].is_white)
        e--;
    return p->adv[e] - p->adv[a] + (p->attrs[b].break_inserts_hyphen ? f->hyphen : 0);
}

// Lines of P at width W (at REF_PT) as Pango breaks them: as much as fits
// before a break opportunity, else (a word wider than the line) before a
// character, else one character.
static int model_lines(const CpFlow *f, const Para *p, double w)
{
    bool any_char = p->blk->kind == CP_BLOCK_CODE; // code wraps anywhere
    int lines = 0, a = 0, n = p->n_chars, m = 0;
    while (true) {
        lines++;
        // M: the next hard break (or the end), found once per stretch so
        // that a long paragraph costs its length, not its length squared.
        if (m <= a) {
            m = a + 1;
            while (m < n && !p->attrs[m].is_mandatory_break)
                m++;
            if (m > n)
                m = n;
        }
        if (line_w(f, p, a, m) <= w) {
            if (m >= n)
                return lines;
            a = m;
            continue;
        }
        int word = -1, chr = -1;
        for (int b = a + 1; b < m; b++) {
            if (!p->attrs[b].is_char_break && !p->attrs[b].is_line_break)
                continue;
            if (line_w(f, p, a, b) > w) {
                if (word < 0 && chr < 0)
                    chr = b; // not even one character fits: it goes alone
                break;
            }
            if (p->attrs[b].is_line_break && !any_char)
                word = b;
            if (p->attrs[b].is_char_break)
                chr = b;
        }
        a = word > 0 ? word : chr > 0 ? chr : m;
        if (a >= n)
            return lines;
    }
}

// Sets every block's measures for SIZE and WIDTH; the line counts come from
// Pango (REAL) or from the line model, built the first time it is needed.
static void measure(CpFlow *f, double size, double width, bool real)
{
    if (!real && !f->modeled)
        build_model(f);
    PangoFontDescription *body = font_for(&(CpBlock){.kind = CP_BLOCK_PARA}, size);
    double ba, bd;
    fonts_metrics(f->context, body, &ba, &bd);
    f->body_pitch = MAX(size * B.leading, ba + bd);
    f->body_ascent = (f->body_pitch - (ba + bd)) / 2 + ba;
    table_columns(f, size, width);
    for (size_t i = 0; i < f->n; i++) {
        Para *p = &f->paras[i];
        const CpBlock *b = p->blk;
        // Deep nesting indents less per step: the text keeps 60% of the column.
        p->step = MIN(B.indent * size, B.deep_indent * width / MAX(b->depth, 1));
        p->indent = b->depth * p->step;
        if (p->marker) {
            // A number wider than its step (2024.) pushes the text over, not
            // the number off the column.
            if (real)
                pango_layout_set_font_description(p->marker, body);
            double need = p->marker_w * size / REF_PT + B.marker_gap * size;
            if (b->depth > 0 && need > p->step)
                p->indent += need - p->step;
        }
        p->gap = gap_before(b, i ? f->paras[i - 1].blk : NULL, size);
        p->pad = b->kind == CP_BLOCK_CODE ? B.code_pad * size : 0;
        double inner = MAX(width - p->indent - 2 * p->pad, size);
        if (p->layout) {
            PangoFontDescription *d = font_for(b, size);
            double a, de;
            fonts_metrics(f->context, d, &a, &de);
            double fs = pango_font_description_get_size(d) / (double)PANGO_SCALE;
            p->pitch = fs * (b->kind == CP_BLOCK_HEADING ? B.head_leading : B.leading);
            // Scripts with tall fonts (Arabic, Indic, CJK) need more leading,
            // but not all of their fonts' generous line height.
            p->pitch = MAX(p->pitch, B.tall_script * (a + de));
            p->ascent = (p->pitch - (a + de)) / 2 + a;
            if (real) {
                pango_layout_set_font_description(p->layout, d);
                pango_layout_set_width(p->layout, (int)(inner * PANGO_SCALE));
                p->lines = pango_layout_get_line_count(p->layout);
            } else {
                p->lines = model_lines(f, p, inner * REF_PT / size);
            }
            pango_font_description_free(d);
        } else if (b->kind == CP_BLOCK_RULE) {
            p->fixed_h = size;
        } else if (b->kind == CP_BLOCK_IMAGE) {
            double iw = cairo_image_surface_get_width(b->image) * 72.0 / B.image_dpi;
            double ih = cairo_image_surface_get_height(b->image) * 72.0 / B.image_dpi;
            double w = MIN(iw, width - p->indent);
            p->fixed_h = iw > 0 ? ih * w / iw : 0;
        } else if (b->kind == CP_BLOCK_ROW) {
            // Real lines at any trial: tables are few, their cells short.
            row_measure(f, p, size);
        }
    }
    pango_font_description_free(body);
}

void typeset_layout(CpFlow *f, double size, double width)
{
    if (size == f->size && width == f->width)
        return; // laid out so already
    f->size = size;
    f->width = width;
    measure(f, size, width, true);
}

void typeset_estimate(CpFlow *f, double size, double width)
{
    f->size = -1; // the measures no longer match the layouts
    measure(f, size, width, false);
}

static double whole_h(const Para *p)
{
    return LINED(p) ? lines_h(p, p->lines) : p->fixed_h;
}

// The first two lines of P (all of a heading or a fixed block).
static double first_h(const Para *p)
{
    if (p->blk->kind == CP_BLOCK_HEADING)
        return whole_h(p);
    return LINED(p) ? lines_h(p, MIN(p->lines, 2)) : p->fixed_h;
}

// Height that must share a frame with the start of heading I: the first two
// lines of what follows it (and any heading in between). A run of headings
// taller than LIMIT (an empty frame) cannot stay together: then each keeps
// just the block after it. The walk stops at LIMIT, so a thousand headings in
// a row cost a frame's worth each, not a thousand.
static double keep_h(const CpFlow *f, size_t i, double limit)
{
    double h = 0;
    for (size_t j = i; j < f->n; j++) {
        const Para *p = &f->paras[j];
        double gap = j > i ? p->gap : 0;
        if (p->blk->kind != CP_BLOCK_HEADING)
            return h + gap + first_h(p);
        h += gap + whole_h(p);
        if (h > limit + 1e-6)
            return whole_h(&f->paras[i]) +
                   (i + 1 < f->n ? f->paras[i + 1].gap + first_h(&f->paras[i + 1]) : 0);
    }
    return h;
}

// Whether line I of P ends in a word broken at a soft hyphen, or after a
// hyphen inside a word ("jupyter-" / "reporting"). Only known from Pango's
// lines, not from the line model (the flow's size is -1 then).
static bool ends_hyphenated(const CpFlow *f, const Para *p, int i)
{
    if (f->size <= 0 || !p->layout || p->blk->kind != CP_BLOCK_PARA)
        return false;
    PangoLayoutLine *l = pango_layout_get_line_readonly(p->layout, i);
    const char *text = pango_layout_get_text(p->layout);
    int end = l ? l->start_index + l->length : 0;
    return (end >= 2 && memcmp(text + end - 2, "\u00AD", 2) == 0) ||
           (end >= 2 && text[end - 1] == '-' && g_ascii_isalnum(text[end - 2]));
}

// The bullet or number, right-aligned before the block, on its first line.
static void emit_marker(const CpFlow *f, CpPage *page, const Para *p, double x, double y)
{
    PangoRectangle logical;
    pango_layout_get_extents(p->marker, NULL, &logical);
    double w = logical.width / (double)PANGO_SCALE;
    bool text = p->blk->kind == CP_BLOCK_PARA || p->blk->kind == CP_BLOCK_HEADING;
    const CpLines lines = {.layout = p->marker,
                           .count = 1,
                           .pitch = text ? p->pitch : f->body_pitch,
                           .ascent = text ? p->ascent : f->body_ascent,
                           .color = cp_design.palette.ink};
    page_add_text(page, &lines, x - B.marker_gap * f->size - w, y + p->pad);
}

static void emit(const CpFlow *f, CpPage *page, const CpFrame *fr, const Para *p, int first,
                 int count, double y)
{
    const CpBlock *b = p->blk;
    double x = fr->x + p->indent;
    double h = LINED(p) ? lines_h(p, count) : p->fixed_h;
    double step = p->step;
    for (int d = 0; d < b->depth && d < 32; d++)
        if (b->quote_bar & (1u << d)) {
            double bx = fr->x + d * step + B.quote_bar_at * step;
            page_add_line(page, bx, y, bx, y + h, MAX(B.quote_bar_min, B.quote_bar * f->size),
                          cp_design.palette.rule);
        }
    CpLines lines = {p->layout, first, count, p->pitch, p->ascent, p->color, b->links, b->n_links};
    switch (b->kind) {
    case CP_BLOCK_RULE: {
        double my = y + h / 2;
        page_add_line(page, x, my, fr->x + fr->w, my, B.rule_weight, cp_design.palette.rule);
        break;
    }
    case CP_BLOCK_IMAGE: {
        double iw = cairo_image_surface_get_width(b->image) * 72.0 / B.image_dpi;
        double w = MIN(iw, fr->w - p->indent);
        double s = MIN(1.0, fr->h / MAX(h, 1e-6));
        page_add_image(page, b->image, x, y, w * s, h * s);
        break;
    }
    case CP_BLOCK_ROW:
        emit_row(f, page, p, first, count, x, y);
        break;
    case CP_BLOCK_CODE:
        page_add_box(page, x, y, fr->x + fr->w - x, h, cp_design.palette.code_bg,
                     B.code_radius * f->size);
        lines.color = cp_design.palette.ink;
        page_add_text(page, &lines, x + p->pad, y + p->pad);
        break;
    default:
        page_add_text(page, &lines, x, y);
        break;
    }
    if (p->marker && first == 0)
        emit_marker(f, page, p, x, y);
}

bool typeset_place(CpFlow *f, const CpFrame *frames, size_t n_frames, CpPage **pages,
                   double *overflow, double *used)
{
    size_t fi = 0;
    double y = 0; // height used in frame fi
    size_t i = 0;
    int line = 0; // next line of paras[i] to place
    if (used)
        memset(used, 0, n_frames * sizeof *used);
    // A table whose words would break mid-word does not fit: a smaller
    // size may hold it.
    for (int t = 1; t <= f->n_tables; t++)
        if (f->tables[t].cramped) {
            if (overflow)
                *overflow = f->tables[t].need - f->tables[t].room;
            return false;
        }
    while (i < f->n && fi < n_frames) {
        const CpFrame *fr = &frames[fi];
        const Para *p = &f->paras[i];
        bool top = y == 0;
        double gap = top || line > 0 ? 0 : p->gap;
        double avail = fr->h - y - gap;
        double rest = LINED(p) ? lines_h(p, p->lines - line) : p->fixed_h;
        if (p->blk->kind == CP_BLOCK_IMAGE && top)
            rest = MIN(rest, fr->h); // a picture taller than a frame is scaled into it
        // A heading never ends a frame, unless even an empty one cannot hold
        // it with what follows.
        double need = p->blk->kind == CP_BLOCK_HEADING ? keep_h(f, i, fr->h) : rest;
        if (rest <= avail + 1e-6 && (need <= avail + 1e-6 || top)) {
            if (pages)
                emit(f, pages[fr->page], fr, p, line, LINED(p) ? p->lines - line : 0,
                     fr->y + y + gap);
            y += gap + rest;
            i++;
            line = 0;
            if (used)
                used[fi] = y;
            continue;
        }
        // Split a paragraph or code block between frames.
        int remaining = LINED(p) ? p->lines - line : 0;
        int k = LINED(p) && p->blk->kind != CP_BLOCK_HEADING
                    ? (int)floor((avail - 2 * p->pad + 1e-6) / p->pitch)
                    : 0;
        k = MIN(k, remaining - 1);
        // Two lines at least on each side of a break; an empty frame takes
        // what it can rather than none.
        if (k > 0 && remaining - k < 2 && remaining - 2 >= (top ? 1 : 2))
            k = remaining - 2;
        // No word hyphenated across a page turn (the reader would turn the
        // card over mid-word) or a column break (the eye jumps up the page
        // mid-word). The line goes over with it.
        while (k > 1 && fi + 1 < n_frames && ends_hyphenated(f, p, line + k - 1))
            k--;
        if (!top && k < 2)
            k = 0;
        if (k > 0) {
            if (pages)
                emit(f, pages[fr->page], fr, p, line, k, fr->y + y + gap);
            y += gap + lines_h(p, k);
            if (used)
                used[fi] = y;
            line += k;
        }
        fi++;
        y = 0;
    }
    if (i < f->n) {
        if (overflow) {
            double left = 0;
            for (size_t j = i; j < f->n; j++) {
                const Para *p = &f->paras[j];
                left += (j == i ? 0 : p->gap) +
                        (LINED(p) ? lines_h(p, p->lines - (j == i ? line : 0)) : p->fixed_h);
            }
            *overflow = left;
        }
        return false;
    }
    if (overflow)
        *overflow = 0;
    return true;
}

// How much of FRAMES the text takes at the flow's size: the frames it fills
// (with the room a break leaves at a frame's foot) and what runs over, or, when
// it fits, up to where it ends.
static double demand(CpFlow *f, const CpFrame *frames, size_t n, double *used, bool *fits)
{
    double over = 0, d = 0;
    *fits = typeset_place(f, frames, n, NULL, &over, used);
    size_t last = 0;
    for (size_t i = 0; i < n; i++)
        if (!*fits || used[i] > 0)
            last = i;
    for (size_t i = 0; i < last; i++)
        d += frames[i].h;
    return d + (*fits ? used[last] : frames[last].h + over);
}

typedef struct {
    CpFlow *flow;
    const CpFrame *frames;
    size_t n;
    double *used;  // one per frame
    double demand; // at the last size tried
} Trial;

static bool trial_fits(void *data, double size, bool estimate)
{
    Trial *t = data;
    if (estimate)
        typeset_estimate(t->flow, size, t->frames[0].w);
    else
        typeset_layout(t->flow, size, t->frames[0].w);
    bool fits;
    t->demand = demand(t->flow, t->frames, t->n, t->used, &fits);
    return fits;
}

bool typeset_fit(CpFlow *f, const CpFitRange *r, double *size, double *overflow)
{
    const CpFrame *frames = r->frames;
    size_t n_frames = r->n;
    Trial t = {f, frames, n_frames, g_new0(double, n_frames), 0};
    bool found;
    double best = fit_size(trial_fits, &t, r->lo, r->hi, r->guess, &found);
    g_free(t.used);
    if (!found) {
        if (overflow) {
            double room = 0;
            for (size_t i = 0; i < n_frames; i++)
                room += frames[i].h;
            *overflow = t.demand - room;
        }
        return false;
    }
    typeset_layout(f, best, frames[0].w);
    *size = best;
    if (overflow)
        *overflow = 0;
    return true;
}

double typeset_char_em(CpFlow *f)
{
    if (f->char_em > 0)
        return f->char_em;
    if (!f->modeled)
        build_model(f);
    double w = 0;
    long chars = 0;
    for (size_t i = 0; i < f->n && chars < 4000; i++)
        if (f->paras[i].blk->kind == CP_BLOCK_PARA) {
            w += f->paras[i].adv[f->paras[i].n_chars];
            chars += f->paras[i].n_chars;
        }
    // No paragraph: Lato's average letter, about half an em.
    f->char_em = chars ? w / REF_PT / (double)chars : 0.5;
    return f->char_em;
}

bool typeset_wide_table(const CpFlow *f, int *line, double *need, double *room)
{
    for (int i = 1; i <= f->n_tables; i++) {
        const Table *t = &f->tables[i];
        if (t->cramped) {
            *line = t->line;
            *need = t->need;
            *room = t->room;
            return true;
        }
    }
    return false;
}

bool typeset_report_wide_table(const CpFlow *f, const char *what)
{
    int line;
    double need, room;
    if (!typeset_wide_table(f, &line, &need, &room))
        return false;
    diag_error(f->doc->path, line, 1,
               "this table is %.1f mm wide even at %.1f pt, with each column as narrow as "
               "its longest word, and the %s has %.1f mm for it: shorten its longest words "
               "(an address, a long name) or split it into narrower tables",
               need / CP_MM, f->size, what, room / CP_MM);
    return true;
}
