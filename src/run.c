#include "run.h"

#include "badge.h"
#include "config.h"
#include "coverage.h"
#include "diag.h"
#include "document.h"
#include "event.h"
#include "fonts.h"
#include "handout.h"
#include "hyphenate.h"
#include "impose.h"
#include "labels.h"
#include "lang.h"
#include "manifest.h"
#include "meta.h"
#include "output.h"
#include "poster.h"
#include "render.h"
#include "source.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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
        // A dangling link is still there: event_load names it and its target.
        if (!g_file_test(path, G_FILE_TEST_EXISTS) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
            diag_warn(src->path, 0, 0,
                      "no event data (no %s, no --event, no 'event:' in the front matter): "
                      "the outputs carry no contacts",
                      path);
            g_free(path);
            return NULL;
        }
    }
    // The text the checks read is the text parsed: the file is read once.
    CpEvent *ev = event_load(path, opt->allow_links, event_text);
    if (!ev)
        *failed = true;
    g_free(path);
    return ev;
}

// One file of the run: what the manifest lists, its bytes, its summary line.
typedef struct {
    CpManifestEntry m;
    GBytes *data; // NULL in --check runs
    char *summary;
} Entry;

static void entry_clear(Entry *e)
{
    g_free(e->m.file);
    g_free(e->m.stock);
    g_free(e->summary);
    if (e->data)
        g_bytes_unref(e->data);
}

typedef struct {
    const CpOptions *opt;
    GArray *entries; // Entry
    char *date;      // creation date, or NULL
    const char *author;
} Run;

// Renders PAGES to PDF into the run (not in --check runs).
static bool add_pdf(Run *r, Entry e, CpPage *const *pages, size_t n, const char *title,
                    const char *what, const char *lang)
{
    if (r->opt->on_pages)
        r->opt->on_pages(r->opt->on_pages_data, e.m.file, pages, n);
    if (!r->opt->check) {
        char *subject = g_strdup_printf("Code of conduct%s%s: %s", r->author ? " of " : "",
                                        r->author ? r->author : "", what);
        CpPdfInfo info = {title, r->author, subject, "cocprint " COCPRINT_VERSION, r->date, lang};
        e.data = render_pdf(pages, n, &info);
        g_free(subject);
        if (!e.data) {
            entry_clear(&e);
            return false;
        }
    }
    g_array_append_val(r->entries, e);
    return true;
}

// One input file and everything made from it.
typedef struct {
    CpSource *src;
    CpMeta meta;
    CpLang lang;
    CpDocument *doc, *summary;
    CpFonts *fonts;
    CpLabels labels;
    char suffix[40]; // "" for a single input, ".fr" when there are several
    CpHandout handout;
    CpPage **handout_sheets;
    CpBadge *badges;
    CpPage **badge_sheets;
} Doc;

static char *named(const char *stem, const Doc *d, const char *ext)
{
    return g_strdup_printf("%s%s%s", stem, d->suffix, ext);
}

static bool emit_png(Run *r, const CpPoster *poster, const CpPaper *paper)
{
    Entry p = {.m = {.file = g_strdup("poster.png"),
                     .kind = "poster-preview",
                     .stock = g_strdup(paper->label),
                     .w_mm = paper->w,
                     .h_mm = paper->h,
                     .pages = 1},
               .summary = g_strdup("poster.png  preview  100 dpi")};
    if (!r->opt->check && !(p.data = render_png(poster->page, 100))) {
        entry_clear(&p);
        return false;
    }
    g_array_append_val(r->entries, p);
    return true;
}

static bool emit_poster(Run *r, const CpPoster *poster, const CpPaper *paper, const char *title,
                        const char *lang, const char *layout)
{
    Entry e = {.m = {.file = g_strdup("poster.pdf"),
                     .kind = "poster",
                     .stock = g_strdup(paper->label),
                     .w_mm = paper->w,
                     .h_mm = paper->h,
                     .pages = 1,
                     .columns = poster->columns,
                     .body_pt = poster->body_pt,
                     .fill = poster->fill}};
    e.summary = g_strdup_printf("poster.pdf  %s  1 page  body %.1f pt  %d %s%s", paper->label,
                                poster->body_pt, poster->columns, layout ? "languages " : "column",
                                layout                ? layout
                                : poster->columns > 1 ? "s"
                                                      : "");
    if (!add_pdf(r, e, (CpPage *const *)&poster->page, 1, title, "poster", lang))
        return false;
    return !r->opt->png || emit_png(r, poster, paper);
}

