#!/bin/sh
# The poster of the bundled example, read back with poppler.
. "$(dirname "$0")/tap.sh"

seed="$SRCDIR/content/code-of-conduct.md"
# The sweep at the end also checks the source tree's documents.
SWEEP_EXTRA="$seed $SRCDIR/tests/data/all-constructs.md"
out="$WORK/out"
run -o "$out" "$seed"
[ "$rc" -eq 0 ] && ok "the example renders" || not_ok "the example renders" "exit $rc" "$err"
pdf="$out/poster.pdf"

check "one page" "$PDFCHECK" pages "$pdf" 1
check "A4 to 0.1 mm" "$PDFCHECK" size "$pdf" 210 297 0.1
check "every font embedded" "$PDFCHECK" embedded "$pdf"
check "every font a subset" sh -c "'$PDFCHECK' info '$pdf' | grep '^font' | grep -qv 'subset=no'"
check "every glyph at least 10 mm inside the page" "$PDFCHECK" safe "$pdf" 10
check "every word of the policy is printed, in reading order" "$PDFCHECK" words "$seed" "$pdf" --ordered
check "no damage in the PDF structure (qpdf)" qpdf --check "$pdf"

info=$("$PDFCHECK" info "$pdf")
for want in "meta title=Code of Conduct author=LeicesterJS" "subject=Code of conduct of LeicesterJS" \
    "creator=cocprint"; do
    printf '%s\n' "$info" | grep -qF "$want" && ok "metadata: $want" || not_ok "metadata: $want" "$info"
done
for url in "https://www.meetup.com/pdxpython/pages/12061872/Code_of_Conduct/" \
    "mailto:conduct@example.org" "https://example.org/leicesterjs/report"; do
    printf '%s\n' "$info" | grep -q "^link 1 $url " && ok "clickable link $url" \
        || not_ok "clickable link $url" "$info"
done
printf '%s\n' "$info" | grep -q "^font Lato-Regular" && ok "body set in Lato from fonts/" \
    || not_ok "body set in Lato from fonts/" "$info"

# The fit: body size and how far the columns reach, from the manifest.
body=$(sed -n 's/.*"poster.pdf".*"body_pt": \([0-9.]*\).*/\1/p' "$out/manifest.json")
awk -v b="$body" 'BEGIN { exit !(b >= 13) }' && ok "body at 13 pt or more ($body pt)" \
    || not_ok "body at 13 pt or more" "body_pt=$body" "$(cat "$out/manifest.json")"
fill=$(sed -n 's/.*"poster.pdf".*"fill": \([0-9.]*\).*/\1/p' "$out/manifest.json")
awk -v f="$fill" 'BEGIN { exit !(f >= 0.85) }' && ok "tallest column fills 85% or more ($fill)" \
    || not_ok "tallest column fills 85% or more" "fill=$fill"

# The printed page agrees: the lowest body line sits near the panel's top.
text=$("$PDFCHECK" text "$pdf")
for want in "Need help?" "07700 900123" "999" "Alex Morgan" "Lead organizer" "07700 900321" \
    "Front desk, ground floor" "Organizers wear orange lanyards" "Version 1.0" "2026-11-01" \
    "LEICESTERJS" "Code of Conduct"; do
    printf '%s\n' "$text" | grep -qF "$want" && ok "prints '$want'" || not_ok "prints '$want'"
done
# The title is printed once: the first heading left the body.
count=$(printf '%s\n' "$text" | grep -c "^Code of Conduct$")
[ "$count" -eq 1 ] && ok "title printed once" || not_ok "title printed once" "found $count"

# The QR code is vector and decodes to the report URL.
if command -v zbarimg >/dev/null && command -v pdftoppm >/dev/null; then
    pdftoppm -r 150 -png "$pdf" "$WORK/qr" >/dev/null 2>&1
    got=$(zbarimg -q --raw "$WORK"/qr*.png 2>/dev/null)
    [ "$got" = "https://example.org/leicesterjs/report" ] && ok "QR code decodes to the report URL" \
        || not_ok "QR code decodes to the report URL" "got: $got"
