# tests/robustness.test.sh — hostile input and faults that the other suites
# do not cover: FIFOs, permissions (as an unprivileged user), a full disk
# (a 16 KiB tmpfs), a closed or full standard output, a broken pipe, a file
# size limit, numbers and markup-like or escape-laden text, the input-size
# limit at its edge, -o pointing at odd places, PNGs too big for one image,
# very long lines and very many items.  Every case must end with the
# documented exit code and a clear message — never a crash (exit >= 128,
# sanitizer report), a hang, a partial file or a leftover temporary file.
# docs/robustness.md lists every class and the test that backs it.
#
# Deliberately not tested: a FIFO that never gets a writer.  cjmap blocks in
# open() like cat does; that is the FIFO's contract, not a cjmap bug.
. tests/lib.sh
good=tests/good/full.yaml     # renders to ~40 KB of PDF, more than the 16 KiB tmpfs holds
MNT= PUB=
cleanup() {
  if [ -n "$MNT" ] && mountpoint -q "$MNT" 2>/dev/null; then umount "$MNT" 2>/dev/null || umount -l "$MNT"; fi
  [ -n "$PUB" ] && rm -rf "$PUB"
  return 0
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP
no_tmp() { find "$1" -name '.*cjmap-*' 2>/dev/null; }
png_wh() { od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}'; }
has() { case "$2" in *"$3"*) pass "$1";; *) fail "$1" "no [$3] in: $(head -c 300 <<<"$2")";; esac; }
esc_bytes() { tr -dc '\033' | wc -c; }
# feed FILE FIFO: a background writer; the open() itself is under the timeout, so a
# reader that never comes cannot leave it (or the `wait` after it) hanging.
feed() { timeout 20 sh -c 'cat "$1" > "$2"' _ "$1" "$2" & }

# ---- FIFOs ---------------------------------------------------------------
mkfifo "$TMP/in.fifo"
feed "$good" "$TMP/in.fifo"
err=$(timeout 20 "$CJMAP" check "$TMP/in.fifo" 2>&1); expect_eq "fifo: check reads a FIFO" 0 $?
wait
timeout 20 sh -c '{ head -c 100 "$1"; sleep 0.3; tail -c +101 "$1"; } > "$2"' _ "$good" "$TMP/in.fifo" &
timeout 20 "$CJMAP" build "$TMP/in.fifo" -o "$TMP/fifo.svg" 2>/dev/null; expect_eq "fifo: build from a slow writer (short reads)" 0 $?
wait
xmllint --noout "$TMP/fifo.svg" 2>/dev/null && pass "fifo: the SVG is complete" || fail "fifo: the SVG is complete" "xmllint"
feed tests/diag/bad-version.yaml "$TMP/in.fifo"
err=$(timeout 20 "$CJMAP" check "$TMP/in.fifo" 2>&1); expect_eq "fifo: an invalid journey from a FIFO" 1 $?
wait
has "fifo: diagnostics name the FIFO" "$err" "$TMP/in.fifo:2:10: error: unsupported format version 2"
feed "$good" "$TMP/in.fifo"
timeout 20 "$CJMAP" stats "$TMP/in.fifo" >/dev/null 2>&1; expect_eq "fifo: stats reads a FIFO" 0 $?
wait
rm -f "$TMP/in.fifo"

# ---- other odd inputs ----------------------------------------------------
err=$("$CJMAP" check /dev/null 2>&1); expect_eq "/dev/null input: exit 1" 1 $?
has "/dev/null input: no journey" "$err" "the file holds no journey"
err=$(timeout 20 "$CJMAP" check /dev/zero 2>&1); expect_eq "endless input (/dev/zero): exit 1" 1 $?
has "endless input (/dev/zero): stops at the limit" "$err" "'/dev/zero' is larger than the input limit of 16777216 bytes"
err=$(timeout 20 bash -c "yes | '$CJMAP' check -" 2>&1); expect_eq "endless stdin (yes |): exit 1" 1 $?
has "endless stdin (yes |): stops at the limit" "$err" "'<stdin>' is larger than the input limit"
ln -s loop2 "$TMP/loop1"; ln -s loop1 "$TMP/loop2"
err=$("$CJMAP" check "$TMP/loop1" 2>&1); expect_eq "symlink loop: exit 1" 1 $?
has "symlink loop: message" "$err" "cannot open '$TMP/loop1': Too many levels of symbolic links"
long=$(printf 'a%.0s' $(seq 1 300))   # one component over NAME_MAX (255)
err=$("$CJMAP" check "$long.yaml" 2>&1); expect_eq "file name too long: exit 1" 1 $?
has "file name too long: message" "$err" "File name too long"
err=$("$CJMAP" check - <&- 2>&1); expect_eq "stdin closed: exit 1" 1 $?
has "stdin closed: message" "$err" "cannot read '<stdin>'"
"$CJMAP" check tests/diag/bad-version.yaml 2>&-; expect_eq "stderr closed: errors still give exit 1" 1 $?
"$CJMAP" build tests/good/warnings.yaml -o "$TMP/noerr.pdf" >&- 2>&-; expect_eq "stdout and stderr closed: build exit 0" 0 $?
pdfinfo "$TMP/noerr.pdf" >/dev/null 2>&1 && pass "stdout and stderr closed: the PDF is intact (no message went into it)" \
  || fail "stdout and stderr closed: the PDF is intact (no message went into it)" "pdfinfo"

