#include "impose.h"

#include "design.h"
#include "fonts.h"

#include <math.h>
#include <string.h>

#define S (cp_design.sheet)

static void centred(CpGrid *g, double sw, double sh, int cols, int rows, double w, double h)
{
    *g = (CpGrid){sw, sh, cols, rows, (sw - cols * w) / 2, (sh - rows * h) / 2, w, h, w, h, NULL};
}

bool impose_badge_grid(const CpPaper *in, bool letter, CpGrid *g)
{
    const CpPaper *sheet = paper_sheet(letter);
    double sw = sheet->w, sh = sheet->h;
    if (strcmp(in->name, "4x3in") == 0) {
        if (letter) // Avery 5392 / 74459: 0.25 in left, 1 in top, 4 x 3 in pitch.
            *g = (CpGrid){sw, sh, 2, 3, 6.35, 25.4, 101.6, 76.2, in->w, in->h, NULL};
        else
            centred(g, sw, sh, 2, 3, in->w, in->h);
        g->stock = letter ? "Letter 2 x 3 (Avery 5392 / 74459)" : "A4 2 x 3";
    } else if (strcmp(in->name, "a6") == 0) {
        centred(g, sw, sh, 2, letter ? 1 : 2, in->w, in->h);
        g->stock = letter ? "Letter 2 x 1" : "A4 2 x 2";
    } else if (strcmp(in->name, "a7") == 0) {
        centred(g, sh, sw, letter ? 3 : 4, 2, in->w, in->h); // sheet turned landscape
        g->stock = letter ? "Letter landscape 3 x 2" : "A4 landscape 4 x 2";
    } else if (strcmp(in->name, "cr80") == 0) {
        centred(g, sw, sh, 2, 5, in->w, in->h);
        g->stock = letter ? "Letter 2 x 5" : "A4 2 x 5";
    } else {
        // As many as fit inside the marks' margins, the sheet turned if that fits more.
        double m = 2 * S.mark_edge_mm;
        int pc = (int)floor((sw - m) / in->w), pr = (int)floor((sh - m) / in->h);
        int lc = (int)floor((sh - m) / in->w), lr = (int)floor((sw - m) / in->h);
        if (pc * pr <= 0 && lc * lr <= 0)
            return false;
        if (lc * lr > pc * pr)
            centred(g, sh, sw, lc, lr, in->w, in->h);
        else
            centred(g, sw, sh, pc, pr, in->w, in->h);
        g->stock = letter ? "Letter, as many as fit" : "A4, as many as fit";
    }
    return true;
}

void impose_handout_grid(bool letter, CpGrid *g)
{
    const CpPaper *sheet = paper_sheet(letter);
    const CpPaper *page = paper_handout(letter);
    centred(g, sheet->w, sheet->h, 2, 2, page->w, page->h);
    g->stock = letter ? "Letter 2 x 2" : "A4 2 x 2";
}

static void line_mm(CpPage *p, double x1, double y1, double x2, double y2)
{
    page_add_line(p, x1 * CP_MM, y1 * CP_MM, x2 * CP_MM, y2 * CP_MM, S.hairline,
                  cp_design.palette.registration);
}

static int add_unique(double *v, int n, double x)
{
    for (int i = 0; i < n; i++)
        if (fabs(v[i] - x) < 0.01)
            return n;
    v[n] = x;
    return n + 1;
}

