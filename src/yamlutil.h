// YAML reading with positions: typed access to a libyaml document whose
// every error names the file, line and column of the offending node.
#pragma once
#include "chars.h"

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

/* The most values a YAML text may stand for once its aliases are expanded. */
#define CP_YAML_MAX_VALUES 10000

/* The deepest a YAML text may nest lists and mappings, aliases written out:
 * cocprint's own data nests 3 deep. */
#define CP_YAML_MAX_DEPTH 64

typedef struct {
    yaml_document_t doc;
    bool loaded;
    const char *file; // for messages, not owned
    const char *text; // the YAML text, to find a character in (not owned)
    int first_line;   // source line of the text's first line
} CpYaml;

/* What a text field may hold. */
typedef enum {
    CP_FIELD_TEXT,    // printed words: CP_CHARS_TEXT
    CP_FIELD_CONTACT, // a phone number or email: CP_CHARS_CONTACT
    CP_FIELD_URL,     // an absolute http or https URL: CP_CHARS_CONTACT too
} CpFieldKind;

/* Parses TEXT (the first YAML document in it). On a syntax error, nesting
 * deeper than CP_YAML_MAX_DEPTH (found while libyaml reads, before it
 * builds the document), aliases that expand past CP_YAML_MAX_VALUES, or a
 * key repeated in any mapping,
 * prints it with its position (WHAT names the document: "the event data")
 * and returns false. An empty text gives no root. */
bool yamlutil_load(CpYaml *y, const char *file, const char *what, const char *text, size_t len,
                   int first_line);
void yamlutil_finish(CpYaml *y);

yaml_node_t *yamlutil_root(CpYaml *y);
int yamlutil_line(const CpYaml *y, const yaml_node_t *node);
int yamlutil_col(const CpYaml *y, const yaml_node_t *node);

/* Checks that MAP is a mapping whose keys are all scalars and all in KNOWN
 * (NULL-terminated; yamlutil_load has refused repeated ones); an unknown key
 * is reported with the nearest known one. WHAT names the mapping in messages ("the hotline"). */
bool yamlutil_check_map(CpYaml *y, yaml_node_t *map, const char *const *known, const char *what);

/* The value under KEY in a checked mapping, or NULL. */
yaml_node_t *yamlutil_get(CpYaml *y, yaml_node_t *map, const char *key);

/* A scalar's text, NULL for a YAML null; an error for a list or mapping.
 * *OUT is newly allocated (or NULL). */
bool yamlutil_string(CpYaml *y, yaml_node_t *node, const char *key, char **out);

/* Where a field's value was written, for messages. */
typedef struct {
    const char *file;
    const char *text; // the text it was read from (NULL: unknown)
    int first_line;   // source line of TEXT's first line
    int from, to;     // lines of TEXT the value spans
    int line, col;    // the value's position in the file
} CpFieldAt;

/* The checks every printed field passes: at most MAX_CHARS characters, no
 * character KIND's rule refuses (reported where it was typed, else at the
 * value, with its code point), a URL absolute http or https with a host.
 * Bidi isolates left open are closed at the value's end. WHAT names the
 * field in messages. On an error frees *VALUE and returns false. */
bool yamlutil_field_check(const CpFieldAt *at, const char *what, CpFieldKind kind, long max_chars,
                          char **value);

/* yamlutil_string, then the checks every printed field passes: at most
 * MAX_CHARS characters, no character KIND's rule refuses (reported at its
 * line and column, with its code point), a URL absolute http or https with a
 * host. Bidi isolates left open are closed at the value's end. WHAT names
 * the field in messages ("the hotline's 'phone'"; NULL: 'KEY'). */
bool yamlutil_field(CpYaml *y, yaml_node_t *node, const char *key, const char *what,
                    CpFieldKind kind, long max_chars, char **out);

/* True for a missing node or a YAML null (an empty value). */
bool yamlutil_is_null(const yaml_node_t *node);

/* true/false/yes/no/on/off. */
bool yamlutil_bool(CpYaml *y, yaml_node_t *node, const char *key, bool *out);

/* Edit distance, for "did you mean". */
size_t yamlutil_distance(const char *a, const char *b);
