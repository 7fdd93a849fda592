#include "badge.h"

#include "contacts.h"
#include "design.h"
#include "diag.h"
#include "fit.h"
#include "qr.h"
#include "text.h"
#include "typeset.h"

#include <math.h>
#include <string.h>

#define D (cp_design.badge)
#define MARGIN (D.margin_mm * CP_MM)

typedef struct {
    PangoContext *ctx;
    const CpEvent *ev;
    const CpLabels *labels;
    CpFlow *flow;  // the summary, or NULL
    double w, h;   // inner area
    int modules;   // of the QR code, 0 for none
    double min_pt; // --badge-min-size: no text under it, the header included
    size_t orgs;   // organizers listed: those that fit
} Fit;

typedef struct {
    double head_h;
    double qr; // QR side, 0 for none
    CpContacts *contacts;
    double overflow; // points over, when it does not fit
    double need;     // height the whole insert takes (over f->h when it does not fit)
} Trial;

// Never under the badge's minimum size (it was 5.5 pt at a 6 pt minimum).
static double head_size(const Fit *f, double contacts_pt)
{
    return MAX(f->min_pt, MAX(D.head_min, D.head_scale * contacts_pt));
}

// A QR code beside the contacts when its modules can be 0.5 mm or more and
// it leaves the text most of the width.
static double qr_side(const Fit *f, double contacts_pt)
{
    if (!f->modules)
        return 0;
    double with_quiet = 1 + 2.0 * CP_QR_QUIET / f->modules;
    double side = MIN(MIN(f->h * D.qr_height, D.qr_lines * contacts_pt * D.line_leading),
                      f->w * D.qr_width / with_quiet);
    return side >= f->modules * (D.qr_module_mm * CP_MM) ? side : 0;
}

static void trial_finish(Trial *t)
{
    contacts_destroy(t->contacts);
    t->contacts = NULL;
}

// The header, "CODE OF CONDUCT · EVENT" in capitals, for contacts at CONTACTS
// points; returns how far below the margin its first line's top goes.
static double head_text(const Fit *f, double contacts, CpText *head)
{
    const CpTextStyle hs = {CP_BODY_FAMILY, PANGO_WEIGHT_BOLD, 0, head_size(f, contacts),
                            D.head_leading, D.head_tracking,   0, cp_design.palette.accent};
    const char *coc = f->labels->text[CP_L_CODE_OF_CONDUCT];
    char *label = f->ev->name ? g_strdup_printf("%s \u00B7 %s", coc, f->ev->name) : g_strdup(coc);
    char *up = g_utf8_strup(label, -1);
    text_init(head, f->ctx, up, &hs, f->w, NULL);
    g_free(up);
    g_free(label);
    return cp_design.overshoot * hs.size;
}

// Whether the summary at PROSE and the contacts at CONTACTS fit the insert.
static bool try_fit(const Fit *f, double prose, double contacts, Trial *t)
{
    memset(t, 0, sizeof *t);
    CpText head;
    double drop = head_text(f, contacts, &head);
    t->head_h = drop + head.height + D.head_gap * contacts;
    text_finish(&head);
    t->qr = qr_side(f, contacts);
    t->contacts = contacts_create_compact(f->ctx, f->ev, f->labels, f->w, contacts, t->qr, f->orgs);
    double ch = contacts_height(t->contacts);
    double text_w = f->w - (t->qr > 0 ? t->qr * (1 + 2.0 * CP_QR_QUIET / f->modules) : 0);
    double phone_over = contacts_widest_phone(t->contacts, NULL) - text_w;
    if (phone_over > 0 && t->qr > 0) {
        // A phone number that fits only without the QR code: print the URL.
        trial_finish(t);
        t->contacts = contacts_create_compact(f->ctx, f->ev, f->labels, f->w, contacts, 0, f->orgs);
        ch = contacts_height(t->contacts);
        phone_over = contacts_widest_phone(t->contacts, NULL) - f->w;
        t->qr = 0;
    }
    double avail = f->h - t->head_h - ch - (f->flow ? D.summary_gap * contacts : 0);
    double over = MAX(0, -avail);
    t->need = f->h - avail;
    if (f->flow && avail > 0) {
        typeset_layout(f->flow, prose, f->w);
        CpFrame fr = {0, 0, 0, f->w, avail};
        double left = 0, used = 0;
        if (!typeset_place(f->flow, &fr, 1, NULL, &left, &used))
            over += left;
        t->need += used + left;
    }
    if (phone_over > 0)
        over = MAX(over, 1e-3);
    t->overflow = over;
    return over <= 0;
}

