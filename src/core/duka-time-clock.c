/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The time clock: work shifts (not cash sessions).  Each clock-in,
 * clock-out, break start and break end is a time_entry fact; a manager's
 * edit is a correction fact pointing at the entry it replaces.  All times
 * come from the store's clock and are read in the outlet's time zone.
 *
 * duka-time-clock.c           entries, corrections, auto-close
 * duka-time-clock-settings.c  overtime thresholds, auto-close hour
 * duka-time-clock-sheets.c    timesheets, overtime, labour cost, CSV
 */
#include <glib/gi18n-lib.h>

#include "duka-audit-private.h"
#include "duka-entities.h"
#include "duka-id.h"
#include "duka-outbox.h"
#include "duka-permissions.h"
#include "duka-registry.h"
#include "duka-store-private.h"
#include "duka-time-clock-private.h"

G_DEFINE_FINAL_TYPE (DukaTimeClock, duka_time_clock, G_TYPE_OBJECT)
G_DEFINE_QUARK (duka-time-clock-error-quark, duka_time_clock_error)

static const char * const event_names[] = { "clock_in", "clock_out", "break_start", "break_end" };

/* Ties at one instant sort as a valid day reads: a break ends before the
 * work shift does, a work shift ends before the next one begins. */
#define LIVE_ENTRIES_WHERE \
  " AND e.at >= ?2 AND e.at < ?3 AND e.voided = 0" \
  " AND NOT EXISTS (SELECT 1 FROM time_entry c WHERE c.corrects_id = e.id)" \
  " ORDER BY e.staff_id, e.at, CASE e.event WHEN 'break_end' THEN 0 WHEN 'clock_out' THEN 1" \
  "                                          WHEN 'clock_in' THEN 2 ELSE 3 END"
#define LIVE_ENTRIES_SELECT \
  "SELECT e.id, e.staff_id, e.outlet_id, e.event, e.at, e.paid, e.auto_closed FROM time_entry e"

static const char live_for_staff_sql[] = LIVE_ENTRIES_SELECT " WHERE e.staff_id = ?1" LIVE_ENTRIES_WHERE;

typedef enum
{
  STATE_OFF,
  STATE_WORKING,
  STATE_ON_BREAK,
  STATE_INVALID,
} ClockState;

static void
duka_time_clock_dispose (GObject *object)
{
  DukaTimeClock *self = (DukaTimeClock *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (duka_time_clock_parent_class)->dispose (object);
}

static void
duka_time_clock_class_init (DukaTimeClockClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = duka_time_clock_dispose;
}

static void
duka_time_clock_init (DukaTimeClock *self)
{
}

DukaTimeClock *
duka_time_clock_new (DukaStore *store)
{
  DukaTimeClock *self;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);

  self = g_object_new (DUKA_TYPE_TIME_CLOCK, NULL);
  self->store = g_object_ref (store);
  return self;
}

gboolean
duka_time_clock_refuse (GError     **error,
                        int          code,
                        const char  *message)
{
  g_set_error_literal (error, DUKA_TIME_CLOCK_ERROR, code, message);
  return FALSE;
}

void
duka_time_entry_free (DukaTimeEntry *entry)
{
  g_free (entry->id);
  g_free (entry->staff_id);
  g_free (entry->outlet_id);
  g_free (entry);
}

/* Reading ------------------------------------------------------------------ */

GTimeZone *
duka_time_clock_outlet_zone (sqlite3     *db,
                             const char  *outlet_id,
                             int         *cutoff_hour,
                             GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT time_zone, day_cutoff_hour FROM outlet WHERE id = ?1", error);
  GTimeZone *tz = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, outlet_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      tz = g_time_zone_new_identifier ((const char *) sqlite3_column_text (stmt, 0));
      if (cutoff_hour != NULL)
        *cutoff_hour = sqlite3_column_int (stmt, 1);
    }
  duka_store_stmt_done (stmt);

  if (tz == NULL)
    duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_INVALID,
            _("The outlet is missing or has a time zone this computer does not know"));
  return tz;
}

