/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Taking payment for an order: the amount due, quick cash buttons, other
 * tenders, split across tenders or evenly by N, a tip, and the change due
 * shown big.  The sale is completed by the register in one transaction;
 * whatever the register refuses (underpaid, no open session) is shown here
 * and nothing typed is lost.
 */
#include <glib/gi18n.h>

#include "duka-payment-dialog.h"
#include "duka-sell-view-private.h"

typedef struct
{
  char   *type_id;
  char   *kind;
  char   *name;
  gint64  amount;
  char   *card_last4;
  char   *approval_code;
  char   *reference;
} Tender;

struct _DukaPaymentDialog
{
  AdwWindow     parent_instance;

  DukaSellView *view;
  char         *order_id;
  DukaOrder    *order;
  GPtrArray    *tender_types;   /* JsonObject */
  GArray       *tenders;        /* Tender */
  JsonObject   *tender_type;    /* selected; in tender_types */
  char         *receipt_no;
  gint64        change;

  GtkStack     *stack;
  GtkWidget    *cancel_button;
  GtkLabel     *due_label;
  GtkLabel     *remaining_label;
  GtkLabel     *change_label;
  GtkListBox   *tender_list;
  GtkBox       *type_box;
  GtkEditable  *amount_row;
  GtkEditable  *last4_row;
  GtkEditable  *approval_row;
  GtkEditable  *reference_row;
  GtkEditable  *tip_row;
  GtkSpinButton *split_spin;
  GtkFlowBox   *quick_box;
  GtkLabel     *error_label;
  AdwStatusPage *done_page;
  GtkLabel     *done_change_label;
};

G_DEFINE_FINAL_TYPE (DukaPaymentDialog, duka_payment_dialog, ADW_TYPE_WINDOW)

enum {
  COMPLETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tender_clear (gpointer data)
{
  Tender *tender = data;

  g_free (tender->type_id);
  g_free (tender->kind);
  g_free (tender->name);
  g_free (tender->card_last4);
  g_free (tender->approval_code);
  g_free (tender->reference);
}

static const char *
type_kind (JsonObject *type)
{
  return type ? json_object_get_string_member_with_default (type, "kind", "other") : "cash";
}

static gboolean
selected_is_cash (DukaPaymentDialog *self)
{
  return g_strcmp0 (type_kind (self->tender_type), "cash") == 0;
}

static gint64
paid_so_far (DukaPaymentDialog *self)
{
  gint64 paid = 0;

  for (guint i = 0; i < self->tenders->len; i++)
    paid += g_array_index (self->tenders, Tender, i).amount;
  return paid;
}

gint64
duka_payment_dialog_get_remaining (DukaPaymentDialog *self)
{
  gint64 remaining;

  g_return_val_if_fail (DUKA_IS_PAYMENT_DIALOG (self), 0);

  remaining = (self->order ? self->order->total : 0) - paid_so_far (self);
  return MAX (remaining, 0);
}

/* What the selected tender should take: the rest, cash-rounded for cash. */
static gint64
due_for_selected (DukaPaymentDialog *self)
{
  gint64 remaining = duka_payment_dialog_get_remaining (self);

  if (selected_is_cash (self))
    return duka_register_cash_due (duka_sell_view_get_register (self->view), remaining);
  return remaining;
}

static void
show_error (DukaPaymentDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void fill_quick_cash (DukaPaymentDialog *self);

static gboolean
read_amount (DukaPaymentDialog  *self,
             gint64             *out_amount,
             GError            **error)
{
  const char *text = gtk_editable_get_text (self->amount_row);

  return duka_sell_view_parse_money (self->view, text, out_amount, error);
}

static void
update (DukaPaymentDialog *self)
{
  gint64 due = self->order ? self->order->total : 0;
  gint64 typed = 0, change;
  g_autofree char *due_text = duka_sell_view_format_money (self->view, due);
  g_autofree char *remaining_text = duka_sell_view_format_money (self->view, due_for_selected (self));
  g_autofree char *change_text = NULL;
  const char *kind = type_kind (self->tender_type);
  GtkWidget *child;

  read_amount (self, &typed, NULL);
  change = paid_so_far (self) + typed - (selected_is_cash (self) ? paid_so_far (self) + due_for_selected (self) : due);
  change_text = duka_sell_view_format_money (self->view, MAX (change, 0));
  gtk_label_set_text (self->due_label, due_text);
  gtk_label_set_text (self->remaining_label, remaining_text);
  gtk_label_set_text (self->change_label, change_text);

  gtk_widget_set_visible (GTK_WIDGET (self->last4_row), g_str_equal (kind, "card"));
  gtk_widget_set_visible (GTK_WIDGET (self->approval_row), g_str_equal (kind, "card"));
  gtk_widget_set_visible (GTK_WIDGET (self->reference_row),
                          g_str_equal (kind, "mobile") || g_str_equal (kind, "other"));
  gtk_widget_set_visible (GTK_WIDGET (self->quick_box), g_str_equal (kind, "cash"));
  fill_quick_cash (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tender_list))) != NULL)
    gtk_list_box_remove (self->tender_list, child);
  for (guint i = 0; i < self->tenders->len; i++)
    {
      Tender *tender = &g_array_index (self->tenders, Tender, i);
      g_autofree char *amount = duka_sell_view_format_money (self->view, tender->amount);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tender->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), amount);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Payment"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "payment.remove-tender");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->tender_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tender_list), self->tenders->len > 0);
}

