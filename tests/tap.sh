# TAP helpers for the shell tests: source this file, call the checks, end
# with `finish`. The binary under test is $COCPRINT, the PDF reader
# $PDFCHECK (poppler), the source tree $SRCDIR; meson sets all three.
set -u
: "${COCPRINT:?}" "${PDFCHECK:?}" "${SRCDIR:?}"
n=0
failures=0
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $1"; shift
    for line in "$@"; do printf '%s\n' "$line" | sed 's/^/#   /'; done
}

# check DESC CMD...: passes when CMD exits 0; its output is shown otherwise.
check() {
    desc=$1; shift
    if _out=$("$@" 2>&1); then ok "$desc"; else not_ok "$desc" "$*" "$_out"; fi
}

# run ARGS...: runs cocprint, setting $rc and $err (stderr).
run() {
    err=$("$COCPRINT" "$@" 2>&1 >/dev/null)
    rc=$?
}

# expect DESC CODE REGEX ARGS...: cocprint exits CODE and stderr matches REGEX.
expect() {
    desc=$1 code=$2 pattern=$3; shift 3
    run "$@"
    if [ "$rc" -eq "$code" ] && printf '%s\n' "$err" | grep -qE -- "$pattern"; then
        ok "$desc"
    else
        not_ok "$desc" "exit $rc, wanted $code; stderr should match: $pattern" "$err"
    fi
}

# Files of a folder with their checksums, to see that nothing changed.
snapshot() { (cd "$1" && find . -type f -exec md5sum {} + | sort) 2>/dev/null; }

finish() {
    echo "1..$n"
    [ "$failures" -eq 0 ]
}
