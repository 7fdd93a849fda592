#include "run.h"

#include "badge.h"
#include "config.h"
#include "diag.h"
#include "document.h"
#include "event.h"
#include "fonts.h"
#include "handout.h"
#include "impose.h"
#include "labels.h"
#include "lang.h"
#include "meta.h"
#include "output.h"
#include "poster.h"
#include "render.h"
#include "source.h"

#include <stdio.h>
#include <string.h>

unsigned run_parse_targets(const char *list)
{
    static const struct {
        const char *name;
        unsigned bit;
    } names[] = {{"poster", CP_TARGET_POSTER},
                 {"handout", CP_TARGET_HANDOUT},
                 {"badge", CP_TARGET_BADGE},
                 {"badges", CP_TARGET_BADGE},
                 {"all", CP_TARGET_ALL}};
    unsigned t = 0;
    char **parts = g_strsplit(list, ",", -1);
    for (int i = 0; parts[i]; i++) {
        char *n = g_strstrip(parts[i]);
        unsigned bit = 0;
        for (size_t k = 0; k < G_N_ELEMENTS(names); k++)
            if (strcmp(n, names[k].name) == 0)
                bit = names[k].bit;
        if (!bit) {
            diag_error(NULL, 0, 0, "unknown target '%s'; the targets are: poster, handout, badge",
                       n);
            t = 0;
            break;
        }
        t |= bit;
    }
    g_strfreev(parts);
    return t;
}

// Line and column of the first NEEDLE in TEXT at or after line FROM.
static void locate(const char *text, const char *needle, int from, int *line, int *col)
{
    const char *p = text;
    int l = 1;
    while (l < from && (p = strchr(p, '\n'))) {
        p++;
        l++;
    }
    const char *hit = p ? strstr(p, needle) : NULL;
    if (!hit) {
        hit = strstr(text, needle);
        p = text;
        l = 1;
    }
    *line = 0;
    *col = 0;
    if (!hit)
        return;
    for (; p < hit; p++)
        if (*p == '\n')
            l++;
    const char *ls = hit;
    while (ls > text && ls[-1] != '\n')
        ls--;
    *line = l;
    *col = (int)g_utf8_strlen(ls, hit - ls) + 1;
}

// A character no font has would print as a box: refuse it, naming where.
static bool check_text(const CpFonts *fonts, const char *text, const char *file,
                       const char *file_text, int line)
{
    if (!text)
        return true;
    const char *bad = fonts_find_missing(fonts, text, -1);
    if (!bad)
        return true;
    char ch[8] = {0};
    g_unichar_to_utf8(g_utf8_get_char(bad), ch);
    int l = 0, c = 0;
    if (file_text)
        locate(file_text, ch, line, &l, &c);
    diag_error(file, l, c,
               "the character '%s' (U+%04X) is in none of cocprint's fonts, so it cannot be "
               "printed; replace it",
               ch, g_utf8_get_char(bad));
    return false;
}

static bool check_event(const CpFonts *fonts, const CpEvent *ev, const char *file_text)
{
    if (!ev)
        return true;
    const char *strs[] = {ev->name,          ev->policy_url,     ev->report_url,
                          ev->version,       ev->date,           ev->hotline.phone,
                          ev->hotline.email, ev->security.phone, ev->security.where,
                          ev->emergency,     ev->staff};
    for (size_t i = 0; i < G_N_ELEMENTS(strs); i++)
        if (!check_text(fonts, strs[i], ev->file, file_text, 1))
            return false;
    for (size_t i = 0; i < ev->n_organizers; i++) {
        const CpPerson *p = &ev->organizers[i];
        if (!check_text(fonts, p->name, ev->file, file_text, 1) ||
            !check_text(fonts, p->role, ev->file, file_text, 1) ||
            !check_text(fonts, p->phone, ev->file, file_text, 1) ||
            !check_text(fonts, p->email, ev->file, file_text, 1))
            return false;
    }
    return true;
}

