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
    // At the same size (a short text at the largest), fewer columns keep
    // it together.
    if (fabs(a->size - b->size) < 0.05)
        return a->columns < b->columns;
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
    return typeset_place(c->flow, c->fr, (size_t)c->n, NULL, NULL, NULL);
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

// The page with its masthead, foot and contacts panel, and the space left
// between them for the body.
typedef struct {
    CpPage *page;
    double k;         // type scale against A4
    double x0, w;     // the text's left edge and width
    double y, body_h; // the body's top and height
    double title_pt;
    CpContacts *panel; // or NULL
    double panel_y;    // its top, once the body is placed
    CpContacts *link;  // a summary's way to the whole text, or NULL
    double link_y;
    double max_pt; // the body's largest size
} Sheet;

// How the page shares its room: a short policy's spare room goes to larger
// contacts and a larger body.
typedef struct {
    double grow;      // the panel's type over its usual size
    double number_pt; // the hotline and emergency numbers at least this
    double body_max;  // the body's largest size over the title's
    double body_cap;  // and at most this many points (0: no cap)
    bool summary;     // the body is a summary: the way to the whole text goes under it
} Tune;

// The first tuning of a page. A summary is a few lines: as large as the
// page allows.
static Tune tune_for(bool summary)
{
    return (Tune){1, 0, summary ? 1 : cp_design.body.max_over_title, 0, summary};
}

// The contacts panel at scale K, its type made smaller (within limits) while
// it takes more than its share of the page's height PAGE_H.
static CpContacts *panel(PangoContext *ctx, const CpBuildInput *in, double w, double k,
                         const Tune *t, double page_h)
{
    // A larger page is read from further away, but its panel need not take
    // as much of it: the type grows a little slower than the page.
    double pk = pow(k, P.panel_growth);
    CpPanelSpec spec = contacts_spec(in->event, pk);
    spec.grow = t->grow;
    spec.number_pt = t->number_pt;
    spec.no_policy_qr = t->summary;
    CpContacts *c = contacts_create(ctx, in->event, in->labels, w, &spec);
    // The cap eases on larger pages, so the share never grows with the page.
    double cap = P.panel_share * pow(k, -0.05) * page_h;
    while (c && contacts_height(c) > cap && spec.scale * 0.99 >= pk * P.panel_shrink) {
        spec.scale *= 0.99;
        contacts_destroy(c);
        c = contacts_create(ctx, in->event, in->labels, w, &spec);
    }
    return c;
}

// The version line at the foot and the contacts panel above it, from
// BOTTOM up; returns the y above them.
static double place_foot(PangoContext *ctx, Sheet *sh, const CpBuildInput *in, const Tune *t,
                         double bottom)
{
    double k = sh->k;
    char *ft = masthead_foot_text(in->meta, in->event, in->labels);
    if (ft) {
        const CpTextStyle st = {CP_BODY_FAMILY, PANGO_WEIGHT_NORMAL, 0, P.foot_pt * k,
                                P.foot_leading, P.foot_tracking,     0, cp_design.palette.muted};
        CpText foot;
        text_init(&foot, ctx, ft, &st, sh->w, NULL);
        bottom -= foot.height;
        text_place(&foot, sh->page, sh->x0, bottom);
        text_finish(&foot);
        g_free(ft);
        bottom -= P.foot_gap_mm * CP_MM * k;
    }
    sh->panel = panel(ctx, in, sh->w, k, t, sh->page->height);
    if (sh->panel) {
        bottom -= contacts_height(sh->panel);
        sh->panel_y = bottom;
        bottom -= P.panel_gap_mm * CP_MM * k;
    }
    const char *url = in->event ? in->event->policy_url : NULL;
    if (t->summary && url) {
        sh->link = contacts_create_link(ctx, in->labels->text[CP_L_READ_POLICY], url, sh->w, k);
        bottom -= contacts_height(sh->link);
        sh->link_y = bottom;
        bottom -= P.panel_gap_mm * CP_MM * k;
    }
    return bottom;
}

