/*
** icons.c — channel pictograms.  Each is built in a 12x12 box (y down) by a
** tiny pen (move/line/curve/close), then scaled.  Shapes: globe (web),
** phone with home bar (app), envelope with flap (email), bubble with dots
** (sms), two bubbles (chat), share graph (social), magnifier (search),
** megaphone (ads), star (review), handset (phone), shop with awning
** (store), calendar (event), two people (meeting), dog-eared page (print),
** billboard (outdoor), envelope with stamp (mail), box (packaging), truck
** (delivery), screen on stand (tv), radio set (radio), head with sound
** waves (word of mouth), newspaper (press), ellipsis in a circle (other).
*/
#include "icons.h"

#include <math.h>

#define CJ_PI 3.14159265358979323846

typedef struct pen {
    cj_pseg *o;
    size_t n;
    double x, y, s; /* placement: box origin and scale factor (s / 12) */
} pen;

static void seg(pen *p, int op, double x0, double y0, double x1, double y1, double x2, double y2) {
    if (p->n >= CJ_ICON_MAX_SEGS) return;
    cj_pseg *g = &p->o[p->n++];
    g->op = (uint8_t)op;
    double xs[3] = {x0, x1, x2}, ys[3] = {y0, y1, y2};
    for (int i = 0; i < 3; i++) {
        g->x[i] = p->x + xs[i] * p->s;
        g->y[i] = p->y + ys[i] * p->s;
    }
}
static void M(pen *p, double x, double y) { seg(p, CJ_P_MOVE, x, y, 0, 0, 0, 0); }
static void L(pen *p, double x, double y) { seg(p, CJ_P_LINE, x, y, 0, 0, 0, 0); }
static void C(pen *p, double a, double b, double c, double d, double e, double f) {
    seg(p, CJ_P_CURVE, a, b, c, d, e, f);
}
static void Z(pen *p) { seg(p, CJ_P_CLOSE, 0, 0, 0, 0, 0, 0); }

static void ellipse(pen *p, double cx, double cy, double rx, double ry) {
    const double k = 0.5522847498;
    M(p, cx + rx, cy);
    C(p, cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry);
    C(p, cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy);
    C(p, cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry);
    C(p, cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy);
    Z(p);
}
static void circle(pen *p, double cx, double cy, double r) { ellipse(p, cx, cy, r, r); }
static void rect(pen *p, double x0, double y0, double x1, double y1) {
    M(p, x0, y0);
    L(p, x1, y0);
    L(p, x1, y1);
    L(p, x0, y1);
    Z(p);
}
static void line(pen *p, double x0, double y0, double x1, double y1) {
    M(p, x0, y0);
    L(p, x1, y1);
}
/* Right half of a circle, as one cubic (a sound wave). */
static void wave(pen *p, double cx, double cy, double r) {
    M(p, cx, cy - r);
    C(p, cx + 1.33 * r, cy - r, cx + 1.33 * r, cy + r, cx, cy + r);
}
static void star(pen *p, double cx, double cy, double r) {
    for (int i = 0; i < 10; i++) {
        double a = -CJ_PI / 2 + i * CJ_PI / 5, rr = (i % 2) ? r * 0.45 : r;
        double x = cx + rr * cos(a), y = cy + rr * sin(a);
        if (i == 0) M(p, x, y);
        else L(p, x, y);
    }
    Z(p);
}
static void bubble(pen *p, double x0, double y0, double x1, double y1, double tx) {
    M(p, x0 + 1, y0);
    L(p, x1 - 1, y0);
    C(p, x1 - 0.45, y0, x1, y0 + 0.45, x1, y0 + 1);
    L(p, x1, y1 - 1);
    C(p, x1, y1 - 0.45, x1 - 0.45, y1, x1 - 1, y1);
    L(p, tx + 2.2, y1);
    L(p, tx, y1 + 2.2);
    L(p, tx, y1);
    L(p, x0 + 1, y1);
    C(p, x0 + 0.45, y1, x0, y1 - 0.45, x0, y1 - 1);
    L(p, x0, y0 + 1);
    C(p, x0, y0 + 0.45, x0 + 0.45, y0, x0 + 1, y0);
    Z(p);
}

