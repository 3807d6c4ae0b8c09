/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Roles as a permission matrix: a row per permission, a column per role.
 * Ticking a box saves that role at once through core, which refuses what
 * the signed-in person may not do; the matrix then shows what core kept.
 */
#include <glib/gi18n.h>

#include "duka-money.h"
#include "duka-permissions.h"
#include "duka-staff-view-private.h"

#define ROLE_COLUMN_WIDTH 96

static JsonObject *
find_role (DukaStaffView *self,
           const char    *id)
{
  for (guint i = 0; self->roles != NULL && i < self->roles->len; i++)
    {
      JsonObject *role = g_ptr_array_index (self->roles, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (role, "id", NULL), id) == 0)
        return role;
    }
  return NULL;
}

static gboolean
role_grants (JsonObject *role,
             const char *name)
{
  JsonArray *permissions;

  if (g_strcmp0 (json_object_get_string_member_with_default (role, "built_in", NULL), "owner") == 0)
    return TRUE;
  if (!json_object_has_member (role, "permissions") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (role, "permissions")))
    return FALSE;
  permissions = json_object_get_array_member (role, "permissions");
  for (guint i = 0; i < json_array_get_length (permissions); i++)
    {
      JsonObject *item = json_array_get_object_element (permissions, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "name", NULL), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Saves @changes (with the role's id) and shows core's refusal. */
static gboolean
save_role (DukaStaffView  *self,
           JsonObject     *changes,
           char          **out_id,
           GError        **error)
{
  g_autoptr(DukaActor) actor = duka_staff_view_dup_actor (self);

  if (!duka_staff_save (self->staff, actor, "role", changes, out_id, error))
    return FALSE;
  duka_staff_view_reload_people (self);
  duka_staff_view_rebuild_matrix (self);
  return TRUE;
}

static void
permission_toggled_cb (GtkCheckButton *check,
                       DukaStaffView  *self)
{
  const char *role_id = gtk_widget_get_name (GTK_WIDGET (check));
  const char *name = g_object_get_data (G_OBJECT (check), "permission");
  JsonObject *role = find_role (self, role_id);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *permissions = json_array_new ();
  gboolean grant = gtk_check_button_get_active (check);

  if (self->rebuilding_matrix || role == NULL)
    {
      json_array_unref (permissions);
      return;
    }

  /* Names this Duka does not know (from a newer till) are kept. */
  if (json_object_has_member (role, "permissions") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (role, "permissions")))
    {
      JsonArray *old = json_object_get_array_member (role, "permissions");

      for (guint i = 0; i < json_array_get_length (old); i++)
        {
          JsonObject *item = json_array_get_object_element (old, i);

          if (g_strcmp0 (json_object_get_string_member_with_default (item, "name", NULL), name) != 0)
            json_array_add_element (permissions, json_node_copy (json_array_get_element (old, i)));
        }
    }
  if (grant)
    {
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "name", name);
      json_array_add_object_element (permissions, item);
    }
  json_object_set_string_member (changes, "id", role_id);
  json_object_set_array_member (changes, "permissions", permissions);

  if (!save_role (self, changes, NULL, &error))
    {
      duka_staff_view_show_toast (self, error->message);
      duka_staff_view_rebuild_matrix (self);
    }
}

