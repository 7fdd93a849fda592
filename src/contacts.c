#include "contacts.h"

#include "breaks.h"
#include "design.h"
#include "fonts.h"
#include "qr.h"
#include "text.h"

#include <string.h>

#define SEPARATOR " \u00B7 "
#define FSI "\u2068"
#define PDI "\u2069"
#define D (cp_design.panel)

// A panel style at K times its size on an A4 poster.
// A panel's style at scale K, never under 6 pt: the handout's scale set its
// HOTLINE and EMERGENCY labels at 5.6 pt, under what prints legibly.
static CpTextStyle scaled(const CpTextStyle *st, double k)
{
    CpTextStyle s = *st;
    s.size = MAX(s.size * k, CP_MIN_PANEL_PT);
    return s;
}

typedef struct {
    CpText t;
    double x, y;
    CpLink links[2]; // a phone's tel: and an email's mailto:, or a URL
    int n_links;
} Placed;

struct CpContacts {
    PangoContext *ctx; // while the texts are set: not owned
    GArray *texts;     // Placed
    double w, h;
    double widest_phone;         // on a badge: the widest number with what sticks to it
    char *widest;                // that number, as written
    double number_pt;            // the hotline and emergency numbers' size, the smaller
    char *too_wide;              // a phone number wider than its column even at 6 pt, or NULL
    double too_wide_w, column_w; // its width there, and the column's
    bool plain;                  // no panel behind (compact)
    CpQr *qr;
    double qr_x, qr_y, qr_size;
};

typedef struct {
    double x, y, w;
} Column;

char *contacts_unbreakable(const char *phone)
{
    // Left to right even on a right-to-left page (LRI ... PDI), or bidi
    // reorders the digit groups: 07700 900123 would read 900123 07700.
    GString *s = g_string_new("\u2066");
    for (const char *p = phone; *p; p++) {
        if (*p == ' ')
            g_string_append(s, "\u00A0");
        else if (*p == '-')
            g_string_append(s, "-\u2060");
        else
            g_string_append_c(s, *p);
    }
    g_string_append(s, "\u2069");
    return g_string_free(s, FALSE);
}

// Lays out S, whose items after byte FROM are joined by SEPARATOR. The dot
// is for items on one line: where a line breaks inside a separator it would
// dangle at the end of one line or start the next, so the break replaces it.
// ATTRS must all end before FROM.
static void layout_joined(CpText *t, PangoContext *ctx, GString *s, size_t from,
                          const CpTextStyle *st, double width, PangoAttrList *attrs)
{
    const size_t n = strlen(SEPARATOR);
    text_init(t, ctx, s->str, st, width, attrs);
    for (const char *sep = strstr(s->str + from, SEPARATOR); sep;
         sep = strstr(s->str + from, SEPARATOR)) {
        size_t at = (size_t)(sep - s->str);
        from = at + 1;
        if (at == 0 || at + n >= s->len)
            continue;
        int before, after;
        pango_layout_index_to_line_x(t->layout, (int)at - 1, FALSE, &before, NULL);
        pango_layout_index_to_line_x(t->layout, (int)(at + n), FALSE, &after, NULL);
        if (before == after)
            continue;
        // A line separator, not a new paragraph: the entry's isolate and
        // direction carry on across it.
        g_string_erase(s, (gssize)at, (gssize)n);
        g_string_insert(s, (gssize)at, "\u2028");
        text_finish(t);
        text_init(t, ctx, s->str, st, width, attrs);
    }
}

static Placed *add(CpContacts *c, Column *col, const char *text, const CpTextStyle *st,
                   double space_before)
{
    Placed p = {0};
    // Each entry is isolated and set in the page's direction (LRI or RLI
    // ... PDI); its parts isolate themselves where they need to (a name in
    // another script, add_person).
    bool rtl = pango_context_get_base_dir(c->ctx) == PANGO_DIRECTION_RTL;
    GString *iso = g_string_new(rtl ? "\u2067" : "\u2066");
    g_string_append(iso, text);
    g_string_append(iso, PDI);
    layout_joined(&p.t, c->ctx, iso, 0, st, col->w, NULL);
    g_string_free(iso, TRUE);
    p.x = col->x;
    p.y = col->y + (col->y > 0 ? space_before : 0);
    col->y = p.y + p.t.height;
    g_array_append_val(c->texts, p);
    return &g_array_index(c->texts, Placed, c->texts->len - 1);
}

// Free text from the event data (where security is, what staff wear): in
// its own direction inside the page's ("T-shirts." stays whole and in
// order on an Arabic page).
static Placed *add_isolated(CpContacts *c, Column *col, const char *text, const CpTextStyle *st,
                            double space_before)
{
    char *iso = g_strconcat(FSI, text, PDI, NULL);
    Placed *p = add(c, col, iso, st, space_before);
    g_free(iso);
    return p;
}

// A line "LABEL VALUE REST": the label in the accent colour, the value in
// bold. KEEP: the value and the rest stay on one line ("07700 900123 ·
// Call or text"), the line breaking only after the label. APART: the label
// is kept whole on a line of its own, the value below it.
typedef struct {
    const char *label, *value, *rest;
    bool keep, apart;
} Pair;

