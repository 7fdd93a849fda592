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
    int body_line; // source line of the body's first line
} CpSource;

/* The largest Markdown or event file read: a code of conduct is rarely over
 * 50 KB, and laying out more than this takes more than seconds. */
#define CP_MAX_SOURCE_BYTES (1024 * 1024)

/* Reads and checks PATH: readable, not empty, valid UTF-8, no NUL byte,
 * front matter closed. Prints an error and returns NULL otherwise. */
CpSource *source_load(const char *path);

/* The same checks on a buffer; NAME is used in messages. */
CpSource *source_create(const char *name, const char *dir, const char *data, size_t len);

void source_destroy(CpSource *src);

/* Reads PATH (WHAT names it in messages: "file", "event data"), refusing
 * files over CP_MAX_SOURCE_BYTES. Prints the error and returns false. */
bool source_read_file(const char *path, const char *what, char **data, size_t *len);

/* Line and column (1-based, column in characters) of P inside src->data. */
void source_position(const CpSource *src, const char *p, int *line, int *col);