else
    not_ok "QR code decodes (zbarimg and pdftoppm needed: run ./setup)"
fi
images=$(pdfimages -list "$pdf" 2>/dev/null | tail -n +3 | wc -l)
[ "$images" -eq 0 ] && ok "QR code is vector (no raster image)" || not_ok "QR code is vector" "$images images"

# Same input, same bytes; the date comes from SOURCE_DATE_EPOCH.
run -o "$WORK/again" "$seed"
check "two runs are byte-identical" cmp "$pdf" "$WORK/again/poster.pdf"
SOURCE_DATE_EPOCH=1700000000 "$COCPRINT" -q -o "$WORK/sde" "$seed"
pdfinfo "$WORK/sde/poster.pdf" 2>/dev/null | grep -q "CreationDate:.*2023" \
    && ok "creation date from SOURCE_DATE_EPOCH" || not_ok "creation date from SOURCE_DATE_EPOCH" \
    "$(pdfinfo "$WORK/sde/poster.pdf" 2>&1 | grep -i date)"
SOURCE_DATE_EPOCH=1700000000 "$COCPRINT" -q -o "$WORK/sde2" "$seed"
check "SOURCE_DATE_EPOCH runs are byte-identical" cmp "$WORK/sde/poster.pdf" "$WORK/sde2/poster.pdf"

# Every page size, exact.
for size in "a3 297 420" "a2 420 594" "letter 215.9 279.4" "tabloid 279.4 431.8"; do
    set -- $size
    run -q -o "$WORK/$1" --poster-size "$1" "$seed"
    check "--poster-size $1 is $2 x $3 mm" "$PDFCHECK" size "$WORK/$1/poster.pdf" "$2" "$3" 0.1
    check "--poster-size $1 keeps 10 mm clear" "$PDFCHECK" safe "$WORK/$1/poster.pdf" 10
done
run -q -o "$WORK/letter" --paper letter "$seed"
check "--paper letter gives a Letter poster" "$PDFCHECK" size "$WORK/letter/poster.pdf" 215.9 279.4 0.1

# Every CommonMark construct.
all="$SRCDIR/tests/data/all-constructs.md"
run -o "$WORK/all" "$all"
[ "$rc" -eq 0 ] && ok "every construct renders" || not_ok "every construct renders" "$err"
apdf="$WORK/all/poster.pdf"
check "every construct: every word printed, in reading order" "$PDFCHECK" words "$all" "$apdf" --ordered
check "every construct: inside 10 mm" "$PDFCHECK" safe "$apdf" 10
check "every construct: one A4 page" "$PDFCHECK" size "$apdf" 210 297 0.1
ainfo=$("$PDFCHECK" info "$apdf")
for font in Lato-Italic Lato-Bold Lato-BoldItalic JetBrainsMono-Regular; do
    printf '%s\n' "$ainfo" | grep -q "^font $font embedded=yes" && ok "every construct: $font embedded" \
        || not_ok "every construct: $font embedded" "$ainfo"
done
for url in https://example.org/link https://example.org/auto mailto:team@example.org; do
    printf '%s\n' "$ainfo" | grep -q "^link 1 $url " && ok "every construct: link $url" \
        || not_ok "every construct: link $url" "$ainfo"
done
printf '%s\n' "$ainfo" | grep -q "javascript" && not_ok "javascript: link not clickable" \
    || ok "javascript: link not clickable"
atext=$("$PDFCHECK" text "$apdf")
aflat=$(printf '%s\n' "$atext" | tr '\n' ' ')
# A <div> block's text is printed (HTML is read, issue 19); its tags are not.
for want in "7." "8." "1)" "2)" "“smart quotes” –" "done." "text of an HTML block, printed"; do
    printf '%s\n' "$aflat" | grep -qF -- "$want" && ok "every construct: prints '$want'" \
        || not_ok "every construct: prints '$want'"