static Placed *add_pair(CpContacts *c, Column *col, const Pair *pr, const CpTextStyle *st,
                        double space_before)
{
    const char *label = pr->label, *value = pr->value, *rest = pr->rest;
    GString *s = g_string_new(NULL);
    PangoAttrList *attrs = pango_attr_list_new();
    PangoAttribute *a;
    if (label) {
        g_string_append(s, label);
        a = design_foreground(cp_design.palette.accent);
        a->end_index = (guint)s->len;
        pango_attr_list_insert(attrs, a);
        a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->end_index = (guint)s->len;
        pango_attr_list_insert(attrs, a);
        if (pr->apart) {
            a = pango_attr_allow_breaks_new(FALSE);
            a->end_index = (guint)s->len;
            pango_attr_list_insert(attrs, a);
        }
        g_string_append(s, pr->apart ? "\u2028" : " ");
    }
    size_t v = s->len;
    g_string_append(s, value);
    a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    a->start_index = (guint)v;
    a->end_index = (guint)s->len;
    pango_attr_list_insert(attrs, a);
    size_t r = s->len;
    if (rest)
        g_string_append(s, rest);
    if (pr->keep) {
        a = pango_attr_allow_breaks_new(FALSE);
        a->start_index = (guint)v;
        a->end_index = (guint)s->len;
        pango_attr_list_insert(attrs, a);
    }
    Placed p = {0};
    layout_joined(&p.t, c->ctx, s, r, st, col->w, attrs);
    pango_attr_list_unref(attrs);
    g_string_free(s, TRUE);
    p.x = col->x;
    p.y = col->y + (col->y > 0 ? space_before : 0);
    col->y = p.y + p.t.height;
    g_array_append_val(c->texts, p);
    return &g_array_index(c->texts, Placed, c->texts->len - 1);
}

// Width of a phone number set alone in STYLE, bold, and REST (or NULL)
// after it in STYLE.
static double unit_width(PangoContext *ctx, const char *phone, const char *rest,
                         const CpTextStyle *st)
{
    char *s = g_strconcat(phone, rest, NULL);
    PangoAttrList *attrs = pango_attr_list_new();
    PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    a->end_index = (guint)strlen(phone);
    pango_attr_list_insert(attrs, a);
    CpText t;
    text_init(&t, ctx, s, st, 0, attrs);
    double w = t.width;
    text_finish(&t);
    pango_attr_list_unref(attrs);
    g_free(s);
    return w;
}

static double phone_width(PangoContext *ctx, const char *phone, const CpTextStyle *st)
{
    return unit_width(ctx, phone, NULL, st);
}

// Notes a badge's number PHONE as set (SHOWN, then REST on its line) for the
// fit, which needs the widest such unit on one line.
static void note_unit(CpContacts *c, const char *phone, const char *shown, const char *rest,
                      const CpTextStyle *st)
{
    double w = unit_width(c->ctx, shown, rest, st);
    if (w > c->widest_phone) {
        c->widest_phone = w;
        g_free(c->widest);
        c->widest = g_strdup(phone);
    }
}

// A small capitals label: the text in upper case where the script has case.
static void add_label(CpContacts *c, Column *col, const char *text, const CpTextStyle *st,
                      double space_before)
{
    char *up = g_utf8_strup(text, -1);
    add(c, col, up, st, space_before);
    g_free(up);
}

// A link to URL on the text's bytes [START, END); END < 0: to its end.
static void link_range(Placed *p, int start, int end, const char *url)
{
    if (p->n_links == G_N_ELEMENTS(p->links))
        return;
    int len = (int)strlen(pango_layout_get_text(p->t.layout));
    p->links[p->n_links++] = (CpLink){start, end < 0 ? len : end, g_strdup(url)};
}

static void add_link(Placed *p, const char *url)
{
    link_range(p, 0, -1, url);
}

// URL printed in full and a link: where it must wrap, it breaks only where
// an address may (breaks_address), never with a hyphen added.
static void add_url(CpContacts *c, Column *col, const char *url, const CpTextStyle *st,
                    double space_before)
{
    char *shown = breaks_address(url);
    add_link(add(c, col, shown, st, space_before), url);
    g_free(shown);
}

// A phone number's tel: link on its bytes [START, END) of P's text.
static void link_phone(Placed *p, int start, int end, const char *phone)
{
    char *tel = contacts_tel_uri(phone);
    if (tel)
        link_range(p, start, end, tel);
    g_free(tel);
}

// The tel: link of a pair's value SHOWN (the number as set, PHONE as
// written), after LABEL and a space.
static void pair_phone(Placed *p, const char *label, const char *shown, const char *phone)
{
    const char *text = pango_layout_get_text(p->t.layout);
    const char *at = strstr(text + (label ? strlen(label) : 0), shown);
    if (at)
        link_phone(p, (int)(at - text), (int)(at - text + (int)strlen(shown)), phone);
}

