/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backups of the store, and restoring one.
 *
 * Backups use VACUUM INTO on a reader connection, not SQLite's online
 * backup API: the backup API copies page by page and starts over whenever
 * another connection writes, so on a busy till it may never finish; VACUUM
 * INTO copies one read snapshot in a single statement, never blocks the
 * writer, and produces a compact file with no free pages.
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "duka-store-private.h"

#define DAY_US  (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

/* duka-YYYYmmdd-HHMMSS.sqlite3 */
#define BACKUP_PREFIX "duka-"
#define BACKUP_SUFFIX ".sqlite3"
#define BACKUP_NAME_LENGTH (sizeof (BACKUP_PREFIX "20260101-000000" BACKUP_SUFFIX) - 1)

static GQuark
daily_backup_running_quark (void)
{
  return g_quark_from_static_string ("duka-store-daily-backup-running");
}

static gboolean
fsync_path (const char  *path,
            GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }

  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_BACKUP,
               _("Could not write “%s” to disk: %s"), path,
               g_strerror (saved_errno));
  return FALSE;
}

/* @what is already translated and formatted; errno says why. */
static gboolean
set_errno_error (GError     **error,
                 const char  *what)
{
  int saved_errno = errno;

  g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_BACKUP,
               "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}

static gboolean set_path_error (GError     **error,
                                const char  *format,
                                ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_path_error (GError     **error,
                const char  *format,
                ...)
{
  int saved_errno = errno;
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  errno = saved_errno;

  return set_errno_error (error, what);
}

/* Returns the backup's time in µs since the epoch, or -1 when @name is not
 * one of ours. */
static gint64
parse_backup_name (const char *name)
{
  g_autoptr(GDateTime) when = NULL;
  int y, mo, d, h, mi, s;
  char tail;

  if (strlen (name) != BACKUP_NAME_LENGTH ||
      !g_str_has_prefix (name, BACKUP_PREFIX) ||
      !g_str_has_suffix (name, BACKUP_SUFFIX))
    return -1;
  if (sscanf (name, BACKUP_PREFIX "%4d%2d%2d-%2d%2d%2d%c",
              &y, &mo, &d, &h, &mi, &s, &tail) != 7 || tail != '.')
    return -1;

  when = g_date_time_new_utc (y, mo, d, h, mi, s);
  if (when == NULL)
    return -1;

  return g_date_time_to_unix (when) * G_USEC_PER_SEC;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Our backups, oldest first: the names sort by time. */
static GPtrArray *
list_backups (const char *backups_dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (backups_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (parse_backup_name (name) >= 0)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  return names;
}

typedef struct
{
  char  *backups_dir;
  char  *name;
  guint  keep;
} BackupData;

static void
backup_data_free (BackupData *data)
{
  g_free (data->backups_dir);
  g_free (data->name);
  g_free (data);
}

static int
cancel_progress (gpointer data)
{
  return g_cancellable_is_cancelled (data);
}

static gboolean
vacuum_into (DukaStore     *store,
             const char    *path,
             GCancellable  *cancellable,
             GError       **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc = SQLITE_ERROR;

  db = duka_store_acquire_reader (store, error);
  if (db == NULL)
    return FALSE;

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 1000, cancel_progress, cancellable);
  stmt = duka_store_prepare_cached (db, "VACUUM INTO ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE && !g_cancellable_set_error_if_cancelled (cancellable, error))
        duka_store_sql_error (db, error);
      duka_store_stmt_done (stmt);
    }
  sqlite3_progress_handler (db, 0, NULL, NULL);
  duka_store_release_reader (store, db);

  return rc == SQLITE_DONE;
}

/* A backup is one self-contained file: no WAL beside it to lose. */
static gboolean
make_standalone (const char  *path,
                 GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  ok = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
       sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_BACKUP,
                 _("Could not finish the backup “%s”: %s"), path,
                 db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
  sqlite3_close (db);

  return ok;
}

static void
remove_old_backups (const char *backups_dir,
                    guint       keep)
{
  g_autoptr(GPtrArray) names = list_backups (backups_dir);

  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (backups_dir,
                                                g_ptr_array_index (names, i),
                                                NULL);

      if (g_unlink (path) != 0)
        g_debug ("Could not remove the old backup %s: %s", path, g_strerror (errno));
    }
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DukaStore *store = source_object;
  BackupData *data = task_data;
  g_autofree char *tmp = NULL;
  g_autofree char *final = NULL;
  GError *error = NULL;
  int fd;

  if (g_mkdir_with_parents (data->backups_dir, 0700) != 0)
    {
      set_path_error (&error, _("Could not create the folder “%s”"), data->backups_dir);
      g_task_return_error (task, error);
      return;
    }

  /* VACUUM INTO accepts an empty file; the temporary name makes sure a
   * half-written backup never looks like a backup. */
  tmp = g_build_filename (data->backups_dir, ".duka-backup-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_path_error (&error, _("Could not create “%s”"), tmp);
      g_task_return_error (task, error);
      return;
    }
  close (fd);

  final = g_build_filename (data->backups_dir, data->name, NULL);
  if (!vacuum_into (store, tmp, cancellable, &error) ||
      !make_standalone (tmp, &error) ||
      !fsync_path (tmp, &error) ||
      (g_rename (tmp, final) != 0 &&
       set_path_error (&error, _("Could not create “%s”"), final)) ||
      !fsync_path (data->backups_dir, &error))
    {
      g_unlink (tmp);
      g_task_return_error (task, error);
      return;
    }

  remove_old_backups (data->backups_dir, data->keep);

  g_task_return_pointer (task, g_steal_pointer (&final), g_free);
}

/**
 * duka_store_backup_async:
 *
 * Copies a consistent snapshot of the store to
 * DATA_DIR/backups/duka-YYYYmmdd-HHMMSS.sqlite3 (the store's clock, UTC)
 * in a thread, then removes the oldest backups beyond
 * duka_store_get_backup_keep().  Selling goes on meanwhile.
 */
void
duka_store_backup_async (DukaStore           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  BackupData *data;

  g_return_if_fail (DUKA_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, duka_store_backup_async);

  now = duka_clock_now_in (duka_store_get_clock (self), NULL);
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  data = g_new0 (BackupData, 1);
  data->backups_dir = g_build_filename (duka_store_get_data_dir (self),
                                        DUKA_STORE_BACKUP_DIRNAME, NULL);
  data->name = g_strconcat (BACKUP_PREFIX, stamp, BACKUP_SUFFIX, NULL);
  data->keep = duka_store_get_backup_keep (self);
  g_task_set_task_data (task, data, (GDestroyNotify) backup_data_free);

  g_task_run_in_thread (task, backup_thread);
}

/**
 * duka_store_backup_finish:
 *
 * Returns: (transfer full): the path of the new backup, or %NULL on error
 */
char *
duka_store_backup_finish (DukaStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (DUKA_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == duka_store_backup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
daily_backup_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DukaStore *self = DUKA_STORE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_object_set_qdata (G_OBJECT (self), daily_backup_running_quark (), NULL);

  path = duka_store_backup_finish (self, result, &error);
  if (path == NULL)
    g_warning ("The daily backup of the Duka data failed: %s", error->message);
}

/**
 * duka_store_maybe_backup_daily:
 *
 * Starts a backup when the newest one is 24 hours old by the store's clock
 * (or there is none yet, or it is dated well after now: the clock was
 * wrong when it was made).
 *
 * Returns: whether a backup was started
 */
gboolean
duka_store_maybe_backup_daily (DukaStore *self)
{
  g_autofree char *backups_dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  gint64 now;

  g_return_val_if_fail (DUKA_IS_STORE (self), FALSE);

  if (g_object_get_qdata (G_OBJECT (self), daily_backup_running_quark ()) != NULL)
    return FALSE;

  backups_dir = g_build_filename (duka_store_get_data_dir (self),
                                  DUKA_STORE_BACKUP_DIRNAME, NULL);
  names = list_backups (backups_dir);
  now = duka_clock_now (duka_store_get_clock (self));

  if (names->len > 0)
    {
      gint64 newest = parse_backup_name (g_ptr_array_index (names, names->len - 1));

      if (now - newest < DAY_US && newest - now < HOUR_US)
        return FALSE;
    }

  g_object_set_qdata (G_OBJECT (self), daily_backup_running_quark (), GINT_TO_POINTER (TRUE));
  duka_store_backup_async (self, NULL, daily_backup_done, NULL);

  return TRUE;
}

/* Restore {{{ */

static gboolean
check_backup (const char  *backup_file,
              GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int version = -1;
  int latest = duka_store_get_latest_version ();
  int rc;

  if (!g_file_test (backup_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN,
                   _("There is no backup “%s”."), backup_file);
      return FALSE;
    }

  rc = sqlite3_open_v2 (backup_file, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (version <= 0)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_CORRUPT,
                   _("“%s” is not a Duka backup."), backup_file);
      sqlite3_close (db);
      return FALSE;
    }
  if (version > latest)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_TOO_NEW,
                   _("This backup was made by a newer version of Duka "
                     "(data version %d; this Duka reads up to %d). "
                     "Update Duka to restore it."),
                   version, latest);
      sqlite3_close (db);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (20)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  for (; rc == SQLITE_ROW; rc = sqlite3_step (stmt))
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append (problems, (const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    g_string_append_printf (problems, "%s%s", problems->len ? "\n" : "", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  if (rc != SQLITE_DONE || strcmp (problems->str, "ok") != 0)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_CORRUPT,
                   _("The backup “%s” is damaged: %s"), backup_file, problems->str);
      return FALSE;
    }

  return TRUE;
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_BACKUP,
                   _("Could not copy “%s”: %s"), from, local_error->message);
      return FALSE;
    }

  return fsync_path (to, error);
}

