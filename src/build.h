// What the three targets (poster, handout, badge) take and give back.
#pragma once
#include "document.h"
#include "event.h"
#include "fonts.h"
#include "labels.h"
#include "meta.h"
#include "paper.h"

typedef enum { CP_BUILD_OK, CP_BUILD_NO_FIT } CpBuildStatus;

/* One target's input. The document is the policy (for a badge, its summary,
 * or NULL); the event may be NULL; the paper is the page's size. */
typedef struct {
    CpFonts *fonts;
    const CpDocument *doc;
    const CpMeta *meta;
    const CpEvent *event;
    const CpLabels *labels;
    const CpPaper *paper;
    double min_pt; // smallest body size allowed
} CpBuildInput;
