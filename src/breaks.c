#include "breaks.h"

#include <string.h>

#define ZWSP "\u200B"
#define WJ "\u2060"
#define SHY 0x00AD
// A break point every so many characters: a line of a broken run ends at
// most this much short of the measure (the text is set ragged), while a
// break point after every character made Pango six times slower.
#define STEP 8

// Marks the characters after which a zero-width space goes: every STEP-th
// cursor position inside runs longer than CP_LONG_RUN. A break after a soft hyphen does not
// count: Pango shapes again to try each of those too.
static size_t mark(const char *text, const PangoLogAttr *la, long n, bool *after)
{
    size_t added = 0;
    long start = 0;
    const char *p = text;
    for (long i = 1; i <= n; i++) {
        gunichar c = g_utf8_get_char(p);
        p = g_utf8_next_char(p);
        bool brk = i == n || (la[i].is_line_break && c != SHY) || la[i].is_mandatory_break;
        if (!brk)
            continue;
        if (i - start > CP_LONG_RUN) {
            int since = 0;
            for (long k = start + 1; k < i; k++)
                if (la[k].is_cursor_position && ++since >= STEP) {
                    after[k - 1] = true;
                    added++;
                    since = 0;
                }
        }
        start = i;
    }
    return added;
}

static void move_attrs(PangoAttrList **attrs, const size_t *map)
{
    PangoAttrList *moved = pango_attr_list_new();
    GSList *list = pango_attr_list_get_attributes(*attrs);
    for (GSList *l = list; l; l = l->next) {
        PangoAttribute *a = l->data;
        if (a->start_index != PANGO_ATTR_INDEX_FROM_TEXT_BEGINNING)
            a->start_index = (guint)map[a->start_index];
        if (a->end_index != PANGO_ATTR_INDEX_TO_TEXT_END)
            a->end_index = (guint)map[a->end_index];
        pango_attr_list_insert(moved, a); // takes it over
    }
    g_slist_free(list);
    pango_attr_list_unref(*attrs);
    *attrs = moved;
}

size_t breaks_add(char **text, PangoAttrList **attrs, CpLink *links, size_t n,
                  PangoLanguage *language)
{
    long chars = g_utf8_strlen(*text, -1);
    if (chars <= CP_LONG_RUN)
        return 0;
    PangoLogAttr *la = g_new(PangoLogAttr, chars + 1);
    pango_get_log_attrs(*text, -1, -1, language, la, (int)chars + 1);
    bool *after = g_new0(bool, chars);
    size_t added = mark(*text, la, chars, after);
    g_free(la);
    if (!added) {
        g_free(after);
        return 0;
    }
    // map[b]: where byte b of the old text is in the new one.
    size_t len = strlen(*text);
    size_t *map = g_new(size_t, len + 1);
    GString *out = g_string_sized_new(len + added * 3);
    const char *p = *text;
    for (long i = 0; i < chars; i++) {
        const char *next = g_utf8_next_char(p);
        for (const char *q = p; q < next; q++)
            map[q - *text] = out->len + (size_t)(q - p);
        g_string_append_len(out, p, next - p);
        if (after[i])
            g_string_append(out, ZWSP);
        p = next;
    }
    map[len] = out->len;
    g_free(after);
    move_attrs(attrs, map);
    for (size_t i = 0; i < n; i++) {
        links[i].start = (int)map[links[i].start];
        links[i].end = (int)map[links[i].end];
    }
    g_free(map);
    g_free(*text);
    *text = g_string_free(out, FALSE);
    return added;
}

char *breaks_address(const char *a)
{
    GString *s = g_string_new(NULL);
    size_t n = strlen(a);
    for (size_t i = 0; i < n; i++) {
        char c = a[i], prev = i ? a[i - 1] : 0, next = a[i + 1];
        bool slashes = c == '/' && (prev == '/' || next == '/'); // the "//" stays whole
        bool before = i > 0 && !slashes && strchr("/.,-_~?#%=&", c);
        // After "//" and "@", "=" and "&"; after ":" unless "//" follows
        // ("https:" alone on a line reads as a word).
        bool after =
            next && ((c == '/' && prev == '/') || strchr("@=&", c) || (c == ':' && next != '/'));
        if (before && s->len && !g_str_has_suffix(s->str, ZWSP))
            g_string_append(s, ZWSP);
        g_string_append_c(s, c);
        if (after)
            g_string_append(s, ZWSP);
        else if (next && (unsigned char)c < 0x80 && !g_ascii_isalnum(c))
            // Line breaking (UAX #14) would break after "-" or "/": a
            // word joiner keeps such a mark with what follows it.
            g_string_append(s, WJ);
    }
    return g_string_free(s, FALSE);
}
