#!/bin/sh
# The handout, the badge-back inserts and the sheets, read back with poppler.
. "$(dirname "$0")/tap.sh"

seed="$SRCDIR/content/code-of-conduct.md"
d="$WORK/in"
mkdir -p "$d"
cp "$seed" "$d/code-of-conduct.md"
cp "$SRCDIR/content/event.yml" "$d/event.yml"

out="$WORK/all"
run -o "$out" "$d/code-of-conduct.md"
[ "$rc" -eq 0 ] && ok "all outputs render" || not_ok "all outputs render" "$err"
for f in poster.pdf handout.pdf handout-sheet.pdf badge-4x3in.pdf badge-4x3in-sheet.pdf \
    badge-a6.pdf badge-a6-sheet.pdf manifest.json; do
    [ -s "$out/$f" ] && ok "default run makes $f" || not_ok "default run makes $f"
done

# A separator dot joins items on one line ("07700 900123 · Call or text");
# where the line breaks, the break replaces it.
no_dangling_dot() { # NAME TEXT
    printf '%s\n' "$2" | grep -qE '·[[:space:]]*$|^[[:space:]]*·' \
        && not_ok "$1: no line ends or starts with a separator dot" "$2" \
        || ok "$1: no line ends or starts with a separator dot"
}
for f in poster handout badge-4x3in badge-a6; do
    no_dangling_dot "$f" "$("$PDFCHECK" text "$out/$f.pdf")"
done

# Nothing is drawn twice: no text at the same place on a page twice (each
# would be read aloud and copied twice), no link annotation twice.
"$LAYOUT" -o "$WORK/twice" "$d/code-of-conduct.md" 2>/dev/null | awk '
    /^(==|--) / { page = $0; next }
    /^text / { if (seen[page $0]++) { print page ": " $0; bad = 1 } }
    END { exit bad }' > "$WORK/twice.txt" \
    && ok "no text drawn twice at one place on any page" || not_ok "text drawn twice" "$(cat "$WORK/twice.txt")"
for f in "$out"/*.pdf; do
    "$PDFCHECK" info "$f" | grep '^link ' | sort | uniq -d | sed "s|^|$(basename "$f"): |"
done > "$WORK/twice-links.txt"
[ ! -s "$WORK/twice-links.txt" ] && ok "no link annotation twice on any page" \
    || not_ok "link annotations twice" "$(cat "$WORK/twice-links.txt")"

# manifest: every file with kind, stock, size, pages, inserts per sheet, body size.
m="$out/manifest.json"
python3 - "$m" <<'PY' && ok "manifest: every file with kind, stock, size, pages, body size" \
    || not_ok "manifest fields" "$(cat "$m")"
import json, sys, os
m = json.load(open(sys.argv[1]))
files = {f["file"]: f for f in m["files"]}
assert set(files) == {"poster.pdf", "handout.pdf", "handout-sheet.pdf", "badge-4x3in.pdf",
                      "badge-4x3in-sheet.pdf", "badge-a6.pdf", "badge-a6-sheet.pdf"}, files
for f in files.values():
    for k in ("kind", "stock", "page_size_mm", "pages", "body_pt"):
        assert k in f, (f, k)
    assert f["body_pt"] > 0
assert files["handout.pdf"]["page_size_mm"] == [105.0, 148.0]
assert files["handout-sheet.pdf"]["inserts_per_sheet"] == 4
assert files["badge-4x3in-sheet.pdf"]["inserts_per_sheet"] == 6
assert files["badge-a6-sheet.pdf"]["inserts_per_sheet"] == 4
assert files["handout.pdf"]["pages"] % 2 == 0
assert files["handout-sheet.pdf"]["pages"] == files["handout.pdf"]["pages"]
PY

# The handout.
h="$out/handout.pdf"
pages=$(sed -n 's/.*"handout.pdf".*"pages": \([0-9]*\).*/\1/p' "$m")
body=$(sed -n 's/.*"handout.pdf".*"body_pt": \([0-9.]*\).*/\1/p' "$m")
check "handout: A6 pages to 0.1 mm" "$PDFCHECK" size "$h" 105 148 0.1
check "handout: $pages pages, as the manifest says" "$PDFCHECK" pages "$h" "$pages"
[ $((pages % 2)) -eq 0 ] && ok "handout: an even page count ($pages)" || not_ok "handout: even page count" "$pages"
awk -v b="$body" 'BEGIN { exit !(b >= 8) }' && ok "handout: body at 8 pt or more ($body pt)" \
    || not_ok "handout: body at 8 pt or more" "$body"
check "handout: every word of the policy, in reading order" "$PDFCHECK" words "$seed" "$h" --ordered
check "handout: every glyph 6 mm inside the page" "$PDFCHECK" safe "$h" 6
check "handout: fonts embedded" "$PDFCHECK" embedded "$h"
# Type as large as the page allows: a long title, set at its smallest, no
# longer holds the body down (a share of the title's size capped it at
# 8.58 pt). The body is the largest that fills the page count: 0.5 pt more
# takes more pages, or does not fit.
{ echo "# The Code of Conduct of the Leicester JavaScript Community Meetup and Its Events"; sed -n '/^# /,$p' "$seed" | sed 1d; } > "$d/longtitle.md"
run -q -o "$WORK/lt" -t handout "$d/longtitle.md"
set -- $(python3 -c "import json; e = [x for x in json.load(open('$WORK/lt/manifest.json'))['files'] if x['kind'] == 'handout'][0]; print(e['body_pt'], e['pages'])")
lt_body=${1:-0} lt_pages=${2:-0}
[ "$rc" -eq 0 ] && python3 -c "import sys; sys.exit(0 if $lt_body >= 9 else 1)" \
    && ok "a long title: the handout body is $lt_body pt on $lt_pages pages" || not_ok "long title body" "$lt_body pt" "$err"
up=$(python3 -c "print(round($lt_body + 0.5, 2))")
run -q -o "$WORK/lt2" -t handout --min-size "$up" "$d/longtitle.md"
p2=$(python3 -c "import json; print([x for x in json.load(open('$WORK/lt2/manifest.json'))['files'] if x['kind'] == 'handout'][0]['pages'])" 2>/dev/null)
[ "$rc" -ne 0 ] || [ "${p2:-0}" != "$lt_pages" ] && ok "at $up pt the handout needs more pages (${p2:-none}): $lt_body was the largest" \
    || not_ok "body not the largest" "$lt_body pt on $lt_pages pages; $up pt also fits $p2"

