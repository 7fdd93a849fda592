#include "lang.h"

#include "diag.h"

#include <glib.h>
#include <string.h>

static const char *const rtl_langs[] = {"ar", "fa", "he", "ur",  "yi", "ps",
                                        "sd", "ug", "dv", "ckb", NULL};
// Scripts whose fonts (and typographic habit) have no italic.
static const char *const no_italic[] = {"zh", "ja", "ko", "ar", "fa", "he", "ur", "yi", "hi", "mr",
                                        "ne", "bn", "as", "gu", "pa", "kn", "ta", "te", "ml", "or",
                                        "si", "th", "lo", "km", "my", "am", "ti", NULL};

static bool in(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}

static bool is_alnum_run(const char *s, size_t n, size_t lo, size_t hi)
{
    if (n < lo || n > hi)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!g_ascii_isalnum(s[i]))
            return false;
    return true;
}

// Tags retired from ISO 639 that files still carry.
static const struct {
    const char *from, *to;
} legacy[] = {{"iw", "he"},         {"in", "id"},         {"ji", "yi"},
              {"jw", "jv"},         {"mo", "ro"},         {"zh-cn", "zh-Hans"},
              {"zh-sg", "zh-Hans"}, {"zh-tw", "zh-Hant"}, {"zh-hk", "zh-Hant"},
              {"zh-mo", "zh-Hant"}, {"zh", "zh-Hans"},    {"zh-chs", "zh-Hans"},
              {"zh-cht", "zh-Hant"}};

static void find_dictionary(CpLang *l)
{
    l->hyphen_dict[0] = '\0';
    const char *dirs[] = {"/usr/share/hyphen", "/usr/local/share/hyphen", NULL};
    // hyph_de_DE.dic for de-DE, then hyph_de.dic, then any hyph_de_*.dic.
    char region[16] = "";
    const char *dash = strchr(l->tag, '-');
    if (dash && strlen(dash + 1) == 2)
        g_strlcpy(region, dash + 1, sizeof region);
    for (int d = 0; dirs[d]; d++) {
        char *names[2] = {region[0] ? g_strdup_printf("hyph_%s_%s.dic", l->primary, region) : NULL,
                          g_strdup_printf("hyph_%s.dic", l->primary)};
        for (int i = 0; i < 2 && !l->hyphen_dict[0]; i++) {
            if (!names[i])
                continue;
            char *p = g_build_filename(dirs[d], names[i], NULL);
            if (g_file_test(p, G_FILE_TEST_EXISTS))
                g_strlcpy(l->hyphen_dict, p, sizeof l->hyphen_dict);
            g_free(p);
        }
        g_free(names[0]);
        g_free(names[1]);
        if (!l->hyphen_dict[0]) {
            GDir *dir = g_dir_open(dirs[d], 0, NULL);
            char *prefix = g_strdup_printf("hyph_%s_", l->primary);
            const char *name;
            char *best = NULL;
            // The first in name order, so the choice does not depend on the file system.
            while (dir && (name = g_dir_read_name(dir)))
                if (g_str_has_prefix(name, prefix) && g_str_has_suffix(name, ".dic") &&
                    (!best || strcmp(name, best) < 0)) {
                    g_free(best);
                    best = g_strdup(name);
                }
            if (best) {
                char *p = g_build_filename(dirs[d], best, NULL);
                g_strlcpy(l->hyphen_dict, p, sizeof l->hyphen_dict);
                g_free(p);
            }
            g_free(best);
            g_free(prefix);
            if (dir)
                g_dir_close(dir);
        }
        if (l->hyphen_dict[0])
            return;
    }
}

