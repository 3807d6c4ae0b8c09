/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo's people (duka_demo_fill_staff): roles, PINs that sign in, the
 * same three weeks of time entries on every run of the same day, an audit
 * trail that verifies, and who the lock screen offers.
 */
#include <sqlite3.h>

#include "duka-audit.h"
#include "duka-business-settings.h"
#include "duka-demo.h"
#include "duka-permissions.h"
#include "duka-staff-sign-in.h"
#include "duka-time-clock.h"

typedef struct
{
  char          *dir;
  DukaClock     *clock;
  DukaStore     *store;
  DukaStaff     *staff;
} Fixture;

/* 2026-03-18 10:00 in Nairobi (UTC+3), a Wednesday. */
#define DEMO_NOW (G_GINT64_CONSTANT (1773817200) * G_USEC_PER_SEC)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("duka-demo-staff-XXXXXX", &error);
  g_assert_no_error (error);
  f->clock = duka_clock_new_manual (DEMO_NOW);
  f->store = duka_store_open_full (f->dir, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (f->store, &error));
  g_assert_true (duka_demo_fill_staff (f->store, &error));
  g_assert_no_error (error);

  f->staff = duka_staff_new (f->store);
  duka_staff_install_resolver (f->staff);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->staff);
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  g_free (f->dir);
}

static const DukaSignInPerson *
find (GPtrArray  *people,
      const char *name)
{
  for (guint i = 0; i < people->len; i++)
    {
      const DukaSignInPerson *person = g_ptr_array_index (people, i);

      if (g_str_equal (person->name, name))
        return person;
    }
  return NULL;
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static DukaActor *
sign_in (Fixture     *f,
         const char  *staff_id,
         const char  *pin,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  duka_staff_verify_pin_async (f->staff, staff_id, pin, NULL, signed_in_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return duka_staff_verify_pin_finish (f->staff, result, error);
}

static void
test_people (Fixture       *f,
             gconstpointer  data)
{
  static const struct { const char *name; const char *pin; DukaPermission can; DukaPermission cannot; } people[] = {
    { "Wanjiru", "1000", DUKA_PERMISSION_MANAGE_SETTINGS, DUKA_PERMISSION_N_PERMISSIONS },
    { "Otieno", "2000", DUKA_PERMISSION_EDIT_MENU, DUKA_PERMISSION_MANAGE_SETTINGS },
    { "Amina", "3000", DUKA_PERMISSION_SELL, DUKA_PERMISSION_EDIT_MENU },
    { "Brian", "3001", DUKA_PERMISSION_SELL, DUKA_PERMISSION_EDIT_MENU },
    { "Faith", "4000", DUKA_PERMISSION_SELL, DUKA_PERMISSION_DISCOUNT },
    { "Joseph", "5000", DUKA_PERMISSION_KITCHEN_DISPLAY, DUKA_PERMISSION_SELL },
  };
  g_autoptr(GPtrArray) sign_in_list = duka_staff_list_sign_in (f->staff, NULL);
  g_autoptr(DukaActor) nobody = duka_actor_new_owner (NULL);

  g_assert_nonnull (sign_in_list);
  g_assert_cmpuint (sign_in_list->len, ==, G_N_ELEMENTS (people));
  /* By name, as the lock screen shows them. */
  g_assert_cmpstr (((DukaSignInPerson *) g_ptr_array_index (sign_in_list, 0))->name, ==, "Amina");
  g_assert_true (duka_staff_any_can_sign_in (f->staff));

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const DukaSignInPerson *person = find (sign_in_list, people[i].name);
      g_autoptr(DukaActor) actor = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (person);
      actor = sign_in (f, person->staff_id, people[i].pin, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (actor->staff_id, ==, person->staff_id);
      g_assert_true (duka_permission_is_granted (actor, people[i].can));
      if (people[i].cannot != DUKA_PERMISSION_N_PERMISSIONS)
        g_assert_false (duka_permission_is_granted (actor, people[i].cannot));
    }

  /* The demo has an owner, so a till acting without a person may not. */
  g_assert_false (duka_permission_is_granted (nobody, DUKA_PERMISSION_MANAGE_SETTINGS));
}

static void
test_wrong_pin (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) people = duka_staff_list_sign_in (f->staff, NULL);
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  /* Brian's PIN is not Amina's. */
  actor = sign_in (f, find (people, "Amina")->staff_id, "3001", &error);
  g_assert_null (actor);
  g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_WRONG_PIN);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autofree char *path = g_build_filename (f->dir, DUKA_STORE_FILENAME, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_time_entries (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (f->store);
  g_autoptr(DukaProfile) profile = duka_business_settings_load (settings, NULL);
  g_autoptr(DukaTimeClock) time_clock = duka_time_clock_new (f->store);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GDate) monday = g_date_new_dmy (2, G_DATE_MARCH, 2026);
  g_autoptr(GDate) sunday = g_date_new_dmy (8, G_DATE_MARCH, 2026);
  g_autoptr(GError) error = NULL;

  /* 26 work shifts a week for three weeks, each clock-in, a break's start
   * and end, and clock-out; nobody is left clocked in. */
  g_assert_cmpint (count (f, "SELECT count (*) FROM time_entry"), ==, 3 * 26 * 4);
  g_assert_cmpint (count (f, "SELECT max (at) FROM time_entry"), <, DEMO_NOW - G_GINT64_CONSTANT (12) * 3600 * G_USEC_PER_SEC);
  g_assert_cmpint (count (f, "SELECT min (at) FROM time_entry"), >, DEMO_NOW - G_GINT64_CONSTANT (22) * 86400 * G_USEC_PER_SEC);

  /* A whole week of the demo: Otieno works Monday to Friday, nine hours
   * with half an hour's unpaid lunch, give or take a few minutes. */
  sheets = duka_time_clock_get_timesheets (time_clock, profile->outlet_id, monday, sunday, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 5);
  for (guint i = 0; i < sheets->len; i++)
    {
      DukaTimesheet *sheet = g_ptr_array_index (sheets, i);

      g_assert_cmpuint (sheet->n_auto_closed, ==, 0);
      if (g_str_equal (sheet->name, "Otieno Odhiambo"))
        {
          g_assert_cmpuint (sheet->n_work_shifts, ==, 5);
          g_assert_cmpint (sheet->worked_minutes, >=, 5 * (510 - 10));
          g_assert_cmpint (sheet->worked_minutes, <=, 5 * (510 + 15));
          g_assert_cmpint (sheet->labour_cost, >, 0);
        }
    }

  g_assert_true (duka_audit_verify (f->store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo-staff/people", Fixture, NULL, fixture_set_up, test_people, fixture_tear_down);
  g_test_add ("/demo-staff/wrong-pin", Fixture, NULL, fixture_set_up, test_wrong_pin, fixture_tear_down);
  g_test_add ("/demo-staff/time-entries", Fixture, NULL, fixture_set_up, test_time_entries, fixture_tear_down);

  return g_test_run ();
}
