// The poster: one page for the venue wall. Title at the top, the whole policy
// fitted as large as the page allows, contacts and a QR code at the bottom.
#pragma once
#include "build.h"
#include "page.h"

/* Several translations on one poster: side by side, one above the other,
 * or (auto) whichever sets them larger, side by side on a near tie. */
typedef enum { CP_LAYOUT_AUTO, CP_LAYOUT_SIDE, CP_LAYOUT_STACKED } CpLayout;

typedef struct {
    CpPage *page;
    double body_pt;
    int columns;
    double fill;      // tallest column over the body area's height
    CpPage **regions; // multilingual: each language's text, placed on the page
    size_t n_regions;
    bool stacked; // several: the layout used
    // When it does not fit: why (with a fix of its own, where there is one),
    // whether the text's length is the reason, and the smallest larger
    // poster size that would hold it (NULL: none).
    char *why;
    bool text_bound;
    const CpPaper *fits_on;
} CpPoster;

/* Lays the poster out on IN's paper with a body of at least its minimum.
 * SUMMARY: IN's document is the policy's summary, set as large as the page
 * allows, with the way to the whole text (the policy URL and its QR code)
 * under it. Returns CP_BUILD_NO_FIT, with why in OUT, when the text is too
 * long; prints nothing then. */
CpBuildStatus poster_build(const CpBuildInput *in, bool summary, CpPoster *out);

/* One poster for several translations: the titles together at the top, each
 * language's text in its own region (side by side, or one above the other:
 * LAYOUT) at one common body size, one contacts panel with IN's labels (which
 * should name each language's words). FONTS[i] carries DOCS[i]'s language;
 * IN gives the meta, event, labels, paper and minimum size. */
CpBuildStatus poster_build_multi(const CpBuildInput *in, CpFonts *const *fonts,
                                 const CpDocument *const *docs, size_t n, CpLayout layout,
                                 bool summary, CpPoster *out);

void poster_finish(CpPoster *poster);
