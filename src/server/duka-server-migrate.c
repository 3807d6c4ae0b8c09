/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ordered SQL migrations from the GResource, applied at start by the
 * owner role.  Several processes may start at once: an advisory lock makes
 * them take turns, and each finds the work done by the first.
 */
#include <string.h>

#include "duka-server-error.h"
#include "duka-server-migrate.h"

#define SCHEMA_PATH "/io/github/dukapos/DukaServer/schema/"
/* An arbitrary constant shared by every duka-server: "duka" in ASCII. */
#define MIGRATION_LOCK "1685418849"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static GStrv
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SCHEMA_PATH, 0, NULL);

  g_assert (names != NULL);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return g_steal_pointer (&names);
}

static guint
migration_version (const char *name)
{
  guint64 version = 0;
  g_autofree char *digits = g_strndup (name, 4);

  if (strlen (name) < 6 || name[4] != '-' ||
      !g_ascii_string_to_unsigned (digits, 10, 1, 9999, &version, NULL))
    g_error ("migration %s is not named NNNN-name.sql", name);

  return version;
}

guint
duka_server_schema_latest (void)
{
  g_auto(GStrv) names = list_migrations ();
  guint n = g_strv_length (names);

  return n > 0 ? migration_version (names[n - 1]) : 0;
}

static gboolean
apply_one (DukaDb      *db,
           const char  *name,
           GError     **error)
{
  g_autofree char *path = g_strconcat (SCHEMA_PATH, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
  g_autofree char *sql = NULL;
  g_autofree char *version = g_strdup_printf ("%u", migration_version (name));
  g_autoptr(PGresult) recorded = NULL;

  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  if (!duka_db_exec (db, "BEGIN", error))
    return FALSE;

  /* The file is trusted text from the binary; it runs as one script. */
  if (!duka_db_exec (db, sql, error) ||
      !(recorded = duka_db_queryv (db, error,
                                   "INSERT INTO duka_migrations (version, name) VALUES ($1, $2)",
                                   version, name)) ||
      !duka_db_exec (db, "COMMIT", error))
    {
      g_prefix_error (error, "migration %s: ", name);
      duka_db_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  g_message ("event=migrated version=%s name=%s", version, name);
  return TRUE;
}

static gboolean
apply_pending (DukaDb      *db,
               GError     **error)
{
  g_auto(GStrv) names = list_migrations ();
  g_autoptr(PGresult) applied = NULL;
  guint current;

  if (!duka_db_exec (db,
                     "CREATE TABLE IF NOT EXISTS duka_migrations ("
                     "  version integer PRIMARY KEY,"
                     "  name text NOT NULL,"
                     "  applied_at timestamptz NOT NULL DEFAULT now ())", error) ||
      !duka_db_exec (db, "GRANT SELECT ON duka_migrations TO duka_api", error))
    return FALSE;

  applied = duka_db_query (db, "SELECT coalesce (max (version), 0) FROM duka_migrations",
                           0, NULL, error);
  if (applied == NULL)
    return FALSE;
  current = atoi (PQgetvalue (applied, 0, 0));

  for (guint i = 0; names[i] != NULL; i++)
    if (migration_version (names[i]) > current && !apply_one (db, names[i], error))
      return FALSE;

  return TRUE;
}

gboolean
duka_server_migrate (const char  *migrations_url,
                     GError     **error)
{
  g_autoptr(DukaDb) db = duka_db_connect (migrations_url, error);
  g_autoptr(PGresult) locked = NULL;
  gboolean ok;

  if (db == NULL)
    return FALSE;

  locked = duka_db_queryv (db, error, "SELECT pg_advisory_lock ($1::bigint)", MIGRATION_LOCK);
  if (locked == NULL)
    return FALSE;

  ok = apply_pending (db, error);
  g_clear_pointer (&locked, PQclear);
  locked = duka_db_queryv (db, NULL, "SELECT pg_advisory_unlock ($1::bigint)", MIGRATION_LOCK);
  return ok;
}

/**
 * duka_server_check_database:
 *
 * Refuses to serve as a role that could read across tenants (superuser,
 * BYPASSRLS, or the owner of a table, which FORCE alone protects), or on a
 * schema older or newer than this build's migrations.
 */
gboolean
duka_server_check_database (DukaDb  *db,
                            GError **error)
{
  g_autofree char *latest = g_strdup_printf ("%u", duka_server_schema_latest ());
  g_autoptr(PGresult) role = NULL;
  g_autoptr(PGresult) schema = NULL;

  role = duka_db_query (db,
                        "SELECT r.rolsuper OR r.rolbypassrls,"
                        "       (SELECT count (*) FROM pg_class c"
                        "         WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace)"
                        "  FROM pg_roles r WHERE r.rolname = current_user",
                        0, NULL, error);
  if (role == NULL)
    return FALSE;

  if (g_str_equal (PQgetvalue (role, 0, 0), "t") || !g_str_equal (PQgetvalue (role, 0, 1), "0"))
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_UNSAFE_ROLE,
                   "the database role of database-url must own no table and must not be "
                   "a superuser or BYPASSRLS: row-level security would not protect tenants");
      return FALSE;
    }

  schema = duka_db_queryv (db, error,
                           "SELECT coalesce (max (version), 0) = $1::int FROM duka_migrations",
                           latest);
  if (schema == NULL)
    return FALSE;

  if (!g_str_equal (PQgetvalue (schema, 0, 0), "t"))
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_MIGRATION,
                   "the database schema is not at version %s: run the server with "
                   "migrations-url set once", latest);
      return FALSE;
    }

  return TRUE;
}
