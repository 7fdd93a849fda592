// A run: read the input, build every chosen output, write them all or none.
#pragma once
#include "options.h"

/* Reads the inputs OPT names, builds every output it asks for, and writes
 * them all or none. */
CpExit run(const CpOptions *opt);