bool lang_resolve(const char *tag, CpLang *out)
{
    memset(out, 0, sizeof *out);
    if (!tag || strlen(tag) >= sizeof out->tag - 8)
        return false;
    char *t = g_ascii_strdown(tag, -1);
    g_strdelimit(t, "_", '-');
    for (size_t i = 0; i < G_N_ELEMENTS(legacy); i++)
        // iw-IL is he-IL; but zh-Hant must not become zh-Hans-Hant.
        if (strcmp(t, legacy[i].from) == 0 ||
            (strlen(legacy[i].from) == 2 && strcmp(legacy[i].from, "zh") != 0 &&
             g_str_has_prefix(t, legacy[i].from) && t[2] == '-')) {
            char *n = g_strconcat(legacy[i].to, t + strlen(legacy[i].from), NULL);
            g_free(t);
            t = g_ascii_strdown(n, -1);
            g_free(n);
            break;
        }
    // primary(-subtag)*: 2-3 letters, then 2-8 alphanumerics each.
    char **parts = g_strsplit(t, "-", -1);
    bool ok = parts[0] && is_alnum_run(parts[0], strlen(parts[0]), 2, 3);
    for (int i = 0; ok && parts[0][i]; i++)
        ok = g_ascii_isalpha(parts[0][i]);
    GString *canon = g_string_new(parts[0]);
    // parts[0] is what comes before the first separator: nothing, or (for a
    // bare code) the only, empty, list.
    for (int i = 1; ok && parts[0] && parts[i]; i++) {
        size_t n = strlen(parts[i]);
        ok = is_alnum_run(parts[i], n, 1, 8);
        g_string_append_c(canon, '-');
        if (n == 4) { // script: Hant
            g_string_append_c(canon, g_ascii_toupper(parts[i][0]));
            g_string_append(canon, parts[i] + 1);
        } else if (n == 2) { // region: BR
            char *up = g_ascii_strup(parts[i], -1);
            g_string_append(canon, up);
            g_free(up);
        } else {
            g_string_append(canon, parts[i]);
        }
    }
    if (ok) {
        g_strlcpy(out->tag, canon->str, sizeof out->tag);
        g_strlcpy(out->primary, parts[0], sizeof out->primary);
        out->pango = pango_language_from_string(out->tag);
        out->rtl = in(rtl_langs, out->primary);
        out->italic = !in(no_italic, out->primary);
        find_dictionary(out);
    }
    g_string_free(canon, TRUE);
    g_strfreev(parts);
    g_free(t);
    return ok;
}

// ISO 639-1, as it stands (retired codes such as "in" are not here): a bare
// file or folder name is a language only when it is one of these.
static const char iso639_1[] =
    " aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv"
    " cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho"
    " hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku"
    " kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn"
    " no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm"
    " sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi"
    " vo wa wo xh yi yo za zh zu ";

// NAME as a site generator writes a translation's language: a lower-case
// ISO 639-1 code, perhaps with a script or region ("pt-br", "zh_CN",
// "zh-Hant").
static bool known_tag(const char *name)
{
    size_t n = strlen(name);
    if (n < 2 || !g_ascii_islower(name[0]) || !g_ascii_islower(name[1]) ||
        (n > 2 && name[2] != '-' && name[2] != '_'))
        return false;
    char code[5] = {' ', name[0], name[1], ' ', '\0'};
    if (!strstr(iso639_1, code))
        return false;
    // Then a script, a region, or both: "-Hant", "-br", "-419", "-Hant-TW";
    // not any word ("my-app", "es-modules").
    char **parts = g_strsplit_set(name + 2, "-_", -1);
    bool ok = true;
    int script = 0, region = 0;
    // parts[0] is what comes before the first separator: nothing, or (for a
    // bare code) the only, empty, list.
    for (int i = 1; ok && parts[0] && parts[i]; i++) {
        size_t k = strlen(parts[i]);
        bool alpha = k > 0, digit = k > 0;
        for (size_t j = 0; j < k; j++) {
            alpha &= g_ascii_isalpha(parts[i][j]) != 0;
            digit &= g_ascii_isdigit(parts[i][j]) != 0;
        }
        if (k == 4 && alpha && !script && !region)
            script++;
        else if (((k == 2 && alpha) || (k == 3 && digit)) && !region)
            region++;
        else
            ok = false;
    }
    g_strfreev(parts);
    CpLang l;
    return ok && lang_resolve(name, &l);
}

char *lang_from_filename(const char *path)
{
    char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    if (dot && (g_ascii_strcasecmp(dot, ".md") == 0 || g_ascii_strcasecmp(dot, ".markdown") == 0))
        *dot = '\0';
    dot = strrchr(base, '.');
    char *tag = NULL;
    CpLang l;
    if (dot && dot[1] && lang_resolve(dot + 1, &l))
        tag = g_strdup(dot + 1); // code-of-conduct.ar.md, index.ar.md
    else if (!dot && known_tag(base))
        tag = g_strdup(base); // ar.md
    g_free(base);
    return tag;
}

// How many folders up a translation's language may be named:
// _i18n/ar/pages/conduct.md.
#define FOLDER_LEVELS 3

// Folders that site generators keep translations under.
static const char *const roots[] = {"content",      "i18n",     "_i18n",         "locales",
                                    "locale",       "l10n",     "lang",          "languages",
                                    "translations", "_locales", "_translations", NULL};

