/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <string.h>

#include "duka-demo.h"
#include "duka-permissions.h"
#include "duka-staff.h"
#include "duka-staff-private.h"
#include "duka-store-private.h"
#include "duka-time-clock.h"

#define MINUTE_US (60 * G_USEC_PER_SEC)
#define HOUR_US (60 * MINUTE_US)

typedef struct
{
  char          *dir;
  GTimeZone     *tz;
  DukaClock     *clock;
  DukaStore     *store;
  DukaStaff     *staff;
  DukaTimeClock *time_clock;
  char          *outlet_id;
  DukaActor     *owner;
  DukaActor     *manager;
  DukaActor     *cashier;
} Fixture;

/* An instant given as Europe/Madrid wall-clock time. */
static gint64
madrid (Fixture *f,
        int      year,
        int      month,
        int      day,
        int      hour,
        int      minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (f->tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static DukaActor *
actor_for (const char *staff_id)
{
  DukaActor *actor = g_new0 (DukaActor, 1);

  actor->staff_id = g_strdup (staff_id);
  return actor;
}

static char *
add_person (Fixture         *f,
            const DukaActor *actor,
            const char      *name,
            const char      *role,
            gint64           hourly_rate)
{
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(JsonArray) roles = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *role_id = duka_staff_dup_built_in_role_id (f->staff, role);
  char *id = NULL;

  json_array_add_string_element (roles, role_id);
  json_object_set_string_member (person, "name", name);
  json_object_set_array_member (person, "role_ids", g_steal_pointer (&roles));
  json_object_set_int_member (person, "hourly_rate", hourly_rate);
  duka_staff_save (f->staff, actor, "staff", person, &id, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
set_madrid (DukaStore  *store,
            sqlite3    *db,
            gpointer    user_data,
            GError    **error)
{
  return sqlite3_exec (db, "UPDATE outlet SET time_zone = 'Europe/Madrid', day_cutoff_hour = 4, currency = 'EUR'",
                       NULL, NULL, NULL) == SQLITE_OK;
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);
  return n;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaActor) setup = duka_actor_new_owner (NULL);
  g_autofree char *owner_id = NULL;
  g_autofree char *manager_id = NULL;
  g_autofree char *cashier_id = NULL;
  sqlite3 *db;

  f->tz = g_time_zone_new_identifier ("Europe/Madrid");
  g_assert_nonnull (f->tz);
  f->dir = g_dir_make_tmp ("duka-time-clock-XXXXXX", &error);
  g_assert_no_error (error);
  f->clock = duka_clock_new_manual (madrid (f, 2026, 3, 1, 8, 0));
  f->store = duka_store_open_full (f->dir, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (duka_store_write (f->store, set_madrid, NULL, &error));
  g_assert_no_error (error);

  f->staff = duka_staff_new (f->store);
  g_assert_true (duka_staff_ensure_built_in_roles (f->staff, &error));
  g_assert_no_error (error);
  duka_staff_install_resolver (f->staff);
  f->time_clock = duka_time_clock_new (f->store);

  owner_id = add_person (f, setup, "Amina Otieno", "owner", 0);
  f->owner = actor_for (owner_id);
  manager_id = add_person (f, f->owner, "Marta Ruiz", "manager", 2000);
  f->manager = actor_for (manager_id);
  cashier_id = add_person (f, f->owner, "Otieno, Beth", "cashier", 1234);
  f->cashier = actor_for (cashier_id);

  db = duka_store_acquire_reader (f->store, NULL);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM outlet", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    f->outlet_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  duka_store_release_reader (f->store, db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  duka_actor_free (f->owner);
  duka_actor_free (f->manager);
  duka_actor_free (f->cashier);
  g_free (f->outlet_id);
  g_assert_finalize_object (f->time_clock);
  g_assert_finalize_object (f->staff);
  g_assert_finalize_object (f->store);
  g_object_unref (f->clock);
  g_time_zone_unref (f->tz);
  g_free (f->dir);
}

/* Clocks @actor in at @start and out @minutes later. */
static void
work (Fixture         *f,
      const DukaActor *actor,
      gint64           start,
      gint64           minutes)
{
  g_autoptr(GError) error = NULL;

  duka_clock_set (f->clock, start);
  g_assert_true (duka_time_clock_clock_in (f->time_clock, actor, NULL, &error));
  g_assert_no_error (error);
  duka_clock_set (f->clock, start + minutes * MINUTE_US);
  g_assert_true (duka_time_clock_clock_out (f->time_clock, actor, NULL, &error));
  g_assert_no_error (error);
}

/* The one timesheet of the period (or NULL when nobody worked). */
static DukaTimesheet *
sheet_for (Fixture *f,
           int      y1, int m1, int d1,
           int      y2, int m2, int d2,
           GPtrArray **out_sheets)
{
  g_autoptr(GError) error = NULL;
  GDate *first = g_date_new_dmy (d1, m1, y1);
  GDate *last = g_date_new_dmy (d2, m2, y2);
  GPtrArray *sheets = duka_time_clock_get_timesheets (f->time_clock, f->outlet_id, first, last, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sheets);
  g_date_free (first);
  g_date_free (last);
  *out_sheets = sheets;
  g_assert_cmpuint (sheets->len, <=, 1);
  return sheets->len > 0 ? g_ptr_array_index (sheets, 0) : NULL;
}

static void
test_breaks_and_rounding (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  DukaTimesheet *sheet;

  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 9, 0));
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, &error));
  g_assert_true (duka_time_clock_is_clocked_in (f->time_clock, f->cashier->staff_id));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 12, 0));
  g_assert_true (duka_time_clock_start_break (f->time_clock, f->cashier, FALSE, NULL, &error));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 12, 30));
  g_assert_true (duka_time_clock_end_break (f->time_clock, f->cashier, NULL, &error));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 15, 0));
  g_assert_true (duka_time_clock_start_break (f->time_clock, f->cashier, TRUE, NULL, &error));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 15, 15));
  g_assert_true (duka_time_clock_end_break (f->time_clock, f->cashier, NULL, &error));
  /* 17:00 and 29 seconds: the half minute is not reached. */
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 17, 0) + 29 * G_USEC_PER_SEC);
  g_assert_true (duka_time_clock_clock_out (f->time_clock, f->cashier, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (duka_time_clock_is_clocked_in (f->time_clock, f->cashier->staff_id));

  /* 8 h on the clock less the unpaid half hour; the paid break counts. */
  sheet = sheet_for (f, 2026, 3, 2, 2026, 3, 2, &sheets);
  g_assert_nonnull (sheet);
  g_assert_cmpuint (sheet->n_work_shifts, ==, 1);
  g_assert_cmpint (sheet->worked_minutes, ==, 450);
  g_assert_cmpint (sheet->regular_minutes, ==, 450);
  g_assert_cmpint (sheet->daily_overtime_minutes, ==, 0);
  /* 1234 × 450 / 60 = 9255 exactly. */
  g_assert_cmpint (sheet->labour_cost, ==, 9255);

  /* Each fact went to the outbox with its business date. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM outbox WHERE kind = 'time_entry'"
                                 " AND json_extract (body, '$.business_date') = '2026-03-02'"), ==, 6);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM time_entry"), ==, 6);
}

static void
test_half_minute_rounds_up (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  DukaTimesheet *sheet;

  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 9, 0));
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, &error));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 9, 7) + 30 * G_USEC_PER_SEC);
  g_assert_true (duka_time_clock_clock_out (f->time_clock, f->cashier, NULL, &error));
  g_assert_no_error (error);

  sheet = sheet_for (f, 2026, 3, 2, 2026, 3, 2, &sheets);
  g_assert_cmpint (sheet->worked_minutes, ==, 8);
  /* 1234 × 8 / 60 = 164.53… → 165, half up. */
  g_assert_cmpint (sheet->labour_cost, ==, 165);
}

static void
test_across_midnight (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) next_day = NULL;
  DukaTimesheet *sheet;

  work (f, f->cashier, madrid (f, 2026, 3, 10, 22, 0), 8 * 60);

  /* The work shift belongs to the day it began on. */
  sheet = sheet_for (f, 2026, 3, 10, 2026, 3, 10, &sheets);
  g_assert_nonnull (sheet);
  g_assert_cmpint (sheet->worked_minutes, ==, 480);
  g_assert_null (sheet_for (f, 2026, 3, 11, 2026, 3, 11, &next_day));
  /* Its clock-out, after the 04:00 cut-off, is the 11th's business. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM time_entry WHERE event = 'clock_out'"
                                 " AND business_date = '2026-03-11'"), ==, 1);

  /* One ending at 03:30 is still the night of the 11th. */
  work (f, f->cashier, madrid (f, 2026, 3, 11, 20, 0), 7 * 60 + 30);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM time_entry WHERE event = 'clock_out'"
                                 " AND business_date = '2026-03-11'"), ==, 2);
}

