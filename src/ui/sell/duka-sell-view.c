/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Sell view: a product grid with categories and search on the left,
 * the cart with its totals on the right, and a barcode wedge listening
 * over both.  Everything it does goes through DukaRegister and
 * DukaCashSessions; it keeps only the id of the order in the cart.
 */
#include <glib/gi18n.h>

#include "duka-category.h"
#include "duka-current-staff.h"
#include "duka-money.h"
#include "duka-sell-view-private.h"

#define SEARCH_LIMIT 200

G_DEFINE_FINAL_TYPE (DukaSellView, duka_sell_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_BUSINESS_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The person signed in at this till: the one place the Sell view asks. */
DukaActor *
duka_sell_view_dup_actor (DukaSellView *self)
{
  return duka_current_staff_dup_actor_for_widget (GTK_WIDGET (self),
                                                  self->business_settings);
}

/* The actor to apply @dialog's form as: the person signed in, approved by
 * a manager when one approved this form. */
DukaActor *
duka_sell_view_dup_actor_for (DukaSellView   *self,
                              DukaSellDialog *dialog)
{
  const DukaActor *approved = duka_sell_dialog_get_approved (dialog);

  if (approved != NULL)
    return duka_actor_copy (approved);
  return duka_sell_view_dup_actor (self);
}

char *
duka_sell_view_format_money (DukaSellView *self,
                             gint64        amount)
{
  return duka_money_format (amount, self->currency);
}

gboolean
duka_sell_view_parse_money (DukaSellView *self,
                            const char   *text,
                            gint64       *out_amount,
                            GError      **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    {
      *out_amount = 0;
      return TRUE;
    }

  return duka_money_parse (stripped, self->currency, LC_GLOBAL_LOCALE, out_amount, error);
}

void
duka_sell_view_toast (DukaSellView *self,
                      const char   *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

static const DukaCurrency *
load_currency (DukaSellView *self)
{
  g_autoptr(DukaProfile) profile = duka_business_settings_load (self->business_settings, NULL);
  const DukaCurrency *currency = profile ? duka_currency_lookup (profile->currency) : NULL;

  return currency ? currency : duka_currency_lookup ("USD");
}

/* The register creates cash, card and mobile money (with fixed ids) at
 * the first sale, so a new till lists no tender types before it; offer
 * the same three, which completing the sale then writes. */
GPtrArray *
duka_sell_view_list_tender_types (DukaSellView  *self,
                                  GError       **error)
{
  static const struct { const char *id; const char *name; const char *kind; } defaults[] = {
    { "01900000-0000-7000-8000-00000000c001", N_("Cash"), "cash" },
    { "01900000-0000-7000-8000-00000000c002", N_("Card"), "card" },
    { "01900000-0000-7000-8000-00000000c003", N_("Mobile money"), "mobile" },
  };
  GPtrArray *types = duka_register_list_tender_types (self->cash_register, error);

  if (types == NULL || types->len > 0)
    return types;

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      JsonObject *type = json_object_new ();

      json_object_set_string_member (type, "id", defaults[i].id);
      json_object_set_string_member (type, "name", _(defaults[i].name));
      json_object_set_string_member (type, "kind", defaults[i].kind);
      g_ptr_array_add (types, type);
    }
  return types;
}

/* Products ---------------------------------------------------------- */

static void
product_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  DukaSellView             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *price = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (_("Sold out"));

  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (name), 2);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_justify (GTK_LABEL (name), GTK_JUSTIFY_CENTER);
  gtk_widget_set_vexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (price, "numeric");
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_add_css_class (state, "error");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), price);
  gtk_box_append (GTK_BOX (box), state);
  gtk_widget_add_css_class (box, "duka-sell-product");
  gtk_list_item_set_child (item, box);
}

static void
product_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 DukaSellView             *self)
{
  DukaProduct *product = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *price = gtk_widget_get_next_sibling (name);
  GtkWidget *state = gtk_widget_get_next_sibling (price);
  g_autofree char *price_text = duka_sell_view_format_money (self, duka_product_get_price (product));
  gboolean available = duka_product_get_available (product) && duka_product_get_active (product);

  gtk_label_set_text (GTK_LABEL (name), duka_product_get_name (product));
  gtk_label_set_text (GTK_LABEL (price), price_text);
  gtk_label_set_text (GTK_LABEL (state), !duka_product_get_active (product) ? _("Not on sale") : _("Sold out"));
  gtk_widget_set_visible (state, !available);
  gtk_list_item_set_activatable (item, available);
  if (available)
    gtk_widget_remove_css_class (box, "unavailable");
  else
    gtk_widget_add_css_class (box, "unavailable");
}