typedef enum { BOTH, CONTACTS, PROSE } Vary;

// A search over one or both sizes: each trial sets the type anew, so few
// are made. The insert's height grows with the size (the summary's as its
// square), so each trial predicts the next; after three, halve what is left.
typedef struct {
    const Fit *f;
    Vary vary;
    double other; // the size held
    Trial *keep;  // the largest trial that fits, kept for drawing
    double prev_s, prev_need, e;
} Search;

static bool search_fits(void *data, double s)
{
    Search *z = data;
    Trial t;
    bool ok =
        try_fit(z->f, z->vary == CONTACTS ? z->other : s, z->vary == PROSE ? z->other : s, &t);
    if (!ok) {
        trial_finish(&t);
        return false;
    }
    trial_finish(z->keep);
    *z->keep = t;
    // How the need grows, from the last two sizes that fit.
    if (z->prev_s > 0 && s > z->prev_s && t.need > z->prev_need && z->prev_need > 0)
        z->e = CLAMP(log(t.need / z->prev_need) / log(s / z->prev_s), 0.8, 2.5);
    z->prev_s = s;
    z->prev_need = t.need;
    return true;
}

static double predict(const CpFitSearch *s, const CpFitState *st)
{
    const Search *z = s->data;
    if (st->trials > 3 && !isinf(st->bad))
        return fit_halve(s, st);
    return st->best * pow(z->f->h / MAX(z->prev_need, 1e-6), 1 / z->e);
}

// Largest size in [LO, HI] (0.05 pt steps) at which the insert fits, varying
// both sizes, or one with the other held at OTHER, or -1 when it does not
// fit even at LO; *KEEP gets the trial at that size.
static double largest(const Fit *f, double lo, double hi, Vary vary, double other, Trial *keep)
{
    Search z = {f, vary, other, keep, 0, 0, 2};
    CpFitSearch s = {.lo = lo,
                     .hi = hi,
                     .steps = 20,
                     .start = lo,
                     .fits = search_fits,
                     .guess = predict,
                     .data = &z};
    bool found;
    double best = fit_search(&s, &found);
    return found ? best : -1;
}

static void no_fit(const Fit *f, const CpPaper *size, double min_pt)
{
    Trial t;
    try_fit(f, min_pt, min_pt, &t);
    const char *number;
    double phone = contacts_widest_phone(t.contacts, &number);
    char *what = g_strdup_printf("%s badge insert", size->label);
    bool wide = f->flow && typeset_report_wide_table(f->flow, what);
    g_free(what);
    if (wide)
        ;
    else if (phone > f->w)
        diag_error(f->ev->file, 0, 0,
                   "the phone number '%s' needs %.1f mm on one line even at %.1f pt, more than "
                   "the %.1f mm the %s insert has; write it without spaces or extensions, or "
                   "choose a larger --badge size",
                   number, phone / CP_MM, min_pt, f->w / CP_MM, size->label);
    else
        diag_error(f->ev->file, f->flow ? f->ev->summary_line : 0, 0,
                   "the %s badge insert does not fit: even at %.1f pt, %s %.1f mm more than "
                   "it has. %s",
                   size->label, min_pt,
                   f->flow ? "the summary and the contacts need" : "the contacts need",
                   MAX(0.1, t.overflow / CP_MM),
                   f->flow ? "Shorten the summary in the event data, list fewer contacts, or "
                             "choose a larger --badge size."
                           : "List fewer contacts, or choose a larger --badge size.");
    trial_finish(&t);
}

