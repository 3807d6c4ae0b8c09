/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <string.h>

#include "duka-catalog.h"
#include "duka-demo.h"

typedef struct
{
  char        *dir;
  DukaStore   *store;
  DukaCatalog *catalog;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("duka-verify-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = duka_store_open (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill_catalog (f->store, &error));
  g_assert_no_error (error);
  f->catalog = duka_catalog_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->catalog);
  g_object_unref (f->store);
  g_free (f->dir);
}

/* A hand edit of the file, on a connection of its own, as a person with
 * the sqlite3 tool (or a bug) would make.  Returns the product's name. */
static char *
edit_by_hand (Fixture    *f,
              const char *pick_sql,
              const char *edit_sql)
{
  g_autofree char *path = g_build_filename (f->dir, "duka.sqlite3", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *name = NULL;
  g_autofree char *key = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  /* pick_sql returns the product's name and the key edit_sql binds. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, pick_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, edit_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return name;
}

static GPtrArray *
verify_catalog (Fixture *f)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (duka_catalog_verify (f->catalog, &problems, &error));
  g_assert_no_error (error);
  g_assert_nonnull (problems);

  return g_steal_pointer (&problems);
}

static gboolean
some_problem_names (GPtrArray  *problems,
                    const char *name)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), name) != NULL)
      return TRUE;

  return FALSE;
}

static void
test_clean_store (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) damage = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (duka_store_verify (f->store, &damage, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (damage->len, ==, 0);

  stale = verify_catalog (f);
  g_assert_cmpuint (stale->len, ==, 0);
}

static void
test_missing_barcode (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = edit_by_hand (f,
    "SELECT p.name, b.gtin FROM barcode b JOIN product p ON p.id = b.product_id"
    " WHERE b.variant_id IS NULL AND p.deleted = 0 ORDER BY b.gtin LIMIT 1",
    "DELETE FROM barcode WHERE gtin = ?1");

  problems = verify_catalog (f);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (some_problem_names (problems, name));
}

static void
test_missing_search_row (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = edit_by_hand (f,
    "SELECT name, rowid FROM product WHERE deleted = 0 ORDER BY name LIMIT 1",
    "DELETE FROM product_search WHERE rowid = ?1");

  problems = verify_catalog (f);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (some_problem_names (problems, name));
}

static void
test_stale_sku_key (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = edit_by_hand (f,
    "SELECT name, id FROM product WHERE deleted = 0 AND sku IS NOT NULL ORDER BY name LIMIT 1",
    "UPDATE product SET sku_key = 'NOT-THE-SKU' WHERE id = ?1");

  problems = verify_catalog (f);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (some_problem_names (problems, name));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/verify/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("clean-store", test_clean_store);
  ADD ("missing-barcode", test_missing_barcode);
  ADD ("missing-search-row", test_missing_search_row);
  ADD ("stale-sku-key", test_stale_sku_key);

#undef ADD

  return g_test_run ();
}
