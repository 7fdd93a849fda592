#include "typeset.h"

#include "fonts.h"
#include "style.h"

#include <math.h>
#include <string.h>

// Proportions of the body size.
#define LEADING 1.27      // body baseline pitch
#define HEAD_LEADING 1.18 // heading baseline pitch
#define INDENT 1.5        // one nesting step
#define PARA_GAP 0.6
#define TIGHT_GAP 0.2
#define AFTER_HEAD_GAP 0.3
#define CODE_SCALE 0.86
#define CODE_PAD 0.45
#define MARKER_GAP 0.45 // between a list marker and its text
#define IMAGE_DPI 150.0

static const double head_scale[7] = {1, 1.55, 1.3, 1.15, 1.05, 1.0, 1.0};

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
} Para;

struct CpFlow {
    PangoContext *context;
    const CpDocument *doc;
    Para *paras;
    size_t n;
    double size, width;
    double body_pitch, body_ascent; // for list markers beside any block
    double char_em;
};

static PangoFontDescription *font_for(const CpBlock *blk, double size)
{
    PangoFontDescription *d = pango_font_description_new();
    bool code = blk->kind == CP_BLOCK_CODE;
    pango_font_description_set_family_static(d, code ? CP_MONO_FAMILY : CP_BODY_FAMILY);
    double s = size;
    if (blk->kind == CP_BLOCK_HEADING) {
        s *= head_scale[CLAMP(blk->level, 1, 6)];
        pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
        if (blk->level >= 5)
            pango_font_description_set_style(d, PANGO_STYLE_ITALIC);
    } else if (code) {
        s *= CODE_SCALE;
    }
    pango_font_description_set_absolute_size(d, s * PANGO_SCALE);
    return d;
}

CpFlow *flow_create(PangoContext *context, const CpDocument *doc)
{
    CpFlow *f = g_new0(CpFlow, 1);
    f->context = g_object_ref(context);
    f->doc = doc;
    f->n = doc->n;
    f->paras = g_new0(Para, doc->n ? doc->n : 1);
    for (size_t i = 0; i < doc->n; i++) {
        Para *p = &f->paras[i];
        const CpBlock *b = &doc->blocks[i];
        p->blk = b;
        p->color = b->kind == CP_BLOCK_HEADING && b->level <= 3 ? cp_accent : cp_ink;
        if (b->kind == CP_BLOCK_PARA || b->kind == CP_BLOCK_HEADING || b->kind == CP_BLOCK_CODE) {
            p->layout = pango_layout_new(context);
            pango_layout_set_text(p->layout, b->text, -1);
            pango_layout_set_attributes(p->layout, b->attrs);
            // Words longer than the column break rather than run off it; code
            // breaks anywhere, so indentation stays on its line.
            pango_layout_set_wrap(p->layout, b->kind == CP_BLOCK_CODE ? PANGO_WRAP_CHAR
                                                                      : PANGO_WRAP_WORD_CHAR);
            if (doc->lang.rtl) {
                // Set as a mirror image; the page is turned over at the end.
                pango_layout_set_auto_dir(p->layout, FALSE);
                pango_layout_set_alignment(p->layout, PANGO_ALIGN_RIGHT);
            }
        }
        if (b->marker) {
            p->marker = pango_layout_new(context);
            pango_layout_set_text(p->marker, b->marker, -1);
        }
    }
    return f;
}

void flow_destroy(CpFlow *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        if (f->paras[i].layout)
            g_object_unref(f->paras[i].layout);
        if (f->paras[i].marker)
            g_object_unref(f->paras[i].marker);
    }
    g_free(f->paras);
    g_object_unref(f->context);
    g_free(f);
}

// Ascent and descent of DESC's font, in points.
static void metrics(PangoContext *ctx, const PangoFontDescription *desc, double *asc,
                    double *desc_out)
{
    PangoFontMetrics *m = pango_context_get_metrics(ctx, desc, NULL);
    *asc = pango_font_metrics_get_ascent(m) / (double)PANGO_SCALE;
    *desc_out = pango_font_metrics_get_descent(m) / (double)PANGO_SCALE;
    pango_font_metrics_unref(m);
}

static double gap_before(const CpBlock *b, const CpBlock *prev, double s)
{
    if (!prev)
        return 0;
    if (b->kind == CP_BLOCK_HEADING)
        return (b->level <= 2 ? 1.0 : 0.8) * s;
    if (prev->kind == CP_BLOCK_HEADING)
        return AFTER_HEAD_GAP * s;
    if (b->tight && b->kind == CP_BLOCK_PARA)
        return TIGHT_GAP * s;
    return PARA_GAP * s;
}

