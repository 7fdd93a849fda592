#include "hyphenate.h"

#include <glib.h>
#include <hyphen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MIN_WORD 8   // letters: shorter words never break (ragged text needs few hyphens)
#define MAX_WORD 200 // longer runs are not words a dictionary knows

#define LHMIN 3 // letters kept together at a word's start and end
#define RHMIN 3

// Single-level dictionaries (English and most others) are read here into a
// table for Liang's algorithm: libhyphen's loader builds a state machine
// that takes longer than laying out a whole poster (6 ms for English, a
// second for German). Two-level dictionaries (German and French: compound
// words first) stay with libhyphen, which knows their rules.
struct CpHyphen {
    HyphenDict *dict;     // two-level dictionaries
    GHashTable *patterns; // letters -> 1 + offset of their values in VALUES
    char *text;           // the dictionary, in UTF-8: the keys point into it
    guint8 *values;       // per pattern, one value per gap between its letters
    int maxlen;           // longest pattern, in letters
    char *path;
};

// Reads a single-level dictionary into H; false for a two-level one (or an
// unreadable one). Keys and values live in two blocks, not 5,000 small ones.
static bool load_patterns(CpHyphen *h, const char *path)
{
    char *raw = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &raw, &len, NULL))
        return false;
    char *nl = memchr(raw, '\n', len);
    char *cset = g_strstrip(g_strndup(raw, nl ? (gsize)(nl - raw) : len));
    char *text = raw;
    if (g_ascii_strcasecmp(cset, "UTF-8") != 0) {
        text = g_convert(raw, (gssize)len, "UTF-8", cset, NULL, NULL, NULL);
        g_free(raw);
    }
    g_free(cset);
    // A file that is not what its first line says is left to libhyphen.
    if (!text || !g_utf8_validate(text, -1, NULL) || strstr(text, "\nNEXTLEVEL")) {
        g_free(text);
        return false;
    }
    h->text = text;
    // No pattern has more values than characters: the text's length bounds them.
    h->values = g_malloc(strlen(text) + 1);
    guint used = 0;
    h->patterns = g_hash_table_new(g_str_hash, g_str_equal);
    char *line = strchr(text, '\n');
    while (line) {
        char *pat = line + 1;
        line = strchr(pat, '\n');
        if (line)
            *line = '\0';
        g_strstrip(pat);
        // Comments, settings (LEFTHYPHENMIN ...), and non-standard breaks
        // (with a replacement after '/'), which cocprint does not make.
        if (!*pat || *pat == '%' || g_ascii_isupper(*pat) || strchr(pat, '/'))
            continue;
        // The letters are copied down over the pattern, in place.
        guint offset = used;
        char *letters = pat, *w = pat;
        guint8 v = 0;
        int n = 0;
        for (const char *p = pat; *p;) {
            if (*p >= '0' && *p <= '9') {
                v = (guint8)(*p++ - '0');
                continue;
            }
            h->values[used++] = v;
            v = 0;
            const char *next = g_utf8_next_char(p);
            while (p < next)
                *w++ = *p++;
            n++;
        }
        *w = '\0';
        h->values[used++] = v;
        h->maxlen = MAX(h->maxlen, n);
        g_hash_table_insert(h->patterns, letters, GUINT_TO_POINTER(offset + 1));
    }
    return true;
}

// Liang's algorithm on WORD (lowercase, N letters): HY[i] odd where a break
// may follow letter i.
static void liang(const CpHyphen *h, const char *word, long n, char *hy)
{
    gunichar *w = g_new(gunichar, n + 2);
    w[0] = w[n + 1] = '.';
    const char *p = word;
    for (long i = 1; i <= n; i++, p = g_utf8_next_char(p))
        w[i] = g_utf8_get_char(p);
    guint8 *v = g_new0(guint8, n + 3);
    GString *key = g_string_new(NULL);
    for (long i = 0; i < n + 2; i++) {
        g_string_truncate(key, 0);
        for (long j = i; j < n + 2 && j - i < h->maxlen; j++) {
            g_string_append_unichar(key, w[j]);
            guint off = GPOINTER_TO_UINT(g_hash_table_lookup(h->patterns, key->str));
            for (long k = 0; off && k <= j - i + 1; k++)
                v[i + k] = MAX(v[i + k], h->values[off - 1 + k]);
        }
    }
    // v[i] is the gap before dotted letter i: after word letter i-2.
    for (long i = 0; i < n; i++)
        hy[i] = (char)(i + 1 >= LHMIN && n - (i + 1) >= RHMIN ? v[i + 2] : 0);
    g_string_free(key, TRUE);
    g_free(v);
    g_free(w);
}

