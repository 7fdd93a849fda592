#include "fonts.h"

#include "config.h"
#include "diag.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Where Debian's font packages put the faces cocprint may add when a
// document needs them: fonts-noto-core, -extra and -cjk, and fonts-symbola
// (emoji as outlines that keep their text). Lato covers Latin, Greek and
// Cyrillic itself.
static const char *const system_dirs[] = {
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/ancient-scripts",
    NULL,
};

// A regular upright face of the system set that may join the private one.
typedef struct {
    FcPattern *pattern; // owned by the system config
    const char *family;
    int rank;
} Candidate;

struct CpFonts {
    FcConfig *config;
    PangoFontMap *map;
    PangoContext *context;
    PangoContext *ltr;   // made on demand
    FcCharSet *coverage; // union of every font's characters
    FcConfig *system;    // the system faces, read from fontconfig's caches
    Candidate *candidates;
    size_t n_candidates;
    GPtrArray *added; // families added to the private set
};

// Merges the characters of every font of the set into the coverage.
static void update_coverage(CpFonts *f)
{
    FcFontSet *set = FcConfigGetFonts(f->config, FcSetApplication);
    for (int i = 0; set && i < set->nfont; i++) {
        FcCharSet *cs;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
            FcCharSetMerge(f->coverage, cs, NULL);
    }
}

const char *fonts_default_dir(void)
{
    static char *dir;
    if (dir)
        return dir;
    const char *env = g_getenv("COCPRINT_FONTDIR");
    if (env && *env)
        return dir = g_strdup(env);
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *exe_dir = exe ? g_path_get_dirname(exe) : NULL;
    bool installed = exe_dir && strcmp(exe_dir, COCPRINT_BINDIR) == 0;
    g_free(exe);
    g_free(exe_dir);
    const char *first = installed ? COCPRINT_INSTALLED_FONTDIR : COCPRINT_SOURCE_FONTDIR;
    const char *second = installed ? COCPRINT_SOURCE_FONTDIR : COCPRINT_INSTALLED_FONTDIR;
    return dir = g_strdup(g_file_test(first, G_FILE_TEST_IS_DIR) ? first : second);
}

// A cache folder lets fontconfig skip rescanning the fonts on every run.
static void add_cache_dir(FcConfig *config)
{
    char *cache = g_build_filename(g_get_user_cache_dir(), "cocprint", "fontconfig", NULL);
    if (g_mkdir_with_parents(cache, 0755) == 0 && access(cache, W_OK) == 0) {
        char *esc = g_markup_escape_text(cache, -1);
        char *xml = g_strdup_printf("<?xml version=\"1.0\"?><fontconfig><cachedir>%s</cachedir>"
                                    "</fontconfig>",
                                    esc);
        FcConfigParseAndLoadFromMemory(config, (const FcChar8 *)xml, FcFalse);
        g_free(xml);
        g_free(esc);
    }
    g_free(cache);
}

// 72 dpi (a size in points is a size in points in the PDF), unhinted,
// unrounded: layout in exact PDF units.
static PangoContext *new_context(PangoFontMap *map)
{
    PangoContext *c = pango_font_map_create_context(map);
    pango_cairo_context_set_resolution(c, 72.0);
    pango_context_set_round_glyph_positions(c, FALSE);
    cairo_font_options_t *opts = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(c, opts);
    cairo_font_options_destroy(opts);
    return c;
}

