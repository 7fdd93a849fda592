// Source: the Markdown file as read, checked, and split from its front matter.
#pragma once
#include <stdbool.h>
#include <stddef.h>

typedef enum { CP_FM_NONE, CP_FM_YAML, CP_FM_TOML } CpFrontMatterKind;

typedef struct {
    char *path; // as given on the command line
    char *dir;  // folder holding the file, for images and event.yml
    char *data; // the whole file, NUL-terminated (checked to hold no NUL)
    size_t len;
    CpFrontMatterKind fm_kind;
    const char *fm; // front matter text between the fences, inside data
    size_t fm_len;
    int fm_line;      // source line of the front matter's first line
    const char *body; // Markdown after the front matter, inside data
    size_t body_len;
    int body_line;    // source line of the body's first line
    bool allow_links; // --allow-links: images may link outside their folder
    // A fragment cut from a larger file (a badge summary from the event
    // data): that file's text, where positions are looked up; else NULL.
    const char *origin;
} CpSource;

/* The largest event data file (or manifest) read. */
#define CP_MAX_SOURCE_BYTES (1024 * 1024)

/* The most Markdown one run reads, every input together: 17 times the longest
 * policy in our corpus (15 KB), and about a second of layout per output at
 * worst; a megabyte took over 5 s for the handout alone. */
#define CP_MAX_MARKDOWN_BYTES (256 * 1024)

/* How one input file is read, and how its errors are reported. */
typedef struct {
    const char *what; // names it in messages: "file", "event data", "image 'a.png'"
    size_t limit;     // the most bytes it may have
    bool allow_links; // --allow-links: a symbolic link may point outside its folder
    const char *file; // report errors at FILE:LINE:COL (NULL: the path itself)
    int line, col;
} CpReadSpec;

/* Reads and checks PATH: a regular file (a symbolic link only to a file in
 * its own folder, unless ALLOW_LINKS, and never into a .git folder), not
 * empty, valid UTF-8, no NUL byte, no control character or bidi override,
 * front matter closed. Prints an error and returns NULL otherwise. */
CpSource *source_load(const char *path, bool allow_links);

/* Adds SRC's size to *TOTAL, the Markdown read so far in a run. False, after
 * an error naming SRC, when that passes CP_MAX_MARKDOWN_BYTES. */
bool source_add_up(const CpSource *src, size_t *total);

/* The name messages give PATH: "<stdin>" for "-", which source_load and
 * source_read_file read from standard input (once in a run, through the
 * same limit). */
const char *source_name(const char *path);

/* The same checks on a buffer; NAME is used in messages. */
CpSource *source_create(const char *name, const char *dir, const char *data, size_t len);

void source_destroy(CpSource *src);

/* Reads PATH as SPEC says. Refused before a byte is read: a symbolic link
 * to a file outside the link's folder (unless spec->allow_links), anything
 * inside a .git folder, anything but a regular file (a FIFO would block, a
 * device never end), a file over spec->limit. The read itself stops at the
 * limit. *DATA is NUL-terminated. Prints the error and returns false. */
bool source_read_file(const char *path, const CpReadSpec *spec, char **data, size_t *len);
