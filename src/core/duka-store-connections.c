/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's connections: a process-wide registry with a statement cache
 * per connection, the writer thread and its queue, and the reader pool.
 * src/core/SCHEMA.md, "Store mechanics", "Connections", says why.
 */
#include <glib/gi18n-lib.h>
#include <errno.h>

#include "duka-store-internal.h"

#define BUSY_TIMEOUT_MS   5000
#define READER_POOL_SIZE  4

static GMutex connections_lock;
static GHashTable *connections;

/* Connections {{{ */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

Connection *
duka_store_connection_open (DukaStore   *store,
                            const char  *path,
                            int          flags,
                            GError     **error)
{
  sqlite3 *db = NULL;
  Connection *conn;

  if (sqlite3_open_v2 (path, &db,
                       flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN,
                   _("Could not open the data in “%s”: %s"), path,
                   db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  conn = g_new0 (Connection, 1);
  conn->db = db;
  conn->store = store;
  conn->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       finalize_statement);

  g_mutex_lock (&connections_lock);
  if (connections == NULL)
    connections = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (connections, db, conn);
  g_mutex_unlock (&connections_lock);

  return conn;
}

void
duka_store_connection_close (Connection *conn)
{
  if (conn == NULL)
    return;

  g_mutex_lock (&connections_lock);
  g_hash_table_remove (connections, conn->db);
  g_mutex_unlock (&connections_lock);

  g_hash_table_unref (conn->stmts);
  g_clear_error (&conn->record_error);
  if (sqlite3_close (conn->db) != SQLITE_OK)
    {
      g_critical ("A statement on a store connection was never finalized: %s",
                  sqlite3_errmsg (conn->db));
      sqlite3_close_v2 (conn->db);
    }
  g_free (conn);
}

Connection *
duka_store_connection_lookup (sqlite3 *db)
{
  Connection *conn = NULL;

  g_mutex_lock (&connections_lock);
  if (connections != NULL)
    conn = g_hash_table_lookup (connections, db);
  g_mutex_unlock (&connections_lock);

  return conn;
}

/* So that a caller who forgot duka_store_stmt_done() never keeps a read
 * transaction (and its old snapshot) open after giving the connection
 * back. */
static void
reset_busy_statements (sqlite3 *db)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL);
       stmt != NULL;
       stmt = sqlite3_next_stmt (db, stmt))
    if (sqlite3_stmt_busy (stmt))
      sqlite3_reset (stmt);
}

gboolean
duka_store_sql_error (sqlite3  *db,
                      GError  **error)
{
  int code;

  switch (sqlite3_errcode (db) & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = DUKA_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = DUKA_STORE_ERROR_BUSY;
      break;
    default:
      code = DUKA_STORE_ERROR_SQL;
      break;
    }

  g_set_error (error, DUKA_STORE_ERROR, code,
               _("The database reported an error: %s"), sqlite3_errmsg (db));
  return FALSE;
}

gboolean
duka_store_exec_sql (sqlite3     *db,
                     const char  *sql,
                     GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_SQL,
                   _("The database reported an error: %s"),
                   message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

gint64
duka_store_query_int64 (sqlite3    *db,
                        const char *sql,
                        gint64      fallback)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, NULL);
  gint64 value = fallback;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  duka_store_stmt_done (stmt);

  return value;
}

sqlite3_stmt *
duka_store_prepare_cached (sqlite3     *db,
                           const char  *sql,
                           GError     **error)
{
  Connection *conn = duka_store_connection_lookup (db);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (conn->stmts, sql);
  if (stmt != NULL)
    {
      /* The previous user forgot duka_store_stmt_done(). */
      if (sqlite3_stmt_busy (stmt))
        duka_store_stmt_done (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      duka_store_sql_error (db, error);
      return NULL;
    }

  g_hash_table_insert (conn->stmts, g_strdup (sql), stmt);
  return stmt;
}

void
duka_store_stmt_done (sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* }}} */

/* Writes {{{ */

typedef struct
{
  DukaStoreWriteFunc  func;
  gpointer            user_data;
  gboolean            full_sync;
  gboolean            stop;

  GTask              *task;  /* set for duka_store_write_async() */

  /* duka_store_write() waits on these; the job lives on its stack. */
  GMutex              lock;
  GCond               cond;
  gboolean            done;
  gboolean            ok;
  GError             *error;
} WriteJob;

