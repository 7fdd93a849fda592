// Unit tests for cocprint's library: source checks, front matter, event data,
// the Markdown document model and the font set. Prints TAP; exits 1 when any
// check fails.
//
// Fixtures are read from tests/data/unit: the folder given as the first
// argument, else $COCPRINT_UNIT_DATA, else $SRCDIR/tests/data/unit, else the
// source tree named by config.h. Everything else is written to a temporary
// folder that is removed at the end.
#include "breaks.h"
#include "chars.h"
#include "config.h"
#include "contacts.h"
#include "coverage.h"
#include "diag.h"
#include "document.h"
#include "event.h"
#include "fit.h"
#include "fonts.h"
#include "hyphenate.h"
#include "labels.h"
#include "lang.h"
#include "manifest.h"
#include "meta.h"
#include "source.h"
#include "typeset.h"
#include "uri.h"
#include "yamlutil.h"

#include <cairo.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <pango/pango.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- TAP ---------------------------------------------------------------- */

static int n_tests, n_failed;

// Records one test; on failure prints where, what, and the last diagnostic.
static bool check_at(bool ok, const char *name, const char *expr, int line)
{
    n_tests++;
    printf("%s %d - %s\n", ok ? "ok" : "not ok", n_tests, name);
    if (!ok) {
        n_failed++;
        printf("#   failed: %s (unit.c:%d)\n", expr, line);
        printf("#   last diagnostic: %s\n", *diag_last() ? diag_last() : "(none)");
    }
    return ok;
}

#define CHECK(cond, name) check_at((cond), (name), #cond, __LINE__)

static bool streq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool contains(const char *hay, const char *needle)
{
    return hay && needle && strstr(hay, needle);
}

// A string comparison that shows both sides when they differ.
static bool check_str_at(const char *actual, const char *expected, const char *name, int line)
{
    bool ok = check_at(streq(actual, expected), name, "strings equal", line);
    if (!ok)
        printf("#   expected: \"%s\"\n#   actual:   \"%s\"\n", expected ? expected : "(null)",
               actual ? actual : "(null)");
    return ok;
}
#define CHECK_STR(actual, expected, name) check_str_at((actual), (expected), (name), __LINE__)

static bool check_int_at(long long actual, long long expected, const char *name, int line)
{
    bool ok = check_at(actual == expected, name, "values equal", line);
    if (!ok)
        printf("#   expected: %lld\n#   actual:   %lld\n", expected, actual);
    return ok;
}
#define CHECK_INT(actual, expected, name) check_int_at((actual), (expected), (name), __LINE__)

// Checks that the last diagnostic holds every string of a NULL-terminated list.
static bool check_diag_at(const char *name, int line, ...)
{
    va_list ap;
    va_start(ap, line);
    bool ok = true;
    GString *missing = g_string_new(NULL);
    for (const char *s; (s = va_arg(ap, const char *));)
        if (!strstr(diag_last(), s)) {
            ok = false;
            g_string_append_printf(missing, " \"%s\"", s);
        }
    va_end(ap);
    char *expr = g_strdup_printf("last diagnostic holds%s", missing->str);
    check_at(ok, name, expr, line);
    g_free(expr);
    g_string_free(missing, TRUE);
    return ok;
}
#define CHECK_DIAG(name, ...) check_diag_at((name), __LINE__, __VA_ARGS__, (const char *)NULL)

/* ---- files -------------------------------------------------------------- */

static char *tmp_dir;  // removed at the end
static char *data_dir; // tests/data/unit

static char *write_file_len(const char *dir, const char *name, const char *text, size_t len)
{
    char *path = g_build_filename(dir, name, NULL);
    GError *err = NULL;
    if (!g_file_set_contents(path, text, (gssize)len, &err)) {
        printf("# cannot write %s: %s\n", path, err->message);
        g_error_free(err);
    }
    return path;
}

// Writes TEXT to DIR/NAME (DIR NULL: the temporary folder); returns the path.
static char *write_file(const char *dir, const char *name, const char *text)
{
    return write_file_len(dir ? dir : tmp_dir, name, text, strlen(text));
}

static char *write_png(const char *dir, const char *name, int w, int h)
{
    char *path = g_build_filename(dir, name, NULL);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.8, 0.2, 0.1);
    cairo_paint(cr);
    cairo_destroy(cr);
    if (cairo_surface_write_to_png(s, path) != CAIRO_STATUS_SUCCESS)
        printf("# cannot write %s\n", path);
    cairo_surface_destroy(s);
    return path;
}

static void remove_tree(const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
        GDir *d = g_dir_open(path, 0, NULL);
        for (const char *n; d && (n = g_dir_read_name(d));) {
            char *child = g_build_filename(path, n, NULL);
            remove_tree(child);
            g_free(child);
        }
        if (d)
            g_dir_close(d);
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}

/* ---- building documents ------------------------------------------------- */

// Each case starts with no diagnostic, so a failure shows its own.
static CpSource *src_len(const char *name, const char *text, size_t len)
{
    diag_reset();
    return source_create(name, tmp_dir, text, len);
}

static CpSource *src_text(const char *name, const char *text)
{
    return src_len(name, text, strlen(text));
}

typedef struct {
    CpSource *src;
    CpMeta meta;
    bool meta_ok;
    CpDocument *doc;
} Parsed;

// Source, front matter and document of TEXT, as cocprint builds them; images
// are looked up in DIR (NULL: the temporary folder).
static Parsed parse_in(const char *dir, const char *text)
{
    Parsed p = {0};
    diag_reset();
    p.src = source_create("doc.md", dir ? dir : tmp_dir, text, strlen(text));
    if (!p.src)
        return p;
    p.meta_ok = meta_parse(p.src, &p.meta);
    if (p.meta_ok)
        p.doc = document_create(p.src, &p.meta, NULL, NULL);
    return p;
}

static Parsed parse(const char *text)
{
    return parse_in(NULL, text);
}

static void parsed_free(Parsed *p)
{
    document_destroy(p->doc);
    if (p->meta_ok)
        meta_finish(&p->meta);
    source_destroy(p->src);
    memset(p, 0, sizeof *p);
}

// The block at I, or NULL when the document has fewer blocks.
static const CpBlock *block(const Parsed *p, size_t i)
{
    return p->doc && i < p->doc->n ? &p->doc->blocks[i] : NULL;
}

static const char *block_text(const Parsed *p, size_t i)
{
    const CpBlock *b = block(p, i);
    return b ? b->text : NULL;
}

static long long block_count(const Parsed *p)
{
    return p->doc ? (long long)p->doc->n : -1;
}

// True when any block's text holds NEEDLE.
static bool any_block_has(const Parsed *p, const char *needle)
{
    for (size_t i = 0; p->doc && i < p->doc->n; i++)
        if (contains(p->doc->blocks[i].text, needle))
            return true;
    return false;
}

// The attribute of TYPE covering exactly [START, END) in LIST, or NULL.
static PangoAttribute *find_attr(PangoAttrList *list, PangoAttrType type, guint start, guint end)
{
    if (!list)
        return NULL;
    PangoAttribute *found = NULL;
    GSList *all = pango_attr_list_get_attributes(list);
    for (GSList *l = all; l; l = l->next) {
        PangoAttribute *a = l->data;
        if (!found && a->klass->type == type && a->start_index == start && a->end_index == end)
            found = pango_attribute_copy(a);
    }
    g_slist_free_full(all, (GDestroyNotify)pango_attribute_destroy);
    return found;
}

static int attr_int(PangoAttribute *a)
{
    return a ? ((PangoAttrInt *)a)->value : -1;
}

static bool attr_family_is(PangoAttribute *a, const char *family)
{
    return a && streq(((PangoAttrString *)a)->value, family);
}

/* ---- source_create ------------------------------------------------------ */

static void test_source(void)
{
    CpSource *s;

    s = src_text("empty.md", "");
    CHECK(!s, "source: an empty file is refused");
    CHECK_DIAG("source: the empty file's message names it and says empty", "empty.md", "empty");

    s = src_text("blank.md", "  \n\t\n \r\n");
    CHECK(!s, "source: a whitespace-only file is refused");
    CHECK_DIAG("source: the whitespace-only file's message says empty", "blank.md", "empty");

    static const char nul[] = "ab\ncd\0ef\n";
    s = src_len("nul.md", nul, sizeof nul - 1);
    CHECK(!s, "source: a NUL byte is refused");
    CHECK_DIAG("source: the NUL byte is placed at line 2, column 3", "nul.md:2:3:", "NUL");

    s = src_text("utf8.md", "one\ntwo\nxé\xff rest\n");
    CHECK(!s, "source: invalid UTF-8 is refused");
    CHECK_DIAG("source: the invalid byte is placed at line 3, column 3, in characters",
               "utf8.md:3:3:", "UTF-8", "0xFF");

    s = src_text("fm-only.md", "---\ntitle: x\n---\n\n");
    CHECK(!s, "source: front matter with no body is refused");
    CHECK_DIAG("source: the missing body is placed on line 4", "fm-only.md:4:", "no text");

    s = src_text("open.md", "---\ntitle: x\n# Hi\n");
    CHECK(!s, "source: unterminated front matter is refused");
    CHECK_DIAG("source: unterminated front matter points at its opening fence",
               "open.md:1:1:", "never closed", "'---'");

    s = src_text("crlf.md", "---\r\ntitle: Crlf\r\n---\r\n# Hi\r\n");
    if (CHECK(s != NULL, "source: a CRLF file with front matter is read")) {
        CHECK_INT(s->fm_kind, CP_FM_YAML, "source: CRLF front matter is YAML");
        CHECK_INT(s->body_line, 4, "source: CRLF body starts on line 4");
        CHECK(g_str_has_prefix(s->body, "# Hi"), "source: CRLF body starts at the heading");
        CpMeta m;
        bool ok = meta_parse(s, &m);
        CHECK(ok, "source: CRLF front matter parses");
        CHECK_STR(ok ? m.title : NULL, "Crlf", "source: CRLF front matter title has no \\r");
        if (ok)
            meta_finish(&m);
    }
    source_destroy(s);

    s = src_text("bom.md", "\xEF\xBB\xBF---\ntitle: x\n---\nBody\n");
    if (CHECK(s != NULL, "source: a file with a BOM is read")) {
        CHECK_INT(s->fm_kind, CP_FM_YAML, "source: front matter after a BOM is found");
        CHECK(g_str_has_prefix(s->body, "Body"), "source: body after BOM + front matter");
    }
    source_destroy(s);

    s = src_text("bom2.md", "\xEF\xBB\xBF# Hi\n");
    CHECK(s && s->body[0] == '#' && s->fm_kind == CP_FM_NONE,
          "source: the BOM is not part of the body");
    source_destroy(s);

    // An editor never shows the BOM, so it must not count as a column.
    s = src_text("bomcol.md", "\xEF\xBB\xBF"
                              "ab\xff\n");
    CHECK(!s, "source: invalid UTF-8 after a BOM is refused");
    CHECK_DIAG("source: the column after a BOM does not count the BOM", "bomcol.md:1:3:");

    // A BOM and blanks is an empty file; it has no front matter to blame.
    s = src_text("bomonly.md", "\xEF\xBB\xBF\n  \n");
    CHECK(!s, "source: a BOM-only file is refused");
    CHECK_DIAG("source: a BOM-only file is reported as empty", "bomonly.md", "empty");

    s = src_text("toml.md", "+++\ntitle = \"T\"\n+++\n\n# H\n");
    if (CHECK(s != NULL, "source: TOML front matter is read")) {
        CHECK_INT(s->fm_kind, CP_FM_TOML, "source: +++ fences are TOML");
        CHECK_INT(s->fm_line, 2, "source: TOML front matter starts on line 2");
        CHECK_INT(s->body_line, 4, "source: body after TOML starts on line 4");
        CHECK(s->fm && strncmp(s->fm, "title = \"T\"\n", s->fm_len) == 0 && s->fm_len == 12,
              "source: TOML front matter text is the lines between the fences");
    }
    source_destroy(s);

    s = src_text("dots.md", "---\ntitle: x\n...\nBody\n");
    CHECK(s && s->body_line == 4, "source: '...' closes YAML front matter");
    source_destroy(s);

    s = src_text("rule.md", "----\ntext\n");
    CHECK(s && s->fm_kind == CP_FM_NONE, "source: '----' is not a front matter fence");
    source_destroy(s);

    char *missing = g_build_filename(tmp_dir, "no-such.md", NULL);
    diag_reset();
    s = source_load(missing, false);
    CHECK(!s, "source: loading a missing file fails");
    CHECK_DIAG("source: the missing file is named", missing, "cannot read");
    g_free(missing);
}

/* ---- meta_parse --------------------------------------------------------- */

