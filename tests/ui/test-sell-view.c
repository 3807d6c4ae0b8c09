/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include <gdk/x11/gdkx.h>

#include "duka-barcode.h"
#include "duka-barcode-wedge.h"
#include "duka-id.h"
#include "duka-payment-dialog.h"
#include "duka-product.h"
#include "duka-receipts-page.h"
#include "duka-sell-dialog.h"
#include "duka-sell-view.h"
#include "duka-test-ui.h"
#include "duka-window.h"

typedef struct
{
  DukaBusinessSettings *settings;
  DukaWindow           *window;
  DukaSellView         *view;
  DukaCatalog          *catalog;
  DukaRegister         *cash_register;
} Fixture;

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins until @check holds, or fails after five seconds. */
#define WAIT_UNTIL(check) \
  G_STMT_START { \
    gboolean _timeout = FALSE; \
    guint _id = g_timeout_add (5000, timed_out, &_timeout); \
    while (!(check) && !_timeout) \
      g_main_context_iteration (NULL, TRUE); \
    g_assert_true (check); \
    if (!_timeout) \
      g_source_remove (_id); \
  } G_STMT_END

static gpointer
view_child (Fixture    *f,
            const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (f->view), DUKA_TYPE_SELL_VIEW, id);

  g_assert_nonnull (child);
  return child;
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), action, NULL));
  duka_test_spin ();
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
open_session (Fixture *f)
{
  GtkStack *stack = view_child (f, "stack");
  g_autofree char *session = duka_cash_sessions_dup_open_id (duka_sell_view_get_cash_sessions (f->view));

  if (session != NULL)
    {
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), !=, "session");
      return;
    }

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "session");
  /* Bad input first: the reason shows beside the field, nothing opens. */
  gtk_editable_set_text (GTK_EDITABLE (view_child (f, "float_row")), "lots");
  activate (f, "sell.open-session");
  g_assert_true (gtk_widget_get_visible (view_child (f, "float_error")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "session");

  gtk_editable_set_text (GTK_EDITABLE (view_child (f, "float_row")), "5000");
  activate (f, "sell.open-session");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "register");
  session = duka_cash_sessions_dup_open_id (duka_sell_view_get_cash_sessions (f->view));
  g_assert_nonnull (session);
}

static const char * const skus[] = { "T001", "T002" };

/* The products the tests ring up, made before the view exists; plain
 * items that need no choices. */
