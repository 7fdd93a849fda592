#include "hyphenate.h"

#include <glib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MIN_WORD 8   // letters: shorter words never break (ragged text needs few hyphens)
#define MAX_WORD 200 // longer runs are not words a dictionary knows

#define LHMIN 3 // letters kept together at a word's start and end
#define RHMIN 3

#define CLHMIN 2 // letters kept together on either side of a compound boundary
#define CRHMIN 2
#define MAX_SPLIT 4 // compound levels applied within one another, at most

// Dictionaries are read here: libhyphen's loader builds its state machine in
// a hash table with few buckets, which took 6 ms for English and 4 s for
// German (77,000 lines). The same machine is built here as a trie in one
// open-addressed table, and used as libhyphen uses it: at each letter, the
// longest pattern prefix ending there gives its values if it is a whole
// pattern (for dictionaries made for libhyphen this is Liang's algorithm;
// German's compound list is not, and libhyphen's breaks are the ones its
// authors checked). A two-level dictionary (German, French) has a compound
// level first: it splits a word, and each part takes the second level's
// breaks, as libhyphen's hnj_hyphen_hyph_ does.
typedef struct {
    guint64 *keys; // (node << 21 | character) + 1, or 0: empty
    guint32 *vals; // the child node
    gsize cap, used;
    GArray *match; // guint32 per node: 1 + offset of its pattern's values, or 0
    int maxlen;    // longest pattern, in letters
} Level;

struct CpHyphen {
    Level level[2]; // one, or the compound level and the second
    int n_levels;
    guint8 *values; // per pattern, one value per gap between its letters
    char *path;
};

static gsize slot(const Level *lv, guint64 key)
{
    guint64 x = key * 0x9E3779B97F4A7C15u;
    return (gsize)(x >> 20) & (lv->cap - 1);
}

static guint32 child(const Level *lv, guint32 node, gunichar c)
{
    guint64 key = (((guint64)node << 21) | c) + 1;
    for (gsize i = slot(lv, key);; i = (i + 1) & (lv->cap - 1)) {
        if (lv->keys[i] == key)
            return lv->vals[i];
        if (!lv->keys[i])
            return 0;
    }
}

static void put(Level *lv, guint64 key, guint32 val)
{
    gsize i = slot(lv, key);
    while (lv->keys[i])
        i = (i + 1) & (lv->cap - 1);
    lv->keys[i] = key;
    lv->vals[i] = val;
    lv->used++;
}

static void level_init(Level *lv)
{
    lv->cap = 1024;
    lv->keys = g_new0(guint64, lv->cap);
    lv->vals = g_new0(guint32, lv->cap);
    lv->match = g_array_new(FALSE, TRUE, sizeof(guint32));
    g_array_set_size(lv->match, 1); // the root
}

static void grow(Level *lv)
{
    guint64 *keys = lv->keys;
    guint32 *vals = lv->vals;
    gsize cap = lv->cap;
    lv->cap *= 2;
    lv->used = 0;
    lv->keys = g_new0(guint64, lv->cap);
    lv->vals = g_new0(guint32, lv->cap);
    for (gsize i = 0; i < cap; i++)
        if (keys[i])
            put(lv, keys[i], vals[i]);
    g_free(keys);
    g_free(vals);
}

// Adds the pattern PAT (letters and digits) to LV, its values at
// VALUES[*used]: the trie gets a node for each of its prefixes.
static void add_pattern(Level *lv, guint8 *values, guint *used, const char *pat)
{
    guint offset = *used;
    guint32 node = 0;
    guint8 v = 0;
    int n = 0;
    for (const char *p = pat; *p; p = g_utf8_next_char(p)) {
        if (*p >= '0' && *p <= '9') {
            v = (guint8)(*p - '0');
            continue;
        }
        values[(*used)++] = v;
        v = 0;
        gunichar c = g_utf8_get_char(p) & 0x1FFFFF;
        guint32 next = child(lv, node, c);
        if (!next) {
            if (2 * (lv->used + 1) > lv->cap)
                grow(lv);
            next = lv->match->len;
            g_array_set_size(lv->match, next + 1);
            put(lv, (((guint64)node << 21) | c) + 1, next);
        }
        node = next;
        n++;
    }
    values[(*used)++] = v;
    lv->maxlen = MAX(lv->maxlen, n);
    g_array_index(lv->match, guint32, node) = offset + 1; // the last one read wins
}

