/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Staff view reads: the audit trail a page at a time with
 * filters, and where each person stands on the time clock.
 */
#include "duka-audit-log.h"
#include "duka-business-settings.h"
#include "duka-demo.h"
#include "duka-staff.h"
#include "duka-time-clock-entries.h"

#define HOUR_US G_GINT64_CONSTANT (3600000000)

typedef struct
{
  char          *dir;
  DukaClock     *clock;
  DukaStore     *store;
  DukaStaff     *staff;
  DukaTimeClock *time_clock;
  DukaActor     *setup;
  char          *outlet_id;
} Fixture;

static char *
add_person (Fixture    *f,
            const char *name,
            const char *role)
{
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(JsonArray) roles = json_array_new ();
  g_autofree char *role_id = duka_staff_dup_built_in_role_id (f->staff, role);
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  json_array_add_string_element (roles, role_id);
  json_object_set_string_member (person, "name", name);
  json_object_set_array_member (person, "role_ids", g_steal_pointer (&roles));
  g_assert_true (duka_staff_save (f->staff, f->setup, "staff", person, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 3, 2, 6, 0, 0);
  g_autoptr(GPtrArray) outlets = NULL;

  f->dir = g_dir_make_tmp ("duka-staff-readers-XXXXXX", &error);
  g_assert_no_error (error);
  f->clock = duka_clock_new_manual (g_date_time_to_unix (start) * G_USEC_PER_SEC);
  f->store = duka_store_open_full (f->dir, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (f->store, &error));
  g_assert_no_error (error);
  f->staff = duka_staff_new (f->store);
  g_assert_true (duka_staff_ensure_built_in_roles (f->staff, &error));
  g_assert_no_error (error);
  duka_staff_install_resolver (f->staff);
  f->time_clock = duka_time_clock_new (f->store);
  f->setup = duka_actor_new_owner (NULL);
  {
    g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (f->store);
    g_autoptr(DukaProfile) profile = duka_business_settings_load (settings, &error);

    g_assert_no_error (error);
    f->outlet_id = g_strdup (profile->outlet_id);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->outlet_id);
  duka_actor_free (f->setup);
  g_clear_object (&f->time_clock);
  g_clear_object (&f->staff);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_free (f->dir);
}

static void
test_audit_newest_first_in_pages (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %d", i);
      g_autofree char *id = add_person (f, name, "waiter");
    }

  /* Five built-in roles, then seven people: twelve entries. */
  first = duka_audit_list (f->store, NULL, 0, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 5);
  for (guint i = 1; i < first->len; i++)
    g_assert_cmpint (((DukaAuditEntry *) first->pdata[i - 1])->seq, >, ((DukaAuditEntry *) first->pdata[i])->seq);
  g_assert_cmpstr (((DukaAuditEntry *) first->pdata[0])->action, ==, "staff.create");

  second = duka_audit_list (f->store, NULL, ((DukaAuditEntry *) first->pdata[4])->seq, 5, &error);
  third = duka_audit_list (f->store, NULL, ((DukaAuditEntry *) second->pdata[4])->seq, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 5);
  g_assert_cmpuint (third->len, ==, 2);
  g_assert_cmpint (((DukaAuditEntry *) second->pdata[0])->seq, ==, ((DukaAuditEntry *) first->pdata[4])->seq - 1);
  g_assert_cmpstr (((DukaAuditEntry *) third->pdata[1])->action, ==, "role.create");
}

static void
test_audit_filters (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *amina = add_person (f, "Amina", "manager");
  g_autofree char *baraka = add_person (f, "Baraka", "cashier");
  g_autoptr(DukaActor) manager = g_new0 (DukaActor, 1);
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  DukaAuditFilter filter = { 0 };
  gint64 before_change;

  /* Amina changes Baraka an hour later. */
  manager->staff_id = g_strdup (amina);
  duka_clock_advance (f->clock, HOUR_US);
  before_change = duka_clock_now (f->clock);
  json_object_set_string_member (change, "id", baraka);
  json_object_set_string_member (change, "contact", "0700 000 000");
  g_assert_true (duka_staff_save (f->staff, manager, "staff", change, NULL, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) about_baraka = NULL;

    filter.person_id = baraka;
    about_baraka = duka_audit_list (f->store, &filter, 0, 50, &error);
    g_assert_cmpuint (about_baraka->len, ==, 2);
  }
  {
    g_autoptr(GPtrArray) by_amina = NULL;

    filter.person_id = amina;
    by_amina = duka_audit_list (f->store, &filter, 0, 50, &error);
    /* Her own creation, and the change she made. */
    g_assert_cmpuint (by_amina->len, ==, 2);
    g_assert_cmpstr (((DukaAuditEntry *) by_amina->pdata[0])->actor_id, ==, amina);
    g_assert_cmpstr (((DukaAuditEntry *) by_amina->pdata[0])->action, ==, "staff.update");
  }
  {
    g_autoptr(GPtrArray) roles = NULL;
    g_autoptr(GPtrArray) creates = NULL;

    filter.person_id = NULL;
    filter.action = "role";
    roles = duka_audit_list (f->store, &filter, 0, 50, &error);
    g_assert_cmpuint (roles->len, ==, 5);
    filter.action = "staff.create";
    creates = duka_audit_list (f->store, &filter, 0, 50, &error);
    g_assert_cmpuint (creates->len, ==, 2);
  }
  {
    g_autoptr(GPtrArray) later = NULL;
    g_autoptr(GPtrArray) earlier = NULL;

    filter.action = NULL;
    filter.from = before_change;
    later = duka_audit_list (f->store, &filter, 0, 50, &error);
    g_assert_cmpuint (later->len, ==, 1);
    filter.from = 0;
    filter.until = before_change;
    earlier = duka_audit_list (f->store, &filter, 0, 50, &error);
    g_assert_cmpuint (earlier->len, ==, 7);
  }
  g_assert_no_error (error);

  actions = duka_audit_list_actions (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 3);
  g_assert_cmpstr (actions->pdata[0], ==, "role.create");
  g_assert_cmpstr (actions->pdata[1], ==, "staff.create");
  g_assert_cmpstr (actions->pdata[2], ==, "staff.update");
}

