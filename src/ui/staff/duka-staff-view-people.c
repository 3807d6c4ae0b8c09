/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The people list (search as you type, inactive people on request) and
 * the person editor: details, roles, outlets, PIN.  Core decides what is
 * allowed; its reason is shown beside the field it is about.
 */
#include <glib/gi18n.h>

#include "duka-form.h"
#include "duka-menu-fields.h"
#include "duka-money.h"
#include "duka-permissions.h"
#include "duka-staff-view-private.h"

static const char *
string_member (JsonObject *object,
               const char *name)
{
  return object ? json_object_get_string_member_with_default (object, name, NULL) : NULL;
}

/* Never NULL, for the form's entries. */
static const char *
text_member (JsonObject *object,
             const char *name)
{
  const char *text = string_member (object, name);

  return text ? text : "";
}

static gboolean
is_live (JsonObject *record)
{
  return !json_object_get_boolean_member_with_default (record, "deleted", FALSE);
}

static JsonObject *
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    if (g_strcmp0 (string_member (g_ptr_array_index (records, i), "id"), id) == 0)
      return g_ptr_array_index (records, i);
  return NULL;
}

static gboolean
array_has (JsonObject *record,
           const char *member,
           const char *id)
{
  JsonArray *array;

  if (record == NULL || !json_object_has_member (record, member) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (record, member)))
    return FALSE;
  array = json_object_get_array_member (record, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), id) == 0)
      return TRUE;
  return FALSE;
}

/* The role names of @person, for the list's subtitles. */
static char *
role_names (DukaStaffView *self,
            JsonObject    *person)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->roles->len; i++)
    {
      JsonObject *role = g_ptr_array_index (self->roles, i);

      if (is_live (role) && array_has (person, "role_ids", string_member (role, "id")))
        {
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, string_member (role, "name"));
        }
    }
  if (names->len == 0)
    g_string_append (names, _("No role"));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;

  return g_utf8_collate (string_member (x, "name") ? string_member (x, "name") : "",
                         string_member (y, "name") ? string_member (y, "name") : "");
}

/* The list ------------------------------------------------------------------ */

static gboolean
filter_person (GtkListBoxRow *row,
               gpointer       user_data)
{
  DukaStaffView *self = user_data;
  JsonObject *person = find_record (self->people, gtk_widget_get_name (GTK_WIDGET (row)));
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->people_search));
  g_autofree char *folded_query = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *joined = NULL;

  if (person == NULL)
    return FALSE;
  if (!json_object_get_boolean_member_with_default (person, "active", TRUE) &&
      !gtk_check_button_get_active (self->show_inactive_check) &&
      g_strcmp0 (self->person_id, string_member (person, "id")) != 0)
    return FALSE;
  if (query == NULL || *query == '\0')
    return TRUE;

  folded_query = g_utf8_casefold (query, -1);
  joined = g_strjoin (" ", text_member (person, "name"), text_member (person, "display_name"),
                      text_member (person, "contact"), NULL);
  haystack = g_utf8_casefold (joined, -1);
  return strstr (haystack, folded_query) != NULL;
}

static GtkWidget *
create_person_row (DukaStaffView *self,
                   JsonObject    *person)
{
  g_autofree char *subtitle = role_names (self, person);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (string_member (person, "name"));
  GtkWidget *sub;

  if (!json_object_get_boolean_member_with_default (person, "active", TRUE))
    {
      /* Translators: a person's roles, then that they are inactive */
      g_autofree char *with_state = g_strdup_printf (_("%s · inactive"), subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_state);
      gtk_widget_add_css_class (title, "dim-label");
    }
  sub = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, string_member (person, "id"));
  return row;
}

static void
rebuild_list (DukaStaffView *self)
{
  GtkListBoxRow *selected = NULL;

  self->loading_person = TRUE;
  duka_staff_view_clear_box (GTK_WIDGET (self->people_list));
  for (guint i = 0; i < self->people->len; i++)
    {
      JsonObject *person = g_ptr_array_index (self->people, i);
      GtkWidget *row;

      if (!is_live (person))
        continue;
      row = create_person_row (self, person);
      gtk_list_box_append (self->people_list, row);
      if (g_strcmp0 (self->person_id, string_member (person, "id")) == 0)
        selected = GTK_LIST_BOX_ROW (row);
    }
  gtk_list_box_select_row (self->people_list, selected);
  self->loading_person = FALSE;
}