static void
product_activated_cb (DukaSellView *self,
                      guint         position)
{
  g_autoptr(DukaProduct) product = g_list_model_get_item (G_LIST_MODEL (self->product_selection), position);

  if (product != NULL)
    duka_sell_view_add_product (self, product);
}

static void
show_products (DukaSellView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_handle_id (&self->search_id, g_source_remove);

  if (*text == '\0')
    {
      gtk_no_selection_set_model (self->product_selection, G_LIST_MODEL (self->product_list));
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) found = duka_catalog_search (self->catalog, text, SEARCH_LIMIT, &error);

    g_list_store_remove_all (self->search_results);
    if (found == NULL)
      duka_sell_view_toast (self, error->message);
    else
      g_list_store_splice (self->search_results, 0, 0, found->pdata, found->len);
    gtk_no_selection_set_model (self->product_selection, G_LIST_MODEL (self->search_results));
  }
}

static void
search_changed_cb (DukaSellView *self)
{
  show_products (self);
}

static gboolean
is_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* Enter in the search: a typed barcode rings its item up; a search with
 * matches rings up the first. */
static void
search_activated_cb (DukaSellView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(DukaProduct) first = NULL;

  if (is_digits (text) && strlen (text) >= 8 &&
      duka_sell_view_add_barcode (self, text))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      return;
    }

  show_products (self);
  first = g_list_model_get_item (G_LIST_MODEL (self->product_selection), 0);
  if (*text != '\0' && first != NULL)
    {
      duka_sell_view_add_product (self, first);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
    }
}

static void
search_stopped_cb (DukaSellView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
category_toggled_cb (GtkToggleButton *button,
                     DukaSellView    *self)
{
  const char *id;

  if (!gtk_toggle_button_get_active (button))
    return;

  id = g_object_get_data (G_OBJECT (button), "category-id");
  g_free (self->category_id);
  g_free (self->cart_signature);
  self->category_id = g_strdup (id);
  duka_product_list_set_category (self->product_list, id);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  show_products (self);
}

static GtkWidget *
add_category_button (DukaSellView    *self,
                     GtkToggleButton *group,
                     const char      *id,
                     const char      *name)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (name);

  g_object_set_data_full (G_OBJECT (button), "category-id", g_strdup (id), g_free);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  if (g_strcmp0 (id, self->category_id) == 0)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  g_signal_connect_object (button, "toggled", G_CALLBACK (category_toggled_cb), self, 0);
  gtk_widget_add_css_class (button, "duka-sell-category");
  gtk_box_append (self->category_box, button);

  return button;
}

/* Top-level categories as a strip of tabs; a category shows its
 * sub-categories' products too. */
static void
fill_categories (DukaSellView *self)
{
  GListModel *categories = duka_catalog_get_categories (self->catalog);
  GtkWidget *child;
  GtkWidget *all;
  gboolean found = self->category_id == NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->category_box))) != NULL)
    gtk_box_remove (self->category_box, child);

  all = add_category_button (self, NULL, NULL, _("All"));
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(DukaCategory) category = g_list_model_get_item (categories, i);

      if (duka_category_get_depth (category) != 0 || !duka_category_get_active (category))
        continue;
      add_category_button (self, GTK_TOGGLE_BUTTON (all), duka_category_get_id (category),
                           duka_category_get_name (category));
      found |= g_strcmp0 (duka_category_get_id (category), self->category_id) == 0;
    }

  if (!found)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (all), TRUE);
}

static void
scanned_cb (DukaSellView *self,
            const char   *code)
{
  duka_sell_view_add_barcode (self, code);
}

/* The order ---------------------------------------------------------- */

gboolean
duka_sell_view_ensure_order (DukaSellView  *self,
                             GError       **error)
{
  g_autoptr(DukaActor) actor = NULL;
  char *id;

  if (self->order_id != NULL)
    return TRUE;

  actor = duka_sell_view_dup_actor (self);
  id = duka_register_open_order (self->cash_register, actor, NULL, error);
  if (id == NULL)
    return FALSE;

  self->order_id = id;
  return TRUE;
}

void
duka_sell_view_set_order (DukaSellView *self,
                          const char   *order_id)
{
  if (g_strcmp0 (self->order_id, order_id) != 0)
    {
      g_free (self->order_id);
      self->order_id = g_strdup (order_id);
      g_clear_pointer (&self->selected_line, g_free);
    }
  duka_sell_view_reload_order (self);
}

