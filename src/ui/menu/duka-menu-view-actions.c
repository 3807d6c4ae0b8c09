/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything a person can do in the menu builder.  Buttons, shortcuts and
 * tests all go through these actions; update_actions() alone decides
 * which of them make sense right now.
 */
#include <glib/gi18n.h>

#include "duka-category.h"
#include "duka-current-staff.h"
#include "duka-menu-view-private.h"
#include "duka-product-list.h"

static DukaActor *
dup_actor (DukaMenuView *self)
{
  return duka_current_staff_dup_actor_for_widget (GTK_WIDGET (self), self->business_settings);
}

/* A change to the menu by someone whose role cannot edit it waits for a
 * manager's approval, and is then made with the approving actor. */
typedef void (*MenuEditFunc) (DukaMenuView    *self,
                              const DukaActor *actor);

typedef struct
{
  DukaMenuView *self;
  MenuEditFunc  func;
} MenuEdit;

static void
edit_authorized_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MenuEdit *edit = user_data;
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  actor = duka_current_staff_authorize_finish (DUKA_CURRENT_STAFF (source), result, &error);
  if (actor != NULL)
    edit->func (edit->self, actor);
  else
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        duka_menu_view_show_toast (edit->self, error->message);
      /* An “On the Menu” switch that was flipped goes back. */
      duka_item_editor_refresh_saved (edit->self->editor);
    }

  g_object_unref (edit->self);
  g_free (edit);
}

static void
run_edit (DukaMenuView *self,
          MenuEditFunc  func)
{
  DukaCurrentStaff *staff = duka_current_staff_get_for_widget (GTK_WIDGET (self));
  MenuEdit *edit;

  if (staff == NULL || duka_current_staff_can (staff, DUKA_PERMISSION_EDIT_MENU))
    {
      g_autoptr(DukaActor) actor = dup_actor (self);

      func (self, actor);
      return;
    }

  edit = g_new0 (MenuEdit, 1);
  edit->self = g_object_ref (self);
  edit->func = func;
  duka_current_staff_authorize_async (staff, GTK_WIDGET (self), DUKA_PERMISSION_EDIT_MENU, NULL,
                                      edit_authorized_cb, edit);
}

/* The selected category's place among its siblings. */
static gboolean
find_sibling_position (DukaMenuView *self,
                       guint        *out_position,
                       guint        *out_n_siblings)
{
  GListModel *categories = duka_catalog_get_categories (self->catalog);
  g_autofree char *parent = NULL;
  gboolean found = FALSE;
  guint position = 0;
  guint n = 0;

  if (self->category_id == NULL || self->showing_combos)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(DukaCategory) c = g_list_model_get_item (categories, i);

      if (g_strcmp0 (duka_category_get_id (c), self->category_id) == 0)
        {
          parent = g_strdup (duka_category_get_parent_id (c));
          found = TRUE;
        }
    }
  if (!found)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(DukaCategory) c = g_list_model_get_item (categories, i);

      if (g_strcmp0 (duka_category_get_parent_id (c), parent) != 0)
        continue;
      if (g_strcmp0 (duka_category_get_id (c), self->category_id) == 0)
        position = n;
      n++;
    }

  *out_position = position;
  *out_n_siblings = n;
  return TRUE;
}

