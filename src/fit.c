#include "fit.h"

#include <glib.h>
#include <math.h>

// Grid values are k / steps; the 1e-6 keeps a value already on the grid
// there despite rounding.
double fit_floor(const CpFitSearch *s, double x)
{
    return floor(x * s->steps + 1e-6) / s->steps;
}

static double grid_above(const CpFitSearch *s, double x)
{
    return ceil(x * s->steps + 1e-6) / s->steps;
}

static double grid_below(const CpFitSearch *s, double x)
{
    return floor(x * s->steps - 1e-6) / s->steps;
}

double fit_halve(const CpFitSearch *s, const CpFitState *st)
{
    return isinf(st->bad) ? st->down : (st->up + st->down) / 2;
}

double fit_gallop(const CpFitSearch *s, const CpFitState *st)
{
    if (st->trials > 2)
        return fit_halve(s, st);
    if (st->found && isinf(st->bad))
        return st->best + ldexp(1.0, st->trials - 1) / s->steps;
    return st->last_fits ? st->up : st->down;
}

// Narrows the window of untried grid values; false when it is empty.
static bool window(const CpFitSearch *s, CpFitState *st, double top)
{
    st->up = grid_above(s, st->best);
    st->down = isinf(st->bad) ? top : fmin(top, grid_below(s, st->bad));
    return st->up <= st->down + 1e-9;
}

static bool mirror_fits(void *data, double x)
{
    const CpFitSearch *outer = data;
    return outer->fits(outer->data, -x);
}

double fit_search(const CpFitSearch *s, bool *found)
{
    if (s->smallest) {
        // The same search over the values negated: the smallest becomes the largest.
        CpFitSearch m = *s;
        m.lo = -s->hi;
        m.hi = -s->lo;
        m.start = -(s->start ? s->start : s->hi);
        m.smallest = false;
        m.fits = mirror_fits;
        m.data = (void *)s;
        return -fit_search(&m, found);
    }
    double (*guess)(const CpFitSearch *, const CpFitState *) = s->guess ? s->guess : fit_halve;
    double top = MAX(s->lo, fit_floor(s, s->hi));
    CpFitState st = {.best = s->lo, .bad = INFINITY};
    bool try = true;
    double x = MAX(s->lo, MIN(top, fit_floor(s, s->start)));
    if (s->ends_known) {
        st.found = true;
        st.bad = s->hi;
        try = false;
    }
    for (;;) {
        if (try) {
            bool ok = s->fits(s->data, x);
            st.trials++;
            st.last = x;
            st.last_fits = ok;
            if (ok) {
                st.best = x;
                st.found = true;
            } else {
                st.bad = x;
            }
            if (!ok && x <= s->lo)
                break; // nothing fits
        }
        try = true;
        if (!window(s, &st, top)) {
            if (st.found)
                break;
            x = s->lo; // nothing above LO fits: LO decides
            continue;
        }
        x = MIN(MAX(fit_floor(s, guess(s, &st)), st.up), st.down);
    }
    if (found)
        *found = st.found;
    return st.best;
}

typedef struct {
    bool (*trial)(void *data, double size, bool estimate);
    void *data;
    bool estimate;
} Sized;

static bool sized_fits(void *data, double x)
{
    Sized *z = data;
    return z->trial(z->data, x, z->estimate);
}

double fit_size(bool (*trial)(void *data, double size, bool estimate), void *data, double lo,
                double top, double start, bool *found)
{
    // The estimate finds the size; exact trials confirm that it fits (or,
    // where the estimate was hopeful, step down from it). Where it is
    // cautious the size may be one step under the largest: not worth more
    // exact trials.
    Sized z = {trial, data, true};
    CpFitSearch s = {
        .lo = lo, .hi = top, .steps = 20, .start = start, .fits = sized_fits, .data = &z};
    bool ok;
    double est = fit_search(&s, &ok);
    z.estimate = false;
    s.hi = ok ? est : top;
    s.start = est;
    s.guess = fit_gallop;
    return fit_search(&s, found);
}
