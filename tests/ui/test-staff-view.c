/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "duka-audit-log.h"
#include "duka-demo.h"
#include "duka-permissions.h"
#include "duka-staff-view-private.h"
#include "duka-test-ui.h"
#include "duka-time-clock-entries.h"
#include "duka-window.h"

#define MINUTE_US G_GINT64_CONSTANT (60000000)

typedef struct
{
  DukaClock            *clock;
  DukaBusinessSettings *settings;
  DukaStaff            *staff;
  DukaWindow           *window;
  DukaStaffView        *view;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-staff-ui-XXXXXX", &error);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 2, 6, 0, 0);
  g_autoptr(DukaStore) store = NULL;

  g_assert_no_error (error);
  /* A Monday morning, moved by hand so work shifts have lengths. */
  f->clock = duka_clock_new_manual (g_date_time_to_unix (start) * G_USEC_PER_SEC);
  store = duka_store_open_full (dir, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (store, &error));
  g_assert_no_error (error);
  f->settings = duka_business_settings_new (store);

  /* What DukaApplication does at start. */
  f->staff = duka_staff_new (store);
  g_assert_true (duka_staff_ensure_built_in_roles (f->staff, &error));
  g_assert_no_error (error);
  duka_staff_install_resolver (f->staff);

  f->window = duka_window_new (NULL, f->settings);
  gtk_window_present (GTK_WINDOW (f->window));
  duka_test_wait_mapped (GTK_WIDGET (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "staff");
  duka_test_spin ();
  f->view = DUKA_STAFF_VIEW (duka_window_get_view (f->window, "staff"));
  g_assert_true (DUKA_IS_STAFF_VIEW (f->view));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  duka_test_destroy_window (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->staff);
  g_assert_finalize_object (f->settings);
  g_assert_finalize_object (f->clock);
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins until @check holds, or fails after two seconds. */
#define WAIT_UNTIL(check) \
  G_STMT_START { \
    gboolean _timeout = FALSE; \
    guint _id = g_timeout_add (2000, timed_out, &_timeout); \
    while (!(check) && !_timeout) \
      g_main_context_iteration (NULL, TRUE); \
    g_assert_true (check); \
    if (!_timeout) \
      g_source_remove (_id); \
  } G_STMT_END

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *target)
{
  gtk_widget_activate_action_variant (GTK_WIDGET (f->view), action, target);
  duka_test_spin ();
}

static void
type_into (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  duka_test_spin ();
}

static GtkCheckButton *
find_check (GPtrArray  *checks,
            const char *id)
{
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (checks, i)), id) == 0)
      return g_ptr_array_index (checks, i);
  g_assert_not_reached ();
}

static char *
add_person (Fixture    *f,
            const char *name,
            const char *role)
{
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(JsonArray) roles = json_array_new ();
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);
  g_autoptr(GError) error = NULL;
  g_autofree char *role_id = duka_staff_dup_built_in_role_id (f->staff, role);
  char *id = NULL;

  json_array_add_string_element (roles, role_id);
  json_object_set_string_member (person, "name", name);
  json_object_set_array_member (person, "role_ids", g_steal_pointer (&roles));
  json_object_set_int_member (person, "hourly_rate", 1000);
  g_assert_true (duka_staff_save (f->staff, actor, "staff", person, &id, &error));
  g_assert_no_error (error);
  duka_test_spin ();
  return id;
}

static JsonObject *
find_person (Fixture    *f,
             const char *name)
{
  g_autoptr(GPtrArray) people = duka_staff_list (f->staff, "staff", NULL);

  for (guint i = 0; people != NULL && i < people->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (people, i), "name", NULL),
                   name) == 0)
      return json_object_ref (g_ptr_array_index (people, i));
  return NULL;
}

static gboolean
list_shows (GtkWidget  *list,
            const char *id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), id) == 0 && gtk_widget_get_child_visible (row))
      return TRUE;
  return FALSE;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row);
  return n;
}

static void
pin_verified (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DukaActor **actor = user_data;
  g_autoptr(GError) error = NULL;

  *actor = duka_staff_verify_pin_finish (DUKA_STAFF (source), result, &error);
  g_assert_no_error (error);
}

