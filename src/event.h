// Event data: who an attendee contacts, read from event.yml or front matter.
#pragma once
#include "labels.h"
#include "yamlutil.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *name, *role, *phone, *email;
} CpPerson;

typedef struct {
    char *name;       // event or community name; the PDF's author
    char *policy_url; // where the policy is published
    char *report_url; // an incident-report form, optional
    char *version, *date;
    struct {
        char *phone, *email;
        bool sms; // the hotline number takes text messages
    } hotline;
    CpPerson *organizers;
    size_t n_organizers;
    struct {
        char *phone, *where;
    } security;
    char *emergency;          // the local emergency number
    char *staff;              // how to recognise staff
    char *summary;            // Markdown: the short policy for badge inserts
    char *labels[CP_L_COUNT]; // the fixed words, where the event data overrides them
    int summary_line;         // source line of the summary's first line
    char *file;               // where it came from, for messages
} CpEvent;

/* Reads an event file (as source_read_file does, ALLOW_LINKS as there) and
 * checks every field: schema, length, characters, URLs. Prints the error
 * and returns NULL when it is unreadable or wrong. TEXT_OUT, if not NULL,
 * gets the file's text (for positions in later messages). */
CpEvent *event_load(const char *path, bool allow_links, char **text_out);

/* Reads event data from NODE of a loaded YAML document. */
CpEvent *event_from_yaml(CpYaml *y, yaml_node_t *node);

void event_destroy(CpEvent *ev);

/* True when the event names anybody to contact. */
bool event_has_contacts(const CpEvent *ev);

/* The URL the QR code carries: the report form, else the policy. */
const char *event_qr_url(const CpEvent *ev);
