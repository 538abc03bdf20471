# tests/identical.test.sh — a refactor changes no output: every journey in
# maps/ and tests/good draws to the same bytes with $CJMAP as with the
# cjmap of a reference commit, in PDF, SVG and PNG, at auto size, on A4 in
# the mono theme, and on small auto pages (several pages, run heads,
# legend-only pages).
#
# The reference is the commit in tests/identical.ref (or $IDENTICAL_REF).
# It is built once from `git archive` into a temporary folder and cached in
# build/identical-ref/HASH/cjmap, so later runs only render.  Point
# tests/identical.ref at a new commit when output is meant to change.
# Outside a git checkout, or when that commit is not in the history, the
# test says it was skipped and passes.
. tests/lib.sh
ROOT=$PWD
name=identical

ref=${IDENTICAL_REF:-$(sed -n '/^[0-9a-fA-F]\{7,40\}$/{p;q}' tests/identical.ref 2>/dev/null)}
if [ -z "$ref" ]; then pass "$name: skipped (no commit in tests/identical.ref)"; exit 0; fi
if ! command -v git >/dev/null || ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  pass "$name: skipped (not a git checkout)"; exit 0
fi
hash=$(git -C "$ROOT" rev-parse --verify -q "$ref^{commit}" 2>/dev/null)
if [ -z "$hash" ]; then pass "$name: skipped (reference $ref is not in this history)"; exit 0; fi

# The reference binary, built once per commit.
cache=$ROOT/build/identical-ref/$hash
REF=$cache/cjmap
if [ ! -x "$REF" ]; then
  src=$TMP/ref-src
  mkdir -p "$src" "$cache"
  if ! git -C "$ROOT" archive --format=tar "$hash" | tar -x -C "$src"; then
    fail "$name: reference build" "git archive $hash failed"; exit 0
  fi
  if ! log=$(make -C "$src" --no-print-directory -s -j2 build/cjmap 2>&1); then
    fail "$name: reference build" "make failed: $(tail -5 <<<"$log")"; exit 0
  fi
  cp "$src/build/cjmap" "$cache/cjmap.tmp.$$" && mv -f "$cache/cjmap.tmp.$$" "$REF"
  rm -rf "$src"
fi
pass "$name: reference ${hash:0:12} at ${REF#"$ROOT"/}"

# One variant per line: tag, output extension, options.
variants='pdf     pdf
svg     svg
png     png --dpi 48
a4-mono pdf --page A4 --theme mono
a4-mono svg --page A4 --theme mono
a4-port png --page A4 --portrait --dpi 36
a4-port pdf --page A4 --portrait
rows    svg --layout=rows
a3-rows pdf --page A3 --layout=rows
small   pdf --max-side 400
small   svg --max-side 400'

export SOURCE_DATE_EPOCH=1700000000
for y in maps/*.yaml tests/good/*.yaml; do
  [ -e "$y" ] || continue
  n=$(basename "$y" .yaml) d=$(basename "$(dirname "$y")")
  if ! "$REF" check --color=never "$y" >/dev/null 2>&1; then
    pass "$name: $d/$n skipped (not a valid journey)"; continue
  fi
  while read -r tag ext opts; do
    for who in ref new; do
      bin=$REF; [ $who = new ] && bin=$CJMAP
      out=$TMP/$who/$d/$n/$tag.$ext; mkdir -p "$out"
      # shellcheck disable=SC2086 # opts are words
      "$bin" build "$y" $opts -o "$out/$n.$ext" >/dev/null 2>"$out.err"
      echo $? >"$out.rc"
    done
    a=$TMP/ref/$d/$n/$tag.$ext b=$TMP/new/$d/$n/$tag.$ext
    files=$(ls "$a") files_new=$(ls "$b")
    what="$name: $d/$n $tag.$ext"
    if [ "$(cat "$a.rc")" != "$(cat "$b.rc")" ]; then
      fail "$what" "exit $(cat "$a.rc") before, $(cat "$b.rc") now"; continue
    fi
    if [ -z "$files" ]; then fail "$what" "the reference wrote no file"; continue; fi
    if [ "$files" != "$files_new" ]; then
      fail "$what" "files differ: [$(echo $files)] before, [$(echo $files_new)] now"; continue
    fi
    bad="" nbad=0
    for f in $files; do
      cmp -s "$a/$f" "$b/$f" && continue
      nbad=$((nbad + 1)); [ $nbad -le 3 ] && bad="$bad $f"
    done
    [ $nbad -gt 3 ] && bad="$bad and $((nbad - 3)) more"
    if [ $nbad -eq 0 ]; then pass "$what ($(wc -w <<<"$files") file(s)) byte-identical"
    else fail "$what" "bytes differ:$bad"; fi
  done <<<"$variants"
done
exit 0
