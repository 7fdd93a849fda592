// The handout: the whole policy on A6 (or quarter-letter) cards, an even
// number of pages to print front and back, contacts on the last page.
#pragma once
#include "document.h"
#include "event.h"
#include "fonts.h"
#include "labels.h"
#include "meta.h"
#include "page.h"
#include "paper.h"
#include "poster.h"

typedef struct {
    CpPage **pages;
    int n_pages;
    double body_pt;
    const CpPaper *paper;
} CpHandout;

/* The fewest even number of pages on which everything fits at MIN_PT or
 * more, then the largest body size that fills them. Prints why and returns
 * CP_BUILD_NO_FIT when the contacts alone do not fit a page. */
CpBuildStatus handout_build(CpFonts *fonts, const CpDocument *doc, const CpMeta *meta,
                            const CpEvent *event, const CpLabels *labels, bool letter,
                            double min_pt, CpHandout *out);

void handout_finish(CpHandout *handout);