static void
test_add_person_with_role_and_pin (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *cashier = duka_staff_dup_built_in_role_id (f->staff, "cashier");
  g_autoptr(JsonObject) person = NULL;
  g_autofree char *id = NULL;
  DukaActor *signed_in = NULL;

  activate (f, "staff.new-person", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->view->person_stack), ==, "editor");
  type_into (f->view->name_row, "Wanjiru Kamau");
  type_into (f->view->rate_row, "12.50");
  gtk_check_button_set_active (find_check (f->view->role_checks, cashier), TRUE);
  activate (f, "staff.save-person", NULL);

  person = find_person (f, "Wanjiru Kamau");
  g_assert_nonnull (person);
  id = g_strdup (json_object_get_string_member (person, "id"));
  g_assert_cmpint (json_object_get_int_member (person, "hourly_rate"), ==, 1250);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (person, "role_ids"), 0), ==, cashier);
  g_assert_true (list_shows (GTK_WIDGET (f->view->people_list), id));

  /* Searching as you type narrows the list. */
  type_into (f->view->people_search, "kam");
  g_assert_true (list_shows (GTK_WIDGET (f->view->people_list), id));
  type_into (f->view->people_search, "zzz");
  WAIT_UNTIL (!list_shows (GTK_WIDGET (f->view->people_list), id));
  type_into (f->view->people_search, "");
  WAIT_UNTIL (list_shows (GTK_WIDGET (f->view->people_list), id));

  /* Two different PINs, then a short one, are refused beside the field. */
  type_into (f->view->pin_row, "1234");
  type_into (f->view->pin_again_row, "1243");
  activate (f, "staff.set-pin", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->view->pin_again_reason)));
  type_into (f->view->pin_row, "12");
  type_into (f->view->pin_again_row, "12");
  activate (f, "staff.set-pin", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->view->pin_reason)));
  g_assert_cmpstr (gtk_label_get_text (f->view->pin_reason), !=, "");

  type_into (f->view->pin_row, "4821");
  type_into (f->view->pin_again_row, "4821");
  activate (f, "staff.set-pin", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->view->pin_reason)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->view->pin_row)), ==, "");

  duka_staff_verify_pin_async (f->staff, id, "4821", NULL, pin_verified, &signed_in);
  while (signed_in == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (signed_in->staff_id, ==, id);
  duka_actor_free (signed_in);
}

/* The widget called @name under @root, depth first. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_refused_save_shows_reason (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *waiter = duka_staff_dup_built_in_role_id (f->staff, "waiter");
  g_autoptr(GPtrArray) before = duka_staff_list (f->staff, "staff", NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) roles_before = duka_staff_list (f->staff, "role", NULL);
  g_autoptr(GPtrArray) roles_after = NULL;
  GtkWidget *popover;
  GtkWidget *reason = NULL;
  GtkWidget *save = NULL;
  GtkWidget *entry = NULL;

  /* A person without a name: core says why, beside the name. */
  activate (f, "staff.new-person", NULL);
  type_into (f->view->name_row, "   ");
  gtk_check_button_set_active (find_check (f->view->role_checks, waiter), TRUE);
  activate (f, "staff.save-person", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->view->name_reason)));
  g_assert_cmpstr (gtk_label_get_text (f->view->name_reason), ==, "A person needs a name");
  after = duka_staff_list (f->staff, "staff", NULL);
  g_assert_cmpuint (after->len, ==, before->len);

  /* A bad hourly rate is refused before core is asked. */
  type_into (f->view->name_row, "Baraka");
  type_into (f->view->rate_row, "twelve");
  activate (f, "staff.save-person", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->view->rate_reason)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->view->name_reason)));

  /* A display name longer than tiles can show: beside that field. */
  type_into (f->view->rate_row, "");
  type_into (f->view->display_name_row, "Baraka the Magnificent, First of His Name");
  activate (f, "staff.save-person", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->view->display_name_reason)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->view->name_reason)));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = duka_staff_list (f->staff, "staff", NULL);
  g_assert_cmpuint (after->len, ==, before->len);

  /* A role with no name: core's reason shows under the name field. */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (f->view->new_role_button));
  entry = find_named (popover, "role-name");
  reason = find_named (popover, "role-name-reason");
  save = find_named (popover, "role-save");
  g_assert_nonnull (entry);
  g_assert_nonnull (reason);
  g_assert_nonnull (save);
  gtk_menu_button_popup (f->view->new_role_button);
  type_into (entry, "");
  g_signal_emit_by_name (save, "clicked");
  duka_test_spin ();
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (reason)), ==, "A role needs a name");
  roles_after = duka_staff_list (f->staff, "role", NULL);
  g_assert_cmpuint (roles_after->len, ==, roles_before->len);

  type_into (entry, "Barista");
  g_signal_emit_by_name (save, "clicked");
  duka_test_spin ();
  g_clear_pointer (&roles_after, g_ptr_array_unref);
  roles_after = duka_staff_list (f->staff, "role", NULL);
  g_assert_cmpuint (roles_after->len, ==, roles_before->len + 1);
}

