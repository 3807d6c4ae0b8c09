/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit trail, newest first, filtered by person, action and dates.
 * Entries are read a page at a time as the list scrolls, so a long trail
 * costs only what is looked at.
 */
#include <glib/gi18n.h>

#include "duka-audit-log.h"
#include "duka-permissions.h"
#include "duka-staff-view-private.h"

#define AUDIT_PAGE_SIZE 50
#define VALUE_MAX_CHARS 80

static const struct {
  const char *action;
  const char *label;
} action_labels[] = {
  { "staff.create", N_("Person added") },
  { "staff.update", N_("Person changed") },
  { "staff.delete", N_("Person removed") },
  { "staff.pin-set", N_("PIN set") },
  { "staff.pin-lockout", N_("Locked out after wrong PINs") },
  { "role.create", N_("Role added") },
  { "role.update", N_("Role changed") },
  { "role.delete", N_("Role removed") },
  { "time_entry.correct", N_("Time entry corrected") },
  { "time_clock_settings.update", N_("Time clock settings changed") },
};

static const char *
action_label (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (g_strcmp0 (action_labels[i].action, action) == 0)
      return _(action_labels[i].label);
  return action;
}

/* The name of what an entry is about, when it is a person or a role. */
static const char *
subject_name (DukaStaffView *self,
              const char    *subject)
{
  GPtrArray *lists[] = { self->people, self->roles };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        JsonObject *record = g_ptr_array_index (lists[l], i);

        if (g_strcmp0 (json_object_get_string_member_with_default (record, "id", NULL), subject) == 0)
          return json_object_get_string_member_with_default (record, "name", NULL);
      }
  return NULL;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = text ? json_from_string (text, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static char *
value_text (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else
    text = json_to_string (node, FALSE);
  if (g_utf8_strlen (text, -1) > VALUE_MAX_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, VALUE_MAX_CHARS);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&text);
}

/* One child row per field that differs between @before and @after. */
static void
add_change_rows (AdwExpanderRow *row,
                 const char     *before_text,
                 const char     *after_text)
{
  static const char * const skipped[] = { "id", "version", "updated_at", "updated_by_device", NULL };
  g_autoptr(JsonObject) before = parse_object (before_text);
  g_autoptr(JsonObject) after = parse_object (after_text);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) members = NULL;
  guint n = 0;

  if (before != NULL)
    members = g_list_concat (members, json_object_get_members (before));
  if (after != NULL)
    members = g_list_concat (members, json_object_get_members (after));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *old = before ? json_object_get_member (before, name) : NULL;
      JsonNode *new = after ? json_object_get_member (after, name) : NULL;
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *child;

      if (g_strv_contains (skipped, name) || !g_hash_table_add (seen, (gpointer) name))
        continue;
      old_text = value_text (old);
      new_text = value_text (new);
      if (g_str_equal (old_text, new_text))
        continue;
      subtitle = before ? g_strdup_printf ("%s → %s", old_text, new_text) : g_strdup (new_text);
      child = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (child), subtitle);
      adw_expander_row_add_row (row, child);
      n++;
    }
  adw_expander_row_set_enable_expansion (row, n > 0);
}

static GtkWidget *
create_audit_row (DukaStaffView  *self,
                  DukaAuditEntry *entry)
{
  g_autofree char *when = duka_staff_view_format_time (self, entry->at, "%Y-%m-%d %H:%M");
  const char *about = subject_name (self, entry->subject);
  g_autofree char *title = about ? g_strdup_printf ("%s · %s", action_label (entry->action), about)
                                 : g_strdup (action_label (entry->action));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_expander_row_new ();

  if (entry->approver_id != NULL)
    /* Translators: when, who did it, who approved it */
    subtitle = g_strdup_printf (_("%s · by %s, approved by %s"), when,
                                duka_staff_view_person_name (self, entry->actor_id),
                                duka_staff_view_person_name (self, entry->approver_id));
  else
    /* Translators: when, who did it */
    subtitle = g_strdup_printf (_("%s · by %s"), when, duka_staff_view_person_name (self, entry->actor_id));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  add_change_rows (ADW_EXPANDER_ROW (row), entry->before, entry->after);
  return row;
}

static const char *
selected_in (GtkDropDown *dropdown,
             GPtrArray   *values)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* The first choice is "everyone" / "every action". */
  if (values == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > values->len)
    return NULL;
  return g_ptr_array_index (values, selected - 1);
}

static void
load_page (DukaStaffView *self,
           gint64         before_seq)
{
  DukaStore *store = duka_business_settings_get_store (self->business_settings);
  DukaAuditFilter filter = { 0 };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  filter.person_id = selected_in (self->audit_person_dropdown, self->audit_person_ids);
  filter.action = selected_in (self->audit_action_dropdown, self->audit_actions);
  filter.from = self->audit_from;
  filter.until = self->audit_until;
  entries = duka_audit_list (store, &filter, before_seq, AUDIT_PAGE_SIZE, &error);
  if (entries == NULL)
    {
      duka_staff_view_show_toast (self, error->message);
      self->audit_next_seq = 0;
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->audit_list, create_audit_row (self, g_ptr_array_index (entries, i)));
  self->audit_next_seq = entries->len == AUDIT_PAGE_SIZE
                         ? ((DukaAuditEntry *) g_ptr_array_index (entries, entries->len - 1))->seq
                         : 0;
}

