#!/usr/bin/env bash
# bench/run.sh — the benchmark behind `make bench` (issue 7; see docs/performance.md).
#
#   bench/run.sh CJMAP TOOLDIR OUTDIR
#
# CJMAP    the cjmap binary to measure (make: $(BIN))
# TOOLDIR  where genjourney, gendot and floor were built (make: $(BUILD)/bench)
# OUTDIR   where journeys, dot files, outputs and hyperfine JSON/CSV go
#
# For each of four journey sizes (phases/touchpoints/experiences) it times
# `cjmap check`, `cjmap build` to PDF, SVG and PNG, `dot -Tpdf` and
# `dot -Tsvg` on the equivalent swimlane table, and the start-up floor, with
# hyperfine (--warmup 1, several runs, medians), and measures peak memory
# (max RSS, /usr/bin/time -f %M).  Prints Markdown tables on stdout;
# progress and hyperfine's own output go to stderr.
#
# Environment:
#   BENCH_SIZES    sizes to run, default "5/12/15 8/60/80 20/500/800 50/5000/8000"
#   BENCH_RUNS     hyperfine runs per size, default "20 10 5 3" (one per size)
#   BENCH_TIMEOUT  seconds one command may take before it is stopped (default 300)
#   BENCH_SLOW     a command whose first run takes longer than this many seconds
#                  is not repeated: its single run is reported (default 20)
#   BENCH_SEED     generator seed (default 1)
#   BENCH_BLUEPRINT sizes also run as service blueprints (genjourney --blueprint:
#                  scale -2..2, an own lane, backstage and support, moments of
#                  truth), reported as rows "SIZE+bp"; default "20/500/800"; "" for none
set -euo pipefail
export LC_ALL=C

if [ $# -ne 3 ]; then
  echo "usage: bench/run.sh CJMAP TOOLDIR OUTDIR" >&2
  exit 2
fi
CJMAP=$1 TOOLS=$2 OUT=$3
SIZES=${BENCH_SIZES:-"5/12/15 8/60/80 20/500/800 50/5000/8000"}
read -r -a RUNS <<<"${BENCH_RUNS:-20 10 5 3}"
TMO=${BENCH_TIMEOUT:-300}
SLOW=${BENCH_SLOW:-20}
SEED=${BENCH_SEED:-1}
BLUEPRINT=${BENCH_BLUEPRINT-20/500/800}
ALL=$SIZES
for b in $BLUEPRINT; do ALL="$ALL $b+bp"; done

say() { echo "bench: $*" >&2; }

# ---- tools: hyperfine, dot, GNU time (Debian packages) -------------------
missing=""
command -v hyperfine >/dev/null || missing="$missing hyperfine"
command -v dot >/dev/null || missing="$missing graphviz"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing missing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null; }; then
      say "apt-get failed"
      exit 1
    fi
  else
    say "missing Debian packages:$missing"
    say "install them with: sudo apt-get install$missing"
    exit 1
  fi
fi
for t in genjourney gendot floor; do
  [ -x "$TOOLS/$t" ] || { say "$TOOLS/$t is missing (run 'make bench')"; exit 1; }
done
[ -x "$CJMAP" ] || { say "$CJMAP is not an executable"; exit 1; }
CJMAP=$(cd "$(dirname "$CJMAP")" && pwd)/$(basename "$CJMAP")

# Does this cjmap have `build` yet?  (Not on main before the renderer lands.)
HAVE_BUILD=0
"$CJMAP" build --help >/dev/null 2>&1 && HAVE_BUILD=1
[ $HAVE_BUILD = 1 ] || say "$CJMAP has no 'build' command: build columns are n/a"

mkdir -p "$OUT"

# ---- helpers -------------------------------------------------------------
# fmt_s SECONDS: a time for the table, in ms below 10 s.
fmt_s() {
  awk -v s="$1" 'BEGIN {
    if (s < 0.1) printf "%.1f ms", s * 1000;
    else if (s < 10) printf "%.0f ms", s * 1000;
    else printf "%.1f s", s }'
}
# fmt_kib KIB: a peak RSS for the table.
fmt_kib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

# probe NAME CMD...: one timed run with a timeout; sets P_S (wall seconds,
# or "timeout"/"fail"), P_CPU (user+sys seconds) and P_KIB (max RSS in KiB).
probe() {
  local name=$1 tf="$OUT/time.txt" rc=0
  shift
  : >"$tf"
  /usr/bin/time -f '%e %M %U %S' -o "$tf" timeout "$TMO" "$@" >/dev/null 2>"$o/$name.err" || rc=$?
  P_S=$(awk 'END { print $1 }' "$tf") P_KIB=$(awk 'END { print $2 }' "$tf")
  P_CPU=$(awk 'END { print $3 + $4 }' "$tf")
  if [ $rc = 124 ]; then
    P_S=timeout
  elif [ $rc != 0 ]; then
    say "$name failed (exit $rc): $(head -c 300 "$o/$name.err")"
    P_S=fail
  fi
}