void
duka_staff_view_people_search_changed (DukaStaffView *self)
{
  gtk_list_box_invalidate_filter (self->people_list);
}

/* The editor: roles and outlets ----------------------------------------------- */

static void
clear_extra_rows (DukaStaffView *self)
{
  for (guint i = 0; i < self->extra_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->extra_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->extra_rows, 0);
  g_ptr_array_set_size (self->role_checks, 0);
  g_ptr_array_set_size (self->outlet_checks, 0);
}

static GtkWidget *
add_check_row (DukaStaffView       *self,
               AdwPreferencesGroup *group,
               GPtrArray           *checks,
               const char          *id,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_name (check, id);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (duka_staff_view_person_field_changed),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->extra_rows, row);
  g_ptr_array_add (checks, check);
  return check;
}

static void
build_choice_rows (DukaStaffView *self)
{
  clear_extra_rows (self);

  for (guint i = 0; i < self->roles->len; i++)
    {
      JsonObject *role = g_ptr_array_index (self->roles, i);

      if (is_live (role))
        add_check_row (self, self->roles_group, self->role_checks, string_member (role, "id"),
                       string_member (role, "name"),
                       g_strcmp0 (string_member (role, "built_in"), "owner") == 0
                         ? _("May do everything, also manage staff") : NULL);
    }
  for (guint i = 0; i + 1 < self->outlets->len; i += 2)
    add_check_row (self, self->outlets_group, self->outlet_checks,
                   g_ptr_array_index (self->outlets, i), g_ptr_array_index (self->outlets, i + 1), NULL);
}

/* Fields ------------------------------------------------------------------- */

static void
clear_reasons (DukaStaffView *self)
{
  g_hash_table_remove_all (self->person_errors);
  duka_form_show_reason (GTK_WIDGET (self->name_row), self->name_reason, NULL, NULL);
  duka_form_show_reason (GTK_WIDGET (self->display_name_row), self->display_name_reason, NULL, NULL);
  duka_form_show_reason (GTK_WIDGET (self->contact_row), self->contact_reason, NULL, NULL);
  duka_form_show_reason (GTK_WIDGET (self->rate_row), self->rate_reason, NULL, NULL);
  duka_form_show_reason (GTK_WIDGET (self->active_row), self->active_reason, NULL, NULL);
  duka_form_show_reason (GTK_WIDGET (self->roles_group), self->roles_reason, NULL, NULL);
}

static void
fill_editor (DukaStaffView *self,
             JsonObject    *person)
{
  g_autofree char *rate = NULL;

  self->loading_person = TRUE;
  build_choice_rows (self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), text_member (person, "name"));
  gtk_editable_set_text (GTK_EDITABLE (self->display_name_row), text_member (person, "display_name"));
  gtk_editable_set_text (GTK_EDITABLE (self->contact_row), text_member (person, "contact"));
  if (person != NULL && json_object_has_member (person, "hourly_rate") &&
      !json_object_get_null_member (person, "hourly_rate") && self->currency != NULL)
    rate = duka_menu_price_to_text (json_object_get_int_member (person, "hourly_rate"), self->currency);
  gtk_editable_set_text (GTK_EDITABLE (self->rate_row), rate ? rate : "");
  gtk_switch_set_active (self->active_switch,
                         person ? json_object_get_boolean_member_with_default (person, "active", TRUE) : TRUE);
  for (guint i = 0; i < self->role_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->role_checks, i);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   array_has (person, "role_ids", gtk_widget_get_name (check)));
    }
  for (guint i = 0; i < self->outlet_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->outlet_checks, i);

      /* A new person works here, at this till's outlet. */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   person ? array_has (person, "outlet_ids", gtk_widget_get_name (check))
                                          : g_strcmp0 (gtk_widget_get_name (check), self->outlet_id) == 0);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin_again_row), "");
  duka_form_show_reason (GTK_WIDGET (self->pin_row), self->pin_reason, NULL, NULL);
  duka_form_show_reason (GTK_WIDGET (self->pin_again_row), self->pin_again_reason, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->pin_group), person != NULL);
  clear_reasons (self);
  self->loading_person = FALSE;
  self->person_dirty = FALSE;
}

