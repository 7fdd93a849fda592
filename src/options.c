#include "options.h"

#include "diag.h"
#include "lang.h"
#include "paper.h"
#include "postermode.h"

#include <locale.h>
#include <string.h>
#include <sys/resource.h>

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
    "  4  the output folder could not be written (it is left as it was), or\n"
    "     another run held it for 10 s\n"
    "  5  the address-space limit (ulimit -v) is under the 512 MiB a run needs";

unsigned options_parse_targets(const char *list)
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

// SOURCE_DATE_EPOCH as the PDFs' creation date, for identical bytes in CI.
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

// The checks that keep run() from values it cannot use: false after an
// error message.
static bool check(const CpOptions *o)
{
    if (!*o->out_dir) {
        diag_error(NULL, 0, 0, "the output folder's name (-o) is empty; name a folder");
        return false;
    }
    if (g_ascii_strcasecmp(o->paper, "a4") != 0 && g_ascii_strcasecmp(o->paper, "letter") != 0) {
        diag_error(NULL, 0, 0, "unknown paper '%s'; use --paper a4 or --paper letter", o->paper);
        return false;
    }
    if (o->poster_size && !paper_lookup(o->poster_size)) {
        diag_error(NULL, 0, 0, "unknown poster size '%s'; use one of a4, a3, a2, letter, tabloid",
                   o->poster_size);
        return false;
    }
    if (!(o->min_pt >= 4 && o->min_pt <= 72)) {
        diag_error(NULL, 0, 0, "--min-size %.10g is out of range; use 4 to 72 points", o->min_pt);
        return false;
    }
    for (int i = 0; o->badges && o->badges[i]; i++) {
        CpPaper size;
        if (!paper_badge(o->badges[i], &size)) {
            diag_error(NULL, 0, 0, "unknown badge size '%s'; use %s", o->badges[i], CP_BADGE_SIZES);
            return false;
        }
    }
    if (!(o->badge_min_pt >= 4 && o->badge_min_pt <= 72)) {
        diag_error(NULL, 0, 0, "--badge-min-size %.10g is out of range; use 4 to 72 points",
                   o->badge_min_pt);
        return false;
    }
    CpLang lang;
    if (o->lang && !lang_resolve(o->lang, &lang)) {
        diag_error(NULL, 0, 0,
                   "--lang '%s' is not a language tag; write it as BCP 47, such as en, fr, "
                   "pt-BR or zh-Hant",
                   o->lang);
        return false;
    }
    return true;
}

// --poster (what the poster carries) and --poster-layout; NULL: auto.
static bool parse_poster(const char *text, const char *layout, CpOptions *o)
{
    CpPosterMode mode = CP_POSTER_AUTO;
    if (text && !poster_mode_parse(text, &mode)) {
        diag_error(NULL, 0, 0, "unknown poster content '%s'; use --poster auto, full or summary",
                   text);
        return false;
    }
    o->poster_mode = (int)mode;
    o->poster_layout = CP_LAYOUT_AUTO;
    if (layout && strcmp(layout, "side-by-side") != 0 && strcmp(layout, "stacked") != 0) {
        diag_error(NULL, 0, 0, "unknown poster layout '%s'; use side-by-side or stacked", layout);
        return false;
    }
    if (layout)
        o->poster_layout = strcmp(layout, "stacked") == 0 ? CP_LAYOUT_STACKED : CP_LAYOUT_SIDE;
    return true;
}

