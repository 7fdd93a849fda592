#include "coverage.h"

#include "chars.h"
#include "diag.h"

#include <string.h>

// Where C was written in FILE_TEXT. Within the lines AT spans when they are
// known (as itself or as a numeric reference), else at the value itself: an
// escape ("\u13A0") cannot be pointed at. Else at or after AT's line, else
// anywhere, else nowhere.
static void find(const char *file_text, gunichar c, const CpEventAt *at, int *line, int *col)
{
    bool span = at->to > 0;
    *line = span ? at->line : 0;
    *col = span ? at->col : 0;
    if (!file_text)
        return;
    if (span)
        chars_locate(file_text, at->from, at->to, c, line, col);
    else if (!chars_locate(file_text, at->line, 0, c, line, col))
        chars_locate(file_text, 1, 0, c, line, col);
}

#define MAX_NAMED 40

// A character no font has would print as a box: refuse it, naming where and
// what. Every such character of TEXT is named, each once a run (SEEN).
static bool check_at(const CpFonts *fonts, const char *text, const char *file,
                     const char *file_text, const CpEventAt *at, GHashTable *seen)
{
    bool ok = true;
    for (const char *bad = text ? fonts_find_missing(fonts, text, -1) : NULL; bad;
         bad = fonts_find_missing(fonts, g_utf8_next_char(bad), -1)) {
        gunichar c = g_utf8_get_char(bad);
        ok = false;
        if (g_hash_table_contains(seen, GUINT_TO_POINTER(c)))
            continue;
        g_hash_table_add(seen, GUINT_TO_POINTER(c));
        // Enough to see what is wrong; each name costs a read of the names file.
        if (g_hash_table_size(seen) > MAX_NAMED) {
            if (g_hash_table_size(seen) == MAX_NAMED + 1)
                diag_error(file, 0, 0,
                           "more characters are in none of the fonts; only the first %d are named",
                           MAX_NAMED);
            continue;
        }
        char ch[8] = {0};
        g_unichar_to_utf8(c, ch);
        char *what = chars_describe(c);
        int l, k;
        find(file_text, c, at, &l, &k);
        // Symbola, the one outline emoji font Debian has, stops at Unicode 9.
        bool emoji = c >= 0x1F300 && c <= 0x1FAFF;
        diag_error(file, l, k,
                   "%s ('%s') is in none of the installed fonts cocprint draws with (its own, "
                   "Noto and Symbola), so it cannot be printed; replace it%s",
                   what, ch,
                   emoji ? " (emoji newer than Unicode 9 have no black-and-white font: use an "
                           "older one, or words)"
                         : "");
        g_free(what);
    }
    return ok;
}

static bool check_text(const CpFonts *fonts, const char *text, const char *file,
                       const char *file_text, int line, GHashTable *seen)
{
    const CpEventAt at = {line, 0, 0, 0};
    return check_at(fonts, text, file, file_text, &at, seen);
}

bool coverage_check_text(const CpFonts *fonts, const char *text, const char *file,
                         const char *file_text, int line)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    bool ok = check_text(fonts, text, file, file_text, line, seen);
    g_hash_table_destroy(seen);
    return ok;
}

static bool is_label(const CpEventField *f)
{
    return f->section && strcmp(f->section, "labels") == 0;
}

typedef struct {
    const CpFonts *fonts;
    const char *file, *file_text;
    const CpLabels *labels;
    GHashTable *seen;
    bool ok;
} FieldCheck;

static bool check_field(void *data, const CpEventField *f)
{
    FieldCheck *fc = data;
    // Markdown: what prints is its blocks, not the text as written (a link's
    // target, a dropped HTML comment); coverage_check_text checks those.
    if (!f->section && strcmp(f->key, "summary") == 0)
        return true;
    // An override prints only where labels_for put it into this document's
    // labels: the same string, not a copy.
    if (is_label(f) && !(fc->labels && fc->labels->text[f->index] == f->value))
        return true;
    fc->ok &= check_at(fc->fonts, f->value, fc->file, fc->file_text, &f->at, fc->seen);
    return true; // on, to name every character
}

