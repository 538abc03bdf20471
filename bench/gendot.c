/*
** gendot.c — the Graphviz reference for `make bench`.
**
**   gendot [--columns] JOURNEY.yaml > journey.dot
**
** Loads a journey with libcjmap (so any valid journey works, and the texts
** are exactly those cjmap draws) and writes a `dot` graph that is the
** equivalent swimlane table: rows are the lanes, columns the phases, and each
** cell lists that cell's texts as cards, wrapped to about the line length of
** a cjmap card.  `dot -Tpdf` / `dot -Tsvg` then lay out and draw the same
** text as `cjmap build`.
**
** Structure (see docs/performance.md, "Method"):
**   default    the whole map as one HTML-like table node: a header row with
**              the phases, then one row per lane, a label cell first.  Each
**              lane cell holds a one-column table with one bordered cell
**              per card.  This is what the benchmark times.
**   --columns  one table node per phase column (header cell, then one cell
**              per lane) plus a node with the lane labels, chained left to
**              right by invisible edges; rows do not line up across
**              columns.  Kept for comparison: dot takes about as long for
**              it as for the single table (within 10 % at every size).
**
** What has no counterpart in dot: the emotion curve (the cell shows the
** phase's scores as text instead), the channel pictograms and the legend.
** Each touchpoint card carries its channel and owner as text instead.
*/
#include "cjmap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters per line in a card; about what fits in cjmap's narrowest
 * column as it comes out for generated journeys (about 190 pt at 8.5 pt
 * DejaVu Sans). */
#define WRAP 42

static const char *const lane_label[CJMAP_LANE_COUNT] = {
    "Actions", "Touchpoints", "Experiences", "Emotions", "Pains", "Opportunities", "Metrics",
};

static void die(const char *msg) {
    fprintf(stderr, "gendot: %s\n", msg);
    exit(1);
}

/* One byte of text, escaped for an HTML-like label. */
static void esc_char(char c) {
    switch (c) {
    case '&':
        fputs("&amp;", stdout);
        break;
    case '<':
        fputs("&lt;", stdout);
        break;
    case '>':
        fputs("&gt;", stdout);
        break;
    case '"':
        fputs("&quot;", stdout);
        break;
    case '\n':
    case '\r':
    case '\t':
        putchar(' ');
        break;
    default:
        putchar(c);
    }
}

