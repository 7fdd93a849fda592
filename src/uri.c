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

// Letters and digits of any script (an internationalised name), '-' and '.'.
static bool host_char(char c)
{
    return g_ascii_isalnum(c) || c == '-' || c == '.' || (unsigned char)c >= 0x80;
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
    const char *at = memchr(p, '@', (size_t)(end - p));
    if (at)
        return false;
    const char *host = p, *host_end;
    if (*host == '[') {
        host_end = memchr(host, ']', (size_t)(end - host));
        if (!host_end || host_end == host + 1)
            return false;
        for (const char *q = host + 1; q < host_end; q++)
            if (!g_ascii_isxdigit(*q) && *q != ':' && *q != '.')
                return false;
        host_end++;
    } else {
        host_end = host;
        while (host_end < end && host_char(*host_end))
            host_end++;
        // A host has a letter or digit, and does not start or end with a dot.
        if (host_end == host || *host == '.' || *host == '-' || host_end[-1] == '.' ||
            host_end[-1] == '-')
            return false;
    }
    if (host_end < end && *host_end == ':') {
        const char *q = host_end + 1;
        while (q < end && g_ascii_isdigit(*q))
            q++;
        if (q != end || q - host_end > 6)
            return false;
        return true;
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
