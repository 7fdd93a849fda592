#!/bin/sh
# Layout snapshots: tests/layout prints every drawn item of every output as
# text; each case in tests/snapshots/cases is compared with its
# tests/snapshots/NAME.expected, and a difference fails with a diff.
#
# After an intended layout change, regenerate from the source root with
#     tests/snapshot.sh --update
# (or SNAPSHOT_UPDATE=1) and review `git diff tests/snapshots`. The layout
# tool is $LAYOUT, else build/tests/layout: build it first
# (meson compile -C build).
here=$(cd "$(dirname "$0")" && pwd)
: "${SRCDIR:=$(dirname "$here")}"
: "${LAYOUT:=$SRCDIR/build/tests/layout}"
# tap.sh wants these; this suite runs only the layout tool, and has no
# documents of its own for the sweep to read.
: "${COCPRINT:=$SRCDIR/build/cocprint}" "${PDFCHECK:=$SRCDIR/build/tests/pdfcheck}"
NO_SWEEP=1
. "$here/tap.sh"

update=${SNAPSHOT_UPDATE:-}
[ "$update" = 0 ] && update=
[ "${1:-}" = --update ] && update=1
dir="$SRCDIR/tests/snapshots"
if [ ! -x "$LAYOUT" ]; then
    not_ok "the layout tool is built" "no $LAYOUT: run meson compile -C build, or set LAYOUT"
    finish
    exit
fi

set -f # the arguments are split on spaces, never globbed
names=" "
while read -r name args; do
    case $name in '' | '#'*) continue ;; esac
    names="$names$name "
    expected="$dir/$name.expected" got="$WORK/$name.out"
    (cd "$SRCDIR" && "$LAYOUT" $args) </dev/null >"$got" 2>"$WORK/$name.err"
    rc=$?
    if [ "$rc" -ne 0 ]; then
        not_ok "$name: the layout tool runs" "exit $rc: tests/layout $args" "$(cat "$WORK/$name.err")"
    elif [ "$update" ]; then
        if cmp -s "$expected" "$got"; then
            ok "$name: unchanged ($(wc -l <"$got") lines)"
        else
            cp "$got" "$expected" && ok "$name: written to tests/snapshots/$name.expected ($(wc -l <"$got") lines)"
        fi
    elif [ ! -f "$expected" ]; then
        not_ok "$name: layout as expected" "no tests/snapshots/$name.expected: run tests/snapshot.sh --update"
    elif difference=$(diff -u --label "tests/snapshots/$name.expected" --label "$name, as laid out now" \
        "$expected" "$got"); then
        ok "$name: layout as expected ($(wc -l <"$got") lines)"
    else
        not_ok "$name: layout differs from tests/snapshots/$name.expected" "$difference" \
            "If the change is intended: tests/snapshot.sh --update, then review git diff tests/snapshots"
    fi
done <"$dir/cases"
set +f

# An .expected file no case makes is a case lost.
stale=""
for f in "$dir"/*.expected; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .expected)
    case $names in *" $name "*) ;; *) stale="$stale tests/snapshots/$name.expected" ;; esac
done
[ -z "$stale" ] && ok "every .expected file has its case" \
    || not_ok "every .expected file has its case" "no case in tests/snapshots/cases makes:$stale"
finish
