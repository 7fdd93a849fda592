// Characters that may not print: what the paper shows must be what the
// source says, so controls and characters that reorder or hide text are
// refused where they could change it.
#pragma once
#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    // Any printed text: no control character but tab and line feed, no
    // bidi embedding or override (U+202A to U+202E), which reorder what
    // follows them (digits included) up to the end of the paragraph.
    CP_CHARS_TEXT,
    // Phone numbers, emails and URLs: also no invisible format character
    // (bidi isolates and marks, zero-width spaces and joiners, soft hyphen,
    // U+FEFF and every other Cf), no tab, line feed or line or paragraph
    // separator: a number must read as it is dialled, on one line.
    CP_CHARS_CONTACT,
} CpCharRule;

/* The first character of TEXT (LEN bytes, -1: NUL-terminated, valid UTF-8)
 * that RULE refuses, or NULL. */
const char *chars_find(const char *text, gssize len, CpCharRule rule);

/* True when RULE refuses C. */
bool chars_refused(gunichar c, CpCharRule rule);

/* "U+202E RIGHT-TO-LEFT OVERRIDE": the code point and, where known, its
 * name; for messages. Newly allocated. */
char *chars_describe(gunichar c);

/* Checks a whole text file as read (DATA, LEN bytes, valid UTF-8): no
 * control character but tab, line feed and the carriage return of a CRLF
 * line end; from byte TEXT_FROM on (the Markdown after its front matter),
 * no embedding or override either (before it, in YAML or TOML, each field's
 * own check names the field). Reports the first refused character as
 * FILE:LINE:COL and returns false. */
bool chars_check_file(const char *file, const char *data, size_t len, size_t text_from);

/* Reports character C, refused in printed text, at FILE:LINE:COL. */
void chars_report(const char *file, int line, int col, gunichar c);

/* Line and column (1-based, column in characters) of P in DATA, which
 * need not be valid UTF-8 before P. */
void chars_position(const char *data, const char *p, int *line, int *col);

/* Where code point C was written in DATA on lines FROM to TO (0: to the
 * end): as itself, or as a numeric character reference (&#x202E; &#8238;).
 * False if not found there. */
bool chars_locate(const char *data, int from, int to, gunichar c, int *line, int *col);

/* Closes the bidi isolates (U+2066 to U+2068) TEXT leaves open with U+2069,
 * so none reaches into the text printed after it. Returns TEXT, or a new
 * string that replaces it (TEXT is then freed). */
char *chars_close_isolates(char *text);