# No word hyphenated across a page turn: German full of long compounds
# (words from the German dictionary's compound list), ten handout pages;
# the old layout broke six words over the turn. pdftotext shows the soft
# hyphen at a line's end.
python3 - "$d/compounds.md" <<'PY'
import random, re, sys
words = [w for w in (re.sub(r'[0-9.]', '', l.strip()) for l in
         open('/usr/share/hyphen/hyph_de_DE.dic', encoding='latin-1').readlines()[30:69000])
         if w.isalpha() and len(w) > 9]
random.seed(5)
body = '\n'.join(' '.join(random.choice(words) for _ in range(40)) + '\n' for _ in range(14))
open(sys.argv[1], 'w').write('---\nlang: de\n---\n# Verhaltenskodex\n\n' + body)
PY
run -q -o "$WORK/turn" -t handout "$d/compounds.md"
turns=$(python3 - "$WORK/turn/handout.pdf" <<'PY'
import subprocess, sys
pdf = sys.argv[1]
n = int(subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout.split('Pages:')[1].split()[0])
hyphens = 0
for p in range(1, n):
    t = subprocess.run(['pdftotext', '-raw', '-f', str(p), '-l', str(p), pdf, '-'],
                       capture_output=True, text=True).stdout
    lines = [l.rstrip() for l in t.split('\n') if l.strip() and not l.strip().replace('/', '').isdigit()]
    hyphens += bool(lines) and lines[-1].endswith('\u00ad')
print(n, hyphens)
PY
)
[ "$rc" -eq 0 ] && [ "${turns#* }" = 0 ] && [ "${turns% *}" -ge 4 ] \
    && ok "no word hyphenated across a page turn (${turns% *} German handout pages)" \
    || not_ok "hyphen at a page turn" "exit $rc, pages and turns: $turns" "$err"

# No label under 6 pt (the contacts panel's HOTLINE and ORGANIZERS were 5.6).
check "handout: no text under 6 pt" "$PDFCHECK" minsize "$h" 6
check "poster: no text under 6 pt" "$PDFCHECK" minsize "$out/poster.pdf" 6
# Nor on a badge under --badge-min-size (the header was 5.5 pt at 6).
for b in 4x3in a6; do
    check "badge $b: no text under --badge-min-size, the header included" "$PDFCHECK" minsize "$out/badge-$b.pdf" 6
done
text=$("$PDFCHECK" text "$h")
last=$(printf '%s' "$text" | awk 'BEGIN { RS = "\f" } { page = $0 } END { print page }')
first=$(printf '%s' "$text" | awk 'BEGIN { RS = "\f" } NR == 1 { print }')
printf '%s\n' "$first" | grep -q "^1/$pages$" && printf '%s\n' "$last" | grep -q "^$pages/$pages$" \
    && ok "handout: page numbers 1/$pages ... $pages/$pages" || not_ok "handout: page numbers" "$text"
printf '%s\n' "$last" | grep -q "Need help?" && printf '%s\n' "$last" | grep -q "07700 900123" \
    && ! printf '%s\n' "$first" | grep -q "Need help?" \
    && ok "handout: contacts on the last page only" || not_ok "handout: contacts on the last page"
pdftoppm -r 150 -png -f "$pages" -l "$pages" "$h" "$WORK/hq" >/dev/null 2>&1
got=$(zbarimg -q --raw "$WORK"/hq*.png 2>/dev/null)
[ "$got" = "https://example.org/leicesterjs/report" ] && ok "handout: QR code on the last page decodes" \
    || not_ok "handout: QR code on the last page decodes" "got: $got"
run -q -o "$WORK/ql" --paper letter -t handout "$d/code-of-conduct.md"
check "handout: --paper letter gives quarter-letter pages" "$PDFCHECK" size "$WORK/ql/handout.pdf" 107.95 139.7 0.1
check "handout: quarter-letter sheet is Letter" "$PDFCHECK" size "$WORK/ql/handout-sheet.pdf" 215.9 279.4 0.1
check "handout: quarter-letter pages 2 x 2 on the sheet" "$PDFCHECK" grid "$WORK/ql/handout-sheet.pdf" 2 2 0 0 107.95 139.7 107.95 139.7 6

# Pagination of a long, sectioned text: a heading never ends a page.
{ echo "# Long Handout"; for i in 1 2 3 4 5 6; do echo "## Section $i"; echo; sed -n '9,$p' "$seed"; echo; done; } > "$d/long.md"
run -q -o "$WORK/long" -t handout "$d/long.md"
lp=$("$PDFCHECK" info "$WORK/long/handout.pdf" | sed -n 's/^pages //p')
[ "$rc" -eq 0 ] && [ $((lp % 2)) -eq 0 ] && [ "$lp" -ge 4 ] && ok "long handout: $lp pages, even" \
    || not_ok "long handout: even page count" "rc=$rc pages=$lp $err"
check "long handout: every word" "$PDFCHECK" words "$d/long.md" "$WORK/long/handout.pdf"
check "long handout: 6 mm safe" "$PDFCHECK" safe "$WORK/long/handout.pdf" 6
ends=$("$PDFCHECK" text "$WORK/long/handout.pdf" | awk 'BEGIN { RS = "\f" } {
    n = split($0, l, "\n"); k = n; while (k > 0 && (l[k] == "" || l[k] ~ /^[0-9]+\/[0-9]+$/ || l[k] ~ /^Version/)) k--;
    if (l[k] ~ /^Section [0-9]$/) print "page " NR " ends with " l[k] }')
[ -z "$ends" ] && ok "long handout: no page ends with a heading" || not_ok "no page ends with a heading" "$ends"

# The 4-up handout sheet: one page four times per sheet, butting, guides on the cut lines.
hs="$out/handout-sheet.pdf"
check "handout sheet: A4" "$PDFCHECK" size "$hs" 210 297 0.1
check "handout sheet: one sheet per page" "$PDFCHECK" pages "$hs" "$pages"
check "handout sheet: four copies at the 2 x 2 grid, 6 mm safe" "$PDFCHECK" grid "$hs" 2 2 0 0.5 105 148 105 148 6
"$PDFCHECK" text "$hs" | awk -v t="$pages" 'BEGIN { RS = "\f" } { n = gsub(NR "/" t, "&"); if (n != 4) bad = 1 } END { exit bad }' \
    && ok "handout sheet: each sheet repeats one page number four times" || not_ok "handout sheet: page numbers"
check "handout sheet: cut guides on the cut lines, 5 mm from the edge, none on a page" \
    "$PDFCHECK" marks "$hs" 2 2 0 0.5 105 148 105 148 6
run -q -o "$WORK/hso" -t handout --outline "$d/code-of-conduct.md"
check "handout sheet: --outline draws the trims at the grid, nothing inside" \
    "$PDFCHECK" outline "$WORK/hso/handout-sheet.pdf" 2 2 0 0.5 105 148 105 148

