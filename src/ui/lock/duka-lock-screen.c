/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lock screen: the people who work at this till as big name tiles,
 * then a PIN pad.  The PIN is checked off the main thread; what goes
 * wrong is said in core's plain words, which never tell whether someone
 * else uses the PIN that was typed.
 */
#include <glib/gi18n.h>

#include "duka-lock-screen.h"
#include "duka-person-tile.h"
#include "duka-pin-pad.h"

struct _DukaLockScreen
{
  AdwBin            parent_instance;

  DukaCurrentStaff *current_staff;
  GCancellable     *cancellable;
  char             *chosen_id;
  gboolean          busy;

  GtkStack         *stack;
  GtkLabel         *hint_label;
  GtkFlowBox       *people_box;
  AdwAvatar        *person_avatar;
  GtkLabel         *person_label;
  DukaPinPad       *pin_pad;
};

G_DEFINE_FINAL_TYPE (DukaLockScreen, duka_lock_screen, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CURRENT_STAFF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_person (DukaLockScreen *self,
             const char     *staff_id,
             const char     *name)
{
  g_free (self->chosen_id);
  self->chosen_id = g_strdup (staff_id);
  adw_avatar_set_text (self->person_avatar, name);
  gtk_label_set_text (self->person_label, name);
  duka_pin_pad_clear (self->pin_pad);
  duka_pin_pad_set_message (self->pin_pad, NULL);
  gtk_stack_set_visible_child_name (self->stack, "pin");
  gtk_widget_grab_focus (GTK_WIDGET (self->pin_pad));
}

static void
tile_clicked_cb (DukaLockScreen *self,
                 GtkButton      *tile)
{
  show_person (self, gtk_widget_get_name (GTK_WIDGET (tile)),
               gtk_widget_get_tooltip_text (GTK_WIDGET (tile)));
}

static void
back_cb (DukaLockScreen *self)
{
  if (self->busy)
    return;

  g_clear_pointer (&self->chosen_id, g_free);
  duka_pin_pad_clear (self->pin_pad);
  gtk_stack_set_visible_child_name (self->stack, "people");
  duka_person_tiles_focus_first (self->people_box);
}

static void
rebuild_people (DukaLockScreen *self)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;

  if (self->current_staff != NULL)
    people = duka_staff_list_sign_in (duka_current_staff_get_staff (self->current_staff), &error);
  if (error != NULL)
    g_warning ("Could not list who may sign in: %s", error->message);

  duka_person_tiles_fill (self->people_box, people, 96, G_CALLBACK (tile_clicked_cb), self);
}

/**
 * duka_lock_screen_reset:
 *
 * Back to the tiles, with the people as they are now and nothing typed.
 */
