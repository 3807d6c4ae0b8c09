/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Change signals: every write records its changed rows in change_log, and
 * each process reads the rows it has not seen yet on the main context (at
 * once after its own commits, on PRAGMA data_version for others') and
 * emits DukaStore::changed.  src/core/SCHEMA.md, "Store mechanics",
 * "Change log", says why.
 */
#include "duka-store-internal.h"

#define CHANGE_POLL_MS   200
#define CHANGE_IDS_MAX   1000
#define CHANGE_ROWS_MAX  20000

/* Recording {{{ */

/**
 * duka_store_record_change:
 * @db: the writer connection a #DukaStoreWriteFunc got
 * @table: the table the row belongs to
 * @row_id: (nullable): the row's id; %NULL for "many rows of @table"
 *
 * Notes a changed row in the same transaction.  When that fails, the whole
 * write fails.
 */
void
duka_store_record_change (sqlite3    *db,
                          const char *table,
                          const char *row_id)
{
  Connection *conn = duka_store_connection_lookup (db);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_return_if_fail (table != NULL);
  g_return_if_fail (conn != NULL && conn == conn->store->writer);
  g_return_if_fail (!sqlite3_get_autocommit (db));

  if (conn->record_error != NULL)
    return;

  stmt = duka_store_prepare_cached (db,
                                    "INSERT INTO change_log (tbl, row_id, at)"
                                    " VALUES (?1, ?2, ?3)",
                                    &error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, duka_clock_now (conn->store->clock));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        duka_store_sql_error (db, &error);
      duka_store_stmt_done (stmt);
    }

  if (error != NULL)
    conn->record_error = g_steal_pointer (&error);
  else
    conn->recorded = TRUE;
}

/* }}} */

/* Reading and signalling {{{ */

typedef struct
{
  char       *table;
  GPtrArray  *ids;    /* NULL once there are too many to list */
  GHashTable *seen;
} TableChanges;

static void
table_changes_free (TableChanges *changes)
{
  g_free (changes->table);
  g_clear_pointer (&changes->ids, g_ptr_array_unref);
  g_hash_table_unref (changes->seen);
  g_free (changes);
}

static TableChanges *
table_changes_get (GHashTable *by_table,
                   GPtrArray  *in_order,
                   const char *table)
{
  TableChanges *changes = g_hash_table_lookup (by_table, table);

  if (changes == NULL)
    {
      changes = g_new0 (TableChanges, 1);
      changes->table = g_strdup (table);
      changes->ids = g_ptr_array_new_with_free_func (g_free);
      changes->seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (by_table, changes->table, changes);
      g_ptr_array_add (in_order, changes);
    }

  return changes;
}

static void
table_changes_add (TableChanges *changes,
                   const char   *row_id)
{
  char *copy;

  if (changes->ids == NULL)
    return;

  if (row_id == NULL || changes->ids->len >= CHANGE_IDS_MAX)
    {
      g_clear_pointer (&changes->ids, g_ptr_array_unref);
      g_hash_table_remove_all (changes->seen);
      return;
    }

  if (g_hash_table_contains (changes->seen, row_id))
    return;

  copy = g_strdup (row_id);
  g_ptr_array_add (changes->ids, copy);
  g_hash_table_add (changes->seen, copy);
}

/* After a batch of CHANGE_ROWS_MAX rows: the rest only says which tables
 * changed.  Returns the last seq read. */
static gint64
read_changed_tables (sqlite3    *db,
                     gint64      last,
                     GHashTable *by_table,
                     GPtrArray  *in_order)
{
  sqlite3_stmt *stmt;

  stmt = duka_store_prepare_cached (db,
                                    "SELECT tbl, max (seq) FROM change_log"
                                    " WHERE seq > ?1 GROUP BY tbl",
                                    NULL);
  if (stmt == NULL)
    return last;

  sqlite3_bind_int64 (stmt, 1, last);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TableChanges *changes;

      changes = table_changes_get (by_table, in_order,
                                   (const char *) sqlite3_column_text (stmt, 0));
      table_changes_add (changes, NULL);
      last = MAX (last, sqlite3_column_int64 (stmt, 1));
    }
  duka_store_stmt_done (stmt);

  return last;
}

/* Reads change_log past what this process has seen: written by this
 * process's writer or by any other process on the same file. */
