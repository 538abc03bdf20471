# tests/watch.test.sh — `cjmap watch`: one build, then one more per save that
# changes a journey, whichever way it is saved (in place, a temporary file
# renamed over it, deleted and re-created, through a symbolic link); none
# for a touch, an editor's temporary file or its own output; an invalid save
# prints the diagnostics and keeps the last good output byte for byte; a
# file gone for a while is waited for; SIGINT and SIGTERM end it with exit
# status 0 and no temporary file.  Every wait is a poll with a time limit.
. tests/lib.sh
LIMIT=${WATCH_LIMIT:-10} # seconds for any one wait; the ASan build is slower
PIDS=""
trap 'for p in $PIDS; do kill -KILL "$p" 2>/dev/null; done' EXIT

journey() { sed "s/^title: .*/title: $1/" tests/good/full.yaml; }
# until_ok SECONDS CMD...: CMD every 50 ms until it succeeds; false when time is up.
until_ok() {
  local i n=$(($1 * 20)); shift
  for ((i = 0; i < n; i++)); do "$@" && return 0; sleep 0.05; done
  "$@"
}
# The build lines ("HH:MM:SS FILE -> OUT (...)") in a log.
built() { grep -c '^[0-2][0-9]:[0-5][0-9]:[0-5][0-9] .* -> ' "$1"; }
at_least() { [ "$(built "$1")" -ge "$2" ]; }
# watch LOG ARGS...: starts `cjmap watch` in the background (SIGINT not
# ignored, as it is in a script's background jobs), sets PID.
start_watch() {
  local log=$1; shift
  : > "$log"
  env --default-signal=INT "$CJMAP" watch "$@" 2>"$log" >"$log.stdout" &
  PID=$!
  PIDS="$PIDS $PID"
}
# stop NAME SIGNAL: the watch must end within 3 s with exit status 0.
stop() {
  kill -"$2" "$PID"
  if until_ok 3 eval '! kill -0 '"$PID"' 2>/dev/null'; then
    wait "$PID"; expect_eq "$1: $2 ends it with exit status 0" 0 $?
  else
    fail "$1: $2 ends it" "still running after 3 s"; kill -KILL "$PID"; wait "$PID" 2>/dev/null
  fi
}
no_temporary_files() { expect_eq "$1: no temporary file left" "" "$(find "$TMP" -name '*.cjmap-*')"; }

# ---- one journey, -O DIR, SVG: every way of saving ----
W=$TMP/w OUT=$TMP/out LOG=$TMP/w.log
mkdir -p "$W"
journey "Watch One" > "$W/j.yaml"
start_watch "$LOG" "$W/j.yaml" -O "$OUT" -f svg
SVG=$OUT/j.svg
if until_ok "$LIMIT" grep -q 'watching 1 file; Ctrl-C stops' "$LOG"; then pass "first build, then watching"
else fail "first build, then watching" "$(cat "$LOG")"; fi
grep -Eq "^[0-9]{2}:[0-9]{2}:[0-9]{2} $W/j.yaml -> $OUT/j.svg \(1 page, [0-9]+ ms\)$" "$LOG" \
  && pass "build line: time, input -> output (pages, ms)" || fail "build line: time, input -> output (pages, ms)" "$(head -3 "$LOG")"
grep -q "Watch One" "$SVG" 2>/dev/null && pass "first build written" || fail "first build written" "no $SVG"
n=$(built "$LOG")
# saved NAME TITLE: after a save giving the journey TITLE, the map shows it
# and there is exactly one more build line.
saved() {
  if until_ok "$LIMIT" grep -q "$2" "$SVG" && until_ok "$LIMIT" at_least "$LOG" $((n + 1)); then
    pass "$1: built again"
  else
    fail "$1: built again" "$(tail -3 "$LOG")"
  fi
  expect_eq "$1: one build" $((n + 1)) "$(built "$LOG")"
  n=$(built "$LOG")
}

journey "Watch Two" > "$W/j.yaml"
saved "in-place save" "Watch Two"

journey "Watch Three" > "$W/j.yaml.tmp"
mv "$W/j.yaml.tmp" "$W/j.yaml"
saved "temporary file renamed over the journey" "Watch Three"

rm "$W/j.yaml"
journey "Watch Four" > "$W/j.yaml"
saved "deleted and re-created" "Watch Four"