// Whether FOLDER (in PARENT) has a sibling folder named as a language too:
// en/ beside ar/. Reads at most a few hundred names.
static bool has_language_sibling(const char *parent, const char *folder)
{
    GDir *d = g_dir_open(parent, 0, NULL);
    const char *name;
    bool found = false;
    for (int n = 0; d && !found && n < 500 && (name = g_dir_read_name(d)); n++)
        if (strcmp(name, folder) != 0 && known_tag(name)) {
            char *p = g_build_filename(parent, name, NULL);
            found = g_file_test(p, G_FILE_TEST_IS_DIR);
            g_free(p);
        }
    if (d)
        g_dir_close(d);
    return found;
}

// A folder named like a language is taken for one only where sites put
// translations: under a translations root (content/ar/), beside another
// language's folder (en/ and ar/), or holding the page as its index
// (ar/index.md). A lone hr/ or it/ may be a department's or a topic's.
static bool language_folder(const char *dir, const char *name, bool index)
{
    if (!known_tag(name))
        return false;
    char *parent = g_path_get_dirname(dir);
    char *up = g_path_get_basename(parent);
    bool ok = index;
    for (int i = 0; !ok && roots[i]; i++)
        ok = strcmp(up, roots[i]) == 0;
    ok = ok || has_language_sibling(parent, name);
    g_free(up);
    g_free(parent);
    return ok;
}

static bool is_index(const char *path)
{
    char *base = g_path_get_basename(path);
    char *dot = strchr(base, '.');
    if (dot)
        *dot = '\0';
    bool yes = g_ascii_strcasecmp(base, "index") == 0 || g_ascii_strcasecmp(base, "_index") == 0 ||
               g_ascii_strcasecmp(base, "readme") == 0;
    g_free(base);
    return yes;
}

char *lang_from_path(const char *path)
{
    char *tag = lang_from_filename(path);
    char *dir = g_path_get_dirname(path);
    // ar/index.md, content/ar/conduct.md, _i18n/ar/...: the nearest folder
    // named as a language where sites keep translations.
    for (int i = 0; !tag && i < FOLDER_LEVELS && strcmp(dir, ".") != 0 && strcmp(dir, "/") != 0;
         i++) {
        char *name = g_path_get_basename(dir);
        if (language_folder(dir, name, i == 0 && is_index(path)))
            tag = g_strdup(name);
        g_free(name);
        char *up = g_path_get_dirname(dir);
        g_free(dir);
        dir = up;
    }
    g_free(dir);
    return tag;
}

// What a text mostly written in SCRIPT is likely written in, for the hint.
static const struct {
    GUnicodeScript script;
    const char *name, *tags;
} script_hints[] = {
    {G_UNICODE_SCRIPT_ARABIC, "Arabic", "ar, fa or ur"},
    {G_UNICODE_SCRIPT_HEBREW, "Hebrew", "he"},
    {G_UNICODE_SCRIPT_CYRILLIC, "Cyrillic", "ru, uk, bg, sr or mk"},
    {G_UNICODE_SCRIPT_GREEK, "Greek", "el"},
    {G_UNICODE_SCRIPT_HAN, "Han", "zh-Hans, zh-Hant or ja"},
    {G_UNICODE_SCRIPT_HIRAGANA, "Japanese", "ja"},
    {G_UNICODE_SCRIPT_KATAKANA, "Japanese", "ja"},
    {G_UNICODE_SCRIPT_HANGUL, "Korean", "ko"},
    {G_UNICODE_SCRIPT_THAI, "Thai", "th"},
    {G_UNICODE_SCRIPT_LAO, "Lao", "lo"},
    {G_UNICODE_SCRIPT_KHMER, "Khmer", "km"},
    {G_UNICODE_SCRIPT_MYANMAR, "Myanmar", "my"},
    {G_UNICODE_SCRIPT_DEVANAGARI, "Devanagari", "hi, mr or ne"},
    {G_UNICODE_SCRIPT_BENGALI, "Bengali", "bn or as"},
    {G_UNICODE_SCRIPT_GUJARATI, "Gujarati", "gu"},
    {G_UNICODE_SCRIPT_GURMUKHI, "Gurmukhi", "pa"},
    {G_UNICODE_SCRIPT_KANNADA, "Kannada", "kn"},
    {G_UNICODE_SCRIPT_TAMIL, "Tamil", "ta"},
    {G_UNICODE_SCRIPT_TELUGU, "Telugu", "te"},
    {G_UNICODE_SCRIPT_MALAYALAM, "Malayalam", "ml"},
    {G_UNICODE_SCRIPT_SINHALA, "Sinhala", "si"},
    {G_UNICODE_SCRIPT_ETHIOPIC, "Ethiopic", "am or ti"},
    {G_UNICODE_SCRIPT_GEORGIAN, "Georgian", "ka"},
    {G_UNICODE_SCRIPT_ARMENIAN, "Armenian", "hy"},
    {G_UNICODE_SCRIPT_TIBETAN, "Tibetan", "bo"},
};

