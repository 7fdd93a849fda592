#include "source.h"

#include "diag.h"

#include "chars.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
        chars_position(src->data, nul, &line, &col);
        diag_error(src->path, line, col,
                   "the file holds a NUL byte; is it a text file? Save it as UTF-8 text");
        goto fail;
    }
    const char *bad;
    if (!g_utf8_validate(src->data, (gssize)len, &bad)) {
        chars_position(src->data, bad, &line, &col);
        diag_error(src->path, line, col, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
                   (unsigned char)*bad);
        goto fail;
    }
    if (only_space(src->data, len)) {
        diag_error(src->path, 0, 0, "the file is empty; write the code of conduct in Markdown");
        goto fail;
    }
    if (!split_front_matter(src) ||
        !chars_check_file(src->path, src->data, len, (size_t)(src->body - src->data)))
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

static const char *file_kind(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a named pipe (FIFO)";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

// True when the absolute path REAL has a component ".git".
static bool in_git_folder(const char *real)
{
    for (const char *p = real; (p = strstr(p, "/.git")); p += 5)
        if (p[5] == '/' || p[5] == '\0')
            return true;
    return false;
}

// True when REAL lies inside the folder DIR (both absolute, without links).
static bool inside_folder(const char *real, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(real, dir, n) == 0 && real[n] == '/';
}

static void size_text(char *buf, size_t n, double bytes)
{
    if (bytes >= 10 * 1024 * 1024)
        g_snprintf(buf, n, "%.0f MiB", bytes / (1024 * 1024));
    else
        g_snprintf(buf, n, "%.0f KiB", bytes / 1024);
}

#define REPORT(spec, path, ...)                                                                    \
    diag_error((spec)->file ? (spec)->file : (path), (spec)->file ? (spec)->line : 0,              \
               (spec)->file ? (spec)->col : 0, __VA_ARGS__)

// Checks the symbolic link LINK, a prefix of PATH (PATH itself when LAST):
// it must lead somewhere, inside the folder that holds it (unless
// --allow-links), and the file it leads to never into .git.
static bool link_ok(const char *path, const char *link, bool last, const CpReadSpec *spec)
{
    char *target = g_file_read_link(link, NULL);
    char *real = realpath(link, NULL);
    char *holder = g_path_get_dirname(link);
    char *real_holder = realpath(holder, NULL);
    const char *shown = target ? target : "?";
    bool ok = false;
    if (last && !real) {
        REPORT(spec, path,
               "the %s %s is a symbolic link to '%s', which does not exist; replace the link "
               "with the file",
               spec->what, path, shown);
    } else if (last && in_git_folder(real)) {
        // A pull request could link the policy to .git/config and print
        // the CI's credentials on the poster.
        REPORT(spec, path,
               "the %s %s is a symbolic link to '%s' (%s), inside a .git folder; cocprint "
               "never reads from one: replace the link with the file itself",
               spec->what, path, shown, real);
    } else if (spec->allow_links || (real && real_holder && inside_folder(real, real_holder))) {
        ok = true;
    } else if (last) {
        REPORT(spec, path,
               "the %s %s is a symbolic link to '%s' (%s), outside the folder that holds "
               "the link (%s); replace the link with a copy of the file, or run with "
               "--allow-links if you trust where it points",
               spec->what, path, shown, real, holder);
    } else {
        REPORT(spec, path,
               "the %s %s lies in %s, a symbolic link to '%s' (%s), outside the folder "
               "that holds the link (%s); replace the link with the folder itself, or "
               "run with --allow-links if you trust where it points",
               spec->what, path, link, shown, real ? real : "missing", holder);
    }
    g_free(target);
    free(real);
    g_free(holder);
    free(real_holder);
    return ok;
}

// Where PATH really leads. Every link on the way is checked, the file's own
// and a folder's (content -> ../elsewhere); folders above the working
// directory are the caller's choice, not the input's, and are not.
static char *checked_real_path(const char *path, const CpReadSpec *spec)
{
    size_t skip = 0;
    if (g_path_is_absolute(path)) {
        char *cwd = g_get_current_dir();
        size_t n = strlen(cwd);
        if (strncmp(path, cwd, n) == 0 && path[n] == '/')
            skip = n;
        g_free(cwd);
    }
    bool ok = true;
    size_t len = strlen(path);
    for (size_t i = skip + 1; ok && i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char *prefix = g_strndup(path, i);
        GStatBuf st;
        if (g_lstat(prefix, &st) == 0 && S_ISLNK(st.st_mode))
            ok = link_ok(path, prefix, path[i] == '\0', spec);
        g_free(prefix);
    }
    if (!ok)
        return NULL;
    char *real = realpath(path, NULL);
    if (!real)
        REPORT(spec, path, "cannot read the %s %s: %s", spec->what, path, g_strerror(errno));
    else if (in_git_folder(real))
        REPORT(spec, path, "the %s %s is inside a .git folder (%s); cocprint never reads from one",
               spec->what, path, real);
    else
        return real;
    free(real);
    return NULL;
}

const char *source_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

// Reads FD to its end into BUF, through SPEC's limit: a file that grows
// meanwhile, or a pipe, is still bounded.
static bool read_bounded(int fd, const CpReadSpec *spec, const char *path, GByteArray *buf)
{
    char limit[32];
    size_text(limit, sizeof limit, (double)spec->limit);
    guint8 chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            REPORT(spec, path, "cannot read the %s %s: %s", spec->what, path, g_strerror(errno));
            return false;
        }
        if (n == 0)
            return true;
        if (buf->len + (size_t)n > spec->limit) {
            REPORT(spec, path, "the %s is over %s; cocprint reads files up to that size",
                   spec->what, limit);
            return false;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
}

// "-": standard input, read once in a run, through the same limit.
static bool read_stdin(const CpReadSpec *spec, char **data, size_t *len)
{
    static bool read_once;
    if (read_once) {
        REPORT(spec, "<stdin>", "standard input is read once; give the %s as a file", spec->what);
        return false;
    }
    read_once = true;
    GByteArray *buf = g_byte_array_new();
    if (!read_bounded(STDIN_FILENO, spec, "<stdin>", buf)) {
        g_byte_array_unref(buf);
        return false;
    }
    *len = buf->len;
    g_byte_array_append(buf, (const guint8 *)"", 1);
    *data = (char *)g_byte_array_free(buf, FALSE);
    return true;
}

bool source_read_file(const char *path, const CpReadSpec *spec, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0)
        return read_stdin(spec, data, len);
    char *real = checked_real_path(path, spec);
    if (!real)
        return false;
    bool ok = false;
    char limit[32];
    size_text(limit, sizeof limit, (double)spec->limit);
    GStatBuf st;
    int fd = -1;
    GByteArray *buf = NULL;
    // Checked before opening: opening a FIFO for reading blocks until a
    // writer comes, and a device such as /dev/zero never ends.
    if (g_stat(real, &st) != 0) {
        REPORT(spec, path, "cannot read the %s %s: %s", spec->what, path, g_strerror(errno));
        goto done;
    }
    if (!S_ISREG(st.st_mode)) {
        REPORT(spec, path, "the %s %s is %s, not a regular file; give a file", spec->what, path,
               file_kind(st.st_mode));
        goto done;
    }
    if ((guint64)st.st_size > spec->limit) {
        REPORT(spec, path,
               "the %s is %.1f MB; cocprint reads files up to %s%s: split it or shorten it",
               spec->what, (double)st.st_size / 1e6, limit,
               spec->limit == CP_MAX_MARKDOWN_BYTES ? " (a code of conduct is rarely over 50 KB)"
                                                    : "");
        goto done;
    }
    fd = open(real, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
    struct stat fst;
    if (fd < 0 || fstat(fd, &fst) != 0) {
        REPORT(spec, path, "cannot read the %s %s: %s", spec->what, path, g_strerror(errno));
        goto done;
    }
    if (!S_ISREG(fst.st_mode) || fst.st_ino != st.st_ino || fst.st_dev != st.st_dev) {
        REPORT(spec, path, "the %s %s changed while cocprint opened it; run again", spec->what,
               path);
        goto done;
    }
    buf = g_byte_array_sized_new((guint)MIN((guint64)st.st_size + 1, spec->limit + 1));
    if (!read_bounded(fd, spec, path, buf))
        goto done;
    *len = buf->len;
    g_byte_array_append(buf, (const guint8 *)"", 1);
    *data = (char *)g_byte_array_free(buf, FALSE);
    buf = NULL;
    ok = true;
done:
    if (buf)
        g_byte_array_unref(buf);
    if (fd >= 0)
        close(fd);
    free(real);
    return ok;
}

CpSource *source_load(const char *path, bool allow_links)
{
    gchar *data = NULL;
    gsize len = 0;
    const CpReadSpec spec = {"file", CP_MAX_MARKDOWN_BYTES, allow_links, NULL, 0, 0};
    if (!source_read_file(path, &spec, &data, &len))
        return NULL;
    gchar *dir = g_path_get_dirname(path); // "-": the working folder
    CpSource *src = source_create(source_name(path), dir, data, len);
    g_free(dir);
    g_free(data);
    if (src)
        src->allow_links = allow_links;
    return src;
}

bool source_add_up(const CpSource *src, size_t *total)
{
    *total += src->len;
    if (*total <= CP_MAX_MARKDOWN_BYTES)
        return true;
    diag_error(src->path, 0, 0,
               "the inputs hold %zu KiB of Markdown with this one; one run reads %d KiB at most: "
               "make the translations in two runs",
               *total / 1024, CP_MAX_MARKDOWN_BYTES / 1024);
    return false;
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
