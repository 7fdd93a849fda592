#include "paper.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static const CpPaper posters[] = {
    {"a4", "A4", 210, 297},
    {"a3", "A3", 297, 420},
    {"a2", "A2", 420, 594},
    {"letter", "Letter", 215.9, 279.4},
    {"tabloid", "Tabloid", 279.4, 431.8},
};

static const CpPaper badges[] = {
    {"4x3in", "4 x 3 in", 101.6, 76.2},
    {"a6", "A6", 105, 148},
    {"a7", "A7", 74, 105},
    {"cr80", "CR80", 85.6, 53.98},
};

static const CpPaper a6 = {"a6", "A6", 105, 148};
static const CpPaper quarter_letter = {"quarter-letter", "Quarter-letter", 107.95, 139.7};

const CpPaper *paper_lookup(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(posters); i++)
        if (g_ascii_strcasecmp(name, posters[i].name) == 0)
            return &posters[i];
    return NULL;
}

const CpPaper *paper_larger(const CpPaper *paper)
{
    static const char *const next[][2] = {{"a4", "a3"}, {"a3", "a2"}, {"letter", "tabloid"}};
    for (size_t i = 0; i < G_N_ELEMENTS(next); i++)
        if (strcmp(paper->name, next[i][0]) == 0)
            return paper_lookup(next[i][1]);
    return NULL;
}

const CpPaper *paper_handout(bool letter)
{
    return letter ? &quarter_letter : &a6;
}

const CpPaper *paper_sheet(bool letter)
{
    return letter ? &posters[3] : &posters[0];
}

bool paper_badge(const char *name, CpPaper *out)
{
    for (size_t i = 0; i < G_N_ELEMENTS(badges); i++)
        if (g_ascii_strcasecmp(name, badges[i].name) == 0) {
            *out = badges[i];
            return true;
        }
    // WxHmm: a custom insert, from 20 mm to a sheet's size.
    char *end;
    double w = g_ascii_strtod(name, &end);
    if (end == name || (*end != 'x' && *end != 'X'))
        return false;
    const char *hs = end + 1;
    double h = g_ascii_strtod(hs, &end);
    if (end == hs || g_ascii_strcasecmp(end, "mm") != 0)
        return false;
    if (!(w >= 20 && h >= 20 && w <= 297 && h <= 297 && MIN(w, h) <= 210))
        return false;
    g_snprintf(out->name, sizeof out->name, "%gx%gmm", w, h);
    g_snprintf(out->label, sizeof out->label, "%g x %g mm", w, h);
    out->w = w;
    out->h = h;
    return true;
}

size_t paper_badges(const char *const *names, CpPaper *out)
{
    size_t n = 0;
    for (size_t i = 0; names[i]; i++) {
        if (!paper_badge(names[i], &out[n]))
            continue;
        bool again = false;
        for (size_t j = 0; j < n && !again; j++)
            again = strcmp(out[j].name, out[n].name) == 0;
        n += !again;
    }
    return n;
}