// Marks for the cut lines at POS (x of vertical lines when VERTICAL): a crop
// mark in each margin deep enough to hold one 3 mm off the trim and 5 mm
// from the edge; otherwise a short guide on the cut line itself.
static void marks(CpPage *p, const CpGrid *g, bool vertical, const double *pos, int n)
{
    double len = vertical ? g->sheet_h : g->sheet_w; // along the cut line
    double start = vertical ? g->y0 : g->x0;         // first trim across it
    double end = start +
                 ((vertical ? g->rows : g->cols) - 1) * (vertical ? g->pitch_y : g->pitch_x) +
                 (vertical ? g->h : g->w);
    double across = vertical ? g->sheet_w : g->sheet_h;
    for (int i = 0; i < n; i++) {
        double c = pos[i];
        if (c <= 0.5 || c >= across - 0.5)
            continue; // the sheet's own edge: nothing to cut
        double ends[2][2] = {
            {start - S.mark_offset_mm, MAX(S.mark_edge_mm, start - S.mark_offset_mm - S.mark_mm)},
            {end + S.mark_offset_mm,
             MIN(len - S.mark_edge_mm, end + S.mark_offset_mm + S.mark_mm)}};
        double ticks[2][2] = {{S.mark_edge_mm, S.mark_edge_mm + S.tick_mm},
                              {len - S.mark_edge_mm - S.tick_mm, len - S.mark_edge_mm}};
        // A guide on the cut line itself keeps 5 mm from the edges too.
        bool tick_room = c >= S.mark_edge_mm && c <= across - S.mark_edge_mm;
        for (int e = 0; e < 2; e++) {
            double room = e == 0 ? ends[e][0] - ends[e][1] : ends[e][1] - ends[e][0];
            const double *m = room >= S.min_mark_mm ? ends[e] : tick_room ? ticks[e] : NULL;
            if (!m)
                continue;
            if (vertical)
                line_mm(p, c, m[0], c, m[1]);
            else
                line_mm(p, m[0], c, m[1], c);
        }
    }
}

static void note(CpPage *p, const CpGrid *g, PangoContext *ctx, const char *text)
{
    double bottom = g->sheet_h - (g->y0 + (g->rows - 1) * g->pitch_y + g->h);
    bool below = bottom >= S.note_mm;
    if (!below && g->y0 < S.note_mm)
        return;
    PangoLayout *l = pango_layout_new(ctx);
    PangoFontDescription *d = pango_font_description_from_string(CP_BODY_FAMILY);
    pango_font_description_set_absolute_size(d, S.note_pt * PANGO_SCALE);
    pango_layout_set_font_description(l, d);
    pango_font_description_free(d);
    pango_layout_set_text(l, text, -1);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    double h = logical.height / (double)PANGO_SCALE;
    double y = below ? g->sheet_h * CP_MM - (S.mark_edge_mm + S.note_inset_mm) * CP_MM - h
                     : (S.mark_edge_mm + S.note_inset_mm) * CP_MM;
    const CpLines lines = {
        .layout = l, .count = 1, .pitch = h, .ascent = h * 0.8, .color = cp_design.palette.muted};
    page_add_text(p, &lines, (MAX(g->x0, S.mark_edge_mm) + S.note_inset_mm) * CP_MM, y);
    g_object_unref(l);
}

CpPage *impose_sheet(const CpPage *sub, const CpGrid *g, bool outline, PangoContext *ctx,
                     const char *note_text)
{
    CpPage *p = page_create(g->sheet_w * CP_MM, g->sheet_h * CP_MM);
    double xs[64], ys[64];
    int nx = 0, ny = 0;
    for (int r = 0; r < g->rows; r++)
        for (int c = 0; c < g->cols; c++) {
            double x = g->x0 + c * g->pitch_x, y = g->y0 + r * g->pitch_y;
            if (outline) {
                line_mm(p, x, y, x + g->w, y);
                line_mm(p, x + g->w, y, x + g->w, y + g->h);
                line_mm(p, x + g->w, y + g->h, x, y + g->h);
                line_mm(p, x, y + g->h, x, y);
            } else {
                page_add_page(p, sub, x * CP_MM, y * CP_MM, false);
            }
            if (nx < 62) {
                nx = add_unique(xs, nx, x);
                nx = add_unique(xs, nx, x + g->w);
            }
            if (ny < 62) {
                ny = add_unique(ys, ny, y);
                ny = add_unique(ys, ny, y + g->h);
            }
        }
    marks(p, g, true, xs, nx);
    marks(p, g, false, ys, ny);
    if (ctx)
        note(p, g, ctx, note_text);
    return p;
}
