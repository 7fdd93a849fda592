#!/bin/sh
# GitHub Flavored Markdown (issue 19): tables, footnotes, task lists,
# strikethrough and autolinks, on the poster, the handout and a badge's
# summary, read back with poppler and the layout tool.
. "$(dirname "$0")/tap.sh"

d="$WORK/in"
mkdir -p "$d"
ev="$SRCDIR/content/event.yml"
cat > "$d/coc.md" <<'EOF'
# Our policy

We expect kindness[^kind] and respect.[^resp] Questions: www.example.org or
write to help@example.org. ~~Old rule~~ replaced.

- [ ] Read the policy
- [x] Agree to it

| Name | Role | Phone |
|:-----|:----:|------:|
| Finn Pauls | Organizer and safety lead for the whole event | +49 30 1234 5678 |
| Ana | Volunteer | 112 |

[^kind]: As in the usual sense.
[^resp]: Respect for everyone.
EOF

run -q -o "$WORK/o" -b a6 -e "$ev" "$d/coc.md"
[ "$rc" -eq 0 ] && ok "a GFM policy renders every output" || not_ok "GFM renders" "$err"
for f in poster handout; do
    check "$f: every word of the policy" "$PDFCHECK" words "$d/coc.md" "$WORK/o/$f.pdf"
    t=$(pdftotext -raw "$WORK/o/$f.pdf" -)
    why=""
    printf '%s\n' "$t" | grep -q '|' && why="$why; a | left"
    for want in "+49 30 1234 5678" "☐" "☑" "kindness1" "respect.2" "As in the usual sense." \
        "Respect for everyone." "1." "2."; do
        printf '%s\n' "$t" | grep -qF -- "$want" || why="$why; no '$want'"
    done
    # The notes come after the text that refers to them, in their order.
    printf '%s\n' "$t" | tr '\n' ' ' | grep -q "kindness1.*respect\.2.*As in the usual.*Respect for every" \
        || why="$why; notes not after the text in order"
    [ -z "$why" ] && ok "$f: table cells without '|', the number whole, task boxes, numbered notes" \
        || not_ok "$f: GFM constructs" "$why" "$t"
    links=$("$PDFCHECK" info "$WORK/o/$f.pdf" | grep '^link ')
    printf '%s\n' "$links" | grep -q " http://www.example.org " \
        && printf '%s\n' "$links" | grep -q " mailto:help@example.org " \
        && ok "$f: a bare www. address and an email are links" || not_ok "$f: autolinks" "$links"
done

# The layout, item by item: the header bold, its rule heavier than the
# rows', the columns aligned as written, the struck text struck.
"$LAYOUT" -o "$WORK/l" -t handout -e "$ev" "$d/coc.md" > "$WORK/l.txt" 2>/dev/null
why=$(python3 - "$WORK/l.txt" <<'PY'
import re, sys
items = open(sys.argv[1]).read().splitlines()
def text(s):
    for l in items:
        m = re.match(r'text\s+([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s+(.*?) [\d.]+pt .* "(.*)"', l)
        if m and m.group(6).startswith(s):
            return float(m.group(1)), float(m.group(3)), m.group(5)
    return None
bad = []
for h in ("Name", "Role", "Phone"):
    t = text(h)
    if not t or "Bold" not in t[2]:
        bad.append("header %s not bold: %s" % (h, t))
rules = [l for l in items if l.startswith("line ")]
weights = sorted({float(re.search(r"([\d.]+)pt", l).group(1)) for l in rules})
if len(weights) < 2:
    bad.append("no heavier header rule: %s" % weights)
phone, small = text("+49"), text("112")
if not phone or not small or abs((phone[0] + phone[1]) - (small[0] + small[1])) > 0.3:
    bad.append("right-aligned column's cells do not end together: %s %s" % (phone, small))
role, vol = text("Organizer"), text("Volunteer")
if not role or not vol or abs((role[0] + role[1] / 2) - (vol[0] + vol[1] / 2)) > 1.5:
    bad.append("centred column's cells not centred together: %s %s" % (role, vol))
print("; ".join(bad))
PY
)
[ -z "$why" ] && ok "table: bold header over a heavier rule, columns aligned as written" \
    || not_ok "table layout" "$why"
