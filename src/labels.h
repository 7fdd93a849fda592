// Labels: the words cocprint prints itself (the contacts panel, badges, the
// version line), in the document's language; event data can override each.
#pragma once
#include "lang.h"

// CpLabelKey: CP_L_NEED_HELP, CP_L_HOTLINE, ... CP_L_COUNT, one per row of
// data/labels.tsv, in its order.
#include "labels_keys.h"

typedef struct {
    const char *text[CP_L_COUNT];
    const char *lang;        // the table used: the language's, or "en" when it has none
    char *owned[CP_L_COUNT]; // texts made by labels_join
} CpLabels;

/* The keys as event data names them (need_help, hotline, ...), in order. */
extern const char *const cp_label_keys[CP_L_COUNT + 1];

/* LANG's labels (its own tag, else its primary language, else English),
 * each replaced by OVERRIDES[key] where that is set (may be NULL). */
void labels_for(const CpLang *lang, char *const *overrides, CpLabels *out);

/* Each label of IN[0..N) together, " / " between the languages' words (a
 * word they share appears once), for a panel several languages read. */
void labels_join(const CpLabels *in, size_t n, CpLabels *out);

/* Frees what labels_join made. */
void labels_finish(CpLabels *labels);
