// Markdown parsing: GitHub Flavored Markdown (cmark-gfm 0.29, the fork GitHub
// renders with), with its table, strikethrough, autolink and tasklist
// extensions and footnotes.
#pragma once
#include <cmark-gfm.h>
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