static int
event_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (event_names); i++)
    if (g_strcmp0 (event_names[i], name) == 0)
      return i;
  return -1;
}

/* Live entries whose ?1 is @key, at or after @from and before @until, in
 * the order of LIVE_ENTRIES_WHERE. */
GPtrArray *
duka_time_clock_live_entries (sqlite3     *db,
                              const char  *sql,
                              const char  *key,
                              gint64       from,
                              gint64       until,
                              GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) duka_time_entry_free);
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DukaTimeEntry *entry = g_new0 (DukaTimeEntry, 1);

      entry->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->staff_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->outlet_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->event = event_from_name ((const char *) sqlite3_column_text (stmt, 3));
      entry->at = sqlite3_column_int64 (stmt, 4);
      entry->paid = sqlite3_column_int (stmt, 5) != 0;
      entry->auto_closed = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (entries, entry);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static GPtrArray *
person_timeline (sqlite3     *db,
                 const char  *staff_id,
                 GError     **error)
{
  return duka_time_clock_live_entries (db, live_for_staff_sql, staff_id, G_MININT64, G_MAXINT64, error);
}

/* Where a person's live entries leave them; STATE_INVALID when they do
 * not read as work shifts one after another (an overlap). */
static ClockState
walk_timeline (GPtrArray *entries)
{
  ClockState state = STATE_OFF;

  for (guint i = 0; i < entries->len; i++)
    {
      DukaTimeEntry *entry = g_ptr_array_index (entries, i);
      static const ClockState from[] = { STATE_OFF, STATE_WORKING, STATE_WORKING, STATE_ON_BREAK };
      static const ClockState to[] = { STATE_WORKING, STATE_OFF, STATE_ON_BREAK, STATE_WORKING };

      if (entry->event < 0 || state != from[entry->event])
        return STATE_INVALID;
      state = to[entry->event];
    }

  return state;
}

gboolean
duka_time_clock_is_clocked_in (DukaTimeClock *self,
                               const char    *staff_id)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), FALSE);

  db = duka_store_acquire_reader (self->store, NULL);
  if (db == NULL)
    return FALSE;
  entries = person_timeline (db, staff_id, NULL);
  duka_store_release_reader (self->store, db);

  return entries != NULL && walk_timeline (entries) != STATE_OFF;
}

char *
duka_time_clock_this_till (sqlite3  *db,
                           GError  **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, "SELECT till_id FROM this_device", error);
  char *till = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    till = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  duka_store_stmt_done (stmt);

  if (till == NULL)
    duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_INVALID, _("This device is not set up as a till yet"));
  return till;
}

/* Writing entries ------------------------------------------------------------- */

typedef struct
{
  const char      *staff_id;
  const char      *outlet_id;
  const char      *till_id;
  const DukaActor *actor;
  int              event;
  gint64           at;
  gint64           recorded_at;
  gboolean         paid;
  gboolean         auto_closed;
  const char      *corrects_id;
  gboolean         voided;
  const char      *reason;
} NewEntry;

/* The outlet's business date of @at: before the day cut-off hour, the
 * night still belongs to the day before. */
static char *
business_date (gint64     at,
               GTimeZone *tz,
               int        cutoff_hour)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) day = NULL;

  if (g_date_time_get_hour (local) < cutoff_hour)
    day = g_date_time_add_days (local, -1);
  else
    day = g_date_time_ref (local);
  return g_date_time_format (day, "%Y-%m-%d");
}

static JsonObject *
entry_to_json (const NewEntry *entry)
{
  JsonObject *data = json_object_new ();

  json_object_set_string_member (data, "staff_id", entry->staff_id);
  json_object_set_string_member (data, "outlet_id", entry->outlet_id);
  json_object_set_string_member (data, "till_id", entry->till_id);
  json_object_set_string_member (data, "event", event_names[entry->event]);
  json_object_set_int_member (data, "at", entry->at);
  json_object_set_boolean_member (data, "paid", entry->paid);
  json_object_set_boolean_member (data, "auto_closed", entry->auto_closed);
  if (entry->corrects_id != NULL)
    json_object_set_string_member (data, "corrects_id", entry->corrects_id);
  else
    json_object_set_null_member (data, "corrects_id");
  json_object_set_boolean_member (data, "voided", entry->voided);
  if (entry->reason != NULL)
    json_object_set_string_member (data, "reason", entry->reason);
  else
    json_object_set_null_member (data, "reason");
  return data;
}