void
duka_staff_view_person_field_changed (DukaStaffView *self)
{
  if (self->loading_person)
    return;
  self->person_dirty = TRUE;
  duka_staff_view_update_actions (self);
}

static void
open_person (DukaStaffView *self,
             const char    *staff_id)
{
  /* @staff_id may be self->person_id itself. */
  char *id = g_strdup (staff_id);

  g_free (self->person_id);
  self->person_id = id;
  self->editing = TRUE;
  fill_editor (self, id ? find_record (self->people, id) : NULL);
  gtk_stack_set_visible_child_name (self->person_stack, "editor");
  duka_staff_view_update_actions (self);
}

void
duka_staff_view_person_row_selected (DukaStaffView *self,
                                     GtkListBoxRow *row)
{
  if (self->loading_person || row == NULL)
    return;
  if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), self->person_id) == 0 && self->editing)
    return;
  open_person (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

void
duka_staff_view_select_person (DukaStaffView *self,
                               const char    *staff_id)
{
  open_person (self, staff_id);
  rebuild_list (self);
}

void
duka_staff_view_new_person (DukaStaffView *self)
{
  adw_view_stack_set_visible_child_name (self->stack, "people");
  self->loading_person = TRUE;
  gtk_list_box_unselect_all (self->people_list);
  self->loading_person = FALSE;
  open_person (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

void
duka_staff_view_revert_person (DukaStaffView *self)
{
  open_person (self, self->person_id);
}

/* Saving ------------------------------------------------------------------- */

static void
set_reason (DukaStaffView *self,
            const char    *field,
            const char    *reason)
{
  struct { const char *field; GtkWidget *row; GtkLabel *label; } fields[] = {
    { "name", GTK_WIDGET (self->name_row), self->name_reason },
    { "display_name", GTK_WIDGET (self->display_name_row), self->display_name_reason },
    { "contact", GTK_WIDGET (self->contact_row), self->contact_reason },
    { "hourly_rate", GTK_WIDGET (self->rate_row), self->rate_reason },
    { "active", GTK_WIDGET (self->active_row), self->active_reason },
    { "role_ids", GTK_WIDGET (self->roles_group), self->roles_reason },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].field, field))
      duka_form_set_field_reason (self->person_errors, field, fields[i].row, fields[i].label, reason);
}

static JsonArray *
checked_ids (GPtrArray  *checks,
             JsonObject *current,
             const char *member,
             GPtrArray  *known)
{
  JsonArray *ids = json_array_new ();

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      json_array_add_string_element (ids, gtk_widget_get_name (g_ptr_array_index (checks, i)));

  /* Outlets this till does not show are kept as they were. */
  if (known != NULL && current != NULL && json_object_has_member (current, member))
    {
      JsonArray *old = json_object_get_array_member (current, member);

      for (guint i = 0; i < json_array_get_length (old); i++)
        {
          const char *id = json_array_get_string_element (old, i);
          gboolean shown = FALSE;

          for (guint k = 0; k < known->len; k += 2)
            shown |= g_strcmp0 (g_ptr_array_index (known, k), id) == 0;
          if (!shown)
            json_array_add_string_element (ids, id);
        }
    }
  return ids;
}

static void
set_optional_text (JsonObject *record,
                   const char *member,
                   const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (*trimmed == '\0')
    json_object_set_null_member (record, member);
  else
    json_object_set_string_member (record, member, trimmed);
}

/* Core refuses a blank name in words ("A person needs a name"); only an
 * empty string would meet the registry's terser length check first. */
const char *
duka_staff_view_name_for_core (const char *text)
{
  return text != NULL && *text != '\0' ? text : " ";
}

/* Which field core's refusal is about, so the reason goes beside it. */
static const char *
field_of_refusal (const GError *error,
                  JsonObject   *record)
{
  static const char * const members[] = { "display_name", "contact", "name", "hourly_rate", "role_ids" };
  g_autofree char *owner = NULL;

  if (g_error_matches (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_LAST_OWNER))
    return json_object_get_boolean_member_with_default (record, "active", TRUE) ? "role_ids" : "active";
  if (!g_error_matches (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_INVALID))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", members[i]);

      if (strstr (error->message, quoted) != NULL)
        return members[i];
    }
  /* Core's words for a role chosen here and removed meanwhile. */
  if (g_str_equal (error->message, _("One of the chosen roles no longer exists")))
    return "role_ids";
  if (strstr (error->message, "“outlet_ids”") != NULL ||
      g_str_equal (error->message, _("One of the chosen outlets no longer exists")))
    return NULL;
  return "name";
}

