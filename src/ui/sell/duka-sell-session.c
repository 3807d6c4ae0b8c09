/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cash session from the till's side: open it with a counted float,
 * cash in and out, the X report, and closing by counting the drawer note
 * by note, which shows the Z report.
 */
#include <glib/gi18n.h>

#include "duka-money.h"
#include "duka-sell-dialog.h"
#include "duka-sell-view-private.h"

void duka_sell_view_install_session_actions (GtkWidgetClass *widget_class);

static void
open_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor (self);
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->float_row));
  gint64 amount = 0;

  if (!duka_sell_view_parse_money (self, text, &amount, &error) ||
      !duka_cash_sessions_open (self->cash_sessions, actor, amount, NULL, &error))
    {
      gtk_label_set_text (self->float_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->float_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->float_row), "error");
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->float_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->float_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->float_row), "");
  duka_sell_view_update_session (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  duka_sell_view_toast (self, _("Cash session opened"));
}

typedef struct
{
  DukaSellView *view;
  AdwComboRow  *kind;
} MoveForm;

static void
move_form_free (gpointer data)
{
  MoveForm *form = data;

  g_object_unref (form->view);
  g_free (form);
}

static gboolean
apply_cash_move (DukaSellDialog  *dialog,
                 gpointer         data,
                 GError         **error)
{
  MoveForm *form = data;
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor_for (form->view, dialog);
  g_autofree char *reason = g_strstrip (g_strdup (duka_sell_dialog_get_text (dialog, "reason")));
  DukaCashMovementKind kind = adw_combo_row_get_selected (form->kind) == 0 ? DUKA_CASH_IN : DUKA_CASH_OUT;
  gint64 amount;

  if (!duka_sell_view_parse_money (form->view, duka_sell_dialog_get_text (dialog, "amount"), &amount, error))
    return FALSE;
  if (!duka_cash_sessions_move (form->view->cash_sessions, actor, kind, amount, reason, error))
    return FALSE;

  duka_sell_view_toast (form->view, kind == DUKA_CASH_IN ? _("Cash in recorded") : _("Cash out recorded"));
  return TRUE;
}

static void
cash_move_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  MoveForm *form = g_new0 (MoveForm, 1);
  const char * const kinds[] = { N_("Cash in"), N_("Cash out (payout, drop)"), NULL };
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  DukaSellDialog *dialog;
  AdwPreferencesGroup *group;
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; kinds[i]; i++)
    gtk_string_list_append (list, _(kinds[i]));
  form->view = g_object_ref (self);
  form->kind = ADW_COMBO_ROW (row);
  dialog = duka_sell_dialog_new (widget, _("Cash In or Out"), _("_Record"),
                                 apply_cash_move, form, move_form_free);
  duka_sell_dialog_allow_override (dialog, DUKA_PERMISSION_CASH_IN_OUT);
  group = duka_sell_dialog_add_group (dialog, NULL, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Movement"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_preferences_group_add (group, row);
  duka_sell_dialog_add_entry (dialog, "amount", _("_Amount"), NULL);
  duka_sell_dialog_add_entry (dialog, "reason", _("_Reason"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Reports ---------------------------------------------------------------- */

static gboolean
is_count_member (const char *name)
{
  return g_str_has_suffix (name, "count") || g_str_equal (name, "number") ||
         g_str_equal (name, "lines") || g_str_equal (name, "orders") ||
         g_str_equal (name, "no_sales") || g_str_equal (name, "voids");
}

/* Ids and bookkeeping say nothing to a cashier. */
static gboolean
is_hidden_member (const char *name)
{
  return g_str_equal (name, "id") || g_str_has_suffix (name, "_id") ||
         g_str_equal (name, "version") || g_str_equal (name, "kind");
}

/* Titles for the members of the X and Z reports (SCHEMA.md); a member
 * added later shows its own name until it gets one here. */
static char *
member_title (const char *name)
{
  static const struct { const char *member; const char *title; } titles[] = {
    { "business_date", N_("Business date") },
    { "currency", N_("Currency") },
    { "opened_at", N_("Opened") },
    { "closed_at", N_("Closed") },
    { "number", N_("Number") },
    { "sales", N_("Sales") },
    { "count", N_("Count") },
    { "total", N_("Total") },
    { "net", N_("Net") },
    { "tax", N_("Tax") },
    { "taxable", N_("Taxable") },
    { "rate", N_("Rate") },
    { "discounts", N_("Discounts") },
    { "refunds", N_("Refunds") },
    { "refunded", N_("Refunded") },
    { "voids", N_("Voids") },
    { "cash", N_("Cash") },
    { "float", N_("Float") },
    { "expected", N_("Expected") },
    { "expected_cash", N_("Expected cash") },
    { "counted_cash", N_("Counted cash") },
    { "variance", N_("Variance") },
    { "by_tender", N_("By tender") },
    { "by_category", N_("By category") },
    { "by_tax", N_("By tax") },
    { "cash_in", N_("Cash in") },
    { "cash_out", N_("Cash out") },
    { "no_sales", N_("Drawer opened without a sale") },
    { "tips", N_("Tips") },
    { "charges", N_("Service charges") },
    { "cash_rounding", N_("Cash rounding") },
    { "orders", N_("Orders") },
    { "lines", N_("Lines") },
    { "quantity", N_("Quantity") },
    { "amount", N_("Amount") },
    { "counts", N_("Counted") },
    { "denomination", N_("Denomination") },
    { "reason", N_("Reason") },
    { "at", N_("Time") },
    { "till_code", N_("Till") },
  };
  g_autofree char *spaced = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].member, name))
      return g_strdup (_(titles[i].title));

  spaced = g_strdelimit (g_strdup (name), "_", ' ');
  if (*spaced != '\0')
    spaced[0] = g_ascii_toupper (spaced[0]);
  return g_steal_pointer (&spaced);
}