/* Inserts one fact with its outbox op; @out_data receives its JSON. */
static gboolean
insert_entry (sqlite3         *db,
              const NewEntry  *entry,
              char           **out_id,
              JsonObject     **out_data,
              GError         **error)
{
  static const char sql[] =
    "INSERT INTO time_entry (id, staff_id, outlet_id, till_id, actor_id, event, at, recorded_at,"
    "                        business_date, paid, auto_closed, corrects_id, voided, reason)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
  g_autofree char *id = duka_id_new ();
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *date = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  DukaOp op = { 0 };
  int cutoff = 0;
  int rc;

  tz = duka_time_clock_outlet_zone (db, entry->outlet_id, &cutoff, error);
  if (tz == NULL)
    return FALSE;
  date = business_date (entry->at, tz, cutoff);
  data = entry_to_json (entry);
  if (!duka_registry_validate (duka_registry_lookup ("time_entry"), data, &local_error))
    return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_INVALID, local_error->message);

  stmt = duka_store_prepare_cached (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entry->staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entry->outlet_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, entry->till_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entry->actor ? entry->actor->staff_id : NULL, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, event_names[entry->event], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, entry->at);
  sqlite3_bind_int64 (stmt, 8, entry->recorded_at);
  sqlite3_bind_text (stmt, 9, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 10, entry->paid);
  sqlite3_bind_int (stmt, 11, entry->auto_closed);
  sqlite3_bind_text (stmt, 12, entry->corrects_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 13, entry->voided);
  sqlite3_bind_text (stmt, 14, entry->reason, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);
  duka_store_record_change (db, "time_entry", id);

  op.kind = "time_entry";
  op.action = "insert";
  op.entity_id = id;
  op.data = data;
  op.actor = entry->actor;
  op.device_id = entry->till_id;
  op.at = entry->recorded_at;
  op.business_date = date;
  if (!duka_outbox_append (db, &op, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  if (out_data != NULL)
    *out_data = g_steal_pointer (&data);
  return TRUE;
}

/* The first @hour:00 in @tz strictly after @after; across a DST gap GLib
 * moves a missing hour forward, so the instant always exists. */
static gint64
next_local_hour (gint64     after,
                 GTimeZone *tz,
                 int        hour)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (after / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  for (int days = 0; days < 3; days++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (local, days);
      g_autoptr(GDateTime) candidate = g_date_time_new (tz, g_date_time_get_year (day),
                                                        g_date_time_get_month (day),
                                                        g_date_time_get_day_of_month (day),
                                                        hour, 0, 0);
      gint64 at = g_date_time_to_unix (candidate) * G_USEC_PER_SEC;

      if (at > after)
        return at;
    }
  g_return_val_if_reached (after);
}

/* Closes @staff_id's open work shift with an auto-closed clock-out (and
 * break end) at the outlet's auto-close hour after its last entry, when
 * that hour has passed by @now.  Written by nobody: the till did it. */
static gboolean
close_forgotten_for (sqlite3     *db,
                     const char  *staff_id,
                     gint64       now,
                     gboolean    *closed,
                     GError     **error)
{
  g_autoptr(GPtrArray) entries = person_timeline (db, staff_id, error);
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *till = NULL;
  DukaTimeClockSettings settings;
  DukaTimeEntry *last;
  ClockState state;
  NewEntry entry = { 0 };
  int cutoff = 0;

  *closed = FALSE;
  if (entries == NULL)
    return FALSE;
  state = walk_timeline (entries);
  if (state != STATE_WORKING && state != STATE_ON_BREAK)
    return TRUE;

  last = g_ptr_array_index (entries, entries->len - 1);
  tz = duka_time_clock_outlet_zone (db, last->outlet_id, &cutoff, error);
  if (tz == NULL || !duka_time_clock_load_settings_in (db, last->outlet_id, &settings, error))
    return FALSE;

  entry.at = next_local_hour (last->at, tz, settings.auto_close_hour >= 0 ? settings.auto_close_hour : cutoff);
  if (entry.at > now)
    return TRUE;

  till = duka_time_clock_this_till (db, error);
  if (till == NULL)
    return FALSE;
  entry.staff_id = staff_id;
  entry.outlet_id = last->outlet_id;
  entry.till_id = till;
  entry.recorded_at = now;
  entry.auto_closed = TRUE;
  if (state == STATE_ON_BREAK)
    {
      entry.event = DUKA_TIME_EVENT_BREAK_END;
      if (!insert_entry (db, &entry, NULL, NULL, error))
        return FALSE;
    }
  entry.event = DUKA_TIME_EVENT_CLOCK_OUT;
  if (!insert_entry (db, &entry, NULL, NULL, error))
    return FALSE;

  *closed = TRUE;
  return TRUE;
}

typedef struct
{
  guint  n_closed;
  gint64 now;
} CloseJob;

static gboolean
close_forgotten_in_writer (DukaStore  *store,
                           sqlite3    *db,
                           gpointer    user_data,
                           GError    **error)
{
  CloseJob *job = user_data;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT DISTINCT staff_id FROM time_entry ORDER BY staff_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (people, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  for (guint i = 0; i < people->len; i++)
    {
      gboolean closed;

      if (!close_forgotten_for (db, g_ptr_array_index (people, i), job->now, &closed, error))
        return FALSE;
      job->n_closed += closed;
    }
  return TRUE;
}

/**
 * duka_time_clock_close_forgotten:
 * @n_closed: (out) (optional): how many work shifts were closed
 *
 * Closes every work shift left open past its outlet's auto-close hour,
 * flagged as auto-closed for a manager to correct.  The app calls it on
 * start and every few minutes; a clock-in does it for its own person.
 */
gboolean
duka_time_clock_close_forgotten (DukaTimeClock  *self,
                                 guint          *n_closed,
                                 GError        **error)
{
  CloseJob job = { 0 };
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), FALSE);

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  ok = duka_store_write (self->store, close_forgotten_in_writer, &job, error);
  if (n_closed != NULL)
    *n_closed = ok ? job.n_closed : 0;
  return ok;
}

