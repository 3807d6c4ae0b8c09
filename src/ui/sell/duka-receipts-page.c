/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Past receipts of the Sell view: find a sale by receipt number, amount or
 * business date, see what it sold and what was refunded already, refund
 * chosen lines and quantities, and print a copy.
 */
#include <glib/gi18n.h>

#include "duka-current-staff.h"
#include "duka-receipts-page.h"
#include "duka-sell-view-private.h"

struct _DukaReceiptsPage
{
  AdwBin         parent_instance;

  DukaSellView  *view;          /* unowned: the view owns the page */
  GPtrArray     *found;         /* JsonObject */
  JsonObject    *sale;
  GHashTable    *spins;         /* sale line id → GtkSpinButton */

  GtkSearchEntry *search_entry;
  GtkEntry       *date_entry;
  GtkListBox     *sales_list;
  GtkStack       *detail_stack;
  AdwPreferencesGroup *detail_group;
  GtkBox         *detail_box;
  GtkLabel       *title_label;
  GtkLabel       *summary_label;
  GtkEditable    *reason_row;
  AdwActionRow   *restock_row;
  GtkSwitch      *restock_switch;
  AdwComboRow    *tender_row;
  GtkLabel       *error_label;
  GPtrArray      *tender_ids;    /* for tender_row; NULL first: the sale's own */
};

G_DEFINE_FINAL_TYPE (DukaReceiptsPage, duka_receipts_page, ADW_TYPE_BIN)

static char *
format_money (DukaReceiptsPage *self,
              gint64            amount)
{
  return duka_sell_view_format_money (self->view, amount);
}

static void
show_error (DukaReceiptsPage *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
format_at (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "at");
  g_autoptr(GDateTime) at = NULL;

  if (node == NULL)
    return g_strdup ("");
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    at = g_date_time_new_from_unix_local (json_node_get_int (node) / G_USEC_PER_SEC);
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);

      at = utc ? g_date_time_to_local (utc) : NULL;
    }
  return at ? g_date_time_format (at, "%x %X") : g_strdup ("");
}

void
duka_receipts_page_refresh (DukaReceiptsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry))));
  DukaSaleQuery query = { .total = -1, .limit = 100 };
  GtkWidget *child;

  g_return_if_fail (DUKA_IS_RECEIPTS_PAGE (self));

  if (self->view == NULL)
    return;

  query.text = *text ? text : NULL;
  query.business_date = *date ? date : NULL;
  g_clear_pointer (&self->found, g_ptr_array_unref);
  self->found = duka_register_find_sales (duka_sell_view_get_register (self->view), &query, &error);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sales_list))) != NULL)
    gtk_list_box_remove (self->sales_list, child);
  if (self->found == NULL)
    {
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < self->found->len; i++)
    {
      JsonObject *sale = self->found->pdata[i];
      g_autofree char *total = format_money (self, json_object_get_int_member_with_default (sale, "total", 0));
      g_autofree char *at = format_at (sale);
      gint64 refunded = json_object_get_int_member_with_default (sale, "refunded", 0);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (refunded > 0)
        {
          g_autofree char *amount = format_money (self, refunded);

          subtitle = g_strdup_printf (_("%s · %s · refunded %s"), at, total, amount);
        }
      else
        subtitle = g_strdup_printf (_("%s · %s"), at, total);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     json_object_get_string_member_with_default (sale, "receipt_no", ""));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_name (row, json_object_get_string_member (sale, "id"));
      gtk_list_box_append (self->sales_list, row);
    }
}

void
duka_receipts_page_search (DukaReceiptsPage *self,
                           const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  duka_receipts_page_refresh (self);
}

guint
duka_receipts_page_get_n_found (DukaReceiptsPage *self)
{
  return self->found ? self->found->len : 0;
}

static void
add_line_row (DukaReceiptsPage *self,
              JsonObject       *line)
{
  gint64 sold = json_object_get_int_member_with_default (line, "quantity", 0);
  gint64 refunded = json_object_get_int_member_with_default (line, "refunded", 0);
  g_autofree char *qty = duka_sell_format_quantity (sold);
  g_autofree char *total = format_money (self, json_object_get_int_member_with_default (line, "total", 0));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin;

  if (refunded > 0)
    {
      g_autofree char *done = duka_sell_format_quantity (refunded);

      subtitle = g_strdup_printf (_("%s × · %s · %s refunded"), qty, total, done);
    }
  else
    subtitle = g_strdup_printf (_("%s × · %s"), qty, total);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 json_object_get_string_member_with_default (line, "name", ""));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Whole units; the register refuses more than remains refundable, and
   * the spin lets one try, so the reason is shown rather than hidden. */
  spin = gtk_spin_button_new_with_range (0, MAX (sold / 1000, 1), 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Quantity to Refund"), -1);
  gtk_widget_set_sensitive (spin, refunded < sold);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_hash_table_insert (self->spins, g_strdup (json_object_get_string_member (line, "id")), spin);
  gtk_box_append (self->detail_box, row);
}