// An email's mailto: link on the last bytes of P's text, where EMAIL
// (with its break points) ends it.
static void link_email_at_end(Placed *p, const char *shown, const char *email)
{
    const char *text = pango_layout_get_text(p->t.layout);
    int end = (int)strlen(text) - (g_str_has_suffix(text, PDI) ? (int)strlen(PDI) : 0);
    char *mailto = g_strconcat("mailto:", email, NULL);
    link_range(p, end - (int)strlen(shown), end, mailto);
    g_free(mailto);
}

static int line_count(PangoContext *ctx, const char *text, const CpTextStyle *st, double width)
{
    CpText t;
    text_init(&t, ctx, text, st, width, NULL);
    int n = pango_layout_get_line_count(t.layout);
    text_finish(&t);
    return n;
}

static int lines_of(const Placed *p)
{
    return pango_layout_get_line_count(p->t.layout);
}

// Takes back the last text added to COL, whose bottom was at Y before it,
// to set it otherwise. The first setting decides whether a text wraps, so
// one that fits its line (most do) is laid out once.
static void take_back(CpContacts *c, Column *col, double y)
{
    Placed *p = &g_array_index(c->texts, Placed, c->texts->len - 1);
    text_finish(&p->t);
    for (int k = 0; k < p->n_links; k++)
        g_free(p->links[k].url);
    g_array_set_size(c->texts, c->texts->len - 1);
    col->y = y;
}

// TEXT, which ends with an email as breaks_address gives it, and takes N
// lines at WIDTH: where it wraps, it breaks after the email's "@" if that
// takes no more lines, so the domain reads whole below it. The byte length
// stays.
static void break_after_at(PangoContext *ctx, char *text, int n, const CpTextStyle *st,
                           double width)
{
    char *at = g_strrstr(text, "@\u200B");
    if (!at || n == 1)
        return;
    char *there = g_strdup(text);
    memcpy(there + (at + 1 - text), "\u2028", strlen("\u2028"));
    if (line_count(ctx, there, st, width) <= n)
        memcpy(at + 1, "\u2028", strlen("\u2028"));
    g_free(there);
}

// Whether TEXT, set at WIDTH, breaks a line inside the name of the email
// that starts at byte FROM (before its "@").
static bool name_broken(PangoContext *ctx, const char *text, size_t from, const CpTextStyle *st,
                        double width)
{
    const char *at = strrchr(text + from, '@'); // the domain's, as break_after_at
    if (!at)
        return false;
    CpText t;
    text_init(&t, ctx, text, st, width, NULL);
    int first, last;
    pango_layout_index_to_line_x(t.layout, (int)from, FALSE, &first, NULL);
    pango_layout_index_to_line_x(t.layout, (int)(at - text), FALSE, &last, NULL);
    text_finish(&t);
    return first != last;
}

char *contacts_tel_uri(const char *phone)
{
    // RFC 3966: a global number is "+" and its digits; the trunk "(0)"
    // written after a country code is not dialled from abroad; an
    // extension is ";ext=". A local number (no "+") stays local.
    GString *s = g_string_new("tel:");
    const char *p = phone;
    while (*p == ' ')
        p++;
    bool global = *p == '+';
    if (global)
        g_string_append_c(s, '+');
    size_t digits = 0;
    for (; *p; p++) {
        if (g_ascii_isdigit(*p)) {
            g_string_append_c(s, *p);
            digits++;
        } else if (global && digits && strncmp(p, "(0)", 3) == 0) {
            p += 2;
        } else if (g_ascii_isalpha(*p)) {
            break; // "ext. 12", "x12", "extension 12"
        }
    }
    if (*p) {
        const char *e = p;
        while (*e && !g_ascii_isdigit(*e))
            e++;
        if (*e)
            g_string_append(s, ";ext=");
        for (; *e; e++)
            if (g_ascii_isdigit(*e))
                g_string_append_c(s, *e);
    }
    if (!digits) {
        g_string_free(s, TRUE);
        return NULL;
    }
    return g_string_free(s, FALSE);
}

// Shifts the texts [from, to) down by DY.
static void shift(CpContacts *c, guint from, guint to, double dy)
{
    for (guint i = from; i < to; i++)
        g_array_index(c->texts, Placed, i).y += dy;
}

// A phone number in style ST on one line: set smaller when the column is
// too narrow for it (an international number in a large type), never broken.
static void add_number(CpContacts *c, Column *col, const char *phone, const CpTextStyle *st,
                       bool hotline)
{
    char *ph = contacts_unbreakable(phone);
    CpTextStyle fit = *st;
    double w = phone_width(c->ctx, ph, st);
    if (w > col->w)
        fit.size *= col->w / w * 0.98;
    link_phone(add(c, col, ph, &fit, 0), 0, -1, phone);
    if (hotline)
        c->number_pt = c->number_pt > 0 ? MIN(c->number_pt, fit.size) : fit.size;
    g_free(ph);
}

// The widest of the hotline and emergency numbers at SIZE, bold.
static double numbers_width(CpContacts *c, const CpEvent *ev, double size)
{
    CpTextStyle st = D.big;
    st.size = size;
    double w = 0;
    const char *numbers[] = {ev->hotline.phone, ev->emergency};
    for (size_t i = 0; i < 2; i++)
        if (numbers[i]) {
            char *ph = contacts_unbreakable(numbers[i]);
            w = MAX(w, phone_width(c->ctx, ph, &st) * 1.02);
            g_free(ph);
        }
    return w;
}

