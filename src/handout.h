// The handout: the whole policy on A6 (or quarter-letter) cards, an even
// number of pages to print front and back, contacts on the last page.
#pragma once
#include "build.h"
#include "page.h"

typedef struct {
    CpPage **pages;
    int n_pages;
    double body_pt;
    const CpPaper *paper;
} CpHandout;

/* The fewest even number of IN's paper (A6 or quarter-letter cards) on
 * which everything fits at IN's minimum size or more, then the largest body
 * size that fills them. Prints why and returns
 * CP_BUILD_NO_FIT when the contacts alone do not fit a page. */
CpBuildStatus handout_build(const CpBuildInput *in, CpHandout *out);

void handout_finish(CpHandout *handout);
