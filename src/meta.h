// Front matter: the document's own title, version, date and event data.
#pragma once
#include "event.h"
#include "source.h"

/* The longest title: far beyond any real one; a longer one would be set
 * in lines down the page (a front matter title or the first heading). */
#define CP_MAX_TITLE_CHARS 200
/* The longest version, date or language tag, and badge summary. */
#define CP_MAX_META_CHARS 60
#define CP_MAX_SUMMARY_CHARS 5000

typedef struct {
    char *title;
    int title_line;
    char *version, *date, *lang;
    char *summary;    // Markdown: this translation's badge summary
    int summary_line; // its first line in the file
    CpEvent *event;   // from an `event:` key, or NULL
} CpMeta;

/* Reads SRC's YAML or TOML front matter, if any, into META (zeroed first).
 * Unknown top-level keys are ignored. Prints the error and returns false on
 * malformed front matter. */
bool meta_parse(const CpSource *src, CpMeta *meta);

void meta_finish(CpMeta *meta);
