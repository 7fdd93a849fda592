#include "yamlutil.h"

#include "diag.h"
#include "uri.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

// What expanded() keeps per node: the values it stands for (0: not yet,
// -1: being counted) and how deep it nests, aliases written out.
typedef struct {
    long *sizes;
    int *heights;
    long limit;
    bool deep; // nests past CP_YAML_MAX_DEPTH
} Expansion;

// Values node ID stands for once every alias is written out, capped at
// LIMIT + 1; its nesting goes in HEIGHTS. DEPTH: the levels above it. The
// recursion follows the text's nesting (an alias names a node already
// counted), which check_depth has bounded; the written-out depth is
// checked through the heights.
static long expanded(yaml_document_t *doc, int id, Expansion *x, int depth)
{
    yaml_node_t *node = yaml_document_get_node(doc, id);
    if (!node)
        return 0;
    long *memo = &x->sizes[id];
    if (*memo == -1)
        return x->limit + 1; // a node that contains itself expands forever
    if (*memo == 0) {
        *memo = -1;
        long n = 1;
        int h = 0;
        if (node->type == YAML_SEQUENCE_NODE) {
            for (yaml_node_item_t *it = node->data.sequence.items.start;
                 it < node->data.sequence.items.top && n <= x->limit; it++) {
                n += expanded(doc, *it, x, depth + 1);
                h = MAX(h, x->heights[*it]);
            }
        } else if (node->type == YAML_MAPPING_NODE) {
            for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
                 p < node->data.mapping.pairs.top && n <= x->limit; p++) {
                n += expanded(doc, p->key, x, depth + 1) + expanded(doc, p->value, x, depth + 1);
                h = MAX(h, MAX(x->heights[p->key], x->heights[p->value]));
            }
        }
        bool nests = node->type == YAML_SEQUENCE_NODE || node->type == YAML_MAPPING_NODE;
        x->heights[id] = MIN(h + nests, CP_YAML_MAX_DEPTH + 1);
        *memo = MIN(n, x->limit + 1);
    }
    if (depth + x->heights[id] > CP_YAML_MAX_DEPTH)
        x->deep = true;
    return *memo;
}

static void too_deep(const char *file, int line, int col, const char *how)
{
    diag_error(file, line, col,
               "the YAML nests lists and mappings more than %d levels deep%s (the limit); "
               "cocprint's data needs 3",
               CP_YAML_MAX_DEPTH, how);
}

// Aliases can make a small file stand for an enormous tree ("billion
// laughs"): refuse what would expand past CP_YAML_MAX_VALUES, or nest past
// CP_YAML_MAX_DEPTH once written out.
static bool check_expansion(CpYaml *y)
{
    yaml_node_t *root = yaml_document_get_root_node(&y->doc);
    if (!root)
        return true;
    size_t n = (size_t)(y->doc.nodes.top - y->doc.nodes.start);
    Expansion x = {g_new0(long, n + 2), g_new0(int, n + 2), CP_YAML_MAX_VALUES, false};
    long total = expanded(&y->doc, 1, &x, 0);
    g_free(x.sizes);
    g_free(x.heights);
    if (x.deep) {
        too_deep(y->file, yamlutil_line(y, root), yamlutil_col(y, root),
                 " once its aliases are written out");
        return false;
    }
    if (total <= CP_YAML_MAX_VALUES)
        return true;
    diag_error(y->file, yamlutil_line(y, root), yamlutil_col(y, root),
               "the YAML's aliases expand to more than %d values (the limit); write the values "
               "out instead of repeating aliases",
               CP_YAML_MAX_VALUES);
    return false;
}

