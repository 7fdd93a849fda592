// Badge-back inserts: a short version of the policy and who to contact,
// fitted to one insert of a given size.
#pragma once
#include "build.h"
#include "page.h"

typedef struct {
    CpPaper size;
    CpPage *page;
    double summary_pt; // 0 without a summary
    double contacts_pt;
    bool qr; // a QR code, else the URL in text
} CpBadge;

/* Lays out one insert of IN's paper: IN's document, the summary (may be
 * NULL), and the contacts, as large as the insert allows, at least IN's
 * minimum; the contacts keep their size
 * and the summary gives way first when space runs short. Prints what
 * overflows and returns CP_BUILD_NO_FIT when it cannot fit. */
CpBuildStatus badge_build(const CpBuildInput *in, CpBadge *out);

void badge_finish(CpBadge *badge);