void
duka_staff_view_reload_audit (DukaStaffView *self)
{
  gboolean allowed = duka_staff_view_may (self, DUKA_PERMISSION_SEE_AUDIT);

  duka_staff_view_clear_box (GTK_WIDGET (self->audit_list));
  self->audit_next_seq = 0;
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->audit_person_dropdown)), allowed);
  if (!allowed)
    {
      gtk_stack_set_visible_child_name (self->audit_stack, "denied");
      duka_staff_view_update_actions (self);
      return;
    }

  load_page (self, 0);
  gtk_stack_set_visible_child_name (self->audit_stack,
                                    gtk_widget_get_first_child (GTK_WIDGET (self->audit_list)) ? "list" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->audit_more_button), self->audit_next_seq > 0);
  duka_staff_view_update_actions (self);
}

void
duka_staff_view_load_more_audit (DukaStaffView *self)
{
  if (self->audit_next_seq <= 0)
    return;
  load_page (self, self->audit_next_seq);
  gtk_widget_set_visible (GTK_WIDGET (self->audit_more_button), self->audit_next_seq > 0);
  duka_staff_view_update_actions (self);
}

/* Filters --------------------------------------------------------------------- */

static void
set_choices (GtkDropDown *dropdown,
             const char  *all,
             GPtrArray   *labels,
             GPtrArray   *values,
             const char  *keep)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (model, all);
  for (guint i = 0; i < labels->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (labels, i));
      if (g_strcmp0 (keep, g_ptr_array_index (values, i)) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
}

static void update_date_buttons (DukaStaffView *self);

void
duka_staff_view_reload_audit_filters (DukaStaffView *self)
{
  DukaStore *store = duka_business_settings_get_store (self->business_settings);
  g_autofree char *person = g_strdup (selected_in (self->audit_person_dropdown, self->audit_person_ids));
  g_autofree char *action = g_strdup (selected_in (self->audit_action_dropdown, self->audit_actions));
  g_autoptr(GPtrArray) person_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) action_names = g_ptr_array_new ();
  GPtrArray *actions = duka_audit_list_actions (store, NULL);

  self->rebuilding_audit_filters = TRUE;
  g_clear_pointer (&self->audit_person_ids, g_ptr_array_unref);
  self->audit_person_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      JsonObject *record = g_ptr_array_index (self->people, i);

      g_ptr_array_add (self->audit_person_ids,
                       g_strdup (json_object_get_string_member_with_default (record, "id", NULL)));
      g_ptr_array_add (person_names, (gpointer) json_object_get_string_member_with_default (record, "name", ""));
    }
  set_choices (self->audit_person_dropdown, _("Everyone"), person_names, self->audit_person_ids, person);

  g_clear_pointer (&self->audit_actions, g_ptr_array_unref);
  self->audit_actions = actions ? actions : g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->audit_actions->len; i++)
    g_ptr_array_add (action_names, (gpointer) action_label (g_ptr_array_index (self->audit_actions, i)));
  set_choices (self->audit_action_dropdown, _("Every action"), action_names, self->audit_actions, action);
  update_date_buttons (self);
  self->rebuilding_audit_filters = FALSE;
}

static gint64
calendar_midnight (DukaStaffView *self,
                   GtkCalendar   *calendar,
                   int            add_days)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (calendar);
  g_autoptr(GTimeZone) tz = duka_staff_view_dup_zone (self);
  g_autoptr(GDateTime) local = g_date_time_new (tz, g_date_time_get_year (picked), g_date_time_get_month (picked),
                                                g_date_time_get_day_of_month (picked), 0, 0, 0);
  g_autoptr(GDateTime) moved = g_date_time_add_days (local, add_days);

  return g_date_time_to_unix (moved) * G_USEC_PER_SEC;
}

static void
update_date_buttons (DukaStaffView *self)
{
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  if (self->audit_from > 0)
    {
      g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->audit_from_calendar);
      g_autofree char *day = g_date_time_format (picked, "%Y-%m-%d");

      /* Translators: the first day of a date range */
      from = g_strdup_printf (_("From %s"), day);
    }
  if (self->audit_until > 0)
    {
      g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->audit_until_calendar);
      g_autofree char *day = g_date_time_format (picked, "%Y-%m-%d");

      /* Translators: the last day of a date range */
      until = g_strdup_printf (_("Until %s"), day);
    }
  gtk_menu_button_set_label (self->audit_from_button, from ? from : _("From Any Day"));
  gtk_menu_button_set_label (self->audit_until_button, until ? until : _("Until Today"));
}

void
duka_staff_view_audit_day_selected (DukaStaffView *self,
                                    gboolean       until)
{
  if (until)
    self->audit_until = calendar_midnight (self, self->audit_until_calendar, 1);
  else
    self->audit_from = calendar_midnight (self, self->audit_from_calendar, 0);
  update_date_buttons (self);
  duka_staff_view_reload_audit (self);
}

void
duka_staff_view_clear_audit_filters (DukaStaffView *self)
{
  self->rebuilding_audit_filters = TRUE;
  gtk_drop_down_set_selected (self->audit_person_dropdown, 0);
  gtk_drop_down_set_selected (self->audit_action_dropdown, 0);
  self->rebuilding_audit_filters = FALSE;
  self->audit_from = 0;
  self->audit_until = 0;
  update_date_buttons (self);
  duka_staff_view_reload_audit (self);
}
