#include "summary.h"

#include "coverage.h"
#include "source.h"

#include <string.h>

CpDocument *summary_create(const char *file, const char *text, int line, const char *file_text,
                           const CpFonts *fonts, const CpLang *lang)
{
    char *dir = g_path_get_dirname(file);
    CpSource *src = source_create(file, dir, text, strlen(text));
    g_free(dir);
    if (!src)
        return NULL;
    src->body_line = line;
    src->origin = file_text;
    CpDocument *doc = document_create(src, NULL, lang, NULL);
    bool ok = doc != NULL;
    for (size_t i = 0; ok && i < doc->n; i++)
        ok = coverage_check_block(fonts, &doc->blocks[i], file, file_text);
    source_destroy(src);
    if (!ok) {
        document_destroy(doc);
        return NULL;
    }
    return doc;
}
