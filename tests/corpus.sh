#!/bin/sh
# Real policies (tests/data/corpus) and real teams: every default output of
# each, on A4 and on Letter, with the bundled event data and with a
# 12-person team, exits 0; a poster with the whole policy and every handout
# hold every word of their source; a summary poster holds every word of the
# summary and its QR code reads the policy's address.
. "$(dirname "$0")/tap.sh"
NO_SWEEP=1 # the documents are checked here, word by word

corpus="$SRCDIR/tests/data/corpus"
# The bundled event's summary, as Markdown, for the summary posters.
python3 - "$SRCDIR/content/event.yml" "$WORK/summary-event.md" "$SRCDIR/tests/data/event-12.yml" \
    "$WORK/summary-event-12.md" <<'PY'
import re, sys
for src, dst in (sys.argv[1:3], sys.argv[3:5]):
    m = re.search(r'^summary: \|\n((?:  .*\n|\n)+)', open(src).read(), re.M)
    open(dst, 'w').write(re.sub(r'^  ', '', m.group(1), flags=re.M))
PY
complex='[\x{0590}-\x{08FF}\x{0900}-\x{0EFF}\x{2E80}-\x{9FFF}\x{AC00}-\x{D7AF}]'
policy_url() { sed -n 's/^policy_url: *//p' "$1"; }
docs=0
for md in "$corpus"/*.md "$corpus"/berlin/*.md; do
    case $(basename "$md") in README.md) continue ;; esac
    docs=$((docs + 1))
    name=$(basename "$(dirname "$md")")/$(basename "$md" .md)
    name=${name#corpus/}
    # Words in reading order (pdftotext's raw order, the order they are
    # drawn); letters where poppler splits a script into letters.
    mode="words" order="--ordered"
    grep -qP "$complex" "$md" && mode="letters" order=""
    # A table row split over two pages reads its cells side by side, not
    # in source order: every word must be there; the rows' order is checked
    # below.
    grep -qE '^[[:space:]]*\|?[[:space:]]*:?-{3,}:?[[:space:]]*\|' "$md" && order=""
    for ev in event event-12; do
        evfile="$SRCDIR/content/event.yml"
        [ "$ev" = event-12 ] && evfile="$SRCDIR/tests/data/event-12.yml"
        for paper in a4 letter; do
            o="$WORK/out/$name-$ev-$paper"
            what="$name, $ev, $paper"
            run -q -o "$o" --paper "$paper" -e "$evfile" "$md"
            if [ "$rc" -ne 0 ]; then
                not_ok "$what: every output" "exit $rc" "$err"
                continue
            fi
            content=$(sed -n 's/.*"file": "poster.pdf".*"content": "\([a-z]*\)".*/\1/p' "$o/manifest.json")
            missing=""
            for f in poster handout handout-sheet badge-4x3in badge-4x3in-sheet badge-a6 badge-a6-sheet; do
                [ -f "$o/$f.pdf" ] || missing="$missing $f.pdf"
            done
            why=""
            if [ "$content" = full ]; then
                why=$("$PDFCHECK" $mode "$md" "$o/poster.pdf" $order 2>&1) || why="poster: $why"
            else
                why=$("$PDFCHECK" words "$WORK/summary-$ev.md" "$o/poster.pdf" --ordered 2>&1) \
                    || why="summary poster: $why"
                if [ -z "$why" ]; then
                    pdftoppm -r 150 -png "$o/poster.pdf" "$o/qr" >/dev/null 2>&1
                    zbarimg -q --raw "$o"/qr*.png 2>/dev/null | grep -qxF "$(policy_url "$evfile")" \
                        || why="summary poster: no QR code reads $(policy_url "$evfile")"
                fi
            fi
            [ -z "$why" ] && { why=$("$PDFCHECK" $mode "$md" "$o/handout.pdf" $order 2>&1) || why="handout: $why"; }
            [ -z "$missing" ] && [ -z "$why" ] \
                && ok "$what: every output; the $content poster and the handout hold their text ($mode)" \
                || not_ok "$what: every output, nothing lost" "missing:$missing" "$why" "$err"
        done
    done
done
[ "$docs" -ge 13 ] && ok "$docs real documents tried" || not_ok "the corpus is there" "$docs documents"

