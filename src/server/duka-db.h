/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _DukaDb     DukaDb;
typedef struct _DukaDbPool DukaDbPool;

/* SQLSTATEs the server reacts to. */
#define DUKA_SQLSTATE_UNIQUE_VIOLATION      "23505"
#define DUKA_SQLSTATE_SERIALIZATION_FAILURE "40001"
#define DUKA_SQLSTATE_DEADLOCK              "40P01"

DukaDb     *duka_db_connect      (const char          *url,
                                  GError             **error);
void        duka_db_free         (DukaDb              *db);
PGconn     *duka_db_get_conn     (DukaDb              *db);
gboolean    duka_db_exec         (DukaDb              *db,
                                  const char          *sql,
                                  GError             **error);
PGresult   *duka_db_query        (DukaDb              *db,
                                  const char          *sql,
                                  int                  n_params,
                                  const char * const  *params,
                                  GError             **error);
const char *duka_db_last_sqlstate (DukaDb             *db);

/* Runs a statement as a named prepared statement of this connection; every
 * value is bound.  duka_db_queryv (db, error, SQL, p1, p2, …) */
#define duka_db_queryv(db, error, sql, ...) \
  duka_db_query ((db), (sql), \
                 G_N_ELEMENTS (((const char *[]) { __VA_ARGS__ })), \
                 (const char * const []) { __VA_ARGS__ }, (error))

/* One statement of duka_db_begin(). */
typedef struct
{
  const char         *sql;      /* static text, prepared once per connection */
  int                 n_params;
  const char * const *params;
} DukaDbStatement;

/* BEGIN, then @statements, in one round trip (libpq's pipeline mode);
 * fills @results with theirs.  On failure the transaction may be open and
 * aborted: the caller rolls back, as after any failed statement. */
gboolean    duka_db_begin        (DukaDb                 *db,
                                  const DukaDbStatement  *statements,
                                  guint                   n_statements,
                                  PGresult              **results,
                                  GError                **error);

/* A whole batch bound as one parameter: a PostgreSQL array literal, used
 * as $1::uuid[] with unnest() so a batch costs one statement. */
GString    *duka_db_array_new    (void);
void        duka_db_array_append (GString             *array,
                                  const char          *value);
char       *duka_db_array_end    (GString             *array);

/* Fails the transaction so that the request starts over, as PostgreSQL's
 * own serialization failures do. */
void        duka_db_set_retry    (DukaDb              *db,
                                  GError             **error,
                                  const char          *why);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaDb, duka_db_free)

/* A job runs on a worker thread with that worker's connection, or with
 * db == NULL and connect_error set when the database is unreachable.  It
 * must return the task; the task's callback then runs on the context the
 * task was made in. */
typedef void (*DukaDbJobFunc) (GTask  *task,
                               DukaDb *db,
                               GError *connect_error);

DukaDbPool *duka_db_pool_new     (const char          *url,
                                  guint                n_workers,
                                  GError             **error);
void        duka_db_pool_push    (DukaDbPool          *pool,
                                  GTask               *task,
                                  DukaDbJobFunc        func);
void        duka_db_pool_free    (DukaDbPool          *pool);

G_END_DECLS
