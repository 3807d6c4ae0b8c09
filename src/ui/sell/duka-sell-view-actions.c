/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a cashier can do in the Sell view, as actions: buttons, the
 * keyboard and the tests all go through these.
 */
#include <glib/gi18n.h>

#include "duka-money.h"
#include "duka-payment-dialog.h"
#include "duka-receipt-service.h"
#include "duka-sell-dialog.h"
#include "duka-sell-view-private.h"

static const DukaOrderLine *
find_line (DukaSellView *self,
           const char   *line_id)
{
  for (guint i = 0; self->order != NULL && line_id != NULL && i < self->order->lines->len; i++)
    {
      const DukaOrderLine *line = self->order->lines->pdata[i];

      if (g_strcmp0 (line->id, line_id) == 0)
        return line;
    }
  return NULL;
}

static gboolean
order_has_lines (DukaSellView *self)
{
  for (guint i = 0; self->order != NULL && i < self->order->lines->len; i++)
    if (!((DukaOrderLine *) self->order->lines->pdata[i])->voided)
      return TRUE;
  return FALSE;
}

void
duka_sell_view_update_actions (DukaSellView *self)
{
  g_autofree char *session = duka_cash_sessions_dup_open_id (self->cash_sessions);
  gboolean open = session != NULL;
  gboolean has_lines = order_has_lines (self);
  const DukaOrderLine *line = find_line (self, self->selected_line);
  gboolean item = line != NULL && !line->voided && line->kind == DUKA_LINE_ITEM;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.pay", open && has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.park", has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.void-order", self->order != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.discount-order", has_lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.void-line", line != NULL && !line->voided);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.increase", item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.decrease", item);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.cash-move", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.x-report", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.close-session", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sell.open-session", !open);
}

static void
report_error (DukaSellView *self,
              const GError *error)
{
  if (error != NULL)
    duka_sell_view_toast (self, error->message);
}

/* Adding ------------------------------------------------------------- */

/* A second tap (or scan) of the item just added makes it two. */
static gboolean
bump_last_line (DukaSellView       *self,
                DukaActor          *actor,
                const char         *product_id,
                GError            **error)
{
  const DukaOrderLine *last = NULL;

  for (guint i = 0; self->order != NULL && i < self->order->lines->len; i++)
    if (!((DukaOrderLine *) self->order->lines->pdata[i])->voided)
      last = self->order->lines->pdata[i];

  if (last == NULL || last->kind != DUKA_LINE_ITEM ||
      g_strcmp0 (last->product_id, product_id) != 0 || last->variant_id != NULL ||
      last->details != NULL || (last->note != NULL && *last->note != '\0') ||
      last->price_overridden || last->quantity % 1000 != 0 ||
      last->line_discount != 0)
    return FALSE;

  if (!duka_register_set_quantity (self->cash_register, actor, last->id,
                                   last->quantity + 1000, error))
    return TRUE;
  g_free (self->selected_line);
  self->selected_line = g_strdup (last->id);
  return TRUE;
}

void
duka_sell_view_add_line (DukaSellView          *self,
                         const DukaLineRequest *request)
{
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor (self);
  g_autoptr(GError) error = NULL;
  char *line_id = NULL;

  if (!duka_sell_view_ensure_order (self, &error))
    {
      report_error (self, error);
      return;
    }

  if (request->option_ids == NULL && request->variant_id == NULL && !request->override_price &&
      bump_last_line (self, actor, request->product_id, &error))
    {
      report_error (self, error);
      duka_sell_view_reload_order (self);
      return;
    }

  if (duka_register_add_line (self->cash_register, actor, self->order_id, request, &line_id, &error))
    {
      g_free (self->selected_line);
      self->selected_line = line_id;
    }
  else
    report_error (self, error);
  duka_sell_view_reload_order (self);
}

