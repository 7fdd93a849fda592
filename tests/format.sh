#!/bin/sh
# The house form: every C file as clang-format writes it (.clang-format),
# and every function in src/ within 100 lines and 7 parameters
# (tools/check-functions.py).
set -u
cd "${SRCDIR:?}"
n=0
failures=0
files=$(ls src/*.c src/*.h tests/*.c fuzz/*.c)
if out=$(clang-format --dry-run --Werror $files 2>&1); then
    n=$((n + 1)); echo "ok $n - clang-format: $(echo "$files" | wc -w) files in src/, tests/ and fuzz/ as written"
else
    n=$((n + 1)); failures=$((failures + 1))
    echo "not ok $n - clang-format: files not as clang-format writes them (run clang-format -i)"
    printf '%s\n' "$out" | grep -E '^[^ ]+:[0-9]+:[0-9]+:' | head -20 | sed 's/^/#   /'
fi
if out=$(/usr/bin/python3 tools/check-functions.py src/*.c 2>&1); then
    n=$((n + 1)); echo "ok $n - functions in src/: at most 100 lines and 7 parameters"
else
    n=$((n + 1)); failures=$((failures + 1))
    echo "not ok $n - functions in src/ over the limits"
    printf '%s\n' "$out" | sed 's/^/#   /'
fi
lines=$(wc -l < src/run.c)
if [ "$lines" -lt 450 ]; then
    n=$((n + 1)); echo "ok $n - run.c orchestrates: $lines lines"
else
    n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - run.c is $lines lines (under 450)"
fi
echo "1..$n"
[ "$failures" -eq 0 ]
