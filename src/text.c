#include "text.h"

#include "design.h"
#include "fonts.h"

#include <string.h>

void text_init(CpText *t, PangoContext *ctx, const char *text, const CpTextStyle *st, double width,
               PangoAttrList *attrs)
{
    memset(t, 0, sizeof *t);
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family(d, st->family);
    pango_font_description_set_weight(d, st->weight ? st->weight : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(d, st->style);
    pango_font_description_set_absolute_size(d, st->size * PANGO_SCALE);
    t->layout = pango_layout_new(ctx);
    pango_layout_set_font_description(t->layout, d);
    PangoAttrList *list = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
    if (st->tracking != 0)
        pango_attr_list_insert_before(
            list, pango_attr_letter_spacing_new((int)(st->tracking * st->size * PANGO_SCALE)));
    // Names, numbers and addresses: a line that must break inside a word
    // breaks without a hyphen Pango would draw and never put in the text.
    pango_attr_list_insert_before(list, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(t->layout, list);
    pango_attr_list_unref(list);
    pango_layout_set_text(t->layout, text, -1);
    PangoAlignment align = st->align;
    // Every paragraph in the page's direction, whatever its first letter:
    // an Hebrew name that opens an English panel's entry is isolated in it.
    pango_layout_set_auto_dir(t->layout, FALSE);
    if (pango_context_get_base_dir(ctx) == PANGO_DIRECTION_RTL) {
        // A right-to-left page is set as a mirror image: every paragraph
        // right to left, alignment swapped; page_mirror() turns it over.
        align = align == PANGO_ALIGN_LEFT    ? PANGO_ALIGN_RIGHT
                : align == PANGO_ALIGN_RIGHT ? PANGO_ALIGN_LEFT
                                             : align;
    }
    pango_layout_set_alignment(t->layout, align);
    if (width > 0) {
        pango_layout_set_width(t->layout, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(t->layout, PANGO_WRAP_WORD_CHAR);
    }
    double a, de;
    fonts_metrics_of(ctx, d, text, &a, &de);
    pango_font_description_free(d);
    t->pitch = MAX(st->size * (st->leading > 0 ? st->leading : cp_design.text_leading), a + de);
    t->ascent = (t->pitch - (a + de)) / 2 + a;
    t->height = t->pitch * pango_layout_get_line_count(t->layout);
    PangoRectangle logical;
    pango_layout_get_extents(t->layout, NULL, &logical);
    t->width = logical.width / (double)PANGO_SCALE;
    t->color = st->color;
}

void text_finish(CpText *t)
{
    if (t->layout)
        g_object_unref(t->layout);
    t->layout = NULL;
}

void text_place(const CpText *t, CpPage *page, double x, double y)
{
    const CpLines lines = {.layout = t->layout,
                           .count = pango_layout_get_line_count(t->layout),
                           .pitch = t->pitch,
                           .ascent = t->ascent,
                           .color = t->color};
    page_add_text(page, &lines, x, y);
}