static void
add_test_products (DukaBusinessSettings *settings)
{
  g_autoptr(DukaCatalog) catalog = duka_catalog_new (duka_business_settings_get_store (settings));
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (settings);
  const char * const names[] = { "Black tea", "Mandazi" };
  const gint64 prices[] = { 15000, 8000 };

  for (guint i = 0; i < G_N_ELEMENTS (skus); i++)
    {
      g_autoptr(JsonObject) record = json_object_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;

      json_object_set_string_member (record, "name", names[i]);
      json_object_set_string_member (record, "sku", skus[i]);
      json_object_set_int_member (record, "price", prices[i]);
      g_assert_true (duka_catalog_save (catalog, actor, "product", record, &id, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = duka_test_new_business_settings (TRUE);
  add_test_products (f->settings);
  f->window = duka_window_new (NULL, f->settings);
  gtk_window_present (GTK_WINDOW (f->window));
  duka_test_wait_mapped (GTK_WIDGET (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "sell");
  duka_test_spin ();
  f->view = DUKA_SELL_VIEW (duka_window_get_view (f->window, "sell"));
  duka_test_wait_mapped (GTK_WIDGET (f->view));
  g_object_get (f->view, "catalog", &f->catalog, NULL);
  f->cash_register = g_object_ref (duka_sell_view_get_register (f->view));
  open_session (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) dialog = g_list_model_get_item (toplevels, i - 1);

      if (dialog != GTK_WINDOW (f->window))
        gtk_window_destroy (dialog);
    }
  duka_test_spin ();
  g_clear_object (&f->cash_register);
  g_clear_object (&f->catalog);
  duka_test_destroy_window (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->settings);
}

/* Where the product with @sku is in the grid. */
static guint
find_plain_product (Fixture *f,
                    guint    index)
{
  GListModel *products = duka_sell_view_get_products (f->view);

  for (guint i = 0; i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(DukaProduct) product = g_list_model_get_item (products, i);

      if (g_strcmp0 (duka_product_get_sku (product), skus[index]) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static DukaOrder *
current_order (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DukaOrder *order;

  g_assert_nonnull (duka_sell_view_get_order_id (f->view));
  order = duka_register_get_order (f->cash_register, duka_sell_view_get_order_id (f->view), &error);
  g_assert_no_error (error);
  return order;
}

static guint
live_lines (DukaOrder *order)
{
  guint n = 0;

  for (guint i = 0; i < order->lines->len; i++)
    n += !((DukaOrderLine *) order->lines->pdata[i])->voided;
  return n;
}

static DukaOrderLine *
line_of (DukaOrder  *order,
         const char *product_id)
{
  for (guint i = 0; i < order->lines->len; i++)
    {
      DukaOrderLine *line = order->lines->pdata[i];

      if (!line->voided && g_strcmp0 (line->product_id, product_id) == 0)
        return line;
    }
  return NULL;
}

static char *
click_product (Fixture *f,
               guint    position)
{
  GtkGridView *grid = view_child (f, "product_grid");
  g_autoptr(DukaProduct) product = g_list_model_get_item (duka_sell_view_get_products (f->view), position);

  g_signal_emit_by_name (grid, "activate", position);
  duka_test_spin ();
  return g_strdup (duka_product_get_id (product));
}

static char *
add_by_search (Fixture *f,
               guint    skip)
{
  GtkEditable *search = view_child (f, "search_entry");
  g_autoptr(DukaProduct) product = g_list_model_get_item (duka_sell_view_get_products (f->view),
                                                          find_plain_product (f, skip));
  GListModel *shown = duka_sell_view_get_products (f->view);
  g_autofree char *id = g_strdup (duka_product_get_id (product));
  guint found = G_MAXUINT;

  gtk_editable_set_text (search, duka_product_get_sku (product));
  WAIT_UNTIL (g_list_model_get_n_items (shown) >= 1 && g_list_model_get_n_items (shown) < 50);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DukaProduct) match = g_list_model_get_item (shown, i);

      if (g_str_equal (duka_product_get_id (match), id))
        found = i;
    }
  g_assert_cmpuint (found, !=, G_MAXUINT);
  g_free (click_product (f, found));
  gtk_editable_set_text (search, "");
  duka_test_spin ();
  return g_steal_pointer (&id);
}

static void
pay_cash_with_change (Fixture *f,
                      gint64   extra)
{
  DukaPaymentDialog *dialog;
  gint64 due;

  activate (f, "sell.pay");
  dialog = find_toplevel (DUKA_TYPE_PAYMENT_DIALOG);
  g_assert_nonnull (dialog);
  due = duka_register_cash_due (f->cash_register, duka_payment_dialog_get_remaining (dialog));
  g_assert_cmpint (due, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "payment.quick-cash", "x", due + extra));
  duka_test_spin ();
  g_assert_cmpstr (duka_payment_dialog_get_error (dialog), ==, NULL);
  g_assert_nonnull (duka_payment_dialog_get_receipt_no (dialog));
  g_assert_cmpstr (duka_payment_dialog_get_receipt_no (dialog), !=, "");
  g_assert_cmpint (duka_payment_dialog_get_change (dialog), ==, extra);
  g_assert_cmpstr (duka_sell_view_get_last_receipt_no (f->view), ==,
                   duka_payment_dialog_get_receipt_no (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "payment.close", NULL));
  duka_test_spin ();
}

static void
test_whole_sale (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *clicked = NULL;
  g_autofree char *searched = NULL;
  g_autoptr(DukaOrder) order = NULL;
  g_autoptr(JsonObject) sale = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total;

  g_assert_null (duka_sell_view_get_order_id (f->view));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->view), "sell.pay", NULL) &&
                  find_toplevel (DUKA_TYPE_PAYMENT_DIALOG) != NULL);

  clicked = click_product (f, find_plain_product (f, 0));
  searched = add_by_search (f, 1);
  order = current_order (f);
  g_assert_cmpuint (live_lines (order), ==, 2);
  g_assert_nonnull (line_of (order, clicked));
  g_assert_nonnull (line_of (order, searched));
  g_assert_cmpint (line_of (order, searched)->quantity, ==, 1000);

  /* The line added last is selected: + makes it two. */
  activate (f, "sell.increase");
  g_clear_pointer (&order, duka_order_free);
  order = current_order (f);
  g_assert_cmpint (line_of (order, searched)->quantity, ==, 2000);
  total = order->total;
  g_assert_cmpint (total, >, 0);
  {
    g_autofree char *shown = NULL;

    g_object_get (view_child (f, "total_label"), "label", &shown, NULL);
    g_assert_cmpstr (shown, !=, "");
  }

  pay_cash_with_change (f, 5000);
  g_assert_null (duka_sell_view_get_order_id (f->view));
  sale = duka_register_load_sale (f->cash_register, duka_sell_view_get_last_sale_id (f->view), &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_int_member (sale, "total") == total ||
                 json_object_get_int_member (sale, "total") == duka_register_cash_due (f->cash_register, total));
  g_assert_cmpint (json_object_get_int_member (sale, "change"), ==, 5000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sale, "lines")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (sale, "receipt_no"), ==,
                   duka_sell_view_get_last_receipt_no (f->view));
}