static void
reload_order (DukaPaymentDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->order, duka_order_free);
  self->order = duka_register_get_order (duka_sell_view_get_register (self->view),
                                         self->order_id, &error);
  if (self->order == NULL)
    show_error (self, error->message);
}

/* Quick cash: the exact amount, then the next round amounts the notes of
 * the currency make, smallest first. */
static void
fill_quick_cash (DukaPaymentDialog *self)
{
  const gint64 *notes = duka_cash_denominations (self->view->currency->code);
  gint64 due = duka_register_cash_due (duka_sell_view_get_register (self->view),
                                       duka_payment_dialog_get_remaining (self));
  g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *child;

  g_array_append_val (amounts, due);
  for (guint i = 0; notes != NULL && notes[i] != 0 && due > 0; i++)
    {
      gint64 round = (due + notes[i] - 1) / notes[i] * notes[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < amounts->len; j++)
        seen |= g_array_index (amounts, gint64, j) == round;
      if (!seen)
        g_array_append_val (amounts, round);
    }
  /* Smallest first, at most six buttons. */
  for (guint i = 1; i < amounts->len; i++)
    for (guint j = i; j > 1 && g_array_index (amounts, gint64, j) < g_array_index (amounts, gint64, j - 1); j--)
      {
        gint64 t = g_array_index (amounts, gint64, j);

        g_array_index (amounts, gint64, j) = g_array_index (amounts, gint64, j - 1);
        g_array_index (amounts, gint64, j - 1) = t;
      }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quick_box))) != NULL)
    gtk_flow_box_remove (self->quick_box, child);
  for (guint i = 0; i < amounts->len && i < 6; i++)
    {
      gint64 amount = g_array_index (amounts, gint64, i);
      g_autofree char *text = duka_sell_view_format_money (self->view, amount);
      g_autofree char *label = i == 0 ? g_strdup_printf (_("Exact %s"), text) : g_strdup (text);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "payment.quick-cash");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", amount);
      gtk_widget_add_css_class (button, "duka-sell-big");
      if (i == 0)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_flow_box_append (self->quick_box, button);
    }
}

void
duka_payment_dialog_select_tender (DukaPaymentDialog *self,
                                   const char        *kind)
{
  g_return_if_fail (DUKA_IS_PAYMENT_DIALOG (self));

  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->type_box));
       button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      JsonObject *type = g_object_get_data (G_OBJECT (button), "type");

      if (g_strcmp0 (type_kind (type), kind) == 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (type, "id", NULL), kind) == 0)
        {
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
          return;
        }
    }
}

