#include "event.h"

#include "diag.h"
#include "source.h"

#include "chars.h"

#include <glib.h>
#include <string.h>

static const char *const top_keys[] = {"name",    "policy_url", "report_url", "version",   "date",
                                       "hotline", "organizers", "security",   "emergency", "staff",
                                       "summary", "labels",     NULL};
static const char *const hotline_keys[] = {"phone", "sms", "email", NULL};
static const char *const person_keys[] = {"name", "role", "phone", "email", "badge", NULL};
static const char *const security_keys[] = {"phone", "where", NULL};

// The longest value of each kind of field: far beyond any real one, short
// enough that none runs off a page unnoticed.
enum {
    MAX_NAME = 120,     // the event's, an organizer's, a role
    MAX_PHONE = 40,     // "+1 (555) 010-4477 ext. 1234"
    MAX_EMAIL = 254,    // RFC 5321
    MAX_URL = 1000,     // a QR code holds some 2,300 characters at level M
    MAX_NOTE = 300,     // where security sits, how to recognise staff
    MAX_SHORT = 60,     // version, date
    MAX_LABEL = 200,    // a fixed word replaced
    MAX_SUMMARY = 5000, // Markdown for a badge insert
};

// One text field: the mapping it sits in (NULL: the top level), its key,
// the member of CpEvent or CpPerson it goes to, what it may hold. These two
// tables are the one list of fields: reading, event_each_field and
// event_destroy all go by them.
typedef struct {
    const char *section;
    const char *key;
    size_t offset;
    CpFieldKind kind;
    long max;
} Field;

// In the order the glyph check has always gone over them.
static const Field event_fields[] = {
    {NULL, "name", offsetof(CpEvent, name), CP_FIELD_TEXT, MAX_NAME},
    {NULL, "policy_url", offsetof(CpEvent, policy_url), CP_FIELD_URL, MAX_URL},
    {NULL, "report_url", offsetof(CpEvent, report_url), CP_FIELD_URL, MAX_URL},
    {NULL, "version", offsetof(CpEvent, version), CP_FIELD_TEXT, MAX_SHORT},
    {NULL, "date", offsetof(CpEvent, date), CP_FIELD_TEXT, MAX_SHORT},
    {"hotline", "phone", offsetof(CpEvent, hotline.phone), CP_FIELD_CONTACT, MAX_PHONE},
    {"hotline", "email", offsetof(CpEvent, hotline.email), CP_FIELD_CONTACT, MAX_EMAIL},
    {"security", "phone", offsetof(CpEvent, security.phone), CP_FIELD_CONTACT, MAX_PHONE},
    {"security", "where", offsetof(CpEvent, security.where), CP_FIELD_TEXT, MAX_NOTE},
    {NULL, "emergency", offsetof(CpEvent, emergency), CP_FIELD_CONTACT, MAX_PHONE},
    {NULL, "staff", offsetof(CpEvent, staff), CP_FIELD_TEXT, MAX_NOTE},
    {NULL, "summary", offsetof(CpEvent, summary), CP_FIELD_TEXT, MAX_SUMMARY},
};
_Static_assert(G_N_ELEMENTS(event_fields) == CP_EVENT_TEXTS, "CP_EVENT_TEXTS counts event_fields");

static const Field person_fields[] = {
    {"organizers", "name", offsetof(CpPerson, name), CP_FIELD_TEXT, MAX_NAME},
    {"organizers", "role", offsetof(CpPerson, role), CP_FIELD_TEXT, MAX_NAME},
    {"organizers", "phone", offsetof(CpPerson, phone), CP_FIELD_CONTACT, MAX_PHONE},
    {"organizers", "email", offsetof(CpPerson, email), CP_FIELD_CONTACT, MAX_EMAIL},
};
_Static_assert(G_N_ELEMENTS(person_fields) == G_N_ELEMENTS(((CpPerson *)0)->at),
               "CpPerson.at has a place per person_fields entry");

// The label overrides are CpEvent.labels, one a key of cp_label_keys.
static const Field label_field = {"labels", NULL, 0, CP_FIELD_TEXT, MAX_LABEL};

// The string F names in BASE (a CpEvent or a CpPerson).
static char **member(void *base, const Field *f)
{
    return (char **)(void *)((char *)base + f->offset);
}

static const char *member_value(const void *base, const Field *f)
{
    return *(char *const *)(const void *)((const char *)base + f->offset);
}