static void
test_last_owner_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *owner_role = duka_staff_dup_built_in_role_id (f->staff, "owner");
  g_autofree char *manager_role = duka_staff_dup_built_in_role_id (f->staff, "manager");
  g_autofree char *owner = add_person (f, "Amina Otieno", "owner");
  g_autoptr(JsonObject) after = NULL;

  /* Once someone holds the owner role, only people may change things; the
   * view's actor is still the device's owner here, so let it act. */
  duka_permission_clear_resolver (f->staff);

  duka_staff_view_select_person (f->view, owner);
  duka_test_spin ();
  gtk_check_button_set_active (find_check (f->view->role_checks, owner_role), FALSE);
  gtk_check_button_set_active (find_check (f->view->role_checks, manager_role), TRUE);
  activate (f, "staff.save-person", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->view->roles_reason)));
  g_assert_nonnull (strstr (gtk_label_get_text (f->view->roles_reason), "without an owner"));

  /* Making the last owner inactive is refused beside the switch. */
  activate (f, "staff.revert-person", NULL);
  g_assert_true (gtk_check_button_get_active (find_check (f->view->role_checks, owner_role)));
  gtk_switch_set_active (f->view->active_switch, FALSE);
  activate (f, "staff.save-person", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->view->active_reason)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->view->roles_reason)));

  after = duka_staff_get (f->staff, "staff", owner, NULL);
  g_assert_true (json_object_get_boolean_member (after, "active"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (after, "role_ids"), 0), ==,
                   owner_role);
}

static GtkCheckButton *
matrix_check (Fixture    *f,
              const char *role_id,
              const char *permission)
{
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (f->view->matrix)); w;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_CHECK_BUTTON (w) && g_strcmp0 (gtk_widget_get_name (w), role_id) == 0 &&
        g_strcmp0 (g_object_get_data (G_OBJECT (w), "permission"), permission) == 0)
      return GTK_CHECK_BUTTON (w);
  g_assert_not_reached ();
}

static void
test_matrix_grants_permission (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *cashier = duka_staff_dup_built_in_role_id (f->staff, "cashier");
  g_autofree char *owner = duka_staff_dup_built_in_role_id (f->staff, "owner");
  g_autofree char *person = add_person (f, "Achieng Odhiambo", "cashier");
  GtkCheckButton *check;

  activate (f, "staff.show-section", g_variant_new_string ("roles"));
  g_assert_false (duka_staff_has_permission (f->staff, person, "refund"));

  check = matrix_check (f, cashier, "refund");
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  duka_test_spin ();
  g_assert_true (duka_staff_has_permission (f->staff, person, "refund"));
  /* The matrix was rebuilt from what core saved. */
  g_assert_true (gtk_check_button_get_active (matrix_check (f, cashier, "refund")));

  gtk_check_button_set_active (matrix_check (f, cashier, "sell"), FALSE);
  duka_test_spin ();
  g_assert_false (duka_staff_has_permission (f->staff, person, "sell"));
  g_assert_true (duka_staff_has_permission (f->staff, person, "refund"));

  /* The owner's column cannot be changed. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (matrix_check (f, owner, "refund"))));

  /* Renaming a role from its column's header. */
  {
    GtkWidget *header = find_named (GTK_WIDGET (f->view->matrix), cashier);
    GtkWidget *popover;
    g_autoptr(JsonObject) role = NULL;

    g_assert_true (GTK_IS_MENU_BUTTON (header));
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (header)));
    gtk_menu_button_popup (GTK_MENU_BUTTON (header));
    duka_test_spin ();
    type_into (find_named (popover, "role-name"), "Till staff");
    g_signal_emit_by_name (find_named (popover, "role-save"), "clicked");
    duka_test_spin ();
    role = duka_staff_get (f->staff, "role", cashier, NULL);
    g_assert_cmpstr (json_object_get_string_member (role, "name"), ==, "Till staff");
    /* Its permissions stay as they were. */
    g_assert_true (duka_staff_has_permission (f->staff, person, "refund"));
  }
}

