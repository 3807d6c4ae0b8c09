/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the audit trail for people: newest first, a page at a time, so
 * a trail of a million entries never loads at once.
 */
#include "duka-audit-log.h"
#include "duka-store-private.h"

void
duka_audit_entry_free (DukaAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->till_id);
  g_free (entry->actor_id);
  g_free (entry->approver_id);
  g_free (entry->action);
  g_free (entry->subject);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry);
}

#define COL(i) g_strdup ((const char *) sqlite3_column_text (stmt, i))

/**
 * duka_audit_list:
 * @filter: (nullable): which entries
 * @before_seq: only entries older than this one; 0 for the newest
 * @limit: at most this many
 *
 * Returns: (transfer full) (element-type DukaAuditEntry): entries, newest
 *   first; the last one's seq is the next page's @before_seq
 */
GPtrArray *
duka_audit_list (DukaStore              *store,
                 const DukaAuditFilter  *filter,
                 gint64                  before_seq,
                 guint                   limit,
                 GError                **error)
{
  static const char sql[] =
    "SELECT seq, id, at, till_id, actor_id, approver_id, action, subject, before, after"
    " FROM audit"
    " WHERE seq < ?1"
    "   AND (?2 IS NULL OR actor_id = ?2 OR approver_id = ?2 OR subject = ?2)"
    "   AND (?3 IS NULL OR action = ?3 OR substr (action, 1, length (?3) + 1) = ?3 || '.')"
    "   AND (?4 = 0 OR at >= ?4)"
    "   AND (?5 = 0 OR at < ?5)"
    " ORDER BY seq DESC LIMIT ?6";
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) duka_audit_entry_free);
  DukaAuditFilter none = { 0 };
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &none;
  db = duka_store_acquire_reader (store, error);
  if (db == NULL)
    return NULL;
  stmt = duka_store_prepare_cached (db, sql, error);
  if (stmt == NULL)
    {
      duka_store_release_reader (store, db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, before_seq > 0 ? before_seq : G_MAXINT64);
  sqlite3_bind_text (stmt, 2, filter->person_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, filter->action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, filter->from);
  sqlite3_bind_int64 (stmt, 5, filter->until);
  sqlite3_bind_int64 (stmt, 6, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DukaAuditEntry *entry = g_new0 (DukaAuditEntry, 1);

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->id = COL (1);
      entry->at = sqlite3_column_int64 (stmt, 2);
      entry->till_id = COL (3);
      entry->actor_id = COL (4);
      entry->approver_id = COL (5);
      entry->action = COL (6);
      entry->subject = COL (7);
      entry->before = COL (8);
      entry->after = COL (9);
      g_ptr_array_add (entries, entry);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      duka_store_release_reader (store, db);
      return NULL;
    }
  duka_store_release_reader (store, db);

  return g_steal_pointer (&entries);
}

/**
 * duka_audit_list_actions:
 *
 * Returns: (transfer full) (element-type utf8): every action the trail
 *   holds, such as "staff.update", sorted
 */
GPtrArray *
duka_audit_list_actions (DukaStore  *store,
                         GError    **error)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);

  db = duka_store_acquire_reader (store, error);
  if (db == NULL)
    return NULL;
  stmt = duka_store_prepare_cached (db, "SELECT DISTINCT action FROM audit ORDER BY action", error);
  if (stmt == NULL)
    {
      duka_store_release_reader (store, db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (actions, COL (0));
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      duka_store_release_reader (store, db);
      return NULL;
    }
  duka_store_release_reader (store, db);

  return g_steal_pointer (&actions);
}

#undef COL
