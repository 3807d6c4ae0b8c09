/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What keeps the store's file healthy without anyone waiting for it: the
 * maintenance thread (PASSIVE checkpoints, pruning change_log), the open
 * marker that tells a clean shutdown from a crash, and the quick_check that
 * follows a crash.  src/core/SCHEMA.md, "Store mechanics", says why.
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duka-store-internal.h"

#define CHECKPOINT_INTERVAL_US  (2 * G_USEC_PER_SEC)
#define PRUNE_INTERVAL_US       (G_GINT64_CONSTANT (600) * G_USEC_PER_SEC)
#define CHANGE_LOG_KEEP_US      (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

/* The open marker {{{ */

static char *
marker_path (const char *data_dir)
{
  return g_build_filename (data_dir, DUKA_STORE_OPEN_MARKER, NULL);
}

static gboolean
same_file (int         fd,
           const char *path)
{
  struct stat by_fd, by_path;

  return fstat (fd, &by_fd) == 0 && stat (path, &by_path) == 0 &&
         by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

/* Every process with the store open holds a shared flock on DIR/duka.open.
 * A marker nobody holds was left by a crash; a restore takes it
 * exclusively. */
int
duka_store_lock_marker_shared (const char  *data_dir,
                               gboolean    *unclean,
                               GError     **error)
{
  g_autofree char *path = marker_path (data_dir);

  *unclean = FALSE;

  for (;;)
    {
      gboolean existed = FALSE;
      int fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd < 0 && errno == EEXIST)
        {
          existed = TRUE;
          fd = open (path, O_RDWR | O_CLOEXEC);
          if (fd < 0 && errno == ENOENT)
            continue;
        }
      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN,
                       _("Could not create “%s”: %s"), path,
                       g_strerror (saved_errno));
          return -1;
        }

      if (existed && flock (fd, LOCK_EX | LOCK_NB) == 0)
        *unclean = TRUE;

      /* Waits while a restore replaces the file. */
      while (flock (fd, LOCK_SH) != 0 && errno == EINTR)
        ;

      /* A store that closed meanwhile may have removed this marker. */
      if (same_file (fd, path))
        return fd;

      close (fd);
      *unclean = FALSE;
    }
}

int
duka_store_lock_marker_exclusive (const char  *data_dir,
                                  GError     **error)
{
  g_autofree char *path = marker_path (data_dir);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_OPEN,
                   _("Could not create “%s”: %s"), path,
                   g_strerror (saved_errno));
      return -1;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_BUSY,
                   _("Duka is using the data in “%s”. Close Duka and try again."),
                   data_dir);
      return -1;
    }

  return fd;
}

void
duka_store_unlock_marker (const char *data_dir,
                          int         fd)
{
  g_autofree char *path = NULL;

  if (fd < 0)
    return;

  /* The last process out removes it; one still running keeps it. */
  path = marker_path (data_dir);
  if (flock (fd, LOCK_EX | LOCK_NB) == 0 && same_file (fd, path))
    g_unlink (path);
  close (fd);
}

/* }}} */

/* Checkpoints and pruning {{{ */

