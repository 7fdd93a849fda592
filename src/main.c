// cocprint: a code of conduct in Markdown to the print material an event needs.
#include "config.h"
#include "diag.h"
#include "lang.h"
#include "poster.h"
#include "run.h"

#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char summary[] =
    "Turns a code of conduct written in Markdown into print-ready PDFs: a poster\n"
    "with the whole policy on one page, an A6 handout (4-up on A4 to print duplex\n"
    "and cut), and badge-back inserts with who to contact, imposed on label stock.\n"
    "\n"
    "FILE defaults to content/code-of-conduct.md. Event data (contacts) comes from\n"
    "--event, else an 'event:' key in the front matter, else event.yml beside FILE.\n"
    "Several FILEs are translations: one poster with every language, and a handout\n"
    "and badges per language (handout.fr.pdf, badge-a6.fr.pdf).";

static const char footer[] =
    "Targets: poster (poster.pdf), handout (handout.pdf, handout-sheet.pdf),\n"
    "badge (badge-SIZE.pdf, badge-SIZE-sheet.pdf). Default: all three.\n"
    "Poster sizes: a4, a3, a2, letter, tabloid.\n"
    "Badge sizes: 4x3in (default), a6 (default), a7, cr80, or WxHmm.\n"
    "\n"
    "Sheets: print at 100% (actual size), never fit-to-page. The handout sheet\n"
    "(and a6 and a7 badges on A4) fill the sheet to its edge: they need a printer\n"
    "that prints close to the edge, or a print shop. --outline prints the trim\n"
    "outlines only, to test a label sheet's alignment on plain paper first.\n"
    "\n"
    "Exit status:\n"
    "  0  every output written (or, with --check, everything fits)\n"
    "  1  the Markdown, its front matter or the event data has an error\n"
    "  2  an option is wrong\n"
    "  3  the text does not fit at the minimum body size\n"
    "  4  the output folder could not be written (it is left as it was)";

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    char *out_dir = NULL, *target = NULL, *paper = NULL, *poster_size = NULL, *event = NULL,
         *lang = NULL, *layout = NULL;
    double min_pt = 8.0, badge_min_pt = 6.0;
    char **badges = NULL;
    gboolean png = FALSE, quiet = FALSE, version = FALSE, check = FALSE, outline = FALSE,
             allow_links = FALSE;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, "Output folder (default: out)", "DIR"},
        {"target", 't', 0, G_OPTION_ARG_STRING, &target,
         "Outputs to make, comma-separated (default: all)", "LIST"},
        {"paper", 0, 0, G_OPTION_ARG_STRING, &paper, "Paper family: a4 or letter (default: a4)",
         "a4|letter"},
        {"poster-size", 0, 0, G_OPTION_ARG_STRING, &poster_size,
         "The poster's page alone: a4, a3, a2, letter, tabloid", "SIZE"},
        {"event", 'e', 0, G_OPTION_ARG_FILENAME, &event, "Event data file (YAML)", "FILE"},
        {"lang", 'l', 0, G_OPTION_ARG_STRING, &lang,
         "The document's language, BCP 47 (default: front matter, file name, else en)", "TAG"},
        {"poster-layout", 0, 0, G_OPTION_ARG_STRING, &layout,
         "Several translations on the poster: side-by-side (default) or stacked", "LAYOUT"},
        {"min-size", 0, 0, G_OPTION_ARG_DOUBLE, &min_pt,
         "Smallest body size allowed, in points (default: 8)", "PT"},
        {"badge", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &badges,
         "Badge insert size, repeatable: 4x3in, a6, a7, cr80, WxHmm (default: 4x3in and a6)",
         "SIZE"},
        {"badge-min-size", 0, 0, G_OPTION_ARG_DOUBLE, &badge_min_pt,
         "Smallest type allowed on badge inserts, in points (default: 6)", "PT"},
        {"outline", 0, 0, G_OPTION_ARG_NONE, &outline,
         "Sheets show trim outlines only, for an alignment test on plain paper", NULL},
        {"allow-links", 0, 0, G_OPTION_ARG_NONE, &allow_links,
         "Follow symbolic links to inputs outside their folder (never into .git)", NULL},
        {"check", 0, 0, G_OPTION_ARG_NONE, &check,
         "Lay everything out and report the fit; write nothing", NULL},
        {"png", 0, 0, G_OPTION_ARG_NONE, &png, "Also write poster.png (100 dpi) for review", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No summary lines on stderr", NULL},
        {"version", 'V', 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL},
    };
    GOptionContext *ctx = g_option_context_new("[FILE...]");
    g_option_context_set_summary(ctx, summary);
    g_option_context_set_description(ctx, footer);
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int rc = CP_EXIT_USAGE;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        diag_error(NULL, 0, 0, "%s (see cocprint --help)", err->message);
        g_error_free(err);
        goto done;
    }
    if (version) {
        printf("cocprint %s\n", COCPRINT_VERSION);
        rc = CP_EXIT_OK;
        goto done;
    }
    if (layout && strcmp(layout, "side-by-side") != 0 && strcmp(layout, "stacked") != 0) {
        diag_error(NULL, 0, 0, "unknown poster layout '%s'; use side-by-side or stacked", layout);
        goto done;
    }
    static const char *const default_input[] = {"content/code-of-conduct.md", NULL};
    CpOptions opt = {
        .inputs = argc > 1 ? (const char *const *)argv + 1 : default_input,
        .poster_layout = layout,
        .out_dir = out_dir ? out_dir : "out",
        .event_file = event,
        .paper = paper ? paper : "a4",
        .poster_size = poster_size,
        .min_pt = min_pt,
        .badge_min_pt = badge_min_pt,
        .lang = lang,
        .badges = (const char *const *)badges,
        .targets_explicit = target != NULL,
        .png = png,
        .quiet = quiet,
        .check = check,
        .outline = outline,
        .allow_links = allow_links,
    };
    if (g_ascii_strcasecmp(opt.paper, "a4") != 0 && g_ascii_strcasecmp(opt.paper, "letter") != 0) {
        diag_error(NULL, 0, 0, "unknown paper '%s'; use --paper a4 or --paper letter", opt.paper);
        goto done;
    }
    if (poster_size && !paper_lookup(poster_size)) {
        diag_error(NULL, 0, 0, "unknown poster size '%s'; use one of a4, a3, a2, letter, tabloid",
                   poster_size);
        goto done;
    }
    if (!(min_pt >= 4 && min_pt <= 72)) {
        diag_error(NULL, 0, 0, "--min-size %.1f is out of range; use 4 to 72 points", min_pt);
        goto done;
    }
    for (int i = 0; badges && badges[i]; i++) {
        CpPaper size;
        if (!paper_badge(badges[i], &size)) {
            diag_error(NULL, 0, 0, "unknown badge size '%s'; use %s", badges[i], CP_BADGE_SIZES);
            goto done;
        }
    }
    if (!(badge_min_pt >= 4 && badge_min_pt <= 72)) {
        diag_error(NULL, 0, 0, "--badge-min-size %.1f is out of range; use 4 to 72 points",
                   badge_min_pt);
        goto done;
    }
    CpLang check_lang;
    if (lang && !lang_resolve(lang, &check_lang)) {
        diag_error(NULL, 0, 0,
                   "--lang '%s' is not a language tag; write it as BCP 47, such as "
                   "en, fr, pt-BR or zh-Hant",
                   lang);
        goto done;
    }
    opt.targets = target ? run_parse_targets(target) : CP_TARGET_ALL;
    if (!opt.targets)
        goto done;
    rc = run(&opt);

done:
    g_option_context_free(ctx);
    g_free(out_dir);
    g_free(target);
    g_free(paper);
    g_free(poster_size);
    g_free(event);
    g_free(lang);
    g_free(layout);
    g_strfreev(badges);
    return rc;
}