void
duka_staff_view_save_person (DukaStaffView *self)
{
  JsonObject *current = self->person_id ? find_record (self->people, self->person_id) : NULL;
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *id = NULL;
  JsonArray *roles;
  gboolean empty;
  gint64 rate = 0;
  const char *field;

  clear_reasons (self);
  if (self->person_id != NULL)
    json_object_set_string_member (record, "id", self->person_id);
  json_object_set_string_member (record, "name", duka_staff_view_name_for_core (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  set_optional_text (record, "display_name", gtk_editable_get_text (GTK_EDITABLE (self->display_name_row)));
  set_optional_text (record, "contact", gtk_editable_get_text (GTK_EDITABLE (self->contact_row)));
  if (!duka_menu_parse_price (gtk_editable_get_text (GTK_EDITABLE (self->rate_row)), self->currency,
                              DUKA_PRICE_OPTIONAL, &empty, &rate, &reason))
    {
      set_reason (self, "hourly_rate", reason);
      return;
    }
  if (empty)
    json_object_set_null_member (record, "hourly_rate");
  else
    json_object_set_int_member (record, "hourly_rate", rate);
  json_object_set_boolean_member (record, "active", gtk_switch_get_active (self->active_switch));
  roles = checked_ids (self->role_checks, current, "role_ids", NULL);
  if (json_array_get_length (roles) == 0)
    {
      json_array_unref (roles);
      set_reason (self, "role_ids", _("Choose at least one role"));
      return;
    }
  json_object_set_array_member (record, "role_ids", roles);
  json_object_set_array_member (record, "outlet_ids",
                                checked_ids (self->outlet_checks, current, "outlet_ids", self->outlets));

  actor = duka_staff_view_dup_actor (self);
  if (!duka_staff_save (self->staff, actor, "staff", record, &id, &error))
    {
      field = field_of_refusal (error, record);
      if (field != NULL)
        set_reason (self, field, error->message);
      else
        duka_staff_view_show_toast (self, error->message);
      return;
    }

  duka_staff_view_reload_people (self);
  duka_staff_view_select_person (self, id);
  duka_staff_view_show_toast (self, _("Saved"));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DukaStaffView    *self)
{
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove") || self->person_id == NULL)
    return;
  actor = duka_staff_view_dup_actor (self);
  if (!duka_staff_delete (self->staff, actor, "staff", self->person_id, &error))
    {
      if (g_error_matches (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_LAST_OWNER))
        set_reason (self, "role_ids", error->message);
      else
        duka_staff_view_show_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->person_id, g_free);
  self->editing = FALSE;
  gtk_stack_set_visible_child_name (self->person_stack, "none");
  duka_staff_view_reload_people (self);
  duka_staff_view_show_toast (self, _("Person removed"));
}

void
duka_staff_view_delete_person (DukaStaffView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  JsonObject *person = find_record (self->people, self->person_id);
  AdwMessageDialog *dialog;

  if (person == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove This Person?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s will no longer be able to sign in. Their past sales, "
                                    "time entries and audit entries stay."),
                                  string_member (person, "name"));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* PIN ------------------------------------------------------------------------ */

void
duka_staff_view_set_pin (DukaStaffView *self)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->pin_again_row));
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  duka_form_show_reason (GTK_WIDGET (self->pin_row), self->pin_reason, NULL, NULL);
  duka_form_show_reason (GTK_WIDGET (self->pin_again_row), self->pin_again_reason, NULL, NULL);
  if (self->person_id == NULL)
    return;
  if (g_strcmp0 (pin, again) != 0)
    {
      duka_form_show_reason (GTK_WIDGET (self->pin_again_row), self->pin_again_reason,
                             _("The two PINs are not the same"), NULL);
      return;
    }

  actor = duka_staff_view_dup_actor (self);
  if (!duka_staff_set_pin (self->staff, actor, self->person_id, pin, &error))
    {
      if (error->domain == DUKA_STAFF_ERROR)
        duka_form_show_reason (GTK_WIDGET (self->pin_row), self->pin_reason, error->message, NULL);
      else
        duka_staff_view_show_toast (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin_again_row), "");
  duka_staff_view_show_toast (self, _("PIN set"));
}