/* Tests only: see duka_store_set_full_sync_off_for_tests(). */
static gint full_sync_off_for_tests;

void
duka_store_set_full_sync_off_for_tests (gboolean off)
{
  g_atomic_int_set (&full_sync_off_for_tests, off);
}

static gboolean
run_transaction (DukaStore           *self,
                 DukaStoreWriteFunc   func,
                 gpointer             user_data,
                 gboolean             full_sync,
                 GError             **error)
{
  Connection *conn = self->writer;
  sqlite3 *db = conn->db;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (full_sync && !duka_store_exec_sql (db, g_atomic_int_get (&full_sync_off_for_tests)
                                             ? "PRAGMA synchronous = OFF"
                                             : "PRAGMA synchronous = FULL", error))
    return FALSE;

  conn->recorded = FALSE;
  g_clear_error (&conn->record_error);

  ok = duka_store_exec_sql (db, "BEGIN IMMEDIATE", &local_error);
  if (ok)
    {
      ok = func (self, db, user_data, &local_error);
      if (ok && conn->record_error != NULL)
        {
          ok = FALSE;
          local_error = g_steal_pointer (&conn->record_error);
        }
      reset_busy_statements (db);
      if (ok)
        ok = duka_store_exec_sql (db, "COMMIT", &local_error);
      if (!ok && !sqlite3_get_autocommit (db))
        duka_store_exec_sql (db, "ROLLBACK", NULL);
    }

  if (full_sync)
    duka_store_exec_sql (db, "PRAGMA synchronous = NORMAL", NULL);

  if (ok && conn->recorded)
    duka_store_kick_change_signals (self);

  if (!ok && local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

/* Completes an async write on the task's own context, so the writer thread
 * never drops the last reference to a task (and with it, maybe to the
 * store, whose finalize joins the writer thread). */
static gboolean
complete_async_write (gpointer data)
{
  WriteJob *job = data;

  if (job->ok)
    g_task_return_boolean (job->task, TRUE);
  else if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    g_task_return_boolean (job->task, FALSE);

  g_object_unref (job->task);
  g_free (job);

  return G_SOURCE_REMOVE;
}

static void
complete_on_task_context (WriteJob *job)
{
  g_autoptr(GSource) idle = g_idle_source_new ();

  /* Not g_main_context_invoke(): that would run it right here when nobody
   * is iterating the context at this instant. */
  g_source_set_name (idle, "[duka] write finished");
  g_source_set_callback (idle, complete_async_write, job, NULL);
  g_source_attach (idle, g_task_get_context (job->task));
}

static gpointer
writer_thread_main (gpointer data)
{
  DukaStore *self = data;

  for (;;)
    {
      WriteJob *job = g_async_queue_pop (self->jobs);

      if (job->stop)
        break;

      if (job->task != NULL)
        {
          GCancellable *cancellable = g_task_get_cancellable (job->task);

          if (!g_cancellable_set_error_if_cancelled (cancellable, &job->error))
            job->ok = run_transaction (self, job->func, job->user_data,
                                       job->full_sync, &job->error);
          complete_on_task_context (job);
          continue;
        }

      job->ok = run_transaction (self, job->func, job->user_data,
                                 job->full_sync, &job->error);
      g_mutex_lock (&job->lock);
      job->done = TRUE;
      g_cond_signal (&job->cond);
      g_mutex_unlock (&job->lock);
    }

  return NULL;
}

static gboolean
write_and_wait (DukaStore           *self,
                DukaStoreWriteFunc   func,
                gpointer             user_data,
                gboolean             full_sync,
                GError             **error)
{
  WriteJob job = { 0 };

  if (g_thread_self () == self->writer_thread)
    {
      g_critical ("duka_store_write() called inside a write function; "
                  "it would wait for itself forever");
      return FALSE;
    }

  job.func = func;
  job.user_data = user_data;
  job.full_sync = full_sync;
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);

  g_async_queue_push (self->jobs, &job);

  g_mutex_lock (&job.lock);
  while (!job.done)
    g_cond_wait (&job.cond, &job.lock);
  g_mutex_unlock (&job.lock);

  g_mutex_clear (&job.lock);
  g_cond_clear (&job.cond);

  if (job.error != NULL)
    g_propagate_error (error, job.error);

  return job.ok;
}

/**
 * duka_store_write:
 * @func: runs on the writer thread inside BEGIN IMMEDIATE … COMMIT
 *
 * Runs @func in one transaction on the writer connection and waits for it.
 * When @func returns %FALSE, or a statement fails, nothing of it is kept.
 *
 * Returns: %TRUE when the transaction committed.
 */
gboolean
duka_store_write (DukaStore           *self,
                  DukaStoreWriteFunc   func,
                  gpointer             user_data,
                  GError             **error)
{
  g_return_val_if_fail (DUKA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_and_wait (self, func, user_data, FALSE, error);
}

gboolean
duka_store_write_full_sync (DukaStore           *self,
                            DukaStoreWriteFunc   func,
                            gpointer             user_data,
                            GError             **error)
{
  g_return_val_if_fail (DUKA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_and_wait (self, func, user_data, TRUE, error);
}

/**
 * duka_store_write_async:
 * @user_data_free: (nullable): frees @user_data once the write is over
 *
 * Like duka_store_write(), without waiting.  @func still runs on the
 * writer thread; @callback runs on the caller's thread-default context.
 */
void
duka_store_write_async (DukaStore           *self,
                        DukaStoreWriteFunc   func,
                        gpointer             user_data,
                        GDestroyNotify       user_data_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             callback_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (DUKA_IS_STORE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, callback_data);
  g_task_set_source_tag (task, duka_store_write_async);
  g_task_set_task_data (task, user_data, user_data_free);

  job = g_new0 (WriteJob, 1);
  job->func = func;
  job->user_data = user_data;
  job->task = g_steal_pointer (&task);

  g_async_queue_push (self->jobs, job);
}

gboolean
duka_store_write_finish (DukaStore     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (DUKA_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == duka_store_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
duka_store_start_writer (DukaStore *self)
{
  self->writer_thread = g_thread_new ("duka-store-writer", writer_thread_main, self);
}

/* Writes queued before this still run; none may be queued after it. */
void
duka_store_stop_writer (DukaStore *self)
{
  WriteJob stop = { .stop = TRUE };

  if (self->writer_thread == NULL)
    return;

  g_async_queue_push (self->jobs, &stop);
  g_clear_pointer (&self->writer_thread, g_thread_join);
}

/* }}} */

/* Reads {{{ */

/**
 * duka_store_acquire_reader:
 *
 * Returns: (transfer none): a read-only connection for the calling thread
 *   until duka_store_release_reader().
 */
sqlite3 *
duka_store_acquire_reader (DukaStore  *self,
                           GError    **error)
{
  Connection *conn = NULL;

  g_return_val_if_fail (DUKA_IS_STORE (self), NULL);

  g_mutex_lock (&self->readers_lock);
  if (self->idle_readers->len > 0)
    conn = g_ptr_array_steal_index_fast (self->idle_readers,
                                         self->idle_readers->len - 1);
  self->n_readers_out++;
  g_mutex_unlock (&self->readers_lock);

  if (conn == NULL)
    {
      conn = duka_store_connection_open (self, self->path, SQLITE_OPEN_READONLY, error);
      if (conn == NULL)
        {
          g_mutex_lock (&self->readers_lock);
          self->n_readers_out--;
          g_mutex_unlock (&self->readers_lock);
          return NULL;
        }
      duka_store_exec_sql (conn->db, "PRAGMA foreign_keys = ON", NULL);
    }

  return conn->db;
}

void
duka_store_release_reader (DukaStore *self,
                           sqlite3   *db)
{
  Connection *conn;

  g_return_if_fail (DUKA_IS_STORE (self));

  if (db == NULL)
    return;

  conn = duka_store_connection_lookup (db);
  g_return_if_fail (conn != NULL && conn->store == self && conn != self->writer);

  reset_busy_statements (db);
  if (!sqlite3_get_autocommit (db))
    duka_store_exec_sql (db, "ROLLBACK", NULL);

  g_mutex_lock (&self->readers_lock);
  self->n_readers_out--;
  if (self->idle_readers->len < READER_POOL_SIZE)
    {
      g_ptr_array_add (self->idle_readers, conn);
      conn = NULL;
    }
  g_mutex_unlock (&self->readers_lock);

  duka_store_connection_close (conn);
}

/* }}} */
