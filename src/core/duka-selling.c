/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the register, refunds and cash sessions: where this till is,
 * entity upserts and fact ops for the outbox, the receipt series and its
 * hash chain.  See duka-selling-private.h.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-entities.h"
#include "duka-id.h"
#include "duka-outbox.h"
#include "duka-registry.h"
#include "duka-selling-private.h"
#include "duka-store-private.h"

gboolean
duka_selling_refuse (GError     **error,
                     GQuark       domain,
                     int          code,
                     const char  *message)
{
  g_set_error_literal (error, domain, code, message);
  return FALSE;
}

/* NULL, empty or only white space: not a reason. */
gboolean
duka_selling_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Cash rounding by currency: the smallest coin in circulation, where it
 * is larger than the minor unit.  Other currencies round nothing. */
gint64
duka_selling_cash_step (const char *currency)
{
  static const struct { const char code[4]; gint64 step; } steps[] = {
    { "AUD", 5 }, { "CAD", 5 }, { "CHF", 5 }, { "CZK", 100 }, { "DKK", 50 },
    { "HUF", 5 }, { "KES", 100 }, { "NOK", 100 }, { "NZD", 10 }, { "SEK", 100 },
    { "ZAR", 10 }, { "INR", 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i].code, currency) == 0)
      return steps[i].step;
  return 0;
}

gboolean
duka_selling_context_load (sqlite3             *db,
                           DukaSellingContext  *ctx,
                           GError             **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT t.id, t.code, o.id, o.currency, o.tax_regime, o.tax_rounding,"
    "       o.time_zone, o.day_cutoff_hour"
    " FROM this_device d JOIN till t ON t.id = d.till_id JOIN outlet o ON o.id = t.outlet_id",
    error);
  gboolean found = FALSE;

  memset (ctx, 0, sizeof *ctx);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *regime = (const char *) sqlite3_column_text (stmt, 4);
      const char *rounding = (const char *) sqlite3_column_text (stmt, 5);

      ctx->till_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      ctx->till_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      ctx->outlet_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      ctx->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      ctx->taxed = g_strcmp0 (regime, "none") != 0;
      ctx->tax_mode = g_strcmp0 (regime, "exclusive") == 0 ? DUKA_TAX_EXCLUSIVE : DUKA_TAX_INCLUSIVE;
      ctx->tax_scope = g_strcmp0 (rounding, "per-receipt") == 0 ? DUKA_TAX_ROUND_PER_RECEIPT
                                                                 : DUKA_TAX_ROUND_PER_LINE;
      ctx->tz = g_time_zone_new_identifier ((const char *) sqlite3_column_text (stmt, 6));
      if (ctx->tz == NULL)
        ctx->tz = g_time_zone_new_utc ();
      ctx->cutoff_hour = sqlite3_column_int (stmt, 7);
      ctx->cash_step = duka_selling_cash_step (ctx->currency);
      found = TRUE;
    }
  duka_store_stmt_done (stmt);

  if (!found)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                         _("This device is not set up as a till yet"));
  return found;
}

void
duka_selling_context_clear (DukaSellingContext *ctx)
{
  g_clear_pointer (&ctx->till_id, g_free);
  g_clear_pointer (&ctx->till_code, g_free);
  g_clear_pointer (&ctx->outlet_id, g_free);
  g_clear_pointer (&ctx->currency, g_free);
  g_clear_pointer (&ctx->tz, g_time_zone_unref);
}

/* The outlet's local date of @at, where a day runs from the cut-off hour
 * to the next day's: a sale at 01:30 with a 04:00 cut-off belongs to
 * yesterday. */
char *
duka_selling_business_date (DukaSellingContext *ctx,
                            gint64              at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, ctx->tz);
  g_autoptr(GDateTime) shifted = g_date_time_add_hours (local, -ctx->cutoff_hour);

  return g_date_time_format (shifted, "%Y-%m-%d");
}

