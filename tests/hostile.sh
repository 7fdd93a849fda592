#!/bin/sh
# Untrusted input from a pull request: links that try to write into the PDF,
# characters that make a printed number differ from the source, symbolic
# links and special files that would read what is not the policy, controls,
# escapes, repeated keys and endless fields. Every refusal is checked for its
# exit code, its message (file:line:col) and that nothing was written.
. "$(dirname "$0")/tap.sh"

d="$WORK/in"
mkdir -p "$d"
seed="$SRCDIR/content/code-of-conduct.md"
cp "$SRCDIR/content/event.yml" "$d/event.yml"
ev="$d/event.yml"

# refuse DESC CODE REGEX ARGS...: cocprint exits CODE, stderr matches REGEX,
# and the output folder it was given was never made.
refuse() {
    desc=$1 code=$2 pattern=$3; shift 3
    out="$WORK/refused-$n"
    err=$(timeout 20 "$COCPRINT" -o "$out" "$@" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" -eq "$code" ] && printf '%s\n' "$err" | grep -qE -- "$pattern" && [ ! -e "$out" ]; then
        ok "$desc"
    else
        not_ok "$desc" "exit $rc, wanted $code; stderr should match: $pattern" "$err" \
            "$([ -e "$out" ] && echo "output folder written: $(ls "$out")")"
    fi
}

# edit FILE PY: writes FILE from the event data with a Python expression
# applied to its text `t` (so any character can go in, raw or escaped).
edit() {
    python3 -c "import sys; t=open(sys.argv[1], encoding='utf-8').read(); t=$2; open(sys.argv[2], 'w', encoding='utf-8', newline='').write(t)" "$ev" "$1"
}
# md FILE PY: writes FILE with the text of the Python expression PY.
md() {
    python3 -c "import sys; open(sys.argv[1], 'w', encoding='utf-8', newline='').write($2)" "$1"
}

# Every key of every object of a PDF, and every name value, read back with
# qpdf's JSON: none may start JavaScript or another program.
no_actions() {
    for f in "$@"; do
        qpdf --json=2 "$f" | python3 -c '
import json, sys
bad = {"/AA", "/JS", "/JavaScript", "/Launch", "/SubmitForm", "/ImportData"}
found = []
def walk(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k in bad: found.append(k)
            walk(v)
    elif isinstance(o, list):
        for v in o: walk(v)
    elif isinstance(o, str) and o in bad:
        found.append(o)
walk(json.load(sys.stdin))
sys.exit(1 if found else 0)' || { echo "$f"; return 1; }
    done
}

# ---- 1. No PDF injection through a link ------------------------------------

md "$d/inject.md" "'# Policy\n\nRead the [policy](<https://example.org/p)/S/JavaScript/JS(app.alert(1))/Z(>) now.\n'"
run -q -o "$WORK/inject" -t poster,handout "$d/inject.md"
uris=$("$PDFCHECK" info "$WORK/inject/poster.pdf" | sed -n 's/^link [0-9]* \([^ ]*\) .*/\1/p' | sort -u)
[ "$rc" -eq 0 ] && printf '%s\n' "$uris" | grep -qxF 'https://example.org/p%29/S/JavaScript/JS%28app.alert%281%29%29/Z%28' \
    && ok "a link carrying ')' is percent-encoded: it cannot close the PDF string" \
    || not_ok "link injection" "exit $rc" "$err" "$uris"
pdfinfo -js "$WORK/inject/poster.pdf" 2>&1 | grep -qi "alert" && not_ok "pdfinfo -js finds no script" \
    || ok "pdfinfo -js finds no script"
check "qpdf finds no damage in the injected-link poster" qpdf --check "$WORK/inject/poster.pdf"

# Every byte outside the unreserved and reserved sets is encoded; an
# existing %XX escape stays; a stray % becomes %25.
md "$d/enc.md" "'# Encoding\n\n' + '\n\n'.join('[l%d](<%s>)' % (i, u) for i, u in enumerate([
    \"https://example.org/a'b\", 'https://example.org/a\\\\b', 'https://example.org/a\"b',
    'https://example.org/a b', 'https://example.org/caf\u00e9', 'https://example.org/50%-off',
    'https://example.org/a%41b', 'https://example.org/x*y', 'https://example.org/q?a=1&b=[2]#f@!\$+,;~'])) + '\n'"
run -q -o "$WORK/enc" -t poster "$d/enc.md"
got=$("$PDFCHECK" info "$WORK/enc/poster.pdf" | sed -n 's/^link [0-9]* \([^ ]*\) .*/\1/p' | grep -v 'leicesterjs\|^mailto\|^tel:' | sort -u)
want=$(printf '%s\n' 'https://example.org/a%27b' 'https://example.org/a%5Cb' 'https://example.org/a%22b' \
    'https://example.org/a%20b' 'https://example.org/caf%C3%A9' 'https://example.org/50%25-off' \
    'https://example.org/a%41b' 'https://example.org/x%2Ay' 'https://example.org/q?a=1&b=[2]#f@!$+,;~' | sort -u)
