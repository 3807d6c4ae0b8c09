/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "duka-store-private.h"

#define SCHEMA_RESOURCE_DIR RESOURCE_PATH "/schema"

struct _DukaStore
{
  GObject  parent_instance;

  char    *data_dir;
  sqlite3 *writer;
  int      schema_version;
};

G_DEFINE_FINAL_TYPE (DukaStore, duka_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (duka-store-error-quark, duka_store_error)

static void
duka_store_finalize (GObject *object)
{
  DukaStore *self = (DukaStore *) object;

  g_clear_pointer (&self->writer, sqlite3_close);
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (duka_store_parent_class)->finalize (object);
}

static void
duka_store_class_init (DukaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = duka_store_finalize;

  /**
   * DukaStore::changed:
   * @table: the table whose rows changed
   *
   * Emitted on the main context after a committed write.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
duka_store_init (DukaStore *self)
{
}

gboolean
duka_store_set_sql_error (DukaStore  *self,
                          GError    **error)
{
  g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_SQL,
               _("The database reported an error: %s"),
               sqlite3_errmsg (self->writer));
  return FALSE;
}

static gboolean
exec_sql (DukaStore   *self,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->writer, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_SQL,
                   _("The database reported an error: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

/* Migrations are named NNNN-what.sql; the number is the user_version the
 * store has once the file has been applied. */
static int
migration_number (const char *name)
{
  char *end = NULL;
  guint64 n;

  if (!g_str_has_suffix (name, ".sql") || !g_ascii_isdigit (name[0]))
    return -1;
  n = g_ascii_strtoull (name, &end, 10);
  if (end == name || *end != '-' || n == 0 || n > G_MAXINT)
    return -1;

  return (int) n;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GStrv
list_migrations (void)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  names = g_resources_enumerate_children (SCHEMA_RESOURCE_DIR,
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (migration_number (names[i]) > 0)
      g_ptr_array_add (sorted, g_strdup (names[i]));

  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_add (sorted, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
}

int
duka_store_get_latest_version (void)
{
  g_auto(GStrv) names = list_migrations ();
  guint n = g_strv_length (names);

  return n > 0 ? migration_number (names[n - 1]) : 0;
}

static gboolean
apply_migration (DukaStore   *self,
                 const char  *name,
                 int          number,
                 GError     **error)
{
  g_autofree char *path = g_build_path ("/", SCHEMA_RESOURCE_DIR, name, NULL);
  g_autofree char *pragma = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA user_version = %d", number);
  if (!exec_sql (self, sql, &local_error) ||
      !exec_sql (self, pragma, &local_error))
    {
      exec_sql (self, "ROLLBACK", NULL);
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_MIGRATION,
                   _("Could not upgrade the data to version %d: %s"),
                   number, local_error->message);
      return FALSE;
    }

  return exec_sql (self, "COMMIT", error);
}

static gboolean
migrate (DukaStore  *self,
         GError    **error)
{
  g_auto(GStrv) names = list_migrations ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      int number = migration_number (names[i]);

      if (number <= self->schema_version)
        continue;
      if (!apply_migration (self, names[i], number, error))
        return FALSE;
      self->schema_version = number;
    }

  return TRUE;
}

DukaStore *
duka_store_open (const char  *data_dir,
                 GError     **error)
{
  g_autoptr(DukaStore) self = NULL;
  g_autofree char *path = NULL;
  int latest;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN,
                   _("Could not create the data folder “%s”: %s"),
                   data_dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (DUKA_TYPE_STORE, NULL);
  self->data_dir = g_strdup (data_dir);
  path = g_build_filename (data_dir, DUKA_STORE_FILENAME, NULL);

  if (sqlite3_open_v2 (path, &self->writer,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                       SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN,
                   _("Could not open the data in “%s”: %s"), path,
                   self->writer ? sqlite3_errmsg (self->writer)
                                : g_strerror (ENOMEM));
      return NULL;
    }

  sqlite3_busy_timeout (self->writer, 5000);

  /* Check the version before anything writes to the file: a store made by a
   * newer Duka is left exactly as it is. */
  self->schema_version = read_user_version (self->writer);
  if (self->schema_version < 0)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN,
                   _("“%s” is not a Duka database: %s"), path,
                   sqlite3_errmsg (self->writer));
      return NULL;
    }

  latest = duka_store_get_latest_version ();
  if (self->schema_version > latest)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_TOO_NEW,
                   _("This data was saved by a newer version of Duka "
                     "(data version %d; this Duka reads up to %d). "
                     "Update Duka to open it; nothing was changed."),
                   self->schema_version, latest);
      return NULL;
    }

  if (!exec_sql (self,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;",
                 error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
duka_store_get_data_dir (DukaStore *self)
{
  g_return_val_if_fail (DUKA_IS_STORE (self), NULL);

  return self->data_dir;
}

int
duka_store_get_schema_version (DukaStore *self)
{
  g_return_val_if_fail (DUKA_IS_STORE (self), -1);

  return self->schema_version;
}

char *
duka_store_get_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "duka", NULL);
}

sqlite3 *
duka_store_get_writer (DukaStore *self)
{
  return self->writer;
}

gboolean
duka_store_begin (DukaStore  *self,
                  GError    **error)
{
  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

gboolean
duka_store_commit (DukaStore  *self,
                   GError    **error)
{
  return exec_sql (self, "COMMIT", error);
}

void
duka_store_rollback (DukaStore *self)
{
  if (!sqlite3_get_autocommit (self->writer))
    exec_sql (self, "ROLLBACK", NULL);
}

void
duka_store_emit_changed (DukaStore  *self,
                         const char *table)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
}
