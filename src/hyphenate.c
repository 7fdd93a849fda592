#include "hyphenate.h"

#include <glib.h>
#include <hyphen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MIN_WORD 8   // letters: shorter words never break (ragged text needs few hyphens)
#define MAX_WORD 200 // longer runs are not words a dictionary knows

struct CpHyphen {
    HyphenDict *dict;
    char *path;
};

// Loaded dictionaries, kept for the run: the document and each badge summary
// in a language share one, and a large one (German) takes a second to load.
static GPtrArray *loaded;

CpHyphen *hyphen_create(const char *path)
{
    if (!path || !*path)
        return NULL;
    for (guint i = 0; loaded && i < loaded->len; i++) {
        CpHyphen *h = loaded->pdata[i];
        if (strcmp(h->path, path) == 0)
            return h;
    }
    HyphenDict *d = hnj_hyphen_load(path);
    if (!d)
        return NULL;
    CpHyphen *h = g_new0(CpHyphen, 1);
    h->dict = d;
    h->path = g_strdup(path);
    if (!loaded)
        loaded = g_ptr_array_new();
    g_ptr_array_add(loaded, h);
    return h;
}

void hyphen_destroy(CpHyphen *h)
{
    (void)h; // kept for the run: hyphen_release_all frees it
}

void hyphen_release_all(void)
{
    for (guint i = 0; loaded && i < loaded->len; i++) {
        CpHyphen *h = loaded->pdata[i];
        hnj_hyphen_free(h->dict);
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
    char *input = NULL;
    gsize len = 0;
    // 8-bit dictionaries count bytes, UTF-8 ones characters: either way one
    // position per character once the word is in the dictionary's charset.
    if (g_utf8_strlen(lower, -1) == n) {
        if (h->dict->utf8)
            input = g_strdup(lower), len = strlen(lower);
        else
            input = g_convert(lower, -1, h->dict->cset, "UTF-8", NULL, &len, NULL);
    }
    char *hy = input ? g_malloc0(len + 5) : NULL;
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    bool ok = input && hnj_hyphen_hyphenate3(h->dict, input, (int)len, hy, NULL, &rep, &pos, &cut,
                                             3, 3, 2, 2) == 0;
    const char *p = word;
    for (long i = 0; i < n; i++) {
        const char *next = g_utf8_next_char(p);
        g_string_append_len(out, p, next - p);
        // A plain break only: replacement rules (German ck) would change the word.
        if (ok && i < n - 1 && (hy[i] & 1) && !(rep && rep[i]))
            g_string_append(out, "\u00AD");
        p = next;
    }
    free_rep(rep, pos, cut, (int)len);
    g_free(hy);
    g_free(input);
    g_free(lower);
}

char *hyphen_text(CpHyphen *h, const char *text)
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