// Loaded dictionaries, kept for the run: the document and each badge summary
// in a language share one, and a large one (German) takes a second to load.
static GPtrArray *loaded;

CpHyphen *hyphenate_create(const char *path)
{
    if (!path || !*path)
        return NULL;
    for (guint i = 0; loaded && i < loaded->len; i++) {
        CpHyphen *h = loaded->pdata[i];
        if (strcmp(h->path, path) == 0)
            return h;
    }
    CpHyphen *h = g_new0(CpHyphen, 1);
    if (!load_patterns(h, path) && !(h->dict = hnj_hyphen_load(path))) {
        g_free(h);
        return NULL;
    }
    h->path = g_strdup(path);
    if (!loaded)
        loaded = g_ptr_array_new();
    g_ptr_array_add(loaded, h);
    return h;
}

void hyphenate_destroy(CpHyphen *h)
{
    (void)h; // kept for the run: hyphenate_release_all frees it
}

void hyphenate_release_all(void)
{
    for (guint i = 0; loaded && i < loaded->len; i++) {
        CpHyphen *h = loaded->pdata[i];
        if (h->dict)
            hnj_hyphen_free(h->dict);
        if (h->patterns) {
            g_hash_table_destroy(h->patterns);
            g_free(h->values);
            g_free(h->text);
        }
        g_free(h->path);
        g_free(h);
    }
    if (loaded)
        g_ptr_array_free(loaded, TRUE);
    loaded = NULL;
}

static void free_rep(char **rep, int *pos, int *cut, int n)
{
    if (rep)
        for (int i = 0; i < n; i++)
            free(rep[i]);
    free(rep);
    free(pos);
    free(cut);
}

// Appends WORD (N characters) to OUT with soft hyphens where allowed.
static void hyphenate_word(CpHyphen *h, const char *word, const char *end, long n, GString *out)
{
    char *lower = g_utf8_strdown(word, end - word);
    // BREAK[i]: a plain break may follow letter i.
    char *brk = g_malloc0((gsize)n + 1);
    bool same_length = g_utf8_strlen(lower, -1) == n; // lowercasing may change it (İ)
    if (same_length && h->patterns) {
        liang(h, lower, n, brk);
    } else if (same_length) {
        // 8-bit dictionaries count bytes, UTF-8 ones characters: either way
        // one position per character once the word is in the dictionary's
        // charset.
        gsize len = 0;
        char *input = h->dict->utf8
                          ? g_strdup(lower)
                          : g_convert(lower, -1, h->dict->cset, "UTF-8", NULL, &len, NULL);
        if (input && h->dict->utf8)
            len = strlen(input);
        char *hy = input ? g_malloc0(len + 5) : NULL;
        char **rep = NULL;
        int *pos = NULL, *cut = NULL;
        if (input && hnj_hyphen_hyphenate3(h->dict, input, (int)len, hy, NULL, &rep, &pos, &cut,
                                           LHMIN, RHMIN, 2, 2) == 0)
            // A plain break only: replacement rules (German ck) would change the word.
            for (long i = 0; i < n; i++)
                brk[i] = (char)((hy[i] & 1) && !(rep && rep[i]));
        free_rep(rep, pos, cut, (int)len);
        g_free(hy);
        g_free(input);
    }
    const char *p = word;
    for (long i = 0; i < n; i++) {
        const char *next = g_utf8_next_char(p);
        g_string_append_len(out, p, next - p);
        if (i < n - 1 && (brk[i] & 1))
            g_string_append(out, "\u00AD");
        p = next;
    }
    g_free(brk);
    g_free(lower);
}

char *hyphenate_text(CpHyphen *h, const char *text)
{
    GString *out = g_string_new(NULL);
    const char *p = text;
    while (*p) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isalpha(c)) {
            const char *next = g_utf8_next_char(p);
            g_string_append_len(out, p, next - p);
            p = next;
            continue;
        }
        const char *start = p;
        long n = 0;
        while (*p && g_unichar_isalpha(g_utf8_get_char(p))) {
            p = g_utf8_next_char(p);
            n++;
        }
        // Names and acronyms in mixed case (LeicesterJS, GitHub) stay whole.
        bool mixed = false;
        for (const char *q = g_utf8_next_char(start); q < p && !mixed; q = g_utf8_next_char(q))
            mixed = g_unichar_isupper(g_utf8_get_char(q));
        if (h && n >= MIN_WORD && n <= MAX_WORD && !mixed)
            hyphenate_word(h, start, p, n, out);
        else
            g_string_append_len(out, start, p - start);
    }
    return g_string_free(out, FALSE);
}
