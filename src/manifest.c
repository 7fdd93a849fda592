#include "manifest.h"

#include "config.h"
#include "output.h"
#include "source.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- writing ------------------------------------------------------------ */

static void put_string(GString *s, const char *v)
{
    static const char hex[] = "0123456789abcdef";
    g_string_append_c(s, '"');
    for (const char *p = v ? v : ""; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\') {
            g_string_append_c(s, '\\');
            g_string_append_c(s, (char)c);
        } else if (c < 0x20) {
            g_string_append(s, "\\u00");
            g_string_append_c(s, hex[c >> 4]);
            g_string_append_c(s, hex[c & 15]);
        } else {
            g_string_append_c(s, (char)c);
        }
    }
    g_string_append_c(s, '"');
}

// printf's %f follows LC_NUMERIC ("210,00" in de_DE); JSON needs a point.
static void put_number(GString *s, const char *format, double v)
{
    // Not G_ASCII_DTOSTR_BUF_SIZE: "%.3f" of a huge double has ~310 digits,
    // and a truncated number would be a different manifest.
    char buf[512];
    g_string_append(s, g_ascii_formatd(buf, sizeof buf, format, v));
}

static void put_int(GString *s, int v)
{
    g_string_append_printf(s, "%d", v);
}

GBytes *manifest_write(const CpManifestEntry *entries, size_t n, const char *const *pending,
                       size_t n_pending)
{
    GString *s = g_string_new("{\n  \"generator\": \"cocprint " COCPRINT_VERSION "\",\n"
                              "  \"files\": [");
    for (size_t i = 0; i < n; i++) {
        const CpManifestEntry *e = &entries[i];
        g_string_append(s, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
        put_string(s, e->file);
        g_string_append(s, ", \"kind\": ");
        put_string(s, e->kind);
        g_string_append(s, ", \"stock\": ");
        put_string(s, e->stock);
        g_string_append(s, ", \"page_size_mm\": [");
        put_number(s, "%.2f", e->w_mm);
        g_string_append(s, ", ");
        put_number(s, "%.2f", e->h_mm);
        g_string_append(s, "], \"pages\": ");
        put_int(s, e->pages);
        if (e->per_sheet) {
            g_string_append(s, ", \"inserts_per_sheet\": ");
            put_int(s, e->per_sheet);
        }
        if (e->body_pt > 0) {
            g_string_append(s, ", \"body_pt\": ");
            put_number(s, "%.2f", e->body_pt);
        }
        if (e->columns) {
            g_string_append(s, ", \"columns\": ");
            put_int(s, e->columns);
            g_string_append(s, ", \"fill\": ");
            put_number(s, "%.3f", e->fill);
        }
        g_string_append_c(s, '}');
    }
    g_string_append(s, "\n  ]");
    if (n_pending) {
        g_string_append(s, ",\n  \"pending_removal\": [");
        for (size_t i = 0; i < n_pending; i++) {
            g_string_append(s, i ? ", " : "");
            put_string(s, pending[i]);
        }
        g_string_append_c(s, ']');
    }
    g_string_append(s, "\n}\n");
    return g_string_free_to_bytes(s);
}

/* ---- reading ------------------------------------------------------------ */

static bool in_lang(char c)
{
    return g_ascii_isalnum(c) || c == '-';
}

static bool in_size(char c)
{
    return g_ascii_isalnum(c) || c == '.';
}

// S (N bytes) is "" or ".LANG", LANG one or more of [A-Za-z0-9-].
static bool lang_ok(const char *s, size_t n)
{
    if (n == 0)
        return true;
    if (n < 2 || s[0] != '.')
        return false;
    for (size_t i = 1; i < n; i++)
        if (!in_lang(s[i]))
            return false;
    return true;
}

// S (N bytes) is SIZE or SIZE-sheet, SIZE one or more of [A-Za-z0-9.].
static bool size_ok(const char *s, size_t n)
{
    if (n > 6 && memcmp(s + n - 6, "-sheet", 6) == 0)
        n -= 6;
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!in_size(s[i]))
            return false;
    return true;
}

// Linear: a name is looked at a fixed number of times, never retried from
// every position.
bool manifest_name_ours(const char *name)
{
    if (strcmp(name, "poster.pdf") == 0 || strcmp(name, "poster.png") == 0)
        return true;
    size_t n = strlen(name);
    if (n < 4 || strcmp(name + n - 4, ".pdf") != 0)
        return false;
    n -= 4; // NAME[0, n) is the stem, without ".pdf"
    if (g_str_has_prefix(name, "handout-sheet"))
        return lang_ok(name + 13, n - 13);
    if (g_str_has_prefix(name, "handout"))
        return lang_ok(name + 7, n - 7);
    if (!g_str_has_prefix(name, "badge-"))
        return false;
    const char *rest = name + 6;
    size_t len = n - 6;
    // LANG holds no '.', so ".LANG" can only start at the last '.': the
    // stem is SIZE[-sheet] whole, or up to that point.
    if (size_ok(rest, len))
        return true;
    const char *dot = NULL;
    for (size_t i = 0; i < len; i++)
        if (rest[i] == '.')
            dot = rest + i;
    return dot && lang_ok(dot, len - (size_t)(dot - rest)) && size_ok(rest, (size_t)(dot - rest));
}

