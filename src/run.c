#include "run.h"

#include "badge.h"
#include "config.h"
#include "coverage.h"
#include "diag.h"
#include "event.h"
#include "handout.h"
#include "hyphenate.h"
#include "impose.h"
#include "lang.h"
#include "manifest.h"
#include "meta.h"
#include "output.h"
#include "poster.h"
#include "postermode.h"
#include "render.h"
#include "source.h"
#include "summary.h"

#include <stdio.h>
#include <string.h>

// One file of the run: what the manifest lists, its bytes, its summary line.
typedef struct {
    CpManifestEntry m;
    GBytes *data; // NULL in --check runs
    char *summary;
} Entry;

static Entry entry(char *file, const char *kind, const char *stock, double w_mm, double h_mm,
                   int pages)
{
    Entry e = {.m = {.file = file, .kind = kind, .w_mm = w_mm, .h_mm = h_mm, .pages = pages}};
    e.m.stock = g_strdup(stock);
    return e;
}

static void entry_clear(Entry *e)
{
    g_free(e->m.file);
    g_free(e->m.stock);
    g_free(e->summary);
    if (e->data)
        g_bytes_unref(e->data);
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
} Doc;

typedef struct {
    const CpOptions *opt;
    bool letter;      // the Letter family, else A4
    Doc *docs;        // one per input
    size_t n;         // inputs
    CpEvent *ev;      // or NULL
    char *ev_text;    // the event file's text, for positions (NULL: in the front matter)
    GArray *entries;  // Entry
    GArray *failures; // CpManifestFailure: outputs tried and not made
    unsigned targets; // CP_TARGET_* asked for
    CpPoster poster;
} Run;