// The first column: who to call for help, and the emergency number.
static void help_column(CpContacts *c, Column *a, const CpEvent *ev, const CpLabels *L, double k,
                        double number_pt)
{
    const CpTextStyle heading = scaled(&D.heading, k), label = scaled(&D.label, k),
                      small = scaled(&D.small, k);
    CpTextStyle big = scaled(&D.big, k), alert = scaled(&D.alert, k);
    // The number someone in distress looks for is never smaller than the
    // text around it.
    big.size = alert.size = MAX(big.size, number_pt);
    double entry = D.entry_mm * CP_MM * k;
    if (event_has_contacts(ev)) {
        add(c, a, L->text[CP_L_NEED_HELP], &heading, 0);
        a->y += D.heading_gap_mm * CP_MM * k;
    }
    if (ev->hotline.phone || ev->hotline.email) {
        add_label(c, a, L->text[CP_L_HOTLINE], &label, entry);
        if (ev->hotline.phone) {
            add_number(c, a, ev->hotline.phone, &big, true);
            add(c, a, ev->hotline.sms ? L->text[CP_L_CALL_OR_TEXT] : L->text[CP_L_CALL], &small, 0);
        }
        if (ev->hotline.email) {
            char *shown = breaks_address(ev->hotline.email);
            double y = a->y;
            Placed *pl = add(c, a, shown, &small, 0);
            if (lines_of(pl) > 1) {
                break_after_at(c->ctx, shown, lines_of(pl), &small, a->w);
                take_back(c, a, y);
                pl = add(c, a, shown, &small, 0);
            }
            link_email_at_end(pl, shown, ev->hotline.email);
            g_free(shown);
        }
    }
    if (ev->emergency) {
        add_label(c, a, L->text[CP_L_EMERGENCY], &label, entry);
        add_number(c, a, ev->emergency, &alert, true);
        add(c, a, L->text[CP_L_EMERGENCY_NOTE], &small, 0);
    }
}

// Organizer P: the name and role, then the phone and email.
static void add_person(CpContacts *c, Column *col, const CpPerson *p, double k, double before)
{
    const CpTextStyle name = scaled(&D.name, k);
    CpTextStyle small = scaled(&D.small, k);
    // The name and the role each in an isolate of its own: an Arabic name
    // before an English role reads name first on an English panel.
    char *line = p->role ? g_strconcat(FSI, p->name, PDI SEPARATOR FSI, p->role, PDI, NULL)
                         : g_strdup(p->name);
    double y = col->y;
    Placed *pl = add(c, col, line, &name, before);
    if (p->role && lines_of(pl) > 1) {
        // The role on a line of its own where that takes no more lines.
        char *split = g_strconcat(FSI, p->name, PDI "\u2028" FSI, p->role, PDI, NULL);
        if (line_count(c->ctx, split, &name, col->w) <= lines_of(pl)) {
            take_back(c, col, y);
            add(c, col, split, &name, before);
        }
        g_free(split);
    }
    g_free(line);
    if (!p->phone && !p->email)
        return;
    char *ph = p->phone ? contacts_unbreakable(p->phone) : NULL;
    char *mail = p->email ? breaks_address(p->email) : NULL;
    if (ph) { // a number wider than the column is set smaller, never broken
        double w = phone_width(c->ctx, ph, &small);
        if (w > col->w)
            small.size = MAX(CP_MIN_PANEL_PT, small.size * col->w / w * 0.98);
        w = phone_width(c->ctx, ph, &small);
        if (w > col->w && !c->too_wide) {
            c->too_wide = g_strdup(p->phone);
            c->too_wide_w = w;
            c->column_w = col->w;
        }
    }
    // The number and the email on a line; when they wrap, each on its own
    // where that takes no more lines (an email begun after the number and
    // finished under it is the hardest thing on the panel to read), and an
    // email broken after its "@" where that takes no more lines.
    char *l2 = ph && mail ? g_strconcat(ph, SEPARATOR, mail, NULL) : g_strdup(ph ? ph : mail);
    y = col->y;
    pl = add(c, col, l2, &small, 0);
    int n = lines_of(pl);
    if (mail && n > 1) {
        char *apart = ph ? g_strconcat(ph, "\u2028", mail, NULL) : NULL;
        int m = apart ? line_count(c->ctx, apart, &small, col->w) : 0;
        if (apart && m <= n) {
            g_free(l2);
            l2 = g_strdup(apart);
            n = m;
        }
        break_after_at(c->ctx, l2, n, &small, col->w);
        if (apart && name_broken(c->ctx, l2, strlen(l2) - strlen(mail), &small, col->w)) {
            // A line more rather than a name cut after the number
            // ("+84 24 3825 7777 · huong" over ".nguyen@...").
            g_free(l2);
            l2 = g_strdup(apart);
            break_after_at(c->ctx, l2, m, &small, col->w);
        }
        g_free(apart);
        take_back(c, col, y);
        pl = add(c, col, l2, &small, 0);
    }
    if (ph)
        link_phone(pl, (int)strlen("\u2066"), (int)(strlen("\u2066") + strlen(ph)), p->phone);
    if (mail)
        link_email_at_end(pl, mail, p->email);
    g_free(l2);
    g_free(mail);
    g_free(ph);
}

