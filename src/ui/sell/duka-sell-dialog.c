/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "duka-current-staff.h"
#include "duka-register.h"
#include "duka-sell-dialog.h"

struct _DukaSellDialog
{
  AdwWindow            parent_instance;

  GtkBox              *content;
  AdwPreferencesGroup *group;
  GtkLabel            *error_label;
  GtkWidget           *apply_button;
  GtkWidget           *cancel_button;
  GtkWidget           *override_button;
  GtkWidget           *problem;      /* the error label and the button */
  GHashTable          *entries;    /* key → GtkEditable */

  DukaSellDialogApply  apply;
  gpointer             user_data;
  GDestroyNotify       destroy;

  gboolean             may_override;
  DukaPermission       override_permission;
  DukaActor           *approved;   /* for the one apply a manager approved */
};

G_DEFINE_FINAL_TYPE (DukaSellDialog, duka_sell_dialog, ADW_TYPE_WINDOW)

static void
duka_sell_dialog_dispose (GObject *object)
{
  DukaSellDialog *self = (DukaSellDialog *) object;

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->approved, duka_actor_free);

  G_OBJECT_CLASS (duka_sell_dialog_parent_class)->dispose (object);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  duka_sell_dialog_apply (DUKA_SELL_DIALOG (widget));
}

static void
approved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DukaSellDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  DukaActor *actor = duka_current_staff_authorize_finish (DUKA_CURRENT_STAFF (source), result, &error);

  if (actor == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->error_label, error->message);
      return;
    }

  /* The approval is for this one action: applied, then forgotten. */
  self->approved = actor;
  duka_sell_dialog_apply (self);
  g_clear_pointer (&self->approved, duka_actor_free);
}

static void
override_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DukaSellDialog *self = DUKA_SELL_DIALOG (widget);
  DukaCurrentStaff *current = duka_current_staff_get_for_widget (widget);

  if (current == NULL || !self->may_override)
    return;
  duka_current_staff_approve_async (current, widget, self->override_permission, NULL,
                                    approved_cb, g_object_ref (self));
}

static void
duka_sell_dialog_class_init (DukaSellDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_sell_dialog_dispose;

  gtk_widget_class_install_action (widget_class, "dialog.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "dialog.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "dialog.override", NULL, override_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.close", NULL);
}

static void
duka_sell_dialog_init (DukaSellDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *problem;

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "dialog.close");
  self->cancel_button = cancel;
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = gtk_button_new ();
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->apply_button), "dialog.apply");
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);
  gtk_box_append (GTK_BOX (box), header);

  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (self->content), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->content), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->content), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->content), 12);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 520);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->content));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);

  /* Why the form was refused stays in sight above the scrolled fields:
   * a mapped window does not grow to show a longer form. */
  problem = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (problem, 12);
  gtk_widget_set_margin_start (problem, 18);
  gtk_widget_set_margin_end (problem, 18);
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_box_append (GTK_BOX (problem), GTK_WIDGET (self->error_label));
  self->override_button = gtk_button_new_with_mnemonic (_("Ask a _Manager"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->override_button), "dialog.override");
  gtk_widget_set_valign (self->override_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->override_button, "pill");
  gtk_widget_set_visible (self->override_button, FALSE);
  gtk_box_append (GTK_BOX (problem), self->override_button);
  gtk_widget_set_visible (problem, FALSE);
  self->problem = problem;
  gtk_box_append (GTK_BOX (box), problem);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, -1);
  gtk_window_set_hide_on_close (GTK_WINDOW (self), FALSE);
}

DukaSellDialog *
duka_sell_dialog_new (GtkWidget           *parent,
                      const char          *title,
                      const char          *apply_label,
                      DukaSellDialogApply  apply,
                      gpointer             user_data,
                      GDestroyNotify       destroy)
{
  DukaSellDialog *self = g_object_new (DUKA_TYPE_SELL_DIALOG, "title", title, NULL);
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_button_set_use_underline (GTK_BUTTON (self->apply_button), TRUE);
  gtk_button_set_label (GTK_BUTTON (self->apply_button), apply_label);
  self->apply = apply;
  self->user_data = user_data;
  self->destroy = destroy;

  return self;
}

AdwPreferencesGroup *
duka_sell_dialog_add_group (DukaSellDialog *self,
                            const char     *title,
                            const char     *description)
{
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (title != NULL)
    adw_preferences_group_set_title (self->group, title);
  if (description != NULL)
    adw_preferences_group_set_description (self->group, description);
  gtk_box_append (self->content, GTK_WIDGET (self->group));
  return self->group;
}

