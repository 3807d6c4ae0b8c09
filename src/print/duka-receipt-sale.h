/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "duka-profile.h"
#include "duka-receipt.h"

G_BEGIN_DECLS

/*
 * A receipt from a stored sale or refund (duka_register_load_sale() and
 * duka_register_load_refund() JSON): what the sale froze, never today's
 * prices.  @cashier_name may be NULL; @copy marks a reprint.
 */
DukaReceipt *duka_receipt_new_for_sale   (JsonObject         *sale,
                                          const DukaProfile  *profile,
                                          const char         *cashier_name,
                                          const char         *footer,
                                          gboolean            copy);
DukaReceipt *duka_receipt_new_for_refund (JsonObject         *refund,
                                          JsonObject         *sale,
                                          const DukaProfile  *profile,
                                          const char         *cashier_name,
                                          const char         *footer,
                                          gboolean            copy);

G_END_DECLS