static void test_meta(void)
{
    CpSource *s;
    CpMeta m;

    s = src_text("m.md", "---\ntitle: My Title\nversion: \"1.2\"\ndate: 2024-05-06\n"
                         "lang: fr\nlayout: layout\npermalink: /coc/\n---\nBody\n");
    bool ok = s && meta_parse(s, &m);
    CHECK(ok, "meta: YAML front matter with unknown keys parses");
    if (ok) {
        CHECK_STR(m.title, "My Title", "meta: YAML title");
        CHECK_INT(m.title_line, 2, "meta: YAML title line is the file line");
        CHECK_STR(m.version, "1.2", "meta: YAML version");
        CHECK_STR(m.date, "2024-05-06", "meta: YAML date kept as written");
        CHECK_STR(m.lang, "fr", "meta: YAML lang");
        CHECK(m.event == NULL, "meta: no event key gives no event");
        meta_finish(&m);
    }
    source_destroy(s);

    s = src_text("m.md", "---\nlanguage: de\n---\nBody\n");
    ok = s && meta_parse(s, &m);
    CHECK_STR(ok ? m.lang : NULL, "de", "meta: 'language' is read as lang");
    if (ok)
        meta_finish(&m);
    source_destroy(s);

    s = src_text("m.md", "---\n---\nBody\n");
    ok = s && meta_parse(s, &m);
    CHECK(ok && !m.title && !m.version, "meta: empty front matter is fine and empty");
    if (ok)
        meta_finish(&m);
    source_destroy(s);

    s = src_text("list.md", "---\ntitle: [a, b]\n---\nBody\n");
    CHECK(s && !meta_parse(s, &m), "meta: a list as title is an error");
    CHECK_DIAG("meta: the list title is placed on file line 2", "list.md:2:8:", "'title'",
               "a list");
    source_destroy(s);

    s = src_text("notmap.md", "---\n- a\n- b\n---\nBody\n");
    CHECK(s && !meta_parse(s, &m), "meta: a list as front matter is an error");
    CHECK_DIAG("meta: the list front matter is placed on line 2", "notmap.md:2:", "key: value");
    source_destroy(s);

    // The unclosed string opens on file line 2 and runs to the fence on line 3:
    // either is the real place; line 1 or a line inside the front matter
    // counted from 1 would be wrong.
    s = src_text("bad.md", "---\ntitle: \"unclosed\n---\nBody\n");
    CHECK(s && !meta_parse(s, &m), "meta: malformed YAML is an error");
    CHECK(contains(diag_last(), "bad.md:2:8:") || contains(diag_last(), "bad.md:3:1:"),
          "meta: malformed YAML names the real file line");
    CHECK_DIAG("meta: malformed YAML says so", "malformed YAML");
    source_destroy(s);

    s = src_text("bad2.md", "---\ntitle: T\nversion: 1\ndate: \"x\" y\n---\nBody\n");
    CHECK(s && !meta_parse(s, &m), "meta: text after a quoted YAML value is an error");
    CHECK_DIAG("meta: that error is placed on file line 4", "bad2.md:4:", "malformed YAML");
    source_destroy(s);

    s = src_text("t.md", "+++\n# a comment\ntitle = \"T \\\"q\\\"\"\ndate = 2024-01-02\n"
                         "version = '7'\nlayout = \"layout\"\n\n[params]\ntitle = \"not it\"\n"
                         "lang = \"xx\"\n+++\nBody\n");
    ok = s && meta_parse(s, &m);
    CHECK(ok, "meta: TOML front matter parses");
    if (ok) {
        CHECK_STR(m.title, "T \"q\"", "meta: TOML title with escapes");
        CHECK_INT(m.title_line, 3, "meta: TOML title line is the file line");
        CHECK_STR(m.date, "2024-01-02", "meta: TOML bare date kept as written");
        CHECK_STR(m.version, "7", "meta: TOML single-quoted version");
        CHECK(m.lang == NULL, "meta: TOML keys of a [params] table are ignored");
        meta_finish(&m);
    }
    source_destroy(s);

    s = src_text("t.md", "+++\r\ntitle = \"Crlf\"\r\n+++\r\nBody\r\n");
    ok = s && meta_parse(s, &m);
    CHECK_STR(ok ? m.title : NULL, "Crlf", "meta: TOML with CRLF line ends");
    if (ok)
        meta_finish(&m);
    source_destroy(s);

    s = src_text("tu.md", "+++\ntitle = \"T\n+++\nBody\n");
    CHECK(s && !meta_parse(s, &m), "meta: an unterminated TOML string is an error");
    CHECK_DIAG("meta: the unterminated TOML string is placed at line 2, column 9",
               "tu.md:2:9:", "unterminated");
    source_destroy(s);

    s = src_text("tn.md", "+++\ntitle \"T\"\n+++\nBody\n");
    CHECK(s && !meta_parse(s, &m), "meta: a TOML line with no '=' is an error");
    CHECK_DIAG("meta: the TOML line with no '=' is placed", "tn.md:2:1:");
    source_destroy(s);

    s = src_text("ev.md", "---\ntitle: T\nevent:\n  name: Conf\n  hotline:\n"
                          "    phone: \"123\"\n    sms: yes\n  organizers:\n"
                          "    - name: Sam\n---\nBody\n");
    ok = s && meta_parse(s, &m);
    CHECK(ok && m.event, "meta: an event mapping in front matter becomes meta.event");
    if (ok && m.event) {
        CHECK_STR(m.event->name, "Conf", "meta: front matter event name");
        CHECK_STR(m.event->hotline.phone, "123", "meta: front matter event hotline phone");
        CHECK(m.event->hotline.sms, "meta: front matter event sms: yes");
        CHECK_INT((long long)m.event->n_organizers, 1, "meta: front matter event organizers");
        CHECK_STR(m.event->n_organizers ? m.event->organizers[0].name : NULL, "Sam",
                  "meta: front matter event organizer name");
        CHECK_STR(m.event->file, "ev.md", "meta: front matter event names its file");
    }
    if (ok)
        meta_finish(&m);
    source_destroy(s);

    s = src_text("evbad.md", "---\ntitle: T\nevent:\n  nmae: Conf\n---\nBody\n");
    CHECK(s && !meta_parse(s, &m), "meta: a misspelt key in the front matter event is an error");
    CHECK_DIAG("meta: the misspelt event key is placed on its file line",
               "evbad.md:4:3:", "did you mean 'name'");
    source_destroy(s);

    char *path = g_build_filename(data_dir, "front-matter.md", NULL);
    diag_reset();
    s = source_load(path, false);
    ok = s && meta_parse(s, &m);
    CHECK(ok, "meta: fixture front-matter.md loads");
    if (ok) {
        CHECK_STR(m.title, "Unit Conf Code of Conduct", "meta: fixture title");
        CHECK_STR(m.lang, "en-GB", "meta: fixture lang");
        CHECK(m.event && !m.event->hotline.sms &&
                  streq(event_qr_url(m.event), "https://example.org/report"),
              "meta: fixture event (sms: no, report url)");
        CHECK(contains(s->dir, "unit"), "meta: source_load keeps the file's folder");
        meta_finish(&m);
    }
    source_destroy(s);
    g_free(path);
}

/* ---- event_load --------------------------------------------------------- */

static CpEvent *event_text(const char *name, const char *text, char **path_out)
{
    char *path = write_file(NULL, name, text);
    diag_reset();
    CpEvent *ev = event_load(path, false, NULL);
    *path_out = path;
    return ev;
}

// Loads TEXT as an event file that must be refused; checks the message holds
// PATH:WHERE (WHERE like "3:3", or NULL for none) and NEEDLE.
static void event_error(const char *name, const char *text, const char *where, const char *needle)
{
    char *path;
    CpEvent *ev = event_text("bad-event.yml", text, &path);
    char *what = g_strdup_printf("event: %s is refused", name);
    CHECK(ev == NULL, what);
    char *place = where ? g_strdup_printf("%s:%s:", path, where) : g_strdup(path);
    char *says = g_strdup_printf("event: %s names %s and says \"%s\"", name,
                                 where ? where : "the file", needle);
    CHECK_DIAG(says, place, needle);
    event_destroy(ev);
    g_free(says);
    g_free(place);
    g_free(what);
    g_free(path);
}

static void test_event(void)
{
    char *path = g_build_filename(data_dir, "event-full.yml", NULL);
    diag_reset();
    CpEvent *ev = event_load(path, false, NULL);
    if (CHECK(ev != NULL, "event: the full example loads")) {
        CHECK_STR(ev->name, "Unit Conf", "event: name");
        CHECK_STR(ev->policy_url, "https://example.org/unit/code-of-conduct", "event: policy_url");
        CHECK_STR(ev->report_url, "https://example.org/unit/report", "event: report_url");
        CHECK_STR(ev->version, "2.1", "event: version");
        CHECK_STR(ev->date, "2026-03-04", "event: date");
        CHECK_STR(ev->hotline.phone, "07700 900111", "event: hotline phone");
        CHECK_STR(ev->hotline.email, "conduct@example.org", "event: hotline email");
        CHECK(ev->hotline.sms, "event: hotline sms is true");
        CHECK_INT((long long)ev->n_organizers, 2, "event: two organizers");
        if (ev->n_organizers == 2) {
            CHECK_STR(ev->organizers[0].name, "Alex Morgan", "event: organizer 1 name");
            CHECK_STR(ev->organizers[0].role, "Lead organizer", "event: organizer 1 role");
            CHECK_STR(ev->organizers[0].phone, "07700 900222", "event: organizer 1 phone");
            CHECK_STR(ev->organizers[0].email, "alex@example.org", "event: organizer 1 email");
            CHECK_STR(ev->organizers[1].name, "Priya Shah", "event: organizer 2 name");
            CHECK_STR(ev->organizers[1].email, "priya@example.org", "event: organizer 2 email");
        }
        CHECK_STR(ev->security.phone, "07700 900444", "event: security phone");
        CHECK_STR(ev->security.where, "Front desk, ground floor", "event: security where");
        CHECK_STR(ev->emergency, "999", "event: emergency");
        CHECK_STR(ev->staff, "Organizers wear orange lanyards marked STAFF.", "event: staff");
        CHECK_STR(ev->file, path, "event: file");
        CHECK(event_has_contacts(ev), "event: the full example has contacts");
        CHECK_STR(event_qr_url(ev), "https://example.org/unit/report",
                  "event: the QR code carries the report form");
    }
    event_destroy(ev);
    g_free(path);

    char *p;
    ev = event_text("policy.yml", "name: X\npolicy_url: https://example.org/p\n", &p);
    CHECK(ev && !event_has_contacts(ev), "event: a name and a URL are no contacts");
    CHECK_STR(event_qr_url(ev), "https://example.org/p",
              "event: without a report form the QR code carries the policy");
    event_destroy(ev);
    g_free(p);

    ev = event_text("sec.yml", "security:\n  where: Desk\n", &p);
    CHECK(ev && event_has_contacts(ev), "event: a security desk is a contact");
    CHECK(ev && event_qr_url(ev) == NULL, "event: no URL gives no QR URL");
    event_destroy(ev);
    g_free(p);
    CHECK(!event_has_contacts(NULL) && !event_qr_url(NULL), "event: NULL has no contacts");

    event_error("a misspelt hotline key", "name: X\nhotline:\n  phnoe: \"1\"\n", "3:3",
                "did you mean 'phone'");
    CHECK_DIAG("event: the misspelt key is quoted", "'phnoe'", "hotline");
    event_error("a misspelt top-level key", "name: X\nemergancy: \"999\"\n", "2:1",
                "did you mean 'emergency'");
    event_error("a key far from any known one", "name: X\nvenue_wifi: guest\n", "2:1",
                "unknown key 'venue_wifi'");
    event_error("a duplicate key", "name: A\nstaff: s\nname: B\n", "3:1", "appears twice");
    CHECK_DIAG("event: the duplicate names the first line", "first on line 1");
    event_error("organizers as a single value", "name: X\norganizers: Alex\n", "2:13",
                "should be a list");
    event_error("sms: maybe", "hotline:\n  phone: \"1\"\n  sms: maybe\n", "3:8", "true or false");
    event_error("an organizer without a name",
                "organizers:\n  - name: A\n  - role: Helper\n    phone: \"2\"\n", "3:5",
                "no 'name'");
    event_error("a misspelt organizer key", "organizers:\n  - name: A\n    emial: a@b\n", "3:5",
                "did you mean 'email'");
    event_error("a list as the hotline", "hotline:\n  - 1\n", "2:3", "mapping");
    event_error("a mapping as the name", "name:\n  first: A\n", "2:3", "single value");
    event_error("malformed YAML", "name: A\nstaff: \"a\" b\n", "2", "malformed YAML");
    event_error("a top-level list", "- a\n- b\n", "1:1", "mapping");
    event_error("an empty file", "", NULL, "empty");
    event_error("a comment-only file", "# nothing yet\n", NULL, "empty");

    static const char latin1[] = "name: Caf\xe9\n";
    char *lp = write_file_len(tmp_dir, "latin1.yml", latin1, sizeof latin1 - 1);
    diag_reset();
    ev = event_load(lp, false, NULL);
    CHECK(!ev, "event: a Latin-1 file is refused");
    CHECK_DIAG("event: the Latin-1 file is named", lp, "UTF-8");
    event_destroy(ev);
    g_free(lp);

    char *missing = g_build_filename(tmp_dir, "nope", "event.yml", NULL);
    diag_reset();
    ev = event_load(missing, false, NULL);
    CHECK(!ev, "event: a missing file is refused");
    CHECK_DIAG("event: the missing file is named", missing, "cannot read");
    g_free(missing);
}