/* Folds the WAL of the store being replaced into its main file, so the
 * copy kept as .before-restore is whole on its own.  When that fails (the
 * store may be damaged: that is why people restore), its WAL is kept
 * beside the copy instead of being lost. */
static void
set_aside_current (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *before = g_strconcat (path, ".before-restore", NULL);
  g_autofree char *before_wal = g_strconcat (before, "-wal", NULL);
  GStatBuf info;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sqlite3_close (db);

  g_unlink (before);
  g_unlink (before_wal);
  if (g_stat (wal, &info) == 0 && info.st_size > 0)
    g_rename (wal, before_wal);
  /* A WAL left beside the restored file would be replayed into it. */
  g_unlink (wal);
  g_unlink (shm);

  if (link (path, before) != 0)
    copy_file (path, before, NULL);
}

/**
 * duka_store_restore:
 * @data_dir: the store's folder; the store must not be open
 * @backup_file: a backup made by duka_store_backup_async()
 *
 * Replaces DATA_DIR/duka.sqlite3 with @backup_file after checking that it
 * is whole and not newer than this Duka.  The replaced file is kept as
 * duka.sqlite3.before-restore.  The switch is atomic: after a crash at any
 * instant, duka.sqlite3 is either the old store or the backup.
 */
gboolean
duka_store_restore (const char  *data_dir,
                    const char  *backup_file,
                    GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  int marker;
  int fd;
  gboolean ok = FALSE;

  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (backup_file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_backup (backup_file, error))
    return FALSE;

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    return set_path_error (error, _("Could not create the data folder “%s”"), data_dir);

  marker = duka_store_lock_marker_exclusive (data_dir, error);
  if (marker < 0)
    return FALSE;

  path = g_build_filename (data_dir, DUKA_STORE_FILENAME, NULL);
  tmp = g_build_filename (data_dir, ".duka-restore-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_path_error (error, _("Could not create “%s”"), tmp);
      goto out;
    }
  close (fd);

  if (!copy_file (backup_file, tmp, error))
    {
      g_unlink (tmp);
      goto out;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    set_aside_current (path);

  if (g_rename (tmp, path) != 0)
    {
      set_path_error (error, _("Could not replace “%s”"), path);
      g_unlink (tmp);
      goto out;
    }

  ok = fsync_path (data_dir, error);

out:
  duka_store_unlock_marker (data_dir, marker);
  return ok;
}

/* }}} */