static GPtrArray *
read_new_changes (DukaStore *self)
{
  sqlite3 *db = self->watcher->db;
  g_autoptr(GPtrArray) in_order = g_ptr_array_new_with_free_func ((GDestroyNotify) table_changes_free);
  g_autoptr(GHashTable) by_table = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  gint64 last = self->last_seen_seq;
  guint n_rows = 0;

  stmt = duka_store_prepare_cached (db,
                                    "SELECT seq, tbl, row_id FROM change_log"
                                    " WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                                    NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, last);
  sqlite3_bind_int (stmt, 2, CHANGE_ROWS_MAX);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TableChanges *changes;

      last = sqlite3_column_int64 (stmt, 0);
      changes = table_changes_get (by_table, in_order,
                                   (const char *) sqlite3_column_text (stmt, 1));
      table_changes_add (changes, (const char *) sqlite3_column_text (stmt, 2));
      n_rows++;
    }
  duka_store_stmt_done (stmt);

  /* A huge batch: the rest only says which tables changed. */
  if (n_rows == CHANGE_ROWS_MAX)
    last = read_changed_tables (db, last, by_table, in_order);

  self->last_seen_seq = last;
  return g_steal_pointer (&in_order);
}

static void
dispatch_changes (DukaStore *self)
{
  g_autoptr(GPtrArray) batch = NULL;
  gint64 version;

  /* A handler that spins the main loop must not re-enter. */
  if (self->dispatching)
    return;

  version = duka_store_query_int64 (self->watcher->db, "PRAGMA data_version", -1);
  if (version == self->watcher_data_version)
    return;
  self->watcher_data_version = version;

  batch = read_new_changes (self);
  if (batch == NULL || batch->len == 0)
    return;

  g_object_ref (self);
  self->dispatching = TRUE;
  for (guint i = 0; i < batch->len; i++)
    {
      TableChanges *changes = g_ptr_array_index (batch, i);
      g_auto(GStrv) ids = NULL;

      if (changes->ids != NULL)
        {
          g_ptr_array_add (changes->ids, NULL);
          ids = (GStrv) g_ptr_array_steal (changes->ids, NULL);
        }

      duka_store_emit_changed (self, changes->table, (const char * const *) ids);
    }
  self->dispatching = FALSE;
  g_object_unref (self);
}

static gboolean
on_change_poll (gpointer data)
{
  dispatch_changes (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
kick_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  /* Cleared before reading, so a commit that lands meanwhile kicks again. */
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs kick_source_funcs = {
  NULL, NULL, kick_source_dispatch, NULL, NULL, NULL,
};

gboolean
duka_store_start_change_signals (DukaStore  *self,
                                 GError    **error)
{
  self->watcher = duka_store_connection_open (self, self->path, SQLITE_OPEN_READONLY, error);
  if (self->watcher == NULL)
    return FALSE;

  /* Changes made before we opened are not news. */
  self->watcher_data_version = duka_store_query_int64 (self->watcher->db,
                                                       "PRAGMA data_version", -1);
  self->last_seen_seq = duka_store_query_int64 (self->watcher->db,
                                                "SELECT coalesce (max (seq), 0) FROM change_log",
                                                0);

  self->kick_source = g_source_new (&kick_source_funcs, sizeof (GSource));
  g_source_set_name (self->kick_source, "[duka] store changes");
  g_source_set_callback (self->kick_source, on_change_poll, self, NULL);
  g_source_set_ready_time (self->kick_source, -1);
  g_source_attach (self->kick_source, self->context);

  /* Other processes (duka-admin, a second window's process) cannot kick
   * us; PRAGMA data_version is a cheap way to notice their commits. */
  self->poll_source = g_timeout_source_new (CHANGE_POLL_MS);
  g_source_set_name (self->poll_source, "[duka] store change poll");
  g_source_set_callback (self->poll_source, on_change_poll, self, NULL);
  g_source_attach (self->poll_source, self->context);

  return TRUE;
}

/* Called after the writer thread stopped: nothing kicks any more. */
void
duka_store_stop_change_signals (DukaStore *self)
{
  if (self->kick_source != NULL)
    g_source_destroy (self->kick_source);
  g_clear_pointer (&self->kick_source, g_source_unref);
  if (self->poll_source != NULL)
    g_source_destroy (self->poll_source);
  g_clear_pointer (&self->poll_source, g_source_unref);

  g_clear_pointer (&self->watcher, duka_store_connection_close);
}

/* Wakes the main context to read change_log now instead of at the next
 * poll.  Thread-safe: the writer thread calls it after a commit. */
void
duka_store_kick_change_signals (DukaStore *self)
{
  g_source_set_ready_time (self->kick_source, 0);
}

/* }}} */
