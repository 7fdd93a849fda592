// The poster: one page for the venue wall. Title at the top, the whole policy
// fitted as large as the page allows, contacts and a QR code at the bottom.
#pragma once
#include "build.h"
#include "page.h"

typedef struct {
    CpPage *page;
    double body_pt;
    int columns;
    double fill;      // tallest column over the body area's height
    CpPage **regions; // multilingual: each language's text, placed on the page
    size_t n_regions;
} CpPoster;

/* Lays the poster out on IN's paper with a body of at least its minimum.
 * Prints why and returns CP_BUILD_NO_FIT when the text is too long. */
CpBuildStatus poster_build(const CpBuildInput *in, CpPoster *out);

/* One poster for several translations: the titles together at the top, each
 * language's text in its own region (side by side, or STACKED one above the
 * other) at one common body size, one contacts panel with IN's labels (which
 * should name each language's words). FONTS[i] carries DOCS[i]'s language;
 * IN gives the meta, event, labels, paper and minimum size. */
CpBuildStatus poster_build_multi(const CpBuildInput *in, CpFonts *const *fonts,
                                 const CpDocument *const *docs, size_t n, bool stacked,
                                 CpPoster *out);

void poster_finish(CpPoster *poster);
