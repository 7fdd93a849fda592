// Fonts: a private fontconfig set made only of the fonts/ folder, so every
// PDF embeds exactly the fonts shipped with cocprint.
#pragma once
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

/* The first character of TEXT (at most LEN bytes, -1 for NUL-terminated)
 * that no loaded font can draw, or NULL. Whitespace and format controls are
 * not drawn and always pass. */
const char *fonts_find_missing(const CpFonts *fonts, const char *text, gssize len);
