#!/bin/sh
# Every script an event's attendees read: a real document per language to
# poster, handout and badge, read back with poppler.
. "$(dirname "$0")/tap.sh"

data="$SRCDIR/tests/data/i18n"
labels="$SRCDIR/data/labels.tsv"
d="$WORK/in"
mkdir -p "$d"

# The label a language prints for KEY, from the table cocprint is built from.
label() { awk -F '\t' -v key="$1" -v lang="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    $1 == key { print $(col[lang]) }' "$labels"; }

# The PDF's text without bidi controls and soft hyphens.
plain() { pdftotext "$1" - 2>/dev/null | sed 's/\xe2\x80[\xaa-\xae]//g; s/\xe2\x81[\xa6-\xa9]//g; s/\xc2\xad//g; s/\xc2\xa0/ /g'; }

# A summary for the badges: the document's own bullet list.
summary_of() { sed -n 's/^- /  - /p' "$1"; }

# The first word of a paragraph of the source, for position checks.
pdf_words() { pdftotext -bbox "$1" - 2>/dev/null; }

# Every language of the labels table but English (the other suites' own).
langs=$(head -1 "$labels" | cut -f 3- | tr '\t' ' ')
for lang in $langs; do
    src="$data/coc.$lang.md"
    cp "$src" "$d/coc.$lang.md"
    { cat "$data/event.yml"; echo "summary: |"; summary_of "$src"; } > "$d/event.yml"
    { echo "# s"; echo; summary_of "$src" | sed 's/^  //'; } > "$d/summary.$lang.md"
    out="$WORK/$lang"
    run -q -o "$out" -t poster,handout,badge --badge a6 "$d/coc.$lang.md"
    [ "$rc" -eq 0 ] && ok "$lang: poster, handout and badge render, no glyph missing" \
        || { not_ok "$lang: renders" "$err"; continue; }
    check "$lang: poster holds every letter of the source" "$PDFCHECK" letters "$src" "$out/poster.pdf"
    check "$lang: handout holds every letter of the source" "$PDFCHECK" letters "$src" "$out/handout.pdf"
    case $lang in el | ru | de | fr | es | nl | it | pt | bs | ca | da | eu | gl | hu | id | is | mk | ms | pl | ro | sl | sv | sw | tr | uk | vi | bg)
        check "$lang: poster and handout hold every word, in reading order" sh -c \
            "'$PDFCHECK' words '$src' '$out/poster.pdf' --ordered && '$PDFCHECK' words '$src' '$out/handout.pdf' --ordered" ;;
    esac
    check "$lang: badge holds every letter of its summary" "$PDFCHECK" letters "$d/summary.$lang.md" "$out/badge-a6.pdf"
    bad=""
    for f in "$out"/*.pdf; do "$PDFCHECK" embedded "$f" >/dev/null 2>&1 || bad="$bad $(basename "$f")"; done
    [ -z "$bad" ] && ok "$lang: every font embedded in every PDF" || not_ok "$lang: fonts not embedded:$bad"
    tail -c 1200 "$out/poster.pdf" | grep -aq "/Lang ($lang)" && qpdf --check "$out/poster.pdf" >/dev/null 2>&1 \
        && ok "$lang: /Lang ($lang) in the catalog, the PDF intact" || not_ok "$lang: /Lang" "$(tail -c 400 "$out/poster.pdf")"
    # Letter by letter: a narrow panel column may wrap the label between other lines.
    for key in need_help hotline emergency; do label "$key" "$lang"; echo; done > "$d/labels.$lang.md"
    check "$lang: contacts panel labels in the language ($(label need_help "$lang"))" \
        "$PDFCHECK" letters "$d/labels.$lang.md" "$out/poster.pdf"
    check "$lang: poster glyphs 10 mm inside" "$PDFCHECK" safe "$out/poster.pdf" 10
    check "$lang: handout glyphs 6 mm inside" "$PDFCHECK" safe "$out/handout.pdf" 6
    check "$lang: badge glyphs 3 mm inside" "$PDFCHECK" safe "$out/badge-a6.pdf" 3
done

# Han characters take the language's glyph forms.
for pair in "ja jp" "zh-Hans sc" "zh-Hant tc" "ko kr"; do
    set -- $pair
    pdffonts "$WORK/$1/poster.pdf" 2>/dev/null | grep -q "NotoSansCJK$2-Regular" \
        && ok "$1: Han characters in the $2 forms" || not_ok "$1: Han glyph forms" "$(pdffonts "$WORK/$1/poster.pdf")"
done

# CJK line breaking: between characters, never before closing punctuation.
for lang in ja zh-Hans zh-Hant; do
    starts=$(pdftotext "$WORK/$lang/poster.pdf" - | grep -E '^(。|、|，|」|』|）|！|？|：|；)' | head -3)
    [ -z "$starts" ] && ok "$lang: no line starts with closing punctuation" \
        || not_ok "$lang: a line starts with closing punctuation" "$starts"
done

# Emphasis without italics: Arabic, CJK and Indic fonts have none, so bold.
for lang in ar ja hi; do
    pdffonts "$WORK/$lang/poster.pdf" | grep -q -- "-Bold" && ! pdffonts "$WORK/$lang/poster.pdf" | grep -qi "italic" \
        && ok "$lang: emphasis set in bold, no italic font" || not_ok "$lang: emphasis" "$(pdffonts "$WORK/$lang/poster.pdf")"
done

# Right to left: bullets right of their text, columns right to left.
python3 - "$WORK/ar/poster.pdf" <<'PY' && ok "ar: list bullets are right of their text" || not_ok "ar: bullets right of text"
import re, subprocess, sys
xml = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], capture_output=True, text=True).stdout
words = [(float(a), (float(b) + float(d)) / 2, float(c), w) for a, b, c, d, w in
         re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', xml)]
bullets = [w for w in words if w[3] == "\u2022"]
assert len(bullets) >= 3, bullets
for bx, by, bxmax, _ in bullets:
    line = [w for w in words if abs(w[1] - by) < 6 and w[3] != "\u2022"]
    assert line and all(w[2] <= bx + 0.5 for w in line), (bx, line)
PY
# A longer Arabic text, marked at its start and end with Latin words whose
# positions pdftotext reports (it splits Arabic words into letters).
{ sed -n '1,/^# /p' "$data/coc.ar.md"; echo; echo "FIRSTMARK"; sed -n '/^# /,$p' "$data/coc.ar.md" | sed '1d';
  for i in 1 2; do sed -n '/^## /,$p' "$data/coc.ar.md"; done; echo; echo "LASTMARK"; } > "$d/long.ar.md"
cp "$data/event.yml" "$d/event.yml"
run -q -o "$WORK/arlong" -t poster "$d/long.ar.md"
cols=$(sed -n 's/.*"columns": \([0-9]*\).*/\1/p' "$WORK/arlong/manifest.json")
python3 - "$WORK/arlong/poster.pdf" "$cols" <<'PY' && ok "ar: $cols columns, read right to left" \
    || not_ok "ar: columns right to left" "columns=$cols"
