/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "duka-clock.h"
#include "duka-store.h"

G_BEGIN_DECLS

/*
 * How core services talk to SQLite.
 *
 * Writes: one writer connection, owned by a writer thread and fed by a
 * queue.  duka_store_write() runs @func there inside BEGIN IMMEDIATE …
 * COMMIT (ROLLBACK when @func returns FALSE) and blocks the caller until it
 * is done; keep @func short (≈10 ms at most).  Inside @func, record every
 * changed row with duka_store_record_change(), in the same transaction, so
 * that every process sees precise change signals.
 *
 * Reads: duka_store_acquire_reader() hands out a read-only connection for
 * the calling thread (never shared between threads while acquired); give
 * it back with duka_store_release_reader().
 *
 * Statements: duka_store_prepare_cached() keeps one prepared statement per
 * connection and SQL text; call duka_store_stmt_done() when finished so it
 * is reset for the next user.
 */
typedef gboolean (*DukaStoreWriteFunc) (DukaStore  *store,
                                        sqlite3    *db,
                                        gpointer    user_data,
                                        GError    **error);

gboolean      duka_store_write            (DukaStore           *self,
                                           DukaStoreWriteFunc   func,
                                           gpointer             user_data,
                                           GError             **error);
void          duka_store_write_async      (DukaStore           *self,
                                           DukaStoreWriteFunc   func,
                                           gpointer             user_data,
                                           GDestroyNotify       user_data_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             callback_data);
gboolean      duka_store_write_finish     (DukaStore           *self,
                                           GAsyncResult        *result,
                                           GError             **error);

sqlite3      *duka_store_acquire_reader   (DukaStore           *self,
                                           GError             **error);
void          duka_store_release_reader   (DukaStore           *self,
                                           sqlite3             *db);

sqlite3_stmt *duka_store_prepare_cached   (sqlite3             *db,
                                           const char          *sql,
                                           GError             **error);
void          duka_store_stmt_done        (sqlite3_stmt        *stmt);
gboolean      duka_store_sql_error        (sqlite3             *db,
                                           GError             **error);

void          duka_store_record_change    (sqlite3             *db,
                                           const char          *table,
                                           const char          *row_id);

DukaClock    *duka_store_get_clock        (DukaStore           *self);

/* Like duka_store_write(), with PRAGMA synchronous=FULL for this one
 * transaction: for commits that must survive a power cut the instant they
 * return (a completed sale, before its receipt prints). */
gboolean      duka_store_write_full_sync  (DukaStore           *self,
                                           DukaStoreWriteFunc   func,
                                           gpointer             user_data,
                                           GError             **error);

/* Tests only (tests/unit/test-durability.c): TRUE makes the commits of
 * duka_store_write_full_sync() run with synchronous=OFF, process-wide, to
 * show that the power-cut test catches a commit that was never synced. */
void          duka_store_set_full_sync_off_for_tests (gboolean off);

/* What the background thread does every 2 s when the WAL grew: a PASSIVE
 * checkpoint, and (every 10 min, or now when @force) pruning change_log
 * rows older than an hour.  Tests call it to avoid waiting. */
gboolean      duka_store_run_maintenance  (DukaStore           *self,
                                           gboolean             force,
                                           GError             **error);

/* Store internals shared with duka-store-backup.c: the lock on
 * DATA_DIR/duka.open that tells "open somewhere" from "left by a crash". */
int           duka_store_lock_marker_exclusive (const char     *data_dir,
                                                GError        **error);
void          duka_store_unlock_marker    (const char          *data_dir,
                                           int                  fd);

/* duka-store-verify.c: runs @sql, whose first column names a row that is
 * wrong, and adds "@problem: row" to @problems for each row but @fine. */
gboolean      duka_store_collect_problems (sqlite3             *db,
                                           const char          *sql,
                                           const char          *problem,
                                           const char          *fine,
                                           GPtrArray           *problems,
                                           GError             **error);

G_END_DECLS
