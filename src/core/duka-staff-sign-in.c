/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who the lock screen offers: active people with a PIN.  A person works at
 * the outlets listed in outlet_ids, or at every outlet when none is listed.
 */
#include "duka-staff-private.h"
#include "duka-staff-sign-in.h"
#include "duka-store-private.h"

#define SIGN_IN_SQL \
  "SELECT s.id, coalesce (nullif (trim (s.display_name), ''), s.name) AS shown" \
  " FROM staff s JOIN staff_pin p ON p.staff_id = s.id" \
  " WHERE s.deleted = 0 AND s.active = 1"

void
duka_sign_in_person_free (DukaSignInPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->staff_id);
  g_free (person->name);
  g_free (person);
}

static gboolean
collect (sqlite3     *db,
         const char  *sql,
         GPtrArray   *out,
         GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DukaSignInPerson *person = g_new0 (DukaSignInPerson, 1);

      person->staff_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      person->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (out, person);
    }
  duka_store_stmt_done (stmt);

  return rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

/**
 * duka_staff_list_sign_in:
 *
 * The people who may sign in on this till, by name: those with a PIN who
 * work at this till's outlet.  When nobody does, everyone with a PIN, so
 * that a badly set-up outlet never locks out its owner.
 *
 * Returns: (transfer full) (element-type DukaSignInPerson): the people
 */
GPtrArray *
duka_staff_list_sign_in (DukaStaff  *self,
                         GError    **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) duka_sign_in_person_free);
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_STAFF (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  ok = collect (db, SIGN_IN_SQL
                " AND (s.outlet_ids IS NULL OR json_array_length (s.outlet_ids) = 0"
                "      OR EXISTS (SELECT 1 FROM json_each (s.outlet_ids) o, this_device d"
                "                 JOIN till t ON t.id = d.till_id WHERE o.value = t.outlet_id))"
                " ORDER BY shown COLLATE NOCASE, s.id", people, error);
  if (ok && people->len == 0)
    ok = collect (db, SIGN_IN_SQL " ORDER BY shown COLLATE NOCASE, s.id", people, error);
  duka_store_release_reader (self->store, db);

  return ok ? g_steal_pointer (&people) : NULL;
}

/**
 * duka_staff_any_can_sign_in:
 *
 * Returns: whether anyone has a PIN: from then on a till asks who is
 *   working; before, a brand-new business is not locked out of itself.
 */
gboolean
duka_staff_any_can_sign_in (DukaStaff *self)
{
  g_autoptr(GPtrArray) people = NULL;

  g_return_val_if_fail (DUKA_IS_STAFF (self), FALSE);

  people = duka_staff_list_sign_in (self, NULL);
  return people != NULL && people->len > 0;
}