static const CpPaper *poster_paper(const CpOptions *opt)
{
    return paper_lookup(opt->poster_size ? opt->poster_size : opt->paper);
}

static bool build_poster(Run *r, Doc *d, const CpEvent *ev, CpPoster *poster)
{
    const CpPaper *paper = poster_paper(r->opt);
    const CpBuildInput in = {d->fonts, d->doc, &d->meta, ev, &d->labels, paper, r->opt->min_pt};
    if (poster_build(&in, poster) != CP_BUILD_OK)
        return false;
    return emit_poster(r, poster, paper, d->doc->title, d->lang.tag, NULL);
}

// Several translations on one page; the PDF's language is the first one's.
static bool build_poster_multi(Run *r, Doc *docs, size_t n, const CpEvent *ev, CpPoster *poster)
{
    const CpOptions *opt = r->opt;
    const CpPaper *paper = poster_paper(opt);
    CpFonts **fonts = g_new(CpFonts *, n);
    const CpDocument **dd = g_new(const CpDocument *, n);
    CpLabels *each = g_new(CpLabels, n), joined;
    for (size_t i = 0; i < n; i++) {
        fonts[i] = docs[i].fonts;
        dd[i] = docs[i].doc;
        each[i] = docs[i].labels;
    }
    labels_join(each, n, &joined);
    GString *all = g_string_new(NULL);
    for (int k = 0; k < CP_L_COUNT; k++)
        g_string_append(all, joined.text[k]);
    for (size_t i = 0; i < n; i++)
        g_string_append(all, docs[i].doc->title ? docs[i].doc->title : "");
    fonts_require(fonts[0], all->str);
    g_string_free(all, TRUE);
    bool stacked = opt->poster_layout && strcmp(opt->poster_layout, "stacked") == 0;
    const CpBuildInput in = {fonts[0], NULL, &docs[0].meta, ev, &joined, paper, opt->min_pt};
    bool ok = poster_build_multi(&in, fonts, dd, n, stacked, poster) == CP_BUILD_OK;
    GString *title = g_string_new(NULL);
    for (size_t i = 0; ok && i < n; i++)
        g_string_append_printf(title, "%s%s", i ? " / " : "", docs[i].doc->title);
    char layout[64];
    g_snprintf(layout, sizeof layout, "%s", stacked ? "stacked" : "side by side");
    ok = ok && emit_poster(r, poster, paper, title->str, docs[0].lang.tag, layout);
    g_string_free(title, TRUE);
    labels_finish(&joined);
    g_free(each);
    g_free(dd);
    g_free(fonts);
    return ok;
}