void flow_layout(CpFlow *f, double size, double width)
{
    f->size = size;
    f->width = width;
    PangoFontDescription *body = font_for(&(CpBlock){.kind = CP_BLOCK_PARA}, size);
    for (size_t i = 0; i < f->n; i++) {
        Para *p = &f->paras[i];
        const CpBlock *b = p->blk;
        // Deep nesting indents less per step: the text keeps 60% of the column.
        p->step = MIN(INDENT * size, 0.4 * width / MAX(b->depth, 1));
        p->indent = b->depth * p->step;
        if (p->marker) {
            // A number wider than its step (2024.) pushes the text over, not
            // the number off the column.
            pango_layout_set_font_description(p->marker, body);
            PangoRectangle logical;
            pango_layout_get_extents(p->marker, NULL, &logical);
            double need = logical.width / (double)PANGO_SCALE + MARKER_GAP * size;
            if (b->depth > 0 && need > p->step)
                p->indent += need - p->step;
        }
        p->gap = gap_before(b, i ? f->paras[i - 1].blk : NULL, size);
        p->pad = b->kind == CP_BLOCK_CODE ? CODE_PAD * size : 0;
        double inner = MAX(width - p->indent - 2 * p->pad, size);
        if (p->layout) {
            PangoFontDescription *d = font_for(b, size);
            double a, de;
            metrics(f->context, d, &a, &de);
            double fs = pango_font_description_get_size(d) / (double)PANGO_SCALE;
            p->pitch = fs * (b->kind == CP_BLOCK_HEADING ? HEAD_LEADING : LEADING);
            // Scripts with tall fonts (Arabic, Indic, CJK) need more leading,
            // but not all of their fonts' generous line height.
            p->pitch = MAX(p->pitch, 0.85 * (a + de));
            p->ascent = (p->pitch - (a + de)) / 2 + a;
            pango_layout_set_font_description(p->layout, d);
            pango_layout_set_width(p->layout, (int)(inner * PANGO_SCALE));
            p->lines = pango_layout_get_line_count(p->layout);
            pango_font_description_free(d);
        } else if (b->kind == CP_BLOCK_RULE) {
            p->fixed_h = size;
        } else if (b->kind == CP_BLOCK_IMAGE) {
            double iw = cairo_image_surface_get_width(b->image) * 72.0 / IMAGE_DPI;
            double ih = cairo_image_surface_get_height(b->image) * 72.0 / IMAGE_DPI;
            double w = MIN(iw, width - p->indent);
            p->fixed_h = iw > 0 ? ih * w / iw : 0;
        }
    }
    double a, de;
    metrics(f->context, body, &a, &de);
    f->body_pitch = MAX(size * LEADING, a + de);
    f->body_ascent = (f->body_pitch - (a + de)) / 2 + a;
    pango_font_description_free(body);
}

static double lines_h(const Para *p, int k)
{
    return k * p->pitch + 2 * p->pad;
}

static double whole_h(const Para *p)
{
    return p->layout ? lines_h(p, p->lines) : p->fixed_h;
}

// Height that must share a frame with the start of P: a heading keeps the
// first two lines of what follows it (and any heading in between).
static double keep_h(const CpFlow *f, size_t i)
{
    double h = 0;
    for (; i < f->n; i++) {
        const Para *p = &f->paras[i];
        if (p->blk->kind != CP_BLOCK_HEADING) {
            double first = p->layout ? lines_h(p, MIN(p->lines, 2)) : p->fixed_h;
            return h + p->gap + first;
        }
        h += (h > 0 ? p->gap : 0) + whole_h(p);
    }
    return h;
}

// The bullet or number, right-aligned before the block, on its first line.
static void emit_marker(const CpFlow *f, CpPage *page, const Para *p, double x, double y)
{
    PangoRectangle logical;
    pango_layout_get_extents(p->marker, NULL, &logical);
    double w = logical.width / (double)PANGO_SCALE;
    bool text = p->blk->kind == CP_BLOCK_PARA || p->blk->kind == CP_BLOCK_HEADING;
    page_add_text(page, p->marker, 0, 1, x - MARKER_GAP * f->size - w, y + p->pad,
                  text ? p->pitch : f->body_pitch, text ? p->ascent : f->body_ascent, cp_ink, NULL,
                  0);
}

static void emit(const CpFlow *f, CpPage *page, const CpFrame *fr, const Para *p, int first,
                 int count, double y)
{
    const CpBlock *b = p->blk;
    double x = fr->x + p->indent;
    double h = p->layout ? lines_h(p, count) : p->fixed_h;
    double step = p->step;
    for (int d = 0; d < b->depth && d < 32; d++)
        if (b->quote_bar & (1u << d)) {
            double bx = fr->x + d * step + 0.35 * step;
            page_add_line(page, bx, y, bx, y + h, MAX(1.5, 0.12 * f->size), cp_rule);
        }
    switch (b->kind) {
    case CP_BLOCK_RULE: {
        double my = y + h / 2;
        page_add_line(page, x, my, fr->x + fr->w, my, 0.75, cp_rule);
        break;
    }
    case CP_BLOCK_IMAGE: {
        double iw = cairo_image_surface_get_width(b->image) * 72.0 / IMAGE_DPI;
        double w = MIN(iw, fr->w - p->indent);
        double s = MIN(1.0, fr->h / MAX(h, 1e-6));
        page_add_image(page, b->image, x, y, w * s, h * s);
        break;
    }
    case CP_BLOCK_CODE:
        page_add_box(page, x, y, fr->x + fr->w - x, h, cp_code_bg, 0.2 * f->size);
        page_add_text(page, p->layout, first, count, x + p->pad, y + p->pad, p->pitch, p->ascent,
                      cp_ink, NULL, 0);
        break;
    default:
        page_add_text(page, p->layout, first, count, x, y, p->pitch, p->ascent, p->color, b->links,
                      b->n_links);
        break;
    }
    if (p->marker && first == 0)
        emit_marker(f, page, p, x, y);
}