done
for gone in "<div>" "<span>" "Logo picture"; do
    printf '%s\n' "$atext" | grep -qF -- "$gone" && not_ok "every construct: '$gone' not printed" \
        || ok "every construct: '$gone' not printed"
done
[ "$(pdfimages -list "$apdf" 2>/dev/null | tail -n +3 | wc -l)" -ge 1 ] \
    && ok "every construct: the PNG image is placed" || not_ok "every construct: the PNG image is placed"
printf '%s\n' "$err" | grep -qE "all-constructs.md:53:30: warning: HTML tag <span> dropped: its text is kept" \
    && ok "raw HTML warning names the line and column" || not_ok "raw HTML warning names the line" "$err"
printf '%s\n' "$err" | grep -qE "all-constructs.md:59:[0-9]+: warning: link to 'javascript:" \
    && ok "javascript: link warning names line and column" || not_ok "javascript: link warning" "$err"

# Layouts that once lost text: deep nesting, wide list numbers, items that open
# with code or a list.
d="$WORK/odd"
mkdir -p "$d"
{ echo "# Odd"; printf '> %.0s' $(seq 1 25); echo "Deeply quoted words stay on the page."; echo;
  echo "2024. The year we wrote this policy."; echo; echo "Between."; echo;
  echo "123456789. A very large list number."; echo; echo "Between."; echo;
  printf '1. First item\n2. ```\n   code in item two\n   ```\n3. - nested in item three\n'; } > "$d/odd.md"
run -q -o "$WORK/odd-out" -t poster "$d/odd.md"
[ "$rc" -eq 0 ] && ok "odd layouts render" || not_ok "odd layouts render" "$err"
check "odd layouts: every word printed, in order" "$PDFCHECK" words "$d/odd.md" "$WORK/odd-out/poster.pdf" --ordered
check "odd layouts: inside 10 mm" "$PDFCHECK" safe "$WORK/odd-out/poster.pdf" 10
otext=$("$PDFCHECK" text "$WORK/odd-out/poster.pdf")
for want in "2024." "123456789." "1." "2." "3."; do
    printf '%s\n' "$otext" | grep -qF -- "$want" && ok "odd layouts: marker '$want' printed" \
        || not_ok "odd layouts: marker '$want' printed" "$otext"
done

# Contacts that are only a note about staff are still printed.
printf 'name: Tiny Meetup\nstaff: Hosts wear green hats.\n' > "$d/event.yml"
cp "$seed" "$d/coc.md"
run -q -o "$WORK/staff" -t poster "$d/coc.md"
"$PDFCHECK" text "$WORK/staff/poster.pdf" | grep -q "Hosts wear green hats." \
    && ok "a staff note alone is printed" || not_ok "a staff note alone is printed" "$err"

# A 12-person team: the organizers in a grid under the panel's columns, so
# the A4 poster is made (the panel was 82% of the page, and no size fitted);
# every name and number printed, the hotline on one line.
run -q -o "$WORK/team" -t poster -e "$SRCDIR/tests/data/event-12.yml" "$SRCDIR/content/code-of-conduct.md"
txt=$("$PDFCHECK" text "$WORK/team/poster.pdf" 2>&1)
missing=$(python3 - "$SRCDIR/tests/data/event-12.yml" "$txt" <<'PY'
import re, sys
ev, text = open(sys.argv[1]).read(), sys.argv[2]
# poppler marks right-to-left letters with embeddings (U+202B ... U+202C).
flat = re.sub(r'\s+', ' ', re.sub('[\u200e\u200f\u202a-\u202e\u2066-\u2069]', '', text))
want = re.findall(r'^  - name: (.+)$', ev, re.M) + re.findall(r'^    phone: "(.+)"$', ev, re.M)
# poppler gives a right-to-left name in visual order: reversed, then.
print(' | '.join(w for w in want if not any(v in flat for v in (w.strip('"'), w.strip('"')[::-1]))))
PY
)
[ "$rc" -eq 0 ] && [ -z "$missing" ] && printf '%s\n' "$txt" | grep -q "^+351 21 123 4567$" \
    && ok "a 12-person team on an A4 poster: every name and number, the hotline on one line" \
    || not_ok "12-person poster" "exit $rc" "$err" "missing: $missing"
