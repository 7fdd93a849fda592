#include "page.h"

#include <string.h>

CpPage *page_create(double width, double height)
{
    CpPage *p = g_new0(CpPage, 1);
    p->width = width;
    p->height = height;
    p->items = g_array_new(FALSE, TRUE, sizeof(CpItem));
    return p;
}

void page_destroy(CpPage *page)
{
    if (!page)
        return;
    for (guint i = 0; i < page->items->len; i++) {
        CpItem *it = &g_array_index(page->items, CpItem, i);
        if (it->layout)
            g_object_unref(it->layout);
        if (it->image)
            cairo_surface_destroy(it->image);
        g_free(it->modules);
        for (size_t k = 0; k < it->n_links; k++)
            g_free(it->links[k].url);
        g_free(it->links);
    }
    g_array_free(page->items, TRUE);
    g_free(page);
}

static CpItem *add(CpPage *page, CpItemKind kind)
{
    CpItem it = {.kind = kind};
    g_array_append_val(page->items, it);
    return &g_array_index(page->items, CpItem, page->items->len - 1);
}

void page_add_box(CpPage *page, double x, double y, double w, double h, CpColor fill, double radius)
{
    CpItem *it = add(page, CP_ITEM_BOX);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->color = fill;
    it->radius = radius;
}

void page_add_line(CpPage *page, double x1, double y1, double x2, double y2, double width,
                   CpColor color)
{
    CpItem *it = add(page, CP_ITEM_LINE);
    it->x = x1;
    it->y = y1;
    it->w = x2 - x1;
    it->h = y2 - y1;
    it->line_width = width;
    it->color = color;
}

void page_add_text(CpPage *page, const CpLines *lines, double x, double y)
{
    PangoLayout *layout = lines->layout;
    int first = lines->first, count = lines->count;
    double pitch = lines->pitch, ascent = lines->ascent;
    CpColor color = lines->color;
    const CpLink *links = lines->links;
    size_t n_links = lines->n_links;
    CpItem *it = add(page, CP_ITEM_TEXT);
    it->layout = g_object_ref(layout);
    it->first = first;
    it->count = count;
    it->x = x;
    it->y = y;
    it->pitch = pitch;
    it->ascent = ascent;
    it->h = pitch * count;
    // The box the lines are aligned in: the wrap width, else the text's own.
    int width = pango_layout_get_width(layout);
    if (width < 0) {
        PangoRectangle logical;
        pango_layout_get_extents(layout, NULL, &logical);
        width = logical.width;
    }
    it->w = width / (double)PANGO_SCALE;
    it->color = color;
    it->links = n_links ? g_new(CpLink, n_links) : NULL;
    for (size_t k = 0; k < n_links; k++)
        it->links[k] = (CpLink){links[k].start, links[k].end, g_strdup(links[k].url)};
    it->n_links = n_links;
}

void page_add_image(CpPage *page, cairo_surface_t *image, double x, double y, double w, double h)
{
    CpItem *it = add(page, CP_ITEM_IMAGE);
    it->image = cairo_surface_reference(image);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
}

void page_add_qr(CpPage *page, const unsigned char *modules, int width, double x, double y,
                 double size, CpColor color)
{
    CpItem *it = add(page, CP_ITEM_QR);
    it->modules = g_memdup2(modules, (gsize)width * (gsize)width);
    it->modules_width = width;
    it->x = x;
    it->y = y;
    it->w = it->h = size;
    it->color = color;
}

void page_add_page(CpPage *page, const CpPage *sub, double x, double y, bool links)
{
    CpItem *it = add(page, CP_ITEM_PAGE);
    it->sub = sub;
    it->sub_links = links;
    it->x = x;
    it->y = y;
    it->w = sub->width;
    it->h = sub->height;
}

void page_mirror(CpPage *page)
{
    for (guint i = 0; i < page->items->len; i++) {
        CpItem *it = &g_array_index(page->items, CpItem, i);
        if (it->kind == CP_ITEM_LINE)
            it->x = page->width - it->x, it->w = -it->w;
        else
            it->x = page->width - it->x - it->w;
    }
}

void page_each_line(const CpItem *it, CpLineFn fn, void *data)
{
    PangoLayoutIter *iter = pango_layout_get_iter(it->layout);
    int i = 0;
    do {
        if (i >= it->first + it->count)
            break;
        if (i >= it->first) {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(iter, NULL, &logical);
            fn(data, pango_layout_iter_get_line_readonly(iter), i, &logical,
               it->y + (i - it->first) * it->pitch);
        }
        i++;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
}