// A team too large for one column (a wide panel only): the organizers in
// a grid under the two columns, across WIDTH from X, filled column by
// column, as many columns as GRID_COL_MM allows. Returns its bottom.
static double people_grid(CpContacts *c, const CpEvent *ev, const CpLabels *L,
                          const CpPanelSpec *sp, double x, double top, double width)
{
    double k = sp->scale;
    double gap = D.gap_mm * CP_MM * k, min_w = D.grid_column_mm * CP_MM * k;
    const CpPerson *people = ev->organizers + sp->first;
    size_t n = sp->count;
    size_t cols = CLAMP((size_t)((width + gap) / (min_w + gap)), 1, MIN(n, 4));
    size_t rows = (n + cols - 1) / cols;
    double col_w = (width - (double)(cols - 1) * gap) / (double)cols;
    const CpTextStyle label = scaled(&D.label, k);
    Column head = {x, top, width};
    add_label(c, &head, L->text[ev->n_organizers > 1 ? CP_L_ORGANIZERS : CP_L_ORGANIZER], &label,
              top > 0 ? D.entry_mm * CP_MM * k : 0);
    double bottom = head.y;
    for (size_t j = 0; j < cols; j++) {
        Column col = {x + (double)j * (col_w + gap), head.y, col_w};
        for (size_t i = j * rows; i < MIN(n, (j + 1) * rows); i++)
            add_person(c, &col, &people[i], k, i > j * rows ? D.person_gap_mm * CP_MM * k : 0);
        bottom = MAX(bottom, col.y);
    }
    return bottom;
}

// The second column: the organizers (unless GRID: they go under both
// columns), and the venue's security.
static void people_column(CpContacts *c, Column *b, const CpEvent *ev, const CpLabels *L,
                          const CpPanelSpec *sp, bool grid)
{
    double k = sp->scale;
    const CpTextStyle label = scaled(&D.label, k), name = scaled(&D.name, k),
                      small = scaled(&D.small, k);
    double entry = D.entry_mm * CP_MM * k;
    if (sp->count && !grid) {
        add_label(c, b, L->text[ev->n_organizers > 1 ? CP_L_ORGANIZERS : CP_L_ORGANIZER], &label,
                  entry);
        for (size_t i = sp->first; i < sp->first + sp->count; i++)
            add_person(c, b, &ev->organizers[i], k,
                       i > sp->first ? D.person_gap_mm * CP_MM * k : 0);
    }
    if (ev->security.phone || ev->security.where) {
        add_label(c, b, L->text[CP_L_SECURITY], &label, entry);
        if (ev->security.phone)
            add_number(c, b, ev->security.phone, &name, false);
        if (ev->security.where)
            add_isolated(c, b, ev->security.where, &small, 0);
    }
}

CpPanelSpec contacts_spec(const CpEvent *ev, double scale)
{
    return (CpPanelSpec){scale, 1, 0, 0, ev ? ev->n_organizers : 0, true, false};
}

static CpContacts *panel_new(PangoContext *ctx, double width)
{
    CpContacts *c = g_new0(CpContacts, 1);
    c->texts = g_array_new(FALSE, TRUE, sizeof(Placed));
    c->w = width;
    c->ctx = ctx;
    return c;
}

// The panel's padding around everything set from (0, 0) down to BOTTOM.
static CpContacts *panel_end(CpContacts *c, double pad, double bottom)
{
    shift(c, 0, c->texts->len, pad);
    c->qr_y += pad;
    c->h = pad + bottom + pad;
    return c;
}

// The QR code with its caption and URL in COLUMN Q beside it, centred on
// it, from TOP; the code's quiet zone, not the code, lines up with the
// panel's padding at RIGHT. Returns the block's bottom.
static double qr_block(CpContacts *c, Column q, const CpEvent *ev, const CpLabels *L, double k,
                       double right, double top)
{
    const char *url = event_qr_url(ev);
    const CpTextStyle url_style = scaled(&D.url, k), caption = scaled(&D.caption, k);
    double qr_size = c->qr ? D.qr_mm * CP_MM * k : 0;
    double quiet = c->qr ? CP_QR_QUIET * qr_size / c->qr->width : 0;
    guint first = c->texts->len;
    add(c, &q, ev->report_url ? L->text[CP_L_REPORT_ONLINE] : L->text[CP_L_READ_POLICY], &caption,
        0);
    add_url(c, &q, url, &url_style, D.url_gap_mm * CP_MM * k);
    double block_h = MAX(qr_size + 2 * quiet, q.y);
    c->qr_size = qr_size;
    c->qr_x = right - quiet - qr_size;
    c->qr_y = top + (block_h - qr_size) / 2;
    shift(c, first, c->texts->len, top + (block_h - q.y) / 2);
    return top + block_h;
}