# Struck text has a line through its middle; the text after it has none.
pdftoppm -r 200 -gray -f 1 -l 1 "$WORK/o/handout.pdf" "$WORK/st" >/dev/null 2>&1
why=$(pdftotext -bbox -f 1 -l 1 "$WORK/o/handout.pdf" - | python3 -c '
import re, sys, glob
words = re.findall(r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)<", sys.stdin.read())
data = open(glob.glob(sys.argv[1] + "*.pgm")[0], "rb").read()
parts = data.split(b"\n", 3)
w, h = map(int, parts[1].split()); px = parts[3]
def struck(word):
    x0, y0, x1, y1 = [float(v) * 200 / 72 for v in next(b[:4] for b in words if b[4] == word)]
    for y in range(int(y0 + (y1 - y0) * 0.35), int(y0 + (y1 - y0) * 0.75)):
        row = px[y * w + int(x0): y * w + int(x1)]
        if sum(1 for c in row if c < 128) > 0.9 * len(row):
            return True
    return False
print("" if struck("Old") and struck("rule") and not struck("replaced.") else "no line through Old rule only")' "$WORK/st")
[ -z "$why" ] && ok "struck text has a line through it, the text after none" || not_ok "strikethrough" "$why"

# A table in a badge's summary wraps its cells on the card.
sed 's/^summary: .*//' "$ev" > "$WORK/ev-sum.yml"
python3 - "$ev" "$WORK/ev-sum.yml" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'^summary: \|\n((?:  .*\n|\n)+)', 'summary: |\n  Who to ask:\n\n  | Who | Where |\n  |---|---|\n  | Any organizer | The front desk, ground floor |\n  | Security | By the main doors |\n', s, flags=re.M)
open(sys.argv[2], 'w').write(s)
PY
run -q -o "$WORK/b" -t badge -b a7 -e "$WORK/ev-sum.yml" "$d/coc.md"
t=$("$PDFCHECK" text "$WORK/b/badge-a7.pdf" 2>/dev/null)
[ "$rc" -eq 0 ] && printf '%s\n' "$t" | grep -q "Any organizer" && printf '%s\n' "$t" | grep -q "main doors" \
    && ! printf '%s\n' "$t" | grep -q '|' && ok "a table in a badge's summary is set on an A7 card" \
    || not_ok "badge summary table" "exit $rc" "$err" "$t"

# A table whose words cannot stand side by side: a fit failure naming it.
cat > "$d/wide.md" <<'EOF'
# Wide

| Key | Value | Other | More |
|---|---|---|---|
| some_very_long_identifier_name_one | another_really_long_identifier_two | yet_another_long_identifier_three | and_a_fourth_long_identifier_four |
EOF
expect "a table too wide for the handout even at the smallest size: exit 3, its line and widths" 3 \
    "wide.md:3:1: error: this table is [0-9.]+ mm wide even at 8.0 pt.*A6 handout page has 90.0 mm" \
    -o "$WORK/w" -t handout -e "$ev" "$d/wide.md"
[ ! -e "$WORK/w/handout.pdf" ] && ok "the too-wide table's handout is not written" || not_ok "wide handout written"
# Too wide for the A4 poster's whole width too: the poster names the table.
cat > "$d/wider.md" <<'EOF'
# Wide

| Key | Value | Other | More | Five | Six |
|---|---|---|---|---|---|
| some_very_long_identifier_name_one_and_more_of_it | another_really_long_identifier_two_and_more_of_it | yet_another_long_identifier_three_and_more_of_it | and_a_fourth_long_identifier_four_and_more_of_it | fifth_long_identifier_five_and_more_of_it_too | sixth_long_identifier_six_and_more_of_it_too_now |
EOF
expect "a table too wide for the A4 poster even at 8 pt: exit 3, naming the table" 3 \
    "the poster does not fit on A4: the table at .*wider.md:3 is [0-9.]+ mm wide even at 8.0 pt.*the page has 187.0 mm" \
    -o "$WORK/w3" -t poster --poster full -e "$ev" "$d/wider.md"
# The same table on A4 in landscape-wide poster columns fits.
run -q -o "$WORK/w2" -t poster --poster full -e "$ev" "$d/wide.md"
[ "$rc" -eq 0 ] && ok "the same table fits the A4 poster" || not_ok "wide table on the poster" "$err"

# Site-generator extras: understood, not printed; one warning per kind
# with its count and first place; code keeps them.
cat > "$d/site.md" <<'EOF'
# Code of conduct {#coc}