CpFonts *fonts_create(const char *dir)
{
    // Before Pango's font map starts its thread: see fonts/fontconfig.conf.
    char *empty = g_build_filename(dir, "fontconfig.conf", NULL);
    if (!g_getenv("FONTCONFIG_FILE") && g_file_test(empty, G_FILE_TEST_IS_REGULAR))
        g_setenv("FONTCONFIG_FILE", empty, TRUE);
    g_free(empty);
    CpFonts *f = g_new0(CpFonts, 1);
    f->config = FcConfigCreate();
    add_cache_dir(f->config);
    // A family with no bold (Noto Sans Modi, Symbola) is emboldened where
    // bold is asked for, as fontconfig's own 90-synthetic.conf does: else
    // emphasis in those scripts would not show.
    FcConfigParseAndLoadFromMemory(
        f->config,
        (const FcChar8 *)"<?xml version=\"1.0\"?><fontconfig><match target=\"font\">"
                         "<test name=\"weight\" compare=\"less_eq\"><const>medium</const></test>"
                         "<test target=\"pattern\" name=\"weight\" compare=\"more_eq\">"
                         "<const>bold</const></test>"
                         "<edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>"
                         "<edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>"
                         "</match></fontconfig>",
        FcFalse);
    if (!FcConfigAppFontAddDir(f->config, (const FcChar8 *)dir)) {
        diag_error(dir, 0, 0,
                   "cannot read the fonts folder; reinstall cocprint or set "
                   "COCPRINT_FONTDIR");
        fonts_destroy(f);
        return NULL;
    }
    FcFontSet *set = FcConfigGetFonts(f->config, FcSetApplication);
    f->coverage = FcCharSetCreate();
    f->added = g_ptr_array_new_with_free_func(g_free);
    update_coverage(f);
    bool body = false;
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *family;
        if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &family) == FcResultMatch &&
            strcmp((const char *)family, CP_BODY_FAMILY) == 0)
            body = true;
    }
    if (!body) {
        diag_error(dir, 0, 0,
                   "the fonts folder has no %s font; reinstall cocprint or set "
                   "COCPRINT_FONTDIR",
                   CP_BODY_FAMILY);
        fonts_destroy(f);
        return NULL;
    }
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
    f->context = new_context(f->map);
    return f;
}

PangoContext *fonts_context_ltr(CpFonts *f)
{
    if (!f->ltr)
        f->ltr = new_context(f->map);
    return f->ltr;
}

void fonts_destroy(CpFonts *f)
{
    if (!f)
        return;
    if (f->context)
        g_object_unref(f->context);
    if (f->ltr)
        g_object_unref(f->ltr);
    if (f->map) {
        // Fonts hold the map: shutting it down breaks the cycle so the map,
        // and with it our fontconfig set, is freed.
        pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(f->map));
        // Pango 1.50 keeps its reference to the config past finalize: drop it.
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), NULL);
        g_object_unref(f->map);
    }
    if (f->coverage)
        FcCharSetDestroy(f->coverage);
    g_free(f->candidates);
    if (f->system)
        FcConfigDestroy(f->system);
    if (f->added)
        g_ptr_array_free(f->added, TRUE);
    if (f->config)
        FcConfigDestroy(f->config);
    g_free(f);
}

PangoContext *fonts_context(CpFonts *f)
{
    return f->context;
}

// Which face covers a character first: the general faces (Noto Sans, its
// symbols and mathematics: a star must not pull in a CJK font), then a
// script's plain sans, then its serif (some scripts have only that), then
// the other Noto designs, then their UI and display cuts, then Symbola.
// -1: not one cocprint uses.
static int family_rank(const char *family)
{
    static const char *const general[] = {"Noto Sans", "Noto Sans Symbols", "Noto Sans Symbols2",
                                          "Noto Sans Math"};
    if (strcmp(family, "Symbola") == 0)
        return 5;
    if (!g_str_has_prefix(family, "Noto ") || strstr(family, "Color Emoji"))
        return -1;
    for (size_t i = 0; i < G_N_ELEMENTS(general); i++)
        if (strcmp(family, general[i]) == 0)
            return 0;
    if (strstr(family, " UI") || strstr(family, "Display"))
        return 4;
    if (strstr(family, "Mono") || strstr(family, "Looped"))
        return 3;
    if (g_str_has_prefix(family, "Noto Sans "))
        return 1;
    return g_str_has_prefix(family, "Noto Serif") ? 2 : 3;
}

static int int_of(FcPattern *p, const char *object, int fallback)
{
    int v;
    return FcPatternGetInteger(p, object, 0, &v) == FcResultMatch ? v : fallback;
}

// Upright, at WEIGHT, and drawn in outlines: a colour font (Noto Color
// Emoji) would print as 72 ppi pictures with no text.
static bool plain_face(FcPattern *p, int weight)
{
    FcBool color = FcFalse;
    FcPatternGetBool(p, FC_COLOR, 0, &color);
    return !color && int_of(p, FC_WEIGHT, -1) == weight && int_of(p, FC_SLANT, 0) == FC_SLANT_ROMAN;
}

// How far from normal width: a family's condensed cuts come after its
// normal one, and Symbola, which has only a semi-condensed one, still counts.
static int width_off(FcPattern *p)
{
    return abs(int_of(p, FC_WIDTH, FC_WIDTH_NORMAL) - FC_WIDTH_NORMAL);
}

static int styled_regular(FcPattern *p)
{
    FcChar8 *style;
    return FcPatternGetString(p, FC_STYLE, 0, &style) == FcResultMatch &&
           strcmp((const char *)style, "Regular") == 0;
}

