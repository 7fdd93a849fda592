// URIs: which links are kept, and how one is written into a PDF.
#pragma once
#include <stdbool.h>

/* An absolute http or https URL with a host ("https://example.org/x"): no
 * spaces, no control characters, a host of letters, digits, '-', '.' (or an
 * IP literal in brackets) with an optional port. */
bool uri_is_web(const char *url);

/* The same for a Markdown link, whose target may hold spaces (written
 * <https://example.org/a b>): they are percent-encoded in the PDF. */
bool uri_is_web_link(const char *url);

/* A mailto: link with an address (something@host). */
bool uri_is_mailto(const char *url);

/* URL percent-encoded for a PDF /URI string: every byte that is not an ASCII
 * letter or digit or one of - . _ ~ : / ? # [ ] @ ! $ & + , ; = becomes %XX;
 * a '%' already followed by two hex digits stays, any other becomes %25. The
 * result holds no '(', ')', '\\', quote, space or non-ASCII byte, so it
 * cannot end the PDF string it is written into. Newly allocated. */
char *uri_encode_for_pdf(const char *url);
