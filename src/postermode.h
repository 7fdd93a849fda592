// What the poster carries: the whole policy, or, when it cannot fit, the
// summary with the way to the whole text (--poster auto|full|summary).
#pragma once
#include "poster.h"

typedef enum { CP_POSTER_AUTO, CP_POSTER_FULL, CP_POSTER_SUMMARY } CpPosterMode;

/* One poster of N translations (one: a poster of its own). IN gives the
 * meta, event, labels (joined, for several), paper and minimum size. */
typedef struct {
    const CpBuildInput *in;
    CpFonts *const *fonts;              // each translation's
    const CpDocument *const *docs;      // the policies
    const CpDocument *const *summaries; // each one's summary, or NULL where it has none
    size_t n;
    CpLayout layout; // several: side by side, stacked, or the better
    CpPosterMode mode;
} CpPosterJob;

/* Makes the poster JOB asks for. AUTO: the whole policy when it fits at the
 * minimum size, else the summaries, with a warning saying so and what would
 * hold the whole text. *SUMMARY says which. Prints the error, with every fix
 * that would work, and returns CP_BUILD_NO_FIT when no poster is made. */
CpBuildStatus poster_make(const CpPosterJob *job, CpPoster *out, bool *summary);

/* "auto", "full" or "summary" as a mode; false when it is none of them. */
bool poster_mode_parse(const char *text, CpPosterMode *mode);
