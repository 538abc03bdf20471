/*
** vocab.h — the format's vocabularies: names of channels, modes, owners,
** levels, locales and lanes, and each channel's default mode and contact.
** One table per vocabulary; the validator, the public *_name() functions
** and (later) the JSON Schema all read these.
*/
#ifndef CJ_VOCAB_H
#define CJ_VOCAB_H
#include <cjmap.h>

typedef struct cj_channel_info {
    const char *name;
    cjmap_mode mode;
    cjmap_contact contact;
} cj_channel_info;

extern const cj_channel_info cj_channels[CJMAP_CH_COUNT];
/* NULL-terminated name lists, indexed by enum value (UNSET entries skipped
 * where the enum has one: the list starts at the first real value). */
extern const char *const cj_channel_names[CJMAP_CH_COUNT + 1];
extern const char *const cj_state_names[3];    /* current, future */
extern const char *const cj_locale_names[CJMAP_LOCALE_COUNT + 1];
extern const char *const cj_mode_names[3];     /* online, offline */
extern const char *const cj_contact_names[3];  /* direct, indirect */
extern const char *const cj_owner_names[5];    /* owned, paid, earned, partner */
extern const char *const cj_exp_type_names[3]; /* emotional, rational */
extern const char *const cj_level_names[4];    /* low, medium, high */
extern const char *const cj_lane_names[CJMAP_LANE_COUNT + 1];
#endif
