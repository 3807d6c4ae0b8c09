/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pairing state, the outbox as the engine sends it, and what a push
 * answer does to it (src/sync/PROTOCOL.md); pulled pages are in
 * duka-sync-pull.c.  Every write is one short writer transaction, so a
 * crash at any instant leaves all of an answer or none of it.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-entities.h"
#include "duka-outbox.h"
#include "duka-store-private.h"
#include "duka-sync-apply.h"
#include "duka-sync-apply-private.h"

G_DEFINE_QUARK (duka-sync-apply-error-quark, duka_sync_apply_error)

void
duka_sync_state_free (DukaSyncState *state)
{
  if (state == NULL)
    return;
  g_free (state->server_url);
  g_free (state->tenant_id);
  g_free (state->device_id);
  g_free (state->outlet_id);
  g_free (state->till_code);
  g_free (state->cursor);
  g_free (state);
}

void
duka_sync_outbox_entry_free (DukaSyncOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->op_id);
  g_free (entry->body);
  g_free (entry);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

DukaSyncState *
duka_sync_load_state (DukaStore  *store,
                      GError    **error)
{
  sqlite3 *db = duka_store_acquire_reader (store, error);
  sqlite3_stmt *stmt;
  DukaSyncState *state = NULL;
  int rc;

  if (db == NULL)
    return NULL;
  stmt = duka_store_prepare_cached (db,
    "SELECT server_url, tenant_id, device_id, outlet_id, till_code, cursor, paired_at,"
    "       coalesce (last_push_at, 0), coalesce (last_pull_at, 0)"
    "  FROM sync_state", error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          state = g_new0 (DukaSyncState, 1);
          state->server_url = column_text (stmt, 0);
          state->tenant_id = column_text (stmt, 1);
          state->device_id = column_text (stmt, 2);
          state->outlet_id = column_text (stmt, 3);
          state->till_code = column_text (stmt, 4);
          state->cursor = column_text (stmt, 5);
          state->paired_at = sqlite3_column_int64 (stmt, 6);
          state->last_push_at = sqlite3_column_int64 (stmt, 7);
          state->last_pull_at = sqlite3_column_int64 (stmt, 8);
        }
      else if (rc != SQLITE_DONE)
        duka_store_sql_error (db, error);
      duka_store_stmt_done (stmt);
    }
  duka_store_release_reader (store, db);

  return state;
}

static char *
this_device (sqlite3 *db)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, "SELECT till_id FROM this_device", NULL);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = column_text (stmt, 0);
  duka_store_stmt_done (stmt);
  return id;
}

gboolean
duka_sync_check_adoptable (DukaStore   *store,
                           const char  *device_id,
                           GError     **error)
{
  sqlite3 *db = duka_store_acquire_reader (store, error);
  g_autofree char *current = NULL;

  if (db == NULL)
    return FALSE;
  current = this_device (db);
  duka_store_release_reader (store, db);

  if (current != NULL && g_strcmp0 (current, device_id) != 0)
    {
      g_set_error_literal (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_IN_USE,
                           _("This till already has a business of its own; only a new till can be paired"));
      return FALSE;
    }
  return TRUE;
}

/* Pairing ----------------------------------------------------------------- */

typedef struct
{
  const char *server_url;
  const char *tenant_id;
  const char *device_id;
  const char *outlet_id;
  const char *till_code;
  const char *till_name;
} Pairing;

static gboolean
write_pairing (DukaStore  *store,
               sqlite3    *db,
               gpointer    user_data,
               GError    **error)
{
  const Pairing *p = user_data;
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "INSERT INTO sync_state (singleton, server_url, tenant_id, device_id, outlet_id, till_code, paired_at)"
    " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (singleton) DO UPDATE SET server_url = excluded.server_url,"
    "   tenant_id = excluded.tenant_id, device_id = excluded.device_id,"
    "   outlet_id = excluded.outlet_id, till_code = excluded.till_code,"
    "   cursor = CASE WHEN sync_state.tenant_id = excluded.tenant_id THEN sync_state.cursor ELSE '0' END,"
    "   paired_at = excluded.paired_at", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->server_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, p->tenant_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, p->device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, p->outlet_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, p->till_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, duka_clock_now (duka_store_get_clock (store)));
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  duka_store_record_change (db, "sync_state", "1");
  return TRUE;
}

