/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "duka-print-job.h"
#include "duka-register.h"
#include "duka-staff.h"

G_BEGIN_DECLS

/*
 * Printing receipts of stored sales and refunds on this till's printer
 * (Settings → Receipts and Printer), always after the sale's commit.  A
 * print is a DukaPrintJob whose state the cashier sees; a failed job keeps
 * its bytes for a retry, and any receipt can be printed again as a copy or
 * saved as PDF.
 */

#define DUKA_TYPE_RECEIPT_SERVICE (duka_receipt_service_get_type ())

G_DECLARE_FINAL_TYPE (DukaReceiptService, duka_receipt_service, DUKA, RECEIPT_SERVICE, GObject)

DukaReceiptService *duka_receipt_service_new         (DukaStore          *store,
                                                      DukaCatalog        *catalog,
                                                      DukaRegister       *reg,
                                                      DukaStaff          *staff);
/* @kind is "sale" or "refund".  Returns the job, or NULL with a reason
 * (no printer set up, an A4 printer, a sale that does not exist). */
DukaPrintJob       *duka_receipt_service_print       (DukaReceiptService *self,
                                                      const char         *kind,
                                                      const char         *id,
                                                      gboolean            copy,
                                                      GError            **error);
gboolean            duka_receipt_service_retry       (DukaReceiptService *self,
                                                      DukaPrintJob       *job,
                                                      GError            **error);
gboolean            duka_receipt_service_save_pdf    (DukaReceiptService *self,
                                                      const char         *kind,
                                                      const char         *id,
                                                      gboolean            copy,
                                                      const char         *path,
                                                      GError            **error);
/* Every job of this run, oldest first (DukaPrintJob). */
GListModel         *duka_receipt_service_get_jobs    (DukaReceiptService *self);

G_END_DECLS
