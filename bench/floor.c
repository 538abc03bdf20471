/*
** floor.c — the start-up floor for `make bench`.
**
**   floor [OUT.pdf]        (default: /dev/null)
**
** Does the least a PDF-writing pango program can do: start fontconfig and
** pango (through a pangocairo font map and context set up the way cjmap's
** text measurer does it), lay out one line of text in DejaVu Sans, and
** write it to a one-page PDF with cairo.  Anything cjmap spends above this
** is its own: reading and checking the YAML, layout, drawing the map.
*/
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>

int main(int argc, char **argv) {
    const char *out = argc > 1 ? argv[1] : "/dev/null";
    if (argc > 2) {
        fprintf(stderr, "usage: floor [OUT.pdf]\n");
        return 2;
    }
    cairo_surface_t *surface = cairo_pdf_surface_create(out, 595.28, 841.89);
    cairo_t *cr = cairo_create(surface);

    PangoFontMap *fm = pango_cairo_font_map_new();
    PangoContext *ctx = pango_font_map_create_context(fm);
    pango_cairo_context_set_resolution(ctx, 72.0);
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *desc = pango_font_description_from_string("DejaVu Sans 11");
    pango_layout_set_font_description(layout, desc);
    pango_layout_set_text(layout, "Booking a family holiday – første tur", -1);

    cairo_move_to(cr, 36, 36);
    pango_cairo_update_context(cr, ctx);
    pango_layout_context_changed(layout);
    pango_cairo_show_layout(cr, layout);
    cairo_show_page(cr);

    pango_font_description_free(desc);
    g_object_unref(layout);
    g_object_unref(ctx);
    g_object_unref(fm);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "floor: %s: %s\n", out, cairo_status_to_string(st));
        return 1;
    }
    return 0;
}
