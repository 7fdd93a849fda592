// The contacts panel: who to call, the emergency number, how to find staff,
// and a QR code of the report (else policy) URL with the URL beside it.
#pragma once
#include "event.h"
#include "page.h"

#include <pango/pango.h>

typedef struct CpContacts CpContacts;

/* Sets the panel for EVENT at WIDTH points, its type scaled by SCALE (1 on
 * A4). NULL when the event has nothing to show. */
CpContacts *contacts_create(PangoContext *ctx, const CpEvent *event, double width,
                            double scale);
void contacts_destroy(CpContacts *c);

double contacts_height(const CpContacts *c);

/* Adds the panel with its top-left corner at (X, Y). The panel must outlive
 * the page (links point into it). */
void contacts_place(const CpContacts *c, CpPage *page, double x, double y);

/* Text with spaces made non-breaking and hyphens kept with what follows:
 * a phone number must never break across lines. */
char *contacts_unbreakable(const char *phone);
