#include "diag.h"

#include <stdio.h>
#include <string.h>

static GString *last;
static char *last_error; // the last error's message alone
static int errors;
static bool silent;

// Messages quote the input (a key, a URL, a path): a control character or a
// bidi override there would reach the terminal or the CI log as one. Each
// is shown as <U+XXXX> instead.
static void defang(GString *s)
{
    for (size_t i = 0; i < s->len;) {
        const char *p = s->str + i;
        unsigned char b = (unsigned char)*p;
        gunichar c = b < 0x80 ? b : g_utf8_get_char_validated(p, (gssize)(s->len - i));
        size_t n = b < 0x80 ? 1 : c < 0x110000 ? (size_t)(g_utf8_next_char(p) - p) : 1;
        bool bad = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) ||
                   (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        if (bad) {
            char rep[16];
            int k = g_snprintf(rep, sizeof rep, "<U+%04X>", c);
            g_string_erase(s, (gssize)i, (gssize)n);
            g_string_insert(s, (gssize)i, rep);
            n = (size_t)k;
        }
        i += n;
    }
}

static void emit(const char *kind, const char *file, int line, int col, const char *fmt, va_list ap)
{
    if (!last)
        last = g_string_new(NULL);
    g_string_truncate(last, 0);
    if (file) {
        g_string_append(last, file);
        if (line > 0)
            g_string_append_printf(last, ":%d", line);
        if (line > 0 && col > 0)
            g_string_append_printf(last, ":%d", col);
        g_string_append(last, ": ");
    } else {
        g_string_append(last, "cocprint: ");
    }
    g_string_append_printf(last, "%s: ", kind);
    size_t head = last->len;
    g_string_append_vprintf(last, fmt, ap);
    defang(last);
    if (strcmp(kind, "error") == 0) {
        g_free(last_error);
        last_error = g_strdup(last->str + MIN(head, last->len));
    }
    if (!silent)
        fprintf(stderr, "%s\n", last->str);
}

void diag_error(const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("error", file, line, col, fmt, ap);
    va_end(ap);
    errors++;
}

void diag_warn(const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit("warning", file, line, col, fmt, ap);
    va_end(ap);
}

typedef struct {
    char *file, *kind, *first;
    int line, col, count;
} Group;

static GArray *groups; // Group, in the order of their first warning

void diag_warn_grouped(const char *file, int line, int col, const char *kind, const char *fmt, ...)
{
    if (!groups)
        groups = g_array_new(FALSE, FALSE, sizeof(Group));
    for (guint i = 0; i < groups->len; i++) {
        Group *g = &g_array_index(groups, Group, i);
        if (g_strcmp0(g->file, file) == 0 && strcmp(g->kind, kind) == 0) {
            g->count++;
            return;
        }
    }
    va_list ap;
    va_start(ap, fmt);
    Group g = {g_strdup(file), g_strdup(kind), g_strdup_vprintf(fmt, ap), line, col, 1};
    va_end(ap);
    g_array_append_val(groups, g);
}

void diag_flush_grouped(void)
{
    for (guint i = 0; groups && i < groups->len; i++) {
        Group *g = &g_array_index(groups, Group, i);
        if (g->count == 1)
            diag_warn(g->file, g->line, g->col, "%s", g->first);
        else
            diag_warn(g->file, 0, 0, "%d %s (first at %d:%d: %s)", g->count, g->kind, g->line,
                      g->col, g->first);
        g_free(g->file);
        g_free(g->kind);
        g_free(g->first);
    }
    if (groups)
        g_array_set_size(groups, 0);
}

const char *diag_last(void)
{
    return last ? last->str : "";
}

const char *diag_last_error(void)
{
    return last_error ? last_error : "";
}

int diag_error_count(void)
{
    return errors;
}

void diag_set_silent(bool s)
{
    silent = s;
}

void diag_reset(void)
{
    for (guint i = 0; groups && i < groups->len; i++) {
        Group *g = &g_array_index(groups, Group, i);
        g_free(g->file);
        g_free(g->kind);
        g_free(g->first);
    }
    if (groups)
        g_array_free(groups, TRUE);
    groups = NULL;
    errors = 0;
    g_free(last_error);
    last_error = NULL;
    if (last) {
        g_string_free(last, TRUE);
        last = NULL;
    }
}