// json-glib parses recursively with no depth limit, so a megabyte of '['
// would overflow the stack. cocprint's manifest nests four deep.
static bool shallow(const char *text, size_t len)
{
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > 16)
                return false;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return true;
}

static const char *string_member(JsonObject *o, const char *name)
{
    JsonNode *m = json_object_get_member(o, name);
    if (!m || !JSON_NODE_HOLDS_VALUE(m) || json_node_get_value_type(m) != G_TYPE_STRING)
        return NULL;
    return json_node_get_string(m);
}

// Adds the names in the array LIST (of objects with a MEMBER name, or of
// strings when MEMBER is NULL) to NAMES, each once. False when LIST is not
// such an array.
static bool add_names(GPtrArray *names, GHashTable *seen, JsonNode *list, const char *member)
{
    if (!JSON_NODE_HOLDS_ARRAY(list))
        return false;
    JsonArray *a = json_node_get_array(list);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonNode *item = json_array_get_element(a, i);
        const char *file = NULL;
        if (member && JSON_NODE_HOLDS_OBJECT(item))
            file = string_member(json_node_get_object(item), member);
        else if (!member && JSON_NODE_HOLDS_VALUE(item) &&
                 json_node_get_value_type(item) == G_TYPE_STRING)
            file = json_node_get_string(item);
        if (!file)
            return false;
        // Never a name cocprint does not give: the folder's other files are
        // not ours to remove.
        if (!manifest_name_ours(file) || g_hash_table_contains(seen, file))
            continue;
        char *copy = g_strdup(file);
        g_ptr_array_add(names, copy);
        g_hash_table_add(seen, copy);
    }
    return true;
}

// Adds to NAMES the names TEXT lists; false when TEXT is not cocprint's
// manifest, or is malformed.
static bool collect(GPtrArray *names, const char *text, size_t len)
{
    bool ok = false;
    JsonParser *parser = json_parser_new();
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    if (!json_parser_load_from_data(parser, text, (gssize)len, NULL))
        goto done;
    JsonNode *root = json_parser_get_root(parser);
    if (!root || !JSON_NODE_HOLDS_OBJECT(root))
        goto done;
    JsonObject *top = json_node_get_object(root);
    const char *generator = string_member(top, "generator");
    JsonNode *files = json_object_get_member(top, "files");
    if (!generator || !g_str_has_prefix(generator, "cocprint ") || !files)
        goto done;
    if (!add_names(names, seen, files, "file"))
        goto done;
    // Files a run meant to remove when it was stopped (absent: none).
    JsonNode *pending = json_object_get_member(top, "pending_removal");
    if (pending && !add_names(names, seen, pending, NULL))
        goto done;
    ok = true;
done:
    g_hash_table_destroy(seen);
    g_object_unref(parser);
    return ok;
}

GPtrArray *manifest_read_names(const char *dir)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    char *path = g_build_filename(dir, "manifest.json", NULL);
    char *text = NULL;
    size_t len = 0;
    // cocprint writes its manifest as a small regular file; anything else (a
    // link, a FIFO, a huge file) is not its manifest, and is not read.
    GStatBuf st;
    const CpReadSpec spec = {"manifest", CP_MAX_SOURCE_BYTES, false, NULL, 0, 0};
    if (g_lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= CP_MAX_SOURCE_BYTES &&
        source_read_file(path, &spec, &text, &len) && shallow(text, len) &&
        !collect(names, text, len))
        g_ptr_array_set_size(names, 0); // a foreign manifest is not ours to judge
    g_free(text);
    g_free(path);
    return names;
}

/* ---- committing ---------------------------------------------------------- */

static GBytes *write_listing(const CpManifestEntry *entries, size_t n, GPtrArray *pending)
{
    return manifest_write(entries, n, (const char *const *)pending->pdata, pending->len);
}

bool manifest_commit(CpOutput *out, const CpManifestEntry *entries, size_t n)
{
    if (!output_lock(out))
        return false;
    GHashTable *made = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n; i++)
        g_hash_table_add(made, entries[i].file);
    GPtrArray *old = manifest_read_names(output_dir(out));
    GPtrArray *stale = g_ptr_array_new(), *left = g_ptr_array_new();
    for (guint i = 0; i < old->len; i++)
        if (!g_hash_table_contains(made, old->pdata[i]))
            g_ptr_array_add(stale, old->pdata[i]);
    // The new files, with a manifest that still lists the old ones to
    // remove: a run stopped while removing them leaves them to the next.
    GBytes *mf = write_listing(entries, n, stale);
    output_add(out, "manifest.json", mf);
    g_bytes_unref(mf);
    bool ok = output_commit(out);
    if (ok && stale->len) {
        for (guint i = 0; i < stale->len; i++)
            if (!output_unlink(out, stale->pdata[i]))
                g_ptr_array_add(left, stale->pdata[i]);
        mf = write_listing(entries, n, left);
        output_add(out, "manifest.json", mf);
        g_bytes_unref(mf);
        ok = output_commit(out);
    }
    g_ptr_array_free(left, TRUE);
    g_ptr_array_free(stale, TRUE);
    g_ptr_array_free(old, TRUE);
    g_hash_table_destroy(made);
    return ok;
}
