#include "handout.h"

#include "contacts.h"
#include "design.h"
#include "diag.h"
#include "masthead.h"
#include "text.h"
#include "typeset.h"

#include <math.h>
#include <string.h>

#define H (cp_design.handout)
#define MARGIN (H.margin_mm * CP_MM)
#define MAX_PAGES 10000

typedef struct {
    double w, h;        // page, points
    double first_top;   // body top on page 1, under the masthead
    double bottom;      // body bottom on every page, above the foot line
    double last_bottom; // body bottom on the last page, above the contacts
    double foot_y;      // the foot line's top
    double title_pt;
    CpTextStyle foot;   // the foot line's style
    CpContacts **parts; // the contacts panel, in as many parts as pages it needs
    int n_parts;        // 0: no panel
} Geometry;

// The body's frames on N pages: the last N_PARTS - 1 pages hold the
// panel's continuations alone, and the page before them the panel's first
// part under the end of the text.
static CpFrame *frames_for(const Geometry *g, int n)
{
    CpFrame *fr = g_new(CpFrame, n);
    int last = n - MAX(1, g->n_parts);
    for (int p = 0; p < n; p++) {
        double top = p == 0 ? g->first_top : MARGIN;
        double bottom = p == last ? g->last_bottom : p > last ? top : g->bottom;
        fr[p] = (CpFrame){p, MARGIN, top, g->w - 2 * MARGIN, MAX(0, bottom - top)};
    }
    return fr;
}

static bool fits(CpFlow *flow, const Geometry *g, int n)
{
    int last = n - MAX(1, g->n_parts);
    // The panel's first part must not reach up into the masthead.
    if (last < 0 || (last == 0 && g->last_bottom < g->first_top))
        return false;
    CpFrame *fr = frames_for(g, n);
    bool ok = typeset_place(flow, fr, (size_t)n, NULL, NULL, NULL);
    g_free(fr);
    return ok;
}

// The most organizers from FIRST on whose part of the panel (with the help
// when HELP) is at most MAX_H tall, or 0 (the help alone, when HELP) when
// not even one fits; the part in *OUT.
static size_t part_fit(PangoContext *ctx, const CpBuildInput *in, double w, size_t first, bool help,
                       double max_h, CpContacts **out)
{
    CpPanelSpec spec = contacts_spec(in->event, H.contacts_scale);
    spec.help = help;
    spec.first = first;
    size_t lo = 0, hi = spec.count - first; // lo fits (or is nothing), hi is tried
    *out = NULL;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        spec.count = mid;
        CpContacts *c = contacts_create(ctx, in->event, in->labels, w, &spec);
        if (contacts_height(c) <= max_h) {
            lo = mid;
            contacts_destroy(*out);
            *out = c;
        } else {
            hi = mid - 1;
            contacts_destroy(c);
        }
    }
    if (!*out && help) { // the help alone, whatever its height
        spec.count = 0;
        *out = contacts_create(ctx, in->event, in->labels, w, &spec);
    }
    return lo;
}

// The continuations, each filled as far as a page goes, leave the last one
// short: the organizers from FROM shared out evenly over them instead, if
// every part still fits a page.
static void balance_parts(Geometry *g, PangoContext *ctx, const CpBuildInput *in, double w,
                          size_t from, double page_h)
{
    int k = g->n_parts - 1;
    if (k < 2)
        return;
    size_t left = in->event->n_organizers - from;
    CpContacts **even = g_new0(CpContacts *, k);
    bool ok = true;
    CpPanelSpec spec = contacts_spec(in->event, H.contacts_scale);
    spec.help = false;
    for (int i = 0; ok && i < k; i++) {
        spec.first = from + left * (size_t)i / (size_t)k;
        spec.count = from + left * (size_t)(i + 1) / (size_t)k - spec.first;
        even[i] = contacts_create(ctx, in->event, in->labels, w, &spec);
        ok = contacts_height(even[i]) <= page_h;
    }
    for (int i = 0; i < k; i++) {
        CpContacts **keep = ok ? &g->parts[i + 1] : &even[i];
        contacts_destroy(*keep);
        *keep = ok ? even[i] : NULL;
    }
    g_free(even);
}