static void
test_clock_status_and_entries (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = add_person (f, "Juma", "waiter");
  g_autoptr(DukaActor) juma = g_new0 (DukaActor, 1);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) next_week = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clock_in_id = NULL;
  GDate monday, sunday, today;
  gint64 since = -1;

  juma->staff_id = g_strdup (id);
  g_assert_cmpint (duka_time_clock_get_status (f->time_clock, id, &since), ==, DUKA_CLOCK_STATUS_OFF);
  g_assert_cmpint (since, ==, 0);

  g_assert_true (duka_time_clock_clock_in (f->time_clock, juma, &clock_in_id, &error));
  g_assert_cmpint (duka_time_clock_get_status (f->time_clock, id, &since), ==, DUKA_CLOCK_STATUS_WORKING);
  g_assert_cmpint (since, ==, duka_clock_now (f->clock));
  duka_clock_advance (f->clock, HOUR_US);
  g_assert_true (duka_time_clock_start_break (f->time_clock, juma, TRUE, NULL, &error));
  g_assert_cmpint (duka_time_clock_get_status (f->time_clock, id, &since), ==, DUKA_CLOCK_STATUS_ON_BREAK);
  g_assert_cmpint (since, ==, duka_clock_now (f->clock));
  duka_clock_advance (f->clock, HOUR_US);
  g_assert_true (duka_time_clock_end_break (f->time_clock, juma, NULL, &error));
  duka_clock_advance (f->clock, HOUR_US);
  g_assert_true (duka_time_clock_clock_out (f->time_clock, juma, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (duka_time_clock_get_status (f->time_clock, id, NULL), ==, DUKA_CLOCK_STATUS_OFF);

  duka_time_clock_get_today (f->time_clock, f->outlet_id, &today);
  g_assert_cmpint (g_date_get_day (&today), ==, 2);
  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 2, G_DATE_MARCH, 2026);
  sunday = monday;
  g_date_add_days (&sunday, 6);
  entries = duka_time_clock_list_entries (f->time_clock, f->outlet_id, id, &monday, &sunday, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (((DukaTimeEntryInfo *) entries->pdata[0])->event, ==, "clock_in");
  g_assert_cmpstr (((DukaTimeEntryInfo *) entries->pdata[1])->event, ==, "break_start");
  g_assert_true (((DukaTimeEntryInfo *) entries->pdata[1])->paid);
  g_assert_cmpstr (((DukaTimeEntryInfo *) entries->pdata[3])->event, ==, "clock_out");

  /* A correction replaces the entry it corrects, and says why. */
  g_assert_true (duka_time_clock_correct_entry (f->time_clock, f->setup, clock_in_id,
                                                ((DukaTimeEntryInfo *) entries->pdata[0])->at - HOUR_US,
                                                FALSE, "Came in early", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = duka_time_clock_list_entries (f->time_clock, f->outlet_id, NULL, &monday, &sunday, &error);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (((DukaTimeEntryInfo *) entries->pdata[0])->reason, ==, "Came in early");
  g_assert_cmpstr (((DukaTimeEntryInfo *) entries->pdata[0])->id, !=, clock_in_id);

  g_date_add_days (&monday, 7);
  g_date_add_days (&sunday, 7);
  next_week = duka_time_clock_list_entries (f->time_clock, f->outlet_id, NULL, &monday, &sunday, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (next_week->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/staff-readers/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("audit-newest-first-in-pages", test_audit_newest_first_in_pages);
  ADD ("audit-filters", test_audit_filters);
  ADD ("clock-status-and-entries", test_clock_status_and_entries);

#undef ADD

  return g_test_run ();
}
