/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A manager's override: someone who holds the missing permission taps
 * their name and enters their PIN, which allows one action.  Only people
 * who may approve it are offered, and their right is checked again after
 * the PIN, so a cashier's PIN never approves anything.
 */
#include <glib/gi18n.h>

#include "duka-current-staff.h"
#include "duka-override-dialog.h"
#include "duka-person-tile.h"
#include "duka-pin-pad.h"

struct _DukaOverrideDialog
{
  AdwWindow         parent_instance;

  DukaCurrentStaff *current_staff;
  DukaPermission    permission;
  GCancellable     *cancellable;
  char             *approver_id;
  guint             n_approvers;
  gboolean          busy;

  GtkLabel         *reason_label;
  GtkStack         *stack;
  GtkFlowBox       *people_box;
  GtkLabel         *nobody_label;
  GtkLabel         *approver_label;
  DukaPinPad       *pin_pad;
};

G_DEFINE_FINAL_TYPE (DukaOverrideDialog, duka_override_dialog, ADW_TYPE_WINDOW)

enum {
  APPROVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_approver (DukaOverrideDialog *self,
               const char         *staff_id,
               const char         *name)
{
  g_free (self->approver_id);
  self->approver_id = g_strdup (staff_id);
  gtk_label_set_text (self->approver_label, name);
  duka_pin_pad_clear (self->pin_pad);
  duka_pin_pad_set_message (self->pin_pad, NULL);
  gtk_stack_set_visible_child_name (self->stack, "pin");
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_pad));
}

static void
tile_clicked_cb (DukaOverrideDialog *self,
                 GtkButton          *tile)
{
  show_approver (self, gtk_widget_get_name (GTK_WIDGET (tile)),
                 gtk_widget_get_tooltip_text (GTK_WIDGET (tile)));
}

static void
back_cb (DukaOverrideDialog *self)
{
  if (self->busy)
    return;

  /* With one approver there is no one else to choose. */
  if (self->n_approvers <= 1)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  g_clear_pointer (&self->approver_id, g_free);
  duka_pin_pad_clear (self->pin_pad);
  gtk_stack_set_visible_child_name (self->stack, "people");
  duka_person_tiles_focus_first (self->people_box);
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DukaOverrideDialog *self;
  g_autoptr(DukaActor) approver = NULL;
  g_autoptr(GError) error = NULL;

  approver = duka_staff_verify_pin_finish (DUKA_STAFF (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = DUKA_OVERRIDE_DIALOG (user_data);
  self->busy = FALSE;
  duka_pin_pad_set_busy (self->pin_pad, FALSE);
  duka_pin_pad_clear (self->pin_pad);

  if (approver != NULL &&
      !duka_staff_has_permission (DUKA_STAFF (source), approver->staff_id,
                                  duka_permission_get_name (self->permission)))
    g_set_error (&error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED, "%s",
                 _("This person may not approve this"));
  if (error != NULL)
    {
      duka_pin_pad_set_message (self->pin_pad, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_pad));
      return;
    }

  g_signal_emit (self, signals[APPROVED], 0, approver->staff_id);
}

static void
pin_submit_cb (DukaOverrideDialog *self)
{
  if (self->busy || self->approver_id == NULL || self->current_staff == NULL)
    return;

  self->busy = TRUE;
  duka_pin_pad_set_busy (self->pin_pad, TRUE);
  duka_staff_verify_pin_async (duka_current_staff_get_staff (self->current_staff),
                               self->approver_id, duka_pin_pad_get_pin (self->pin_pad),
                               self->cancellable, verified_cb, self);
}

static void
fill_approvers (DukaOverrideDialog *self)
{
  DukaStaff *staff = duka_current_staff_get_staff (self->current_staff);
  g_autoptr(GPtrArray) people = duka_staff_list_sign_in (staff, NULL);
  g_autoptr(GPtrArray) approvers = g_ptr_array_new ();
  g_autofree char *reason = NULL;

  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      DukaSignInPerson *person = g_ptr_array_index (people, i);

      if (duka_staff_has_permission (staff, person->staff_id, duka_permission_get_name (self->permission)))
        g_ptr_array_add (approvers, person);
    }
  self->n_approvers = approvers->len;

  /* Translators: %s is what needs approval, such as “Edit the menu” */
  reason = g_strdup_printf (_("“%s” needs the approval of a manager. They enter their PIN to allow "
                              "this one change."),
                            duka_permission_get_label (self->permission));
  gtk_label_set_text (self->reason_label, reason);

  duka_person_tiles_fill (self->people_box, approvers, 64, G_CALLBACK (tile_clicked_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->nobody_label), approvers->len == 0);
  if (approvers->len == 1)
    {
      DukaSignInPerson *only = g_ptr_array_index (approvers, 0);

      show_approver (self, only->staff_id, only->name);
    }
  else
    duka_person_tiles_focus_first (self->people_box);
}

