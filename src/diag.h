// Diagnostics: the messages a user sees, naming file, line and column.
#pragma once
#include <glib.h>
#include <stdbool.h>

/* Prints "FILE:LINE:COL: error: MESSAGE" (LINE/COL left out when <= 0, FILE
 * when NULL) on stderr and keeps a copy for diag_last(). */
void diag_error(const char *file, int line, int col, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/* Same as diag_error with "warning:". */
void diag_warn(const char *file, int line, int col, const char *fmt, ...) G_GNUC_PRINTF(4, 5);

/* A warning that may come many times in one file: kept until
 * diag_flush_grouped, which prints each KIND once. Alone, it prints as
 * diag_warn would; several print as one line, "FILE: warning: N KIND
 * (first at LINE:COL: FIRST)", where FIRST is the first one's message.
 * KIND is plural ("links to other documents dropped"). */
void diag_warn_grouped(const char *file, int line, int col, const char *kind, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
void diag_flush_grouped(void);

/* The last error or warning printed, for tests. */
const char *diag_last(void);

/* The last error's message alone (no file, position or "error:"), or "":
 * what a failed output's entry in the manifest says. */
const char *diag_last_error(void);

/* Number of errors printed since start (or diag_reset). */
int diag_error_count(void);

/* Stops printing (messages are still kept); for unit tests and the fuzzer. */
void diag_set_silent(bool silent);

void diag_reset(void);