// Whether PHONE is written the way numbers are dialled: digits, spaces and
// + ( ) - . / ("+" first only), then an extension ("ext. 12", "ext 12",
// "x12", "extension 12"). *BAD: the offset of the first character that is
// not, in bytes.
static bool phone_ok(const char *phone, size_t *bad)
{
    const char *p = phone;
    for (; *p; p++) {
        if (g_ascii_isdigit(*p) || strchr(" ()-./", *p) || (*p == '+' && p == phone))
            continue;
        break;
    }
    if (*p && p > phone && g_ascii_isalpha(*p)) { // an extension, after the number
        static const char *const ext[] = {"extension", "ext.", "ext", "x"};
        for (size_t i = 0; i < G_N_ELEMENTS(ext); i++)
            if (g_ascii_strncasecmp(p, ext[i], strlen(ext[i])) == 0) {
                const char *e = p + strlen(ext[i]);
                while (*e == ' ')
                    e++;
                const char *d = e;
                while (g_ascii_isdigit(*e))
                    e++;
                if (e > d && !*e)
                    return true;
            }
    }
    *bad = (size_t)(p - phone);
    return !*p;
}

// Reads field F (its key KEY) of MAP into *OUT, and where it was written
// into *AT; OWNER names the mapping in messages ("the hotline").
static bool read_field(CpYaml *y, yaml_node_t *map, const Field *f, const char *key, char **out,
                       CpEventAt *at, const char *owner)
{
    yaml_node_t *node = yamlutil_get(y, map, key);
    char *what = owner ? g_strdup_printf("%s's '%s'", owner, key) : NULL;
    bool ok = yamlutil_field(y, node, key, what, f->kind, f->max, out);
    size_t bad;
    if (ok && *out && f->max == MAX_PHONE && !phone_ok(*out, &bad)) {
        // Letters or signs a phone cannot dial: the poster would print
        // what no one can call.
        diag_error(y->file, yamlutil_line(y, node),
                   yamlutil_col(y, node) + (int)g_utf8_strlen(*out, (gssize)bad) +
                       (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? 0 : 1),
                   "%s '%s' is not a phone number: write it in digits, with spaces or + ( ) - . / "
                   "between them and an extension last ('+44 20 7946 0958 ext. 12')",
                   what ? what : key, *out);
        ok = false;
    }
    g_free(what);
    if (ok && *out)
        *at = (CpEventAt){yamlutil_line(y, node), yamlutil_col(y, node),
                          (int)node->start_mark.line + y->first_line,
                          (int)node->end_mark.line + y->first_line};
    return ok;
}

// Reads the fields of event_fields in SECTION (NULL: the top level) from MAP.
static bool read_section(CpYaml *y, yaml_node_t *map, CpEvent *ev, const char *section,
                         const char *owner)
{
    for (size_t i = 0; i < G_N_ELEMENTS(event_fields); i++) {
        const Field *f = &event_fields[i];
        if (g_strcmp0(f->section, section) == 0 &&
            !read_field(y, map, f, f->key, member(ev, f), &ev->at[i], owner))
            return false;
    }
    return true;
}

static bool read_person(CpYaml *y, yaml_node_t *node, CpPerson *p, size_t index)
{
    if (!yamlutil_check_map(y, node, person_keys, "an organizer"))
        return false;
    char *owner = g_strdup_printf("organizer %zu", index + 1);
    bool ok = true;
    for (size_t i = 0; ok && i < G_N_ELEMENTS(person_fields); i++) {
        const Field *f = &person_fields[i];
        ok = read_field(y, node, f, f->key, member(p, f), &p->at[i], owner);
    }
    g_free(owner);
    bool on_badge = true;
    if (!ok || !yamlutil_bool(y, yamlutil_get(y, node, "badge"), "badge", &on_badge))
        return false;
    p->off_badge = !on_badge;
    if (!p->name) {
        diag_error(y->file, yamlutil_line(y, node), yamlutil_col(y, node),
                   "an organizer has no 'name'; add one");
        return false;
    }
    return true;
}

// More than a panel could ever list; a bound on the work a hostile list asks.
#define MAX_ORGANIZERS 100

static bool read_organizers(CpYaml *y, yaml_node_t *node, CpEvent *ev)
{
    if (yamlutil_is_null(node))
        return true;
    if (node->type != YAML_SEQUENCE_NODE) {
        diag_error(y->file, yamlutil_line(y, node), yamlutil_col(y, node),
                   "'organizers' should be a list, each entry starting with '- name:'");
        return false;
    }
    size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
    if (n > MAX_ORGANIZERS) {
        diag_error(y->file, yamlutil_line(y, node), yamlutil_col(y, node),
                   "%zu organizers; cocprint lists at most %d: name the ones attendees "
                   "should contact",
                   n, MAX_ORGANIZERS);
        return false;
    }
    ev->organizers = g_new0(CpPerson, n ? n : 1);
    for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top;
         it++) {
        yaml_node_t *item = yaml_document_get_node(&y->doc, *it);
        size_t i = ev->n_organizers++;
        if (!read_person(y, item, &ev->organizers[i], i))
            return false;
    }
    return true;
}