static void
type_toggled_cb (GtkToggleButton   *button,
                 DukaPaymentDialog *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->tender_type = g_object_get_data (G_OBJECT (button), "type");
  gtk_editable_set_text (self->amount_row, "");
  update (self);
}

static void
fill_tender_types (DukaPaymentDialog *self)
{
  g_autoptr(GError) error = NULL;
  GtkToggleButton *first = NULL;

  self->tender_types = duka_sell_view_list_tender_types (self->view, &error);
  if (self->tender_types == NULL)
    {
      show_error (self, error->message);
      self->tender_types = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    }

  for (guint i = 0; i < self->tender_types->len; i++)
    {
      JsonObject *type = self->tender_types->pdata[i];
      GtkWidget *button;

      if (!json_object_get_boolean_member_with_default (type, "active", TRUE))
        continue;
      button = gtk_toggle_button_new_with_label (json_object_get_string_member_with_default (type, "name", "?"));
      g_object_set_data (G_OBJECT (button), "type", type);
      gtk_widget_add_css_class (button, "duka-sell-big");
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      else
        first = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_object (button, "toggled", G_CALLBACK (type_toggled_cb), self, 0);
      gtk_box_append (self->type_box, button);
    }
  if (first != NULL)
    {
      gtk_toggle_button_set_active (first, TRUE);
      self->tender_type = g_object_get_data (G_OBJECT (first), "type");
    }
}

/* The tender being typed; an empty amount means “the rest”. */
static gboolean
take_typed_tender (DukaPaymentDialog  *self,
                   gboolean            empty_means_rest,
                   GError            **error)
{
  Tender tender = { 0 };
  gint64 amount = 0;
  const char *last4 = gtk_editable_get_text (self->last4_row);
  const char *approval = gtk_editable_get_text (self->approval_row);
  const char *reference = gtk_editable_get_text (self->reference_row);

  if (self->tender_type == NULL)
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID, _("Choose how the customer pays."));
      return FALSE;
    }
  if (!read_amount (self, &amount, error))
    return FALSE;
  if (amount == 0 && empty_means_rest)
    amount = due_for_selected (self);
  if (amount <= 0)
    return TRUE;
  if (g_str_equal (type_kind (self->tender_type), "card") && *last4 != '\0' &&
      (strlen (last4) != 4 || strspn (last4, "0123456789") != 4))
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID,
                   _("Type only the last four digits of the card."));
      return FALSE;
    }

  tender.type_id = g_strdup (json_object_get_string_member (self->tender_type, "id"));
  tender.kind = g_strdup (type_kind (self->tender_type));
  tender.name = g_strdup (json_object_get_string_member_with_default (self->tender_type, "name", ""));
  tender.amount = amount;
  if (g_str_equal (tender.kind, "card"))
    {
      tender.card_last4 = *last4 ? g_strdup (last4) : NULL;
      tender.approval_code = *approval ? g_strdup (approval) : NULL;
    }
  else if (!g_str_equal (tender.kind, "cash"))
    tender.reference = *reference ? g_strdup (reference) : NULL;
  g_array_append_val (self->tenders, tender);

  gtk_editable_set_text (self->amount_row, "");
  gtk_editable_set_text (self->last4_row, "");
  gtk_editable_set_text (self->approval_row, "");
  gtk_editable_set_text (self->reference_row, "");
  return TRUE;
}

