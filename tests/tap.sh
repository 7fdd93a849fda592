# TAP helpers for the shell tests: source this file, call the checks, end
# with `finish`. The binary under test is $COCPRINT, the PDF reader
# $PDFCHECK (poppler), the source tree $SRCDIR; meson sets all three.
set -u
: "${COCPRINT:?}" "${PDFCHECK:?}" "${SRCDIR:?}"
# Debian's python3 directly: a version manager's shim on the PATH (pyenv)
# costs a third of a second a call, and the suites make hundreds.
[ -x /usr/bin/python3 ] && python3() { /usr/bin/python3 "$@"; }
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

# Nothing lost, for every document a suite writes or reads: each Markdown
# file under $WORK (and any named in $SWEEP_EXTRA) is rendered as a poster
# and as a handout with the defaults; each that renders must hold every word
# of its source in reading order (poppler's text), or, where the text has
# right-to-left or complex scripts that poppler splits into letters, every
# letter. A refused run (an error case, a poster too long) is counted, not
# checked: it writes nothing, so it loses nothing.
complex_script='[\x{0590}-\x{08FF}\x{0900}-\x{0DFF}\x{0E00}-\x{0EFF}\x{1200}-\x{139F}\x{1100}-\x{11FF}\x{2E80}-\x{9FFF}\x{AC00}-\x{D7AF}\x{F900}-\x{FAFF}\x{FB1D}-\x{FEFF}]'
sweep() {
    docs=0 checked=0 refused=0 lost=""
    for md in $(find "$WORK" -name '*.md' -type f 2>/dev/null | sort) ${SWEEP_EXTRA:-}; do
        [ -s "$md" ] || continue
        docs=$((docs + 1))
        mode=words
        grep -qP "$complex_script" "$md" 2>/dev/null && mode=letters
        for t in poster handout; do
            sw="$WORK/.sweep"
            rm -rf "$sw"
            if ! "$COCPRINT" -q -o "$sw" -t "$t" --poster full "$md" >/dev/null 2>&1; then
                refused=$((refused + 1)); continue
            fi
            checked=$((checked + 1))
            if [ $mode = words ]; then
                why=$("$PDFCHECK" words "$md" "$sw/$t.pdf" --ordered 2>&1)
            else
                why=$("$PDFCHECK" letters "$md" "$sw/$t.pdf" 2>&1)
            fi || lost="$lost
${md#"$WORK"/} ($t, $mode): $why"
        done
    done
    rm -rf "$WORK/.sweep"
    if [ -z "$lost" ]; then
        ok "nothing lost: $docs documents of this suite, $checked posters and handouts hold every word of their source ($refused runs refused)"
    else
        not_ok "nothing lost: documents of this suite lose text" "$lost"
    fi
}

finish() {
    [ "${NO_SWEEP:-}" ] || sweep
    echo "1..$n"
    [ "$failures" -eq 0 ]
}