static bool read_event(CpYaml *y, yaml_node_t *node, CpEvent *ev)
{
    if (!yamlutil_check_map(y, node, top_keys, "the event data"))
        return false;
    if (!read_section(y, node, ev, NULL, NULL))
        return false;
    yaml_node_t *sum = yamlutil_get(y, node, "summary");
    if (sum) {
        // A block scalar (| or >) starts on the line after its indicator.
        bool block = sum->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                     sum->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
        ev->summary_line = yamlutil_line(y, sum) + (block ? 1 : 0);
    }

    yaml_node_t *lb = yamlutil_get(y, node, "labels");
    if (!yamlutil_is_null(lb)) {
        // The fixed words cocprint prints, replaced one by one.
        if (!yamlutil_check_map(y, lb, cp_label_keys, "the labels"))
            return false;
        for (int k = 0; k < CP_L_COUNT; k++)
            if (!read_field(y, lb, &label_field, cp_label_keys[k], &ev->labels[k], &ev->label_at[k],
                            "the labels"))
                return false;
    }

    // An empty section (`hotline:` with nothing under it) is no section.
    yaml_node_t *h = yamlutil_get(y, node, "hotline");
    if (!yamlutil_is_null(h)) {
        if (!yamlutil_check_map(y, h, hotline_keys, "the hotline"))
            return false;
        if (!read_section(y, h, ev, "hotline", "the hotline") ||
            !yamlutil_bool(y, yamlutil_get(y, h, "sms"), "sms", &ev->hotline.sms))
            return false;
    }
    yaml_node_t *s = yamlutil_get(y, node, "security");
    if (!yamlutil_is_null(s)) {
        if (!yamlutil_check_map(y, s, security_keys, "the venue security"))
            return false;
        if (!read_section(y, s, ev, "security", "the venue security"))
            return false;
    }
    return read_organizers(y, yamlutil_get(y, node, "organizers"), ev);
}

// What organizers get wrong that still makes a poster: said, not refused.
static void warn_contacts(CpYaml *y, yaml_node_t *node, const CpEvent *ev)
{
    yaml_node_t *org = yamlutil_get(y, node, "organizers");
    if (org && org->type == YAML_SEQUENCE_NODE && !ev->n_organizers)
        diag_warn(y->file, yamlutil_line(y, org), yamlutil_col(y, org),
                  "'organizers' is an empty list: no one is named to contact; list the "
                  "organizers or remove the key");
    size_t global = 0, local = 0;
    const char *phones[] = {ev->hotline.phone, ev->security.phone, ev->emergency};
    for (size_t i = 0; i < ev->n_organizers; i++) {
        const CpPerson *p = &ev->organizers[i];
        if (!p->phone && !p->email)
            diag_warn(y->file, p->at[0].line, p->at[0].col,
                      "organizer '%s' has neither a phone nor an email: attendees can only find "
                      "them in person",
                      p->name);
        if (p->phone)
            p->phone[0] == '+' ? global++ : local++;
    }
    for (size_t i = 0; i < 2; i++) // the emergency number is local by nature
        if (phones[i])
            phones[i][0] == '+' ? global++ : local++;
    if (!global || !local)
        return;
    for (size_t i = 0; i < ev->n_organizers; i++) {
        const CpPerson *p = &ev->organizers[i];
        if (p->phone && p->phone[0] != '+')
            diag_warn(y->file, p->at[2].line, p->at[2].col,
                      "organizer '%s': the phone '%s' has no country code (+) where the event's "
                      "other numbers have one: a visitor from abroad cannot dial it",
                      p->name, p->phone);
    }
    for (size_t i = 0; i < 2; i++)
        if (phones[i] && phones[i][0] != '+') {
            const CpEventAt *at = &ev->at[i == 0 ? 5 : 7];
            diag_warn(y->file, at->line, at->col,
                      "the %s: the phone '%s' has no country code (+) where the event's other "
                      "numbers have one: a visitor from abroad cannot dial it",
                      i == 0 ? "hotline" : "venue security", phones[i]);
        }
}

CpEvent *event_from_yaml(CpYaml *y, yaml_node_t *node)
{
    CpEvent *ev = g_new0(CpEvent, 1);
    ev->file = g_strdup(y->file);
    if (!read_event(y, node, ev)) {
        event_destroy(ev);
        return NULL;
    }
    warn_contacts(y, node, ev);
    return ev;
}