/* Loading --------------------------------------------------------------------- */

void
duka_staff_view_reload_people (DukaStaffView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaProfile) profile = duka_business_settings_load (self->business_settings, NULL);
  GPtrArray *people = duka_staff_list (self->staff, "staff", &error);
  GPtrArray *roles = people ? duka_staff_list (self->staff, "role", &error) : NULL;

  if (roles == NULL)
    {
      g_clear_pointer (&people, g_ptr_array_unref);
      duka_staff_view_show_toast (self, error->message);
      return;
    }
  g_ptr_array_sort (people, compare_by_name);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  self->people = people;
  self->roles = roles;

  g_ptr_array_set_size (self->outlets, 0);
  if (profile != NULL && profile->outlet_id != NULL)
    {
      g_ptr_array_add (self->outlets, g_strdup (profile->outlet_id));
      g_ptr_array_add (self->outlets, g_strdup (profile->outlet_name));
    }

  rebuild_list (self);
  /* A person removed elsewhere leaves the editor; one changed elsewhere
   * shows the new values unless there are edits of ours to keep. */
  if (self->editing && self->person_id != NULL && find_record (self->people, self->person_id) == NULL)
    {
      g_clear_pointer (&self->person_id, g_free);
      self->editing = FALSE;
      gtk_stack_set_visible_child_name (self->person_stack, "none");
    }
  else if (self->editing && !self->person_dirty)
    fill_editor (self, self->person_id ? find_record (self->people, self->person_id) : NULL);
  duka_staff_view_update_actions (self);
}

void
duka_staff_view_setup_people (DukaStaffView *self)
{
  self->extra_rows = g_ptr_array_new ();
  self->role_checks = g_ptr_array_new ();
  self->outlet_checks = g_ptr_array_new ();
  self->outlets = g_ptr_array_new_with_free_func (g_free);

  self->name_reason = duka_form_add_reason_label (GTK_WIDGET (self->name_row));
  self->display_name_reason = duka_form_add_reason_label (GTK_WIDGET (self->display_name_row));
  self->contact_reason = duka_form_add_reason_label (GTK_WIDGET (self->contact_row));
  self->rate_reason = duka_form_add_reason_label (GTK_WIDGET (self->rate_row));
  self->active_reason = duka_form_add_reason_label (GTK_WIDGET (self->active_row));
  self->pin_reason = duka_form_add_reason_label (GTK_WIDGET (self->pin_row));
  self->pin_again_reason = duka_form_add_reason_label (GTK_WIDGET (self->pin_again_row));
  self->roles_reason = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->roles_reason, TRUE);
  gtk_label_set_xalign (self->roles_reason, 1);
  gtk_label_set_max_width_chars (self->roles_reason, 36);
  gtk_widget_add_css_class (GTK_WIDGET (self->roles_reason), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->roles_reason), FALSE);
  adw_preferences_group_set_header_suffix (self->roles_group, GTK_WIDGET (self->roles_reason));

  gtk_list_box_set_filter_func (self->people_list, filter_person, self, NULL);
}
