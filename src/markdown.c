#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <string.h>

cmark_node *markdown_parse(const char *text, size_t len, int options)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(options | CMARK_OPT_FOOTNOTES);
    static const char *const names[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);
        if (ext)
            cmark_parser_attach_syntax_extension(p, ext);
    }
    cmark_parser_feed(p, text, len);
    cmark_node *root = cmark_parser_finish(p);
    cmark_parser_free(p);
    return root;
}

bool markdown_task(cmark_node *item, bool *checked)
{
    const char *t = cmark_node_get_type_string(item);
    if (!t || strcmp(t, "tasklist") != 0)
        return false;
    *checked = cmark_gfm_extensions_get_tasklist_item_checked(item);
    return true;
}

int markdown_table_columns(cmark_node *table)
{
    return cmark_gfm_extensions_get_table_columns(table);
}

const unsigned char *markdown_table_alignments(cmark_node *table)
{
    return cmark_gfm_extensions_get_table_alignments(table);
}

bool markdown_row_is_header(cmark_node *row)
{
    return cmark_gfm_extensions_get_table_row_is_header(row) != 0;
}