void
duka_menu_view_update_actions (DukaMenuView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean editing;
  gboolean editing_combo;
  gboolean has_item;
  gboolean dirty;
  gboolean valid;
  guint position = 0;
  guint n_siblings = 0;
  gboolean in_category;

  if (self->catalog == NULL)
    return;

  editing = g_strcmp0 (gtk_stack_get_visible_child_name (self->editor_stack), "editor") == 0;
  editing_combo = g_strcmp0 (gtk_stack_get_visible_child_name (self->editor_stack), "combo") == 0;
  has_item = editing && duka_item_editor_get_item_id (self->editor) != NULL;
  if (editing_combo)
    {
      dirty = duka_combo_editor_get_dirty (self->combo_editor);
      valid = duka_combo_editor_get_valid (self->combo_editor);
    }
  else
    {
      dirty = editing && duka_item_editor_get_dirty (self->editor);
      valid = duka_item_editor_get_valid (self->editor);
    }
  in_category = find_sibling_position (self, &position, &n_siblings);

  gtk_widget_action_set_enabled (widget, "menu.save", dirty && valid);
  gtk_widget_action_set_enabled (widget, "menu.revert", dirty);
  gtk_widget_action_set_enabled (widget, "menu.delete-item", has_item);
  gtk_widget_action_set_enabled (widget, "menu.delete-combo",
                                 editing_combo && duka_combo_editor_get_combo_id (self->combo_editor) != NULL);
  gtk_widget_action_set_enabled (widget, "menu.rename-category", in_category);
  gtk_widget_action_set_enabled (widget, "menu.delete-category", in_category);
  gtk_widget_action_set_enabled (widget, "menu.toggle-available", has_item);
  gtk_widget_action_set_enabled (widget, "menu.move-category-up", in_category && position > 0);
  gtk_widget_action_set_enabled (widget, "menu.move-category-down",
                                 in_category && position + 1 < n_siblings);
}

static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);

  if (self->catalog == NULL)
    return;

  if (self->showing_combos)
    gtk_list_box_select_row (self->categories_list, gtk_list_box_get_row_at_index (self->categories_list, 0));
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  duka_menu_view_show_editor (self, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  duka_item_editor_focus_name (self->editor);
}

static void
save_as (DukaMenuView    *self,
         const DukaActor *actor)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->editor_stack), "combo") == 0)
    {
      if (duka_combo_editor_save_as (self->combo_editor, actor))
        duka_menu_view_rebuild_combos (self);
    }
  else if (duka_item_editor_save_as (self->editor, actor))
    self->editing_new_item = FALSE;
  duka_menu_view_update_empty_state (self);
  duka_menu_view_update_actions (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  run_edit (DUKA_MENU_VIEW (widget), save_as);
}

static void
revert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->editor_stack), "combo") == 0)
    {
      /* Undoing a new combo is not making it. */
      if (duka_combo_editor_get_combo_id (self->combo_editor) == NULL)
        {
          self->combo_page = "no-combo";
          gtk_stack_set_visible_child_name (self->editor_stack, self->combo_page);
        }
      else
        duka_combo_editor_revert (self->combo_editor);
    }
  /* Undoing a new item is not making it. */
  else if (duka_item_editor_get_item_id (self->editor) == NULL)
    {
      self->editing_new_item = FALSE;
      gtk_stack_set_visible_child_name (self->editor_stack, "none");
      duka_menu_view_update_empty_state (self);
    }
  else
    duka_item_editor_revert (self->editor);

  duka_menu_view_update_actions (self);
}

static AdwMessageDialog *
new_confirm_dialog (DukaMenuView *self,
                    const char   *heading,
                    const char   *body,
                    const char   *response,
                    const char   *label,
                    AdwResponseAppearance appearance)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, appearance);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           appearance == ADW_RESPONSE_DESTRUCTIVE ? "cancel" : response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return ADW_MESSAGE_DIALOG (dialog);
}

/* Deletes @id from @table, or says in a toast why it could not. */
static gboolean
delete_record (DukaMenuView *self,
               const char   *table,
               const char   *id)
{
  g_autoptr(DukaActor) actor = dup_actor (self);
  g_autoptr(GError) error = NULL;

  if (duka_catalog_delete (self->catalog, actor, table, id, &error))
    return TRUE;

  duka_menu_view_show_toast (self, error->message);
  return FALSE;
}

static void
delete_response_cb (DukaMenuView *self,
                    const char   *response)
{
  const char *id = duka_item_editor_get_item_id (self->editor);

  if (g_strcmp0 (response, "delete") != 0 || id == NULL ||
      !delete_record (self, "product", id))
    return;

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->editor_stack, "none");
  duka_menu_view_show_toast (self, _("Item deleted"));
  duka_menu_view_update_actions (self);
}

