// Output: every file of a run is made in memory first, then written to
// temporary files and renamed into place together, so a failed run leaves
// the output folder as it was.
#pragma once
#include <glib.h>
#include <stdbool.h>

typedef struct CpOutput CpOutput;

CpOutput *output_create(const char *dir);
void output_destroy(CpOutput *out);

/* Queues NAME (a file name inside the folder) with DATA (referenced). */
void output_add(CpOutput *out, const char *name, GBytes *data);

/* Queues NAME for removal once every new file is in place: a file the last
 * run made that this one does not. */
void output_remove(CpOutput *out, const char *name);

/* Writes every queued file, or none: prints why and returns false when any
 * write fails, leaving the folder as it was. */
bool output_commit(CpOutput *out);