// Nesting past CP_YAML_MAX_DEPTH, found from libyaml's events as it reads:
// building the document first would take time that grows with the square
// of the depth, and recursion that grows with it. A syntax error is left
// to the load that follows, which reports it.
static bool check_depth(const char *file, const char *text, size_t len, int first_line)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return true; // the load reports it
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    int depth = 0;
    bool ok = true, end = false;
    yaml_event_t ev;
    while (ok && !end && yaml_parser_parse(&parser, &ev)) {
        if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
            depth++;
        else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
            depth--;
        if (depth > CP_YAML_MAX_DEPTH) {
            too_deep(file, (int)ev.start_mark.line + first_line, (int)ev.start_mark.column + 1, "");
            ok = false;
        }
        // The first document is the one loaded.
        end = ev.type == YAML_STREAM_END_EVENT || ev.type == YAML_DOCUMENT_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return ok;
}

static const char *scalar(const yaml_node_t *node)
{
    return (const char *)node->data.scalar.value;
}

// YAML parsers disagree on a repeated key (first wins, last wins): no
// mapping anywhere in the document may repeat one. WHAT names the document.
static bool check_unique_keys(CpYaml *y, const char *what)
{
    // Every node, not a walk of the tree: no recursion, however deep.
    for (yaml_node_t *map = y->doc.nodes.start; map < y->doc.nodes.top; map++) {
        if (map->type != YAML_MAPPING_NODE)
            continue;
        GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
        bool ok = true;
        for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
             ok && p < map->data.mapping.pairs.top; p++) {
            yaml_node_t *key = yaml_document_get_node(&y->doc, p->key);
            if (!key || key->type != YAML_SCALAR_NODE)
                continue;
            yaml_node_t *first = g_hash_table_lookup(seen, scalar(key));
            if (first) {
                diag_error(y->file, yamlutil_line(y, key), yamlutil_col(y, key),
                           "'%s' appears twice in %s (first on line %d); keep one", scalar(key),
                           what, yamlutil_line(y, first));
                ok = false;
            }
            g_hash_table_insert(seen, (gpointer)scalar(key), key);
        }
        g_hash_table_destroy(seen);
        if (!ok)
            return false;
    }
    return true;
}

bool yamlutil_load(CpYaml *y, const char *file, const char *what, const char *text, size_t len,
                   int first_line)
{
    memset(y, 0, sizeof *y);
    y->file = file;
    y->text = text;
    y->first_line = first_line;
    if (!check_depth(file, text, len, first_line))
        return false;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        diag_error(file, 0, 0, "out of memory reading YAML");
        return false;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    bool loaded = yaml_parser_load(&parser, &y->doc);
    if (loaded) {
        // A second document ("---" again) would be ignored without a word.
        yaml_document_t next;
        if (yaml_parser_load(&parser, &next)) {
            yaml_node_t *root = yaml_document_get_root_node(&next);
            if (root)
                diag_warn(file, (int)root->start_mark.line + first_line,
                          (int)root->start_mark.column + 1,
                          "a second YAML document in %s is ignored: cocprint reads the first; "
                          "remove the '---' before it or merge the two",
                          what);
            yaml_document_delete(&next);
        }
    }
    if (!loaded) {
        int line = (int)parser.problem_mark.line + first_line;
        int col = (int)parser.problem_mark.column + 1;
        if (parser.context)
            diag_error(file, line, col, "malformed YAML: %s %s", parser.problem, parser.context);
        else
            diag_error(file, line, col, "malformed YAML: %s",
                       parser.problem ? parser.problem : "syntax error");
        yaml_parser_delete(&parser);
        return false;
    }
    yaml_parser_delete(&parser);
    y->loaded = true;
    if (!check_expansion(y) || !check_unique_keys(y, what)) {
        yamlutil_finish(y);
        return false;
    }
    return true;
}

void yamlutil_finish(CpYaml *y)
{
    if (y->loaded)
        yaml_document_delete(&y->doc);
    y->loaded = false;
}

