#include "diag.h"

#include <stdio.h>

static GString *last;
static int errors;
static bool silent;

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
    g_string_append_vprintf(last, fmt, ap);
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

const char *diag_last(void)
{
    return last ? last->str : "";
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
    errors = 0;
    if (last) {
        g_string_free(last, TRUE);
        last = NULL;
    }
}
