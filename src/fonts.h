// Fonts: a private fontconfig set made only of the fonts/ folder, so every
// PDF embeds exactly the fonts shipped with cocprint.
#pragma once
#include "lang.h"

#include <pango/pango.h>
#include <stdbool.h>

typedef struct CpFonts CpFonts;

#define CP_BODY_FAMILY "Lato"

/* The fonts folder: $COCPRINT_FONTDIR, else the installed one for an
 * installed binary, else the source tree's. */
const char *fonts_default_dir(void);

/* Loads every font in DIR. Prints the error and returns NULL when the folder
 * holds none. */
CpFonts *fonts_create(const char *dir);

void fonts_destroy(CpFonts *fonts);

/* A Pango context at 72 dpi (a size in points is a size in points in the
 * PDF), unhinted, unrounded. Owned by FONTS. */
PangoContext *fonts_context(CpFonts *fonts);

/* A second context on the same fonts, left to right and without a
 * language: for what several translations share. Owned by FONTS. */
PangoContext *fonts_context_ltr(CpFonts *fonts);

/* For each character of TEXT that no loaded font has, adds the first face of
 * the installed Noto families (then Symbola) that has it, with its bold:
 * Debian's fonts-noto-core, -extra, -cjk and fonts-symbola, which ./setup
 * installs. Only the families a document needs join its fonts, and most
 * documents need none. A character no face has stays missing. */
void fonts_require(CpFonts *fonts, const char *text);

/* Sets the document's language on the context: glyph forms (Chinese and
 * Japanese draw the same character differently), line breaking, and for
 * right-to-left languages the base direction. */
void fonts_set_language(CpFonts *fonts, const CpLang *lang);

/* The ascent and descent, in points, of DESC on CTX. Pango computes metrics
 * by shaping sample text each time (an eighth of a run's work); they scale
 * with the size, so each face is measured once per context, language and
 * font set, at 100 pt, and scaled. */
void fonts_metrics(PangoContext *ctx, const PangoFontDescription *desc, double *ascent,
                   double *descent);

/* fonts_metrics for TEXT: when it has no letter outside the Latin script,
 * the metrics of the Latin fonts whatever the context's language. */
void fonts_metrics_of(PangoContext *ctx, const PangoFontDescription *desc, const char *text,
                      double *ascent, double *descent);

/* The first character of TEXT (at most LEN bytes, -1 for NUL-terminated)
 * that no loaded font can draw, or NULL. Whitespace and format controls are
 * not drawn and always pass. */
const char *fonts_find_missing(const CpFonts *fonts, const char *text, gssize len);