typedef struct
{
  const DukaActor *actor;
  int              event;
  gboolean         paid;
  gint64           now;
  char            *id;
} ClockJob;

static gboolean
actor_till (sqlite3          *db,
            const DukaActor  *actor,
            char            **till_id,
            char            **outlet_id,
            GError          **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT t.id, t.outlet_id FROM till t WHERE t.id = coalesce (?1, (SELECT till_id FROM this_device))",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, actor->till_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *till_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *outlet_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  duka_store_stmt_done (stmt);

  if (*till_id == NULL)
    return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_INVALID, _("This device is not set up as a till yet"));
  return TRUE;
}

/* Whether @event may follow @state, in the words a person clocking in
 * understands. */
static gboolean
check_transition (ClockState   state,
                  int          event,
                  GError     **error)
{
  switch (event)
    {
    case DUKA_TIME_EVENT_CLOCK_IN:
      if (state != STATE_OFF)
        return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_ALREADY_CLOCKED_IN, _("You are already clocked in"));
      return TRUE;
    case DUKA_TIME_EVENT_CLOCK_OUT:
    case DUKA_TIME_EVENT_BREAK_START:
      if (state == STATE_OFF)
        return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_NOT_CLOCKED_IN, _("You are not clocked in"));
      if (state == STATE_ON_BREAK)
        return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_ON_BREAK, _("You are on a break; end it first"));
      return TRUE;
    case DUKA_TIME_EVENT_BREAK_END:
      if (state == STATE_OFF)
        return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_NOT_CLOCKED_IN, _("You are not clocked in"));
      if (state != STATE_ON_BREAK)
        return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_NOT_ON_BREAK, _("You are not on a break"));
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
clock_event_writer (DukaStore  *store,
                 sqlite3    *db,
                 gpointer    user_data,
                 GError    **error)
{
  ClockJob *job = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *till_id = NULL;
  g_autofree char *outlet_id = NULL;
  NewEntry entry = { 0 };
  ClockState state;
  gboolean closed;

  if (!actor_till (db, job->actor, &till_id, &outlet_id, error))
    return FALSE;
  /* Yesterday's forgotten work shift must not stop today's clock-in. */
  if (job->event == DUKA_TIME_EVENT_CLOCK_IN &&
      !close_forgotten_for (db, job->actor->staff_id, job->now, &closed, error))
    return FALSE;

  entries = person_timeline (db, job->actor->staff_id, error);
  if (entries == NULL)
    return FALSE;
  state = walk_timeline (entries);
  if (state == STATE_INVALID)
    return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_OVERLAP,
                   _("Your time entries overlap; ask a manager to correct them"));
  if (!check_transition (state, job->event, error))
    return FALSE;
  if (entries->len > 0 && ((DukaTimeEntry *) g_ptr_array_index (entries, entries->len - 1))->at > job->now)
    return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_OVERLAP,
                   _("This till’s clock is behind your last time entry; check the date and time"));

  entry.staff_id = job->actor->staff_id;
  entry.outlet_id = outlet_id;
  entry.till_id = till_id;
  entry.actor = job->actor;
  entry.event = job->event;
  entry.at = job->now;
  entry.recorded_at = job->now;
  entry.paid = job->paid;
  return insert_entry (db, &entry, &job->id, NULL, error);
}

