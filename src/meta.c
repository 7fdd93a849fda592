#include "meta.h"

#include "chars.h"
#include "diag.h"

#include <glib.h>
#include <string.h>

static bool parse_yaml(const CpSource *src, CpMeta *meta)
{
    CpYaml y;
    if (!yamlutil_load(&y, src->path, "the front matter", src->fm, src->fm_len, src->fm_line))
        return false;
    bool ok = true;
    yaml_node_t *root = yamlutil_root(&y);
    if (!root || (root->type == YAML_SCALAR_NODE && !root->data.scalar.length))
        goto done;
    if (root->type != YAML_MAPPING_NODE) {
        diag_error(src->path, yamlutil_line(&y, root), yamlutil_col(&y, root),
                   "front matter should be 'key: value' lines");
        ok = false;
        goto done;
    }
    yaml_node_t *t = yamlutil_get(&y, root, "title");
    ok = yamlutil_field(&y, t, "title", NULL, CP_FIELD_TEXT, CP_MAX_TITLE_CHARS, &meta->title) &&
         yamlutil_field(&y, yamlutil_get(&y, root, "version"), "version", NULL, CP_FIELD_TEXT,
                        CP_MAX_META_CHARS, &meta->version) &&
         yamlutil_field(&y, yamlutil_get(&y, root, "date"), "date", NULL, CP_FIELD_TEXT,
                        CP_MAX_META_CHARS, &meta->date);
    if (ok && t)
        meta->title_line = yamlutil_line(&y, t);
    yaml_node_t *sum = yamlutil_get(&y, root, "summary");
    if (ok && sum) {
        ok = yamlutil_field(&y, sum, "summary", NULL, CP_FIELD_TEXT, CP_MAX_SUMMARY_CHARS,
                            &meta->summary);
        bool block =
            sum->type == YAML_SCALAR_NODE && (sum->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                                              sum->data.scalar.style == YAML_FOLDED_SCALAR_STYLE);
        meta->summary_line = yamlutil_line(&y, sum) + (block ? 1 : 0);
    }
    yaml_node_t *lang = yamlutil_get(&y, root, "lang");
    if (!lang)
        lang = yamlutil_get(&y, root, "language");
    if (ok && lang)
        ok = yamlutil_field(&y, lang, "lang", NULL, CP_FIELD_CONTACT, CP_MAX_META_CHARS,
                            &meta->lang);
    yaml_node_t *ev = yamlutil_get(&y, root, "event");
    if (ok && !yamlutil_is_null(ev)) {
        meta->event = event_from_yaml(&y, ev);
        ok = meta->event != NULL;
    }
done:
    yamlutil_finish(&y);
    return ok;
}

// A TOML basic string's escape at P (after the backslash), decoded into S
// as TOML 1.0 defines it. *P moves past it. False for an unknown escape or
// a \u that is not a Unicode scalar value.
static bool toml_escape(const char **p, GString *s)
{
    static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
    const char *hit = **p ? strchr(from, **p) : NULL;
    if (hit) {
        g_string_append_c(s, to[hit - from]);
        (*p)++;
        return true;
    }
    int digits = **p == 'u' ? 4 : **p == 'U' ? 8 : 0;
    if (!digits)
        return false;
    gunichar c = 0;
    for (int i = 1; i <= digits; i++) {
        if (!g_ascii_isxdigit((*p)[i]))
            return false;
        c = c * 16 + (gunichar)g_ascii_xdigit_value((*p)[i]);
    }
    // Not a Unicode scalar value; and a NUL would end the C string, leaving
    // what follows it unchecked and unprinted.
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return false;
    g_string_append_unichar(s, c);
    *p += digits + 1;
    return true;
}

