/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "duka-receipt.h"

G_BEGIN_DECLS

GtkPrintOperation *duka_receipt_print_operation_new (DukaReceipt               *receipt,
                                                     const DukaReceiptTemplate *template);

G_END_DECLS