/* ---- document_create ---------------------------------------------------- */

static void test_document_headings(void)
{
    Parsed p = parse("---\ntitle: Other\n---\n# One\n## Two\n### Three\n#### Four\n"
                     "##### Five\n###### Six\n");
    static const char *const names[] = {"One", "Two", "Three", "Four", "Five", "Six"};
    bool ok = block_count(&p) == 6;
    for (size_t i = 0; ok && i < 6; i++) {
        const CpBlock *b = block(&p, i);
        ok = b->kind == CP_BLOCK_HEADING && b->level == (int)i + 1 && streq(b->text, names[i]) &&
             b->line == (int)i + 4;
    }
    CHECK(ok, "document: headings 1-6 keep their level, text and file line");
    CHECK_STR(p.doc ? p.doc->title : NULL, "Other", "document: the front matter title wins");
    parsed_free(&p);

    p = parse("# The Title\n\nSome text.\n\n## Section\n");
    CHECK_STR(p.doc ? p.doc->title : NULL, "The Title",
              "document: without front matter the first heading is the title");
    CHECK_INT(p.doc ? p.doc->title_line : 0, 1, "document: the title line is the heading's");
    CHECK(block_count(&p) == 2 && streq(block_text(&p, 0), "Some text.") &&
              block(&p, 1)->kind == CP_BLOCK_HEADING && streq(block_text(&p, 1), "Section"),
          "document: the title heading leaves the body, later headings stay");
    parsed_free(&p);

    p = parse("---\ntitle: code of CONDUCT\n---\n\n# Code of *Conduct*\n\nText.\n");
    CHECK(block_count(&p) == 1 && streq(block_text(&p, 0), "Text."),
          "document: a heading equal to the title (any case) is removed");
    CHECK_STR(p.doc ? p.doc->title : NULL, "code of CONDUCT",
              "document: the title is the front matter's");
    CHECK_INT(p.doc ? p.doc->title_line : 0, 2, "document: the title line is the front matter's");
    parsed_free(&p);

    p = parse("---\ntitle: Our Pledge\n---\n\n# Code of Conduct\n\nText.\n");
    CHECK(block_count(&p) == 2 && streq(block_text(&p, 0), "Code of Conduct"),
          "document: a heading different from the title stays");
    parsed_free(&p);

    // Smart punctuation turns the heading's ' into ’; the front matter title,
    // typed the same way, is still the same title and must not print twice.
    p = parse("---\ntitle: We're All Welcome\n---\n\n# We're All Welcome\n\nText.\n");
    CHECK(block_count(&p) == 1 && streq(block_text(&p, 0), "Text."),
          "document: a heading equal to the title but for smart quotes is removed");
    parsed_free(&p);

    p = parse("---\ntitle: T\n---\nJust text, no heading.\n");
    CHECK(p.doc && streq(p.doc->title, "T") && block_count(&p) == 1,
          "document: a front matter title without headings keeps the body");
    parsed_free(&p);

    p = parse("Just text.\n");
    CHECK(p.doc && p.doc->title == NULL && block_count(&p) == 1,
          "document: no heading and no front matter title gives no title");
    parsed_free(&p);

    // Only the first block, and only a heading of level 1 or 2: a section
    // heading further down stays in the body.
    p = parse("Welcome to our meetup.\n\n# Our Pledge\n\nText.\n");
    CHECK(p.doc && p.doc->title == NULL && block_count(&p) == 3,
          "document: a heading after a paragraph is not the title, and stays");
    parsed_free(&p);
    p = parse("### Reporting\n\nText.\n");
    CHECK(p.doc && p.doc->title == NULL && block_count(&p) == 2,
          "document: a level-3 first heading is not the title, and stays");
    parsed_free(&p);
    p = parse("## Community Guidelines\n\nText.\n");
    CHECK(p.doc && streq(p.doc->title, "Community Guidelines") && block_count(&p) == 1,
          "document: a level-2 first heading is the title");
    parsed_free(&p);
    p = parse("> # Quoted\n\nText.\n");
    CHECK(p.doc && p.doc->title == NULL, "document: a heading inside a quote is not the title");
    parsed_free(&p);
    p = parse("---\ntitle: Code of Conduct\n---\nIntro.\n\n# Code of Conduct\n\nText.\n");
    CHECK(block_count(&p) == 3,
          "document: a heading equal to the title but not first stays in the body");
    parsed_free(&p);
}

static void test_document_inlines(void)
{
    Parsed p = parse("---\ntitle: T\n---\n\"Quotes\" and 'single' -- dash --- em... done\n");
    CHECK_STR(block_text(&p, 0),
              "\u201CQuotes\u201D and \u2018single\u2019 \u2013 dash \u2014 em\u2026 done",
              "document: smart quotes, dashes and ellipsis");
    CHECK_INT(block(&p, 0) ? block(&p, 0)->line : 0, 4, "document: a paragraph's file line");
    parsed_free(&p);

    p = parse("é *it* and **bold** `co`de\n");
    const CpBlock *b = block(&p, 0);
    CHECK_STR(b ? b->text : NULL, "é it and bold code", "document: emphasis text is plain");
    PangoAttrList *attrs = b ? b->attrs : NULL;
    PangoAttribute *a = find_attr(attrs, PANGO_ATTR_STYLE, 3, 5);
    CHECK(attr_int(a) == PANGO_STYLE_ITALIC, "document: *it* is italic over bytes 3-5");
    if (a)
        pango_attribute_destroy(a);
    a = find_attr(attrs, PANGO_ATTR_WEIGHT, 10, 14);
    CHECK(attr_int(a) == PANGO_WEIGHT_BOLD, "document: **bold** is bold over bytes 10-14");
    if (a)
        pango_attribute_destroy(a);
    a = find_attr(attrs, PANGO_ATTR_FAMILY, 15, 17);
    CHECK(attr_family_is(a, CP_MONO_FAMILY), "document: a code span is JetBrains Mono");
    if (a)
        pango_attribute_destroy(a);
    a = find_attr(attrs, PANGO_ATTR_INSERT_HYPHENS, 15, 17);
    CHECK(a && ((PangoAttrInt *)a)->value == FALSE,
          "document: no hyphen is inserted inside a code span");
    if (a)
        pango_attribute_destroy(a);
    a = find_attr(attrs, PANGO_ATTR_STYLE, 10, 14);
    CHECK(a == NULL, "document: bold is not italic");
    if (a)
        pango_attribute_destroy(a);
    parsed_free(&p);

    p = parse("***both***\n");
    attrs = block(&p, 0) ? block(&p, 0)->attrs : NULL;
    PangoAttribute *i1 = find_attr(attrs, PANGO_ATTR_STYLE, 0, 4);
    PangoAttribute *w1 = find_attr(attrs, PANGO_ATTR_WEIGHT, 0, 4);
    CHECK(attr_int(i1) == PANGO_STYLE_ITALIC && attr_int(w1) == PANGO_WEIGHT_BOLD,
          "document: ***both*** is bold and italic");
    if (i1)
        pango_attribute_destroy(i1);
    if (w1)
        pango_attribute_destroy(w1);
    parsed_free(&p);

    p = parse("line one  \nline two\\\nline three\nline four\n");
    CHECK_STR(block_text(&p, 0), "line one\u2028line two\u2028line three line four",
              "document: hard breaks are U+2028, a soft break a space");
    parsed_free(&p);

    p = parse("a &amp; b &copy;\n");
    CHECK_STR(block_text(&p, 0), "a & b \u00A9", "document: entities are decoded");
    parsed_free(&p);
}

