// What a run is asked to do: the command line and the environment, parsed
// and checked, for main.c and the test tools alike.
#pragma once
#include "page.h"

#include <glib.h>
#include <stdbool.h>

typedef enum {
    CP_EXIT_OK = 0,
    CP_EXIT_INPUT = 1,  // the Markdown, front matter or event data is wrong
    CP_EXIT_USAGE = 2,  // a wrong option
    CP_EXIT_NO_FIT = 3, // the text does not fit at the minimum size
    CP_EXIT_OUTPUT = 4, // the output folder could not be written
    CP_EXIT_LIMITS = 5, // the process may not use what a run needs (ulimit -v)
} CpExit;

enum {
    CP_TARGET_POSTER = 1 << 0,
    CP_TARGET_HANDOUT = 1 << 1,
    CP_TARGET_BADGE = 1 << 2,
    CP_TARGET_ALL = 7,
};

/* Called with each output's pages as laid out, before they are rendered:
 * the layout snapshots (tests/layout.c) read them. */
typedef void (*CpPagesFn)(void *data, const char *file, CpPage *const *pages, size_t n);

typedef struct {
    const char *const *inputs; // Markdown files, NULL-terminated: one per translation
    const char *out_dir;       // output folder
    const char *event_file;    // --event, or NULL
    unsigned targets;          // CP_TARGET_* bits
    const char *paper;         // a4 or letter
    const char *poster_size;   // NULL: from paper
    double min_pt;             // minimum body size, poster and handout
    double badge_min_pt;       // minimum size on badge inserts
    const char *const *badges; // badge sizes, NULL-terminated; NULL: 4x3in and a6
    bool targets_explicit;     // --target given: a badge without contacts is an error
    const char *lang;          // --lang, or NULL
    int poster_layout;         // several translations: a CpLayout
    int poster_mode;           // what the poster carries: a CpPosterMode
    bool png, quiet;
    bool check;         // lay out and report, write nothing
    bool outline;       // badge sheets show trim outlines instead of the design
    bool allow_links;   // inputs may be symbolic links to files outside their folder
    const char *date;   // the PDFs' creation date (SOURCE_DATE_EPOCH), or NULL
    CpPagesFn on_pages; // or NULL
    void *on_pages_data;
} CpOptions;

/* The parsed command line: OPT, and the strings it points into. */
typedef struct {
    CpOptions opt;
    bool version; // -V: print the version and do nothing else
    char *strs[9];
    char **badges;
} CpArgs;

/* Sets the one locale every run uses, whatever the user's: C.UTF-8. Numbers
 * are written and read with a decimal point (cairo 1.16 reads link
 * rectangles back with the locale's strtod, and a decimal comma broke every
 * PDF with a link); upper case follows Unicode's rules, not Turkish ones (a
 * tr_TR locale made "LEİCESTERJS"); Pango's default language does not come
 * from the machine. The same input gives the same bytes in any locale. */
void options_set_locale(void);

/* Translations in one run, at most: 17 took 9 s (each loads its fonts and
 * makes its own handout and badges); 8 stay within the 5 s a run may take. */
#define CP_MAX_INPUTS 8

/* The address space a run needs: the seed takes some 160 MiB, 50 megapixels
 * of pictures some 330 MiB; below about 200 MiB fontconfig's and GLib's
 * threads crash (SIGSEGV, SIGTRAP) rather than report. */
#define CP_MIN_ADDRESS_SPACE_MIB 512

/* Checks the limits the process runs under: an address-space limit (ulimit
 * -v, RLIMIT_AS) below CP_MIN_ADDRESS_SPACE_MIB is CP_EXIT_LIMITS after an
 * error that says what to raise it to. Call first: nothing else runs then. */
CpExit options_check_limits(void);

/* Parses and checks ARGV (cocprint's options, then the input files) into
 * ARGS; CP_EXIT_USAGE after an error message. ARGV keeps the input files,
 * which ARGS->opt.inputs points into. */
CpExit options_parse(CpArgs *args, int argc, char **argv);
void options_finish(CpArgs *args);

/* Parses a comma-separated --target list (poster, handout, badge, all) into
 * CP_TARGET_* bits; 0 (after an error message) when a name is unknown. */
unsigned options_parse_targets(const char *list);
