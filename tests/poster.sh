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
for want in "7." "8." "1)" "2)" "“smart quotes” –" "done."; do
    printf '%s\n' "$atext" | grep -qF -- "$want" && ok "every construct: prints '$want'" \
        || not_ok "every construct: prints '$want'"
done
for gone in "raw html block" "<span>" "Logo picture"; do
    printf '%s\n' "$atext" | grep -qF -- "$gone" && not_ok "every construct: '$gone' not printed" \
        || ok "every construct: '$gone' not printed"
done
[ "$(pdfimages -list "$apdf" 2>/dev/null | tail -n +3 | wc -l)" -ge 1 ] \
    && ok "every construct: the PNG image is placed" || not_ok "every construct: the PNG image is placed"
printf '%s\n' "$err" | grep -qE "all-constructs.md:53:30: warning: raw HTML '<span>'" \
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

finish
