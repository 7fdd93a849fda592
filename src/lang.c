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
    for (int i = 1; ok && parts[i]; i++) {
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
        tag = g_strdup(dot + 1);
    g_free(base);
    return tag;
}

bool lang_choose(const char *flag, const char *front, const char *path, CpLang *out)
{
    char *from_name = lang_from_filename(path);
    const char *tag = flag ? flag : front ? front : from_name ? from_name : "en";
    bool ok = lang_resolve(tag, out);
    if (!ok)
        diag_error(flag ? NULL : path, 0, 0,
                   "'%s' is not a language tag; write it as BCP 47, such as en, fr, pt-BR or "
                   "zh-Hant",
                   tag);
    g_free(from_name);
    return ok;
}
