/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Combos in the menu builder: the "Combos" entry under the categories
 * turns the middle list into the list of combos and the form into the
 * combo editor.  Combos are few (a menu has tens, not thousands), so the
 * list is a plain list box rebuilt when any changes.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "duka-menu-view-private.h"
#include "duka-money.h"
#include "duka-text.h"

static const char *
row_combo_id (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "combo-id") : NULL;
}

static GtkWidget *
create_combo_row (DukaMenuView *self,
                  JsonObject   *combo)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (json_object_get_string_member_with_default (combo, "name", ""));
  GtkWidget *details = gtk_label_new (NULL);
  JsonArray *slots = json_object_get_array_member (combo, "slots");
  guint n_parts = slots ? json_array_get_length (slots) : 0;
  g_autofree char *price = NULL;
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;

  if (self->currency != NULL)
    price = duka_money_format (json_object_get_int_member_with_default (combo, "price", 0),
                               self->currency);
  /* Translators: under a combo's name: its price and how many parts it has */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u part", "%s · %u parts", n_parts),
                          price ? price : "", n_parts);
  if (!json_object_get_boolean_member_with_default (combo, "active", TRUE))
    {
      g_autofree char *off = g_strdup_printf (_("%s · Not on the menu"), text);

      g_free (text);
      text = g_steal_pointer (&off);
    }

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_text (GTK_LABEL (details), text);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  folded = duka_text_fold (json_object_get_string_member_with_default (combo, "name", ""));
  g_object_set_data_full (G_OBJECT (row), "combo-id",
                          g_strdup (json_object_get_string_member (combo, "id")), g_free);
  g_object_set_data_full (G_OBJECT (row), "search-key", g_steal_pointer (&folded), g_free);

  return row;
}

static gboolean
combo_matches (DukaMenuView  *self,
               GtkListBoxRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;

  if (*text == '\0')
    return TRUE;
  folded = duka_text_fold (text);
  return strstr (g_object_get_data (G_OBJECT (row), "search-key"), folded) != NULL;
}

static gboolean
filter_combo_row (GtkListBoxRow *row,
                  gpointer       user_data)
{
  return combo_matches (user_data, row);
}

guint
duka_menu_view_count_shown_combos (DukaMenuView *self)
{
  GtkListBoxRow *row;
  guint n = 0;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->combos_list, i)) != NULL; i++)
    if (combo_matches (self, row))
      n++;

  return n;
}

void
duka_menu_view_filter_combos (DukaMenuView *self)
{
  if (gtk_list_box_get_row_at_index (self->combos_list, 0) == NULL)
    return;

  gtk_list_box_set_filter_func (self->combos_list, filter_combo_row, self, NULL);
  gtk_list_box_invalidate_filter (self->combos_list);
}

void
duka_menu_view_rebuild_combos (DukaMenuView *self)
{
  g_autoptr(GPtrArray) combos = NULL;
  g_autoptr(GError) error = NULL;
  const char *keep = duka_combo_editor_get_combo_id (self->combo_editor);
  GtkListBoxRow *row;

  combos = duka_catalog_list (self->catalog, "combo", &error);
  if (combos == NULL)
    {
      duka_menu_view_show_toast (self, error->message);
      return;
    }

  self->rebuilding_combos = TRUE;
  while ((row = gtk_list_box_get_row_at_index (self->combos_list, 0)) != NULL)
    gtk_list_box_remove (self->combos_list, GTK_WIDGET (row));

  for (guint i = 0; i < combos->len; i++)
    {
      GtkWidget *combo_row = create_combo_row (self, g_ptr_array_index (combos, i));

      gtk_list_box_append (self->combos_list, combo_row);
      if (keep != NULL && g_strcmp0 (row_combo_id (GTK_LIST_BOX_ROW (combo_row)), keep) == 0 &&
          g_strcmp0 (self->combo_page, "combo") == 0)
        gtk_list_box_select_row (self->combos_list, GTK_LIST_BOX_ROW (combo_row));
    }
  duka_menu_view_filter_combos (self);
  self->rebuilding_combos = FALSE;

  duka_menu_view_update_empty_state (self);
}

