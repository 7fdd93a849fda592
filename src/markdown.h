// Markdown parsing: GitHub Flavored Markdown (cmark-gfm 0.29, the fork GitHub
// renders with), with its table, strikethrough, autolink and tasklist
// extensions and footnotes.
#pragma once
#include <cmark-gfm.h>
#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

/* The extensions' node types: cmark-gfm exports them, no header declares
 * them. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL,
    CMARK_NODE_STRIKETHROUGH;

/* Parses TEXT (LEN bytes) with OPTIONS (CMARK_OPT_*) added to footnotes.
 * Free with cmark_node_free. */
cmark_node *markdown_parse(const char *text, size_t len, int options);

/* Whether ITEM is a task list item ("- [ ] ..."), and whether it is checked. */
bool markdown_task(cmark_node *item, bool *checked);

/* A table's column count and alignments ('l', 'c', 'r' or 0), and whether a
 * row is the header. */
int markdown_table_columns(cmark_node *table);
const unsigned char *markdown_table_alignments(cmark_node *table);
bool markdown_row_is_header(cmark_node *row);

/* What site generators add to Markdown that is not text: kramdown attribute
 * lists ("{: .summary}" on a line of its own, "{#id}" after a heading),
 * MyST targets ("(reporting)="), Liquid tags ("{% ... %}") and Hugo
 * shortcodes ("{{< ... >}}", "{{% ... %}}"; a paired one's inner text
 * stays). */
typedef enum { MD_KRAMDOWN, MD_MYST, MD_LIQUID, MD_HUGO, MD_EXTRA_KINDS } MdExtraKind;

typedef struct {
    MdExtraKind kind;
    int line, col; // 1-based, in TEXT; col in characters
    char *text;    // what was removed
} MdExtra;

/* TEXT (LEN bytes) without those, outside code blocks and code spans: a line
 * that held only them becomes empty. Each removal is appended to FOUND (an
 * array of MdExtra, or NULL; free each text). Newly allocated; *OUT_LEN gets
 * its length. */
char *markdown_strip_extras(const char *text, size_t len, size_t *out_len, GArray *found);