static bool check_glyphs(const CpFonts *fonts, const CpSource *src, const CpDocument *doc,
                         const CpMeta *meta, const CpEvent *ev, const char *event_text)
{
    if (!check_text(fonts, doc->title, src->path, src->data, doc->title_line) ||
        !check_text(fonts, meta->version, src->path, src->data, 1) ||
        !check_text(fonts, meta->date, src->path, src->data, 1))
        return false;
    if (ev && ev->name) {
        // The name is printed in capitals: their glyphs must exist too.
        char *up = g_utf8_strup(ev->name, -1);
        const char *bad = fonts_find_missing(fonts, up, -1);
        g_free(up);
        if (bad) {
            diag_error(ev->file, 0, 0,
                       "the event name is printed in capitals, and a capital letter of '%s' is "
                       "in none of cocprint's fonts; write the name differently",
                       ev->name);
            return false;
        }
    }
    for (size_t i = 0; i < doc->n; i++)
        if (!check_text(fonts, doc->blocks[i].text, src->path, src->data, doc->blocks[i].line))
            return false;
    return check_event(fonts, ev, event_text ? event_text : src->data);
}

static char *creation_date(void)
{
    const char *sde = g_getenv("SOURCE_DATE_EPOCH");
    if (!sde || !*sde)
        return NULL;
    char *end;
    gint64 t = g_ascii_strtoll(sde, &end, 10);
    GDateTime *dt = *end || t < 0 ? NULL : g_date_time_new_from_unix_utc(t);
    if (!dt) {
        diag_warn(NULL, 0, 0, "SOURCE_DATE_EPOCH '%s' is not a number of seconds; ignored", sde);
        return NULL;
    }
    char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
    g_date_time_unref(dt);
    return s;
}

static CpEvent *find_event(const CpOptions *opt, const CpSource *src, CpMeta *meta,
                           char **event_text, bool *failed)
{
    *failed = false;
    char *path = NULL;
    if (opt->event_file) {
        path = g_strdup(opt->event_file);
    } else if (meta->event) {
        CpEvent *ev = meta->event;
        meta->event = NULL;
        return ev;
    } else {
        path = g_build_filename(src->dir, "event.yml", NULL);
        if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
            diag_warn(src->path, 0, 0,
                      "no event data (no %s, no --event, no 'event:' in the front matter): "
                      "the outputs carry no contacts",
                      path);
            g_free(path);
            return NULL;
        }
    }
    CpEvent *ev = event_load(path);
    if (!ev)
        *failed = true;
    else
        g_file_get_contents(path, event_text, NULL, NULL);
    g_free(path);
    return ev;
}

// One file of the run: where it goes, what the manifest and summary say.
typedef struct {
    char *file;
    const char *kind;
    char *stock;
    double w_mm, h_mm;
    int pages, per_sheet, columns;
    double body_pt, fill;
    GBytes *data; // NULL in --check runs
    char *summary;
} Entry;

typedef struct {
    const CpOptions *opt;
    GArray *entries; // Entry
    char *date;      // creation date, or NULL
    const char *author;
    const char *lang; // the documents' language tag
    CpLabels labels;  // the fixed words, in that language
} Run;

static void entry_add(Run *r, Entry e)
{
    g_array_append_val(r->entries, e);
}

// Renders PAGES to PDF into the run (not in --check runs).
static bool add_pdf(Run *r, Entry e, CpPage *const *pages, size_t n, const char *title,
                    const char *what)
{
    if (!r->opt->check) {
        char *subject = g_strdup_printf("Code of conduct%s%s: %s", r->author ? " of " : "",
                                        r->author ? r->author : "", what);
        CpPdfInfo info = {title,   r->author, subject, "cocprint " COCPRINT_VERSION,
                          r->date, r->lang};
        e.data = render_pdf(pages, n, &info);
        g_free(subject);
        if (!e.data) {
            g_free(e.file);
            g_free(e.stock);
            g_free(e.summary);
            return false;
        }
    }
    entry_add(r, e);
    return true;
}

static void json_string(GString *s, const char *v)
{
    g_string_append_c(s, '"');
    for (const char *p = v; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\')
            g_string_append_printf(s, "\\%c", c);
        else if (c < 0x20)
            g_string_append_printf(s, "\\u%04x", c);
        else
            g_string_append_c(s, (char)c);
    }
    g_string_append_c(s, '"');
}