// A TOML value limited to what Hugo front matter uses for text: quoted
// strings, and bare numbers, dates and booleans kept as written.
static bool toml_value(const CpSource *src, int line, const char *line_start, const char *v,
                       char **out)
{
    int col = (int)g_utf8_strlen(line_start, v - line_start) + 1;
    if (*v == '"' || *v == '\'') {
        char q = *v;
        GString *s = g_string_new(NULL);
        const char *p = v + 1;
        while (*p && *p != q) {
            if (q == '"' && *p == '\\') {
                const char *esc = p++;
                if (!toml_escape(&p, s)) {
                    int ecol = (int)g_utf8_strlen(line_start, esc - line_start) + 1;
                    // The whole escape as written: \q, or \u0000 with its digits.
                    int n = *p == 'u' ? 5 : *p == 'U' ? 9 : *p ? (int)(g_utf8_next_char(p) - p) : 0;
                    n = (int)strnlen(p, (size_t)n);
                    diag_error(src->path, line, ecol,
                               "'\\%.*s' is not a TOML escape; the escapes are \\b \\t \\n "
                               "\\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX of a character "
                               "other than U+0000 (write \\\\ for a backslash)",
                               n, p);
                    g_string_free(s, TRUE);
                    return false;
                }
            } else {
                g_string_append_c(s, *p++);
            }
        }
        const char *rest = *p ? p + 1 : p;
        while (*rest == ' ' || *rest == '\t')
            rest++;
        if (*p != q || (*rest && *rest != '#')) {
            diag_error(src->path, line, col,
                       *p != q ? "unterminated TOML string; close it with %c on the same line"
                               : "unexpected text after the TOML string (%c...%c)",
                       q, q);
            g_string_free(s, TRUE);
            return false;
        }
        *out = g_string_free(s, FALSE);
        return true;
    }
    if (*v == '[' || *v == '{') {
        *out = NULL; // arrays and tables carry nothing we print
        return true;
    }
    const char *e = v;
    while (*e && *e != '#')
        e++;
    *out = g_strstrip(g_strndup(v, (gsize)(e - v)));
    if (!**out) {
        diag_error(src->path, line, col, "a TOML key needs a value after '='");
        g_free(*out);
        *out = NULL;
        return false;
    }
    return true;
}

// A TOML front matter being read, line by line.
typedef struct {
    const CpSource *src;
    CpMeta *meta;
    char *table; // the [table] the lines belong to
    // "table\x1Fkey" -> first line: TOML forbids a key twice, and so do we
    // (YAML parsers disagree on which one wins).
    GHashTable *seen;
} TomlParse;

// A [table] or [[array]] header line at P (L: the whole line).
static bool toml_table(TomlParse *tp, int line, const char *l, const char *p)
{
    bool ok = true;
    // Keys of [tables] are not ours, but a table named twice is an error.
    g_free(tp->table);
    // Each [[array]] entry is a table of its own: its keys may repeat
    // those of the entry before.
    tp->table = g_str_has_prefix(p, "[[") ? g_strdup_printf("%s#%d", p, line) : g_strdup(p);
    char *id = g_strconcat("\x1F", tp->table, NULL);
    int first = GPOINTER_TO_INT(g_hash_table_lookup(tp->seen, id));
    if (first) {
        diag_error(tp->src->path, line, (int)(p - l) + 1,
                   "the TOML table %s appears twice (first on line %d); keep one", tp->table,
                   first);
        ok = false;
    }
    g_hash_table_insert(tp->seen, id, GINT_TO_POINTER(line));
    return ok;
}

// The key written from P to EQ, its quotes taken off: NULL (reported) for
// a quoted key with an escape that is not TOML's.
static char *toml_key(const CpSource *src, int line, const char *l, const char *p, const char *eq)
{
    char *key = g_strstrip(g_strndup(p, (gsize)(eq - p)));
    if (key[0] == '\'') {
        size_t n = strlen(key);
        memmove(key, key + 1, n);
        if (n >= 2)
            key[n - 2] = '\0';
        return key;
    }
    if (key[0] != '"')
        return key;
    // A quoted key decodes its escapes: "tit\u006ce" is title.
    GString *k = g_string_new(NULL);
    const char *q = key + 1;
    bool good = true;
    while (good && *q && *q != '"') {
        if (*q == '\\') {
            q++;
            good = toml_escape(&q, k);
        } else {
            g_string_append_c(k, *q++);
        }
    }
    g_free(key);
    if (!good) {
        diag_error(src->path, line, (int)g_utf8_strlen(l, p - l) + 1,
                   "the quoted TOML key holds an escape that is not TOML's (or U+0000)");
        g_string_free(k, TRUE);
        return NULL;
    }
    return g_string_free(k, FALSE);
}

