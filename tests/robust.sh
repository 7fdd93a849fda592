#!/bin/sh
# Hostile and broken input: each case refused with a clear message, or
# handled, never a crash; a failed or killed run leaves the folder as it was.
. "$(dirname "$0")/tap.sh"

d="$WORK/in"
mkdir -p "$d"
cp "$SRCDIR/content/event.yml" "$d/event.yml"
seed="$SRCDIR/content/code-of-conduct.md"

# An image whose header claims 6000 x 6000 pixels: refused before decoding.
printf '\211PNG\r\n\032\n\000\000\000\015IHDR\000\000\027\160\000\000\027\160\010\006\000\000\000' > "$d/huge.png"
printf '# T\n\nText.\n\n![big](huge.png)\n' > "$d/huge.md"
expect "an image over the pixel limit" 1 "huge.md:5:1: error: image 'huge.png' is 6000x6000 pixels, over the limit of 25 megapixels" \
    -o "$WORK/x" "$d/huge.md"

# Billion laughs in the event data.
cat > "$d/bomb.yml" <<'YML'
name: X
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
YML
expect "YAML aliases that expand past the limit" 1 "bomb.yml:1:1: error: the YAML's aliases expand to more than 10000 values" \
    -o "$WORK/x" --event "$d/bomb.yml" "$seed"
printf 'name: &n Tiny Meetup\nstaff: *n\nemergency: "112"\n' > "$d/alias.yml"
run -q -o "$WORK/alias" -t poster --event "$d/alias.yml" "$seed"
[ "$rc" -eq 0 ] && ok "a modest alias is fine" || not_ok "a modest alias is fine" "$err"

# Links that are not for the web: dropped with a warning, text kept.
printf '# T\n\nSee [the file](file:///etc/passwd) and [data](data:text/html,x) and [ftp](ftp://example.org/x).\n' > "$d/links.md"
run -o "$WORK/links" -t poster "$d/links.md"
# One line for the three (warnings are grouped by kind), with the first's place.
n_warn=$(printf '%s\n' "$err" | grep -c "links.md: warning: 3 links dropped (.*) (first at 3:5: link to 'file:///etc/passwd' dropped")
[ "$rc" -eq 0 ] && [ "$n_warn" -eq 1 ] && ok "file:, data: and ftp: links dropped with one warning: the count, the first's line and column" \
    || not_ok "non-web links" "$err"
check "non-web links: their text is printed" "$PDFCHECK" words "$d/links.md" "$WORK/links/poster.pdf"
"$PDFCHECK" info "$WORK/links/poster.pdf" | grep -q "^link 1 \(file\|data\|ftp\):" \
    && not_ok "non-web links: no link annotations" || ok "non-web links: no link annotations"

# Raw HTML: dropped with a warning naming the line.
printf '# T\n\nBefore <script>alert(1)</script> after.\n\n<iframe src="x"></iframe>\n' > "$d/html.md"
run -o "$WORK/html" -t poster "$d/html.md"
printf '%s\n' "$err" | grep -q "html.md:3:8: warning: <script> element dropped with its content" \
    && printf '%s\n' "$err" | grep -q "html.md:5:1: warning: HTML tag <iframe> dropped: its text is kept" && [ "$rc" -eq 0 ] \
    && ok "a script and an unknown tag dropped with warnings naming line and column" || not_ok "raw HTML" "$err"
"$PDFCHECK" text "$WORK/html/poster.pdf" | grep -q "script\|iframe" && not_ok "raw HTML not printed" \
    || ok "raw HTML not printed"

# A 20 MB file: refused at once, with the limit.
head -c 20000000 /dev/zero | tr '\0' 'a' > "$d/big.md"
expect "a 20 MB file is refused with the stated limit" 1 "big.md: error: the file is 20.0 MB; cocprint reads files up to 256 KiB" \
    -o "$WORK/x" "$d/big.md"