static int by_rank(const void *a, const void *b)
{
    const Candidate *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    int c = strcmp(x->family, y->family);
    if (c)
        return c;
    if (width_off(x->pattern) != width_off(y->pattern))
        return width_off(x->pattern) - width_off(y->pattern);
    // Some bold files claim the regular weight too (Noto Serif Myanmar).
    if (styled_regular(x->pattern) != styled_regular(y->pattern))
        return styled_regular(y->pattern) - styled_regular(x->pattern);
    FcChar8 *fx = NULL, *fy = NULL;
    FcPatternGetString(x->pattern, FC_FILE, 0, &fx);
    FcPatternGetString(y->pattern, FC_FILE, 0, &fy);
    return strcmp((const char *)fx, (const char *)fy);
}

// The system faces, from fontconfig's caches (fc-cache runs when a font
// package is installed), so no font file is opened to learn what it covers.
static void load_candidates(CpFonts *f)
{
    f->system = FcConfigCreate();
    FcConfigParseAndLoadFromMemory(f->system,
                                   (const FcChar8 *)"<?xml version=\"1.0\"?><fontconfig>"
                                                    "<cachedir>/var/cache/fontconfig</cachedir>"
                                                    "</fontconfig>",
                                   FcFalse);
    add_cache_dir(f->system);
    for (int i = 0; system_dirs[i]; i++)
        if (g_file_test(system_dirs[i], G_FILE_TEST_IS_DIR))
            FcConfigAppFontAddDir(f->system, (const FcChar8 *)system_dirs[i]);
    FcFontSet *set = FcConfigGetFonts(f->system, FcSetApplication);
    f->candidates = g_new0(Candidate, set ? set->nfont + 1 : 1);
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *family;
        if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &family) != FcResultMatch ||
            !plain_face(set->fonts[i], FC_WEIGHT_REGULAR))
            continue;
        int rank = family_rank((const char *)family);
        if (rank >= 0)
            f->candidates[f->n_candidates++] =
                (Candidate){set->fonts[i], (const char *)family, rank};
    }
    qsort(f->candidates, f->n_candidates, sizeof *f->candidates, by_rank);
}

static void add_file(CpFonts *f, FcPattern *p)
{
    FcChar8 *file;
    if (FcPatternGetString(p, FC_FILE, 0, &file) == FcResultMatch)
        FcConfigAppFontAddFile(f->config, file);
}

// Adds FAMILY's regular face (P) and its bold, once.
static void add_family(CpFonts *f, const char *family, FcPattern *p)
{
    for (guint i = 0; i < f->added->len; i++)
        if (strcmp(f->added->pdata[i], family) == 0)
            return;
    g_ptr_array_add(f->added, g_strdup(family));
    add_file(f, p);
    FcFontSet *set = FcConfigGetFonts(f->system, FcSetApplication);
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *fam;
        if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &fam) == FcResultMatch &&
            strcmp((const char *)fam, family) == 0 && plain_face(set->fonts[i], FC_WEIGHT_BOLD) &&
            width_off(set->fonts[i]) == width_off(p)) {
            add_file(f, set->fonts[i]);
            break;
        }
    }
}

void fonts_require(CpFonts *f, const char *text)
{
    const char *p = fonts_find_missing(f, text, -1);
    if (!p)
        return;
    if (!f->system)
        load_candidates(f);
    bool changed = false;
    // Each missing character takes the first face that has it, and that
    // face's family comes in whole: only what the document needs.
    for (; p; p = fonts_find_missing(f, g_utf8_next_char(p), -1)) {
        gunichar c = g_utf8_get_char(p);
        for (size_t i = 0; i < f->n_candidates; i++) {
            FcCharSet *cs;
            if (FcPatternGetCharSet(f->candidates[i].pattern, FC_CHARSET, 0, &cs) ==
                    FcResultMatch &&
                FcCharSetHasChar(cs, c)) {
                add_family(f, f->candidates[i].family, f->candidates[i].pattern);
                update_coverage(f);
                changed = true;
                break;
            }
        }
    }
    if (changed)
        pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(f->map));
}