# ---- permissions, as an unprivileged user ----------------------------------
RUNAS=()
if [ "$(id -u)" != 0 ]; then RUNAS=(env)
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then RUNAS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
elif runuser -u nobody -- true 2>/dev/null; then RUNAS=(runuser -u nobody --)
fi
PUB=$(mktemp -d "${TMPDIR:-/tmp}/cjmap-robustness.XXXXXX"); chmod 755 "$PUB"
if [ ${#RUNAS[@]} -eq 0 ]; then
  echo "SKIP permissions: running as root and neither setpriv nor runuser can drop to an unprivileged user"
elif ! "${RUNAS[@]}" "$CJMAP" --version >/dev/null 2>&1; then
  echo "SKIP permissions: the unprivileged user cannot run $CJMAP (a directory on its path is not searchable)"
else
  cp "$good" "$PUB/g.yaml"; cp "$good" "$PUB/noread.yaml"; chmod 644 "$PUB/g.yaml"; chmod 000 "$PUB/noread.yaml"
  mkdir -m 777 "$PUB/w"; mkdir -m 555 "$PUB/ro"; mkdir -m 1777 "$PUB/sticky"
  err=$("${RUNAS[@]}" "$CJMAP" check "$PUB/noread.yaml" 2>&1); expect_eq "unreadable input: exit 1" 1 $?
  expect_eq "unreadable input: message" "cjmap: error: cannot open '$PUB/noread.yaml': Permission denied" "$err"
  err=$("${RUNAS[@]}" "$CJMAP" build "$PUB/noread.yaml" -o "$PUB/w/x.pdf" 2>&1); expect_eq "unreadable input: build exit 1" 1 $?
  expect_eq "unreadable input: build writes nothing" "" "$(ls -A "$PUB/w")"
  err=$("${RUNAS[@]}" "$CJMAP" build "$PUB/g.yaml" -o "$PUB/ro/x.pdf" 2>&1); expect_eq "unwritable output directory: exit 3" 3 $?
  expect_eq "unwritable output directory: message" "cjmap: error: cannot write '$PUB/ro/x.pdf': Permission denied" "$err"
  expect_eq "unwritable output directory: nothing left" "" "$(ls -A "$PUB/ro")"
  "${RUNAS[@]}" "$CJMAP" build "$PUB/g.yaml" -O "$PUB/ro" -f svg 2>/dev/null; expect_eq "unwritable -O directory: exit 3" 3 $?
  "${RUNAS[@]}" "$CJMAP" init -o "$PUB/ro/j.yaml" 2>/dev/null; expect_eq "init into an unwritable directory: exit 3" 3 $?
  expect_eq "unwritable directories: still empty" "" "$(ls -A "$PUB/ro")"
  # Another user's file in a sticky directory (like /tmp): rename() is refused.
  # (Needs a second user: only when the suite runs as root and drops to nobody.)
  echo old > "$PUB/sticky/map.pdf"; chmod 644 "$PUB/sticky/map.pdf"
  if [ "$(id -u)" = 0 ]; then
    err=$("${RUNAS[@]}" "$CJMAP" build "$PUB/g.yaml" -o "$PUB/sticky/map.pdf" 2>&1)
    expect_eq "another user's file in a sticky directory: exit 3" 3 $?
    has "another user's file in a sticky directory: message" "$err" "cannot write '$PUB/sticky/map.pdf': Operation not permitted"
    expect_eq "another user's file in a sticky directory: untouched" "old" "$(cat "$PUB/sticky/map.pdf")"
    expect_eq "another user's file in a sticky directory: no temporary file" "map.pdf" "$(ls -A "$PUB/sticky")"
  fi
  "${RUNAS[@]}" "$CJMAP" build "$PUB/g.yaml" -o "$PUB/w/ok.pdf" 2>/dev/null; expect_eq "unprivileged build into a writable directory works" 0 $?
fi
rm -rf "$PUB"; PUB=

# ---- a full disk ---------------------------------------------------------
MNT=$TMP/tmpfs; mkdir -p "$MNT"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=16k,mode=755 tmpfs "$MNT" 2>/dev/null; then
  for f in pdf svg png; do
    err=$("$CJMAP" build "$good" -o "$MNT/map.$f" 2>&1); expect_eq "full disk: $f exit 3" 3 $?
    expect_eq "full disk: $f message" "cjmap: error: cannot write '$MNT/map.$f': No space left on device" "$err"
    expect_eq "full disk: $f leaves no partial or temporary file" "" "$(ls -A "$MNT")"
  done
  echo old > "$MNT/keep.pdf"
  "$CJMAP" build "$good" -o "$MNT/keep.pdf" 2>/dev/null; expect_eq "full disk: over an existing file: exit 3" 3 $?
  expect_eq "full disk: the existing file is unchanged" "old" "$(cat "$MNT/keep.pdf")"
  expect_eq "full disk: only the existing file is there" "keep.pdf" "$(ls -A "$MNT")"
  "$CJMAP" build "$good" -O "$MNT" -f pdf 2>/dev/null; expect_eq "full disk: -O exit 3" 3 $?
  expect_eq "full disk: -O leaves nothing" "keep.pdf" "$(ls -A "$MNT")"
  rm -f "$MNT/keep.pdf"
  # A multi-page PNG whose first page fits and second does not: nothing is moved into place.
  big=$TMP/big.yaml
  {
    echo "title: A long journey"; echo "segment: {name: Everyone}"; echo "phases:"
    for i in $(seq 1 14); do echo "  - {id: p$i, name: Phase number $i, statement: This is what I think in phase $i}"; done
    echo "touchpoints:"
    for i in $(seq 1 40); do echo "  - {name: Touchpoint $i, channel: web, phases: {p$(( i % 14 + 1 )): A purpose that takes a few words}}"; done
  } > "$big"
  mkdir -p "$TMP/ref"
  "$CJMAP" build "$big" --page A4 -o "$TMP/ref/big.png" 2>/dev/null
  p1=$(stat -c %s "$TMP/ref/big-1.png" 2>/dev/null || echo 0)
  if [ "$p1" -gt 0 ] && [ -s "$TMP/ref/big-2.png" ] && mount -o remount,size=$(( (p1 + 4095) / 4096 * 4096 + 4096 )) "$MNT" 2>/dev/null; then
    err=$("$CJMAP" build "$big" --page A4 -o "$MNT/big.png" 2>&1); expect_eq "full disk: multi-page PNG, a later page fails: exit 3" 3 $?
    has "full disk: multi-page PNG: message names the page" "$err" "cannot write '$MNT/big-2.png': No space left on device"
    expect_eq "full disk: multi-page PNG: no page moved into place, no temporary file" "" "$(ls -A "$MNT")"
  else
    fail "full disk: multi-page PNG" "could not prepare the reference pages or resize the tmpfs"
  fi
  # init: a disk with no room left at all.
  dd if=/dev/zero of="$MNT/fill" bs=4096 2>/dev/null
  err=$("$CJMAP" init -o "$MNT/j.yaml" 2>&1); expect_eq "full disk: init exit 3" 3 $?
  expect_eq "full disk: init message" "cjmap: error: cannot write '$MNT/j.yaml': No space left on device" "$err"
  expect_eq "full disk: init leaves nothing" "fill" "$(ls -A "$MNT")"
  umount "$MNT"; mountpoint -q "$MNT" && fail "full disk: unmounted" "still mounted" || pass "full disk: unmounted"
else
  echo "SKIP full disk: cannot mount a tmpfs here (not root, or mount not permitted); the /dev/full cases below stand in"
fi
MNT=

# ---- a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) ---------------------
mkdir -p "$TMP/fsz"
err=$(ulimit -f 8; trap '' XFSZ; "$CJMAP" build "$good" -o "$TMP/fsz/map.pdf" 2>&1); expect_eq "file size limit: exit 3" 3 $?
has "file size limit: message" "$err" "cannot write '$TMP/fsz/map.pdf': File too large"
expect_eq "file size limit: no partial or temporary file" "" "$(ls -A "$TMP/fsz")"

# ---- standard output closed, full, or a broken pipe -------------------------
for cmd in "build $good -o - -f pdf" "build $good -o - -f svg" "build $good -o - -f png" "schema" \
           "stats $good" "stats --json $good" "init -o -" "check --diagnostics=json $good" "--version" "--help"; do
  # shellcheck disable=SC2086
  err=$("$CJMAP" $cmd 2>&1 >&-); expect_eq "stdout closed: $cmd: exit 3" 3 $?
  has "stdout closed: $cmd: message" "$err" "cjmap: error: cannot write to standard output: Bad file descriptor"
  if [ -w /dev/full ]; then
    # shellcheck disable=SC2086
    err=$("$CJMAP" $cmd 2>&1 >/dev/full); expect_eq "stdout on /dev/full: $cmd: exit 3" 3 $?
    has "stdout on /dev/full: $cmd: message" "$err" "cjmap: error: cannot write to standard output: No space left on device"
  fi
done
# A reader that goes away: killed by SIGPIPE like cat (141); with SIGPIPE ignored, EPIPE is exit 3.
# (A 180 KB PNG: more than a pipe holds, so the write must meet the closed pipe.)
"$CJMAP" build "$good" -o - -f png 2>/dev/null | :; rc=${PIPESTATUS[0]}
# (3 too: a parent that ignores SIGPIPE passes that on, and then the write fails with EPIPE.)
case $rc in 141|3) pass "broken pipe: SIGPIPE like cat (141), or exit 3 when SIGPIPE is ignored";;
  *) fail "broken pipe: SIGPIPE like cat (141), or exit 3 when SIGPIPE is ignored" "exit $rc";; esac