// When the insert does not fit with all of F's badge organizers: the most
// it can list with everything at the minimum size, with a warning naming
// who is left off (they are on the poster and the handout). Sets F->orgs;
// false when even none fit.
static bool organizers_that_fit(Fit *f, const CpPaper *size)
{
    size_t all = contacts_badge_organizers(f->ev), lo = 0, hi = all;
    Trial t;
    if (all == 0)
        return false;
    f->orgs = 0;
    bool ok = try_fit(f, f->min_pt, f->min_pt, &t);
    trial_finish(&t);
    if (!ok)
        return false;
    while (hi - lo > 1) { // LO fits, HI does not
        f->orgs = (lo + hi) / 2;
        bool fits = try_fit(f, f->min_pt, f->min_pt, &t);
        trial_finish(&t);
        *(fits ? &lo : &hi) = f->orgs;
    }
    f->orgs = lo;
    GString *off = g_string_new(NULL);
    for (size_t i = 0, seen = 0; i < f->ev->n_organizers; i++)
        if (!f->ev->organizers[i].off_badge && seen++ >= lo)
            g_string_append_printf(off, "%s%s", off->len ? ", " : "", f->ev->organizers[i].name);
    diag_warn(f->ev->file, 0, 0,
              "the %s badge insert lists %zu of the %zu organizers (the others do not fit at "
              "%.1f pt): left off %s, who are on the poster and the handout; mark organizers "
              "with 'badge: false' to choose who is left off",
              size->label, lo, all, f->min_pt, off->str);
    g_string_free(off, TRUE);
    return true;
}

CpBuildStatus badge_build(const CpBuildInput *in, CpBadge *out)
{
    const CpDocument *summary = in->doc;
    const CpEvent *ev = in->event;
    const CpLabels *labels = in->labels;
    const CpPaper *size = in->paper;
    double min_pt = in->min_pt;
    memset(out, 0, sizeof *out);
    out->size = *size;
    double pw = size->w * CP_MM, ph = size->h * CP_MM;
    Fit f = {fonts_context(in->fonts), ev,     labels, NULL, pw - 2 * MARGIN, ph - 2 * MARGIN,
             contacts_qr_modules(ev),  min_pt, 0};
    if (summary && summary->n)
        f.flow = typeset_create(f.ctx, summary);

    // Everything at one size, as large as it fits; when that is small, the
    // contacts keep the larger size and the summary gives way first.
    Trial t = {0};
    double prose, contacts;
    f.orgs = contacts_badge_organizers(ev);
    double all = largest(&f, min_pt, D.max_pt, BOTH, 0, &t);
    if (all < 0 && organizers_that_fit(&f, size))
        all = largest(&f, min_pt, D.max_pt, BOTH, 0, &t);
    if (all < 0) {
        no_fit(&f, size, min_pt);
        typeset_destroy(f.flow);
        return CP_BUILD_NO_FIT;
    }
    if (all >= D.comfort || !f.flow) {
        prose = contacts = all;
    } else {
        contacts = largest(&f, min_pt, D.comfort, CONTACTS, min_pt, &t);
        prose = largest(&f, min_pt, contacts, PROSE, contacts, &t);
    }
    CpPage *page = page_create(pw, ph);
    CpText head;
    double drop = head_text(&f, contacts, &head);
    text_place(&head, page, MARGIN, MARGIN + drop);
    text_finish(&head);
    double ch = contacts_height(t.contacts);
    double contacts_top = ph - MARGIN - ch;
    if (f.flow) {
        typeset_layout(f.flow, prose, f.w);
        double avail = f.h - t.head_h - ch - D.summary_gap * contacts;
        CpFrame fr = {0, MARGIN, MARGIN + t.head_h, f.w, avail};
        if (!typeset_place(f.flow, &fr, 1, &page, NULL, NULL)) {
            // Cannot happen after a fit; if it did, text would be missing.
            diag_error(NULL, 0, 0, "the badge's summary did not fit after all; please report this");
            page_destroy(page);
            trial_finish(&t);
            typeset_destroy(f.flow);
            return CP_BUILD_NO_FIT;
        }
        double ry = contacts_top - D.rule_at * contacts;
        page_add_line(page, MARGIN, ry, pw - MARGIN, ry, D.rule_weight, cp_design.palette.rule);
    }
    contacts_place(t.contacts, page, MARGIN, contacts_top);
    if (pango_context_get_base_dir(f.ctx) == PANGO_DIRECTION_RTL)
        page_mirror(page);
    out->page = page;
    out->summary_pt = f.flow ? prose : 0;
    out->contacts_pt = contacts;
    out->qr = t.qr > 0;
    trial_finish(&t); // the page copied its links
    typeset_destroy(f.flow);
    return CP_BUILD_OK;
}

void badge_finish(CpBadge *b)
{
    page_destroy(b->page);
    memset(b, 0, sizeof *b);
}