[ "$rc" -eq 0 ] && [ "$got" = "$want" ] && ok "every URI is percent-encoded as RFC 3986 allows, nothing else" \
    || not_ok "URI encoding" "exit $rc $err" "got:" "$got" "wanted:" "$want"

# The same attack through the event data's report_url: encoded in every
# output (the QR code's URL text is printed as written).
edit "$d/inject.yml" "t.replace('https://example.org/leicesterjs/report', 'https://example.org/r)/S/JavaScript/JS(app.alert(1))/Z(')"
md "$d/title.md" "'---\ntitle: \"Policy) /S /JavaScript /JS (app.alert(2)\"\n---\n\n# Policy\n\nBe kind.\n'"
run -q -o "$WORK/inject-ev" --event "$d/inject.yml" "$d/title.md"
[ "$rc" -eq 0 ] && "$PDFCHECK" info "$WORK/inject-ev/poster.pdf" | grep -qF 'https://example.org/r%29/S/JavaScript/JS%28app.alert%281%29%29/Z%28' \
    && ok "report_url carrying ')' is percent-encoded" || not_ok "report_url injection" "exit $rc" "$err"
if bad=$(no_actions "$WORK"/inject/*.pdf "$WORK"/enc/*.pdf "$WORK"/inject-ev/*.pdf); then
    ok "qpdf's JSON of every output of the hostile links: no /AA, /JS, /JavaScript or /Launch"
else
    not_ok "a PDF carries an action key" "$bad"
fi
ls "$WORK"/inject-ev/*.pdf | wc -l | grep -qx 7 && ok "the hostile event data still gives all 7 PDFs" \
    || not_ok "hostile event outputs" "$(ls "$WORK/inject-ev")"

# policy_url and report_url: absolute http or https with a host, or an error.
line=$(grep -n '^policy_url:' "$ev" | cut -d: -f1)
for bad in 'javascript:alert(1)' 'www.example.org' '"https://example.org/a b"' 'https://' \
    'http://user@evil.example/' 'ftp://example.org/x' 'https://exa mple.org'; do
    edit "$d/url.yml" "t.replace('https://example.org/leicesterjs/code-of-conduct', '''$bad''')"
    refuse "policy_url $bad: an input error at its line and column" 1 \
        "url.yml:$line:13: error: 'policy_url' '.*' is not a web address: write it whole, with http:// or https://" \
        --event "$d/url.yml" "$seed"
done
for bad in 'https://paypal.com\u2215login.evil.example/' 'https://exa\u00a0mple.org/' 'http://a:99999/' 'http://a:/' \
    'http://a..b/' 'http://1.2.3.4.5.6/' 'http://[1]/' 'http://[::::::::::]/' 'https://-a.org/'; do
    edit "$d/url2.yml" "t.replace('https://example.org/leicesterjs/code-of-conduct', '\"$bad\"')"
    refuse "policy_url $bad: not a web address" 1 "url2.yml:$line:13: error: 'policy_url' '.*' is not a web address" \
        --event "$d/url2.yml" "$seed"
done
rline=$(grep -n '^report_url:' "$ev" | cut -d: -f1)
edit "$d/rurl.yml" "t.replace('https://example.org/leicesterjs/report', 'javascript:alert(1)')"
refuse "report_url javascript:alert(1): an input error" 1 "rurl.yml:$rline:13: error: 'report_url' 'javascript:alert\\(1\\)' is not a web address" \
    --event "$d/rurl.yml" "$seed"


# Link targets, titles and image paths are decoded by cmark too: an override
# or a control there is refused as in text (it would reach the warning, and
# the terminal, as an escape).
md "$d/url-ent.md" "'# Policy\n\nSee [x](http://a.org/&#x202E;) and [y](javascript:&#x1b;[2K \"t\").\n'"
refuse "&#x202E; in a link target" 1 "url-ent.md:3:22: error: U\\+202E" "$d/url-ent.md"
md "$d/url-ctl.md" "'# Policy\n\nSee [y](javascript:&#x1b;[2K&#x0a;all good).\n'"
refuse "&#x1b; in a link target: no escape reaches the log" 1 "url-ctl.md:3:20: error: U\\+001B ESCAPE" "$d/url-ctl.md"
printf '%s' "$err" | grep -q "$(printf '\033')" && not_ok "no raw ESC in the message" "$err" || ok "no raw ESC in the message"
md "$d/title-ent.md" "'# Policy\n\n![logo](logo.png \"&#x202D;x\")\n'"
refuse "&#x202D; in an image title" 1 "title-ent.md:3:19: error: U\\+202D" "$d/title-ent.md"
# A reference inside a code span is not decoded: the one reported is the one
# in text.
md "$d/span.md" "'# Policy\n\n\x60&#x202E;\x60 is fine\nbut here &#x202E; is not\n'"
refuse "the reference in text is named, not the one in a code span" 1 "span.md:4:10: error: U\\+202E" "$d/span.md"
# A summary written as a quoted YAML string: the position is the file's.
printf 'name: X\nhotline:\n  phone: "112"\nsummary: "Be kind.\\n\\nCall &#x202E; us"\n' > "$d/qsum.yml"
refuse "&#x202E; in a quoted YAML summary: the file's line and column" 1 "qsum.yml:4:28: error: U\\+202E" -t badge --event "$d/qsum.yml" "$seed"

# ---- 2. Printed numbers match the source ----------------------------------

pline=$(grep -n '^  phone: 07700 900123' "$ev" | cut -d: -f1)
edit "$d/rlo.yml" "t.replace('phone: 07700 900123', 'phone: 07700 \u202e900123')"
refuse "U+202E in the hotline's phone: error naming field, line, column and code point" 1 \
    "rlo.yml:$pline:16: error: the hotline's 'phone' holds U\\+202E RIGHT-TO-LEFT OVERRIDE" --event "$d/rlo.yml" "$seed"
eline=$(grep -n '^emergency:' "$ev" | cut -d: -f1)
edit "$d/rlo-esc.yml" "t.replace('emergency: \"999\"', 'emergency: \"\\\\u202E911\"')"
refuse "U+202E written as a YAML escape in the emergency number: error at its line" 1 \
    "rlo-esc.yml:$eline:12: error: 'emergency' holds U\\+202E RIGHT-TO-LEFT OVERRIDE" --event "$d/rlo-esc.yml" "$seed"
# Every invisible or bidi character in a phone, email or URL field.
for cp in 202A 202B 202C 202D 2066 2067 2068 2069 200E 200F 061C 200B 200C 200D 2060 FEFF 00AD 180E; do
    edit "$d/cf.yml" "t.replace('phone: 07700 900321', 'phone: \"07700 \\\\u$cp' + '900321\"')"
    run -q -o "$WORK/cf" --event "$d/cf.yml" "$seed"
    printf '%s\n' "$err" | grep -qE "cf.yml:[0-9]+:[0-9]+: error: the venue security's 'phone' holds U\\+$cp" && [ "$rc" -eq 1 ] \
        || { not_ok "U+$cp in a phone number is an error" "exit $rc" "$err"; continue; }
done
[ "$rc" -eq 1 ] && [ ! -e "$WORK/cf" ] && ok "18 bidi controls and invisible characters in a phone number: each an error naming it" \
    || not_ok "invisible characters in a phone number"
for esc in 'n' 't' 'u2028' 'u2029' '0'; do
    edit "$d/nl.yml" "t.replace('phone: 07700 900321', 'phone: \"07700\\\\$esc' + '900321\"')"
    refuse "a phone number with the escape $esc in it: one number, on one line" 1 "nl.yml:26:10: error: .*'phone' holds U\\+" \
        --event "$d/nl.yml" "$seed"
done
edit "$d/zw-mail.yml" "t.replace('alex@example.org', 'alex@exa\u200bmple.org')"
refuse "a zero-width space in an organizer's email" 1 "zw-mail.yml:19:[0-9]+: error: organizer 1's 'email' holds U\\+200B ZERO WIDTH SPACE" \
    --event "$d/zw-mail.yml" "$seed"
edit "$d/zw-url.yml" "t.replace('example.org/leicesterjs/report', 'example.org/leicesterjs/re\u2060port')"
refuse "a word joiner in report_url" 1 "zw-url.yml:$rline:[0-9]+: error: 'report_url' holds U\\+2060 WORD JOINER" \
    --event "$d/zw-url.yml" "$seed"

# Names, roles, notes: embeddings and overrides are errors; isolates are not.
for field in 'name: Alex Morgan' 'role: Lead organizer' 'where: Front desk' 'staff: Organizers' 'name: LeicesterJS'; do
    edit "$d/rle.yml" "t.replace('$field', '$field\u202b', 1)"
    l=$(grep -n "$field" "$ev" | head -1 | cut -d: -f1)
    refuse "U+202B in '$field': error at its line" 1 "rle.yml:$l:[0-9]+: error: .* holds U\\+202B RIGHT-TO-LEFT EMBEDDING" \
        --event "$d/rle.yml" "$seed"
done
edit "$d/iso.yml" "t.replace('name: Priya Shah', 'name: \u2067\u0628\u0631\u064a\u0627 \u0634\u0627\u0647').replace('role: Co-organizer', 'role: Co-organizer \u200e')"
run -q -o "$WORK/iso" --event "$d/iso.yml" "$seed"
[ "$rc" -eq 0 ] && ok "an isolate and a mark in a name or role are allowed" || not_ok "isolates allowed" "$err"

# In the Markdown: raw, or as an HTML character reference, decimal or hex.
md "$d/rlo.md" "'# Policy\n\nCall 07700 900123.\n\nCall the hotline: 07700 \u202e900123 now.\n'"
refuse "U+202E typed in the Markdown: error at its line and column" 1 "rlo.md:5:25: error: U\\+202E RIGHT-TO-LEFT OVERRIDE reverses or reorders" "$d/rlo.md"
md "$d/rlo-ent.md" "'# Policy\n\nCall 07700 900123.\n\n  Call **the hotline**: &#x202E;07700 900123.\n'"
refuse "&#x202E; in the Markdown: error at the reference's line and column" 1 "rlo-ent.md:5:25: error: U\\+202E" "$d/rlo-ent.md"
md "$d/lre-dec.md" "'# Policy\n\n- item\n- Call &#8234;112\n'"
refuse "&#8234; (U+202A) in a list item" 1 "lre-dec.md:4:8: error: U\\+202A LEFT-TO-RIGHT EMBEDDING" "$d/lre-dec.md"
md "$d/rlo-fm.md" "'---\ntitle: \"Code of \\\\u202Econduct\"\n---\n\nBe kind.\n'"
refuse "U+202E as a YAML escape in the front matter title" 1 "rlo-fm.md:2:8: error: 'title' holds U\\+202E" "$d/rlo-fm.md"
md "$d/rlo-fm2.md" "'---\ntitle: Code\nversion: \"1.0\u202d\"\n---\n\nBe kind.\n'"
refuse "U+202D typed in the front matter" 1 "rlo-fm2.md:3:14: error: 'version' holds U\\+202D LEFT-TO-RIGHT OVERRIDE" "$d/rlo-fm2.md"
md "$d/rlo-fm3.md" "'---\ntitle: Code\ndescription: \"a \u202e b\"\n---\n\nBe kind.\n'"
refuse "U+202E in a front matter key cocprint ignores" 1 "rlo-fm3.md:3:17: error: U\\+202E RIGHT-TO-LEFT OVERRIDE" "$d/rlo-fm3.md"
md "$d/rlo-toml.md" "'+++\ntitle = \"Code \\\\u202E of conduct\"\n+++\n\nBe kind.\n'"
refuse "U+202E as a TOML escape in the title" 1 "rlo-toml.md:2:9: error: 'title' holds U\\+202E" "$d/rlo-toml.md"
edit "$d/rlo-sum.yml" "t.replace('**we will help**', '&#x202E;**we will help**')"
sline=$(grep -n 'we will help' "$ev" | cut -d: -f1)
refuse "&#x202E; in the badge summary (Markdown in the event data)" 1 "rlo-sum.yml:$sline:[0-9]+: error: U\\+202E" \
    -t badge --event "$d/rlo-sum.yml" "$seed"

# Persian and Indic spelling need ZWNJ and ZWJ; isolates and marks are fine.
md "$d/joiners.md" "'---\nlang: fa\n---\n\n# \u0622\u06cc\u06cc\u0646\u200c\u0646\u0627\u0645\u0647\n\n\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u06cc\u0645 \u2066ABC 123\u2069 \u200f.\n\n\u0915\u094d\u200d\u0937 and &#x200C; and &lrm;.\n'"
run -q -o "$WORK/joiners" -t poster,handout "$d/joiners.md"
[ "$rc" -eq 0 ] && ok "ZWNJ, ZWJ, isolates and marks in the Markdown are allowed" || not_ok "joiners allowed" "$err"
# An isolate left open ends with its paragraph: the next paragraph's
# number still reads left to right, digits in order.
md "$d/open.md" "'# Policy\n\nOpen \u2067\u0645\u0631\u062d\u0628\u0627 here.\n\nCall 07700 900123 now.\n'"
run -q -o "$WORK/open" -t poster "$d/open.md"
"$PDFCHECK" text "$WORK/open/poster.pdf" | grep -q "Call 07700 900123 now" && [ "$rc" -eq 0 ] \
    && ok "an isolate left open does not reach the next paragraph" || not_ok "open isolate" "$err" "$("$PDFCHECK" text "$WORK/open/poster.pdf")"

# ---- 3. No file leaks through a symbolic link ------------------------------

repo="$WORK/repo"
mkdir -p "$repo/.git" "$repo/content" "$repo/other"
printf '[remote "origin"]\n\turl = https://x-access-token:SECRET_TOKEN@github.com/o/r\n' > "$repo/.git/config"
ln -s ../.git/config "$repo/content/code-of-conduct.md"
refuse "a Markdown file linked to .git/config: refused, naming link and target" 1 \
    "code-of-conduct.md: error: the file .*code-of-conduct.md is a symbolic link to '../.git/config' \\(.*/.git/config\\), inside a .git folder" \
    "$repo/content/code-of-conduct.md"