# Nothing to build: a touch, and editors' temporary files beside the journey.
ino=$(stat -c %i "$SVG")
touch "$W/j.yaml"
printf 'x' > "$W/4913"; rm -f "$W/4913"          # vim's test of the folder
journey "Swap" > "$W/.j.yaml.swp"                 # vim's swap file
journey "Backup" > "$W/j.yaml~"                   # vim's and Emacs's backup
journey "Helix" > "$W/j.yaml.bck"                 # Helix's backup
journey "Renamed" > "$W/.j.yaml.kate-swp"
sleep 0.5 # ten times the debounce: a build would have started
expect_eq "touch and editors' temporary files: no build" "$n" "$(built "$LOG")"
expect_eq "touch and editors' temporary files: output not rewritten" "$ino" "$(stat -c %i "$SVG")"
journey "Watch Five" > "$W/j.yaml"
saved "the next real save (nothing was pending)" "Watch Five"

# An invalid save: the diagnostics, the old output byte for byte, a line saying so.
cp "$SVG" "$TMP/good.svg"
{ journey "Watch Bad"; echo "bogus: 1"; } > "$W/j.yaml"
if until_ok "$LIMIT" grep -q ": not built; $OUT/j.svg kept$" "$LOG"; then pass "invalid save: not built, output kept"
else fail "invalid save: not built, output kept" "$(tail -5 "$LOG")"; fi
grep -q "^$W/j.yaml:87:1: error: unknown key 'bogus' in journey" "$LOG" \
  && pass "invalid save: check's diagnostics" || fail "invalid save: check's diagnostics" "$(tail -6 "$LOG")"
grep -q "^cjmap: 1 error in $W/j.yaml$" "$LOG" && pass "invalid save: summary" || fail "invalid save: summary" "$(tail -6 "$LOG")"
cmp -s "$SVG" "$TMP/good.svg" && pass "invalid save: old output byte-identical" || fail "invalid save: old output byte-identical" "changed"
expect_eq "invalid save: no build line" "$n" "$(built "$LOG")"
journey "Watch Fixed" > "$W/j.yaml"
saved "the fix after the invalid save" "Watch Fixed"

# Gone for a while: said once, the output kept, built when it is back.
cp "$SVG" "$TMP/good.svg"
rm "$W/j.yaml"
if until_ok "$LIMIT" grep -q "^[0-9:]* $W/j.yaml: gone; waiting for it to come back$" "$LOG"; then pass "gone: said"
else fail "gone: said" "$(tail -3 "$LOG")"; fi
sleep 1
expect_eq "gone: said once" 1 "$(grep -c ': gone; waiting' "$LOG")"
cmp -s "$SVG" "$TMP/good.svg" && pass "gone: output kept" || fail "gone: output kept" "changed"
journey "Watch Back" > "$W/j.yaml"
saved "back after a while" "Watch Back"

# Unreadable for a while (not as root: root reads it anyway): build's
# message, the output kept; readable again with the same content: built.
if [ "$(id -u)" != 0 ]; then
  chmod 000 "$W/j.yaml"
  if until_ok "$LIMIT" grep -q "^cjmap: error: cannot open '$W/j.yaml': Permission denied$" "$LOG"; then pass "unreadable: said"
  else fail "unreadable: said" "$(tail -3 "$LOG")"; fi
  chmod 644 "$W/j.yaml"
  until_ok "$LIMIT" at_least "$LOG" $((n + 1)) && pass "readable again: built" || fail "readable again: built" "$(tail -3 "$LOG")"
  n=$(built "$LOG")
fi

stop "-O DIR" INT
expect_eq "-O DIR: only the map in the output folder" "j.svg" "$(ls -A "$OUT")"
no_temporary_files "-O DIR"

# ---- several journeys, one PDF (-o), the output beside them ----
B=$TMP/b LOG=$TMP/b.log
mkdir -p "$B"
journey "Book Alpha" > "$B/a.yaml"; journey "Book Beta" > "$B/b.yaml"
start_watch "$LOG" "$B/a.yaml" "$B/b.yaml" -o "$B/book.pdf"
if until_ok "$LIMIT" grep -q 'watching 2 files' "$LOG"; then pass "-o: first build"; else fail "-o: first build" "$(cat "$LOG")"; fi
grep -Eq "^[0-9:]{8} $B/a.yaml, $B/b.yaml -> $B/book.pdf \(2 pages, [0-9]+ ms\)$" "$LOG" \
  && pass "-o: first line names both" || fail "-o: first line names both" "$(head -2 "$LOG")"