# 10,000 nested lists and block quotes: refused with the limit and the line.
python3 -c "print('- ' * 10000 + 'deep')" > "$d/lists.md"
python3 -c "print('> ' * 10000 + 'deep')" > "$d/quotes.md"
expect "10,000 nested lists" 1 "lists.md:1:[0-9]+: error: lists and block quotes nested more than 100 deep" -o "$WORK/x" "$d/lists.md"
expect "10,000 nested block quotes" 1 "quotes.md:1:[0-9]+: error: lists and block quotes nested more than 100 deep" -o "$WORK/x" "$d/quotes.md"

# Found by the fuzzer: form feeds in a heading (Pango does not break a line
# at one, though its attributes mark a break there). A form feed prints as
# nothing a reader can see, so it is now an input error at its position.
printf '# Title\n\nA heading\f\f\f\f\f\f\f\f\f\f with form feeds\n===\n\nBody text.\n' > "$d/ff.md"
expect "form feeds in a heading: refused at line and column" 1 "ff.md:3:10: error: U\\+000C FORM FEED cannot be printed" \
    -o "$WORK/ff" -t poster,handout "$d/ff.md"
[ ! -e "$WORK/ff" ] && ok "form feeds: nothing written" || not_ok "form feeds: nothing written" "$(ls -la "$WORK/ff")"
# A heading no page can hold is named, not a search to 10,000 pages.
python3 -c "print('# T\n\n## ' + ' '.join(['word'] * 2000) + '\n\nBody.')" > "$d/tall.md"
expect "a heading taller than a handout page" 3 "a heading \\(or a line of a code block\\) is taller than the A6 handout page even at 8.0 pt" \
    -o "$WORK/tall" -t handout "$d/tall.md"

# A paragraph past the stated limit is refused at its line.
python3 -c "print('# T\n\n' + 'word ' * 7000)" > "$d/para.md"
expect "a 35,000-character paragraph" 1 "para.md:3:1: error: a paragraph of 3[0-9]{4} characters: cocprint sets at most 30000" \
    -o "$WORK/para" "$d/para.md"

# A 5,000-character word: rendered, inside the safe area, nothing lost.
python3 -c "print('# Word\n\nBefore ' + 'x' * 5000 + ' after.')" > "$d/word.md"
run -q -o "$WORK/word" -t poster,handout "$d/word.md"
[ "$rc" -eq 0 ] && ok "a 5,000-character word renders" || not_ok "a 5,000-character word" "$err"
check "the long word stays 10 mm inside the poster" "$PDFCHECK" safe "$WORK/word/poster.pdf" 10
check "the long word stays 6 mm inside the handout" "$PDFCHECK" safe "$WORK/word/handout.pdf" 6
check "the long word: every letter printed" "$PDFCHECK" letters "$d/word.md" "$WORK/word/handout.pdf"

# Words of 29,000 characters (122 s for 34 of them before): set with a
# break point every few characters, nothing lost, inside the page. (Outside
# $WORK: the nothing-lost sweep joins a broken word's lines pairwise, which
# for 600-line words would take minutes; "letters" checks them whole.)
long=$(mktemp -d)
python3 -c "
import random
random.seed(1)
print('# Words\n')
for i in range(3): print(''.join(random.choice('abcdefghij') for _ in range(29000)) + '\n')
" > "$long/words.md"
python3 -c "print('# Word\n\nBefore ' + 'abcdefghij' * 1500 + ' after.')" > "$long/word.md"
run -q -o "$long/out" -t handout "$long/words.md"
[ "$rc" -eq 0 ] && ok "three 29,000-character words render" || not_ok "29,000-character words" "$err"
check "29,000-character words: every letter printed" "$PDFCHECK" letters "$long/words.md" "$long/out/handout.pdf"
check "29,000-character words stay 6 mm inside the handout" "$PDFCHECK" safe "$long/out/handout.pdf" 6
run -q -o "$long/p" -t poster --poster-size a3 "$long/word.md"
[ "$rc" -eq 0 ] && ok "a 15,000-character word fits an A3 poster" || not_ok "15,000-character word" "$err"
check "a 15,000-character word: every letter on the poster" "$PDFCHECK" letters "$long/word.md" "$long/p/poster.pdf"
check "a 15,000-character word stays 10 mm inside the poster" "$PDFCHECK" safe "$long/p/poster.pdf" 10
rm -rf "$long"

