#include "labels.h"

#include "labels_table.h" // generated from data/labels.tsv

#include <glib.h>
#include <stdbool.h>
#include <string.h>

static const LabelRow *find(const char *tag)
{
    for (size_t i = 0; i < sizeof label_rows / sizeof label_rows[0]; i++)
        if (strcmp(label_rows[i].lang, tag) == 0)
            return &label_rows[i];
    return NULL;
}

void labels_for(const CpLang *lang, char *const *overrides, CpLabels *out)
{
    const LabelRow *row = find(lang->tag);
    if (!row)
        row = find(lang->primary);
    if (!row)
        row = find("en");
    out->lang = row->lang;
    for (int k = 0; k < CP_L_COUNT; k++)
        out->text[k] = overrides && overrides[k] ? overrides[k] : row->text[k];
}

void labels_join(const CpLabels *in, size_t n, CpLabels *out)
{
    memset(out, 0, sizeof *out);
    out->lang = in[0].lang;
    for (int k = 0; k < CP_L_COUNT; k++) {
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < n; i++) {
            bool seen = false;
            for (size_t j = 0; j < i && !seen; j++)
                seen = strcmp(in[j].text[k], in[i].text[k]) == 0;
            if (!seen)
                // Each language's words keep their own direction.
                g_string_append_printf(s, "%s\u2068%s\u2069", s->len ? " / " : "", in[i].text[k]);
        }
        out->owned[k] = g_string_free(s, FALSE);
        out->text[k] = out->owned[k];
    }
}

void labels_finish(CpLabels *labels)
{
    for (int k = 0; k < CP_L_COUNT; k++) {
        g_free(labels->owned[k]);
        labels->owned[k] = NULL;
    }
}