gboolean
duka_receipts_page_show_sale (DukaReceiptsPage *self,
                              const char       *sale_id)
{
  g_autoptr(GError) error = NULL;
  JsonArray *lines;
  GtkWidget *child;
  g_autofree char *at = NULL;
  g_autofree char *total = NULL;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->sale, json_object_unref);
  self->sale = duka_register_load_sale (duka_sell_view_get_register (self->view), sale_id, &error);
  show_error (self, NULL);
  if (self->sale == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      show_error (self, error->message);
      return FALSE;
    }

  g_hash_table_remove_all (self->spins);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);
  lines = json_object_has_member (self->sale, "lines")
          ? json_object_get_array_member (self->sale, "lines") : NULL;
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    add_line_row (self, json_array_get_object_element (lines, i));

  at = format_at (self->sale);
  total = format_money (self, json_object_get_int_member_with_default (self->sale, "total", 0));
  summary = g_strdup_printf (_("%s · total %s"), at, total);
  gtk_label_set_text (self->title_label, json_object_get_string_member_with_default (self->sale, "receipt_no", ""));
  gtk_label_set_text (self->summary_label, summary);
  gtk_editable_set_text (self->reason_row, "");
  gtk_stack_set_visible_child_name (self->detail_stack, "sale");
  return TRUE;
}

const char *
duka_receipts_page_get_sale_id (DukaReceiptsPage *self)
{
  return self->sale ? json_object_get_string_member_with_default (self->sale, "id", NULL) : NULL;
}

void
duka_receipts_page_set_refund_quantity (DukaReceiptsPage *self,
                                        const char       *sale_line_id,
                                        gint64            quantity)
{
  GtkSpinButton *spin = g_hash_table_lookup (self->spins, sale_line_id);

  g_return_if_fail (spin != NULL);
  gtk_spin_button_set_range (spin, 0, MAX (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)),
                                           (double) (quantity / 1000)));
  gtk_spin_button_set_value (spin, (double) (quantity / 1000));
}

void
duka_receipts_page_set_refund_reason (DukaReceiptsPage *self,
                                      const char       *reason)
{
  gtk_editable_set_text (self->reason_row, reason);
}

const char *
duka_receipts_page_get_error (DukaReceiptsPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

static void
refund_as (DukaReceiptsPage *self,
           const DukaActor  *actor)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (DukaRefundLine));
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (self->reason_row)));
  g_autofree char *refund_id = NULL;
  g_autofree char *sale_id = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint tender = adw_combo_row_get_selected (self->tender_row);

  if (self->sale == NULL)
    return;

  g_hash_table_iter_init (&iter, self->spins);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      DukaRefundLine line = { key, (gint64) gtk_spin_button_get_value_as_int (value) * 1000 };

      if (line.quantity > 0)
        g_array_append_val (lines, line);
    }
  if (lines->len == 0)
    {
      show_error (self, _("Choose how many of which items to refund."));
      return;
    }
  if (*reason == '\0')
    {
      show_error (self, _("Say why the sale is refunded."));
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
      return;
    }

  sale_id = g_strdup (json_object_get_string_member (self->sale, "id"));
  if (!duka_register_refund (duka_sell_view_get_register (self->view), actor, sale_id,
                             (DukaRefundLine *) lines->data, lines->len,
                             tender < self->tender_ids->len ? self->tender_ids->pdata[tender] : NULL,
                             reason, gtk_switch_get_active (self->restock_switch),
                             &refund_id, &error))
    {
      show_error (self, error->message);
      return;
    }

  duka_sell_view_toast (self->view, _("Refund recorded"));
  gtk_widget_activate_action (GTK_WIDGET (self->view), "sell.print-refund", "s", refund_id);
  duka_receipts_page_refresh (self);
  duka_receipts_page_show_sale (self, sale_id);
}

static void
refund_authorized_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(DukaReceiptsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaActor) actor = duka_current_staff_authorize_finish (DUKA_CURRENT_STAFF (source), result, &error);

  if (actor != NULL)
    refund_as (self, actor);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
}

/* A person who may not refund is asked for a manager's approval first,
 * so the refund names both. */
static void
refund_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DukaReceiptsPage *self = DUKA_RECEIPTS_PAGE (widget);
  DukaCurrentStaff *current = duka_current_staff_get_for_widget (widget);
  g_autoptr(DukaActor) actor = NULL;

  if (current != NULL && duka_current_staff_get_required (current) &&
      !duka_current_staff_can (current, DUKA_PERMISSION_REFUND))
    {
      duka_current_staff_authorize_async (current, widget, DUKA_PERMISSION_REFUND, NULL,
                                          refund_authorized_cb, g_object_ref (self));
      return;
    }

  actor = duka_sell_view_dup_actor (self->view);
  refund_as (self, actor);
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DukaReceiptsPage *self = DUKA_RECEIPTS_PAGE (widget);

  if (self->sale != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->view), "sell.reprint-receipt", "s",
                                json_object_get_string_member (self->sale, "id"));
}