// The panel in parts: the help with the organizers that fit a page beside
// it, then the others, a page's worth at a time. False, after an error, when
// a part cannot fit a page.
static bool panel_parts(Geometry *g, PangoContext *ctx, const CpBuildInput *in, double w)
{
    double page_h = g->bottom - MARGIN - H.panel_gap_mm * CP_MM;
    size_t n = in->event ? in->event->n_organizers : 0;
    CpContacts *part;
    size_t done = part_fit(ctx, in, w, 0, true, page_h, &part);
    if (!part)
        return true;
    g->parts = g_new0(CpContacts *, n + 1);
    g->parts[g->n_parts++] = part;
    if (contacts_height(part) > page_h)
        return false;
    size_t from = done;
    while (done < n) {
        size_t more = part_fit(ctx, in, w, done, false, page_h, &part);
        if (!more)
            return false;
        g->parts[g->n_parts++] = part;
        done += more;
    }
    balance_parts(g, ctx, in, w, from, page_h);
    return true;
}

static void geometry_finish(Geometry *g)
{
    for (int i = 0; i < g->n_parts; i++)
        contacts_destroy(g->parts[i]);
    g_free(g->parts);
}

// The parts of a page around the body: the masthead (measured on a scratch
// page), the foot line and the contacts panel. False, after an error, when
// the contacts leave no room.
static bool geometry(Geometry *g, PangoContext *ctx, const CpBuildInput *in, const char *title)
{
    const CpPaper *paper = in->paper;
    *g = (Geometry){.w = paper->w * CP_MM, .h = paper->h * CP_MM};
    double w = g->w - 2 * MARGIN;
    CpPage *scratch = page_create(g->w, g->h);
    g->title_pt = H.masthead.title_max;
    g->first_top = masthead_place(ctx, scratch, in->event, title, &H.masthead,
                                  (CpRect){MARGIN, MARGIN, w, 0}, &g->title_pt);
    page_destroy(scratch);

    g->foot = (CpTextStyle){CP_BODY_FAMILY,
                            PANGO_WEIGHT_NORMAL,
                            0,
                            H.foot_pt,
                            cp_design.poster.foot_leading,
                            cp_design.poster.foot_tracking,
                            0,
                            cp_design.palette.muted};
    CpText probe;
    text_init(&probe, ctx, "1/2", &g->foot, 0, NULL);
    g->foot_y = g->h - MARGIN - probe.height;
    text_finish(&probe);
    g->bottom = g->foot_y - H.foot_gap_mm * CP_MM;

    bool parts_fit = panel_parts(g, ctx, in, w);
    for (int i = 0; i < g->n_parts; i++) {
        double pw, col;
        const char *phone = contacts_too_wide(g->parts[i], &pw, &col);
        if (phone) {
            diag_error(NULL, 0, 0,
                       "the %s handout's contacts cannot set the phone number '%s' on one line: "
                       "it is %.1f mm wide at %.0f pt and its column %.1f mm",
                       paper->label, phone, pw / CP_MM, CP_MIN_PANEL_PT, col / CP_MM);
            return false;
        }
    }
    double panel_h = g->n_parts ? contacts_height(g->parts[0]) : 0;
    g->last_bottom = g->bottom - (g->n_parts ? panel_h + H.panel_gap_mm * CP_MM : 0);
    if (parts_fit)
        return true;
    diag_error(NULL, 0, 0,
               "the contacts do not fit on the %s handout page (%s %.0f mm tall, %.0f mm "
               "available); shorten the notes in the event data",
               paper->label, g->n_parts > 1 ? "an organizer's entry is" : "the help alone is",
               contacts_height(g->parts[g->n_parts - 1]) / CP_MM,
               (g->bottom - MARGIN - H.panel_gap_mm * CP_MM) / CP_MM);
    return false;
}

// The fewest even page count on which the flow fits at its size. One pass
// over MAX_PAGES frames gives the pages the text takes; the contacts panel on
// the last page may push it a page or two further. 0, after an error, when no
// count does.
static int page_count(CpFlow *flow, const Geometry *g, const CpBuildInput *in)
{
    CpFrame *fr = frames_for(g, MAX_PAGES);
    double *used = g_new0(double, MAX_PAGES);
    bool all = typeset_place(flow, fr, MAX_PAGES, NULL, NULL, used);
    int taken = 0;
    for (int p = 0; p < MAX_PAGES; p++)
        if (used[p] > 0)
            taken = p + 1;
    g_free(used);
    g_free(fr);
    char *what = g_strdup_printf("%s handout page", in->paper->label);
    bool wide = !all && typeset_report_wide_table(flow, what);
    g_free(what);
    if (wide)
        return 0;
    if (!all && taken < MAX_PAGES) {
        // Empty pages at the end: a block that no page can hold (headings
        // and code lines do not split).
        diag_error(NULL, 0, 0,
                   "a heading (or a line of a code block) is taller than the %s handout "
                   "page even at %.1f pt; shorten it",
                   in->paper->label, in->min_pt);
        return 0;
    }
    taken += MAX(1, g->n_parts) - 1; // the panel's continuations
    int n = MAX(2, taken + taken % 2);
    for (; n <= MAX_PAGES; n += 2)
        if (fits(flow, g, n))
            return n;
    diag_error(NULL, 0, 0, "the handout would need more than %d pages; shorten the text",
               MAX_PAGES);
    return 0;
}