err=$( (trap '' PIPE; "$CJMAP" build "$good" -o - -f png 2>&3 | :; exit "${PIPESTATUS[0]}") 3>&1 ); rc=$?
expect_eq "broken pipe, SIGPIPE ignored: exit 3" 3 $rc
has "broken pipe, SIGPIPE ignored: message" "$err" "cannot write to standard output: Broken pipe"

# ---- numbers ---------------------------------------------------------------
body='title: T\nsegment: {name: S}\nphases: [{id: p, name: P}]\ntouchpoints: [{name: W, channel: web, phases: [p]}]\n'
for v in 99999999999999999999999 18446744073709551617 -1 0 .nan .NaN .inf -.inf 1.0 1e0 0x1 0o1; do
  printf "version: %s\n$body" "$v" > "$TMP/v.yaml"
  err=$("$CJMAP" check "$TMP/v.yaml" 2>&1); rc=$?
  case "$err" in
    *"1:10: error: 'version' must be the integer 1, found '$v'"* | *"1:10: error: unsupported format version $v;"*) m=ok;; *) m=$err;;
  esac
  [ $rc = 1 ] && [ "$m" = ok ] && pass "version $v: exit 1 and a message" || fail "version $v: exit 1 and a message" "exit $rc: $m"
done
for s in -0 +0 1e0 0x3 3.0 .5 1_0 0b11 0o3 9223372036854775808 -9223372036854775809; do
  printf "${body}experiences: [{phase: p, text: t, score: %s}]\n" "$s" > "$TMP/s.yaml"
  err=$("$CJMAP" check "$TMP/s.yaml" 2>&1); rc=$?
  [ $rc = 1 ] && [[ "$err" == *"'score' must be an integer from 1 to 5, found '$s'"* || "$err" == *"the score '$s' is not a whole number"* ]] && pass "score $s: exit 1 and a message" \
    || fail "score $s: exit 1 and a message" "exit $rc: $(head -1 <<<"$err")"
done
for d in 0 17 2401 -144 99999999999999999999 1e3 nan 144x ''; do
  "$CJMAP" build "$good" --dpi "$d" -o "$TMP/d.png" 2>/dev/null; expect_eq "--dpi '$d': usage error" 2 $?
done
[ ! -e "$TMP/d.png" ] && pass "--dpi errors write nothing" || fail "--dpi errors write nothing" "d.png exists"
for e in abc -1 99999999999999999999 9223372036854775807; do
  SOURCE_DATE_EPOCH=$e "$CJMAP" build "$good" -o "$TMP/e.pdf" 2>/dev/null; rc=$?
  d=$(pdfinfo "$TMP/e.pdf" 2>/dev/null | awk '/^CreationDate:/ {print $NF, $(NF-1)}')
  [ $rc = 0 ] && [ "$d" = "UTC 2000" ] && pass "SOURCE_DATE_EPOCH=$e: ignored, the fixed date" || fail "SOURCE_DATE_EPOCH=$e: ignored, the fixed date" "exit $rc, date $d"
done

