#!/bin/sh
# Any locale: the seed's full run gives the same bytes under C, de_DE.UTF-8
# (decimal comma) and tr_TR.UTF-8 (dotless i) as under C.UTF-8, and the CLI
# suite passes under both. The locales are made with localedef where the
# machine has none (./setup installs the definitions, package locales).
. "$(dirname "$0")/tap.sh"

export LOCPATH="$WORK/loc"
mkdir -p "$LOCPATH"
for loc in de_DE tr_TR; do
    if localedef -i "$loc" -f UTF-8 "$LOCPATH/$loc.UTF-8" >"$WORK/localedef.log" 2>&1; then
        ok "$loc.UTF-8 made with localedef"
    else
        not_ok "$loc.UTF-8 made with localedef" "$(cat "$WORK/localedef.log")"
    fi
done
# The locale is in effect: coreutils' printf writes a decimal comma.
comma=$(LC_ALL=de_DE.UTF-8 /usr/bin/printf '%.1f' 2 2>&1)
[ "$comma" = "2,0" ] && ok "de_DE.UTF-8 writes numbers with a decimal comma (2,0)" \
    || not_ok "de_DE.UTF-8 is not in effect" "printf gave: $comma"

export SOURCE_DATE_EPOCH=1700000000
LC_ALL=C.UTF-8 "$COCPRINT" -q --png -o "$WORK/ref" "$SRCDIR/content/code-of-conduct.md" 2>"$WORK/ref.err"
[ -f "$WORK/ref/poster.pdf" ] && ok "the seed's full run under C.UTF-8" \
    || not_ok "the seed's full run under C.UTF-8" "$(cat "$WORK/ref.err")"
for loc in C de_DE.UTF-8 tr_TR.UTF-8; do
    err=$(LC_ALL=$loc "$COCPRINT" -q --png -o "$WORK/$loc" "$SRCDIR/content/code-of-conduct.md" 2>&1)
    rc=$?
    diffs=""
    for f in "$WORK/ref"/*; do
        cmp -s "$f" "$WORK/$loc/$(basename "$f")" || diffs="$diffs $(basename "$f")"
    done
    [ "$rc" -eq 0 ] && [ -z "$diffs" ] \
        && ok "the seed's full run under $loc: exit 0, every file byte-identical ($(ls "$WORK/ref" | wc -l) files)" \
        || not_ok "the seed's full run under $loc" "exit $rc; differ:$diffs" "$err"
done
# The summary lines' numbers too.
out=$(LC_ALL=de_DE.UTF-8 "$COCPRINT" --check -o "$WORK/chk" "$SRCDIR/content/code-of-conduct.md" 2>&1)
printf '%s\n' "$out" | grep -q "^poster.pdf .* body [0-9][0-9]*\.[0-9] pt" && ! printf '%s\n' "$out" | grep -q "[0-9],[0-9] pt" \
    && ok "summary lines under de_DE.UTF-8 write a decimal point (13.6 pt, not 13,6)" || not_ok "summary numbers" "$out"

for loc in de_DE.UTF-8 tr_TR.UTF-8; do
    LC_ALL=$loc sh "$SRCDIR/tests/cli.sh" >"$WORK/cli.tap" 2>&1
    rc=$?
    passed=$(grep -c '^ok ' "$WORK/cli.tap")
    failed=$(grep -c '^not ok ' "$WORK/cli.tap")
    [ "$rc" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 30 ] \
        && ok "the CLI suite under $loc: $passed passed" \
        || not_ok "the CLI suite under $loc: $failed failed (exit $rc)" "$(grep -A3 '^not ok' "$WORK/cli.tap" | head -30)"
done

finish