static void
test_across_dst (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) spring = NULL;
  g_autoptr(GPtrArray) autumn = NULL;
  DukaTimesheet *sheet;
  gint64 start;

  /* 22:00 to 06:00 the night the clocks go forward is 7 hours … */
  start = madrid (f, 2026, 3, 28, 22, 0);
  duka_clock_set (f->clock, start);
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, NULL));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 29, 6, 0));
  g_assert_true (duka_time_clock_clock_out (f->time_clock, f->cashier, NULL, NULL));
  sheet = sheet_for (f, 2026, 3, 28, 2026, 3, 29, &spring);
  g_assert_cmpint (sheet->worked_minutes, ==, 7 * 60);
  g_assert_cmpint (sheet->daily_overtime_minutes, ==, 0);

  /* … and the night they go back, 9 hours: one hour of daily overtime. */
  duka_clock_set (f->clock, madrid (f, 2026, 10, 24, 22, 0));
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, NULL));
  duka_clock_set (f->clock, madrid (f, 2026, 10, 25, 6, 0));
  g_assert_true (duka_time_clock_clock_out (f->time_clock, f->cashier, NULL, NULL));
  sheet = sheet_for (f, 2026, 10, 24, 2026, 10, 25, &autumn);
  g_assert_cmpint (sheet->worked_minutes, ==, 9 * 60);
  g_assert_cmpint (sheet->daily_overtime_minutes, ==, 60);
  g_assert_cmpint (sheet->regular_minutes, ==, 8 * 60);
}