import re, subprocess, sys
xml = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], capture_output=True, text=True).stdout
x = {w: float(a) for a, w in re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">(FIRSTMARK|LASTMARK)<', xml)}
assert int(sys.argv[2]) >= 2 and len(x) == 2, x
# The text starts in the rightmost column and ends in the leftmost.
assert x["FIRSTMARK"] > 297 > x["LASTMARK"], x
PY

# The language: --lang, front matter, file name (legacy codes understood), English.
printf '# Title\n\nPlain text.\n' > "$d/code-of-conduct.zh-tw.md"
run -q -o "$WORK/fn" -t poster "$d/code-of-conduct.zh-tw.md"
tail -c 1200 "$WORK/fn/poster.pdf" | grep -aq "/Lang (zh-Hant)" && ok "language from the file name (zh-tw is zh-Hant)" \
    || not_ok "language from the file name"
printf -- '---\nlang: iw\n---\n\n# Title\n\nPlain text.\n' > "$d/legacy.md"
run -q -o "$WORK/iw" -t poster "$d/legacy.md"
tail -c 1200 "$WORK/iw/poster.pdf" | grep -aq "/Lang (he)" && ok "legacy code iw is he" || not_ok "iw is he"
run -q -o "$WORK/lo" -t poster --lang fr "$d/code-of-conduct.zh-tw.md"
tail -c 1200 "$WORK/lo/poster.pdf" | grep -aq "/Lang (fr)" && ok "--lang overrides the file name" || not_ok "--lang overrides"
run -q -o "$WORK/en" -t poster "$SRCDIR/content/code-of-conduct.md"
tail -c 1200 "$WORK/en/poster.pdf" | grep -aq "/Lang (en)" && ok "English by default" || not_ok "English by default"
expect "a bad --lang is a usage error" 2 "--lang 'x!' is not a language tag" --lang 'x!' "$d/legacy.md"
printf -- '---\nlang: "123"\n---\n\nText.\n' > "$d/badlang.md"
expect "a bad front matter lang is an input error" 1 "badlang.md: error: '123' is not a language tag" -o "$WORK/x" "$d/badlang.md"

# Twenty-two scripts beyond those of the labels table, each found by
# coverage among the installed Noto families (issue 20): one letter each,
# every one in the PDF's text, every font embedded, only the faces needed.
printf '# Scripts\n\n' > "$d/scripts.md"
for pair in "Thai ก" "Lao ກ" "Khmer ក" "Myanmar က" "Sinhala ක" "Tibetan ཀ" "Georgian ა" "Armenian ա" \
    "Modi 𑘀" "Tamil க" "Telugu క" "Malayalam ക" "Gurmukhi ਕ" "Oriya କ" "Cherokee Ꭰ" "Syllabics ᐁ" \
    "Mongolian ᠠ" "Syriac ܐ" "Thaana ދ" "Tifinagh ⴰ" "NKo ߊ" "Javanese ꦲ"; do
    set -- $pair
    printf -- '- %s %s\n' "$1" "$2" >> "$d/scripts.md"
done
run -q -o "$WORK/scripts" -t poster,handout "$d/scripts.md"
[ "$rc" -eq 0 ] && ok "22 more scripts render" || not_ok "22 more scripts render" "$err"
check "22 scripts: every letter in the poster" "$PDFCHECK" letters "$d/scripts.md" "$WORK/scripts/poster.pdf"
check "22 scripts: every letter in the handout" "$PDFCHECK" letters "$d/scripts.md" "$WORK/scripts/handout.pdf"
check "22 scripts: every font embedded" "$PDFCHECK" embedded "$WORK/scripts/poster.pdf"
n_fonts=$(pdffonts "$WORK/scripts/poster.pdf" | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort -u | grep -c Noto)
[ "$n_fonts" -ge 22 ] && [ "$n_fonts" -le 26 ] && ok "22 scripts: $n_fonts Noto faces, a face a script" \
    || not_ok "22 scripts: a face a script" "$(pdffonts "$WORK/scripts/poster.pdf")"

# A family with no bold (Noto Sans Modi) is emboldened for **strong**
# text: cairo writes the emboldened outlines as a font of its own.
printf -- '---\nlang: mr-Modi\n---\n\n# 𑘎𑘰𑘨𑘿𑘧\n\n𑘁𑘢𑘳𑘨𑘿𑘪 **𑘀𑘰𑘦𑘿𑘮𑘲** 𑘦𑘰𑘡𑘳𑘯.\n' > "$d/modi.md"
run -q -o "$WORK/modi" -t handout "$d/modi.md"
[ "$rc" -eq 0 ] && pdffonts "$WORK/modi/handout.pdf" | grep -q "CairoFont" \
    && "$PDFCHECK" letters "$d/modi.md" "$WORK/modi/handout.pdf" >/dev/null 2>&1 \
    && ok "Modi: strong text emboldened (the family has no bold), every letter in the text" \
    || not_ok "Modi bold" "$err" "$(pdffonts "$WORK/modi/handout.pdf")"

# The language from where sites keep translations (issue 20): the file's
# name, else the nearest of three folders named by an ISO 639-1 code.
sed '/^lang:/d' "$data/coc.ar.md" > "$d/nolang.ar.txt"
mkdir -p "$WORK/where/both/en"
for rel in ar.md index.ar.md code-of-conduct.ar.md ar/index.md content/ar/conduct.md \
    _i18n/ar/pages/conduct.md site/content/ar-EG/conduct.md both/ar/conduct.md; do
    mkdir -p "$WORK/where/$(dirname "$rel")"
    cp "$d/nolang.ar.txt" "$WORK/where/$rel"
    o="$WORK/where-out/$(echo "$rel" | tr / _)"
    run -o "$o" -t poster,handout,badge --badge a6 -e "$data/event.yml" "$WORK/where/$rel"
    want=ar; case $rel in *ar-EG*) want=ar-EG ;; esac
    { label need_help ar; echo; label emergency ar; echo; } > "$d/where.labels.md"
    { label hotline ar; echo; label emergency ar; echo; } > "$d/where.badge.md"
    [ "$rc" -eq 0 ] && tail -c 1200 "$o/poster.pdf" | grep -aq "/Lang ($want)" \
        && tail -c 1200 "$o/handout.pdf" | grep -aq "/Lang ($want)" \
        && "$PDFCHECK" letters "$d/where.labels.md" "$o/poster.pdf" >/dev/null 2>&1 \
        && "$PDFCHECK" letters "$d/where.badge.md" "$o/badge-a6.pdf" >/dev/null 2>&1 \
        && ! printf '%s\n' "$err" | grep -q "no language is given" \
        && ok "language from '$rel': /Lang ($want), Arabic labels on the poster and badge" \
        || not_ok "language from '$rel'" "rc=$rc" "$err" "$(tail -c 300 "$o/poster.pdf")"