// Where an address may break (the Chicago Manual of Style), and the tel:
// link a phone number gets (RFC 3966).
static void test_addresses(void)
{
    // "\u200B" (Z) marks a break, "\u2060" (J) a place line breaking must not break.
#define Z "\u200B"
#define J "\u2060"
    static const char *const breaks[][2] = {
        {"https://example.org/a/b?x=1&y=2",
         "https:" J "/" J "/" Z "example" Z "." J "org" Z "/" J "a" Z "/" J "b" Z "?" J "x" Z "=" Z
         "1" Z "&" Z "y" Z "=" Z "2"},
        {"ines.goncalves-carvalho@osslisboa.example.org",
         "ines" Z "." J "goncalves" Z "-" J "carvalho@" Z "osslisboa" Z "." J "example" Z "." J
         "org"},
        {"globaldevconf.example.org", "globaldevconf" Z "." J "example" Z "." J "org"},
        {"mailto:a@b.org", "mailto:" Z "a@" Z "b" Z "." J "org"},
        // Letters outside ASCII are letters: nothing goes inside one.
        {"example.org/caf\u00e9-\u00e9t\u00e9",
         "example" Z "." J "org" Z "/" J "caf\u00e9" Z "-" J "\u00e9t\u00e9"},
    };
#undef Z
#undef J
    for (size_t i = 0; i < G_N_ELEMENTS(breaks); i++) {
        char *got = breaks_address(breaks[i][0]);
        char *name = g_strdup_printf("addresses: %s breaks only where CMOS allows", breaks[i][0]);
        CHECK_STR(got, breaks[i][1], name);
        g_free(name);
        g_free(got);
    }
    static const char *const tel[][2] = {
        {"+44 20 7946 0958", "tel:+442079460958"},
        {"+1 (555) 010-4477", "tel:+15550104477"},
        {"+91 98765 43210", "tel:+919876543210"},
        {"+44 (0)20 7946 0958", "tel:+442079460958"},
        {"+44 20 7946 0958 ext. 12", "tel:+442079460958;ext=12"},
        {"07700 900123 x12", "tel:07700900123;ext=12"},
        {"0800 123 456", "tel:0800123456"},
        {"112", "tel:112"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(tel); i++) {
        char *got = contacts_tel_uri(tel[i][0]);
        char *name = g_strdup_printf("addresses: %s is %s", tel[i][0], tel[i][1]);
        CHECK_STR(got, tel[i][1], name);
        g_free(name);
        g_free(got);
    }
}

static void test_document_links(void)
{
    Parsed p = parse("... [link](http://x.org) <https://example.org> [mail](mailto:a@b.org) "
                     "<c@d.org>\n");
    const CpBlock *b = block(&p, 0);
    // Autolinks get break opportunities (U+200B) where the Chicago Manual
    // of Style breaks a URL (after // and @, before a dot); a named link
    // gets its address printed after it, shortened (issue 18).
    CHECK_STR(b ? b->text : NULL,
              "\u2026 link (x\u200B.\u2060org) https:\u2060/\u2060/\u200Bexample\u200B.\u2060org "
              "mail (a@\u200Bb\u200B.\u2060org) c@\u200Bd\u200B.\u2060org",
              "document: link texts are kept, their addresses printed, autolinks with break "
              "opportunities");
    bool four = b && b->n_links == 4;
    CHECK(four, "document: four links are kept");
    if (four) {
        CHECK(b->links[0].start == 4 && b->links[0].end == 22 &&
                  streq(b->links[0].url, "http://x.org"),
              "document: an http link's url and byte range, its address included (after a "
              "3-byte ellipsis)");
        CHECK(b->links[1].start == 23 && b->links[1].end == 57 &&
                  streq(b->links[1].url, "https://example.org"),
              "document: an autolink's url and byte range");
        CHECK(b->links[2].start == 58 && b->links[2].end == 81 &&
                  streq(b->links[2].url, "mailto:a@b.org"),
              "document: a mailto link's url and byte range");
        CHECK(b->links[3].start == 82 && b->links[3].end == 98 &&
                  streq(b->links[3].url, "mailto:c@d.org"),
              "document: an email autolink becomes mailto");
        PangoAttribute *u = find_attr(b->attrs, PANGO_ATTR_UNDERLINE, 4, 22);
        CHECK(attr_int(u) == PANGO_UNDERLINE_SINGLE, "document: a kept link is underlined");
        if (u)
            pango_attribute_destroy(u);
        PangoAttribute *h1 = find_attr(b->attrs, PANGO_ATTR_INSERT_HYPHENS, 23, 57);
        PangoAttribute *h2 = find_attr(b->attrs, PANGO_ATTR_INSERT_HYPHENS, 82, 98);
        PangoAttribute *h3 = find_attr(b->attrs, PANGO_ATTR_INSERT_HYPHENS, 4, 8);
        CHECK(attr_int(h1) == FALSE && attr_int(h2) == FALSE && h3 == NULL,
              "document: autolinks, not named links' text, are kept free of inserted hyphens");
        if (h1)
            pango_attribute_destroy(h1);
        if (h2)
            pango_attribute_destroy(h2);
        if (h3)
            pango_attribute_destroy(h3);
    }
    parsed_free(&p);

    p = parse("---\ntitle: T\n---\nFirst line\nthen [click me](javascript:alert(1)) now\n");
    b = block(&p, 0);
    CHECK(b && b->n_links == 0, "document: a javascript: link is dropped");
    CHECK_STR(b ? b->text : NULL, "First line then click me now",
              "document: the dropped link's text stays");
    CHECK_DIAG("document: the dropped link is warned about at its file line",
               "doc.md:5:", "warning", "javascript:alert(1)");
    CHECK_INT(diag_error_count(), 0, "document: a dropped link is not an error");
    parsed_free(&p);

    p = parse("[rel](page.html) and [ftp](ftp://x.org/f)\n");
    b = block(&p, 0);
    CHECK(b && b->n_links == 0 && streq(b->text, "rel and ftp"),
          "document: relative and ftp links are dropped, text kept");
    parsed_free(&p);

    p = parse("[up](HTTPS://EXAMPLE.ORG)\n");
    b = block(&p, 0);
    CHECK(b && b->n_links == 1, "document: an upper-case HTTPS link is kept");
    parsed_free(&p);
}

static void test_document_html(void)
{
    Parsed p = parse("---\ntitle: T\n---\n\nBefore.\n\n<div>\nsecret block\n</div>\n\nAfter.\n");
    CHECK(p.doc && any_block_has(&p, "secret block") && !any_block_has(&p, "<div>"),
          "document: an HTML block's text is kept, its tags are not");
    CHECK(block_count(&p) == 3 && streq(block_text(&p, 2), "After."),
          "document: text around an HTML block stays");
    parsed_free(&p);

    p = parse("\n\nsome <span class=\"x\">inline</span> html <!-- hidden -->\n");
    CHECK_STR(block_text(&p, 0), "some inline html", "document: inline HTML tags are dropped");
    CHECK(!any_block_has(&p, "hidden") && !any_block_has(&p, "<"),
          "document: no tag or comment text remains");
    CHECK_DIAG("document: inline HTML is warned about at its line", "doc.md:3:", "warning", "HTML");
    parsed_free(&p);
}

static void test_document_blocks(void)
{
    Parsed p = parse("Text\n\n```sh\necho \"hi\" -- ...\n  two\n```\n\n    indented\n");
    const CpBlock *b = block(&p, 1);
    CHECK(b && b->kind == CP_BLOCK_CODE, "document: a fenced code block is CP_BLOCK_CODE");
    PangoAttribute *nh =
        b ? find_attr(b->attrs, PANGO_ATTR_INSERT_HYPHENS, PANGO_ATTR_INDEX_FROM_TEXT_BEGINNING,
                      PANGO_ATTR_INDEX_TO_TEXT_END)
          : NULL;
    CHECK(attr_int(nh) == FALSE, "document: no hyphen is inserted in a code block");
    if (nh)
        pango_attribute_destroy(nh);
    CHECK_STR(b ? b->text : NULL, "echo \"hi\" -- ...\n  two",
              "document: code keeps its literal text (no smart punctuation)");
    CHECK_INT(b ? b->line : 0, 3, "document: the code block's line");
    b = block(&p, 2);
    CHECK(b && b->kind == CP_BLOCK_CODE && streq(b->text, "indented"),
          "document: an indented code block");
    parsed_free(&p);

    p = parse("- a\n- b\n  - c\n    - d\n- e\n");
    bool ok = block_count(&p) == 5;
    static const struct {
        const char *text, *marker;
        int depth;
    } want[] = {{"a", "\u2022", 1},
                {"b", "\u2022", 1},
                {"c", "\u2013", 2},
                {"d", "\u25E6", 3},
                {"e", "\u2022", 1}};
    for (size_t i = 0; ok && i < 5; i++) {
        b = block(&p, i);
        ok = b->kind == CP_BLOCK_PARA && streq(b->text, want[i].text) &&
             streq(b->marker, want[i].marker) && b->depth == want[i].depth;
        if (!ok)
            printf("# block %zu: text '%s' marker '%s' depth %d\n", i, b->text,
                   b->marker ? b->marker : "(null)", b->depth);
    }
    CHECK(ok, "document: bullets are \u2022, nested lists go deeper with their own bullet");
    CHECK(block(&p, 0) && !block(&p, 0)->tight && block(&p, 1)->tight,
          "document: in a tight list only the first item has a gap");
    parsed_free(&p);

    p = parse("- a\n  - nested\n- b\n");
    CHECK(block_count(&p) == 3 && block(&p, 1)->depth == 2 && block(&p, 1)->tight,
          "document: the first item of a list inside a tight item is tight");
    parsed_free(&p);

    p = parse("- a\n\n- b\n\n  more b\n");
    CHECK(block_count(&p) == 3 && !block(&p, 1)->tight && streq(block(&p, 1)->marker, "\u2022") &&
              block(&p, 2)->marker == NULL && block(&p, 2)->depth == 1,
          "document: loose list; an item's second paragraph has no marker, same depth");
    parsed_free(&p);

    p = parse("7. seven\n8. eight\n");
    CHECK(block_count(&p) == 2 && streq(block(&p, 0)->marker, "7.") &&
              streq(block(&p, 1)->marker, "8."),
          "document: an ordered list starting at 7 gives 7. 8.");
    parsed_free(&p);

    p = parse("1) one\n2) two\n");
    CHECK(block_count(&p) == 2 && streq(block(&p, 0)->marker, "1)") &&
              streq(block(&p, 1)->marker, "2)"),
          "document: a ) list gives 1) 2)");
    parsed_free(&p);

    p = parse("-\n- b\n");
    CHECK(block_count(&p) == 2 && streq(block(&p, 0)->marker, "\u2022") &&
              streq(block_text(&p, 0), ""),
          "document: an empty list item keeps its bullet");
    parsed_free(&p);

    p = parse("> quoted\n\nplain\n\n> > deeper\n");
    b = block(&p, 0);
    CHECK(b && b->depth == 1 && b->quote_bar == 1u && streq(b->text, "quoted"),
          "document: a block quote is depth 1 with quote bar bit 0");
    b = block(&p, 1);
    CHECK(b && b->depth == 0 && b->quote_bar == 0, "document: text after a quote is depth 0");
    b = block(&p, 2);
    CHECK(b && b->depth == 2 && b->quote_bar == 3u, "document: a nested quote is depth 2");
    parsed_free(&p);

    p = parse("- item\n\n  > quote in item\n");
    b = block(&p, 1);
    CHECK(b && b->depth == 2 && b->quote_bar == 2u,
          "document: a quote inside a list item sets bar bit 1 only");
    parsed_free(&p);

    p = parse("a\n\n***\n\nb\n");
    CHECK(block_count(&p) == 3 && block(&p, 1)->kind == CP_BLOCK_RULE,
          "document: a thematic break is CP_BLOCK_RULE");
    parsed_free(&p);
}

static void test_document_images(void)
{
    char *png = write_png(tmp_dir, "pic.png", 3, 2);
    Parsed p = parse("---\ntitle: T\n---\n![a picture](pic.png)\n");
    const CpBlock *b = block(&p, 0);
    CHECK(b && b->kind == CP_BLOCK_IMAGE && b->image, "document: a local PNG is an image block");
    CHECK(b && b->image && cairo_image_surface_get_width(b->image) == 3 &&
              cairo_image_surface_get_height(b->image) == 2,
          "document: the image is decoded at its size");
    CHECK_INT(b ? b->line : 0, 4, "document: the image's file line");
    CHECK(block_count(&p) == 1, "document: the alt text is not printed");
    parsed_free(&p);

    p = parse("before ![x](pic.png) after\n");
    CHECK(block_count(&p) == 3 && streq(block_text(&p, 0), "before") &&
              block(&p, 1)->kind == CP_BLOCK_IMAGE && block(&p, 1)->image,
          "document: an image inside a paragraph splits it");
    CHECK_STR(block_text(&p, 2), "after",
              "document: the text after an inline image has no leading space");
    parsed_free(&p);

    p = parse("\ntext\n\n![x](missing.png)\n");
    CHECK(p.src && !p.doc, "document: a missing image is an error");
    CHECK_DIAG("document: the missing image is placed and named", "doc.md:4:", "missing.png",
               "not found");
    parsed_free(&p);

    char *fake = write_file(NULL, "x.png", "this is text, not a PNG\n");
    p = parse("![x](x.png)\n");
    CHECK(p.src && !p.doc, "document: a text file named .png is an error");
    CHECK_DIAG("document: the fake PNG is named", "doc.md:1:", "x.png", "not a PNG");
    parsed_free(&p);

    // A PNG cut short after its header: the header reads, the pixels do not.
    gchar *bytes = NULL;
    gsize n_bytes = 0;
    g_file_get_contents(png, &bytes, &n_bytes, NULL);
    char *cut = write_file_len(tmp_dir, "cut.png", bytes ? bytes : "", MIN(n_bytes, 40));
    g_free(bytes);
    p = parse("![x](cut.png)\n");
    CHECK(p.src && !p.doc, "document: a truncated PNG is an error");
    CHECK_DIAG("document: the truncated PNG is named", "doc.md:1:", "cut.png", "truncated file");
    parsed_free(&p);

    // A header claiming 6000x6000 pixels is refused before any decoding.
    static const char huge[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x17\x70\0\0\x17\x70"
                               "\x08\x06\0\0\0";
    char *big = write_file_len(tmp_dir, "big.png", huge, sizeof huge - 1);
    p = parse("![x](big.png)\n");
    CHECK(p.src && !p.doc, "document: a PNG over the pixel limit is an error");
    CHECK_DIAG("document: the huge PNG's size is given", "big.png", "6000x6000", "megapixels");
    parsed_free(&p);

    char *sub = g_build_filename(tmp_dir, "sub", NULL);
    g_mkdir(sub, 0755);
    p = parse_in(sub, "![x](../pic.png)\n");
    CHECK(p.src && !p.doc, "document: an image outside the folder is an error");
    CHECK_DIAG("document: the outside image is named", "../pic.png", "outside");
    parsed_free(&p);

    char *link = g_build_filename(sub, "link.png", NULL);
    bool linked = symlink(png, link) == 0;
    p = parse_in(sub, "![x](link.png)\n");
    CHECK(linked && p.src && !p.doc && contains(diag_last(), "outside"),
          "document: a symlink leading outside the folder is an error");
    parsed_free(&p);

    p = parse("![the x](https://example.org/x.png)\n");
    CHECK(p.doc && any_block_has(&p, "the x") && contains(diag_last(), "not fetched"),
          "document: a remote image is not fetched: its alt text stands in, with a warning");
    parsed_free(&p);

    g_free(link);
    g_free(sub);
    g_free(big);
    g_free(cut);
    g_free(fake);
    g_free(png);
}

// Runs document_create on TEXT in a child process, so a crash is a failure
// and not the end of the test run. True when it returned a document.
static bool survives(const char *text)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        // A sanitizer's report of the crash would bury the TAP output.
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, STDERR_FILENO);
        Parsed p = parse(text);
        // Refused with the stated nesting limit is as good as handled.
        _exit(p.doc || contains(diag_last(), "nested more than 100 deep") ? 0 : 2);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return false;
    if (WIFSIGNALED(status))
        printf("# the child died of signal %d\n", WTERMSIG(status));
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static char *repeat(const char *unit, int n, const char *tail)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < n; i++)
        g_string_append(s, unit);
    g_string_append(s, tail);
    return g_string_free(s, FALSE);
}

