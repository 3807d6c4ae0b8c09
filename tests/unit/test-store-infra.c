/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's machinery: the writer thread, readers, change signals across
 * processes, the check after a crash, backups, restore, and upgrades from
 * every earlier schema.
 */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "duka-business-settings.h"
#include "duka-store-private.h"

/* 2026-01-01 00:00:00 UTC */
#define JAN_1_2026_US (G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC)
#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static const char *self_exe;

/* Helpers {{{ */

static char *
make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("duka-infra-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static DukaStore *
open_store (const char *dir,
            DukaClock  *clock)
{
  g_autoptr(GError) error = NULL;
  DukaStore *store = duka_store_open_full (dir, clock, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until @cond holds, for 10 s at most.  The store's
 * 200 ms change poll keeps the loop waking up. */
#define SPIN_UNTIL(cond) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint timeout_id_ = g_timeout_add_seconds (10, set_flag, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (timeout_id_); \
    g_assert_true (cond); \
  } G_STMT_END

static void
spin_briefly (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  const char *sql;
  const char *table;
  const char *row_id;
} ExecWrite;

static gboolean
exec_write_func (DukaStore  *store,
                 sqlite3    *db,
                 gpointer    user_data,
                 GError    **error)
{
  const ExecWrite *w = user_data;

  if (sqlite3_exec (db, w->sql, NULL, NULL, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);
  if (w->table != NULL)
    duka_store_record_change (db, w->table, w->row_id);

  return TRUE;
}

static void
exec_write (DukaStore  *store,
            const char *sql,
            const char *table,
            const char *row_id)
{
  g_autoptr(GError) error = NULL;
  ExecWrite w = { sql, table, row_id };

  g_assert_true (duka_store_write (store, exec_write_func, &w, &error));
  g_assert_no_error (error);
}

static void
create_test_table (DukaStore *store)
{
  exec_write (store, "CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, body TEXT)", NULL, NULL);
}

static gint64
reader_int (DukaStore  *store,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = duka_store_acquire_reader (store, &error);
  sqlite3_stmt *stmt;
  gint64 value = -1;

  g_assert_no_error (error);
  stmt = duka_store_prepare_cached (db, sql, &error);
  g_assert_no_error (error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  duka_store_stmt_done (stmt);
  duka_store_release_reader (store, db);

  return value;
}

static gint64
file_int (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static char *
file_text (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
insert_rows (DukaStore *store,
             guint      first,
             guint      n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = g_strdup_printf ("row-%u", i);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO t (id, body) VALUES ('%s', 'x')", id);

      exec_write (store, sql, "t", id);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_dir (const char *path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  return names;
}

/* }}} */

/* Writes and reads {{{ */

typedef struct
{
  DukaStore *store;
  guint      thread;
  guint      n;
} WriterThread;

static gboolean
insert_bound (DukaStore  *store,
              sqlite3    *db,
              gpointer    user_data,
              GError    **error)
{
  const char *id = user_data;
  sqlite3_stmt *stmt;
  int rc;

  stmt = duka_store_prepare_cached (db, "INSERT INTO t (id, body) VALUES (?1, 'x')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);
  duka_store_record_change (db, "t", id);

  return TRUE;
}

static gpointer
writer_thread (gpointer data)
{
  WriterThread *w = data;

  for (guint i = 0; i < w->n; i++)
    {
      g_autofree char *id = g_strdup_printf ("thread-%u-%u", w->thread, i);
      g_autoptr(GError) error = NULL;

      g_assert_true (duka_store_write (w->store, insert_bound, id, &error));
      g_assert_no_error (error);
    }

  return NULL;
}

static void
test_concurrent_writes (void)
{
  g_autofree char *dir = make_data_dir ();
  DukaStore *store = open_store (dir, NULL);
  WriterThread jobs[8];
  GThread *threads[8];

  create_test_table (store);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      jobs[i] = (WriterThread) { store, i, 50 };
      threads[i] = g_thread_new ("test-writer", writer_thread, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t"), ==, 8 * 50);
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM change_log WHERE tbl = 't'"), ==, 8 * 50);
  g_assert_finalize_object (store);
}

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean inside;
  gboolean release;
} LongWrite;

static gboolean
long_write_func (DukaStore  *store,
                 sqlite3    *db,
                 gpointer    user_data,
                 GError    **error)
{
  LongWrite *lw = user_data;

  if (sqlite3_exec (db, "INSERT INTO t (id, body) VALUES ('during', 'x')", NULL, NULL, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);

  g_mutex_lock (&lw->lock);
  lw->inside = TRUE;
  g_cond_broadcast (&lw->cond);
  while (!lw->release)
    g_cond_wait (&lw->cond, &lw->lock);
  g_mutex_unlock (&lw->lock);

  return TRUE;
}

typedef struct
{
  DukaStore *store;
  LongWrite *lw;
} LongWriteThread;

static gpointer
long_write_thread (gpointer data)
{
  LongWriteThread *t = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (duka_store_write (t->store, long_write_func, t->lw, &error));
  g_assert_no_error (error);

  return NULL;
}

static void
test_reader_sees_old_snapshot (void)
{
  g_autofree char *dir = make_data_dir ();
  DukaStore *store = open_store (dir, NULL);
  LongWrite lw = { 0 };
  LongWriteThread t = { store, &lw };
  GThread *thread;

  create_test_table (store);
  insert_rows (store, 0, 3);

  g_mutex_init (&lw.lock);
  g_cond_init (&lw.cond);
  thread = g_thread_new ("long-write", long_write_thread, &t);

  g_mutex_lock (&lw.lock);
  while (!lw.inside)
    g_cond_wait (&lw.cond, &lw.lock);
  g_mutex_unlock (&lw.lock);

  /* The write is open and uncommitted: readers go on, on the old data. */
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t"), ==, 3);

  g_mutex_lock (&lw.lock);
  lw.release = TRUE;
  g_cond_broadcast (&lw.cond);
  g_mutex_unlock (&lw.lock);
  g_thread_join (thread);

  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t"), ==, 4);

  g_mutex_clear (&lw.lock);
  g_cond_clear (&lw.cond);
  g_assert_finalize_object (store);
}

/* }}} */

/* Change signals {{{ */

typedef struct
{
  GPtrArray *tables;
  GPtrArray *ids;     /* joined with ",", or "(many)" */
} ChangeLog;

static void
on_changed (DukaStore  *store,
            const char *table,
            GStrv       row_ids,
            ChangeLog  *log)
{
  g_ptr_array_add (log->tables, g_strdup (table));
  g_ptr_array_add (log->ids, row_ids ? g_strjoinv (",", row_ids) : g_strdup ("(many)"));
}

static void
change_log_init (ChangeLog *log)
{
  log->tables = g_ptr_array_new_with_free_func (g_free);
  log->ids = g_ptr_array_new_with_free_func (g_free);
}

static void
change_log_clear (ChangeLog *log)
{
  g_clear_pointer (&log->tables, g_ptr_array_unref);
  g_clear_pointer (&log->ids, g_ptr_array_unref);
}

static gboolean
write_two_tables (DukaStore  *store,
                  sqlite3    *db,
                  gpointer    user_data,
                  GError    **error)
{
  if (sqlite3_exec (db, "INSERT INTO t (id, body) VALUES ('a', 'x'), ('b', 'x');"
                        "UPDATE t SET body = 'y' WHERE id = 'a'",
                    NULL, NULL, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);

  duka_store_record_change (db, "t", "a");
  duka_store_record_change (db, "t", "b");
  duka_store_record_change (db, "t", "a");
  duka_store_record_change (db, "u", "x");

  return TRUE;
}

static void
test_changed_in_process (void)
{
  g_autofree char *dir = make_data_dir ();
  DukaStore *store = open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  ChangeLog all, only_t;

  change_log_init (&all);
  change_log_init (&only_t);
  create_test_table (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &all);
  g_signal_connect (store, "changed::t", G_CALLBACK (on_changed), &only_t);

  g_assert_true (duka_store_write (store, write_two_tables, NULL, &error));
  g_assert_no_error (error);
  /* Never emitted from inside the write, only from the main context. */
  g_assert_cmpuint (all.tables->len, ==, 0);

  SPIN_UNTIL (all.tables->len == 2);
  g_assert_cmpstr (g_ptr_array_index (all.tables, 0), ==, "t");
  g_assert_cmpstr (g_ptr_array_index (all.ids, 0), ==, "a,b");
  g_assert_cmpstr (g_ptr_array_index (all.tables, 1), ==, "u");
  g_assert_cmpstr (g_ptr_array_index (all.ids, 1), ==, "x");
  g_assert_cmpuint (only_t.tables->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (only_t.ids, 0), ==, "a,b");

  /* Nothing more arrives for the same batch. */
  spin_briefly (300);
  g_assert_cmpuint (all.tables->len, ==, 2);

  change_log_clear (&all);
  change_log_clear (&only_t);
  g_assert_finalize_object (store);
}

static gboolean
write_many (DukaStore  *store,
            sqlite3    *db,
            gpointer    user_data,
            GError    **error)
{
  for (guint i = 0; i < 1001; i++)
    {
      g_autofree char *id = g_strdup_printf ("many-%u", i);

      duka_store_record_change (db, "t", id);
    }
  duka_store_record_change (db, "u", NULL);

  return TRUE;
}

static void
test_changed_many (void)
{
  g_autofree char *dir = make_data_dir ();
  DukaStore *store = open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  ChangeLog all;

  change_log_init (&all);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &all);

  g_assert_true (duka_store_write (store, write_many, NULL, &error));
  g_assert_no_error (error);
  SPIN_UNTIL (all.tables->len == 2);
  g_assert_cmpstr (g_ptr_array_index (all.ids, 0), ==, "(many)");
  g_assert_cmpstr (g_ptr_array_index (all.ids, 1), ==, "(many)");

  change_log_clear (&all);
  g_assert_finalize_object (store);
}

static gboolean
fail_after_insert (DukaStore  *store,
                   sqlite3    *db,
                   gpointer    user_data,
                   GError    **error)
{
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO t (id, body) VALUES ('doomed', 'x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  duka_store_record_change (db, "t", "doomed");
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "changed my mind");

  return FALSE;
}

static void
test_rollback (void)
{
  g_autofree char *dir = make_data_dir ();
  DukaStore *store = open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  ChangeLog all;

  change_log_init (&all);
  create_test_table (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &all);

  g_assert_false (duka_store_write (store, fail_after_insert, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t"), ==, 0);
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM change_log"), ==, 0);
  g_clear_error (&error);

  /* A failing statement rolls back what the function did before it. */
  {
    ExecWrite w = { "INSERT INTO t (id, body) VALUES ('one', 'x');"
                    "INSERT INTO t (id, body) VALUES ('one', 'again')", "t", "one" };

    g_assert_false (duka_store_write (store, exec_write_func, &w, &error));
    g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_SQL);
    g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t"), ==, 0);
  }

  /* The writer is fine afterwards. */
  insert_rows (store, 0, 1);
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t"), ==, 1);
  SPIN_UNTIL (all.tables->len == 1);
  g_assert_cmpstr (g_ptr_array_index (all.ids, 0), ==, "row-0");

  change_log_clear (&all);
  g_assert_finalize_object (store);
}

/* Runs in a child process: another program writing to the same data. */
static int
helper_write (const char *dir,
              const char *row_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaStore) store = duka_store_open (dir, &error);
  g_autofree char *sql = NULL;
  ExecWrite w = { NULL, "t", row_id };

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  sql = g_strdup_printf ("INSERT INTO t (id, body) VALUES ('%s', 'from another process')", row_id);
  w.sql = sql;
  if (!duka_store_write (store, exec_write_func, &w, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

static void
test_changed_other_process (void)
{
  g_autofree char *dir = make_data_dir ();
  DukaStore *store = open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_exe, "--helper-write", dir, "from-child", NULL };
  int status = 0;
  ChangeLog all;

  change_log_init (&all);
  create_test_table (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &all);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  SPIN_UNTIL (all.tables->len == 1);
  g_assert_cmpstr (g_ptr_array_index (all.tables, 0), ==, "t");
  g_assert_cmpstr (g_ptr_array_index (all.ids, 0), ==, "from-child");
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t WHERE id = 'from-child'"), ==, 1);

  /* The other process closed cleanly, but we are still open: the marker
   * stays until we close too. */
  {
    g_autofree char *marker = g_build_filename (dir, DUKA_STORE_OPEN_MARKER, NULL);

    g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
    change_log_clear (&all);
    g_assert_finalize_object (store);
    g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  }
}

/* }}} */

/* After a crash {{{ */

typedef struct
{
  guint    n;
  gboolean ok;
  char    *message;
} IntegrityResult;

static void
on_integrity_checked (DukaStore       *store,
                      gboolean         ok,
                      const char      *message,
                      IntegrityResult *result)
{
  result->n++;
  result->ok = ok;
  g_free (result->message);
  result->message = g_strdup (message);
}

static void
test_quick_check_after_crash (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *marker = g_build_filename (dir, DUKA_STORE_OPEN_MARKER, NULL);
  g_autofree char *path = g_build_filename (dir, DUKA_STORE_FILENAME, NULL);
  IntegrityResult result = { 0 };
  DukaStore *store;

  store = open_store (dir, NULL);
  g_assert_false (duka_store_get_unclean_shutdown (store));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  create_test_table (store);
  insert_rows (store, 0, 10);
  g_assert_finalize_object (store);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  /* A clean close: no check. */
  store = open_store (dir, NULL);
  g_signal_connect (store, "integrity-checked", G_CALLBACK (on_integrity_checked), &result);
  g_assert_false (duka_store_get_unclean_shutdown (store));
  spin_briefly (300);
  g_assert_cmpuint (result.n, ==, 0);
  g_assert_finalize_object (store);

  /* What a crash leaves behind. */
  g_assert_true (g_file_set_contents (marker, "", 0, NULL));
  store = open_store (dir, NULL);
  g_signal_connect (store, "integrity-checked", G_CALLBACK (on_integrity_checked), &result);
  g_assert_true (duka_store_get_unclean_shutdown (store));
  /* Opening did not wait for it; the store works meanwhile. */
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t"), ==, 10);
  SPIN_UNTIL (result.n == 1);
  g_assert_true (result.ok);
  g_assert_cmpstr (result.message, ==, "ok");
  g_assert_finalize_object (store);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_free (result.message);
}

/* GLib 2.74 cannot g_test_expect_message() a structured warning, so the
 * damaged case runs in a subprocess whose stderr is checked. */
static void
test_quick_check_finds_damage (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_data_dir ();
      g_autofree char *marker = g_build_filename (dir, DUKA_STORE_OPEN_MARKER, NULL);
      g_autofree char *path = g_build_filename (dir, DUKA_STORE_FILENAME, NULL);
      g_autofree char *contents = NULL;
      IntegrityResult result = { 0 };
      DukaStore *store;
      gsize len;

      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

      store = open_store (dir, NULL);
      create_test_table (store);
      exec_write (store,
                  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                  " INSERT INTO t (id, body) SELECT 'r' || i, printf ('%.500c', 'x') FROM n",
                  "t", NULL);
      g_assert_finalize_object (store);

      /* Scribble over pages near the end of the file: t's rows. */
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 64 * 1024);
      memset (contents + len - 40 * 1024, 0x5a, 8 * 1024);
      g_assert_true (g_file_set_contents (path, contents, len, NULL));
      g_assert_true (g_file_set_contents (marker, "", 0, NULL));

      store = open_store (dir, NULL);
      g_signal_connect (store, "integrity-checked", G_CALLBACK (on_integrity_checked), &result);
      SPIN_UNTIL (result.n == 1);
      g_assert_false (result.ok);
      g_assert_cmpstr (result.message, !=, "ok");
      g_assert_finalize_object (store);
      g_free (result.message);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*may be damaged*");
}

/* }}} */

/* Backups and restore {{{ */

static void
on_backup_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **path = user_data;
  g_autoptr(GError) error = NULL;

  *path = duka_store_backup_finish (DUKA_STORE (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*path);
}

static char *
backup_now (DukaStore *store)
{
  char *path = NULL;

  duka_store_backup_async (store, NULL, on_backup_done, &path);
  /* The worker thread may drop its reference to the task (and so to the
   * store) just after the callback ran. */
  SPIN_UNTIL (path != NULL && G_OBJECT (store)->ref_count == 1);

  return path;
}

static void
test_backup_keeps_n (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *backups = g_build_filename (dir, DUKA_STORE_BACKUP_DIRNAME, NULL);
  g_autoptr(DukaClock) clock = duka_clock_new_manual (JAN_1_2026_US);
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *wal = NULL;
  DukaStore *store = open_store (dir, clock);

  g_assert_cmpuint (duka_store_get_backup_keep (store), ==, 7);
  duka_store_set_backup_keep (store, 3);
  create_test_table (store);

  for (guint i = 0; i < 5; i++)
    {
      g_free (newest);
      insert_rows (store, i * 10, 10);
      newest = backup_now (store);
      duka_clock_advance (clock, HOUR_US);
    }

  names = list_dir (backups);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "duka-20260101-020000.sqlite3");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "duka-20260101-030000.sqlite3");
  g_assert_cmpstr (g_ptr_array_index (names, 2), ==, "duka-20260101-040000.sqlite3");
  g_assert_true (g_str_has_suffix (newest, "duka-20260101-040000.sqlite3"));

  /* One self-contained file with the same rows. */
  g_assert_cmpint (file_int (newest, "SELECT count(*) FROM t"), ==, 50);
  g_assert_cmpint (file_int (newest, "SELECT count(*) FROM business"), ==, 0);
  g_assert_cmpint (file_int (newest, "PRAGMA user_version"), ==, duka_store_get_latest_version ());
  journal = file_text (newest, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "delete");
  wal = g_strconcat (newest, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_finalize_object (store);
}

static void
test_backup_daily (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *backups = g_build_filename (dir, DUKA_STORE_BACKUP_DIRNAME, NULL);
  g_autoptr(DukaClock) clock = duka_clock_new_manual (JAN_1_2026_US);
  DukaStore *store = open_store (dir, clock);
  GPtrArray *names = NULL;

  g_assert_true (duka_store_maybe_backup_daily (store));
  /* The backup holds the store until it is done. */
  SPIN_UNTIL (G_OBJECT (store)->ref_count == 1);
  names = list_dir (backups);
  g_assert_cmpuint (names->len, ==, 1);
  g_ptr_array_unref (names);

  duka_clock_advance (clock, 23 * HOUR_US);
  g_assert_false (duka_store_maybe_backup_daily (store));

  duka_clock_advance (clock, HOUR_US);
  g_assert_true (duka_store_maybe_backup_daily (store));
  SPIN_UNTIL (G_OBJECT (store)->ref_count == 1);
  names = list_dir (backups);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "duka-20260102-000000.sqlite3");
  g_ptr_array_unref (names);

  /* The clock went back two days: the newest backup is "in the future". */
  duka_clock_advance (clock, -48 * HOUR_US);
  g_assert_true (duka_store_maybe_backup_daily (store));
  SPIN_UNTIL (G_OBJECT (store)->ref_count == 1);

  g_assert_finalize_object (store);
}

static void
test_restore (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *path = g_build_filename (dir, DUKA_STORE_FILENAME, NULL);
  g_autofree char *before = g_strconcat (path, ".before-restore", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  DukaStore *store = open_store (dir, NULL);

  create_test_table (store);
  insert_rows (store, 0, 3);
  backup = backup_now (store);
  insert_rows (store, 3, 2);

  /* Not while the store is open. */
  g_assert_false (duka_store_restore (dir, backup, &error));
  g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_finalize_object (store);

  g_assert_true (duka_store_restore (dir, backup, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (file_int (before, "SELECT count(*) FROM t"), ==, 5);

  store = open_store (dir, NULL);
  g_assert_false (duka_store_get_unclean_shutdown (store));
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t"), ==, 3);
  g_assert_cmpint (duka_store_get_schema_version (store), ==, duka_store_get_latest_version ());
  g_assert_finalize_object (store);
}

static void
test_restore_refuses_bad_backups (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *other = make_data_dir ();
  g_autofree char *garbage = g_build_filename (other, "garbage.sqlite3", NULL);
  g_autofree char *truncated = g_build_filename (other, "truncated.sqlite3", NULL);
  g_autofree char *newer = g_build_filename (other, "newer.sqlite3", NULL);
  g_autofree char *missing = g_build_filename (other, "missing.sqlite3", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *bump = NULL;
  g_autoptr(GError) error = NULL;
  DukaStore *store = open_store (dir, NULL);
  sqlite3 *db = NULL;
  gsize len;

  create_test_table (store);
  exec_write (store,
              "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)"
              " INSERT INTO t (id, body) SELECT 'r' || i, printf ('%.200c', 'x') FROM n",
              "t", NULL);
  backup = backup_now (store);
  g_assert_finalize_object (store);

  g_assert_true (g_file_set_contents (garbage, "not a database at all, only some text that is long "
                                               "enough to fill a header", -1, NULL));
  g_assert_false (duka_store_restore (dir, garbage, &error));
  g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (backup, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, len / 2, NULL));
  g_assert_false (duka_store_restore (dir, truncated, &error));
  g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (newer, contents, len, NULL));
  bump = g_strdup_printf ("PRAGMA user_version = %d", duka_store_get_latest_version () + 1);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (duka_store_restore (dir, newer, &error));
  g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);

  g_assert_false (duka_store_restore (dir, missing, &error));
  g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN);
  g_clear_error (&error);

  /* The store was never touched. */
  store = open_store (dir, NULL);
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM t"), ==, 500);
  g_assert_finalize_object (store);
}

/* }}} */

/* Upgrades and maintenance {{{ */

static void
test_migrates_every_fixture (void)
{
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "unit", "fixtures", NULL);
  g_autoptr(GPtrArray) names = list_dir (fixtures);
  int latest = duka_store_get_latest_version ();
  guint n_fixtures = 0;

  /* Every schema a released Duka had needs its fixture; see
   * fixtures/make-fixtures.sh. */
  for (int v = 1; v < latest; v++)
    {
      g_autofree char *name = g_strdup_printf ("schema-%04d.sqlite3", v);
      g_autofree char *path = g_build_filename (fixtures, name, NULL);

      g_test_message ("fixture %s", name);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *from = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *to = NULL;
      g_autoptr(GFile) source = NULL;
      g_autoptr(GFile) destination = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DukaBusinessSettings) settings = NULL;
      g_autoptr(DukaProfile) profile = NULL;
      DukaStore *store;

      if (!g_str_has_prefix (name, "schema-") || !g_str_has_suffix (name, ".sqlite3"))
        continue;

      g_test_message ("upgrading %s", name);
      n_fixtures++;
      from = g_build_filename (fixtures, name, NULL);
      dir = make_data_dir ();
      to = g_build_filename (dir, DUKA_STORE_FILENAME, NULL);
      source = g_file_new_for_path (from);
      destination = g_file_new_for_path (to);
      g_assert_true (g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
      g_assert_no_error (error);

      store = open_store (dir, NULL);
      g_assert_cmpint (duka_store_get_schema_version (store), ==, latest);
      settings = duka_business_settings_new (store);
      g_assert_true (duka_business_settings_is_configured (settings));
      profile = duka_business_settings_load (settings, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (profile->business_name, ==, "Fixture Café");
      g_assert_cmpstr (profile->currency, ==, "KES");
      g_assert_cmpstr (profile->till_code, ==, "T1");
      g_clear_object (&settings);
      g_assert_finalize_object (store);
      g_assert_cmpint (file_int (to, "PRAGMA user_version"), ==, latest);
    }

  g_assert_cmpuint (n_fixtures, >=, 1);
}

static void
test_prunes_change_log (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autoptr(DukaClock) clock = duka_clock_new_manual (JAN_1_2026_US);
  g_autoptr(GError) error = NULL;
  DukaStore *store = open_store (dir, clock);

  create_test_table (store);
  insert_rows (store, 0, 3);
  duka_clock_advance (clock, 2 * HOUR_US);
  insert_rows (store, 3, 1);

  g_assert_true (duka_store_run_maintenance (store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reader_int (store, "SELECT count(*) FROM change_log"), ==, 1);
  g_assert_cmpint (reader_int (store, "SELECT row_id = 'row-3' FROM change_log"), ==, 1);

  g_assert_finalize_object (store);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "--helper-write") == 0)
    return helper_write (argv[2], argv[3]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-infra/concurrent-writes", test_concurrent_writes);
  g_test_add_func ("/store-infra/reader-sees-old-snapshot", test_reader_sees_old_snapshot);
  g_test_add_func ("/store-infra/rollback", test_rollback);
  g_test_add_func ("/store-infra/changed/in-process", test_changed_in_process);
  g_test_add_func ("/store-infra/changed/many", test_changed_many);
  g_test_add_func ("/store-infra/changed/other-process", test_changed_other_process);
  g_test_add_func ("/store-infra/quick-check/after-crash", test_quick_check_after_crash);
  g_test_add_func ("/store-infra/quick-check/finds-damage", test_quick_check_finds_damage);
  g_test_add_func ("/store-infra/backup/keeps-n", test_backup_keeps_n);
  g_test_add_func ("/store-infra/backup/daily", test_backup_daily);
  g_test_add_func ("/store-infra/restore/replaces", test_restore);
  g_test_add_func ("/store-infra/restore/refuses-bad-backups", test_restore_refuses_bad_backups);
  g_test_add_func ("/store-infra/migrations/every-fixture", test_migrates_every_fixture);
  g_test_add_func ("/store-infra/maintenance/prunes-change-log", test_prunes_change_log);

  return g_test_run ();
}