static void add_report_object (DukaSellView        *self,
                               DukaSellDialog      *dialog,
                               AdwPreferencesGroup *group,
                               const char          *title,
                               JsonObject          *object);

static void
add_report_value (DukaSellView        *self,
                  DukaSellDialog      *dialog,
                  AdwPreferencesGroup *group,
                  const char          *name,
                  JsonNode            *node)
{
  g_autofree char *title = member_title (name);
  g_autofree char *value = NULL;
  GtkWidget *row;
  GtkWidget *label;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      add_report_object (self, dialog, NULL, title, json_node_get_object (node));
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            {
              JsonObject *object = json_node_get_object (element);
              const char *label_text = json_object_get_string_member_with_default (object, "name", title);

              add_report_object (self, dialog, NULL, label_text, object);
            }
        }
      return;
    }
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return;

  if (is_hidden_member (name))
    return;
  if (json_node_get_value_type (node) == G_TYPE_INT64 && g_str_has_suffix (name, "_at"))
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (json_node_get_int (node) / G_USEC_PER_SEC);

      value = at ? g_date_time_format (at, "%x %X") : NULL;
    }
  else if (json_node_get_value_type (node) == G_TYPE_INT64 && g_str_equal (name, "quantity"))
    value = duka_sell_format_quantity (json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64 && g_str_equal (name, "rate"))
    value = duka_rate_format_percent (json_node_get_int (node), LC_GLOBAL_LOCALE);
  else if (json_node_get_value_type (node) == G_TYPE_INT64 && !is_count_member (name))
    value = duka_sell_view_format_money (self, json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    value = g_strdup (json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    value = g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
  if (value == NULL)
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (value);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

/* The report's JSON, as SCHEMA.md shapes it, rendered member by member:
 * amounts as money, counts as numbers, nested parts as their own groups. */
static void
add_report_object (DukaSellView        *self,
                   DukaSellDialog      *dialog,
                   AdwPreferencesGroup *group,
                   const char          *title,
                   JsonObject          *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  if (group == NULL)
    group = duka_sell_dialog_add_group (dialog, title, NULL);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_OBJECT (node) && !JSON_NODE_HOLDS_ARRAY (node))
        add_report_value (self, dialog, group, l->data, node);
    }
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node))
        add_report_value (self, dialog, group, l->data, node);
    }
}

