/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finding the rows the catalog derives from its records (the barcode
 * index, search words, SKU keys) out of step with those records, as a
 * crash, a bug or a hand edit of the file can leave them.
 */
#include <glib/gi18n-lib.h>

#include "duka-catalog-private.h"
#include "duka-store-private.h"

/* Each query returns the rows that are wrong; its first column says which. */
static const struct {
  const char *sql;
  const char *problem;
} derived_checks[] = {
  { "SELECT p.name || ' (' || j.value || ')' FROM product p, json_each (p.barcodes) j"
    " WHERE p.deleted = 0 AND NOT EXISTS (SELECT 1 FROM barcode b WHERE b.gtin = j.value"
    " AND b.product_id = p.id AND b.variant_id IS NULL)",
    N_("A product’s barcode is missing from the barcode index") },
  { "SELECT v.name || ' (' || j.value || ')' FROM variant v, json_each (v.barcodes) j"
    " WHERE v.deleted = 0 AND NOT EXISTS (SELECT 1 FROM barcode b WHERE b.gtin = j.value"
    " AND b.variant_id = v.id)",
    N_("A variant’s barcode is missing from the barcode index") },
  { "SELECT b.gtin FROM barcode b WHERE NOT EXISTS ("
    " SELECT 1 FROM product p, json_each (p.barcodes) j WHERE b.variant_id IS NULL"
    " AND p.id = b.product_id AND p.deleted = 0 AND j.value = b.gtin)"
    " AND NOT EXISTS (SELECT 1 FROM variant v, json_each (v.barcodes) j"
    " WHERE v.id = b.variant_id AND v.deleted = 0 AND j.value = b.gtin)",
    N_("The barcode index holds a barcode no product has") },
  { "SELECT p.name FROM product p WHERE p.deleted = 0"
    " AND NOT EXISTS (SELECT 1 FROM product_search s WHERE s.rowid = p.rowid)",
    N_("A product is missing from search") },
  { "SELECT s.rowid FROM product_search s"
    " WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.rowid = s.rowid AND p.deleted = 0)",
    N_("Search holds a row for no live product") },
};

/* SKU keys are the SKU in upper case as GLib writes it (see
 * duka_catalog_sku_key()), which SQLite's ASCII-only upper() cannot
 * check. */
static gboolean
collect_stale_sku_keys (sqlite3     *db,
                        const char  *sql,
                        GPtrArray   *problems,
                        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sku = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *key = sku ? g_utf8_strup (sku, -1) : NULL;

      if (g_strcmp0 (key, (const char *) sqlite3_column_text (stmt, 2)) != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("The search key of the SKU of “%s” is out of date"),
                                          (const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

static gboolean
collect_problems (sqlite3     *db,
                  GPtrArray   *problems,
                  GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (derived_checks); i++)
    if (!duka_store_collect_problems (db, derived_checks[i].sql, _(derived_checks[i].problem),
                                      NULL, problems, error))
      return FALSE;

  return collect_stale_sku_keys (db, "SELECT name, sku, sku_key FROM product WHERE deleted = 0",
                                 problems, error) &&
         collect_stale_sku_keys (db, "SELECT name, sku, sku_key FROM variant WHERE deleted = 0",
                                 problems, error);
}

/**
 * duka_catalog_verify:
 * @problems: (out) (transfer full) (element-type utf8): a plain-language
 *   line for each problem found, naming the product or barcode; empty when
 *   every derived row matches its record
 *
 * Checks, on one read snapshot, that the barcode index, the search words
 * and the SKU keys say what the records say.
 *
 * Returns: %TRUE when the checks ran, whatever they found; %FALSE when the
 *   store could not be read
 */
gboolean
duka_catalog_verify (DukaCatalog  *catalog,
                     GPtrArray   **problems,
                     GError      **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  DukaStore *store;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  *problems = NULL;
  store = duka_catalog_get_store (catalog);
  db = duka_store_acquire_reader (store, error);
  if (db == NULL)
    return FALSE;

  ok = (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ||
        duka_store_sql_error (db, error)) &&
       collect_problems (db, found, error);
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  duka_store_release_reader (store, db);

  if (ok)
    *problems = g_steal_pointer (&found);
  return ok;
}