// The Noto CJK face that draws a language's forms of the shared Han
// characters: one font file holds them all, and without a rule fontconfig
// would take the first (Japanese) for Chinese too.
static const char *cjk_face(const CpLang *lang)
{
    if (strcmp(lang->primary, "ja") == 0)
        return "Noto Sans CJK JP";
    if (strcmp(lang->primary, "ko") == 0)
        return "Noto Sans CJK KR";
    if (strcmp(lang->primary, "zh") != 0)
        return NULL;
    if (strstr(lang->tag, "-HK") || strstr(lang->tag, "-MO"))
        return "Noto Sans CJK HK";
    if (strstr(lang->tag, "Hant") || strstr(lang->tag, "-TW"))
        return "Noto Sans CJK TC";
    return "Noto Sans CJK SC";
}

void fonts_set_language(CpFonts *f, const CpLang *lang)
{
    const char *face = cjk_face(lang);
    if (face) {
        char *xml = g_strdup_printf("<?xml version=\"1.0\"?><fontconfig><match target=\"pattern\">"
                                    "<edit name=\"family\" mode=\"append\"><string>%s</string>"
                                    "</edit></match></fontconfig>",
                                    face);
        FcConfigParseAndLoadFromMemory(f->config, (const FcChar8 *)xml, FcFalse);
        g_free(xml);
        pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(f->map));
    }
    pango_context_set_language(f->context, lang->pango);
    pango_context_set_base_dir(f->context, lang->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
}

static bool never_drawn(gunichar c)
{
    // Variation selectors choose a form (text or emoji) and have no glyph.
    if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF))
        return true;
    switch (g_unichar_type(c)) {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
        return true;
    default:
        return false;
    }
}

const char *fonts_find_missing(const CpFonts *f, const char *text, gssize len)
{
    const char *end = len < 0 ? text + strlen(text) : text + len;
    for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!never_drawn(c) && !FcCharSetHasChar(f->coverage, c))
            return p;
    }
    return NULL;
}

// LANG: NULL for the context's.
static void metrics_in(PangoContext *ctx, const PangoFontDescription *desc, PangoLanguage *lang,
                       double *ascent, double *descent)
{
    GHashTable *cache = g_object_get_data(G_OBJECT(ctx), "cocprint-metrics");
    if (!cache) {
        cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_object_set_data_full(G_OBJECT(ctx), "cocprint-metrics", cache,
                               (GDestroyNotify)g_hash_table_destroy);
    }
    double size = pango_font_description_get_size(desc) / (double)PANGO_SCALE;
    PangoFontDescription *ref = pango_font_description_copy(desc);
    pango_font_description_set_size(ref, 100 * PANGO_SCALE);
    char *face = pango_font_description_to_string(ref);
    // The serial changes when fonts are added to the context's font map.
    char *key = g_strdup_printf(
        "%s|%s|%u", face, pango_language_to_string((lang ? lang : pango_context_get_language(ctx))),
        pango_context_get_serial(ctx));
    g_free(face);
    double *m = g_hash_table_lookup(cache, key);
    if (!m) {
        PangoFontMetrics *pm = pango_context_get_metrics(ctx, ref, lang);
        m = g_new(double, 2);
        m[0] = pango_font_metrics_get_ascent(pm) / (double)PANGO_SCALE / 100;
        m[1] = pango_font_metrics_get_descent(pm) / (double)PANGO_SCALE / 100;
        pango_font_metrics_unref(pm);
        g_hash_table_insert(cache, key, m);
    } else {
        g_free(key);
    }
    pango_font_description_free(ref);
    *ascent = m[0] * size;
    *descent = m[1] * size;
}

void fonts_metrics(PangoContext *ctx, const PangoFontDescription *desc, double *ascent,
                   double *descent)
{
    metrics_in(ctx, desc, NULL, ascent, descent);
}

void fonts_metrics_of(PangoContext *ctx, const PangoFontDescription *desc, const char *text,
                      double *ascent, double *descent)
{
    // Pango measures a language's fonts: in an Arabic document Noto Sans
    // Arabic's, whose ascent and descent are far taller than Lato's. Only
    // text with a letter of the document's own script (other than Latin)
    // is measured so; the rest (a Latin name, a number, an address, a
    // Hebrew name on an Arabic page) is measured as in an English one.
    PangoLanguage *own = pango_context_get_language(ctx);
    bool own_script = false;
    for (const char *p = text; !own_script && p && *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        GUnicodeScript sc = g_unichar_get_script(c);
        own_script = c >= 0x80 && g_unichar_isalpha(c) && sc != G_UNICODE_SCRIPT_LATIN &&
                     pango_language_includes_script(own, (PangoScript)sc);
    }
    metrics_in(ctx, desc, own_script ? NULL : pango_language_from_string("en"), ascent, descent);
}