gboolean
duka_sync_save_pairing (DukaStore   *store,
                        const char  *server_url,
                        const char  *tenant_id,
                        const char  *device_id,
                        const char  *outlet_id,
                        const char  *till_code,
                        GError     **error)
{
  Pairing p = { server_url, tenant_id, device_id, outlet_id, till_code, NULL };

  return duka_store_write (store, write_pairing, &p, error);
}

static gboolean
adopt_in_writer (DukaStore  *store,
                 sqlite3    *db,
                 gpointer    user_data,
                 GError    **error)
{
  const Pairing *p = user_data;
  const DukaKindSpec *till = duka_registry_lookup ("till");
  gint64 now = duka_clock_now (duka_store_get_clock (store));
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = json_object_new ();
  g_auto(GStrv) fields = NULL;
  g_autofree char *current = this_device (db);
  gint64 version = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (current != NULL && g_strcmp0 (current, p->device_id) != 0)
    {
      g_set_error_literal (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_IN_USE,
                           _("This till already has a business of its own; only a new till can be paired"));
      return FALSE;
    }
  if (!duka_entities_exists (db, duka_registry_lookup ("outlet"), p->outlet_id))
    {
      g_set_error (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_INVALID,
                   _("The server sent no outlet %s"), p->outlet_id);
      return FALSE;
    }

  if (!write_pairing (store, db, user_data, error))
    return FALSE;

  before = duka_entities_load (db, till, p->device_id, NULL);
  if (before != NULL)
    version = json_object_get_int_member (before, "version");
  json_object_set_string_member (after, "outlet_id", p->outlet_id);
  json_object_set_string_member (after, "name", p->till_name);
  json_object_set_string_member (after, "code", p->till_code);
  fields = duka_entities_changed_fields (till, before, after);

  if (fields[0] != NULL)
    {
      DukaOp op = {
        .kind = "till", .action = "upsert", .entity_id = p->device_id,
        .base_version = version, .fields = (const char * const *) fields,
        .data = after, .device_id = p->device_id, .at = now,
      };

      if (!duka_entities_write (db, till, p->device_id, after, version + 1, FALSE,
                                p->device_id, now, error) ||
          !duka_outbox_append (db, &op, error))
        return FALSE;
    }

  stmt = duka_store_prepare_cached (db,
    "INSERT INTO this_device (singleton, till_id) VALUES (1, ?1)"
    " ON CONFLICT (singleton) DO UPDATE SET till_id = excluded.till_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->device_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);
  duka_store_record_change (db, "this_device", "1");

  return TRUE;
}

gboolean
duka_sync_adopt_device (DukaStore   *store,
                        const char  *server_url,
                        const char  *tenant_id,
                        const char  *device_id,
                        const char  *outlet_id,
                        const char  *till_code,
                        const char  *till_name,
                        GError     **error)
{
  Pairing p = { server_url, tenant_id, device_id, outlet_id, till_code, till_name };

  return duka_store_write (store, adopt_in_writer, &p, error);
}

static gboolean
forget_in_writer (DukaStore  *store,
                  sqlite3    *db,
                  gpointer    user_data,
                  GError    **error)
{
  if (sqlite3_exec (db, "DELETE FROM sync_state", NULL, NULL, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);
  duka_store_record_change (db, "sync_state", "1");
  return TRUE;
}

gboolean
duka_sync_forget_pairing (DukaStore  *store,
                          GError    **error)
{
  return duka_store_write (store, forget_in_writer, NULL, error);
}

/* The outbox ---------------------------------------------------------------- */

GPtrArray *
duka_sync_outbox_batch (DukaStore  *store,
                        guint       limit,
                        GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) duka_sync_outbox_entry_free);
  sqlite3 *db = duka_store_acquire_reader (store, error);
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  if (db == NULL)
    return NULL;
  stmt = duka_store_prepare_cached (db,
    "SELECT seq, op_id, body FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?1", error);
  if (stmt == NULL)
    {
      duka_store_release_reader (store, db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DukaSyncOutboxEntry *entry = g_new0 (DukaSyncOutboxEntry, 1);

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->op_id = column_text (stmt, 1);
      entry->body = column_text (stmt, 2);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    duka_store_sql_error (db, error);
  duka_store_stmt_done (stmt);
  duka_store_release_reader (store, db);

  return rc == SQLITE_DONE ? g_steal_pointer (&entries) : NULL;
}

guint
duka_sync_count_rejected (DukaStore *store)
{
  sqlite3 *db = duka_store_acquire_reader (store, NULL);
  sqlite3_stmt *stmt;
  guint n = 0;

  if (db == NULL)
    return 0;
  stmt = duka_store_prepare_cached (db, "SELECT count (*) FROM sync_rejected", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    duka_store_stmt_done (stmt);
  duka_store_release_reader (store, db);
  return n;
}

JsonObject *
duka_sync_parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

gboolean
duka_sync_invalid (GError     **error,
         const char  *what)
{
  g_set_error (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_INVALID,
               _("The server's answer is not valid: %s"), what);
  return FALSE;
}

/* Push answers -------------------------------------------------------------- */

typedef struct
{
  GPtrArray *entries;
  JsonArray *results;
  guint      n_rejected;
} ResultsJob;

static gboolean
exec_bound (sqlite3     *db,
            const char  *sql,
            GError     **error,
            const char  *text,
            gint64       number)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);
  return TRUE;
}

static gboolean
has_pending (sqlite3    *db,
             const char *kind,
             const char *id)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT 1 FROM outbox WHERE state = 'pending' AND kind = ?1 AND entity_id = ?2", NULL);
  gboolean found;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  duka_store_stmt_done (stmt);
  return found;
}