static void
test_bad_quantity (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = click_product (f, find_plain_product (f, 0));
  g_autoptr(DukaOrder) order = current_order (f);
  DukaSellDialog *dialog;

  duka_sell_view_select_line (f->view, line_of (order, id)->id);
  g_signal_emit_by_name (view_child (f, "cart_list"), "row-activated",
                         gtk_list_box_get_selected_row (view_child (f, "cart_list")));
  duka_test_spin ();
  dialog = find_toplevel (DUKA_TYPE_SELL_DIALOG);
  g_assert_nonnull (dialog);

  /* An absurd quantity is refused with the reason, the dialog stays with
   * what was typed, the line keeps its quantity. */
  duka_sell_dialog_set_text (dialog, "quantity", "100000");
  g_assert_false (duka_sell_dialog_apply (dialog));
  g_assert_nonnull (duka_sell_dialog_get_error (dialog));
  g_assert_cmpstr (duka_sell_dialog_get_text (dialog, "quantity"), ==, "100000");
  duka_sell_dialog_set_text (dialog, "quantity", "0");
  g_assert_false (duka_sell_dialog_apply (dialog));
  /* Beyond 100 %. */
  duka_sell_dialog_set_text (dialog, "quantity", "3");
  duka_sell_dialog_set_text (dialog, "discount-rate", "150");
  g_assert_false (duka_sell_dialog_apply (dialog));
  g_clear_pointer (&order, duka_order_free);
  order = current_order (f);
  g_assert_cmpint (line_of (order, id)->quantity, ==, 1000);

  duka_sell_dialog_set_text (dialog, "discount-rate", "10");
  duka_sell_dialog_set_text (dialog, "discount-reason", "Regular");
  g_assert_true (duka_sell_dialog_apply (dialog));
  duka_test_spin ();
  g_clear_pointer (&order, duka_order_free);
  order = current_order (f);
  g_assert_cmpint (line_of (order, id)->quantity, ==, 3000);
  g_assert_cmpint (line_of (order, id)->discount_rate, ==, 100000);
  g_assert_cmpint (order->discounts, >, 0);
}