static void
test_overtime (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) weekly_only = NULL;
  g_autoptr(GPtrArray) next_week = NULL;
  g_autoptr(GError) error = NULL;
  DukaTimeClockSettings settings;
  DukaTimesheet *sheet;

  /* Monday to Friday 9 h, Saturday 6 h, then 2 h the next Monday. */
  for (int day = 2; day <= 6; day++)
    work (f, f->cashier, madrid (f, 2026, 3, day, 9, 0), 9 * 60);
  work (f, f->cashier, madrid (f, 2026, 3, 7, 9, 0), 6 * 60);
  work (f, f->cashier, madrid (f, 2026, 3, 9, 9, 0), 2 * 60);

  sheet = sheet_for (f, 2026, 3, 2, 2026, 3, 8, &sheets);
  g_assert_cmpuint (sheet->n_work_shifts, ==, 6);
  g_assert_cmpint (sheet->worked_minutes, ==, 51 * 60);
  /* 5 × 1 h above 8 h a day; of the 46 h left, 6 h above 40 h a week. */
  g_assert_cmpint (sheet->daily_overtime_minutes, ==, 5 * 60);
  g_assert_cmpint (sheet->weekly_overtime_minutes, ==, 6 * 60);
  g_assert_cmpint (sheet->regular_minutes, ==, 40 * 60);
  g_assert_cmpint (sheet->labour_cost, ==, 1234 * 51);

  /* Daily overtime off: only the weekly threshold applies. */
  g_assert_true (duka_time_clock_load_settings (f->time_clock, f->outlet_id, &settings, &error));
  g_assert_cmpint (settings.daily_overtime_minutes, ==, 480);
  g_assert_cmpint (settings.weekly_overtime_minutes, ==, 2400);
  g_assert_cmpint (settings.auto_close_hour, ==, -1);
  settings.daily_overtime_minutes = 0;
  g_assert_true (duka_time_clock_save_settings (f->time_clock, f->owner, f->outlet_id, &settings, &error));
  g_assert_no_error (error);
  sheet = sheet_for (f, 2026, 3, 2, 2026, 3, 8, &weekly_only);
  g_assert_cmpint (sheet->daily_overtime_minutes, ==, 0);
  g_assert_cmpint (sheet->weekly_overtime_minutes, ==, 11 * 60);

  /* Weeks count from the period's first day: a 2-week period keeps the
   * second Monday in its own week. */
  sheet = sheet_for (f, 2026, 3, 2, 2026, 3, 15, &next_week);
  g_assert_cmpint (sheet->worked_minutes, ==, 53 * 60);
  g_assert_cmpint (sheet->weekly_overtime_minutes, ==, 11 * 60);
  g_assert_cmpint (sheet->regular_minutes, ==, 42 * 60);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DukaTimeClockSettings settings = { 600, 3000, 2 };
  DukaTimeClockSettings loaded;

  g_assert_false (duka_time_clock_save_settings (f->time_clock, f->cashier, f->outlet_id, &settings, &error));
  g_assert_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  settings.weekly_overtime_minutes = 20000;
  g_assert_false (duka_time_clock_save_settings (f->time_clock, f->owner, f->outlet_id, &settings, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_INVALID);
  g_clear_error (&error);

  settings.weekly_overtime_minutes = 3000;
  g_assert_true (duka_time_clock_save_settings (f->time_clock, f->owner, f->outlet_id, &settings, &error));
  g_assert_no_error (error);
  g_assert_true (duka_time_clock_load_settings (f->time_clock, f->outlet_id, &loaded, &error));
  g_assert_cmpint (loaded.daily_overtime_minutes, ==, 600);
  g_assert_cmpint (loaded.weekly_overtime_minutes, ==, 3000);
  g_assert_cmpint (loaded.auto_close_hour, ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM outbox WHERE kind = 'time_clock_settings'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'time_clock_settings.update'"), ==, 1);
}

static void
test_auto_close (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  DukaTimeClockSettings settings;
  DukaTimesheet *sheet;
  guint n_closed = 99;

  /* Clocked in at 18:00, on an unpaid break from 23:00, never came back. */
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 18, 0));
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, &error));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 23, 0));
  g_assert_true (duka_time_clock_start_break (f->time_clock, f->cashier, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* Before the 04:00 cut-off nothing happens … */
  duka_clock_set (f->clock, madrid (f, 2026, 3, 3, 3, 59));
  g_assert_true (duka_time_clock_close_forgotten (f->time_clock, &n_closed, &error));
  g_assert_cmpuint (n_closed, ==, 0);
  g_assert_true (duka_time_clock_is_clocked_in (f->time_clock, f->cashier->staff_id));

  /* … after it, the work shift and its break end at 04:00, flagged. */
  duka_clock_set (f->clock, madrid (f, 2026, 3, 3, 7, 0));
  g_assert_true (duka_time_clock_close_forgotten (f->time_clock, &n_closed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_closed, ==, 1);
  g_assert_false (duka_time_clock_is_clocked_in (f->time_clock, f->cashier->staff_id));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM time_entry WHERE auto_closed = 1"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT at FROM time_entry WHERE event = 'clock_out'"), ==,
                   madrid (f, 2026, 3, 3, 4, 0));

  sheet = sheet_for (f, 2026, 3, 2, 2026, 3, 2, &sheets);
  g_assert_cmpint (sheet->worked_minutes, ==, 5 * 60);
  g_assert_cmpuint (sheet->n_auto_closed, ==, 1);

  /* A configured hour wins over the cut-off; a clock-in closes the
   * person's forgotten work shift itself. */
  g_assert_true (duka_time_clock_load_settings (f->time_clock, f->outlet_id, &settings, &error));
  settings.auto_close_hour = 1;
  g_assert_true (duka_time_clock_save_settings (f->time_clock, f->owner, f->outlet_id, &settings, &error));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 3, 20, 0));
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, &error));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 4, 0, 30));
  g_assert_false (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_ALREADY_CLOCKED_IN);
  g_clear_error (&error);
  duka_clock_set (f->clock, madrid (f, 2026, 3, 4, 9, 0));
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT max (at) FROM time_entry WHERE event = 'clock_out' AND auto_closed = 1"), ==,
                   madrid (f, 2026, 3, 4, 1, 0));
}

