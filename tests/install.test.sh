# tests/install.test.sh — make install / uninstall into a staging DESTDIR, and
# the completions load in bash (and zsh when present).
. tests/lib.sh
D=$TMP/stage
make --no-print-directory -s install BUILD="$BUILD" PREFIX=/usr DESTDIR="$D" >/dev/null 2>&1; expect_eq "install exit" 0 $?
for f in bin/cjmap share/man/man1/cjmap.1 share/bash-completion/completions/cjmap share/zsh/site-functions/_cjmap; do
  [ -f "$D/usr/$f" ] && pass "installed $f" || fail "installed $f" "missing"
done
[ -x "$D/usr/bin/cjmap" ] && "$D/usr/bin/cjmap" --version >/dev/null && pass "installed binary runs" || fail "installed binary runs" "no"
out=$(bash -c '. completions/cjmap.bash; COMP_WORDS=(cjmap ch); COMP_CWORD=1; _cjmap; echo "${COMPREPLY[*]}"' 2>&1)
expect_eq "bash completion: commands" "check" "$out"
out=$(bash -c '. completions/cjmap.bash; COMP_WORDS=(cjmap init --model f); COMP_CWORD=3; _cjmap; echo "${COMPREPLY[*]}"' 2>&1)
expect_eq "bash completion: models" "five-step" "$out"
out=$(bash -c '. completions/cjmap.bash; COMP_WORDS=(cjmap build --layout r); COMP_CWORD=3; _cjmap; echo "${COMPREPLY[*]}"' 2>&1)
expect_eq "bash completion: layouts" "rows" "$out"
out=$(bash -c '. completions/cjmap.bash; COMP_WORDS=(cjmap build --la); COMP_CWORD=2; _cjmap; echo "${COMPREPLY[*]}"' 2>&1)
expect_eq "bash completion: build options" "--landscape --layout" "$out"
out=$(bash -c '. completions/cjmap.bash; COMP_WORDS=(cjmap pr); COMP_CWORD=1; _cjmap; echo "${COMPREPLY[*]}"' 2>&1)
expect_eq "bash completion: preview" "preview" "$out"
out=$(bash -c '. completions/cjmap.bash; COMP_WORDS=(cjmap preview --p); COMP_CWORD=2; _cjmap; echo "${COMPREPLY[*]}"' 2>&1)
expect_eq "bash completion: preview options" "--port --page --portrait" "$out"
if command -v zsh >/dev/null; then
  out=$(zsh -n completions/_cjmap 2>&1); expect_eq "zsh completion parses" "" "$out"
fi
make --no-print-directory -s uninstall PREFIX=/usr DESTDIR="$D" >/dev/null 2>&1; expect_eq "uninstall exit" 0 $?
left=$(find "$D" -type f | wc -l); expect_eq "uninstall removes every file" 0 "$left"
exit 0
