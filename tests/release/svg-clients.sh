#!/usr/bin/env bash
# tests/release/svg-clients.sh — renders every map in maps/ to SVG and draws it
# with two real SVG clients: librsvg (rsvg-convert) and headless Chromium.
# Both must produce a non-blank PNG; look at them in build/release/.
# Needs: apt-get install librsvg2-bin chromium   (run from the repository root)
set -u
out=build/release; mkdir -p "$out"; fail=0
for y in maps/*.yaml; do
  n=$(basename "$y" .yaml)
  build/cjmap build "$y" -o "$out/$n.svg" || { echo "FAIL build $n"; fail=1; continue; }
  if rsvg-convert -z 0.5 "$out/$n.svg" -o "$out/$n-rsvg.png" && [ "$(stat -c %s "$out/$n-rsvg.png")" -gt 20000 ]
  then echo "PASS librsvg draws $n"; else echo "FAIL librsvg draws $n"; fail=1; fi
  if timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
       --disable-background-networking --disable-component-update --disable-sync \
       --user-data-dir="$(mktemp -d)" --window-size=1600,1200 --screenshot="$out/$n-chromium.png" \
       "file://$PWD/$out/$n.svg" 2>/dev/null && [ "$(stat -c %s "$out/$n-chromium.png")" -gt 20000 ]
  then echo "PASS chromium draws $n"; else echo "FAIL chromium draws $n"; fail=1; fi
done
exit $fail
