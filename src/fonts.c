#include "fonts.h"

#include "config.h"
#include "diag.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>
#include <unistd.h>

// Script fonts from Debian's fonts-noto-core and fonts-noto-cjk, loaded when
// a document needs them. Lato covers Latin, Greek and Cyrillic itself.
static const char *const script_fonts[] = {
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansBengali-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansGujarati-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansGujarati-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansKannada-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansKannada-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Bold.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf", // task boxes
    NULL,
};

struct CpFonts {
    FcConfig *config;
    PangoFontMap *map;
    PangoContext *context;
    PangoContext *ltr;   // made on demand
    FcCharSet *coverage; // union of every font's characters
    bool scripts;        // the script fonts are loaded
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
    if (!FcConfigAppFontAddDir(f->config, (const FcChar8 *)dir)) {
        diag_error(dir, 0, 0,
                   "cannot read the fonts folder; reinstall cocprint or set "
                   "COCPRINT_FONTDIR");
        fonts_destroy(f);
        return NULL;
    }
    FcFontSet *set = FcConfigGetFonts(f->config, FcSetApplication);
    f->coverage = FcCharSetCreate();
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
    if (f->config)
        FcConfigDestroy(f->config);
    g_free(f);
}

PangoContext *fonts_context(CpFonts *f)
{
    return f->context;
}

void fonts_require(CpFonts *f, const char *text)
{
    if (f->scripts || !fonts_find_missing(f, text, -1))
        return;
    f->scripts = true;
    for (int i = 0; script_fonts[i]; i++)
        if (g_file_test(script_fonts[i], G_FILE_TEST_EXISTS))
            FcConfigAppFontAddFile(f->config, (const FcChar8 *)script_fonts[i]);
    update_coverage(f);
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

void fonts_metrics(PangoContext *ctx, const PangoFontDescription *desc, double *ascent,
                   double *descent)
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
    char *key =
        g_strdup_printf("%s|%s|%u", face, pango_language_to_string(pango_context_get_language(ctx)),
                        pango_context_get_serial(ctx));
    g_free(face);
    double *m = g_hash_table_lookup(cache, key);
    if (!m) {
        PangoFontMetrics *pm = pango_context_get_metrics(ctx, ref, NULL);
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