done
# Folders that are not language codes, or not written as one, say nothing;
# a text mostly in another script than Latin, with no language anywhere,
# is set as English with a warning that says how to fix it.
# A lone hr/ or it/ may be a department's or a topic's: a folder counts
# only under a translations root, beside another language's, or as an index.
for rel in docs/conduct.md IT/conduct.md in/conduct.md xx/conduct.md my-app/conduct.md es-modules/conduct.md \
    hr/conduct.md a/b/c/ar/d/e/f/conduct.md; do
    mkdir -p "$WORK/neg/$(dirname "$rel")"
    cp "$d/nolang.ar.txt" "$WORK/neg/$rel"
    run -q -o "$WORK/where-out/not" -t poster -e "$data/event.yml" "$WORK/neg/$rel"
    [ "$rc" -eq 0 ] && tail -c 1200 "$WORK/where-out/not/poster.pdf" | grep -aq "/Lang (en)" \
        && printf '%s\n' "$err" | grep -q "conduct.md: warning: most of the text is in Arabic script, but no language is given.*'lang: ar' in the front matter or --lang ar" \
        && ok "'$rel' is no language: English, with the script warning" \
        || not_ok "'$rel' is no language" "rc=$rc" "$err"
done
run -q -o "$WORK/where-out/given" -t poster -e "$data/event.yml" "$data/coc.ar.md"
printf '%s\n' "$err" | grep -q "no language is given" && not_ok "no script warning when the language is given" "$err" \
    || ok "no script warning when the language is given"
