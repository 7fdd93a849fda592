// The masthead: the event's name over the title, then a rule; and the small
// version line at the foot. Shared by every output that has a title.
#pragma once
#include "design.h"
#include "event.h"
#include "labels.h"
#include "meta.h"
#include "page.h"

#include <pango/pango.h>

/* Places the masthead across AT's width from its top left and returns the y below it.
 * The first line's glyph boxes stay below its top. *TITLE_PT (if given) gets the
 * title's size. */
double masthead_place(PangoContext *ctx, CpPage *page, const CpEvent *ev, const char *title,
                      const CpMastheadStyle *st, CpRect at, double *title_pt);

/* "Version 1.0 · 2026-11-01" from the front matter, else the event data;
 * NULL when neither gives a version or date. */
char *masthead_foot_text(const CpMeta *meta, const CpEvent *ev, const CpLabels *labels);
