// The fit search: the largest value on a grid (a body size in 0.05 pt steps)
// at which something fits, or the smallest (a column height). Every output
// that sizes text to its space searches through here: one stopping rule, the
// grid step and the next guess as parameters, a callback for each trial.
#pragma once
#include <stdbool.h>

typedef struct {
    double best;     // largest value known to fit (LO before any fits)
    double bad;      // smallest value known not to fit (INFINITY: none yet)
    double up, down; // the untried grid values between them: [UP, DOWN]
    double last;     // the value last tried
    bool last_fits;
    bool found; // something fits
    int trials; // made so far
} CpFitState;

typedef struct CpFitSearch CpFitSearch;

struct CpFitSearch {
    double lo, hi; // the range; HI is taken down to the grid
    double steps;  // grid values per unit: 20 for 0.05 pt
    double start;  // the first trial, taken into the range (LO when under it)
    bool smallest; // search for the smallest value that fits: larger ones fit too
    bool
        ends_known; // LO fits and HI does not (HI fits and LO not, with SMALLEST); neither is tried
    bool (*fits)(void *data, double x);
    // The next value to try, within [st->up, st->down]; NULL: fit_halve.
    double (*guess)(const CpFitSearch *s, const CpFitState *st);
    void *data;
};

/* Searches, trying each value at most once: a value that fits means every
 * one under it fits (over it, with SMALLEST). The first trial is START (LO
 * when under it); then GUESS, within the untried grid values between the
 * best fit and the nearest misfit, until none is left. When none above LO
 * fits, LO itself decides (tried if it was not yet); a misfit at LO ends
 * the search. Returns the best value; *FOUND (if given) is whether anything
 * fits. With SMALLEST, GUESS sees the state of the mirrored search (values
 * negated). */
double fit_search(const CpFitSearch *s, bool *found);

/* Next guesses. Halve: the middle of the window, or its top while no
 * misfit is known. Gallop: steps of one, two, four... grid values from a
 * fit, one down from a misfit, then halve: for a start that is usually
 * right or one step off. */
double fit_halve(const CpFitSearch *s, const CpFitState *st);
double fit_gallop(const CpFitSearch *s, const CpFitState *st);

/* The grid value at or under X. */
double fit_floor(const CpFitSearch *s, double x);

/* A size search with an estimate and a check: TRIAL(DATA, SIZE, ESTIMATE)
 * says whether the text fits at SIZE, cheaply (ESTIMATE) or exactly. The
 * estimate finds the largest size in [LO, TOP] (0.05 pt steps) by halving
 * from START; the exact trials confirm it, or step down from it (the last
 * of them may be a misfit above the size returned: lay out again at that
 * size before drawing). *FOUND is false when nothing fits even at LO. */
double fit_size(bool (*trial)(void *data, double size, bool estimate), void *data, double lo,
                double top, double start, bool *found);
