/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the store share with each other and with nobody else:
 * the instance struct and the helpers one part calls in another.
 * duka-store.c              open, migrations, close, properties
 * duka-store-connections.c  connections, statement cache, writer, readers
 * duka-store-changes.c      change_log and DukaStore::changed
 * duka-store-maintenance.c  checkpoints, pruning, open marker, quick_check
 * (duka-store-backup.c needs only duka-store-private.h.)
 */
#pragma once

#include "duka-store-private.h"

G_BEGIN_DECLS

/* A connection and its statement cache.  duka_store_prepare_cached() only
 * gets the sqlite3 *, so every connection the store opens is registered in
 * a process-wide table to find its cache. */
typedef struct
{
  sqlite3    *db;
  DukaStore  *store;         /* not a reference: the store closes it */
  GHashTable *stmts;         /* SQL text → sqlite3_stmt */
  gboolean    recorded;      /* writer: record_change() ran in this txn */
  GError     *record_error;  /* writer: record_change() failed in this txn */
} Connection;

struct _DukaStore
{
  GObject       parent_instance;

  char         *data_dir;
  char         *path;
  DukaClock    *clock;
  GMainContext *context;
  int           schema_version;
  int           marker_fd;
  gboolean      unclean_shutdown;
  gboolean      opened;
  guint         backup_keep;
  GSource      *daily_backup_source;

  /* duka-store-connections.c */
  Connection   *writer;
  GThread      *writer_thread;
  GAsyncQueue  *jobs;

  GMutex        readers_lock;
  GPtrArray    *idle_readers;
  guint         n_readers_out;

  /* duka-store-changes.c; used on the main context only. */
  Connection   *watcher;
  gint64        watcher_data_version;
  gint64        last_seen_seq;
  gboolean      dispatching;
  GSource      *kick_source;
  GSource      *poll_source;

  /* duka-store-maintenance.c */
  GMutex        maintenance_lock;
  GCond         maintenance_cond;
  gboolean      stopping;
  GThread      *maintenance_thread;
  GMutex        checkpoint_lock;
  Connection   *checkpointer;
  gint64        checkpointer_data_version;
  gint64        last_prune_us;

  GThread      *check_thread;
  gint          check_cancelled;
  GSource      *check_report_source;
};

/* duka-store.c */
void        duka_store_emit_changed           (DukaStore          *self,
                                               const char         *table,
                                               const char * const *row_ids);
void        duka_store_emit_integrity_checked (DukaStore          *self,
                                               gboolean            ok,
                                               const char         *message);

/* duka-store-connections.c */
Connection *duka_store_connection_open        (DukaStore          *store,
                                               const char         *path,
                                               int                 flags,
                                               GError            **error);
void        duka_store_connection_close       (Connection         *conn);
Connection *duka_store_connection_lookup      (sqlite3            *db);
gboolean    duka_store_exec_sql               (sqlite3            *db,
                                               const char         *sql,
                                               GError            **error);
gint64      duka_store_query_int64            (sqlite3            *db,
                                               const char         *sql,
                                               gint64              fallback);
void        duka_store_start_writer           (DukaStore          *self);
void        duka_store_stop_writer            (DukaStore          *self);

/* duka-store-changes.c */
gboolean    duka_store_start_change_signals   (DukaStore          *self,
                                               GError            **error);
void        duka_store_stop_change_signals    (DukaStore          *self);
void        duka_store_kick_change_signals    (DukaStore          *self);

/* duka-store-maintenance.c */
int         duka_store_lock_marker_shared     (const char         *data_dir,
                                               gboolean           *unclean,
                                               GError            **error);
gboolean    duka_store_start_maintenance      (DukaStore          *self,
                                               GError            **error);
void        duka_store_stop_maintenance       (DukaStore          *self);
void        duka_store_start_integrity_check  (DukaStore          *self);
void        duka_store_stop_integrity_check   (DukaStore          *self);

G_END_DECLS
