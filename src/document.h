// Document: the Markdown as a list of blocks, each with its text and a
// PangoAttrList built straight from the cmark tree.
#pragma once
#include "lang.h"
#include "meta.h"
#include "page.h"
#include "source.h"

#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>
#include <stdint.h>

/* Characters in one paragraph or code block: far beyond any real one, and
 * far below where Pango 1.50's line widths overflow. */
#define CP_MAX_BLOCK_CHARS 30000

typedef enum {
    CP_BLOCK_PARA,
    CP_BLOCK_HEADING,
    CP_BLOCK_CODE,
    CP_BLOCK_RULE,
    CP_BLOCK_IMAGE,
    CP_BLOCK_ROW, // one row of a table: its cells
} CpBlockKind;

/* A table cell: its text, as a paragraph's. */
typedef struct {
    char *text;
    PangoAttrList *attrs;
    CpLink *links;
    size_t n_links;
} CpCell;

typedef struct {
    CpBlockKind kind;
    int level;          // heading level, 1-6
    int depth;          // nesting: list items and block quotes, one step each
    uint32_t quote_bar; // bit i set: nesting step i is a block quote
    char *marker;       // list bullet or number of an item's first block
    bool tight;         // inside a tight list: no gap before
    char *text;
    PangoAttrList *attrs; // style only; sizes are set at layout time
    CpLink *links;
    size_t n_links;
    cairo_surface_t *image; // CP_BLOCK_IMAGE: the decoded PNG
    int line;               // source line where the block starts
    // CP_BLOCK_ROW: the cells, one per column of the table; TABLE numbers
    // the document's tables from 1 (the rows of one share it); ALIGN holds
    // each column's alignment as written: 'l', 'c', 'r' or 0.
    CpCell *cells;
    size_t n_cells;
    int table;
    bool header;
    char *align;
} CpBlock;

typedef struct CpPictures CpPictures;

typedef struct {
    CpBlock *blocks;
    size_t n;
    char *path; // the source file, for messages
    char *title;
    int title_line;
    CpLang lang; // decides direction, glyph forms, emphasis and hyphenation
} CpDocument;

/* Builds the document from SRC's Markdown in LANG (NULL: English without
 * hyphenation): emphasis is italic, or bold in scripts without italics;
 * words get soft hyphens where LANG's dictionary allows. The title is META's, else the
 * first heading's (which then leaves the body); without META (a fragment,
 * such as a badge's summary) there is no title. Raw HTML and links that are
 * not http, https or mailto are dropped with a warning. Missing or broken
 * images are errors. PICTURES: the run's decoded pictures, shared. Returns NULL after printing the
 * error. */
CpDocument *document_create(const CpSource *src, const CpMeta *meta, const CpLang *lang,
                            CpPictures *pictures);

/* The pictures of a run: each file decoded once, however many documents
 * (translations) show it, and 50 megapixels decoded at most in all. Pass
 * the same to every document_create of a run; NULL there: the document's
 * own. Documents keep what they use: destroy this once they are made. */
CpPictures *document_pictures_create(void);
void document_pictures_destroy(CpPictures *pictures);

void document_destroy(CpDocument *doc);

/* Monospace family name used in attributes. */
#define CP_MONO_FAMILY "JetBrains Mono"