run -q -o "$WORK/where-out/latin" -t poster --lang en -e "$data/event.yml" "$WORK/neg/docs/conduct.md"
printf '%s\n' "$err" | grep -q "no language is given" && not_ok "no script warning with --lang" "$err" \
    || ok "no script warning with --lang (English on purpose)"

# Letters of no one script (mathematical bold) are not another script; a
# star is drawn from Noto Sans Symbols2, not from a CJK font that has one.
printf '# T\n\n\360\235\220\201\360\235\220\236 \360\235\220\244\360\235\220\242\360\235\220\247\360\235\220\235 \342\230\205\n' > "$d/fancy-bold.md"
run -q -o "$WORK/fancy" -t handout "$d/fancy-bold.md"
fonts=$(pdffonts "$WORK/fancy/handout.pdf" 2>/dev/null)
[ "$rc" -eq 0 ] && ! printf '%s\n' "$err" | grep -q "no language is given" && ! echo "$fonts" | grep -q CJK \
    && echo "$fonts" | grep -q "NotoSansSymbols2\|NotoSansMath" \
    && ok "mathematical bold and a star: no script warning, no CJK font" || not_ok "fancy bold and star" "$err" "$fonts"

# The labels table: every cell filled, a reviewed mark for each language.
gen="$SRCDIR/tools/gen-labels.py"
python3 "$gen" "$labels" "$WORK/k.h" "$WORK/t.h" && grep -q "CP_L_NEED_HELP" "$WORK/k.h" && ! grep -q "REVIEWED" "$WORK/k.h" \
    && ok "the labels generator takes the table; 'reviewed' is not a label" || not_ok "labels generator"