static void
test_underpaid (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = click_product (f, find_plain_product (f, 0));
  g_autofree char *order_id = g_strdup (duka_sell_view_get_order_id (f->view));
  DukaPaymentDialog *dialog;
  gint64 due;

  activate (f, "sell.pay");
  dialog = find_toplevel (DUKA_TYPE_PAYMENT_DIALOG);
  g_assert_nonnull (dialog);
  due = duka_register_cash_due (f->cash_register, duka_payment_dialog_get_remaining (dialog));

  /* Less than due and no other tender: refused with the reason, the
   * order stays open, the dialog stays to take the rest. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "payment.quick-cash", "x", due / 2));
  duka_test_spin ();
  g_assert_nonnull (duka_payment_dialog_get_error (dialog));
  g_assert_null (duka_payment_dialog_get_receipt_no (dialog));
  g_assert_cmpstr (duka_sell_view_get_order_id (f->view), ==, order_id);
  g_assert_cmpint (duka_payment_dialog_get_remaining (dialog), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "payment.quick-cash", "x", due));
  duka_test_spin ();
  g_assert_nonnull (duka_payment_dialog_get_receipt_no (dialog));
  g_assert_null (duka_sell_view_get_order_id (f->view));
}

static guint
position_of (GListModel *model,
             const char *product_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DukaProduct) item = g_list_model_get_item (model, i);

      if (g_str_equal (duka_product_get_id (item), product_id))
        return i;
    }
  return G_MAXUINT;
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *out)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_checks (child, out);
}

static void
test_modifier_choices (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  g_autoptr(JsonObject) group = json_object_new ();
  g_autoptr(JsonObject) product = json_object_new ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(DukaOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *product_id = NULL;
  JsonArray *options = json_array_new ();
  JsonArray *groups = json_array_new ();
  const char * const names[] = { "Honey", "Lemon", "Ginger" };
  DukaSellDialog *dialog;
  GListModel *shown = duka_sell_view_get_products (f->view);
  guint position = G_MAXUINT;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *option = json_object_new ();
      g_autofree char *id = duka_id_new ();

      json_object_set_string_member (option, "id", id);
      json_object_set_string_member (option, "name", names[i]);
      json_object_set_int_member (option, "price", 1000);
      json_array_add_object_element (options, option);
    }
  json_object_set_string_member (group, "name", "Add");
  json_object_set_int_member (group, "min_choices", 1);
  json_object_set_int_member (group, "max_choices", 2);
  json_object_set_array_member (group, "options", options);
  g_assert_true (duka_catalog_save (f->catalog, actor, "modifier_group", group, &group_id, &error));
  g_assert_no_error (error);
  json_array_add_string_element (groups, group_id);
  json_object_set_string_member (product, "name", "Herbal tea");
  json_object_set_string_member (product, "sku", "T003");
  json_object_set_int_member (product, "price", 12000);
  json_object_set_array_member (product, "modifier_group_ids", groups);
  g_assert_true (duka_catalog_save (f->catalog, actor, "product", product, &product_id, &error));
  g_assert_no_error (error);

  gtk_editable_set_text (GTK_EDITABLE (view_child (f, "search_entry")), "Herbal");
  WAIT_UNTIL ((position = position_of (shown, product_id)) != G_MAXUINT);
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_free (click_product (f, position));

  /* The choices come first: nothing is in the order yet. */
  dialog = find_toplevel (DUKA_TYPE_SELL_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_null (duka_sell_view_get_order_id (f->view));
  collect_checks (GTK_WIDGET (dialog), checks);
  g_assert_cmpuint (checks->len, ==, 3);

  /* At least one. */
  g_assert_false (duka_sell_dialog_apply (dialog));
  g_assert_nonnull (duka_sell_dialog_get_error (dialog));

  /* At most two: a third tick is refused. */
  gtk_check_button_set_active (checks->pdata[0], TRUE);
  gtk_check_button_set_active (checks->pdata[2], TRUE);
  gtk_check_button_set_active (checks->pdata[1], TRUE);
  g_assert_false (gtk_check_button_get_active (checks->pdata[1]));

  g_assert_true (duka_sell_dialog_apply (dialog));
  duka_test_spin ();
  order = current_order (f);
  g_assert_nonnull (line_of (order, product_id));
  g_assert_cmpint (line_of (order, product_id)->unit_price, ==, 14000);
  g_assert_nonnull (line_of (order, product_id)->details);
}

static void
test_close_session (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DukaProfile) profile = duka_business_settings_load (f->settings, NULL);
  const gint64 *notes = duka_cash_denominations (profile->currency);
  g_autofree char *key = g_strdup_printf ("d%" G_GINT64_FORMAT, notes[0]);
  DukaSellDialog *dialog;
  g_autofree char *session = NULL;

  activate (f, "sell.x-report");
  dialog = find_toplevel (DUKA_TYPE_SELL_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  duka_test_spin ();

  activate (f, "sell.close-session");
  dialog = find_toplevel (DUKA_TYPE_SELL_DIALOG);
  g_assert_nonnull (dialog);
  duka_sell_dialog_set_text (dialog, key, "five");
  g_assert_false (duka_sell_dialog_apply (dialog));
  g_assert_nonnull (duka_sell_dialog_get_error (dialog));
  session = duka_cash_sessions_dup_open_id (duka_sell_view_get_cash_sessions (f->view));
  g_assert_nonnull (session);

  duka_sell_dialog_set_text (dialog, key, "5");
  g_assert_true (duka_sell_dialog_apply (dialog));
  duka_test_spin ();
  g_clear_pointer (&session, g_free);
  session = duka_cash_sessions_dup_open_id (duka_sell_view_get_cash_sessions (f->view));
  g_assert_null (session);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "stack")), ==, "session");

  /* The Z report is shown. */
  dialog = find_toplevel (DUKA_TYPE_SELL_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Z Report");
}

static guint
cart_rows (Fixture *f)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (view_child (f, "cart_list")); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row);
  return n;
}

/* Another till adding to the same order, or closing the session from
 * duka-admin, shows in the view without touching it. */
