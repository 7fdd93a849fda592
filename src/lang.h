// Languages: the document's language as a BCP 47 tag, and what it implies
// for type: direction, glyph forms, italics, hyphenation.
#pragma once
#include <pango/pango.h>
#include <stdbool.h>

typedef struct {
    char tag[36];          // canonical: "en", "zh-Hant", "pt-BR"
    char primary[4];       // "zh"
    PangoLanguage *pango;  // for glyph forms and line breaking
    bool rtl;              // written right to left
    bool italic;           // its fonts have italics; else emphasis is set bold
    char hyphen_dict[256]; // libhyphen dictionary, or ""
} CpLang;

/* Canonicalises TAG (case, legacy codes such as iw and zh-tw) into OUT.
 * False when TAG is not a language tag. */
bool lang_resolve(const char *tag, CpLang *out);

/* The language a file name carries: "code-of-conduct.zh-tw.md" gives
 * "zh-tw". Newly allocated, or NULL. */
char *lang_from_filename(const char *path);

/* The language PATH carries as sites name translations: its file name's
 * (code-of-conduct.ar.md, index.ar.md, ar.md), else the nearest of its
 * three closest folders named by a lower-case ISO 639-1 code, perhaps with
 * a script or region, that is where sites keep translations: under a
 * translations root (content/ar/conduct.md, _i18n/ar/pages/conduct.md),
 * beside another language's folder, or holding the page as its index
 * (ar/index.md). Newly allocated, or NULL. */
char *lang_from_path(const char *path);

/* A document's language: FLAG (--lang), else FRONT (the front matter's),
 * else PATH's (lang_from_path), else English. False, after an error naming
 * PATH (or the option), when it is not a language tag. With no language
 * given, warns when TEXT (NULL: none) is mostly in a script other than Latin. */
bool lang_choose(const char *flag, const char *front, const char *path, const char *text,
                 CpLang *out);
