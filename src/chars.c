#include "chars.h"

#include "diag.h"

#include <stdlib.h>
#include <string.h>

static bool is_control(gunichar c)
{
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
}

static bool is_embedding(gunichar c)
{
    return c >= 0x202A && c <= 0x202E;
}

bool chars_refused(gunichar c, CpCharRule rule)
{
    if (is_control(c) || is_embedding(c))
        return true;
    if (rule != CP_CHARS_CONTACT)
        return false;
    // Isolates, marks and U+061C are Cf too; so are ZWSP, ZWJ, ZWNJ, WJ,
    // U+FEFF and the soft hyphen. A tab, line feed or line separator would
    // set a number on two lines.
    GUnicodeType t = g_unichar_type(c);
    return c < 0x20 || t == G_UNICODE_FORMAT || t == G_UNICODE_LINE_SEPARATOR ||
           t == G_UNICODE_PARAGRAPH_SEPARATOR;
}

const char *chars_find(const char *text, gssize len, CpCharRule rule)
{
    const char *end = len < 0 ? NULL : text + len;
    for (const char *p = text; end ? p < end : *p != '\0'; p = g_utf8_next_char(p)) {
        // ASCII letters, digits and punctuation are the common case.
        if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F)
            continue;
        if (chars_refused(g_utf8_get_char(p), rule))
            return p;
    }
    return NULL;
}

// C's name from Debian's unicode-data (./setup installs it), read only when
// an error names a character: NULL for a control character, one not in the
// file, or no file. Ranges (CJK ideographs, private use) are named by kind.
static char *unicode_name(gunichar c)
{
    char *data;
    if (!g_file_get_contents("/usr/share/unicode/UnicodeData.txt", &data, NULL, NULL))
        return NULL;
    char *name = NULL;
    gunichar first = 0;
    const char *range = NULL;
    for (char *line = data; line && *line && !name;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char **f = g_strsplit(line, ";", 3);
        if (f[0] && f[1]) {
            gunichar code = (gunichar)strtoul(f[0], NULL, 16);
            if (code == c && f[1][0] != '<')
                name = g_strdup(f[1]);
            else if (g_str_has_suffix(f[1], ", First>"))
                first = code, range = line;
            else if (g_str_has_suffix(f[1], ", Last>") && range && c >= first && c <= code)
                name = g_str_has_prefix(f[1], "<CJK Ideograph")
                           ? g_strdup_printf("CJK UNIFIED IDEOGRAPH-%04X", c)
                       : strstr(f[1], "Private Use") ? g_strdup("a private-use character")
                                                     : g_strndup(f[1] + 1, strlen(f[1]) - 8);
            else if (code > c)
                line = NULL; // past C: not in the file
        }
        g_strfreev(f);
        if (!line)
            break;
        line = next;
    }
    if (!name && !is_control(c) && g_unichar_type(c) == G_UNICODE_UNASSIGNED)
        name = g_strdup("not a character in Unicode 15");
    g_free(data);
    return name;
}