// Reads the dictionary at PATH into H. False when it cannot be read.
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
    if (!text || !g_utf8_validate(text, -1, NULL)) {
        g_free(text);
        return false;
    }
    // No pattern has more values than characters: the text's length bounds them.
    h->values = g_malloc(strlen(text) + 1);
    guint used = 0;
    h->n_levels = 1;
    level_init(&h->level[0]);
    char *line = strchr(text, '\n');
    while (line) {
        char *pat = line + 1;
        line = strchr(pat, '\n');
        if (line)
            *line = '\0';
        g_strstrip(pat);
        if (strcmp(pat, "NEXTLEVEL") == 0 && h->n_levels == 1) {
            level_init(&h->level[h->n_levels++]);
            continue;
        }
        // Comments, settings (LEFTHYPHENMIN ...), and non-standard breaks
        // (with a replacement after '/'), which cocprint does not make.
        if (!*pat || *pat == '%' || *pat == '#' || g_ascii_isupper(*pat) || strchr(pat, '/'))
            continue;
        add_pattern(&h->level[h->n_levels - 1], h->values, &used, pat);
    }
    g_free(text);
    return true;
}

// LV's patterns on W (N letters, lower case), as libhyphen's machine reads
// them: HY[i] odd where a break may follow letter i (no minimums applied).
static void liang(const CpHyphen *h, const Level *lv, const gunichar *w, long n, char *hy)
{
    long m = n + 2; // dotted: '.' before and after the word, as patterns expect
    gunichar *d = g_new(gunichar, m);
    d[0] = d[m - 1] = '.';
    memcpy(d + 1, w, (gsize)n * sizeof *w);
    guint8 *v = g_new0(guint8, m + 1);
    // The longest pattern prefix ending at each letter: the first start
    // (from the left) whose path through the trie reaches it.
    long *from = g_new(long, m);
    guint32 *at = g_new0(guint32, m);
    for (long i = 0; i < m; i++)
        from[i] = -1;
    for (long s = 0; s < m; s++) {
        guint32 node = 0;
        for (long j = s; j < m && j - s < lv->maxlen; j++) {
            if (!(node = child(lv, node, d[j] & 0x1FFFFF)))
                break;
            if (from[j] < 0) {
                from[j] = s;
                at[j] = node;
            }
        }
    }
    for (long j = 0; j < m; j++) {
        guint32 off = from[j] < 0 ? 0 : g_array_index(lv->match, guint32, at[j]);
        for (long k = 0; off && k <= j - from[j] + 1; k++)
            v[from[j] + k] = MAX(v[from[j] + k], h->values[off - 1 + k]);
    }
    // v[i] is the gap before dotted letter i: after word letter i-2.
    for (long i = 0; i < n; i++)
        hy[i] = (char)v[i + 2];
    g_free(from);
    g_free(at);
    g_free(v);
    g_free(d);
}

// No break within LMIN letters of the start, nor RMIN of the end.
static void clear_ends(char *hy, long n, long lmin, long rmin)
{
    for (long i = 0; i < n; i++)
        if (i + 1 < lmin || n - (i + 1) < rmin)
            hy[i] = 0;
}

