// QR codes: the modules of a URL's code, for drawing as vector squares.
#pragma once
#include <stdbool.h>

typedef struct {
    int width;              // modules per side, without the quiet zone
    unsigned char *modules; // width x width, 1 = dark
} CpQr;

/* Encodes TEXT (error correction M). NULL when it is too long for a code. */
CpQr *qr_create(const char *text);
void qr_destroy(CpQr *qr);

/* Modules in the quiet zone a reader needs on each side. */
#define CP_QR_QUIET 4