refuse "--allow-links never opens .git" 1 "inside a .git folder" --allow-links "$repo/content/code-of-conduct.md"
refuse "a .git file named directly" 1 "is inside a .git folder" "$repo/.git/config"
printf '%s' "$err" | grep -q SECRET_TOKEN && not_ok "the token is not printed in a message" || ok "the token is not printed in a message"
rm "$repo/content/code-of-conduct.md"
ln -s /etc/passwd "$repo/content/code-of-conduct.md"
refuse "a Markdown file linked to /etc/passwd: outside its folder" 1 \
    "is a symbolic link to '/etc/passwd' \\(/etc/passwd\\), outside the folder that holds the link" "$repo/content/code-of-conduct.md"
rm "$repo/content/code-of-conduct.md"
cp "$seed" "$repo/other/policy.md"
ln -s ../other/policy.md "$repo/content/code-of-conduct.md"
refuse "a link to a sibling folder: refused without --allow-links" 1 "outside the folder that holds the link .*--allow-links" \
    "$repo/content/code-of-conduct.md"
run -q -o "$WORK/allow" -t poster --allow-links "$repo/content/code-of-conduct.md"
[ "$rc" -eq 0 ] && [ -f "$WORK/allow/poster.pdf" ] && ok "--allow-links follows a link to a translation elsewhere" || not_ok "--allow-links" "$err"
cp "$seed" "$repo/content/real.md"
ln -s real.md "$repo/content/same.md"
run -q -o "$WORK/same" -t poster "$repo/content/same.md"
[ "$rc" -eq 0 ] && ok "a link to a file in its own folder is followed" || not_ok "same-folder link" "$err"
ln -s missing.md "$repo/content/dangling.md"
refuse "a dangling link is named with its target" 1 "dangling.md is a symbolic link to 'missing.md', which does not exist" "$repo/content/dangling.md"
# A folder on the way may be a link too.
mkdir -p "$WORK/dl/repo" "$WORK/dl/outside"
cp "$seed" "$WORK/dl/outside/code-of-conduct.md"
ln -s ../outside "$WORK/dl/repo/content"
refuse "a folder linked out of the repository" 1 "lies in .*content, a symbolic link to '../outside'" "$WORK/dl/repo/content/code-of-conduct.md"
run -q -o "$WORK/dl-ok" -t poster --allow-links "$WORK/dl/repo/content/code-of-conduct.md"
[ "$rc" -eq 0 ] && ok "--allow-links follows a linked folder" || not_ok "linked folder with --allow-links" "$err"
# The event data, found beside the file or given with --event.
cp "$seed" "$repo/content/coc.md"
ln -s /etc/passwd "$repo/content/event.yml"
refuse "event.yml linked to /etc/passwd" 1 "event.yml: error: the event data .*event.yml is a symbolic link to '/etc/passwd'" "$repo/content/coc.md"
rm "$repo/content/event.yml"
ln -s ../.git/config "$repo/content/ev.yml"
refuse "--event linked into .git" 1 "the event data .*ev.yml is a symbolic link to '../.git/config'.*inside a .git folder" \
    --event "$repo/content/ev.yml" "$repo/content/coc.md"
