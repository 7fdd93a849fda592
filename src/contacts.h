// The contacts panel: who to call, the emergency number, how to find staff,
// and a QR code of the report (else policy) URL with the URL beside it.
#pragma once

/* The smallest type in a contacts panel, in points. */
#define CP_MIN_PANEL_PT 6.0
#include "event.h"
#include "labels.h"
#include "page.h"

#include <pango/pango.h>

typedef struct CpContacts CpContacts;

/* What a panel holds and how large. A team too large for one page is set
 * in parts: the first with the help (hotline, emergency, security, staff,
 * QR code) and some organizers, the others with organizers alone. */
typedef struct {
    double scale;        // type scale, 1 on an A4 poster
    double grow;         // the help's type (who to call) over that scale
    double number_pt;    // the hotline and emergency numbers at least this (0: no floor)
    size_t first, count; // the organizers listed: [first, first + count)
    bool help;           // false: a continuation, organizers only
    bool no_policy_qr;   // leave out the QR code when it would be the policy's
} CpPanelSpec;

/* The whole panel at SCALE: the help and every organizer. */
CpPanelSpec contacts_spec(const CpEvent *event, double scale);

/* Sets the panel for EVENT at WIDTH points as SPEC says. NULL when it would
 * show nothing. */
CpContacts *contacts_create(PangoContext *ctx, const CpEvent *event, const CpLabels *labels,
                            double width, const CpPanelSpec *spec);
/* The compact block for a badge insert: one line per contact, set at SIZE
 * points across WIDTH, with a QR code of QR_SIZE points beside it (0: the
 * URL is printed instead). It lists the first ORGANIZERS of the organizers
 * not marked badge: false, and, when some are left, the more_organizers
 * line. NULL when the event names nobody to contact. */
CpContacts *contacts_create_compact(PangoContext *ctx, const CpEvent *event, const CpLabels *labels,
                                    double width, double size, double qr_size, size_t organizers);

/* A summary poster's way to the whole text: CAPTION and URL, printed and
 * a link, beside URL's QR code (none when URL is too long for one), across
 * WIDTH at scale K. No panel behind it. */
CpContacts *contacts_create_link(PangoContext *ctx, const char *caption, const char *url,
                                 double width, double k);

/* The organizers a badge may list: those not marked badge: false. */
size_t contacts_badge_organizers(const CpEvent *event);

void contacts_destroy(CpContacts *c);

/* A badge's widest phone number with what must stay on its line ("Call or
 * text"), in points: it must fit the line unbroken. PHONE, if not NULL, is
 * set to that number as written. */
double contacts_widest_phone(const CpContacts *c, const char **phone);

/* The size the hotline and emergency numbers were set at (the smaller; a
 * number too wide for its column is set smaller), 0 when there are none. */
double contacts_number_pt(const CpContacts *c);

/* A phone number too wide for its column even at the smallest size, as
 * written in the event data, with its *WIDTH and the *COLUMN's in points;
 * NULL when every number fits its line. */
const char *contacts_too_wide(const CpContacts *c, double *width, double *column);

/* PHONE as an RFC 3966 tel: URI: "+44 20 7946 0958 ext. 12" is
 * "tel:+442079460958;ext=12", a trunk "(0)" after the country code is left
 * out, a number without "+" stays local. NULL when it has no digits. */
char *contacts_tel_uri(const char *phone);

/* Modules per side of the QR code the panel would carry (0: none). */
int contacts_qr_modules(const CpEvent *event);

double contacts_height(const CpContacts *c);

/* Adds the panel with its top-left corner at (X, Y). The page copies what it
 * draws (links too): the panel may go as soon as it is placed. */
void contacts_place(const CpContacts *c, CpPage *page, double x, double y);

/* Text with spaces made non-breaking and hyphens kept with what follows:
 * a phone number must never break across lines. */
char *contacts_unbreakable(const char *phone);
