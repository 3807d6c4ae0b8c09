/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "duka-profile.h"
#include "duka-receipt-settings.h"
#include "duka-receipt.h"

G_BEGIN_DECLS

DukaReceipt         *duka_receipt_sample_new            (const DukaProfile *profile,
                                                         const char        *cashier_name);
DukaReceiptTemplate *duka_receipt_sample_template_new   (DukaReceiptPaper   paper,
                                                         const char        *header,
                                                         const char        *footer,
                                                         GBytes            *logo_png,
                                                         gboolean           show_tax_lines);
cairo_surface_t     *duka_receipt_sample_draw           (const DukaReceipt         *receipt,
                                                         const DukaReceiptTemplate *template,
                                                         double                    *width,
                                                         double                    *height);

G_END_DECLS