// The pages, drawn in reading order (masthead, body, panel, foot, page
// number): the order text is copied, searched and read aloud from the PDF.
static bool draw(CpHandout *out, CpFlow *flow, const CpFrame *fr, const Geometry *g,
                 PangoContext *ctx, const CpBuildInput *in, const char *title)
{
    int n = out->n_pages;
    double w = g->w - 2 * MARGIN;
    for (int p = 0; p < n; p++)
        out->pages[p] = page_create(g->w, g->h);
    masthead_place(ctx, out->pages[0], in->event, title, &H.masthead,
                   (CpRect){MARGIN, MARGIN, w, 0}, NULL);
    bool ok = typeset_place(flow, fr, (size_t)n, out->pages, NULL, NULL);
    if (!ok) // cannot happen after a fit; if it did, text would be missing
        diag_error(NULL, 0, 0, "the handout's text did not fit after all; please report this");
    int last = n - MAX(1, g->n_parts);
    for (int i = 0; i < g->n_parts; i++)
        contacts_place(g->parts[i], out->pages[last + i], MARGIN,
                       i ? MARGIN : g->last_bottom + H.panel_gap_mm * CP_MM);
    char *ft = masthead_foot_text(in->meta, in->event, in->labels);
    if (ft) {
        CpText t;
        text_init(&t, ctx, ft, &g->foot, w * H.foot_width, NULL);
        text_place(&t, out->pages[n - 1], MARGIN, g->foot_y);
        text_finish(&t);
        g_free(ft);
    }
    CpTextStyle ns = g->foot;
    ns.align = PANGO_ALIGN_RIGHT;
    for (int p = 0; p < n; p++) {
        char num[32];
        g_snprintf(num, sizeof num, "%d/%d", p + 1, n);
        CpText t;
        text_init(&t, ctx, num, &ns, w, NULL);
        text_place(&t, out->pages[p], MARGIN, g->foot_y);
        text_finish(&t);
    }
    for (int p = 0; p < n && pango_context_get_base_dir(ctx) == PANGO_DIRECTION_RTL; p++)
        page_mirror(out->pages[p]);
    return ok;
}

CpBuildStatus handout_build(const CpBuildInput *in, CpHandout *out)
{
    memset(out, 0, sizeof *out);
    PangoContext *ctx = fonts_context(in->fonts);
    const char *title = in->doc->title ? in->doc->title : in->labels->text[CP_L_CODE_OF_CONDUCT];
    Geometry g;
    if (!geometry(&g, ctx, in, title)) {
        geometry_finish(&g);
        return CP_BUILD_NO_FIT;
    }
    // The page count at the minimum size from Pango, not the line model: a
    // count one too high would print blank backs. One layout.
    CpFlow *flow = typeset_create(ctx, in->doc);
    typeset_layout(flow, in->min_pt, g.w - 2 * MARGIN);
    int n = page_count(flow, &g, in);
    CpBuildStatus status = CP_BUILD_NO_FIT;
    if (n > 0) {
        // The largest size that fills those pages, up to the design's cap
        // (not a share of the title: a long title set small held the body
        // of a two-page handout at 8.55 pt where 11.5 fitted).
        CpFrame *fr = frames_for(&g, n);
        double size = in->min_pt;
        const CpFitRange range = {fr, (size_t)n, in->min_pt, MAX(in->min_pt, H.body_max_pt),
                                  in->min_pt};
        typeset_fit(flow, &range, &size, NULL);
        out->pages = g_new0(CpPage *, n);
        out->n_pages = n;
        out->body_pt = size;
        out->paper = in->paper;
        if (draw(out, flow, fr, &g, ctx, in, title))
            status = CP_BUILD_OK;
        g_free(fr);
    }
    geometry_finish(&g); // the pages copied the panel's links
    typeset_destroy(flow);
    return status;
}

void handout_finish(CpHandout *h)
{
    for (int p = 0; p < h->n_pages; p++)
        page_destroy(h->pages[p]);
    g_free(h->pages);
    memset(h, 0, sizeof *h);
}