(reporting)=
## Reporting {: .section}

Tell an organizer.
{: .summary}

{% include contacts.html %}
Call us {% if site.phone %}any time{% endif %}.

{{< notice warning >}}Be kind to each other.{{< /notice >}}
{{% alert %}}Report harassment.{{% /alert %}}

Write `{% raw %}` in a code span, and:

```
{% keep this %} {{< and this >}}
```
EOF
run -q -o "$WORK/s" -t handout -e "$ev" "$d/site.md"
t=$("$PDFCHECK" text "$WORK/s/handout.pdf")
why=""
[ "$rc" -eq 0 ] || why="exit $rc"
for gone in "{#coc}" "(reporting)=" "{: .section}" "{: .summary}" "{% include" "{% if" "{% endif" \
    "{{< notice" "{{< /notice" "{{% alert"; do
    printf '%s\n' "$t" | grep -qF -- "$gone" && why="$why; '$gone' printed"
done
for kept in "Code of conduct" "Reporting" "Tell an organizer." "Call us any time." "Be kind to each other." \
    "Report harassment." "{% raw %}" "{% keep this %} {{< and this >}}"; do
    printf '%s\n' "$t" | grep -qF -- "$kept" || why="$why; '$kept' lost"
done
printf '%s\n' "$err" | grep -q "site.md: warning: 3 kramdown attribute lists removed (they style the web page) (first at 1:19:" \
    || why="$why; no grouped kramdown warning"
printf '%s\n' "$err" | grep -q "site.md:3:1: warning: MyST target '(reporting)=' removed" || why="$why; no MyST warning"
printf '%s\n' "$err" | grep -q "site.md: warning: 3 Liquid tags removed (the site generator's) (first at 9:1:" \
    || why="$why; no grouped Liquid warning"
printf '%s\n' "$err" | grep -q "site.md: warning: 4 Hugo shortcodes removed" || why="$why; no grouped Hugo warning"
[ "$(printf '%s\n' "$err" | grep -c "Liquid")" -eq 1 ] || why="$why; Liquid warned more than once"
[ -z "$why" ] && ok "site-generator extras removed outside code, one warning per kind with its count" \
    || not_ok "site-generator extras" "$why" "$err" "$t"

# Many warnings of one kind: one line, with the count and the first place.
printf '# T\n\nOne <span>two</span> <span>three</span> <span>four</span>.\n' > "$d/br.md"
run -q -o "$WORK/br" -t handout -e "$ev" "$d/br.md"
printf '%s\n' "$err" | grep -q "br.md: warning: 3 <span> tags dropped (their text is kept) (first at 3:5:" \
    && [ "$(printf '%s\n' "$err" | grep -c "span")" -eq 1 ] \
    && ok "three <span> tags: one warning line with the count and the first place" \
    || not_ok "grouped warnings" "$err"

# A remote image is never fetched: its alt text stands in, with a warning.
printf '# T\n\nText.\n\n![Creative Commons BY 4.0 licence](https://licensebuttons.net/l/by/4.0/88x31.png)\n\n![](https://example.org/x.png) After.\n' > "$d/remote.md"
run -q -o "$WORK/r" -e "$ev" "$d/remote.md"
t=$("$PDFCHECK" text "$WORK/r/handout.pdf")
[ "$rc" -eq 0 ] && printf '%s\n' "$t" | grep -q "Creative Commons BY 4.0 licence" \
    && printf '%s\n' "$t" | grep -q "^After.$" \
    && printf '%s\n' "$err" | grep -q "remote.md: warning: 2 remote images not fetched (their alt text is printed) (first at 5:1:" \
    && ok "remote images: not fetched, their alt text printed, one warning" \
    || not_ok "remote images" "exit $rc" "$err" "$t"

# HTML inside Markdown, read by libxml2: the tags pair across cmark's
# pieces; every element policies use understood; others dropped with their
# text kept, one warning per tag name; script and style dropped whole.
cat > "$d/html.md" <<'EOF'
# HTML policy

Be <em>kind</em>, <i>calm</i> and <strong>respectful</strong> <b>always</b>.<br>A new line with <a href="https://example.org/coc">our policy</a>, <code>make test</code> and <span>kept span text</span> <span>twice</span>.

<a name="top"></a>
<!-- a comment that is not printed -->

<details>
<summary>What counts as harassment</summary>

