#!/bin/sh
# The command line: options, exit codes, and a clear message for bad input.
. "$(dirname "$0")/tap.sh"

seed="$SRCDIR/content/code-of-conduct.md"
d="$WORK/in"
mkdir -p "$d"
cp "$SRCDIR/content/event.yml" "$d/event.yml"

# Options.
out=$("$COCPRINT" --help 2>&1); rc=$?
[ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q -- "--poster-size" && printf '%s\n' "$out" | grep -q "Exit status" \
    && ok "--help lists the options and exit codes" || not_ok "--help" "$out"
out=$("$COCPRINT" --version 2>&1)
printf '%s\n' "$out" | grep -qE '^cocprint [0-9]+\.[0-9]+' && ok "--version" || not_ok "--version" "$out"
expect "unknown option is a usage error" 2 "Unknown option" --bogus "$seed"
expect "unknown target is a usage error" 2 "unknown target 'flyer'" -t flyer "$seed"
expect "unknown paper is a usage error" 2 "unknown paper 'a5'" --paper a5 "$seed"
expect "unknown poster size is a usage error" 2 "unknown poster size 'b4'" --poster-size b4 "$seed"
expect "the same language twice is an error" 1 "two inputs in the same language \(en" "$seed" "$seed"

# A good run: the summary line, --quiet, the manifest, --png.
run -o "$WORK/ok" -t poster --png "$seed"
printf '%s\n' "$err" | grep -qE '^poster\.pdf  A4  1 page  body [0-9.]+ pt  [123] columns?$' \
    && ok "one summary line per file" || not_ok "one summary line per file" "$err"
# The PNG header: signature, then IHDR width and height (A4 at 100 dpi).
head=$(od -An -tx1 -N24 "$WORK/ok/poster.png" 2>/dev/null | tr -d ' \n')
[ "$head" = "89504e470d0a1a0a0000000d494844520000033b00000492" ] \
    && ok "--png writes a 100 dpi poster.png (827 x 1170)" \
    || not_ok "--png writes a 100 dpi poster.png (827 x 1170)" "$head"
grep -q '"file": "poster.pdf", "kind": "poster", "stock": "A4", "page_size_mm": \[210.00, 297.00\], "pages": 1, "body_pt": [0-9.]*' \
    "$WORK/ok/manifest.json" && ok "manifest lists the poster" || not_ok "manifest lists the poster" \
    "$(cat "$WORK/ok/manifest.json")"
run -q -o "$WORK/quiet" "$seed"
[ $rc -eq 0 ] && [ -z "$err" ] && ok "--quiet prints nothing" || not_ok "--quiet prints nothing" "$err"

# Bad input: exit 1, a message naming file, line and column, nothing written.
expect "missing file" 1 "nope\.md: error: cannot read the file" -o "$WORK/x" "$d/nope.md"
printf 'Fine line\nbad \377 byte\n' > "$d/utf8.md"
expect "invalid UTF-8 names line and column" 1 "utf8\.md:2:5: error: invalid UTF-8" -o "$WORK/x" "$d/utf8.md"
printf 'Fine\nno\000pe\n' > "$d/nul.md"
expect "NUL byte names line and column" 1 "nul\.md:2:3: error: .*NUL" -o "$WORK/x" "$d/nul.md"
: > "$d/empty.md"
expect "empty file" 1 "empty\.md: error: the file is empty" -o "$WORK/x" "$d/empty.md"
printf -- '---\ntitle: Only\n---\n\n' > "$d/fmonly.md"
expect "front matter only" 1 "fmonly\.md:4: error: .*no text" -o "$WORK/x" "$d/fmonly.md"
printf -- '---\ntitle: Never closed\n\n# Hello\n' > "$d/open.md"
expect "unterminated front matter" 1 "open\.md:1:1: error: .*never closed" -o "$WORK/x" "$d/open.md"
printf -- '---\ntitle: ok\nlist: [a, b\n---\n\n# Hello\n' > "$d/yaml.md"
expect "malformed YAML front matter names the file line" 1 "yaml\.md:[45]:[0-9]+: error: malformed YAML" -o "$WORK/x" "$d/yaml.md"
[ ! -e "$WORK/x" ] && ok "failed runs create no output folder" || not_ok "failed runs create no output folder"

# Event data errors.
sed 's/^  phone: 07700 900123/  phnoe: 07700 900123/' "$SRCDIR/content/event.yml" > "$d/misspelt.yml"
line=$(grep -n phnoe "$d/misspelt.yml" | cut -d: -f1)
expect "misspelt contact key: file, line, column and the nearest key" 1 \
    "misspelt\.yml:$line:3: error: unknown key 'phnoe' in the hotline; did you mean 'phone'\?" \
    -o "$WORK/x" --event "$d/misspelt.yml" "$seed"
printf 'name: X\nhotline:\n  phone: [1, 2]\n' > "$d/type.yml"
expect "wrong type in event data" 1 "type\.yml:3:10: error: 'phone' should be a single value" \
    -o "$WORK/x" --event "$d/type.yml" "$seed"
printf 'name: X\nname: Y\n' > "$d/dup.yml"
expect "duplicate key in event data" 1 "dup\.yml:2:1: error: 'name' appears twice" \
    -o "$WORK/x" --event "$d/dup.yml" "$seed"
printf 'name: X\nhotline:\n  phone: "unclosed\n' > "$d/bad.yml"
expect "malformed event YAML" 1 "bad\.yml:[34]:[0-9]+: error: malformed YAML" \
    -o "$WORK/x" --event "$d/bad.yml" "$seed"
expect "missing event file" 1 "gone\.yml: error: cannot read the event data" \
    -o "$WORK/x" --event "$d/gone.yml" "$seed"

# Front matter event data and TOML front matter.
printf -- '---\ntitle: Inline Event\nevent:\n  name: Inline Meetup\n  emergancy: "112"\n---\n\nBe kind.\n' > "$d/fmev.md"
expect "event key misspelt inside front matter names the file line" 1 \
    "fmev\.md:5:3: error: unknown key 'emergancy' in the event data; did you mean 'emergency'\?" \
    -o "$WORK/x" "$d/fmev.md"
printf -- '---\ntitle: Inline Event\nevent:\n  name: Inline Meetup\n  emergency: "112"\n---\n\nBe kind.\n' > "$d/fmok.md"
run -q -o "$WORK/fmok" "$d/fmok.md"
"$PDFCHECK" text "$WORK/fmok/poster.pdf" | grep -q "112" && "$PDFCHECK" info "$WORK/fmok/poster.pdf" | grep -q "author=Inline Meetup" \
    && ok "event data from YAML front matter" || not_ok "event data from YAML front matter" "$err"
printf '+++\ntitle = "TOML Title"\ndraft = false\n[params]\ntitle = "not this"\n+++\n\nBe excellent to each other.\n' > "$d/toml.md"
run -q -o "$WORK/toml" "$d/toml.md"
"$PDFCHECK" info "$WORK/toml/poster.pdf" | grep -q "title=TOML Title" && ok "TOML front matter title" \
    || not_ok "TOML front matter title" "$err"
printf '+++\ntitle = "unterminated\n+++\n\nText.\n' > "$d/badtoml.md"
expect "bad TOML names line and column" 1 "badtoml\.md:2:9: error: unterminated TOML string" -o "$WORK/x" "$d/badtoml.md"

# Characters no font has: every one is named in one run, with its place,
# code point and Unicode name; an emoji prints (Symbola), a variation
# selector needs no glyph.
printf '# Title\n\nWe welcome everyone \360\237\230\200\357\270\217 here \356\200\200.\n\n- \360\237\253\250 and\n- \360\221\274\204 too \356\200\200\n' > "$d/emoji.md"
run -q -o "$WORK/x" "$d/emoji.md"
[ "$rc" -eq 1 ] && printf '%s\n' "$err" | grep -q "emoji\.md:3:29: error: U+E000, a private-use character" \
    && printf '%s\n' "$err" | grep -q "emoji\.md:5:3: error: U+1FAE8 SHAKING FACE.*newer than Unicode 9" \
    && printf '%s\n' "$err" | grep -q "emoji\.md:6:3: error: U+11F04 KAWI LETTER A" \
    && [ "$(printf '%s\n' "$err" | grep -c 'error: U+')" -eq 3 ] && ! printf '%s\n' "$err" | grep -q "1F600\|FE0F" \
    && [ ! -e "$WORK/x/poster.pdf" ] \
    && ok "three characters no font has: all three named (line, column, code point, name), once each" \
    || not_ok "three unprintable characters named" "rc=$rc" "$err"

# Images.
printf '# T\n\n![x](missing.png)\n' > "$d/img.md"
expect "missing image" 1 "img\.md:3:1: error: image 'missing.png' not found" -o "$WORK/x" "$d/img.md"
printf 'not a png' > "$d/fake.png"
printf '# T\n\n![x](fake.png)\n' > "$d/fake.md"
expect "image that is not a PNG" 1 "fake\.md:3:1: error: image 'fake.png' is not a PNG" -o "$WORK/x" "$d/fake.md"
printf '# T\n\n![x](../../etc/passwd)\n' > "$d/escape.md"
expect "image outside the Markdown folder" 1 "escape\.md:3:1: error: image .* outside" -o "$WORK/x" "$d/escape.md"

# Too long for the poster: exit 3, what to do; the other outputs are still
# written (issue 17), and a file not listed in a manifest of ours is kept.
mkdir -p "$WORK/keep"
echo "previous" > "$WORK/keep/poster.pdf"
{ echo "# Long"; for i in $(seq 1 40); do sed -n '5,$p' "$seed"; done; } > "$d/long.md"
expect "too long for --poster full: exit 3 with the overflow and the remedies" 3 \
    "does not fit on A4.*[0-9]+ mm.*Shorten the text.*put the summary on the poster instead \(--poster summary\).*--target" \
    --poster full -o "$WORK/keep" "$d/long.md"
[ "$(cat "$WORK/keep/poster.pdf")" = "previous" ] && [ -f "$WORK/keep/handout.pdf" ] && [ -f "$WORK/keep/badge-a6.pdf" ] \
    && grep -q '"output": "poster.pdf", "reason": "the poster does not fit on A4' "$WORK/keep/manifest.json" \
    && ok "a poster that does not fit: the handout and badges are written, the failure is in the manifest" \
    || not_ok "a failed poster" "$(ls -la "$WORK/keep")" "$(cat "$WORK/keep/manifest.json" 2>&1)"
rm -rf "$WORK/keep"
expect "a higher --min-size can make it not fit" 3 "minimum body size of 30.0 pt" --poster full --min-size 30 -o "$WORK/keep" "$seed"

# Output folder that cannot be written: exit 4, nothing half-written.
touch "$WORK/afile"
expect "output path that is a file" 4 "error: cannot create the output folder" -o "$WORK/afile/out" "$seed"
if [ -w /dev/full ] && [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=40k tmpfs "$WORK/keep" 2>/dev/null; then
    echo "old" > "$WORK/keep/poster.pdf"
    before=$(snapshot "$WORK/keep")
    expect "full disk: exit 4" 4 "cannot write" -o "$WORK/keep" "$seed"
    [ "$(snapshot "$WORK/keep")" = "$before" ] && ok "full disk leaves the folder as it was" \
        || not_ok "full disk leaves the folder as it was" "$(ls -la "$WORK/keep")"
    umount "$WORK/keep"
else
    ok "# SKIP full disk (needs root and tmpfs)"
fi

# A small address-space limit: exit 5 with what to raise it to, before
# fontconfig's threads could crash (SIGSEGV, SIGTRAP under 200 MiB before);
# at the stated 512 MiB the seed runs. Not under ASan, which reserves
# terabytes of address space.
if ldd "$COCPRINT" 2>/dev/null | grep -q libasan; then
    ok "# SKIP address-space limit: an ASan build cannot run under ulimit -v"
    ok "# SKIP address-space limit: an ASan build cannot run under ulimit -v"
else
    err=$( (ulimit -v 200000 && "$COCPRINT" -q -o "$WORK/ulimit" "$seed") 2>&1)
    rc=$?
    [ "$rc" -eq 5 ] && printf '%s\n' "$err" | grep -q "error: the address-space limit (ulimit -v) is 195 MiB; a run needs 512 MiB: raise it (ulimit -v 524288)" \
        && [ ! -e "$WORK/ulimit" ] && ok "ulimit -v 200000: exit 5, saying what to raise it to" \
        || not_ok "ulimit -v 200000" "exit $rc" "$err"
    err=$( (ulimit -v 524288 && "$COCPRINT" -q -o "$WORK/ulimit" "$seed") 2>&1)
    rc=$?
    [ "$rc" -eq 0 ] && [ -f "$WORK/ulimit/poster.pdf" ] && ok "ulimit -v 524288: every output written" \
        || not_ok "ulimit -v 524288" "exit $rc" "$err"
fi

# Two outputs fail, both are reported, and the others are written: eight
# times the policy does not fit the A4 poster (--poster full), nor the
# summary a 30 mm square badge, but the handout and the A6 badges are made.
python3 -c "
import sys
b = open(sys.argv[1]).read().split('---', 2)[2].replace('# ', '## ')
open(sys.argv[2], 'w').write('# Long\\n\\n' + b * 8)
" "$seed" "$d/eight.md"
run -o "$WORK/two" -e "$SRCDIR/tests/data/event-12.yml" --poster full -b a6 -b 30x30mm "$d/eight.md"
n_err=$(printf '%s\n' "$err" | grep -c 'error:')
[ "$rc" -eq 3 ] && [ "$n_err" -eq 2 ] && [ -f "$WORK/two/badge-a6.pdf" ] && [ -f "$WORK/two/handout-sheet.pdf" ] \
    && [ ! -e "$WORK/two/poster.pdf" ] && [ ! -e "$WORK/two/badge-30x30mm.pdf" ] \
    && ok "two outputs that do not fit: exit 3, both reported, the badges written" \
    || not_ok "two failures" "exit $rc, $n_err errors" "$err" "$(ls "$WORK/two" 2>&1)"
python3 - "$WORK/two/manifest.json" <<'PY' && ok "the manifest lists both failures with reason and hint" || not_ok "manifest failures" "$(cat "$WORK/two/manifest.json")"
import json, sys
m = json.load(open(sys.argv[1]))
f = {x["output"]: x for x in m["failures"]}
assert set(f) == {"poster.pdf", "badge-30x30mm.pdf"}, f
assert all(x["reason"] and x["hint"] for x in f.values()), f
assert "poster.pdf" not in {e["file"] for e in m["files"]}
PY
# A failed output's file from an earlier run is removed: it would disagree
# with the source.
"$COCPRINT" -q -o "$WORK/three" -b a6 -b 30x30mm "$seed"
run -q -o "$WORK/three" -e "$SRCDIR/tests/data/event-12.yml" --poster full -b a6 -b 30x30mm "$d/eight.md"
[ "$rc" -eq 3 ] && [ ! -e "$WORK/three/poster.pdf" ] && [ ! -e "$WORK/three/badge-30x30mm-sheet.pdf" ] && [ -f "$WORK/three/badge-a6.pdf" ] \
    && ok "a failed output's earlier file is removed" || not_ok "failed output's old file" "$(ls "$WORK/three")"

# At most 8 translations in one run (17 took 9 s): a usage error that says
# what to do, before anything is read.
set -- $(ls "$SRCDIR"/tests/data/i18n/coc.*.md | head -17)
expect "17 translations in one run: a usage error" 2 "17 input files; one run takes at most 8 translations" \
    -o "$WORK/t17" "$@"
[ ! -e "$WORK/t17" ] && ok "17 translations: nothing written" || not_ok "17 translations wrote"

# Positions count characters, not bytes.
printf '# T\n\n\303\211\303\251 \303\274n\303\257c\303\266d\303\251 [x](javascript:y)\n' > "$d/cols.md"
run -q -o "$WORK/cols" -t poster "$d/cols.md"
printf '%s\n' "$err" | grep -q "cols.md:3:12: warning: link to 'javascript:y' dropped" \
    && ok "warning columns count characters" || not_ok "warning columns count characters" "$err"
# A glyph missing from the version line is refused like any other.
printf -- '---\nversion: "2.0 \360\221\274\204"\n---\n\n# T\n\nText.\n' > "$d/snow.md"
expect "a character missing from the fonts in the front matter's version" 1 \
    "snow.md:2:[0-9]+: error: U\+11F04 KAWI LETTER A" -o "$WORK/x" "$d/snow.md"

# A document with no title is titled by the code_of_conduct label: a glyph
# missing from an override of it is refused where the override is written.
mkdir -p "$d/g4"
printf 'Be kind.\n' > "$d/g4/coc.md"
printf 'name: X\nhotline:\n  phone: "+44 1"\nlabels:\n  code_of_conduct: "Code \360\221\274\204"\n' > "$d/g4/event.yml"
expect "a missing glyph in the title's label is refused in the event data" 1 \
    "g4/event.yml:5:26: error: U\+11F04 KAWI LETTER A" -o "$WORK/g4" "$d/g4/coc.md"

# Messages that say the right thing: the next poster size up, and none at
# the largest; the title, not the contacts, when the title takes the page;
# an empty -o; a size out of range as written.
python3 -c "
import sys
b = open(sys.argv[1]).read().split('---', 2)[2].replace('# ', '## ')
open(sys.argv[2], 'w').write('# Long\\n\\n' + b * 60)
" "$SRCDIR/content/code-of-conduct.md" "$d/long60.md"
# A size is advised only when the text fits it: 60 copies fit no poster
# size (A2 was advised from A3 before, and failed there too); 8 copies
# skip A3, where they would not fit either, for A2, where they do.
run -t poster --poster full --poster-size a3 -e "$SRCDIR/content/event.yml" -o "$WORK/l60" "$d/long60.md"
[ "$rc" -eq 3 ] && printf '%s\n' "$err" | grep -q "does not fit on A3.*Shorten the text, put the summary on the poster instead (--poster summary), or leave" \
    && ! printf '%s\n' "$err" | grep -q "poster-size" \
    && ok "too long for any size: no size is advised" || not_ok "advice, 60 copies" "exit $rc" "$err"
python3 -c "
import sys
b = open(sys.argv[1]).read().split('---', 2)[2].replace('# ', '## ')
open(sys.argv[2], 'w').write('# Long\\n\\n' + b * 8)
" "$SRCDIR/content/code-of-conduct.md" "$d/long8.md"
expect "8 copies on A4: A2 is advised, not A3" 3 "does not fit on A4.*--poster-size a2\), put the summary on the poster instead" \
    -t poster --poster full -e "$SRCDIR/content/event.yml" -o "$WORK/l8" "$d/long8.md"
run -q -t poster --poster full --poster-size a2 -e "$SRCDIR/content/event.yml" -o "$WORK/l8" "$d/long8.md"
[ "$rc" -eq 0 ] && ok "and 8 copies fit on A2, as advised" || not_ok "A2 as advised" "exit $rc" "$err"
python3 - "$SRCDIR/content/event.yml" "$d/event-60.yml" <<'PY'
import sys
s = open(sys.argv[1]).read()
people = ''.join('  - name: Organizer Number %d\n    role: Volunteer with a long role title\n'
                 '    phone: "+44 20 7946 %04d"\n' % (i, i) for i in range(60))
i = s.index('organizers:')
j = s.index('\n', s.index('email: priya', i))
open(sys.argv[2], 'w').write(s[:i] + 'organizers:\n' + people + s[j + 1:])
PY
# The panel grows slower than the page, so a larger one can hold it: the
# advice names the size, and that size works.
expect "the panel too tall: fewer organizers, or the size that holds it" 3 \
    "the contacts panel is [0-9]+ mm tall.*in the event data. Print a larger poster \(--poster-size a2\), or leave" \
    -t poster --poster full -e "$d/event-60.yml" -o "$WORK/l12" "$seed"
run -q -t poster --poster full --poster-size a2 -e "$d/event-60.yml" -o "$WORK/l12" "$seed"
[ "$rc" -eq 0 ] && ok "60 organizers fit the A2 poster, as advised" || not_ok "60 organizers on A2" "exit $rc" "$err"
run -t poster --poster full --poster-size a2 -e "$SRCDIR/content/event.yml" -o "$WORK/l60" "$d/long60.md"
[ "$rc" -eq 3 ] && printf '%s\n' "$err" | grep -q "does not fit on A2.*Shorten the text, put the summary on the poster instead (--poster summary), or leave" \
    && ! printf '%s\n' "$err" | grep -q "poster-size" \
    && ok "at A2, the largest size, no larger size is advised" || not_ok "advice at A2" "exit $rc" "$err"
python3 -c "
import sys
open(sys.argv[1], 'w').write('---\\ntitle: ' + '\u884c\u52d5\u898f\u7bc4' * 50 + '\\nlang: ja\\n---\\n\\n'
    + ('\u307f\u3093\u306a\u306b\u89aa\u5207\u306b\u3002' * 60 + '\\n\\n') * 12)
" "$d/cjktitle.md"
expect "a title that takes the page is blamed, not the contacts" 3 \
    "does not fit on A4: the title is [0-9]+ mm tall.*shorten the title; or leave" \
    -t poster --poster full -e "$SRCDIR/content/event.yml" -o "$WORK/cj" "$d/cjktitle.md"
expect "an empty -o is a usage error" 2 "the output folder's name \(-o\) is empty" -o ''
expect "--badge-min-size 3.99 is reported as 3.99" 2 "--badge-min-size 3.99 is out of range" \
    --badge-min-size 3.99

# "-" reads standard input, as FILE or as --event, once, within the limit.
err=$(printf '# Our rules\n\nBe kind from standard input.\n' | "$COCPRINT" -q -t poster -o "$WORK/si" \
    -e "$SRCDIR/content/event.yml" - 2>&1)
rc=$?
[ "$rc" -eq 0 ] && "$PDFCHECK" text "$WORK/si/poster.pdf" | grep -q "Be kind from standard input" \
    && ok "- as FILE reads the Markdown from standard input" || not_ok "- as FILE" "exit $rc" "$err"
err=$("$COCPRINT" -q -t poster -o "$WORK/se" -e - "$SRCDIR/content/code-of-conduct.md" \
    < "$SRCDIR/content/event.yml" 2>&1)
rc=$?
[ "$rc" -eq 0 ] && "$PDFCHECK" text "$WORK/se/poster.pdf" | grep -q "07700 900123" \
    && ok "--event - reads the event data from standard input" || not_ok "--event -" "exit $rc" "$err"
err=$(printf '# T\n' | "$COCPRINT" -q -o "$WORK/s2" -e - - 2>&1)
rc=$?
[ "$rc" -eq 1 ] && printf '%s\n' "$err" | grep -q "<stdin>: error: standard input is read once" \
    && [ ! -e "$WORK/s2" ] && ok "standard input is read once: - twice is an input error" \
    || not_ok "- twice" "exit $rc" "$err"
err=$(head -c 300000 /dev/zero | tr '\0' 'a' | "$COCPRINT" -q -o "$WORK/s3" - 2>&1)
rc=$?
[ "$rc" -eq 1 ] && printf '%s\n' "$err" | grep -q "<stdin>: error: the file is over 256 KiB" \
    && ok "standard input over 256 KiB is refused" || not_ok "stdin over 256 KiB" "exit $rc" "$err"

# A date without a version loads the fonts its characters need (it is printed
# in the foot): only version and date together did.
printf -- '---\ndate: "2026\345\271\26411\346\234\2101\346\227\245"\n---\n# T\n\nBe kind.\n' > "$d/datecjk.md"
run -q -t poster -o "$WORK/datecjk" -e "$SRCDIR/content/event.yml" "$d/datecjk.md"
[ "$rc" -eq 0 ] && "$PDFCHECK" text "$WORK/datecjk/poster.pdf" | grep -q "2026年11月1日" \
    && ok "a CJK date with no version prints" || not_ok "a CJK date with no version" "exit $rc" "$err"

finish
