#include "labels.h"

#include "labels_table.h" // generated from data/labels.tsv

#include <string.h>

const char *const cp_label_keys[CP_L_COUNT + 1] = {
    "need_help",      "hotline",     "call_or_text",    "call",     "emergency",
    "emergency_note", "organizers",  "organizer",       "security", "staff",
    "report_online",  "read_policy", "code_of_conduct", "version",  NULL,
};

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