static void test_document_depth(void)
{
    // Up to the limit of 100 levels: parsed, with the indent capped.
    char *text = repeat("> ", 90, "deep\n");
    Parsed p = parse(text);
    const CpBlock *b = block(&p, 0);
    CHECK(b && streq(b->text, "deep") && b->depth > 1 && b->depth <= 32,
          "document: 90 nested quotes give one block with a capped depth");
    parsed_free(&p);
    g_free(text);

    text = repeat("- ", 90, "deep\n");
    p = parse(text);
    // Each item that opens with a list keeps its bullet, on a line of its own.
    size_t n = block_count(&p), marked = 0;
    for (size_t i = 0; i < n; i++)
        marked += block(&p, i)->marker != NULL;
    b = n ? block(&p, n - 1) : NULL;
    CHECK(b && streq(b->text, "deep") && b->depth > 1 && b->depth <= 32 && b->marker &&
              marked == 90,
          "document: 90 nested lists keep every bullet, with a capped depth");
    parsed_free(&p);
    g_free(text);

    GString *stairs = g_string_new(NULL);
    for (int i = 0; i < 90; i++) {
        for (int k = 0; k < i; k++)
            g_string_append(stairs, "  ");
        g_string_append(stairs, "- x\n");
    }
    p = parse(stairs->str);
    bool ok = block_count(&p) == 90;
    for (size_t i = 0; ok && i < 90; i++)
        ok = block(&p, i)->depth >= 1 && block(&p, i)->depth <= 32;
    CHECK(ok, "document: 90 stepped list items all have a capped depth");
    parsed_free(&p);
    g_string_free(stairs, TRUE);

    // Past the limit: refused, naming the line and the limit.
    text = repeat("> ", 200, "deep\n");
    p = parse(text);
    CHECK(!p.doc && contains(diag_last(), "doc.md:1:") &&
              contains(diag_last(), "nested more than 100 deep"),
          "document: 200 nested quotes are refused with the limit and the line");
    parsed_free(&p);
    g_free(text);
    text = repeat("- ", 200, "deep\n");
    p = parse(text);
    CHECK(!p.doc && contains(diag_last(), "nested more than 100 deep"),
          "document: 200 nested lists are refused with the limit");
    parsed_free(&p);
    g_free(text);

    // A hostile 200 KB file: the nesting must not exhaust the stack.
    text = repeat("> ", 100000, "deep\n");
    CHECK(survives(text), "document: 100000 nested quotes do not crash");
    g_free(text);
    text = repeat("- ", 100000, "deep\n");
    CHECK(survives(text), "document: 100000 nested lists do not crash");
    g_free(text);
}

/* ---- fonts -------------------------------------------------------------- */

static void test_fonts(void)
{
    diag_reset();
    CpFonts *f = fonts_create(COCPRINT_SOURCE_FONTDIR);
    if (CHECK(f != NULL, "fonts: the source tree's fonts load")) {
        CHECK(fonts_context(f) != NULL, "fonts: there is a Pango context");
        const char *emoji = "ok \U0001F600 more";
        CHECK(fonts_find_missing(f, emoji, -1) == emoji + 3,
              "fonts: U+1F600 is found missing at its byte");
        CHECK(fonts_find_missing(f, emoji, 3) == NULL, "fonts: LEN limits the search");
        const char *fine = "Stra\u00DFe \u2014 \u201Cquotes\u201D \u00E9 \u00F1";
        CHECK(fonts_find_missing(f, fine, -1) == NULL,
              "fonts: German, dashes, curly quotes and accents are covered");
        // Everything document.c itself puts into text.
        const char *own = "\u2022 \u2013 \u25E6 \u2026 \u2018\u2019 \u2028 \u00A9";
        CHECK(fonts_find_missing(f, own, -1) == NULL,
              "fonts: list bullets, smart punctuation and line separators are covered");
        const char *cjk = "\u4E2D";
        CHECK(fonts_find_missing(f, cjk, -1) == cjk, "fonts: a CJK character is missing");
    }
    fonts_destroy(f);

    char *empty = g_build_filename(tmp_dir, "nofonts", NULL);
    g_mkdir(empty, 0755);
    diag_reset();
    f = fonts_create(empty);
    CHECK(f == NULL, "fonts: an empty folder is refused");
    CHECK_DIAG("fonts: the empty folder is named", empty, "error");
    fonts_destroy(f);
    g_free(empty);

    char *missing = g_build_filename(tmp_dir, "no-such-fonts", NULL);
    diag_reset();
    f = fonts_create(missing);
    CHECK(f == NULL, "fonts: a missing folder is refused");
    CHECK_DIAG("fonts: the missing folder is named", missing, "error");
    fonts_destroy(f);
    g_free(missing);
}

/* ---- typeset: pagination ------------------------------------------------ */

// The text items of a page, in the order they were placed.
static GPtrArray *texts_of(const CpPage *page)
{
    GPtrArray *a = g_ptr_array_new();
    for (guint i = 0; i < page->items->len; i++) {
        CpItem *it = &g_array_index(page->items, CpItem, i);
        if (it->kind == CP_ITEM_TEXT)
            g_ptr_array_add(a, it);
    }
    return a;
}

static void test_flow(void)
{
    CpFonts *f = fonts_create(COCPRINT_SOURCE_FONTDIR);
    if (!f)
        return;
    GString *md = g_string_new(NULL);
    for (int i = 1; i <= 8; i++) {
        g_string_append_printf(md, "## Heading %d\n\n", i);
        for (int k = 0; k < 3 + i % 3; k++)
            g_string_append(md, "Every attendee deserves an event free of harassment, and "
                                "every organizer is there to help when it goes wrong. ");
        g_string_append(md, "\n\n- A list item long enough to wrap over several lines of a "
                            "narrow column, so that it could be split after its first line.\n\n");
    }
    Parsed p = parse(md->str);
    g_string_free(md, TRUE);
    if (!CHECK(p.doc != NULL, "flow: the test document parses")) {
        fonts_destroy(f);
        return;
    }
    // Many sizes and frame heights: every way the breaks can fall.
    int splits = 0, bad_orphan = 0, bad_heading = 0, lost = 0, runs = 0;
    for (double size = 8; size <= 11; size += 0.5)
        for (double h = 90; h <= 200; h += 7) {
            CpFlow *flow = typeset_create(fonts_context(f), p.doc);
            typeset_layout(flow, size, 150);
            CpFrame fr[40];
            CpPage *pages[40];
            for (int i = 0; i < 40; i++) {
                fr[i] = (CpFrame){i, 10, 10, 150, h};
                pages[i] = page_create(170, h + 20);
            }
            if (!typeset_place(flow, fr, 40, pages, NULL, NULL))
                lost++;
            runs++;
            for (int i = 0; i < 40; i++) {
                GPtrArray *t = texts_of(pages[i]);
                for (guint k = 0; k < t->len; k++) {
                    CpItem *it = t->pdata[k];
                    int total = pango_layout_get_line_count(it->layout);
                    if (it->count < total) {
                        splits++;
                        // Two lines at least on each side of a break (a frame
                        // that cannot hold two may take one).
                        if (it->count < 2 && total >= 4)
                            bad_orphan++;
                    }
                }
                if (t->len) {
                    CpItem *last = t->pdata[t->len - 1];
                    if (g_str_has_prefix(pango_layout_get_text(last->layout), "Heading"))
                        bad_heading++;
                }
                g_ptr_array_free(t, TRUE);
                page_destroy(pages[i]);
            }
            typeset_destroy(flow);
        }
    CHECK(lost == 0, "flow: everything is placed in enough frames");
    CHECK(splits > 20, "flow: paragraphs do split across frames (the test bites)");
    CHECK_INT(bad_orphan, 0, "flow: no fragment of a split paragraph is a single line");
    CHECK_INT(bad_heading, 0, "flow: no frame ends with a heading");

    // Too little room: typeset_place says how much is left over.
    CpFlow *flow = typeset_create(fonts_context(f), p.doc);
    typeset_layout(flow, 10, 150);
    CpFrame one = {0, 0, 0, 150, 100};
    double over = 0;
    CHECK(!typeset_place(flow, &one, 1, NULL, &over, NULL) && over > 500,
          "flow: an overfull frame reports the height left over");
    double size = 0;
    CpFrame many[6];
    for (int i = 0; i < 6; i++)
        many[i] = (CpFrame){0, 0, 0, 150, 400};
    CHECK(typeset_fit(flow, &(CpFitRange){many, 6, 6, 30, 0}, &size, NULL) && size > 6 &&
              size < 30 && fabs(size * 20 - round(size * 20)) < 1e-9,
          "flow: the fit finds a size between the bounds, in 0.05 pt steps");
    CHECK(typeset_place(flow, many, 6, NULL, NULL, NULL), "flow: the fitted size fits");
    typeset_layout(flow, size + 0.1, 150);
    CHECK(!typeset_place(flow, many, 6, NULL, NULL, NULL), "flow: 0.1 pt more does not");
    typeset_destroy(flow);
    parsed_free(&p);
    fonts_destroy(f);
}

/* ---- yamlutil ----------------------------------------------------------- */

static void test_distance(void)
{
    CHECK_INT((long long)yamlutil_distance("", ""), 0, "distance: two empty strings");
    CHECK_INT((long long)yamlutil_distance("abc", ""), 3, "distance: to the empty string");
    CHECK_INT((long long)yamlutil_distance("", "ab"), 2, "distance: from the empty string");
    CHECK_INT((long long)yamlutil_distance("phone", "phone"), 0, "distance: equal words");
    CHECK_INT((long long)yamlutil_distance("Phone", "pHONE"), 0, "distance: ignores case");
    CHECK_INT((long long)yamlutil_distance("kitten", "sitting"), 3, "distance: kitten/sitting");
    CHECK_INT((long long)yamlutil_distance("phone", "phnoe"), 2, "distance: a swap costs 2");
    CHECK_INT((long long)yamlutil_distance("emergency", "emergancy"), 1,
              "distance: one substitution");
    CHECK_INT((long long)yamlutil_distance("sms", "smss"), 1, "distance: one insertion");
}

/* ---- hyphenation ---------------------------------------------------------- */