yaml_node_t *yamlutil_root(CpYaml *y)
{
    return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

int yamlutil_line(const CpYaml *y, const yaml_node_t *node)
{
    return (int)node->start_mark.line + y->first_line;
}

int yamlutil_col(const CpYaml *y, const yaml_node_t *node)
{
    return (int)node->start_mark.column + 1;
}

static const char *kind_name(const yaml_node_t *node)
{
    switch (node->type) {
    case YAML_SCALAR_NODE:
        return "a single value";
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_MAPPING_NODE:
        return "a mapping (key: value lines)";
    default:
        return "nothing";
    }
}

size_t yamlutil_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = g_new(size_t, lb + 1);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 1]) ? 0 : 1;
            size_t best = MIN(row[j] + 1, row[j - 1] + 1);
            row[j] = MIN(best, diag + cost);
            diag = up;
        }
    }
    size_t d = row[lb];
    g_free(row);
    return d;
}

bool yamlutil_check_map(CpYaml *y, yaml_node_t *map, const char *const *known, const char *what)
{
    if (!map || map->type != YAML_MAPPING_NODE) {
        diag_error(y->file, map ? yamlutil_line(y, map) : 0, map ? yamlutil_col(y, map) : 0,
                   "%s should be a mapping (key: value lines), not %s", what,
                   map ? kind_name(map) : "empty");
        return false;
    }
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *key = yaml_document_get_node(&y->doc, p->key);
        if (!key || key->type != YAML_SCALAR_NODE) {
            diag_error(y->file, key ? yamlutil_line(y, key) : 0, key ? yamlutil_col(y, key) : 0,
                       "a key in %s is %s; keys are plain words", what,
                       key ? kind_name(key) : "empty");
            return false;
        }
        const char *name = scalar(key);
        bool ok = false;
        const char *nearest = NULL;
        size_t best = SIZE_MAX;
        for (const char *const *k = known; *k; k++) {
            if (strcmp(*k, name) == 0) {
                ok = true;
                break;
            }
            size_t d = yamlutil_distance(*k, name);
            if (d < best) {
                best = d;
                nearest = *k;
            }
        }
        if (ok)
            continue;
        GString *list = g_string_new(NULL);
        for (const char *const *k = known; *k; k++)
            g_string_append_printf(list, "%s%s", list->len ? ", " : "", *k);
        if (nearest && best <= MAX(2, strlen(name) / 3))
            diag_error(y->file, yamlutil_line(y, key), yamlutil_col(y, key),
                       "unknown key '%s' in %s; did you mean '%s'? (known keys: %s)", name, what,
                       nearest, list->str);
        else
            diag_error(y->file, yamlutil_line(y, key), yamlutil_col(y, key),
                       "unknown key '%s' in %s; the nearest known key is '%s' (known keys: %s)",
                       name, what, nearest ? nearest : "", list->str);
        g_string_free(list, TRUE);
        return false;
    }
    return true;
}

yaml_node_t *yamlutil_get(CpYaml *y, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && strcmp(scalar(k), key) == 0)
            return yaml_document_get_node(&y->doc, p->value);
    }
    return NULL;
}

bool yamlutil_is_null(const yaml_node_t *node)
{
    if (!node)
        return true;
    if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *v = scalar(node);
    return !*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
           strcmp(v, "NULL") == 0;
}

bool yamlutil_string(CpYaml *y, yaml_node_t *node, const char *key, char **out)
{
    *out = NULL;
    if (!node || yamlutil_is_null(node))
        return true;
    if (node->type != YAML_SCALAR_NODE) {
        diag_error(y->file, yamlutil_line(y, node), yamlutil_col(y, node),
                   "'%s' should be a single value, not %s", key, kind_name(node));
        return false;
    }
    // A "\0" escape decodes to a NUL: the C string would end there, and
    // whatever follows it would go unchecked and unprinted.
    if (strlen(scalar(node)) != node->data.scalar.length) {
        diag_error(y->file, yamlutil_line(y, node), yamlutil_col(y, node),
                   "'%s' holds U+0000 NULL (written \\0), which cannot be printed; delete it", key);
        return false;
    }
    char *s = g_strstrip(g_strdup(scalar(node)));
    if (!*s) {
        g_free(s);
        s = NULL;
    }
    *out = s;
    return true;
}