awk -F '\t' 'BEGIN { OFS = "\t" } $1 == "emergency" { $30 = "" } { print }' "$labels" > "$WORK/empty.tsv"
lang30=$(head -1 "$labels" | cut -f 30)
out=$(python3 "$gen" "$WORK/empty.tsv" "$WORK/k2.h" "$WORK/t2.h" 2>&1)
[ $? -ne 0 ] && printf '%s\n' "$out" | grep -q "no 'emergency' for $lang30 (column 30)" \
    && ok "the labels generator refuses an empty cell, naming its key and language" || not_ok "empty label cell" "$out"
awk -F '\t' 'BEGIN { OFS = "\t" } $1 == "reviewed" { $30 = "maybe" } { print }' "$labels" > "$WORK/mark.tsv"
out=$(python3 "$gen" "$WORK/mark.tsv" "$WORK/k3.h" "$WORK/t3.h" 2>&1)
[ $? -ne 0 ] && printf '%s\n' "$out" | grep -q "'reviewed' for $lang30 is 'maybe'" \
    && ok "the labels generator refuses a reviewed mark other than yes, no or source" || not_ok "reviewed mark" "$out"

# Event data overrides a label.
{ cat "$data/event.yml"; printf 'labels:\n  need_help: "Besoin d’aide ? Parlez-nous"\n'; } > "$d/event.yml"
run -q -o "$WORK/ov" -t poster "$d/coc.fr.md"
pdftotext "$WORK/ov/poster.pdf" - | grep -q "Parlez-nous" && ok "event data overrides a label" || not_ok "label override" "$err"
{ cat "$data/event.yml"; printf 'labels:\n  need_hlep: "x"\n'; } > "$d/event.yml"
expect "a misspelt label key names the nearest one" 1 "unknown key 'need_hlep' in the labels; did you mean 'need_help'" \
    -o "$WORK/x" "$d/coc.fr.md"
cp "$data/event.yml" "$d/event.yml"

# Long words stay inside: with a dictionary (German), and without (Korean).
long="Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsangestelltenausweis"
printf -- '---\nlang: de\n---\n\n# Titel\n\nEin %s %s und noch ein Satz.\n' "$long" "$long" > "$d/long.de.md"
run -q -o "$WORK/lw" -t poster,handout,badge --badge cr80 "$d/long.de.md"
[ "$rc" -eq 0 ] && ok "German long word renders" || not_ok "German long word" "$err"
check "German long word: poster inside 10 mm" "$PDFCHECK" safe "$WORK/lw/poster.pdf" 10
check "German long word: handout inside 6 mm" "$PDFCHECK" safe "$WORK/lw/handout.pdf" 6
check "German long word: every word, hyphens joined" "$PDFCHECK" words "$d/long.de.md" "$WORK/lw/handout.pdf"
shy=$(printf '\302\255')
pdftotext "$WORK/lw/handout.pdf" - | grep -q -- "$shy\$" && ok "German long word: hyphenated at line ends" \
    || not_ok "German long word: no hyphen at a line end"
klong=$(printf '가나다라마바사아자차카타파하%.0s' 1 2 3 4 5 6 7 8)
printf -- '---\nlang: ko\n---\n\n# 제목\n\n%s 끝.\n\n<https://example.org/a/very/long/path/that/keeps/going/and/going/and/going/for/ever/and/ever>\n' "$klong" > "$d/long.ko.md"
run -q -o "$WORK/kw" -t poster,handout "$d/long.ko.md"
[ "$rc" -eq 0 ] && ok "Korean long word and long URL render" || not_ok "Korean long word" "$err"
check "Korean long word: handout inside 6 mm" "$PDFCHECK" safe "$WORK/kw/handout.pdf" 6
check "Korean long word: every letter" "$PDFCHECK" letters "$d/long.ko.md" "$WORK/kw/handout.pdf"
pdftotext "$WORK/kw/handout.pdf" - | grep -q "^/[a-z]" && ! pdftotext "$WORK/kw/handout.pdf" - | grep -q "[a-z]-$\|/$" \
    && ok "a long URL breaks before a slash (Chicago), with no hyphen added" || not_ok "URL breaks" "$(pdftotext "$WORK/kw/handout.pdf" -)"

