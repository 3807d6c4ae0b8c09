/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libpq connections and the worker pool.  Each worker thread keeps its own
 * connection for its whole life, so a job never waits for a connection
 * and statements are prepared once per connection.
 */
#include <string.h>

#include "duka-db.h"
#include "duka-server-error.h"

struct _DukaDb
{
  PGconn     *conn;
  GHashTable *prepared;   /* SQL text (static) → statement name */
  char        sqlstate[6];
};

struct _DukaDbPool
{
  char        *url;
  GThreadPool *threads;
};

typedef struct
{
  GTask         *task;
  DukaDbJobFunc  func;
} Job;

static void
set_db_error (GError     **error,
              DukaDb      *db,
              const char  *what,
              PGresult    *result)
{
  const char *message = result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (db->conn);
  g_autofree char *text = g_strstrip (g_strdup (message));

  g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_DATABASE, "%s: %s", what, text);
}

DukaDb *
duka_db_connect (const char  *url,
                 GError     **error)
{
  g_autoptr(DukaDb) db = g_new0 (DukaDb, 1);

  db->prepared = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  db->conn = PQconnectdb (url);
  if (PQstatus (db->conn) != CONNECTION_OK)
    {
      set_db_error (error, db, "cannot connect to the database", NULL);
      return NULL;
    }

  /* Feed positions and times are compared as text on the way out. */
  if (!duka_db_exec (db, "SET TIME ZONE 'UTC'", error))
    return NULL;

  return g_steal_pointer (&db);
}

void
duka_db_free (DukaDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->conn, PQfinish);
  g_clear_pointer (&db->prepared, g_hash_table_unref);
  g_free (db);
}

PGconn *
duka_db_get_conn (DukaDb *db)
{
  return db->conn;
}

const char *
duka_db_last_sqlstate (DukaDb *db)
{
  return db->sqlstate;
}

static gboolean
check_result (DukaDb     *db,
              PGresult   *result,
              const char *sql,
              GError    **error)
{
  ExecStatusType status = PQresultStatus (result);
  const char *state;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;

  state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  g_strlcpy (db->sqlstate, state != NULL ? state : "", sizeof db->sqlstate);
  set_db_error (error, db, "query failed", result);
  g_debug ("failed SQL: %s", sql);
  return FALSE;
}

gboolean
duka_db_exec (DukaDb      *db,
              const char  *sql,
              GError     **error)
{
  g_autoptr(PGresult) result = PQexec (db->conn, sql);

  return check_result (db, result, sql, error);
}

/* The name of @sql prepared on this connection, preparing it the first
 * time. */
static const char *
prepare (DukaDb      *db,
         const char  *sql,
         int          n_params,
         GError     **error)
{
  const char *name = g_hash_table_lookup (db->prepared, sql);

  if (name == NULL)
    {
      g_autofree char *new_name = g_strdup_printf ("duka_%u", g_hash_table_size (db->prepared) + 1);
      g_autoptr(PGresult) prepared = PQprepare (db->conn, new_name, sql, n_params, NULL);

      if (!check_result (db, prepared, sql, error))
        return NULL;
      name = new_name;
      g_hash_table_insert (db->prepared, (gpointer) sql, g_steal_pointer (&new_name));
    }

  return name;
}

PGresult *
duka_db_query (DukaDb              *db,
               const char          *sql,
               int                  n_params,
               const char * const  *params,
               GError             **error)
{
  const char *name = prepare (db, sql, n_params, error);
  g_autoptr(PGresult) result = NULL;

  if (name == NULL)
    return NULL;

  result = PQexecPrepared (db->conn, name, n_params, params, NULL, NULL, 0);
  if (!check_result (db, result, sql, error))
    return NULL;
  /* Only here: the ROLLBACK after a failed statement keeps its SQLSTATE
   * for the caller that decides whether to start over. */
  db->sqlstate[0] = '\0';

  return g_steal_pointer (&result);
}

