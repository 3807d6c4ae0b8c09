/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Timesheets: live time entries paired into work shifts, minutes per day
 * in the outlet's time zone, overtime by the daily and weekly thresholds,
 * labour cost, and the payroll CSV.  See SCHEMA.md, "Time clock".
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-csv.h"
#include "duka-currency.h"
#include "duka-money-math.h"
#include "duka-store-private.h"
#include "duka-time-clock-private.h"

#define MINUTE_US (60 * G_USEC_PER_SEC)
/* How long after the period a work shift that began in it may end. */
#define LONGEST_WORK_SHIFT_US (G_GINT64_CONSTANT (48) * 3600 * G_USEC_PER_SEC)

static const char live_for_outlet_sql[] =
  "SELECT e.id, e.staff_id, e.outlet_id, e.event, e.at, e.paid, e.auto_closed FROM time_entry e"
  " WHERE e.outlet_id = ?1 AND e.at >= ?2 AND e.at < ?3 AND e.voided = 0"
  "   AND NOT EXISTS (SELECT 1 FROM time_entry c WHERE c.corrects_id = e.id)"
  " ORDER BY e.staff_id, e.at, CASE e.event WHEN 'break_end' THEN 0 WHEN 'clock_out' THEN 1"
  "                                          WHEN 'clock_in' THEN 2 ELSE 3 END";

void
duka_timesheet_free (DukaTimesheet *sheet)
{
  g_free (sheet->staff_id);
  g_free (sheet->name);
  g_free (sheet);
}

static gint64
local_midnight (GTimeZone *tz,
                GDate     *day)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day),
                                             g_date_get_day (day), 0, 0, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* Days from @first to the local date of @at, in @tz. */
static gint64
day_index (gint64     at,
           GTimeZone *tz,
           GDate     *first)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return g_date_days_between (first, &day);
}

/* Walks one person's entries (sorted) and adds each closed work shift's
 * minutes to the day it began on.  Entries of work shifts that began
 * before the period, or are still open, are left out. */
