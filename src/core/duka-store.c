/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local SQLite store: opening (and upgrading) it, closing it, and what
 * it says about itself.  The rest of it lives beside this file:
 * duka-store-connections.c (the writer thread, readers, statement cache),
 * duka-store-changes.c (change signals), duka-store-maintenance.c
 * (checkpoints, pruning, crash detection) and duka-store-backup.c.
 * src/core/SCHEMA.md, "Store mechanics", explains why it is built this way.
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "duka-store-internal.h"

#define SCHEMA_RESOURCE_DIR RESOURCE_PATH "/schema"

#define CLOSE_BUSY_TIMEOUT_MS   1000
#define JOURNAL_SIZE_LIMIT      67108864  /* 64 MiB */
#define DAILY_BACKUP_CHECK_S    (5 * 60)

G_DEFINE_FINAL_TYPE (DukaStore, duka_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  INTEGRITY_CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (duka-store-error-quark, duka_store_error)

void
duka_store_emit_changed (DukaStore          *self,
                         const char         *table,
                         const char * const *row_ids)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table, row_ids);
}

void
duka_store_emit_integrity_checked (DukaStore  *self,
                                   gboolean    ok,
                                   const char *message)
{
  g_signal_emit (self, signals[INTEGRITY_CHECKED], 0, ok, message);
}

/* Migrations {{{ */

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
apply_migration (sqlite3     *db,
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

  if (!duka_store_exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA user_version = %d", number);
  if (!duka_store_exec_sql (db, sql, &local_error) ||
      !duka_store_exec_sql (db, pragma, &local_error))
    {
      duka_store_exec_sql (db, "ROLLBACK", NULL);
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_MIGRATION,
                   _("Could not upgrade the data to version %d: %s"),
                   number, local_error->message);
      return FALSE;
    }

  return duka_store_exec_sql (db, "COMMIT", error);
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
      if (!apply_migration (self->writer->db, names[i], number, error))
        return FALSE;
      self->schema_version = number;
    }

  return TRUE;
}

/* }}} */

/* Lifecycle {{{ */