/* An applied entity op: the local row takes the version the server gave
 * it, so the next edit names the right base — unless another edit of it
 * is still waiting, whose own answer will do that. */
static gboolean
store_applied_version (sqlite3             *db,
                       const DukaKindSpec  *kind,
                       const char          *id,
                       gint64               version,
                       GError             **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (kind == NULL || kind->klass != DUKA_KIND_ENTITY || version <= 0 ||
      has_pending (db, kind->name, id))
    return TRUE;

  sql = g_strdup_printf ("UPDATE %s SET version = ?2 WHERE id = ?1 AND version <> ?2", kind->table);
  stmt = duka_store_prepare_cached (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, version);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);
  if (sqlite3_changes (db) > 0)
    duka_store_record_change (db, kind->table, id);
  return TRUE;
}

static gboolean
store_rejected (sqlite3              *db,
                DukaSyncOutboxEntry  *entry,
                JsonObject           *op,
                JsonObject           *result,
                gint64                now,
                GError              **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "INSERT OR REPLACE INTO sync_rejected (op_id, seq, kind, action, entity_id, body, reason,"
    "                                      message, current, rejected_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  JsonNode *current = json_object_get_member (result, "current");
  g_autofree char *current_text = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    current_text = json_to_string (current, FALSE);
  sqlite3_bind_text (stmt, 1, entry->op_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entry->seq);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member_with_default (op, "kind", ""), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member_with_default (op, "action", ""), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, json_object_get_string_member_with_default (op, "id", ""), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, entry->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, json_object_get_string_member_with_default (result, "reason", "rejected"),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, json_object_get_string_member_with_default (result, "message", NULL),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, current_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, now);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);
  duka_store_record_change (db, "sync_rejected", entry->op_id);
  return TRUE;
}