check "the 12-person poster: every glyph 10 mm inside the page" "$PDFCHECK" safe "$WORK/team/poster.pdf" 10

# The panel's share: at most 40% of an A4 page with the 12-person team, and
# the same or less on each larger page (A4, A3, A2; Letter, tabloid).
share() { "$PDFCHECK" bands "$1" | sed -n 's/.*panel \([0-9.]*\).*/\1/p'; }
for family in "a4 a3 a2" "letter tabloid"; do
    last=1
    for size in $family; do
        run -q -o "$WORK/share-$size" -t poster --poster-size "$size" \
            -e "$SRCDIR/tests/data/event-12.yml" "$SRCDIR/content/code-of-conduct.md"
        got=$(share "$WORK/share-$size/poster.pdf")
        awk -v s="$got" -v l="$last" 'BEGIN { exit !(s > 0.1 && s <= 0.40 && s <= l + 0.002) }' \
            && ok "12-person panel on $size: $got of the page (at most 0.40, no more than the size below)" \
            || not_ok "12-person panel on $size: at most 0.40 and no larger than below" \
                "share $got, size below $last" "$err"
        last=$got
    done
done

# The poster's body size (the text block that starts with $1) and hotline
# number's size, from the layout tool; the rest are cocprint's arguments.
body_and_hotline() {
    start=$1
    shift
    "$LAYOUT" -t poster "$@" 2>/dev/null | awk -v start="\"$start" '
        function size() { for (i = 1; i <= NF; i++) if ($i ~ /pt$/) return $i + 0 }
        /^text/ && index($0, start) { body = size() }
        /^text/ && /"(07700.+900123|\+351.+21.+123.+4567)"/ { num = size() }
        END { print body, num }'
}

# A short policy fills the poster: no blank band over 20% of the page, and
# the hotline number is never smaller than the body.
short="$WORK/short"
mkdir -p "$short"
printf '# Our Pledge\n\nBe kind. Harassment is not tolerated here.\n\nTell an organizer if anything is wrong.\n' \
    > "$short/coc.md"
for ev in "$SRCDIR/content/event.yml" "$SRCDIR/tests/data/event-12.yml"; do
    name=$(basename "$ev" .yml)
    run -q -o "$short/$name" -t poster -e "$ev" "$short/coc.md"
    blank=$("$PDFCHECK" bands "$short/$name/poster.pdf" | sed -n 's/blank \([0-9.]*\).*/\1/p')
    awk -v b="$blank" 'BEGIN { exit !(b <= 0.20) }' \
        && ok "short policy, $name: widest blank band $blank of the page (at most 0.20)" \
        || not_ok "short policy, $name: no blank band over 20%" "blank $blank" "$err"
    sizes=$(body_and_hotline "Be kind" -e "$ev" "$short/coc.md")
    set -- $sizes
    [ -n "${2:-}" ] && awk -v b="$1" -v h="$2" 'BEGIN { exit !(b >= 14 && h >= b - 0.01) }' \
        && ok "short policy, $name: body $1 pt, hotline $2 pt (not smaller)" \
        || not_ok "short policy, $name: body 14 pt or more, hotline not smaller" "body/hotline: $sizes"
