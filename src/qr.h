// QR codes: the modules of a URL's code, for drawing as vector squares.
#pragma once
#include <stdbool.h>

typedef struct {
    int width;              // modules per side, without the quiet zone
    unsigned char *modules; // width x width, 1 = dark
} CpQr;

/* Encodes URL as the PDF's link to it writes it: percent-encoded ASCII
 * (uri_encode_for_pdf), which every phone's reader opens, and which decodes
 * to the URL as printed. Error correction M. NULL when it is too long for a
 * code. */
CpQr *qr_create(const char *url);
void qr_destroy(CpQr *qr);

/* Modules in the quiet zone a reader needs on each side. */
#define CP_QR_QUIET 4