static GBytes *manifest(const Run *r)
{
    GString *s = g_string_new("{\n  \"generator\": \"cocprint " COCPRINT_VERSION "\",\n"
                              "  \"files\": [");
    for (guint i = 0; i < r->entries->len; i++) {
        const Entry *e = &g_array_index(r->entries, Entry, i);
        g_string_append(s, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
        json_string(s, e->file);
        g_string_append_printf(s, ", \"kind\": \"%s\", \"stock\": ", e->kind);
        json_string(s, e->stock);
        g_string_append_printf(s, ", \"page_size_mm\": [%.2f, %.2f], \"pages\": %d", e->w_mm,
                               e->h_mm, e->pages);
        if (e->per_sheet)
            g_string_append_printf(s, ", \"inserts_per_sheet\": %d", e->per_sheet);
        if (e->body_pt > 0)
            g_string_append_printf(s, ", \"body_pt\": %.2f", e->body_pt);
        if (e->columns)
            g_string_append_printf(s, ", \"columns\": %d, \"fill\": %.3f", e->columns, e->fill);
        g_string_append(s, "}");
    }
    g_string_append(s, "\n  ]\n}\n");
    return g_string_free_to_bytes(s);
}

// The names the previous run's manifest lists, to remove those not made again.
static GPtrArray *previous_files(const char *dir)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    char *path = g_build_filename(dir, "manifest.json", NULL);
    char *text = NULL;
    if (g_file_get_contents(path, &text, NULL, NULL)) {
        GRegex *re = g_regex_new("\"file\": \"([^\"/\\\\]+)\"", 0, 0, NULL);
        GMatchInfo *m;
        g_regex_match(re, text, 0, &m);
        while (g_match_info_matches(m)) {
            char *name = g_match_info_fetch(m, 1);
            if (name[0] != '.')
                g_ptr_array_add(names, name);
            else
                g_free(name);
            g_match_info_next(m, NULL);
        }
        g_match_info_free(m);
        g_regex_unref(re);
    }
    g_free(text);
    g_free(path);
    return names;
}

static bool build_poster(Run *r, CpFonts *fonts, const CpDocument *doc, const CpMeta *meta,
                         const CpEvent *ev, CpPoster *poster)
{
    const CpOptions *opt = r->opt;
    const CpPaper *paper = paper_lookup(opt->poster_size ? opt->poster_size : opt->paper);
    if (poster_build(fonts, doc, meta, ev, &r->labels, paper, opt->min_pt, poster) != CP_BUILD_OK)
        return false;
    Entry e = {
        g_strdup("poster.pdf"), "poster",        g_strdup(paper->label), paper->w, paper->h, 1, 0,
        poster->columns,        poster->body_pt, poster->fill,           NULL,     NULL};
    e.summary = g_strdup_printf("poster.pdf  %s  1 page  body %.1f pt  %d column%s", paper->label,
                                poster->body_pt, poster->columns, poster->columns > 1 ? "s" : "");
    if (!add_pdf(r, e, &poster->page, 1, doc->title ? doc->title : "Code of Conduct", "poster"))
        return false;
    if (opt->png) {
        Entry p = {g_strdup("poster.png"),
                   "poster-preview",
                   g_strdup(paper->label),
                   paper->w,
                   paper->h,
                   1,
                   0,
                   0,
                   0,
                   0,
                   NULL,
                   g_strdup("poster.png  preview  100 dpi")};
        if (!opt->check && !(p.data = render_png(poster->page, 100)))
            return false;
        entry_add(r, p);
    }
    return true;
}