# Badge inserts, every size.
for spec in "4x3in 101.6 76.2" "a6 105 148" "a7 74 105" "cr80 85.6 53.98" "90x120mm 90 120"; do
    set -- $spec
    run -q -o "$WORK/b-$1" -t badge --badge "$1" "$d/code-of-conduct.md"
    b="$WORK/b-$1/badge-$1.pdf"
    [ "$rc" -eq 0 ] && ok "badge $1 renders" || not_ok "badge $1 renders" "$err"
    check "badge $1: $2 x $3 mm" "$PDFCHECK" size "$b" "$2" "$3" 0.1
    check "badge $1: one insert" "$PDFCHECK" pages "$b" 1
    check "badge $1: every glyph 3 mm inside the trim" "$PDFCHECK" safe "$b" 3
    check "badge $1: fonts embedded" "$PDFCHECK" embedded "$b"
    # Soft hyphens that did not break a line are still in the text layer.
    bt=$("$PDFCHECK" text "$b" | sed 's/\xc2\xad//g')
    for want in "07700 900123" "999" "Alex Morgan" "07700 900456" "Be kind, be respectful."; do
        printf '%s\n' "$bt" | grep -qF -- "$want" && ok "badge $1: '$want' on one line" \
            || not_ok "badge $1: '$want' on one line" "$bt"
    done
    no_dangling_dot "badge $1" "$bt"
    pdftoppm -r 200 -png "$b" "$WORK/bq-$1" >/dev/null 2>&1
    got=$(zbarimg -q --raw "$WORK"/bq-$1*.png 2>/dev/null)
    if [ "$got" = "https://example.org/leicesterjs/report" ]; then
        ok "badge $1: QR code decodes to the report URL"
    else
        printf '%s\n' "$bt" | tr -d '\n' | grep -qF "https://example.org/leicesterjs/report" \
            && ok "badge $1: no room for a QR code, the URL is printed" \
            || not_ok "badge $1: QR code or URL" "zbar: $got" "$bt"
    fi
done

# Sheets: positions, marks, the note.
sheet_checks() { # NAME PAPER GRID...
    name=$1 paper=$2; shift 2
    flag=""; [ "$paper" = letter ] && flag="--paper letter"
    run -q -o "$WORK/s-$name-$paper" -t badge --badge "$name" $flag "$d/code-of-conduct.md"
    s="$WORK/s-$name-$paper/badge-$name-sheet.pdf"
    check "sheet $name on $paper: inserts at the grid $*, 3 mm safe" "$PDFCHECK" grid "$s" "$@" 3
    check "sheet $name on $paper: crop marks 3 mm off the trims, guides on cut lines, none on an insert" \
        "$PDFCHECK" marks "$s" "$@" 3
    run -q -o "$WORK/o-$name-$paper" -t badge --badge "$name" --outline $flag "$d/code-of-conduct.md"
    check "sheet $name on $paper: --outline draws the trims at the grid" "$PDFCHECK" outline \
        "$WORK/o-$name-$paper/badge-$name-sheet.pdf" "$@"
}
sheet_checks 4x3in a4 2 3 3.4 34.2 101.6 76.2 101.6 76.2
sheet_checks 4x3in letter 2 3 6.35 25.4 101.6 76.2 101.6 76.2
sheet_checks a6 a4 2 2 0 0.5 105 148 105 148
sheet_checks a6 letter 2 1 2.95 65.7 105 148 105 148
sheet_checks a7 a4 4 2 0.5 0 74 105 74 105
sheet_checks a7 letter 3 2 28.7 2.95 74 105 74 105
sheet_checks cr80 a4 2 5 19.4 13.55 85.6 53.98 85.6 53.98
sheet_checks cr80 letter 2 5 22.35 4.75 85.6 53.98 85.6 53.98
sheet_checks 90x120mm a4 2 2 15 28.5 90 120 90 120
grep -q '"file": "badge-90x120mm-sheet.pdf", "kind": "badge-sheet", "stock": "A4, as many as fit", "page_size_mm": \[210.00, 297.00\], "pages": 1, "inserts_per_sheet": 4' \
    "$WORK/s-90x120mm-a4/manifest.json" && ok "custom size: as many as fit with 5 mm margins (4 of 90 x 120 mm on A4)" \
    || not_ok "custom size: as many as fit" "$(cat "$WORK/s-90x120mm-a4/manifest.json")"
check "sheet 4x3in Letter is Letter" "$PDFCHECK" size "$WORK/s-4x3in-letter/badge-4x3in-sheet.pdf" 215.9 279.4 0.1
check "sheet a7 A4 is landscape" "$PDFCHECK" size "$WORK/s-a7-a4/badge-a7-sheet.pdf" 297 210 0.1
"$PDFCHECK" text "$WORK/s-4x3in-a4/badge-4x3in-sheet.pdf" | tr '\n' ' ' | grep -q "Print at 100%" \
    && ok "sheet: a 'print at 100%' note where a margin has room" || not_ok "sheet: print at 100% note"

# Contacts-only badges, and none at all.
sed '/^summary:/,$d' "$d/event.yml" > "$d/nosum.yml"
sed -n '/^name:/p;/^policy_url:/p' "$d/event.yml" > "$d/nocontacts.yml"
run -q -o "$WORK/ns" -t badge --event "$d/nosum.yml" "$d/code-of-conduct.md"
[ "$rc" -eq 0 ] && printf '%s\n' "$err" | grep -q "no 'summary' in the event data" \
    && "$PDFCHECK" text "$WORK/ns/badge-4x3in.pdf" | grep -q "07700 900123" \
    && ok "no summary: contacts-only badges and a warning" || not_ok "no summary" "$err"
expect "no contacts with --target badge: an error saying how to add them" 1 \
    "nocontacts.yml: error: badge inserts .* add a hotline, organizers or an emergency number" \
    -o "$WORK/nc" -t badge --event "$d/nocontacts.yml" "$d/code-of-conduct.md"
run -o "$WORK/nc2" --event "$d/nocontacts.yml" "$d/code-of-conduct.md"
[ "$rc" -eq 0 ] && printf '%s\n' "$err" | grep -q "warning: no badges" && [ ! -e "$WORK/nc2/badge-a6.pdf" ] \
    && ok "no contacts in a default run: badges skipped with a warning" || not_ok "no contacts, default run" "$err"

# Badges that cannot fit.
{ sed '/^summary:/,$d' "$d/event.yml"; echo "summary: |"; for i in $(seq 1 40); do echo "  Be excellent to each other at every event, online and offline, always and everywhere."; done; } > "$d/longsum.yml"
sline=$(grep -n '^summary:' "$d/longsum.yml" | cut -d: -f1)
expect "a summary too long for the badge: exit 3, the overflow and its line" 3 \
    "longsum.yml:$((sline + 1)): error: the 4 x 3 in badge insert does not fit: even at 6.0 pt, .* [0-9.]+ mm more" \
    -o "$WORK/ls" -t badge --badge 4x3in --event "$d/longsum.yml" "$d/code-of-conduct.md"
