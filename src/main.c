// cocprint: a code of conduct in Markdown to the print material an event needs.
#include "config.h"
#include "options.h"
#include "run.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    CpExit rc = options_check_limits();
    if (rc != CP_EXIT_OK)
        return (int)rc;
    options_set_locale();
    CpArgs args;
    rc = options_parse(&args, argc, argv);
    if (rc == CP_EXIT_OK && args.version)
        printf("cocprint %s\n", COCPRINT_VERSION);
    else if (rc == CP_EXIT_OK)
        rc = run(&args.opt);
    options_finish(&args);
    return (int)rc;
}