CpExit options_parse(CpArgs *a, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    CpOptions *o = &a->opt;
    char **out_dir = &a->strs[0], **target = &a->strs[1], **paper = &a->strs[2],
         **poster_size = &a->strs[3], **event = &a->strs[4], **lang = &a->strs[5],
         **layout = &a->strs[6], **poster = &a->strs[8];
    o->min_pt = 8.0;
    o->badge_min_pt = 6.0;
    gboolean png = FALSE, quiet = FALSE, version = FALSE, check_only = FALSE, outline = FALSE,
             allow_links = FALSE;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, out_dir, "Output folder (default: out)", "DIR"},
        {"target", 't', 0, G_OPTION_ARG_STRING, target,
         "Outputs to make, comma-separated (default: all)", "LIST"},
        {"paper", 0, 0, G_OPTION_ARG_STRING, paper, "Paper family: a4 or letter (default: a4)",
         "a4|letter"},
        {"poster-size", 0, 0, G_OPTION_ARG_STRING, poster_size,
         "The poster's page alone: a4, a3, a2, letter, tabloid", "SIZE"},
        {"event", 'e', 0, G_OPTION_ARG_FILENAME, event, "Event data file (YAML)", "FILE"},
        {"lang", 'l', 0, G_OPTION_ARG_STRING, lang,
         "The document's language, BCP 47 (default: front matter, file name, else en)", "TAG"},
        {"poster", 0, 0, G_OPTION_ARG_STRING, poster,
         "What the poster carries: auto (default: the whole policy if it fits, else the "
         "summary), full or summary",
         "auto|full|summary"},
        {"poster-layout", 0, 0, G_OPTION_ARG_STRING, layout,
         "Several translations on the poster: side-by-side or stacked (default: the one that sets "
         "them larger)",
         "LAYOUT"},
        {"min-size", 0, 0, G_OPTION_ARG_DOUBLE, &o->min_pt,
         "Smallest body size allowed, in points (default: 8)", "PT"},
        {"badge", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &a->badges,
         "Badge insert size, repeatable: 4x3in, a6, a7, cr80, WxHmm (default: 4x3in and a6)",
         "SIZE"},
        {"badge-min-size", 0, 0, G_OPTION_ARG_DOUBLE, &o->badge_min_pt,
         "Smallest type allowed on badge inserts, in points (default: 6)", "PT"},
        {"outline", 0, 0, G_OPTION_ARG_NONE, &outline,
         "Sheets show trim outlines only, for an alignment test on plain paper", NULL},
        {"allow-links", 0, 0, G_OPTION_ARG_NONE, &allow_links,
         "Follow symbolic links to inputs outside their folder (never into .git)", NULL},
        {"check", 0, 0, G_OPTION_ARG_NONE, &check_only,
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
    bool parsed = g_option_context_parse(ctx, &argc, &argv, &err);
    g_option_context_free(ctx);
    if (!parsed) {
        diag_error(NULL, 0, 0, "%s (see cocprint --help)", err->message);
        g_error_free(err);
        return CP_EXIT_USAGE;
    }
    static const char *const default_input[] = {"content/code-of-conduct.md", NULL};
    o->inputs = argc > 1 ? (const char *const *)argv + 1 : default_input;
    if (argc - 1 > CP_MAX_INPUTS) {
        diag_error(NULL, 0, 0,
                   "%d input files; one run takes at most %d translations (each adds its "
                   "handout, badges and fonts): make the others in a second run, into another "
                   "folder (-o)",
                   argc - 1, CP_MAX_INPUTS);
        return CP_EXIT_USAGE;
    }
    o->out_dir = *out_dir ? *out_dir : "out";
    o->event_file = *event;
    o->paper = *paper ? *paper : "a4";
    o->poster_size = *poster_size;
    o->lang = *lang;
    if (!parse_poster(*poster, *layout, o))
        return CP_EXIT_USAGE;
    o->badges = (const char *const *)a->badges;
    o->targets_explicit = *target != NULL;
    o->png = png;
    o->quiet = quiet;
    o->check = check_only;
    o->outline = outline;
    o->allow_links = allow_links;
    a->version = version;
    if (version)
        return CP_EXIT_OK;
    if (!check(o))
        return CP_EXIT_USAGE;
    o->targets = *target ? options_parse_targets(*target) : CP_TARGET_ALL;
    if (!o->targets)
        return CP_EXIT_USAGE;
    o->date = a->strs[7] = creation_date();
    return CP_EXIT_OK;
}

void options_finish(CpArgs *a)
{
    for (size_t i = 0; i < G_N_ELEMENTS(a->strs); i++)
        g_free(a->strs[i]);
    g_strfreev(a->badges);
    memset(a, 0, sizeof *a);
}

void options_set_locale(void)
{
    // C.UTF-8 is built into glibc 2.35 and later; "C" keeps numbers right
    // where it is missing.
    if (!setlocale(LC_ALL, "C.UTF-8"))
        setlocale(LC_ALL, "C");
}

CpExit options_check_limits(void)
{
    struct rlimit rl;
    const rlim_t need = (rlim_t)CP_MIN_ADDRESS_SPACE_MIB * 1024 * 1024;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need)
        return CP_EXIT_OK;
    fprintf(stderr,
            "cocprint: error: the address-space limit (ulimit -v) is %llu MiB; a run needs %d "
            "MiB: raise it (ulimit -v %d) or lift it\n",
            (unsigned long long)(rl.rlim_cur / (1024 * 1024)), CP_MIN_ADDRESS_SPACE_MIB,
            CP_MIN_ADDRESS_SPACE_MIB * 1024);
    return CP_EXIT_LIMITS;
}
