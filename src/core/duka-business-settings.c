/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The business, its outlet and this till, as one form a manager edits.
 */
#include <glib/gi18n-lib.h>

#include "duka-business-settings.h"
#include "duka-entities.h"
#include "duka-outbox.h"
#include "duka-registry.h"
#include "duka-permissions.h"
#include "duka-store-private.h"

struct _DukaBusinessSettings
{
  GObject    parent_instance;

  DukaStore *store;
};

G_DEFINE_FINAL_TYPE (DukaBusinessSettings, duka_business_settings, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char load_sql[] =
  "SELECT b.id, b.name, b.address, b.tax_number,"
  "       o.id, o.name, o.time_zone, o.currency, o.tax_regime, o.day_cutoff_hour,"
  "       t.id, t.name, t.code"
  "  FROM this_device d"
  "  JOIN till t ON t.id = d.till_id"
  "  JOIN outlet o ON o.id = t.outlet_id"
  "  JOIN business b ON b.id = o.business_id";

/* Each upsert bumps the version only when something really changed, so
 * saving an untouched form is not an edit that sync must carry. */
static const char upsert_business_sql[] =
  "INSERT INTO business (id, name, address, tax_number, updated_at, updated_by_device)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
  " ON CONFLICT (id) DO UPDATE SET"
  "   name = excluded.name, address = excluded.address,"
  "   tax_number = excluded.tax_number, version = version + 1,"
  "   updated_at = excluded.updated_at, updated_by_device = excluded.updated_by_device"
  " WHERE (name, address, tax_number)"
  "   IS NOT (excluded.name, excluded.address, excluded.tax_number)";

static const char upsert_outlet_sql[] =
  "INSERT INTO outlet (id, business_id, name, time_zone, currency, tax_regime,"
  "                    day_cutoff_hour, updated_at, updated_by_device)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
  " ON CONFLICT (id) DO UPDATE SET"
  "   name = excluded.name, time_zone = excluded.time_zone,"
  "   currency = excluded.currency, tax_regime = excluded.tax_regime,"
  "   day_cutoff_hour = excluded.day_cutoff_hour, version = version + 1,"
  "   updated_at = excluded.updated_at, updated_by_device = excluded.updated_by_device"
  " WHERE (name, time_zone, currency, tax_regime, day_cutoff_hour)"
  "   IS NOT (excluded.name, excluded.time_zone, excluded.currency,"
  "           excluded.tax_regime, excluded.day_cutoff_hour)";

static const char upsert_till_sql[] =
  "INSERT INTO till (id, outlet_id, name, code, updated_at, updated_by_device)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
  " ON CONFLICT (id) DO UPDATE SET"
  "   name = excluded.name, code = excluded.code, version = version + 1,"
  "   updated_at = excluded.updated_at, updated_by_device = excluded.updated_by_device"
  " WHERE (name, code) IS NOT (excluded.name, excluded.code)";

static const char set_device_sql[] =
  "INSERT INTO this_device (singleton, till_id) VALUES (1, ?1)"
  " ON CONFLICT (singleton) DO UPDATE SET till_id = excluded.till_id";

static void
duka_business_settings_dispose (GObject *object)
{
  DukaBusinessSettings *self = (DukaBusinessSettings *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (duka_business_settings_parent_class)->dispose (object);
}

static void
duka_business_settings_class_init (DukaBusinessSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = duka_business_settings_dispose;

  /**
   * DukaBusinessSettings::changed:
   *
   * Emitted after the business, outlet or till was saved.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
duka_business_settings_init (DukaBusinessSettings *self)
{
}

DukaBusinessSettings *
duka_business_settings_new (DukaStore *store)
{
  DukaBusinessSettings *self;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);

  self = g_object_new (DUKA_TYPE_BUSINESS_SETTINGS, NULL);
  self->store = g_object_ref (store);

  return self;
}

DukaStore *
duka_business_settings_get_store (DukaBusinessSettings *self)
{
  g_return_val_if_fail (DUKA_IS_BUSINESS_SETTINGS (self), NULL);

  return self->store;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static DukaProfile *
read_profile (sqlite3_stmt *stmt)
{
  DukaProfile *profile = g_new0 (DukaProfile, 1);
  g_autofree char *regime = NULL;

  profile->business_id = column_text (stmt, 0);
  profile->business_name = column_text (stmt, 1);
  profile->business_address = column_text (stmt, 2);
  profile->business_tax_number = column_text (stmt, 3);
  profile->outlet_id = column_text (stmt, 4);
  profile->outlet_name = column_text (stmt, 5);
  profile->time_zone = column_text (stmt, 6);
  profile->currency = column_text (stmt, 7);
  regime = column_text (stmt, 8);
  if (!duka_tax_regime_from_string (regime, &profile->tax_regime))
    profile->tax_regime = DUKA_TAX_REGIME_INCLUSIVE;
  profile->cutoff_hour = sqlite3_column_int (stmt, 9);
  profile->till_id = column_text (stmt, 10);
  profile->till_name = column_text (stmt, 11);
  profile->till_code = column_text (stmt, 12);

  return profile;
}

/* Returns the saved profile, or NULL without an error when the store has
 * not been set up yet. */
static DukaProfile *
load_saved (DukaBusinessSettings  *self,
            GError               **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  DukaProfile *profile = NULL;
  int rc;

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;

  stmt = duka_store_prepare_cached (db, load_sql, error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        profile = read_profile (stmt);
      else if (rc != SQLITE_DONE)
        duka_store_sql_error (db, error);
      duka_store_stmt_done (stmt);
    }

  duka_store_release_reader (self->store, db);
  return profile;
}

gboolean
duka_business_settings_is_configured (DukaBusinessSettings *self)
{
  g_autoptr(DukaProfile) profile = NULL;

  g_return_val_if_fail (DUKA_IS_BUSINESS_SETTINGS (self), FALSE);

  profile = load_saved (self, NULL);
  return profile != NULL;
}

/**
 * duka_business_settings_load:
 *
 * Returns: the saved business, outlet and till; or, for a store nobody has
 * set up yet, a default profile with fresh ids that is saved only when the
 * person confirms it.
 */
DukaProfile *
duka_business_settings_load (DukaBusinessSettings  *self,
                             GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  DukaProfile *profile;

  g_return_val_if_fail (DUKA_IS_BUSINESS_SETTINGS (self), NULL);

  profile = load_saved (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return profile ? profile : duka_profile_new_default ();
}

/**
 * duka_business_settings_dup_actor:
 *
 * Until staff sign in, every change on this till is made by the business
 * owner.
 */
DukaActor *
duka_business_settings_dup_actor (DukaBusinessSettings *self)
{
  g_autoptr(DukaProfile) profile = load_saved (self, NULL);

  return duka_actor_new_owner (profile ? profile->till_id : NULL);
}

/* Binds each value in order: strings as text, and the NULL-terminated
 * list's int64 slots (marked by INT_SLOT) from @ints.  Returns the number
 * of rows the statement changed, or -1 on error. */
#define INT_SLOT ((const char *) 1)

static int
run_statement (sqlite3             *db,
               const char          *sql,
               const char * const  *values,
               guint                n_values,
               const gint64        *ints,
               GError             **error)
{
  sqlite3_stmt *stmt;
  guint next_int = 0;
  int rc;

  stmt = duka_store_prepare_cached (db, sql, error);
  if (stmt == NULL)
    return -1;

  for (guint i = 0; i < n_values; i++)
    {
      if (values[i] == INT_SLOT)
        sqlite3_bind_int64 (stmt, (int) i + 1, ints[next_int++]);
      else
        sqlite3_bind_text (stmt, (int) i + 1, values[i], -1, SQLITE_TRANSIENT);
    }

  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);

  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      return -1;
    }

  return sqlite3_changes (db);
}

static DukaProfile *
normalized_copy (const DukaProfile *profile)
{
  DukaProfile *copy = duka_profile_copy (profile);

#define NORMALIZE(member, field) \
  G_STMT_START { \
    char *text = duka_profile_normalize_text (field, copy->member); \
    g_free (copy->member); \
    copy->member = text; \
  } G_STMT_END

  NORMALIZE (business_name, DUKA_PROFILE_FIELD_BUSINESS_NAME);
  NORMALIZE (business_address, DUKA_PROFILE_FIELD_BUSINESS_ADDRESS);
  NORMALIZE (business_tax_number, DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER);
  NORMALIZE (outlet_name, DUKA_PROFILE_FIELD_OUTLET_NAME);
  NORMALIZE (time_zone, DUKA_PROFILE_FIELD_TIME_ZONE);
  NORMALIZE (currency, DUKA_PROFILE_FIELD_CURRENCY);
  NORMALIZE (till_name, DUKA_PROFILE_FIELD_TILL_NAME);
  NORMALIZE (till_code, DUKA_PROFILE_FIELD_TILL_CODE);

#undef NORMALIZE

  return copy;
}

typedef struct
{
  const DukaProfile *profile;
  const DukaActor   *actor;
  const char        *device;
  gint64             now;
} SaveData;

/* The op for an entity the form changed: the record as it is now, the
 * fields that differ from @before, on the version the form started from. */
static gboolean
append_op (sqlite3         *db,
           const char      *kind_name,
           const char      *id,
           JsonObject      *before,
           const SaveData  *data,
           GError         **error)
{
  const DukaKindSpec *kind = duka_registry_lookup (kind_name);
  g_autoptr(JsonObject) after = duka_entities_load (db, kind, id, error);
  g_auto(GStrv) fields = NULL;
  DukaOp op = { 0 };

  if (after == NULL)
    return FALSE;

  fields = duka_entities_changed_fields (kind, before, after);
  op.kind = kind->name;
  op.action = "upsert";
  op.entity_id = id;
  op.base_version = before ? json_object_get_int_member (before, "version") : 0;
  op.fields = (const char * const *) fields;
  op.actor = data->actor;
  op.device_id = data->device;
  op.at = data->now;
  json_object_remove_member (after, "id");
  json_object_remove_member (after, "version");
  json_object_remove_member (after, "deleted");
  op.data = after;

  return duka_outbox_append (db, &op, error);
}

/* Runs on the store's writer thread, inside one transaction.  Only rows
 * an upsert really changed are recorded, so an untouched form makes no
 * change signal. */
static gboolean
save_profile (DukaStore  *store,
              sqlite3    *db,
              gpointer    user_data,
              GError    **error)
{
  const SaveData *data = user_data;
  const DukaProfile *p = data->profile;
  const char *business[] = { p->business_id, p->business_name,
                             p->business_address, p->business_tax_number,
                             INT_SLOT, data->device };
  const gint64 business_ints[] = { data->now };
  const char *outlet[] = { p->outlet_id, p->business_id, p->outlet_name,
                           p->time_zone, p->currency,
                           duka_tax_regime_to_string (p->tax_regime),
                           INT_SLOT, INT_SLOT, data->device };
  const gint64 outlet_ints[] = { p->cutoff_hour, data->now };
  const char *till[] = { p->till_id, p->outlet_id, p->till_name,
                         p->till_code, INT_SLOT, data->device };
  const gint64 till_ints[] = { data->now };
  const char *this_device[] = { p->till_id };
  g_autoptr(JsonObject) business_before = NULL;
  g_autoptr(JsonObject) outlet_before = NULL;
  g_autoptr(JsonObject) till_before = NULL;
  g_autoptr(GError) load_error = NULL;
  int changed;

  business_before = duka_entities_load (db, duka_registry_lookup ("business"), p->business_id, &load_error);
  outlet_before = duka_entities_load (db, duka_registry_lookup ("outlet"), p->outlet_id, &load_error);
  till_before = duka_entities_load (db, duka_registry_lookup ("till"), p->till_id, &load_error);
  if (load_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&load_error));
      return FALSE;
    }

  changed = run_statement (db, upsert_business_sql, business, G_N_ELEMENTS (business), business_ints, error);
  if (changed < 0)
    return FALSE;
  if (changed > 0)
    {
      duka_store_record_change (db, "business", p->business_id);
      if (!append_op (db, "business", p->business_id, business_before, data, error))
        return FALSE;
    }

  changed = run_statement (db, upsert_outlet_sql, outlet, G_N_ELEMENTS (outlet), outlet_ints, error);
  if (changed < 0)
    return FALSE;
  if (changed > 0)
    {
      duka_store_record_change (db, "outlet", p->outlet_id);
      if (!append_op (db, "outlet", p->outlet_id, outlet_before, data, error))
        return FALSE;
    }

  changed = run_statement (db, upsert_till_sql, till, G_N_ELEMENTS (till), till_ints, error);
  if (changed < 0)
    return FALSE;
  if (changed > 0)
    {
      duka_store_record_change (db, "till", p->till_id);
      if (!append_op (db, "till", p->till_id, till_before, data, error))
        return FALSE;
    }

  changed = run_statement (db, set_device_sql, this_device, 1, NULL, error);
  if (changed < 0)
    return FALSE;
  if (changed > 0)
    duka_store_record_change (db, "this_device", "1");

  return TRUE;
}

/**
 * duka_business_settings_save:
 *
 * Validates the whole profile and writes it in one transaction; on any
 * error nothing is written.
 */
gboolean
duka_business_settings_save (DukaBusinessSettings  *self,
                             const DukaActor       *actor,
                             const DukaProfile     *profile,
                             GError               **error)
{
  g_autoptr(DukaProfile) p = NULL;
  SaveData data;

  g_return_val_if_fail (DUKA_IS_BUSINESS_SETTINGS (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;

  p = normalized_copy (profile);
  if (!duka_profile_validate (p, error))
    return FALSE;

  data.profile = p;
  data.actor = actor;
  /* The first save is made by the till being set up. */
  data.device = actor->till_id ? actor->till_id : p->till_id;
  data.now = duka_clock_now (duka_store_get_clock (self->store));

  if (!duka_store_write (self->store, save_profile, &data, error))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}