static gboolean
prune_change_log (DukaStore  *self,
                  sqlite3    *db,
                  gpointer    user_data,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = duka_store_prepare_cached (db, "DELETE FROM change_log WHERE at < ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, duka_clock_now (self->clock) - CHANGE_LOG_KEEP_US);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);

  return rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

gboolean
duka_store_run_maintenance (DukaStore  *self,
                            gboolean    force,
                            GError    **error)
{
  sqlite3 *db;
  gint64 version;
  gint64 now = g_get_monotonic_time ();
  gboolean prune = FALSE;
  int rc = SQLITE_OK;

  g_return_val_if_fail (DUKA_IS_STORE (self), FALSE);

  g_mutex_lock (&self->checkpoint_lock);
  db = self->checkpointer->db;
  version = duka_store_query_int64 (db, "PRAGMA data_version", -1);
  if (force || version != self->checkpointer_data_version)
    {
      /* PASSIVE never waits for readers or the writer: it copies what it
       * can and leaves the rest for the next round. */
      rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      self->checkpointer_data_version = version;
    }
  if (force || self->last_prune_us == 0 || now - self->last_prune_us >= PRUNE_INTERVAL_US)
    {
      prune = TRUE;
      self->last_prune_us = now;
    }
  g_mutex_unlock (&self->checkpoint_lock);

  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    {
      g_set_error (error, DUKA_STORE_ERROR, DUKA_STORE_ERROR_SQL,
                   _("The database reported an error: %s"), sqlite3_errstr (rc));
      return FALSE;
    }

  if (prune)
    return duka_store_write (self, prune_change_log, NULL, error);

  return TRUE;
}

static gpointer
maintenance_thread_main (gpointer data)
{
  DukaStore *self = data;

  g_mutex_lock (&self->maintenance_lock);
  while (!self->stopping)
    {
      gint64 end = g_get_monotonic_time () + CHECKPOINT_INTERVAL_US;
      g_autoptr(GError) error = NULL;

      while (!self->stopping &&
             g_cond_wait_until (&self->maintenance_cond, &self->maintenance_lock, end))
        ;
      if (self->stopping)
        break;

      g_mutex_unlock (&self->maintenance_lock);
      if (!duka_store_run_maintenance (self, FALSE, &error))
        g_debug ("Store maintenance: %s", error->message);
      g_mutex_lock (&self->maintenance_lock);
    }
  g_mutex_unlock (&self->maintenance_lock);

  return NULL;
}

gboolean
duka_store_start_maintenance (DukaStore  *self,
                              GError    **error)
{
  self->checkpointer = duka_store_connection_open (self, self->path, SQLITE_OPEN_READWRITE,
                                                   error);
  if (self->checkpointer == NULL)
    return FALSE;

  self->maintenance_thread = g_thread_new ("duka-store-checkpoint", maintenance_thread_main, self);
  return TRUE;
}

/* Called before the writer thread stops: maintenance writes to prune. */
void
duka_store_stop_maintenance (DukaStore *self)
{
  if (self->maintenance_thread != NULL)
    {
      g_mutex_lock (&self->maintenance_lock);
      self->stopping = TRUE;
      g_cond_signal (&self->maintenance_cond);
      g_mutex_unlock (&self->maintenance_lock);
      g_clear_pointer (&self->maintenance_thread, g_thread_join);
    }
}

/* }}} */

/* Integrity check after a crash {{{ */

typedef struct
{
  DukaStore *store;
  gboolean   ok;
  char      *message;
} IntegrityReport;

static void
integrity_report_free (gpointer data)
{
  IntegrityReport *report = data;

  g_free (report->message);
  g_free (report);
}

static gboolean
emit_integrity_checked (gpointer data)
{
  IntegrityReport *report = data;

  if (!report->ok)
    g_warning ("The Duka data in “%s” may be damaged: %s",
               report->store->data_dir, report->message);
  duka_store_emit_integrity_checked (report->store, report->ok, report->message);

  return G_SOURCE_REMOVE;
}

static int
check_progress (gpointer data)
{
  DukaStore *self = data;

  return g_atomic_int_get (&self->check_cancelled);
}

/* Runs PRAGMA quick_check on @db, noting what it says (and any error) in
 * @message, one line each.  Returns the last SQLite result code. */
static int
run_quick_check (DukaStore *self,
                 sqlite3   *db,
                 GString   *message)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  sqlite3_progress_handler (db, 1000, check_progress, self);
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (20)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  for (; rc == SQLITE_ROW; rc = sqlite3_step (stmt))
    {
      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, (const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, sqlite3_errmsg (db));
    }
  sqlite3_finalize (stmt);
  sqlite3_progress_handler (db, 0, NULL, NULL);

  return rc;
}

static void
post_integrity_report (DukaStore  *self,
                       gboolean    ok,
                       const char *message)
{
  IntegrityReport *report;

  report = g_new0 (IntegrityReport, 1);
  report->store = self;
  report->ok = ok;
  report->message = g_strdup (message);

  /* finalize joins this thread first, then destroys the source if it has
   * not run yet: report->store is never a dangling pointer. */
  self->check_report_source = g_idle_source_new ();
  g_source_set_callback (self->check_report_source, emit_integrity_checked,
                         report, integrity_report_free);
  g_source_attach (self->check_report_source, self->context);
}

static gpointer
check_thread_main (gpointer data)
{
  DukaStore *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) message = g_string_new (NULL);
  sqlite3 *db;
  int rc;

  db = duka_store_acquire_reader (self, &error);
  if (db == NULL)
    {
      post_integrity_report (self, FALSE, error->message);
      return NULL;
    }

  rc = run_quick_check (self, db, message);
  duka_store_release_reader (self, db);

  /* Interrupted because the store is closing: nobody is left to tell. */
  if (g_atomic_int_get (&self->check_cancelled))
    return NULL;

  post_integrity_report (self, rc == SQLITE_DONE && g_strcmp0 (message->str, "ok") == 0,
                         message->str);

  return NULL;
}

/* Never delays opening: the result arrives as DukaStore::integrity-checked. */
void
duka_store_start_integrity_check (DukaStore *self)
{
  self->check_thread = g_thread_new ("duka-store-check", check_thread_main, self);
}

void
duka_store_stop_integrity_check (DukaStore *self)
{
  if (self->check_thread != NULL)
    {
      g_atomic_int_set (&self->check_cancelled, 1);
      g_clear_pointer (&self->check_thread, g_thread_join);
    }

  if (self->check_report_source != NULL)
    g_source_destroy (self->check_report_source);
  g_clear_pointer (&self->check_report_source, g_source_unref);
}

/* }}} */