# Tables are set as tables (issue 19): in the handout of each policy with
# one, no '|' of the Markdown is left, and the rows come in their order (the
# first word of each row's first cell, in the order the text is drawn).
tables=0
for md in "$corpus"/*.md; do
    grep -qE '^[[:space:]]*\|?[[:space:]]*:?-{3,}:?[[:space:]]*\|' "$md" || continue
    tables=$((tables + 1))
    name=$(basename "$md" .md)
    pdf="$WORK/out/$name-event-a4/handout.pdf"
    why=$(pdftotext -raw "$pdf" - | python3 -c '
import re, sys
md, text = open(sys.argv[1]).read(), sys.stdin.read()
bad = []
if "|" in text:
    bad.append("a | left: " + [l for l in text.splitlines() if "|" in l][0])
words, lines = [], md.splitlines()
for i, line in enumerate(lines):
    if "|" not in line or i == 0 or \
            not re.fullmatch(r"\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*", line):
        continue
    rows = [lines[i - 1]]
    for l in lines[i + 1:]:
        if "|" not in l or not l.strip():
            break
        rows.append(l)
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        first = next((c for c in cells if re.search(r"[A-Za-z]{3,}", c)), "")
        first = " ".join(re.sub(r"[*_`\[\]]|\(http[^)]*\)|<[^>]*>", "", first).split()[:3])
        if first:
            words.append(first)
text = " ".join(text.replace("\u00ad\n", "").replace("\u00ad", "").split())
at = 0
for w in words:
    k = text.find(w, at)
    if k < 0:
        bad.append("row starting %r out of order" % w)
        break
    at = k + len(w)
print("; ".join(bad) if words else "no rows found")' "$md")
    [ -z "$why" ] && ok "$name: a table, set as one: rows in order, no '|' left" \
        || not_ok "$name: table set as a table" "$why"
done
[ "$tables" -ge 2 ] && ok "$tables policies with tables tried" || not_ok "policies with tables" "$tables"

# Every script (issue 20): the emoji, Thai and CNCF documents print every
# output with every font embedded, and their emoji as vector glyphs: no
# picture on any page of any of their PDFs (cairo would write a colour emoji
# font's glyphs as pictures, without their text).
for name in weallbehave-coc cncf-coc cncf-coc.th; do
    bad=""
    for pdf in "$WORK/out/$name"-event-*/*.pdf; do
        [ -f "$pdf" ] || { bad="no PDFs"; break; }
        [ "$(pdfimages -list "$pdf" 2>/dev/null | tail -n +3 | wc -l)" -eq 0 ] || bad="$bad $(basename "$pdf"): a picture;"
        "$PDFCHECK" embedded "$pdf" >/dev/null 2>&1 || bad="$bad $(basename "$pdf"): a font not embedded;"
    done
    [ -z "$bad" ] && ok "$name: every PDF has its fonts embedded and no picture (emoji and scripts as outlines)" \
        || not_ok "$name: fonts and pictures" "$bad"
done
pdftotext "$WORK/out/weallbehave-coc-event-a4/handout.pdf" - | grep -q "$(printf '\360\237\220\270')" \
    && pdffonts "$WORK/out/weallbehave-coc-event-a4/handout.pdf" | grep -q "Symbola" \
    && ! pdffonts "$WORK/out/weallbehave-coc-event-a4/handout.pdf" | grep -qi "emoji" \
    && ok "weallbehave: the frog emoji is in the text layer, drawn with Symbola" \
    || not_ok "weallbehave: emoji as text" "$(pdffonts "$WORK/out/weallbehave-coc-event-a4/handout.pdf")"
fonts=$(pdffonts "$WORK/out/cncf-coc.th-event-a4/handout.pdf" | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' ')
echo "$fonts" | grep -q "NotoSansThai-Regular" && [ -z "$(echo "$fonts" | tr ' ' '\n' | grep -v '^Lato-\|^NotoSansThai-\|^$')" ] \
    && ok "cncf-coc.th: Thai from Noto Sans Thai, nothing but it and Lato embedded ($fonts)" \
    || not_ok "cncf-coc.th: fonts" "$fonts"