static bool build_handout(Run *r, Doc *d, const CpEvent *ev)
{
    const CpOptions *opt = r->opt;
    CpHandout *h = &d->handout;
    bool letter = g_ascii_strcasecmp(opt->paper, "letter") == 0;
    const CpBuildInput in = {d->fonts,   d->doc, &d->meta, ev, &d->labels, paper_handout(letter),
                             opt->min_pt};
    if (handout_build(&in, h) != CP_BUILD_OK)
        return false;
    const char *title = d->doc->title;
    char *name = named("handout", d, ".pdf");
    Entry e = {.m = {.file = name,
                     .kind = "handout",
                     .stock = g_strdup(h->paper->label),
                     .w_mm = h->paper->w,
                     .h_mm = h->paper->h,
                     .pages = h->n_pages,
                     .body_pt = h->body_pt}};
    e.summary = g_strdup_printf("%s  %s  %d pages  body %.1f pt", name, h->paper->label, h->n_pages,
                                h->body_pt);
    if (!add_pdf(r, e, h->pages, (size_t)h->n_pages, title, "handout", d->lang.tag))
        return false;

    // One sheet per page, the page four times: duplex and cut twice.
    CpGrid g;
    impose_handout_grid(letter, &g);
    d->handout_sheets = g_new0(CpPage *, h->n_pages);
    for (int p = 0; p < h->n_pages; p++)
        d->handout_sheets[p] =
            impose_sheet(h->pages[p], &g, opt->outline, fonts_context_ltr(d->fonts),
                         d->labels.text[CP_L_PRINT_NOTE]);
    char *sname = named("handout-sheet", d, ".pdf");
    Entry s = {.m = {.file = sname,
                     .kind = "handout-sheet",
                     .stock = g_strdup(g.stock),
                     .w_mm = g.sheet_w,
                     .h_mm = g.sheet_h,
                     .pages = h->n_pages,
                     .per_sheet = g.cols * g.rows,
                     .body_pt = h->body_pt}};
    s.summary = g_strdup_printf("%s  %s  %d sheets  %d per sheet  duplex, long-edge flip", sname,
                                g.stock, h->n_pages, g.cols * g.rows);
    return add_pdf(r, s, d->handout_sheets, (size_t)h->n_pages, title, "handout, 4-up",
                   d->lang.tag);
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
    src->origin = event_text;
    CpDocument *doc = document_create(src, NULL, lang);
    bool ok = doc != NULL;
    for (size_t i = 0; ok && i < doc->n; i++)
        ok = coverage_check_text(fonts, doc->blocks[i].text, ev->file, event_text,
                                 doc->blocks[i].line);
    source_destroy(src);
    if (!ok) {
        document_destroy(doc);
        return NULL;
    }
    return doc;
}

static bool build_badge(Run *r, Doc *d, const CpEvent *ev, const CpPaper *size, size_t i)
{
    const CpOptions *opt = r->opt;
    bool letter = g_ascii_strcasecmp(opt->paper, "letter") == 0;
    CpGrid g;
    if (!impose_badge_grid(size, letter, &g)) {
        diag_error(NULL, 0, 0, "a %s insert does not fit on a %s sheet; choose a smaller --badge",
                   size->label, letter ? "Letter" : "A4");
        return false;
    }
    CpBadge *b = &d->badges[i];
    const CpBuildInput in = {d->fonts,   d->summary, &d->meta,         ev,
                             &d->labels, size,       opt->badge_min_pt};
    if (badge_build(&in, b) != CP_BUILD_OK)
        return false;
    char *stem = g_strdup_printf("badge-%s", size->name);
    char *name = named(stem, d, ".pdf");
    Entry e = {.m = {.file = name,
                     .kind = "badge",
                     .stock = g_strdup(size->label),
                     .w_mm = size->w,
                     .h_mm = size->h,
                     .pages = 1,
                     .body_pt = b->summary_pt > 0 ? b->summary_pt : b->contacts_pt}};
    const char *how = b->qr ? "QR code" : "URL in text";
    if (b->summary_pt > 0)
        e.summary = g_strdup_printf("%s  %s  1 insert  summary %.1f pt  contacts %.1f pt  %s", name,
                                    size->label, b->summary_pt, b->contacts_pt, how);
    else
        e.summary = g_strdup_printf("%s  %s  1 insert  contacts %.1f pt  %s", name, size->label,
                                    b->contacts_pt, how);
    const char *title = d->labels.text[CP_L_CODE_OF_CONDUCT];
    if (!add_pdf(r, e, &b->page, 1, title, "badge insert", d->lang.tag)) {
        g_free(stem);
        return false;
    }
    d->badge_sheets[i] = impose_sheet(b->page, &g, opt->outline, fonts_context_ltr(d->fonts),
                                      d->labels.text[CP_L_PRINT_NOTE]);
    char *sstem = g_strdup_printf("%s-sheet", stem);
    char *sname = named(sstem, d, ".pdf");
    g_free(sstem);
    g_free(stem);
    Entry s = {.m = {.file = sname,
                     .kind = "badge-sheet",
                     .stock = g_strdup(g.stock),
                     .w_mm = g.sheet_w,
                     .h_mm = g.sheet_h,
                     .pages = 1,
                     .per_sheet = g.cols * g.rows,
                     .body_pt = e.m.body_pt}};
    s.summary = g_strdup_printf("%s  %s  1 sheet  %d per sheet%s", sname, g.stock, g.cols * g.rows,
                                opt->outline ? "  outlines only" : "");
    return add_pdf(r, s, &d->badge_sheets[i], 1, title, "badge inserts on a sheet", d->lang.tag);
}

