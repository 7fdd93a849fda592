#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <string.h>

cmark_node *markdown_parse(const char *text, size_t len, int options)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(options | CMARK_OPT_FOOTNOTES);
    static const char *const names[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);
        if (ext)
            cmark_parser_attach_syntax_extension(p, ext);
    }
    cmark_parser_feed(p, text, len);
    cmark_node *root = cmark_parser_finish(p);
    cmark_parser_free(p);
    return root;
}

bool markdown_task(cmark_node *item, bool *checked)
{
    const char *t = cmark_node_get_type_string(item);
    if (!t || strcmp(t, "tasklist") != 0)
        return false;
    *checked = cmark_gfm_extensions_get_tasklist_item_checked(item);
    return true;
}

int markdown_table_columns(cmark_node *table)
{
    return cmark_gfm_extensions_get_table_columns(table);
}

const unsigned char *markdown_table_alignments(cmark_node *table)
{
    return cmark_gfm_extensions_get_table_alignments(table);
}

bool markdown_row_is_header(cmark_node *row)
{
    return cmark_gfm_extensions_get_table_row_is_header(row) != 0;
}

// Where a fence (``` or ~~~, three or more) opens or closes on LINE: its
// character and length, or 0.
static size_t fence(const char *line, size_t n, char *ch, size_t *after)
{
    size_t i = 0;
    *ch = 0;
    while (i < n && i < 3 && line[i] == ' ')
        i++;
    if (i >= n || (line[i] != '`' && line[i] != '~'))
        return 0;
    size_t k = i;
    while (k < n && line[k] == line[i])
        k++;
    if (k - i < 3)
        return 0;
    *ch = line[i];
    *after = k;
    return k - i;
}

static void note(GArray *found, MdExtraKind kind, int line, const char *all, const char *at,
                 size_t n)
{
    if (!found)
        return;
    MdExtra e = {kind, line, (int)g_utf8_strlen(all, at - all) + 1, g_strndup(at, n)};
    g_array_append_val(found, e);
}

// The end of a "{% ... %}", "{{< ... >}}" or "{{% ... %}}" starting at P
// (before END), or NULL.
static const char *tag_end(const char *p, const char *end, MdExtraKind *kind)
{
    const char *close;
    if (end - p >= 2 && p[0] == '{' && p[1] == '%') {
        *kind = MD_LIQUID;
        close = "%}";
    } else if (end - p >= 3 && p[0] == '{' && p[1] == '{' && (p[2] == '<' || p[2] == '%')) {
        *kind = MD_HUGO;
        close = p[2] == '<' ? ">}}" : "%}}";
    } else {
        return NULL;
    }
    size_t cn = strlen(close);
    for (const char *q = p + 2; q + cn <= end; q++)
        if (memcmp(q, close, cn) == 0)
            return q + cn;
    return NULL;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

// One line outside code blocks, into OUT: tags removed outside code spans,
// a trailing attribute list after a heading, a line of an attribute list or
// a MyST target alone.
static void strip_line(GString *out, const char *line, size_t n, int lno, GArray *found)
{
    char *trimmed = g_strstrip(g_strndup(line, n));
    size_t tn = strlen(trimmed);
    bool ial = tn >= 3 && trimmed[0] == '{' && trimmed[1] == ':' && trimmed[tn - 1] == '}';
    bool myst = tn >= 4 && trimmed[0] == '(' && trimmed[tn - 2] == ')' && trimmed[tn - 1] == '=' &&
                !memchr(trimmed, ' ', tn);
    g_free(trimmed);
    if (ial || myst) {
        const char *at = line;
        while (*at == ' ' || *at == '\t')
            at++;
        note(found, ial ? MD_KRAMDOWN : MD_MYST, lno, line, at, n - (size_t)(at - line));
        return; // the line stays, empty
    }
    const char *end = line + n;
    // A heading's "{#id}" or "{: .x}" at its end.
    const char *stop = end;
    while (stop > line && (stop[-1] == ' ' || stop[-1] == '\r'))
        stop--;
    const char *hash = line;
    while (hash < end && *hash == ' ')
        hash++;
    if (hash < end && *hash == '#' && stop > line && stop[-1] == '}') {
        const char *open = stop - 1;
        while (open > hash && *open != '{')
            open--;
        if (*open == '{' && open + 1 < stop &&
            (open[1] == '#' || open[1] == ':' || open[1] == '.')) {
            note(found, MD_KRAMDOWN, lno, line, open, (size_t)(stop - open));
            end = open;
        }
    }
    size_t ticks = 0; // inside a code span opened by this many backticks
    const char *p = line;
    GString *kept = g_string_new(NULL);
    bool removed = false;
    while (p < end) {
        if (*p == '`') {
            size_t k = 0;
            while (p + k < end && p[k] == '`')
                k++;
            ticks = ticks == 0 ? k : ticks == k ? 0 : ticks;
            g_string_append_len(kept, p, (gssize)k);
            p += k;
            continue;
        }
        MdExtraKind kind;
        const char *e = ticks ? NULL : tag_end(p, end, &kind);
        if (e) {
            note(found, kind, lno, line, p, (size_t)(e - p));
            removed = true;
            p = e;
            continue;
        }
        g_string_append_c(kept, *p++);
    }
    if (!(removed && blank(kept->str, kept->len)))
        g_string_append_len(out, kept->str, (gssize)kept->len);
    g_string_free(kept, TRUE);
}

char *markdown_strip_extras(const char *text, size_t len, size_t *out_len, GArray *found)
{
    GString *out = g_string_sized_new(len);
    const char *p = text, *end = text + len;
    char open = 0; // the fence character of the code block we are in
    size_t open_n = 0;
    for (int lno = 1; p < end; lno++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char ch;
        size_t after = 0, f = fence(p, n, &ch, &after);
        bool indented = n > 0 && (p[0] == '\t' || (n >= 4 && memcmp(p, "    ", 4) == 0));
        if (open) {
            if (f >= open_n && ch == open && blank(p + after, n - after))
                open = 0;
            g_string_append_len(out, p, (gssize)n);
        } else if (f) {
            open = ch;
            open_n = f;
            g_string_append_len(out, p, (gssize)n);
        } else if (indented) {
            g_string_append_len(out, p, (gssize)n);
        } else {
            strip_line(out, p, n, lno, found);
        }
        if (nl)
            g_string_append_c(out, '\n');
        p = nl ? nl + 1 : end;
    }
    *out_len = out->len;
    return g_string_free(out, FALSE);
}