void
duka_sell_view_add_product (DukaSellView *self,
                            DukaProduct  *product)
{
  DukaLineRequest request = { .product_id = duka_product_get_id (product), .quantity = 1000 };

  if (!duka_product_get_available (product) || !duka_product_get_active (product))
    {
      g_autofree char *message = g_strdup_printf (_("%s is not available"), duka_product_get_name (product));

      duka_sell_view_toast (self, message);
      return;
    }

  if (duka_sell_view_ask_choices (self, product))
    return;

  duka_sell_view_add_line (self, &request);
}

static void
add_product_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(JsonObject) record = duka_catalog_get (self->catalog, "product", id, NULL);
  g_autoptr(GPtrArray) found = NULL;

  /* Product objects come from the catalog's search, by SKU or name. */
  if (record != NULL)
    found = duka_catalog_search (self->catalog,
                                 json_object_get_string_member_with_default (record, "sku",
                                   json_object_get_string_member_with_default (record, "name", "")),
                                 50, NULL);
  for (guint i = 0; found != NULL && i < found->len; i++)
    if (g_strcmp0 (duka_product_get_id (found->pdata[i]), id) == 0)
      {
        duka_sell_view_add_product (self, found->pdata[i]);
        return;
      }
  duka_sell_view_toast (self, _("That product is no longer on the menu"));
}

/* Lines --------------------------------------------------------------- */

static void
change_quantity (DukaSellView *self,
                 gint64        delta)
{
  const DukaOrderLine *line = find_line (self, self->selected_line);
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor (self);
  g_autoptr(GError) error = NULL;
  gint64 quantity;

  if (line == NULL)
    return;

  quantity = line->quantity + delta;
  /* Down from one is a void: that asks why. */
  if (quantity <= 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "sell.void-line", NULL);
      return;
    }
  if (!duka_register_set_quantity (self->cash_register, actor, line->id, quantity, &error))
    report_error (self, error);
  duka_sell_view_reload_order (self);
}

static void
increase_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  change_quantity (DUKA_SELL_VIEW (widget), 1000);
}

static void
decrease_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  change_quantity (DUKA_SELL_VIEW (widget), -1000);
}

typedef struct
{
  DukaSellView *view;
  char         *line_id;
} LineForm;

static void
line_form_free (gpointer data)
{
  LineForm *form = data;

  g_object_unref (form->view);
  g_free (form->line_id);
  g_free (form);
}

static LineForm *
line_form_new (DukaSellView *self,
               const char   *line_id)
{
  LineForm *form = g_new0 (LineForm, 1);

  form->view = g_object_ref (self);
  form->line_id = g_strdup (line_id);
  return form;
}

static gboolean
apply_void_line (DukaSellDialog  *dialog,
                 gpointer         data,
                 GError         **error)
{
  LineForm *form = data;
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor_for (form->view, dialog);
  g_autofree char *reason = g_strstrip (g_strdup (duka_sell_dialog_get_text (dialog, "reason")));
  gboolean ok;

  if (*reason == '\0')
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID,
                   _("Say why the line is voided."));
      return FALSE;
    }
  ok = duka_register_void_line (form->view->cash_register, actor, form->line_id, reason, error);
  duka_sell_view_reload_order (form->view);
  return ok;
}