static void
entry_activated_cb (DukaSellDialog *self)
{
  duka_sell_dialog_apply (self);
}

GtkEditable *
duka_sell_dialog_add_entry (DukaSellDialog *self,
                            const char     *key,
                            const char     *title,
                            const char     *text)
{
  GtkWidget *row = adw_entry_row_new ();

  if (self->group == NULL)
    duka_sell_dialog_add_group (self, NULL, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), FALSE);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_name (row, key);
  adw_preferences_group_add (self->group, row);
  g_hash_table_insert (self->entries, g_strdup (key), row);
  /* The first field is where typing starts, not the Cancel button. */
  if (g_hash_table_size (self->entries) == 1)
    gtk_window_set_focus (GTK_WINDOW (self), row);

  return GTK_EDITABLE (row);
}

/* Adds @widget below the groups added so far. */
void
duka_sell_dialog_add_widget (DukaSellDialog *self,
                             GtkWidget      *widget)
{
  gtk_box_append (self->content, widget);
  self->group = NULL;
}

GtkEditable *
duka_sell_dialog_get_entry (DukaSellDialog *self,
                            const char     *key)
{
  return g_hash_table_lookup (self->entries, key);
}

const char *
duka_sell_dialog_get_text (DukaSellDialog *self,
                           const char     *key)
{
  GtkEditable *entry = g_hash_table_lookup (self->entries, key);

  g_return_val_if_fail (entry != NULL, "");

  return gtk_editable_get_text (entry);
}

void
duka_sell_dialog_set_text (DukaSellDialog *self,
                           const char     *key,
                           const char     *text)
{
  GtkEditable *entry = g_hash_table_lookup (self->entries, key);

  g_return_if_fail (entry != NULL);

  gtk_editable_set_text (entry, text);
}

void
duka_sell_dialog_set_apply_visible (DukaSellDialog *self,
                                    gboolean        visible)
{
  gtk_widget_set_visible (self->apply_button, visible);
  /* Without an action to take, there is nothing to cancel. */
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), visible ? _("_Cancel") : _("_Close"));
}

const char *
duka_sell_dialog_get_error (DukaSellDialog *self)
{
  if (!gtk_widget_get_visible (self->problem))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

/**
 * duka_sell_dialog_allow_override:
 *
 * When core refuses the action because the person lacks @permission (or
 * their role's discount limit is too low), the dialog offers to ask a
 * manager, whose approval applies the form once more as the person
 * approved by that manager.
 */
void
duka_sell_dialog_allow_override (DukaSellDialog *self,
                                 DukaPermission  permission)
{
  g_return_if_fail (DUKA_IS_SELL_DIALOG (self));

  self->may_override = TRUE;
  self->override_permission = permission;
}

/**
 * duka_sell_dialog_get_approved:
 *
 * Returns: (transfer none) (nullable): while the form is applied after a
 *   manager's approval, the actor to apply it as
 */
const DukaActor *
duka_sell_dialog_get_approved (DukaSellDialog *self)
{
  g_return_val_if_fail (DUKA_IS_SELL_DIALOG (self), NULL);

  return self->approved;
}

static gboolean
can_override (DukaSellDialog *self,
              const GError   *error)
{
  DukaCurrentStaff *current;

  if (!self->may_override || self->approved != NULL || error == NULL)
    return FALSE;
  if (!g_error_matches (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED) &&
      !g_error_matches (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_DISCOUNT_LIMIT))
    return FALSE;

  current = duka_current_staff_get_for_widget (GTK_WIDGET (self));
  return current != NULL && duka_current_staff_get_required (current);
}

/* Runs the action; closes the dialog when it succeeds, else shows why. */
gboolean
duka_sell_dialog_apply (DukaSellDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DUKA_IS_SELL_DIALOG (self), FALSE);

  if (self->apply != NULL && !self->apply (self, self->user_data, &error))
    {
      gboolean offer = can_override (self, error);

      gtk_label_set_text (self->error_label, error ? error->message : _("That did not work."));
      gtk_widget_set_visible (self->problem, TRUE);
      gtk_widget_set_visible (self->override_button, offer);
      if (offer)
        gtk_widget_grab_focus (self->override_button);
      return FALSE;
    }

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