JsonObject *
duka_selling_upsert (sqlite3          *db,
                     const char       *kind_name,
                     const char       *id,
                     JsonObject       *changes,
                     const DukaActor  *actor,
                     const char       *device,
                     gint64            now,
                     GError          **error)
{
  const DukaKindSpec *kind = duka_registry_lookup (kind_name);
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(JsonObject) op_data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *new_id = NULL;
  g_auto(GStrv) fields = NULL;
  gint64 base_version = 0;
  DukaOp op = { 0 };
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  g_return_val_if_fail (kind != NULL, NULL);

  if (id == NULL)
    id = new_id = g_strdup (json_object_get_string_member_with_default (changes, "id", NULL));
  if (id == NULL)
    id = new_id = duka_id_new ();

  current = duka_entities_load (db, kind, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (current != NULL)
    {
      base_version = json_object_get_int_member (current, "version");
      json_object_iter_init (&iter, current);
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (merged, member, json_node_copy (value));
    }

  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (merged, member, json_node_copy (value));
  json_object_set_string_member (merged, "id", id);

  if (!duka_registry_validate (kind, merged, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  fields = duka_entities_changed_fields (kind, current, merged);
  if (!duka_entities_write (db, kind, id, merged, base_version + 1, FALSE, device, now, error))
    return NULL;

  op_data = json_object_new ();
  json_object_iter_init (&iter, merged);
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_str_equal (member, "id") && !g_str_equal (member, "version") && !g_str_equal (member, "deleted"))
      json_object_set_member (op_data, member, json_node_copy (value));

  op.kind = kind->name;
  op.action = "upsert";
  op.entity_id = id;
  op.base_version = base_version;
  op.fields = (const char * const *) fields;
  op.data = op_data;
  op.actor = actor;
  op.device_id = device;
  op.at = now;
  if (!duka_outbox_append (db, &op, error))
    return NULL;

  json_object_set_int_member (merged, "version", base_version + 1);
  return g_steal_pointer (&merged);
}

gboolean
duka_selling_fact_op (sqlite3          *db,
                      const char       *kind,
                      const char       *id,
                      JsonObject       *data,
                      const DukaActor  *actor,
                      const char       *device,
                      gint64            at,
                      const char       *business_date,
                      GError          **error)
{
  DukaOp op = { 0 };

  op.kind = kind;
  op.action = "insert";
  op.entity_id = id;
  op.data = data;
  op.actor = actor;
  op.device_id = device;
  op.at = at;
  op.business_date = business_date;

  return duka_outbox_append (db, &op, error);
}

/* Receipt series and the hash chain ----------------------------------------- */

void
duka_series_free (DukaSeries *series)
{
  g_free (series->id);
  g_free (series->prefix);
  g_free (series->last_hash);
  g_free (series);
}

DukaSeries *
duka_series_load (sqlite3     *db,
                  const char  *till_id,
                  const char  *origin,
                  const char  *prefix,
                  gint64       now,
                  GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT id, prefix, next_seq, next_number, next_z, last_hash FROM receipt_series"
    " WHERE till_id = ?1 AND origin = ?2 ORDER BY epoch DESC LIMIT 1", error);
  DukaSeries *series = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, origin, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      series = g_new0 (DukaSeries, 1);
      series->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      series->prefix = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      series->next_seq = sqlite3_column_int64 (stmt, 2);
      series->next_number = sqlite3_column_int64 (stmt, 3);
      series->next_z = sqlite3_column_int64 (stmt, 4);
      series->last_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
    }
  duka_store_stmt_done (stmt);
  if (series != NULL)
    return series;

  stmt = duka_store_prepare_cached (db,
    "INSERT INTO receipt_series (id, till_id, origin, epoch, prefix, last_hash, started_at)"
    " VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return NULL;
  series = g_new0 (DukaSeries, 1);
  series->id = duka_id_new ();
  series->prefix = g_strdup (prefix);
  series->next_seq = series->next_number = series->next_z = 1;
  series->last_hash = g_strdup (DUKA_CHAIN_GENESIS);
  sqlite3_bind_text (stmt, 1, series->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, till_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, origin, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, series->last_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      duka_store_stmt_done (stmt);
      duka_series_free (series);
      return NULL;
    }
  duka_store_stmt_done (stmt);
  return series;
}

/* Version 1 of the chain's byte encoding: the version, the previous hash,
 * the kind, the sequence number and the fact's JSON (without "hash"),
 * each ended by a zero byte. */
char *
duka_chain_hash (const char  *prev_hash,
                 const char  *kind,
                 gint64       seq,
                 const char  *payload)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char number[32];
  static const guchar zero = 0;

  g_checksum_update (checksum, (const guchar *) "duka-chain-1", -1);
  g_checksum_update (checksum, &zero, 1);
  g_checksum_update (checksum, (const guchar *) prev_hash, -1);
  g_checksum_update (checksum, &zero, 1);
  g_checksum_update (checksum, (const guchar *) kind, -1);
  g_checksum_update (checksum, &zero, 1);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, seq);
  g_checksum_update (checksum, (const guchar *) number, -1);
  g_checksum_update (checksum, &zero, 1);
  g_checksum_update (checksum, (const guchar *) payload, -1);
  g_checksum_update (checksum, &zero, 1);

  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