// The script most of TEXT's letters are in, when that is not Latin, the
// script English is written in; else G_UNICODE_SCRIPT_LATIN.
static GUnicodeScript main_script(const char *text)
{
    guint count[256] = {0}; // by GUnicodeScript
    guint letters = 0, best_n = 0;
    GUnicodeScript best = G_UNICODE_SCRIPT_LATIN;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        GUnicodeScript sc = c < 0x80 ? G_UNICODE_SCRIPT_LATIN : g_unichar_get_script(c);
        // Letters of no one script (mathematical bold) say nothing.
        if (!(c < 0x80 ? g_ascii_isalpha((char)c) : g_unichar_isalpha(c)) ||
            sc == G_UNICODE_SCRIPT_INVALID_CODE || sc == G_UNICODE_SCRIPT_COMMON ||
            sc == G_UNICODE_SCRIPT_INHERITED || (unsigned)sc >= G_N_ELEMENTS(count))
            continue;
        // Kana and Han together are Japanese.
        if (sc == G_UNICODE_SCRIPT_KATAKANA)
            sc = G_UNICODE_SCRIPT_HIRAGANA;
        letters++;
        if (++count[sc] > best_n)
            best = sc, best_n = count[sc];
    }
    // Japanese writes kana among its Han characters; Chinese may quote one.
    if (best == G_UNICODE_SCRIPT_HAN && count[G_UNICODE_SCRIPT_HIRAGANA] * 10 >= best_n)
        best = G_UNICODE_SCRIPT_HIRAGANA;
    return count[G_UNICODE_SCRIPT_LATIN] * 2 >= letters ? G_UNICODE_SCRIPT_LATIN : best;
}

// No language given anywhere and English assumed: say so when the text is
// mostly in a script English is not written in.
static void warn_script(const char *path, const char *text)
{
    GUnicodeScript sc = text ? main_script(text) : G_UNICODE_SCRIPT_LATIN;
    if (sc == G_UNICODE_SCRIPT_LATIN)
        return;
    const char *name = NULL, *tags = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(script_hints); i++)
        if (script_hints[i].script == sc)
            name = script_hints[i].name, tags = script_hints[i].tags;
    const char *why = "so it is set as English (labels, line breaks, hyphenation, the PDF's /Lang)";
    if (!name) {
        char code[5] = {0};
        guint32 iso = g_unicode_script_to_iso15924(sc);
        for (int i = 0; i < 4; i++)
            code[i] = (char)(iso >> (24 - 8 * i) & 0xFF);
        diag_warn(path, 0, 0,
                  "most of the text is in a script other than Latin (ISO 15924 '%s'), but no "
                  "language is given, %s; give its BCP 47 tag with 'lang:' in the front matter "
                  "or --lang, or name the file as a translation (conduct.TAG.md)",
                  code, why);
        return;
    }
    // The first tag as the example: "ar" of "ar, fa or ur".
    char *first = g_strndup(tags, strcspn(tags, ", "));
    diag_warn(path, 0, 0,
              "most of the text is in %s script, but no language is given, %s; give its "
              "language (%s) with 'lang: %s' in the front matter or --lang %s, or name the file "
              "as a translation (conduct.%s.md, %s/conduct.md)",
              name, why, tags, first, first, first, first);
    g_free(first);
}

bool lang_choose(const char *flag, const char *front, const char *path, const char *text,
                 CpLang *out)
{
    char *from_name = lang_from_path(path);
    const char *tag = flag ? flag : front ? front : from_name ? from_name : "en";
    bool ok = lang_resolve(tag, out);
    if (!ok)
        diag_error(flag ? NULL : path, 0, 0,
                   "'%s' is not a language tag; write it as BCP 47, such as en, fr, pt-BR or "
                   "zh-Hant",
                   tag);
    else if (!flag && !front && !from_name)
        warn_script(path, text);
    g_free(from_name);
    return ok;
}
