# bench/bench.mk — `make bench` (issues 7 and 15; see docs/performance.md); included from the Makefile.
#
#   make bench                          measure $(BIN), built from this tree
#   make bench BIN=/tmp/rb/build/cjmap  measure another cjmap binary, used as it is
#
# Builds the generator (genjourney), the Graphviz reference (gendot, linked
# with libcjmap), and the start-up floor program into $(BUILD)/bench, then
# runs bench/run.sh, which installs hyperfine, graphviz and time when missing
# (apt-get as root; otherwise it prints the command), generates the journeys
# into $(BUILD)/bench and prints the results as Markdown tables.  BENCH_SIZES,
# BENCH_RUNS, BENCH_TIMEOUT, BENCH_SLOW and BENCH_SEED are passed through
# the environment (see bench/run.sh).

BENCH_DIR   := $(BUILD)/bench
BENCH_TOOLS := $(BENCH_DIR)/genjourney $(BENCH_DIR)/gendot $(BENCH_DIR)/floor
BENCH_CC     = $(CC) $(WARN) -O2 -g -D_POSIX_C_SOURCE=200809L

.PHONY: bench bench-tools pagecount

# A BIN given on the command line is measured as it is: never rebuilt (the
# $(BIN) rule would relink it from this tree's objects).
ifeq ($(origin BIN),command line)
bench: bench-tools
else
bench: $(BIN) bench-tools
endif
	@bash bench/run.sh $(BIN) $(BENCH_DIR) $(BENCH_DIR)

bench-tools: $(BENCH_TOOLS)

$(BENCH_DIR)/genjourney: bench/genjourney.c | deps
	@mkdir -p $(@D)
	$(BENCH_CC) -o $@ $<

$(BENCH_DIR)/gendot: bench/gendot.c include/cjmap.h $(LIB) | deps
	@mkdir -p $(@D)
	$(BENCH_CC) -Iinclude -o $@ $< $(LIB) $(PKG_LIBS)

$(BENCH_DIR)/floor: bench/floor.c | deps
	@mkdir -p $(@D)
	$(BENCH_CC) $(shell pkg-config --cflags pangocairo) -o $@ $< $(shell pkg-config --libs pangocairo)

# `make pagecount`: the page-count report of issue 14 (items 2, 3): pages on A4
# and A3, both orientations, beside the area lower bound, for the maps and
# generated journeys (5-12 phases, 10-40 touchpoints).  See docs/paper.md.
PAGECOUNT_GEN := 5/10/15 6/16/20 7/26/30 8/20/40 9/30/45 10/36/50 12/40/60
pagecount: $(BENCH_DIR)/pagecount $(BENCH_DIR)/genjourney
	@mkdir -p $(BENCH_DIR)/pagecount-journeys
	@for s in $(PAGECOUNT_GEN); do IFS=/ read -r p t e <<<"$$s"; \
	  $(BENCH_DIR)/genjourney $$p $$t $$e 1 >$(BENCH_DIR)/pagecount-journeys/gen-$$p-$$t-$$e.yaml; done
	@$(BENCH_DIR)/pagecount maps/*.yaml $(BENCH_DIR)/pagecount-journeys/*.yaml

$(BENCH_DIR)/pagecount: bench/pagecount.c include/cjmap.h include/cjmap_render.h $(LIB) | deps
	@mkdir -p $(@D)
	$(BENCH_CC) -Iinclude -o $@ $< $(LIB) $(PKG_LIBS)