# ---- markup-like text and terminal escapes -----------------------------------
cat > "$TMP/mk.yaml" <<'YAML'
title: "\e[31mRed\e[0m <b>bold</b> &amp; %s %n {{x}} ]]>"
segment: {name: "<script>alert(1)</script>"}
phases: [{id: p, name: "P &lt; <i>", statement: "%n%n%n%s %1$s"}]
touchpoints: [{name: "a\x07b\x7fc", channel: web, phases: [p]}]
YAML
"$CJMAP" check "$TMP/mk.yaml" 2>/dev/null; expect_eq "markup and escapes: a valid journey" 0 $?
"$CJMAP" build "$TMP/mk.yaml" -o "$TMP/mk.svg" 2>/dev/null; expect_eq "markup and escapes: SVG exit 0" 0 $?
out=$(xmllint --noout "$TMP/mk.svg" 2>&1); expect_eq "markup and escapes: SVG well-formed" "" "$out"
svg=$(cat "$TMP/mk.svg")
has "markup: <b> kept as text" "$svg" "&lt;b&gt;bold&lt;/b&gt;"
has "markup: &amp; kept as text (escaped again)" "$svg" "&amp;amp;"
has "markup: <script> kept as text" "$svg" "Segment: &lt;script&gt;alert(1)&lt;/script&gt;"
has "markup: an entity in a name kept as text" "$svg" "P &amp;lt; &lt;i&gt;"
has "markup: format strings kept as text" "$svg" "%s %n {{x}} ]]&gt;"
has "markup: %n in a statement kept as text" "$svg" "%n%n%n%s %1\$s"
case "$svg" in *"<b>"* | *"<script>"* | *"<i>"*) fail "markup: no raw tag from the journey" "found";; *) pass "markup: no raw tag from the journey";; esac
expect_eq "escapes: no ESC byte in the SVG" 0 "$(esc_bytes < "$TMP/mk.svg")"
expect_eq "escapes: no BEL or DEL byte in the SVG" 0 "$(tr -dc '\007\177' < "$TMP/mk.svg" | wc -c)"
"$CJMAP" build "$TMP/mk.yaml" -o "$TMP/mk.pdf" 2>/dev/null; expect_eq "markup and escapes: PDF exit 0" 0 $?
has "markup: PDF text keeps <b> literally" "$(pdftotext "$TMP/mk.pdf" - 2>/dev/null)" "<b>bold</b> &amp;"
"$CJMAP" build "$TMP/mk.yaml" -o "$TMP/mk.png" 2>/dev/null; expect_eq "markup and escapes: PNG exit 0" 0 $?
# Diagnostics: an ESC byte in the file is an error and is not echoed raw in the source line;
# escape sequences (\e, \a) inside quoted user text are shown as \x1B, \x07 in messages.
printf 'title: T\nsegment: {name: S}\nphases: [{name: P}]\nbogus: \033[31mx\n' > "$TMP/esc1.yaml"
err=$("$CJMAP" check --color=never "$TMP/esc1.yaml" 2>&1); expect_eq "raw ESC in the file: exit 1" 1 $?
has "raw ESC in the file: message" "$err" "4:8: error: control character not allowed in YAML text"
expect_eq "raw ESC in the file: not echoed in the source line" 0 "$(esc_bytes <<<"$err")"
cat > "$TMP/esc2.yaml" <<'YAML'
title: T
segment: {name: S}
phases: [{name: P}]
"\e[31mbogus\a": 1
experiences: [{phase: "\e]0;pwned\a", text: t}]
touchpoints: [{name: W, channel: "\e[2Jweb", phases: [P]}]
YAML
err=$("$CJMAP" check --color=never "$TMP/esc2.yaml" 2>&1); expect_eq "escaped ESC in user text: exit 1" 1 $?
has "escaped ESC in a key: shown as \\x1B" "$err" "unknown key '\\x1B[31mbogus\\x07' in journey"
has "escaped ESC in a reference: shown as \\x1B" "$err" "unknown phase '\\x1B]0;pwned\\x07'"
has "escaped ESC in an enum value: shown as \\x1B" "$err" "unknown channel '\\x1B[2Jweb'"
expect_eq "escaped ESC in user text: no ESC byte on the terminal" 0 "$(esc_bytes <<<"$err")"
out=$("$CJMAP" check --diagnostics=json "$TMP/esc2.yaml" 2>/dev/null)
got=$(/usr/bin/python3 -c 'import json,sys; a=json.loads(sys.stdin.read()); print(len(a), a[0]["message"])' <<<"$out" 2>&1)
expect_eq "escaped ESC in user text: JSON valid" "3 unknown key '\\x1B[31mbogus\\x07' in journey" "$got"
expect_eq "escaped ESC in user text: no ESC byte in JSON" 0 "$(esc_bytes <<<"$out")"
out=$("$CJMAP" check --diagnostics=github "$TMP/esc2.yaml" 2>/dev/null)
expect_eq "escaped ESC in user text: no ESC byte in GitHub annotations" 0 "$(esc_bytes <<<"$out")"
# Bidirectional controls (U+202A-U+202E, U+2066-U+2069) reorder how a terminal shows a line
# ("Trojan Source"): quoted as \u202E in messages, never echoed raw, and '?' in file names;
# an ESC in a file name is '?' too.
bidi_bytes() { grep -c $'\xe2\x80[\xaa-\xae]\|\xe2\x81[\xa6-\xa9]' || true; }
printf 'title: T\nsegment: {name: S}\nphases: [{name: "P\xe2\x81\xa6"}]\nbo\xe2\x80\xaegus: 1\n' > "$TMP/bidi.yaml"
err=$("$CJMAP" check --color=never "$TMP/bidi.yaml" 2>&1); expect_eq "bidi controls in user text: exit 1" 1 $?
has "bidi control in a key: shown as \\u202E" "$err" "unknown key 'bo\\u202Egus' in journey"
expect_eq "bidi controls: none reaches the terminal" 0 "$(bidi_bytes <<<"$err")"
cp "$TMP/bidi.yaml" "$TMP/bi"$'\xe2\x80\xae'"di"$'\033'"[31m.yaml"
err=$("$CJMAP" check --color=never "$TMP/bi"$'\xe2\x80\xae'"di"$'\033'"[31m.yaml" 2>&1)
has "bidi control and ESC in a file name: '?' in the location" "$err" "bi?di?[31m.yaml:4:1: error"
has "bidi control and ESC in a file name: '?' in the summary" "$err" "1 error and 1 warning in $TMP/bi?di?[31m.yaml"
expect_eq "bidi control and ESC in a file name: neither reaches the terminal" "0 0" "$(bidi_bytes <<<"$err") $(esc_bytes <<<"$err")"
err=$("$CJMAP" init -o "$TMP/in"$'\xe2\x80\xae'"it"$'\033'"[31m.yaml" 2>&1); expect_eq "init to a file name with bidi and ESC: exit 0" 0 $?
has "init to a file name with bidi and ESC: '?' in what it says" "$err" "wrote $TMP/in?it?[31m.yaml"
expect_eq "init to a file name with bidi and ESC: neither reaches the terminal" "0 0" "$(bidi_bytes <<<"$err") $(esc_bytes <<<"$err")"

