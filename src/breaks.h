// Break points in runs of text that have none: Pango 1.50 breaks a word
// wider than the line by trying one character after another and shaping
// again each time, so a word of 4,000 characters took seconds and one of
// 29,000 minutes. A zero-width space after each character of such a run
// lets it break the way it would anyway, in linear time.
#pragma once
#include "page.h"

#include <pango/pango.h>
#include <stddef.h>

/* Runs of more characters than this with no place to break a line get one
 * after each character: no word of any language is so long. */
#define CP_LONG_RUN 64

/* Adds the break points to *TEXT (replaced), moving the attributes of
 * *ATTRS (replaced) and the N LINKS along with the text. LANGUAGE: the
 * text's, for where lines may break. Returns the break points added. */
size_t breaks_add(char **text, PangoAttrList **attrs, CpLink *links, size_t n,
                  PangoLanguage *language);

/* ADDRESS (a URL, an email or a domain) with a zero-width space where the
 * Chicago Manual of Style lets one break: after "//", ":" and "@"; before
 * "/", ".", ",", "-", "_", "~", "?", "#" and "%"; before or after "=" and
 * "&" (a word joiner after any other mark, where line breaking would break).
 * Never inside a run of letters or digits, never with a mark added. */
char *breaks_address(const char *address);