static void
test_follows_the_store (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = click_product (f, find_plain_product (f, 0));
  g_autoptr(DukaRegister) other = duka_register_new (duka_catalog_get_store (f->catalog), f->catalog);
  g_autoptr(DukaCashSessions) sessions = duka_cash_sessions_new (duka_catalog_get_store (f->catalog));
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaOrder) order = current_order (f);
  DukaLineRequest request = { .quantity = 2000 };
  DukaCashCount count = { 100, 1 };

  request.product_id = order->lines->len > 0 ? ((DukaOrderLine *) order->lines->pdata[0])->product_id : NULL;
  g_assert_cmpuint (cart_rows (f), ==, 1);
  g_assert_true (duka_register_add_line (other, actor, duka_sell_view_get_order_id (f->view),
                                         &request, NULL, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (cart_rows (f) == 2);

  g_assert_true (duka_cash_sessions_close (sessions, actor, &count, 1, NULL, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (g_str_equal (gtk_stack_get_visible_child_name (view_child (f, "stack")), "session"));
}

static void
test_park_and_recall (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = click_product (f, find_plain_product (f, 0));
  g_autofree char *order_id = g_strdup (duka_sell_view_get_order_id (f->view));
  g_autoptr(DukaOrder) order = NULL;
  DukaSellDialog *dialog;
  GtkListBox *orders = NULL;
  GtkListBoxRow *row = NULL;

  g_assert_nonnull (order_id);
  activate (f, "sell.park");
  dialog = find_toplevel (DUKA_TYPE_SELL_DIALOG);
  g_assert_nonnull (dialog);
  duka_sell_dialog_set_text (dialog, "name", "Table 4");
  g_assert_true (duka_sell_dialog_apply (dialog));
  duka_test_spin ();
  g_assert_null (duka_sell_view_get_order_id (f->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "cart_stack")), ==, "empty");

  activate (f, "sell.recall");
  dialog = find_toplevel (DUKA_TYPE_SELL_DIALOG);
  g_assert_nonnull (dialog);
  for (GtkWidget *w = GTK_WIDGET (dialog); w != NULL; )
    {
      if (GTK_IS_LIST_BOX (w) && g_strcmp0 (gtk_widget_get_name (w), "orders") == 0)
        {
          orders = GTK_LIST_BOX (w);
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (orders);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (orders, i)) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), order_id) == 0)
      break;
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Table 4");
  g_signal_emit_by_name (orders, "row-activated", row);
  duka_test_spin ();

  g_assert_cmpstr (duka_sell_view_get_order_id (f->view), ==, order_id);
  order = current_order (f);
  g_assert_false (order->parked);
  g_assert_nonnull (line_of (order, id));
}

static void
test_refund_from_history (Fixture       *f,
                          gconstpointer  data)
{
  DukaReceiptsPage *page = view_child (f, "receipts_page");
  g_autofree char *id = click_product (f, find_plain_product (f, 0));
  g_autofree char *sale_id = NULL;
  g_autofree char *receipt_no = NULL;
  g_autoptr(JsonObject) sale = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *line;

  activate (f, "sell.increase");
  pay_cash_with_change (f, 0);
  sale_id = g_strdup (duka_sell_view_get_last_sale_id (f->view));
  receipt_no = g_strdup (duka_sell_view_get_last_receipt_no (f->view));

  activate (f, "sell.show-receipts");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view_child (f, "stack")), ==, "receipts");
  duka_receipts_page_search (page, receipt_no);
  g_assert_cmpuint (duka_receipts_page_get_n_found (page), >=, 1);
  g_assert_true (duka_receipts_page_show_sale (page, sale_id));

  sale = duka_register_load_sale (f->cash_register, sale_id, &error);
  g_assert_no_error (error);
  line = json_array_get_object_element (json_object_get_array_member (sale, "lines"), 0);

  /* No reason: refused, nothing written. */
  duka_receipts_page_set_refund_quantity (page, json_object_get_string_member (line, "id"), 1000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "receipts.refund", NULL));
  g_assert_nonnull (duka_receipts_page_get_error (page));

  duka_receipts_page_set_refund_reason (page, "Spilt");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "receipts.refund", NULL));
  g_assert_null (duka_receipts_page_get_error (page));
  g_clear_pointer (&sale, json_object_unref);
  sale = duka_register_load_sale (f->cash_register, sale_id, &error);
  g_assert_no_error (error);
  line = json_array_get_object_element (json_object_get_array_member (sale, "lines"), 0);
  g_assert_cmpint (json_object_get_int_member (line, "refunded"), ==, 1000);

  /* More than remains refundable: the register's reason is shown. */
  duka_receipts_page_set_refund_quantity (page, json_object_get_string_member (line, "id"), 2000);
  duka_receipts_page_set_refund_reason (page, "Again");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "receipts.refund", NULL));
  g_assert_nonnull (duka_receipts_page_get_error (page));
  g_clear_pointer (&sale, json_object_unref);
  sale = duka_register_load_sale (f->cash_register, sale_id, &error);
  line = json_array_get_object_element (json_object_get_array_member (sale, "lines"), 0);
  g_assert_cmpint (json_object_get_int_member (line, "refunded"), ==, 1000);
}

