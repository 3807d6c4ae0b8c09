/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hash-chained audit trail.  Each entry's hash is SHA-256 over a
 * versioned byte encoding of its fields and the previous entry's hash, so
 * an edited entry, or one taken out of the middle, breaks the chain.
 */
#include <glib/gi18n-lib.h>

#include "duka-audit.h"
#include "duka-audit-private.h"
#include "duka-id.h"
#include "duka-store-private.h"

/* The chain's first link points at this. */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Bumped if the encoding ever changes; old entries keep hashing as v1. */
static const char encoding_tag[] = "duka-audit-v1";

typedef struct
{
  gint64      seq;
  const char *id;
  gint64      at;
  const char *till_id;
  const char *actor_id;
  const char *approver_id;
  const char *action;
  const char *subject;
  const char *before;
  const char *after;
  const char *prev_hash;
} Entry;

static void
put_int (GChecksum *checksum,
         gint64     value)
{
  guint64 be = GUINT64_TO_BE ((guint64) value);

  g_checksum_update (checksum, (const guchar *) &be, sizeof be);
}

/* Length-prefixed, so no two different entries encode alike; NULL differs
 * from "" by its length marker. */
static void
put_text (GChecksum  *checksum,
          const char *text)
{
  if (text == NULL)
    {
      put_int (checksum, -1);
      return;
    }
  put_int (checksum, (gint64) strlen (text));
  g_checksum_update (checksum, (const guchar *) text, (gssize) strlen (text));
}

static char *
entry_hash (const Entry *e)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  put_text (checksum, encoding_tag);
  put_int (checksum, e->seq);
  put_text (checksum, e->id);
  put_int (checksum, e->at);
  put_text (checksum, e->till_id);
  put_text (checksum, e->actor_id);
  put_text (checksum, e->approver_id);
  put_text (checksum, e->action);
  put_text (checksum, e->subject);
  put_text (checksum, e->before);
  put_text (checksum, e->after);
  put_text (checksum, e->prev_hash);

  return g_strdup (g_checksum_get_string (checksum));
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;

  if (object == NULL)
    return NULL;
  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

gboolean
duka_audit_append (sqlite3          *db,
                   const DukaActor  *actor,
                   const char       *till_id,
                   gint64            at,
                   const char       *action,
                   const char       *subject,
                   JsonObject       *before,
                   JsonObject       *after,
                   GError          **error)
{
  g_autofree char *id = duka_id_new ();
  g_autofree char *before_text = object_to_text (before);
  g_autofree char *after_text = object_to_text (after);
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gint64 seq = 1;
  Entry e;
  int rc;

  /* The writer is the only writer, so the last entry cannot change under
   * us between this read and the insert. */
  stmt = duka_store_prepare_cached (db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      prev_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);
  if (prev_hash == NULL)
    prev_hash = g_strdup (GENESIS_HASH);

  e = (Entry) { seq, id, at, till_id, actor ? actor->staff_id : NULL,
                actor ? actor->approver_id : NULL, action, subject,
                before_text, after_text, prev_hash };
  hash = entry_hash (&e);

  stmt = duka_store_prepare_cached (db,
    "INSERT INTO audit (seq, id, at, till_id, actor_id, approver_id, action, subject,"
    " before, after, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_text (stmt, 4, e.till_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, e.actor_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, e.approver_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, before_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, after_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, prev_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  duka_store_record_change (db, "audit", id);
  return TRUE;
}

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
add_missing (GPtrArray *problems,
             gint64     first,
             gint64     last)
{
  if (first == last)
    add_problem (problems, _("Audit trail: entry %lld is missing"), (long long) first);
  else
    add_problem (problems, _("Audit trail: entries %lld to %lld are missing"),
                 (long long) first, (long long) last);
}

#define COL(i) ((const char *) sqlite3_column_text (stmt, i))

static gboolean
walk_chain (sqlite3    *db,
            GPtrArray  *problems,
            gint64     *last_seq,
            GError    **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT seq, id, at, till_id, actor_id, approver_id, action, subject, before, after,"
    " prev_hash, hash FROM audit ORDER BY seq", error);
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  gint64 expected_seq = 1;
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Entry e = { sqlite3_column_int64 (stmt, 0), COL (1), sqlite3_column_int64 (stmt, 2),
                  COL (3), COL (4), COL (5), COL (6), COL (7), COL (8), COL (9), COL (10) };
      g_autofree char *hash = entry_hash (&e);

      if (e.seq != expected_seq)
        add_missing (problems, expected_seq, e.seq - 1);
      else if (g_strcmp0 (e.prev_hash, expected_prev) != 0)
        add_problem (problems, _("Audit trail: entry %lld does not follow the one before it"),
                     (long long) e.seq);
      if (g_strcmp0 (hash, COL (11)) != 0)
        add_problem (problems, _("Audit trail: entry %lld was changed after it was written"),
                     (long long) e.seq);

      g_free (expected_prev);
      expected_prev = g_strdup (COL (11));
      expected_seq = e.seq + 1;
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  *last_seq = expected_seq - 1;
  return TRUE;
}

#undef COL

/* AUTOINCREMENT remembers the highest seq ever used, so entries cut off the
 * end of the chain still show. */
static gboolean
read_highest_seq (sqlite3    *db,
                  gint64     *out_highest,
                  GError    **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT seq FROM sqlite_sequence WHERE name = 'audit'", error);
  gint64 highest = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    highest = sqlite3_column_int64 (stmt, 0);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  *out_highest = highest;
  return TRUE;
}

/**
 * duka_audit_verify:
 * @problems: (out) (transfer full): one line per problem; empty when the
 *   chain is whole
 */
gboolean
duka_audit_verify (DukaStore  *store,
                   GPtrArray **problems,
                   GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  gint64 last_seq = 0;
  gint64 highest = 0;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_STORE (store), FALSE);

  db = duka_store_acquire_reader (store, error);
  if (db == NULL)
    return FALSE;
  /* Read first: an entry appended meanwhile only makes the walk longer. */
  ok = read_highest_seq (db, &highest, error) && walk_chain (db, found, &last_seq, error);
  duka_store_release_reader (store, db);
  if (ok && highest > last_seq)
    add_missing (found, last_seq + 1, highest);

  if (ok)
    *problems = g_steal_pointer (&found);
  return ok;
}
