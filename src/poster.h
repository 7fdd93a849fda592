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
    CpPage **regions;         // multilingual: each language's text, placed on the page
    size_t n_regions;
} CpPoster;

typedef enum { CP_BUILD_OK, CP_BUILD_NO_FIT } CpBuildStatus;

/* Lays the poster out on PAPER with a body of at least MIN_PT points.
 * Prints why and returns CP_BUILD_NO_FIT when the text is too long. */
CpBuildStatus poster_build(CpFonts *fonts, const CpDocument *doc, const CpMeta *meta,
                           const CpEvent *event, const CpLabels *labels, const CpPaper *paper,
                           double min_pt, CpPoster *out);

/* One poster for several translations: the titles together at the top, each
 * language's text in its own region (side by side, or STACKED one above the
 * other) at one common body size, one contacts panel with LABELS (which
 * should name each language's words). FONTS[i] carries DOCS[i]'s language. */
CpBuildStatus poster_build_multi(CpFonts *const *fonts, const CpDocument *const *docs, size_t n,
                                 const CpMeta *meta, const CpEvent *event, const CpLabels *labels,
                                 const CpPaper *paper, double min_pt, bool stacked, CpPoster *out);

void poster_finish(CpPoster *poster);
