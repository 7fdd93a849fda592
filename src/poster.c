#include "poster.h"

#include "contacts.h"
#include "design.h"
#include "diag.h"
#include "fit.h"
#include "masthead.h"
#include "text.h"
#include "typeset.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define P (cp_design.poster)

// The masthead of an A4 poster, for a page K times as large.
static CpMastheadStyle scaled(const CpMastheadStyle *m, double k)
{
    return (CpMastheadStyle){m->kicker * k, m->title_max * k, m->title_min * k, m->rule * k,
                             m->gap * k};
}

typedef struct {
    double size, fill, overflow, cpl;
    int columns;
    bool fits;
} Candidate;

static void make_frames(CpFrame *fr, int n, double x, double y, double w, double h, double gutter)
{
    double cw = (w - (n - 1) * gutter) / n;
    for (int i = 0; i < n; i++)
        fr[i] = (CpFrame){0, x + i * (cw + gutter), y, cw, h};
}

// Distance of a line length from the readable range; 0 inside it.
static double cpl_miss(double cpl)
{
    return cpl < P.min_cpl ? P.min_cpl - cpl : cpl > P.max_cpl ? cpl - P.max_cpl : 0;
}

static bool better(const Candidate *a, const Candidate *b)
{
    if (!b->fits)
        return a->fits || a->overflow < b->overflow;
    if (!a->fits)
        return false;
    double ma = cpl_miss(a->cpl), mb = cpl_miss(b->cpl);
    if ((ma == 0) != (mb == 0))
        return ma == 0;
    if (ma > 0 && fabs(ma - mb) > 1)
        return ma < mb;
    return a->size > b->size;
}

typedef struct {
    CpFlow *flow;
    CpFrame *fr;
    int n;
} Columns;

static bool columns_fit(void *data, double h)
{
    Columns *c = data;
    for (int i = 0; i < c->n; i++)
        c->fr[i].h = h;
    return flow_place(c->flow, c->fr, (size_t)c->n, NULL, NULL, NULL);
}

// Shortest column height at which the text still fits, to within 0.5 pt:
// columns of even length read better than a full first column and a short
// last one. FULL fits. The grid halves FULL until a step is 0.5 pt or less.
static double balance(CpFlow *flow, CpFrame *fr, int n, double full)
{
    int k = 0;
    while (full / ldexp(1, k) > 0.5)
        k++;
    Columns c = {flow, fr, n};
    CpFitSearch s = {.lo = 0,
                     .hi = full,
                     .steps = ldexp(1, k) / full,
                     .smallest = true,
                     .ends_known = true,
                     .fits = columns_fit,
                     .data = &c};
    double h = k ? fit_search(&s, NULL) : full;
    for (int i = 0; i < n; i++)
        fr[i].h = h;
    return h;
}

// The version line at the foot and the contacts panel above it, from
// BOTTOM up; returns the y above them. *PANEL gets the panel (or NULL).
static double place_foot(PangoContext *ctx, CpPage *page, const CpMeta *meta, const CpEvent *ev,
                         const CpLabels *labels, double x0, double w, double bottom, double k,
                         CpContacts **panel)
{
    char *ft = masthead_foot_text(meta, ev, labels);
    if (ft) {
        const CpTextStyle st = {CP_BODY_FAMILY, PANGO_WEIGHT_NORMAL, 0, P.foot_pt * k,
                                P.foot_leading, P.foot_tracking,     0, cp_design.palette.muted};
        CpText foot;
        text_init(&foot, ctx, ft, &st, w, NULL);
        bottom -= foot.height;
        text_place(&foot, page, x0, bottom);
        text_finish(&foot);
        g_free(ft);
        bottom -= P.foot_gap_mm * CP_MM * k;
    }
    *panel = contacts_create(ctx, ev, labels, w, k);
    if (*panel) {
        bottom -= contacts_height(*panel);
        contacts_place(*panel, page, x0, bottom);
        bottom -= P.panel_gap_mm * CP_MM * k;
    }
    return bottom;
}