done
# The seed's hotline is not smaller than its body either.
sizes=$(body_and_hotline "The LeicesterJS is dedicated" -e "$SRCDIR/content/event.yml" "$seed")
set -- $sizes
[ -n "${2:-}" ] && awk -v b="$1" -v h="$2" 'BEGIN { exit !(h >= b - 0.01) }' \
    && ok "the seed's hotline ($2 pt) is not smaller than its body ($1 pt)" \
    || not_ok "the seed's hotline is not smaller than its body" "$sizes"

# --poster auto|full|summary. A policy eight times the seed's does not fit
# the A4 poster: auto carries the event's summary, the way to the whole
# text (its URL printed, a link and a QR code) and the contacts, says so on
# stderr with the size that holds the whole text, and the manifest says
# which content the poster has.
pm="$WORK/modes"
mkdir -p "$pm"
python3 - "$seed" "$pm/long.md" "$SRCDIR/content/event.yml" "$pm/summary.md" <<'PY'
import sys, re
body = open(sys.argv[1]).read().split('---', 2)[2].replace('# ', '## ')
open(sys.argv[2], 'w').write('# Long Policy\n\n' + body * 8)
ev = open(sys.argv[3]).read()
m = re.search(r'^summary: \|\n((?:  .*\n|\n)+)', ev, re.M)
open(sys.argv[4], 'w').write(re.sub(r'^  ', '', m.group(1), flags=re.M))
PY
run -o "$pm/auto" -e "$SRCDIR/content/event.yml" "$pm/long.md"
ptext=$("$PDFCHECK" text "$pm/auto/poster.pdf" 2>&1)
[ "$rc" -eq 0 ] && printf '%s\n' "$err" | grep -q "warning: the whole policy does not fit the A4 poster at 8.0 pt: it carries the summary and the way to the whole text (the whole text fits with --poster-size a2)" \
    && printf '%s\n' "$err" | grep -q "^poster.pdf  A4  1 page  summary" \
    && ok "auto: a policy too long for A4 gets the summary poster, and stderr says which size holds the whole text" \
    || not_ok "auto: the summary poster" "exit $rc" "$err"
check "auto: every word of the summary printed, in order" "$PDFCHECK" words "$pm/summary.md" "$pm/auto/poster.pdf" --ordered
printf '%s\n' "$ptext" | grep -q "^Long Policy$" && printf '%s\n' "$ptext" | grep -qF "Read the full policy" \
    && printf '%s\n' "$ptext" | grep -qF "https://example.org/leicesterjs/code-of-conduct" \
    && printf '%s\n' "$ptext" | grep -qF "07700 900123" \
    && ok "auto: the policy's title, 'Read the full policy' with its URL, then the contacts" \
    || not_ok "summary poster's parts" "$ptext"
"$PDFCHECK" info "$pm/auto/poster.pdf" | grep -q "^link 1 https://example.org/leicesterjs/code-of-conduct " \
    && ok "auto: the policy URL is a link" || not_ok "auto: the policy URL is a link"
grep -q '"file": "poster.pdf", .*"content": "summary"' "$pm/auto/manifest.json" \
    && ok "auto: the manifest says the poster carries the summary" || not_ok "manifest content" "$(cat "$pm/auto/manifest.json")"
check "auto: the summary poster's glyphs 10 mm inside the page" "$PDFCHECK" safe "$pm/auto/poster.pdf" 10
if command -v zbarimg >/dev/null; then
    pdftoppm -r 150 -png "$pm/auto/poster.pdf" "$pm/qr" >/dev/null 2>&1
    codes=$(zbarimg -q --raw "$pm"/qr*.png 2>/dev/null | sort | tr '\n' ' ')
    [ "$codes" = "https://example.org/leicesterjs/code-of-conduct https://example.org/leicesterjs/report " ] \
        && ok "auto: the QR codes decode to the policy URL and the report URL" \
        || not_ok "summary poster QR codes" "got: $codes"
else
    not_ok "summary poster QR codes (zbarimg needed: run ./setup)"