/* A conflict answer carries the server's record: the till takes it (with
 * its other pending edits laid over), as it would from the feed. */
static gboolean
take_current (sqlite3     *db,
              JsonObject  *result,
              GError     **error)
{
  JsonNode *node = json_object_get_member (result, "current");
  JsonObject *current;
  const DukaKindSpec *kind;
  JsonNode *data;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  current = json_node_get_object (node);
  kind = duka_registry_lookup (json_object_get_string_member_with_default (current, "kind", ""));
  data = json_object_get_member (current, "data");
  if (kind == NULL || kind->klass != DUKA_KIND_ENTITY || data == NULL || !JSON_NODE_HOLDS_OBJECT (data) ||
      !json_object_has_member (current, "id"))
    return TRUE;

  return duka_sync_merge_entity (db, kind, json_object_get_string_member (current, "id"),
                       json_node_get_object (data),
                       json_object_get_int_member_with_default (current, "version", 1),
                       json_object_get_boolean_member_with_default (current, "deleted", FALSE),
                       json_object_get_string_member_with_default (current, "updated_by_device", NULL),
                       json_object_get_int_member_with_default (current, "updated_at", 0),
                       error);
}

static gboolean
results_in_writer (DukaStore  *store,
                   sqlite3    *db,
                   gpointer    user_data,
                   GError    **error)
{
  ResultsJob *job = user_data;
  gint64 now = duka_clock_now (duka_store_get_clock (store));

  if (json_array_get_length (job->results) != job->entries->len)
    return duka_sync_invalid (error, "not one result per op");

  for (guint i = 0; i < job->entries->len; i++)
    {
      DukaSyncOutboxEntry *entry = g_ptr_array_index (job->entries, i);
      JsonNode *node = json_array_get_element (job->results, i);
      g_autoptr(JsonObject) op = duka_sync_parse_object (entry->body);
      JsonObject *result;
      const char *status;

      if (!JSON_NODE_HOLDS_OBJECT (node) || op == NULL)
        return duka_sync_invalid (error, "a result that is not an object");
      result = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (result, "op_id", NULL), entry->op_id) != 0)
        return duka_sync_invalid (error, "results out of order");
      status = json_object_get_string_member_with_default (result, "status", "");

      if (g_str_equal (status, "applied") || g_str_equal (status, "duplicate"))
        {
          if (!exec_bound (db, "DELETE FROM outbox WHERE seq = ?1", error, NULL, entry->seq) ||
              !store_applied_version (db, duka_registry_lookup (json_object_get_string_member_with_default (op, "kind", "")),
                                      json_object_get_string_member_with_default (op, "id", ""),
                                      json_object_get_int_member_with_default (result, "version", 0),
                                      error))
            return FALSE;
        }
      else if (g_str_equal (status, "rejected"))
        {
          if (!store_rejected (db, entry, op, result, now, error) ||
              !exec_bound (db, "DELETE FROM outbox WHERE seq = ?1", error, NULL, entry->seq) ||
              !take_current (db, result, error))
            return FALSE;
          job->n_rejected++;
        }
      else
        return duka_sync_invalid (error, "an unknown status");

      duka_store_record_change (db, "outbox", entry->op_id);
    }

  return exec_bound (db, "UPDATE sync_state SET last_push_at = ?1", error, NULL, now);
}

gboolean
duka_sync_store_push_results (DukaStore   *store,
                              GPtrArray   *entries,
                              JsonArray   *results,
                              guint       *n_rejected,
                              GError     **error)
{
  ResultsJob job = { entries, results, 0 };
  gboolean ok = duka_store_write (store, results_in_writer, &job, error);

  if (n_rejected != NULL)
    *n_rejected = ok ? job.n_rejected : 0;
  return ok;
}