declare -A RES MEM CPU  # table cells: median wall time, max RSS, mean user+sys time
declare -A SEC KIB CSEC # the same as numbers: seconds, KiB, seconds (for the targets)

i=0
for size in $ALL; do
  gen=() tag=""
  case $size in *+bp) gen=(--blueprint) tag=-bp ;; esac
  IFS=/ read -r np nt ne <<<"${size%+bp}"
  runs=${RUNS[$i]:-${RUNS[-1]}}
  i=$((i + 1))
  base="$OUT/journey-$np-$nt-$ne$tag"
  say "size $size: generating $base.yaml"
  "$TOOLS/genjourney" "${gen[@]}" "$np" "$nt" "$ne" "$SEED" >"$base.yaml"
  "$CJMAP" check --quiet "$base.yaml" || { say "$base.yaml does not pass cjmap check"; exit 1; }
  "$TOOLS/gendot" "$base.yaml" >"$base.dot"
  RES[$size,kib]=$(( $(stat -c %s "$base.yaml") / 1024 ))
  o="$OUT/out-$np-$nt-$ne$tag"
  rm -rf "$o" && mkdir -p "$o"

  # column -> command (no shell: hyperfine -N; outputs go to files)
  declare -A CMD=(
    [check]="$CJMAP check --quiet $base.yaml"
    [dotpdf]="dot -Tpdf -o $o/dot.pdf $base.dot"
    [dotsvg]="dot -Tsvg -o $o/dot.svg $base.dot"
    [floor]="$TOOLS/floor $o/floor.pdf"
  )
  if [ $HAVE_BUILD = 1 ]; then
    CMD[pdf]="$CJMAP build --quiet $base.yaml -o $o/map.pdf"
    CMD[svg]="$CJMAP build --quiet $base.yaml -o $o/map.svg"
    CMD[png]="$CJMAP build --quiet $base.yaml -o $o/map.png"
  fi
  hf=()
  for col in check pdf svg png dotpdf dotsvg floor; do
    if [ -z "${CMD[$col]:-}" ]; then
      RES[$size,$col]="n/a" MEM[$size,$col]="n/a" CPU[$size,$col]="n/a"
      continue
    fi
    # shellcheck disable=SC2086
    probe "$col" ${CMD[$col]}
    MEM[$size,$col]=$(fmt_kib "$P_KIB") KIB[$size,$col]=$P_KIB
    case $P_S in
      timeout) RES[$size,$col]="> $TMO s" SEC[$size,$col]=$TMO CPU[$size,$col]="> $TMO s"
               MEM[$size,$col]="> ${MEM[$size,$col]}" KIB[$size,$col]="" ;;
      fail) RES[$size,$col]="fail" MEM[$size,$col]="fail" KIB[$size,$col]="" CPU[$size,$col]="fail" ;;
      *)
        if awk -v s="$P_S" -v t="$SLOW" 'BEGIN { exit !(s > t) }'; then
          RES[$size,$col]="$(fmt_s "$P_S") (1 run)" SEC[$size,$col]=$P_S
          CPU[$size,$col]="$(fmt_s "$P_CPU") (1 run)" CSEC[$size,$col]=$P_CPU
        else
          hf+=(-n "$col" "${CMD[$col]}")
        fi ;;
    esac
  done
  if [ ${#hf[@]} -gt 0 ]; then
    say "size $size: hyperfine, $runs runs per command"
    hyperfine -N --style basic --warmup 1 --runs "$runs" \
      --export-json "$base.json" --export-csv "$base.csv" "${hf[@]}" >&2
    # CSV: command,mean,stddev,median,user,system,min,max
    while IFS=, read -r col _mean _sd median user system _rest; do
      [ "$col" = command ] && continue
      RES[$size,$col]=$(fmt_s "$median") SEC[$size,$col]=$median
      CSEC[$size,$col]=$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')
      CPU[$size,$col]=$(fmt_s "${CSEC[$size,$col]}")
    done <"$base.csv"
  fi
  unset CMD
done

# ---- report --------------------------------------------------------------
echo
echo "Median wall time (hyperfine --warmup 1; runs per size: ${RUNS[*]}); cjmap: $CJMAP"
echo
echo "| Size (phases/touchpoints/experiences) | YAML | check | build PDF | build SVG | build PNG | dot -Tpdf | dot -Tsvg | floor |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|"
for size in $ALL; do
  echo "| $size | ${RES[$size,kib]} KiB | ${RES[$size,check]} | ${RES[$size,pdf]} | ${RES[$size,svg]} | ${RES[$size,png]} | ${RES[$size,dotpdf]} | ${RES[$size,dotsvg]} | ${RES[$size,floor]} |"
done
echo
echo "CPU time (user + system, mean of the same runs; less sensitive than wall time to other load on the machine)"
echo
echo "| Size | check | build PDF | build SVG | build PNG | dot -Tpdf | dot -Tsvg | floor |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|"
for size in $ALL; do
  echo "| $size | ${CPU[$size,check]} | ${CPU[$size,pdf]} | ${CPU[$size,svg]} | ${CPU[$size,png]} | ${CPU[$size,dotpdf]} | ${CPU[$size,dotsvg]} | ${CPU[$size,floor]} |"
done
echo
echo "Peak memory (max RSS, one run under /usr/bin/time -f %M)"
echo
echo "| Size | check | build PDF | build SVG | build PNG | dot -Tpdf | dot -Tsvg | floor |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|"
for size in $ALL; do
  echo "| $size | ${MEM[$size,check]} | ${MEM[$size,pdf]} | ${MEM[$size,svg]} | ${MEM[$size,png]} | ${MEM[$size,dotpdf]} | ${MEM[$size,dotsvg]} | ${MEM[$size,floor]} |"
done

# ---- issue 7's targets (reported, never asserted) -----------------------
[ $HAVE_BUILD = 1 ] || exit 0
# shellcheck disable=SC2086
set -- $SIZES
first=$1 last=${!#} third=${3:-}
ratio() { # ratio A B: A/B with two decimals, or "?" when either is missing
  if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; else echo "?"; fi
}
ok() { awk -v r="$1" -v lim="$2" 'BEGIN { if (r == "?") print "?"; else print (r + 0 <= lim ? "met" : "NOT met") }'; }
echo
echo "Targets (issue 7), on median wall time; CPU: the same ratio on user+sys time"
echo
echo "| Target | Wall | CPU | Wall verdict |"
echo "|---|--:|--:|---|"
# row LABEL SIZE_A COL_A SIZE_B COL_B LIMIT: the ratio A/B against LIMIT
row() {
  local w c
  w=$(ratio "${SEC[$2,$3]:-}" "${SEC[$4,$5]:-}") c=$(ratio "${CSEC[$2,$3]:-}" "${CSEC[$4,$5]:-}")
  echo "| $1 | ${w}× | ${c}× | $([ -n "$6" ] && ok "$w" "$6") |"
}
row "$first PDF ≤ 1.5 × floor" "$first" pdf "$first" floor 1.5
row "(reference: $first dot -Tpdf / floor)" "$first" dotpdf "$first" floor ""
for size in $SIZES; do
  row "$size PDF ≤ dot -Tpdf" "$size" pdf "$size" dotpdf 1
  row "$size SVG ≤ dot -Tsvg" "$size" svg "$size" dotsvg 1
done
if [ -n "$third" ] && [ "$third" != "$last" ]; then
  for col in check pdf svg png; do
    row "$last / $third, $col ≤ 12×" "$last" "$col" "$third" "$col" 12
  done
fi
echo
echo "| Peak memory at $last | max RSS | verdict |"
echo "|---|--:|---|"
for col in pdf svg png; do
  k=${KIB[$last,$col]:-}
  echo "| $col < 100 MiB | ${MEM[$last,$col]} | $(awk -v k="$k" 'BEGIN { print (k == "" ? "?" : k < 100 * 1024 ? "met" : "NOT met") }') |"
done

# ---- the language server (issue 15; reported, never asserted) -----------
if "$CJMAP" lsp --help >/dev/null 2>&1; then
  lsp_files=()
  for size in $ALL; do
    case $size in 50/*) continue ;; esac # the 5,000-touchpoint journey: not an editor's file
    IFS=/ read -r np nt ne <<<"${size%+bp}"
    tag=""; [ "$size" != "${size%+bp}" ] && tag="-bp"
    f="$OUT/journey-$np-$nt-$ne$tag.yaml"
    [ -f "$f" ] && lsp_files+=("$f")
  done
  /usr/bin/python3 "$(dirname "$0")/lsp.py" "$CJMAP" "${lsp_files[@]}"
fi

# ---- the live preview (issue 16; reported, never asserted) --------------
if "$CJMAP" preview --help >/dev/null 2>&1 && command -v chromium >/dev/null && command -v npm >/dev/null; then
  if [ ! -e tests/node/node_modules/.package-lock.json ]; then
    npm ci --prefix tests/node --no-audit --no-fund --loglevel=error >&2 || say "npm ci failed: no preview figures"
  fi
  pv_files=(maps/*.yaml)
  for size in $ALL; do
    case $size in 20/500/800*) ;; *) continue ;; esac
    tag=""; [ "$size" != "${size%+bp}" ] && tag="-bp"
    f="$OUT/journey-20-500-800$tag.yaml"
    [ -f "$f" ] && pv_files+=("$f")
  done
  [ -e tests/node/node_modules/.package-lock.json ] &&
    CJMAP=$CJMAP TMP=$OUT node tests/node/preview_bench.js "${pv_files[@]}"
else
  say "no preview figures: they need cjmap preview, chromium and npm (make deps installs them)"
fi