CpBuildStatus poster_build(const CpBuildInput *in, CpPoster *out)
{
    CpFonts *fonts = in->fonts;
    const CpDocument *doc = in->doc;
    const CpMeta *meta = in->meta;
    const CpEvent *ev = in->event;
    const CpLabels *labels = in->labels;
    const CpPaper *paper = in->paper;
    double min_pt = in->min_pt;
    memset(out, 0, sizeof *out);
    PangoContext *ctx = fonts_context(fonts);
    double pw = paper->w * CP_MM, ph = paper->h * CP_MM;
    double k = MAX(1.0, MIN(paper->w, paper->h) / P.a4_short_mm); // type scale against A4
    double margin = P.margin_mm * CP_MM * k;
    double x0 = margin, w = pw - 2 * margin;
    CpPage *page = page_create(pw, ph);

    const CpMastheadStyle ms = scaled(&P.masthead, k);
    double title_pt = ms.title_max;
    double y =
        masthead_place(ctx, page, ev, doc->title ? doc->title : labels->text[CP_L_CODE_OF_CONDUCT],
                       &ms, x0, margin, w, &title_pt);

    CpContacts *panel = NULL;
    double bottom = place_foot(ctx, page, meta, ev, labels, x0, w, ph - margin, k, &panel);
    double body_h = bottom - y;

    // Body: the column count whose fitted size is largest with readable lines.
    CpFlow *flow = flow_create(ctx, doc);
    double em = flow_char_em(flow);
    Candidate best = {0};
    CpFrame frames[CP_MAX_COLUMNS];
    double gutter = P.gutter_mm * CP_MM * k;
    // Body type stays well below the title's, however short the text.
    double max_pt = MAX(min_pt, cp_design.body.max_over_title * title_pt);
    // Two columns first (A4's usual answer), then the others. A column count
    // whose lines would be too long or too short at any size within 10% of a
    // fitted one cannot win (the text's area is about the same in any
    // number of columns), so it is not fitted.
    static const int order[CP_MAX_COLUMNS] = {2, 1, 3};
    for (int o = 0; o < CP_MAX_COLUMNS; o++) {
        int n = order[o];
        make_frames(frames, n, x0, y, w, body_h, gutter);
        // Line lengths at 10% under and over the fitted size.
        double longest = frames[0].w / (em * 0.9 * best.size);
        double shortest = frames[0].w / (em * 1.1 * best.size);
        if (best.fits && cpl_miss(best.cpl) == 0 && (longest < P.min_cpl || shortest > P.max_cpl))
            continue;
        Candidate c = {.columns = n};
        // Each column count starts from the last one's size: about the same
        // text area, so a few layouts find it.
        c.fits = body_h > 0 && flow_fit(flow, frames, (size_t)n, min_pt, max_pt,
                                        best.fits ? best.size : min_pt, &c.size, &c.overflow);
        if (body_h <= 0)
            c.overflow = -body_h;
        c.cpl = frames[0].w / (em * (c.fits ? c.size : min_pt));
        if (g_getenv("COCPRINT_DEBUG"))
            fprintf(stderr, "poster: %d col: fits=%d size=%.2f cpl=%.1f over=%.1f\n", n, c.fits,
                    c.size, c.cpl, c.overflow);
        if (o == 0 || better(&c, &best))
            best = c;
    }

    CpBuildStatus status = CP_BUILD_OK;
    double panel_h = contacts_height(panel);
    if (!best.fits && panel_h > 0 && body_h < 0.3 * (ph - 2 * margin)) {
        // The text is not the problem: the contacts take the page.
        diag_error(NULL, 0, 0,
                   "the poster does not fit on %s: the contacts panel is %.0f mm tall and leaves "
                   "%.0f mm for the text. List fewer organizers or shorter notes in the event "
                   "data, or print a larger poster (--poster-size a3)",
                   paper->label, panel_h / CP_MM, MAX(0, body_h) / CP_MM);
        status = CP_BUILD_NO_FIT;
    } else if (!best.fits) {
        double over_mm = best.overflow / CP_MM;
        double pct = body_h > 0 ? 100.0 * best.overflow / (body_h * best.columns) : 100;
        diag_error(NULL, 0, 0,
                   "the poster does not fit on %s: even at the minimum body size of %.1f pt in "
                   "%d column%s, the text runs %.0f mm (about %.0f%%) past the space for it. "
                   "Shorten the text, print a larger poster (--poster-size a3), or leave the "
                   "poster out (--target without poster)",
                   paper->label, min_pt, best.columns, best.columns > 1 ? "s" : "", over_mm, pct);
        status = CP_BUILD_NO_FIT;
    } else {
        make_frames(frames, best.columns, x0, y, w, body_h, gutter);
        flow_layout(flow, best.size, frames[0].w);
        if (best.columns > 1)
            balance(flow, frames, best.columns, body_h);
        double used[CP_MAX_COLUMNS];
        if (!flow_place(flow, frames, (size_t)best.columns, &page, NULL, used)) {
            // Cannot happen after a fit; if it did, text would be missing.
            diag_error(NULL, 0, 0, "the poster's text did not fit after all; please report this");
            status = CP_BUILD_NO_FIT;
            goto done;
        }
        double tallest = 0;
        for (int i = 0; i < best.columns; i++)
            tallest = MAX(tallest, used[i]);
        if (pango_context_get_base_dir(ctx) == PANGO_DIRECTION_RTL)
            page_mirror(page);
        out->page = page;
        out->body_pt = best.size;
        out->columns = best.columns;
        out->fill = tallest / body_h;
        page = NULL;
    }
done:
    flow_destroy(flow);
    page_destroy(page);
    contacts_destroy(panel);
    return status;
}

