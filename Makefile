# cjmap — customer journey map compiler.
#
#   make demo     build, then run cjmap on every map in maps/
#   make check    all tests, plain and under AddressSanitizer + UndefinedBehaviorSanitizer
#   make deps     install missing Debian packages (apt-get as root; otherwise prints the command)
#
# Every other target runs `deps` first, so a bare Debian 12 machine needs nothing but
# build-essential and make.  Library flags come from pkg-config only.

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
SHELL := /bin/bash

PKGS        := yaml-0.1 cairo pangocairo libpng glib-2.0 gio-2.0 jansson libsoup-3.0
# Debian packages: build and test dependencies.
DEB_BUILD   := pkg-config libyaml-dev libcairo2-dev libpango1.0-dev libpng-dev libglib2.0-dev fonts-dejavu-core \
               fonts-wqy-microhei fonts-symbola libhyphen-dev hyphen-da hyphen-no hyphen-sv hyphen-de \
               hyphen-en-us libjansson-dev libsoup-3.0-dev
DEB_TEST    := poppler-utils libxml2-utils mandoc python3-jsonschema python3-yaml valgrind qpdf neovim \
               chromium
DEB_ALL     := $(DEB_BUILD) $(DEB_TEST)
# Node.js and npm (tests/lsp-node.test.sh) are checked by command, not by
# package: nodesource's nodejs bundles npm and conflicts with Debian's npm, so
# Debian's `nodejs npm` are added only when `node` or `npm` is missing.
DEB_NODE    := nodejs npm

BUILD      ?= build
SAN        ?=
CC         ?= cc
OPT        ?= -O2
WARN       := -std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
              -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(SAN),1)
  OPT      := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined,float-cast-overflow \
              -fno-sanitize-recover=undefined,float-cast-overflow
endif
ifeq ($(SAN),fuzz)
  OPT      := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
              -fno-sanitize-recover=undefined
endif
# Recursive (=) so pkg-config runs only after `deps` has installed it.
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS))
# libhyphen has no pkg-config file in Debian: its one library is named here.
PKG_LIBS    = $(shell pkg-config --libs $(PKGS)) -lhyphen -lm
ALL_CFLAGS  = $(WARN) $(OPT) -g -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(OPT) -g $(LDFLAGS)

# The library is every src/*.c except the command-line front end (src/cli*.c).
CLI_SRC     := $(wildcard src/cli*.c)
LIB_SRC     := $(filter-out $(CLI_SRC),$(wildcard src/*.c))
LIB_OBJ     := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ     := $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/preview_assets.o
# The preview's page (src/preview/), embedded in the binary as byte arrays.
PREVIEW_ASSETS := src/preview/index.html src/preview/preview.js src/preview/preview.css
UNIT_SRC    := $(wildcard tests/unit/*.c)
UNIT_BIN    := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB         := $(BUILD)/libcjmap.a
BIN         := $(BUILD)/cjmap

.PHONY: all deps demo check test clean format tidy cppcheck install uninstall fuzz fuzz-deps fuzz-merge \
        fuzz-lsp

PREFIX     ?= /usr/local
DESTDIR    ?=
INSTALLED  := $(PREFIX)/bin/cjmap $(PREFIX)/share/man/man1/cjmap.1 \
              $(PREFIX)/share/bash-completion/completions/cjmap \
              $(PREFIX)/share/zsh/site-functions/_cjmap

# The language server's fuzz targets also run their seeds in the test builds.
REPLAY_BIN  := $(BUILD)/tests/replay_lsp $(BUILD)/tests/replay_lsp_edits

all: $(BIN) $(UNIT_BIN) $(REPLAY_BIN)

deps:
	@missing=""; \
	for p in $(DEB_ALL); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	command -v node >/dev/null && command -v npm >/dev/null || missing="$$missing $(DEB_NODE)"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "cjmap: installing missing Debian packages:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	      || { echo "cjmap: apt-get failed" >&2; exit 1; }; \
	  else \
	    echo "cjmap: missing Debian packages:$$missing" >&2; \
	    echo "cjmap: install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

$(BUILD)/obj/%.o: src/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/preview_assets.c: $(PREVIEW_ASSETS)
	@mkdir -p $(@D)
	@{ echo '/* Generated from src/preview/ by the Makefile: do not edit. */'; \
	  echo '#include <stddef.h>'; \
	  for f in $(PREVIEW_ASSETS); do \
	    n=$$(basename $$f | tr '.-' '__'); n=$${n/preview_js/js}; n=$${n/preview_css/css}; \
	    echo "extern const unsigned char cj_preview_$$n[]; extern const size_t cj_preview_$${n}_len;"; \
	    echo "const unsigned char cj_preview_$$n[] = {"; \
	    od -An -v -tx1 $$f | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo "0};"; \
	    echo "const size_t cj_preview_$${n}_len = sizeof cj_preview_$$n - 1;"; \
	  done; } >$@

$(BUILD)/obj/preview_assets.o: $(BUILD)/gen/preview_assets.c | deps
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/harness.h $(LIB) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIB) $(PKG_LIBS)

$(BUILD)/tests/replay_lsp: tests/fuzz/replay.c tests/fuzz/fuzz_lsp.c tests/fuzz/lsp_sink.h $(LIB) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DSEEDS='"tests/fuzz/lsp"' -o $@ tests/fuzz/replay.c tests/fuzz/fuzz_lsp.c $(LIB) $(PKG_LIBS)

