/*
** test_edit.c — the editor's view of a journey (cjmap_edit.h): the outline,
** the references with their spans and targets (also when the journey has
** errors), what is at a position, and the key tables.
*/
#include "harness.h"

#include <cjmap_edit.h>

#include <stdlib.h>

static const char J[] = "title: T\n"                                        /* 1 */
                        "segment: {name: Familier}\n"                       /* 2 */
                        "lanes: [actions, touchpoints, {id: tanker}]\n"     /* 3 */
                        "phases:\n"                                         /* 4 */
                        "  - id: leter\n"                                   /* 5 */
                        "    name: Jeg leter\n"                             /* 6 */
                        "    lanes: {tanker: [Hm]}\n"                       /* 7 */
                        "  - {name: \"Kjøp, nu\", statement: Jeg kjøper}\n" /* 8 */
                        "touchpoints:\n"                                    /* 9 */
                        "  - {id: app, name: Appen, channel: app, phases: [leter, \"Kjøp, nu\"]}\n"
                        "  - name: Butik\n"                                 /* 11 */
                        "    channel: store\n"                              /* 12 */
                        "    phases: {leter: Ser}\n"                        /* 13 */
                        "experiences:\n"                                    /* 14 */
                        "  - {phase: leter, text: Godt, touchpoint: app}\n" /* 15 */
                        "  - phase: ukendt\n"                               /* 16 */
                        "    text: Skidt\n";                                /* 17 */

static const cjmap_symbol *find_sym(const cjmap_symbol *s, size_t n, cjmap_symbol_kind k,
                                    const char *name) {
    for (size_t i = 0; i < n; i++)
        if (s[i].kind == k && strcmp(s[i].name, name) == 0) return &s[i];
    return NULL;
}