static void
complete (DukaPaymentDialog *self)
{
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor (self->view);
  g_autoptr(GError) error = NULL;
  g_autofree DukaTender *tenders = NULL;
  g_autofree char *sale_id = NULL;
  g_autoptr(JsonObject) sale = NULL;
  guint n_before = self->tenders->len;
  g_autofree char *change_text = NULL;
  g_autofree char *description = NULL;

  /* Only the first tender may stand for “the rest” when left empty. */
  if (!take_typed_tender (self, n_before == 0, &error))
    {
      show_error (self, error->message);
      return;
    }

  tenders = g_new0 (DukaTender, self->tenders->len);
  for (guint i = 0; i < self->tenders->len; i++)
    {
      Tender *tender = &g_array_index (self->tenders, Tender, i);

      tenders[i].tender_type_id = tender->type_id;
      tenders[i].amount = tender->amount;
      tenders[i].card_last4 = tender->card_last4;
      tenders[i].approval_code = tender->approval_code;
      tenders[i].reference = tender->reference;
    }

  if (!duka_register_complete (duka_sell_view_get_register (self->view), actor, self->order_id,
                               tenders, self->tenders->len, &sale_id, &error))
    {
      /* What was typed goes back into the field, the rest stays listed. */
      if (self->tenders->len > n_before)
        {
          Tender *last = &g_array_index (self->tenders, Tender, self->tenders->len - 1);
          g_autofree char *typed = duka_sell_view_format_money (self->view, last->amount);

          g_array_set_size (self->tenders, n_before);
          gtk_editable_set_text (self->amount_row, typed);
        }
      show_error (self, error->message);
      reload_order (self);
      update (self);
      return;
    }

  sale = duka_register_load_sale (duka_sell_view_get_register (self->view), sale_id, NULL);
  self->receipt_no = g_strdup (sale ? json_object_get_string_member_with_default (sale, "receipt_no", "") : "");
  self->change = sale ? json_object_get_int_member_with_default (sale, "change", 0) : 0;
  change_text = duka_sell_view_format_money (self->view, self->change);
  description = g_strdup_printf (_("Receipt %s"), self->receipt_no);
  adw_status_page_set_description (self->done_page, description);
  gtk_label_set_text (self->done_change_label, change_text);
  gtk_stack_set_visible_child_name (self->stack, "done");
  /* The sale is done: nothing is left to cancel. */
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.complete", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.quick-cash", FALSE);

  g_signal_emit (self, signals[COMPLETED], 0, sale_id, self->receipt_no);
  /* Printing starts only now, after the commit. */
  gtk_widget_activate_action (GTK_WIDGET (self->view), "sell.print-receipt", "s", sale_id);
}

static void
complete_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  complete (DUKA_PAYMENT_DIALOG (widget));
}

static void
quick_cash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DukaPaymentDialog *self = DUKA_PAYMENT_DIALOG (widget);
  g_autofree char *text = duka_sell_view_format_money (self->view, g_variant_get_int64 (param));

  duka_payment_dialog_select_tender (self, "cash");
  gtk_editable_set_text (self->amount_row, text);
  complete (self);
}

static void
add_tender_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DukaPaymentDialog *self = DUKA_PAYMENT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!take_typed_tender (self, TRUE, &error))
    show_error (self, error->message);
  else
    show_error (self, NULL);
  update (self);
}

static void
remove_tender_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DukaPaymentDialog *self = DUKA_PAYMENT_DIALOG (widget);
  guint index = g_variant_get_uint32 (param);

  if (index < self->tenders->len)
    g_array_remove_index (self->tenders, index);
  update (self);
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  DukaPaymentDialog *self = DUKA_PAYMENT_DIALOG (widget);
  guint n = (guint) gtk_spin_button_get_value_as_int (self->split_spin);
  g_autofree gint64 *parts = NULL;
  g_autofree char *text = NULL;

  if (self->order == NULL || n < 2)
    return;
  parts = duka_register_split_evenly (self->order->total, n);
  text = duka_sell_view_format_money (self->view, parts[MIN (self->tenders->len, n - 1)]);
  gtk_editable_set_text (self->amount_row, text);
  update (self);
}

