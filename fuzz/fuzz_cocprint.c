// libFuzzer target: one input is a whole Markdown file (front matter, event
// data under `event:`, Markdown), run through the document, the fit and the
// PDF writer in memory, as cocprint does for a poster, a handout and a badge.
#include "badge.h"
#include "config.h"
#include "coverage.h"
#include "diag.h"
#include "document.h"
#include "fonts.h"
#include "handout.h"
#include "hyphenate.h"
#include "labels.h"
#include "lang.h"
#include "meta.h"
#include "poster.h"
#include "render.h"
#include "run.h"
#include "source.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static CpFonts *fonts;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// The font set lives across inputs (it is what a run sets up once); freed
// at exit, before the leak check, which runs after this handler.
static void cleanup(void)
{
    fonts_destroy(fonts);
    fonts = NULL;
    hyphenate_release_all();
    diag_reset();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_set_silent(true);
    fonts = fonts_create(COCPRINT_SOURCE_FONTDIR);
    atexit(cleanup);
    return fonts ? 0 : 1;
}

// Every link target written into the PDF is a string of the bytes a
// percent-encoded URI may hold: nothing that could close the string and add
// keys of its own (/JS, /Launch). Anything else is a fault: abort, so the
// fuzzer keeps the input.
static void check_uris(GBytes *pdf)
{
    gsize len;
    const char *data = g_bytes_get_data(pdf, &len), *end = data + len;
    for (const char *p = data; (p = memmem(p, (size_t)(end - p), "/URI (", 6)); p++) {
        const char *q = p + 6;
        while (q < end && *q != ')') {
            if (!g_ascii_isalnum(*q) && !strchr("-._~:/?#[]@!$&+,;=%", *q))
                abort();
            q++;
        }
        if (q == end)
            abort();
    }
}

static void render(CpPage *const *pages, size_t n)
{
    CpPdfInfo info = {"t", "a", "s", "cocprint-fuzz", "2020-01-01T00:00:00Z", "en"};
    GBytes *pdf = render_pdf(pages, n, &info);
    if (pdf) {
        check_uris(pdf);
        g_bytes_unref(pdf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0; // long inputs explore nothing new and slow the search down
    CpSource *src = source_create("fuzz.md", ".", (const char *)data, size);
    CpMeta meta = {0};
    CpDocument *doc = NULL;
    if (!src || !meta_parse(src, &meta))
        goto done;
    CpLang lang;
    if (!meta.lang || !lang_resolve(meta.lang, &lang))
        lang_resolve("en", &lang);
    if (!(doc = document_create(src, &meta, &lang, NULL)))
        goto done;
    CpLabels labels;
    labels_for(&lang, meta.event ? meta.event->labels : NULL, &labels);
    coverage_require_fonts(fonts, doc, &meta, meta.event, &labels);
    // One output per input, chosen by its length: three times the inputs a
    // second, and every output still sees every kind of document.
    int which = (int)(size % 3);
    const CpPaper *a4 = paper_lookup("a4");
    CpPoster poster;
    // Every other poster is a summary poster: the link block under the text.
    bool summary = (size / 3) % 2;
    if (which == 0 && poster_build(&(CpBuildInput){fonts, doc, &meta, meta.event, &labels, a4, 8},
                                   summary, &poster) == CP_BUILD_OK)
        render(&poster.page, 1);
    if (which == 0)
        poster_finish(&poster);
    CpHandout handout;
    if (which == 1 && handout_build(&(CpBuildInput){fonts, doc, &meta, meta.event, &labels,
                                                    paper_handout(false), 8},
                                    &handout) == CP_BUILD_OK)
        render(handout.pages, (size_t)handout.n_pages);
    if (which == 1)
        handout_finish(&handout);
    if (which == 2 && event_has_contacts(meta.event)) {
        CpPaper cr80;
        paper_badge("cr80", &cr80);
        CpBadge badge;
        if (badge_build(&(CpBuildInput){fonts, NULL, &meta, meta.event, &labels, &cr80, 6},
                        &badge) == CP_BUILD_OK)
            render(&badge.page, 1);
        badge_finish(&badge);
    }
done:
    document_destroy(doc);
    meta_finish(&meta);
    source_destroy(src);
    diag_reset();
    return 0;
}
