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
} Geometry;

static CpFrame *frames_for(const Geometry *g, int n)
{
    CpFrame *fr = g_new(CpFrame, n);
    for (int p = 0; p < n; p++) {
        double top = p == 0 ? g->first_top : MARGIN;
        double bottom = p == n - 1 ? g->last_bottom : g->bottom;
        fr[p] = (CpFrame){p, MARGIN, top, g->w - 2 * MARGIN, MAX(0, bottom - top)};
    }
    return fr;
}

static bool fits(CpFlow *flow, const Geometry *g, int n, double *overflow)
{
    CpFrame *fr = frames_for(g, n);
    bool ok = typeset_place(flow, fr, (size_t)n, NULL, overflow, NULL);
    g_free(fr);
    return ok;
}

CpBuildStatus handout_build(const CpBuildInput *in, CpHandout *out)
{
    const CpDocument *doc = in->doc;
    const CpMeta *meta = in->meta;
    const CpEvent *ev = in->event;
    const CpLabels *labels = in->labels;
    const CpPaper *paper = in->paper;
    double min_pt = in->min_pt;
    memset(out, 0, sizeof *out);
    PangoContext *ctx = fonts_context(in->fonts);
    Geometry g = {paper->w * CP_MM, paper->h * CP_MM, 0, 0, 0};
    double w = g.w - 2 * MARGIN;
    const CpMastheadStyle ms = H.masthead;
    const char *title = doc->title ? doc->title : labels->text[CP_L_CODE_OF_CONDUCT];

    // The masthead's height, measured on a scratch page.
    CpPage *scratch = page_create(g.w, g.h);
    double title_pt = ms.title_max;
    g.first_top =
        masthead_place(ctx, scratch, ev, title, &ms, (CpRect){MARGIN, MARGIN, w, 0}, &title_pt);
    page_destroy(scratch);

    const CpTextStyle fs = {CP_BODY_FAMILY,
                            PANGO_WEIGHT_NORMAL,
                            0,
                            H.foot_pt,
                            cp_design.poster.foot_leading,
                            cp_design.poster.foot_tracking,
                            0,
                            cp_design.palette.muted};
    CpText probe;
    text_init(&probe, ctx, "1/2", &fs, 0, NULL);
    double foot_h = probe.height;
    text_finish(&probe);
    double foot_y = g.h - MARGIN - foot_h;
    g.bottom = foot_y - H.foot_gap_mm * CP_MM;

    CpContacts *panel = contacts_create(ctx, ev, labels, w, H.contacts_scale);
    g.last_bottom = g.bottom - (panel ? contacts_height(panel) + H.panel_gap_mm * CP_MM : 0);
    if (g.last_bottom - MARGIN < 0) {
        diag_error(NULL, 0, 0,
                   "the contacts do not fit on a %s handout page (%.0f mm tall, %.0f mm "
                   "available); list fewer organizers or shorten the notes",
                   paper->label, contacts_height(panel) / CP_MM, (g.bottom - MARGIN) / CP_MM);
        contacts_destroy(panel);
        return CP_BUILD_NO_FIT;
    }

    // The fewest even page count at the minimum size: estimate from what is
    // left over on two pages, then step up until it fits.
    // (Pango, not the line model: a page count one too high would print
    // blank backs. One layout.)
    CpFlow *flow = typeset_create(ctx, doc);
    typeset_layout(flow, min_pt, w);
    double over = 0;
    int n = 2;
    if (!fits(flow, &g, n, &over)) {
        double per_page = g.bottom - MARGIN;
        n += 2 * (int)floor(over / per_page / 2);
        n = MAX(2, MIN(n, MAX_PAGES));
        // Two more pages that take none of what is left: a block that no
        // page can hold (a heading taller than the page: headings do not
        // split).
        double before = INFINITY;
        while (n <= MAX_PAGES && !fits(flow, &g, n, &over)) {
            if (over >= before - 1e-6) {
                diag_error(NULL, 0, 0,
                           "a heading (or a line of a code block) is taller than the %s "
                           "handout page even at %.1f pt; shorten it",
                           paper->label, min_pt);
                typeset_destroy(flow);
                contacts_destroy(panel);
                return CP_BUILD_NO_FIT;
            }
            before = over;
            n += 2;
        }
    }
    if (n > MAX_PAGES) {
        diag_error(NULL, 0, 0, "the handout would need more than %d pages; shorten the text",
                   MAX_PAGES);
        typeset_destroy(flow);
        contacts_destroy(panel);
        return CP_BUILD_NO_FIT;
    }

    // The largest size that fills those pages.
    CpFrame *fr = frames_for(&g, n);
    double size = min_pt;
    const CpFitRange range = {fr, (size_t)n, min_pt,
                              MAX(min_pt, cp_design.body.max_over_title * title_pt), min_pt};
    typeset_fit(flow, &range, &size, NULL);

    // Drawn in reading order (masthead, body, panel, footer, page number):
    // the order text is copied, searched and read aloud from the PDF.
    out->pages = g_new0(CpPage *, n);
    out->n_pages = n;
    for (int p = 0; p < n; p++)
        out->pages[p] = page_create(g.w, g.h);
    masthead_place(ctx, out->pages[0], ev, title, &ms, (CpRect){MARGIN, MARGIN, w, 0}, NULL);
    CpBuildStatus status = CP_BUILD_OK;
    if (!typeset_place(flow, fr, (size_t)n, out->pages, NULL, NULL)) {
        // Cannot happen after a fit; if it did, text would be missing.
        diag_error(NULL, 0, 0, "the handout's text did not fit after all; please report this");
        status = CP_BUILD_NO_FIT;
    }
    if (panel)
        contacts_place(panel, out->pages[n - 1], MARGIN, g.last_bottom + H.panel_gap_mm * CP_MM);
    char *ft = masthead_foot_text(meta, ev, labels);
    if (ft) {
        CpText t;
        text_init(&t, ctx, ft, &fs, w * H.foot_width, NULL);
        text_place(&t, out->pages[n - 1], MARGIN, foot_y);
        text_finish(&t);
        g_free(ft);
    }
    for (int p = 0; p < n; p++) {
        char num[32];
        g_snprintf(num, sizeof num, "%d/%d", p + 1, n);
        CpTextStyle ns = fs;
        ns.align = PANGO_ALIGN_RIGHT;
        CpText t;
        text_init(&t, ctx, num, &ns, w, NULL);
        text_place(&t, out->pages[p], MARGIN, foot_y);
        text_finish(&t);
    }
    for (int p = 0; p < n && pango_context_get_base_dir(ctx) == PANGO_DIRECTION_RTL; p++)
        page_mirror(out->pages[p]);
    out->body_pt = size;
    out->paper = paper;
    contacts_destroy(panel); // the pages copied its links
    g_free(fr);
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
