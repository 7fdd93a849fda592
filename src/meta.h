// Front matter: the document's own title, version, date and event data.
#pragma once
#include "event.h"
#include "source.h"

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