# Images: a link inside the Markdown's folder but out of its own folder.
mkdir -p "$repo/content/img"
python3 -c "
import struct, zlib
def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b))
raw = b''.join(b'\x00' + b'\x80\x80\xff' * 8 for _ in range(8))
open('$repo/content/logo.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 8, 8, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))"
ln -s ../logo.png "$repo/content/img/logo.png"
printf '# Policy\n\nBe kind.\n\n![logo](img/logo.png)\n' > "$repo/content/pic.md"
refuse "an image linked out of its own folder: error at the image's line and column" 1 \
    "pic.md:5:1: error: the image 'img/logo.png' .* is a symbolic link to '../logo.png'" -t poster "$repo/content/pic.md"
run -q -o "$WORK/pic" -t poster --allow-links "$repo/content/pic.md"
[ "$rc" -eq 0 ] && ok "--allow-links: the image link is followed (still inside the Markdown's folder)" || not_ok "image --allow-links" "$err"

# Special files: refused before they are opened (a FIFO would block forever,
# /dev/zero would never end).
mkfifo "$repo/content/fifo.md" "$repo/content/fifo.yml" "$repo/content/fifo.png"
refuse "a FIFO as the Markdown file: refused at once" 1 "fifo.md: error: the file .*fifo.md is a named pipe \\(FIFO\\), not a regular file" \
    "$repo/content/fifo.md"
refuse "a FIFO as the event data" 1 "the event data .*fifo.yml is a named pipe \\(FIFO\\)" --event "$repo/content/fifo.yml" "$seed"
printf '# Policy\n\nBe kind.\n\n![x](fifo.png)\n' > "$repo/content/fifo-img.md"
refuse "a FIFO as an image" 1 "fifo-img.md:5:1: error: the image 'fifo.png' .* is a named pipe" -t poster "$repo/content/fifo-img.md"
refuse "/dev/zero as the event data" 1 "/dev/zero: error: the event data /dev/zero is a device, not a regular file" --event /dev/zero "$seed"
ln -s /dev/zero "$repo/content/zero.md"
refuse "a link to /dev/zero" 1 "zero.md is a symbolic link to '/dev/zero'" "$repo/content/zero.md"
# The output folder's manifest.json is cocprint's own small regular file;
# a FIFO in its place is not read (it would block), only replaced.
mkdir -p "$WORK/fifo-out"
mkfifo "$WORK/fifo-out/manifest.json"
err=$(timeout 20 "$COCPRINT" -q -o "$WORK/fifo-out" -t poster "$seed" 2>&1); rc=$?
[ "$rc" -eq 0 ] && [ -f "$WORK/fifo-out/manifest.json" ] && [ -f "$WORK/fifo-out/poster.pdf" ] \
    && ok "a FIFO named manifest.json in the output folder is replaced, not read" || not_ok "FIFO manifest" "exit $rc" "$err"
refuse "a folder as the Markdown file" 1 "the file .*content is a folder, not a regular file" "$repo/content"

# ---- 4. What prints is what was written -----------------------------------

for c in 0C:'FORM FEED' 0B:'VERTICAL TAB' 07:BELL 1B:ESCAPE 7F:DELETE 85:'NEXT LINE' 0D:'CARRIAGE RETURN'; do
    hex=${c%%:*} name=${c#*:}
    md "$d/ctl.md" "'# Policy\n\nBe kind.\n\nCall the ' + chr(0x$hex) + 'hotline.\n'"
    refuse "U+00$hex $name in the Markdown: error at line and column" 1 "ctl.md:5:10: error: U\\+00$hex $name" "$d/ctl.md"
done
md "$d/ctl-ent.md" "'# Policy\n\nBe &#x1B;[31mkind.\n'"
refuse "an escape written &#x1B;" 1 "ctl-ent.md:3:4: error: U\\+001B ESCAPE cannot be printed" "$d/ctl-ent.md"
md "$d/crlf.md" "'# Policy\r\n\r\nBe\tkind.\r\n'"
run -q -o "$WORK/crlf" -t poster "$d/crlf.md"
[ "$rc" -eq 0 ] && ok "CRLF line ends and tabs are fine" || not_ok "CRLF" "$err"
edit "$d/bel.yml" "t.replace('where: Front desk', 'where: Front\x07desk')"
refuse "a BEL typed into the event data" 1 "bel.yml:27:15: error: U\\+0007 BELL" --event "$d/bel.yml" "$seed"
edit "$d/esc.yml" "t.replace('staff: Organizers wear orange lanyards marked STAFF.', 'staff: \"Organizers\\\\e wear\"')"
refuse "an ESC written as the YAML escape backslash-e" 1 "esc.yml:30:8: error: 'staff' holds U\\+001B ESCAPE" --event "$d/esc.yml" "$seed"

# TOML basic strings decode their escapes as TOML defines them.
md "$d/toml.md" "'+++\ntitle = \"Caf\\\\u00E9 \\\\\\\\ \\\\\"Rules\\\\\" \\\\U000000E8\"\n+++\n\nBe kind.\n'"
run -q -o "$WORK/toml" -t poster "$d/toml.md"
"$PDFCHECK" info "$WORK/toml/poster.pdf" | grep -qF 'meta title=Café \ "Rules" è ' && [ "$rc" -eq 0 ] \
    && ok "TOML escapes decode: u00E9, a backslash, a quote, U000000E8" || not_ok "TOML escapes" "$err" "$("$PDFCHECK" info "$WORK/toml/poster.pdf" | grep meta)"
md "$d/toml-bad.md" "'+++\ntitle = \"a \\\\q b\"\n+++\n\nBe kind.\n'"
refuse "an unknown TOML escape: error at its column" 1 "toml-bad.md:2:12: error: '\\\\q' is not a TOML escape" "$d/toml-bad.md"
md "$d/toml-ff.md" "'+++\ntitle = \"a \\\\f b\"\n+++\n\nBe kind.\n'"
refuse "a form feed written as the TOML escape backslash-f" 1 "toml-ff.md:2:9: error: 'title' holds U\\+000C FORM FEED" "$d/toml-ff.md"

# A key twice: YAML and TOML front matter alike, and the event data.
md "$d/dup.md" "'---\ntitle: One\nversion: 1\ntitle: Two\n---\n\nBe kind.\n'"
refuse "a YAML front matter key twice" 1 "dup.md:4:1: error: 'title' appears twice in the front matter \\(first on line 2\\)" "$d/dup.md"
md "$d/dup-deep.md" "'---\ntitle: One\nseo:\n  image: a\n  image: b\n---\n\nBe kind.\n'"
refuse "a key twice in a nested front matter mapping" 1 "dup-deep.md:5:3: error: 'image' appears twice in the front matter \\(first on line 4\\)" "$d/dup-deep.md"
md "$d/dup-toml.md" "'+++\ntitle = \"One\"\ndate = 2026-01-01\ntitle = \"Two\"\n+++\n\nBe kind.\n'"
refuse "a TOML front matter key twice" 1 "dup-toml.md:4:1: error: 'title' appears twice in the front matter \\(first on line 2\\)" "$d/dup-toml.md"
edit "$d/dup.yml" "t.replace('emergency: \"999\"', 'emergency: \"999\"\nemergency: \"112\"')"
refuse "an event data key twice" 1 "dup.yml:$((eline + 1)):1: error: 'emergency' appears twice in the event data \\(first on line $eline\\)" \
    --event "$d/dup.yml" "$seed"

edit "$d/comment.yml" "t.replace('# The short version', '# The \u202e short version')"
refuse "an override in an event data comment" 1 "comment.yml:32:7: error: U\\+202E" --event "$d/comment.yml" "$seed"
md "$d/nul.md" "'+++\ntitle = \"Code\\\\u0000\\\\u202E evil\"\n+++\n\nBe kind.\n'"
refuse "the TOML escape backslash-u0000: refused, not a title cut short" 1 "nul.md:2:14: error: '\\\\u0000' is not a TOML escape" "$d/nul.md"
md "$d/nul2.md" "'---\ntitle: \"Code\\\\0\\\\u202E evil\"\n---\n\nBe kind.\n'"
refuse "the YAML escape backslash-0: refused, not a title cut short" 1 "nul2.md:2:8: error: 'title' holds U\\+0000 NULL" "$d/nul2.md"
md "$d/arr.md" "'+++\ntitle = \"Policy\"\n[[resources]]\nsrc = \"a.png\"\n[[resources]]\nsrc = \"b.png\"\n+++\n\nBe kind.\n'"
run -q -o "$WORK/arr" -t poster "$d/arr.md"
[ "$rc" -eq 0 ] && ok "TOML arrays of tables repeat their keys, as Hugo writes them" || not_ok "TOML [[arrays]]" "$err"
md "$d/qkey.md" "'+++\ntitle = \"Policy\"\n\"tit\\\\u006ce\" = \"Evil\"\n+++\n\nBe kind.\n'"
refuse "a quoted TOML key with an escape is the same key" 1 "qkey.md:3:1: error: 'title' appears twice" "$d/qkey.md"

# Every field has a length limit.
md "$d/longtitle.md" "'---\ntitle: ' + 'Long ' * 6000 + '\n---\n\nBe kind.\n'"
refuse "a 30,000-character front matter title" 1 "longtitle.md:2:8: error: 'title' is 2999[0-9] characters long; it may have at most 200" "$d/longtitle.md"
md "$d/longhead.md" "'# ' + 'Long ' * 6000 + '\n\nBe kind.\n'"
refuse "a 30,000-character first heading as the title" 1 "longhead.md:1:1: error: the first heading, which is the title, is 2999[0-9] characters long; a title may have at most 200" "$d/longhead.md"
for f in 'name: LeicesterJS:120' 'phone: 07700 900123:40' 'email: conduct@example.org:254' 'where: Front desk, ground floor:300' \
    'role: Lead organizer:120' 'version: "1.0":60'; do
    key=${f%%:*} rest=${f#*:} max=${f##*:} val=${rest%:*}
    edit "$d/long.yml" "t.replace('''$key:$val''', '''$key: \"''' + 'x' * ($max + 1) + '\"', 1)"
    l=$(grep -nF "$key:$val" "$ev" | head -1 | cut -d: -f1)
    refuse "event field '$key' over $max characters" 1 "long.yml:$l:[0-9]+: error: .*'$key' is $((max + 1)) characters long; it may have at most $max" \
        --event "$d/long.yml" "$seed"
done
edit "$d/longurl.yml" "t.replace('https://example.org/leicesterjs/report', 'https://example.org/' + 'x' * 1000)"
refuse "a 1,020-character report_url" 1 "longurl.yml:$rline:13: error: 'report_url' is 1020 characters long; it may have at most 1000" \
    --event "$d/longurl.yml" "$seed"

# A title at the limit is set whole, inside the safe area, on every output.
md "$d/title200.md" "'---\ntitle: ' + ('Conduct ' * 25)[:199] + 'x' + '\n---\n\nBe kind to everyone at every event.\n'"
run -q -o "$WORK/t200" "$d/title200.md"
[ "$rc" -eq 0 ] && "$PDFCHECK" safe "$WORK/t200/poster.pdf" 10 >/dev/null && "$PDFCHECK" safe "$WORK/t200/handout.pdf" 6 >/dev/null \
    && [ "$("$PDFCHECK" text "$WORK/t200/poster.pdf" | tr -d ' \n' | grep -o Conduct | wc -l)" -ge 25 ] \
    && ok "a 200-character title is set whole inside the safe area (poster, handout)" \
    || not_ok "a 200-character title" "exit $rc" "$err"

# Deep YAML: refused while libyaml reads, at the bracket past the limit
# (110,000 brackets crashed after 49 s), in the event data and the front
# matter; 64 levels are parsed (and then judged by the schema); an alias
# chain that nests past the limit once written out is refused too.
printf 'name: X\nhotline:\n  phone: "1"\n' > "$d/deep-head.yml"
md "$d/deep110k.yml" "open('$d/deep-head.yml').read() + 'labels: ' + '[' * 110000 + '\\n'"
refuse "110,000 nested brackets in the event data: refused at the 65th level" 1 \
    "deep110k.yml:4:72: error: the YAML nests lists and mappings more than 64 levels deep" \
    --event "$d/deep110k.yml" "$seed"
md "$d/deep64.yml" "open('$d/deep-head.yml').read() + 'labels: ' + '[' * 63 + ']' * 63 + '\\n'"
refuse "64 levels of YAML are read (the schema then refuses a list of labels)" 1 \
    "deep64.yml:4:9: error: the labels should be a mapping" --event "$d/deep64.yml" "$seed"
md "$d/deepfm.md" "'---\\ntitle: ' + '[' * 100 + '\\n---\\n\\nBe kind.\\n'"
refuse "100 nested brackets in the front matter: refused" 1 \
    "deepfm.md:2:71: error: the YAML nests lists and mappings more than 64 levels deep" "$d/deepfm.md"
md "$d/deepalias.yml" "open('$d/deep-head.yml').read() + 'x:\\n  a0: &a0 [1]\\n' + ''.join('  a%d: &a%d [*a%d]\\n' % (i, i, i - 1) for i in range(1, 70))"
refuse "an alias chain 70 levels deep once written out: refused" 1 \
    "deepalias.yml:1:1: error: the YAML nests .* more than 64 levels deep once its aliases are written out" \
    --event "$d/deepalias.yml" "$seed"

# Pictures: each file decoded once however often the text shows it (40
# references to a 25-megapixel PNG took 3.9 GB), and at most 100 megapixels
# of pictures in a document, refused at the picture that crosses it.
mkdir -p "$d/img"
python3 - "$d/img" <<'PY'
import struct, sys, zlib
def png(path, w, h):
    raw = (b'\x00' + b'\x80\x40\x20' * w) * h
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                           + chunk(b'IDAT', zlib.compress(raw, 6)) + chunk(b'IEND', b''))
d = sys.argv[1]
png(d + '/big.png', 5000, 5000)
for i in range(6):
    png(d + '/p%d.png' % i, 5000, 4000)
open(d + '/refs40.md', 'w').write('# Pictures\n\n' + ''.join('![p](big.png)\n\n' for _ in range(40)))
open(d + '/six.md', 'w').write('# Pictures\n\n' + ''.join('![p](p%d.png)\n\n' % i for i in range(6)))
PY
run -q -t handout -o "$WORK/refs40" "$d/img/refs40.md"
[ "$rc" -eq 0 ] && [ "$(grep -ac '/Subtype /Image' "$WORK/refs40/handout.pdf")" -eq 1 ] \
    && ok "40 references to one 25-megapixel PNG: decoded once, embedded once" \
    || not_ok "40 references to one PNG" "exit $rc" "$err"
# Embedded at 300 pixels per inch of its printed size, not 5000 pixels wide
# (a 300 MB picture stream, and seconds, before).
ppi=$(pdfimages -list "$WORK/refs40/handout.pdf" 2>/dev/null | awk 'NR > 2 { print $13 }' | sort -n | tail -1)
[ -n "$ppi" ] && [ "$ppi" -le 301 ] && [ "$ppi" -ge 290 ] \
    && ok "a 5000-pixel-wide picture is embedded at 300 ppi of its printed size ($ppi)" \
    || not_ok "picture resolution" "$(pdfimages -list "$WORK/refs40/handout.pdf" 2>&1 | head -5)"
refuse "six 20-megapixel pictures: refused at the one past 50 megapixels" 1 \
    "six.md:7:1: error: image 'p2.png' \(5000x4000\) brings the pictures of this run to 60 megapixels, over the limit of 50" \
    -t handout "$d/img/six.md"
# Per run, not per document: two translations share the pictures they both
# show (decoded once), and their other pictures count together.
printf -- '---\nlang: de\n---\n# Bilder\n\n![a](p0.png)\n\n![b](p1.png)\n' > "$d/img/two.de.md"
printf -- '---\nlang: fr\n---\n# Images\n\n![a](p0.png)\n\n![b](p1.png)\n' > "$d/img/two.fr.md"
printf -- '---\nlang: fr\n---\n# Images\n\n![a](p2.png)\n\n![b](p3.png)\n' > "$d/img/other.fr.md"
run -q -t handout -o "$WORK/shared" "$d/img/two.de.md" "$d/img/two.fr.md"
[ "$rc" -eq 0 ] && ok "two translations showing the same two 20-megapixel pictures: 40 megapixels, decoded once" \
    || not_ok "shared pictures" "exit $rc" "$err"
refuse "two translations with two 20-megapixel pictures each: refused at the run's 50th megapixel" 1 \
    "other.fr.md:6:1: error: image 'p2.png' \(5000x4000\) brings the pictures of this run to 60 megapixels" \
    -t handout "$d/img/two.de.md" "$d/img/other.fr.md"

# Damaged pictures are named for what is wrong (cairo 1.16 calls any libpng
# error "out of memory").
python3 - "$d/img" <<'PY'
import struct, sys, zlib
d = sys.argv[1]
def chunk(t, b):
    return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
head = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 40, 40, 8, 2, 0, 0, 0))
good = head + chunk(b'IDAT', zlib.compress((b'\x00' + b'\x10\x20\x30' * 40) * 40)) + chunk(b'IEND', b'')
open(d + '/cut.png', 'wb').write(good[:len(good) - 30])
open(d + '/bad.png', 'wb').write(head + chunk(b'IDAT', b'not deflate data' * 8) + chunk(b'IEND', b''))
flip = bytearray(good); flip[len(head) + 12] ^= 0x55
open(d + '/flip.png', 'wb').write(bytes(flip))
for n in ('cut', 'bad', 'flip'):
    open('%s/%s.md' % (d, n), 'w').write('# Pictures\n\nText.\n\n![p](%s.png)\n' % n)
PY
refuse "a truncated PNG: named as truncated, not out of memory" 1 \
    "cut.md:5:1: error: image 'cut.png' ends before its picture data does \(a truncated file\)" -t poster "$d/img/cut.md"
refuse "a PNG with damaged picture data: named as damaged, not out of memory" 1 \
    "bad.md:5:1: error: image 'bad.png' is damaged: its picture data cannot be decoded" -t poster "$d/img/bad.md"
refuse "a PNG with a flipped byte: named as damaged" 1 \
    "flip.md:5:1: error: image 'flip.png' is damaged" -t poster "$d/img/flip.md"

finish