static void
show_report (DukaSellView *self,
             const char   *title,
             JsonObject   *report)
{
  DukaSellDialog *dialog = duka_sell_dialog_new (GTK_WIDGET (self), title, NULL, NULL, NULL, NULL);

  duka_sell_dialog_set_apply_visible (dialog, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, 640);
  add_report_object (self, dialog, NULL, NULL, report);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
x_report_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  g_autofree char *session_id = duka_cash_sessions_dup_open_id (self->cash_sessions);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) report = NULL;

  if (session_id != NULL)
    report = duka_cash_sessions_report (self->cash_sessions, session_id, &error);
  if (report == NULL)
    {
      duka_sell_view_toast (self, error ? error->message : _("No cash session is open"));
      return;
    }
  show_report (self, _("X Report"), report);
}

/* Closing ----------------------------------------------------------------- */

typedef struct
{
  DukaSellView   *view;
  DukaSellDialog *dialog;          /* unowned: it owns the form */
  GArray         *denominations;   /* gint64 */
  GtkLabel     *counted_label;
  GtkLabel     *variance_label;
  gint64        expected;
  gboolean      has_expected;
} CloseForm;

static void
close_form_free (gpointer data)
{
  CloseForm *form = data;

  g_object_unref (form->view);
  g_array_unref (form->denominations);
  g_free (form);
}

static gboolean
read_counts (DukaSellDialog  *dialog,
             CloseForm       *form,
             GArray          *counts,
             gint64          *out_total,
             GError         **error)
{
  gint64 total = 0;

  for (guint i = 0; i < form->denominations->len; i++)
    {
      gint64 denomination = g_array_index (form->denominations, gint64, i);
      g_autofree char *key = g_strdup_printf ("d%" G_GINT64_FORMAT, denomination);
      g_autofree char *text = g_strstrip (g_strdup (duka_sell_dialog_get_text (dialog, key)));
      DukaCashCount count = { denomination, 0 };
      guint64 n = 0;

      if (*text != '\0' && (!g_ascii_string_to_unsigned (text, 10, 0, 1000000, &n, NULL)))
        {
          g_autofree char *note = duka_sell_view_format_money (form->view, denomination);

          g_set_error (error, DUKA_CASH_SESSIONS_ERROR, DUKA_CASH_SESSIONS_ERROR_INVALID,
                       _("“%s” is not a count of %s; type a whole number."), text, note);
          return FALSE;
        }
      count.count = (gint64) n;
      total += count.count * denomination;
      if (counts != NULL && count.count > 0)
        g_array_append_val (counts, count);
    }

  *out_total = total;
  return TRUE;
}

static void
count_changed_cb (GObject    *entry,
                  GParamSpec *pspec,
                  CloseForm  *form)
{
  DukaSellDialog *dialog = form->dialog;
  gint64 total = 0;
  g_autofree char *counted = NULL;

  if (!read_counts (dialog, form, NULL, &total, NULL))
    {
      gtk_label_set_text (form->counted_label, "—");
      return;
    }
  counted = duka_sell_view_format_money (form->view, total);
  gtk_label_set_text (form->counted_label, counted);
  if (form->has_expected)
    {
      g_autofree char *variance = duka_sell_view_format_money (form->view, total - form->expected);

      gtk_label_set_text (form->variance_label, variance);
    }
}

static gboolean
apply_close (DukaSellDialog  *dialog,
             gpointer         data,
             GError         **error)
{
  CloseForm *form = data;
  DukaSellView *self = form->view;
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor_for (self, dialog);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (DukaCashCount));
  g_autofree char *z_id = NULL;
  g_autoptr(JsonObject) z = NULL;
  gint64 total;

  if (!read_counts (dialog, form, counts, &total, error))
    return FALSE;
  if (!duka_cash_sessions_close (self->cash_sessions, actor, (DukaCashCount *) counts->data,
                                 counts->len, &z_id, error))
    return FALSE;

  duka_sell_view_update_session (self);
  z = duka_cash_sessions_load_z (self->cash_sessions, z_id, NULL);
  if (z != NULL)
    {
      JsonObject *report = json_object_has_member (z, "report") &&
                           JSON_NODE_HOLDS_OBJECT (json_object_get_member (z, "report"))
                           ? json_object_get_object_member (z, "report") : z;

      show_report (self, _("Z Report"), report);
    }
  return TRUE;
}

