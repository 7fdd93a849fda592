#!/bin/sh
# The output folder (issue 16, part 5): one run at a time under a lock, runs
# at once into one folder leave exactly what the manifest lists, an
# interrupted removal is finished by the next run, a failed run leaves no
# folders it made, and file systems without O_TMPFILE or hard links (FAT,
# mounted with fusefat) work.
. "$(dirname "$0")/tap.sh"
NO_SWEEP=1 # no Markdown of its own: the seed only
seed="$SRCDIR/content/code-of-conduct.md"

# The folder holds exactly what its manifest lists, and nothing half-made
# (nor the lock file, removed as a run ends):
# prints what differs, returns non-zero then.
matches_manifest() {
    python3 - "$1" <<'PY'
import json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, 'manifest.json')))
listed = {f['file'] for f in m['files']} | {'manifest.json'}
present = set(os.listdir(d))
if 'pending_removal' in m:
    print('pending removals left:', m['pending_removal'])
if listed != present:
    print('listed, not present:', sorted(listed - present))
    print('present, not listed:', sorted(present - listed))
sys.exit(0 if listed == present and 'pending_removal' not in m else 1)
PY
}

# Pairs of runs at once into one folder, making different files (21 of 200
# pairs left one run's badge-a7 beside the other's manifest before).
bad=""
for i in $(seq 1 15); do
    dir="$WORK/pair"
    "$COCPRINT" -q -o "$dir" -t poster,badge -b a7 "$seed" 2>>"$WORK/pair.err" &
    a=$!
    "$COCPRINT" -q -o "$dir" -t handout "$seed" 2>>"$WORK/pair.err" &
    b=$!
    wait $a; ra=$?
    wait $b; rb=$?
    why=$(matches_manifest "$dir") || bad="$bad
pair $i (exits $ra $rb): $why"
    [ "$ra" -eq 0 ] && [ "$rb" -eq 0 ] || bad="$bad
pair $i: exits $ra and $rb: $(cat "$WORK/pair.err")"
done
[ -z "$bad" ] && ok "15 pairs of runs at once into one folder: both succeed, and the folder holds exactly what the manifest lists" \
    || not_ok "runs at once into one folder" "$bad"

# A run that holds the lock: the next waits 10 s, then exits 4 naming it and
# changes nothing.
"$COCPRINT" -q -o "$WORK/locked" -t poster "$seed"
if command -v flock >/dev/null 2>&1; then
    flock "$WORK/locked/.cocprint.lock" sleep 15 &
    holder=$!
    sleep 0.5
    before=$(snapshot "$WORK/locked")
    expect "a held lock: exit 4 after 10 s, naming the lock" 4 \
        "locked/.cocprint.lock: error: another cocprint run is writing to .*locked and held this lock for 10 s; try again when it is done \(the lock goes with its run" \
        -o "$WORK/locked" -t handout "$seed"
    kill $holder 2>/dev/null
    wait $holder 2>/dev/null
    [ "$before" = "$(snapshot "$WORK/locked")" ] && ok "a held lock: the folder unchanged" \
        || not_ok "a held lock changed the folder"
    run -q -o "$WORK/locked" -t handout "$seed"
    [ "$rc" -eq 0 ] && [ ! -e "$WORK/locked/.cocprint.lock" ] \
        && ok "the lock released: the next run writes, and removes the lock file" || not_ok "after the lock" "$err"
else
    ok "# SKIP no flock(1) to hold the lock"
fi

# A run stopped while removing stale files left a manifest with pending
# removals: the next run removes them, and never a name cocprint does not
# give (notes.txt is the user's, though listed).
p="$WORK/pending"
"$COCPRINT" -q -o "$p" -b a7 -b a6 "$seed"
echo "the user's" > "$p/notes.txt"
python3 - "$p/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m['files'] = [f for f in m['files'] if not f['file'].startswith('badge-a7')]
m['pending_removal'] = ['badge-a7.pdf', 'badge-a7-sheet.pdf', 'notes.txt']
json.dump(m, open(sys.argv[1], 'w'))
PY
run -q -o "$p" -b a6 "$seed"
[ "$rc" -eq 0 ] && [ ! -e "$p/badge-a7.pdf" ] && [ ! -e "$p/badge-a7-sheet.pdf" ] && [ -e "$p/badge-a6.pdf" ] \
    && ok "pending removals of an interrupted run are finished by the next" \
    || not_ok "pending removals" "exit $rc" "$err" "$(ls "$p")"
[ -f "$p/notes.txt" ] && ok "a listed name cocprint does not give is never removed" || not_ok "notes.txt removed"
rm "$p/notes.txt"
why=$(matches_manifest "$p") && ok "after the removals the manifest lists exactly the folder, no pending left" \
    || not_ok "manifest after removals" "$why"