bool flow_place(CpFlow *f, const CpFrame *frames, size_t n_frames, CpPage **pages, double *overflow,
                double *used)
{
    size_t fi = 0;
    double y = 0; // height used in frame fi
    size_t i = 0;
    int line = 0; // next line of paras[i] to place
    if (used)
        memset(used, 0, n_frames * sizeof *used);
    while (i < f->n && fi < n_frames) {
        const CpFrame *fr = &frames[fi];
        const Para *p = &f->paras[i];
        bool top = y == 0;
        double gap = top || line > 0 ? 0 : p->gap;
        double avail = fr->h - y - gap;
        double rest = p->layout ? lines_h(p, p->lines - line) : p->fixed_h;
        if (p->blk->kind == CP_BLOCK_IMAGE && top)
            rest = MIN(rest, fr->h); // a picture taller than a frame is scaled into it
        // A heading never ends a frame, unless even an empty one cannot hold
        // it with what follows.
        double need = p->blk->kind == CP_BLOCK_HEADING ? keep_h(f, i) : rest;
        if (rest <= avail + 1e-6 && (need <= avail + 1e-6 || top)) {
            if (pages)
                emit(f, pages[fr->page], fr, p, line, p->layout ? p->lines - line : 0,
                     fr->y + y + gap);
            y += gap + rest;
            i++;
            line = 0;
            if (used)
                used[fi] = y;
            continue;
        }
        // Split a paragraph or code block between frames.
        int remaining = p->layout ? p->lines - line : 0;
        int k = p->layout && p->blk->kind != CP_BLOCK_HEADING
                    ? (int)floor((avail - 2 * p->pad + 1e-6) / p->pitch)
                    : 0;
        k = MIN(k, remaining - 1);
        // Two lines at least on each side of a break; an empty frame takes
        // what it can rather than none.
        if (k > 0 && remaining - k < 2 && remaining - 2 >= (top ? 1 : 2))
            k = remaining - 2;
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
                        (p->layout ? lines_h(p, p->lines - (j == i ? line : 0)) : p->fixed_h);
            }
            *overflow = left;
        }
        return false;
    }
    if (overflow)
        *overflow = 0;
    return true;
}

bool flow_fit(CpFlow *f, const CpFrame *frames, size_t n_frames, double lo, double hi, double *size,
              double *overflow)
{
    double min = lo;
    flow_layout(f, lo, frames[0].w);
    if (!flow_place(f, frames, n_frames, NULL, overflow, NULL))
        return false;
    while (hi - lo > 0.05) {
        double mid = (lo + hi) / 2;
        flow_layout(f, mid, frames[0].w);
        if (flow_place(f, frames, n_frames, NULL, NULL, NULL))
            lo = mid;
        else
            hi = mid;
    }
    // A size people can read back (13.45, not 13.4517), if it still fits and
    // is not below the minimum; else the size found.
    double round = floor(lo * 20) / 20;
    if (round >= min) {
        flow_layout(f, round, frames[0].w);
        if (flow_place(f, frames, n_frames, NULL, NULL, NULL))
            lo = round;
    }
    flow_layout(f, lo, frames[0].w);
    *size = lo;
    if (overflow)
        *overflow = 0;
    return true;
}

double flow_char_em(CpFlow *f)
{
    if (f->char_em > 0)
        return f->char_em;
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < f->n && s->len < 4000; i++)
        if (f->paras[i].blk->kind == CP_BLOCK_PARA) {
            g_string_append(s, f->paras[i].blk->text);
            g_string_append_c(s, ' ');
        }
    if (!s->len)
        g_string_append(s, "The quick brown fox jumps over the lazy dog.");
    PangoLayout *l = pango_layout_new(f->context);
    PangoFontDescription *d = font_for(&(CpBlock){.kind = CP_BLOCK_PARA}, 100);
    pango_layout_set_font_description(l, d);
    pango_layout_set_text(l, s->str, (int)s->len);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    long chars = g_utf8_strlen(s->str, (gssize)s->len);
    f->char_em = logical.width / (double)PANGO_SCALE / 100.0 / (double)MAX(chars, 1);
    pango_font_description_free(d);
    g_object_unref(l);
    g_string_free(s, TRUE);
    return f->char_em;
}

int flow_line_count(CpFlow *f)
{
    int n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += f->paras[i].lines;
    return n;
}
