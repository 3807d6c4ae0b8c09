/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "duka-store-private.h"

static char *
make_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("duka-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return result;
}

static void
exec_on_file (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_store_creates_and_migrates (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *path = g_build_filename (dir, DUKA_STORE_FILENAME, NULL);
  g_autofree char *version = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *tables = NULL;
  g_autoptr(GError) error = NULL;
  DukaStore *store;

  g_assert_cmpint (duka_store_get_latest_version (), >=, 1);

  store = duka_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (duka_store_get_schema_version (store), ==, duka_store_get_latest_version ());
  g_assert_cmpstr (duka_store_get_data_dir (store), ==, dir);
  g_assert_finalize_object (store);

  version = query_text (path, "PRAGMA user_version");
  g_assert_cmpint (atoi (version), ==, duka_store_get_latest_version ());
  journal = query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  tables = query_text (path, "SELECT group_concat(name, ',') FROM "
                             "(SELECT name FROM sqlite_schema WHERE type = 'table'"
                             "   AND name IN ('business', 'outlet', 'till', 'this_device', 'change_log')"
                             " ORDER BY name)");
  g_assert_cmpstr (tables, ==, "business,change_log,outlet,this_device,till");

  /* Opening again applies nothing and keeps the version. */
  store = duka_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (duka_store_get_schema_version (store), ==, duka_store_get_latest_version ());
  g_assert_finalize_object (store);
}

static void
test_store_refuses_newer_schema (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *path = g_build_filename (dir, DUKA_STORE_FILENAME, NULL);
  g_autofree char *bump = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;
  DukaStore *store;

  store = duka_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  bump = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d;",
                          duka_store_get_latest_version () + 1);
  exec_on_file (path, bump);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = duka_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Duka"));

  /* Nothing was written: not even the switch to WAL. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_store_refuses_garbage (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *path = g_build_filename (dir, DUKA_STORE_FILENAME, NULL);
  g_autoptr(GError) error = NULL;
  DukaStore *store;

  g_assert_true (g_file_set_contents (path, "this is not a database, just text that is "
                                            "long enough to have a header of its own",
                                      -1, NULL));
  store = duka_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN);
}

static void
test_store_refuses_unwritable_dir (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autofree char *file = g_build_filename (dir, "plain-file", NULL);
  g_autofree char *inside = g_build_filename (file, "store", NULL);
  g_autoptr(GError) error = NULL;
  DukaStore *store;

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  store = duka_store_open (inside, &error);
  g_assert_null (store);
  g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN);
}

static gboolean
create_and_fill (DukaStore  *store,
                 sqlite3    *db,
                 gpointer    user_data,
                 GError    **error)
{
  sqlite3_stmt **seen = user_data;
  sqlite3_stmt *stmt;

  if (sqlite3_exec (db, "CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY)", NULL, NULL, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("%p-%u", (gpointer) seen, i);
      int rc;

      stmt = duka_store_prepare_cached (db, "INSERT OR IGNORE INTO t (id) VALUES (?1)", error);
      if (stmt == NULL)
        return FALSE;
      /* One statement per connection and SQL text, across transactions. */
      if (*seen != NULL)
        g_assert_true (stmt == *seen);
      *seen = stmt;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      duka_store_stmt_done (stmt);
      if (rc != SQLITE_DONE)
        return duka_store_sql_error (db, error);
      duka_store_record_change (db, "t", id);
    }

  return TRUE;
}

static void
test_store_cached_statements (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *writer_stmt = NULL;
  sqlite3_stmt *a, *b, *c;
  DukaStore *store;
  sqlite3 *db;

  store = duka_store_open (dir, &error);
  g_assert_no_error (error);

  g_assert_true (duka_store_write (store, create_and_fill, &writer_stmt, &error));
  g_assert_no_error (error);
  g_assert_true (duka_store_write_full_sync (store, create_and_fill, &writer_stmt, &error));
  g_assert_no_error (error);

  db = duka_store_acquire_reader (store, &error);
  g_assert_no_error (error);
  a = duka_store_prepare_cached (db, "SELECT count(*) FROM t", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (a), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (a, 0), ==, 2);
  duka_store_stmt_done (a);
  b = duka_store_prepare_cached (db, "SELECT count(*) FROM t", &error);
  c = duka_store_prepare_cached (db, "SELECT count(*) FROM t WHERE id > ''", &error);
  g_assert_true (a == b);
  g_assert_true (a != c);
  g_assert_true (sqlite3_db_handle (a) == db);
  /* Readers are read-only. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM t", NULL, NULL, NULL), ==, SQLITE_READONLY);
  g_assert_null (duka_store_prepare_cached (db, "SELECT nonsense FROM nowhere", &error));
  g_assert_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_SQL);
  g_clear_error (&error);
  duka_store_release_reader (store, db);

  g_assert_finalize_object (store);
}

static void
on_write_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  int *state = user_data;
  g_autoptr(GError) error = NULL;

  if (duka_store_write_finish (DUKA_STORE (source), result, &error))
    *state = 1;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    *state = 2;
  else
    *state = 3;
}

static void
test_store_write_async (void)
{
  g_autofree char *dir = make_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  sqlite3_stmt **seen = g_new0 (sqlite3_stmt *, 1);
  int state = 0;
  int cancelled_state = 0;
  DukaStore *store;

  store = duka_store_open (dir, &error);
  g_assert_no_error (error);

  duka_store_write_async (store, create_and_fill, seen, g_free, NULL, on_write_done, &state);
  g_cancellable_cancel (cancellable);
  duka_store_write_async (store, create_and_fill, NULL, NULL, cancellable,
                          on_write_done, &cancelled_state);
  while (state == 0 || cancelled_state == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (state, ==, 1);
  g_assert_cmpint (cancelled_state, ==, 2);

  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/creates-and-migrates", test_store_creates_and_migrates);
  g_test_add_func ("/store/refuses-newer-schema", test_store_refuses_newer_schema);
  g_test_add_func ("/store/refuses-garbage", test_store_refuses_garbage);
  g_test_add_func ("/store/refuses-unwritable-dir", test_store_refuses_unwritable_dir);
  g_test_add_func ("/store/cached-statements", test_store_cached_statements);
  g_test_add_func ("/store/write-async", test_store_write_async);

  return g_test_run ();
}
