/* vocab.c — see vocab.h.  Order matches the enums in cjmap.h. */
#include "vocab.h"

const cj_channel_info cj_channels[CJMAP_CH_COUNT] = {
    {"web", CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT},
    {"app", CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT},
    {"email", CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT},
    {"sms", CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT},
    {"chat", CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT},
    {"social", CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT},
    {"search", CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT},
    {"ads", CJMAP_MODE_ONLINE, CJMAP_CONTACT_DIRECT},
    {"review", CJMAP_MODE_ONLINE, CJMAP_CONTACT_INDIRECT},
    {"phone", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"store", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"event", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"meeting", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"print", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"outdoor", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"mail", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"packaging", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"delivery", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"tv", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"radio", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_DIRECT},
    {"word-of-mouth", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_INDIRECT},
    {"press", CJMAP_MODE_OFFLINE, CJMAP_CONTACT_INDIRECT},
    {"other", CJMAP_MODE_UNSET, CJMAP_CONTACT_UNSET},
};

const char *const cj_channel_names[CJMAP_CH_COUNT + 1] = {
    "web",    "app",     "email",   "sms",   "chat",    "social",   "search",    "ads",
    "review", "phone",   "store",   "event", "meeting", "print",    "outdoor",   "mail",
    "packaging", "delivery", "tv", "radio", "word-of-mouth", "press", "other", NULL};
const char *const cj_state_names[3] = {"current", "future", NULL};
const char *const cj_locale_names[CJMAP_LOCALE_COUNT + 1] = {"en", "da", "nb", "sv", "de", NULL};
const char *const cj_mode_names[3] = {"online", "offline", NULL};
const char *const cj_contact_names[3] = {"direct", "indirect", NULL};
const char *const cj_owner_names[5] = {"owned", "paid", "earned", "partner", NULL};
const char *const cj_exp_type_names[3] = {"emotional", "rational", NULL};
const char *const cj_level_names[4] = {"low", "medium", "high", NULL};
const char *const cj_lane_names[CJMAP_LANE_COUNT + 1] = {
    "actions",   "touchpoints", "experiences", "emotions", "pains",
    "opportunities", "metrics",  "backstage", "support",  NULL};

const cjmap_lane cjmap_default_lanes[CJMAP_LANE_COUNT] = {
    CJMAP_LANE_ACTIONS,  CJMAP_LANE_TOUCHPOINTS, CJMAP_LANE_BACKSTAGE,
    CJMAP_LANE_SUPPORT,  CJMAP_LANE_EXPERIENCES, CJMAP_LANE_EMOTIONS,
    CJMAP_LANE_PAINS,    CJMAP_LANE_OPPORTUNITIES, CJMAP_LANE_METRICS};

const char *cjmap_channel_name(cjmap_channel c) {
    return (unsigned)c < CJMAP_CH_COUNT ? cj_channel_names[c] : NULL;
}
const char *cjmap_lane_name(cjmap_lane l) {
    return (unsigned)l < CJMAP_LANE_COUNT ? cj_lane_names[l] : NULL;
}
const char *cjmap_locale_name(cjmap_locale l) {
    return (unsigned)l < CJMAP_LOCALE_COUNT ? cj_locale_names[l] : NULL;
}
const char *cjmap_mode_name(cjmap_mode m) {
    return m == CJMAP_MODE_ONLINE ? "online" : m == CJMAP_MODE_OFFLINE ? "offline" : NULL;
}
const char *cjmap_contact_name(cjmap_contact c) {
    return c == CJMAP_CONTACT_DIRECT ? "direct" : c == CJMAP_CONTACT_INDIRECT ? "indirect" : NULL;
}
const char *cjmap_owner_name(cjmap_owner o) {
    return (unsigned)o < 4 ? cj_owner_names[o] : NULL;
}
const char *cjmap_level_name(cjmap_level l) {
    return l >= CJMAP_LEVEL_LOW && l <= CJMAP_LEVEL_HIGH ? cj_level_names[l - 1] : NULL;
}
