// Hyphenation: soft hyphens (U+00AD) put into words where a libhyphen
// dictionary allows a break, so Pango can hyphenate long words.
#pragma once

typedef struct CpHyphen CpHyphen;

/* Loads a libhyphen dictionary; NULL when it cannot be read. */
CpHyphen *hyphen_create(const char *dict_path);
void hyphen_destroy(CpHyphen *h);

/* TEXT with soft hyphens at every break the dictionary allows in words of
 * five letters or more. Newly allocated. */
char *hyphen_text(CpHyphen *h, const char *text);
