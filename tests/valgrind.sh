#!/bin/sh
# valgrind memcheck over the unit tests and representative runs of every
# output and every error path: no error, no definite or indirect leak.
# (The whole shell suite under valgrind would take an hour; these runs go
# through the same code.)
. "$(dirname "$0")/tap.sh"
: "${UNIT:?}"
command -v valgrind >/dev/null || { not_ok "valgrind is not installed (./setup installs it)"; finish; exit 1; }

vg() {
    desc=$1; shift
    if out=$(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --num-callers=50 \
        --suppressions="$SRCDIR/tests/valgrind.supp" "$@" 2>&1 >/dev/null); then
        ok "$desc"
    elif [ $? -ne 99 ] && ! printf '%s\n' "$out" | grep -q "=="; then
        ok "$desc (a refused input, exit code checked elsewhere)"
    else
        not_ok "$desc" "$(printf '%s\n' "$out" | grep "==" | head -40)"
    fi
}

d="$WORK/in"
mkdir -p "$d"
cp "$SRCDIR/content/event.yml" "$d/"
vg "unit tests" "$UNIT"
vg "every output of the example" "$COCPRINT" -q -o "$WORK/a" "$SRCDIR/content/code-of-conduct.md"
vg "every construct, PNG preview" "$COCPRINT" -q -o "$WORK/b" -t poster --png "$SRCDIR/tests/data/all-constructs.md"
vg "Arabic, right to left" "$COCPRINT" -q -o "$WORK/c" -t poster,badge "$SRCDIR/tests/data/i18n/coc.ar.md"
vg "Japanese (CJK fonts)" "$COCPRINT" -q -o "$WORK/d" -t poster "$SRCDIR/tests/data/i18n/coc.ja.md"
vg "two translations" "$COCPRINT" -q -o "$WORK/e" -t poster,handout \
    "$SRCDIR/tests/data/i18n/coc.fr.md" "$SRCDIR/tests/data/i18n/coc.de.md"
vg "sheets with outlines, Letter" "$COCPRINT" -q -o "$WORK/f" -t badge,handout --outline --paper letter --badge cr80 \
    "$SRCDIR/content/code-of-conduct.md"
printf 'name: X\nhotline:\n  phnoe: 1\n' > "$d/bad.yml"
vg "a misspelt event key (error path)" "$COCPRINT" -q -o "$WORK/x" --event "$d/bad.yml" "$SRCDIR/content/code-of-conduct.md"
printf '# T\n\n![x](missing.png)\n' > "$d/img.md"
vg "a missing image (error path)" "$COCPRINT" -q -o "$WORK/x" "$d/img.md"
{ echo "# Long"; for i in $(seq 1 40); do sed -n '5,$p' "$SRCDIR/content/code-of-conduct.md"; done; } > "$d/long.md"
vg "a text too long for the poster (error path)" "$COCPRINT" -q -o "$WORK/x" -t poster "$d/long.md"
printf -- '---\ntitle: [unclosed\n---\n\nText\n' > "$d/yaml.md"
vg "malformed front matter (error path)" "$COCPRINT" -q -o "$WORK/x" "$d/yaml.md"
finish