// Keeps VALUE (owned) of KEY when it is a field cocprint prints, checked as
// that field; COL: where the value starts.
static bool toml_keep(TomlParse *tp, const char *key, int line, int col, char *value)
{
    char **slot = NULL;
    long max = CP_MAX_META_CHARS;
    CpFieldKind kind = CP_FIELD_TEXT;
    CpMeta *meta = tp->meta;
    if (!*tp->table) {
        if (strcmp(key, "title") == 0) {
            slot = &meta->title;
            meta->title_line = line;
            max = CP_MAX_TITLE_CHARS;
        } else if (strcmp(key, "version") == 0) {
            slot = &meta->version;
        } else if (strcmp(key, "date") == 0) {
            slot = &meta->date;
        } else if (strcmp(key, "lang") == 0 || strcmp(key, "language") == 0) {
            slot = &meta->lang;
            kind = CP_FIELD_CONTACT;
        }
    }
    if (!slot) {
        g_free(value);
        return true;
    }
    const CpFieldAt at = {tp->src->path, tp->src->data, 1, line, line, line, col};
    char *what = g_strdup_printf("'%s'", key);
    bool ok = yamlutil_field_check(&at, what, kind, max, &value);
    g_free(what);
    g_free(*slot);
    *slot = value;
    return ok;
}

// A key = value line from P (L: the whole line).
static bool toml_key_value(TomlParse *tp, int line, const char *l, const char *p)
{
    const CpSource *src = tp->src;
    const char *eq = strchr(p, '=');
    if (!eq) {
        diag_error(src->path, line, (int)(p - l) + 1,
                   "TOML front matter lines should read key = \"value\"");
        return false;
    }
    char *key = toml_key(src, line, l, p, eq);
    if (!key)
        return false;
    char *id = g_strconcat(tp->table, "\x1F", key, NULL);
    int first = GPOINTER_TO_INT(g_hash_table_lookup(tp->seen, id));
    if (first) {
        diag_error(src->path, line, (int)g_utf8_strlen(l, p - l) + 1,
                   "'%s' appears twice in the front matter (first on line %d); keep one", key,
                   first);
        g_free(id);
        g_free(key);
        return false;
    }
    g_hash_table_insert(tp->seen, id, GINT_TO_POINTER(line));
    const char *v = eq + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    char *value = NULL;
    bool ok = toml_value(src, line, l, v, &value);
    if (ok)
        ok = toml_keep(tp, key, line, (int)g_utf8_strlen(l, v - l) + 1, value);
    else
        g_free(value);
    g_free(key);
    return ok;
}

static bool parse_toml(const CpSource *src, CpMeta *meta)
{
    char *text = g_strndup(src->fm, src->fm_len);
    char **lines = g_strsplit(text, "\n", -1);
    bool ok = true;
    TomlParse tp = {src, meta, g_strdup(""),
                    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    for (int i = 0; ok && lines[i]; i++) {
        int line = src->fm_line + i;
        char *l = lines[i];
        g_strchomp(l);
        const char *p = l;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        ok = *p == '[' ? toml_table(&tp, line, l, p) : toml_key_value(&tp, line, l, p);
    }
    g_hash_table_destroy(tp.seen);
    g_free(tp.table);
    g_strfreev(lines);
    g_free(text);
    return ok;
}

bool meta_parse(const CpSource *src, CpMeta *meta)
{
    memset(meta, 0, sizeof *meta);
    bool ok = true;
    if (src->fm_kind == CP_FM_YAML)
        ok = parse_yaml(src, meta);
    else if (src->fm_kind == CP_FM_TOML)
        ok = parse_toml(src, meta);
    // Fields that print have named the field already; an override left in a
    // key cocprint ignores, or a comment, is still refused where it is.
    if (ok && src->fm)
        ok = chars_check_file(src->path, src->data, (size_t)(src->fm + src->fm_len - src->data),
                              (size_t)(src->fm - src->data));
    if (!ok)
        meta_finish(meta);
    return ok;
}

void meta_finish(CpMeta *meta)
{
    g_free(meta->title);
    g_free(meta->version);
    g_free(meta->date);
    g_free(meta->lang);
    g_free(meta->summary);
    event_destroy(meta->event);
    memset(meta, 0, sizeof *meta);
}