static void
void_line_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  const DukaOrderLine *line = find_line (self, self->selected_line);
  DukaSellDialog *dialog;
  g_autofree char *title = NULL;

  if (line == NULL)
    return;

  title = g_strdup_printf (_("Void %s"), line->name);
  dialog = duka_sell_dialog_new (widget, title, _("_Void Line"), apply_void_line,
                                 line_form_new (self, line->id), line_form_free);
  duka_sell_dialog_add_entry (dialog, "reason", _("_Reason"), NULL);
  duka_sell_dialog_allow_override (dialog, DUKA_PERMISSION_VOID_LINE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Applies what changed, in the order a cashier reads the form; the first
 * refusal stops and is shown, the fields keep what was typed. */
static gboolean
apply_edit_line (DukaSellDialog  *dialog,
                 gpointer         data,
                 GError         **error)
{
  LineForm *form = data;
  DukaSellView *self = form->view;
  const DukaOrderLine *line = find_line (self, form->line_id);
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor_for (self, dialog);
  g_autofree char *percent = g_strstrip (g_strdup (duka_sell_dialog_get_text (dialog, "discount-rate")));
  const char *amount_text = duka_sell_dialog_get_text (dialog, "discount-amount");
  const char *price_text = duka_sell_dialog_get_text (dialog, "price");
  const char *reason = duka_sell_dialog_get_text (dialog, "discount-reason");
  const char *note = duka_sell_dialog_get_text (dialog, "note");
  gint64 quantity, rate = 0, amount = 0, price = 0;
  gboolean ok = TRUE;

  if (line == NULL)
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_NOT_FOUND,
                   _("The line is no longer in the order."));
      return FALSE;
    }

  if (!duka_sell_parse_quantity (duka_sell_dialog_get_text (dialog, "quantity"), &quantity, error))
    return FALSE;
  if (*percent != '\0' &&
      !duka_rate_parse_percent (percent, FALSE, &rate, error))
    return FALSE;
  if (!duka_sell_view_parse_money (self, amount_text, &amount, error) ||
      !duka_sell_view_parse_money (self, price_text, &price, error))
    return FALSE;
  if (rate != 0 && amount != 0)
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID,
                   _("Give the discount as a percentage or as an amount, not both."));
      return FALSE;
    }

  if (quantity != line->quantity)
    ok = duka_register_set_quantity (self->cash_register, actor, line->id, quantity, error);
  if (ok && g_strcmp0 (note, line->note ? line->note : "") != 0)
    ok = duka_register_set_line_note (self->cash_register, actor, line->id, note, error);
  /* Each step names what a manager's approval would be for. */
  duka_sell_dialog_allow_override (dialog, DUKA_PERMISSION_DISCOUNT);
  if (ok && (rate != line->discount_rate || amount != line->discount_amount ||
             g_strcmp0 (reason, line->discount_reason ? line->discount_reason : "") != 0))
    ok = duka_register_discount_line (self->cash_register, actor, line->id, rate, amount,
                                      *reason ? reason : NULL, error);
  if (ok && *price_text != '\0' && price != line->unit_price)
    {
      duka_sell_dialog_allow_override (dialog, DUKA_PERMISSION_OVERRIDE_PRICE);
      ok = duka_register_set_price (self->cash_register, actor, line->id, price, error);
    }

  duka_sell_view_reload_order (self);
  return ok;
}

static void
void_from_editor_cb (GtkButton    *button,
                     DukaSellView *self)
{
  gtk_window_destroy (g_object_get_data (G_OBJECT (button), "dialog"));
  gtk_widget_activate_action (GTK_WIDGET (self), "sell.void-line", NULL);
}