static GtkLabel *
add_figure_row (AdwPreferencesGroup *group,
                const char          *title,
                const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  return GTK_LABEL (label);
}

static gboolean
find_expected_cash (JsonObject *report,
                    gint64     *out_expected)
{
  static const char * const names[] = { "expected_cash", "cash_expected", "expected", NULL };

  if (json_object_has_member (report, "cash") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (report, "cash")))
    report = json_object_get_object_member (report, "cash");
  for (guint i = 0; names[i]; i++)
    if (json_object_has_member (report, names[i]))
      {
        *out_expected = json_object_get_int_member (report, names[i]);
        return TRUE;
      }
  return FALSE;
}

static void
close_session_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DukaSellView *self = DUKA_SELL_VIEW (widget);
  g_autofree char *session_id = duka_cash_sessions_dup_open_id (self->cash_sessions);
  g_autoptr(JsonObject) report = NULL;
  const gint64 *denominations = duka_cash_denominations (self->currency->code);
  CloseForm *form;
  DukaSellDialog *dialog;
  AdwPreferencesGroup *group;
  g_autofree char *expected = NULL;

  if (session_id == NULL)
    {
      duka_sell_view_toast (self, _("The cash session is already closed"));
      duka_sell_view_update_session (self);
      return;
    }

  form = g_new0 (CloseForm, 1);
  form->view = g_object_ref (self);
  form->denominations = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; denominations != NULL && denominations[i] != 0; i++)
    g_array_append_val (form->denominations, denominations[i]);
  report = duka_cash_sessions_report (self->cash_sessions, session_id, NULL);
  form->has_expected = report != NULL && find_expected_cash (report, &form->expected);

  dialog = duka_sell_dialog_new (widget, _("Close the Cash Session"), _("_Close Session"),
                                 apply_close, form, close_form_free);
  duka_sell_dialog_allow_override (dialog, DUKA_PERMISSION_CLOSE_CASH_SESSION);
  form->dialog = dialog;
  gtk_window_set_default_size (GTK_WINDOW (dialog), 480, 680);
  duka_sell_dialog_add_group (dialog, _("Count the Drawer"),
                              _("How many of each note and coin are in the drawer."));
  for (guint i = 0; i < form->denominations->len; i++)
    {
      gint64 denomination = g_array_index (form->denominations, gint64, i);
      g_autofree char *key = g_strdup_printf ("d%" G_GINT64_FORMAT, denomination);
      g_autofree char *title = duka_sell_view_format_money (self, denomination);
      GtkEditable *entry = duka_sell_dialog_add_entry (dialog, key, title, NULL);

      gtk_widget_set_name (GTK_WIDGET (entry), key);
      g_signal_connect (entry, "notify::text", G_CALLBACK (count_changed_cb), form);
    }
  group = duka_sell_dialog_add_group (dialog, NULL, NULL);
  expected = form->has_expected ? duka_sell_view_format_money (self, form->expected) : g_strdup ("—");
  add_figure_row (group, _("Expected"), expected);
  form->counted_label = add_figure_row (group, _("Counted"), "—");
  form->variance_label = add_figure_row (group, _("Variance"), "—");
  count_changed_cb (NULL, NULL, form);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
duka_sell_view_install_session_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "sell.open-session", NULL, open_session_action);
  gtk_widget_class_install_action (widget_class, "sell.cash-move", NULL, cash_move_action);
  gtk_widget_class_install_action (widget_class, "sell.x-report", NULL, x_report_action);
  gtk_widget_class_install_action (widget_class, "sell.close-session", NULL, close_session_action);
}