// A page of IN's paper with TITLE in the masthead (BASE at A4) and the foot.
static void sheet_begin(Sheet *sh, PangoContext *ctx, const CpBuildInput *in, const char *title,
                        const CpMastheadStyle *base, const Tune *t)
{
    *sh = (Sheet){0};
    const CpPaper *paper = in->paper;
    double pw = paper->w * CP_MM, ph = paper->h * CP_MM;
    sh->k = MAX(1.0, MIN(paper->w, paper->h) / P.a4_short_mm);
    double margin = P.margin_mm * CP_MM * sh->k;
    sh->x0 = margin;
    sh->w = pw - 2 * margin;
    sh->page = page_create(pw, ph);
    const CpMastheadStyle ms = scaled(base, sh->k);
    sh->title_pt = ms.title_max;
    sh->y = masthead_place(ctx, sh->page, in->event, title, &ms, (CpRect){sh->x0, margin, sh->w, 0},
                           &sh->title_pt);
    sh->body_h = place_foot(ctx, sh, in, t, ph - margin) - sh->y;
    // Body type stays well below the title's, however short the text.
    double max_pt = t->body_max * sh->title_pt;
    sh->max_pt = MAX(in->min_pt, t->body_cap > 0 ? MIN(max_pt, t->body_cap) : max_pt);
}

// Places the panel and the link LIFT above where they were set.
static void sheet_place_foot(Sheet *sh, double lift)
{
    if (sh->link)
        contacts_place(sh->link, sh->page, sh->x0, sh->link_y - lift);
    if (sh->panel)
        contacts_place(sh->panel, sh->page, sh->x0, sh->panel_y - lift);
}

static void sheet_end(Sheet *sh)
{
    page_destroy(sh->page);
    contacts_destroy(sh->panel);
    contacts_destroy(sh->link);
}

// The column count whose fitted size is largest with readable lines.
static Candidate choose_columns(CpFlow *flow, const Sheet *sh, double min_pt)
{
    double em = typeset_char_em(flow);
    Candidate best = {0};
    CpFrame frames[CP_MAX_COLUMNS];
    double gutter = P.gutter_mm * CP_MM * sh->k;
    double max_pt = sh->max_pt;
    // Two columns first (A4's usual answer), then the others. A column count
    // whose lines would be too long or too short at any size within 10% of a
    // fitted one cannot win (the text's area is about the same in any
    // number of columns), so it is not fitted.
    static const int order[CP_MAX_COLUMNS] = {2, 1, 3};
    for (int o = 0; o < CP_MAX_COLUMNS; o++) {
        int n = order[o];
        make_frames(frames, n, sh->x0, sh->y, sh->w, sh->body_h, gutter);
        // Line lengths at 10% under and over the fitted size.
        double longest = frames[0].w / (em * 0.9 * best.size);
        double shortest = frames[0].w / (em * 1.1 * best.size);
        if (best.fits && cpl_miss(best.cpl) == 0 && (longest < P.min_cpl || shortest > P.max_cpl))
            continue;
        Candidate c = {.columns = n};
        // Each column count starts from the last one's size: about the same
        // text area, so a few layouts find it.
        c.fits = sh->body_h > 0 && typeset_fit(flow,
                                               &(CpFitRange){frames, (size_t)n, min_pt, max_pt,
                                                             best.fits ? best.size : min_pt},
                                               &c.size, &c.overflow);
        if (sh->body_h <= 0)
            c.overflow = -sh->body_h;
        c.cpl = frames[0].w / (em * (c.fits ? c.size : min_pt));
        if (g_getenv("COCPRINT_DEBUG"))
            fprintf(stderr, "poster: %d col: fits=%d size=%.2f cpl=%.1f over=%.1f\n", n, c.fits,
                    c.size, c.cpl, c.overflow);
        if (o == 0 || better(&c, &best))
            best = c;
    }
    return best;
}