static void
duka_store_finalize (GObject *object)
{
  DukaStore *self = (DukaStore *) object;

  /* Each thread stops before what it uses: the check holds a reader,
   * maintenance writes through the writer, the writer kicks the change
   * sources. */
  duka_store_stop_integrity_check (self);
  duka_store_stop_maintenance (self);
  duka_store_stop_writer (self);
  duka_store_stop_change_signals (self);

  if (self->daily_backup_source != NULL)
    g_source_destroy (self->daily_backup_source);
  g_clear_pointer (&self->daily_backup_source, g_source_unref);

  if (self->n_readers_out > 0)
    g_critical ("A store was closed while %u readers were still acquired",
                self->n_readers_out);
  g_clear_pointer (&self->idle_readers, g_ptr_array_unref);
  g_clear_pointer (&self->checkpointer, duka_store_connection_close);

  /* A clean close leaves a single file: the next open starts with an
   * empty WAL, and a copy of duka.sqlite3 alone is the whole store. */
  if (self->opened && self->writer != NULL)
    {
      sqlite3_busy_timeout (self->writer->db, CLOSE_BUSY_TIMEOUT_MS);
      sqlite3_wal_checkpoint_v2 (self->writer->db, NULL,
                                 SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    }
  g_clear_pointer (&self->writer, duka_store_connection_close);

  if (self->marker_fd >= 0)
    duka_store_unlock_marker (self->data_dir, self->marker_fd);

  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_mutex_clear (&self->readers_lock);
  g_mutex_clear (&self->maintenance_lock);
  g_cond_clear (&self->maintenance_cond);
  g_mutex_clear (&self->checkpoint_lock);

  G_OBJECT_CLASS (duka_store_parent_class)->finalize (object);
}

static void
duka_store_class_init (DukaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = duka_store_finalize;

  /**
   * DukaStore::changed:
   * @table: the table whose rows changed (also the signal's detail)
   * @row_ids: (nullable): the ids of the changed rows, or %NULL when too
   *   many changed to list (or a writer said "many")
   *
   * Emitted on the main context after a committed write, by this process
   * or another one on the same data, once per table per batch.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                                   G_TYPE_STRV);

  /**
   * DukaStore::integrity-checked:
   * @ok: whether PRAGMA quick_check found nothing wrong
   * @message: what it said ("ok", or the problems it found)
   *
   * Emitted on the main context after the check that follows an unclean
   * shutdown.
   */
  signals[INTEGRITY_CHECKED] = g_signal_new ("integrity-checked",
                                             G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2,
                                             G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
duka_store_init (DukaStore *self)
{
  self->marker_fd = -1;
  self->backup_keep = DUKA_STORE_BACKUP_KEEP_DEFAULT;
  self->watcher_data_version = -1;
  self->checkpointer_data_version = -1;
  self->jobs = g_async_queue_new ();
  self->idle_readers =
    g_ptr_array_new_with_free_func ((GDestroyNotify) duka_store_connection_close);
  g_mutex_init (&self->readers_lock);
  g_mutex_init (&self->maintenance_lock);
  g_cond_init (&self->maintenance_cond);
  g_mutex_init (&self->checkpoint_lock);
}

static gboolean
on_daily_backup_check (gpointer data)
{
  duka_store_maybe_backup_daily (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
open_writer (DukaStore  *self,
             GError    **error)
{
  int latest;

  self->writer = duka_store_connection_open (self, self->path,
                                  SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                  error);
  if (self->writer == NULL)
    return FALSE;

  /* Check the version before anything writes to the file: a store made by a
   * newer Duka is left exactly as it is. */
  self->schema_version = read_user_version (self->writer->db);
  if (self->schema_version < 0)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN,
                   _("“%s” is not a Duka database: %s"), self->path,
                   sqlite3_errmsg (self->writer->db));
      return FALSE;
    }

  latest = duka_store_get_latest_version ();
  if (self->schema_version > latest)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_TOO_NEW,
                   _("This data was saved by a newer version of Duka "
                     "(data version %d; this Duka reads up to %d). "
                     "Update Duka to open it; nothing was changed."),
                   self->schema_version, latest);
      return FALSE;
    }

  /* No commit ever pays for a checkpoint: the maintenance thread does
   * them.  journal_size_limit trims the WAL file after it was reset. */
  if (!duka_store_exec_sql (self->writer->db,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;"
                 "PRAGMA wal_autocheckpoint = 0;"
                 "PRAGMA journal_size_limit = " G_STRINGIFY (JOURNAL_SIZE_LIMIT) ";",
                 error))
    return FALSE;

  return migrate (self, error);
}

static gboolean
start_background (DukaStore  *self,
                  GError    **error)
{
  if (!duka_store_start_change_signals (self, error))
    return FALSE;

  self->daily_backup_source = g_timeout_source_new_seconds (DAILY_BACKUP_CHECK_S);
  g_source_set_name (self->daily_backup_source, "[duka] daily backup");
  g_source_set_callback (self->daily_backup_source, on_daily_backup_check, self, NULL);
  g_source_attach (self->daily_backup_source, self->context);

  duka_store_start_writer (self);
  if (!duka_store_start_maintenance (self, error))
    return FALSE;

  if (self->unclean_shutdown)
    duka_store_start_integrity_check (self);

  return TRUE;
}

/**
 * duka_store_open_full:
 * @data_dir: the folder that holds duka.sqlite3 (created when missing)
 * @clock: (nullable): the clock the store stamps changes and names
 *   backups with; %NULL for the system clock
 *
 * Opens the store, upgrading its schema when it is older than this Duka;
 * refuses (and leaves untouched) a store made by a newer Duka.  Change
 * signals are emitted on the thread-default main context of the caller.
 */
DukaStore *
duka_store_open_full (const char  *data_dir,
                      DukaClock   *clock,
                      GError     **error)
{
  g_autoptr(DukaStore) self = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (clock == NULL || DUKA_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

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
  self->path = g_build_filename (data_dir, DUKA_STORE_FILENAME, NULL);
  self->clock = clock ? g_object_ref (clock) : duka_clock_new_system ();
  self->context = g_main_context_ref_thread_default ();

  self->marker_fd = duka_store_lock_marker_shared (data_dir, &self->unclean_shutdown, error);
  if (self->marker_fd < 0)
    return NULL;

  if (!open_writer (self, error) || !start_background (self, error))
    return NULL;

  self->opened = TRUE;
  return g_steal_pointer (&self);
}

DukaStore *
duka_store_open (const char  *data_dir,
                 GError     **error)
{
  return duka_store_open_full (data_dir, NULL, error);
}

/* }}} */

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

/**
 * duka_store_get_unclean_shutdown:
 *
 * Returns: whether the previous session on this data ended without closing
 *   the store (a crash or power cut); ::integrity-checked follows.
 */
gboolean
duka_store_get_unclean_shutdown (DukaStore *self)
{
  g_return_val_if_fail (DUKA_IS_STORE (self), FALSE);

  return self->unclean_shutdown;
}

/**
 * duka_store_get_clock:
 *
 * Returns: (transfer none): the clock this store reads time from.
 */
DukaClock *
duka_store_get_clock (DukaStore *self)
{
  g_return_val_if_fail (DUKA_IS_STORE (self), NULL);

  return self->clock;
}

/**
 * duka_store_set_backup_keep:
 * @keep: how many backups to keep, at least 1
 */
void
duka_store_set_backup_keep (DukaStore *self,
                            guint      keep)
{
  g_return_if_fail (DUKA_IS_STORE (self));
  g_return_if_fail (keep >= 1);

  self->backup_keep = keep;
}

guint
duka_store_get_backup_keep (DukaStore *self)
{
  g_return_val_if_fail (DUKA_IS_STORE (self), DUKA_STORE_BACKUP_KEEP_DEFAULT);

  return self->backup_keep;
}
