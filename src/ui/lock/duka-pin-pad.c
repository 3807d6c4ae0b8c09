/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Digits for a PIN, by touch or keyboard: the keys are big buttons, and
 * typing digits, Backspace and Enter works wherever focus is in the pad.
 * It shows one dot per digit and never the digits themselves.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "duka-pin-pad.h"

#define PIN_MAX_DIGITS 8

struct _DukaPinPad
{
  AdwBin     parent_instance;

  GString   *pin;
  gboolean   busy;

  GtkLabel  *dots_label;
  GtkLabel  *message_label;
  GtkGrid   *keys_grid;
};

G_DEFINE_FINAL_TYPE (DukaPinPad, duka_pin_pad, ADW_TYPE_BIN)

enum {
  SUBMIT,
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_dots (DukaPinPad *self)
{
  GString *dots = g_string_new (NULL);

  for (gsize i = 0; i < self->pin->len; i++)
    g_string_append (dots, i == 0 ? "●" : " ●");

  if (self->pin->len == 0)
    {
      gtk_label_set_text (self->dots_label, _("Enter your PIN"));
      gtk_widget_add_css_class (GTK_WIDGET (self->dots_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->dots_label, dots->str);
      gtk_widget_remove_css_class (GTK_WIDGET (self->dots_label), "dim-label");
    }
  g_string_free (dots, TRUE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.backspace", !self->busy && self->pin->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.submit", !self->busy && self->pin->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.digit",
                                 !self->busy && self->pin->len < PIN_MAX_DIGITS);
}

static void
add_digit (DukaPinPad *self,
           char        digit)
{
  if (self->busy || self->pin->len >= PIN_MAX_DIGITS)
    return;

  g_string_append_c (self->pin, digit);
  duka_pin_pad_set_message (self, NULL);
  update_dots (self);
}

static void
remove_digit (DukaPinPad *self)
{
  if (self->busy || self->pin->len == 0)
    return;

  self->pin->str[self->pin->len - 1] = '\0';
  g_string_truncate (self->pin, self->pin->len - 1);
  update_dots (self);
}

static void
submit (DukaPinPad *self)
{
  if (self->busy || self->pin->len == 0)
    return;

  g_signal_emit (self, signals[SUBMIT], 0);
}

static void
digit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  const char *digit = g_variant_get_string (param, NULL);

  if (g_ascii_isdigit (digit[0]) && digit[1] == '\0')
    add_digit (DUKA_PIN_PAD (widget), digit[0]);
}

static void
backspace_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  remove_digit (DUKA_PIN_PAD (widget));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  submit (DUKA_PIN_PAD (widget));
}

static gboolean
key_pressed_cb (DukaPinPad      *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    add_digit (self, (char) ('0' + keyval - GDK_KEY_0));
  else if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    add_digit (self, (char) ('0' + keyval - GDK_KEY_KP_0));
  else if (keyval == GDK_KEY_BackSpace)
    remove_digit (self);
  else if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    submit (self);
  else if (keyval == GDK_KEY_Escape)
    g_signal_emit (self, signals[CANCEL], 0);
  else
    return GDK_EVENT_PROPAGATE;

  return GDK_EVENT_STOP;
}

/* The keys are not in the focus chain: typing is quicker than tabbing,
 * and Enter must submit, not press the key that has focus. */
static GtkWidget *
add_key (DukaPinPad *self,
         const char *label,
         const char *icon_name,
         const char *tooltip,
         const char *action,
         const char *digit,
         int         column,
         int         row)
{
  GtkWidget *button = gtk_button_new ();

  if (icon_name != NULL)
    {
      gtk_button_set_icon_name (GTK_BUTTON (button), icon_name);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
  else
    gtk_button_set_label (GTK_BUTTON (button), label);

  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_size_request (button, 72, 72);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "duka-pin-key");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (digit != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", digit);
  gtk_widget_set_name (button, digit ? digit : action);
  gtk_grid_attach (self->keys_grid, button, column, row, 1, 1);

  return button;
}

static void
duka_pin_pad_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DUKA_TYPE_PIN_PAD);

  G_OBJECT_CLASS (duka_pin_pad_parent_class)->dispose (object);
}

static void
duka_pin_pad_finalize (GObject *object)
{
  DukaPinPad *self = (DukaPinPad *) object;

  memset (self->pin->str, 0, self->pin->allocated_len);
  g_string_free (self->pin, TRUE);

  G_OBJECT_CLASS (duka_pin_pad_parent_class)->finalize (object);
}

static void
duka_pin_pad_class_init (DukaPinPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = duka_pin_pad_dispose;
  object_class->finalize = duka_pin_pad_finalize;

  /* Emitted when the person presses Enter or the Enter key. */
  signals[SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Emitted on Escape: the person wants to go back. */
  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/duka-pin-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaPinPad, dots_label);
  gtk_widget_class_bind_template_child (widget_class, DukaPinPad, message_label);
  gtk_widget_class_bind_template_child (widget_class, DukaPinPad, keys_grid);

  gtk_widget_class_install_action (widget_class, "pin.digit", "s", digit_action);
  gtk_widget_class_install_action (widget_class, "pin.backspace", NULL, backspace_action);
  gtk_widget_class_install_action (widget_class, "pin.submit", NULL, submit_action);
}

static void
duka_pin_pad_init (DukaPinPad *self)
{
  GtkEventController *keys;
  GtkWidget *enter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pin = g_string_sized_new (PIN_MAX_DIGITS + 1);

  for (int i = 1; i <= 9; i++)
    {
      char digit[2] = { (char) ('0' + i), '\0' };

      add_key (self, digit, NULL, NULL, "pin.digit", digit, (i - 1) % 3, (i - 1) / 3);
    }
  add_key (self, NULL, "edit-clear-symbolic", _("Delete Last Digit"), "pin.backspace", NULL, 0, 3);
  add_key (self, "0", NULL, NULL, "pin.digit", "0", 1, 3);
  enter = add_key (self, NULL, "go-next-symbolic", _("Enter"), "pin.submit", NULL, 2, 3);
  gtk_widget_add_css_class (enter, "suggested-action");

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  update_dots (self);
}

GtkWidget *
duka_pin_pad_new (void)
{
  return g_object_new (DUKA_TYPE_PIN_PAD, NULL);
}

/* The digits typed so far. */
const char *
duka_pin_pad_get_pin (DukaPinPad *self)
{
  g_return_val_if_fail (DUKA_IS_PIN_PAD (self), NULL);

  return self->pin->str;
}

void
duka_pin_pad_clear (DukaPinPad *self)
{
  g_return_if_fail (DUKA_IS_PIN_PAD (self));

  memset (self->pin->str, 0, self->pin->len);
  g_string_truncate (self->pin, 0);
  update_dots (self);
}

/* A line under the dots, such as why the PIN was refused; %NULL hides it. */
void
duka_pin_pad_set_message (DukaPinPad *self,
                          const char *message)
{
  g_return_if_fail (DUKA_IS_PIN_PAD (self));

  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* While a PIN is being checked, keys do nothing. */
void
duka_pin_pad_set_busy (DukaPinPad *self,
                       gboolean    busy)
{
  g_return_if_fail (DUKA_IS_PIN_PAD (self));

  self->busy = busy;
  update_dots (self);
}
