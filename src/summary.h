// The badge summary: a few lines of Markdown from the front matter or the
// event data, made a document of its own whose lines are those of its file.
#pragma once
#include "document.h"
#include "fonts.h"
#include "lang.h"

/* TEXT, written in FILE (whose whole text is FILE_TEXT) from LINE on, as a
 * document in LANG; every character it prints must be in FONTS. Returns
 * NULL after printing the error. */
CpDocument *summary_create(const char *file, const char *text, int line, const char *file_text,
                           const CpFonts *fonts, const CpLang *lang);
