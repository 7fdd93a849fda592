#include "event.h"

#include "diag.h"
#include "source.h"

#include <glib.h>
#include <string.h>

static const char *const top_keys[] = {"name",    "policy_url", "report_url", "version",   "date",
                                       "hotline", "organizers", "security",   "emergency", "staff",
                                       "summary", "labels",     NULL};
static const char *const hotline_keys[] = {"phone", "sms", "email", NULL};
static const char *const person_keys[] = {"name", "role", "phone", "email", NULL};
static const char *const security_keys[] = {"phone", "where", NULL};

// Reads the scalar fields named in KEYS into the matching OUT pointers.
static bool read_strings(CpYaml *y, yaml_node_t *map, const char *const *keys, char **const *out)
{
    for (size_t i = 0; keys[i]; i++)
        if (!cpyaml_string(y, cpyaml_get(y, map, keys[i]), keys[i], out[i]))
            return false;
    return true;
}

static bool read_person(CpYaml *y, yaml_node_t *node, CpPerson *p)
{
    if (!cpyaml_check_map(y, node, person_keys, "an organizer"))
        return false;
    char **const out[] = {&p->name, &p->role, &p->phone, &p->email};
    if (!read_strings(y, node, person_keys, out))
        return false;
    if (!p->name) {
        diag_error(y->file, cpyaml_line(y, node), cpyaml_col(y, node),
                   "an organizer has no 'name'; add one");
        return false;
    }
    return true;
}

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
    ev->organizers = g_new0(CpPerson, n ? n : 1);
    for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top;
         it++) {
        yaml_node_t *item = yaml_document_get_node(&y->doc, *it);
        if (!read_person(y, item, &ev->organizers[ev->n_organizers++]))
            return false;
    }
    return true;
}

static bool read_event(CpYaml *y, yaml_node_t *node, CpEvent *ev)
{
    if (!cpyaml_check_map(y, node, top_keys, "the event data"))
        return false;
    const char *const strs[] = {"name", "policy_url", "report_url", "version",
                                "date", "emergency",  "staff",      NULL};
    char **const out[] = {&ev->name, &ev->policy_url, &ev->report_url, &ev->version,
                          &ev->date, &ev->emergency,  &ev->staff};
    if (!read_strings(y, node, strs, out))
        return false;
    yaml_node_t *sum = cpyaml_get(y, node, "summary");
    if (!cpyaml_string(y, sum, "summary", &ev->summary))
        return false;
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
        for (int k = 0; k < CP_L_COUNT; k++)
            if (!cpyaml_string(y, cpyaml_get(y, lb, cp_label_keys[k]), cp_label_keys[k],
                               &ev->labels[k]))
                return false;
    }

    // An empty section (`hotline:` with nothing under it) is no section.
    yaml_node_t *h = cpyaml_get(y, node, "hotline");
    if (!cpyaml_is_null(h)) {
        if (!cpyaml_check_map(y, h, hotline_keys, "the hotline"))
            return false;
        const char *const hk[] = {"phone", "email", NULL};
        char **const ho[] = {&ev->hotline.phone, &ev->hotline.email};
        if (!read_strings(y, h, hk, ho) ||
            !cpyaml_bool(y, cpyaml_get(y, h, "sms"), "sms", &ev->hotline.sms))
            return false;
    }
    yaml_node_t *s = cpyaml_get(y, node, "security");
    if (!cpyaml_is_null(s)) {
        if (!cpyaml_check_map(y, s, security_keys, "the venue security"))
            return false;
        char **const so[] = {&ev->security.phone, &ev->security.where};
        if (!read_strings(y, s, security_keys, so))
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

CpEvent *event_load(const char *path)
{
    char *text = NULL;
    size_t len = 0;
    if (!source_read_file(path, "event data", &text, &len))
        return NULL;
    const char *bad;
    if (!g_utf8_validate(text, (gssize)len, &bad) || memchr(text, '\0', len)) {
        diag_error(path, 0, 0, "the event data is not UTF-8 text; save it as UTF-8");
        g_free(text);
        return NULL;
    }
    CpYaml y;
    CpEvent *ev = NULL;
    if (cpyaml_load(&y, path, text, len, 1)) {
        yaml_node_t *root = cpyaml_root(&y);
        if (!root)
            diag_error(path, 0, 0, "the event data is empty; see the README for its keys");
        else
            ev = event_from_yaml(&y, root);
        cpyaml_finish(&y);
    }
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