# ---- the input-size limit ----------------------------------------------------
n=$(wc -c < "$good")
"$CJMAP" --max-input=$n check "$good" 2>/dev/null; expect_eq "--max-input: exactly the limit is accepted" 0 $?
err=$("$CJMAP" --max-input=$((n - 1)) check "$good" 2>&1); expect_eq "--max-input: one byte over: exit 1" 1 $?
expect_eq "--max-input: one byte over: message" "cjmap: error: '$good' is larger than the input limit of $((n - 1)) bytes (raise it with --max-input)" "$err"
"$CJMAP" --max-input=$n check - < "$good" 2>/dev/null; expect_eq "--max-input: stdin of exactly the limit" 0 $?
"$CJMAP" --max-input=$((n - 1)) check - < "$good" 2>/dev/null; expect_eq "--max-input: stdin one byte over" 1 $?
"$CJMAP" check --max-input 1K "$good" 2>/dev/null; expect_eq "--max-input 1K after the command: applies" 1 $?
for v in 0 0K -1 -5 1.5 16Q '' 99999999999999999999 17179869184G; do
  err=$("$CJMAP" --max-input="$v" check "$good" 2>&1); expect_eq "--max-input='$v': usage error" 2 $?
  has "--max-input='$v': message" "$err" "invalid size '$v' for --max-input"
done
"$CJMAP" check "$good" --max-input 2>/dev/null; expect_eq "--max-input without a value: usage error" 2 $?
lim=$((16 * 1024 * 1024))
{ cat "$good"; printf '\n#'; head -c $((lim - n - 3)) /dev/zero | tr '\0' x; printf '\n'; } > "$TMP/16m.yaml"
expect_eq "default limit: the file is exactly 16 MiB" "$lim" "$(wc -c < "$TMP/16m.yaml")"
timeout 60 "$CJMAP" check "$TMP/16m.yaml" 2>/dev/null; expect_eq "default limit: exactly 16 MiB is accepted" 0 $?
printf '\n' >> "$TMP/16m.yaml"
err=$(timeout 60 "$CJMAP" check "$TMP/16m.yaml" 2>&1); expect_eq "default limit: 16 MiB + 1 byte: exit 1" 1 $?
has "default limit: 16 MiB + 1 byte: message" "$err" "is larger than the input limit of 16777216 bytes (raise it with --max-input)"
timeout 60 "$CJMAP" --max-input=17M check "$TMP/16m.yaml" 2>/dev/null; expect_eq "default limit: raised with --max-input=17M" 0 $?
rm -f "$TMP/16m.yaml"

# ---- where -o points -----------------------------------------------------------
mkdir -p "$TMP/od"
err=$("$CJMAP" build "$good" -o "$TMP/od" -f pdf 2>&1); expect_eq "-o a directory: exit 3" 3 $?
expect_eq "-o a directory: message" "cjmap: error: cannot write '$TMP/od': it is a directory" "$err"
"$CJMAP" build "$good" -o "$TMP/od/" -f pdf 2>/dev/null; expect_eq "-o a directory with a slash: exit 3" 3 $?
expect_eq "-o a directory: nothing written into it" "" "$(ls -A "$TMP/od")"
err=$("$CJMAP" build "$good" -o "$TMP/missing/x.pdf" 2>&1); expect_eq "-o into a missing directory: exit 3" 3 $?
expect_eq "-o into a missing directory: message" "cjmap: error: cannot write '$TMP/missing/x.pdf': no such directory" "$err"
err=$("$CJMAP" build "$good" -o "$good/x.pdf" 2>&1); expect_eq "-o under a file: exit 3" 3 $?
has "-o under a file: message" "$err" "Not a directory"
"$CJMAP" build "$good" -O "$good" 2>/dev/null; expect_eq "-O a file: exit 3" 3 $?
cp "$good" "$TMP/j.yaml"; cp "$good" "$TMP/j.orig"
"$CJMAP" build "$TMP/j.yaml" -o "$TMP/../$(basename "$TMP")/j.yaml" -f svg 2>/dev/null; expect_eq "output equal to input by another path: refused" 2 $?
ln "$TMP/j.yaml" "$TMP/hard.pdf"
"$CJMAP" build "$TMP/j.yaml" -o "$TMP/hard.pdf" 2>/dev/null; expect_eq "output a hard link to the input: refused" 2 $?
cp "$good" "$TMP/od/k.pdf"   # a journey whose own name ends in .pdf
"$CJMAP" build "$TMP/od/k.pdf" -O "$TMP/od" -f pdf 2>/dev/null; expect_eq "-O would put the map over its input: refused" 2 $?
cmp -s "$TMP/j.yaml" "$TMP/j.orig" && cmp -s "$TMP/od/k.pdf" "$good" && pass "output equal to input: inputs untouched" || fail "output equal to input: inputs untouched" "changed"
expect_eq "-o cases: no temporary files left" "" "$(no_tmp "$TMP")"

# ---- YAML oddities -------------------------------------------------------------
printf "title: !custom T\n${body#title: T\\n}" > "$TMP/tag.yaml"
err=$("$CJMAP" check "$TMP/tag.yaml" 2>&1); expect_eq "unknown YAML tag: a warning only" 0 $?
has "unknown YAML tag: message" "$err" "1:8: warning: tag '!custom' means nothing in a journey; it is ignored"
{ printf "$body"; printf '"'; head -c 2000 /dev/zero | tr '\0' k; printf '": 1\n'; } > "$TMP/longkey.yaml"
err=$("$CJMAP" check "$TMP/longkey.yaml" 2>&1 >/dev/null); expect_eq "implicit key over YAML's 1024-character limit: exit 1" 1 $?
has "implicit key over YAML's 1024-character limit: named, with its length" "$err" "this key has 2002 characters; YAML allows at most 1024"