static gboolean
add_work_shifts (GPtrArray     *entries,
                 guint          begin,
                 guint          end,
                 GTimeZone     *tz,
                 GDate         *first,
                 gint64        *day_minutes,
                 guint          n_days,
                 DukaTimesheet *sheet,
                 GError       **error)
{
  gint64 start = -1, break_start = -1, unpaid_us = 0;
  gboolean break_paid = FALSE;

  for (guint i = begin; i < end; i++)
    {
      DukaTimeEntry *entry = g_ptr_array_index (entries, i);
      gint64 minutes, day;

      switch (entry->event)
        {
        case DUKA_TIME_EVENT_CLOCK_IN:
          start = entry->at;
          unpaid_us = 0;
          break_start = -1;
          break;
        case DUKA_TIME_EVENT_BREAK_START:
          break_start = entry->at;
          break_paid = entry->paid;
          break;
        case DUKA_TIME_EVENT_BREAK_END:
          if (start >= 0 && break_start >= 0 && !break_paid)
            unpaid_us += entry->at - break_start;
          break_start = -1;
          break;
        case DUKA_TIME_EVENT_CLOCK_OUT:
          if (start < 0)
            break;
          day = day_index (start, tz, first);
          if (day >= 0 && day < n_days)
            {
              /* Seconds round to the nearest minute, once per work shift. */
              if (!duka_money_divide (entry->at - start - unpaid_us, MINUTE_US,
                                      DUKA_ROUND_HALF_UP, &minutes, error))
                return FALSE;
              day_minutes[day] += minutes;
              sheet->n_work_shifts++;
              sheet->n_auto_closed += entry->auto_closed;
            }
          start = -1;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/* Daily overtime is each day's minutes above the daily threshold; weekly
 * overtime is what is left above the weekly threshold in each 7 days
 * counted from the period's first day, so no minute is overtime twice. */
static void
split_overtime (const gint64                *day_minutes,
                guint                        n_days,
                const DukaTimeClockSettings *settings,
                DukaTimesheet               *sheet)
{
  for (guint week = 0; week < n_days; week += 7)
    {
      gint64 straight = 0;

      for (guint d = week; d < MIN (week + 7, n_days); d++)
        {
          gint64 over = 0;

          if (settings->daily_overtime_minutes > 0)
            over = MAX (0, day_minutes[d] - settings->daily_overtime_minutes);
          sheet->worked_minutes += day_minutes[d];
          sheet->daily_overtime_minutes += over;
          straight += day_minutes[d] - over;
        }
      if (settings->weekly_overtime_minutes > 0 && straight > settings->weekly_overtime_minutes)
        {
          sheet->weekly_overtime_minutes += straight - settings->weekly_overtime_minutes;
          straight = settings->weekly_overtime_minutes;
        }
      sheet->regular_minutes += straight;
    }
}

static gboolean
load_person (sqlite3       *db,
             DukaTimesheet *sheet,
             GError       **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT coalesce (display_name, name), coalesce (hourly_rate, 0) FROM staff WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sheet->staff_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sheet->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sheet->hourly_rate = sqlite3_column_int64 (stmt, 1);
    }
  else
    sheet->name = g_strdup (_("Unknown person"));
  duka_store_stmt_done (stmt);

  return TRUE;
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  const DukaTimesheet *x = *(DukaTimesheet **) a;
  const DukaTimesheet *y = *(DukaTimesheet **) b;
  g_autofree char *kx = g_utf8_collate_key (x->name, -1);
  g_autofree char *ky = g_utf8_collate_key (y->name, -1);
  int c = strcmp (kx, ky);

  return c != 0 ? c : strcmp (x->staff_id, y->staff_id);
}

static GPtrArray *
build_timesheets (sqlite3     *db,
                  const char  *outlet_id,
                  GDate       *first,
                  GDate       *last,
                  GError     **error)
{
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) duka_timesheet_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  DukaTimeClockSettings settings;
  GDate after_last = *last;
  guint n_days = g_date_days_between (first, last) + 1;
  gint64 from, until;

  tz = duka_time_clock_outlet_zone (db, outlet_id, NULL, error);
  if (tz == NULL || !duka_time_clock_load_settings_in (db, outlet_id, &settings, error))
    return NULL;

  g_date_add_days (&after_last, 1);
  from = local_midnight (tz, first);
  until = local_midnight (tz, &after_last) + LONGEST_WORK_SHIFT_US;
  entries = duka_time_clock_live_entries (db, live_for_outlet_sql, outlet_id, from, until, error);
  if (entries == NULL)
    return NULL;

  for (guint begin = 0, end; begin < entries->len; begin = end)
    {
      const char *staff_id = ((DukaTimeEntry *) g_ptr_array_index (entries, begin))->staff_id;
      g_autoptr(DukaTimesheet) sheet = g_new0 (DukaTimesheet, 1);
      g_autofree gint64 *day_minutes = g_new0 (gint64, n_days);

      for (end = begin; end < entries->len; end++)
        if (!g_str_equal (((DukaTimeEntry *) g_ptr_array_index (entries, end))->staff_id, staff_id))
          break;

      sheet->staff_id = g_strdup (staff_id);
      if (!add_work_shifts (entries, begin, end, tz, first, day_minutes, n_days, sheet, error))
        return NULL;
      if (sheet->n_work_shifts == 0)
        continue;
      split_overtime (day_minutes, n_days, &settings, sheet);
      /* Labour cost = hourly rate × minutes ÷ 60, rounded half up once
       * per person and period, so it never drifts with the day count. */
      if (!load_person (db, sheet, error) ||
          !duka_money_scale (sheet->hourly_rate, sheet->worked_minutes, 60, DUKA_ROUND_HALF_UP,
                             &sheet->labour_cost, error))
        return NULL;
      g_ptr_array_add (sheets, g_steal_pointer (&sheet));
    }

  g_ptr_array_sort (sheets, compare_by_name);
  return g_steal_pointer (&sheets);
}

/**
 * duka_time_clock_get_timesheets:
 * @first_day: the pay period's first day, in the outlet's time zone
 * @last_day: its last day (inclusive)
 *
 * Returns: (transfer container) (element-type DukaTimesheet): one sheet
 *   per person with a closed work shift that began in the period.
 */
GPtrArray *
duka_time_clock_get_timesheets (DukaTimeClock  *self,
                                const char     *outlet_id,
                                GDate          *first_day,
                                GDate          *last_day,
                                GError        **error)
{
  GPtrArray *sheets;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), NULL);
  g_return_val_if_fail (g_date_valid (first_day) && g_date_valid (last_day), NULL);

  if (g_date_compare (first_day, last_day) > 0 || g_date_days_between (first_day, last_day) > 366)
    {
      g_set_error_literal (error, DUKA_TIME_CLOCK_ERROR, DUKA_TIME_CLOCK_ERROR_INVALID,
                           _("A pay period runs from its first day to its last, at most a year"));
      return NULL;
    }

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  sheets = build_timesheets (db, outlet_id, first_day, last_day, error);
  duka_store_release_reader (self->store, db);

  return sheets;
}

