/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PINs.  A PIN is stored only as Argon2id (libsodium crypto_pwhash) over
 * BLAKE2b(PIN) keyed with the business's staff key, with a random salt per
 * person.  The key lives in DATA_DIR/staff-key (mode 0600), never in the
 * database, so a copied database alone cannot be brute-forced: four to
 * eight digits are few, the key's 256 bits are not.
 *
 * Sign-in checks one person's hash, never "whose PIN is this", so it can
 * never tell that someone else uses the same PIN.  Five wrong PINs in a
 * row for a person on a till lock them out there for 30 s, doubling with
 * each further wrong PIN up to an hour; every lockout is an audit entry.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "duka-audit-private.h"
#include "duka-permissions.h"
#include "duka-staff-private.h"
#include "duka-store-private.h"

#define PIN_SCHEME 1
#define KEY_BYTES 32
#define LOCKOUT_FIRST_US (G_GINT64_CONSTANT (30) * G_USEC_PER_SEC)
#define LOCKOUT_MAX_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static gboolean
pin_is_well_formed (const char *pin)
{
  gsize n = pin ? strlen (pin) : 0;

  if (n < 4 || n > 8)
    return FALSE;
  for (const char *p = pin; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Key file --------------------------------------------------------------- */

static char *
key_path (DukaStaff *self)
{
  return g_build_filename (duka_store_get_data_dir (self->store), DUKA_STAFF_KEY_FILENAME, NULL);
}

static gboolean
read_key (const char  *path,
          guchar       key[KEY_BYTES],
          GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length != KEY_BYTES)
    {
      if (contents != NULL)
        sodium_memzero (contents, length);
      return duka_staff_refuse (error, DUKA_STAFF_ERROR_KEY,
                                _("This till does not have the business’s staff key, so PINs cannot "
                                  "be checked. Pair it with the server again, or set new PINs."));
    }
  memcpy (key, contents, KEY_BYTES);
  sodium_memzero (contents, length);
  return TRUE;
}

/* Made once, with O_EXCL, so two processes never each write their own. */
static gboolean
load_or_create_key (DukaStaff  *self,
                    guchar      key[KEY_BYTES],
                    GError    **error)
{
  g_autofree char *path = key_path (self);
  int fd;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return read_key (path, key, error);

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      if (errno == EEXIST)
        return read_key (path, key, error);
      return duka_staff_refuse (error, DUKA_STAFF_ERROR_KEY, _("Could not create the staff key: %s"),
                                g_strerror (errno));
    }

  randombytes_buf (key, KEY_BYTES);
  if (write (fd, key, KEY_BYTES) != KEY_BYTES || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (path);
      return duka_staff_refuse (error, DUKA_STAFF_ERROR_KEY, _("Could not create the staff key: %s"),
                                g_strerror (saved));
    }
  close (fd);
  return TRUE;
}

static gboolean
hash_pin (const char    *pin,
          const guchar   key[KEY_BYTES],
          const guchar  *salt,
          guint64        opslimit,
          gsize          memlimit,
          guchar         out[32],
          GError       **error)
{
  guchar keyed[32];
  int rc;

  crypto_generichash (keyed, sizeof keyed, (const guchar *) pin, strlen (pin), key, KEY_BYTES);
  rc = crypto_pwhash (out, 32, (const char *) keyed, sizeof keyed, salt,
                      opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13);
  sodium_memzero (keyed, sizeof keyed);
  if (rc != 0)
    return duka_staff_refuse (error, DUKA_STAFF_ERROR_KEY, _("Not enough memory to check PINs"));
  return TRUE;
}

/* Setting a PIN ------------------------------------------------------------- */

typedef struct
{
  const DukaActor *actor;
  const char      *staff_id;
  guint64          opslimit;
  gsize            memlimit;
  guchar           salt[crypto_pwhash_SALTBYTES];
  guchar           hash[32];
  gint64           now;
} SetPinJob;