static gboolean
run_clock (DukaTimeClock    *self,
           const DukaActor  *actor,
           int               event,
           gboolean          paid,
           char            **out_id,
           GError          **error)
{
  ClockJob job = { actor, event, paid, 0, NULL };
  gboolean ok;

  if (actor->staff_id == NULL)
    return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_INVALID, _("Sign in as yourself to use the time clock"));

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  ok = duka_store_write (self->store, clock_event_writer, &job, error);
  if (ok && out_id != NULL)
    *out_id = g_steal_pointer (&job.id);
  g_free (job.id);
  return ok;
}

/**
 * duka_time_clock_clock_in:
 * @actor: the person clocking in (their staff_id), on their till
 *
 * Refused when they are clocked in already; a work shift they forgot to
 * close is auto-closed first when its auto-close hour has passed.
 */
gboolean
duka_time_clock_clock_in (DukaTimeClock    *self,
                          const DukaActor  *actor,
                          char            **out_id,
                          GError          **error)
{
  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  return run_clock (self, actor, DUKA_TIME_EVENT_CLOCK_IN, FALSE, out_id, error);
}

gboolean
duka_time_clock_clock_out (DukaTimeClock    *self,
                           const DukaActor  *actor,
                           char            **out_id,
                           GError          **error)
{
  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  return run_clock (self, actor, DUKA_TIME_EVENT_CLOCK_OUT, FALSE, out_id, error);
}

/**
 * duka_time_clock_start_break:
 * @paid: whether the break counts as worked time
 */
gboolean
duka_time_clock_start_break (DukaTimeClock    *self,
                             const DukaActor  *actor,
                             gboolean          paid,
                             char            **out_id,
                             GError          **error)
{
  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  return run_clock (self, actor, DUKA_TIME_EVENT_BREAK_START, paid, out_id, error);
}

gboolean
duka_time_clock_end_break (DukaTimeClock    *self,
                           const DukaActor  *actor,
                           char            **out_id,
                           GError          **error)
{
  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  return run_clock (self, actor, DUKA_TIME_EVENT_BREAK_END, FALSE, out_id, error);
}

/* Corrections --------------------------------------------------------------- */

typedef struct
{
  const DukaActor *actor;
  const char      *entry_id;
  gint64           at;
  gboolean         voided;
  const char      *reason;
  gint64           now;
  char            *id;
} CorrectJob;

