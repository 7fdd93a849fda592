// YAML reading with positions: typed access to a libyaml document whose
// every error names the file, line and column of the offending node.
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

/* The most values a YAML text may stand for once its aliases are expanded. */
#define CP_YAML_MAX_VALUES 10000

typedef struct {
    yaml_document_t doc;
    bool loaded;
    const char *file; // for messages, not owned
    int first_line;   // source line of the text's first line
} CpYaml;

/* Parses TEXT (the first YAML document in it). On a syntax error prints
 * it with its position and returns false. An empty text gives no root. */
bool cpyaml_load(CpYaml *y, const char *file, const char *text, size_t len, int first_line);
void cpyaml_finish(CpYaml *y);

yaml_node_t *cpyaml_root(CpYaml *y);
int cpyaml_line(const CpYaml *y, const yaml_node_t *node);
int cpyaml_col(const CpYaml *y, const yaml_node_t *node);

/* Checks that MAP is a mapping whose keys are all scalars, none repeated, and
 * all in KNOWN (NULL-terminated); an unknown key is reported with the
 * nearest known one. WHAT names the mapping in messages ("the hotline"). */
bool cpyaml_check_map(CpYaml *y, yaml_node_t *map, const char *const *known, const char *what);

/* The value under KEY in a checked mapping, or NULL. */
yaml_node_t *cpyaml_get(CpYaml *y, yaml_node_t *map, const char *key);

/* A scalar's text, NULL for a YAML null; an error for a list or mapping.
 * *OUT is newly allocated (or NULL). */
bool cpyaml_string(CpYaml *y, yaml_node_t *node, const char *key, char **out);

/* True for a missing node or a YAML null (an empty value). */
bool cpyaml_is_null(const yaml_node_t *node);

/* true/false/yes/no/on/off. */
bool cpyaml_bool(CpYaml *y, yaml_node_t *node, const char *key, bool *out);

/* Edit distance, for "did you mean". */
size_t cpyaml_distance(const char *a, const char *b);