void
duka_sell_view_edit_line (DukaSellView *self,
                          const char   *line_id)
{
  const DukaOrderLine *line = find_line (self, line_id);
  DukaSellDialog *dialog;
  g_autofree char *quantity = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *price = NULL;
  GtkWidget *void_button;

  if (line == NULL || line->kind == DUKA_LINE_TIP)
    return;

  quantity = duka_sell_format_quantity (line->quantity);
  rate = line->discount_rate ? duka_rate_format_percent (line->discount_rate, LC_GLOBAL_LOCALE) : NULL;
  amount = line->discount_amount ? duka_sell_view_format_money (self, line->discount_amount) : NULL;
  price = duka_sell_view_format_money (self, line->unit_price);

  dialog = duka_sell_dialog_new (GTK_WIDGET (self), line->name, _("_Apply"), apply_edit_line,
                                 line_form_new (self, line->id), line_form_free);
  duka_sell_dialog_add_group (dialog, NULL, line->details);
  duka_sell_dialog_add_entry (dialog, "quantity", _("_Quantity"), quantity);
  duka_sell_dialog_add_entry (dialog, "note", _("_Note"), line->note);
  duka_sell_dialog_add_group (dialog, _("Discount"), NULL);
  duka_sell_dialog_add_entry (dialog, "discount-rate", _("_Percentage"), rate);
  duka_sell_dialog_add_entry (dialog, "discount-amount", _("A_mount"), amount);
  duka_sell_dialog_add_entry (dialog, "discount-reason", _("_Reason"), line->discount_reason);
  duka_sell_dialog_add_group (dialog, _("Price"), _("Changing the price needs the right to override prices."));
  duka_sell_dialog_add_entry (dialog, "price", _("_Unit Price"), price);

  void_button = gtk_button_new_with_mnemonic (_("_Void Line…"));
  gtk_widget_add_css_class (void_button, "destructive-action");
  gtk_widget_set_halign (void_button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (void_button), "dialog", dialog);
  g_signal_connect_object (void_button, "clicked", G_CALLBACK (void_from_editor_cb), self, 0);
  duka_sell_dialog_add_widget (dialog, void_button);

  duka_sell_view_select_line (self, line->id);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The order ------------------------------------------------------------ */

static gboolean
apply_discount_order (DukaSellDialog  *dialog,
                      gpointer         data,
                      GError         **error)
{
  DukaSellView *self = data;
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor_for (self, dialog);
  g_autofree char *percent = g_strstrip (g_strdup (duka_sell_dialog_get_text (dialog, "rate")));
  const char *reason = duka_sell_dialog_get_text (dialog, "reason");
  gint64 rate = 0, amount = 0;
  gboolean ok;

  if (*percent != '\0' && !duka_rate_parse_percent (percent, FALSE, &rate, error))
    return FALSE;
  if (!duka_sell_view_parse_money (self, duka_sell_dialog_get_text (dialog, "amount"), &amount, error))
    return FALSE;
  ok = duka_register_discount_order (self->cash_register, actor, self->order_id, rate, amount,
                                     *reason ? reason : NULL, error);
  duka_sell_view_reload_order (self);
  return ok;
}

static void
discount_order_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  DukaSellDialog *dialog;
  g_autofree char *rate = NULL;
  g_autofree char *amount = NULL;

  if (self->order == NULL)
    return;
  if (self->order->discount_rate)
    rate = duka_rate_format_percent (self->order->discount_rate, LC_GLOBAL_LOCALE);
  if (self->order->discount_amount)
    amount = duka_sell_view_format_money (self, self->order->discount_amount);

  dialog = duka_sell_dialog_new (widget, _("Discount the Order"), _("_Apply"),
                                 apply_discount_order, g_object_ref (self), g_object_unref);
  duka_sell_dialog_add_group (dialog, NULL, _("A percentage or an amount, with a reason. Leave both empty to remove the discount."));
  duka_sell_dialog_add_entry (dialog, "rate", _("_Percentage"), rate);
  duka_sell_dialog_add_entry (dialog, "amount", _("A_mount"), amount);
  duka_sell_dialog_add_entry (dialog, "reason", _("_Reason"), self->order->discount_reason);
  duka_sell_dialog_allow_override (dialog, DUKA_PERMISSION_DISCOUNT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
apply_void_order (DukaSellDialog  *dialog,
                  gpointer         data,
                  GError         **error)
{
  DukaSellView *self = data;
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor_for (self, dialog);
  g_autofree char *reason = g_strstrip (g_strdup (duka_sell_dialog_get_text (dialog, "reason")));

  if (*reason == '\0')
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID,
                   _("Say why the order is voided."));
      return FALSE;
    }
  if (!duka_register_void_order (self->cash_register, actor, self->order_id, reason, error))
    return FALSE;
  duka_sell_view_set_order (self, NULL);
  return TRUE;
}