static void
sale_activated_cb (DukaReceiptsPage *self,
                   GtkListBoxRow    *row)
{
  duka_receipts_page_show_sale (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
search_changed_cb (DukaReceiptsPage *self)
{
  duka_receipts_page_refresh (self);
}

static void
fill_tenders (DukaReceiptsPage *self)
{
  g_autoptr(GPtrArray) types = duka_sell_view_list_tender_types (self->view, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->tender_ids, 0);
  gtk_string_list_append (names, _("The sale’s own tenders"));
  g_ptr_array_add (self->tender_ids, NULL);
  for (guint i = 0; types != NULL && i < types->len; i++)
    {
      gtk_string_list_append (names, json_object_get_string_member_with_default (types->pdata[i], "name", ""));
      g_ptr_array_add (self->tender_ids, g_strdup (json_object_get_string_member (types->pdata[i], "id")));
    }
  adw_combo_row_set_model (self->tender_row, G_LIST_MODEL (names));
}

void
duka_receipts_page_set_view (DukaReceiptsPage *self,
                             DukaSellView     *view)
{
  self->view = view;
  fill_tenders (self);
}

static void
duka_receipts_page_dispose (GObject *object)
{
  DukaReceiptsPage *self = (DukaReceiptsPage *) object;

  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_clear_pointer (&self->sale, json_object_unref);
  g_clear_pointer (&self->spins, g_hash_table_unref);
  g_clear_pointer (&self->tender_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (duka_receipts_page_parent_class)->dispose (object);
}

static void
duka_receipts_page_class_init (DukaReceiptsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_receipts_page_dispose;

  gtk_widget_class_install_action (widget_class, "receipts.refund", NULL, refund_action);
  gtk_widget_class_install_action (widget_class, "receipts.reprint", NULL, reprint_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sell.show-register", NULL);
}

static GtkWidget *
build_detail (DukaReceiptsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *options = gtk_list_box_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *row;

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-2");
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_selectable (self->title_label, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title_label));
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary_label));

  self->detail_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_box), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_box), "card");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->detail_box));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (options), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (options, "boxed-list");
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Refund _Reason"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  self->reason_row = GTK_EDITABLE (row);
  gtk_list_box_append (GTK_LIST_BOX (options), row);
  self->restock_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->restock_row), _("Put the Items Back in _Stock"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->restock_row), TRUE);
  self->restock_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->restock_switch, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->restock_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->restock_row, GTK_WIDGET (self->restock_switch));
  adw_action_row_set_activatable_widget (self->restock_row, GTK_WIDGET (self->restock_switch));
  gtk_list_box_append (GTK_LIST_BOX (options), GTK_WIDGET (self->restock_row));
  self->tender_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tender_row), _("Refund To"));
  gtk_list_box_append (GTK_LIST_BOX (options), GTK_WIDGET (self->tender_row));
  gtk_box_append (GTK_BOX (box), options);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  button = gtk_button_new_with_mnemonic (_("Print a _Copy"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "receipts.reprint");
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Refund"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "receipts.refund");
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  return scrolled;
}

static void
duka_receipts_page_init (DukaReceiptsPage *self)
{
  GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *none = adw_status_page_new ();

  self->spins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tender_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_set_tooltip_text (back, _("Back to the Register"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "sell.show-register");
  gtk_box_append (GTK_BOX (bar), back);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Receipt number or amount"), NULL);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_box_append (GTK_BOX (left), bar);
  self->date_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->date_entry, _("Business date, YYYY-MM-DD"));
  gtk_widget_set_margin_start (GTK_WIDGET (self->date_entry), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->date_entry), 6);
  g_signal_connect_object (self->date_entry, "changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->date_entry));

  self->sales_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->sales_list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sales_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Receipts"), -1);
  g_signal_connect_object (self->sales_list, "row-activated", G_CALLBACK (sale_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->sales_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (left), scrolled);
  gtk_widget_set_size_request (left, 300, -1);
  gtk_box_append (GTK_BOX (paned), left);
  gtk_box_append (GTK_BOX (paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  self->detail_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->detail_stack), TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "duka-receipt-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("No Receipt Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (none),
                                   _("Find a sale by its receipt number, its amount or its business date."));
  gtk_stack_add_named (self->detail_stack, none, "none");
  gtk_stack_add_named (self->detail_stack, build_detail (self), "sale");
  gtk_box_append (GTK_BOX (paned), GTK_WIDGET (self->detail_stack));

  adw_bin_set_child (ADW_BIN (self), paned);
}