static JsonObject *
load_entry (sqlite3     *db,
            const char  *id,
            NewEntry    *entry,
            char       **strings,
            GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT staff_id, outlet_id, till_id, event, at, paid, auto_closed, corrects_id, voided, reason,"
    "       EXISTS (SELECT 1 FROM time_entry c WHERE c.corrects_id = e.id)"
    " FROM time_entry e WHERE id = ?1", error);
  JsonObject *data = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < 3; i++)
        strings[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i));
      strings[3] = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      strings[4] = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      entry->staff_id = strings[0];
      entry->outlet_id = strings[1];
      entry->till_id = strings[2];
      entry->event = event_from_name ((const char *) sqlite3_column_text (stmt, 3));
      entry->at = sqlite3_column_int64 (stmt, 4);
      entry->paid = sqlite3_column_int (stmt, 5);
      entry->auto_closed = sqlite3_column_int (stmt, 6);
      entry->corrects_id = strings[3];
      entry->voided = sqlite3_column_int (stmt, 8);
      entry->reason = strings[4];
      if (sqlite3_column_int (stmt, 10))
        duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_ALREADY_CORRECTED,
                _("This entry was corrected already; correct the newest version instead"));
      else if (entry->event >= 0)
        data = entry_to_json (entry);
      else
        duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_NOT_FOUND, _("This time entry is from a newer Duka"));
    }
  else
    duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_NOT_FOUND, _("This time entry does not exist"));
  duka_store_stmt_done (stmt);

  return data;
}

static gboolean
correct_in_writer (DukaStore  *store,
                   sqlite3    *db,
                   gpointer    user_data,
                   GError    **error)
{
  CorrectJob *job = user_data;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *till_id = NULL;
  g_autofree char *outlet_id = NULL;
  char *strings[5] = { NULL };
  NewEntry entry = { 0 };
  gboolean ok = FALSE;

  before = load_entry (db, job->entry_id, &entry, strings, error);
  if (before == NULL)
    goto out;
  if (!actor_till (db, job->actor, &till_id, &outlet_id, error))
    goto out;

  /* The correction stands for the same event of the same person. */
  entry.till_id = till_id;
  entry.actor = job->actor;
  entry.at = job->at;
  entry.recorded_at = job->now;
  entry.auto_closed = FALSE;
  entry.corrects_id = job->entry_id;
  entry.voided = job->voided;
  entry.reason = job->reason;
  if (!insert_entry (db, &entry, &job->id, &after, error))
    goto out;

  entries = person_timeline (db, entry.staff_id, error);
  if (entries == NULL)
    goto out;
  if (walk_timeline (entries) == STATE_INVALID)
    {
      duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_OVERLAP,
              _("With this change the person’s time entries would overlap or be out of order"));
      goto out;
    }

  ok = duka_audit_append (db, job->actor, till_id, job->now, "time_entry.correct",
                          job->entry_id, before, after, error);
out:
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_free (strings[i]);
  return ok;
}

/**
 * duka_time_clock_correct_entry:
 * @entry_id: the live entry to replace
 * @at: the instant the entry should have (µs, UTC)
 * @voided: TRUE to take the entry out instead
 * @reason: why, in the manager's words; required
 *
 * Adds a correction fact pointing at @entry_id and an audit entry with
 * the entry before and after.  Refused when the result would overlap.
 */
gboolean
duka_time_clock_correct_entry (DukaTimeClock    *self,
                               const DukaActor  *actor,
                               const char       *entry_id,
                               gint64            at,
                               gboolean          voided,
                               const char       *reason,
                               char            **out_id,
                               GError          **error)
{
  g_autofree char *trimmed = NULL;
  CorrectJob job = { 0 };
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;

  trimmed = g_strstrip (g_strdup (reason ? reason : ""));
  if (*trimmed == '\0')
    return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_INVALID, _("Say why this time entry is being changed"));
  job.now = duka_clock_now (duka_store_get_clock (self->store));
  if (at > job.now)
    return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_INVALID, _("A time entry cannot be in the future"));

  job.actor = actor;
  job.entry_id = entry_id;
  job.at = at;
  job.voided = voided;
  job.reason = trimmed;
  ok = duka_store_write (self->store, correct_in_writer, &job, error);
  if (ok && out_id != NULL)
    *out_id = g_steal_pointer (&job.id);
  g_free (job.id);
  return ok;
}