# A 12-person team on every badge size: the organizers that fit are listed,
# then "More organizers: see the poster"; a warning names who is left off;
# the hotline and the emergency number are always there (cr80 failed before).
run -o "$WORK/b12" -t badge -b a7 -b cr80 -b 4x3in -b a6 -e "$SRCDIR/tests/data/event-12.yml" "$seed"
cr=$("$PDFCHECK" text "$WORK/b12/badge-cr80.pdf" 2>&1)
[ "$rc" -eq 0 ] && printf '%s\n' "$err" | grep -q "warning: the CR80 badge insert lists [0-9]* of the 12 organizers .*left off .*Dmitri Volkov" \
    && printf '%s\n' "$cr" | grep -q "More organizers: see the poster" && printf '%s\n' "$cr" | grep -q "+351 21 123 4567" \
    && printf '%s\n' "$cr" | grep -q "112" \
    && ok "12 organizers on a CR80 insert: those that fit, a line for the rest, a warning naming them" \
    || not_ok "12 organizers on badges" "exit $rc" "$err" "$cr"
for b in a7 cr80 4x3in a6; do
    check "12 organizers, badge $b: no text under 6 pt" "$PDFCHECK" minsize "$WORK/b12/badge-$b.pdf" 6
done
# A 20-person team on every output, A4 and Letter: the poster lists them
# all, the handout's panel runs over as many pages as it needs (an even
# count), every badge size is made; every name and number is printed.
for paper in a4 letter; do
    o="$WORK/t20-$paper"
    run -q -o "$o" --paper "$paper" -b a7 -b cr80 -b 4x3in -b a6 -e "$SRCDIR/tests/data/event-20.yml" "$seed"
    pages=$("$PDFCHECK" info "$o/handout.pdf" | sed -n 's/^pages \([0-9]*\).*/\1/p')
    missing=$(for f in poster handout; do
        python3 - "$SRCDIR/tests/data/event-20.yml" "$("$PDFCHECK" text "$o/$f.pdf" 2>&1)" "$f" <<'PY'
import re, sys
ev, text, what = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
flat = re.sub(r'\s+', ' ', re.sub('[\u200e\u200f\u202a-\u202e\u2066-\u2069]', '', text))
want = re.findall(r'^  - name: (.+)$', ev, re.M) + re.findall(r'^    phone: "(.+)"$', ev, re.M)
# A name with a hyphen may break after it: Okonkwo- / Adeyemi.
joined = flat.replace('- ', '-')
print(' '.join(what + ': ' + w for w in want if not any(v in t for v in (w, w[::-1]) for t in (flat, joined))))
PY
    done)
    [ "$rc" -eq 0 ] && [ -z "$(printf '%s' "$missing" | tr -d ' \n')" ] && [ -n "$pages" ] && [ $((pages % 2)) -eq 0 ] \
        && [ -e "$o/badge-cr80.pdf" ] && [ -e "$o/badge-a7.pdf" ] \
        && ok "20 organizers, $paper: every output made, every name and number on the poster and handout ($pages handout pages)" \
        || not_ok "20 organizers, $paper: every output" "exit $rc pages=$pages" "$err" "missing: $missing"
    check "20 organizers, $paper: handout glyphs inside the safe area" "$PDFCHECK" safe "$o/handout.pdf" 6
    check "20 organizers, $paper: poster text not under 6 pt" "$PDFCHECK" minsize "$o/poster.pdf" 6
    check "20 organizers, $paper: handout text not under 6 pt" "$PDFCHECK" minsize "$o/handout.pdf" 6
done
# Mixed directions, read from the positions pdftotext -bbox gives: in an
# English document an Arabic name comes first (left) and its English role
# after it; in an Arabic document an English name comes first (right) and
# its role after it, to its left. On a badge the name and the number.
bidi="$WORK/bidi"
mkdir -p "$bidi/en" "$bidi/ar"
cp "$seed" "$bidi/en/coc.md"
cp "$SRCDIR/tests/data/i18n/coc.ar.md" "$bidi/ar/coc.ar.md"
printf 'name: Meetup\nhotline:\n  phone: "+44 20 7946 0958"\norganizers:\n  - name: محمد الأحمد\n    role: Accessibility Lead\n    phone: "+44 20 7946 0111"\n' > "$bidi/en/event.yml"
printf 'name: Meetup\nhotline:\n  phone: "+44 20 7946 0958"\nstaff: "Volunteers wear orange T-shirts."\norganizers:\n  - name: John Smith\n    role: Safety Lead\n    phone: "+44 20 7946 0111"\n' > "$bidi/ar/event.yml"
run -q -o "$bidi/en/out" -b a6 "$bidi/en/coc.md"
run -q -o "$bidi/ar/out" -b a6 "$bidi/ar/coc.ar.md"
order() { # PDF FIRST SECOND RTL: whether FIRST reads before SECOND (its line, or the next)
    pdftotext -bbox "$1" - | python3 -c '
import re, sys
first, second, rtl = sys.argv[1], sys.argv[2], sys.argv[3] == "rtl"
words = [(float(a), float(b), float(c), w) for a, b, c, w in re.findall(
    r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"[\d.]+\">([^<]*)<", sys.stdin.read())]
def part(w, text):  # poppler gives right-to-left letters one by one, or reversed
    if w.isascii():
        return w in text.split()
    return w in text or w[::-1] in text
def on(text, y):
    return [w for w in words if part(w[3], text) and (y is None or abs(w[1] - y) < 3)]
a = on(first, None)
if not a:
    sys.exit(print("wrong: no %s" % first))
y = a[0][1]
a = on(first, y)
b = on(second, y)
if b:
    ax0, ax1 = min(w[0] for w in a), max(w[2] for w in a)
    bx0, bx1 = min(w[0] for w in b), max(w[2] for w in b)
    ok = ax0 > bx1 if rtl else ax1 < bx0
else:  # the next line down
    below = sorted({w[1] for w in words if part(w[3], second) and w[1] > y + 3})
    ok = bool(below) and below[0] - y < 40
print("ok" if ok else "wrong: %s / %s" % (a, b))' "$2" "$3" "$4"
}
for f in poster handout; do
    got=$(order "$bidi/en/out/$f.pdf" "محمد الأحمد" "Accessibility Lead" ltr)
    [ "$got" = ok ] && ok "English $f: the Arabic name, then its English role, left to right" \
        || not_ok "English $f: Arabic name before its role" "$got"
    arf="$bidi/ar/out/$f.ar.pdf"
    [ -e "$arf" ] || arf="$bidi/ar/out/$f.pdf"
    got=$(order "$arf" "John Smith" "Safety Lead" rtl)
    [ "$got" = ok ] && ok "Arabic $f: the English name, then its role, right to left" \
        || not_ok "Arabic $f: English name before its role" "$got"