// The smallest poster size over IN's on which FLOW fits at the minimum
// size, or NULL: what to suggest, never a size in use or one that would
// not help.
static const CpPaper *fitting_size(CpFlow *flow, PangoContext *ctx, const CpBuildInput *in,
                                   const char *title, double need, const Tune *t)
{
    for (const CpPaper *up = paper_larger(in->paper); up; up = paper_larger(up)) {
        // NEED: the text's height over the body's room here. A size whose
        // page is not near that much larger is not laid out (a megabyte of
        // prose took 4 s to refuse when A3 and A2 were tried). Twice the
        // area's ratio: the contacts panel takes a larger share of the
        // smaller page (a 20-person team's A4 panel gave A2 up wrongly).
        if (need > 2.0 * (up->w * up->h) / (in->paper->w * in->paper->h))
            continue;
        CpBuildInput bigger = *in;
        bigger.paper = up;
        Sheet sh;
        sheet_begin(&sh, ctx, &bigger, title, &P.masthead, t);
        bool fits = choose_columns(flow, &sh, in->min_pt).fits;
        sheet_end(&sh);
        if (fits)
            return up;
    }
    return NULL;
}

// Why the text does not fit, in words that say what to change, into OUT:
// the contacts or the title when they leave the text little room (they
// grow with the page, so a larger one does not help), else the text.
static void no_fit(const Sheet *sh, const CpBuildInput *in, const Candidate *best, CpPoster *out)
{
    const CpPaper *paper = in->paper;
    double panel_h = contacts_height(sh->panel);
    double title_h = sh->y - sh->x0; // the masthead, under the top margin
    double body_h = sh->body_h;
    if (body_h < 0.3 * (sh->page->height - 2 * sh->x0) && MAX(panel_h, title_h) > body_h) {
        bool panel = panel_h >= title_h;
        out->why = g_strdup_printf(
            "the poster does not fit on %s: the %s is %.0f mm tall and leaves %.0f mm for the "
            "text; %s",
            paper->label, panel ? "contacts panel" : "title", (panel ? panel_h : title_h) / CP_MM,
            MAX(0, body_h) / CP_MM,
            panel ? "list fewer organizers or shorter notes in the event data"
                  : "shorten the title");
        return;
    }
    out->text_bound = true;
    double over_mm = best->overflow / CP_MM;
    double pct = body_h > 0 ? 100.0 * best->overflow / (body_h * best->columns) : 100;
    out->why = g_strdup_printf("the poster does not fit on %s: even at the minimum body size of "
                               "%.1f pt in %d column%s, the text runs %.0f mm (about %.0f%%) past "
                               "the space for it",
                               paper->label, in->min_pt, best->columns,
                               best->columns > 1 ? "s" : "", over_mm, pct);
}

// A table too wide for the page's whole width at the smallest size: the
// reason, naming it, instead of the text's length.
static void wide_table(CpFlow *flow, const Sheet *sh, const CpBuildInput *in, CpPoster *out)
{
    typeset_layout(flow, in->min_pt, sh->w);
    int line;
    double need, room;
    if (!typeset_wide_table(flow, &line, &need, &room))
        return;
    g_free(out->why);
    out->why = g_strdup_printf(
        "the poster does not fit on %s: the table at %s:%d is %.1f mm wide even at %.1f pt, "
        "with each column as narrow as its longest word, and the page has %.1f mm for it; "
        "shorten its longest words or split it into narrower tables",
        in->paper->label, in->doc->path, line, need / CP_MM, in->min_pt, room / CP_MM);
}

// A phone number the panel could not set on one line, even at its smallest
// size: why, into OUT (a number is never broken).
static bool phone_too_wide(const Sheet *sh, CpPoster *out)
{
    double w, col;
    const char *phone = contacts_too_wide(sh->panel, &w, &col);
    if (!phone)
        return false;
    out->why = g_strdup_printf("the poster's contacts panel cannot set the phone number '%s' on "
                               "one line: it is %.1f mm wide at %.0f pt and its column %.1f mm; "
                               "shorten the organizer's entry",
                               phone, w / CP_MM, CP_MIN_PANEL_PT, col / CP_MM);
    return true;
}