# A removal that fails stays pending in the manifest, with a warning.
"$COCPRINT" -q -o "$p" -b a7 "$seed"
if [ "$(id -u)" -eq 0 ] && command -v chattr >/dev/null 2>&1 && chattr +i "$p/badge-a7.pdf" 2>/dev/null; then
    run -o "$p" -t badge -b a6 "$seed"
    grep -q '"pending_removal": \["badge-a7.pdf"\]' "$p/manifest.json" && printf '%s\n' "$err" | grep -q "cannot remove this file" \
        && ok "a file that cannot be removed stays listed as pending, with a warning" \
        || not_ok "failed removal" "$err" "$(cat "$p/manifest.json")"
    chattr -i "$p/badge-a7.pdf"
    run -q -o "$p" -t poster "$seed"
    [ ! -e "$p/badge-a7.pdf" ] && ok "the next run removes it" || not_ok "pending not removed"
else
    ok "# SKIP no chattr +i here to make a file that cannot be removed"
fi

# Temporary files a killed run left (.NAME.PID.tmp, .NAME.PID.old) go; a
# hidden file of the user's stays.
k="$WORK/killed"
"$COCPRINT" -q -o "$k" -t poster "$seed"
touch "$k/.poster.pdf.4242.tmp" "$k/.handout.pdf.77.old" "$k/.notes.txt.5.tmp" "$k/.poster.pdf.tmp"
run -q -o "$k" -t poster "$seed"
[ "$rc" -eq 0 ] && [ ! -e "$k/.poster.pdf.4242.tmp" ] && [ ! -e "$k/.handout.pdf.77.old" ] \
    && [ -e "$k/.notes.txt.5.tmp" ] && [ -e "$k/.poster.pdf.tmp" ] \
    && ok "a killed run's temporary files are removed, the user's hidden files kept" \
    || not_ok "leftovers" "$err" "$(ls -a "$k")"

# Killed between moving the old file aside (no hard links) and putting the
# new one in place: the .old copy is the only one, and the next run puts it
# back rather than remove it. The manifest's own leftovers go too.
"$COCPRINT" -q -o "$k" "$seed"
mv "$k/poster.pdf" "$k/.poster.pdf.31337.old"
touch "$k/.manifest.json.31337.tmp" "$k/.manifest.json.31337.old"
run -q -o "$k" -t handout "$seed"
[ "$rc" -eq 0 ] && [ -f "$k/poster.pdf" ] && [ ! -e "$k/.poster.pdf.31337.old" ] \
    && [ ! -e "$k/.manifest.json.31337.tmp" ] && [ ! -e "$k/.manifest.json.31337.old" ] \
    && "$PDFCHECK" pages "$k/poster.pdf" 1 \
    && ok "a killed run's moved-aside file is put back, the manifest's leftovers removed" \
    || not_ok "moved-aside file" "$err" "$(ls -a "$k")"

# A failed run leaves no folder it made: a deep -o that fails part way.
touch "$WORK/plain-file"
expect "a deep -o through a file: exit 4" 4 "cannot create the output folder" \
    -o "$WORK/deep/a/b/../../../plain-file/c" -t poster "$seed"
[ ! -e "$WORK/deep" ] && ok "the failed deep -o leaves none of the folders it made" \
    || not_ok "folders left" "$(find "$WORK/deep")"

# FAT (fusefat): neither O_TMPFILE nor hard links; every second run failed
# with exit 4 before.
img="$WORK/fat.img" mnt="$WORK/fat"
mkdir -p "$mnt"
why=""
command -v fusefat >/dev/null 2>&1 || why="fusefat is not installed"
[ -z "$why" ] && { command -v mkfs.vfat >/dev/null 2>&1 || why="mkfs.vfat (dosfstools) is not installed"; }
[ -z "$why" ] && { [ -c /dev/fuse ] && [ -w /dev/fuse ] || why="no /dev/fuse here"; }
[ -z "$why" ] && { mkfs.vfat -C "$img" 16384 >/dev/null 2>&1 || why="mkfs.vfat failed"; }
[ -z "$why" ] && { fusefat -o rw+ "$img" "$mnt" >/dev/null 2>&1 && mountpoint -q "$mnt" || why="fusefat cannot mount here"; }
if [ -z "$why" ]; then
    fails=""
    for t in all all poster,badge all handout; do
        "$COCPRINT" -q -o "$mnt/out" -t "$t" "$seed" 2>"$WORK/fat.err" || fails="$fails
-t $t: exit $?: $(cat "$WORK/fat.err")"
    done
    [ -z "$fails" ] && ok "FAT (fusefat): five runs in a row into one folder succeed" || not_ok "FAT runs" "$fails"
    left=$(ls -a "$mnt/out" | grep -E '\.(tmp|old)$')
    why=$(matches_manifest "$mnt/out")
    [ -z "$left" ] && [ -z "$why" ] \
        && ok "FAT: no .tmp or .old files left, the folder is what the manifest lists" \
        || not_ok "FAT folder" "$left" "$why"
    cmp -s "$mnt/out/handout.pdf" "$(mkdir -p "$WORK/ref" && "$COCPRINT" -q -o "$WORK/ref" -t handout "$seed" && echo "$WORK/ref/handout.pdf")" \
        && ok "FAT: the same bytes as on this file system" || not_ok "FAT bytes differ"
    fusermount -u "$mnt" 2>/dev/null || umount "$mnt" 2>/dev/null
else
    ok "# SKIP FAT test: $why"
fi

finish