duka_series_link (sqlite3      *db,
                  DukaSeries   *series,
                  const char   *kind,
                  const char   *fact_id,
                  JsonObject   *data,
                  gboolean      uses_number,
                  gboolean      uses_z,
                  GError      **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  json_object_set_string_member (data, "series_id", series->id);
  json_object_set_int_member (data, "seq", series->next_seq);
  json_object_set_string_member (data, "prev_hash", series->last_hash);
  json_object_remove_member (data, "hash");

  node = json_node_init_object (json_node_alloc (), data);
  payload = json_to_string (node, FALSE);
  hash = duka_chain_hash (series->last_hash, kind, series->next_seq, payload);
  json_object_set_string_member (data, "hash", hash);

  stmt = duka_store_prepare_cached (db,
    "INSERT INTO chain_link (series_id, seq, kind, fact_id, payload, prev_hash, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, series->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, series->next_seq);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, fact_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, payload, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, series->last_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, hash, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);
  duka_store_stmt_done (stmt);
  if (!ok)
    return FALSE;

  series->next_seq++;
  if (uses_number)
    series->next_number++;
  if (uses_z)
    series->next_z++;
  g_free (series->last_hash);
  series->last_hash = g_steal_pointer (&hash);

  stmt = duka_store_prepare_cached (db,
    "UPDATE receipt_series SET next_seq = ?2, next_number = ?3, next_z = ?4, last_hash = ?5"
    " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, series->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, series->next_seq);
  sqlite3_bind_int64 (stmt, 3, series->next_number);
  sqlite3_bind_int64 (stmt, 4, series->next_z);
  sqlite3_bind_text (stmt, 5, series->last_hash, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);
  duka_store_stmt_done (stmt);
  duka_store_record_change (db, "receipt_series", series->id);

  return ok;
}

gboolean
duka_selling_open_session (sqlite3     *db,
                           const char  *till_id,
                           char       **session_id,
                           char       **business_date)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT s.id, s.business_date FROM cash_session s"
    " WHERE s.till_id = ?1 AND NOT EXISTS (SELECT 1 FROM z_report z WHERE z.cash_session_id = s.id)"
    " ORDER BY s.opened_at DESC LIMIT 1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, till_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (session_id != NULL)
        *session_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (business_date != NULL)
        *business_date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = TRUE;
    }
  duka_store_stmt_done (stmt);

  return found;
}

/* Tax classes ------------------------------------------------------------- */

typedef struct
{
  DukaTaxClass  klass;
  DukaTaxRate  *rates;
  GPtrArray    *strings;
} OwnedTaxClass;

static void
owned_tax_class_free (gpointer data)
{
  OwnedTaxClass *owned = data;

  g_free (owned->rates);
  g_ptr_array_unref (owned->strings);
  g_free (owned);
}

static const char *
keep (GPtrArray   *strings,
      const char  *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  g_ptr_array_add (strings, copy);
  return copy;
}

/* Values are DukaTaxClass pointers (their rates and strings owned by the
 * table), keyed by tax class id. */
GHashTable *
duka_selling_tax_classes (sqlite3  *db,
                          GError  **error)
{
  g_autoptr(GHashTable) classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          owned_tax_class_free);
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT id, name, rates FROM tax_class WHERE deleted = 0", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OwnedTaxClass *owned = g_new0 (OwnedTaxClass, 1);
      g_autoptr(JsonNode) rates = json_from_string ((const char *) sqlite3_column_text (stmt, 2), NULL);
      JsonArray *array = rates != NULL && JSON_NODE_HOLDS_ARRAY (rates) ? json_node_get_array (rates) : NULL;
      guint n = array != NULL ? json_array_get_length (array) : 0;

      owned->strings = g_ptr_array_new_with_free_func (g_free);
      owned->rates = g_new0 (DukaTaxRate, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        {
          JsonObject *rate = json_array_get_object_element (array, i);
          const char *band = json_object_get_string_member_with_default (rate, "band", NULL);

          owned->rates[i].id = keep (owned->strings, json_object_get_string_member_with_default (rate, "id", ""));
          owned->rates[i].name = keep (owned->strings, json_object_get_string_member_with_default (rate, "name", ""));
          owned->rates[i].rate_ppm = json_object_get_int_member_with_default (rate, "rate", 0);
          owned->rates[i].band = band != NULL && band[0] != '\0' ? band[0] : 0;
        }
      owned->klass.id = keep (owned->strings, (const char *) sqlite3_column_text (stmt, 0));
      owned->klass.name = keep (owned->strings, (const char *) sqlite3_column_text (stmt, 1));
      owned->klass.rates = owned->rates;
      owned->klass.n_rates = n;
      g_hash_table_insert (classes, g_strdup (owned->klass.id), owned);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&classes);
}