CpContacts *contacts_create(PangoContext *ctx, const CpEvent *ev, const CpLabels *L, double width,
                            const CpPanelSpec *sp)
{
    const char *url = sp->help ? event_qr_url(ev) : NULL;
    if (sp->no_policy_qr && ev && !ev->report_url)
        url = NULL; // the page shows the policy's code already
    if (!ev || (sp->help ? !event_has_contacts(ev) && !url : !sp->count))
        return NULL;
    double k = sp->scale;
    CpContacts *c = panel_new(ctx, width);
    double pad = D.pad_mm * CP_MM * k, gap = D.gap_mm * CP_MM * k;
    double inner = width - 2 * pad;
    if (!sp->help) // the organizers left over from the part before
        return panel_end(c, pad, people_grid(c, ev, L, sp, pad, 0, inner));

    // A wide panel puts the QR code in a third column; a narrow one (a
    // handout page) in a row of its own under the contacts.
    // A URL too long for a code is still printed, as text.
    c->qr = url ? qr_create(url) : NULL;
    bool stacked = width < D.stack_under_mm * CP_MM * k;
    double qr_size = c->qr ? D.qr_mm * CP_MM * k : 0;
    double quiet = c->qr ? CP_QR_QUIET * qr_size / c->qr->width : 0;
    double qr_gap = c->qr ? D.qr_gap_mm * CP_MM * k : 0;
    double qr_text_w = stacked ? inner - qr_size - 2 * quiet - qr_gap
                               : MIN(D.qr_text_mm * CP_MM * k, inner * D.qr_text_share);
    double block_w = url && !stacked ? qr_size + 2 * quiet + qr_gap + qr_text_w : 0;

    // The contacts, in two columns; with the organizers in a grid under
    // them, the second holds little and the first takes half.
    bool grid = !stacked && sp->count > D.grid_from;
    double rest = inner - (block_w > 0 ? block_w + gap : 0);
    double share = grid ? 0.5 : D.first_column;
    // Numbers set as large as a short policy's body take the width they
    // need, up to half.
    double numbers = numbers_width(c, ev, MAX(D.big.size * k * sp->grow, sp->number_pt));
    if (rest > 0 && numbers > rest * share)
        share = MIN(numbers / rest, 0.5);
    Column a = {pad, 0, rest * share};
    Column b = {pad + rest * share + gap, 0, rest * (1 - share) - gap};
    help_column(c, &a, ev, L, k * sp->grow, sp->number_pt);
    people_column(c, &b, ev, L, sp, grid);
    if (ev->staff) {
        const CpTextStyle label = scaled(&D.label, k), small = scaled(&D.small, k);
        Column *col = b.y <= a.y ? &b : &a;
        add_label(c, col, L->text[CP_L_STAFF], &label, D.entry_mm * CP_MM * k);
        add_isolated(c, col, ev->staff, &small, 0);
    }
    double bottom = MAX(a.y, b.y);
    if (url) {
        Column q = {stacked ? pad : pad + inner - block_w, 0, qr_text_w};
        double top = stacked && bottom > 0 ? bottom + D.qr_row_gap_mm * CP_MM * k : 0;
        double qr_bottom = qr_block(c, q, ev, L, k, pad + inner, top); // not inside MAX:
        bottom = MAX(bottom, qr_bottom); // it would add the block twice
    }
    if (grid) // under everything, across the whole panel
        bottom = people_grid(c, ev, L, sp, pad, bottom, inner);
    return panel_end(c, pad, bottom);
}

CpContacts *contacts_create_link(PangoContext *ctx, const char *caption, const char *url,
                                 double width, double k)
{
    CpContacts *c = panel_new(ctx, width);
    c->plain = true;
    c->qr = qr_create(url);
    double qr_size = c->qr ? D.link_qr_mm * CP_MM * k : 0;
    double quiet = c->qr ? CP_QR_QUIET * qr_size / c->qr->width : 0;
    double text_x = c->qr ? qr_size + 2 * quiet + D.qr_gap_mm * CP_MM * k : 0;
    CpTextStyle cap = scaled(&D.heading, k), link = scaled(&D.url, k);
    cap.align = link.align = PANGO_ALIGN_LEFT;
    link.size = MAX(link.size, cap.size * 0.7);
    Column q = {text_x, 0, width - text_x};
    add(c, &q, caption, &cap, 0);
    add_url(c, &q, url, &link, D.url_gap_mm * CP_MM * k);
    double block_h = MAX(qr_size + 2 * quiet, q.y);
    if (c->qr) {
        c->qr_size = qr_size;
        c->qr_x = quiet;
        c->qr_y = (block_h - qr_size) / 2;
    }
    shift(c, 0, c->texts->len, (block_h - q.y) / 2);
    c->h = block_h;
    return c;
}

int contacts_qr_modules(const CpEvent *ev)
{
    const char *url = event_qr_url(ev);
    CpQr *qr = url ? qr_create(url) : NULL;
    int n = qr ? qr->width : 0;
    qr_destroy(qr);
    return n;
}

