/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The time clock's settings per outlet: overtime thresholds and the hour a
 * forgotten work shift is closed.  A registry entity whose id is the
 * outlet's; see SCHEMA.md, "Time clock".
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

gboolean
duka_time_clock_load_settings_in (sqlite3               *db,
                                  const char            *outlet_id,
                                  DukaTimeClockSettings *settings,
                                  GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) record = NULL;

  settings->daily_overtime_minutes = DUKA_TIME_CLOCK_DEFAULT_DAILY_MINUTES;
  settings->weekly_overtime_minutes = DUKA_TIME_CLOCK_DEFAULT_WEEKLY_MINUTES;
  settings->auto_close_hour = -1;

  record = duka_entities_load (db, duka_registry_lookup ("time_clock_settings"), outlet_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (record == NULL || json_object_get_boolean_member_with_default (record, "deleted", FALSE))
    return TRUE;

  settings->daily_overtime_minutes = json_object_get_int_member_with_default (record, "daily_overtime_minutes",
                                                                              settings->daily_overtime_minutes);
  settings->weekly_overtime_minutes = json_object_get_int_member_with_default (record, "weekly_overtime_minutes",
                                                                               settings->weekly_overtime_minutes);
  if (json_object_has_member (record, "auto_close_hour") &&
      !json_object_get_null_member (record, "auto_close_hour"))
    settings->auto_close_hour = json_object_get_int_member (record, "auto_close_hour");
  return TRUE;
}

gboolean
duka_time_clock_load_settings (DukaTimeClock          *self,
                               const char             *outlet_id,
                               DukaTimeClockSettings  *settings,
                               GError                **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return FALSE;
  ok = duka_time_clock_load_settings_in (db, outlet_id, settings, error);
  duka_store_release_reader (self->store, db);

  return ok;
}

typedef struct
{
  const DukaActor             *actor;
  const char                  *outlet_id;
  const DukaTimeClockSettings *settings;
  gint64                       now;
} SettingsJob;

static gboolean
save_settings_in_writer (DukaStore  *store,
                         sqlite3    *db,
                         gpointer    user_data,
                         GError    **error)
{
  SettingsJob *job = user_data;
  const DukaKindSpec *spec = duka_registry_lookup ("time_clock_settings");
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *device = NULL;
  g_auto(GStrv) fields = NULL;
  gint64 base_version = 0;
  DukaOp op = { 0 };

  tz = duka_time_clock_outlet_zone (db, job->outlet_id, NULL, error);
  if (tz == NULL)
    return FALSE;
  current = duka_entities_load (db, spec, job->outlet_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (current != NULL)
    base_version = json_object_get_int_member (current, "version");

  json_object_set_int_member (record, "daily_overtime_minutes", job->settings->daily_overtime_minutes);
  json_object_set_int_member (record, "weekly_overtime_minutes", job->settings->weekly_overtime_minutes);
  if (job->settings->auto_close_hour >= 0)
    json_object_set_int_member (record, "auto_close_hour", job->settings->auto_close_hour);
  else
    json_object_set_null_member (record, "auto_close_hour");
  if (!duka_registry_validate (spec, record, &local_error))
    return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_INVALID, local_error->message);

  fields = duka_entities_changed_fields (spec, current, record);
  device = duka_time_clock_this_till (db, error);
  if (device == NULL)
    return FALSE;

  op.kind = spec->name;
  op.action = "upsert";
  op.entity_id = job->outlet_id;
  op.base_version = base_version;
  op.fields = (const char * const *) fields;
  op.data = record;
  op.actor = job->actor;
  op.device_id = device;
  op.at = job->now;

  return duka_entities_write (db, spec, job->outlet_id, record, base_version + 1, FALSE,
                              device, job->now, error) &&
         duka_outbox_append (db, &op, error) &&
         duka_audit_append (db, job->actor, device, job->now, "time_clock_settings.update",
                            job->outlet_id, current, record, error);
}

/**
 * duka_time_clock_save_settings:
 * @settings: overtime thresholds and the auto-close hour for @outlet_id
 */
gboolean
duka_time_clock_save_settings (DukaTimeClock                *self,
                               const DukaActor              *actor,
                               const char                   *outlet_id,
                               const DukaTimeClockSettings  *settings,
                               GError                      **error)
{
  SettingsJob job = { actor, outlet_id, settings, 0 };

  g_return_val_if_fail (DUKA_IS_TIME_CLOCK (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (!duka_id_is_valid (outlet_id))
    return duka_time_clock_refuse (error, DUKA_TIME_CLOCK_ERROR_INVALID, _("Choose an outlet"));

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  return duka_store_write (self->store, save_settings_in_writer, &job, error);
}
