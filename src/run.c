#include "run.h"

#include "config.h"
#include "diag.h"
#include "document.h"
#include "event.h"
#include "fonts.h"
#include "meta.h"
#include "output.h"
#include "poster.h"
#include "render.h"
#include "source.h"

#include <stdio.h>
#include <string.h>

unsigned run_parse_targets(const char *list)
{
    unsigned t = 0;
    char **names = g_strsplit(list, ",", -1);
    for (int i = 0; names[i]; i++) {
        char *n = g_strstrip(names[i]);
        if (strcmp(n, "poster") == 0) {
            t |= CP_TARGET_POSTER;
        } else if (strcmp(n, "all") == 0) {
            t |= CP_TARGET_POSTER;
        } else {
            diag_error(NULL, 0, 0, "unknown target '%s'; the targets are: poster", n);
            t = 0;
            break;
        }
    }
    g_strfreev(names);
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
    const char *strs[] = {ev->name,           ev->policy_url,       ev->report_url,
                          ev->version,        ev->date,             ev->hotline.phone,
                          ev->hotline.email,  ev->security.phone,   ev->security.where,
                          ev->emergency,      ev->staff};
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
                         const CpEvent *ev, const char *event_text)
{
    if (!check_text(fonts, doc->title, src->path, src->data, doc->title_line))
        return false;
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

CpExit run(const CpOptions *opt)
{
    CpExit rc = CP_EXIT_INPUT;
    CpMeta meta = {0};
    CpEvent *ev = NULL;
    CpFonts *fonts = NULL;
    CpDocument *doc = NULL;
    CpOutput *out = NULL;
    CpPoster poster = {0};
    char *event_text = NULL, *date = NULL;
    GString *manifest = NULL;
    GString *summary = g_string_new(NULL);

    CpSource *src = source_load(opt->input);
    if (!src || !meta_parse(src, &meta))
        goto done;
    bool ev_failed;
    ev = find_event(opt, src, &meta, &event_text, &ev_failed);
    if (ev_failed)
        goto done;
    if (!(doc = document_create(src, &meta)))
        goto done;
    if (!(fonts = fonts_create(fonts_default_dir())))
        goto done;
    if (!check_glyphs(fonts, src, doc, ev, event_text))
        goto done;

    out = output_create(opt->out_dir);
    manifest = g_string_new("{\n  \"generator\": \"cocprint " COCPRINT_VERSION "\",\n"
                            "  \"files\": [");
    date = creation_date();
    int n_files = 0;

    if (opt->targets & CP_TARGET_POSTER) {
        const CpPaper *paper = paper_lookup(opt->poster_size ? opt->poster_size : opt->paper);
        if (poster_build(fonts, doc, &meta, ev, paper, opt->min_pt, &poster) != CP_BUILD_OK) {
            rc = CP_EXIT_NO_FIT;
            goto done;
        }
        char *subject = g_strdup_printf("Code of conduct%s%s", ev && ev->name ? " of " : "",
                                        ev && ev->name ? ev->name : "");
        CpPdfInfo info = {doc->title ? doc->title : "Code of Conduct", ev ? ev->name : NULL,
                          subject, "cocprint " COCPRINT_VERSION, date};
        GBytes *pdf = render_pdf(&poster.page, 1, &info);
        g_free(subject);
        if (!pdf) {
            rc = CP_EXIT_OUTPUT;
            goto done;
        }
        output_add(out, "poster.pdf", pdf);
        g_bytes_unref(pdf);
        g_string_append_printf(manifest,
                               "%s\n    {\"file\": \"poster.pdf\", \"kind\": \"poster\", "
                               "\"paper\": ",
                               n_files++ ? "," : "");
        json_string(manifest, paper->name);
        g_string_append_printf(manifest,
                               ", \"page_size_mm\": [%.1f, %.1f], \"pages\": 1, "
                               "\"body_pt\": %.2f, \"columns\": %d, \"fill\": %.3f}",
                               paper->w, paper->h, poster.body_pt, poster.columns, poster.fill);
        g_string_append_printf(summary, "poster.pdf  %s  1 page  body %.1f pt  %d column%s\n",
                               paper->label, poster.body_pt, poster.columns,
                               poster.columns > 1 ? "s" : "");
        if (opt->png) {
            GBytes *png = render_png(poster.page, 100);
            if (!png) {
                rc = CP_EXIT_OUTPUT;
                goto done;
            }
            output_add(out, "poster.png", png);
            g_bytes_unref(png);
            g_string_append_printf(manifest,
                                   ",\n    {\"file\": \"poster.png\", \"kind\": "
                                   "\"poster-preview\", \"dpi\": 100, \"pages\": 1}");
            g_string_append(summary, "poster.png  preview  100 dpi\n");
        }
    }
    g_string_append(manifest, "\n  ]\n}\n");
    GBytes *mf = g_bytes_new(manifest->str, manifest->len);
    output_add(out, "manifest.json", mf);
    g_bytes_unref(mf);
    if (!output_commit(out)) {
        rc = CP_EXIT_OUTPUT;
        goto done;
    }
    if (!opt->quiet)
        fputs(summary->str, stderr);
    rc = CP_EXIT_OK;

done:
    poster_finish(&poster);
    output_destroy(out);
    if (manifest)
        g_string_free(manifest, TRUE);
    g_string_free(summary, TRUE);
    g_free(date);
    g_free(event_text);
    fonts_destroy(fonts);
    document_destroy(doc);
    event_destroy(ev);
    meta_finish(&meta);
    source_destroy(src);
    return rc;
}