static void
update_totals (DukaSellView *self)
{
  DukaOrder *order = self->order;
  g_autofree char *subtotal = duka_sell_view_format_money (self, order ? order->subtotal : 0);
  g_autofree char *discounts = duka_sell_view_format_money (self, order ? -order->discounts : 0);
  g_autofree char *tax = duka_sell_view_format_money (self, order ? order->tax : 0);
  g_autofree char *total = duka_sell_view_format_money (self, order ? order->total : 0);
  g_autofree char *count = duka_sell_format_quantity (order ? order->item_count : 0);
  g_autofree char *items = g_strdup_printf (_("Items: %s"), count);

  gtk_label_set_text (self->subtotal_label, subtotal);
  gtk_label_set_text (self->discounts_label, discounts);
  gtk_label_set_text (self->tax_label, tax);
  gtk_label_set_text (self->total_label, total);
  gtk_label_set_text (self->items_label, items);
  gtk_label_set_text (self->tax_title, order && order->tax_inclusive ? _("Tax (included)") : _("Tax"));

  if (order == NULL)
    gtk_label_set_text (self->order_title, _("New Order"));
  else if (order->name != NULL && *order->name != '\0')
    gtk_label_set_text (self->order_title, order->name);
  else
    gtk_label_set_text (self->order_title, _("Current Order"));
}

static char *
order_signature (const DukaOrder *order)
{
  GString *signature = g_string_new (NULL);

  for (guint i = 0; order != NULL && i < order->lines->len; i++)
    {
      const DukaOrderLine *line = order->lines->pdata[i];

      g_string_append_printf (signature, "%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%d:%s;",
                              line->id, line->quantity, line->total, line->voided,
                              line->note ? line->note : "");
    }
  return g_string_free (signature, FALSE);
}

/* Reads the order again after any change, from the store: what the cart
 * shows is always what a crash would bring back. */
void
duka_sell_view_reload_order (DukaSellView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->order, duka_order_free);
  if (self->order_id != NULL)
    {
      self->order = duka_register_get_order (self->cash_register, self->order_id, &error);
      if (self->order == NULL)
        {
          if (!g_error_matches (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_NOT_OPEN) &&
              !g_error_matches (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_NOT_FOUND))
            duka_sell_view_toast (self, error->message);
          g_clear_pointer (&self->order_id, g_free);
        }
    }

  /* Another till adding to the same tab, or a write of our own seen
   * again through the store's signal: rebuild the rows only when the
   * lines really differ, so the focus and the scroll stay put. */
  {
    g_autofree char *signature = order_signature (self->order);

    if (g_strcmp0 (signature, self->cart_signature) != 0)
      {
        g_free (self->cart_signature);
        self->cart_signature = g_steal_pointer (&signature);
        duka_sell_view_fill_cart (self);
      }
  }
  update_totals (self);
  duka_sell_view_update_actions (self);
}

static gboolean
store_changed_idle_cb (gpointer data)
{
  DukaSellView *self = data;

  self->store_changed_id = 0;
  duka_sell_view_update_session (self);
  if (self->order_id != NULL)
    duka_sell_view_reload_order (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DukaSellView *self,
                  const char   *table)
{
  if (self->store_changed_id == 0)
    self->store_changed_id = g_idle_add (store_changed_idle_cb, self);
}

/* An order left open on this till (a crash, a restart) comes back into
 * the cart; parked ones wait to be recalled. */
static void
resume_open_order (DukaSellView *self)
{
  g_autoptr(GPtrArray) orders = duka_register_list_open_orders (self->cash_register, NULL);
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor (self);

  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      JsonObject *order = orders->pdata[i];

      if (json_object_get_boolean_member_with_default (order, "parked", FALSE))
        continue;
      if (actor == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (order, "staff_id", NULL),
                     actor->staff_id) != 0)
        continue;
      duka_sell_view_set_order (self, json_object_get_string_member (order, "id"));
      return;
    }

  duka_sell_view_reload_order (self);
}

void
duka_sell_view_update_session (DukaSellView *self)
{
  g_autofree char *session_id = duka_cash_sessions_dup_open_id (self->cash_sessions);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (session_id == NULL)
    gtk_stack_set_visible_child_name (self->stack, "session");
  else if (g_strcmp0 (page, "session") == 0)
    gtk_stack_set_visible_child_name (self->stack, "register");
  duka_sell_view_update_actions (self);
}

static void
float_activated_cb (DukaSellView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sell.open-session", NULL);
}

static void
categories_changed_cb (DukaSellView *self)
{
  fill_categories (self);
}

/* GObject ------------------------------------------------------------ */