/* Code points in s[0..n). */
static size_t cps(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Text between pre and post (markup, not escaped), greedily wrapped at WRAP
 * code points on spaces, lines left-aligned. */
static void wrapped2(const char *pre, const char *s, const char *post) {
    size_t col = 0;
    fputs(pre, stdout);
    while (*s) {
        while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
            s++;
        if (!*s) break;
        size_t n = strcspn(s, " \n\t\r"), w = cps(s, n);
        if (col && col + 1 + w > WRAP) {
            fputs("<BR ALIGN=\"LEFT\"/>", stdout);
            col = 0;
        } else if (col) {
            putchar(' ');
            col++;
        }
        for (size_t i = 0; i < n; i++)
            esc_char(s[i]);
        col += w;
        s += n;
    }
    fputs(post, stdout);
    fputs("<BR ALIGN=\"LEFT\"/>", stdout);
}

static void wrapped(const char *s) { wrapped2("", s, ""); }

static void card_open(const char *bg) { printf("<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"%s\">", bg); }
static void card_close(void) { fputs("</TD></TR>", stdout); }

static const char *level(cjmap_level l) {
    const char *s = cjmap_level_name(l);
    return s ? s : "";
}

/* The contents of one lane cell of phase p: a one-column table of cards, or
 * a space when the cell is empty (an HTML table needs at least one row). */
static void cell(const cjmap_model *m, size_t p, cjmap_lane lane) {
    size_t n = 0;
    fputs("<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"4\" CELLPADDING=\"4\">", stdout);
    switch (lane) {
    case CJMAP_LANE_ACTIONS:
        for (size_t i = 0; i < m->phases[p].n_actions; i++, n++) {
            card_open("white");
            wrapped2("• ", m->phases[p].actions[i], "");
            card_close();
        }
        break;
    case CJMAP_LANE_TOUCHPOINTS:
        for (size_t t = 0; t < m->n_touchpoints; t++) {
            const cjmap_touchpoint *tp = &m->touchpoints[t];
            for (size_t u = 0; u < tp->n_uses; u++) {
                if ((size_t)tp->uses[u].phase != p) continue;
                card_open("#eef3fb");
                printf("<FONT POINT-SIZE=\"7.5\">%s · %s</FONT><BR ALIGN=\"LEFT\"/>",
                       cjmap_channel_name(tp->channel), cjmap_owner_name(tp->owner));
                wrapped2("<B>", tp->name, "</B>");
                if (tp->uses[u].purpose) wrapped(tp->uses[u].purpose);
                card_close();
                n++;
            }
        }
        break;
    case CJMAP_LANE_EXPERIENCES:
        for (size_t i = 0; i < m->n_experiences; i++) {
            const cjmap_experience *e = &m->experiences[i];
            if ((size_t)e->phase != p) continue;
            card_open(e->type == CJMAP_EXP_RATIONAL ? "#eef6ee" : "#fbeef3");
            printf("<FONT POINT-SIZE=\"7.5\"><B>%s",
                   e->type == CJMAP_EXP_RATIONAL ? "Rational" : "Emotional");
            if (e->score) printf(" · %d/5", e->score);
            if (e->importance == CJMAP_LEVEL_HIGH) fputs(" ★", stdout);
            fputs("</B></FONT><BR ALIGN=\"LEFT\"/>", stdout);
            wrapped(e->text);
            card_close();
            n++;
        }
        break;
    case CJMAP_LANE_EMOTIONS: {
        /* No curve in dot: the scores, in order, as text. */
        char buf[64];
        size_t len = 0;
        for (size_t i = 0; i < m->n_experiences; i++) {
            const cjmap_experience *e = &m->experiences[i];
            if ((size_t)e->phase != p || !e->score) continue;
            if (!n) card_open("white");
            if (len + 3 > WRAP) {
                fputs("<BR ALIGN=\"LEFT\"/>", stdout);
                len = 0;
            }
            len += (size_t)snprintf(buf, sizeof buf, "%s%d", len ? " " : "", e->score);
            fputs(buf, stdout);
            n++;
        }
        if (n) card_close();
        break;
    }
    case CJMAP_LANE_PAINS:
        for (size_t i = 0; i < m->n_pains; i++) {
            const cjmap_pain *pn = &m->pains[i];
            if ((size_t)pn->phase != p) continue;
            card_open("#fdf0e6");
            printf("<FONT POINT-SIZE=\"7.5\"><B>⚠ %s</B></FONT><BR ALIGN=\"LEFT\"/>",
                   level(pn->severity));
            wrapped(pn->text);
            card_close();
            n++;
        }
        break;
    case CJMAP_LANE_OPPORTUNITIES:
        for (size_t i = 0; i < m->n_opportunities; i++) {
            const cjmap_opportunity *o = &m->opportunities[i];
            if ((size_t)o->phase != p) continue;
            card_open("#fffbe0");
            wrapped(o->text);
            card_close();
            n++;
        }
        break;
    case CJMAP_LANE_METRICS:
        for (size_t i = 0; i < m->phases[p].n_metrics; i++, n++) {
            const cjmap_metric *mt = &m->phases[p].metrics[i];
            card_open("white");
            for (const char *s = mt->name; *s; s++)
                esc_char(*s);
            fputs(": <B>", stdout);
            for (const char *s = mt->value; *s; s++)
                esc_char(*s);
            fputs("</B><BR ALIGN=\"LEFT\"/>", stdout);
            card_close();
        }
        break;
    default:
        break;
    }
    if (!n) fputs("<TR><TD BORDER=\"0\"> </TD></TR>", stdout);
    fputs("</TABLE>", stdout);
}

/* The phase header: name and statement. */
static void header(const cjmap_phase *ph) {
    wrapped2("<B><FONT POINT-SIZE=\"11\">", ph->name, "</FONT></B>");
    if (ph->statement) {
        wrapped2("<I>“", ph->statement, "”</I>");
    }
}

static void lane_name(const cjmap_model *m, cjmap_lane l) {
    const char *s = m->labels[l] ? m->labels[l] : lane_label[l];
    fputs("<B>", stdout);
    for (; *s; s++)
        esc_char(*s);
    fputs("</B>", stdout);
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "gendot: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) die("out of memory");
    for (;;) {
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) die("out of memory");
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
    }
    if (ferror(f)) die("read error");
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    int single = 1;
    if (argc == 3 && !strcmp(argv[1], "--columns")) {
        single = 0;
        argv++;
        argc--;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: gendot [--columns] JOURNEY.yaml > journey.dot\n");
        return 2;
    }
    size_t len;
    char *bytes = slurp(argv[1], &len);
    cjmap_options opts = {.max_input = 64u << 20};
    cjmap_journey *j = cjmap_journey_load(argv[1], bytes, len, &opts);
    free(bytes);
    if (!j) die("out of memory");
    const cjmap_model *m = cjmap_journey_model(j);
    if (!m) {
        cjmap_journey_print_diags(j, stderr, CJMAP_PRINT_ERRORS_ONLY);
        die("the journey has errors");
    }

    /* Only the lanes cjmap shows: those with something in them. */
    int used[CJMAP_LANE_COUNT] = {0};
    for (size_t p = 0; p < m->n_phases; p++) {
        used[CJMAP_LANE_ACTIONS] |= m->phases[p].n_actions > 0;
        used[CJMAP_LANE_METRICS] |= m->phases[p].n_metrics > 0;
    }
    used[CJMAP_LANE_TOUCHPOINTS] = m->n_touchpoints > 0;
    used[CJMAP_LANE_EXPERIENCES] = m->n_experiences > 0;
    for (size_t i = 0; i < m->n_experiences; i++)
        used[CJMAP_LANE_EMOTIONS] |= m->experiences[i].score > 0;
    used[CJMAP_LANE_PAINS] = m->n_pains > 0;
    used[CJMAP_LANE_OPPORTUNITIES] = m->n_opportunities > 0;

    printf("// Generated by bench/gendot%s from %s for `make bench`; do not edit.\n",
           single ? "" : " --columns", argv[1]);
    puts("digraph journey {");
    puts("  graph [rankdir=LR, nodesep=0, ranksep=0, charset=\"UTF-8\", labelloc=t, labeljust=l,"
         " fontname=\"DejaVu Sans\", fontsize=11];");
    puts("  node [shape=plaintext, margin=0, fontname=\"DejaVu Sans\", fontsize=8.5];");
    puts("  edge [style=invis];");
    /* Title and segment, as the graph label. */
    fputs("  label=<<FONT POINT-SIZE=\"20\"><B>", stdout);
    for (const char *s = m->title; *s; s++)
        esc_char(*s);
    fputs("</B></FONT><BR ALIGN=\"LEFT\"/>Segment: ", stdout);
    for (const char *s = m->segment_name; *s; s++)
        esc_char(*s);
    fputs("<BR ALIGN=\"LEFT\"/>", stdout);
    if (m->segment_description) wrapped(m->segment_description);
    for (size_t g = 0; g < m->n_segment_goals; g++) {
        fputs("• ", stdout);
        for (const char *s = m->segment_goals[g]; *s; s++)
            esc_char(*s);
        fputs("<BR ALIGN=\"LEFT\"/>", stdout);
    }
    puts(">;");

    const char *tbl = "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"6\">";
    if (single) {
        printf("  map [label=<%s<TR><TD> </TD>", tbl);
        for (size_t p = 0; p < m->n_phases; p++) {
            fputs("<TD ALIGN=\"LEFT\" BGCOLOR=\"#dde6f3\">", stdout);
            header(&m->phases[p]);
            fputs("</TD>", stdout);
        }
        puts("</TR>");
        for (int l = 0; l < CJMAP_LANE_COUNT; l++) {
            if (!used[l]) continue;
            fputs("<TR><TD VALIGN=\"TOP\" BGCOLOR=\"#f2f2f2\">", stdout);
            lane_name(m, (cjmap_lane)l);
            fputs("</TD>", stdout);
            for (size_t p = 0; p < m->n_phases; p++) {
                fputs("<TD VALIGN=\"TOP\">", stdout);
                cell(m, p, (cjmap_lane)l);
                fputs("</TD>", stdout);
            }
            puts("</TR>");
        }
        puts("</TABLE>>];");
    } else {
        printf("  lanes [label=<%s<TR><TD> </TD></TR>", tbl);
        for (int l = 0; l < CJMAP_LANE_COUNT; l++) {
            if (!used[l]) continue;
            fputs("<TR><TD VALIGN=\"TOP\" BGCOLOR=\"#f2f2f2\">", stdout);
            lane_name(m, (cjmap_lane)l);
            fputs("</TD></TR>", stdout);
        }
        puts("</TABLE>>];");
        for (size_t p = 0; p < m->n_phases; p++) {
            printf("  p%zu [label=<%s<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"#dde6f3\">", p, tbl);
            header(&m->phases[p]);
            puts("</TD></TR>");
            for (int l = 0; l < CJMAP_LANE_COUNT; l++) {
                if (!used[l]) continue;
                fputs("<TR><TD VALIGN=\"TOP\">", stdout);
                cell(m, p, (cjmap_lane)l);
                puts("</TD></TR>");
            }
            puts("</TABLE>>];");
        }
        fputs("  lanes", stdout);
        for (size_t p = 0; p < m->n_phases; p++)
            printf(" -> p%zu", p);
        puts(";");
    }
    puts("}");
    cjmap_journey_free(j);
    if (fflush(stdout) || ferror(stdout)) die("cannot write standard output");
    return 0;
}
