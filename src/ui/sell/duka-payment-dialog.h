/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-sell-view.h"

G_BEGIN_DECLS

#define DUKA_TYPE_PAYMENT_DIALOG (duka_payment_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DukaPaymentDialog, duka_payment_dialog, DUKA, PAYMENT_DIALOG, AdwWindow)

DukaPaymentDialog *duka_payment_dialog_new          (DukaSellView      *view,
                                                     const char        *order_id);
/* What is still to pay before the tender being typed, in minor units. */
gint64             duka_payment_dialog_get_remaining (DukaPaymentDialog *self);
void               duka_payment_dialog_select_tender (DukaPaymentDialog *self,
                                                      const char        *kind);
const char        *duka_payment_dialog_get_error     (DukaPaymentDialog *self);
const char        *duka_payment_dialog_get_receipt_no (DukaPaymentDialog *self);
gint64             duka_payment_dialog_get_change    (DukaPaymentDialog *self);

G_END_DECLS
