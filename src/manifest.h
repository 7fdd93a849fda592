// The manifest: manifest.json in the output folder lists what a run made;
// the next run reads it back to remove the files it no longer makes.
#pragma once
#include "output.h"

#include <glib.h>
#include <stddef.h>

/* One file a run made, as the manifest lists it. */
typedef struct {
    char *file;       // "poster.pdf"
    const char *kind; // "poster", "poster-preview", "handout", "handout-sheet", "badge",
                      // "badge-sheet" (static)
    char *stock;      // "A4", "4 x 3 in", "A4 2 x 3"
    double w_mm, h_mm;
    int pages, per_sheet, columns; // per_sheet, columns: 0 when they do not apply
    double body_pt, fill;          // body_pt: 0 when it does not apply
    const char *content;           // a poster's: "full" or "summary"; else NULL
} CpManifestEntry;

/* An output a run tried and could not make. */
typedef struct {
    char *output; // its file: "poster.pdf", "handout.fr.pdf", "badge-a6.pdf"
    char *reason; // what did not fit, by how much
    char *hint;   // what would fix it, or ""
} CpManifestFailure;

void manifest_failure_clear(CpManifestFailure *f);

/* An array of CpManifestFailure that clears them when freed. */
GArray *manifest_failures_new(void);

/* Appends OUTPUT's failure to FAILURES, from the last error printed
 * (diag_last_error): the reason, and the hint after its first "; " or ". ".
 * Frees OUTPUT. */
void manifest_add_failure(GArray *failures, char *output);

/* The manifest's bytes for ENTRIES (N of them), FAILURES (listed as
 * "failures" when there are any) and PENDING (N_PENDING names of an earlier
 * run's files still to remove, listed as "pending_removal" when there are
 * any). Numbers are written the same in every locale. */
GBytes *manifest_write(const CpManifestEntry *entries, size_t n, const CpManifestFailure *failures,
                       size_t n_failures, const char *const *pending, size_t n_pending);

/* Whether NAME is one cocprint gives its files: poster.pdf, poster.png,
 * handout[-sheet][.LANG].pdf, badge-SIZE[-sheet][.LANG].pdf. */
bool manifest_name_ours(const char *name);

/* The file names the manifest in DIR lists (files and pending removals),
 * that cocprint gives its files
 * (poster.pdf, poster.png, handout[.LANG].pdf, handout-sheet[.LANG].pdf,
 * badge-SIZE[-sheet][.LANG].pdf), each once, in the order listed: an empty
 * array when there is none, or it is not cocprint's, or not a small regular
 * file. Free with g_ptr_array_free(names, TRUE). */
GPtrArray *manifest_read_names(const char *dir);

/* What a run made, could not make, and was asked for. */
typedef struct {
    const CpManifestEntry *entries;
    size_t n;
    const CpManifestFailure *failures;
    size_t n_failures;
    unsigned targets; // CP_TARGET_*: the targets it was asked for
} CpManifestRun;

/* Commits OUT (its files queued) with the manifest of RUN, under the
 * folder's lock: reads the old manifest, places the new files, then removes
 * the files the old one listed that belong to RUN's targets and that RUN
 * did not make (a failed output's old files too), naming each on stderr.
 * Old files of other targets stay, and stay listed. Stale files are first
 * listed as pending removals, so a run stopped midway leaves them to the
 * next. False after an error (the folder as it was). */
bool manifest_commit(CpOutput *out, const CpManifestRun *run);
