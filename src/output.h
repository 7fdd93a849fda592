// Output: every file of a run is made in memory first, then written to
// temporary files and renamed into place together, so a failed run leaves
// the output folder as it was; one run at a time, under a lock.
#pragma once
#include <glib.h>
#include <stdbool.h>

typedef struct CpOutput CpOutput;

/* An output folder DIR. OURS tells the file names cocprint gives its files
 * (what an interrupted run of ours may have left half-made). */
CpOutput *output_create(const char *dir, bool (*ours)(const char *name));

/* Releases the lock (and removes its file). When nothing was committed,
 * removes the folders output_lock made (a failed run leaves no empty folders
 * behind). */
void output_destroy(CpOutput *out);

const char *output_dir(const CpOutput *out);

/* Creates the folder (and its parents) if needed and locks it against other
 * runs: flock on DIR/.cocprint.lock, waiting up to 10 s for a run that holds
 * it, then an error naming the lock. Then removes temporary files a killed
 * run left. Call before reading anything in the folder. */
bool output_lock(CpOutput *out);

/* Queues NAME (a file name inside the folder) with DATA (referenced). */
void output_add(CpOutput *out, const char *name, GBytes *data);

/* Writes every queued file, or none: prints why and returns false when any
 * write fails, leaving the folder as it was. The queue is then empty, for a
 * further commit. */
bool output_commit(CpOutput *out);

/* Removes NAME from the folder now (gone already is fine; *REMOVED tells
 * whether there was a file). False, after a warning, when it cannot. */
bool output_unlink(CpOutput *out, const char *name, bool *removed);
