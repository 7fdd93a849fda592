// Glyph coverage: every character the outputs print must be in one of
// cocprint's fonts, else it would print as a box; refused where it was written.
#pragma once
#include "document.h"
#include "event.h"
#include "fonts.h"
#include "labels.h"
#include "meta.h"
#include "source.h"

#include <stdbool.h>

/* Loads into FONTS the script fonts for every character the outputs may
 * print: the document, the front matter's summary, every field of the event
 * data (event_each_field) and the event name in capitals, and LABELS (which
 * hold the event's label overrides where this document prints them). */
void coverage_require_fonts(CpFonts *fonts, const CpDocument *doc, const CpMeta *meta,
                            const CpEvent *ev, const CpLabels *labels);

/* Whether every character the outputs print from SRC is in a font: the
 * title, the front matter's version and date, the blocks of DOC, the event
 * name's capitals, and every field of EV (event_each_field) but its Markdown
 * summary, which coverage_check_text checks block by block once it is a
 * document; a label override only where LABELS (or NULL) prints it. Else
 * prints an error at the character's file:line:col and returns false.
 * EVENT_TEXT is the text EV was read from (NULL: SRC's). */
bool coverage_check(const CpFonts *fonts, const CpSource *src, const CpDocument *doc,
                    const CpMeta *meta, const CpEvent *ev, const char *event_text,
                    const CpLabels *labels);

/* The same for TEXT (NULL passes) from FILE, whose text is FILE_TEXT (NULL:
 * no position), written at or after LINE: for a document's blocks, such as
 * the badge summary's. */
bool coverage_check_text(const CpFonts *fonts, const char *text, const char *file,
                         const char *file_text, int line);

/* coverage_check_text for block B's text and its cells. */
bool coverage_check_block(const CpFonts *fonts, const CpBlock *b, const char *file,
                          const char *file_text);

/* Loads into FONTS the script fonts for LABELS and the N documents' titles:
 * the parts several translations share on one poster. */
void coverage_require_labels(CpFonts *fonts, const CpLabels *labels, const CpDocument *const *docs,
                             size_t n);