size_t cj_icon_path(cjmap_channel ch, double x, double y, double s, cj_pseg *out) {
    pen p = {out, 0, x, y, s / 12.0};
    switch (ch) {
    case CJMAP_CH_WEB:
        circle(&p, 6, 6, 5);
        ellipse(&p, 6, 6, 2.2, 5);
        line(&p, 1, 6, 11, 6);
        line(&p, 2, 3.3, 10, 3.3);
        line(&p, 2, 8.7, 10, 8.7);
        break;
    case CJMAP_CH_APP:
        M(&p, 4, 1);
        L(&p, 8, 1);
        C(&p, 8.6, 1, 9, 1.4, 9, 2);
        L(&p, 9, 10);
        C(&p, 9, 10.6, 8.6, 11, 8, 11);
        L(&p, 4, 11);
        C(&p, 3.4, 11, 3, 10.6, 3, 10);
        L(&p, 3, 2);
        C(&p, 3, 1.4, 3.4, 1, 4, 1);
        Z(&p);
        line(&p, 5.2, 9.4, 6.8, 9.4);
        break;
    case CJMAP_CH_EMAIL:
        rect(&p, 1.2, 2.8, 10.8, 9.2);
        M(&p, 1.2, 2.8);
        L(&p, 6, 6.6);
        L(&p, 10.8, 2.8);
        break;
    case CJMAP_CH_SMS:
        bubble(&p, 1.2, 1.8, 10.8, 8.2, 3.2);
        line(&p, 3.6, 5, 4.2, 5);
        line(&p, 5.7, 5, 6.3, 5);
        line(&p, 7.8, 5, 8.4, 5);
        break;
    case CJMAP_CH_CHAT:
        bubble(&p, 1, 1.2, 7.6, 5.8, 2.6);
        M(&p, 8.8, 4);
        L(&p, 10, 4);
        C(&p, 10.6, 4, 11, 4.4, 11, 5);
        L(&p, 11, 8.6);
        C(&p, 11, 9.2, 10.6, 9.6, 10, 9.6);
        L(&p, 9.4, 9.6);
        L(&p, 9.4, 11.2);
        L(&p, 7.8, 9.6);
        L(&p, 5, 9.6);
        C(&p, 4.4, 9.6, 4, 9.2, 4, 8.6);
        L(&p, 4, 7.4);
        break;
    case CJMAP_CH_SOCIAL:
        circle(&p, 2.8, 6, 1.6);
        circle(&p, 9.2, 2.6, 1.6);
        circle(&p, 9.2, 9.4, 1.6);
        line(&p, 4.2, 5.2, 7.8, 3.4);
        line(&p, 4.2, 6.8, 7.8, 8.6);
        break;
    case CJMAP_CH_SEARCH:
        circle(&p, 5, 5, 3.6);
        line(&p, 7.6, 7.6, 11, 11);
        break;
    case CJMAP_CH_ADS:
        M(&p, 1.5, 4.6);
        L(&p, 4.2, 4.6);
        L(&p, 9.5, 1.8);
        L(&p, 9.5, 10.2);
        L(&p, 4.2, 7.4);
        L(&p, 1.5, 7.4);
        Z(&p);
        line(&p, 3.6, 7.4, 4.8, 10.6);
        line(&p, 10.8, 5, 10.8, 7);
        break;
    case CJMAP_CH_REVIEW:
        star(&p, 6, 6.4, 5.4);
        break;
    case CJMAP_CH_PHONE:
        /* Handset: ear piece, grip, mouth piece. */
        M(&p, 2.2, 1.6);
        L(&p, 4.3, 1.2);
        L(&p, 5.2, 3.8);
        L(&p, 3.9, 4.9);
        C(&p, 4.6, 6.6, 5.4, 7.4, 7.1, 8.1);
        L(&p, 8.2, 6.8);
        L(&p, 10.8, 7.7);
        L(&p, 10.4, 9.8);
        C(&p, 9.9, 10.8, 8.8, 11, 7.6, 10.6);
        C(&p, 4.6, 9.6, 2.4, 7.4, 1.4, 4.4);
        C(&p, 1, 3.2, 1.2, 2.1, 2.2, 1.6);
        Z(&p);
        break;
    case CJMAP_CH_STORE:
        M(&p, 1.2, 4.2);
        L(&p, 2.4, 1.4);
        L(&p, 9.6, 1.4);
        L(&p, 10.8, 4.2);
        Z(&p);
        line(&p, 4.6, 1.4, 4.2, 4.2);
        line(&p, 7.4, 1.4, 7.8, 4.2);
        M(&p, 2.2, 4.2);
        L(&p, 2.2, 10.8);
        L(&p, 9.8, 10.8);
        L(&p, 9.8, 4.2);
        M(&p, 5, 10.8);
        L(&p, 5, 7.2);
        L(&p, 7, 7.2);
        L(&p, 7, 10.8);
        break;
    case CJMAP_CH_EVENT:
        rect(&p, 1.4, 2.4, 10.6, 10.6);
        line(&p, 1.4, 5, 10.6, 5);
        line(&p, 4, 1.2, 4, 3.4);
        line(&p, 8, 1.2, 8, 3.4);
        rect(&p, 6.6, 7, 8.6, 9);
        break;
    case CJMAP_CH_MEETING:
        circle(&p, 3.8, 3.6, 1.8);
        circle(&p, 8.2, 3.6, 1.8);
        M(&p, 0.8, 10.6);
        C(&p, 0.8, 7.4, 2.2, 6.4, 3.8, 6.4);
        C(&p, 5.1, 6.4, 5.8, 7, 6, 7.6);
        C(&p, 6.2, 7, 6.9, 6.4, 8.2, 6.4);
        C(&p, 9.8, 6.4, 11.2, 7.4, 11.2, 10.6);
        break;
    case CJMAP_CH_PRINT:
        M(&p, 2.4, 1);
        L(&p, 7.4, 1);
        L(&p, 9.6, 3.2);
        L(&p, 9.6, 11);
        L(&p, 2.4, 11);
        Z(&p);
        M(&p, 7.4, 1);
        L(&p, 7.4, 3.2);
        L(&p, 9.6, 3.2);
        line(&p, 4, 5.4, 8, 5.4);
        line(&p, 4, 7.2, 8, 7.2);
        line(&p, 4, 9, 6.6, 9);
        break;
    case CJMAP_CH_OUTDOOR:
        rect(&p, 0.8, 1.6, 11.2, 7.4);
        line(&p, 3.8, 7.4, 3.8, 11);
        line(&p, 8.2, 7.4, 8.2, 11);
        line(&p, 2.4, 11, 9.6, 11);
        break;
    case CJMAP_CH_MAIL:
        rect(&p, 1, 2.6, 11, 9.4);
        rect(&p, 8, 3.6, 10, 5.8);
        line(&p, 2.6, 6.8, 6.6, 6.8);
        line(&p, 2.6, 8.2, 5.4, 8.2);
        break;
    case CJMAP_CH_PACKAGING:
        M(&p, 6, 1);
        L(&p, 11, 3.4);
        L(&p, 11, 8.8);
        L(&p, 6, 11.2);
        L(&p, 1, 8.8);
        L(&p, 1, 3.4);
        Z(&p);
        M(&p, 1, 3.4);
        L(&p, 6, 5.8);
        L(&p, 11, 3.4);
        line(&p, 6, 5.8, 6, 11.2);
        break;
    case CJMAP_CH_DELIVERY:
        rect(&p, 0.6, 2.6, 7.2, 8.4);
        M(&p, 7.2, 4.6);
        L(&p, 9.6, 4.6);
        L(&p, 11.4, 6.6);
        L(&p, 11.4, 8.4);
        L(&p, 7.2, 8.4);
        circle(&p, 3.2, 9.4, 1.3);
        circle(&p, 9.2, 9.4, 1.3);
        break;
    case CJMAP_CH_TV:
        rect(&p, 1, 1.6, 11, 8.4);
        line(&p, 6, 8.4, 6, 10.6);
        line(&p, 3.4, 10.6, 8.6, 10.6);
        break;
    case CJMAP_CH_RADIO:
        rect(&p, 1, 4, 11, 10.8);
        circle(&p, 4.4, 7.4, 1.9);
        line(&p, 7.6, 6, 9.6, 6);
        line(&p, 7.6, 7.4, 9.6, 7.4);
        line(&p, 7.6, 8.8, 9.6, 8.8);
        line(&p, 3, 4, 9, 1);
        break;
    case CJMAP_CH_WORD_OF_MOUTH:
        circle(&p, 3.6, 4, 2.2);
        M(&p, 0.6, 11);
        C(&p, 0.6, 8, 1.8, 7, 3.6, 7);
        C(&p, 5.4, 7, 6.6, 8, 6.6, 11);
        wave(&p, 7.6, 4.6, 1.4);
        wave(&p, 8.2, 4.6, 3.0);
        break;
    case CJMAP_CH_PRESS:
        rect(&p, 1, 1.6, 11, 10.4);
        line(&p, 2.6, 3.6, 9.4, 3.6);
        line(&p, 2.6, 4.2, 9.4, 4.2);
        rect(&p, 2.6, 5.8, 5.6, 8.8);
        line(&p, 7, 6.2, 9.4, 6.2);
        line(&p, 7, 7.6, 9.4, 7.6);
        line(&p, 7, 9, 9.4, 9);
        break;
    case CJMAP_CH_OTHER:
    default:
        circle(&p, 6, 6, 5);
        circle(&p, 3.6, 6, 0.45);
        circle(&p, 6, 6, 0.45);
        circle(&p, 8.4, 6, 0.45);
        break;
    }
    return p.n;
}

size_t cj_circle_path(double cx, double cy, double r, cj_pseg *out) {
    pen p = {out, 0, 0, 0, 1};
    circle(&p, cx, cy, r);
    return p.n;
}

size_t cj_star_path(double cx, double cy, double r, cj_pseg *out) {
    pen p = {out, 0, 0, 0, 1};
    star(&p, cx, cy, r);
    return p.n;
}

const cj_pseg *cj_item_segs(const cj_item *it, cj_pseg *buf, size_t *n) {
    *n = 0;
    if (it->type != CJ_IT_PATH) return NULL;
    if (!it->shaped) {
        *n = it->n_segs;
        return it->segs;
    }
    const cj_shape *s = it->shape;
    if (s->kind == CJ_SHAPE_CIRCLE)
        *n = cj_circle_path(s->x, s->y, s->s, buf);
    else if (s->kind == CJ_SHAPE_ICON)
        *n = cj_icon_path((cjmap_channel)s->channel, s->x, s->y, s->s, buf);
    return buf;
}