static gboolean
person_exists (sqlite3    *db,
               const char *staff_id)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, "SELECT 1 FROM staff WHERE id = ?1 AND deleted = 0", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  duka_store_stmt_done (stmt);
  return found;
}

static gboolean
set_pin_in_writer (DukaStore  *store,
                   sqlite3    *db,
                   gpointer    user_data,
                   GError    **error)
{
  SetPinJob *job = user_data;
  g_autofree char *till = duka_staff_this_till (db);
  sqlite3_stmt *stmt;
  int rc;

  if (!person_exists (db, job->staff_id))
    return duka_staff_refuse (error, DUKA_STAFF_ERROR_NOT_FOUND, _("This person or role no longer exists"));

  stmt = duka_store_prepare_cached (db,
    "INSERT OR REPLACE INTO staff_pin (staff_id, scheme, opslimit, memlimit, salt, hash, set_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, PIN_SCHEME);
  sqlite3_bind_int64 (stmt, 3, (gint64) job->opslimit);
  sqlite3_bind_int64 (stmt, 4, (gint64) job->memlimit);
  sqlite3_bind_blob (stmt, 5, job->salt, sizeof job->salt, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, job->hash, sizeof job->hash, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, job->now);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  /* A new PIN lifts any lockout: a manager just vouched for the person. */
  stmt = duka_store_prepare_cached (db, "DELETE FROM pin_attempt WHERE staff_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->staff_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  duka_store_record_change (db, "staff_pin", job->staff_id);
  /* The audit names the change, never the PIN or its hash. */
  return duka_audit_append (db, job->actor, job->actor && job->actor->till_id ? job->actor->till_id : till,
                            job->now, "staff.pin-set", job->staff_id, NULL, NULL, error);
}

/**
 * duka_staff_set_pin:
 * @pin: 4 to 8 digits
 *
 * Hashes on the calling thread (≈100 ms): call it from a worker, or accept
 * the pause in a manager's PIN-reset dialog.
 */
gboolean
duka_staff_set_pin (DukaStaff        *self,
                    const DukaActor  *actor,
                    const char       *staff_id,
                    const char       *pin,
                    GError          **error)
{
  guchar key[KEY_BYTES];
  SetPinJob job = { 0 };
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_STAFF (self), FALSE);
  g_return_val_if_fail (staff_id != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (!pin_is_well_formed (pin))
    return duka_staff_refuse (error, DUKA_STAFF_ERROR_BAD_PIN, _("A PIN is 4 to 8 digits"));
  if (!load_or_create_key (self, key, error))
    return FALSE;

  job.actor = actor;
  job.staff_id = staff_id;
  job.opslimit = self->pin_opslimit;
  job.memlimit = self->pin_memlimit;
  job.now = duka_clock_now (duka_store_get_clock (self->store));
  randombytes_buf (job.salt, sizeof job.salt);
  ok = hash_pin (pin, key, job.salt, job.opslimit, job.memlimit, job.hash, error);
  sodium_memzero (key, sizeof key);

  ok = ok && duka_store_write (self->store, set_pin_in_writer, &job, error);
  sodium_memzero (job.hash, sizeof job.hash);
  return ok;
}

/* Signing in ------------------------------------------------------------------ */

typedef struct
{
  char    *staff_id;
  char    *pin;
  char    *till_id;
  gint64   now;
  gboolean right;
  gint64   locked_until;   /* out: set when this attempt earned a lockout */
} VerifyJob;

static void
verify_job_free (VerifyJob *job)
{
  g_free (job->staff_id);
  if (job->pin != NULL)
    sodium_memzero (job->pin, strlen (job->pin));
  g_free (job->pin);
  g_free (job->till_id);
  g_free (job);
}

typedef struct
{
  gboolean active;
  gboolean has_pin;
  guint64  opslimit;
  gsize    memlimit;
  guchar   salt[crypto_pwhash_SALTBYTES];
  guchar   hash[32];
  gint64   locked_until;
} StoredPin;

static gboolean
read_stored_pin (sqlite3     *db,
                 VerifyJob   *job,
                 StoredPin   *stored,
                 GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT s.active, p.scheme, p.opslimit, p.memlimit, p.salt, p.hash,"
    "       (SELECT locked_until FROM pin_attempt a WHERE a.staff_id = s.id AND a.till_id = ?2)"
    " FROM staff s LEFT JOIN staff_pin p ON p.staff_id = s.id WHERE s.id = ?1 AND s.deleted = 0",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job->till_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stored->active = sqlite3_column_int (stmt, 0) != 0;
      stored->has_pin = sqlite3_column_type (stmt, 1) != SQLITE_NULL &&
                        sqlite3_column_int (stmt, 1) == PIN_SCHEME &&
                        sqlite3_column_bytes (stmt, 4) == sizeof stored->salt &&
                        sqlite3_column_bytes (stmt, 5) == sizeof stored->hash;
      if (stored->has_pin)
        {
          stored->opslimit = (guint64) sqlite3_column_int64 (stmt, 2);
          stored->memlimit = (gsize) sqlite3_column_int64 (stmt, 3);
          memcpy (stored->salt, sqlite3_column_blob (stmt, 4), sizeof stored->salt);
          memcpy (stored->hash, sqlite3_column_blob (stmt, 5), sizeof stored->hash);
        }
      stored->locked_until = sqlite3_column_int64 (stmt, 6);
    }
  duka_store_stmt_done (stmt);

  if (rc == SQLITE_DONE || (rc == SQLITE_ROW && !stored->active))
    return duka_staff_refuse (error, DUKA_STAFF_ERROR_NOT_FOUND, _("This person cannot sign in"));
  if (rc != SQLITE_ROW)
    return duka_store_sql_error (db, error);
  return TRUE;
}

static gint64
lockout_for (gint64 failures)
{
  gint64 length = LOCKOUT_FIRST_US;

  for (gint64 i = DUKA_STAFF_PIN_MAX_FAILURES; i < failures && length < LOCKOUT_MAX_US; i++)
    length *= 2;
  return MIN (length, LOCKOUT_MAX_US);
}

static gboolean
record_attempt_in_writer (DukaStore  *store,
                          sqlite3    *db,
                          gpointer    user_data,
                          GError    **error)
{
  VerifyJob *job = user_data;
  g_autoptr(JsonObject) after = NULL;
  sqlite3_stmt *stmt;
  gint64 failures = 0;
  int rc;

  if (job->right)
    {
      stmt = duka_store_prepare_cached (db, "DELETE FROM pin_attempt WHERE staff_id = ?1 AND till_id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, job->staff_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, job->till_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      duka_store_stmt_done (stmt);
      return rc == SQLITE_DONE || duka_store_sql_error (db, error);
    }

  stmt = duka_store_prepare_cached (db,
    "INSERT INTO pin_attempt (staff_id, till_id, failures) VALUES (?1, ?2, 1)"
    " ON CONFLICT (staff_id, till_id) DO UPDATE SET failures = failures + 1"
    " RETURNING failures", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job->till_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    failures = sqlite3_column_int64 (stmt, 0);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_ROW)
    return duka_store_sql_error (db, error);

  if (failures < DUKA_STAFF_PIN_MAX_FAILURES)
    return TRUE;

  job->locked_until = job->now + lockout_for (failures);
  stmt = duka_store_prepare_cached (db,
    "UPDATE pin_attempt SET locked_until = ?3 WHERE staff_id = ?1 AND till_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job->till_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, job->locked_until);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  after = json_object_new ();
  json_object_set_int_member (after, "failures", failures);
  json_object_set_int_member (after, "locked_until", job->locked_until);
  return duka_audit_append (db, NULL, job->till_id, job->now, "staff.pin-lockout",
                            job->staff_id, NULL, after, error);
}

static gboolean
refuse_locked (GError **error,
               gint64   locked_until,
               gint64   now)
{
  gint64 seconds = (locked_until - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  return duka_staff_refuse (error, DUKA_STAFF_ERROR_LOCKED,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Too many wrong PINs. Try again in %lld second, or ask a manager.",
                                         "Too many wrong PINs. Try again in %lld seconds, or ask a manager.",
                                         (gulong) MAX (seconds, 0)),
                            (long long) seconds);
}

static gboolean
verify (DukaStaff  *self,
        VerifyJob  *job,
        GError    **error)
{
  g_autofree char *path = key_path (self);
  StoredPin stored = { 0 };
  guchar key[KEY_BYTES];
  guchar hash[32];
  sqlite3 *db;
  gboolean ok;

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return FALSE;
  job->till_id = duka_staff_this_till (db);
  ok = read_stored_pin (db, job, &stored, error);
  duka_store_release_reader (self->store, db);
  if (!ok)
    return FALSE;

  job->now = duka_clock_now (duka_store_get_clock (self->store));
  if (stored.locked_until > job->now)
    return refuse_locked (error, stored.locked_until, job->now);
  if (!stored.has_pin)
    return duka_staff_refuse (error, DUKA_STAFF_ERROR_NO_PIN,
                              _("No PIN has been set for this person yet. Ask a manager."));
  if (!read_key (path, key, error))
    return FALSE;

  ok = hash_pin (job->pin, key, stored.salt, stored.opslimit, stored.memlimit, hash, error);
  sodium_memzero (key, sizeof key);
  if (!ok)
    return FALSE;
  job->right = sodium_memcmp (hash, stored.hash, sizeof hash) == 0;
  sodium_memzero (hash, sizeof hash);

  if (!duka_store_write (self->store, record_attempt_in_writer, job, error))
    return FALSE;
  if (job->right)
    return TRUE;
  if (job->locked_until > 0)
    return refuse_locked (error, job->locked_until, job->now);
  return duka_staff_refuse (error, DUKA_STAFF_ERROR_WRONG_PIN, _("Wrong PIN"));
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DukaStaff *self = source_object;
  VerifyJob *job = task_data;
  GError *error = NULL;
  DukaActor *actor;

  if (!verify (self, job, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  actor = g_new0 (DukaActor, 1);
  actor->staff_id = g_strdup (job->staff_id);
  actor->till_id = g_strdup (job->till_id);
  g_task_return_pointer (task, actor, (GDestroyNotify) duka_actor_free);
}

/**
 * duka_staff_verify_pin_async:
 *
 * Checks @pin against @staff_id's PIN on a worker thread (Argon2id takes
 * about 100 ms).  A wrong PIN counts towards a lockout on this till.
 */
void
duka_staff_verify_pin_async (DukaStaff           *self,
                             const char          *staff_id,
                             const char          *pin,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VerifyJob *job;

  g_return_if_fail (DUKA_IS_STAFF (self));
  g_return_if_fail (staff_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, duka_staff_verify_pin_async);

  if (!pin_is_well_formed (pin))
    {
      g_task_return_new_error (task, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_BAD_PIN, "%s",
                               _("A PIN is 4 to 8 digits"));
      return;
    }

  job = g_new0 (VerifyJob, 1);
  job->staff_id = g_strdup (staff_id);
  job->pin = g_strdup (pin);
  g_task_set_task_data (task, job, (GDestroyNotify) verify_job_free);
  g_task_run_in_thread (task, verify_thread);
}

/**
 * duka_staff_verify_pin_finish:
 *
 * Returns: (transfer full): the actor for the person who signed in on this
 *   till; for a manager override, use its staff_id as the approver_id
 */
DukaActor *
duka_staff_verify_pin_finish (DukaStaff     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