static AdwExpanderRow *
timesheet_row (Fixture    *f,
               const char *staff_id)
{
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (f->view->timesheets_list)); w;
       w = gtk_widget_get_next_sibling (w))
    if (g_strcmp0 (gtk_widget_get_name (w), staff_id) == 0)
      return ADW_EXPANDER_ROW (w);
  return NULL;
}

static void
test_clock_in_out_and_timesheet (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *person = add_person (f, "Juma Mwangi", "waiter");
  g_autoptr(DukaTimeClock) time_clock = duka_time_clock_new (duka_business_settings_get_store (f->settings));
  AdwExpanderRow *row;

  activate (f, "staff.show-section", g_variant_new_string ("clock"));
  g_assert_cmpint (duka_time_clock_get_status (time_clock, person, NULL), ==, DUKA_CLOCK_STATUS_OFF);
  activate (f, "staff.clock-in", g_variant_new_string (person));
  g_assert_true (duka_time_clock_is_clocked_in (time_clock, person));

  duka_clock_advance (f->clock, 3 * 60 * MINUTE_US);
  activate (f, "staff.start-unpaid-break", g_variant_new_string (person));
  g_assert_cmpint (duka_time_clock_get_status (time_clock, person, NULL), ==, DUKA_CLOCK_STATUS_ON_BREAK);
  duka_clock_advance (f->clock, 30 * MINUTE_US);
  activate (f, "staff.end-break", g_variant_new_string (person));
  duka_clock_advance (f->clock, 5 * 60 * MINUTE_US + 45 * MINUTE_US);
  activate (f, "staff.clock-out", g_variant_new_string (person));
  g_assert_false (duka_time_clock_is_clocked_in (time_clock, person));

  /* Clocking out twice is refused by core, and nothing changes. */
  activate (f, "staff.clock-out", g_variant_new_string (person));
  g_assert_false (duka_time_clock_is_clocked_in (time_clock, person));

  activate (f, "staff.show-section", g_variant_new_string ("timesheets"));
  row = timesheet_row (f, person);
  g_assert_nonnull (row);
  /* 9 h 15 min on the clock, less the unpaid half hour. */
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (row), "8 h 45 min worked"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (row), "45 min overtime"));

  /* A manager moves the clock-in an hour earlier, and must say why. */
  {
    GtkWidget *time = find_named (GTK_WIDGET (row), "correct-time");
    GtkWidget *why = find_named (GTK_WIDGET (row), "correct-why");
    GtkWidget *reason = find_named (GTK_WIDGET (row), "correct-reason");

    g_assert_nonnull (time);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time)), ==, "2026-03-02 09:00");
    type_into (time, "2026-03-02 08:00");
    g_signal_emit_by_name (find_named (GTK_WIDGET (row), "correct-save"), "clicked");
    duka_test_spin ();
    g_assert_true (gtk_widget_get_visible (reason));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (reason)), ==, "Say why this time entry is being changed");
    g_assert_nonnull (timesheet_row (f, person));
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (timesheet_row (f, person)), "8 h 45 min worked"));

    type_into (why, "Opened the shop early");
    g_signal_emit_by_name (find_named (GTK_WIDGET (row), "correct-save"), "clicked");
    duka_test_spin ();
    row = timesheet_row (f, person);
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (row), "9 h 45 min worked"));
  }

  /* The next week has nobody. */
  activate (f, "staff.next-period", NULL);
  g_assert_null (timesheet_row (f, person));
  activate (f, "staff.previous-period", NULL);
  g_assert_nonnull (timesheet_row (f, person));
}