void
duka_lock_screen_reset (DukaLockScreen *self)
{
  g_return_if_fail (DUKA_IS_LOCK_SCREEN (self));

  rebuild_people (self);
  self->busy = FALSE;
  duka_pin_pad_set_busy (self->pin_pad, FALSE);
  back_cb (self);
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DukaLockScreen *self;
  g_autoptr(GError) error = NULL;

  if (!duka_current_staff_sign_in_finish (DUKA_CURRENT_STAFF (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = DUKA_LOCK_SCREEN (user_data);
  self->busy = FALSE;
  duka_pin_pad_set_busy (self->pin_pad, FALSE);
  duka_pin_pad_clear (self->pin_pad);
  if (error != NULL)
    {
      duka_pin_pad_set_message (self->pin_pad, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_pad));
      return;
    }

  /* The window hides the lock screen when the person changes. */
  g_clear_pointer (&self->chosen_id, g_free);
  gtk_stack_set_visible_child_name (self->stack, "people");
}

static void
pin_submit_cb (DukaLockScreen *self)
{
  if (self->busy || self->chosen_id == NULL || self->current_staff == NULL)
    return;

  self->busy = TRUE;
  duka_pin_pad_set_busy (self->pin_pad, TRUE);
  duka_pin_pad_set_message (self->pin_pad, NULL);
  duka_current_staff_sign_in_async (self->current_staff, self->chosen_id,
                                    duka_pin_pad_get_pin (self->pin_pad),
                                    self->cancellable, signed_in_cb, self);
}

static void
locked_changed_cb (DukaLockScreen *self)
{
  if (!self->busy)
    duka_lock_screen_reset (self);
}

static void
people_changed_cb (DukaLockScreen *self)
{
  if (!self->busy && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "people") == 0)
    rebuild_people (self);
}

void
duka_lock_screen_set_current_staff (DukaLockScreen   *self,
                                    DukaCurrentStaff *current_staff)
{
  g_return_if_fail (DUKA_IS_LOCK_SCREEN (self));

  if (!g_set_object (&self->current_staff, current_staff))
    return;

  if (current_staff != NULL)
    {
      g_signal_connect_object (current_staff, "notify::locked", G_CALLBACK (locked_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (current_staff, "people-changed", G_CALLBACK (people_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  duka_lock_screen_reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STAFF]);
}

static void
duka_lock_screen_dispose (GObject *object)
{
  DukaLockScreen *self = (DukaLockScreen *) object;

  g_cancellable_cancel (self->cancellable);
  /* The stack is both the bin's child and a template child: the bin lets
   * go of it first, so it is unparented once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_LOCK_SCREEN);
  g_clear_object (&self->current_staff);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (duka_lock_screen_parent_class)->dispose (object);
}

static void
duka_lock_screen_finalize (GObject *object)
{
  DukaLockScreen *self = (DukaLockScreen *) object;

  g_free (self->chosen_id);

  G_OBJECT_CLASS (duka_lock_screen_parent_class)->finalize (object);
}

static void
duka_lock_screen_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DukaLockScreen *self = DUKA_LOCK_SCREEN (object);

  switch (prop_id)
    {
    case PROP_CURRENT_STAFF:
      g_value_set_object (value, self->current_staff);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_lock_screen_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DukaLockScreen *self = DUKA_LOCK_SCREEN (object);

  switch (prop_id)
    {
    case PROP_CURRENT_STAFF:
      duka_lock_screen_set_current_staff (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_lock_screen_class_init (DukaLockScreenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_lock_screen_dispose;
  object_class->finalize = duka_lock_screen_finalize;
  object_class->get_property = duka_lock_screen_get_property;
  object_class->set_property = duka_lock_screen_set_property;

  properties[PROP_CURRENT_STAFF] =
    g_param_spec_object ("current-staff", NULL, NULL, DUKA_TYPE_CURRENT_STAFF,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DUKA_TYPE_PIN_PAD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/duka-lock-screen.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaLockScreen, stack);
  gtk_widget_class_bind_template_child (widget_class, DukaLockScreen, hint_label);
  gtk_widget_class_bind_template_child (widget_class, DukaLockScreen, people_box);
  gtk_widget_class_bind_template_child (widget_class, DukaLockScreen, person_avatar);
  gtk_widget_class_bind_template_child (widget_class, DukaLockScreen, person_label);
  gtk_widget_class_bind_template_child (widget_class, DukaLockScreen, pin_pad);
  gtk_widget_class_bind_template_callback (widget_class, pin_submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
}

static void
duka_lock_screen_init (DukaLockScreen *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self->people_box, "child-activated", G_CALLBACK (duka_person_tiles_activated), NULL);
  /* Focus given before the window shows does not move the tiles' cursor. */
  g_signal_connect (self, "map", G_CALLBACK (duka_lock_screen_focus), NULL);
}

GtkWidget *
duka_lock_screen_new (DukaCurrentStaff *current_staff)
{
  return g_object_new (DUKA_TYPE_LOCK_SCREEN, "current-staff", current_staff, NULL);
}

/* Goes to @staff_id's PIN pad, as tapping their tile does. */
gboolean
duka_lock_screen_choose_person (DukaLockScreen *self,
                                const char     *staff_id)
{
  GtkWidget *child;

  g_return_val_if_fail (DUKA_IS_LOCK_SCREEN (self), FALSE);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->people_box));
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

/* Keyboard users start on the first tile, or on the PIN pad. */
void
duka_lock_screen_focus (DukaLockScreen *self)
{
  g_return_if_fail (DUKA_IS_LOCK_SCREEN (self));

  if (self->chosen_id != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_pad));
  else
    duka_person_tiles_focus_first (self->people_box);
}

/* Whose PIN pad shows, or %NULL on the tiles. */
const char *
duka_lock_screen_get_chosen_id (DukaLockScreen *self)
{
  g_return_val_if_fail (DUKA_IS_LOCK_SCREEN (self), NULL);

  return self->chosen_id;
}

/* Whether a PIN is being checked. */
gboolean
duka_lock_screen_get_busy (DukaLockScreen *self)
{
  g_return_val_if_fail (DUKA_IS_LOCK_SCREEN (self), FALSE);

  return self->busy;
}
