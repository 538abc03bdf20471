/*
** source.h — the input bytes, their line index and position conversions.
**
** libyaml reports positions as a character index (code points from the
** start, BOM excluded, CR and LF each counting one).  Everything else in
** cjmap speaks 1-based line and code-point column, with lines broken only
** at LF, CR and CRLF (what editors show; libyaml also breaks at NEL, LS
** and PS).  This module is the one place that converts between them.
*/
#ifndef CJ_SOURCE_H
#define CJ_SOURCE_H
#include "arena.h"

#include <cjmap.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct cj_source {
    const char *name;  /* for diagnostics */
    const char *bytes; /* arena copy, NUL-terminated (may contain NULs) */
    size_t len;
    size_t start;      /* 3 when the input starts with a UTF-8 BOM, else 0 */
    size_t n_lines;
    size_t *line_byte; /* byte offset where each line starts (n_lines entries) */
    size_t *line_char; /* character index (libyaml's unit) where each line starts */
    size_t n_chars;    /* characters in all */
} cj_source;

/* Where the last position looked up was: positions asked for in source
 * order cost O(1) each (a line is pure ASCII when its bytes and characters
 * are as many), any other order a binary search. */
typedef struct cj_source_cursor {
    size_t line;      /* 0-based */
    size_t idx, byte; /* the last character index and its byte offset */
} cj_source_cursor;

/* Line and column (1-based) and byte offset of libyaml character index idx. */
void cj_source_locate(const cj_source *s, cj_source_cursor *c, size_t idx, uint32_t *line,
                      uint32_t *col, size_t *byte);

/* Copies bytes into the arena and indexes lines.  Run cj_source_check_utf8()
 * first when the bytes may not be UTF-8: the index assumes valid UTF-8 only
 * for character counting, and never reads out of bounds either way. */
void cj_source_init(cj_source *s, cj_arena *a, const char *name, const char *bytes, size_t len);

/* The first problem with the encoding at or after byte `from`: invalid or
 * truncated UTF-8, overlong forms, surrogates, code points past U+10FFFF, a
 * NUL byte.  Returns false when none; else sets *at (byte offset), *bad_len
 * and a static description in *what. */
bool cj_source_bad_utf8(const cj_source *s, size_t from, size_t *at, size_t *bad_len,
                        const char **what);

/* 1-based position of a byte offset / a libyaml character index. */
cjmap_span cj_source_span_bytes(const cj_source *s, size_t from, size_t to);
cjmap_span cj_source_span_chars(const cj_source *s, size_t from, size_t to);

/* Byte offset of libyaml character index `idx`. */
size_t cj_source_char_byte(const cj_source *s, size_t idx);

/* Line `line` (1-based) without its line break: pointer and byte length.
 * Returns false when out of range. */
bool cj_source_line(const cj_source *s, uint32_t line, const char **text, size_t *len);

/* Decodes one UTF-8 sequence at p (n bytes available).  Returns its length
 * (>= 1) and stores the code point, or U+FFFD for an invalid sequence. */
size_t cj_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);
#endif
