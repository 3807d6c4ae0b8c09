/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-barcode-wedge.h"
#include "duka-currency.h"
#include "duka-product-list.h"
#include "duka-receipt-service.h"
#include "duka-receipts-page.h"
#include "duka-sell-dialog.h"
#include "duka-sell-view.h"

G_BEGIN_DECLS

struct _DukaSellView
{
  AdwBin                parent_instance;

  DukaCatalog          *catalog;
  DukaBusinessSettings *business_settings;
  DukaRegister         *cash_register;
  DukaCashSessions     *cash_sessions;
  DukaProductList      *product_list;
  GListStore           *search_results;
  DukaReceiptService   *receipt_service;  /* made at the first print */
  DukaBarcodeWedge     *wedge;
  GtkEventController   *window_shortcuts;  /* on the window while mapped */
  const DukaCurrency   *currency;

  char                 *order_id;
  DukaOrder            *order;
  char                 *last_sale_id;
  char                 *last_receipt_no;
  char                 *selected_line;
  char                 *category_id;
  guint                 search_id;
  guint                 store_changed_id;
  char                 *cart_signature;   /* what the cart rows show */

  /* template */
  GtkStack             *stack;
  AdwEntryRow          *float_row;
  GtkLabel             *float_error;
  GtkSearchEntry       *search_entry;
  GtkBox               *category_box;
  GtkGridView          *product_grid;
  GtkNoSelection       *product_selection;
  GtkLabel             *order_title;
  GtkStack             *cart_stack;
  GtkListBox           *cart_list;
  GtkLabel             *subtotal_label;
  GtkLabel             *discounts_label;
  GtkLabel             *tax_title;
  GtkLabel             *tax_label;
  GtkLabel             *total_label;
  GtkLabel             *items_label;
  DukaReceiptsPage     *receipts_page;
};

/* duka-sell-view.c */
DukaActor *duka_sell_view_dup_actor      (DukaSellView *self);
DukaActor *duka_sell_view_dup_actor_for  (DukaSellView   *self,
                                          DukaSellDialog *dialog);
char      *duka_sell_view_format_money   (DukaSellView *self,
                                          gint64        amount);
gboolean   duka_sell_view_parse_money    (DukaSellView *self,
                                          const char   *text,
                                          gint64       *out_amount,
                                          GError      **error);
GPtrArray *duka_sell_view_list_tender_types (DukaSellView *self,
                                             GError      **error);
void       duka_sell_view_toast          (DukaSellView *self,
                                          const char   *message);
void       duka_sell_view_reload_order   (DukaSellView *self);
void       duka_sell_view_update_session (DukaSellView *self);
void       duka_sell_view_set_order      (DukaSellView *self,
                                          const char   *order_id);
gboolean   duka_sell_view_ensure_order   (DukaSellView *self,
                                          GError      **error);

/* duka-sell-view-actions.c */
void       duka_sell_view_install_actions (GtkWidgetClass *widget_class);
void       duka_sell_view_update_actions  (DukaSellView   *self);
void       duka_sell_view_add_product     (DukaSellView   *self,
                                           DukaProduct    *product);
void       duka_sell_view_edit_line       (DukaSellView   *self,
                                           const char     *line_id);
void       duka_sell_view_add_line        (DukaSellView          *self,
                                           const DukaLineRequest *request);

/* duka-sell-choices.c */
gboolean   duka_sell_view_ask_choices     (DukaSellView   *self,
                                           DukaProduct    *product);

/* duka-sell-cart.c */
void       duka_sell_view_fill_cart       (DukaSellView   *self);
gboolean   duka_sell_parse_quantity       (const char     *text,
                                           gint64         *out_quantity,
                                           GError        **error);
char      *duka_sell_format_quantity      (gint64          quantity);

G_END_DECLS