// Lays FLOW out in BEST's balanced columns on SH, their top DROP under the
// body's, onto PAGE when not NULL. Returns the tallest column's height, or
// -1 when the text did not fit (which a fitted size rules out).
static double place_body(CpFlow *flow, const Sheet *sh, const Candidate *best, double drop,
                         CpPage **page)
{
    CpFrame frames[CP_MAX_COLUMNS];
    make_frames(frames, best->columns, sh->x0, sh->y + drop, sh->w, sh->body_h,
                P.gutter_mm * CP_MM * sh->k);
    typeset_layout(flow, best->size, frames[0].w);
    if (best->columns > 1)
        balance(flow, frames, best->columns, sh->body_h);
    double used[CP_MAX_COLUMNS], tallest = 0;
    if (!typeset_place(flow, frames, (size_t)best->columns, page, NULL, used))
        return -1;
    for (int i = 0; i < best->columns; i++)
        tallest = MAX(tallest, used[i]);
    return tallest;
}

// A second look at a fitted page. A hotline number smaller than the body
// grows to the body's size (or, where its column cannot hold it, holds the
// body at its size); a short policy's blank band goes to a larger panel and
// lets the body grow to the title's size. False when nothing changes.
static bool retune(const Sheet *sh, const Candidate *best, double tallest, Tune *t)
{
    const Tune was = *t;
    double number = contacts_number_pt(sh->panel), page_h = sh->page->height;
    if (number > 0 && number < best->size - 0.05) {
        if (t->number_pt < best->size)
            t->number_pt = best->size;
        else
            t->body_cap = number;
    }
    double blank = sh->body_h - tallest, panel_h = contacts_height(sh->panel);
    if (blank > P.blank_share * page_h && t->grow == 1) {
        if (panel_h > 0)
            t->grow = MIN(P.panel_grow, 1 + (blank - P.blank_share * page_h) / panel_h);
        t->body_max = 1;
    }
    // Field by field: the struct's padding is never written.
    return was.number_pt != t->number_pt || was.body_cap != t->body_cap || was.grow != t->grow ||
           was.body_max != t->body_max;
}

CpBuildStatus poster_build(const CpBuildInput *in, bool summary, CpPoster *out)
{
    memset(out, 0, sizeof *out);
    PangoContext *ctx = fonts_context(in->fonts);
    const char *title = in->doc->title ? in->doc->title : in->labels->text[CP_L_CODE_OF_CONDUCT];
    Tune t = tune_for(summary);
    Sheet sh;
    sheet_begin(&sh, ctx, in, title, &P.masthead, &t);
    CpFlow *flow = typeset_create(ctx, in->doc);
    CpBuildStatus status = CP_BUILD_NO_FIT;
    if (phone_too_wide(&sh, out)) {
        typeset_destroy(flow);
        sheet_end(&sh);
        return status;
    }
    Candidate best = choose_columns(flow, &sh, in->min_pt);
    if (!best.fits) {
        double room = sh.body_h * best.columns;
        double need = room > 0 ? 1 + best.overflow / room : INFINITY;
        no_fit(&sh, in, &best, out);
        wide_table(flow, &sh, in, out);
        out->fits_on = fitting_size(flow, ctx, in, title, need, &t);
        goto done;
    }
    double tallest = place_body(flow, &sh, &best, 0, NULL);
    for (int pass = 0; pass < 3 && retune(&sh, &best, tallest, &t); pass++) {
        Sheet next;
        sheet_begin(&next, ctx, in, title, &P.masthead, &t);
        Candidate c = choose_columns(flow, &next, in->min_pt);
        if (!c.fits) { // the last page stands
            sheet_end(&next);
            break;
        }
        sheet_end(&sh);
        sh = next;
        best = c;
        tallest = place_body(flow, &sh, &best, 0, NULL);
    }
    // What room is left goes above and below the body alike, and, when that
    // would leave wide bands, under the panel too.
    double blank = MAX(0, sh.body_h - tallest);
    double lift = sh.panel && blank / 2 > P.blank_share * sh.page->height ? blank / 3 : 0;
    if (place_body(flow, &sh, &best, (blank - lift) / 2, &sh.page) < 0) {
        // Cannot happen after a fit; if it did, text would be missing.
        diag_error(NULL, 0, 0, "the poster's text did not fit after all; please report this");
        goto done;
    }
    sheet_place_foot(&sh, lift);
    if (pango_context_get_base_dir(ctx) == PANGO_DIRECTION_RTL)
        page_mirror(sh.page);
    out->page = sh.page;
    out->body_pt = best.size;
    out->columns = best.columns;
    out->fill = tallest / sh.body_h;
    sh.page = NULL;
    status = CP_BUILD_OK;
done:
    typeset_destroy(flow);
    sheet_end(&sh);
    return status;
}

