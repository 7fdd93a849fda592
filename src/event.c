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
static const char *const person_keys[] = {"name", "role", "phone", "email", NULL};
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

// One text field of a mapping: its key, where it goes, what it may hold.
typedef struct {
    const char *key;
    char **out;
    CpFieldKind kind;
    long max;
} Field;

// Reads FIELDS of MAP; OWNER names the mapping in messages ("the hotline").
static bool read_fields(CpYaml *y, yaml_node_t *map, const Field *fields, size_t n,
                        const char *owner)
{
    for (size_t i = 0; i < n; i++) {
        char *what = owner ? g_strdup_printf("%s's '%s'", owner, fields[i].key) : NULL;
        bool ok = cpyaml_field(y, cpyaml_get(y, map, fields[i].key), fields[i].key, what,
                               fields[i].kind, fields[i].max, fields[i].out);
        g_free(what);
        if (!ok)
            return false;
    }
    return true;
}

static bool read_person(CpYaml *y, yaml_node_t *node, CpPerson *p, size_t index)
{
    if (!cpyaml_check_map(y, node, person_keys, "an organizer"))
        return false;
    const Field f[] = {{"name", &p->name, CP_FIELD_TEXT, MAX_NAME},
                       {"role", &p->role, CP_FIELD_TEXT, MAX_NAME},
                       {"phone", &p->phone, CP_FIELD_CONTACT, MAX_PHONE},
                       {"email", &p->email, CP_FIELD_CONTACT, MAX_EMAIL}};
    char *owner = g_strdup_printf("organizer %zu", index + 1);
    bool ok = read_fields(y, node, f, G_N_ELEMENTS(f), owner);
    g_free(owner);
    if (!ok)
        return false;
    if (!p->name) {
        diag_error(y->file, cpyaml_line(y, node), cpyaml_col(y, node),
                   "an organizer has no 'name'; add one");
        return false;
    }
    return true;
}

// More than a panel could ever list; a bound on the work a hostile list asks.
#define MAX_ORGANIZERS 100

