#include "masthead.h"

#include "design.h"
#include "fonts.h"
#include "text.h"

#define M (cp_design.masthead)

double masthead_place(PangoContext *ctx, CpPage *page, const CpEvent *ev, const char *title,
                      const CpMastheadStyle *st, CpRect at, double *title_pt)
{
    double x = at.x, y = at.y, w = at.w;
    CpText t;
    bool kicker = ev && ev->name;
    y += cp_design.overshoot * (kicker ? st->kicker : st->title_max);
    if (kicker) {
        char *up = g_utf8_strup(ev->name, -1);
        const CpTextStyle ks = {CP_BODY_FAMILY,   PANGO_WEIGHT_BOLD, 0, st->kicker,
                                M.kicker_leading, M.kicker_tracking, 0, cp_design.palette.accent};
        text_init(&t, ctx, up, &ks, w, NULL);
        g_free(up);
        text_place(&t, page, x, y);
        y += t.height + M.kicker_gap * st->kicker;
        text_finish(&t);
    }
    CpTextStyle ts = {CP_BODY_FAMILY,  PANGO_WEIGHT_HEAVY, 0, st->title_max,
                      M.title_leading, M.title_tracking,   0, cp_design.palette.ink};
    for (;;) {
        // The largest size that keeps the title on one line, down to a floor.
        text_init(&t, ctx, title, &ts, 0, NULL);
        if (t.width <= w || ts.size <= st->title_min)
            break;
        text_finish(&t);
        ts.size = MAX(st->title_min, ts.size * w / t.width * 0.99);
    }
    if (t.width > w) {
        text_finish(&t);
        text_init(&t, ctx, title, &ts, w, NULL);
    }
    text_place(&t, page, x, y);
    if (title_pt)
        *title_pt = ts.size;
    y += t.height + st->gap * M.rule_gap;
    text_finish(&t);
    page_add_line(page, x, y, x + w, y, st->rule, cp_design.palette.accent);
    return y + st->gap;
}

char *masthead_foot_text(const CpMeta *meta, const CpEvent *ev, const CpLabels *labels)
{
    const char *version = meta->version ? meta->version : ev ? ev->version : NULL;
    const char *date = meta->date ? meta->date : ev ? ev->date : NULL;
    if (!version && !date)
        return NULL;
    GString *s = g_string_new(NULL);
    if (version)
        g_string_append_printf(s, "%s %s", labels->text[CP_L_VERSION], version);
    if (date)
        g_string_append_printf(s, "%s%s", s->len ? " \u00B7 " : "", date);
    return g_string_free(s, FALSE);
}