# ---- PNG too large for one image ---------------------------------------------
mkdir -p "$TMP/png"
timeout 120 "$CJMAP" -q build tests/good/minimal.yaml --dpi 2400 -o "$TMP/png/m.png" 2>/dev/null; expect_eq "PNG at --dpi 2400: exit 0" 0 $?
wh=$(png_wh "$TMP/png/m.png" 2>/dev/null); w=${wh%x*} h=${wh#*x}
[ "${w:-0}" -gt 0 ] && [ "$w" -le 16384 ] && [ "${h:-0}" -gt 0 ] && [ "$h" -le 16384 ] && pass "PNG at --dpi 2400: at most 16384 pixels a side" \
  || fail "PNG at --dpi 2400: at most 16384 pixels a side" "$wh"
{ echo "title: Wide"; echo "segment: {name: S}"; echo "phases:"; for i in $(seq 1 60); do echo "  - {id: p$i, name: Phase $i}"; done
  echo "touchpoints: [{name: W, channel: web, phases: [p1]}]"; } > "$TMP/wide.yaml"
timeout 120 "$CJMAP" -q build "$TMP/wide.yaml" -o "$TMP/png/w.png" 2>/dev/null; expect_eq "PNG wider than 16384 pixels: exit 0" 0 $?
files=$(cd "$TMP/png" && ls w*.png 2>/dev/null | tr '\n' ' ')
expect_eq "PNG wider than 16384 pixels: split into pages" "w-1.png w-2.png " "$files"
ok=1; for p in "$TMP"/png/w-*.png; do wh=$(png_wh "$p"); [ "${wh%x*}" -le 16384 ] && [ "${wh#*x}" -le 16384 ] && [ -s "$p" ] || ok=0; done
[ $ok = 1 ] && pass "PNG wider than 16384 pixels: every page within 16384 pixels, none empty" || fail "PNG wider than 16384 pixels: every page within 16384 pixels" "too big or empty"
"$CJMAP" -q build "$TMP/wide.yaml" -o "$TMP/png/w.pdf" 2>/dev/null
expect_eq "the same map as PDF: two pages (auto pages are at most 7200 pt a side)" "Pages:           2" "$(pdfinfo "$TMP/png/w.pdf" 2>/dev/null | grep '^Pages:')"
"$CJMAP" -q build "$TMP/wide.yaml" --max-side 14400 -o "$TMP/png/w1.pdf" 2>/dev/null
expect_eq "the same map as PDF with --max-side 14400: one page" "Pages:           1" "$(pdfinfo "$TMP/png/w1.pdf" 2>/dev/null | grep '^Pages:')"
ps=$(pdfinfo "$TMP/png/w.pdf" 2>/dev/null | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
set -- $ps
awk -v w="${1:-0}" -v h="${2:-0}" 'BEGIN { exit !(w > 0 && w <= 7200 && h > 0 && h <= 7200) }' \
  && pass "default auto page within 7200 pt a side ($ps)" || fail "default auto page within 7200 pt a side" "$ps"
"$CJMAP" -q build "$TMP/wide.yaml" --max-side 399 -o "$TMP/png/bad.pdf" 2>/dev/null; expect_eq "--max-side below 400: exit 2" 2 $?
"$CJMAP" -q build "$TMP/wide.yaml" --max-side 14401 -o "$TMP/png/bad.pdf" 2>/dev/null; expect_eq "--max-side above 14400: exit 2" 2 $?
[ ! -e "$TMP/png/bad.pdf" ] && pass "--max-side out of range: no file" || fail "--max-side out of range: no file" "file exists"
err=$("$CJMAP" build "$TMP/wide.yaml" --page A4 --max-side 5000 -o "$TMP/png/bad.pdf" 2>&1); expect_eq "--max-side with --page A4: exit 2" 2 $?
has "--max-side with --page A4: says why" "$err" "--max-side sizes auto pages; with --page the paper decides the page size"
# A statement taller than the page is cut off where the page ends: said, never silent.
err=$("$CJMAP" build tests/good/long-texts.yaml --max-side 1000 -o "$TMP/png/cut.pdf" 2>&1); expect_eq "map taller than --max-side: exit 0" 0 $?
has "map taller than --max-side: a warning that names the fix" "$err" "warning: the map of 'tests/good/long-texts.yaml' does not fit its pages: 7 parts taller than a page are cut off, by up to 358 pt; raise --max-side (now 1000 pt)"
err=$("$CJMAP" build tests/good/long-texts.yaml --max-side 1000 -o "$TMP/png/cut2.pdf" --strict 2>&1); expect_eq "map taller than --max-side, --strict: exit 1" 1 $?
[ ! -e "$TMP/png/cut2.pdf" ] && pass "map taller than --max-side, --strict: no file" || fail "map taller than --max-side, --strict: no file" "file exists"
err=$("$CJMAP" -q build tests/good/long-texts.yaml --max-side 1000 -o "$TMP/png/cut3.pdf" 2>&1); expect_eq "map taller than --max-side, -q: no warning" "" "$err"
out=$("$CJMAP" --diagnostics=json build tests/good/long-texts.yaml --max-side 1000 -o "$TMP/png/cut4.pdf" 2>/dev/null)
got=$(/usr/bin/python3 -c 'import json,sys; a=json.loads(sys.stdin.read()); print(a[0]["severity"], a[0]["code"], a[0]["line"])' <<<"$out" 2>&1)
expect_eq "map taller than --max-side: JSON warning for the file" "warning map-cut-off None" "$got"
err=$("$CJMAP" build tests/good/long-texts.yaml -o "$TMP/png/fits.pdf" 2>&1); expect_eq "the same map at the default page side: no warning" "" "$err"
err=$("$CJMAP" -q build "$TMP/wide.yaml" -o - -f png 2>&1 >/dev/null); expect_eq "PNG wider than 16384 pixels to stdout: exit 3" 3 $?
has "PNG wider than 16384 pixels to stdout: message" "$err" "the map has 2 pages and one png holds one"
# The image buffer cannot be had (address space limited with ulimit -v; not under ASan,
# which needs terabytes of it): a clear error and nothing left, or a complete PNG.
if (ulimit -v 300000; "$CJMAP" -q build tests/good/minimal.yaml -o "$TMP/png/small.png") >/dev/null 2>&1; then
  err=$(ulimit -v 300000; "$CJMAP" -q build tests/good/minimal.yaml --dpi 2400 -o "$TMP/png/huge.png" 2>&1); rc=$?
  if [ $rc = 3 ]; then
    has "PNG buffer beyond the memory limit: message" "$err" "cannot render '$TMP/png/huge.png' (a page too large for PNG at this --dpi?)"
    [ ! -e "$TMP/png/huge.png" ] && pass "PNG buffer beyond the memory limit: exit 3, no file" || fail "PNG buffer beyond the memory limit: exit 3, no file" "file exists"
  elif [ $rc = 0 ] && [ "$(head -c 4 "$TMP/png/huge.png" | od -An -c | tr -d ' ')" = "211PNG" ]; then
    pass "PNG buffer beyond the memory limit: exit 3, no file (it fitted: a complete PNG)"
  else
    fail "PNG buffer beyond the memory limit: exit 3, no file" "exit $rc: $err"
  fi
else
  echo "SKIP PNG buffer beyond the memory limit: this build cannot run under ulimit -v (ASan)"
fi
expect_eq "PNG cases: no temporary files left" "" "$(no_tmp "$TMP/png")"
rm -rf "$TMP/png"

# ---- long lines, long texts, many items ------------------------------------------
{ printf 'title: "'; head -c 5000000 /dev/zero | tr '\0' x; printf '"\nsegment: {name: S}\nphases: [{name: P}]\n'; } > "$TMP/line.yaml"
timeout 60 "$CJMAP" check "$TMP/line.yaml" >/dev/null 2>"$TMP/line.err"; expect_eq "5 MB line (a title): exit 1" 1 $?
has "5 MB line (a title): text-length message" "$(cat "$TMP/line.err")" "1:8: error: 'title' is 5000000 bytes long; the limit is 65536"
[ "$(wc -c < "$TMP/line.err")" -lt 4000 ] && pass "5 MB line: the echoed source line is cut short" || fail "5 MB line: the echoed source line is cut short" "$(wc -c < "$TMP/line.err") bytes"
{ printf "$body"; printf '# '; head -c 5000000 /dev/zero | tr '\0' x; printf '\n'; } > "$TMP/line.yaml"
timeout 60 "$CJMAP" check "$TMP/line.yaml" 2>/dev/null; expect_eq "5 MB line (a comment): valid" 0 $?
rm -f "$TMP/line.yaml" "$TMP/line.err"
for n in 65536 65537; do
  { printf 'title: '; head -c $n /dev/zero | tr '\0' x; printf '\n'; printf "${body#title: T\\n}"; } > "$TMP/t.yaml"
  err=$("$CJMAP" check "$TMP/t.yaml" 2>&1); rc=$?
  if [ $n = 65536 ]; then expect_eq "text of exactly 65536 bytes: valid" 0 $rc
  else expect_eq "text of 65537 bytes: exit 1" 1 $rc; has "text of 65537 bytes: message" "$err" "'title' is 65537 bytes long; the limit is 65536"; fi
done
# Nesting: the journey mapping is level 1, segment 2, each '[' one more; 64 levels parse, 65 do not.
for k in 62 63; do
  printf 'title: T\nsegment:\n  name: S\n  goals: %sx%s\nphases: [{name: P}]\n' "$(printf '[%.0s' $(seq 1 $k))" "$(printf ']%.0s' $(seq 1 $k))" > "$TMP/deep.yaml"
  out=$("$CJMAP" check --diagnostics=json "$TMP/deep.yaml" 2>/dev/null)
  if [ $k = 62 ]; then case "$out" in *too-deep*) fail "nesting: 64 levels parse" "too-deep";; *'"code": "type"'*) pass "nesting: 64 levels parse";; *) fail "nesting: 64 levels parse" "$out";; esac
  else case "$out" in *'"code": "too-deep"'*) pass "nesting: 65 levels are too deep";; *) fail "nesting: 65 levels are too deep" "$out";; esac; fi