fi
run -q -o "$pm/a2" --poster-size a2 -t poster -e "$SRCDIR/content/event.yml" "$pm/long.md"
[ "$rc" -eq 0 ] && grep -q '"content": "full"' "$pm/a2/manifest.json" \
    && ok "and on A2, as the warning says, the whole text" || not_ok "A2 holds the whole text" "exit $rc" "$err"
check "A2: every word of the policy" "$PDFCHECK" words "$pm/long.md" "$pm/a2/poster.pdf" --ordered
# --poster summary on a policy that fits; --poster full on one that does not.
run -q -o "$pm/sum" -t poster --poster summary -e "$SRCDIR/content/event.yml" "$seed"
[ "$rc" -eq 0 ] && grep -q '"content": "summary"' "$pm/sum/manifest.json" \
    && "$PDFCHECK" text "$pm/sum/poster.pdf" | grep -qF "Read the full policy" \
    && ok "--poster summary: the summary even when the whole text would fit" || not_ok "--poster summary" "exit $rc" "$err"
run -q -o "$pm/seedfull" -t poster -e "$SRCDIR/content/event.yml" "$seed"
grep -q '"content": "full"' "$pm/seedfull/manifest.json" && ok "auto: a policy that fits gets the whole text" \
    || not_ok "auto on the seed" "$(cat "$pm/seedfull/manifest.json")"
# No summary: the poster fails (exit 3) naming both fixes; the handout and
# badges are still made.
sed '/^summary:/,$d' "$SRCDIR/content/event.yml" > "$pm/nosum.yml"
run -o "$pm/nosum" -e "$pm/nosum.yml" "$pm/long.md"
[ "$rc" -eq 3 ] && printf '%s\n' "$err" | grep -q "error: the poster does not fit on A4: .*print a larger poster (--poster-size a2), add a short summary ('summary:' in the event data or the front matter) for the poster to carry instead (--poster auto)" \
    && [ ! -e "$pm/nosum/poster.pdf" ] && [ -f "$pm/nosum/handout.pdf" ] && [ -f "$pm/nosum/badge-a6.pdf" ] \
    && ok "no summary: the poster fails naming a larger size and a summary; the handout and badges are made" \
    || not_ok "no summary" "exit $rc" "$err"
expect "--poster summary without a summary: what to add" 3 \
    "the summary poster \(--poster summary\) needs a short summary" \
    -t poster --poster summary -e "$pm/nosum.yml" -o "$pm/x" "$seed"
grep -v '^policy_url:' "$SRCDIR/content/event.yml" > "$pm/nourl.yml"
expect "--poster summary without a policy URL: what to add" 3 \
    "the summary poster \(--poster summary\) needs the address of the whole policy \('policy_url:' in the event data\)" \
    -t poster --poster summary -e "$pm/nourl.yml" -o "$pm/x" "$seed"
expect "--poster sideways: a usage error" 2 "unknown poster content 'sideways'; use --poster auto, full or summary" \
    --poster sideways "$seed"
# Several translations: each one's own summary, from its front matter.
for l in de fr; do
    python3 - "$SRCDIR/tests/data/i18n/coc.$l.md" "$pm/coc.$l.md" "$l" <<'PY'
import sys
src, dst, lang = sys.argv[1:]
head, fm, body = open(src).read().split('---', 2)
summary = {'de': 'Wir dulden keine Belästigung. Sprich jede Person im Team an.',
           'fr': 'Nous ne tolérons aucun harcèlement. Parlez à l’équipe.'}[lang]
