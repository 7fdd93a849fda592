#include "html.h"

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <string.h>

struct CpHtml {
    htmlParserCtxtPtr ctxt;
    CpHtmlSink sink;
    void *data;
};

static bool implied(const xmlChar *name)
{
    const char *n = (const char *)name;
    return strcmp(n, "html") == 0 || strcmp(n, "head") == 0 || strcmp(n, "body") == 0;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **attrs)
{
    CpHtml *h = ((htmlParserCtxtPtr)ctx)->_private;
    if (!implied(name))
        h->sink.start(h->data, (const char *)name, (const char *const *)attrs);
}

static void on_end(void *ctx, const xmlChar *name)
{
    CpHtml *h = ((htmlParserCtxtPtr)ctx)->_private;
    if (!implied(name))
        h->sink.end(h->data, (const char *)name);
}

static void on_text(void *ctx, const xmlChar *text, int len)
{
    CpHtml *h = ((htmlParserCtxtPtr)ctx)->_private;
    if (len > 0)
        h->sink.text(h->data, (const char *)text, (size_t)len);
}

CpHtml *html_create(const CpHtmlSink *sink, void *data)
{
    CpHtml *h = g_new0(CpHtml, 1);
    h->sink = *sink;
    h->data = data;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_text;
    // Comments and processing instructions: no handler, so nothing.
    h->ctxt = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
    // No network, no error output: a policy's HTML is read, never fetched.
    htmlCtxtUseOptions(h->ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    h->ctxt->_private = h;
    return h;
}

void html_feed(CpHtml *h, const char *piece)
{
    size_t n = strlen(piece);
    // libxml2 takes int lengths; a piece is one Markdown block, far shorter.
    while (n > 0) {
        int k = (int)MIN(n, (size_t)(1 << 20));
        htmlParseChunk(h->ctxt, piece, k, 0);
        piece += k;
        n -= (size_t)k;
    }
}

void html_destroy(CpHtml *h)
{
    if (!h)
        return;
    htmlParseChunk(h->ctxt, NULL, 0, 1);
    htmlFreeParserCtxt(h->ctxt);
    g_free(h);
}

const char *html_attr(const char *const *attrs, const char *name)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2)
        if (g_ascii_strcasecmp(attrs[i], name) == 0)
            return attrs[i + 1];
    return NULL;
}