static bool read_organizers(CpYaml *y, yaml_node_t *node, CpEvent *ev)
{
    if (cpyaml_is_null(node))
        return true;
    if (node->type != YAML_SEQUENCE_NODE) {
        diag_error(y->file, cpyaml_line(y, node), cpyaml_col(y, node),
                   "'organizers' should be a list, each entry starting with '- name:'");
        return false;
    }
    size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
    if (n > MAX_ORGANIZERS) {
        diag_error(y->file, cpyaml_line(y, node), cpyaml_col(y, node),
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
    if (!cpyaml_check_map(y, node, top_keys, "the event data"))
        return false;
    const Field top[] = {{"name", &ev->name, CP_FIELD_TEXT, MAX_NAME},
                         {"policy_url", &ev->policy_url, CP_FIELD_URL, MAX_URL},
                         {"report_url", &ev->report_url, CP_FIELD_URL, MAX_URL},
                         {"version", &ev->version, CP_FIELD_TEXT, MAX_SHORT},
                         {"date", &ev->date, CP_FIELD_TEXT, MAX_SHORT},
                         {"emergency", &ev->emergency, CP_FIELD_CONTACT, MAX_PHONE},
                         {"staff", &ev->staff, CP_FIELD_TEXT, MAX_NOTE},
                         {"summary", &ev->summary, CP_FIELD_TEXT, MAX_SUMMARY}};
    if (!read_fields(y, node, top, G_N_ELEMENTS(top), NULL))
        return false;
    yaml_node_t *sum = cpyaml_get(y, node, "summary");
    if (sum) {
        // A block scalar (| or >) starts on the line after its indicator.
        bool block = sum->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                     sum->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
        ev->summary_line = cpyaml_line(y, sum) + (block ? 1 : 0);
    }

    yaml_node_t *lb = cpyaml_get(y, node, "labels");
    if (!cpyaml_is_null(lb)) {
        // The fixed words cocprint prints, replaced one by one.
        if (!cpyaml_check_map(y, lb, cp_label_keys, "the labels"))
            return false;
        for (int k = 0; k < CP_L_COUNT; k++) {
            const Field f = {cp_label_keys[k], &ev->labels[k], CP_FIELD_TEXT, MAX_LABEL};
            if (!read_fields(y, lb, &f, 1, "the labels"))
                return false;
        }
    }

    // An empty section (`hotline:` with nothing under it) is no section.
    yaml_node_t *h = cpyaml_get(y, node, "hotline");
    if (!cpyaml_is_null(h)) {
        if (!cpyaml_check_map(y, h, hotline_keys, "the hotline"))
            return false;
        const Field f[] = {{"phone", &ev->hotline.phone, CP_FIELD_CONTACT, MAX_PHONE},
                           {"email", &ev->hotline.email, CP_FIELD_CONTACT, MAX_EMAIL}};
        if (!read_fields(y, h, f, G_N_ELEMENTS(f), "the hotline") ||
            !cpyaml_bool(y, cpyaml_get(y, h, "sms"), "sms", &ev->hotline.sms))
            return false;
    }
    yaml_node_t *s = cpyaml_get(y, node, "security");
    if (!cpyaml_is_null(s)) {
        if (!cpyaml_check_map(y, s, security_keys, "the venue security"))
            return false;
        const Field f[] = {{"phone", &ev->security.phone, CP_FIELD_CONTACT, MAX_PHONE},
                           {"where", &ev->security.where, CP_FIELD_TEXT, MAX_NOTE}};
        if (!read_fields(y, s, f, G_N_ELEMENTS(f), "the venue security"))
            return false;
    }
    return read_organizers(y, cpyaml_get(y, node, "organizers"), ev);
}

CpEvent *event_from_yaml(CpYaml *y, yaml_node_t *node)
{
    CpEvent *ev = g_new0(CpEvent, 1);
    ev->file = g_strdup(y->file);
    if (!read_event(y, node, ev)) {
        event_destroy(ev);
        return NULL;
    }
    return ev;
}

CpEvent *event_load(const char *path, bool allow_links, char **text_out)
{
    char *text = NULL;
    size_t len = 0;
    const CpReadSpec spec = {"event data", CP_MAX_SOURCE_BYTES, allow_links, NULL, 0, 0};
    if (!source_read_file(path, &spec, &text, &len))
        return NULL;
    const char *bad;
    if (!g_utf8_validate(text, (gssize)len, &bad) || memchr(text, '\0', len)) {
        diag_error(path, 0, 0, "the event data is not UTF-8 text; save it as UTF-8");
        g_free(text);
        return NULL;
    }
    if (!chars_check_file(path, text, len, len)) {
        g_free(text);
        return NULL;
    }
    CpYaml y;
    CpEvent *ev = NULL;
    if (cpyaml_load(&y, path, "the event data", text, len, 1)) {
        yaml_node_t *root = cpyaml_root(&y);
        if (!root)
            diag_error(path, 0, 0, "the event data is empty; see the README for its keys");
        else
            ev = event_from_yaml(&y, root);
        cpyaml_finish(&y);
    }
    // Fields that print have named the field already; an override left in
    // a comment is still refused where it is.
    if (ev && !chars_check_file(path, text, len, 0)) {
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
    g_free(ev->name);
    g_free(ev->policy_url);
    g_free(ev->report_url);
    g_free(ev->version);
    g_free(ev->date);
    g_free(ev->hotline.phone);
    g_free(ev->hotline.email);
    for (size_t i = 0; i < ev->n_organizers; i++) {
        g_free(ev->organizers[i].name);
        g_free(ev->organizers[i].role);
        g_free(ev->organizers[i].phone);
        g_free(ev->organizers[i].email);
    }
    g_free(ev->organizers);
    g_free(ev->security.phone);
    g_free(ev->security.where);
    g_free(ev->emergency);
    g_free(ev->staff);
    g_free(ev->summary);
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

const char *event_qr_url(const CpEvent *ev)
{
    if (!ev)
        return NULL;
    return ev->report_url ? ev->report_url : ev->policy_url;
}