done
items() { { printf 'title: T\nsegment: {name: S}\nphases:\n  - name: P\n    actions:\n'; yes '      - a' | head -n "$1"; printf 'touchpoints: [{name: W, channel: web, phases: [P]}]\n'; } > "$TMP/items$1.yaml"; }
items 100000; items 100001
timeout 60 "$CJMAP" check "$TMP/items100000.yaml" 2>/dev/null; expect_eq "100,000 list items: valid, in time" 0 $?
err=$(timeout 60 "$CJMAP" check "$TMP/items100001.yaml" 2>&1); expect_eq "100,001 list items: exit 1" 1 $?
has "100,001 list items: message" "$err" "6:7: error: 100001 entries in 'actions'; the limit is 100000"
timeout 60 "$CJMAP" build "$TMP/items100000.yaml" -o "$TMP/items.pdf" 2>/dev/null; expect_eq "100,000 list items: build ends in time" 0 $?
pages=$(pdfinfo "$TMP/items.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -gt 1 ] && pass "100,000 list items: a PDF of $pages pages" || fail "100,000 list items: a PDF of several pages" "pages=$pages"
rm -f "$TMP"/items*
# 100,000 phases and 100,000 references to misspelt ones: suggestions stay cheap, 50 errors shown.
{ printf 'title: T\nsegment: {name: S}\nphases:\n'; seq 1 100000 | sed 's/.*/  - {id: phase-&, name: Phase &}/'
  printf 'touchpoints: [{name: W, channel: web, phases: [phase-1]}]\nexperiences:\n'; seq 1 100000 | sed 's/.*/  - {phase: phse-&, text: t}/'; } > "$TMP/refs.yaml"
err=$(timeout 60 "$CJMAP" -q check "$TMP/refs.yaml" 2>&1); expect_eq "100,000 unresolved references: exit 1, in time" 1 $?
has "100,000 unresolved references: a suggestion" "$err" "unknown phase 'phse-1' (did you mean 'phase-1'?)"
has "100,000 unresolved references: stops after 50" "$err" "too many errors (100000 in all); stopping after 50"
expect_eq "100,000 unresolved references: 50 errors shown" 50 "$(grep -c ": error: unknown phase" <<<"$err")"
rm -f "$TMP/refs.yaml"
expect_eq "no temporary files left anywhere" "" "$(no_tmp "$TMP")"
# ---- regressions for the findings fixed after the first robustness pass ----
R=$TMP/fixed; mkdir -p "$R"
# 1. -o naming a FIFO or a device writes into it, never replaces it
mkfifo "$R/fifo"
( timeout 20 cat "$R/fifo" | wc -c > "$R/fifo.n" ) & sleep 0.3
timeout 20 "$CJMAP" build tests/good/full.yaml -o "$R/fifo" -f pdf 2>/dev/null; rc=$?; wait
expect_eq "-o FIFO: exit" 0 $rc
[ -p "$R/fifo" ] && pass "-o FIFO: still a FIFO" || fail "-o FIFO: still a FIFO" "$(stat -c %F "$R/fifo")"
[ "$(cat "$R/fifo.n")" -gt 1000 ] && pass "-o FIFO: the reader gets the PDF" || fail "-o FIFO: the reader gets the PDF" "$(cat "$R/fifo.n") bytes"
if mknod "$R/null" c 1 3 2>/dev/null; then
  "$CJMAP" build tests/good/full.yaml -o "$R/null" -f pdf 2>/dev/null; expect_eq "-o device: exit" 0 $?
  [ -c "$R/null" ] && pass "-o device: still a device" || fail "-o device: still a device" "$(stat -c %F "$R/null")"
fi
"$CJMAP" build tests/good/full.yaml -o /dev/stdout -f pdf 2>/dev/null | head -c 5 | grep -q '%PDF-' && pass "-o /dev/stdout writes the PDF" || fail "-o /dev/stdout writes the PDF" "no PDF header"
# 2. killed while writing: no temporary file left
(ulimit -f 8; "$CJMAP" build tests/good/full.yaml -o "$R/map.pdf" 2>"$R/xfsz.err"); rc=$?
expect_eq "ulimit -f: exit 3, not killed by SIGXFSZ" 3 $rc
has "ulimit -f: message" "$(cat "$R/xfsz.err")" "File too large"
"$CJMAP" build maps/b2b-leverandorskifte.yaml -o "$R/big.png" --dpi 600 2>/dev/null & P=$!; sleep 0.4; kill -TERM $P 2>/dev/null; wait $P
expect_eq "SIGTERM while writing: no temporary file" "" "$(no_tmp "$R")"
[ ! -e "$R/big.png" ] || [ -s "$R/big.png" ] && pass "SIGTERM while writing: no partial target" || fail "SIGTERM while writing: no partial target" "empty file"
# 3. absurd SOURCE_DATE_EPOCH: ignored, never an overflow
for v in 67768036191676799 253402300800; do
  SOURCE_DATE_EPOCH=$v "$CJMAP" build tests/good/full.yaml -o "$R/d.pdf" 2>"$R/d.err"; rc=$?
  expect_eq "SOURCE_DATE_EPOCH=$v: exit" 0 $rc
  has "SOURCE_DATE_EPOCH=$v: the fixed date" "$(pdfinfo "$R/d.pdf" 2>/dev/null | grep CreationDate)" "2000"
done
SOURCE_DATE_EPOCH=253402300799 "$CJMAP" build tests/good/full.yaml -o "$R/d.pdf" 2>/dev/null
has "SOURCE_DATE_EPOCH at 9999-12-31: used" "$(pdfinfo "$R/d.pdf" 2>/dev/null | grep CreationDate)" "9999"
# 4. touchpoints x phases is bounded
{ printf 'title: T\nsegment: {name: S}\nphases:\n'; seq 1 400 | sed 's/.*/  - {id: p&, name: P&}/'
  P=$(seq -s, 1 400 | sed 's/[0-9]*/p&/g'); echo touchpoints
  echo 'touchpoints:'; for i in $(seq 260); do echo "  - {name: T$i, channel: web, phases: [$P]}"; done; } > "$R/grid.yaml"
sed -i '/^touchpoints$/d' "$R/grid.yaml"
err=$(timeout 60 "$CJMAP" check "$R/grid.yaml" 2>&1); rc=$?
expect_eq "touchpoints x phases over the limit: exit" 1 $rc
has "touchpoints x phases over the limit: message" "$err" "touchpoints used in more than 100000 phases in all"
# 5, 6. control characters never reach the terminal
printf 'title: T\nsegment: {name: S}\nphases: [{name: P}]\n"\\x9b31mbogus": 1\n' > "$R/c1.yaml"
printf 'title: T\nsegment: {name: S}\nphases: [{name: P}]\nx: "\xc2\x9b"\n' > "$R/c1raw.yaml"
out=$("$CJMAP" check "$R/c1.yaml" 2>&1; "$CJMAP" check "$R/c1raw.yaml" 2>&1)
expect_eq "C1 controls: escaped in messages and echoes" 0 "$(printf '%s' "$out" | grep -c $'\xc2\x9b')"
has "C1 controls: shown as \\u009B" "$out" "\\u009B31mbogus"
f="$R/"$'\e[31mred.yaml'; cp "$R/c1.yaml" "$f"
out=$("$CJMAP" check "$f" 2>&1; "$CJMAP" check "$f.missing" 2>&1)
expect_eq "control characters in file names: never raw" 0 "$(printf '%s' "$out" | esc_bytes)"
# 7. a long path keeps the reason
long=$(printf 'a%.0s' $(seq 5000)).yaml
has "long path: the reason is kept" "$("$CJMAP" check "$long" 2>&1)" "File name too long"
# 8. a write error is reported once, with its reason
err=$("$CJMAP" build tests/good/full.yaml -o - -f png 2>&1 >&-); rc=$?
expect_eq "closed stdout, PNG: exit" 3 $rc
case "$err" in *"cannot render"*) fail "closed stdout, PNG: no 'cannot render'" "$err";; *) pass "closed stdout, PNG: no 'cannot render'";; esac
# 9. -O naming a file
err=$("$CJMAP" build tests/good/full.yaml -O tests/good/full.yaml 2>&1)
has "-O FILE: not a directory" "$err" "is not a directory"
# 11. mapping sizes and key lengths are bounded too
{ printf 'title: T\nsegment: {name: S}\nphases:\n  - name: P\n    metrics:\n'; seq 1 100001 | sed 's/.*/      m&: 1/'; printf 'touchpoints: [{name: W, channel: web, phases: [P]}]\n'; } > "$R/metrics.yaml"
has "100,001 metrics: refused" "$(timeout 60 "$CJMAP" check "$R/metrics.yaml" 2>&1)" "metrics in one phase; the limit is 100000"
{ printf 'title: T\nsegment: {name: S}\nphases:\n  - name: P\n    metrics:\n      ? "'; head -c 70000 /dev/zero | tr '\0' k; printf '"\n      : 1\ntouchpoints: [{name: W, channel: web, phases: [P]}]\n'; } > "$R/key.yaml"
has "a 70,000-byte metric name: refused" "$("$CJMAP" check "$R/key.yaml" 2>&1)" "the limit is 65536"

# XML 1.0 forbids U+FFFE/U+FFFF even escaped; YAML can produce them ("\uFFFE")
printf 'title: "A\\uFFFEB\\uFFFF"\nsegment: {name: "S\\x01"}\nphases: [{name: P}]\ntouchpoints: [{name: W, channel: web, phases: [P]}]\n' > "$R/nonchar.yaml"
"$CJMAP" build "$R/nonchar.yaml" -o "$R/nonchar.svg" 2>/dev/null; expect_eq "noncharacters: SVG built" 0 $?
xmllint --noout "$R/nonchar.svg" 2>/dev/null && pass "noncharacters: SVG well-formed" || fail "noncharacters: SVG well-formed" "$(xmllint --noout "$R/nonchar.svg" 2>&1 | head -2)"

exit 0
