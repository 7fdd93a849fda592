// Typesetting: the document's blocks as Pango layouts at a body size, flowed
// into frames (columns, pages), and the search for the largest size that fits.
#pragma once
#include "document.h"
#include "page.h"

#include <pango/pango.h>
#include <stdbool.h>

typedef struct {
    int page; // index into the pages given to flow_place
    double x, y, w, h;
} CpFrame;

typedef struct CpFlow CpFlow;

/* Prepares DOC's blocks for layout with CONTEXT. DOC must outlive the flow. */
CpFlow *flow_create(PangoContext *context, const CpDocument *doc);
void flow_destroy(CpFlow *flow);

/* Lays every block out at body size SIZE (points) for frames WIDTH wide. */
void flow_layout(CpFlow *flow, double size, double width);

/* Places the blocks, in order, into FRAMES (all of the width last given to
 * flow_layout): headings stay with what follows, a paragraph leaves at least
 * two lines on each side of a break. With PAGES, adds the items to
 * pages[frame.page]. Returns true when every block is placed, else false with
 * *OVERFLOW (if given) set to the height, in points, left over. USED (if
 * given, one per frame) gets the height used in each frame. */
bool flow_place(CpFlow *flow, const CpFrame *frames, size_t n_frames, CpPage **pages,
                double *overflow, double *used);

/* What flow_layout sets, from a line model of the text shaped once (at the
 * first call) instead of Pango: as good as exact for most text, and a
 * hundred times cheaper. For searches; flow_place then works as after
 * flow_layout, but nothing can be drawn until flow_layout is called. */
void flow_estimate(CpFlow *flow, double size, double width);

/* Largest body size in [LO, HI] at which the blocks fit FRAMES, in steps of
 * 0.05 pt, trying GUESS first (a size found for similar frames saves
 * layouts; LO or 0 when there is none); the flow is left laid out at that
 * size. False when they do not fit even at LO, with *OVERFLOW the height
 * left over at LO. */
bool flow_fit(CpFlow *flow, const CpFrame *frames, size_t n_frames, double lo, double hi,
              double guess, double *size, double *overflow);

/* The body text's average character width, in ems, for line-length rules. */
double flow_char_em(CpFlow *flow);

/* Number of lines the body text takes at the current layout, for reports. */
int flow_line_count(CpFlow *flow);
