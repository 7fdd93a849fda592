// Hyphenation: soft hyphens (U+00AD) put into words where a libhyphen
// dictionary allows a break, so Pango can hyphenate long words.
#pragma once

typedef struct CpHyphen CpHyphen;

/* A libhyphen dictionary, loaded once per run and shared; NULL when it
 * cannot be read. hyphenate_destroy leaves it loaded for the next document. */
CpHyphen *hyphenate_create(const char *dict_path);
void hyphenate_destroy(CpHyphen *h);

/* Frees every dictionary loaded: at the end of a run. */
void hyphenate_release_all(void);

/* TEXT with soft hyphens at every break the dictionary allows in words of
 * eight letters or more (MIN_WORD in hyphenate.c). Newly allocated. */
char *hyphenate_text(CpHyphen *h, const char *text);