char *chars_describe(gunichar c)
{
    static const struct {
        gunichar c;
        const char *name;
    } names[] = {
        {0x00, "NULL"},
        {0x07, "BELL"},
        {0x08, "BACKSPACE"},
        {0x0B, "VERTICAL TAB"},
        {0x0C, "FORM FEED"},
        {0x09, "CHARACTER TABULATION"},
        {0x0A, "LINE FEED"},
        {0x0D, "CARRIAGE RETURN"},
        {0x1B, "ESCAPE"},
        {0x7F, "DELETE"},
        {0x85, "NEXT LINE"},
        {0xAD, "SOFT HYPHEN"},
        {0x061C, "ARABIC LETTER MARK"},
        {0x200B, "ZERO WIDTH SPACE"},
        {0x200C, "ZERO WIDTH NON-JOINER"},
        {0x200D, "ZERO WIDTH JOINER"},
        {0x200E, "LEFT-TO-RIGHT MARK"},
        {0x200F, "RIGHT-TO-LEFT MARK"},
        {0x202A, "LEFT-TO-RIGHT EMBEDDING"},
        {0x202B, "RIGHT-TO-LEFT EMBEDDING"},
        {0x202C, "POP DIRECTIONAL FORMATTING"},
        {0x202D, "LEFT-TO-RIGHT OVERRIDE"},
        {0x202E, "RIGHT-TO-LEFT OVERRIDE"},
        {0x2028, "LINE SEPARATOR"},
        {0x2029, "PARAGRAPH SEPARATOR"},
        {0x2060, "WORD JOINER"},
        {0x2066, "LEFT-TO-RIGHT ISOLATE"},
        {0x2067, "RIGHT-TO-LEFT ISOLATE"},
        {0x2068, "FIRST STRONG ISOLATE"},
        {0x2069, "POP DIRECTIONAL ISOLATE"},
        {0xFEFF, "ZERO WIDTH NO-BREAK SPACE"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (names[i].c == c)
            return g_strdup_printf("U+%04X %s", c, names[i].name);
    char *name = unicode_name(c);
    if (name) {
        // A kind ("a private-use character") rather than a name.
        char *d = g_strdup_printf(g_ascii_islower(name[0]) ? "U+%04X, %s" : "U+%04X %s", c, name);
        g_free(name);
        return d;
    }
    if (is_control(c))
        return g_strdup_printf("U+%04X, a control character", c);
    if (g_unichar_type(c) == G_UNICODE_FORMAT)
        return g_strdup_printf("U+%04X, an invisible format character", c);
    return g_strdup_printf("U+%04X", c);
}

void chars_position(const char *data, const char *p, int *line, int *col)
{
    // Counted by lead bytes, so a position in text not yet checked as UTF-8
    // (a NUL byte, an invalid sequence) is right too.
    int l = 1, c = 1;
    for (const char *q = data; q < p; q++) {
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

void chars_report(const char *file, int line, int col, gunichar c)
{
    char *what = chars_describe(c);
    if (is_embedding(c))
        diag_error(file, line, col,
                   "%s reverses or reorders the text after it (digits of a phone number too), "
                   "so what prints would differ from what is written; delete it (to mix "
                   "directions, use an isolate, U+2066 to U+2069)",
                   what);
    else if (c == '\r')
        diag_error(file, line, col,
                   "%s without a line feed after it; save the file with LF (or CRLF) line ends",
                   what);
    else
        diag_error(file, line, col,
                   "%s cannot be printed; delete it (or write a space or a line break)", what);
    g_free(what);
}

bool chars_check_file(const char *file, const char *data, size_t len, size_t text_from)
{
    const char *end = data + len;
    for (const char *p = data; p < end;) {
        const char *bad = chars_find(p, end - p, CP_CHARS_TEXT);
        if (!bad)
            return true;
        gunichar c = g_utf8_get_char(bad);
        bool crlf = bad[0] == '\r' && bad + 1 < end && bad[1] == '\n';
        if (crlf || (is_embedding(c) && (size_t)(bad - data) < text_from)) {
            p = g_utf8_next_char(bad);
            continue;
        }
        int line, col;
        chars_position(data, bad, &line, &col);
        chars_report(file, line, col, c);
        return false;
    }
    return true;
}

// The code point of a numeric character reference at P ("&#x202E;"), or 0.
static gunichar char_ref(const char *p, const char **after)
{
    if (p[0] != '&' || p[1] != '#')
        return 0;
    const char *q = p + 2;
    bool hex = *q == 'x' || *q == 'X';
    if (hex)
        q++;
    guint64 v = 0;
    const char *digits = q;
    while (hex ? g_ascii_isxdigit(*q) : g_ascii_isdigit(*q)) {
        v = v * (hex ? 16 : 10) + (guint64)(hex ? g_ascii_xdigit_value(*q) : *q - '0');
        if (v > 0x10FFFF)
            return 0;
        q++;
    }
    if (q == digits || *q != ';')
        return 0;
    *after = q + 1;
    return (gunichar)v;
}

// Code spans and fenced code blocks keep a character reference as written:
// a match there is not the one cmark decoded.
typedef struct {
    int span;        // backticks that opened the code span we are in, or 0
    bool fence;      // inside a ``` or ~~~ block
    bool fence_line; // this line opens or closes one
    bool line_start;
    bool blank; // the line so far is blank
} CodeState;

static void code_step(CodeState *st, const char *q, char prev)
{
    if (*q == '\n') {
        if (st->blank)
            st->span = 0; // a blank line ends a paragraph, and any span in it
        st->line_start = st->blank = true;
        st->fence_line = false;
        return;
    }
    if (st->line_start) {
        const char *r = q;
        while (*r == ' ' && r - q < 3)
            r++;
        st->fence_line = g_str_has_prefix(r, "```") || g_str_has_prefix(r, "~~~");
        if (st->fence_line)
            st->fence = !st->fence;
    }
    st->line_start = false;
    if (*q != ' ' && *q != '\t')
        st->blank = false;
    if (*q == '`' && prev != '`' && !st->fence && !st->fence_line) {
        int run = 0;
        while (q[run] == '`')
            run++;
        st->span = st->span == 0 ? run : st->span == run ? 0 : st->span;
    }
}

bool chars_locate(const char *data, int from, int to, gunichar c, int *line, int *col)
{
    const char *p = data;
    int l = 1;
    for (; l < from && p; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    CodeState st = {0, false, false, true, true};
    for (const char *q = p; q && *q; q = g_utf8_next_char(q)) {
        const char *after;
        if (*q == '\n' && to > 0 && ++l > to)
            break;
        code_step(&st, q, q > p ? q[-1] : '\n');
        bool in_code = st.span > 0 || st.fence;
        if (g_utf8_get_char(q) == c || (!in_code && *q == '&' && char_ref(q, &after) == c)) {
            chars_position(data, q, line, col);
            return true;
        }
    }
    return false;
}

char *chars_close_isolates(char *text)
{
    if (!text)
        return NULL;
    int open = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        if ((unsigned char)*p != 0xE2)
            continue;
        gunichar c = g_utf8_get_char(p);
        if (c >= 0x2066 && c <= 0x2068)
            open++;
        else if (c == 0x2069 && open > 0)
            open--;
        else if (c == 0x2029)
            open = 0; // a new paragraph closes them all
    }
    if (!open)
        return text;
    GString *s = g_string_new(text);
    g_free(text);
    while (open--)
        g_string_append(s, "\u2069");
    return g_string_free(s, FALSE);
}