static void
discount_activated_cb (GtkEntry      *entry,
                       DukaStaffView *self)
{
  const char *role_id = gtk_widget_get_name (GTK_WIDGET (entry));
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gint64 ppm = 0;

  g_strstrip (text);
  if (g_str_has_suffix (text, "%"))
    text[strlen (text) - 1] = '\0';
  g_strstrip (text);
  if (*text != '\0' && !duka_rate_parse_percent (text, FALSE, &ppm, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      duka_staff_view_show_toast (self, error->message);
      return;
    }
  json_object_set_string_member (changes, "id", role_id);
  json_object_set_int_member (changes, "discount_limit", ppm);
  if (!save_role (self, changes, NULL, &error))
    {
      duka_staff_view_show_toast (self, error->message);
      duka_staff_view_rebuild_matrix (self);
    }
}

static gboolean
discount_focus_out (GtkEventControllerFocus *controller,
                    DukaStaffView           *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  JsonObject *role = find_role (self, gtk_widget_get_name (entry));
  g_autofree char *shown = NULL;

  if (role == NULL)
    return FALSE;
  shown = duka_rate_format_percent (json_object_get_int_member_with_default (role, "discount_limit", 0),
                                    LC_GLOBAL_LOCALE);
  if (g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
    g_signal_emit_by_name (entry, "activate");
  return FALSE;
}

/* A role's popover: rename, or delete a custom role. -------------------------- */

static void
rename_role_cb (GtkWidget     *button,
                DukaStaffView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (button, GTK_TYPE_POPOVER);
  GtkEntry *entry = g_object_get_data (G_OBJECT (popover), "entry");
  GtkLabel *reason = g_object_get_data (G_OBJECT (popover), "reason");
  const char *role_id = g_object_get_data (G_OBJECT (popover), "role-id");
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (role_id != NULL)
    json_object_set_string_member (changes, "id", role_id);
  else
    json_object_set_array_member (changes, "permissions", json_array_new ());
  json_object_set_string_member (changes, "name", duka_staff_view_name_for_core (gtk_editable_get_text (GTK_EDITABLE (entry))));

  /* Rebuilding the matrix destroys this popover; keep it alive meanwhile. */
  g_object_ref (popover);
  if (!save_role (self, changes, &id, &error))
    {
      gtk_label_set_text (reason, error->message);
      gtk_widget_set_visible (GTK_WIDGET (reason), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
    }
  else
    {
      gtk_popover_popdown (GTK_POPOVER (popover));
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      gtk_widget_set_visible (GTK_WIDGET (reason), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      duka_staff_view_show_toast (self, role_id ? _("Role renamed") : _("Role added"));
    }
  g_object_unref (popover);
}

static void
delete_role_cb (GtkWidget     *button,
                DukaStaffView *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (button, GTK_TYPE_POPOVER);
  g_autofree char *role_id = g_strdup (g_object_get_data (G_OBJECT (popover), "role-id"));
  g_autoptr(DukaActor) actor = duka_staff_view_dup_actor (self);
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (GTK_POPOVER (popover));
  if (!duka_staff_delete (self->staff, actor, "role", role_id, &error))
    {
      duka_staff_view_show_toast (self, error->message);
      return;
    }
  duka_staff_view_reload_people (self);
  duka_staff_view_rebuild_matrix (self);
  duka_staff_view_show_toast (self, _("Role removed"));
}

/* A popover with a name field, its reason below it, and the buttons. */
static GtkWidget *
create_role_popover (DukaStaffView *self,
                     JsonObject    *role)
{
  const char *id = role ? json_object_get_string_member_with_default (role, "id", NULL) : NULL;
  gboolean custom = role != NULL && json_object_get_string_member_with_default (role, "built_in", NULL) == NULL;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Role _name"));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *reason = gtk_label_new (NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save = gtk_button_new_with_mnemonic (role ? _("_Rename") : _("_Add Role"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_widget_add_css_class (label, "heading");
  if (role != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry),
                           json_object_get_string_member_with_default (role, "name", ""));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (reason), 30);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "error");
  gtk_widget_set_visible (reason, FALSE);
  gtk_widget_set_name (entry, "role-name");
  gtk_widget_set_name (reason, "role-name-reason");
  gtk_widget_set_name (save, "role-save");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_hexpand (save, TRUE);
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  g_signal_connect_object (save, "clicked", G_CALLBACK (rename_role_cb), self, 0);

  if (custom)
    {
      GtkWidget *remove = gtk_button_new_with_mnemonic (_("R_emove Role"));

      gtk_widget_add_css_class (remove, "destructive-action");
      gtk_widget_set_sensitive (remove, duka_staff_view_may (self, DUKA_PERMISSION_MANAGE_STAFF));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (delete_role_cb), self, 0);
      gtk_box_append (GTK_BOX (buttons), remove);
    }
  gtk_box_append (GTK_BOX (buttons), save);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), save);

  g_object_set_data_full (G_OBJECT (popover), "role-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (popover), "entry", entry);
  g_object_set_data (G_OBJECT (popover), "reason", reason);
  return popover;
}

/* The matrix ------------------------------------------------------------------ */

