// Paper and stock sizes: the pages cocprint prints on and the inserts it cuts.
#pragma once
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char name[32];  // as the user writes it: "a4", "4x3in"
    char label[40]; // as printed in summaries: "A4", "4 x 3 in"
    double w, h;    // millimetres, in the orientation used
} CpPaper;

/* Poster sizes: a4, a3, a2, letter, tabloid (any case). NULL if unknown. */
const CpPaper *paper_lookup(const char *name);

/* The next poster size up in PAPER's family (A4 -> A3 -> A2, Letter ->
 * Tabloid), or NULL at the largest. */
const CpPaper *paper_larger(const CpPaper *paper);

/* The handout's page: A6, or quarter-letter for the Letter family. */
const CpPaper *paper_handout(bool letter);

/* The sheet a family prints on: A4 or Letter, portrait. */
const CpPaper *paper_sheet(bool letter);

/* A badge insert size: 4x3in, a6, a7, cr80, or WxHmm (any case). Fills OUT
 * and returns true; false for a name it does not know. */
bool paper_badge(const char *name, CpPaper *out);

/* The badge sizes NAMES (NULL-terminated, each one paper_badge knows) asks
 * for, each once ("-b a6 -b A6" is one insert), into OUT, which has room for
 * all of them. Returns how many. */
size_t paper_badges(const char *const *names, CpPaper *out);

#define CP_BADGE_SIZES "4x3in, a6, a7, cr80 or WxHmm (for example 90x55mm)"