// Organizer P on a badge: LABEL (the first only), the name in its own
// direction, the phone (a tel: link; added to PHONES, to be measured).
static void compact_person(CpContacts *c, Column *col, const CpPerson *p, const char *label,
                           const CpTextStyle *st, double before)
{
    char *ph = p->phone ? contacts_unbreakable(p->phone) : NULL;
    char *rest = ph ? g_strconcat(" ", ph, NULL) : NULL;
    char *name = g_strconcat(FSI, p->name, PDI, NULL);
    Placed *pl = add_pair(c, col, &(Pair){label, name, rest, false, false}, st, before);
    if (ph) {
        int len = (int)strlen(pango_layout_get_text(pl->t.layout));
        link_phone(pl, len - (int)strlen(ph), len, p->phone);
        note_unit(c, p->phone, ph, NULL, st);
    }
    g_free(ph);
    g_free(name);
    g_free(rest);
}

// The hotline PHONE on a badge, CALL (" · Call or text") on its line. When
// the column cannot hold both, "Call or text" joins the label above the
// number ("Hotline · Call or text"), which keeps the QR code beside them.
static void compact_hotline(CpContacts *c, Column *col, const char *phone, const char *call,
                            const CpLabels *L, const CpTextStyle *st, double gap)
{
    char *ph = contacts_unbreakable(phone);
    const char *label = L->text[CP_L_HOTLINE];
    char *joined = NULL;
    if (call && unit_width(c->ctx, ph, call, st) > col->w) {
        label = joined = g_strconcat(label, call, NULL);
        call = NULL;
    }
    pair_phone(add_pair(c, col, &(Pair){label, ph, call, true, joined != NULL}, st, gap), label, ph,
               phone);
    note_unit(c, phone, ph, call, st);
    if (joined)
        note_unit(c, phone, joined, NULL, st);
    g_free(joined);
    g_free(ph);
}

// The venue's security on a badge: its label, its number and where it is.
static void compact_security(CpContacts *c, Column *col, const CpEvent *ev, const CpLabels *L,
                             const CpTextStyle *st, double gap)
{
    char *ph = ev->security.phone ? contacts_unbreakable(ev->security.phone) : NULL;
    char *where = ev->security.where ? g_strconcat(FSI, ev->security.where, PDI, NULL) : NULL;
    char *rest = ph && where ? g_strconcat(SEPARATOR, where, NULL) : NULL;
    // Where it wraps, the note on lines of its own when that takes no
    // more: not begun after the number and finished under the label.
    Pair pr = {L->text[CP_L_SECURITY], ph ? ph : where, rest, false, false};
    double y = col->y;
    Placed *pl = add_pair(c, col, &pr, st, gap);
    int n = lines_of(pl);
    bool apart = rest && n > 1;
    if (apart) {
        take_back(c, col, y);
        pr.rest = NULL;
        pl = add_pair(c, col, &pr, st, gap);
        // The label and number may wrap too (a long label, a narrow insert).
        apart = lines_of(pl) + line_count(c->ctx, where, st, col->w) <= n;
        if (!apart) {
            take_back(c, col, y);
            pr.rest = rest;
            pl = add_pair(c, col, &pr, st, gap);
        }
    }
    if (ph) {
        pair_phone(pl, L->text[CP_L_SECURITY], ph, ev->security.phone);
        note_unit(c, ev->security.phone, ph, NULL, st);
    }
    if (apart)
        add_isolated(c, col, ev->security.where, st, 0);
    g_free(where);
    g_free(rest);
    g_free(ph);
}