// cocprint's own reader of single-level dictionaries must break words where
// libhyphen does (Debian's en_US dictionary; 5,516 words agreed when it was
// written); "\u00AD" marks each break.
static void test_hyphenation(void)
{
    CpHyphen *h = hyphenate_create("/usr/share/hyphen/hyph_en_US.dic");
    CHECK(h != NULL, "hyphenation: the English dictionary loads");
    if (!h)
        return;
    static const char *const cases[][2] = {
        {"harassment", "harass\u00ADment"},
        {"photography", "pho\u00ADtog\u00ADra\u00ADphy"},
        {"participants", "par\u00ADtic\u00ADi\u00ADpants"},
        {"communication", "com\u00ADmu\u00ADni\u00ADca\u00ADtion"},
        {"LeicesterJS", "LeicesterJS"},                     // mixed case: a name, kept whole
        {"short", "short"},                                 // under eight letters
        {"Intimidation", "Intim\u00ADi\u00ADda\u00ADtion"}, // capitalised: still a word
        // Code and names stay whole (issue 18): identifiers with "_" or
        // digits, addresses; the words around them are still words.
        {"configuration_participants", "configuration_participants"},
        {"communication2participants", "communication2participants"},
        {"photography.example.org", "photography.example.org"},
        {"harassment@photography.org", "harassment@photography.org"},
        {"see https://photography.org/harassment now",
         "see https://photography.org/harassment now"},
        {"harassment (configuration_x) harassment",
         "harass\u00ADment (configuration_x) harass\u00ADment"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *got = hyphenate_text(h, cases[i][0]);
        char *name = g_strdup_printf("hyphenation: %s breaks as libhyphen breaks it", cases[i][0]);
        CHECK(strcmp(got, cases[i][1]) == 0, name);
        g_free(name);
        g_free(got);
    }
    // Two-level dictionaries (a compound level first), read by cocprint too:
    // the breaks libhyphen 2.8 makes with them, written down from it (2,709
    // German words agreed, including the ones below where plain Liang did
    // not: libhyphen's machine takes the longest pattern prefix only).
    static const char *const two_level[][3] = {
        {"de_DE", "gegenerklärung", "gegen\u00ADer\u00ADklä\u00ADrung"},
        {"de_DE", "grunderfahrung", "grund\u00ADer\u00ADfah\u00ADrung"},
        {"de_DE", "funktioniert", "funk\u00ADti\u00ADo\u00ADniert"},
        {"de_DE", "eisenmangelanämie", "eisen\u00ADman\u00ADgel\u00ADan\u00ADämie"},
        {"de_DE", "appropriation", "appro\u00ADpri\u00ADa\u00ADtion"},
        {"de_DE", "Veranstaltungsteilnehmerinnen",
         "Ver\u00ADan\u00ADstal\u00ADtungs\u00ADteil\u00ADneh\u00ADme\u00ADrin\u00ADnen"},
        {"de_DE", "Belästigungsbeschwerden",
         "Beläs\u00ADti\u00ADgungs\u00ADbe\u00ADschwer\u00ADden"},
        {"de_DE", "Zuständigkeitsbereich", "Zustän\u00ADdig\u00ADkeits\u00ADbe\u00ADreich"},
        {"de_DE", "Rücksichtnahme", "Rück\u00ADsicht\u00ADnahme"},
        {"fr", "harcèlement", "har\u00ADcè\u00ADle\u00ADment"},
        {"fr", "communication", "com\u00ADmu\u00ADni\u00ADca\u00ADtion"},
        {"fr", "inacceptable", "inac\u00ADcep\u00ADtable"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(two_level); i++) {
        char *path = g_strdup_printf("/usr/share/hyphen/hyph_%s.dic", two_level[i][0]);
        char *got = hyphenate_text(hyphenate_create(path), two_level[i][1]);
        char *name = g_strdup_printf("hyphenation: %s (%s) breaks as libhyphen breaks it",
                                     two_level[i][1], two_level[i][0]);
        CHECK(strcmp(got, two_level[i][2]) == 0, name);
        g_free(name);
        g_free(got);
        g_free(path);
    }
    hyphenate_release_all();
}

/* ---- main --------------------------------------------------------------- */

/* ---- uri and chars ------------------------------------------------------ */

static void uri_is(const char *url, const char *want)
{
    char *got = uri_encode_for_pdf(url);
    char *shown = g_strescape(url, NULL);
    char *name = g_strdup_printf("uri: '%s' is written %s", shown, want);
    g_free(shown);
    CHECK_STR(got, want, name);
    g_free(name);
    g_free(got);
}

// Checks uri_is_web on each of URLS (NULL-terminated) against WANT.
static void web_cases(const char *const *urls, bool want)
{
    for (int i = 0; urls[i]; i++) {
        char *shown = g_strescape(urls[i], NULL);
        char *name = g_strdup_printf("uri: '%s' is %sa web address", shown, want ? "" : "not ");
        CHECK(uri_is_web(urls[i]) == want, name);
        g_free(name);
        g_free(shown);
    }
}

static void test_uri(void)
{
    uri_is("https://example.org/p)/S/JavaScript/JS(app.alert(1))/Z(",
           "https://example.org/p%29/S/JavaScript/JS%28app.alert%281%29%29/Z%28");
    uri_is("https://example.org/a'b\\c\"d e<f>g*h",
           "https://example.org/a%27b%5Cc%22d%20e%3Cf%3Eg%2Ah");
    uri_is("https://example.org/caf\u00e9", "https://example.org/caf%C3%A9");
    uri_is("https://example.org/%41%4g%", "https://example.org/%41%254g%25");
    uri_is("https://example.org/?a=1&b=[2]#x@!$+,;=~-._:/",
           "https://example.org/?a=1&b=[2]#x@!$+,;=~-._:/");
    uri_is("mailto:a@example.org\n\t", "mailto:a@example.org%0A%09");
    // Every byte: the encoded form holds nothing that could end a PDF string.
    char all[256];
    for (int i = 1; i < 256; i++)
        all[i - 1] = (char)i;
    all[255] = '\0';
    char *e = uri_encode_for_pdf(all);
    bool clean = true;
    for (const char *p = e; *p; p++)
        clean = clean && (unsigned char)*p > ' ' && (unsigned char)*p < 0x7F &&
                !strchr("()\\'\"<>*", *p);
    CHECK(clean, "uri: no byte 1 to 255 survives that could break out of a PDF string");
    g_free(e);

    const char *const web[] = {"https://example.org",
                               "http://example.org/a?b#c",
                               "https://example.org:8443/x",
                               "https://[2001:db8::1]/x",
                               "HTTPS://EXAMPLE.ORG/",
                               "https://b\u00fccher.example/",
                               "http://192.0.2.1:8080/x",
                               "https://example.org./",
                               "https://[::1]:443/",
                               "https://xn--bcher-kva.example/",
                               NULL};
    web_cases(web, true);
    const char *const not_web[] = {"javascript:alert(1)",
                                   "www.example.org",
                                   "https://",
                                   "https:///x",
                                   "https://a b.org",
                                   "https://example.org/a b",
                                   "http://user@example.org/",
                                   "https://.example.org",
                                   "https://example.org:80x/",
                                   "file:///etc/passwd",
                                   "https://example.org/\x01",
                                   "//example.org",
                                   "https://paypal.com\u2215login.evil.example/",
                                   "https://exa\u00a0mple.org/",
                                   "https://ex\u2028ample.org/",
                                   "http://a:99999/",
                                   "http://a:/",
                                   "http://a:0/",
                                   "http://a..b/",
                                   "http://1.2.3.4.5.6/",
                                   "http://[1]/",
                                   "http://[::::::::::]/",
                                   "https://-a.org/",
                                   "https://a-.org/",
                                   NULL};
    web_cases(not_web, false);
    CHECK(uri_is_web_link("https://example.org/a b"), "uri: a Markdown link may hold a space");
    CHECK(uri_is_mailto("mailto:a@example.org") && !uri_is_mailto("mailto:") &&
              !uri_is_mailto("mailto:@x") && !uri_is_mailto("mailto:a b@x"),
          "uri: mailto needs an address");
}

static void test_chars(void)
{
    CHECK(chars_find("Call 07700 900123\tnow\n", -1, CP_CHARS_TEXT) == NULL,
          "chars: tab and line feed are text");
    const gunichar text_bad[] = {0x0C, 0x0B, 0x07, 0x1B, 0x7F, 0x85, 0x0D, 0x202A, 0x202E};
    for (size_t i = 0; i < G_N_ELEMENTS(text_bad); i++) {
        char *name = g_strdup_printf("chars: U+%04X is refused in text", text_bad[i]);
        CHECK(chars_refused(text_bad[i], CP_CHARS_TEXT), name);
        g_free(name);
    }
    const gunichar text_ok[] = {0x2066, 0x2069, 0x200E, 0x200F, 0x061C, 0x200C, 0x200D, 0xAD};
    for (size_t i = 0; i < G_N_ELEMENTS(text_ok); i++) {
        char *name =
            g_strdup_printf("chars: U+%04X is allowed in text, refused in a contact", text_ok[i]);
        CHECK(!chars_refused(text_ok[i], CP_CHARS_TEXT) &&
                  chars_refused(text_ok[i], CP_CHARS_CONTACT),
              name);
        g_free(name);
    }
    CHECK(chars_refused(0xFEFF, CP_CHARS_CONTACT) && chars_refused(0x200B, CP_CHARS_CONTACT) &&
              chars_refused(0x2060, CP_CHARS_CONTACT) && chars_refused(0xE0041, CP_CHARS_CONTACT),
          "chars: ZWNBSP, ZWSP, word joiner and tag characters are refused in a contact");
    const char *s = "ab\u202Ecd";
    CHECK(chars_find(s, -1, CP_CHARS_TEXT) == s + 2, "chars: the override is found where it is");

    char *t = chars_close_isolates(g_strdup("a \u2067b \u2066c\u2069"));
    CHECK_STR(t, "a \u2067b \u2066c\u2069\u2069", "chars: an isolate left open is closed");
    g_free(t);
    t = chars_close_isolates(g_strdup("\u2069a \u2068b\u2069"));
    CHECK_STR(t, "\u2069a \u2068b\u2069",
              "chars: balanced isolates and a stray PDI stay as they are");
    g_free(t);

    int line = 0, col = 0;
    const char *doc = "# T\n\nCall &#x202E;1 and &#8238;2\n";
    CHECK(chars_locate(doc, 2, 0, 0x202E, &line, &col) && line == 3 && col == 6,
          "chars: a character reference is located at its line and column");
    CHECK(!chars_locate(doc, 1, 2, 0x202E, &line, &col), "chars: the search stays in its lines");

    // A name with an isolate left open: closed, so the role after it keeps its direction.
    char *path;
    CpEvent *ev = event_text(
        "iso.yml", "organizers:\n  - name: \u2067\u0628\u0631\u064a\u0627\n    role: Lead\n",
        &path);
    CHECK(ev && ev->n_organizers == 1 && g_str_has_suffix(ev->organizers[0].name, "\u2069") &&
              streq(ev->organizers[0].role, "Lead"),
          "chars: an organizer's name that opens an isolate ends it");
    event_destroy(ev);
    g_free(path);
    Parsed p = parse("# T\n\nOpen \u2067\u0645\u0631 here.\n\nNext.\n");
    CHECK(p.doc && p.doc->n == 2 && g_str_has_suffix(p.doc->blocks[0].text, "\u2069") &&
              !strstr(p.doc->blocks[1].text, "\u2069"),
          "chars: a paragraph that opens an isolate ends it");
    parsed_free(&p);
    p = parse(
        "---\ntitle: \"Code of \u2066Conduct\u2069\"\n---\n\n# Code of Conduct\n\nBe kind.\n");
    CHECK(p.doc && p.doc->n == 1 && p.doc->blocks[0].kind == CP_BLOCK_PARA,
          "chars: a title with isolates is the same title as the heading without them");
    parsed_free(&p);
}

// A monotone rule for the fit search: X fits when it is at most LIMIT (or,
// smallest, at least LIMIT); every value tried is counted.
typedef struct {
    double limit;
    bool smallest;
    int trials;
    double tried[64];
} FitProbe;

static bool probe_fits(void *data, double x)
{
    FitProbe *p = data;
    if (p->trials < 64)
        p->tried[p->trials] = x;
    p->trials++;
    return p->smallest ? x >= p->limit : x <= p->limit;
}

static bool probe_size(void *data, double size, bool estimate)
{
    FitProbe *p = data;
    // The estimate is hopeful by 0.2 pt: the exact trials step down.
    return probe_fits(p, estimate ? size - 0.2 : size);
}

static void test_fit(void)
{
    FitProbe p = {.limit = 13.47};
    CpFitSearch s = {.lo = 6, .hi = 30, .steps = 20, .fits = probe_fits, .data = &p};
    bool found;
    double best = fit_search(&s, &found);
    CHECK(found && fabs(best - 13.45) < 1e-9, "fit: the largest grid value that fits (13.45)");
    CHECK(p.trials <= 12 && p.tried[0] == 6 && p.tried[1] == 30,
          "fit: LO, the top, then halving: about log2 of the grid values");
    bool repeat = false;
    for (int i = 0; i < p.trials && i < 64; i++)
        for (int j = 0; j < i; j++)
            repeat = repeat || fabs(p.tried[i] - p.tried[j]) < 1e-9;
    CHECK(!repeat, "fit: no value is tried twice");

    p = (FitProbe){.limit = 5};
    best = fit_search(&s, &found);
    CHECK(!found && best == 6 && p.trials == 1, "fit: a misfit at LO ends the search");
    p = (FitProbe){.limit = 5};
    s.start = 20;
    best = fit_search(&s, &found);
    CHECK(!found && p.trials > 2 && p.tried[0] == 20 && p.tried[p.trials - 1] == 6,
          "fit: nothing above LO fits: LO is tried last");
    s.start = 0;

    p = (FitProbe){.limit = 100};
    best = fit_search(&s, &found);
    CHECK(found && best == 30 && p.trials == 2, "fit: everything fits: LO, then the top");

    p = (FitProbe){.limit = 7.33};
    s.lo = 7.33;
    best = fit_search(&s, &found);
    CHECK(found && best == 7.33, "fit: a minimum off the grid is kept as it is");
    s.lo = 6;

    // Smallest: a column height to 0.5 pt, the ends known.
    p = (FitProbe){.limit = 123.2, .smallest = true};
    CpFitSearch h = {.lo = 0,
                     .hi = 256,
                     .steps = 2,
                     .smallest = true,
                     .ends_known = true,
                     .fits = probe_fits,
                     .data = &p};
    best = fit_search(&h, &found);
    CHECK(found && best == 123.5 && p.trials == 9 && p.tried[0] == 128,
          "fit: the smallest height that fits, halving from the middle");

    // Gallop from a start one step low.
    p = (FitProbe){.limit = 10.1};
    s.start = 10;
    s.guess = fit_gallop;
    best = fit_search(&s, &found);
    CHECK(found && fabs(best - 10.1) < 1e-9 && p.tried[0] == 10 && fabs(p.tried[1] - 10.05) < 1e-9,
          "fit: gallop steps up from a start that fits");
    s.start = 0;
    s.guess = NULL;

    // Estimate, then exact trials.
    p = (FitProbe){.limit = 12};
    best = fit_size(probe_size, &p, 6, 30, 0, &found);
    CHECK(found && fabs(best - 12) < 1e-9,
          "fit: the exact trials step down from a hopeful estimate");
    p = (FitProbe){.limit = 4};
    fit_size(probe_size, &p, 6, 30, 0, &found);
    CHECK(!found, "fit: nothing fits, estimate or exact");
}

/* ---- manifest ----------------------------------------------------------- */

// A fresh folder under the temporary one, holding manifest.json with TEXT
// (NULL: no manifest).
static char *manifest_dir(const char *name, const char *text, size_t len)
{
    char *dir = g_build_filename(tmp_dir, name, NULL);
    g_mkdir_with_parents(dir, 0700);
    if (text)
        g_free(write_file_len(dir, "manifest.json", text, len));
    return dir;
}

// The names the manifest TEXT lists, joined by spaces ("" for none).
static char *manifest_names(const char *name, const char *text)
{
    char *dir = manifest_dir(name, text, text ? strlen(text) : 0);
    GPtrArray *names = manifest_read_names(dir);
    g_ptr_array_add(names, NULL);
    char *joined = g_strjoinv(" ", (char **)names->pdata);
    g_ptr_array_free(names, TRUE);
    g_free(dir);
    return joined;
}

#define CHECK_NAMES(dir, text, want, name)                                                         \
    do {                                                                                           \
        char *got_ = manifest_names((dir), (text));                                                \
        CHECK_STR(got_, (want), (name));                                                           \
        g_free(got_);                                                                              \
    } while (0)

static void test_manifest(void)
{
    const CpManifestEntry two[] = {
        {"poster.pdf", "poster", "A4", 210, 297, 1, 0, 2, 11.5, 0.87654, "summary"},
        {"badge-a6-sheet.pdf", "badge-sheet", "A4 2 x 2", 210, 297.004, 3, 4, 0, 0, 0, NULL},
    };
    const char *want = "{\n  \"generator\": \"cocprint " COCPRINT_VERSION "\",\n  \"files\": [\n"
                       "    {\"file\": \"poster.pdf\", \"kind\": \"poster\", \"stock\": \"A4\", "
                       "\"page_size_mm\": [210.00, 297.00], \"pages\": 1, \"body_pt\": 11.50, "
                       "\"content\": \"summary\", \"columns\": 2, \"fill\": 0.877},\n"
                       "    {\"file\": \"badge-a6-sheet.pdf\", \"kind\": \"badge-sheet\", "
                       "\"stock\": \"A4 2 x 2\", \"page_size_mm\": [210.00, 297.00], \"pages\": 3, "
                       "\"inserts_per_sheet\": 4}\n"
                       "  ]\n}\n";
    GBytes *b = manifest_write(two, 2, NULL, 0, NULL, 0);
    char *text = g_strndup(g_bytes_get_data(b, NULL), g_bytes_get_size(b));
    CHECK_STR(text, want, "manifest: written byte for byte as before");
    g_free(text);
    g_bytes_unref(b);

    // printf's %f would write "210,00" here.
    char *saved = g_strdup(setlocale(LC_NUMERIC, NULL));
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        b = manifest_write(two, 2, NULL, 0, NULL, 0);
        text = g_strndup(g_bytes_get_data(b, NULL), g_bytes_get_size(b));
        CHECK_STR(text, want, "manifest: numbers have a point in a German or French locale");
        g_free(text);
        g_bytes_unref(b);
    } else {
        printf("# no de_DE or fr_FR locale: the locale check is skipped\n");
    }
    setlocale(LC_NUMERIC, saved);
    g_free(saved);

    const char *none = "{\n  \"generator\": \"cocprint " COCPRINT_VERSION "\",\n"
                       "  \"files\": [\n  ]\n}\n";
    b = manifest_write(NULL, 0, NULL, 0, NULL, 0);
    CHECK(g_bytes_get_size(b) == strlen(none) &&
              memcmp(g_bytes_get_data(b, NULL), none, strlen(none)) == 0,
          "manifest: no files, an empty list");
    g_bytes_unref(b);

    const CpManifestEntry odd[] = {
        {"poster.png", "poster-preview", "4 x 3 \"in\"\\\n\x01", 1, 2, 1, 0, 0, 0, 0, NULL}};
    b = manifest_write(odd, 1, NULL, 0, NULL, 0);
    text = g_strndup(g_bytes_get_data(b, NULL), g_bytes_get_size(b));
    CHECK(contains(text, "\"stock\": \"4 x 3 \\\"in\\\"\\\\\\u000a\\u0001\""),
          "manifest: quotes, backslashes and control characters escaped");
    g_free(text);
    char *dir = manifest_dir("manifest-odd", g_bytes_get_data(b, NULL), g_bytes_get_size(b));
    GPtrArray *names = manifest_read_names(dir);
    CHECK(names->len == 1 && streq(names->pdata[0], "poster.png"),
          "manifest: an escaped stock reads back");
    g_ptr_array_free(names, TRUE);
    g_free(dir);
    g_bytes_unref(b);

    // Written, then read back.
    const char *made[] = {"poster.pdf",         "poster.png",
                          "handout.pdf",        "handout.pt-BR.pdf",
                          "handout-sheet.pdf",  "handout-sheet.de.pdf",
                          "badge-a6.pdf",       "badge-a6-sheet.pdf",
                          "badge-4x3in.fr.pdf", "badge-a6-sheet.pt-BR.pdf",
                          "badge-a6.2.pdf"};
    CpManifestEntry all[G_N_ELEMENTS(made)];
    for (size_t i = 0; i < G_N_ELEMENTS(made); i++)
        all[i] = (CpManifestEntry){(char *)made[i], "badge", "A4", 210, 297, 1, 0, 0, 0, 0, NULL};
    b = manifest_write(all, G_N_ELEMENTS(made), NULL, 0, NULL, 0);
    dir = manifest_dir("manifest-back", g_bytes_get_data(b, NULL), g_bytes_get_size(b));
    names = manifest_read_names(dir);
    bool same = names->len == G_N_ELEMENTS(made);
    for (guint i = 0; same && i < names->len; i++)
        same = streq(names->pdata[i], made[i]);
    CHECK(same, "manifest: every name written is read back, in order");
    g_ptr_array_free(names, TRUE);
    g_free(dir);
    g_bytes_unref(b);

    // Pending removals: written after the files, read back with them; a
    // name cocprint does not give is never among them.
    const char *pending[] = {"badge-a7.pdf", "notes.txt", "handout.fr.pdf"};
    b = manifest_write(all, 1, NULL, 0, pending, G_N_ELEMENTS(pending));
    text = g_strndup(g_bytes_get_data(b, NULL), g_bytes_get_size(b));
    CHECK(contains(text, "  ],\n  \"pending_removal\": [\"badge-a7.pdf\", \"notes.txt\", "
                         "\"handout.fr.pdf\"]\n}\n"),
          "manifest: pending removals listed after the files");
    g_free(text);
    dir = manifest_dir("manifest-pending", g_bytes_get_data(b, NULL), g_bytes_get_size(b));
    names = manifest_read_names(dir);
    CHECK(names->len == 3 && streq(names->pdata[0], "poster.pdf") &&
              streq(names->pdata[1], "badge-a7.pdf") && streq(names->pdata[2], "handout.fr.pdf"),
          "manifest: pending removals read back, other names left out");
    g_ptr_array_free(names, TRUE);
    g_free(dir);
    g_bytes_unref(b);

    CHECK_NAMES("manifest-none", NULL, "", "manifest: no manifest, no names");
    CHECK_NAMES("manifest-foreign",
                "{\"generator\": \"other 1.0\", \"files\": [{\"file\": \"poster.pdf\"}]}", "",
                "manifest: another tool's manifest is not read");
    CHECK_NAMES("manifest-nospace",
                "{\"generator\": \"cocprintx\", \"files\": [{\"file\": \"poster.pdf\"}]}", "",
                "manifest: the generator must be \"cocprint \"");
    CHECK_NAMES("manifest-nogen", "{\"files\": [{\"file\": \"poster.pdf\"}]}", "",
                "manifest: no generator, not cocprint's");
    CHECK_NAMES("manifest-nested",
                "{\"x\": {\"generator\": \"cocprint 1\"}, \"files\": [{\"file\": \"poster.pdf\"}]}",
                "", "manifest: the generator only at the top");
    CHECK_NAMES("manifest-names",
                "{\"generator\": \"cocprint 0.1.0\", \"files\": ["
                "{\"file\": \"../x.pdf\"}, {\"file\": \"a/b.pdf\"}, {\"file\": \".hidden.pdf\"},"
                "{\"file\": \"poster.pdf.bak\"}, {\"file\": \"badge-.pdf\"},"
                "{\"file\": \"/etc/x\"},"
                "{\"file\": \"badge-a6-sheet.pdf\"}, {\"file\": \"handout..pdf\"},"
                "{\"file\": \"handout.de\\/x.pdf\"}, {\"file\": \"badge-a6.de.png\"},"
                "{\"file\": \"handout-sheets.pdf\"}, {\"file\": \"badge--sheet.pdf\"},"
                "{\"file\": \"Poster.pdf\"}, {\"file\": \"badge-a\\u00e9.pdf\"},"
                "{\"file\": \".pdf\"}, {\"file\": \"\"}, {\"file\": \"handout.pdf\"}]}",
                "badge-a6-sheet.pdf handout.pdf",
                "manifest: only the names cocprint gives its files");
    CHECK_NAMES("manifest-dup",
                "{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"file\": \"poster.pdf\"},"
                "{\"file\": \"handout.pdf\"}, {\"file\": \"poster.pdf\"},"
                "{\"file\": \"handout.pdf\"}]}",
                "poster.pdf handout.pdf", "manifest: a name listed twice is read once");

    const char *malformed[] = {
        "",
        "not json",
        "{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"file\": \"poster.pdf\"}",
        "[\"generator\", \"cocprint 0.1.0\"]",
        "\"cocprint \"",
        "{\"generator\": 7, \"files\": [{\"file\": \"poster.pdf\"}]}",
        "{\"generator\": \"cocprint 0.1.0\", \"files\": {\"file\": \"poster.pdf\"}}",
        "{\"generator\": \"cocprint 0.1.0\", \"files\": [\"poster.pdf\"]}",
        "{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"file\": \"poster.pdf\"}, 3]}",
        ("{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"file\": \"poster.pdf\"}, "
         "{\"file\": null}]}"),
        "{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"file\": [\"poster.pdf\"]}]}",
        "{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"name\": \"poster.pdf\"}]}",
        "{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"file\": \"poster.pdf\"}]} trailing",
        "{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"file\": \"poster.pdf\xff\"}]}",
    };
    bool empty = true;
    for (size_t i = 0; i < G_N_ELEMENTS(malformed); i++) {
        char *got = manifest_names("manifest-malformed", malformed[i]);
        if (*got) {
            printf("# malformed manifest %zu read as \"%s\"\n", i, got);
            empty = false;
        }
        g_free(got);
    }
    CHECK(empty, "manifest: malformed JSON or the wrong types, no names");

    // A megabyte of '[' would overflow a recursive parser's stack.
    GString *deep = g_string_new("{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"file\": "
                                 "\"poster.pdf\"}], \"x\": ");
    while (deep->len < CP_MAX_SOURCE_BYTES - 16)
        g_string_append_c(deep, '[');
    CHECK_NAMES("manifest-deep", deep->str, "", "manifest: deep nesting, no names and no crash");
    g_string_free(deep, TRUE);

    // Not a regular file: never opened, so a FIFO cannot block the run.
    const char *good =
        "{\"generator\": \"cocprint 0.1.0\", \"files\": [{\"file\": \"poster.pdf\"}]}";
    char *real = manifest_dir("manifest-real", good, strlen(good));
    char *fifo_dir = manifest_dir("manifest-fifo", NULL, 0);
    char *fifo = g_build_filename(fifo_dir, "manifest.json", NULL);
    if (mkfifo(fifo, 0600) == 0) {
        alarm(20); // a blocked open fails the run rather than hanging it
        names = manifest_read_names(fifo_dir);
        alarm(0);
        CHECK(names->len == 0, "manifest: a FIFO named manifest.json is not read");
        g_ptr_array_free(names, TRUE);
    } else {
        printf("# cannot make a FIFO: the FIFO check is skipped\n");
    }
    char *link_dir = manifest_dir("manifest-link", NULL, 0);
    char *link = g_build_filename(link_dir, "manifest.json", NULL);
    char *target = g_build_filename(real, "manifest.json", NULL);
    CHECK(symlink(target, link) == 0, "manifest: a symbolic link is made");
    names = manifest_read_names(link_dir);
    CHECK(names->len == 0, "manifest: a symbolic link named manifest.json is not read");
    g_ptr_array_free(names, TRUE);
    names = manifest_read_names(real);
    CHECK(names->len == 1, "manifest: the file the link points to is read");
    g_ptr_array_free(names, TRUE);
    char *sub = g_build_filename(tmp_dir, "manifest-sub", "manifest.json", NULL);
    g_mkdir_with_parents(sub, 0700);
    names = manifest_read_names(sub);
    g_free(sub);
    sub = g_build_filename(tmp_dir, "manifest-sub", NULL);
    GPtrArray *sub_names = manifest_read_names(sub);
    CHECK(names->len == 0 && sub_names->len == 0,
          "manifest: a folder named manifest.json is not read");
    g_ptr_array_free(names, TRUE);
    g_ptr_array_free(sub_names, TRUE);
    g_free(sub);
    g_free(target);
    g_free(link);
    g_free(link_dir);
    g_free(fifo);
    g_free(fifo_dir);
    g_free(real);

    // 12,000 entries, each just a name, read back whole and in order.
    enum { MANY = 12000 };
    GString *list = g_string_new("{\"generator\": \"cocprint 0.1.0\", \"files\": [");
    for (int i = 0; i < MANY; i++)
        g_string_append_printf(list, "%s\n{\"file\": \"badge-%d.pdf\"}", i ? "," : "", i);
    g_string_append(list, "]}\n");
    dir = manifest_dir("manifest-many", list->str, list->len);
    names = manifest_read_names(dir);
    same = names->len == MANY;
    for (guint i = 0; same && i < names->len; i++) {
        char want_name[32];
        g_snprintf(want_name, sizeof want_name, "badge-%u.pdf", i);
        same = streq(names->pdata[i], want_name);
    }
    CHECK(same, "manifest: 12,000 entries, all read back in order");
    g_ptr_array_free(names, TRUE);
    g_free(dir);
    g_string_free(list, TRUE);

    // As manifest_write writes them, about 110 bytes an entry: 9,500 fit the
    // size limit and are read back; 100,000 (11 MB) are refused by their
    // size before a byte is read.
    enum { FITS = 9500, TOO_MANY = 100000 };
    CpManifestEntry *many = g_new(CpManifestEntry, TOO_MANY);
    for (int i = 0; i < TOO_MANY; i++)
        many[i] = (CpManifestEntry){
            g_strdup_printf("badge-%d.pdf", i), "badge", "A4", 210, 297, 1, 0, 0, 0, 0, NULL};
    b = manifest_write(many, FITS, NULL, 0, NULL, 0);
    dir = manifest_dir("manifest-fits", g_bytes_get_data(b, NULL), g_bytes_get_size(b));
    names = manifest_read_names(dir);
    same = g_bytes_get_size(b) <= CP_MAX_SOURCE_BYTES && names->len == FITS;
    for (guint i = 0; same && i < names->len; i++)
        same = streq(names->pdata[i], many[i].file);
    CHECK(same, "manifest: 9,500 written entries under the size limit, all read back");
    g_ptr_array_free(names, TRUE);
    g_free(dir);
    g_bytes_unref(b);

    b = manifest_write(many, TOO_MANY, NULL, 0, NULL, 0);
    dir = manifest_dir("manifest-too-many", g_bytes_get_data(b, NULL), g_bytes_get_size(b));
    names = manifest_read_names(dir);
    CHECK(g_bytes_get_size(b) > CP_MAX_SOURCE_BYTES && names->len == 0,
          "manifest: over the size limit, not read");
    g_ptr_array_free(names, TRUE);
    g_free(dir);
    g_bytes_unref(b);
    for (int i = 0; i < TOO_MANY; i++)
        g_free(many[i].file);
    g_free(many);
}

/* ---- coverage: every printed character is in a font ---------------------- */

// A letter in none of the fonts cocprint may add: U+11F04 KAWI LETTER A
// (Unicode 15, after Debian 12's Noto; a letter, so a URL's host or path may
// hold it too).
#define NO_FONT "\U00011F04"

// The Markdown every coverage case prints beside its event data.
typedef struct {
    CpSource *src;
    CpMeta meta;
    CpDocument *doc;
    CpLang lang;
    CpFonts *fonts;
} CoverageDoc;

static bool coverage_doc(CoverageDoc *d)
{
    static const char md[] = "# Code of conduct\n\nBe kind to each other.\n";
    memset(d, 0, sizeof *d);
    lang_resolve("en", &d->lang);
    d->src = source_create("coc.md", tmp_dir, md, strlen(md));
    return d->src && meta_parse(d->src, &d->meta) &&
           (d->doc = document_create(d->src, &d->meta, &d->lang, NULL)) &&
           (d->fonts = fonts_create(COCPRINT_SOURCE_FONTDIR));
}

static void coverage_doc_finish(CoverageDoc *d)
{
    fonts_destroy(d->fonts);
    document_destroy(d->doc);
    meta_finish(&d->meta);
    source_destroy(d->src);
}

// Loads TEXT as event data and runs the glyph check on it as a run does
// (fonts required first), with LABELS (NULL: the event's own, as the first
// input prints them). Returns the check's verdict; *PATH_OUT is the file.
static bool coverage_event(const char *text, const CpLabels *labels, char **path_out)
{
    CoverageDoc d;
    char *event_text = NULL;
    *path_out = write_file(NULL, "coverage.yml", text);
    diag_reset();
    CpEvent *ev = event_load(*path_out, false, &event_text);
    bool ok = false, loaded = coverage_doc(&d);
    if (CHECK(ev && loaded, "coverage: the event data and document load")) {
        CpLabels own;
        labels_for(&d.lang, ev->labels, &own);
        coverage_require_fonts(d.fonts, d.doc, &d.meta, ev, labels ? labels : &own);
        diag_reset();
        ok = coverage_check(d.fonts, d.src, d.doc, &d.meta, ev, event_text, labels ? labels : &own);
    }
    coverage_doc_finish(&d);
    event_destroy(ev);
    g_free(event_text);
    return ok;
}

// TEXT's event data must be refused for a character in no font, at WHERE.
static void coverage_refused(const char *name, const char *text, const char *where)
{
    char *path;
    char *what = g_strdup_printf("coverage: %s is refused", name);
    CHECK(!coverage_event(text, NULL, &path), what);
    char *place = g_strdup_printf("%s:%s:", path, where);
    char *says = g_strdup_printf("coverage: %s is named at %s", name, where);
    CHECK_DIAG(says, place, "U+11F04", "in none of the installed fonts");
    g_free(says);
    g_free(place);
    g_free(what);
    g_free(path);
}

// Counts the fields event_each_field hands over; stops at the STOP'th.
typedef struct {
    int n, stop;
    CpEventField policy;
} FieldCount;

static bool count_field(void *data, const CpEventField *f)
{
    FieldCount *c = data;
    if (!f->section && strcmp(f->key, "policy_url") == 0)
        c->policy = *f;
    return ++c->n != c->stop;
}

static void test_coverage_walk(void)
{
    char *path = g_build_filename(data_dir, "event-full.yml", NULL);
    diag_reset();
    CpEvent *ev = event_load(path, false, NULL);
    FieldCount c = {0, 0, {0}};
    CHECK(ev && event_each_field(ev, count_field, &c), "coverage: the walk goes to the end");
    // 11 top-level, hotline and security fields (no summary) and 4 for
    // each of 2 organizers.
    CHECK_INT(c.n, 19, "coverage: the walk hands over every field set");
    CHECK(c.policy.value && c.policy.kind == CP_FIELD_URL && c.policy.at.line == 4 &&
              c.policy.at.col == 13 && c.policy.at.from == 4 && c.policy.at.to == 4,
          "coverage: policy_url is a URL written at 4:13");
    FieldCount stop = {0, 3, {0}};
    CHECK(!event_each_field(ev, count_field, &stop) && stop.n == 3,
          "coverage: the walk stops when told");
    CHECK(event_each_field(NULL, count_field, &stop), "coverage: no event has no fields");
    event_destroy(ev);
    g_free(path);
}

static void test_coverage(void)
{
    test_coverage_walk();

    char *path;
    CHECK(coverage_event("name: Unit Conf\npolicy_url: https://example.org/coc\n"
                         "organizers:\n  - name: Alex\n    role: Lead\n",
                         NULL, &path),
          "coverage: a plain event passes");
    g_free(path);

    // The comment holds it first: the role's own line is the one named.
    coverage_refused("a character in an organizer's role",
                     "# " NO_FONT " in a comment\nname: Unit Conf\norganizers:\n"
                     "  - name: Alex\n    role: Lead " NO_FONT " organizer\n",
                     "5:16");
    coverage_refused(
        "a character in policy_url",
        "# " NO_FONT "\nname: Unit Conf\npolicy_url: https://example.org/" NO_FONT "\n", "3:33");
    coverage_refused("a character written as an escape",
                     "name: Unit Conf\nstaff: \"\\U00011F04\"\n", "2:8");
    coverage_refused("a label override", "labels:\n  need_help: " NO_FONT "\n", "2:14");

    // Another translation prints its own words, not the first's override.
    CpLang fr;
    lang_resolve("fr", &fr);
    CpLabels plain;
    labels_for(&fr, NULL, &plain);
    CHECK(coverage_event("labels:\n  need_help: " NO_FONT "\n", &plain, &path),
          "coverage: an override another translation does not print passes");
    g_free(path);

    // A URL's characters load the script fonts that have them: before, the
    // fonts were chosen without the URLs and the check refused this one.
    bool cjk =
        g_file_test("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", G_FILE_TEST_EXISTS);
    CHECK(!cjk || coverage_event("name: Unit Conf\npolicy_url: https://\u4E2D\u6587.example/coc\n",
                                 NULL, &path),
          cjk ? "coverage: a Chinese host in policy_url loads the CJK font"
              : "coverage: a Chinese host in policy_url # SKIP no Noto CJK");
    if (cjk)
        g_free(path);

    // The summary prints as a document; its blocks are checked as run.c
    // checks the badge summary's, at the event data's lines.
    char *event_text = NULL;
    path = write_file(NULL, "summary.yml",
                      "name: Unit Conf\nsummary: |\n  Be kind.\n\n  Ask " NO_FONT " for help.\n");
    diag_reset();
    CpEvent *ev = event_load(path, false, &event_text);
    CoverageDoc d;
    bool loaded = coverage_doc(&d);
    if (CHECK(ev && ev->summary && loaded, "coverage: the summary loads")) {
        CpLabels labels;
        labels_for(&d.lang, NULL, &labels);
        coverage_require_fonts(d.fonts, d.doc, &d.meta, ev, &labels);
        CpSource *src = source_create(ev->file, tmp_dir, ev->summary, strlen(ev->summary));
        src->body_line = ev->summary_line;
        src->origin = event_text;
        CpDocument *sum = document_create(src, NULL, &d.lang, NULL);
        bool ok = sum != NULL;
        diag_reset();
        for (size_t i = 0; ok && i < sum->n; i++)
            ok = coverage_check_text(d.fonts, sum->blocks[i].text, ev->file, event_text,
                                     sum->blocks[i].line);
        CHECK(sum && !ok, "coverage: a character in the summary is refused");
        char *place = g_strdup_printf("%s:5:7:", path);
        CHECK_DIAG("coverage: the summary's character is named where it is", place, "U+11F04");
        g_free(place);
        document_destroy(sum);
        source_destroy(src);
    }
    coverage_doc_finish(&d);
    event_destroy(ev);
    g_free(event_text);
    g_free(path);
}

int main(int argc, char **argv)
{
    diag_set_silent(true);
    setvbuf(stdout, NULL, _IOLBF, 0);

    GError *err = NULL;
    tmp_dir = g_dir_make_tmp("cocprint-unit-XXXXXX", &err);
    if (!tmp_dir) {
        printf("Bail out! cannot make a temporary folder: %s\n", err->message);
        return 1;
    }
    const char *env = g_getenv("COCPRINT_UNIT_DATA");
    const char *srcdir = g_getenv("SRCDIR");
    if (argc > 1)
        data_dir = g_strdup(argv[1]);
    else if (env && *env)
        data_dir = g_strdup(env);
    else if (srcdir && *srcdir)
        data_dir = g_build_filename(srcdir, "tests", "data", "unit", NULL);
    else {
        char *root = g_path_get_dirname(COCPRINT_SOURCE_FONTDIR);
        data_dir = g_build_filename(root, "tests", "data", "unit", NULL);
        g_free(root);
    }

    test_source();
    test_meta();
    test_event();
    test_document_headings();
    test_document_inlines();
    test_document_links();
    test_addresses();
    test_document_html();
    test_document_blocks();
    test_document_images();
    test_document_depth();
    test_fonts();
    test_flow();
    test_distance();
    test_hyphenation();
    test_uri();
    test_chars();
    test_fit();
    test_manifest();
    test_coverage();

    printf("1..%d\n", n_tests);
    if (n_failed)
        printf("# %d of %d failed\n", n_failed, n_tests);

    remove_tree(tmp_dir);
    g_free(tmp_dir);
    g_free(data_dir);
    diag_reset();
    return n_failed ? 1 : 0;
}