book_has() { pdftotext "$B/book.pdf" - 2>/dev/null | grep -q "$1"; }
journey "Book Gamma" > "$B/b.yaml"
if until_ok "$LIMIT" book_has "Book Gamma" && until_ok "$LIMIT" grep -Eq "^[0-9:]{8} $B/b.yaml -> $B/book.pdf \(2 pages" "$LOG"; then
  pass "-o: a change builds the whole PDF again"
else fail "-o: a change builds the whole PDF again" "$(tail -3 "$LOG")"; fi
book_has "Book Alpha" && pass "-o: the unchanged journey still in it" || fail "-o: the unchanged journey still in it" "missing"
sleep 0.5
expect_eq "-o: its own output beside the journeys builds nothing" 2 "$(built "$LOG")"
cp "$B/book.pdf" "$TMP/good.pdf"
{ journey "Book Bad"; echo "bogus: 1"; } > "$B/a.yaml"
if until_ok "$LIMIT" grep -q "^[0-9:]* $B/a.yaml: not built; $B/book.pdf kept$" "$LOG"; then pass "-o: invalid save kept"
else fail "-o: invalid save kept" "$(tail -5 "$LOG")"; fi
cmp -s "$B/book.pdf" "$TMP/good.pdf" && pass "-o: old PDF byte-identical" || fail "-o: old PDF byte-identical" "changed"
stop "-o" TERM
expect_eq "-o: nothing else in the folder" "a.yaml b.yaml book.pdf" "$(ls -A "$B" | tr '\n' ' ' | sed 's/ $//')"
no_temporary_files "-o"

# ---- two journeys, -O DIR: only the one that changed is built ----
M=$TMP/m LOG=$TMP/m.log
mkdir -p "$M"
journey "Many X" > "$M/x.yaml"; journey "Many Y" > "$M/y.yaml"
start_watch "$LOG" "$M/x.yaml" "$M/y.yaml" -O "$M/out" -f svg
until_ok "$LIMIT" grep -q 'watching 2 files' "$LOG" && pass "-O, two files: first build" || fail "-O, two files: first build" "$(cat "$LOG")"
expect_eq "-O, two files: a line each" 2 "$(built "$LOG")"
ino=$(stat -c %i "$M/out/y.svg" 2>&1)
journey "Many X2" > "$M/x.yaml"
until_ok "$LIMIT" grep -q "Many X2" "$M/out/x.svg" && until_ok "$LIMIT" at_least "$LOG" 3 \
  && pass "-O, two files: the changed one built" || fail "-O, two files: the changed one built" "$(tail -3 "$LOG")"
expect_eq "-O, two files: the other not" "$ino" "$(stat -c %i "$M/out/y.svg" 2>&1)"
expect_eq "-O, two files: one line for it" 1 "$(grep -c "$M/y.yaml -> " "$LOG")"
stop "-O, two files" INT

# ---- through a symbolic link: the editor changes the target ----
L=$TMP/l LOG=$TMP/l.log
mkdir -p "$L/real"
journey "Link One" > "$L/real/j.yaml"
ln -s real/j.yaml "$L/j.yaml"
start_watch "$LOG" "$L/j.yaml" -O "$L/out" -f svg
until_ok "$LIMIT" grep -q 'watching 1 file' "$LOG" || fail "link: first build" "$(cat "$LOG")"
journey "Link Two" > "$L/real/j.yaml"
until_ok "$LIMIT" grep -q "Link Two" "$L/out/j.svg" && pass "link: a save of the target seen" || fail "link: a save of the target seen" "$(tail -3 "$LOG")"
stop "link" INT

