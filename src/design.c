#include "design.h"

#include "fonts.h"

#define STYLE(weight, size, leading, tracking, align, color)                                       \
    {                                                                                              \
        CP_BODY_FAMILY, weight, PANGO_STYLE_NORMAL, size, leading, tracking, align, color          \
    }

#define INK                                                                                        \
    {                                                                                              \
        0.11, 0.11, 0.13                                                                           \
    }
#define ACCENT                                                                                     \
    {                                                                                              \
        0.04, 0.31, 0.45                                                                           \
    }
#define ALERT                                                                                      \
    {                                                                                              \
        0.70, 0.12, 0.10                                                                           \
    }

const CpDesign cp_design = {
    .palette =
        {
            .ink = INK,
            .muted = {0.36, 0.38, 0.42},
            .accent = ACCENT,
            .tint = {0.91, 0.95, 0.97},
            .rule = {0.62, 0.74, 0.80},
            .code_bg = {0.95, 0.95, 0.94},
            .alert = ALERT,
            .white = {1, 1, 1},
            .registration = {0, 0, 0},
            .link = {0x0b00 / 65535.0, 0x4f00 / 65535.0, 0x8a00 / 65535.0},
            .code = {0x4000 / 65535.0, 0x2a00 / 65535.0, 0x1800 / 65535.0},
        },
    .overshoot = 0.14, // Lato's reach 0.13 em
    .body =
        {
            .leading = 1.27,
            .head_leading = 1.18,
            .head_scale = {1, 1.55, 1.3, 1.15, 1.05, 1.0, 1.0},
            .indent = 1.5,
            .deep_indent = 0.4,
            .para_gap = 0.6,
            .tight_gap = 0.2,
            .after_head_gap = 0.3,
            .head_gap_major = 1.0,
            .head_gap_minor = 0.8,
            .code_scale = 0.86,
            .code_pad = 0.45,
            .code_radius = 0.2,
            .code_span_scale = 0.9,
            .marker_gap = 0.45,
            .tall_script = 0.85,
            .quote_bar_at = 0.35,
            .quote_bar = 0.12,
            .quote_bar_min = 1.5,
            .rule_weight = 0.75,
            .image_dpi = 150.0,
            .max_over_title = 0.66,
            .target_scale = 0.82,
        },
    .masthead =
        {
            .kicker_leading = 1.2,
            .kicker_tracking = 0.12,
            .kicker_gap = 0.26,
            .title_leading = 1.08,
            .title_tracking = -0.01,
            .rule_gap = 0.6,
        },
    .poster =
        {
            .a4_short_mm = 210.0,
            .margin_mm = 11.5,
            .gutter_mm = 7,
            // Lines of about 35 to 80 characters read well; a little
            // either side is still "about".
            .min_cpl = 33.0,
            .max_cpl = 84.0,
            .masthead = {11, 42, 28, 2.2, 5 * CP_MM},
            .multi_masthead = {11, 34, 20, 2.2, 5 * CP_MM},
            .foot_pt = 7.5,
            .foot_leading = 1.2,
            .foot_tracking = 0.02,
            .foot_gap_mm = 2.5,
            .panel_gap_mm = 6,
            // A large team's panel leaves the policy most of the page.
            .panel_share = 0.39,
            .panel_growth = 0.85,
            .panel_shrink = 0.78,
            // A short policy's spare room: the panel grows into it, then
            // what is left goes above and below the body alike.
            .blank_share = 0.12,
            .panel_grow = 1.35,
            .min_column_mm = 40,
            .stack_gap_mm = 5,
            .region_pad_mm = 3,
        },
    .handout =
        {
            .margin_mm = 7.5, // ink stays 6 mm inside the edge, with room to spare
            .contacts_scale = 0.78,
            .masthead = {6.5, 20, 13, 1.2, 3 * CP_MM},
            .foot_pt = 7.0,
            .foot_gap_mm = 3,
            .foot_width = 0.7,
            // The body's cap: text fills its pages up to this, whatever the title.
            .body_max_pt = 12.5,
            .panel_gap_mm = 4,
        },
    .badge =
        {
            .margin_mm = 4, // ink stays 3 mm inside the trim, with room to spare
            .comfort = 8.0,
            .max_pt = 16.0,
            .head_min = 5.5,
            .head_scale = 0.8,
            .head_leading = 1.2,
            .head_tracking = 0.08,
            .head_gap = 0.35,
            .summary_gap = 0.6,
            .rule_at = 0.3,
            .rule_weight = 0.6,
            .line_leading = 1.22,
            .pair_gap = 0.25,
            .qr_module_mm = 0.5,
            .qr_height = 0.4,
            .qr_lines = 6.5,
            .qr_width = 0.4,
        },
    .panel =
        {
            .heading = STYLE(PANGO_WEIGHT_HEAVY, 15, 1.1, 0, PANGO_ALIGN_LEFT, ACCENT),
            .label = STYLE(PANGO_WEIGHT_BOLD, 7.2, 1.3, 0.09, PANGO_ALIGN_LEFT, ACCENT),
            .big = STYLE(PANGO_WEIGHT_BOLD, 15, 1.15, 0, PANGO_ALIGN_LEFT, INK),
            .alert = STYLE(PANGO_WEIGHT_BOLD, 15, 1.15, 0, PANGO_ALIGN_LEFT, ALERT),
            .name = STYLE(PANGO_WEIGHT_BOLD, 9.8, 1.3, 0, PANGO_ALIGN_LEFT, INK),
            .small = STYLE(PANGO_WEIGHT_NORMAL, 9.3, 1.3, 0, PANGO_ALIGN_LEFT, INK),
            .url = STYLE(PANGO_WEIGHT_NORMAL, 8.6, 1.3, 0, PANGO_ALIGN_RIGHT, ACCENT),
            .caption = STYLE(PANGO_WEIGHT_BOLD, 9.8, 1.3, 0, PANGO_ALIGN_RIGHT, INK),
            .pad_mm = 5,
            .gap_mm = 6,
            .radius_mm = 2.5,
            .stack_under_mm = 140,
            .qr_mm = 24,
            .link_qr_mm = 30,
            .qr_gap_mm = 3,
            .qr_text_mm = 40,
            .qr_text_share = 0.25,
            .first_column = 0.37,
            .entry_mm = 3.2,
            .heading_gap_mm = 1.0,
            .person_gap_mm = 1.2,
            // More organizers than this go in a grid under both columns,
            // in columns of this width at least (a wide panel only).
            .grid_from = 4,
            .grid_column_mm = 52,
            .url_gap_mm = 1.5,
            .qr_row_gap_mm = 4,
        },
    .sheet =
        {
            .mark_edge_mm = 5.0,
            .mark_offset_mm = 3.0,
            .mark_mm = 6.0,
            .min_mark_mm = 2.0,
            .note_inset_mm = 1,
            .tick_mm = 4.0,
            .hairline = 0.25,
            .note_mm = 18.0,
            .note_pt = 6.5,
        },
    .text_leading = 1.25,
};

PangoAttribute *design_foreground(CpColor c)
{
    return pango_attr_foreground_new((guint16)(c.r * 65535), (guint16)(c.g * 65535),
                                     (guint16)(c.b * 65535));
}