static void
delete_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);
  AdwMessageDialog *dialog;

  dialog = new_confirm_dialog (self, _("Delete This Item?"),
                               _("It will no longer be sold on any till. Past sales "
                                 "keep it. To stop selling it for a while, turn off "
                                 "“On the Menu” instead."),
                               "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toggle_available_as (DukaMenuView    *self,
                     const DukaActor *actor)
{
  const char *id = duka_item_editor_get_item_id (self->editor);
  gboolean available = !duka_item_editor_get_available (self->editor);
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    return;

  if (!duka_catalog_set_available (self->catalog, actor, id, available, &error))
    duka_menu_view_show_toast (self, error->message);
  else
    duka_menu_view_show_toast (self, available ? _("Back on sale") : _("Marked as sold out"));

  /* Either way the switch shows what is stored, and typed edits stay. */
  duka_item_editor_refresh_saved (self->editor);
}

static void
toggle_available_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  run_edit (DUKA_MENU_VIEW (widget), toggle_available_as);
}

static void
move_category (DukaMenuView *self,
               int           delta)
{
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  guint position;
  guint n;

  if (!find_sibling_position (self, &position, &n) ||
      (delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;

  actor = dup_actor (self);
  if (!duka_catalog_move_category (self->catalog, actor, self->category_id,
                                   (guint) ((int) position + delta), &error))
    duka_menu_view_show_toast (self, error->message);
}

static void
move_category_up_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  move_category (DUKA_MENU_VIEW (widget), -1);
}

static void
move_category_down_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  move_category (DUKA_MENU_VIEW (widget), +1);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "builder");
  adw_leaflet_set_visible_child_name (self->leaflet, "items");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
navigate_back_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  adw_leaflet_navigate (DUKA_MENU_VIEW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* New category --------------------------------------------------------- */

static void
category_name_changed_cb (AdwMessageDialog *dialog,
                          GtkEditable      *entry)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  const char *response = g_object_get_data (G_OBJECT (dialog), "response-id");

  adw_message_dialog_set_response_enabled (dialog, response, *name != '\0');
}

/* A boxed list in @dialog with a Name entry holding @name, where
 * @response is on only while there is a name. */
static GtkListBox *
add_name_list (AdwMessageDialog  *dialog,
               const char        *response,
               const char        *name,
               GtkWidget        **out_entry)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Name"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (entry), TRUE);
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  adw_message_dialog_set_extra_child (dialog, list);

  g_object_set_data (G_OBJECT (dialog), "name-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "response-id", (gpointer) response);
  g_signal_connect_object (entry, "changed", G_CALLBACK (category_name_changed_cb), dialog,
                           G_CONNECT_SWAPPED);

  *out_entry = entry;
  return GTK_LIST_BOX (list);
}

static void
new_category_response_cb (DukaMenuView     *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "name-entry");
  GtkSwitch *inside = g_object_get_data (G_OBJECT (dialog), "inside-switch");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GListModel *categories = duka_catalog_get_categories (self->catalog);
  const char *parent = NULL;
  guint n_siblings = 0;

  if (g_strcmp0 (response, "add") != 0 || *name == '\0')
    return;

  if (inside != NULL && gtk_switch_get_active (inside))
    parent = g_object_get_data (G_OBJECT (dialog), "parent-id");

  /* A new category goes last among its siblings. */
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(DukaCategory) c = g_list_model_get_item (categories, i);

      if (g_strcmp0 (duka_category_get_parent_id (c), parent) == 0)
        n_siblings++;
    }

  record = json_object_new ();
  json_object_set_string_member (record, "name", name);
  if (parent != NULL)
    json_object_set_string_member (record, "parent_id", parent);
  json_object_set_int_member (record, "position", n_siblings);

  actor = dup_actor (self);
  if (!duka_catalog_save (self->catalog, actor, "category", record, &id, &error))
    {
      duka_menu_view_show_toast (self, error->message);
      return;
    }

  duka_menu_view_select_category (self, id);
}