open(dst, 'w').write('---' + fm + 'summary: "' + summary + '"\n---' + body.replace('# ', '## ') * 6)
PY
done
run -q -o "$pm/multi" -t poster -e "$SRCDIR/tests/data/i18n/event.yml" "$pm/coc.de.md" "$pm/coc.fr.md"
mtext=$("$PDFCHECK" text "$pm/multi/poster.pdf" 2>&1)
[ "$rc" -eq 0 ] && grep -q '"content": "summary"' "$pm/multi/manifest.json" \
    && printf '%s\n' "$mtext" | tr '\n' ' ' | grep -q "Wir dulden keine Belästigung" \
    && printf '%s\n' "$mtext" | tr '\n' ' ' | grep -q "Nous ne tolérons aucun harcèlement" \
    && ok "two translations too long together: each one's own summary on the poster" \
    || not_ok "multilingual summary poster" "exit $rc" "$err" "$mtext"

# Two translations fit in full on a page of twice the area that the longer
# one needs alone (A4 -> A3 -> A2): the Berlin Code of Conduct in English and
# Arabic with the bundled event; German and Japanese policies four and five
# times the test one's with the 12-person team and with the bundled event.
# The layout is the one that sets them larger.
tw="$WORK/twice"
mkdir -p "$tw"
cp "$SRCDIR/tests/data/corpus/berlin/en.md" "$tw/coc.en.md"
cp "$SRCDIR/tests/data/corpus/berlin/ar.md" "$tw/coc.ar.md"
for k in 4 5; do
    for l in de ja; do
        mkdir -p "$tw/x$k"
        python3 - "$SRCDIR/tests/data/i18n/coc.$l.md" "$tw/x$k/coc.$l.md" $k <<'PY'
import sys
head, fm, body = open(sys.argv[1]).read().split('---', 2)
open(sys.argv[2], 'w').write('---' + fm + '---' + body.replace('\n# ', '\n## ') * int(sys.argv[3]))
PY
    done
done
for case in "event coc.en.md coc.ar.md" "event x5/coc.de.md x5/coc.ja.md" \
    "event-12 x4/coc.de.md x4/coc.ja.md"; do
    set -- $case
    ev="$SRCDIR/content/event.yml"
    [ "$1" = event-12 ] && ev="$SRCDIR/tests/data/event-12.yml"
    need=0
    for md in "$2" "$3"; do
        i=0
        for size in a4 a3 a2 none; do
            i=$((i + 1))
            [ $size = none ] && break
            "$COCPRINT" -q --poster full -t poster --poster-size $size -e "$ev" -o "$tw/one" "$tw/$md" \
                2>/dev/null && break
        done
        [ $i -gt $need ] && need=$i
    done
    twice=$(echo "a4 a3 a2" | cut -d' ' -f$((need + 1)))
    what="two translations ($2, $3, $1)"
    if [ "$need" -lt 2 ] || [ -z "$twice" ]; then
        not_ok "$what: the longer alone needs A3, not A4 nor more than A3" "size $need"
        continue
    fi
    run -q --poster full -t poster --poster-size "$twice" -e "$ev" -o "$tw/both" "$tw/$2" "$tw/$3"
    [ "$rc" -eq 0 ] && ok "$what: the longer alone needs $(echo "a4 a3 a2" | cut -d' ' -f$need), both fit $twice" \
        || not_ok "$what: both fit $twice" "exit $rc" "$err"
done

# The Contributor Covenant 2.1 with the 12-person team: the whole text on
# A3 (no size fitted before), every word in order.
run -q --poster full -t poster --poster-size a3 -e "$SRCDIR/tests/data/event-12.yml" -o "$WORK/cc21" \
    "$SRCDIR/tests/data/corpus/cc-repo-coc.md"
[ "$rc" -eq 0 ] && ok "Contributor Covenant 2.1, 12-person team: the whole text on A3" \
    || not_ok "Contributor Covenant 2.1 on A3" "exit $rc" "$err"
check "Contributor Covenant 2.1 on A3: every word, in order" "$PDFCHECK" words \
    "$SRCDIR/tests/data/corpus/cc-repo-coc.md" "$WORK/cc21/poster.pdf" --ordered

finish
