#include "uri.h"

#include <glib.h>
#include <string.h>

// What RFC 3986 lets stand as itself in a URI, minus the characters that
// mean something inside a PDF string or a cairo tag attribute: ( ) ' and *.
static bool plain_byte(unsigned char c)
{
    return g_ascii_isalnum(c) || (c && strchr("-._~:/?#[]@!$&+,;=", c));
}

char *uri_encode_for_pdf(const char *url)
{
    GString *s = g_string_sized_new(strlen(url) + 8);
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (plain_byte(*p))
            g_string_append_c(s, (char)*p);
        else if (*p == '%' && g_ascii_isxdigit(p[1]) && g_ascii_isxdigit(p[2]))
            g_string_append_c(s, '%'); // already encoded: keep it so
        else
            g_string_append_printf(s, "%%%02X", *p);
    }
    return g_string_free(s, FALSE);
}

// A host name: dot-separated labels of letters, digits and '-' (letters of
// any script, for an internationalised name), none empty, none starting or
// ending with '-'; a name whose last label is all digits must be an IPv4
// address. Anything else (a space, U+2215 DIVISION SLASH posing as a '/',
// a line separator) is not part of a host.
static bool host_name(const char *host, size_t n)
{
    char *h = g_strndup(host, n);
    bool ok = n > 0 && n <= 253 && g_utf8_validate(h, -1, NULL);
    char **labels = ok ? g_strsplit(h, ".", -1) : NULL;
    guint count = labels ? g_strv_length(labels) : 0;
    for (guint i = 0; ok && i < count; i++) {
        const char *l = labels[i];
        size_t len = strlen(l);
        // A final dot (example.org.) is a fully qualified name.
        if (len == 0 && i == count - 1 && i > 0)
            continue;
        ok = len > 0 && len <= 63 && l[0] != '-' && l[len - 1] != '-';
        for (const char *q = l; ok && *q; q = g_utf8_next_char(q)) {
            gunichar c = g_utf8_get_char(q);
            ok = c == '-' || (c < 0x80 ? g_ascii_isalnum((char)c)
                                       : g_unichar_isalnum(c) || g_unichar_ismark(c));
        }
    }
    if (ok && count > 0) {
        const char *last = labels[count - 1];
        if (!*last && count > 1)
            last = labels[count - 2];
        bool digits = *last != '\0';
        for (const char *q = last; *q; q++)
            digits = digits && g_ascii_isdigit(*q);
        if (digits)
            ok = g_hostname_is_ip_address(h);
    }
    g_strfreev(labels);
    g_free(h);
    return ok;
}

static bool web(const char *url, bool spaces)
{
    const char *p;
    if (g_ascii_strncasecmp(url, "https://", 8) == 0)
        p = url + 8;
    else if (g_ascii_strncasecmp(url, "http://", 7) == 0)
        p = url + 7;
    else
        return false;
    for (const unsigned char *q = (const unsigned char *)url; *q; q++)
        if (*q < ' ' || *q == 0x7F || (*q == ' ' && !spaces))
            return false; // controls (and spaces, in a field): not one URL
    // userinfo@ would let the printed host differ from the real one.
    const char *end = p + strcspn(p, "/?#");
    if (memchr(p, '@', (size_t)(end - p)))
        return false;
    const char *host = p, *host_end;
    if (*host == '[') {
        host_end = memchr(host, ']', (size_t)(end - host));
        if (!host_end)
            return false;
        char *v6 = g_strndup(host + 1, (size_t)(host_end - host - 1));
        bool ip = strchr(v6, ':') && g_hostname_is_ip_address(v6);
        g_free(v6);
        if (!ip)
            return false;
        host_end++;
    } else {
        host_end = host;
        while (host_end < end && *host_end != ':')
            host_end++;
        if (!host_name(host, (size_t)(host_end - host)))
            return false;
    }
    if (host_end < end && *host_end == ':') {
        // A port: 1 to 65535, digits only.
        const char *q = host_end + 1;
        long port = 0;
        while (q < end && g_ascii_isdigit(*q) && port <= 65535)
            port = port * 10 + (*q++ - '0');
        return q == end && port >= 1 && port <= 65535;
    }
    return host_end == end;
}

bool uri_is_web(const char *url)
{
    return web(url, false);
}

bool uri_is_web_link(const char *url)
{
    return web(url, true);
}

bool uri_is_mailto(const char *url)
{
    if (g_ascii_strncasecmp(url, "mailto:", 7) != 0)
        return false;
    const char *addr = url + 7;
    for (const unsigned char *q = (const unsigned char *)addr; *q; q++)
        if (*q <= ' ' || *q == 0x7F)
            return false;
    const char *at = strchr(addr, '@');
    return at && at > addr && at[1] && at[1] != '?';
}