static GtkWidget *
create_role_header (DukaStaffView *self,
                    JsonObject    *role)
{
  const char *name = json_object_get_string_member_with_default (role, "name", "");
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *label = gtk_label_new (name);
  g_autofree char *tooltip = g_strdup_printf (_("Rename “%s”"), name);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 10);
  gtk_widget_add_css_class (label, "heading");
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), create_role_popover (self, role));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_size_request (button, ROLE_COLUMN_WIDTH, -1);
  gtk_widget_set_sensitive (button, duka_staff_view_may (self, DUKA_PERMISSION_MANAGE_STAFF));
  gtk_widget_set_name (button, json_object_get_string_member_with_default (role, "id", ""));
  return button;
}

static void
attach_row_label (GtkGrid    *grid,
                  const char *text,
                  int         row,
                  gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_widget_set_hexpand (label, TRUE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, 0, row, 1, 1);
}

static GtkWidget *
create_permission_check (DukaStaffView  *self,
                         JsonObject     *role,
                         DukaPermission  permission)
{
  const char *name = duka_permission_get_name (permission);
  gboolean owner = g_strcmp0 (json_object_get_string_member_with_default (role, "built_in", NULL), "owner") == 0;
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *accessible = g_strdup_printf ("%s: %s",
                                                 json_object_get_string_member_with_default (role, "name", ""),
                                                 duka_permission_get_label (permission));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), role_grants (role, name));
  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_name (check, json_object_get_string_member_with_default (role, "id", ""));
  g_object_set_data (G_OBJECT (check), "permission", (gpointer) name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (owner)
    {
      gtk_widget_set_sensitive (check, FALSE);
      gtk_widget_set_tooltip_text (check, _("The owner may do everything"));
    }
  else
    gtk_widget_set_sensitive (check, duka_staff_view_may (self, DUKA_PERMISSION_MANAGE_STAFF));
  g_signal_connect_object (check, "toggled", G_CALLBACK (permission_toggled_cb), self, 0);
  return check;
}

static GtkWidget *
create_discount_entry (DukaStaffView *self,
                       JsonObject    *role)
{
  g_autofree char *text = duka_rate_format_percent (json_object_get_int_member_with_default (role, "discount_limit", 0),
                                                    LC_GLOBAL_LOCALE);
  g_autofree char *accessible = g_strdup_printf (_("Largest discount for %s"),
                                                 json_object_get_string_member_with_default (role, "name", ""));
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 6);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 7);
  gtk_widget_set_halign (entry, GTK_ALIGN_CENTER);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1);
  gtk_widget_set_size_request (entry, ROLE_COLUMN_WIDTH, -1);
  gtk_widget_set_name (entry, json_object_get_string_member_with_default (role, "id", ""));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_sensitive (entry, duka_staff_view_may (self, DUKA_PERMISSION_MANAGE_STAFF) &&
                                   g_strcmp0 (json_object_get_string_member_with_default (role, "built_in", NULL),
                                              "owner") != 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (discount_activated_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (discount_focus_out), self, 0);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

void
duka_staff_view_rebuild_matrix (DukaStaffView *self)
{
  GtkGrid *grid = self->matrix;
  int column = 1;

  if (self->roles == NULL)
    return;

  self->rebuilding_matrix = TRUE;
  duka_staff_view_clear_box (GTK_WIDGET (grid));
  attach_row_label (grid, _("Largest discount"), 1, FALSE);
  for (guint p = 0; p < DUKA_PERMISSION_N_PERMISSIONS; p++)
    attach_row_label (grid, duka_permission_get_label (p), (int) p + 2, FALSE);

  for (guint i = 0; i < self->roles->len; i++)
    {
      JsonObject *role = g_ptr_array_index (self->roles, i);

      if (json_object_get_boolean_member_with_default (role, "deleted", FALSE))
        continue;
      gtk_grid_attach (grid, create_role_header (self, role), column, 0, 1, 1);
      gtk_grid_attach (grid, create_discount_entry (self, role), column, 1, 1, 1);
      for (guint p = 0; p < DUKA_PERMISSION_N_PERMISSIONS; p++)
        gtk_grid_attach (grid, create_permission_check (self, role, p), column, (int) p + 2, 1, 1);
      column++;
    }
  self->rebuilding_matrix = FALSE;
}

void
duka_staff_view_setup_roles (DukaStaffView *self)
{
  gtk_menu_button_set_popover (self->new_role_button, create_role_popover (self, NULL));
}
