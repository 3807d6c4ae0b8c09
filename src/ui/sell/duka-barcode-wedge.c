/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A barcode scanner in keyboard-wedge mode types its digits fast and ends
 * with Enter.  The wedge listens in the capture phase of a whole view, so a
 * scan is caught wherever the focus is, and reads the hardware keycode, not
 * the key symbol: a scanner sends the keys of a US top row, which an AZERTY
 * or QWERTZ layout turns into “&é"'(” or shifted symbols.  Digits are held
 * back while they might be a scan; when the burst turns out to be a person
 * typing, they are handed to the focused entry as if nothing happened.
 */
#include "duka-barcode-wedge.h"

/* A scanner sends a key every few milliseconds, 30 ms apart at most; a
 * busy X server can stretch that, so allow 50.  Nobody types six digits
 * and Enter with every gap under 50 ms. */
#define MAX_GAP_MS      50
#define MIN_SCAN_LENGTH 6
#define MAX_SCAN_LENGTH 48

struct _DukaBarcodeWedge
{
  GObject             parent_instance;

  GtkWidget          *widget;     /* unowned: the wedge lives as long as it */
  GtkWidget          *target;     /* where the controller is, or NULL */
  GtkEventController *controller;
  GString            *digits;     /* held back, not yet a scan */
  GString            *typed;      /* what the keys would have typed */
  guint32             last_time;
  guint               flush_id;
};

G_DEFINE_FINAL_TYPE (DukaBarcodeWedge, duka_barcode_wedge, G_TYPE_OBJECT)

