#!/usr/bin/env python3
"""Checks the house limits on every function defined in the C files given:
at most 100 lines (from the line with the name to the closing brace) and at
most 7 parameters. Prints each one over and exits 1; TAP with --tap."""
import re
import sys

MAX_LINES, MAX_PARAMS = 100, 7
# A definition starts at column 0 with a name and "(", and its body's brace
# is the first "{" at column 0 after it.
START = re.compile(r"^(?!static_assert)[A-Za-z_][\w \*]*?\b(\w+)\(")


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        m = START.match(lines[i])
        if not m or lines[i].rstrip().endswith(";") or lines[i].startswith(("typedef", "#")):
            i += 1
            continue
        # The signature runs to the line before the body's "{".
        j = i
        while j < len(lines) and lines[j] != "{" and not lines[j].rstrip().endswith(";"):
            j += 1
        if j >= len(lines) or lines[j] != "{":
            i += 1
            continue
        sig = " ".join(lines[i:j])
        args = sig[sig.index("(") + 1: sig.rindex(")")]
        depth, params = 0, 1 if args.strip() not in ("", "void") else 0
        for c in args:
            depth += c == "("
            depth -= c == ")"
            params += c == "," and depth == 0
        k = j
        while k < len(lines) and lines[k] != "}":
            k += 1
        yield m.group(1), i + 1, k - i + 1, params
        i = k + 1


def main(argv):
    tap = "--tap" in argv
    paths = [a for a in argv if a != "--tap"]
    bad = []
    count = 0
    for p in paths:
        for name, line, n, params in functions(p):
            count += 1
            if n > MAX_LINES:
                bad.append(f"{p}:{line}: {name} is {n} lines (at most {MAX_LINES})")
            if params > MAX_PARAMS:
                bad.append(f"{p}:{line}: {name} takes {params} parameters (at most {MAX_PARAMS})")
    if tap:
        print("1..1")
        print(("ok" if not bad else "not ok") +
              f" 1 - {count} functions: at most {MAX_LINES} lines and {MAX_PARAMS} parameters")
        for b in bad:
            print("# " + b)
    else:
        print("\n".join(bad))
    return 1 if bad else 0


sys.exit(main(sys.argv[1:]))
