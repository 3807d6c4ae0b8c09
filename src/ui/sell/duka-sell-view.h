/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "duka-business-settings.h"
#include "duka-catalog.h"
#include "duka-cash-sessions.h"
#include "duka-register.h"

G_BEGIN_DECLS

#define DUKA_TYPE_SELL_VIEW (duka_sell_view_get_type ())

G_DECLARE_FINAL_TYPE (DukaSellView, duka_sell_view, DUKA, SELL_VIEW, AdwBin)

GtkWidget        *duka_sell_view_new                 (DukaCatalog          *catalog,
                                                      DukaBusinessSettings *business_settings);
DukaRegister     *duka_sell_view_get_register        (DukaSellView         *self);
DukaCashSessions *duka_sell_view_get_cash_sessions   (DukaSellView         *self);
/* The order in the cart, or NULL when it is empty and none is open. */
const char       *duka_sell_view_get_order_id        (DukaSellView         *self);
/* The sale completed last in this view, and its receipt number. */
const char       *duka_sell_view_get_last_sale_id    (DukaSellView         *self);
const char       *duka_sell_view_get_last_receipt_no (DukaSellView         *self);
GListModel       *duka_sell_view_get_products        (DukaSellView         *self);
gboolean          duka_sell_view_add_barcode         (DukaSellView         *self,
                                                      const char           *code);
/* The line selected in the cart, or NULL. */
const char       *duka_sell_view_get_selected_line   (DukaSellView         *self);
void              duka_sell_view_select_line         (DukaSellView         *self,
                                                      const char           *line_id);

G_END_DECLS