static void
void_order_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  DukaSellDialog *dialog;

  if (self->order_id == NULL)
    return;
  dialog = duka_sell_dialog_new (widget, _("Void the Order"), _("_Void Order"),
                                 apply_void_order, g_object_ref (self), g_object_unref);
  duka_sell_dialog_add_group (dialog, NULL, _("Every line is voided and the order closes without a sale."));
  duka_sell_dialog_add_entry (dialog, "reason", _("_Reason"), NULL);
  duka_sell_dialog_allow_override (dialog, DUKA_PERMISSION_VOID_SALE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
park_order (DukaSellView  *self,
            const char    *name,
            GError       **error)
{
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor (self);

  if (self->order_id == NULL || !order_has_lines (self))
    return TRUE;
  if (!duka_register_set_parked (self->cash_register, actor, self->order_id, TRUE, name, error))
    return FALSE;
  duka_sell_view_set_order (self, NULL);
  return TRUE;
}

static gboolean
apply_park (DukaSellDialog  *dialog,
            gpointer         data,
            GError         **error)
{
  DukaSellView *self = data;
  g_autofree char *name = g_strstrip (g_strdup (duka_sell_dialog_get_text (dialog, "name")));

  if (!park_order (self, *name ? name : NULL, error))
    return FALSE;
  duka_sell_view_toast (self, _("Order parked"));
  return TRUE;
}

static void
park_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  DukaSellDialog *dialog;

  dialog = duka_sell_dialog_new (widget, _("Park the Order"), _("_Park"),
                                 apply_park, g_object_ref (self), g_object_unref);
  duka_sell_dialog_add_group (dialog, NULL, _("A name helps find it again: the customer, a table."));
  duka_sell_dialog_add_entry (dialog, "name", _("_Name"),
                              self->order && self->order->name ? self->order->name : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (duka_sell_dialog_get_entry (dialog, "name")));
}

static void
new_order_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  g_autoptr(GError) error = NULL;

  /* Nothing is thrown away: a started order is parked. */
  if (!park_order (self, NULL, &error))
    report_error (self, error);
  else
    duka_sell_view_set_order (self, NULL);
}

static void
recall_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         DukaSellView  *self)
{
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor (self);
  g_autoptr(GError) error = NULL;
  const char *id = gtk_widget_get_name (GTK_WIDGET (row));

  if (g_strcmp0 (id, self->order_id) != 0 && !park_order (self, NULL, &error))
    report_error (self, error);
  else if (!duka_register_set_parked (self->cash_register, actor, id, FALSE, NULL, &error))
    report_error (self, error);
  else
    duka_sell_view_set_order (self, id);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (list))));
}