// Height the text needs in COLS balanced columns of width W at the flow's
// current size, or a value over LIMIT when it does not fit in LIMIT.
static double needed_height(CpFlow *flow, int cols, double w, double gutter, double limit)
{
    CpFrame fr[CP_MAX_COLUMNS];
    make_frames(fr, cols, 0, 0, cols * w + (cols - 1) * gutter, limit, gutter);
    if (!flow_place(flow, fr, (size_t)cols, NULL, NULL, NULL))
        return limit + 1;
    return balance(flow, fr, cols, limit);
}

// Every language's text at one size, in its columns: side by side, each in
// the body's height; stacked (GAP >= 0), all in it together.
typedef struct {
    CpFlow **flows;
    size_t n;
    int cols;
    double col_w, gutter, body_h, gap;
} Regions;

static bool regions_fit(void *data, double size, bool estimate)
{
    const Regions *r = data;
    double total = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (estimate)
            flow_estimate(r->flows[i], size, r->col_w);
        else
            flow_layout(r->flows[i], size, r->col_w);
        double hgt = needed_height(r->flows[i], r->cols, r->col_w, r->gutter, r->body_h);
        if (hgt > r->body_h)
            return false;
        total += r->gap >= 0 ? hgt + (i ? r->gap : 0) : 0;
    }
    return total <= r->body_h;
}