static void
duka_sell_view_constructed (GObject *object)
{
  DukaSellView *self = (DukaSellView *) object;
  DukaStore *store;

  G_OBJECT_CLASS (duka_sell_view_parent_class)->constructed (object);

  g_assert (self->business_settings != NULL);

  /* The catalog lives in the same store as the business settings. */
  if (self->catalog == NULL)
    self->catalog = duka_catalog_new (duka_business_settings_get_store (self->business_settings));
  store = duka_catalog_get_store (self->catalog);
  self->currency = load_currency (self);
  self->cash_register = duka_register_new (store, self->catalog);
  self->cash_sessions = duka_cash_sessions_new (store);
  self->product_list = duka_product_list_new (self->catalog);
  gtk_no_selection_set_model (self->product_selection, G_LIST_MODEL (self->product_list));

  g_signal_connect_object (store, "changed::order_line", G_CALLBACK (store_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::open_order", G_CALLBACK (store_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::cash_session", G_CALLBACK (store_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (duka_catalog_get_categories (self->catalog), "items-changed",
                           G_CALLBACK (categories_changed_cb), self, G_CONNECT_SWAPPED);
  fill_categories (self);

  duka_receipts_page_set_view (self->receipts_page, self);
  duka_sell_view_update_session (self);
  resume_open_order (self);
}

static gboolean
activate_view_action_cb (GtkWidget *root,
                         GVariant  *args,
                         gpointer   data)
{
  DukaSellView *self = g_object_get_data (G_OBJECT (root), "duka-sell-view");

  return self != NULL && gtk_widget_activate_action (GTK_WIDGET (self), data, NULL);
}

/* While the view is on screen, its function keys and the scanner work
 * from anywhere in the window, even with the focus in the sidebar. */
static GtkEventController *
create_window_shortcuts (void)
{
  static const struct { guint key; const char *action; } keys[] = {
    { GDK_KEY_F2, "sell.focus-search" },
    { GDK_KEY_F3, "sell.show-receipts" },
    { GDK_KEY_F4, "sell.pay" },
    { GDK_KEY_F8, "sell.park" },
    { GDK_KEY_F9, "sell.recall" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                        gtk_callback_action_new (activate_view_action_cb,
                                                 (gpointer) keys[i].action, NULL)));
  return controller;
}

static void
duka_sell_view_unmap (GtkWidget *widget)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);

  if (self->window_shortcuts != NULL)
    {
      GtkWidget *root = gtk_event_controller_get_widget (self->window_shortcuts);

      g_object_set_data (G_OBJECT (root), "duka-sell-view", NULL);
      gtk_widget_remove_controller (root, self->window_shortcuts);
      self->window_shortcuts = NULL;
    }
  if (self->wedge != NULL)
    duka_barcode_wedge_listen_on (self->wedge, widget);

  GTK_WIDGET_CLASS (duka_sell_view_parent_class)->unmap (widget);
}

static void
duka_sell_view_map (GtkWidget *widget)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));

  GTK_WIDGET_CLASS (duka_sell_view_parent_class)->map (widget);

  duka_barcode_wedge_listen_on (self->wedge, root);
  self->window_shortcuts = create_window_shortcuts ();
  g_object_set_data (G_OBJECT (root), "duka-sell-view", self);
  gtk_widget_add_controller (root, self->window_shortcuts);

  /* Someone may have closed the session from duka-admin or another view. */
  duka_sell_view_update_session (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "session") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->float_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