static bool build_handout(Run *r, CpFonts *fonts, const CpDocument *doc, const CpMeta *meta,
                          const CpEvent *ev, CpHandout *h, CpPage ***sheets)
{
    const CpOptions *opt = r->opt;
    bool letter = g_ascii_strcasecmp(opt->paper, "letter") == 0;
    if (handout_build(fonts, doc, meta, ev, &r->labels, letter, opt->min_pt, h) != CP_BUILD_OK)
        return false;
    const char *title = doc->title ? doc->title : "Code of Conduct";
    Entry e = {g_strdup("handout.pdf"),
               "handout",
               g_strdup(h->paper->label),
               h->paper->w,
               h->paper->h,
               h->n_pages,
               0,
               0,
               h->body_pt,
               0,
               NULL,
               NULL};
    e.summary = g_strdup_printf("handout.pdf  %s  %d pages  body %.1f pt", h->paper->label,
                                h->n_pages, h->body_pt);
    if (!add_pdf(r, e, h->pages, (size_t)h->n_pages, title, "handout"))
        return false;

    // One sheet per page, the page four times: duplex and cut twice.
    CpGrid g;
    impose_handout_grid(letter, &g);
    *sheets = g_new0(CpPage *, h->n_pages);
    for (int p = 0; p < h->n_pages; p++)
        (*sheets)[p] = impose_sheet(h->pages[p], &g, opt->outline, fonts_context(fonts));
    Entry s = {g_strdup("handout-sheet.pdf"),
               "handout-sheet",
               g_strdup(g.stock),
               g.sheet_w,
               g.sheet_h,
               h->n_pages,
               g.cols * g.rows,
               0,
               h->body_pt,
               0,
               NULL,
               NULL};
    s.summary = g_strdup_printf("handout-sheet.pdf  %s  %d sheets  %d per sheet  duplex, "
                                "long-edge flip",
                                g.stock, h->n_pages, g.cols * g.rows);
    return add_pdf(r, s, *sheets, (size_t)h->n_pages, title, "handout, 4-up");
}

// The badge's summary as a document of its own, its lines those of the event data.
static CpDocument *summary_document(const CpEvent *ev, const char *event_text, const CpFonts *fonts,
                                    const CpLang *lang)
{
    char *dir = g_path_get_dirname(ev->file);
    CpSource *src = source_create(ev->file, dir, ev->summary, strlen(ev->summary));
    g_free(dir);
    if (!src)
        return NULL;
    src->body_line = ev->summary_line;
    CpDocument *doc = document_create(src, NULL, lang);
    bool ok = doc != NULL;
    for (size_t i = 0; ok && i < doc->n; i++)
        ok = check_text(fonts, doc->blocks[i].text, ev->file, event_text, doc->blocks[i].line);
    source_destroy(src);
    if (!ok) {
        document_destroy(doc);
        return NULL;
    }
    return doc;
}

static bool build_badge(Run *r, CpFonts *fonts, const CpDocument *summary, const CpEvent *ev,
                        const CpPaper *size, CpBadge *b, CpPage **sheet)
{
    const CpOptions *opt = r->opt;
    bool letter = g_ascii_strcasecmp(opt->paper, "letter") == 0;
    CpGrid g;
    if (!impose_badge_grid(size, letter, &g)) {
        diag_error(NULL, 0, 0, "a %s insert does not fit on a %s sheet; choose a smaller --badge",
                   size->label, letter ? "Letter" : "A4");
        return false;
    }
    if (badge_build(fonts, summary, ev, &r->labels, size, opt->badge_min_pt, b) != CP_BUILD_OK)
        return false;
    char *name = g_strdup_printf("badge-%s.pdf", size->name);
    Entry e = {name,    "badge", g_strdup(size->label),
               size->w, size->h, 1,
               0,       0,       b->summary_pt > 0 ? b->summary_pt : b->contacts_pt,
               0,       NULL,    NULL};
    const char *how = b->qr ? "QR code" : "URL in text";
    if (b->summary_pt > 0)
        e.summary = g_strdup_printf("%s  %s  1 insert  summary %.1f pt  contacts %.1f pt  %s", name,
                                    size->label, b->summary_pt, b->contacts_pt, how);
    else
        e.summary = g_strdup_printf("%s  %s  1 insert  contacts %.1f pt  %s", name, size->label,
                                    b->contacts_pt, how);
    if (!add_pdf(r, e, &b->page, 1, "Code of Conduct", "badge insert"))
        return false;

    *sheet = impose_sheet(b->page, &g, opt->outline, fonts_context(fonts));
    char *sname = g_strdup_printf("badge-%s-sheet.pdf", size->name);
    Entry s = {sname,
               "badge-sheet",
               g_strdup(g.stock),
               g.sheet_w,
               g.sheet_h,
               1,
               g.cols * g.rows,
               0,
               e.body_pt,
               0,
               NULL,
               NULL};
    s.summary = g_strdup_printf("%s  %s  1 sheet  %d per sheet%s", sname, g.stock, g.cols * g.rows,
                                opt->outline ? "  outlines only" : "");
    return add_pdf(r, s, sheet, 1, "Code of Conduct", "badge inserts on a sheet");
}