static void
tip_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  DukaPaymentDialog *self = DUKA_PAYMENT_DIALOG (widget);
  g_autoptr(DukaActor) actor = duka_sell_view_dup_actor (self->view);
  g_autoptr(GError) error = NULL;
  gint64 tip;

  if (!duka_sell_view_parse_money (self->view, gtk_editable_get_text (self->tip_row), &tip, &error) ||
      !duka_register_set_charge (duka_sell_view_get_register (self->view), actor, self->order_id,
                                 DUKA_LINE_TIP, tip, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  reload_order (self);
  update (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
amount_changed_cb (DukaPaymentDialog *self)
{
  gint64 typed = 0, due = due_for_selected (self);
  g_autofree char *change = NULL;

  if (read_amount (self, &typed, NULL))
    {
      change = duka_sell_view_format_money (self->view, MAX (typed - due, 0));
      gtk_label_set_text (self->change_label, change);
    }
}

static void
duka_payment_dialog_dispose (GObject *object)
{
  DukaPaymentDialog *self = (DukaPaymentDialog *) object;

  g_clear_object (&self->view);
  g_clear_pointer (&self->order, duka_order_free);
  g_clear_pointer (&self->tender_types, g_ptr_array_unref);
  g_clear_pointer (&self->tenders, g_array_unref);
  g_clear_pointer (&self->order_id, g_free);
  g_clear_pointer (&self->receipt_no, g_free);

  G_OBJECT_CLASS (duka_payment_dialog_parent_class)->dispose (object);
}

static void
reprint_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DukaPaymentDialog *self = DUKA_PAYMENT_DIALOG (widget);
  const char *sale_id = duka_sell_view_get_last_sale_id (self->view);

  if (sale_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->view), "sell.reprint-receipt", "s", sale_id);
}

static void
duka_payment_dialog_class_init (DukaPaymentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_payment_dialog_dispose;

  /**
   * DukaPaymentDialog::completed:
   * @sale_id: the sale
   * @receipt_no: its receipt number
   */
  signals[COMPLETED] = g_signal_new ("completed", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "payment.complete", NULL, complete_action);
  gtk_widget_class_install_action (widget_class, "payment.quick-cash", "x", quick_cash_action);
  gtk_widget_class_install_action (widget_class, "payment.add-tender", NULL, add_tender_action);
  gtk_widget_class_install_action (widget_class, "payment.remove-tender", "u", remove_tender_action);
  gtk_widget_class_install_action (widget_class, "payment.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "payment.tip", NULL, tip_action);
  gtk_widget_class_install_action (widget_class, "payment.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "payment.reprint", NULL, reprint_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "payment.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, 0, "payment.complete", NULL);
}

static GtkWidget *
big_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  return label;
}

static GtkWidget *
figure (const char *title,
        GtkWidget  *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), value);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 0.5);
  return box;
}