static void
new_category_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);
  AdwMessageDialog *dialog;
  GtkListBox *list;
  GtkWidget *entry;

  if (self->catalog == NULL)
    return;

  dialog = new_confirm_dialog (self, _("New Category"), NULL,
                               "add", _("_Add"), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "add", FALSE);
  list = add_name_list (dialog, "add", NULL, &entry);

  /* Offer to nest it in the category being looked at. */
  if (self->category_id != NULL)
    {
      GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->categories_list);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *inside = gtk_switch_new ();
      GtkWidget *label = gtk_widget_get_last_child (gtk_list_box_row_get_child (selected));
      g_autofree char *title = g_strdup_printf (_("Inside “%s”"),
                                                gtk_label_get_text (GTK_LABEL (label)));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (inside, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), inside);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), inside);
      gtk_list_box_append (list, row);
      g_object_set_data (G_OBJECT (dialog), "inside-switch", inside);
      g_object_set_data_full (G_OBJECT (dialog), "parent-id",
                              g_strdup (self->category_id), g_free);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (new_category_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Combos ---------------------------------------------------------------- */

static void
show_combos_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "builder");
  duka_menu_view_show_combos (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "items");
}

static void
new_combo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);

  if (self->catalog == NULL)
    return;

  gtk_stack_set_visible_child_name (self->main_stack, "builder");
  duka_menu_view_show_combos (self);
  gtk_list_box_unselect_all (self->combos_list);
  duka_menu_view_show_combo_editor (self, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  duka_combo_editor_focus_name (self->combo_editor);
}

static void
delete_combo_response_cb (DukaMenuView *self,
                          const char   *response)
{
  const char *id = duka_combo_editor_get_combo_id (self->combo_editor);

  if (g_strcmp0 (response, "delete") != 0 || id == NULL ||
      !delete_record (self, "combo", id))
    return;

  self->combo_page = "no-combo";
  gtk_stack_set_visible_child_name (self->editor_stack, self->combo_page);
  duka_menu_view_rebuild_combos (self);
  duka_menu_view_show_toast (self, _("Combo deleted"));
  duka_menu_view_update_actions (self);
}

static void
delete_combo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);
  AdwMessageDialog *dialog;

  dialog = new_confirm_dialog (self, _("Delete This Combo?"),
                               _("It will no longer be sold on any till; its products "
                                 "stay on the menu. To stop selling it for a while, turn "
                                 "off “On the Menu” instead."),
                               "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_combo_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Renaming and deleting a category -------------------------------------- */

static void
rename_category_response_cb (DukaMenuView     *self,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "name-entry");
  const char *id = g_object_get_data (G_OBJECT (dialog), "category-id");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || *name == '\0')
    return;

  record = duka_catalog_get (self->catalog, "category", id, &error);
  if (record != NULL)
    {
      json_object_set_string_member (record, "name", name);
      actor = dup_actor (self);
      duka_catalog_save (self->catalog, actor, "category", record, NULL, &error);
    }
  if (error != NULL)
    duka_menu_view_show_toast (self, error->message);
}

static char *
selected_category_name (DukaMenuView *self)
{
  GListModel *categories = duka_catalog_get_categories (self->catalog);

  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(DukaCategory) c = g_list_model_get_item (categories, i);

      if (g_strcmp0 (duka_category_get_id (c), self->category_id) == 0)
        return g_strdup (duka_category_get_name (c));
    }

  return g_strdup ("");
}