gboolean
duka_db_begin (DukaDb                 *db,
               const DukaDbStatement  *statements,
               guint                   n_statements,
               PGresult              **results,
               GError                **error)
{
  g_autofree const char **names = g_new0 (const char *, n_statements);
  gboolean sent;
  gboolean ok = TRUE;

  for (guint i = 0; i < n_statements; i++)
    {
      results[i] = NULL;
      names[i] = prepare (db, statements[i].sql, statements[i].n_params, error);
      if (names[i] == NULL)
        return FALSE;
    }

  if (!PQenterPipelineMode (db->conn))
    {
      set_db_error (error, db, "cannot start a pipeline", NULL);
      return FALSE;
    }

  sent = PQsendQueryParams (db->conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0);
  for (guint i = 0; sent && i < n_statements; i++)
    sent = PQsendQueryPrepared (db->conn, names[i], statements[i].n_params, statements[i].params,
                                NULL, NULL, 0);
  sent = sent && PQpipelineSync (db->conn);
  if (!sent)
    {
      /* The connection is gone; the worker makes a new one next time. */
      set_db_error (error, db, "cannot send to the database", NULL);
      return FALSE;
    }

  /* One result then NULL per statement (BEGIN first), then the sync. */
  for (guint i = 0; i <= n_statements; i++)
    {
      PGresult *result = PQgetResult (db->conn);

      if (result == NULL)
        {
          set_db_error (error, db, "lost the database", NULL);
          return FALSE;
        }
      if (ok && !check_result (db, result, i == 0 ? "BEGIN" : statements[i - 1].sql, error))
        ok = FALSE;
      if (ok && i > 0)
        results[i - 1] = result;
      else
        PQclear (result);
      /* The NULL that ends this statement's results. */
      while ((result = PQgetResult (db->conn)) != NULL)
        PQclear (result);
    }

  {
    g_autoptr(PGresult) sync = PQgetResult (db->conn);

    if (sync == NULL || PQresultStatus (sync) != PGRES_PIPELINE_SYNC || !PQexitPipelineMode (db->conn))
      {
        if (ok)
          set_db_error (error, db, "the pipeline did not end", NULL);
        ok = FALSE;
      }
  }

  if (!ok)
    for (guint i = 0; i < n_statements; i++)
      g_clear_pointer (&results[i], PQclear);
  else
    db->sqlstate[0] = '\0';
  return ok;
}

GString *
duka_db_array_new (void)
{
  return g_string_new ("{");
}

/* NULL is an SQL NULL; every other value is quoted, so any text (JSON
 * included) survives. */
void
duka_db_array_append (GString    *array,
                      const char *value)
{
  if (array->len > 1)
    g_string_append_c (array, ',');

  if (value == NULL)
    {
      g_string_append (array, "NULL");
      return;
    }

  g_string_append_c (array, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *p);
    }
  g_string_append_c (array, '"');
}

char *
duka_db_array_end (GString *array)
{
  g_string_append_c (array, '}');
  return g_string_free (array, FALSE);
}

void
duka_db_set_retry (DukaDb      *db,
                   GError     **error,
                   const char  *why)
{
  g_strlcpy (db->sqlstate, DUKA_SQLSTATE_SERIALIZATION_FAILURE, sizeof db->sqlstate);
  g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_DATABASE, "%s", why);
}

/* One connection per worker thread, closed when the thread ends. */
static GPrivate worker_db = G_PRIVATE_INIT ((GDestroyNotify) duka_db_free);

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  DukaDbPool *pool = user_data;
  DukaDb *db = g_private_get (&worker_db);
  g_autoptr(GError) error = NULL;

  if (db != NULL && PQstatus (db->conn) != CONNECTION_OK)
    {
      g_private_replace (&worker_db, NULL);
      db = NULL;
    }

  if (db == NULL)
    {
      db = duka_db_connect (pool->url, &error);
      g_private_set (&worker_db, db);
    }

  job->func (job->task, db, error);
  g_object_unref (job->task);
  g_free (job);
}

DukaDbPool *
duka_db_pool_new (const char  *url,
                  guint        n_workers,
                  GError     **error)
{
  DukaDbPool *pool = g_new0 (DukaDbPool, 1);

  pool->url = g_strdup (url);
  /* Exclusive threads live as long as the pool, and so do their
   * connections. */
  pool->threads = g_thread_pool_new (run_job, pool, n_workers, TRUE, error);
  if (pool->threads == NULL)
    {
      g_free (pool->url);
      g_free (pool);
      return NULL;
    }

  return pool;
}

void
duka_db_pool_push (DukaDbPool    *pool,
                   GTask         *task,
                   DukaDbJobFunc  func)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (pool->threads, job, NULL);
}

void
duka_db_pool_free (DukaDbPool *pool)
{
  if (pool == NULL)
    return;

  /* Finish queued jobs: their messages are paused, waiting. */
  g_thread_pool_free (pool->threads, FALSE, TRUE);
  g_free (pool->url);
  g_free (pool);
}