// Height the text needs in COLS balanced columns of width W at the flow's
// current size, or a value over LIMIT when it does not fit in LIMIT.
static double needed_height(CpFlow *flow, int cols, double w, double gutter, double limit)
{
    CpFrame fr[CP_MAX_COLUMNS];
    make_frames(fr, cols, 0, 0, cols * w + (cols - 1) * gutter, limit, gutter);
    if (!typeset_place(flow, fr, (size_t)cols, NULL, NULL, NULL))
        return limit + 1;
    return balance(flow, fr, cols, limit);
}

// Every language's text at one size, in its columns: side by side, each in
// the body's height; stacked (GAP >= 0), all in it together.
typedef struct {
    CpFlow **flows;
    const CpDocument *const *docs;
    size_t n;
    int cols;
    double region_w, col_w, gutter, body_h, gap;
} Regions;

static bool regions_fit(void *data, double size, bool estimate)
{
    const Regions *r = data;
    double total = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (estimate)
            typeset_estimate(r->flows[i], size, r->col_w);
        else
            typeset_layout(r->flows[i], size, r->col_w);
        double hgt = needed_height(r->flows[i], r->cols, r->col_w, r->gutter, r->body_h);
        if (hgt > r->body_h)
            return false;
        total += r->gap >= 0 ? hgt + (i ? r->gap : 0) : 0;
    }
    return total <= r->body_h;
}

// Places each language's region on the sheet at SIZE: side by side, or one
// under the other.
// The height the regions take at SIZE: the tallest side by side, all of
// them and their gaps stacked.
static double regions_height(const Regions *r, double size)
{
    double tallest = 0, total = 0;
    for (size_t i = 0; i < r->n; i++) {
        typeset_layout(r->flows[i], size, r->col_w);
        double hgt = needed_height(r->flows[i], r->cols, r->col_w, r->gutter, r->body_h);
        tallest = MAX(tallest, hgt);
        total += hgt + (i ? r->gap : 0);
    }
    return r->gap >= 0 ? total : tallest;
}

static bool place_regions(const Regions *r, Sheet *sh, double size, double drop, CpPoster *out)
{
    bool stacked = r->gap >= 0;
    out->regions = g_new0(CpPage *, r->n);
    out->n_regions = r->n;
    double ry = sh->y + drop, tallest = 0;
    for (size_t i = 0; i < r->n; i++) {
        typeset_layout(r->flows[i], size, r->col_w);
        double hgt = needed_height(r->flows[i], r->cols, r->col_w, r->gutter, r->body_h);
        double rh = stacked ? hgt : r->body_h;
        // A margin around the region keeps glyphs that reach past a line's
        // box from being clipped when the region is placed.
        double pad = P.region_pad_mm * CP_MM;
        CpPage *region = page_create(r->region_w + 2 * pad, rh + 2 * pad);
        out->regions[i] = region;
        CpFrame fr[CP_MAX_COLUMNS];
        make_frames(fr, r->cols, pad, pad, r->region_w, rh, r->gutter);
        if (!typeset_place(r->flows[i], fr, (size_t)r->cols, &region, NULL, NULL)) {
            diag_error(NULL, 0, 0, "the poster's text did not fit after all; please report this");
            return false;
        }
        if (r->docs[i]->lang.rtl)
            page_mirror(region);
        double rx = stacked ? sh->x0 : sh->x0 + (double)i * (r->region_w + r->gutter);
        page_add_page(sh->page, region, rx - pad, ry - pad, true);
        tallest = MAX(tallest, hgt);
        if (stacked)
            ry += hgt + r->gap;
    }
    out->fill = (stacked ? ry - sh->y - drop - r->gap : tallest) / r->body_h;
    return true;
}