duka_sell_view_dispose (GObject *object)
{
  DukaSellView *self = (DukaSellView *) object;

  g_clear_handle_id (&self->search_id, g_source_remove);
  g_clear_handle_id (&self->store_changed_id, g_source_remove);
  g_clear_object (&self->wedge);
  /* The stack is both the bin's child and a template child: let the bin
   * drop it first, or it would unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_SELL_VIEW);
  g_clear_object (&self->product_list);
  g_clear_object (&self->search_results);
  g_clear_object (&self->receipt_service);
  g_clear_object (&self->cash_register);
  g_clear_object (&self->cash_sessions);
  g_clear_object (&self->catalog);
  g_clear_object (&self->business_settings);
  g_clear_pointer (&self->order, duka_order_free);

  G_OBJECT_CLASS (duka_sell_view_parent_class)->dispose (object);
}

static void
duka_sell_view_finalize (GObject *object)
{
  DukaSellView *self = (DukaSellView *) object;

  g_free (self->order_id);
  g_free (self->last_sale_id);
  g_free (self->last_receipt_no);
  g_free (self->selected_line);
  g_free (self->category_id);

  G_OBJECT_CLASS (duka_sell_view_parent_class)->finalize (object);
}

static void
duka_sell_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DukaSellView *self = DUKA_SELL_VIEW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_BUSINESS_SETTINGS:
      g_value_set_object (value, self->business_settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_sell_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DukaSellView *self = DUKA_SELL_VIEW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    case PROP_BUSINESS_SETTINGS:
      self->business_settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void cart_row_activated_cb (DukaSellView  *self,
                                   GtkListBoxRow *row);
static void cart_row_selected_cb  (DukaSellView  *self,
                                   GtkListBoxRow *row);

static void
duka_sell_view_class_init (DukaSellViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = duka_sell_view_constructed;
  object_class->dispose = duka_sell_view_dispose;
  object_class->finalize = duka_sell_view_finalize;
  object_class->get_property = duka_sell_view_get_property;
  object_class->set_property = duka_sell_view_set_property;
  widget_class->map = duka_sell_view_map;
  widget_class->unmap = duka_sell_view_unmap;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, DUKA_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSINESS_SETTINGS] =
    g_param_spec_object ("business-settings", NULL, NULL, DUKA_TYPE_BUSINESS_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DUKA_TYPE_RECEIPTS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/duka-sell-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, stack);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, float_row);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, float_error);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, category_box);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, product_grid);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, product_selection);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, order_title);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, cart_stack);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, cart_list);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, subtotal_label);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, discounts_label);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, tax_title);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, tax_label);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, total_label);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, items_label);
  gtk_widget_class_bind_template_child (widget_class, DukaSellView, receipts_page);
  gtk_widget_class_bind_template_callback (widget_class, float_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, product_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cart_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cart_row_selected_cb);

  duka_sell_view_install_actions (widget_class);
}

static void
duka_sell_view_init (DukaSellView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->search_results = g_list_store_new (DUKA_TYPE_PRODUCT);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (product_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (product_bind_cb), self, 0);
  gtk_grid_view_set_factory (self->product_grid, factory);
  g_object_unref (factory);

  self->wedge = duka_barcode_wedge_new (GTK_WIDGET (self));
  g_signal_connect_object (self->wedge, "scanned", G_CALLBACK (scanned_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
duka_sell_view_new (DukaCatalog          *catalog,
                    DukaBusinessSettings *business_settings)
{
  return g_object_new (DUKA_TYPE_SELL_VIEW,
                       "catalog", catalog,
                       "business-settings", business_settings,
                       NULL);
}

static void
cart_row_activated_cb (DukaSellView  *self,
                       GtkListBoxRow *row)
{
  duka_sell_view_edit_line (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
cart_row_selected_cb (DukaSellView  *self,
                      GtkListBoxRow *row)
{
  g_free (self->selected_line);
  self->selected_line = row ? g_strdup (gtk_widget_get_name (GTK_WIDGET (row))) : NULL;
  duka_sell_view_update_actions (self);
}

DukaRegister *
duka_sell_view_get_register (DukaSellView *self)
{
  g_return_val_if_fail (DUKA_IS_SELL_VIEW (self), NULL);
  return self->cash_register;
}

DukaCashSessions *
duka_sell_view_get_cash_sessions (DukaSellView *self)
{
  g_return_val_if_fail (DUKA_IS_SELL_VIEW (self), NULL);
  return self->cash_sessions;
}

const char *
duka_sell_view_get_order_id (DukaSellView *self)
{
  g_return_val_if_fail (DUKA_IS_SELL_VIEW (self), NULL);
  return self->order_id;
}

const char *
duka_sell_view_get_last_sale_id (DukaSellView *self)
{
  g_return_val_if_fail (DUKA_IS_SELL_VIEW (self), NULL);
  return self->last_sale_id;
}

const char *
duka_sell_view_get_last_receipt_no (DukaSellView *self)
{
  g_return_val_if_fail (DUKA_IS_SELL_VIEW (self), NULL);
  return self->last_receipt_no;
}

GListModel *
duka_sell_view_get_products (DukaSellView *self)
{
  g_return_val_if_fail (DUKA_IS_SELL_VIEW (self), NULL);
  return G_LIST_MODEL (self->product_selection);
}

const char *
duka_sell_view_get_selected_line (DukaSellView *self)
{
  g_return_val_if_fail (DUKA_IS_SELL_VIEW (self), NULL);
  return self->selected_line;
}

void
duka_sell_view_select_line (DukaSellView *self,
                            const char   *line_id)
{
  g_return_if_fail (DUKA_IS_SELL_VIEW (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->cart_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), line_id) == 0)
      {
        gtk_list_box_select_row (self->cart_list, GTK_LIST_BOX_ROW (row));
        return;
      }
  gtk_list_box_unselect_all (self->cart_list);
}
