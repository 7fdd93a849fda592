// HTML inside Markdown, read by libxml2's HTML push parser: cmark hands raw
// HTML over in pieces (<em> and </em> as separate nodes, a <details> block
// split by blank lines), and one parser fed every piece in order pairs the
// tags across them.
#pragma once
#include <stddef.h>

typedef struct CpHtml CpHtml;

/* What the parser finds, as it finds it. Tag names are lower case; ATTRS
 * alternate names and values (a value may be NULL) and end with NULL. The
 * implied html, head and body elements are left out. */
typedef struct {
    void (*start)(void *data, const char *tag, const char *const *attrs);
    void (*end)(void *data, const char *tag);
    void (*text)(void *data, const char *text, size_t len);
} CpHtmlSink;

CpHtml *html_create(const CpHtmlSink *sink, void *data);

/* Parses PIECE, the next piece of HTML: the sink hears of every element it
 * completes before this returns. */
void html_feed(CpHtml *html, const char *piece);

/* Ends the input (elements left open are closed) and frees the parser. */
void html_destroy(CpHtml *html);

/* The value of attribute NAME in ATTRS, or NULL. */
const char *html_attr(const char *const *attrs, const char *name);