/* The keyboard wedge --------------------------------------------------- */

static char *
add_barcoded_product (Fixture *f)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  g_autoptr(GError) error = NULL;
  JsonArray *barcodes = json_array_new ();
  char code[14] = "590123412345";
  char *id = NULL;

  code[12] = (char) ('0' + duka_barcode_check_digit (code, 12));
  code[13] = '\0';
  json_array_add_string_element (barcodes, code);
  json_object_set_string_member (record, "name", "Scanned Soap");
  json_object_set_int_member (record, "price", 25000);
  json_object_set_array_member (record, "barcodes", barcodes);
  g_assert_true (duka_catalog_save (f->catalog, actor, "product", record, &id, &error));
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (f->view), "test-code", g_strdup (code), g_free);
  return id;
}

static gboolean
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
scan_with_xdotool (Fixture    *f,
                   const char *code,
                   int         delay_ms)
{
  g_autofree char *delay = g_strdup_printf ("%d", delay_ms);
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
    gtk_native_get_surface (GTK_NATIVE (f->window))));
  const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
  /* One xdotool for the digits and the Enter: a scanner sends them in one
   * burst, and starting a second process could take longer than a gap. */
  g_autoptr(GPtrArray) scan = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (scan, g_strdup ("xdotool"));
  g_ptr_array_add (scan, g_strdup ("key"));
  g_ptr_array_add (scan, g_strdup ("--delay"));
  g_ptr_array_add (scan, g_strdup (delay));
  for (const char *c = code; *c; c++)
    g_ptr_array_add (scan, g_strndup (c, 1));
  g_ptr_array_add (scan, g_strdup ("Return"));
  g_ptr_array_add (scan, NULL);

  run (focus);
  g_assert_true (run ((const char * const *) scan->pdata));
}

/* What a scanner set up for a US keyboard sends on an AZERTY one: the
 * unshifted top row, which the French layout reads as &é"'(-è_çà. */
static void
scan_azerty_with_xdotool (Fixture    *f,
                          const char *code,
                          int         delay_ms)
{
  static const char * const top_row[] = {
    "agrave", "ampersand", "eacute", "quotedbl", "apostrophe",
    "parenleft", "minus", "egrave", "underscore", "ccedilla",
  };
  g_autofree char *delay = g_strdup_printf ("%d", delay_ms);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) "xdotool");
  g_ptr_array_add (argv, (char *) "key");
  g_ptr_array_add (argv, (char *) "--delay");
  g_ptr_array_add (argv, delay);
  for (const char *c = code; *c; c++)
    g_ptr_array_add (argv, (char *) top_row[*c - '0']);
  g_ptr_array_add (argv, (char *) "Return");
  g_ptr_array_add (argv, NULL);
  g_assert_true (run ((const char * const *) argv->pdata));
}