// The event name is printed in capitals: their glyphs must exist too.
static bool check_capitals(const CpFonts *fonts, const CpEvent *ev)
{
    if (!ev || !ev->name)
        return true;
    char *up = g_utf8_strup(ev->name, -1);
    const char *bad = fonts_find_missing(fonts, up, -1);
    g_free(up);
    if (!bad)
        return true;
    diag_error(ev->file, 0, 0,
               "the event name is printed in capitals, and a capital letter of '%s' is "
               "in none of cocprint's fonts; write the name differently",
               ev->name);
    return false;
}

static bool check_block(const CpFonts *fonts, const CpBlock *b, const char *file,
                        const char *file_text, GHashTable *seen)
{
    bool ok = check_text(fonts, b->text, file, file_text, b->line, seen);
    for (size_t c = 0; c < b->n_cells; c++)
        ok &= check_text(fonts, b->cells[c].text, file, file_text, b->line, seen);
    return ok;
}

bool coverage_check_block(const CpFonts *fonts, const CpBlock *b, const char *file,
                          const char *file_text)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    bool ok = check_block(fonts, b, file, file_text, seen);
    g_hash_table_destroy(seen);
    return ok;
}

bool coverage_check(const CpFonts *fonts, const CpSource *src, const CpDocument *doc,
                    const CpMeta *meta, const CpEvent *ev, const char *event_text,
                    const CpLabels *labels)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    bool ok = check_text(fonts, doc->title, src->path, src->data, doc->title_line, seen);
    ok &= check_text(fonts, meta->version, src->path, src->data, 1, seen);
    ok &= check_text(fonts, meta->date, src->path, src->data, 1, seen);
    ok &= check_capitals(fonts, ev);
    for (size_t i = 0; i < doc->n; i++)
        ok &= check_block(fonts, &doc->blocks[i], src->path, src->data, seen);
    if (ev) {
        FieldCheck fc = {fonts, ev->file, event_text ? event_text : src->data, labels, seen, true};
        event_each_field(ev, check_field, &fc);
        ok &= fc.ok;
    }
    g_hash_table_destroy(seen);
    return ok;
}

// Adds TEXT (NULL: nothing) on a line of its own to what fonts_require reads.
static void add_line(GString *s, const char *text)
{
    if (text)
        g_string_append_printf(s, "\n%s", text);
}

// Every label: the words cocprint prints itself.
static void add_labels(GString *s, const CpLabels *labels)
{
    for (int k = 0; k < CP_L_COUNT; k++)
        add_line(s, labels->text[k]);
}

static bool gather(void *data, const CpEventField *f)
{
    // Overrides come in with the labels, and only where they are printed.
    if (!is_label(f))
        add_line(data, f->value);
    return true;
}

void coverage_require_fonts(CpFonts *fonts, const CpDocument *doc, const CpMeta *meta,
                            const CpEvent *ev, const CpLabels *labels)
{
    GString *s = g_string_new(doc->title);
    for (size_t i = 0; i < doc->n; i++) {
        add_line(s, doc->blocks[i].text);
        add_line(s, doc->blocks[i].marker); // a task's box
        for (size_t c = 0; c < doc->blocks[i].n_cells; c++)
            add_line(s, doc->blocks[i].cells[c].text);
    }
    // The front matter's version and date print in the foot, each without the other too.
    add_line(s, meta->version);
    add_line(s, meta->date);
    add_line(s, meta->summary);
    event_each_field(ev, gather, s);
    if (ev && ev->name) {
        // The name is printed in capitals too (check_capitals).
        char *up = g_utf8_strup(ev->name, -1);
        g_string_append_printf(s, "\n%s", up);
        g_free(up);
    }
    add_labels(s, labels);
    fonts_require(fonts, s->str);
    g_string_free(s, TRUE);
}

void coverage_require_labels(CpFonts *fonts, const CpLabels *labels, const CpDocument *const *docs,
                             size_t n)
{
    GString *all = g_string_new(NULL);
    add_labels(all, labels);
    for (size_t i = 0; i < n; i++)
        add_line(all, docs[i]->title);
    fonts_require(fonts, all->str);
    g_string_free(all, TRUE);
}