// Renders PAGES to PDF into the run (not in --check runs).
static bool add_pdf(Run *r, Entry e, CpPage *const *pages, size_t n, const char *title,
                    const char *what, const char *lang)
{
    if (r->opt->on_pages)
        r->opt->on_pages(r->opt->on_pages_data, e.m.file, pages, n);
    if (!r->opt->check) {
        const char *author = r->ev ? r->ev->name : NULL;
        char *subject = g_strdup_printf("Code of conduct%s%s: %s", author ? " of " : "",
                                        author ? author : "", what);
        CpPdfInfo info = {title, author, subject, "cocprint " COCPRINT_VERSION, r->opt->date, lang};
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

static char *named(const char *stem, const Doc *d, const char *ext)
{
    return g_strdup_printf("%s%s%s", stem, d->suffix, ext);
}

static bool emit_poster(Run *r, const CpPaper *paper, const char *title, bool summary,
                        const char *layout)
{
    const CpPoster *poster = &r->poster;
    Entry e = entry(g_strdup("poster.pdf"), "poster", paper->label, paper->w, paper->h, 1);
    e.m.columns = poster->columns;
    e.m.body_pt = poster->body_pt;
    e.m.fill = poster->fill;
    e.m.content = summary ? "summary" : "full";
    const char *plural = poster->columns > 1 ? "s" : "";
    e.summary = g_strdup_printf("poster.pdf  %s  1 page  %s %.1f pt  %d %s%s", paper->label,
                                summary ? "summary" : "body", poster->body_pt, poster->columns,
                                layout ? "languages " : "column", layout ? layout : plural);
    const char *lang = r->docs[0].lang.tag;
    if (!add_pdf(r, e, (CpPage *const *)&poster->page, 1, title, "poster", lang))
        return false;
    if (!r->opt->png)
        return true;
    Entry p = entry(g_strdup("poster.png"), "poster-preview", paper->label, paper->w, paper->h, 1);
    p.summary = g_strdup("poster.png  preview  100 dpi");
    if (!r->opt->check && !(p.data = render_png(poster->page, 100))) {
        entry_clear(&p);
        return false;
    }
    g_array_append_val(r->entries, p);
    return true;
}

// The poster: one translation, or several on one page (the PDF's language
// is the first one's); the whole policy or the summaries (--poster).
static bool build_poster(Run *r)
{
    size_t n = r->n;
    const CpPaper *paper = paper_lookup(r->opt->poster_size ? r->opt->poster_size : r->opt->paper);
    CpFonts **fonts = g_new(CpFonts *, n);
    const CpDocument **dd = g_new(const CpDocument *, n), **sums = g_new(const CpDocument *, n);
    CpLabels *each = g_new(CpLabels, n), joined;
    GString *title = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        fonts[i] = r->docs[i].fonts;
        dd[i] = r->docs[i].doc;
        sums[i] = r->docs[i].summary;
        each[i] = r->docs[i].labels;
        g_string_append_printf(title, "%s%s", i ? " / " : "", dd[i]->title);
    }
    labels_join(each, n, &joined);
    if (n > 1)
        coverage_require_labels(fonts[0], &joined, dd, n);
    const CpBuildInput in = {
        fonts[0], dd[0],         &r->docs[0].meta, r->ev, n > 1 ? &joined : &r->docs[0].labels,
        paper,    r->opt->min_pt};
    const CpPosterJob job = {&in, fonts, dd, sums, n, r->opt->poster_layout, r->opt->poster_mode};
    bool summary;
    bool ok = poster_make(&job, &r->poster, &summary) == CP_BUILD_OK &&
              emit_poster(r, paper, title->str, summary,
                          n > 1 ? (r->poster.stacked ? "stacked" : "side by side") : NULL);
    g_string_free(title, TRUE);
    labels_finish(&joined);
    g_free(each);
    g_free(sums);
    g_free(dd);
    g_free(fonts);
    return ok;
}

// The handout, then its sheets: each page four times, to print duplex and
// cut twice. The pages are freed once rendered.
static bool build_handout(Run *r, Doc *d)
{
    const CpOptions *opt = r->opt;
    CpHandout h;
    const CpBuildInput in = {
        d->fonts, d->doc, &d->meta, r->ev, &d->labels, paper_handout(r->letter), opt->min_pt};
    bool ok = handout_build(&in, &h) == CP_BUILD_OK;
    if (ok) {
        char *name = named("handout", d, ".pdf");
        Entry e = entry(name, "handout", h.paper->label, h.paper->w, h.paper->h, h.n_pages);
        e.m.body_pt = h.body_pt;
        e.summary = g_strdup_printf("%s  %s  %d pages  body %.1f pt", name, h.paper->label,
                                    h.n_pages, h.body_pt);
        ok = add_pdf(r, e, h.pages, (size_t)h.n_pages, d->doc->title, "handout", d->lang.tag);
    }
    if (ok) {
        CpGrid g;
        impose_handout_grid(r->letter, &g);
        CpPage **sheets = g_new0(CpPage *, h.n_pages);
        for (int p = 0; p < h.n_pages; p++)
            sheets[p] = impose_sheet(h.pages[p], &g, opt->outline, fonts_context_ltr(d->fonts),
                                     d->labels.text[CP_L_PRINT_NOTE]);
        char *sname = named("handout-sheet", d, ".pdf");
        Entry s = entry(sname, "handout-sheet", g.stock, g.sheet_w, g.sheet_h, h.n_pages);
        s.m.per_sheet = g.cols * g.rows;
        s.m.body_pt = h.body_pt;
        s.summary = g_strdup_printf("%s  %s  %d sheets  %d per sheet  duplex, long-edge flip",
                                    sname, g.stock, h.n_pages, g.cols * g.rows);
        ok = add_pdf(r, s, sheets, (size_t)h.n_pages, d->doc->title, "handout, 4-up", d->lang.tag);
        for (int p = 0; p < h.n_pages; p++)
            page_destroy(sheets[p]);
        g_free(sheets);
    }
    handout_finish(&h);
    return ok;
}

// One badge insert of SIZE, then its sheet; freed once rendered.
static bool build_badge(Run *r, Doc *d, const CpPaper *size)
{
    const CpOptions *opt = r->opt;
    CpGrid g;
    if (!impose_badge_grid(size, r->letter, &g)) {
        diag_error(NULL, 0, 0, "a %s insert does not fit on a %s sheet; choose a smaller --badge",
                   size->label, r->letter ? "Letter" : "A4");
        return false;
    }
    CpBadge b;
    const CpBuildInput in = {d->fonts,   d->summary, &d->meta,         r->ev,
                             &d->labels, size,       opt->badge_min_pt};
    if (badge_build(&in, &b) != CP_BUILD_OK) {
        badge_finish(&b);
        return false;
    }
    char *stem = g_strdup_printf("badge-%s", size->name);
    char *sstem = g_strdup_printf("%s-sheet", stem);
    Entry e = entry(named(stem, d, ".pdf"), "badge", size->label, size->w, size->h, 1);
    Entry s = entry(named(sstem, d, ".pdf"), "badge-sheet", g.stock, g.sheet_w, g.sheet_h, 1);
    g_free(stem);
    g_free(sstem);
    e.m.body_pt = s.m.body_pt = b.summary_pt > 0 ? b.summary_pt : b.contacts_pt;
    s.m.per_sheet = g.cols * g.rows;
    const char *how = b.qr ? "QR code" : "URL in text";
    if (b.summary_pt > 0)
        e.summary = g_strdup_printf("%s  %s  1 insert  summary %.1f pt  contacts %.1f pt  %s",
                                    e.m.file, size->label, b.summary_pt, b.contacts_pt, how);
    else
        e.summary = g_strdup_printf("%s  %s  1 insert  contacts %.1f pt  %s", e.m.file, size->label,
                                    b.contacts_pt, how);
    s.summary = g_strdup_printf("%s  %s  1 sheet  %d per sheet%s", s.m.file, g.stock,
                                g.cols * g.rows, opt->outline ? "  outlines only" : "");
    const char *title = d->labels.text[CP_L_CODE_OF_CONDUCT];
    bool ok = add_pdf(r, e, &b.page, 1, title, "badge insert", d->lang.tag);
    CpPage *sheet = ok ? impose_sheet(b.page, &g, opt->outline, fonts_context_ltr(d->fonts),
                                      d->labels.text[CP_L_PRINT_NOTE])
                       : NULL;
    if (ok)
        ok = add_pdf(r, s, &sheet, 1, title, "badge inserts on a sheet", d->lang.tag);
    else
        entry_clear(&s);
    page_destroy(sheet);
    badge_finish(&b);
    return ok;
}

// Reads one input: source, front matter, language, document, its fonts.
static bool load_doc(const CpOptions *opt, const char *path, Doc *d, size_t n_inputs, size_t *total,
                     CpPictures *pictures)
{
    if (!(d->src = source_load(path, opt->allow_links)) || !source_add_up(d->src, total) ||
        !meta_parse(d->src, &d->meta))
        return false;
    if (!lang_choose(opt->lang, d->meta.lang, d->src->path, d->src->data, &d->lang))
        return false;
    if (n_inputs > 1)
        g_snprintf(d->suffix, sizeof d->suffix, ".%s", d->lang.tag);
    if (!(d->doc = document_create(d->src, &d->meta, &d->lang, pictures)))
        return false;
    if (!(d->fonts = fonts_create(fonts_default_dir())))
        return false;
    fonts_set_language(d->fonts, &d->lang);
    return true;
}

static void doc_finish(Doc *d)
{
    fonts_destroy(d->fonts);
    document_destroy(d->summary);
    document_destroy(d->doc);
    meta_finish(&d->meta);
    source_destroy(d->src);
}

// The summary of a document, for badges and the summary poster: its front
// matter's, else (a single input) the event data's. BADGES: say when the
// inserts will carry the contacts only.
static bool load_summary(Run *r, Doc *d, bool badges)
{
    const CpEvent *ev = r->ev;
    if (d->meta.summary) {
        d->summary = summary_create(d->src->path, d->meta.summary, d->meta.summary_line,
                                    d->src->data, d->fonts, &d->lang);
        return d->summary != NULL;
    }
    if (!ev || !ev->summary || r->n > 1) {
        if (badges)
            diag_warn(r->n > 1 || !ev ? d->src->path : ev->file, 0, 0,
                      "no 'summary' in the %s: %s badge inserts carry the contacts only",
                      r->n > 1 ? "front matter" : "event data",
                      r->n > 1 ? "this language's" : "the");
        return true;
    }
    const char *text = r->ev_text ? r->ev_text : r->docs[0].src->data;
    d->summary = summary_create(ev->file, ev->summary, ev->summary_line, text, d->fonts, &d->lang);
    return d->summary != NULL;
}

// Every input, each in a language of its own, and the event data.
static bool load_inputs(Run *r)
{
    const CpOptions *opt = r->opt;
    size_t total = 0; // Markdown read so far
    CpPictures *pictures = document_pictures_create();
    bool ok = true;
    for (size_t i = 0; ok && i < r->n; i++)
        ok = load_doc(opt, opt->inputs[i], &r->docs[i], r->n, &total, pictures);
    document_pictures_destroy(pictures);
    if (!ok)
        return false;
    for (size_t i = 0; i < r->n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(r->docs[i].lang.tag, r->docs[j].lang.tag) == 0) {
                diag_error(r->docs[i].src->path, 0, 0,
                           "two inputs in the same language (%s, also %s); give each translation "
                           "its language (lang: in the front matter, or a file name such as "
                           "code-of-conduct.fr.md)",
                           r->docs[i].lang.tag, r->docs[j].src->path);
                return false;
            }
    const CpSource *first = r->docs[0].src;
    bool failed;
    r->ev = event_find(opt->event_file, &r->docs[0].meta.event, first->path, first->dir,
                       opt->allow_links, &r->ev_text, &failed);
    if (failed)
        return false;
    for (size_t i = 1; i < r->n; i++)
        if (r->docs[i].meta.event)
            diag_warn(r->docs[i].src->path, 0, 0,
                      "its 'event:' front matter is not used: with several inputs the event data "
                      "comes from --event, else the first input (%s)",
                      first->path);
    for (size_t i = 0; i < r->n; i++) {
        Doc *d = &r->docs[i];
        // Label overrides are written in one language: the first input's.
        labels_for(&d->lang, r->ev && i == 0 ? r->ev->labels : NULL, &d->labels);
        coverage_require_fonts(d->fonts, d->doc, &d->meta, r->ev, &d->labels);
        if (!coverage_check(d->fonts, d->src, d->doc, &d->meta, r->ev, r->ev_text, &d->labels))
            return false;
        // No title and no heading: titled in its language (the label, checked above).
        if (!d->doc->title)
            d->doc->title = g_strdup(d->labels.text[CP_L_CODE_OF_CONDUCT]);
    }
    return true;
}

// The targets to make: badges need someone to contact.
static bool choose_targets(Run *r, unsigned *targets)
{
    *targets = r->opt->targets;
    const char *file = r->ev ? r->ev->file : r->docs[0].src->path;
    if (!(*targets & CP_TARGET_BADGE) ||
        event_check_contacts(r->ev, file, r->opt->targets_explicit))
        return true;
    *targets &= ~(unsigned)CP_TARGET_BADGE;
    return !r->opt->targets_explicit;
}

// Writes every file made and the manifest, all or none, and removes the
// files of the run's targets that the last run made and this one does not
// (a stale mix misleads; a failed output's old file disagrees with the source).
static bool write_outputs(const Run *r)
{
    CpOutput *out = output_create(r->opt->out_dir, manifest_name_ours);
    guint n = r->entries->len;
    CpManifestEntry *me = g_new(CpManifestEntry, n);
    for (guint i = 0; i < n; i++) {
        const Entry *e = &g_array_index(r->entries, Entry, i);
        output_add(out, e->m.file, e->data);
        me[i] = e->m;
    }
    const CpManifestRun run = {me, n, (CpManifestFailure *)(void *)r->failures->data,
                               r->failures->len, r->targets};
    bool ok = manifest_commit(out, &run);
    g_free(me);
    output_destroy(out);
    return ok;
}

static const char *const default_badges[] = {"4x3in", "a6", NULL};

CpExit run(const CpOptions *opt)
{
    const char *const *names = opt->badges ? opt->badges : default_badges;
    CpPaper *sizes = g_new(CpPaper, g_strv_length((char **)names) + 1);
    size_t n_sizes = paper_badges(names, sizes);
    Run r = {.opt = opt,
             .letter = g_ascii_strcasecmp(opt->paper, "letter") == 0,
             .entries = g_array_new(FALSE, TRUE, sizeof(Entry)),
             .failures = manifest_failures_new()};
    while (opt->inputs[r.n])
        r.n++;
    r.docs = g_new0(Doc, r.n);
    CpExit rc = CP_EXIT_INPUT;
    if (!load_inputs(&r) || !choose_targets(&r, &r.targets))
        goto done;
    const unsigned targets = r.targets;
    // The summary poster, or its advice, needs them too.
    for (size_t i = 0; (targets & (CP_TARGET_BADGE | CP_TARGET_POSTER)) && i < r.n; i++)
        if (!load_summary(&r, &r.docs[i], targets & CP_TARGET_BADGE))
            goto done;

    // Every output is tried; what can be made is written, and each failure
    // is reported and listed in the manifest (exit 3).
    if ((targets & CP_TARGET_POSTER) && !build_poster(&r))
        manifest_add_failure(r.failures, g_strdup("poster.pdf"));
    for (size_t i = 0; i < r.n; i++) {
        Doc *d = &r.docs[i];
        if ((targets & CP_TARGET_HANDOUT) && !build_handout(&r, d))
            manifest_add_failure(r.failures, named("handout", d, ".pdf"));
        for (size_t k = 0; (targets & CP_TARGET_BADGE) && k < n_sizes; k++)
            if (!build_badge(&r, d, &sizes[k]))
                manifest_add_failure(r.failures,
                                     g_strdup_printf("badge-%s%s.pdf", sizes[k].name, d->suffix));
    }

    GString *lines = g_string_new(NULL);
    for (guint i = 0; i < r.entries->len; i++)
        g_string_append_printf(lines, "%s\n", g_array_index(r.entries, Entry, i).summary);
    if (opt->check)
        g_string_append_printf(lines, "check: %s; nothing written to %s\n",
                               r.failures->len ? "some outputs do not fit" : "everything fits",
                               opt->out_dir);
    rc = opt->check || write_outputs(&r) ? CP_EXIT_OK : CP_EXIT_OUTPUT;
    if (rc == CP_EXIT_OK && (!opt->quiet || opt->check))
        fputs(lines->str, stderr);
    if (rc == CP_EXIT_OK && r.failures->len)
        rc = CP_EXIT_NO_FIT;
    g_string_free(lines, TRUE);

done:
    for (guint i = 0; i < r.entries->len; i++)
        entry_clear(&g_array_index(r.entries, Entry, i));
    g_array_free(r.entries, TRUE);
    g_array_free(r.failures, TRUE);
    poster_finish(&r.poster);
    for (size_t i = 0; i < r.n; i++)
        doc_finish(&r.docs[i]);
    g_free(r.docs);
    g_free(sizes);
    g_free(r.ev_text);
    event_destroy(r.ev);
    hyphenate_release_all();
    return rc;
}
