#!/bin/sh
# The examples of the GFM spec 0.29, its extensions and its regressions
# (../shared/spec, copied to tests/data/spec) through the poster: each
# succeeds with every word of its text in the PDF, or fails with an input
# error naming its place; none crashes.
. "$(dirname "$0")/tap.sh"
NO_SWEEP=1 # checked here, example by example

for f in gfm-spec-0.29 gfm-extensions gfm-regression; do
    why=$(python3 - "$SRCDIR/tests/data/spec/$f.txt" "$WORK/$f" "$COCPRINT" "$PDFCHECK" <<'PY'
import os, re, subprocess, sys
spec, work, cocprint, pdfcheck = sys.argv[1:]
os.makedirs(work, exist_ok=True)
text = open(spec, encoding="utf-8").read()
examples = re.findall(r"^`{32} example[^\n]*\n(.*?)^\.\n", text, re.S | re.M)
bad, ok, refused = [], 0, 0
for i, md in enumerate(examples, 1):
    path = os.path.join(work, "e%d.md" % i)
    open(path, "w", encoding="utf-8").write(md.replace("\u2192", "\t"))
    out = os.path.join(work, "o%d" % i)
    r = subprocess.run([cocprint, "-q", "-o", out, "-t", "poster", "--poster", "full", path],
                       capture_output=True, text=True, errors="replace")
    if r.returncode == 0:
        w = subprocess.run([pdfcheck, "words", path, os.path.join(out, "poster.pdf")],
                           capture_output=True, text=True, errors="replace")
        if w.returncode != 0:
            bad.append("example %d: words lost: %s" % (i, w.stderr.strip()[:300]))
        else:
            ok += 1
    elif r.returncode == 1 and re.search(r"e%d\.md(:\d+(:\d+)?)?: error: " % i, r.stderr):
        refused += 1
    else:
        bad.append("example %d: exit %d: %s" % (i, r.returncode, r.stderr.strip()[-300:]))
print("%d %d %d" % (len(examples), ok, refused))
for b in bad:
    print(b)
PY
)
    head=$(printf '%s\n' "$why" | head -1)
    rest=$(printf '%s\n' "$why" | tail -n +2)
    set -- $head
    [ -z "$rest" ] && [ "${1:-0}" -gt 0 ] \
        && ok "$f: all $1 examples: $2 printed with every word, $3 refused with an input error at their place" \
        || not_ok "$f: every example prints or is refused clearly" "$head" "$rest"
done

finish
