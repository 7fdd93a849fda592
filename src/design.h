// The design: every size, proportion, gap, rule weight and colour the
// outputs use, named once, in one struct with its values in design.c (as
// mako keeps its style). A designer's change touches design.c and nothing
// else. Sizes in points unless the name says _mm; proportions of the body
// size (or of the type size they sit beside) where the comment says so.
#pragma once
#include "text.h"

#include <pango/pango.h>

#define CP_MM (72.0 / 25.4) // points per millimetre
#define CP_MAX_COLUMNS 3    // the poster's columns, at most

typedef struct {
    CpColor ink, muted, accent, tint, rule, code_bg, alert, white;
    CpColor registration; // crop marks: on every separation
    CpColor link, code;   // inline, in the text: links and code spans
} CpPalette;

typedef struct {
    double kicker;               // event name size, points
    double title_max, title_min; // the title takes the largest size that keeps it on one line
    double rule;                 // rule thickness
    double gap;                  // space under the title and under the rule
} CpMastheadStyle;

typedef struct {
    CpPalette palette;
    // Lato's glyph boxes reach this far above the ascent, in ems: a first
    // line is set this much lower so its ink stays inside the margin.
    double overshoot;
    struct {
        // Proportions of the body size.
        double leading, head_leading; // baseline pitch: body, headings
        double head_scale[7];         // heading size by level
        double indent;                // one nesting step
        double deep_indent; // deep nesting keeps this share of the column for indents, at most
        double para_gap, tight_gap, after_head_gap, head_gap_major, head_gap_minor;
        double code_scale, code_pad, code_radius; // code blocks
        double code_span_scale;                   // code in a line of text
        double marker_gap;                        // between a list marker and its text
        double tall_script;    // a line is at least this share of its font's height
        double quote_bar_at;   // a quote bar's place in its indent step
        double quote_bar;      // its weight, over the body size
        double quote_bar_min;  // and at least this, in points
        double rule_weight;    // a thematic break, points
        double image_dpi;      // pictures print at this resolution, at most
        double max_over_title; // body type stays under this share of the title's size
        double target_scale;   // a link's address printed after its text, over the body
    } body;
    struct {
        double kicker_leading, kicker_tracking, kicker_gap; // gap over the kicker size
        double title_leading, title_tracking;
        double rule_gap; // share of the gap above the rule
    } masthead;
    struct {
        double a4_short_mm; // type scales with the short side against A4's
        double margin_mm, gutter_mm;
        double min_cpl, max_cpl;                  // readable line lengths, in characters
        CpMastheadStyle masthead, multi_masthead; // at A4; they scale with the page
        double foot_pt, foot_leading, foot_tracking, foot_gap_mm;
        double panel_gap_mm;  // between the body and the contacts panel
        double panel_share;   // the panel's height, at most, over the page's
        double panel_growth;  // the panel's type grows as the page's scale to this power
        double panel_shrink;  // to stay under it, the panel's type shrinks to this, at most
        double blank_share;   // a short policy's blank band, at most, over the page's height
        double panel_grow;    // to fill it, the panel's type grows to this, at most
        double min_column_mm; // several translations: narrower columns are refused
        double stack_gap_mm;  // between stacked translations
        double region_pad_mm; // room around a region for glyphs past their line box
    } poster;
    struct {
        double margin_mm;
        double contacts_scale; // the poster's panel type, scaled for a card in the hand
        CpMastheadStyle masthead;
        double foot_pt, foot_gap_mm, foot_width; // foot text: share of the width
        double body_max_pt;                      // the largest body size
        double panel_gap_mm;
    } handout;
    struct {
        double margin_mm;
        double comfort; // below this the summary shrinks before the contacts
        double max_pt;
        double head_min, head_scale, head_leading, head_tracking; // over the contacts size
        double head_gap;     // under the header, over the contacts size
        double summary_gap;  // between summary and contacts, over the contacts size
        double rule_at;      // the rule above the contacts, over the contacts size
        double rule_weight;  // points
        double line_leading; // the compact contacts' lines
        double pair_gap;     // between entries, over the size
        double qr_module_mm; // smallest QR module a phone reads from print
        double qr_height;    // the QR code's side: at most this share of the height,
        double qr_lines;     // this many contact lines,
        double qr_width;     // and this share of the width with its quiet zone
    } badge;
    struct {
        CpTextStyle heading, label, big, alert, name, small, url, caption; // sizes scale
        double pad_mm, gap_mm, radius_mm;
        double stack_under_mm; // a narrower panel puts the QR code under the contacts
        double qr_mm, qr_gap_mm, qr_text_mm, qr_text_share;
        double link_qr_mm;   // a summary poster's code to the whole text
        double first_column; // share of the width the first column takes
        double entry_mm, heading_gap_mm, person_gap_mm, url_gap_mm, qr_row_gap_mm;
        size_t grid_from;      // more organizers than this: a grid under the columns
        double grid_column_mm; // the grid's narrowest column
    } panel;
    struct {
        double mark_edge_mm;     // marks keep this far from the edge (printers cannot print closer)
        double mark_offset_mm;   // crop marks start this far outside the trim
        double mark_mm, tick_mm; // crop mark and cut guide lengths, at most
        double min_mark_mm;      // a shorter crop mark gives way to a cut guide
        double note_inset_mm;    // the note, inside the marks' margin
        double hairline;         // their weight, points
        double note_mm;          // a margin this deep holds the marks and the note
        double note_pt;
    } sheet;
    double text_leading; // a text block's pitch over its size, unless its style says
} CpDesign;

extern const CpDesign cp_design;

/* A palette colour as a Pango text attribute. */
PangoAttribute *design_foreground(CpColor c);
