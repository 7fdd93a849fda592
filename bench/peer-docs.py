#!/usr/bin/env python3
"""The seed as the peers' inputs: an A4 page in two columns with the title
above, at the body size cocprint found, in cocprint's fonts. Writes
OUT/seed.txt (plain text, for pango-view), OUT/coc.html (WeasyPrint) and
OUT/coc.typ (Typst).  usage: peer-docs.py SEED.md FONTDIR OUT BODY_PT"""
import html
import re
import sys

seed, fonts, out, body = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
text = open(seed, encoding="utf-8").read()
text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
title = re.sub(r"^#+\s*", "", blocks[0])
paras = [re.sub(r"^#+\s*", "", b) for b in blocks[1:]]

with open(f"{out}/seed.txt", "w", encoding="utf-8") as f:
    f.write(title + "\n\n" + "\n\n".join(paras) + "\n")

css_fonts = "".join(
    f"@font-face {{ font-family: Lato; font-weight: {w}; font-style: {s}; "
    f"src: url('file://{fonts}/{file}'); }}\n"
    for w, s, file in [(400, "normal", "Lato-Regular.ttf"), (700, "normal", "Lato-Bold.ttf"),
                       (400, "italic", "Lato-Italic.ttf"), (900, "normal", "Lato-Black.ttf")])
with open(f"{out}/coc.html", "w", encoding="utf-8") as f:
    f.write(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)}</title><style>
{css_fonts}@page {{ size: A4; margin: 11.5mm; }}
body {{ font-family: Lato; font-size: {body}pt; line-height: 1.27; hyphens: auto; }}
h1 {{ font-weight: 900; font-size: 42pt; margin: 0 0 5mm; }}
main {{ column-count: 2; column-gap: 7mm; }}
p {{ margin: 0 0 0.6em; }}
</style></head><body><h1>{html.escape(title)}</h1><main>
""" + "".join(f"<p>{html.escape(p)}</p>\n" for p in paras) + "</main></body></html>\n")

def typ(s):
    return re.sub(r"([\\#*_`$<>@\[\]=\-+/~])", r"\\\1", s)

with open(f"{out}/coc.typ", "w", encoding="utf-8") as f:
    f.write(f"""#set page(paper: "a4", margin: 11.5mm)
#set text(font: "Lato", size: {body}pt, lang: "en", hyphenate: true)
#set par(leading: {0.27 * body:.2f}pt, spacing: {0.6 * body:.2f}pt)
#text(weight: 900, size: 42pt)[{typ(title)}]
#v(5mm)
#columns(2, gutter: 7mm)[
""" + "\n\n".join(typ(p) for p in paras) + "\n]\n")