bool yamlutil_bool(CpYaml *y, yaml_node_t *node, const char *key, bool *out)
{
    if (!node || yamlutil_is_null(node))
        return true;
    static const char *const yes[] = {"true", "yes", "on", NULL};
    static const char *const no[] = {"false", "no", "off", NULL};
    if (node->type == YAML_SCALAR_NODE) {
        for (int i = 0; yes[i]; i++)
            if (g_ascii_strcasecmp(scalar(node), yes[i]) == 0) {
                *out = true;
                return true;
            }
        for (int i = 0; no[i]; i++)
            if (g_ascii_strcasecmp(scalar(node), no[i]) == 0) {
                *out = false;
                return true;
            }
    }
    diag_error(y->file, yamlutil_line(y, node), yamlutil_col(y, node),
               "'%s' should be true or false, not %s", key,
               node->type == YAML_SCALAR_NODE ? scalar(node) : kind_name(node));
    return false;
}

bool yamlutil_field_check(const CpFieldAt *at, const char *what, CpFieldKind kind, long max_chars,
                          char **value)
{
    if (!*value)
        return true;
    int line = at->line, col = at->col;
    const char *bad =
        chars_find(*value, -1, kind == CP_FIELD_TEXT ? CP_CHARS_TEXT : CP_CHARS_CONTACT);
    bool ok = false;
    if (bad) {
        gunichar c = g_utf8_get_char(bad);
        char *desc = chars_describe(c);
        // Typed into the file, it can be pointed at; written as an escape
        // ("\u202E"), the value's own position is the best there is.
        int l, k;
        if (at->text && chars_locate(at->text, at->from, at->to, c, &l, &k)) {
            line = l + at->first_line - 1;
            col = k;
        }
        if (kind == CP_FIELD_TEXT)
            diag_error(at->file, line, col, "%s holds %s, which %s; delete it", what, desc,
                       c >= 0x202A && c <= 0x202E
                           ? "reorders the text after it, so what prints would differ from "
                             "what is written (to mix directions, use an isolate, U+2066 to "
                             "U+2069)"
                           : "cannot be printed");
        else
            diag_error(at->file, line, col,
                       "%s holds %s, an invisible or control character: a number, email or "
                       "URL must print exactly as it is dialled or typed; delete it",
                       what, desc);
        g_free(desc);
    } else if (g_utf8_strlen(*value, -1) > max_chars) {
        diag_error(at->file, line, col,
                   "%s is %ld characters long; it may have at most %ld: shorten it", what,
                   g_utf8_strlen(*value, -1), max_chars);
    } else if (kind == CP_FIELD_URL && !uri_is_web(*value)) {
        diag_error(at->file, line, col,
                   "%s '%s' is not a web address: write it whole, with http:// or https:// and "
                   "a host, and without spaces, such as https://example.org/code-of-conduct",
                   what, *value);
    } else {
        ok = true;
    }
    if (!ok) {
        g_free(*value);
        *value = NULL;
        return false;
    }
    if (kind == CP_FIELD_TEXT)
        *value = chars_close_isolates(*value);
    return true;
}

bool yamlutil_field(CpYaml *y, yaml_node_t *node, const char *key, const char *what,
                    CpFieldKind kind, long max_chars, char **out)
{
    if (!yamlutil_string(y, node, key, out))
        return false;
    if (!*out)
        return true;
    char *named = what ? NULL : g_strdup_printf("'%s'", key);
    const CpFieldAt at = {y->file,
                          y->text,
                          y->first_line,
                          (int)node->start_mark.line + 1,
                          (int)node->end_mark.line + 1,
                          yamlutil_line(y, node),
                          yamlutil_col(y, node)};
    bool ok = yamlutil_field_check(&at, what ? what : named, kind, max_chars, out);
    g_free(named);
    return ok;
}
