/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whether SQLite itself finds the store sound: its integrity check and
 * foreign keys, on one read snapshot.  `duka-admin verify` runs it with
 * duka_catalog_verify(), which looks at the rows Duka derives.
 */
#include <glib/gi18n-lib.h>

#include "duka-store-private.h"

/**
 * duka_store_collect_problems:
 * @sql: a query whose first column names a row that is wrong
 * @problem: what is wrong, in plain words
 * @fine: (nullable): a first column that means nothing is wrong
 * @problems: (element-type utf8): where each problem's line is added
 *
 * Verification is rare, so its statements are not kept in the cache.
 */
gboolean
duka_store_collect_problems (sqlite3     *db,
                             const char  *sql,
                             const char  *problem,
                             const char  *fine,
                             GPtrArray   *problems,
                             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      if (fine != NULL && g_strcmp0 (text, fine) == 0)
        continue;
      /* Translators: what is wrong, then the row it is wrong in */
      g_ptr_array_add (problems, g_strdup_printf (_("%s: %s"), problem, text ? text : ""));
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

/**
 * duka_store_verify:
 * @problems: (out) (transfer full) (element-type utf8): a plain-language
 *   line for each problem found; empty when the store is sound
 *
 * Runs SQLite's integrity check and foreign key check.
 *
 * Returns: %TRUE when the checks ran, whatever they found; %FALSE when the
 *   store could not be read
 */
gboolean
duka_store_verify (DukaStore  *self,
                   GPtrArray **problems,
                   GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_STORE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  *problems = NULL;
  db = duka_store_acquire_reader (self, error);
  if (db == NULL)
    return FALSE;

  ok = (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ||
        duka_store_sql_error (db, error)) &&
       duka_store_collect_problems (db, "PRAGMA integrity_check", _("Damaged"), "ok",
                                    found, error) &&
       duka_store_collect_problems (db, "SELECT \"table\" || ' row ' || rowid || ' → ' || parent"
                                        " FROM pragma_foreign_key_check",
                                    _("A row points at nothing"), NULL, found, error);
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  duka_store_release_reader (self, db);

  if (ok)
    *problems = g_steal_pointer (&found);
  return ok;
}