# ---- -q: diagnostics only ----
Q=$TMP/q LOG=$TMP/q.log
mkdir -p "$Q"
journey "Quiet One" > "$Q/j.yaml"
env --default-signal=INT "$CJMAP" -q watch "$Q/j.yaml" -O "$Q/out" -f svg 2>"$LOG" &
PID=$!; PIDS="$PIDS $PID"
until_ok "$LIMIT" grep -q "Quiet One" "$Q/out/j.svg" 2>/dev/null || fail "-q: first build" "$(cat "$LOG")"
journey "Quiet Two" > "$Q/j.yaml"
until_ok "$LIMIT" grep -q "Quiet Two" "$Q/out/j.svg" && pass "-q: built again" || fail "-q: built again" "$(cat "$LOG")"
{ journey "Quiet Bad"; echo "bogus: 1"; } > "$Q/j.yaml"
until_ok "$LIMIT" grep -q ": error: unknown key 'bogus'" "$LOG" && pass "-q: errors shown" || fail "-q: errors shown" "$(cat "$LOG")"
rm "$Q/j.yaml"; sleep 0.5
stop "-q" INT
expect_eq "-q: no line but the diagnostics" "" "$(grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2} |watching' "$LOG")"

# ---- a signal during a build is acted on once the build is done ----
# A big map as PNG takes about a second to draw; its temporary file exists
# from the first byte to the rename.  SIGINT while it is there must let the
# build finish: a complete PNG, its line, exit status 0, no temporary file.
S=$TMP/s LOG=$TMP/s.log
mkdir -p "$S"
if cc -O2 -o "$TMP/genjourney" bench/genjourney.c 2>/dev/null && "$TMP/genjourney" 20 500 800 > "$S/big.yaml"; then
  start_watch "$LOG" "$S/big.yaml" -O "$S/out" -f png --dpi 72
  writing() { [ -n "$(find "$S/out" -name '.*.cjmap-*' 2>/dev/null)" ]; }
  if until_ok "$LIMIT" writing; then
    kill -INT "$PID"
    if until_ok $((LIMIT * 2)) eval '! kill -0 '"$PID"' 2>/dev/null'; then
      wait "$PID"; expect_eq "INT during a build: exit status 0" 0 $?
    else
      fail "INT during a build: ends" "still running"; kill -KILL "$PID"; wait "$PID" 2>/dev/null
    fi
    grep -q " -> $S/out/big.*png (" "$LOG" && pass "INT during a build: the build finished first" \
      || fail "INT during a build: the build finished first" "$(cat "$LOG")"
    got=$(/usr/bin/python3 -c '
import glob, sys
fs = sorted(glob.glob(sys.argv[1] + "/*.png"))
print(len(fs) > 0 and all(open(f, "rb").read()[-8:] == b"IEND\xaeB`\x82" for f in fs))' "$S/out" 2>&1)
    expect_eq "INT during a build: complete PNG files" "True" "$got"
    no_temporary_files "INT during a build"
  else
    fail "INT during a build: a temporary file seen while it draws" "$(cat "$LOG")"
    kill -KILL "$PID"; wait "$PID" 2>/dev/null
  fi
else
  fail "INT during a build: generate a big journey" "cc bench/genjourney.c failed"
fi

# ---- invalid from the start; --diagnostics=json: an array per build on stdout ----
J=$TMP/j LOG=$TMP/j.log
mkdir -p "$J"
{ journey "Json Bad"; echo "bogus: 1"; } > "$J/j.yaml"
: > "$LOG"
env --default-signal=INT "$CJMAP" --diagnostics=json watch "$J/j.yaml" -O "$J/out" -f svg 2>"$LOG" >"$LOG.stdout" &
PID=$!; PIDS="$PIDS $PID"
until_ok "$LIMIT" grep -q 'watching 1 file' "$LOG" && grep -q "^[0-9:]* $J/j.yaml: not built$" "$LOG" \
  && pass "invalid at the start: not built, still watching" || fail "invalid at the start: not built, still watching" "$(cat "$LOG")"
[ -e "$J/out" ] && fail "invalid at the start: no output folder" "$(ls "$J/out")" || pass "invalid at the start: no output folder"
arrays() { /usr/bin/python3 -c '
import json, sys
s, d, i, out = sys.stdin.read(), json.JSONDecoder(), 0, []
while i < len(s):
    if s[i].isspace(): i += 1; continue
    a, i = d.raw_decode(s, i); out.append(",".join(x["code"] for x in a) or "-")
print(" ".join(out))' < "$LOG.stdout" 2>&1; }
expect_eq "json: the first build's array" "unknown-key" "$(arrays)"
journey "Json Good" > "$J/j.yaml"
until_ok "$LIMIT" grep -q "Json Good" "$J/out/j.svg" 2>/dev/null && pass "invalid at the start: built once fixed" || fail "invalid at the start: built once fixed" "$(tail -3 "$LOG")"
until_ok "$LIMIT" eval '[ "$(arrays)" = "unknown-key -" ]'; expect_eq "json: one more (empty) array for the fix" "unknown-key -" "$(arrays)"
stop "json" INT

# ---- completions ----
out=$(bash -c '. completions/cjmap.bash; COMP_WORDS=(cjmap wa); COMP_CWORD=1; _cjmap; echo "${COMPREPLY[*]}"' 2>&1)
expect_eq "bash completion: watch" "watch" "$out"
out=$(bash -c '. completions/cjmap.bash; COMP_WORDS=(cjmap watch --la); COMP_CWORD=2; _cjmap; echo "${COMPREPLY[*]}"' 2>&1)
expect_eq "bash completion: watch takes build's options" "--landscape --layout" "$out"
grep -q "^ *'watch:" completions/_cjmap && grep -q 'build|watch)' completions/_cjmap \
  && pass "zsh completion: watch" || fail "zsh completion: watch" "missing"

# ---- usage and start-up errors ----
cp tests/good/full.yaml "$TMP/u.yaml"
err=$(timeout 10 "$CJMAP" watch 2>&1); expect_eq "no FILE: exit 2" 2 $?
expect_eq "no FILE: message" "cjmap: error: 'watch' needs a FILE
Try 'cjmap watch --help' for more information." "$err"
err=$(timeout 10 "$CJMAP" watch - < "$TMP/u.yaml" 2>&1); expect_eq "stdin: exit 2" 2 $?
expect_eq "stdin: message" "cjmap: error: 'watch' needs files it can watch; it cannot read standard input ('-')" "$(head -1 <<<"$err")"
err=$(timeout 10 "$CJMAP" watch "$TMP/u.yaml" -o - -f svg 2>&1); expect_eq "-o -: exit 2" 2 $?
expect_eq "-o -: message" "cjmap: error: 'watch' writes files, not standard output; give -o a file name" "$(head -1 <<<"$err")"
err=$(timeout 10 "$CJMAP" watch --bogus "$TMP/u.yaml" 2>&1); expect_eq "unknown option: exit 2" 2 $?
expect_eq "unknown option: message" "cjmap: error: unknown option '--bogus' for 'watch'" "$(head -1 <<<"$err")"
err=$(timeout 10 "$CJMAP" watch "$TMP/u.yaml" -o "$TMP/u.pdf" -O "$TMP/d" 2>&1); expect_eq "-o with -O: exit 2" 2 $?
err=$(timeout 10 "$CJMAP" watch "$TMP/u.yaml" "$TMP/nope.yaml" "$TMP/nope2.yaml" -O "$TMP/d" 2>&1); expect_eq "missing FILE: exit 1" 1 $?
expect_eq "missing FILE: each named" "cjmap: error: cannot watch '$TMP/nope.yaml': No such file or directory
cjmap: error: cannot watch '$TMP/nope2.yaml': No such file or directory" "$err"
[ -e "$TMP/d" ] && fail "missing FILE: nothing built" "$(ls "$TMP/d")" || pass "missing FILE: nothing built"
err=$(timeout 10 "$CJMAP" watch "$TMP" 2>&1); expect_eq "a folder: exit 1" 1 $?
expect_eq "a folder: message" "cjmap: error: '$TMP' is a directory, not a journey file" "$err"
err=$(timeout 10 "$CJMAP" watch "$TMP/u.yaml" -f svg -o "$TMP/u.yaml" 2>&1); expect_eq "output over the input: exit 2" 2 $?
case "$err" in *"refusing to write the map over the input"*) pass "output over the input: message";; *) fail "output over the input: message" "$err";; esac
cmp -s "$TMP/u.yaml" tests/good/full.yaml && pass "output over the input: input untouched" || fail "output over the input: input untouched" "changed"
out=$("$CJMAP" help watch); expect_eq "help watch: exit" 0 $?
case "$out" in "Usage: cjmap watch [OPTIONS] FILE..."*) pass "help watch: text";; *) fail "help watch: text" "$out";; esac
expect_eq "watch --help: same text" "$out" "$("$CJMAP" watch --help)"
"$CJMAP" --help | grep -q '^  watch FILE' && pass "--help lists watch" || fail "--help lists watch" "missing"
no_temporary_files "all"
exit 0
