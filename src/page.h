// Pages: what layout hands to the PDF writer. Positioned text lines, boxes,
// rules, pictures and QR codes, in points from the page's top-left corner.
#pragma once
#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

typedef struct {
    double r, g, b;
} CpColor;

typedef struct {
    double x, y, w, h; // points, from the page's top-left corner
} CpRect;

/* A link on a run of text. */
typedef struct {
    int start, end; // byte range in the text
    char *url;      // http, https or mailto only
} CpLink;

typedef enum {
    CP_ITEM_TEXT,
    CP_ITEM_BOX,
    CP_ITEM_LINE,
    CP_ITEM_IMAGE,
    CP_ITEM_QR,
    CP_ITEM_PAGE, // another page, drawn inside its trim at (x, y): imposition
} CpItemKind;

typedef struct {
    CpItemKind kind;
    double x, y, w, h; // TEXT: left and top of the first line box; LINE: from (x,y) by (w,h)
    CpColor color;     // fill, stroke, or text colour where the attributes set none
    double radius;     // BOX corner radius
    double line_width; // LINE
    // TEXT: lines [first, first + count) of layout, baselines pitch apart,
    // the first at y + ascent.
    PangoLayout *layout;
    int first, count;
    double pitch, ascent;
    CpLink *links; // owned: a copy
    size_t n_links;
    cairo_surface_t *image; // IMAGE (referenced)
    unsigned char *modules; // QR: width x width, non-zero is dark
    int modules_width;
    const struct CpPage *sub; // PAGE: not owned; must outlive this page
    bool sub_links;           // PAGE: its links are live (not on a sheet of copies)
} CpItem;

typedef struct CpPage {
    double width, height; // points
    GArray *items;        // CpItem
} CpPage;

CpPage *page_create(double width, double height);
void page_destroy(CpPage *page);

/* Each adder copies what it is given (links too) and takes references. */
void page_add_box(CpPage *page, double x, double y, double w, double h, CpColor fill,
                  double radius);
void page_add_line(CpPage *page, double x1, double y1, double x2, double y2, double width,
                   CpColor color);
/* Lines [FIRST, FIRST + COUNT) of a layout, baselines PITCH apart, the first
 * ASCENT below the top; COLOR where the attributes set none; LINKS on byte
 * ranges of the layout's text. */
typedef struct {
    PangoLayout *layout;
    int first, count;
    double pitch, ascent;
    CpColor color;
    const CpLink *links;
    size_t n_links;
} CpLines;

void page_add_text(CpPage *page, const CpLines *lines, double x, double y);
void page_add_image(CpPage *page, cairo_surface_t *image, double x, double y, double w, double h);
void page_add_qr(CpPage *page, const unsigned char *modules, int width, double x, double y,
                 double size, CpColor color);

void page_add_page(CpPage *page, const CpPage *sub, double x, double y, bool links);

/* Calls FN on each line a TEXT item draws, in order: the layout's line
 * INDEX, its logical extents (Pango units) and the top of its line box on
 * the page. For the renderer and for tools that read pages. */
typedef void (*CpLineFn)(void *data, PangoLayoutLine *line, int index,
                         const PangoRectangle *logical, double top);
void page_each_line(const CpItem *item, CpLineFn fn, void *data);

/* Mirrors every item left to right, for right-to-left documents: the page
 * is composed as for a left-to-right one, with right-aligned text, then
 * turned over. Pictures and QR codes move but are not flipped. */
void page_mirror(CpPage *page);