CpBuildStatus poster_build_multi(const CpBuildInput *in, CpFonts *const *fonts,
                                 const CpDocument *const *docs, size_t n, bool stacked,
                                 CpPoster *out)
{
    const CpMeta *meta = in->meta;
    const CpEvent *ev = in->event;
    const CpLabels *labels = in->labels;
    const CpPaper *paper = in->paper;
    double min_pt = in->min_pt;
    memset(out, 0, sizeof *out);
    // The shared parts (titles, contacts) are set left to right; each
    // language's region has its own direction.
    PangoContext *ctx = fonts_context_ltr(fonts[0]);
    double pw = paper->w * CP_MM, ph = paper->h * CP_MM;
    double k = MAX(1.0, MIN(paper->w, paper->h) / P.a4_short_mm);
    double margin = P.margin_mm * CP_MM * k;
    double x0 = margin, w = pw - 2 * margin;
    CpPage *page = page_create(pw, ph);

    GString *titles = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(titles, "%s\u2068%s\u2069", i ? " \u00B7 " : "",
                               docs[i]->title ? docs[i]->title
                                              : labels->text[CP_L_CODE_OF_CONDUCT]);
    const CpMastheadStyle ms = scaled(&P.multi_masthead, k);
    double title_pt = ms.title_max;
    double y = masthead_place(ctx, page, ev, titles->str, &ms, x0, margin, w, &title_pt);
    g_string_free(titles, TRUE);

    CpContacts *panel = NULL;
    double bottom = place_foot(ctx, page, meta, ev, labels, x0, w, ph - margin, k, &panel);
    double body_h = bottom - y, gutter = P.gutter_mm * CP_MM * k;
    // Side by side: one column per language. Stacked: two balanced columns
    // per language, one language under the other.
    int cols = stacked ? 2 : 1;
    double region_w = stacked ? w : (w - (double)(n - 1) * gutter) / (double)n;
    double col_w = (region_w - (cols - 1) * gutter) / cols;
    if (col_w < P.min_column_mm * CP_MM * k) {
        // Narrower columns would hold a word or two a line, or none.
        diag_error(NULL, 0, 0,
                   "%zu translations side by side leave columns %.0f mm wide on %s; use "
                   "--poster-layout stacked or a larger poster (--poster-size a3 or a2)",
                   n, col_w / CP_MM, paper->label);
        contacts_destroy(panel);
        page_destroy(page);
        return CP_BUILD_NO_FIT;
    }
    double gap = stacked ? P.stack_gap_mm * CP_MM * k : 0;
    CpFlow **flows = g_new0(CpFlow *, n);
    for (size_t i = 0; i < n; i++)
        flows[i] = flow_create(fonts_context(fonts[i]), docs[i]);

    // The largest common size at which every region fits.
    Regions rg = {flows, n, cols, col_w, gutter, body_h, stacked ? gap : -1};
    bool fits_lo = false;
    double size = body_h > 0 ? fit_size(regions_fit, &rg, min_pt,
                                        MAX(min_pt, cp_design.body.max_over_title * title_pt),
                                        min_pt, &fits_lo)
                             : min_pt;
    CpBuildStatus status = CP_BUILD_OK;
    if (!fits_lo) {
        diag_error(NULL, 0, 0,
                   "the %zu translations do not fit on one %s poster even at %.1f pt; print a "
                   "larger poster (--poster-size a3 or a2), try --poster-layout %s, or leave the "
                   "poster out (--target without poster)",
                   n, paper->label, min_pt, stacked ? "side-by-side" : "stacked");
        status = CP_BUILD_NO_FIT;
        goto done;
    }
    out->regions = g_new0(CpPage *, n);
    out->n_regions = n;
    double ry = y, tallest = 0;
    for (size_t i = 0; i < n; i++) {
        flow_layout(flows[i], size, col_w);
        double hgt = needed_height(flows[i], cols, col_w, gutter, body_h);
        double rh = stacked ? hgt : body_h;
        // A margin around the region keeps glyphs that reach past a line's
        // box from being clipped when the region is placed.
        double pad = P.region_pad_mm * CP_MM;
        CpPage *region = page_create(region_w + 2 * pad, rh + 2 * pad);
        CpFrame fr[CP_MAX_COLUMNS];
        make_frames(fr, cols, pad, pad, region_w, rh, gutter);
        if (!flow_place(flows[i], fr, (size_t)cols, &region, NULL, NULL)) {
            diag_error(NULL, 0, 0, "the poster's text did not fit after all; please report this");
            page_destroy(region);
            status = CP_BUILD_NO_FIT;
            goto done;
        }
        if (docs[i]->lang.rtl)
            page_mirror(region);
        double rx = stacked ? x0 : x0 + (double)i * (region_w + gutter);
        page_add_page(page, region, rx - pad, ry - pad, true);
        out->regions[i] = region;
        tallest = MAX(tallest, hgt);
        if (stacked)
            ry += hgt + gap;
    }
    out->page = page;
    out->body_pt = size;
    out->columns = stacked ? cols : (int)n;
    out->fill = (stacked ? ry - y - gap : tallest) / body_h;
    page = NULL;
done:
    for (size_t i = 0; i < n; i++)
        flow_destroy(flows[i]);
    g_free(flows);
    page_destroy(page);
    contacts_destroy(panel);
    return status;
}

void poster_finish(CpPoster *p)
{
    page_destroy(p->page);
    for (size_t i = 0; i < p->n_regions; i++)
        page_destroy(p->regions[i]);
    g_free(p->regions);
    memset(p, 0, sizeof *p);
}