CpEvent *event_load(const char *path, bool allow_links, char **text_out)
{
    const char *file = source_name(path); // "<stdin>" for "-"
    char *text = NULL;
    size_t len = 0;
    const CpReadSpec spec = {"event data", CP_MAX_SOURCE_BYTES, allow_links, NULL, 0, 0};
    if (!source_read_file(path, &spec, &text, &len))
        return NULL;
    const char *bad;
    if (!g_utf8_validate(text, (gssize)len, &bad) || memchr(text, '\0', len)) {
        diag_error(file, 0, 0, "the event data is not UTF-8 text; save it as UTF-8");
        g_free(text);
        return NULL;
    }
    if (!chars_check_file(file, text, len, len)) {
        g_free(text);
        return NULL;
    }
    CpYaml y;
    CpEvent *ev = NULL;
    if (yamlutil_load(&y, file, "the event data", text, len, 1)) {
        yaml_node_t *root = yamlutil_root(&y);
        if (!root)
            diag_error(file, 0, 0, "the event data is empty; see the README for its keys");
        else
            ev = event_from_yaml(&y, root);
        yamlutil_finish(&y);
    }
    // Fields that print have named the field already; an override left in
    // a comment is still refused where it is.
    if (ev && !chars_check_file(file, text, len, 0)) {
        event_destroy(ev);
        ev = NULL;
    }
    if (ev && text_out)
        *text_out = text;
    else
        g_free(text);
    return ev;
}

void event_destroy(CpEvent *ev)
{
    if (!ev)
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(event_fields); i++)
        g_free(*member(ev, &event_fields[i]));
    for (size_t i = 0; i < ev->n_organizers; i++)
        for (size_t j = 0; j < G_N_ELEMENTS(person_fields); j++)
            g_free(*member(&ev->organizers[i], &person_fields[j]));
    g_free(ev->organizers);
    for (int k = 0; k < CP_L_COUNT; k++)
        g_free(ev->labels[k]);
    g_free(ev->file);
    g_free(ev);
}

bool event_has_contacts(const CpEvent *ev)
{
    return ev && (ev->hotline.phone || ev->hotline.email || ev->n_organizers ||
                  ev->security.phone || ev->security.where || ev->emergency || ev->staff);
}

// Hands F to FN when it is set; false when FN stops the walk.
static bool visit(const CpEventField *f, CpEventFieldFn fn, void *data)
{
    return !f->value || fn(data, f);
}

bool event_each_field(const CpEvent *ev, CpEventFieldFn fn, void *data)
{
    if (!ev)
        return true;
    for (size_t i = 0; i < G_N_ELEMENTS(event_fields); i++) {
        const Field *t = &event_fields[i];
        const CpEventField f = {t->section, 0, t->key, member_value(ev, t), t->kind, ev->at[i]};
        if (!visit(&f, fn, data))
            return false;
    }
    for (size_t i = 0; i < ev->n_organizers; i++) {
        const CpPerson *p = &ev->organizers[i];
        for (size_t j = 0; j < G_N_ELEMENTS(person_fields); j++) {
            const Field *t = &person_fields[j];
            const CpEventField f = {t->section, i, t->key, member_value(p, t), t->kind, p->at[j]};
            if (!visit(&f, fn, data))
                return false;
        }
    }
    for (int k = 0; k < CP_L_COUNT; k++) {
        const CpEventField f = {label_field.section, (size_t)k,        cp_label_keys[k],
                                ev->labels[k],       label_field.kind, ev->label_at[k]};
        if (!visit(&f, fn, data))
            return false;
    }
    return true;
}

const char *event_qr_url(const CpEvent *ev)
{
    if (!ev)
        return NULL;
    return ev->report_url ? ev->report_url : ev->policy_url;
}

CpEvent *event_find(const char *flag, CpEvent **embedded, const char *input, const char *dir,
                    bool allow_links, char **text_out, bool *failed)
{
    *failed = false;
    if (!flag && *embedded) {
        CpEvent *ev = *embedded;
        *embedded = NULL;
        return ev;
    }
    char *path = flag ? g_strdup(flag) : g_build_filename(dir, "event.yml", NULL);
    // A dangling link is still there: event_load names it and its target.
    if (!flag && !g_file_test(path, G_FILE_TEST_EXISTS) &&
        !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
        diag_warn(input, 0, 0,
                  "no event data (no %s, no --event, no 'event:' in the front matter): the "
                  "outputs carry no contacts",
                  path);
        g_free(path);
        return NULL;
    }
    // The text the checks read is the text parsed: the file is read once.
    CpEvent *ev = event_load(path, allow_links, text_out);
    *failed = ev == NULL;
    g_free(path);
    return ev;
}

bool event_check_contacts(const CpEvent *ev, const char *file, bool asked)
{
    if (event_has_contacts(ev))
        return true;
    const char *why = "badge inserts tell attendees who to contact, and the event data names "
                      "nobody: add a hotline, organizers or an emergency number to event.yml "
                      "(see the README)";
    if (asked)
        diag_error(file, 0, 0, "%s", why);
    else
        diag_warn(file, 0, 0, "no badges: %s", why);
    return false;
}