CpContacts *contacts_create_compact(PangoContext *ctx, const CpEvent *ev, const CpLabels *L,
                                    double width, double size, double qr_size, size_t organizers)
{
    if (!event_has_contacts(ev))
        return NULL;
    CpContacts *c = panel_new(ctx, width);
    c->plain = true;
    const char *url = event_qr_url(ev);
    if (qr_size > 0 && url)
        c->qr = qr_create(url);
    double quiet = c->qr ? CP_QR_QUIET * qr_size / c->qr->width : 0;
    double text_w = c->qr ? width - qr_size - 2 * quiet : width;
    const CpTextStyle st = {
        CP_BODY_FAMILY,       PANGO_WEIGHT_NORMAL, 0, size, cp_design.badge.line_leading, 0, 0,
        cp_design.palette.ink};
    CpTextStyle alert = st;
    alert.color = cp_design.palette.alert;
    Column col = {0, 0, text_w};
    double gap = cp_design.badge.pair_gap * size;
    char *call = g_strconcat(SEPARATOR, L->text[CP_L_CALL_OR_TEXT], NULL);

    if (ev->hotline.phone)
        compact_hotline(c, &col, ev->hotline.phone, ev->hotline.sms ? call : NULL, L, &st, gap);
    if (ev->hotline.email) {
        char *shown = breaks_address(ev->hotline.email);
        const char *label = ev->hotline.phone ? NULL : L->text[CP_L_HOTLINE];
        double y = col.y;
        Placed *p = add_pair(c, &col, &(Pair){label, shown, NULL, false, false}, &st,
                             ev->hotline.phone ? 0 : gap);
        int n = lines_of(p);
        if (!label && n > 1) {
            CpTextStyle bold = st; // as add_pair sets a value
            bold.weight = PANGO_WEIGHT_BOLD;
            char *was = g_strdup(shown);
            break_after_at(c->ctx, shown, n, &bold, col.w);
            take_back(c, &col, y);
            p = add_pair(c, &col, &(Pair){label, shown, NULL, false, false}, &st, 0);
            if (lines_of(p) > n) { // a badge's fit is never worse for it
                take_back(c, &col, y);
                memcpy(shown, was, strlen(was));
                p = add_pair(c, &col, &(Pair){label, shown, NULL, false, false}, &st, 0);
            }
            g_free(was);
        }
        link_email_at_end(p, shown, ev->hotline.email);
        g_free(shown);
    }
    if (ev->emergency) {
        char *ph = contacts_unbreakable(ev->emergency);
        pair_phone(
            add_pair(c, &col, &(Pair){L->text[CP_L_EMERGENCY], ph, NULL, true, false}, &alert, gap),
            L->text[CP_L_EMERGENCY], ph, ev->emergency);
        note_unit(c, ev->emergency, ph, NULL, &st);
        g_free(ph);
    }
    // The first ORGANIZERS of those not marked badge: false, then a line
    // pointing to the rest.
    size_t listed = 0, left = 0;
    for (size_t i = 0; i < ev->n_organizers; i++) {
        const CpPerson *p = &ev->organizers[i];
        if (p->off_badge)
            continue;
        if (listed == organizers) {
            left++;
            continue;
        }
        bool several = MIN(organizers, contacts_badge_organizers(ev)) > 1;
        const char *label = listed ? NULL : L->text[several ? CP_L_ORGANIZERS : CP_L_ORGANIZER];
        compact_person(c, &col, p, label, &st, listed ? 0 : gap);
        listed++;
    }
    if (left)
        add(c, &col, L->text[CP_L_MORE_ORGANIZERS], &st, listed ? 0 : gap);
    if (ev->security.phone || ev->security.where)
        compact_security(c, &col, ev, L, &st, gap);
    if (ev->staff)
        add_isolated(c, &col, ev->staff, &st, gap);
    if (url && !c->qr)
        add_url(c, &col, url, &st, gap);
    g_free(call);
    if (c->qr) { // its quiet zone clear of the rule above and the text below
        c->qr_size = qr_size;
        c->qr_x = width - qr_size - quiet;
        c->qr_y = quiet;
    }
    c->h = MAX(col.y, c->qr ? qr_size + 2 * quiet : 0);
    return c;
}

size_t contacts_badge_organizers(const CpEvent *ev)
{
    size_t n = 0;
    for (size_t i = 0; i < ev->n_organizers; i++)
        n += !ev->organizers[i].off_badge;
    return n;
}

const char *contacts_too_wide(const CpContacts *c, double *width, double *column)
{
    if (c && c->too_wide) {
        *width = c->too_wide_w;
        *column = c->column_w;
    }
    return c ? c->too_wide : NULL;
}

double contacts_number_pt(const CpContacts *c)
{
    return c ? c->number_pt : 0;
}

double contacts_widest_phone(const CpContacts *c, const char **phone)
{
    if (phone)
        *phone = c ? c->widest : NULL;
    return c ? c->widest_phone : 0;
}

void contacts_destroy(CpContacts *c)
{
    if (!c)
        return;
    for (guint i = 0; i < c->texts->len; i++) {
        Placed *p = &g_array_index(c->texts, Placed, i);
        text_finish(&p->t);
        for (int k = 0; k < p->n_links; k++)
            g_free(p->links[k].url);
    }
    g_array_free(c->texts, TRUE);
    g_free(c->too_wide);
    g_free(c->widest);
    qr_destroy(c->qr);
    g_free(c);
}

double contacts_height(const CpContacts *c)
{
    return c ? c->h : 0;
}

void contacts_place(const CpContacts *c, CpPage *page, double x, double y)
{
    if (!c->plain)
        page_add_box(page, x, y, c->w, c->h, cp_design.palette.tint, D.radius_mm * CP_MM);
    if (c->qr && !c->plain) {
        // White behind the code and its quiet zone: readers need the contrast.
        double m = c->qr_size / c->qr->width;
        double q = CP_QR_QUIET * m;
        double qx = x + c->qr_x, qy = y + c->qr_y;
        page_add_box(page, qx - q, qy - q, c->qr_size + 2 * q, c->qr_size + 2 * q,
                     cp_design.palette.white, 0);
    }
    if (c->qr)
        page_add_qr(page, c->qr->modules, c->qr->width, x + c->qr_x, y + c->qr_y, c->qr_size,
                    cp_design.palette.ink);
    for (guint i = 0; i < c->texts->len; i++) {
        const Placed *p = &g_array_index(c->texts, Placed, i);
        const CpLines lines = {p->t.layout,
                               0,
                               pango_layout_get_line_count(p->t.layout),
                               p->t.pitch,
                               p->t.ascent,
                               p->t.color,
                               p->n_links ? p->links : NULL,
                               (size_t)p->n_links};
        page_add_text(page, &lines, x + p->x, y + p->y);
    }
}
