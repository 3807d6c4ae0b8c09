/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <locale.h>

#include "duka-receipt.h"

G_BEGIN_DECLS

/* Page sizes in points (1/72 inch). */
#define DUKA_RECEIPT_58MM_WIDTH (58.0 * 72.0 / 25.4)
#define DUKA_RECEIPT_80MM_WIDTH (80.0 * 72.0 / 25.4)
#define DUKA_RECEIPT_A4_WIDTH   (210.0 * 72.0 / 25.4)
#define DUKA_RECEIPT_A4_HEIGHT  (297.0 * 72.0 / 25.4)

/* Drawing, shared by the PDF and by GtkPrintOperation (src/ui). */
double   duka_receipt_draw_roll      (cairo_t                   *cr,
                                      const DukaReceipt         *receipt,
                                      const DukaReceiptTemplate *template,
                                      double                     width,
                                      locale_t                   locale);
guint    duka_receipt_draw_invoice   (cairo_t                   *cr,
                                      const DukaReceipt         *receipt,
                                      const DukaReceiptTemplate *template,
                                      double                     page_width,
                                      double                     page_height,
                                      int                        page,
                                      locale_t                   locale);

gboolean duka_receipt_save_pdf        (const DukaReceipt         *receipt,
                                       const DukaReceiptTemplate *template,
                                       const char                *path,
                                       locale_t                   locale,
                                       GError                   **error);
void     duka_receipt_save_pdf_async  (DukaReceipt               *receipt,
                                       const DukaReceiptTemplate *template,
                                       const char                *path,
                                       GCancellable              *cancellable,
                                       GAsyncReadyCallback        callback,
                                       gpointer                   user_data);
gboolean duka_receipt_save_pdf_finish (GAsyncResult              *result,
                                       GError                   **error);

G_END_DECLS