static void
recall_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = duka_register_list_open_orders (self->cash_register, &error);
  DukaSellDialog *dialog;
  GtkWidget *list;

  if (orders == NULL)
    {
      report_error (self, error);
      return;
    }

  dialog = duka_sell_dialog_new (widget, _("Open Orders"), NULL, NULL, NULL, NULL);
  duka_sell_dialog_set_apply_visible (dialog, FALSE);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_name (list, "orders");
  for (guint i = 0; i < orders->len; i++)
    {
      JsonObject *order = orders->pdata[i];
      const char *name = json_object_get_string_member_with_default (order, "name", NULL);
      g_autoptr(GDateTime) opened = g_date_time_new_from_unix_local (
        json_object_get_int_member_with_default (order, "opened_at", 0) / G_USEC_PER_SEC);
      g_autofree char *time = opened ? g_date_time_format (opened, "%X") : g_strdup ("");
      g_autofree char *total = duka_sell_view_format_money (self,
        json_object_get_int_member_with_default (order, "total", 0));
      gint64 n = json_object_get_int_member_with_default (order, "line_count", 0);
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d line · %s",
                                                                "%s · %d lines · %s", (gulong) n),
                                                   time, (int) n, total);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     name && *name ? name
                                     : json_object_get_boolean_member_with_default (order, "parked", FALSE)
                                       ? _("Parked order") : _("Open order"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_name (row, json_object_get_string_member (order, "id"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (orders->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No parked or open orders"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_list_box_set_placeholder (GTK_LIST_BOX (list), empty);
    }
  g_signal_connect_object (list, "row-activated", G_CALLBACK (recall_row_activated_cb), self, 0);
  duka_sell_dialog_add_widget (dialog, list);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
payment_completed_cb (DukaPaymentDialog *dialog,
                      const char        *sale_id,
                      const char        *receipt_no,
                      DukaSellView      *self)
{
  g_free (self->last_sale_id);
  self->last_sale_id = g_strdup (sale_id);
  g_free (self->last_receipt_no);
  self->last_receipt_no = g_strdup (receipt_no);
  duka_sell_view_set_order (self, NULL);
}

static void
payment_closed_cb (DukaSellView *self)
{
  duka_sell_view_reload_order (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  DukaPaymentDialog *dialog;

  if (self->order_id == NULL)
    return;

  dialog = duka_payment_dialog_new (self, self->order_id);
  g_signal_connect_object (dialog, "completed", G_CALLBACK (payment_completed_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (payment_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);

  gtk_stack_set_visible_child_name (self->stack, "register");
  duka_sell_view_update_session (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_receipts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);

  gtk_stack_set_visible_child_name (self->stack, "receipts");
  duka_receipts_page_refresh (self->receipts_page);
}

static void
show_register_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);

  gtk_stack_set_visible_child_name (self->stack, "register");
  duka_sell_view_update_session (self);
}

static void
print_job_state_cb (DukaPrintJob *job,
                    GParamSpec   *pspec,
                    DukaSellView *self)
{
  if (duka_print_job_get_state (job) == DUKA_PRINT_JOB_FAILED)
    {
      g_autofree char *message = g_strdup_printf (_("The receipt did not print: %s"),
                                                  duka_print_job_get_reason (job));

      duka_sell_view_toast (self, message);
    }
}

/* Printing happens only after the commit: the payment dialog and the
 * receipts page ask for it by sale or refund id.  The print is a job the
 * cashier hears about when it fails. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  g_autoptr(GError) error = NULL;
  DukaPrintJob *job;
  const char *kind = g_str_equal (action_name, "sell.print-refund") ? "refund" : "sale";
  gboolean copy = g_str_equal (action_name, "sell.reprint-receipt");

  if (self->receipt_service == NULL)
    self->receipt_service = duka_receipt_service_new (duka_catalog_get_store (self->catalog),
                                                      self->catalog, self->cash_register, NULL);

  job = duka_receipt_service_print (self->receipt_service, kind,
                                    g_variant_get_string (param, NULL), copy, &error);
  if (job == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The receipt did not print: %s"), error->message);

      duka_sell_view_toast (self, message);
      return;
    }
  g_signal_connect_object (job, "notify::state", G_CALLBACK (print_job_state_cb), self, 0);
  print_job_state_cb (job, NULL, self);
}

/* Defined in duka-sell-session.c */
void duka_sell_view_install_session_actions (GtkWidgetClass *widget_class);

void
duka_sell_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sell.add-product", "s", add_product_action);
  gtk_widget_class_install_action (widget_class, "sell.increase", NULL, increase_action);
  gtk_widget_class_install_action (widget_class, "sell.decrease", NULL, decrease_action);
  gtk_widget_class_install_action (widget_class, "sell.void-line", NULL, void_line_action);
  gtk_widget_class_install_action (widget_class, "sell.discount-order", NULL, discount_order_action);
  gtk_widget_class_install_action (widget_class, "sell.void-order", NULL, void_order_action);
  gtk_widget_class_install_action (widget_class, "sell.park", NULL, park_action);
  gtk_widget_class_install_action (widget_class, "sell.recall", NULL, recall_action);
  gtk_widget_class_install_action (widget_class, "sell.new-order", NULL, new_order_action);
  gtk_widget_class_install_action (widget_class, "sell.pay", NULL, pay_action);
  gtk_widget_class_install_action (widget_class, "sell.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "sell.show-receipts", NULL, show_receipts_action);
  gtk_widget_class_install_action (widget_class, "sell.show-register", NULL, show_register_action);
  gtk_widget_class_install_action (widget_class, "sell.print-receipt", "s", print_action);
  gtk_widget_class_install_action (widget_class, "sell.reprint-receipt", "s", print_action);
  gtk_widget_class_install_action (widget_class, "sell.print-refund", "s", print_action);
  duka_sell_view_install_session_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "sell.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "sell.show-receipts", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, 0, "sell.pay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "sell.park", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "sell.recall", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "sell.new-order", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "sell.void-line", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "sell.increase", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "sell.increase", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "sell.decrease", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "sell.decrease", NULL);
}