static gboolean
focus_is_in (Fixture   *f,
             GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gint64
scanned_quantity (Fixture    *f,
                  const char *product_id)
{
  g_autoptr(DukaOrder) order = NULL;
  DukaOrderLine *line;

  duka_test_spin ();
  if (duka_sell_view_get_order_id (f->view) == NULL)
    return 0;
  order = current_order (f);
  line = line_of (order, product_id);
  return line ? line->quantity : 0;
}

static void
test_keyboard_wedge (Fixture       *f,
                     gconstpointer  data)
{
  GtkEditable *search = view_child (f, "search_entry");
  g_autofree char *id = NULL;
  const char *code;
  gboolean french;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) ||
      g_find_program_in_path ("xdotool") == NULL)
    {
      g_test_skip ("needs X11 and xdotool");
      return;
    }

  id = add_barcoded_product (f);
  code = g_object_get_data (G_OBJECT (f->view), "test-code");

  /* Focus in the search with something typed in it. */
  gtk_widget_grab_focus (GTK_WIDGET (search));
  gtk_editable_set_text (search, "so");
  gtk_editable_set_position (search, -1);
  duka_test_spin ();

  scan_with_xdotool (f, code, 3);
  WAIT_UNTIL (scanned_quantity (f, id) == 1000);
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "so");

  /* With the focus outside the view, in the list of views. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window), DUKA_TYPE_WINDOW,
                                                                    "sidebar_list")));
  duka_test_spin ();
  scan_with_xdotool (f, code, 2);
  WAIT_UNTIL (scanned_quantity (f, id) == 2000);
  g_assert_cmpstr (duka_window_get_visible_view (f->window), ==, "sell");
  gtk_widget_grab_focus (GTK_WIDGET (search));
  gtk_editable_set_position (search, -1);
  duka_test_spin ();

  /* The function keys work from outside the view too: F2 is search. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window), DUKA_TYPE_WINDOW,
                                                                    "sidebar_list")));
  duka_test_spin ();
  {
    const char *f2[] = { "xdotool", "key", "F2", NULL };

    g_assert_true (run (f2));
    WAIT_UNTIL (focus_is_in (f, GTK_WIDGET (search)));
  }
  gtk_editable_set_position (search, -1);
  duka_test_spin ();

  /* A person typing slowly still types into the entry. */
  {
    const char *type[] = { "xdotool", "type", "--delay", "120", "12", NULL };

    g_assert_true (run (type));
    WAIT_UNTIL (g_str_equal (gtk_editable_get_text (search), "so12"));
    gtk_editable_set_text (search, "so");
  }

  /* The same scanner on a French (AZERTY) keyboard: the top row types
   * &é"'( … unshifted, and the wedge still reads digits. */
  {
    const char *fr[] = { "setxkbmap", "fr", NULL };

    french = g_find_program_in_path ("setxkbmap") != NULL && run (fr);
  }
  if (french)
    {
      const char *us[] = { "setxkbmap", "us", NULL };

      duka_test_spin ();
      scan_azerty_with_xdotool (f, code, 5);
      WAIT_UNTIL (scanned_quantity (f, id) == 3000);
      g_assert_cmpstr (gtk_editable_get_text (search), ==, "so");
      run (us);
    }
  else
    g_test_message ("setxkbmap is not available: the AZERTY scan is not tested");

  g_assert_cmpint (scanned_quantity (f, id), ==, french ? 3000 : 2000);
}

static void
test_wedge_keycodes (void)
{
  /* Top row and keypad, whatever the layout. */
  g_assert_cmpint (duka_barcode_wedge_digit_for_keycode (10), ==, 1);
  g_assert_cmpint (duka_barcode_wedge_digit_for_keycode (19), ==, 0);
  g_assert_cmpint (duka_barcode_wedge_digit_for_keycode (87), ==, 1);
  g_assert_cmpint (duka_barcode_wedge_digit_for_keycode (90), ==, 0);
  g_assert_cmpint (duka_barcode_wedge_digit_for_keycode (24), ==, -1);
}

/* Not a check: with DUKA_SELL_SCREENSHOTS=DIR set, saves how the view
 * looks with an order in it at a few sizes, light and dark, to look at. */
