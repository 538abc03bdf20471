# bench/bench.mk — `make bench` (see bench/README.md); included from the Makefile.
.PHONY: bench
bench: $(BIN)
	@echo "bench: not yet written" >&2; exit 1
