// Rendering: pages drawn with cairo, to PDF (with metadata and links) or PNG,
// into memory so that nothing reaches the disk before every output is made.
#pragma once
#include "page.h"

#include <glib.h>

typedef struct {
    const char *title, *author, *subject, *creator;
    const char *date; // ISO 8601 creation date, or NULL for a fixed one
    const char *lang; // BCP 47 document language (/Lang), or NULL
} CpPdfInfo;

/* PDF of N pages. Returns NULL (after printing why) when cairo fails. */
GBytes *render_pdf(CpPage *const *pages, size_t n, const CpPdfInfo *info);

/* PNG of one page at DPI. */
GBytes *render_png(const CpPage *page, double dpi);