static const char *const default_badges[] = {"4x3in", "a6", NULL};

// Every character the outputs may print, to load the fonts they need.
static char *all_text(const CpDocument *doc, const CpEvent *ev)
{
    GString *s = g_string_new(doc->title);
    for (size_t i = 0; i < doc->n; i++)
        g_string_append_printf(s, "\n%s", doc->blocks[i].text ? doc->blocks[i].text : "");
    if (ev) {
        const char *strs[] = {ev->name,           ev->hotline.phone,  ev->hotline.email,
                              ev->security.phone, ev->security.where, ev->emergency,
                              ev->staff,          ev->summary};
        for (size_t i = 0; i < G_N_ELEMENTS(strs); i++)
            if (strs[i])
                g_string_append_printf(s, "\n%s", strs[i]);
        for (size_t i = 0; i < ev->n_organizers; i++)
            g_string_append_printf(s, "\n%s %s", ev->organizers[i].name,
                                   ev->organizers[i].role ? ev->organizers[i].role : "");
    }
    return g_string_free(s, FALSE);
}

// The document's language: --lang, else the front matter's, else the file
// name's (code-of-conduct.fr.md), else English.
static bool pick_language(const CpOptions *opt, const CpSource *src, const CpMeta *meta,
                          CpLang *lang)
{
    char *from_name = lang_from_filename(src->path);
    const char *tag = opt->lang    ? opt->lang
                      : meta->lang ? meta->lang
                      : from_name  ? from_name
                                   : "en";
    bool ok = lang_resolve(tag, lang);
    if (!ok)
        diag_error(opt->lang ? NULL : src->path, 0, 0,
                   "'%s' is not a language tag; write it as BCP 47, such as en, fr, pt-BR or "
                   "zh-Hant",
                   tag);
    g_free(from_name);
    return ok;
}

