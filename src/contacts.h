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

/* Sets the panel for EVENT at WIDTH points, its type scaled by SCALE (1 on
 * A4). NULL when the event has nothing to show. */
CpContacts *contacts_create(PangoContext *ctx, const CpEvent *event, const CpLabels *labels,
                            double width, double scale);
/* The compact block for a badge insert: one line per contact, set at SIZE
 * points across WIDTH, with a QR code of QR_SIZE points beside it (0: the
 * URL is printed instead). It lists the first ORGANIZERS of the organizers
 * not marked badge: false, and, when some are left, the more_organizers
 * line. NULL when the event names nobody to contact. */
CpContacts *contacts_create_compact(PangoContext *ctx, const CpEvent *event, const CpLabels *labels,
                                    double width, double size, double qr_size, size_t organizers);

/* The organizers a badge may list: those not marked badge: false. */
size_t contacts_badge_organizers(const CpEvent *event);

void contacts_destroy(CpContacts *c);

/* The widest phone number, in points: it must fit the line unbroken. */
double contacts_widest_phone(const CpContacts *c);

/* Modules per side of the QR code the panel would carry (0: none). */
int contacts_qr_modules(const CpEvent *event);

double contacts_height(const CpContacts *c);

/* Adds the panel with its top-left corner at (X, Y). The page copies what it
 * draws (links too): the panel may go as soon as it is placed. */
void contacts_place(const CpContacts *c, CpPage *page, double x, double y);

/* Text with spaces made non-breaking and hyphens kept with what follows:
 * a phone number must never break across lines. */
char *contacts_unbreakable(const char *phone);