static const char *const default_badges[] = {"4x3in", "a6", NULL};

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

// Reads one input: source, front matter, language, document, its fonts.
static bool load_doc(const CpOptions *opt, const char *path, Doc *d, size_t n_inputs)
{
    if (!(d->src = source_load(path, opt->allow_links)) || !meta_parse(d->src, &d->meta))
        return false;
    if (!pick_language(opt, d->src, &d->meta, &d->lang))
        return false;
    if (n_inputs > 1)
        g_snprintf(d->suffix, sizeof d->suffix, ".%s", d->lang.tag);
    if (!(d->doc = document_create(d->src, &d->meta, &d->lang)))
        return false;
    if (!(d->fonts = fonts_create(fonts_default_dir())))
        return false;
    fonts_set_language(d->fonts, &d->lang);
    return true;
}

static void doc_finish(Doc *d, size_t n_sizes)
{
    for (size_t i = 0; d->badges && i < n_sizes; i++) {
        page_destroy(d->badge_sheets[i]);
        badge_finish(&d->badges[i]);
    }
    g_free(d->badges);
    g_free(d->badge_sheets);
    for (int p = 0; d->handout_sheets && p < d->handout.n_pages; p++)
        page_destroy(d->handout_sheets[p]);
    g_free(d->handout_sheets);
    handout_finish(&d->handout);
    fonts_destroy(d->fonts);
    document_destroy(d->summary);
    document_destroy(d->doc);
    meta_finish(&d->meta);
    source_destroy(d->src);
}

// The badge summary of a document: its front matter's, else (a single input)
// the event data's.
static bool load_summary(Doc *d, const CpEvent *ev, const char *event_text, size_t n_inputs)
{
    if (d->meta.summary) {
        CpEvent tmp = {0};
        tmp.file = d->src->path;
        tmp.summary = d->meta.summary;
        tmp.summary_line = d->meta.summary_line;
        d->summary = summary_document(&tmp, d->src->data, d->fonts, &d->lang);
        return d->summary != NULL;
    }
    if (!ev->summary || n_inputs > 1) {
        diag_warn(n_inputs > 1 ? d->src->path : ev->file, 0, 0,
                  n_inputs > 1 ? "no 'summary' in the front matter: this language's badge inserts "
                                 "carry the contacts only"
                               : "no 'summary' in the event data: the badge inserts carry the "
                                 "contacts only");
        return true;
    }
    d->summary = summary_document(ev, event_text, d->fonts, &d->lang);
    return d->summary != NULL;
}