int main(void) {
    cjmap_journey *j = cjmap_journey_load("j.yaml", J, sizeof J - 1, NULL);
    CHECK("the journey has its one error (an unknown phase)",
          j && cjmap_journey_error_count(j) == 1 && cjmap_journey_model(j) == NULL);
    size_t ns, nr;
    const cjmap_symbol *sy = cjmap_journey_symbols(j, &ns);
    const cjmap_ref *rf = cjmap_journey_refs(j, &nr);
    CHECK("outline and references also with an error", sy && rf);
    CHECK_INT("symbols: segment, lane, 2 phases, 2 touchpoints, 2 experiences", ns, 8);
    CHECK("symbols come kind by kind",
          sy[0].kind == CJMAP_SYM_SEGMENT && sy[1].kind == CJMAP_SYM_LANE &&
              sy[2].kind == CJMAP_SYM_PHASE && sy[7].kind == CJMAP_SYM_EXPERIENCE);
    const cjmap_symbol *leter = find_sym(sy, ns, CJMAP_SYM_PHASE, "Jeg leter");
    const cjmap_symbol *kjop = find_sym(sy, ns, CJMAP_SYM_PHASE, "Kjøp, nu");
    CHECK("a phase's id and name spans",
          leter && leter->id_span.line == 5 && leter->id_span.col == 9 &&
              leter->id_span.end_col == 14 && leter->name_span.line == 6 && !leter->id_flow);
    CHECK("a phase in { }: the quoted name's span holds the quotes, and flow is set",
          kjop && !kjop->id && kjop->name_span.line == 8 && kjop->name_span.col == 12 &&
              kjop->name_span.end_col == 22 && kjop->name_flow &&
              strcmp(kjop->detail, "Jeg kjøper") == 0);
    const cjmap_symbol *butik = find_sym(sy, ns, CJMAP_SYM_TOUCHPOINT, "Butik");
    CHECK("a touchpoint's detail is its channel", butik && strcmp(butik->detail, "store") == 0);
    CHECK("an item knows its phase's symbol", sy[6].kind == CJMAP_SYM_EXPERIENCE &&
                                                  &sy[sy[6].phase] == leter &&
                                                  sy[7].phase == CJMAP_NONE);
    CHECK("an own lane is a symbol with its id",
          strcmp(sy[1].id, "tanker") == 0 && sy[1].id_span.line == 3);

    /* references */
    int to_leter = 0, by_name = 0, unresolved = 0, lane = 0, keys = 0, tps = 0;
    for (size_t i = 0; i < nr; i++) {
        const cjmap_ref *r = &rf[i];
        if (r->target != CJMAP_NONE && &sy[r->target] == leter) to_leter++;
        if (r->target != CJMAP_NONE && &sy[r->target] == kjop && !r->by_id && r->flow &&
            r->span.line == 10)
            by_name++;
        if (r->target == CJMAP_NONE && strcmp(r->text, "ukendt") == 0 && r->span.line == 16 &&
            r->span.col == 12)
            unresolved++;
        if (r->kind == CJMAP_SYM_LANE && r->target == 1 && r->is_key) lane++;
        if (r->is_key && r->kind == CJMAP_SYM_PHASE && r->span.line == 13) keys++;
        if (r->kind == CJMAP_SYM_TOUCHPOINT && r->by_id && r->span.line == 15) tps++;
    }
    CHECK_INT("references to a phase by id: [ ], { } key and phase:", to_leter, 3);
    CHECK_INT("a reference by a quoted name with a comma, in [ ]", by_name, 1);
    CHECK_INT("an unresolved reference is kept, with its span", unresolved, 1);
    CHECK_INT("an own lane's use in a phase", lane, 1);
    CHECK_INT("a phase -> purpose key", keys, 1);
    CHECK_INT("a touchpoint reference by id", tps, 1);

    /* what is at a position */
    cjmap_place p;
    CHECK("a key", cjmap_journey_place(j, 12, 6, &p) && p.role == CJMAP_AT_KEY &&
                       strcmp(p.key->name, "channel") == 0 &&
                       strcmp(p.object->noun, "touchpoint") == 0);
    CHECK("a touchpoint's keys present", (p.present & 7u) == 6u); /* name, channel; no id */
    CHECK("an enum value", cjmap_journey_place(j, 12, 16, &p) && p.role == CJMAP_AT_VALUE &&
                               p.key->kind == CJMAP_V_ENUM && strcmp(p.text, "store") == 0);
    CHECK("an item of phases: [ ]", cjmap_journey_place(j, 10, 53, &p) && p.role == CJMAP_AT_ITEM &&
                                        p.key->kind == CJMAP_V_PHASEREFS && p.flow);
    CHECK("a key of phases: { }", cjmap_journey_place(j, 13, 15, &p) &&
                                      p.role == CJMAP_AT_MAP_KEY &&
                                      p.key->kind == CJMAP_V_PHASEREFS);
    CHECK("a key of a phase's lanes", cjmap_journey_place(j, 7, 16, &p) &&
                                          p.role == CJMAP_AT_MAP_KEY &&
                                          p.key->kind == CJMAP_V_LANEMAP);
    CHECK("a reference in a flow mapping", cjmap_journey_place(j, 15, 14, &p) &&
                                               p.role == CJMAP_AT_VALUE &&
                                               p.key->kind == CJMAP_V_REF && p.flow);
    CHECK("a lane name in the journey's lanes", cjmap_journey_place(j, 3, 10, &p) &&
                                                    p.role == CJMAP_AT_ITEM &&
                                                    p.key->kind == CJMAP_V_LANES);
    CHECK("an own lane's id in the journey's lanes", cjmap_journey_place(j, 3, 37, &p) &&
                                                         p.role == CJMAP_AT_VALUE &&
                                                         strcmp(p.object->noun, "lane") == 0);
    CHECK("nothing on a blank", !cjmap_journey_place(j, 4, 8, &p) && p.role == CJMAP_AT_NOTHING);
    CHECK("a quoted value", cjmap_journey_place(j, 8, 15, &p) && p.quoted);
    cjmap_journey_free(j);

    /* not YAML: nothing */
    j = cjmap_journey_load("bad.yaml", "title: [x\n", 10, NULL);
    CHECK("no outline when the YAML does not parse",
          cjmap_journey_symbols(j, &ns) == NULL && ns == 0 && cjmap_journey_refs(j, &nr) == NULL);
    CHECK("no place either", !cjmap_journey_place(j, 1, 2, &p));
    cjmap_journey_free(j);
    j = cjmap_journey_load("list.yaml", "- a\n", 4, NULL);
    CHECK("an empty outline for YAML that is no journey",
          cjmap_journey_symbols(j, &ns) != NULL && ns == 0);
    cjmap_journey_free(j);

    /* the key tables, the id rule, YAML texts */
    const cjmap_keydef *ph = cjmap_objdef_key(&cjmap_journey_format, "phases", 6);
    CHECK("the key tables are public", ph && ph->kind == CJMAP_V_LIST && ph->required &&
                                           cjmap_objdef_key(ph->obj, "statement", 9));
    CHECK("no such key", !cjmap_objdef_key(&cjmap_journey_format, "phase", 5));
    CHECK("ids", cjmap_is_id("kjøp-2_a", 9) && cjmap_is_id("購入", 6) && !cjmap_is_id("a b", 3) &&
                     !cjmap_is_id("", 0) && !cjmap_is_id("a,b", 3));
    char *t = cjmap_yaml_text("Kjøp, nu", 9, true);
    CHECK_STR("a name with a comma inside [ ] is quoted", t, "\"Kjøp, nu\"");
    free(t);
    t = cjmap_yaml_text("Kjøp, nu", 9, false);
    CHECK_STR("and plain outside", t, "Kjøp, nu");
    free(t);
    t = cjmap_yaml_text("Plan: A", 7, false);
    CHECK_STR("': ' always needs quotes", t, "\"Plan: A\"");
    free(t);
    CHECK_STR("list keys of symbols", cjmap_symbol_list_key(CJMAP_SYM_OPPORTUNITY),
              "opportunities");
    TEST_END();
}
