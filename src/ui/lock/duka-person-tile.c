/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A big button with a person's initials and name, to tap on a shared
 * till.  The lock screen and the manager-override dialog both use it.
 */
#include "duka-person-tile.h"

/* The tile's widget name is the person's id, so "who was tapped" needs no
 * side table. */
GtkWidget *
duka_person_tile_new (const DukaSignInPerson *person,
                      int                     avatar_size)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (person->name);

  gtk_box_append (GTK_BOX (box), adw_avatar_new (avatar_size, person->name, TRUE));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_add_css_class (label, avatar_size >= 80 ? "title-3" : "heading");
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "duka-person-tile");
  gtk_widget_set_name (button, person->staff_id);
  gtk_widget_set_tooltip_text (button, person->name);

  return button;
}

/* Replaces @box's tiles with one per person in @people; @clicked is a
 * GtkButton::clicked handler, connected swapped to @user_data. */
void
duka_person_tiles_fill (GtkFlowBox *box,
                        GPtrArray  *people,
                        int         avatar_size,
                        GCallback   clicked,
                        gpointer    user_data)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);

  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      GtkWidget *tile = duka_person_tile_new (g_ptr_array_index (people, i), avatar_size);

      g_signal_connect_object (tile, "clicked", clicked, user_data, G_CONNECT_SWAPPED);
      /* The flow box's own child takes focus, so arrow keys move between
       * tiles and Enter activates one (see duka_person_tiles_activated). */
      gtk_widget_set_focusable (tile, FALSE);
      gtk_flow_box_append (box, tile);
    }
}

/* A GtkFlowBox::child-activated handler: the keyboard presses the tile. */
void
duka_person_tiles_activated (GtkFlowBox      *box,
                             GtkFlowBoxChild *child)
{
  g_signal_emit_by_name (gtk_flow_box_child_get_child (child), "clicked");
}

/* Through the flow box, so that arrow keys move on from the first tile. */
void
duka_person_tiles_focus_first (GtkFlowBox *box)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (box));

  if (root == NULL || gtk_flow_box_get_child_at_index (box, 0) == NULL)
    return;
  /* Moving forward from nothing lands on the first tile. */
  gtk_root_set_focus (root, NULL);
  gtk_widget_child_focus (GTK_WIDGET (box), GTK_DIR_TAB_FORWARD);
}
