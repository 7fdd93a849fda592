// Typesetting: the document's blocks as Pango layouts at a body size, flowed
// into frames (columns, pages), and the search for the largest size that fits.
#pragma once
#include "document.h"
#include "page.h"

#include <pango/pango.h>
#include <stdbool.h>

typedef struct {
    int page; // index into the pages given to typeset_place
    double x, y, w, h;
} CpFrame;

typedef struct CpFlow CpFlow;

/* Prepares DOC's blocks for layout with CONTEXT. DOC must outlive the flow. */
CpFlow *typeset_create(PangoContext *context, const CpDocument *doc);
void typeset_destroy(CpFlow *flow);

/* Lays every block out at body size SIZE (points) for frames WIDTH wide. */
void typeset_layout(CpFlow *flow, double size, double width);

/* Places the blocks, in order, into FRAMES (all of the width last given to
 * typeset_layout): headings stay with what follows, a paragraph leaves at least
 * two lines on each side of a break. With PAGES, adds the items to
 * pages[frame.page]. Returns true when every block is placed, else false with
 * *OVERFLOW (if given) set to the height, in points, left over. USED (if
 * given, one per frame) gets the height used in each frame. */
bool typeset_place(CpFlow *flow, const CpFrame *frames, size_t n_frames, CpPage **pages,
                   double *overflow, double *used);

/* What typeset_layout sets, from a line model of the text shaped once (at the
 * first call) instead of Pango: as good as exact for most text, and a
 * hundred times cheaper. For searches; typeset_place then works as after
 * typeset_layout, but nothing can be drawn until typeset_layout is called. */
void typeset_estimate(CpFlow *flow, double size, double width);

/* Where and how large a fit may be: FRAMES, N of them; sizes in [LO, HI],
 * trying GUESS first (a size found for similar frames saves layouts; LO or 0
 * when there is none). */
typedef struct {
    const CpFrame *frames;
    size_t n;
    double lo, hi, guess;
} CpFitRange;

/* Largest body size in R's range at which the blocks fit its frames, in
 * steps of 0.05 pt; the flow is left laid out at that size. False when they
 * do not fit even at the smallest, with *OVERFLOW the height left over
 * there. */
bool typeset_fit(CpFlow *flow, const CpFitRange *r, double *size, double *overflow);

/* The body text's average character width, in ems, for line-length rules. */
double typeset_char_em(CpFlow *flow);

/* When a table at the flow's layout is too wide for WHAT (words broken
 * mid-word), reports it at the table's line, naming its width and WHAT's,
 * and returns true. */
bool typeset_report_wide_table(const CpFlow *flow, const char *what);

/* The same, quietly: the first such table's LINE, its width with each
 * column at its longest word (NEED) and the width it has (ROOM). */
bool typeset_wide_table(const CpFlow *flow, int *line, double *need, double *room);