CpExit run(const CpOptions *opt)
{
    CpExit rc = CP_EXIT_INPUT;
    CpEvent *ev = NULL;
    CpOutput *out = NULL;
    CpPoster poster = {0};
    const char *const *sizes = opt->badges ? opt->badges : default_badges;
    size_t n_sizes = g_strv_length((char **)sizes);
    size_t n = 0;
    while (opt->inputs[n])
        n++;
    Doc *docs = g_new0(Doc, n);
    char *event_text = NULL;
    Run r = {opt, g_array_new(FALSE, TRUE, sizeof(Entry)), creation_date(), NULL};

    for (size_t i = 0; i < n; i++)
        if (!load_doc(opt, opt->inputs[i], &docs[i], n))
            goto done;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(docs[i].lang.tag, docs[j].lang.tag) == 0) {
                diag_error(docs[i].src->path, 0, 0,
                           "two inputs in the same language (%s, also %s); give each "
                           "translation its language (lang: in the front matter, or a file "
                           "name such as code-of-conduct.fr.md)",
                           docs[i].lang.tag, docs[j].src->path);
                goto done;
            }
    bool ev_failed;
    ev = find_event(opt, docs[0].src, &docs[0].meta, &event_text, &ev_failed);
    if (ev_failed)
        goto done;
    r.author = ev ? ev->name : NULL;
    for (size_t i = 1; i < n; i++)
        if (docs[i].meta.event)
            diag_warn(docs[i].src->path, 0, 0,
                      "its 'event:' front matter is not used: with several inputs the event data "
                      "comes from --event, else the first input (%s)",
                      docs[0].src->path);
    for (size_t i = 0; i < n; i++) {
        Doc *d = &docs[i];
        // Label overrides are written in one language: the first input's.
        labels_for(&d->lang, ev && i == 0 ? ev->labels : NULL, &d->labels);
        // No title and no heading: the outputs are titled in the document's language.
        if (!d->doc->title)
            d->doc->title = g_strdup(d->labels.text[CP_L_CODE_OF_CONDUCT]);
        coverage_require_fonts(d->fonts, d->doc, &d->meta, ev, &d->labels);
        if (!coverage_check(d->fonts, d->src, d->doc, &d->meta, ev, event_text, &d->labels))
            goto done;
    }

    unsigned targets = opt->targets;
    if ((targets & CP_TARGET_BADGE) && !event_has_contacts(ev)) {
        const char *why = "badge inserts tell attendees who to contact, and the event data "
                          "names nobody: add a hotline, organizers or an emergency number to "
                          "event.yml (see the README)";
        if (opt->targets_explicit) {
            diag_error(ev ? ev->file : docs[0].src->path, 0, 0, "%s", why);
            goto done;
        }
        diag_warn(ev ? ev->file : docs[0].src->path, 0, 0, "no badges: %s", why);
        targets &= ~(unsigned)CP_TARGET_BADGE;
    }
    for (size_t i = 0; (targets & CP_TARGET_BADGE) && i < n; i++)
        if (!load_summary(&docs[i], ev, event_text ? event_text : docs[0].src->data, n))
            goto done;

    rc = CP_EXIT_NO_FIT;
    if ((targets & CP_TARGET_POSTER) && !(n > 1 ? build_poster_multi(&r, docs, n, ev, &poster)
                                                : build_poster(&r, &docs[0], ev, &poster)))
        goto done;
    for (size_t i = 0; i < n; i++) {
        Doc *d = &docs[i];
        if ((targets & CP_TARGET_HANDOUT) && !build_handout(&r, d, ev))
            goto done;
        d->badges = g_new0(CpBadge, n_sizes + 1);
        d->badge_sheets = g_new0(CpPage *, n_sizes + 1);
        for (size_t k = 0; (targets & CP_TARGET_BADGE) && k < n_sizes; k++) {
            CpPaper size, earlier;
            paper_badge(sizes[k], &size);
            bool again = false; // -b a6 -b A6: one file, made once
            for (size_t j = 0; j < k && !again; j++)
                again = paper_badge(sizes[j], &earlier) && strcmp(earlier.name, size.name) == 0;
            if (again)
                continue;
            if (!build_badge(&r, d, ev, &size, k))
                goto done;
        }
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
            output_add(out, e->m.file, e->data);
        }
        CpManifestEntry *me = g_new(CpManifestEntry, r.entries->len);
        for (guint i = 0; i < r.entries->len; i++)
            me[i] = g_array_index(r.entries, Entry, i).m;
        GBytes *mf = manifest_write(me, r.entries->len);
        g_free(me);
        output_add(out, "manifest.json", mf);
        g_bytes_unref(mf);
        // Files the last run made and this one does not: a stale mix misleads.
        GPtrArray *old = manifest_read_names(opt->out_dir);
        for (guint i = 0; i < old->len; i++) {
            bool made = false;
            for (guint k = 0; k < r.entries->len && !made; k++)
                made = strcmp(old->pdata[i], g_array_index(r.entries, Entry, k).m.file) == 0;
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
    for (guint i = 0; i < r.entries->len; i++)
        entry_clear(&g_array_index(r.entries, Entry, i));
    g_array_free(r.entries, TRUE);
    g_free(r.date);
    poster_finish(&poster);
    for (size_t i = 0; i < n; i++)
        doc_finish(&docs[i], n_sizes);
    g_free(docs);
    output_destroy(out);
    g_free(event_text);
    event_destroy(ev);
    hyphenate_release_all();
    return rc;
}
