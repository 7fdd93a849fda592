// The poster: one page for the venue wall. Title at the top, the whole policy
// fitted as large as the page allows, contacts and a QR code at the bottom.
#pragma once
#include "document.h"
#include "event.h"
#include "fonts.h"
#include "labels.h"
#include "meta.h"
#include "page.h"
#include "paper.h"

typedef struct {
    CpPage *page;
    double body_pt;
    int columns;
    double fill;              // tallest column over the body area's height
    struct CpContacts *panel; // the page's links point into it
} CpPoster;

typedef enum { CP_BUILD_OK, CP_BUILD_NO_FIT } CpBuildStatus;

/* Lays the poster out on PAPER with a body of at least MIN_PT points.
 * Prints why and returns CP_BUILD_NO_FIT when the text is too long. */
CpBuildStatus poster_build(CpFonts *fonts, const CpDocument *doc, const CpMeta *meta,
                           const CpEvent *event, const CpLabels *labels, const CpPaper *paper,
                           double min_pt, CpPoster *out);

void poster_finish(CpPoster *poster);
