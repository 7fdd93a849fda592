#include "meta.h"

#include "diag.h"

#include <glib.h>
#include <string.h>

static bool parse_yaml(const CpSource *src, CpMeta *meta)
{
    CpYaml y;
    if (!cpyaml_load(&y, src->path, src->fm, src->fm_len, src->fm_line))
        return false;
    bool ok = true;
    yaml_node_t *root = cpyaml_root(&y);
    if (!root || (root->type == YAML_SCALAR_NODE && !root->data.scalar.length))
        goto done;
    if (root->type != YAML_MAPPING_NODE) {
        diag_error(src->path, cpyaml_line(&y, root), cpyaml_col(&y, root),
                   "front matter should be 'key: value' lines");
        ok = false;
        goto done;
    }
    yaml_node_t *t = cpyaml_get(&y, root, "title");
    ok = cpyaml_string(&y, t, "title", &meta->title) &&
         cpyaml_string(&y, cpyaml_get(&y, root, "version"), "version", &meta->version) &&
         cpyaml_string(&y, cpyaml_get(&y, root, "date"), "date", &meta->date);
    if (ok && t)
        meta->title_line = cpyaml_line(&y, t);
    yaml_node_t *sum = cpyaml_get(&y, root, "summary");
    if (ok && sum) {
        ok = cpyaml_string(&y, sum, "summary", &meta->summary);
        bool block =
            sum->type == YAML_SCALAR_NODE && (sum->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                                              sum->data.scalar.style == YAML_FOLDED_SCALAR_STYLE);
        meta->summary_line = cpyaml_line(&y, sum) + (block ? 1 : 0);
    }
    yaml_node_t *lang = cpyaml_get(&y, root, "lang");
    if (!lang)
        lang = cpyaml_get(&y, root, "language");
    if (ok && lang)
        ok = cpyaml_string(&y, lang, "lang", &meta->lang);
    yaml_node_t *ev = cpyaml_get(&y, root, "event");
    if (ok && !cpyaml_is_null(ev)) {
        meta->event = event_from_yaml(&y, ev);
        ok = meta->event != NULL;
    }
done:
    cpyaml_finish(&y);
    return ok;
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
        for (; *p && *p != q; p++) {
            if (q == '"' && *p == '\\' && p[1]) {
                p++;
                switch (*p) {
                case 'n':
                    g_string_append_c(s, '\n');
                    break;
                case 't':
                    g_string_append_c(s, '\t');
                    break;
                default:
                    g_string_append_c(s, *p);
                }
            } else {
                g_string_append_c(s, *p);
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

static bool parse_toml(const CpSource *src, CpMeta *meta)
{
    char *text = g_strndup(src->fm, src->fm_len);
    char **lines = g_strsplit(text, "\n", -1);
    bool ok = true;
    bool in_table = false;
    for (int i = 0; ok && lines[i]; i++) {
        int line = src->fm_line + i;
        char *l = lines[i];
        g_strchomp(l);
        const char *p = l;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        if (*p == '[') {
            in_table = true; // keys of [tables] are not ours
            continue;
        }
        const char *eq = strchr(p, '=');
        if (!eq) {
            diag_error(src->path, line, (int)(p - l) + 1,
                       "TOML front matter lines should read key = \"value\"");
            ok = false;
            break;
        }
        char *key = g_strstrip(g_strndup(p, (gsize)(eq - p)));
        if (key[0] == '"' || key[0] == '\'') {
            size_t n = strlen(key);
            memmove(key, key + 1, n);
            if (n >= 2)
                key[n - 2] = '\0';
        }
        const char *v = eq + 1;
        while (*v == ' ' || *v == '\t')
            v++;
        char *value = NULL;
        ok = toml_value(src, line, l, v, &value);
        char **slot = NULL;
        if (ok && !in_table) {
            if (strcmp(key, "title") == 0) {
                slot = &meta->title;
                meta->title_line = line;
            } else if (strcmp(key, "version") == 0) {
                slot = &meta->version;
            } else if (strcmp(key, "date") == 0) {
                slot = &meta->date;
            } else if (strcmp(key, "lang") == 0 || strcmp(key, "language") == 0) {
                slot = &meta->lang;
            }
        }
        if (slot) {
            g_free(*slot);
            *slot = value;
        } else {
            g_free(value);
        }
        g_free(key);
    }
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