// A two-level dictionary on W (N letters): the compound level's breaks split
// it; each part is split again the same way, and a part with no compound
// break takes the second level's breaks, CLHMIN and CRHMIN letters from a
// compound boundary. LEND, REND: the part starts or ends the word.
static void compound(const CpHyphen *h, const gunichar *w, long n, char *hy, bool lend, bool rend,
                     int depth)
{
    liang(h, &h->level[0], w, n, hy);
    long begin = 0;
    for (long i = 0; depth < MAX_SPLIT && i < n; i++) {
        // A break after the last letter would make the part the whole word.
        bool split = (hy[i] & 1) && i + 1 < n;
        if (!split && !(begin > 0 && i + 1 == n))
            continue;
        if (i > begin) {
            char *sub = g_malloc0((gsize)(i - begin + 1));
            compound(h, w + begin, i - begin + 1, sub, begin == 0 && lend, !split && rend,
                     depth + 1);
            memcpy(hy + begin, sub, (gsize)(i - begin));
            g_free(sub);
        }
        begin = i + 1;
    }
    if (begin > 0)
        return;
    liang(h, &h->level[1], w, n, hy);
    clear_ends(hy, n, lend ? 0 : CLHMIN, rend ? 0 : CRHMIN);
}

// The breaks in WORD (lower case, N letters): BRK[i] odd where a plain break
// may follow letter i.
static void breaks(const CpHyphen *h, const char *word, long n, char *brk)
{
    gunichar *w = g_new(gunichar, n);
    const char *p = word;
    for (long i = 0; i < n; i++, p = g_utf8_next_char(p))
        w[i] = g_utf8_get_char(p);
    if (h->n_levels == 1)
        liang(h, &h->level[0], w, n, brk);
    else
        compound(h, w, n, brk, true, true, 0);
    clear_ends(brk, n, LHMIN, RHMIN);
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
    if (!load_patterns(h, path)) {
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
        for (int l = 0; l < h->n_levels; l++) {
            g_free(h->level[l].keys);
            g_free(h->level[l].vals);
            g_array_free(h->level[l].match, TRUE);
        }
        g_free(h->values);
        g_free(h->path);
        g_free(h);
    }
    if (loaded)
        g_ptr_array_free(loaded, TRUE);
    loaded = NULL;
}

// Appends WORD (N characters) to OUT with soft hyphens where allowed.
static void hyphenate_word(CpHyphen *h, const char *word, const char *end, long n, GString *out)
{
    char *lower = g_utf8_strdown(word, end - word);
    // BREAK[i]: a plain break may follow letter i.
    char *brk = g_malloc0((gsize)n + 1);
    bool same_length = g_utf8_strlen(lower, -1) == n; // lowercasing may change it (İ)
    if (same_length)
        breaks(h, lower, n, brk);
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

// Whether the token [START, END) (no spaces) reads as code or a name, not a
// word: an identifier with "_" or digits among its letters, an address
// ("@", "://", or a dot between letters as in example.org).
static bool code_like(const char *start, const char *end)
{
    bool letters = false, digits = false;
    for (const char *q = start; q < end; q = g_utf8_next_char(q)) {
        gunichar c = g_utf8_get_char(q);
        letters |= g_unichar_isalpha(c);
        digits |= g_unichar_isdigit(c);
        if (c == '_' || c == '@' || (c == ':' && q + 2 < end && q[1] == '/' && q[2] == '/'))
            return true;
        if (c == '.' && q > start && q + 1 < end && g_ascii_isalpha(q[-1]) && g_ascii_isalpha(q[1]))
            return true;
    }
    return letters && digits;
}

char *hyphenate_text(CpHyphen *h, const char *text)
{
    GString *out = g_string_new(NULL);
    const char *p = text;
    const char *token_end = text; // the end of a code-like token being copied
    while (*p) {
        gunichar c = g_utf8_get_char(p);
        if (p >= token_end && !g_unichar_isspace(c)) {
            const char *e = p;
            while (*e && !g_unichar_isspace(g_utf8_get_char(e)))
                e = g_utf8_next_char(e);
            if (code_like(p, e)) { // copied whole
                g_string_append_len(out, p, e - p);
                p = token_end = e;
                continue;
            }
            token_end = e;
        }
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
