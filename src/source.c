#include "source.h"

#include "diag.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

void source_position(const CpSource *src, const char *p, int *line, int *col)
{
    int l = 1, c = 1;
    for (const char *q = src->data; q < p && q < src->data + src->len; q++) {
        if (*q == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)*q & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

// Length of the line at P without its end of line; *next gets the next line.
static size_t line_span(const char *p, const char *end, const char **next)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    *next = nl ? nl + 1 : end;
    if (e > p && e[-1] == '\r')
        e--;
    return (size_t)(e - p);
}

static bool is_fence(const char *p, size_t n, const char *fence)
{
    size_t f = strlen(fence);
    if (n < f || memcmp(p, fence, f) != 0)
        return false;
    for (size_t i = f; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t')
            return false;
    return true;
}

static bool split_front_matter(CpSource *src)
{
    const char *start = src->data;
    const char *end = src->data + src->len;

    src->body = start;
    src->body_len = (size_t)(end - start);
    src->body_line = 1;

    const char *next;
    size_t n = line_span(start, end, &next);
    const char *fence;
    if (is_fence(start, n, "---")) {
        src->fm_kind = CP_FM_YAML;
        fence = "---";
    } else if (is_fence(start, n, "+++")) {
        src->fm_kind = CP_FM_TOML;
        fence = "+++";
    } else {
        return true;
    }

    int line = 2;
    src->fm = next;
    src->fm_line = 2;
    for (const char *p = next; p < end; line++) {
        const char *after;
        size_t m = line_span(p, end, &after);
        bool close = is_fence(p, m, fence) || (src->fm_kind == CP_FM_YAML && is_fence(p, m, "..."));
        if (close) {
            src->fm_len = (size_t)(p - src->fm);
            src->body = after;
            src->body_len = (size_t)(end - after);
            src->body_line = line + 1;
            return true;
        }
        p = after;
    }
    diag_error(src->path, 1, 1,
               "the front matter opened here with '%s' is never closed; add a line '%s' "
               "after it",
               fence, fence);
    return false;
}

static bool only_space(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!g_ascii_isspace(p[i]))
            return false;
    return true;
}

CpSource *source_create(const char *name, const char *dir, const char *data, size_t len)
{
    // A byte order mark is not text: drop it so columns count from the text.
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    CpSource *src = g_new0(CpSource, 1);
    src->path = g_strdup(name);
    src->dir = g_strdup(dir ? dir : ".");
    src->data = g_malloc(len + 1);
    memcpy(src->data, data, len);
    src->data[len] = '\0';
    src->len = len;

    int line, col;
    const char *nul = memchr(src->data, '\0', len);
    if (nul) {
        source_position(src, nul, &line, &col);
        diag_error(src->path, line, col,
                   "the file holds a NUL byte; is it a text file? Save it as UTF-8 text");
        goto fail;
    }
    const char *bad;
    if (!g_utf8_validate(src->data, (gssize)len, &bad)) {
        source_position(src, bad, &line, &col);
        diag_error(src->path, line, col, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
                   (unsigned char)*bad);
        goto fail;
    }
    if (only_space(src->data, len)) {
        diag_error(src->path, 0, 0, "the file is empty; write the code of conduct in Markdown");
        goto fail;
    }
    if (!split_front_matter(src))
        goto fail;
    if (only_space(src->body, src->body_len)) {
        diag_error(src->path, src->body_line, 0,
                   "the document has front matter but no text after it; write the code of "
                   "conduct below the front matter");
        goto fail;
    }
    return src;

fail:
    source_destroy(src);
    return NULL;
}

// Reads PATH whole, refusing files over CP_MAX_SOURCE_BYTES before reading them.
bool source_read_file(const char *path, const char *what, char **data, size_t *len)
{
    GStatBuf st;
    if (g_stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > CP_MAX_SOURCE_BYTES) {
        diag_error(path, 0, 0,
                   "the %s is %.1f MB; cocprint reads files up to %d KiB (a code of conduct is "
                   "rarely over 50 KB): split it or shorten it",
                   what, (double)st.st_size / 1e6, CP_MAX_SOURCE_BYTES / 1024);
        return false;
    }
    GError *err = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, data, &n, &err)) {
        diag_error(path, 0, 0, "cannot read the %s: %s", what, err->message);
        g_error_free(err);
        return false;
    }
    if (n > CP_MAX_SOURCE_BYTES) { // a pipe or device that was not a regular file
        diag_error(path, 0, 0, "the %s is over %d KiB; cocprint reads files up to that size", what,
                   CP_MAX_SOURCE_BYTES / 1024);
        g_free(*data);
        *data = NULL;
        return false;
    }
    *len = n;
    return true;
}

CpSource *source_load(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    if (!source_read_file(path, "file", &data, &len))
        return NULL;
    gchar *dir = g_path_get_dirname(path);
    CpSource *src = source_create(path, dir, data, len);
    g_free(dir);
    g_free(data);
    return src;
}

void source_destroy(CpSource *src)
{
    if (!src)
        return;
    g_free(src->path);
    g_free(src->dir);
    g_free(src->data);
    g_free(src);
}