CpExit run(const CpOptions *opt)
{
    CpExit rc = CP_EXIT_INPUT;
    CpMeta meta = {0};
    CpEvent *ev = NULL;
    CpFonts *fonts = NULL;
    CpDocument *doc = NULL, *summary = NULL;
    CpOutput *out = NULL;
    CpPoster poster = {0};
    CpHandout handout = {0};
    CpPage **handout_sheets = NULL;
    const char *const *sizes = opt->badges ? opt->badges : default_badges;
    size_t n_sizes = g_strv_length((char **)sizes);
    CpBadge *badges = g_new0(CpBadge, n_sizes + 1);
    CpPage **badge_sheets = g_new0(CpPage *, n_sizes + 1);
    char *event_text = NULL;
    Run r = {opt,        g_array_new(FALSE, TRUE, sizeof(Entry)), creation_date(), NULL, NULL,
             {{0}, NULL}};

    CpSource *src = source_load(opt->input);
    if (!src || !meta_parse(src, &meta))
        goto done;
    bool ev_failed;
    ev = find_event(opt, src, &meta, &event_text, &ev_failed);
    if (ev_failed)
        goto done;
    r.author = ev ? ev->name : NULL;
    CpLang lang;
    if (!pick_language(opt, src, &meta, &lang))
        goto done;
    r.lang = lang.tag;
    labels_for(&lang, ev ? ev->labels : NULL, &r.labels);
    if (!(doc = document_create(src, &meta, &lang)))
        goto done;
    if (!(fonts = fonts_create(fonts_default_dir())))
        goto done;
    fonts_set_language(fonts, &lang);
    char *text = all_text(doc, ev);
    fonts_require(fonts, text);
    g_free(text);
    if (!check_glyphs(fonts, src, doc, &meta, ev, event_text))
        goto done;

    unsigned targets = opt->targets;
    if ((targets & CP_TARGET_BADGE) && !event_has_contacts(ev)) {
        const char *why = "badge inserts tell attendees who to contact, and the event data "
                          "names nobody: add a hotline, organizers or an emergency number to "
                          "event.yml (see the README)";
        if (opt->targets_explicit) {
            diag_error(ev ? ev->file : src->path, 0, 0, "%s", why);
            goto done;
        }
        diag_warn(ev ? ev->file : src->path, 0, 0, "no badges: %s", why);
        targets &= ~(unsigned)CP_TARGET_BADGE;
    }
    if (targets & CP_TARGET_BADGE) {
        if (!ev->summary)
            diag_warn(ev->file, 0, 0,
                      "no 'summary' in the event data: the badge inserts "
                      "carry the contacts only");
        else if (!(summary =
                       summary_document(ev, event_text ? event_text : src->data, fonts, &lang)))
            goto done;
    }

    rc = CP_EXIT_NO_FIT;
    if ((targets & CP_TARGET_POSTER) && !build_poster(&r, fonts, doc, &meta, ev, &poster))
        goto done;
    if ((targets & CP_TARGET_HANDOUT) &&
        !build_handout(&r, fonts, doc, &meta, ev, &handout, &handout_sheets))
        goto done;
    for (size_t i = 0; (targets & CP_TARGET_BADGE) && i < n_sizes; i++) {
        CpPaper size;
        paper_badge(sizes[i], &size);
        if (!build_badge(&r, fonts, summary, ev, &size, &badges[i], &badge_sheets[i]))
            goto done;
    }

    GString *lines = g_string_new(NULL);
    for (guint i = 0; i < r.entries->len; i++)
        g_string_append_printf(lines, "%s\n", g_array_index(r.entries, Entry, i).summary);
    if (opt->check) {
        g_string_append_printf(lines, "check: everything fits; nothing written to %s\n",
                               opt->out_dir);
    } else {
        out = output_create(opt->out_dir);
        for (guint i = 0; i < r.entries->len; i++) {
            const Entry *e = &g_array_index(r.entries, Entry, i);
            output_add(out, e->file, e->data);
        }
        GBytes *mf = manifest(&r);
        output_add(out, "manifest.json", mf);
        g_bytes_unref(mf);
        // Files the last run made and this one does not: a stale mix misleads.
        GPtrArray *old = previous_files(opt->out_dir);
        for (guint i = 0; i < old->len; i++) {
            bool made = false;
            for (guint k = 0; k < r.entries->len && !made; k++)
                made = strcmp(old->pdata[i], g_array_index(r.entries, Entry, k).file) == 0;
            if (!made)
                output_remove(out, old->pdata[i]);
        }
        g_ptr_array_free(old, TRUE);
        if (!output_commit(out)) {
            g_string_free(lines, TRUE);
            rc = CP_EXIT_OUTPUT;
            goto done;
        }
    }
    if (!opt->quiet || opt->check)
        fputs(lines->str, stderr);
    g_string_free(lines, TRUE);
    rc = CP_EXIT_OK;

done:
    for (guint i = 0; i < r.entries->len; i++) {
        Entry *e = &g_array_index(r.entries, Entry, i);
        g_free(e->file);
        g_free(e->stock);
        g_free(e->summary);
        if (e->data)
            g_bytes_unref(e->data);
    }
    g_array_free(r.entries, TRUE);
    g_free(r.date);
    for (size_t i = 0; i < n_sizes; i++) {
        page_destroy(badge_sheets[i]);
        badge_finish(&badges[i]);
    }
    g_free(badges);
    g_free(badge_sheets);
    for (int p = 0; handout_sheets && p < handout.n_pages; p++)
        page_destroy(handout_sheets[p]);
    g_free(handout_sheets);
    handout_finish(&handout);
    poster_finish(&poster);
    output_destroy(out);
    g_free(event_text);
    fonts_destroy(fonts);
    document_destroy(summary);
    document_destroy(doc);
    event_destroy(ev);
    meta_finish(&meta);
    source_destroy(src);
    return rc;
}
