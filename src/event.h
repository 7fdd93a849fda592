// Event data: who an attendee contacts, read from event.yml or front matter.
#pragma once
#include "labels.h"
#include "yamlutil.h"

#include <stdbool.h>
#include <stddef.h>

/* Where a field's value was written in its file: its line and column, and
 * the lines it spans (0 when unknown, as in event data made in code). */
typedef struct {
    int line, col;
    int from, to;
} CpEventAt;

typedef struct {
    char *name, *role, *phone, *email;
    CpEventAt at[4]; // where each was written, in that order
    bool off_badge;  // badge: false, left off badge inserts
} CpPerson;

/* The text fields outside the organizers and labels: name, policy_url,
 * report_url, version, date, the hotline's two, the security's two,
 * emergency, staff and summary. */
#define CP_EVENT_TEXTS 12

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
    // Where each field was written, for event_each_field.
    CpEventAt at[CP_EVENT_TEXTS];
    CpEventAt label_at[CP_L_COUNT];
} CpEvent;

/* One text field of the event data, as event_each_field hands it over. */
typedef struct {
    const char *section; // NULL (top level), "hotline", "security", "organizers" or "labels"
    size_t index;        // the organizer's (from 0), or the label's CpLabelKey; else 0
    const char *key;     // as the event data names it: "phone"
    const char *value;   // never NULL: a field not given is skipped
    CpFieldKind kind;
    CpEventAt at;
} CpEventField;

/* Called for each field; returning false stops the walk. */
typedef bool (*CpEventFieldFn)(void *data, const CpEventField *field);

/* Reads an event file (as source_read_file does, ALLOW_LINKS as there) and
 * checks every field: schema, length, characters, URLs. Prints the error
 * and returns NULL when it is unreadable or wrong. TEXT_OUT, if not NULL,
 * gets the file's text (for positions in later messages). */
CpEvent *event_load(const char *path, bool allow_links, char **text_out);

/* The event data for INPUT (in folder DIR): the file FLAG names (--event),
 * else EMBEDDED (the front matter's, taken: *EMBEDDED becomes NULL), else
 * event.yml in DIR, else none (after a warning). *FAILED is set when a file
 * was named or found and is wrong. ALLOW_LINKS and TEXT_OUT as for
 * event_load. */
CpEvent *event_find(const char *flag, CpEvent **embedded, const char *input, const char *dir,
                    bool allow_links, char **text_out, bool *failed);

/* Reads event data from NODE of a loaded YAML document. */
CpEvent *event_from_yaml(CpYaml *y, yaml_node_t *node);

void event_destroy(CpEvent *ev);

/* True when the event names anybody to contact. */
bool event_has_contacts(const CpEvent *ev);

/* Badge inserts tell attendees who to contact: true when EV (NULL: no event
 * data, read from FILE) names somebody. Else prints why, as an error when
 * the badges were ASKED for on the command line, else as a warning that
 * there are no badges, and returns false. */
bool event_check_contacts(const CpEvent *ev, const char *file, bool asked);

/* Calls FN on every text field of EV that is set (EV may be NULL): the
 * top-level fields, the hotline's and the venue security's, each
 * organizer's, then the label overrides. Every check that goes over the
 * fields goes by this one walk. False when FN stopped it. */
bool event_each_field(const CpEvent *ev, CpEventFieldFn fn, void *data);

/* The URL the QR code carries: the report form, else the policy. */
const char *event_qr_url(const CpEvent *ev);