// Several translations on one page, as poster_build_multi takes them.
typedef struct {
    CpFonts *const *fonts;
    const CpDocument *const *docs;
    size_t n;
    CpLayout layout;
    const char *titles; // every title, for the masthead
    Tune t;
} MultiInput;

// One try of the page: the sheet, each language's flow in its region, and
// the largest common size; FITS false when even the minimum does not fit,
// NARROW when the regions are too narrow to try.
typedef struct {
    Sheet sh;
    Regions rg;
    double size;
    bool fits, narrow;
    bool stacked;
} Multi;

static void multi_begin(Multi *m, PangoContext *ctx, const CpBuildInput *in, const MultiInput *mi)
{
    memset(m, 0, sizeof *m);
    sheet_begin(&m->sh, ctx, in, mi->titles, &P.multi_masthead, &mi->t);
    Sheet *sh = &m->sh;
    // Side by side: one column per language. Stacked: two balanced columns
    // per language, one language under the other.
    size_t n = mi->n;
    Regions *rg = &m->rg;
    m->stacked = mi->layout == CP_LAYOUT_STACKED;
    *rg = (Regions){.docs = mi->docs, .n = n, .cols = m->stacked ? 2 : 1};
    rg->gutter = P.gutter_mm * CP_MM * sh->k;
    rg->body_h = sh->body_h;
    rg->gap = m->stacked ? P.stack_gap_mm * CP_MM * sh->k : -1;
    rg->region_w = m->stacked ? sh->w : (sh->w - (double)(n - 1) * rg->gutter) / (double)n;
    rg->col_w = (rg->region_w - (rg->cols - 1) * rg->gutter) / rg->cols;
    // Narrower columns would hold a word or two a line, or none.
    m->narrow = rg->col_w < P.min_column_mm * CP_MM * sh->k;
    if (m->narrow)
        return;
    rg->flows = g_new0(CpFlow *, n);
    for (size_t i = 0; i < n; i++)
        rg->flows[i] = typeset_create(fonts_context(mi->fonts[i]), mi->docs[i]);
    // The largest common size at which every region fits; never over the
    // hotline number's.
    double number = contacts_number_pt(sh->panel), max_pt = sh->max_pt;
    if (number > in->min_pt)
        max_pt = MIN(max_pt, number);
    m->size = sh->body_h > 0 ? fit_size(regions_fit, rg, in->min_pt, max_pt, in->min_pt, &m->fits)
                             : in->min_pt;
}

static void multi_end(Multi *m)
{
    for (size_t i = 0; m->rg.flows && i < m->rg.n; i++)
        typeset_destroy(m->rg.flows[i]);
    g_free(m->rg.flows);
    sheet_end(&m->sh);
}

// MI's layout; when it is auto, the better of the two: side by side (the
// languages read in parallel) unless only stacked fits, or fits at a
// clearly larger size (texts of unequal length fill one region each).
static void multi_choose(Multi *m, PangoContext *ctx, const CpBuildInput *in, const MultiInput *mi)
{
    if (mi->layout != CP_LAYOUT_AUTO) {
        multi_begin(m, ctx, in, mi);
        return;
    }
    MultiInput side = *mi, stack = *mi;
    side.layout = CP_LAYOUT_SIDE;
    stack.layout = CP_LAYOUT_STACKED;
    multi_begin(m, ctx, in, &side);
    Multi s;
    multi_begin(&s, ctx, in, &stack);
    bool side_ok = m->fits && !m->narrow, stack_ok = s.fits && !s.narrow;
    if (stack_ok && (!side_ok || s.size > 1.05 * m->size)) {
        multi_end(m);
        *m = s;
    } else {
        multi_end(&s);
    }
}

