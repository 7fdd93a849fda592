// Text blocks: a run of text in one style, set with Pango and placed whole.
// For titles, labels and contacts, where the document's blocks do not apply.
#pragma once
#include "page.h"

#include <pango/pango.h>

typedef struct {
    PangoLayout *layout;
    double pitch, ascent; // line box and baseline offset in it
    double height;        // all lines
    double width;         // widest line
    CpColor color;
} CpText;

typedef struct {
    const char *family;
    PangoWeight weight;
    PangoStyle style;
    double size;     // points
    double leading;  // pitch over size; 0 for 1.25
    double tracking; // letter spacing, in ems
    PangoAlignment align;
    CpColor color;
} CpTextStyle;

/* Sets TEXT in STYLE, wrapped to WIDTH points (0: no wrap). ATTRS, if any,
 * add to the style (the caller keeps its reference). */
void text_init(CpText *t, PangoContext *ctx, const char *text, const CpTextStyle *style,
               double width, PangoAttrList *attrs);
void text_finish(CpText *t);

/* Adds the text with its first line box's top at (X, Y). */
void text_place(const CpText *t, CpPage *page, double x, double y);