static void
test_audit_filters (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *amina = add_person (f, "Amina Njeri", "cashier");
  g_autofree char *otieno = add_person (f, "Otieno Ouma", "waiter");
  g_autofree char *cashier = duka_staff_dup_built_in_role_id (f->staff, "cashier");
  g_autoptr(GtkStringList) names = NULL;
  guint all;
  guint amina_index = 0;

  activate (f, "staff.show-section", g_variant_new_string ("audit"));
  all = count_rows (GTK_WIDGET (f->view->audit_list));
  /* Five built-in roles and two people were created. */
  g_assert_cmpuint (all, ==, 7);

  for (guint i = 0; i < f->view->audit_person_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (f->view->audit_person_ids, i), amina) == 0)
      amina_index = i + 1;
  g_assert_cmpuint (amina_index, >, 0);
  gtk_drop_down_set_selected (f->view->audit_person_dropdown, amina_index);
  duka_test_spin ();
  g_assert_cmpuint (count_rows (GTK_WIDGET (f->view->audit_list)), ==, 1);

  /* Changing a role shows up under its action. */
  activate (f, "staff.show-section", g_variant_new_string ("roles"));
  gtk_check_button_set_active (matrix_check (f, cashier, "refund"), TRUE);
  duka_test_spin ();
  activate (f, "staff.show-section", g_variant_new_string ("audit"));
  activate (f, "staff.clear-audit-filters", NULL);
  g_assert_cmpuint (count_rows (GTK_WIDGET (f->view->audit_list)), ==, 8);
  for (guint i = 0; i < f->view->audit_actions->len; i++)
    if (g_str_equal (g_ptr_array_index (f->view->audit_actions, i), "role.update"))
      gtk_drop_down_set_selected (f->view->audit_action_dropdown, i + 1);
  duka_test_spin ();
  g_assert_cmpuint (count_rows (GTK_WIDGET (f->view->audit_list)), ==, 1);

  /* A day range before anything happened finds nothing. */
  activate (f, "staff.clear-audit-filters", NULL);
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 2, 1, 12, 0, 0);

    gtk_calendar_select_day (f->view->audit_until_calendar, day);
    g_signal_emit_by_name (f->view->audit_until_calendar, "day-selected");
    duka_test_spin ();
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->view->audit_stack), ==, "empty");
  (void) otieno;
}

static void
test_audit_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *person = add_person (f, "Chebet Koech", "waiter");
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (f->settings);

  /* Sixty changes: more than one page. */
  for (int i = 0; i < 60; i++)
    {
      g_autoptr(JsonObject) change = json_object_new ();
      g_autofree char *contact = g_strdup_printf ("07%08d", i);
      g_autoptr(GError) error = NULL;

      json_object_set_string_member (change, "id", person);
      json_object_set_string_member (change, "contact", contact);
      g_assert_true (duka_staff_save (f->staff, actor, "staff", change, NULL, &error));
      g_assert_no_error (error);
    }
  activate (f, "staff.show-section", g_variant_new_string ("audit"));
  g_assert_cmpuint (count_rows (GTK_WIDGET (f->view->audit_list)), ==, 50);
  activate (f, "staff.load-more-audit", NULL);
  g_assert_cmpuint (count_rows (GTK_WIDGET (f->view->audit_list)), ==, 66);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->view->audit_more_button)));
}

int
main (int   argc,
      char *argv[])
{
  duka_test_ui_init (&argc, &argv);

  /* Amounts are typed in a known locale. */
  if (setlocale (LC_ALL, "en_US.UTF-8") == NULL)
    g_error ("The en_US.UTF-8 locale is missing; run build-aux/setup-locales");

#define ADD(path, func) \
  g_test_add ("/staff-view/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("add-person-with-role-and-pin", test_add_person_with_role_and_pin);
  ADD ("refused-save-shows-reason", test_refused_save_shows_reason);
  ADD ("last-owner-refused", test_last_owner_refused);
  ADD ("matrix-grants-permission", test_matrix_grants_permission);
  ADD ("clock-in-out-and-timesheet", test_clock_in_out_and_timesheet);
  ADD ("audit-filters", test_audit_filters);
  ADD ("audit-pages", test_audit_pages);

#undef ADD

  return g_test_run ();
}
