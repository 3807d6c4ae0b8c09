/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "duka-actor.h"
#include "duka-store.h"

G_BEGIN_DECLS

/*
 * What a receipt says (the outlet's template: header, footer, logo, tax
 * lines; synced) and where this till prints it (local to the device).
 */

#define DUKA_RECEIPT_SETTINGS_ERROR (duka_receipt_settings_error_quark ())

typedef enum
{
  DUKA_RECEIPT_SETTINGS_ERROR_INVALID_ADDRESS,
  DUKA_RECEIPT_SETTINGS_ERROR_INVALID,
} DukaReceiptSettingsError;

typedef enum
{
  DUKA_PRINTER_NONE,
  DUKA_PRINTER_NETWORK,   /* address "host" or "host:port" (9100 when left out) */
  DUKA_PRINTER_DEVICE,    /* address an absolute path such as /dev/usb/lp0 */
} DukaPrinterKind;

typedef enum
{
  DUKA_RECEIPT_PAPER_58MM,
  DUKA_RECEIPT_PAPER_80MM,
  DUKA_RECEIPT_PAPER_A4,
} DukaReceiptPaper;

typedef struct
{
  DukaPrinterKind   kind;
  char             *address;
  DukaReceiptPaper  paper;
  gboolean          open_drawer;   /* kick the drawer for cash sales */
} DukaTillPrinter;

#define DUKA_TYPE_RECEIPT_SETTINGS (duka_receipt_settings_get_type ())

G_DECLARE_FINAL_TYPE (DukaReceiptSettings, duka_receipt_settings, DUKA, RECEIPT_SETTINGS, GObject)

GQuark               duka_receipt_settings_error_quark    (void);
DukaReceiptSettings *duka_receipt_settings_new            (DukaStore            *store);
void                 duka_till_printer_free               (DukaTillPrinter      *printer);
gboolean             duka_till_printer_validate           (const DukaTillPrinter *printer,
                                                           GError              **error);
/* A printer address split into host and port (9100 by default). */
gboolean             duka_till_printer_parse_network      (const char           *address,
                                                           char                **host,
                                                           guint16              *port,
                                                           GError              **error);

DukaTillPrinter     *duka_receipt_settings_load_printer   (DukaReceiptSettings  *self,
                                                           GError              **error);
gboolean             duka_receipt_settings_save_printer   (DukaReceiptSettings  *self,
                                                           const DukaActor      *actor,
                                                           const DukaTillPrinter *printer,
                                                           GError              **error);
/* This till's outlet's template as a registry record (defaults when none
 * was saved: no header or footer, tax lines shown). */
JsonObject          *duka_receipt_settings_load_template  (DukaReceiptSettings  *self,
                                                           GError              **error);
gboolean             duka_receipt_settings_save_template  (DukaReceiptSettings  *self,
                                                           const DukaActor      *actor,
                                                           JsonObject           *record,
                                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaTillPrinter, duka_till_printer_free)

G_END_DECLS