enum {
  SCANNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* X11 keycodes (evdev + 8), the same under Wayland's GDK: the top row
 * 1 … 9 0 and the keypad, whatever the layout says they mean. */
int
duka_barcode_wedge_digit_for_keycode (guint keycode)
{
  static const struct { guint keycode; int digit; } table[] = {
    { 10, 1 }, { 11, 2 }, { 12, 3 }, { 13, 4 }, { 14, 5 },
    { 15, 6 }, { 16, 7 }, { 17, 8 }, { 18, 9 }, { 19, 0 },
    { 79, 7 }, { 80, 8 }, { 81, 9 },
    { 83, 4 }, { 84, 5 }, { 85, 6 },
    { 87, 1 }, { 88, 2 }, { 89, 3 }, { 90, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (table[i].keycode == keycode)
      return table[i].digit;

  return -1;
}

static gboolean
is_enter_keycode (guint keycode)
{
  return keycode == 36 || keycode == 104;
}

/* Gives the held keys back to whoever has the focus: a person typed them. */
static void
flush_to_focus (DukaBarcodeWedge *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_clear_handle_id (&self->flush_id, g_source_remove);

  if (self->typed->len > 0 && self->widget != NULL &&
      (root = gtk_widget_get_root (self->widget)) != NULL &&
      (focus = gtk_root_get_focus (root)) != NULL)
    {
      GtkWidget *editable = focus;

      /* The focus of an entry is its inner text widget. */
      while (editable != NULL && !GTK_IS_EDITABLE (editable))
        editable = gtk_widget_get_parent (editable);
      if (editable != NULL && gtk_editable_get_editable (GTK_EDITABLE (editable)))
        {
          int position;

          gtk_editable_delete_selection (GTK_EDITABLE (editable));
          position = gtk_editable_get_position (GTK_EDITABLE (editable));
          gtk_editable_insert_text (GTK_EDITABLE (editable), self->typed->str,
                                    (int) self->typed->len, &position);
          gtk_editable_set_position (GTK_EDITABLE (editable), position);
        }
    }

  g_string_truncate (self->digits, 0);
  g_string_truncate (self->typed, 0);
}

static gboolean
flush_timeout_cb (gpointer data)
{
  DukaBarcodeWedge *self = data;

  self->flush_id = 0;
  flush_to_focus (self);
  return G_SOURCE_REMOVE;
}

static gboolean
key_pressed_cb (DukaBarcodeWedge      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  guint32 time = event ? gdk_event_get_time (event) : 0;
  gboolean in_burst = self->digits->len > 0 && time - self->last_time <= MAX_GAP_MS;
  int digit;

  /* Shift and friends come with the digits of a non-US layout. */
  if (event == NULL || gdk_key_event_is_modifier (event) ||
      self->widget == NULL || !gtk_widget_get_mapped (self->widget))
    return FALSE;

  if (self->digits->len > 0 && !in_burst)
    flush_to_focus (self);

  if (is_enter_keycode (keycode) && self->digits->len > 0)
    {
      if (self->digits->len >= MIN_SCAN_LENGTH)
        {
          g_autofree char *code = g_strdup (self->digits->str);

          g_clear_handle_id (&self->flush_id, g_source_remove);
          g_string_truncate (self->digits, 0);
          g_string_truncate (self->typed, 0);
          g_signal_emit (self, signals[SCANNED], 0, code);
          return TRUE;
        }
      flush_to_focus (self);
      return FALSE;
    }

  digit = duka_barcode_wedge_digit_for_keycode (keycode);
  if (digit < 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 ||
      self->digits->len >= MAX_SCAN_LENGTH)
    {
      flush_to_focus (self);
      return FALSE;
    }

  g_string_append_c (self->digits, (char) ('0' + digit));
  {
    gunichar c = gdk_keyval_to_unicode (keyval);

    if (c != 0)
      g_string_append_unichar (self->typed, c);
  }
  self->last_time = time;

  /* Low priority, so keys already queued are read before deciding that
   * the burst is over. */
  g_clear_handle_id (&self->flush_id, g_source_remove);
  self->flush_id = g_timeout_add_full (G_PRIORITY_LOW, MAX_GAP_MS * 2,
                                       flush_timeout_cb, self, NULL);
  return TRUE;
}

static void
widget_finalized_cb (gpointer  data,
                     GObject  *where_the_widget_was)
{
  DukaBarcodeWedge *self = data;

  self->widget = NULL;
  if ((GObject *) self->target == where_the_widget_was)
    self->target = NULL;
  g_clear_handle_id (&self->flush_id, g_source_remove);
}

/**
 * duka_barcode_wedge_listen_on:
 * @target: (nullable): the widget whose keys to watch, usually the window
 *   the view is in, so a scan is caught wherever the focus is
 */
void
duka_barcode_wedge_listen_on (DukaBarcodeWedge *self,
                              GtkWidget        *target)
{
  g_return_if_fail (DUKA_IS_BARCODE_WEDGE (self));

  if (self->target == target)
    return;
  /* The wedge keeps its own reference; each widget holds another. */
  if (self->target != NULL)
    gtk_widget_remove_controller (self->target, self->controller);
  self->target = target;
  if (target != NULL)
    gtk_widget_add_controller (target, g_object_ref (self->controller));
}

static void
duka_barcode_wedge_finalize (GObject *object)
{
  DukaBarcodeWedge *self = (DukaBarcodeWedge *) object;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->widget != NULL)
    g_object_weak_unref (G_OBJECT (self->widget), widget_finalized_cb, self);
  duka_barcode_wedge_listen_on (self, NULL);
  g_clear_object (&self->controller);
  g_string_free (self->digits, TRUE);
  g_string_free (self->typed, TRUE);

  G_OBJECT_CLASS (duka_barcode_wedge_parent_class)->finalize (object);
}

static void
duka_barcode_wedge_class_init (DukaBarcodeWedgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = duka_barcode_wedge_finalize;

  /**
   * DukaBarcodeWedge::scanned:
   * @code: the digits the scanner sent
   */
  signals[SCANNED] = g_signal_new ("scanned", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
duka_barcode_wedge_init (DukaBarcodeWedge *self)
{
  self->digits = g_string_new (NULL);
  self->typed = g_string_new (NULL);
}

/* Listens to every key that reaches @widget or its children. */
DukaBarcodeWedge *
duka_barcode_wedge_new (GtkWidget *widget)
{
  DukaBarcodeWedge *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  self = g_object_new (DUKA_TYPE_BARCODE_WEDGE, NULL);
  self->widget = widget;
  g_object_weak_ref (G_OBJECT (widget), widget_finalized_cb, self);
  self->controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->controller, "key-pressed",
                           G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  duka_barcode_wedge_listen_on (self, widget);

  return self;
}
