/*
** init.h — internal: the ids `cjmap init` derives from localized names.
*/
#ifndef CJ_INIT_H
#define CJ_INIT_H

enum { CJ_INIT_ID_MAX = 64 };

/* The id of `name` into out (CJ_INIT_ID_MAX bytes): lowercase (Latin,
 * Greek, Cyrillic), each run of spaces and punctuation one '-', no '-' at
 * either end, letters of every script kept; `fallback` when nothing is
 * left.  Long names are cut at a character boundary, leaving room for a
 * "-NN" suffix. */
void cj_init_derive_id(char *out, const char *name, const char *fallback);

#endif