static void
take_screenshot (Fixture    *f,
                 int         width,
                 int         height,
                 gboolean    dark,
                 const char *dir)
{
  static guint n;
  g_autofree char *name = g_strdup_printf ("%s/sell-%u-%dx%d-%s.png", dir, ++n, width, height,
                                           dark ? "dark" : "light");
  g_autofree char *geometry = g_strdup_printf ("%dx%d+0+0", width, height);
  const char *import[] = { "import", "-window", "root", "-crop", geometry, name, NULL };
  gboolean timeout = FALSE;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  g_timeout_add (800, timed_out, &timeout);
  while (!timeout)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (run (import));
  g_test_message ("saved %s", name);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("DUKA_SELL_SCREENSHOTS");
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  const char * const names[] = { "Flat white", "Cappuccino", "Croissant", "Banana bread",
                                 "Mango juice", "Chicken wrap", "Samosa (2 pcs)", "Masala chai",
                                 "Blueberry muffin", "Sparkling water" };

  if (dir == NULL)
    {
      g_test_skip ("set DUKA_SELL_SCREENSHOTS=DIR to save screenshots");
      return;
    }

  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    /* The application loads its style sheet; this test has no application. */
    gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JsonObject) record = json_object_new ();
      g_autofree char *sku = g_strdup_printf ("S%02u", i);

      json_object_set_string_member (record, "name", names[i]);
      json_object_set_string_member (record, "sku", sku);
      json_object_set_int_member (record, "price", 15000 + 2500 * i);
      if (i == 4)
        json_object_set_boolean_member (record, "available", FALSE);
      g_assert_true (duka_catalog_save (f->catalog, actor, "product", record, NULL, NULL));
    }
  duka_test_spin ();
  g_free (click_product (f, find_plain_product (f, 0)));
  g_free (click_product (f, find_plain_product (f, 1)));
  activate (f, "sell.increase");
  activate (f, "sell.increase");
  g_free (add_by_search (f, 0));

  /* Let the toasts go. */
  {
    gboolean timeout = FALSE;

    g_timeout_add (6000, timed_out, &timeout);
    while (!timeout)
      g_main_context_iteration (NULL, TRUE);
  }

  take_screenshot (f, 1024, 768, FALSE, dir);
  take_screenshot (f, 1280, 800, TRUE, dir);
  take_screenshot (f, 1920, 1080, FALSE, dir);
  take_screenshot (f, 1280, 800, FALSE, dir);
  activate (f, "sell.pay");
  take_screenshot (f, 1280, 800, FALSE, dir);
  {
    DukaPaymentDialog *dialog = find_toplevel (DUKA_TYPE_PAYMENT_DIALOG);
    DukaReceiptsPage *page = view_child (f, "receipts_page");

    gtk_widget_activate_action (GTK_WIDGET (dialog), "payment.quick-cash", "x",
                                duka_register_cash_due (f->cash_register,
                                                        duka_payment_dialog_get_remaining (dialog)) + 10000);
    take_screenshot (f, 1280, 800, TRUE, dir);
    gtk_widget_activate_action (GTK_WIDGET (dialog), "payment.close", NULL);
    activate (f, "sell.show-receipts");
    duka_receipts_page_show_sale (page, duka_sell_view_get_last_sale_id (f->view));
    take_screenshot (f, 1024, 768, FALSE, dir);
    activate (f, "sell.show-register");
    activate (f, "sell.close-session");
    take_screenshot (f, 1024, 768, FALSE, dir);
    duka_sell_dialog_apply (find_toplevel (DUKA_TYPE_SELL_DIALOG));
    take_screenshot (f, 1024, 768, TRUE, dir);
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* The view alone in a window, built and destroyed: nothing is disposed
 * twice. */
static void
test_dispose (void)
{
  DukaBusinessSettings *settings = duka_test_new_business_settings (TRUE);
  DukaCatalog *catalog = duka_catalog_new (duka_business_settings_get_store (settings));
  GtkWidget *window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), duka_sell_view_new (catalog, settings));
  gtk_window_present (GTK_WINDOW (window));
  duka_test_wait_mapped (window);
  duka_test_destroy_window (GTK_WINDOW (window));
  g_object_unref (catalog);
  g_assert_finalize_object (settings);
}

int
main (int   argc,
      char *argv[])
{
  duka_test_ui_init (&argc, &argv);

  g_test_add_func ("/sell-view/wedge-keycodes", test_wedge_keycodes);
  g_test_add_func ("/sell-view/dispose", test_dispose);
  g_test_add ("/sell-view/whole-sale", Fixture, NULL, fixture_set_up, test_whole_sale, fixture_tear_down);
  g_test_add ("/sell-view/bad-quantity", Fixture, NULL, fixture_set_up, test_bad_quantity, fixture_tear_down);
  g_test_add ("/sell-view/underpaid", Fixture, NULL, fixture_set_up, test_underpaid, fixture_tear_down);
  g_test_add ("/sell-view/modifier-choices", Fixture, NULL, fixture_set_up, test_modifier_choices, fixture_tear_down);
  g_test_add ("/sell-view/close-session", Fixture, NULL, fixture_set_up, test_close_session, fixture_tear_down);
  g_test_add ("/sell-view/follows-the-store", Fixture, NULL, fixture_set_up, test_follows_the_store, fixture_tear_down);
  g_test_add ("/sell-view/park-and-recall", Fixture, NULL, fixture_set_up, test_park_and_recall, fixture_tear_down);
  g_test_add ("/sell-view/refund-from-history", Fixture, NULL, fixture_set_up, test_refund_from_history, fixture_tear_down);
  g_test_add ("/sell-view/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
  g_test_add ("/sell-view/keyboard-wedge", Fixture, NULL, fixture_set_up, test_keyboard_wedge, fixture_tear_down);

  return g_test_run ();
}