Offensive comments and *intimidation*.

</details>

<p>An HTML paragraph with an image: <img src="logo.png" alt="the meetup logo"></p>

<ul>
<li>First bullet</li>
<li>Second bullet</li>
</ul>

<ol start="3">
<li>Third step</li>
<li>Fourth step</li>
</ol>

<h2>An HTML heading</h2>

<table>
<tr><th>Who</th><th>Phone</th></tr>
<tr><td>Finn Pauls</td><td>+49 30 1234 5678</td></tr>
</table>

<script>alert("not printed")</script>
<style>p { color: red }</style>

Done.
EOF
run -q -o "$WORK/h" -b a6 -e "$ev" "$d/html.md"
t=$(pdftotext -raw "$WORK/h/handout.pdf" - | sed 's/\xc2\xad//g')
why=""
[ "$rc" -eq 0 ] || why="exit $rc"
for want in "Be kind, calm and respectful always." "A new line with our policy (example.org/coc)" "make test" \
    "kept span text twice" "What counts as harassment" "Offensive comments and intimidation." \
    "the meetup logo" "First bullet" "Second bullet" "Third step" "Fourth step" "An HTML heading" \
    "Finn Pauls" "+49 30 1234 5678" "Done."; do
    printf '%s\n' "$t" | tr '\n' ' ' | grep -qF -- "$want" || why="$why; '$want' missing"
done
for gone in "<" ">" "not printed" "color: red" "a comment"; do
    printf '%s\n' "$t" | grep -qF -- "$gone" && why="$why; '$gone' printed"
done
"$PDFCHECK" info "$WORK/h/handout.pdf" | grep -q "^link .* https://example.org/coc " || why="$why; no link"
printf '%s\n' "$err" | grep -q "html.md: warning: 2 <span> tags dropped (their text is kept) (first at 3:" \
    || why="$why; no grouped <span> warning"
printf '%s\n' "$err" | grep -q "html.md: warning: 2 <script> and <style> elements dropped with their content" \
    || why="$why; no script/style warning"
[ "$(printf '%s\n' "$err" | grep -c "comment\|name=\|<a>")" -eq 0 ] || why="$why; a comment or anchor warned of"
[ -z "$why" ] && ok "HTML: every element policies use, tags paired across pieces, the rest warned of once" \
    || not_ok "HTML" "$why" "$err" "$t"
"$LAYOUT" -o "$WORK/hl" -t handout -e "$ev" "$d/html.md" 2>/dev/null > "$WORK/hl.txt"
grep -q 'Lato Bold .* "What counts as harassment"' "$WORK/hl.txt" \
    && grep -q 'Bold .* "An HTML heading"' "$WORK/hl.txt" && grep -q 'Lato Bold .* "Who"' "$WORK/hl.txt" \
    && grep -q '"•"' "$WORK/hl.txt" && grep -q '"3\."' "$WORK/hl.txt" \
    && ok "HTML: summary bold, h2 a heading, th bold, list bullets and numbers from start" \
    || not_ok "HTML structure" "$(cat "$WORK/hl.txt")"
# Decoded HTML text meets the character rules: a bidi override is an error.
printf '# T\n\n<p>Call &#x202E;911</p>\n' > "$d/bidi.md"
expect "HTML: a bidi override written as a character reference is an input error" 1 \
    "bidi.md:3:[0-9]+: error: .*U\\+202E" -o "$WORK/bd" -t handout -e "$ev" "$d/bidi.md"

# A row written without its table is a table of its own, its cells side by
# side (not on top of each other).
printf '# T\n\n<tr><td>stray cell</td><td>two</td></tr>\n\nAfter.\n' > "$d/stray.md"
"$LAYOUT" -o "$WORK/st2" -t handout -e "$ev" "$d/stray.md" 2>/dev/null > "$WORK/st2.txt"
python3 - "$WORK/st2.txt" <<'PY' && ok "HTML: a row without its table: its cells side by side" || not_ok "stray row" "$(cat "$WORK/st2.txt")"
import re, sys
items = {m.group(5): (float(m.group(1)), float(m.group(3))) for m in
         re.finditer(r'text\s+([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) .*? 1 line "(.*)"', open(sys.argv[1]).read())}
a, b = items.get("stray cell"), items.get("two")
sys.exit(0 if a and b and b[0] >= a[0] + a[1] else 1)
PY

finish