/* An amount in major units as the C locale writes it ("1234.50"), so a
 * payroll program reads it whatever the till's language. */
static char *
format_plain_amount (gint64  minor,
                     guint   exponent)
{
  guint64 magnitude = minor < 0 ? -(guint64) minor : (guint64) minor;
  guint64 scale = 1;

  for (guint i = 0; i < exponent; i++)
    scale *= 10;
  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, minor < 0 ? "-" : "", magnitude);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, minor < 0 ? "-" : "",
                          magnitude / scale, (int) exponent, magnitude % scale);
}

static char *
format_date (GDate *day)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", day);
  return g_strdup (text);
}

/**
 * duka_time_clock_timesheets_to_csv:
 * @currency: ISO 4217 code of the amounts
 *
 * The payroll export: RFC 4180, CRLF, one row per person.  Column names
 * are fixed English identifiers, so payroll programs can map them.
 */
char *
duka_time_clock_timesheets_to_csv (GPtrArray  *timesheets,
                                   const char *currency,
                                   GDate      *first_day,
                                   GDate      *last_day)
{
  static const char * const header[] = {
    "staff_id", "name", "first_day", "last_day", "work_shifts", "auto_closed",
    "worked_minutes", "regular_minutes", "daily_overtime_minutes",
    "weekly_overtime_minutes", "hourly_rate", "labour_cost", "currency",
  };
  const DukaCurrency *info = duka_currency_lookup (currency);
  guint exponent = info != NULL ? info->exponent : 2;
  g_autofree char *first = format_date (first_day);
  g_autofree char *last = format_date (last_day);
  GString *out = g_string_new (NULL);

  duka_csv_write_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < timesheets->len; i++)
    {
      DukaTimesheet *sheet = g_ptr_array_index (timesheets, i);
      g_autofree char *work_shifts = g_strdup_printf ("%u", sheet->n_work_shifts);
      g_autofree char *auto_closed = g_strdup_printf ("%u", sheet->n_auto_closed);
      g_autofree char *worked = g_strdup_printf ("%" G_GINT64_FORMAT, sheet->worked_minutes);
      g_autofree char *regular = g_strdup_printf ("%" G_GINT64_FORMAT, sheet->regular_minutes);
      g_autofree char *daily = g_strdup_printf ("%" G_GINT64_FORMAT, sheet->daily_overtime_minutes);
      g_autofree char *weekly = g_strdup_printf ("%" G_GINT64_FORMAT, sheet->weekly_overtime_minutes);
      g_autofree char *rate = format_plain_amount (sheet->hourly_rate, exponent);
      g_autofree char *cost = format_plain_amount (sheet->labour_cost, exponent);
      const char *row[] = {
        sheet->staff_id, sheet->name, first, last, work_shifts, auto_closed, worked, regular,
        daily, weekly, rate, cost, currency,
      };

      duka_csv_write_row (out, row, G_N_ELEMENTS (row));
    }

  return g_string_free (out, FALSE);
}