done
# Free text from the event data keeps its own direction on an Arabic page:
# the full stop stays after "T-shirts", not before "Volunteers".
for f in handout badge-a6; do
    arf="$bidi/ar/out/$f.ar.pdf"
    [ -e "$arf" ] || arf="$bidi/ar/out/$f.pdf"
    t=$("$PDFCHECK" text "$arf")
    printf '%s\n' "$t" | grep -qF "T-shirts." && ! printf '%s\n' "$t" | grep -qF ".Volunteers" \
        && ok "Arabic $f: an English staff note keeps its full stop at its end" \
        || not_ok "Arabic $f: English staff note in its own direction" "$t"
done
got=$(order "$bidi/en/out/badge-a6.pdf" "محمد الأحمد" "+44 20 7946 0111" ltr)
[ "$got" = ok ] && ok "English badge: the Arabic name, then the number" || not_ok "English badge order" "$got"
got=$(order "$bidi/ar/out/badge-a6.pdf" "John Smith" "+44 20 7946 0111" rtl)
[ "$got" = ok ] && ok "Arabic badge: the English name, then the number, right to left" \
    || not_ok "Arabic badge order" "$got"

# A paragraph with no letter of the page's direction reads in its own:
# an English one on an Arabic page ends with its full stop, at the right,
# and starts at the left; a paragraph that opens with an Arabic name on an
# English page stays left to right.
mixed="$WORK/mixed"
mkdir -p "$mixed"
{ cat "$SRCDIR/tests/data/i18n/coc.ar.md"; printf '\nEveryone is welcome here, day or night.\n'; } > "$mixed/coc.ar.md"
printf '# Conduct\n\nمحمد الأحمد leads the safety team, day or night.\n' > "$mixed/coc.md"
run -q -o "$mixed/ar" -t poster,handout "$mixed/coc.ar.md"
run -q -o "$mixed/en" -t poster,handout "$mixed/coc.md"
for f in poster handout; do
    arf="$mixed/ar/$f.ar.pdf"
    [ -e "$arf" ] || arf="$mixed/ar/$f.pdf"
    got=$(pdftotext -bbox "$arf" - | python3 -c '
import re, sys
page = sys.stdin.read()
w = {m[4]: (float(m[0]), float(m[2])) for m in re.findall(
    r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)<", page)}
ok = "night." in w and "Everyone" in w and w["Everyone"][0] < w["night."][0] and ".Everyone" not in w
print("ok" if ok else "wrong: %s" % {k: v for k, v in w.items() if k.isascii()})')
    [ "$got" = ok ] && ok "Arabic $f: an English paragraph reads left to right, its full stop at its end" \
        || not_ok "Arabic $f: English paragraph in its own direction" "$got"
    got=$(order "$mixed/en/$f.pdf" "محمد الأحمد" "leads" ltr)
    [ "$got" = ok ] && ok "English $f: a paragraph opening with an Arabic name stays left to right" \
        || not_ok "English $f: paragraph opening with an Arabic name" "$got"
done

# Safety details print exactly (issue 18). With the 12- and 20-person teams,
# on A4 and Letter: every phone number, as written, is whole on one line of
# the poster's and the handout's text; every email is there, broken (if at
# all) only where an address may break, with no hyphen added; each number
# and email is a tel: or mailto: link.
for ev in event-12 event-20; do
    for paper in a4 letter; do
        o="$WORK/safe-$ev-$paper"
        run -q -o "$o" --paper "$paper" -b 4x3in -b a6 -b a7 -b cr80 -e "$SRCDIR/tests/data/$ev.yml" "$seed"
        why=$(python3 - "$SRCDIR/tests/data/$ev.yml" "$o" <<'PY'
import re, subprocess, sys
ev, out = open(sys.argv[1]).read(), sys.argv[2]
phones = re.findall(r'phone: "(.+)"', ev) + re.findall(r'^emergency: "(.+)"', ev, re.M)
emails = re.findall(r'email: (\S+)', ev)
bad = []
def tel(p):
    d = re.sub(r'\(0\)', '', p) if p.startswith('+') else p
    return 'tel:' + ('+' if p.startswith('+') else '') + re.sub(r'\D', '', d)
for f in ('poster', 'handout'):
    text = subprocess.run(['pdftotext', '-layout', out + '/' + f + '.pdf', '-'], capture_output=True, text=True).stdout
    plain = subprocess.run(['pdftotext', out + '/' + f + '.pdf', '-'], capture_output=True, text=True).stdout
    lines = plain.splitlines()
    for p in phones:
        if not any(p in l for l in lines):
            bad.append('%s: %s not whole on one line' % (f, p))
    # An email may end one line and go on at the next: only after "@" or
    # before a ".", "-" or "_", and never with a hyphen added.
    joined = '\n'.join(lines)
    for e in emails:
        if e in joined:
            continue
        ok = False
        for i in range(1, len(e)):
            if e[i - 1] == '@' or e[i] in '.-_':
                if e[:i] + '\n' + e[i:] in joined:
                    ok = True
        if not ok:
            bad.append('%s: %s altered or broken where it may not' % (f, e))
    info = subprocess.run([sys.argv[0] if False else 'true'], capture_output=True)
print('; '.join(bad))
PY
)
        links=$("$PDFCHECK" info "$o/poster.pdf" | sed -n 's/^link [0-9]* \([^ ]*\) .*/\1/p' | sort -u)
        for want in "tel:+351211234567" "tel:+4533123456" "tel:112" "mailto:safety-team@osslisboa.example.org" \
            "mailto:mia.tanaka@osslisboa.example.org"; do
            printf '%s\n' "$links" | grep -qxF "$want" || why="$why; no link $want"
        done
        [ "$rc" -eq 0 ] && [ -z "$why" ] \
            && ok "$ev, $paper: every number whole on one line, every email intact, each a link" \
            || not_ok "$ev, $paper: numbers and emails print exactly" "exit $rc" "$why" "$err"
    done
done
# Badges, card by card (a sheet puts them side by side): the hotline and
# each listed organizer's number whole on one line of its insert.
for b in 4x3in a6 a7 cr80; do
    why=$(pdftotext -bbox "$WORK/safe-event-20-a4/badge-$b.pdf" - | python3 -c '
import re, sys
words = re.findall(r"yMin=\"([\d.]+)\"[^>]*>([^<]*)<", sys.stdin.read())
lines = {}
for y, w in words:
    lines.setdefault(round(float(y)), []).append(w)
text = [" ".join(ws) for _, ws in sorted(lines.items())]
ev = open(sys.argv[1]).read()
flat = re.sub(r"\s", "", "".join(text))
shown = [p for p in re.findall(r"phone: \"(.+)\"", ev) if re.sub(r"\s", "", p) in flat]
bad = [p for p in shown if not any(p in t for t in text)]
# "Call or text" stays on the line of the hotline number, after its dot.
# or, where it cannot stand beside the number, joins the label above it.
call = [i for i, t in enumerate(text) if "Call" in t]
if not call or any("+351 21 123 4567 · Call or text" not in text[i]
                   and not (text[i].endswith("Hotline · Call or text") and i + 1 < len(text)
                            and text[i + 1].startswith("+351 21 123 4567")) for i in call):
    bad.append("Call or text apart from the hotline: %s" % [text[i] for i in call])
print("; ".join(bad) if shown else "no number found")' "$SRCDIR/tests/data/event-20.yml")
    [ -z "$why" ] && ok "20 organizers, badge $b: every number on it whole on one line, 'Call or text' on the hotline's" \
        || not_ok "badge $b numbers whole" "$why"
done
# Set as a designer would: a number and an email that do not fit a line
# go on lines of their own where that costs no line, an email breaks after
# its "@" where that costs no line, and an email's name (before the "@") is
# never cut, at the cost of a line if need be ("+84 24 3825 7777 · huong"
# over ".nguyen@osslisboa.example.org" once).
for ev in event-12 event-20; do
    for paper in a4 letter; do
        o="$WORK/safe-$ev-$paper"
        why=$(python3 - "$SRCDIR/tests/data/$ev.yml" "$o" <<'PY'
import re, subprocess, sys
ev, out = open(sys.argv[1]).read(), sys.argv[2]
emails = re.findall(r'email: (\S+)', ev)
bad = []
for f in ('poster', 'handout'):
    lines = subprocess.run(['pdftotext', out + '/' + f + '.pdf', '-'], capture_output=True,
                           text=True).stdout.splitlines()
    for e in emails:
        name = e.split('@')[0] + '@'
        if not any(name in l for l in lines):
            bad.append('%s: the name of %s cut: %s' % (f, e, [l for l in lines if e.split('@')[0][:4] in l]))
print('; '.join(bad))
PY
)
        [ -z "$why" ] && ok "$ev, $paper: no email's name cut across lines" \
            || not_ok "$ev, $paper: emails' names whole" "$why"
    done
done
o="$WORK/safe-event-12-a4"
t=$(pdftotext "$o/poster.pdf" -)
printf '%s\n' "$t" | grep -qxF "+49 30 901820 44" && printf '%s\n' "$t" | grep -qxF "dmitri.volkov@osslisboa.example.org" \
    && printf '%s\n' "$t" | grep -qxF "ines.goncalves-carvalho@" \
    && printf '%s\n' "$t" | grep -qxF "Inês Gonçalves-Carvalho" && printf '%s\n' "$t" | grep -qxF "Code of Conduct Response Lead" \
    && ok "12-person poster: number, email, name and role each whole on a line of its own where they wrap" \
    || not_ok "12-person poster: contact lines" "$(printf '%s\n' "$t" | grep -E "volkov|goncal|Gonçal|Response")"
# Event data checked the way organizers get it wrong.
ph="$WORK/phones"
mkdir -p "$ph"
printf '# T\n\nText.\n' > "$ph/coc.md"
# A narrow insert: "number · Call or text" is one unit, never broken; where
# the column cannot hold it beside the QR code, "Call or text" joins the
# label above the number. When even the number cannot fit at the smallest
# size, the error names it.
printf 'name: X\nhotline:\n  phone: "+1 (555) 010-4477 ext. 12"\n  sms: true\n' > "$ph/sms.yml"
for b in 45x80mm 4x3in; do
    run -q -o "$ph/s" -t badge -b $b -e "$ph/sms.yml" "$ph/coc.md"
    why=$("$PDFCHECK" text "$ph/s/badge-$b.pdf" | python3 -c '
import sys
lines = [l.strip() for l in sys.stdin.read().splitlines()]
n = "+1 (555) 010-4477 ext. 12"
at = [i for i, l in enumerate(lines) if "Call" in l or l.startswith("text")]
ok = len(at) == 1 and (lines[at[0]].endswith(n + " · Call or text")
                       or (lines[at[0]] == "Hotline · Call or text" and lines[at[0] + 1] == n))
print("" if ok else "\n".join(lines))')
    [ "$rc" -eq 0 ] && [ -z "$why" ] && ok "badge $b: 'Call or text' with the hotline number or its label, never alone" \
        || not_ok "badge $b: Call or text" "exit $rc" "$err" "$why"
done
expect "an insert too narrow for the number: exit 3 naming it" 3 \
    "error: the phone number '\\+1 \\(555\\) 010-4477 ext. 12' needs [0-9.]+ mm on one line even at 6.0 pt, more than the 22.0 mm the 30 x 80 mm insert has" \
    -o "$ph/s2" -t badge -b 30x80mm -e "$ph/sms.yml" "$ph/coc.md"
printf 'name: X\nhotline:\n  phone: "+44 20 7946 0958"\norganizers:\n  - name: A\n    phone: 1-800-FLOWERS\n' > "$ph/letters.yml"
expect "a phone number with letters: an input error at the first letter, with a hint" 1 \
    "letters.yml:6:18: error: organizer 1's 'phone' '1-800-FLOWERS' is not a phone number: write it in digits" \
    -o "$ph/o" -t poster -e "$ph/letters.yml" "$ph/coc.md"
[ ! -e "$ph/o" ] && ok "a phone number with letters: nothing written" || not_ok "letters: something written"
printf 'name: X\nhotline:\n  phone: 07700900123\n' > "$ph/number.yml"
run -q -o "$ph/n" -t poster -e "$ph/number.yml" "$ph/coc.md"
[ "$rc" -eq 0 ] && "$PDFCHECK" text "$ph/n/poster.pdf" | grep -qx "07700900123" \
    && ok "a phone written as a YAML number keeps its text exactly (07700900123)" \
    || not_ok "YAML number phone" "exit $rc" "$err"
printf 'name: X\nhotline:\n  phone: "+44 20 7946 0958"\norganizers:\n  - name: A\n    phone: "07700 900123"\n  - name: B\n---\nname: Y\n' > "$ph/warn.yml"
run -q -o "$ph/w" -t poster -e "$ph/warn.yml" "$ph/coc.md"
[ "$rc" -eq 0 ] && printf '%s\n' "$err" | grep -q "warn.yml:9:1: warning: a second YAML document in the event data is ignored" \
    && printf '%s\n' "$err" | grep -q "warn.yml:7:11: warning: organizer 'B' has neither a phone nor an email" \
    && printf '%s\n' "$err" | grep -q "warn.yml:6:12: warning: organizer 'A': the phone '07700 900123' has no country code" \
    && ok "warnings: a second YAML document, an organizer without phone or email, a number without +" \
    || not_ok "event data warnings" "exit $rc" "$err"
printf 'name: X\nhotline:\n  phone: "+44 20 7946 0958"\norganizers: []\n' > "$ph/empty.yml"
run -q -o "$ph/e" -t poster -e "$ph/empty.yml" "$ph/coc.md"
[ "$rc" -eq 0 ] && printf '%s\n' "$err" | grep -q "empty.yml:4:13: warning: 'organizers' is an empty list" \
    && ok "warning: an empty organizers list" || not_ok "empty organizers warning" "exit $rc" "$err"

# The printed URL, its link and its QR code carry the same address (the same
# after percent-decoding), with letters outside ASCII and an escape already
# in it: the poster (whole policy and summary), the handout, a badge with a
# QR code and one too narrow for it (the URL printed).
u="$WORK/urls"
mkdir -p "$u"
printf '# T\n\nText.\n' > "$u/coc.md"
printf 'name: X\nsummary: Be kind.\npolicy_url: "https://example.org/código"\nreport_url: "https://example.org/informe?quién=sí&a=%%C3%%A9"\nhotline:\n  phone: "+44 20 7946 0958"\n' > "$u/ev.yml"
run -q -o "$u/full" -b a6 -b 45x80mm -e "$u/ev.yml" "$u/coc.md"
rc1=$rc
run -q -o "$u/sum" -t poster --poster summary -e "$u/ev.yml" "$u/coc.md"
why=$(python3 - "$u" "$PDFCHECK" <<'PY'
import subprocess, sys, re, glob, os
from urllib.parse import unquote
u, pdfcheck = sys.argv[1], sys.argv[2]
r = "https://example.org/informe?quién=sí&a=%C3%A9"
want = {"full/poster.pdf": [r], "full/handout.pdf": [r], "full/badge-a6.pdf": [r],
        "full/badge-45x80mm.pdf": [r], "sum/poster.pdf": ["https://example.org/código", r]}
bad = []
for f, urls in want.items():
    path = os.path.join(u, f)
    text = re.sub(r"\s", "", subprocess.run([pdfcheck, "text", path], capture_output=True, text=True).stdout)
    links = re.findall(r"^link \d+ (\S+)", subprocess.run([pdfcheck, "info", path], capture_output=True, text=True).stdout, re.M)
    links = sorted({unquote(l) for l in links if l.startswith("http")})
    subprocess.run(["pdftoppm", "-r", "150", "-png", path, path + "-q"], check=True)
    qr = subprocess.run(["zbarimg", "-q", "--raw"] + glob.glob(path + "-q*.png"), capture_output=True, text=True).stdout.split()
    if any(not q.isascii() for q in qr):
        bad.append("%s: QR not ASCII %s" % (f, qr))
    qr = sorted(unquote(q) for q in qr)
    if "badge-a6" in f:  # a QR code and no room for the URL beside it
        if qr != [unquote(r)]:
            bad.append("%s: QR %s" % (f, qr))
        continue
    bad += ["%s: %s not printed" % (f, x) for x in urls if x not in text]
    if links != sorted(unquote(x) for x in urls):
        bad.append("%s: links %s" % (f, links))
    if "45x80" not in f and qr != sorted(unquote(x) for x in urls):
        bad.append("%s: QR %s" % (f, qr))
print("; ".join(bad))
PY
)
[ "$rc1" -eq 0 ] && [ "$rc" -eq 0 ] && [ -z "$why" ] \
    && ok "printed URL, link and QR code: one address after percent-decoding, on every output" \
    || not_ok "printed URL, link and QR code carry the same address" "exit $rc1 $rc" "$why" "$err"

# QR codes scan on any printer (issue 18): on every output with one, four
# modules of clear (white) space on every side, read from the page at
# 300 dpi where the layout tool says the code is, modules of 0.5 mm or more,
# and zbarimg at 150 dpi reads exactly the printed URL.
qr="$WORK/qr"
"$LAYOUT" -o "$qr" -e "$SRCDIR/content/event.yml" -b 4x3in -b a6 -b a7 -b cr80 "$seed" >"$qr.layout" 2>/dev/null
"$COCPRINT" -q -o "$qr" -e "$SRCDIR/content/event.yml" -b 4x3in -b a6 -b a7 -b cr80 "$seed" 2>/dev/null
why=$(python3 - "$qr" "$qr.layout" <<'PY'
import re, subprocess, sys
out, layout = sys.argv[1], open(sys.argv[2]).read()
bad, seen, f, page = [], 0, None, 0
for line in layout.splitlines():
    if line.startswith('== '):
        f = line[3:]
    elif line.startswith('-- page'):
        page = int(line.split()[2])
    elif line.startswith('qr '):
        x, y, w, h = map(float, line.split()[1:5])
        mod = float(re.search(r'of ([\d.]+) mm', line).group(1))
        seen += 1
        if mod < 0.5:
            bad.append('%s: modules of %.2f mm' % (f, mod))
        dpm = 300 / 25.4
        pgm = subprocess.run(['pdftoppm', '-f', str(page), '-l', str(page), '-r', '300', '-gray',
                              out + '/' + f], capture_output=True).stdout
        m = re.match(rb'P5\s+(\d+)\s+(\d+)\s+255\s', pgm)
        W, H = int(m.group(1)), int(m.group(2))
        px = pgm[m.end():]
        q = 4 * mod
        dark = 0
        for yy in range(int((y - q) * dpm) + 1, int((y + h + q) * dpm) - 1):
            for xx in range(int((x - q) * dpm) + 1, int((x + w + q) * dpm) - 1):
                e = 0.1 * dpm  # the layout tool rounds to 0.1 mm
                inside = (x - 0.05) * dpm - e <= xx <= (x + w + 0.05) * dpm + e and \
                    (y - 0.05) * dpm - e <= yy <= (y + h + 0.05) * dpm + e
                if not inside and 0 <= xx < W and 0 <= yy < H and px[yy * W + xx] < 200:
                    dark += 1
        if dark:
            bad.append('%s: %d dark pixels in the quiet zone' % (f, dark))
        code = subprocess.run('pdftoppm -f %d -l %d -r 150 -png "%s" | zbarimg -q --raw -' % (page, page, out + '/' + f),
                              shell=True, capture_output=True, text=True).stdout.split()
        if 'https://example.org/leicesterjs/report' not in code:
            bad.append('%s: zbarimg read %s' % (f, code))
print('; '.join(bad) if seen >= 6 else 'only %d codes' % seen)
PY
)
[ -z "$why" ] && ok "QR codes on the poster, the handout and every badge: 4 clear modules around, 0.5 mm modules or more, read at 150 dpi" \
    || not_ok "QR codes scan on any printer" "$why"

# badge: false keeps an organizer off badges, not off the poster or handout.
python3 - "$d/event.yml" "$d/offbadge.yml" <<'PY'
import sys
s = open(sys.argv[1]).read()
s = s.replace("  - name: Priya Shah\n", "  - name: Priya Shah\n    badge: false\n")
assert "badge: false" in s
open(sys.argv[2], 'w').write(s)
PY
run -q -o "$WORK/off" -e "$d/offbadge.yml" "$seed"
[ "$rc" -eq 0 ] && ! "$PDFCHECK" text "$WORK/off/badge-a6.pdf" | grep -q "Priya Shah" \
    && "$PDFCHECK" text "$WORK/off/poster.pdf" | grep -q "Priya Shah" && "$PDFCHECK" text "$WORK/off/handout.pdf" | grep -q "Priya Shah" \
    && ! "$PDFCHECK" text "$WORK/off/badge-a6.pdf" | grep -q "More organizers" \
    && ok "badge: false: off the badges, on the poster and the handout" || not_ok "badge: false" "exit $rc" "$err"
sed 's/    badge: false/    badge: maybe/' "$d/offbadge.yml" > "$d/badbadge.yml"
expect "badge: maybe is an error at its line" 1 "badbadge.yml:[0-9]+:[0-9]+: error: 'badge' should be true or false, not maybe" \
    -o "$WORK/x" -e "$d/badbadge.yml" "$seed"

# A real number with an extension, on an insert too narrow for it (a number
# past the 40-character limit is an input error, tested in hostile.sh).
sed 's/^  phone: 07700 900123$/  phone: "+44 20 7946 0958 ext. 123456"/' "$d/event.yml" > "$d/longphone.yml"
expect "a phone number wider than the insert: exit 3 and why" 3 \
    "error: the phone number '\\+44 20 7946 0958 ext. 123456' needs [0-9.]+ mm on one line even at 6.0 pt" \
    -o "$WORK/lp" -t badge --badge 30x20mm --event "$d/longphone.yml" "$d/code-of-conduct.md"
expect "unknown --badge size: usage error" 2 "unknown badge size 'b5'; use 4x3in, a6, a7, cr80 or WxHmm" \
    --badge b5 "$d/code-of-conduct.md"

# --check: the fit, no files, the same exit codes.
run --check -o "$WORK/chk" "$d/code-of-conduct.md"
[ "$rc" -eq 0 ] && [ ! -e "$WORK/chk" ] && printf '%s\n' "$err" | grep -q "^badge-4x3in.pdf .*pt" \
    && printf '%s\n' "$err" | grep -q "nothing written" && ok "--check reports the fit and writes nothing" \
    || not_ok "--check reports the fit and writes nothing" "$err"
expect "--check fails like a real run" 3 "does not fit" --check -o "$WORK/chk" -t badge --event "$d/longsum.yml" "$d/code-of-conduct.md"
[ ! -e "$WORK/chk" ] && ok "--check writes nothing when it fails" || not_ok "--check wrote files"

# Same input, same bytes, for every file.
run -q -o "$WORK/again" "$d/code-of-conduct.md"
same=0
for f in "$WORK/again"/*.pdf; do cmp -s "$f" "$out/$(basename "$f")" || same=1; done
[ $same -eq 0 ] && ok "every PDF byte-identical on a second run" || not_ok "every PDF byte-identical on a second run"
for f in "$out"/*.pdf; do qpdf --check "$f" >/dev/null 2>&1 || echo "$f"; done > "$WORK/damaged"
[ ! -s "$WORK/damaged" ] && ok "qpdf finds no damage in any PDF" || not_ok "qpdf damage" "$(cat "$WORK/damaged")"
# A sheet draws its insert once, as a PDF form that each cell places: the
# file is about the insert's size, not six times it.
for b in 4x3in a6; do
    forms=$(grep -ac '/Subtype /Form' "$out/badge-$b-sheet.pdf")
    one=$(stat -c %s "$out/badge-$b.pdf") all=$(stat -c %s "$out/badge-$b-sheet.pdf")
    [ "$forms" -eq 1 ] && [ "$all" -lt $((one * 3 / 2)) ] && ok "badge $b sheet: the insert is one form ($all bytes, the insert $one)" \
        || not_ok "badge $b sheet: one form" "forms=$forms sheet=$all insert=$one"
done

# A later run removes the stale files of the targets it makes only: -t
# badge -b a7 after a full run keeps the poster and the handout (and their
# manifest entries), and removes the other badge sizes, naming each.
run -o "$out" -t badge -b a7 "$d/code-of-conduct.md"
left=$(cd "$out" && ls | sort | tr '\n' ' ')
[ "$left" = "badge-a7-sheet.pdf badge-a7.pdf handout-sheet.pdf handout.pdf manifest.json poster.pdf " ] \
    && ok "-t badge -b a7: the poster and handout stay, the other badge sizes go" \
    || not_ok "stale files removed" "$left"
[ "$(printf '%s\n' "$err" | grep -c '^removed badge-\(4x3in\|a6\)')" -eq 4 ] \
    && ok "every file removed is named on stderr" || not_ok "removals named" "$err"
python3 - "$out/manifest.json" <<'PY' && ok "the manifest lists the kept poster and handout with their entries" || not_ok "kept entries"
import json, sys
m = json.load(open(sys.argv[1]))
f = {e["file"]: e for e in m["files"]}
assert set(f) == {"badge-a7.pdf", "badge-a7-sheet.pdf", "poster.pdf", "handout.pdf", "handout-sheet.pdf"}, f
assert f["poster.pdf"]["columns"] >= 1 and f["handout.pdf"]["pages"] % 2 == 0 and f["handout.pdf"]["body_pt"] > 0
PY
run -q -o "$out" -t poster "$d/code-of-conduct.md"
left=$(cd "$out" && ls | sort | tr '\n' ' ')
[ "$left" = "badge-a7-sheet.pdf badge-a7.pdf handout-sheet.pdf handout.pdf manifest.json poster.pdf " ] \
    && ok "-t poster keeps the badges and the handout" || not_ok "-t poster" "$left"

finish
