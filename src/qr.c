#include "qr.h"

#include "uri.h"

#include <glib.h>
#include <qrencode.h>

CpQr *qr_create(const char *url)
{
    char *ascii = uri_encode_for_pdf(url);
    QRcode *code = QRcode_encodeString(ascii, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    g_free(ascii);
    if (!code)
        return NULL;
    CpQr *qr = g_new0(CpQr, 1);
    qr->width = code->width;
    qr->modules = g_malloc((gsize)code->width * (gsize)code->width);
    for (int i = 0; i < code->width * code->width; i++)
        qr->modules[i] = code->data[i] & 1;
    QRcode_free(code);
    return qr;
}

void qr_destroy(CpQr *qr)
{
    if (!qr)
        return;
    g_free(qr->modules);
    g_free(qr);
}
