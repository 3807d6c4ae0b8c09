/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the time clock for people: where someone stands now, and the
 * live entries of a pay period for a manager to check and correct.
 */
#include "duka-store-private.h"
#include "duka-time-clock-entries.h"
#include "duka-time-clock-private.h"

void
duka_time_entry_info_free (DukaTimeEntryInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->staff_id);
  g_free (info->event);
  g_free (info->reason);
  g_free (info);
}

/* The same order as the time clock's own timeline, so the status read
 * here is the one a clock-in would see. */
#define LIVE_ORDER \
  " ORDER BY e.at, CASE e.event WHEN 'break_end' THEN 0 WHEN 'clock_out' THEN 1" \
  "                             WHEN 'clock_in' THEN 2 ELSE 3 END"
#define LIVE_WHERE \
  " e.voided = 0 AND NOT EXISTS (SELECT 1 FROM time_entry c WHERE c.corrects_id = e.id)"

/**
 * duka_time_clock_get_status:
 * @since: (out) (optional): when the current state began (µs UTC), or 0
 *
 * Whether @staff_id is clocked out, working or on a break now.
 */
DukaClockStatus
duka_time_clock_get_status (DukaTimeClock *self,
                            const char    *staff_id,
                            gint64        *since)
{
  static const char sql[] =
    "SELECT e.event, e.at FROM time_entry e WHERE e.staff_id = ?1 AND" LIVE_WHERE LIVE_ORDER;
  DukaClockStatus status = DUKA_CLOCK_STATUS_OFF;
  gint64 last_at = 0;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), DUKA_CLOCK_STATUS_OFF);

  if (since != NULL)
    *since = 0;
  db = duka_store_acquire_reader (self->store, NULL);
  if (db == NULL)
    return DUKA_CLOCK_STATUS_OFF;
  stmt = duka_store_prepare_cached (db, sql, NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
      while (status != DUKA_CLOCK_STATUS_INVALID && sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *event = (const char *) sqlite3_column_text (stmt, 0);
          gint64 at = sqlite3_column_int64 (stmt, 1);

          if (g_strcmp0 (event, "clock_in") == 0 && status == DUKA_CLOCK_STATUS_OFF)
            status = DUKA_CLOCK_STATUS_WORKING, last_at = at;
          else if (g_strcmp0 (event, "clock_out") == 0 && status == DUKA_CLOCK_STATUS_WORKING)
            status = DUKA_CLOCK_STATUS_OFF, last_at = at;
          else if (g_strcmp0 (event, "break_start") == 0 && status == DUKA_CLOCK_STATUS_WORKING)
            status = DUKA_CLOCK_STATUS_ON_BREAK, last_at = at;
          else if (g_strcmp0 (event, "break_end") == 0 && status == DUKA_CLOCK_STATUS_ON_BREAK)
            status = DUKA_CLOCK_STATUS_WORKING;
          else
            status = DUKA_CLOCK_STATUS_INVALID;
        }
      duka_store_stmt_done (stmt);
    }
  duka_store_release_reader (self->store, db);

  if (since != NULL && status != DUKA_CLOCK_STATUS_INVALID)
    *since = last_at;
  return status;
}

static gint64
local_midnight (GTimeZone *tz,
                GDate     *day,
                int        add_days)
{
  GDate copy = *day;
  g_autoptr(GDateTime) dt = NULL;

  g_date_add_days (&copy, add_days);
  dt = g_date_time_new (tz, g_date_get_year (&copy), g_date_get_month (&copy),
                        g_date_get_day (&copy), 0, 0, 0);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/**
 * duka_time_clock_list_entries:
 * @staff_id: (nullable): one person, or %NULL for everyone
 * @first_day: the period's first day, in the outlet's time zone
 * @last_day: its last day
 *
 * Returns: (transfer full) (element-type DukaTimeEntryInfo): the live
 *   entries of @outlet_id in the period, by person and time
 */
GPtrArray *
duka_time_clock_list_entries (DukaTimeClock  *self,
                              const char     *outlet_id,
                              const char     *staff_id,
                              GDate          *first_day,
                              GDate          *last_day,
                              GError        **error)
{
  static const char sql[] =
    "SELECT e.id, e.staff_id, e.event, e.at, e.paid, e.auto_closed, e.reason FROM time_entry e"
    " WHERE e.outlet_id = ?1 AND (?2 IS NULL OR e.staff_id = ?2) AND e.at >= ?3 AND e.at < ?4 AND"
    LIVE_WHERE LIVE_ORDER;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) duka_time_entry_info_free);
  g_autoptr(GTimeZone) tz = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), NULL);
  g_return_val_if_fail (g_date_valid (first_day) && g_date_valid (last_day), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  tz = duka_time_clock_outlet_zone (db, outlet_id, NULL, error);
  stmt = tz ? duka_store_prepare_cached (db, sql, error) : NULL;
  if (stmt == NULL)
    {
      duka_store_release_reader (self->store, db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, outlet_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, local_midnight (tz, first_day, 0));
  sqlite3_bind_int64 (stmt, 4, local_midnight (tz, last_day, 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DukaTimeEntryInfo *info = g_new0 (DukaTimeEntryInfo, 1);

      info->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->staff_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->event = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->at = sqlite3_column_int64 (stmt, 3);
      info->paid = sqlite3_column_int (stmt, 4) != 0;
      info->auto_closed = sqlite3_column_int (stmt, 5) != 0;
      info->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (entries, info);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      duka_store_release_reader (self->store, db);
      return NULL;
    }
  duka_store_release_reader (self->store, db);

  return g_steal_pointer (&entries);
}

/**
 * duka_time_clock_get_today:
 * @today: (out caller-allocates): today's date in @outlet_id's time zone,
 *   by the store's clock (the system's zone when the outlet has none)
 */
void
duka_time_clock_get_today (DukaTimeClock *self,
                           const char    *outlet_id,
                           GDate         *today)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  sqlite3 *db;

  g_return_if_fail (DUKA_IS_TIME_CLOCK (self));

  db = duka_store_acquire_reader (self->store, NULL);
  if (db != NULL)
    {
      tz = duka_time_clock_outlet_zone (db, outlet_id, NULL, NULL);
      duka_store_release_reader (self->store, db);
    }
  if (tz == NULL)
    tz = g_time_zone_new_local ();
  now = duka_clock_now_in (duka_store_get_clock (self->store), tz);

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}