static void
combos_changed_cb (DukaMenuView *self)
{
  duka_menu_view_rebuild_combos (self);
}

void
duka_menu_view_show_combo_editor (DukaMenuView *self,
                                  const char   *combo_id)
{
  g_autoptr(GError) error = NULL;

  if (!duka_combo_editor_load (self->combo_editor, combo_id, NULL, &error))
    {
      duka_menu_view_show_toast (self, error->message);
      self->combo_page = "no-combo";
    }
  else
    self->combo_page = "combo";

  gtk_stack_set_visible_child_name (self->editor_stack, self->combo_page);
  duka_menu_view_update_actions (self);
}

void
duka_menu_view_combo_selected_cb (DukaMenuView  *self,
                                  GtkListBoxRow *row)
{
  const char *id = row_combo_id (row);

  if (self->rebuilding_combos || id == NULL)
    return;
  if (g_strcmp0 (id, duka_combo_editor_get_combo_id (self->combo_editor)) == 0 &&
      g_strcmp0 (self->combo_page, "combo") == 0)
    return;

  if (g_strcmp0 (self->combo_page, "combo") == 0 &&
      duka_combo_editor_get_dirty (self->combo_editor))
    duka_menu_view_ask_to_discard (self, id, TRUE);
  else
    duka_menu_view_show_combo_editor (self, id);
}

void
duka_menu_view_set_showing_combos (DukaMenuView *self,
                                   gboolean      showing)
{
  if (self->showing_combos == showing)
    return;

  self->showing_combos = showing;
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_button),
                                  showing ? "menu.new-combo" : "menu.new-item");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button),
                               showing ? _("New Combo") : _("New Item"));
  g_object_set (self->search_entry, "placeholder-text",
                showing ? _("Search combos") : _("Search items"), NULL);

  if (showing)
    {
      self->item_page = g_intern_string (gtk_stack_get_visible_child_name (self->editor_stack));
      duka_menu_view_rebuild_combos (self);
    }
  gtk_stack_set_visible_child_name (self->editor_stack,
                                    showing ? self->combo_page : self->item_page);
  duka_menu_view_update_empty_state (self);
  duka_menu_view_update_actions (self);
}

void
duka_menu_view_show_combos (DukaMenuView *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (DUKA_IS_MENU_VIEW (self));

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->categories_list, i)) != NULL; i++)
    if (g_object_get_data (G_OBJECT (row), "combos") != NULL)
      gtk_list_box_select_row (self->categories_list, row);
}

gboolean
duka_menu_view_get_showing_combos (DukaMenuView *self)
{
  g_return_val_if_fail (DUKA_IS_MENU_VIEW (self), FALSE);

  return self->showing_combos;
}

/**
 * duka_menu_view_select_combo:
 *
 * Opens the combo in the form, from the combos list.
 *
 * Returns: whether the list shows that combo
 */
gboolean
duka_menu_view_select_combo (DukaMenuView *self,
                             const char   *combo_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (DUKA_IS_MENU_VIEW (self), FALSE);

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->combos_list, i)) != NULL; i++)
    if (g_strcmp0 (row_combo_id (row), combo_id) == 0)
      {
        gtk_list_box_select_row (self->combos_list, row);
        return TRUE;
      }

  return FALSE;
}

guint
duka_menu_view_get_n_combos (DukaMenuView *self)
{
  g_return_val_if_fail (DUKA_IS_MENU_VIEW (self), 0);

  return duka_menu_view_count_shown_combos (self);
}

/* Called once the view has its catalog. */
void
duka_menu_view_setup_combos (DukaMenuView *self)
{
  self->item_page = "none";
  self->combo_page = "no-combo";
  duka_combo_editor_setup (self->combo_editor, self->catalog, self->business_settings,
                           self->currency, self->thumbnails);
  g_signal_connect_object (duka_catalog_get_store (self->catalog), "changed::combo",
                           G_CALLBACK (combos_changed_cb), self, G_CONNECT_SWAPPED);
}