// The smallest poster size over IN's on which MI fits, or NULL.
static const CpPaper *multi_fitting_size(PangoContext *ctx, const CpBuildInput *in,
                                         const MultiInput *mi)
{
    for (const CpPaper *up = paper_larger(in->paper); up; up = paper_larger(up)) {
        CpBuildInput bigger = *in;
        bigger.paper = up;
        Multi m;
        multi_choose(&m, ctx, &bigger, mi);
        bool fits = !m.narrow && m.fits;
        multi_end(&m);
        if (fits)
            return up;
    }
    return NULL;
}

CpBuildStatus poster_build_multi(const CpBuildInput *in, CpFonts *const *fonts,
                                 const CpDocument *const *docs, size_t n, CpLayout layout,
                                 bool summary, CpPoster *out)
{
    memset(out, 0, sizeof *out);
    const CpPaper *paper = in->paper;
    // The shared parts (titles, contacts) are set left to right; each
    // language's region has its own direction.
    PangoContext *ctx = fonts_context_ltr(fonts[0]);
    GString *titles = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(titles, "%s\u2068%s\u2069", i ? " \u00B7 " : "",
                               docs[i]->title ? docs[i]->title
                                              : in->labels->text[CP_L_CODE_OF_CONDUCT]);
    MultiInput mi = {fonts, docs, n, layout, titles->str, tune_for(summary)};
    Multi m;
    multi_choose(&m, ctx, in, &mi);
    CpBuildStatus status = CP_BUILD_NO_FIT;
    if (phone_too_wide(&m.sh, out))
        goto done;
    const char *tried = layout == CP_LAYOUT_AUTO ? "side by side or stacked"
                        : layout == CP_LAYOUT_SIDE
                            ? "side by side; --poster-layout stacked may fit"
                            : "stacked; --poster-layout side-by-side may fit";
    if (m.narrow) {
        out->why = g_strdup_printf("%zu translations side by side leave columns %.0f mm wide on "
                                   "%s; use --poster-layout stacked",
                                   n, m.rg.col_w / CP_MM, paper->label);
        out->fits_on = multi_fitting_size(ctx, in, &mi);
    } else if (!m.fits) {
        out->text_bound = true;
        out->why = g_strdup_printf("the %zu translations do not fit on one %s poster even at "
                                   "%.1f pt, %s",
                                   n, paper->label, in->min_pt, tried);
        out->fits_on = multi_fitting_size(ctx, in, &mi);
    } else {
        // Room left (short summaries) goes above and below the text, and
        // under the panel too when the bands would be wide; as on one
        // language's poster.
        double blank = MAX(0, m.sh.body_h - regions_height(&m.rg, m.size));
        double lift = m.sh.panel && blank / 2 > P.blank_share * m.sh.page->height ? blank / 3 : 0;
        if (!place_regions(&m.rg, &m.sh, m.size, (blank - lift) / 2, out))
            goto done;
        sheet_place_foot(&m.sh, lift);
        out->page = m.sh.page;
        out->body_pt = m.size;
        out->columns = m.stacked ? m.rg.cols : (int)n;
        out->stacked = m.stacked;
        m.sh.page = NULL;
        status = CP_BUILD_OK;
    }
done:
    g_string_free(titles, TRUE);
    multi_end(&m);
    return status;
}

void poster_finish(CpPoster *p)
{
    page_destroy(p->page);
    g_free(p->why);
    for (size_t i = 0; i < p->n_regions; i++)
        page_destroy(p->regions[i]);
    g_free(p->regions);
    memset(p, 0, sizeof *p);
}