$(BUILD)/tests/replay_lsp_edits: tests/fuzz/replay.c tests/fuzz/fuzz_lsp_edits.c tests/fuzz/lsp_sink.h $(LIB) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DSEEDS='"tests/fuzz/lsp-edits"' -o $@ tests/fuzz/replay.c tests/fuzz/fuzz_lsp_edits.c $(LIB) $(PKG_LIBS)

# `make demo`: the main job on every bundled map: check, then PDF and PNG in out/.
demo: $(BIN)
	@$(BIN) check maps/*.yaml
	@mkdir -p out
	@$(BIN) build maps/*.yaml -O out -f pdf
	@$(BIN) build maps/*.yaml -O out -f png
	@echo "cjmap: rendered $(words $(wildcard maps/*.yaml)) maps to out/ (PDF and PNG):"
	@ls out

# `make check`: the whole suite twice — an optimised build, then the same
# tests under ASan + UBSan.  The runner's last line is "N passed, N failed".
check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 all
	@bash tests/run.sh build build/asan

test: check

# `make fuzz FUZZ_SECONDS=N`: libFuzzer (clang, from Debian) over the whole
# pipeline, seeded with maps/ and the test inputs.  New inputs go to
# build/fuzz/corpus; `make fuzz-merge` folds the useful ones into the small
# committed corpus tests/fuzz/corpus.
FUZZ_SECONDS ?= 60
FUZZ_BIN     := build/fuzz/fuzz_load
FUZZ_FLAGS    = -max_len=65536 -timeout=10 -rss_limit_mb=2048 -dict=tests/fuzz/yaml.dict
fuzz-deps:
	@command -v clang >/dev/null && dpkg-query -W -f='$${Status}' libclang-rt-14-dev 2>/dev/null | grep -q 'ok installed' \
	  || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null; } \
	  || { echo "cjmap: fuzzing needs: sudo apt-get install clang libclang-rt-14-dev" >&2; exit 1; }

$(FUZZ_BIN): tests/fuzz/fuzz_load.c $(LIB_SRC) | fuzz-deps deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz SAN=fuzz CC=clang build/fuzz/libcjmap.a
	clang -O1 -g -fsanitize=fuzzer,address,undefined -Iinclude -o $@ $< build/fuzz/libcjmap.a $(PKG_LIBS)

fuzz: $(FUZZ_BIN)
	@mkdir -p build/fuzz/corpus
	$(FUZZ_BIN) $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	  -artifact_prefix=build/fuzz/ build/fuzz/corpus tests/fuzz/corpus tests/fuzz/regress maps tests/good tests/diag

# `make fuzz-lsp FUZZ_SECONDS=N`: the language server's message reader
# (tests/fuzz/fuzz_lsp.c, seeds tests/fuzz/lsp), then programs of edits and
# requests to every language feature (tests/fuzz/fuzz_lsp_edits.c, seeds
# tests/fuzz/lsp-edits), N seconds each.
FUZZ_LSP_BIN := build/fuzz/fuzz_lsp build/fuzz/fuzz_lsp_edits
$(FUZZ_LSP_BIN): build/fuzz/%: tests/fuzz/%.c tests/fuzz/lsp_sink.h $(LIB_SRC) | fuzz-deps deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz SAN=fuzz CC=clang build/fuzz/libcjmap.a
	clang -O1 -g -fsanitize=fuzzer,address,undefined -Iinclude -o $@ $< build/fuzz/libcjmap.a $(PKG_LIBS)

fuzz-lsp: $(FUZZ_LSP_BIN)
	@mkdir -p build/fuzz/corpus-lsp build/fuzz/corpus-lsp-edits
	build/fuzz/fuzz_lsp -max_len=65536 -timeout=10 -rss_limit_mb=2048 -max_total_time=$(FUZZ_SECONDS) \
	  -print_final_stats=1 -artifact_prefix=build/fuzz/lsp- build/fuzz/corpus-lsp tests/fuzz/lsp
	build/fuzz/fuzz_lsp_edits -max_len=4096 -timeout=10 -rss_limit_mb=2048 -max_total_time=$(FUZZ_SECONDS) \
	  -print_final_stats=1 -artifact_prefix=build/fuzz/lsp-edits- build/fuzz/corpus-lsp-edits tests/fuzz/lsp-edits

# Edge coverage only (-use_counters=0): the committed seeds stay small
# (about 300 files, 200 KB) and still reach every edge the runs found.
fuzz-merge: $(FUZZ_BIN)
	@mkdir -p tests/fuzz/corpus
	$(FUZZ_BIN) $(FUZZ_FLAGS) -use_counters=0 -merge=1 tests/fuzz/corpus build/fuzz/corpus

# `make install PREFIX=/usr DESTDIR=/tmp/pkg`: the binary, cjmap(1), bash and zsh completions.
install: $(BIN)
	install -Dm755 $(BIN) $(DESTDIR)$(PREFIX)/bin/cjmap
	install -Dm644 man/cjmap.1 $(DESTDIR)$(PREFIX)/share/man/man1/cjmap.1
	install -Dm644 completions/cjmap.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/cjmap
	install -Dm644 completions/_cjmap $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_cjmap

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))

clean:
	rm -rf build

format:
	clang-format -i src/*.c src/*.h include/*.h tests/unit/*.c tests/*.h

tidy:
	clang-tidy --quiet src/*.c -- $(ALL_CFLAGS)

cppcheck:
	cppcheck --quiet --inline-suppr --enable=warning,performance,portability --std=c11 --error-exitcode=1 \
	  --suppress=missingIncludeSystem --suppress=varFuncNullUB -Iinclude -Isrc src

include bench/bench.mk

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