static char *
entry_id (Fixture    *f,
          const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM time_entry WHERE %s", where);
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);
  g_assert_nonnull (id);
  return id;
}

static gboolean
tamper (DukaStore  *store,
        sqlite3    *db,
        gpointer    user_data,
        GError    **error)
{
  if (sqlite3_exec (db, "UPDATE time_entry SET at = 0", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  return duka_store_sql_error (db, error);
}

static void
test_corrections (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auto_out = NULL;
  g_autofree char *correction = NULL;
  g_autofree char *second = NULL;
  g_autofree char *mistake = NULL;
  DukaTimesheet *sheet;
  gint64 entries;

  /* A forgotten clock-out, auto-closed at 04:00, really was 23:00. */
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 18, 0));
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, &error));
  duka_clock_set (f->clock, madrid (f, 2026, 3, 3, 9, 0));
  g_assert_true (duka_time_clock_close_forgotten (f->time_clock, NULL, &error));
  work (f, f->cashier, madrid (f, 2026, 3, 3, 10, 0), 4 * 60);
  duka_clock_set (f->clock, madrid (f, 2026, 3, 3, 15, 0));
  auto_out = entry_id (f, "auto_closed = 1");

  /* Only someone who may edit time entries, and only with a reason. */
  g_assert_false (duka_time_clock_correct_entry (f->time_clock, f->cashier, auto_out,
                                                 madrid (f, 2026, 3, 2, 23, 0), FALSE, "Left at 11", NULL, &error));
  g_assert_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (duka_time_clock_correct_entry (f->time_clock, f->manager, auto_out,
                                                 madrid (f, 2026, 3, 2, 23, 0), FALSE, "  ", NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_INVALID);
  g_clear_error (&error);

  /* A clock-out moved past the next clock-in would overlap: refused, and
   * nothing of it is written. */
  entries = query_int (f, "SELECT count(*) FROM time_entry");
  g_assert_false (duka_time_clock_correct_entry (f->time_clock, f->manager, auto_out,
                                                 madrid (f, 2026, 3, 3, 11, 0), FALSE, "Typo", NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_OVERLAP);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM time_entry"), ==, entries);

  g_assert_true (duka_time_clock_correct_entry (f->time_clock, f->manager, auto_out,
                                                madrid (f, 2026, 3, 2, 23, 0), FALSE,
                                                "Forgot to clock out; left at 23:00", &correction, &error));
  g_assert_no_error (error);
  sheet = sheet_for (f, 2026, 3, 2, 2026, 3, 2, &sheets);
  g_assert_cmpint (sheet->worked_minutes, ==, 5 * 60);
  g_assert_cmpuint (sheet->n_auto_closed, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE action = 'time_entry.correct'"
                                 " AND json_extract (before, '$.auto_closed') = 1"
                                 " AND json_extract (after, '$.reason') = 'Forgot to clock out; left at 23:00'"),
                   ==, 1);

  /* The original stays, corrected; a second edit corrects the correction. */
  g_assert_false (duka_time_clock_correct_entry (f->time_clock, f->manager, auto_out,
                                                 madrid (f, 2026, 3, 2, 22, 0), FALSE, "Again", NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_ALREADY_CORRECTED);
  g_clear_error (&error);
  g_assert_true (duka_time_clock_correct_entry (f->time_clock, f->manager, correction,
                                                madrid (f, 2026, 3, 2, 22, 30), FALSE, "Checked the camera", &second, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sheets, g_ptr_array_unref);
  sheet = sheet_for (f, 2026, 3, 2, 2026, 3, 2, &sheets);
  g_assert_cmpint (sheet->worked_minutes, ==, 4 * 60 + 30);

  /* Facts are never changed in place. */
  g_assert_false (duka_store_write (f->store, tamper, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A clock-in by mistake is voided. */
  duka_clock_set (f->clock, madrid (f, 2026, 3, 3, 16, 0));
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, &mistake, &error));
  g_assert_true (duka_time_clock_correct_entry (f->time_clock, f->manager, mistake,
                                                madrid (f, 2026, 3, 3, 16, 0), TRUE, "Not on the rota", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (duka_time_clock_is_clocked_in (f->time_clock, f->cashier->staff_id));

  /* Nobody corrects what does not exist, or into the future. */
  g_assert_false (duka_time_clock_correct_entry (f->time_clock, f->manager, "01900000-0000-7000-8000-00000000ffff",
                                                 madrid (f, 2026, 3, 3, 10, 0), FALSE, "?", NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (duka_time_clock_correct_entry (f->time_clock, f->manager, second,
                                                 madrid (f, 2026, 3, 4, 10, 0), FALSE, "?", NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_INVALID);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaActor) nobody = duka_actor_new_owner (NULL);

  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 9, 0));
  g_assert_false (duka_time_clock_clock_out (f->time_clock, f->cashier, NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_NOT_CLOCKED_IN);
  g_clear_error (&error);
  g_assert_false (duka_time_clock_start_break (f->time_clock, f->cashier, TRUE, NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_NOT_CLOCKED_IN);
  g_clear_error (&error);

  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, &error));
  g_assert_false (duka_time_clock_clock_in (f->time_clock, f->cashier, NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_ALREADY_CLOCKED_IN);
  g_clear_error (&error);
  g_assert_false (duka_time_clock_end_break (f->time_clock, f->cashier, NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_NOT_ON_BREAK);
  g_clear_error (&error);

  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 12, 0));
  g_assert_true (duka_time_clock_start_break (f->time_clock, f->cashier, FALSE, NULL, &error));
  g_assert_false (duka_time_clock_clock_out (f->time_clock, f->cashier, NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_ON_BREAK);
  g_clear_error (&error);

  /* The till's clock went back behind the last entry. */
  duka_clock_set (f->clock, madrid (f, 2026, 3, 2, 11, 0));
  g_assert_false (duka_time_clock_end_break (f->time_clock, f->cashier, NULL, &error));
  g_assert_error (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_OVERLAP);
  g_clear_error (&error);

  /* The time clock is for people, not the device's owner. */
  g_assert_false (duka_time_clock_clock_in (f->time_clock, nobody, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM time_entry"), ==, 2);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  GDate first, last;

  work (f, f->cashier, madrid (f, 2026, 3, 2, 9, 0), 9 * 60 + 1);
  work (f, f->manager, madrid (f, 2026, 3, 3, 9, 0), 7 * 60);
  duka_clock_set (f->clock, madrid (f, 2026, 3, 3, 22, 0));
  g_assert_true (duka_time_clock_clock_in (f->time_clock, f->owner, NULL, &error));

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, 3, 2026);
  g_date_set_dmy (&last, 15, 3, 2026);
  sheets = duka_time_clock_get_timesheets (f->time_clock, f->outlet_id, &first, &last, &error);
  g_assert_no_error (error);
  /* The owner's open work shift is not on a timesheet yet. */
  g_assert_cmpuint (sheets->len, ==, 2);

  csv = duka_time_clock_timesheets_to_csv (sheets, "EUR", &first, &last);
  {
    g_autofree char *expected = g_strdup_printf (
      "staff_id,name,first_day,last_day,work_shifts,auto_closed,worked_minutes,regular_minutes,"
      "daily_overtime_minutes,weekly_overtime_minutes,hourly_rate,labour_cost,currency\r\n"
      "%s,Marta Ruiz,2026-03-01,2026-03-15,1,0,420,420,0,0,20.00,140.00,EUR\r\n"
      "%s,\"Otieno, Beth\",2026-03-01,2026-03-15,1,0,541,480,61,0,12.34,111.27,EUR\r\n",
      f->manager->staff_id, f->cashier->staff_id);

    /* 1234 × 541 / 60 = 11126.63… → 11127 cents. */
    g_assert_cmpstr (csv, ==, expected);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/time-clock/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("breaks-and-rounding", test_breaks_and_rounding);
  ADD ("half-minute-rounds-up", test_half_minute_rounds_up);
  ADD ("across-midnight", test_across_midnight);
  ADD ("across-dst", test_across_dst);
  ADD ("overtime", test_overtime);
  ADD ("settings", test_settings);
  ADD ("auto-close", test_auto_close);
  ADD ("corrections", test_corrections);
  ADD ("refusals", test_refusals);
  ADD ("csv", test_csv);

  return g_test_run ();
}