static GtkEditable *
entry_row (GtkListBox *list,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_list_box_append (list, row);
  return GTK_EDITABLE (row);
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

static GtkWidget *
build_pay_page (DukaPaymentDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *figures = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *fields = gtk_list_box_new ();
  GtkWidget *split = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *tip = gtk_list_box_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *button;

  self->due_label = GTK_LABEL (big_label ("title-2"));
  self->remaining_label = GTK_LABEL (big_label ("title-1"));
  self->change_label = GTK_LABEL (big_label ("title-1"));
  gtk_widget_add_css_class (GTK_WIDGET (self->change_label), "success");
  gtk_box_append (GTK_BOX (figures), figure (_("Total"), GTK_WIDGET (self->due_label)));
  gtk_box_append (GTK_BOX (figures), figure (_("To Pay"), GTK_WIDGET (self->remaining_label)));
  gtk_box_append (GTK_BOX (figures), figure (_("Change"), GTK_WIDGET (self->change_label)));
  gtk_box_append (GTK_BOX (box), figures);

  self->tender_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->tender_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->tender_list), "boxed-list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->tender_list));

  self->type_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_box_set_homogeneous (self->type_box, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->type_box));

  self->quick_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->quick_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->quick_box, TRUE);
  gtk_flow_box_set_max_children_per_line (self->quick_box, 3);
  gtk_flow_box_set_column_spacing (self->quick_box, 6);
  gtk_flow_box_set_row_spacing (self->quick_box, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->quick_box));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (fields), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (fields, "boxed-list");
  self->amount_row = entry_row (GTK_LIST_BOX (fields), _("_Amount Tendered"));
  g_signal_connect_object (self->amount_row, "changed", G_CALLBACK (amount_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->amount_row, "entry-activated", G_CALLBACK (complete), self, G_CONNECT_SWAPPED);
  self->last4_row = entry_row (GTK_LIST_BOX (fields), _("Card _Last Four Digits"));
  self->approval_row = entry_row (GTK_LIST_BOX (fields), _("Appro_val Code"));
  self->reference_row = entry_row (GTK_LIST_BOX (fields), _("_Reference"));
  gtk_box_append (GTK_BOX (box), fields);

  self->split_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (2, 50, 1));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->split_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Number of Parts"), -1);
  button = action_button (_("_Split Evenly"), "payment.split", NULL);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_box_append (GTK_BOX (split), button);
  gtk_box_append (GTK_BOX (split), GTK_WIDGET (self->split_spin));
  button = action_button (_("Add _Payment"), "payment.add-tender", NULL);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_box_append (GTK_BOX (split), button);
  gtk_box_append (GTK_BOX (box), split);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (tip), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (tip, "boxed-list");
  self->tip_row = entry_row (GTK_LIST_BOX (tip), _("_Tip"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->tip_row), TRUE);
  g_signal_connect_object (self->tip_row, "apply", G_CALLBACK (tip_action), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), tip);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  button = action_button (_("_Complete Sale"), "payment.complete", "suggested-action");
  gtk_widget_add_css_class (button, "duka-sell-big");
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static GtkWidget *
build_done_page (DukaPaymentDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *caption = gtk_label_new (_("Change Due"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->done_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->done_page, "emblem-ok-symbolic");
  adw_status_page_set_title (self->done_page, _("Sale Complete"));
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), caption);
  self->done_change_label = GTK_LABEL (big_label ("duka-sell-change"));
  gtk_label_set_xalign (self->done_change_label, 0.5);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->done_change_label));
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), action_button (_("_Print a Copy"), "payment.reprint", "pill"));
  gtk_box_append (GTK_BOX (buttons), action_button (_("_New Sale"), "payment.close", "pill"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (buttons), "suggested-action");
  gtk_box_append (GTK_BOX (box), buttons);
  adw_status_page_set_child (self->done_page, box);
  return GTK_WIDGET (self->done_page);
}

static void
duka_payment_dialog_init (DukaPaymentDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = action_button (_("_Cancel"), "payment.close", NULL);

  self->cancel_button = cancel;

  self->tenders = g_array_new (FALSE, TRUE, sizeof (Tender));
  g_array_set_clear_func (self->tenders, tender_clear);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_box_append (GTK_BOX (box), header);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, build_pay_page (self), "pay");
  gtk_stack_add_named (self->stack, build_done_page (self), "done");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);

  gtk_window_set_title (GTK_WINDOW (self), _("Payment"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 720);
}

DukaPaymentDialog *
duka_payment_dialog_new (DukaSellView *view,
                         const char   *order_id)
{
  DukaPaymentDialog *self = g_object_new (DUKA_TYPE_PAYMENT_DIALOG, NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  self->view = g_object_ref (view);
  self->order_id = g_strdup (order_id);
  reload_order (self);
  fill_tender_types (self);
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));

  return self;
}

const char *
duka_payment_dialog_get_error (DukaPaymentDialog *self)
{
  g_return_val_if_fail (DUKA_IS_PAYMENT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

const char *
duka_payment_dialog_get_receipt_no (DukaPaymentDialog *self)
{
  g_return_val_if_fail (DUKA_IS_PAYMENT_DIALOG (self), NULL);
  return self->receipt_no;
}

gint64
duka_payment_dialog_get_change (DukaPaymentDialog *self)
{
  g_return_val_if_fail (DUKA_IS_PAYMENT_DIALOG (self), 0);
  return self->change;
}
