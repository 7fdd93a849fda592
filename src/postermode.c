#include "postermode.h"

#include "diag.h"

#include <string.h>

bool poster_mode_parse(const char *text, CpPosterMode *mode)
{
    static const char *const names[] = {"auto", "full", "summary"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (strcmp(text, names[i]) == 0) {
            *mode = (CpPosterMode)i;
            return true;
        }
    return false;
}

static CpBuildStatus build(const CpPosterJob *job, const CpDocument *const *docs, bool summary,
                           CpPoster *out)
{
    // A summary is titled as its policy: shallow copies with the title.
    CpDocument *titled = g_new(CpDocument, job->n);
    const CpDocument **dd = g_new(const CpDocument *, job->n);
    for (size_t i = 0; i < job->n; i++) {
        titled[i] = *docs[i];
        titled[i].title = job->docs[i]->title;
        dd[i] = &titled[i];
    }
    CpBuildStatus st;
    if (job->n == 1) {
        CpBuildInput in = *job->in;
        in.doc = dd[0];
        st = poster_build(&in, summary, out);
    } else
        st = poster_build_multi(job->in, job->fonts, dd, job->n, job->layout, summary, out);
    g_free(dd);
    g_free(titled);
    return st;
}

// Whether every translation has a summary and the event a policy URL for
// the summary poster to point to; else says, into WHAT, what is missing.
static bool can_summarize(const CpPosterJob *job, const char **what)
{
    const CpEvent *ev = job->in->event;
    for (size_t i = 0; i < job->n; i++)
        if (!job->summaries[i]) {
            *what = job->n > 1 ? "a short summary for each translation ('summary:' in its front "
                                 "matter)"
                               : "a short summary ('summary:' in the event data or the front "
                                 "matter)";
            return false;
        }
    if (!ev || !ev->policy_url) {
        *what = "the address of the whole policy ('policy_url:' in the event data)";
        return false;
    }
    return true;
}

// The poster that does not fit: why, then every fix that would work.
static void report(const CpPoster *p, const CpPosterJob *job, bool summary)
{
    GString *fix = g_string_new(NULL);
    const char *missing = NULL;
    bool can = can_summarize(job, &missing);
    if (p->text_bound)
        g_string_append(fix, summary ? "shorten the summary, " : "shorten the text, ");
    if (p->fits_on)
        g_string_append_printf(fix, "print a larger poster (--poster-size %s), ", p->fits_on->name);
    // A summary helps where the text's length is the reason.
    if (!summary && p->text_bound && can && job->mode == CP_POSTER_FULL)
        g_string_append(fix, "put the summary on the poster instead (--poster summary), ");
    else if (!summary && p->text_bound && !can)
        g_string_append_printf(fix, "add %s for the poster to carry instead (--poster auto), ",
                               missing);
    bool alone = fix->len == 0; // the reason's own fix, then this one
    g_string_append(fix, "or leave the poster out (--target without poster)");
    if (!alone)
        fix->str[0] = g_ascii_toupper(fix->str[0]);
    diag_error(NULL, 0, 0, "%s%s%s%s", summary ? "the summary poster: " : "", p->why,
               alone ? "; " : ". ", fix->str);
    g_string_free(fix, TRUE);
}

CpBuildStatus poster_make(const CpPosterJob *job, CpPoster *out, bool *summary)
{
    *summary = false;
    const CpPaper *whole_on = NULL;
    if (job->mode != CP_POSTER_SUMMARY) {
        if (build(job, job->docs, false, out) == CP_BUILD_OK)
            return CP_BUILD_OK;
        const char *missing;
        if (job->mode == CP_POSTER_FULL || !can_summarize(job, &missing)) {
            report(out, job, false);
            return CP_BUILD_NO_FIT;
        }
        whole_on = out->fits_on;
        poster_finish(out);
    } else {
        const char *missing;
        if (!can_summarize(job, &missing)) {
            diag_error(NULL, 0, 0, "the summary poster (--poster summary) needs %s", missing);
            return CP_BUILD_NO_FIT;
        }
    }
    if (build(job, job->summaries, true, out) != CP_BUILD_OK) {
        report(out, job, true);
        return CP_BUILD_NO_FIT;
    }
    *summary = true;
    if (job->mode == CP_POSTER_AUTO) {
        const CpPaper *paper = job->in->paper;
        if (whole_on)
            diag_warn(NULL, 0, 0,
                      "the whole policy does not fit the %s poster at %.1f pt: it carries the "
                      "summary and the way to the whole text (the whole text fits with "
                      "--poster-size %s)",
                      paper->label, job->in->min_pt, whole_on->name);
        else
            diag_warn(NULL, 0, 0,
                      "the whole policy does not fit the %s poster at %.1f pt, nor any larger "
                      "poster size: it carries the summary and the way to the whole text",
                      paper->label, job->in->min_pt);
    }
    return CP_BUILD_OK;
}
