// Hyphenation: soft hyphens (U+00AD) put into words where a libhyphen
// dictionary allows a break, so Pango can hyphenate long words.
#pragma once

typedef struct CpHyphen CpHyphen;

/* A libhyphen dictionary, loaded once per run and shared; NULL when it
 * cannot be read. hyphen_destroy leaves it loaded for the next document. */
CpHyphen *hyphen_create(const char *dict_path);
void hyphen_destroy(CpHyphen *h);

/* Frees every dictionary loaded: at the end of a run. */
void hyphen_release_all(void);

/* TEXT with soft hyphens at every break the dictionary allows in words of
 * five letters or more. Newly allocated. */
char *hyphen_text(CpHyphen *h, const char *text);