# Several translations at once: one poster with both, a handout and badges each.
mkdir -p "$WORK/multi"
for lang in fr ar; do
    sum=$(summary_of "$data/coc.$lang.md")
    { echo "---"; sed -n '2,/^---$/p' "$data/coc.$lang.md" | sed '$d'; echo "summary: |"; printf '%s\n' "$sum"; echo "---";
      awk 'fences >= 2 { print } /^---$/ { fences++ }' "$data/coc.$lang.md"; } > "$WORK/multi/coc.$lang.md"
    { echo "# s"; echo; printf '%s\n' "$sum" | sed 's/^  //'; } > "$WORK/multi/summary.$lang.md"
done
cp "$data/event.yml" "$WORK/multi/event.yml"
run -o "$WORK/multi/out" --badge a6 "$WORK/multi/coc.fr.md" "$WORK/multi/coc.ar.md"
[ "$rc" -eq 0 ] && ok "two translations render" || not_ok "two translations render" "$err"
for f in poster.pdf handout.fr.pdf handout.ar.pdf handout-sheet.fr.pdf handout-sheet.ar.pdf \
    badge-a6.fr.pdf badge-a6.ar.pdf badge-a6-sheet.fr.pdf badge-a6-sheet.ar.pdf; do
    [ -s "$WORK/multi/out/$f" ] && ok "translations: $f" || not_ok "translations: $f" "$(ls "$WORK/multi/out")"
done
check "translations: one poster page" "$PDFCHECK" pages "$WORK/multi/out/poster.pdf" 1
check "translations: the poster holds every letter of the French" "$PDFCHECK" letters "$data/coc.fr.md" "$WORK/multi/out/poster.pdf"
check "translations: the poster holds every letter of the Arabic" "$PDFCHECK" letters "$data/coc.ar.md" "$WORK/multi/out/poster.pdf"
check "translations: poster glyphs 10 mm inside" "$PDFCHECK" safe "$WORK/multi/out/poster.pdf" 10
for lang in fr ar; do
    for key in need_help emergency; do label "$key" "$lang"; echo; done > "$d/ml.$lang.md"
    check "translations: the poster's panel has the $lang labels" "$PDFCHECK" letters "$d/ml.$lang.md" "$WORK/multi/out/poster.pdf"
    check "translations: handout.$lang.pdf holds its text" "$PDFCHECK" letters "$data/coc.$lang.md" "$WORK/multi/out/handout.$lang.pdf"
    tail -c 1200 "$WORK/multi/out/handout.$lang.pdf" | grep -aq "/Lang ($lang)" && ok "translations: handout.$lang.pdf is /Lang ($lang)" \
        || not_ok "translations: handout.$lang.pdf /Lang"
    check "translations: badge-a6.$lang.pdf carries its own file's summary" "$PDFCHECK" letters \
        "$WORK/multi/summary.$lang.md" "$WORK/multi/out/badge-a6.$lang.pdf"
done
run -q -o "$WORK/multi/st" -t poster --poster-layout stacked "$WORK/multi/coc.fr.md" "$WORK/multi/coc.ar.md"
[ "$rc" -eq 0 ] && "$PDFCHECK" letters "$data/coc.ar.md" "$WORK/multi/st/poster.pdf" >/dev/null 2>&1 \
    && "$PDFCHECK" safe "$WORK/multi/st/poster.pdf" 10 >/dev/null 2>&1 \
    && ok "translations: --poster-layout stacked" || not_ok "translations: stacked" "$err"
expect "an unknown poster layout is a usage error" 2 "unknown poster layout 'grid'" --poster-layout grid "$WORK/multi/coc.fr.md"

# No title and no heading: the title comes from the labels, in the document's language.
mkdir -p "$WORK/notitle"
printf -- '---\nlang: fr\n---\nSoyez respectueux envers tout le monde.\n' > "$WORK/notitle/coc.md"
run -q -o "$WORK/notitle/out" -t poster,handout,badge -e "$SRCDIR/content/event.yml" "$WORK/notitle/coc.md"
t=$("$PDFCHECK" text "$WORK/notitle/out/poster.pdf" 2>/dev/null; "$PDFCHECK" text "$WORK/notitle/out/handout.pdf" 2>/dev/null)
i=$("$PDFCHECK" info "$WORK/notitle/out/handout.pdf" 2>/dev/null)
[ "$rc" -eq 0 ] && echo "$t" | grep -q "Code de conduite" && ! echo "$t" | grep -qi "Code of conduct" \
    && echo "$i" | grep -q "title=Code de conduite" \
    && ok "a French document without a title is titled in French" || not_ok "French fallback title" "$err" "$t"

finish
