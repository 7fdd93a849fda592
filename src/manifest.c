#include "manifest.h"

#include "config.h"
#include "diag.h"
#include "options.h"
#include "output.h"
#include "source.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
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

static void put_failures(GString *s, const CpManifestFailure *failures, size_t n)
{
    if (!n)
        return;
    g_string_append(s, ",\n  \"failures\": [");
    for (size_t i = 0; i < n; i++) {
        g_string_append(s, i ? ",\n    {\"output\": " : "\n    {\"output\": ");
        put_string(s, failures[i].output);
        g_string_append(s, ", \"reason\": ");
        put_string(s, failures[i].reason);
        g_string_append(s, ", \"hint\": ");
        put_string(s, failures[i].hint);
        g_string_append_c(s, '}');
    }
    g_string_append(s, "\n  ]");
}

GBytes *manifest_write(const CpManifestEntry *entries, size_t n, const CpManifestFailure *failures,
                       size_t n_failures, const char *const *pending, size_t n_pending)
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
        if (e->content) {
            g_string_append(s, ", \"content\": ");
            put_string(s, e->content);
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
    put_failures(s, failures, n_failures);
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

// OUTPUT's failure from the last error printed, split into reason and hint.
static CpManifestFailure manifest_failure(const char *output)
{
    const char *msg = diag_last_error();
    const char *semi = strstr(msg, "; "), *stop = strstr(msg, ". ");
    const char *cut = semi && (!stop || semi < stop) ? semi : stop;
    CpManifestFailure f = {g_strdup(output),
                           cut ? g_strndup(msg, (gsize)(cut - msg)) : g_strdup(msg),
                           g_strdup(cut ? cut + 2 : "")};
    return f;
}

void manifest_failure_clear(CpManifestFailure *f)
{
    g_free(f->output);
    g_free(f->reason);
    g_free(f->hint);
}

GArray *manifest_failures_new(void)
{
    GArray *a = g_array_new(FALSE, TRUE, sizeof(CpManifestFailure));
    g_array_set_clear_func(a, (GDestroyNotify)manifest_failure_clear);
    return a;
}

void manifest_add_failure(GArray *failures, char *output)
{
    CpManifestFailure f = manifest_failure(output);
    g_array_append_val(failures, f);
    g_free(output);
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

static const char *const kinds[] = {"poster",        "poster-preview", "handout",
                                    "handout-sheet", "badge",          "badge-sheet"};

static double number_member(JsonObject *o, const char *name)
{
    JsonNode *m = json_object_get_member(o, name);
    return m && JSON_NODE_HOLDS_VALUE(m) && json_node_get_value_type(m) != G_TYPE_STRING
               ? json_node_get_double(m)
               : 0;
}

// O as an entry to carry forward into the next manifest: false when its kind
// is not one cocprint writes (its file is still removed when stale).
static bool read_entry(JsonObject *o, const char *file, CpManifestEntry *e)
{
    const char *kind = string_member(o, "kind");
    *e = (CpManifestEntry){0};
    for (size_t i = 0; kind && i < G_N_ELEMENTS(kinds); i++)
        if (strcmp(kind, kinds[i]) == 0)
            e->kind = kinds[i];
    JsonNode *size = json_object_get_member(o, "page_size_mm");
    JsonArray *wh = size && JSON_NODE_HOLDS_ARRAY(size) ? json_node_get_array(size) : NULL;
    if (!e->kind || !wh || json_array_get_length(wh) != 2)
        return false;
    e->file = g_strdup(file);
    e->stock = g_strdup(string_member(o, "stock"));
    e->w_mm = json_array_get_double_element(wh, 0);
    e->h_mm = json_array_get_double_element(wh, 1);
    e->pages = (int)number_member(o, "pages");
    e->per_sheet = (int)number_member(o, "inserts_per_sheet");
    e->body_pt = number_member(o, "body_pt");
    e->columns = (int)number_member(o, "columns");
    e->fill = number_member(o, "fill");
    // Static strings, as a new entry's are.
    const char *content = string_member(o, "content");
    static const char *const contents[] = {"full", "summary"};
    for (size_t i = 0; content && i < G_N_ELEMENTS(contents); i++)
        if (strcmp(content, contents[i]) == 0)
            e->content = contents[i];
    return true;
}

typedef struct {
    GPtrArray *names;    // every name listed: files and pending removals
    GArray *entries;     // CpManifestEntry, the files' entries (or NULL)
    GHashTable *seen;    // names, borrowed
    GHashTable *pending; // the pending removals among them, borrowed (or NULL)
} Listing;

// Adds the names in the array LIST (of objects with a "file", or of strings
// when PENDING) to L, each once. False when LIST is not such an array.
static bool add_names(Listing *l, JsonNode *list, bool pending)
{
    if (!JSON_NODE_HOLDS_ARRAY(list))
        return false;
    JsonArray *a = json_node_get_array(list);
    for (guint i = 0; i < json_array_get_length(a); i++) {
        JsonNode *item = json_array_get_element(a, i);
        JsonObject *o =
            !pending && JSON_NODE_HOLDS_OBJECT(item) ? json_node_get_object(item) : NULL;
        const char *file = NULL;
        if (o)
            file = string_member(o, "file");
        else if (pending && JSON_NODE_HOLDS_VALUE(item) &&
                 json_node_get_value_type(item) == G_TYPE_STRING)
            file = json_node_get_string(item);
        if (!file)
            return false;
        // Never a name cocprint does not give: the folder's other files are
        // not ours to remove.
        if (!manifest_name_ours(file) || g_hash_table_contains(l->seen, file))
            continue;
        char *copy = g_strdup(file);
        g_ptr_array_add(l->names, copy);
        g_hash_table_add(l->seen, copy);
        if (pending && l->pending)
            g_hash_table_add(l->pending, copy);
        CpManifestEntry e;
        if (o && l->entries && read_entry(o, file, &e))
            g_array_append_val(l->entries, e);
    }
    return true;
}

// Adds to L what TEXT lists; false when TEXT is not cocprint's manifest, or
// is malformed.
static bool collect(Listing *l, const char *text, size_t len)
{
    bool ok = false;
    JsonParser *parser = json_parser_new();
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
    if (!add_names(l, files, false))
        goto done;
    // Files a run meant to remove when it was stopped (absent: none).
    JsonNode *pending = json_object_get_member(top, "pending_removal");
    if (pending && !add_names(l, pending, true))
        goto done;
    ok = true;
done:
    g_object_unref(parser);
    return ok;
}

static void entry_clear(gpointer p)
{
    CpManifestEntry *e = p;
    g_free(e->file);
    g_free(e->stock);
}

// Reads the manifest in DIR into L (names, and entries when L->entries).
static void read_listing(const char *dir, Listing *l)
{
    l->names = g_ptr_array_new_with_free_func(g_free);
    l->seen = g_hash_table_new(g_str_hash, g_str_equal);
    char *path = g_build_filename(dir, "manifest.json", NULL);
    char *text = NULL;
    size_t len = 0;
    // cocprint writes its manifest as a small regular file; anything else (a
    // link, a FIFO, a huge file) is not its manifest, and is not read.
    GStatBuf st;
    const CpReadSpec spec = {"manifest", CP_MAX_SOURCE_BYTES, false, NULL, 0, 0};
    if (g_lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= CP_MAX_SOURCE_BYTES &&
        source_read_file(path, &spec, &text, &len) && shallow(text, len) &&
        !collect(l, text, len)) {
        // a foreign manifest is not ours to judge
        g_ptr_array_set_size(l->names, 0);
        if (l->entries)
            g_array_set_size(l->entries, 0);
    }
    g_hash_table_destroy(l->seen);
    g_free(text);
    g_free(path);
}

GPtrArray *manifest_read_names(const char *dir)
{
    Listing l = {0};
    read_listing(dir, &l);
    return l.names;
}

/* ---- committing ---------------------------------------------------------- */

// The target (CP_TARGET_*) a file name belongs to.
static unsigned target_of(const char *name)
{
    return g_str_has_prefix(name, "poster")    ? CP_TARGET_POSTER
           : g_str_has_prefix(name, "handout") ? CP_TARGET_HANDOUT
                                               : CP_TARGET_BADGE;
}

static bool commit_listing(CpOutput *out, const CpManifestRun *run, GArray *all, GPtrArray *pending)
{
    GBytes *mf = manifest_write((CpManifestEntry *)(void *)all->data, all->len, run->failures,
                                run->n_failures, (const char *const *)pending->pdata, pending->len);
    output_add(out, "manifest.json", mf);
    g_bytes_unref(mf);
    return output_commit(out);
}

bool manifest_commit(CpOutput *out, const CpManifestRun *run)
{
    if (!output_lock(out))
        return false;
    Listing old = {.entries = g_array_new(FALSE, TRUE, sizeof(CpManifestEntry)),
                   .pending = g_hash_table_new(g_str_hash, g_str_equal)};
    g_array_set_clear_func(old.entries, entry_clear);
    read_listing(output_dir(out), &old);
    GHashTable *listed = g_hash_table_new(g_str_hash, g_str_equal);
    GArray *all = g_array_new(FALSE, TRUE, sizeof(CpManifestEntry));
    g_array_append_vals(all, run->entries, run->n);
    for (size_t i = 0; i < run->n; i++)
        g_hash_table_add(listed, run->entries[i].file);
    // The files of targets this run was not asked for stay, and stay listed.
    for (guint i = 0; i < old.entries->len; i++) {
        CpManifestEntry *e = &g_array_index(old.entries, CpManifestEntry, i);
        if (!(target_of(e->file) & run->targets) && !g_hash_table_contains(listed, e->file)) {
            g_array_append_val(all, *e);
            g_hash_table_add(listed, e->file);
        }
    }
    // Every other file the old manifest lists, and this run does not make,
    // is stale: listed as pending first, so a run stopped while removing
    // them leaves them to the next.
    GPtrArray *stale = g_ptr_array_new(), *left = g_ptr_array_new();
    // (A name of another target whose entry could not be read stays too.)
    for (guint i = 0; i < old.names->len; i++) {
        const char *name = old.names->pdata[i];
        if (!g_hash_table_contains(listed, name) &&
            ((target_of(name) & run->targets) || g_hash_table_contains(old.pending, name)))
            g_ptr_array_add(stale, old.names->pdata[i]);
    }
    bool ok = commit_listing(out, run, all, stale);
    if (ok && stale->len) {
        for (guint i = 0; i < stale->len; i++) {
            bool removed = false;
            if (!output_unlink(out, stale->pdata[i], &removed))
                g_ptr_array_add(left, stale->pdata[i]);
            else if (removed)
                fprintf(stderr, "removed %s (an earlier run made it; this one does not)\n",
                        (const char *)stale->pdata[i]);
        }
        ok = commit_listing(out, run, all, left);
    }
    g_ptr_array_free(left, TRUE);
    g_ptr_array_free(stale, TRUE);
    g_array_free(all, TRUE);
    g_hash_table_destroy(listed);
    g_hash_table_destroy(old.pending);
    g_array_free(old.entries, TRUE);
    g_ptr_array_free(old.names, TRUE);
    return ok;
}
