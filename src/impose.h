// Imposition: inserts or handout pages placed n-up on a printer's sheet,
// with crop marks in the margins where there is room and cut guides on the
// cut lines where there is not.
#pragma once
#include "page.h"
#include "paper.h"

#include <pango/pango.h>

typedef struct {
    double sheet_w, sheet_h; // millimetres, as printed (landscape when turned)
    int cols, rows;
    double x0, y0;           // first insert's top-left corner, mm
    double pitch_x, pitch_y; // mm between inserts' corners
    double w, h;             // insert, mm
    const char *stock;       // what the grid is, for the manifest: "A4 2 x 3"
} CpGrid;

/* The grid for badge inserts of INSERT on A4 (or Letter): the house table,
 * else as many as fit with 5 mm sheet margins. False when none fits. */
bool impose_badge_grid(const CpPaper *insert, bool letter, CpGrid *grid);

/* The handout's 4-up grid: 2 x 2 A6 on A4, quarter-letter on Letter. */
void impose_handout_grid(bool letter, CpGrid *grid);

/* A sheet with SUB at every grid position (or, with OUTLINE, the trim
 * outlines), crop marks or cut guides, and, with CTX, the NOTE ("print at
 * 100%", in the document's language) where a margin has room. SUB must
 * outlive the sheet. */
CpPage *impose_sheet(const CpPage *sub, const CpGrid *grid, bool outline, PangoContext *ctx,
                     const char *note);