# Translations named the way sites name them take their language from the
# name: /Lang and the contacts panel's labels (issue 20).
for pair in "berlin/ar ar" "cncf-coc.th th" "ruby-conduct.ja ja"; do
    set -- $pair
    pdf="$WORK/out/$1-event-a4/handout.pdf"
    tail -c 1500 "$pdf" | grep -aq "/Lang ($2)" && ok "$1: /Lang ($2) from the file's name" \
        || not_ok "$1: /Lang ($2)" "$(tail -c 300 "$pdf")"
done
pdftotext "$WORK/out/berlin/ar-event-a4/poster.pdf" - | grep -q "$(awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "ar") c = i }
    $1 == "emergency" { print $c }' "$SRCDIR/data/labels.tsv")" \
    && ok "berlin/ar: the poster's labels are Arabic" || not_ok "berlin/ar: Arabic labels"

# Site-generator extras never reach the paper (issue 19).
left=""
for pdf in "$WORK"/out/*-event-a4/handout.pdf "$WORK"/out/*/*-event-a4/handout.pdf; do
    [ -f "$pdf" ] || continue
    "$PDFCHECK" text "$pdf" | grep -qE '\{:|\{#|\)=$|\{%|\{\{<|\{\{%' && left="$left $pdf"
done
[ -z "$left" ] && ok "no '{:', '{#', ')=', '{%' or '{{<' on any handout" || not_ok "site-generator extras printed" "$left"

# Links keep their target on paper (issue 18): every http(s) link of each
# policy has its address in the handout's text, shortened (no scheme, no
# "www.", no trailing "/"), where it may break over lines.
for md in "$corpus"/*.md "$corpus"/berlin/*.md; do
    case $(basename "$md") in README.md) continue ;; esac
    name=$(basename "$(dirname "$md")")/$(basename "$md" .md)
    name=${name#corpus/}
    pdf="$WORK/out/$name-event-a4/handout.pdf"
    why=$(python3 - "$md" "$pdf" <<'PY'
import re, subprocess, sys
src = open(sys.argv[1]).read()
# A paragraph, and an address in it, may run on over a page break: the
# page's folio ("5/6") is not part of it.
text = subprocess.run(['pdftotext', sys.argv[2], '-'], capture_output=True, text=True).stdout
text = re.sub(r'\s', '', re.sub(r'(?m)^\d+/\d+$', '', text))
# A picture's address is not a link's: leave images out (a badge's link stays).
src = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', src)
urls = re.findall(r'\]\((https?://[^)\s]+)', src) + re.findall(r'<(https?://[^>\s]+)>', src)
missing = []
for u in urls:
    s = re.sub(r'^https?://', '', u)
    s = re.sub(r'^www\.', '', s).rstrip('/')
    if s not in text and u not in text:
        missing.append(s)
print(len(urls), ' '.join(missing[:5]))
PY
)
    set -- $why
    links=$1
    shift
    [ -z "$*" ] && ok "$name: all $links web links keep their address on the handout" \
        || not_ok "$name: link addresses on paper" "missing: $*"
done
# The poster size a summary poster's warning names is the smallest that
# holds the whole policy: with a 20-person team's panel it once named A2
# where A3 held it.
hints=0
for md in "$corpus"/*.md "$corpus"/berlin/*.md; do
    case $(basename "$md") in README.md) continue ;; esac
    for ev in event-12 event-20; do
        run --check -t poster -e "$SRCDIR/tests/data/$ev.yml" "$md"
        size=$(printf '%s\n' "$err" | sed -n 's/.*the whole text fits with --poster-size \([a-z0-9]*\)).*/\1/p')
        [ -n "$size" ] || continue
        hints=$((hints + 1))
        run --check -t poster --poster full --poster-size "$size" -e "$SRCDIR/tests/data/$ev.yml" "$md"
        why=""
        [ "$rc" -eq 0 ] || why="--poster-size $size: exit $rc: $err"
        if [ "$size" = a2 ]; then
            run --check -t poster --poster full --poster-size a3 -e "$SRCDIR/tests/data/$ev.yml" "$md"
            [ "$rc" -ne 0 ] || why="$why; A3 holds it too"
        fi
        [ -z "$why" ] && ok "$(basename "$md"), $ev: the whole text fits the size the warning names, not a smaller one" \
            || not_ok "$(basename "$md"), $ev: the named poster size" "$why"
    done
done
[ "$hints" -gt 5 ] && ok "$hints summary posters name a size for the whole text" \
    || not_ok "summary posters name a size" "only $hints"
finish