static void
rename_category_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->category_id == NULL || self->showing_combos)
    return;

  name = selected_category_name (self);
  dialog = new_confirm_dialog (self, _("Rename Category"), NULL,
                               "rename", _("_Rename"), ADW_RESPONSE_SUGGESTED);
  add_name_list (dialog, "rename", name, &entry);
  g_object_set_data_full (G_OBJECT (dialog), "category-id", g_strdup (self->category_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_category_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Why the category cannot go yet, in plain words, or %NULL when it can.
 * What is in it is never moved or deleted along with it. */
static char *
category_in_use_reason (DukaMenuView *self,
                        const char   *id)
{
  g_autoptr(DukaProductList) items = duka_product_list_new (self->catalog);
  g_autoptr(GPtrArray) combos = duka_catalog_list (self->catalog, "combo", NULL);
  GListModel *categories = duka_catalog_get_categories (self->catalog);
  guint n_items, n_inner = 0, n_combos = 0;

  duka_product_list_set_category (items, id);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (items));
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(DukaCategory) c = g_list_model_get_item (categories, i);

      if (g_strcmp0 (duka_category_get_parent_id (c), id) == 0)
        n_inner++;
    }
  for (guint i = 0; combos != NULL && i < combos->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (combos, i),
                                                               "category_id", NULL), id) == 0)
      n_combos++;

  if (n_items > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "It still holds %u item. Move it to another category or delete it first.",
                                         "It still holds %u items. Move them to another category or delete them first.",
                                         n_items), n_items);
  if (n_inner > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "It still holds %u category. Move or delete it first.",
                                         "It still holds %u categories. Move or delete them first.",
                                         n_inner), n_inner);
  if (n_combos > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "It still holds %u combo. Move it to another category or delete it first.",
                                         "It still holds %u combos. Move them to another category or delete them first.",
                                         n_combos), n_combos);
  return NULL;
}

static void
delete_category_response_cb (DukaMenuView     *self,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "category-id");

  if (g_strcmp0 (response, "delete") != 0 || !delete_record (self, "category", id))
    return;

  duka_menu_view_select_category (self, NULL);
  duka_menu_view_show_toast (self, _("Category deleted"));
}

static void
delete_category_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  DukaMenuView *self = DUKA_MENU_VIEW (widget);
  g_autofree char *name = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->category_id == NULL || self->showing_combos)
    return;

  name = selected_category_name (self);
  reason = category_in_use_reason (self, self->category_id);
  if (reason != NULL)
    {
      heading = g_strdup_printf (_("“%s” Cannot Be Deleted Yet"), name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                           heading, reason));
      adw_message_dialog_add_response (dialog, "close", _("_OK"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  heading = g_strdup_printf (_("Delete “%s”?"), name);
  dialog = new_confirm_dialog (self, heading, _("The category is empty. Past sales keep its name."),
                               "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "category-id", g_strdup (self->category_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_category_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
duka_menu_view_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "menu.new-item", NULL, new_item_action);
  gtk_widget_class_install_action (widget_class, "menu.new-category", NULL, new_category_action);
  gtk_widget_class_install_action (widget_class, "menu.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "menu.revert", NULL, revert_action);
  gtk_widget_class_install_action (widget_class, "menu.delete-item", NULL, delete_item_action);
  gtk_widget_class_install_action (widget_class, "menu.toggle-available", NULL, toggle_available_action);
  gtk_widget_class_install_action (widget_class, "menu.move-category-up", NULL, move_category_up_action);
  gtk_widget_class_install_action (widget_class, "menu.move-category-down", NULL, move_category_down_action);
  gtk_widget_class_install_action (widget_class, "menu.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "menu.navigate-back", NULL, navigate_back_action);
  gtk_widget_class_install_action (widget_class, "menu.show-combos", NULL, show_combos_action);
  gtk_widget_class_install_action (widget_class, "menu.new-combo", NULL, new_combo_action);
  gtk_widget_class_install_action (widget_class, "menu.delete-combo", NULL, delete_combo_action);
  gtk_widget_class_install_action (widget_class, "menu.rename-category", NULL, rename_category_action);
  gtk_widget_class_install_action (widget_class, "menu.delete-category", NULL, delete_category_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "menu.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "menu.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "menu.new-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "menu.move-category-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "menu.move-category-down", NULL);
}
