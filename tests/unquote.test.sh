# tests/unquote.test.sh — generator test for "inside { } or [ ] a text with
# ', ', ': ' or ' #' needs quotes": takes every valid journey in maps/ and
# tests/good, removes the quotes of one quoted text in a flow collection that
# contains ', ', ': ' or ' #' (or a comma), and checks that the first error is
# on the changed line, says the text needs quotes, and carries a fix that
# gives back a file cjmap accepts as it accepted the original.  One PASS/FAIL
# line per variant; the text handling is in tests/unquote.py (which lists the
# texts it skips and why).  UNQUOTE_VERBOSE=1 (or VERBOSE=1) also prints the
# number of variants per file and the skipped texts.
. tests/lib.sh
PY=/usr/bin/python3
if ! [ -x "$PY" ] || ! "$PY" -c 'import yaml' 2>/dev/null; then
  fail "unquote" "needs $PY with PyYAML (python3-yaml)"
else
  CJMAP=$CJMAP TMP=$TMP "$PY" tests/unquote.py maps/*.yaml tests/good/*.yaml
fi