static void
duka_override_dialog_dispose (GObject *object)
{
  DukaOverrideDialog *self = (DukaOverrideDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_OVERRIDE_DIALOG);
  g_clear_object (&self->current_staff);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (duka_override_dialog_parent_class)->dispose (object);
}

static void
duka_override_dialog_finalize (GObject *object)
{
  DukaOverrideDialog *self = (DukaOverrideDialog *) object;

  g_free (self->approver_id);

  G_OBJECT_CLASS (duka_override_dialog_parent_class)->finalize (object);
}

static void
duka_override_dialog_class_init (DukaOverrideDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_override_dialog_dispose;
  object_class->finalize = duka_override_dialog_finalize;

  /**
   * DukaOverrideDialog::approved:
   * @approver_id: the staff id of the person who approved
   */
  signals[APPROVED] = g_signal_new ("approved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (DUKA_TYPE_PIN_PAD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/duka-override-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaOverrideDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, DukaOverrideDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DukaOverrideDialog, people_box);
  gtk_widget_class_bind_template_child (widget_class, DukaOverrideDialog, nobody_label);
  gtk_widget_class_bind_template_child (widget_class, DukaOverrideDialog, approver_label);
  gtk_widget_class_bind_template_child (widget_class, DukaOverrideDialog, pin_pad);
  gtk_widget_class_bind_template_callback (widget_class, pin_submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
duka_override_dialog_init (DukaOverrideDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->people_box, "child-activated", G_CALLBACK (duka_person_tiles_activated), NULL);
}

GtkWidget *
duka_override_dialog_new (GtkWindow        *parent,
                          DukaCurrentStaff *current_staff,
                          DukaPermission    permission)
{
  DukaOverrideDialog *self;

  g_return_val_if_fail (DUKA_IS_CURRENT_STAFF (current_staff), NULL);

  self = g_object_new (DUKA_TYPE_OVERRIDE_DIALOG, "transient-for", parent, NULL);
  self->current_staff = g_object_ref (current_staff);
  self->permission = permission;
  fill_approvers (self);

  return GTK_WIDGET (self);
}

/* Goes to @staff_id's PIN pad, as tapping their tile does; %FALSE when
 * they may not approve this. */
gboolean
duka_override_dialog_choose_approver (DukaOverrideDialog *self,
                                      const char         *staff_id)
{
  g_return_val_if_fail (DUKA_IS_OVERRIDE_DIALOG (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->people_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_strcmp0 (gtk_widget_get_name (tile), staff_id) == 0)
        {
          g_signal_emit_by_name (tile, "clicked");
          return TRUE;
        }
    }

  return FALSE;
}

guint
duka_override_dialog_get_n_approvers (DukaOverrideDialog *self)
{
  g_return_val_if_fail (DUKA_IS_OVERRIDE_DIALOG (self), 0);

  return self->n_approvers;
}

gboolean
duka_override_dialog_get_busy (DukaOverrideDialog *self)
{
  g_return_val_if_fail (DUKA_IS_OVERRIDE_DIALOG (self), FALSE);

  return self->busy;
}