# 4,000 headings in a row (28 s before, and one heading a page): a run of
# headings taller than a page breaks, and the pages fill.
python3 -c "print('# Heads\n\n' + ''.join('## Heading %d\n\n' % i for i in range(4000)))" > "$d/heads.md"
run -q -o "$WORK/heads" -t handout "$d/heads.md"
pages=$(sed -n 's/.*"file": "handout.pdf".*"pages": \([0-9]*\).*/\1/p' "$WORK/heads/manifest.json")
[ "$rc" -eq 0 ] && [ "${pages:-99999}" -le 400 ] && ok "4,000 headings in a row fill $pages handout pages" \
    || not_ok "4,000 headings" "exit $rc, $pages pages" "$err"
check "4,000 headings: every one printed" "$PDFCHECK" letters "$d/heads.md" "$WORK/heads/handout.pdf"

# The Markdown of one run, every input together, is bounded: two
# translations of 150 KB each are refused at the second, before any output.
python3 -c "print('# T\n\n' + ('word ' * 60 + '\n\n') * 500)" > "$d/half.md"
cp "$d/half.md" "$d/half.fr.md"
expect "two inputs past 256 KiB together" 1 "half.fr.md: error: the inputs hold [23][0-9]{2} KiB of Markdown with this one; one run reads 256 KiB at most" \
    -o "$WORK/half" "$d/half.md" "$d/half.fr.md"
[ ! -e "$WORK/half" ] && ok "inputs past the limit: nothing written" || not_ok "inputs past the limit wrote" "$(ls "$WORK/half")"

# A run killed midway leaves the folder exactly as it was.
mkdir -p "$WORK/keep"
"$COCPRINT" -q -o "$WORK/keep" "$seed"
before=$(cd "$WORK/keep" && find . -exec ls -ld --time-style=+%s.%N {} + | sort)
# A handout of 120 times the policy (240 KB) takes a second, so each kill
# lands midway; it lives outside $WORK, where the nothing-lost sweep looks.
slow=$(mktemp -d)
{ echo "# Long"; for i in $(seq 1 120); do sed '1,/^---$/d' "$seed" | sed '/^# /d'; echo; done; } > "$slow/long.md"
for delay in 0.05 0.15 0.3 0.6; do
    timeout -s KILL "$delay" "$COCPRINT" -q -o "$WORK/keep" -t handout "$slow/long.md" >/dev/null 2>&1
done
rm -rf "$slow"
after=$(cd "$WORK/keep" && find . -exec ls -ld --time-style=+%s.%N {} + | sort)
[ "$before" = "$after" ] && ok "runs killed midway leave the output folder exactly as it was" \
    || not_ok "killed runs changed the folder" "$before" "$after"

# A manifest.json in the output folder removes only cocprint's own files.
mkdir -p "$WORK/foreign"
echo keep > "$WORK/foreign/notes.txt"
echo old > "$WORK/foreign/poster.png"
printf '{"generator": "cocprint 0.0", "files": [{"file": "notes.txt"}, {"file": "manifest.json"}, {"file": "poster.png"}]}' \
    > "$WORK/foreign/manifest.json"
run -q -o "$WORK/foreign" -t poster "$seed"
[ "$rc" -eq 0 ] && [ -f "$WORK/foreign/notes.txt" ] && [ -f "$WORK/foreign/manifest.json" ] && [ ! -e "$WORK/foreign/poster.png" ] \
    && ok "stale removal takes only cocprint's own file names" || not_ok "stale removal" "$(ls -a "$WORK/foreign")"
printf '{"generator": "other", "files": [{"file": "poster.png"}]}' > "$WORK/foreign/manifest.json"
echo old > "$WORK/foreign/poster.png"
run -q -o "$WORK/foreign" -t poster "$seed"
[ -f "$WORK/foreign/poster.png" ] && ok "another tool's manifest.json removes nothing" || not_ok "another tool's manifest"

# The same badge size twice makes it once.
run -q -o "$WORK/twice" -t badge -b a6 -b A6 "$seed"
[ "$rc" -eq 0 ] && [ "$(ls "$WORK/twice" | grep -c '^badge-a6')" -eq 2 ] && ok "a repeated --badge size is made once" \
    || not_ok "repeated badge size" "$err"

finish
