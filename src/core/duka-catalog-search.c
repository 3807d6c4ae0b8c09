/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows the catalog derives from products and variants (search keys,
 * the barcode index, search words) and the reads that use them: search as
 * a cashier types and barcode lookup, through reader connections.
 */
#include <glib/gi18n-lib.h>

#include "duka-barcode.h"
#include "duka-catalog-private.h"
#include "duka-store-private.h"
#include "duka-text.h"

/* Rows derived from a product or variant: search keys, barcodes, words. */
static gboolean
exec_bound (sqlite3     *db,
            const char  *sql,
            GError     **error,
            const char  *a,
            const char  *b,
            const char  *c)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (a != NULL) sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL) sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (c != NULL) sqlite3_bind_text (stmt, 3, c, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);

  return rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

/* A product's search words: its name, SKU key and barcodes, the same words
 * duka_catalog_write_search_words() writes for a batch. */
static gboolean
insert_search_words (sqlite3     *db,
                     const char  *id,
                     JsonObject  *record,
                     const char  *sku_key,
                     JsonArray   *barcodes,
                     GError     **error)
{
  g_autoptr(GString) words = g_string_new (json_object_get_string_member_with_default (record, "name", ""));

  if (sku_key != NULL)
    g_string_append_printf (words, " %s", sku_key);
  for (guint i = 0; barcodes != NULL && i < json_array_get_length (barcodes); i++)
    g_string_append_printf (words, " %s", json_array_get_string_element (barcodes, i));

  return exec_bound (db, "INSERT INTO product_search (rowid, words)"
                         " SELECT rowid, ?2 FROM product WHERE id = ?1",
                     error, id, words->str, NULL);
}

gboolean
duka_catalog_write_derived_full (sqlite3     *db,
                                 const char  *kind,
                                 const char  *id,
                                 JsonObject  *record,
                                 gboolean     deleted,
                                 gboolean     with_search,
                                 GError     **error)
{
  gboolean is_product = g_str_equal (kind, "product");
  const char *product_id = is_product ? id : json_object_get_string_member_with_default (record, "product_id", "");
  g_autofree char *name_key = duka_text_fold (json_object_get_string_member_with_default (record, "name", ""));
  g_autofree char *key = duka_catalog_sku_key (record);
  JsonArray *barcodes = duka_catalog_get_array (record, "barcodes");

  if (!is_product && !g_str_equal (kind, "variant"))
    return TRUE;

  if (is_product)
    {
      if (!exec_bound (db, "UPDATE product SET name_key = ?1, sku_key = ?2 WHERE id = ?3",
                       error, name_key, key, id) ||
          !exec_bound (db, "DELETE FROM barcode WHERE product_id = ?1 AND variant_id IS NULL",
                       error, id, NULL, NULL) ||
          (with_search &&
           !exec_bound (db, "DELETE FROM product_search WHERE rowid = (SELECT rowid FROM product WHERE id = ?1)",
                        error, id, NULL, NULL)))
        return FALSE;
    }
  else
    {
      if (!exec_bound (db, "UPDATE variant SET sku_key = ?1 WHERE id = ?2", error, key, id, NULL) ||
          !exec_bound (db, "DELETE FROM barcode WHERE variant_id = ?1", error, id, NULL, NULL))
        return FALSE;
    }

  if (deleted)
    return TRUE;

  for (guint i = 0; barcodes != NULL && i < json_array_get_length (barcodes); i++)
    if (!exec_bound (db, "INSERT INTO barcode (gtin, product_id, variant_id) VALUES (?1, ?2, ?3)",
                     error, json_array_get_string_element (barcodes, i), product_id,
                     is_product ? NULL : id))
      return FALSE;

  if (is_product && with_search)
    return insert_search_words (db, id, record, key, barcodes, error);

  return TRUE;
}

gboolean
duka_catalog_write_derived (sqlite3     *db,
                            const char  *kind,
                            const char  *id,
                            JsonObject  *record,
                            gboolean     deleted,
                            GError     **error)
{
  return duka_catalog_write_derived_full (db, kind, id, record, deleted, TRUE, error);
}

/**
 * duka_catalog_write_search_words:
 * @product_ids: a JSON array of the ids of products saved with
 *   %DUKA_CATALOG_SAVE_DEFER_SEARCH
 *
 * Writes their search words in one statement.  Every statement that
 * touches the FTS5 table makes it flush its pending terms, so one
 * statement for a whole import is several times faster than one per
 * product.  The words are those duka_catalog_write_derived() writes.
 */
gboolean
duka_catalog_write_search_words (sqlite3     *db,
                                 const char  *product_ids,
                                 GError     **error)
{
  return exec_bound (db, "DELETE FROM product_search WHERE rowid IN"
                         " (SELECT p.rowid FROM json_each (?1) j JOIN product p ON p.id = j.value)",
                     error, product_ids, NULL, NULL) &&
         exec_bound (db, "INSERT INTO product_search (rowid, words)"
                         " SELECT p.rowid, p.name || coalesce (' ' || p.sku_key, '')"
                         " || coalesce ((SELECT ' ' || group_concat (b.value, ' ')"
                         "               FROM json_each (p.barcodes) b), '')"
                         " FROM json_each (?1) j JOIN product p ON p.id = j.value"
                         " WHERE p.deleted = 0",
                     error, product_ids, NULL, NULL);
}

/* Search ------------------------------------------------------------------- */

static gboolean
collect_ids (sqlite3     *db,
             const char  *sql,
             const char  *a,
             const char  *b,
             guint        limit,
             GPtrArray   *out,
             GHashTable  *seen,
             GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) limit);

  while (out->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_add (seen, GSIZE_TO_POINTER ((gsize) rowid)))
        g_ptr_array_add (out, GSIZE_TO_POINTER ((gsize) rowid));
    }
  duka_store_stmt_done (stmt);

  return TRUE;
}

static char *
fts_query (const char *folded)
{
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autoptr(GString) query = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);

      /* Keep letters and digits only, so nothing a person types can be
       * read as FTS5 syntax. */
      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c))
            g_string_append_unichar (word, c);
        }
      if (word->len == 0)
        continue;
      if (query->len > 0)
        g_string_append (query, " AND ");
      g_string_append_printf (query, "\"%s\"*", word->str);
    }

  return g_string_free (g_steal_pointer (&query), query->len == 0);
}

static gboolean
looks_like_barcode (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        n++;
      else if (*p != ' ' && *p != '-')
        return FALSE;
    }

  return n >= 8 && n <= 14;
}

/* The rowids of what @query finds, best first, each step stopped at
 * @limit (see duka_catalog_search()). */
static gboolean
collect_matches (sqlite3     *db,
                 const char  *query,
                 const char  *folded,
                 guint        limit,
                 GPtrArray   *rowids,
                 GHashTable  *seen,
                 GError     **error)
{
  g_autofree char *upper = g_utf8_strup (folded, -1);
  g_autofree char *folded_end = duka_text_prefix_end (folded);
  g_autofree char *upper_end = duka_text_prefix_end (upper);
  g_autofree char *match = NULL;
  gboolean ok = TRUE;

  if (looks_like_barcode (query))
    {
      char gtin[15];

      if (duka_barcode_normalize (query, gtin, NULL))
        ok = collect_ids (db, "SELECT p.rowid FROM barcode b JOIN product p ON p.id = b.product_id"
                              " WHERE b.gtin = ?1 AND ?2 IS NULL AND p.active = 1 LIMIT ?3",
                          gtin, NULL, limit, rowids, seen, error);
    }

  ok = ok &&
       collect_ids (db, "SELECT rowid FROM product WHERE sku_key = ?1 AND ?2 IS NULL"
                        " AND deleted = 0 AND active = 1 LIMIT ?3",
                    upper, NULL, limit, rowids, seen, error) &&
       collect_ids (db, "SELECT rowid FROM product WHERE name_key >= ?1 AND name_key < ?2"
                        " AND deleted = 0 AND active = 1 ORDER BY name_key LIMIT ?3",
                    folded, folded_end, limit, rowids, seen, error) &&
       collect_ids (db, "SELECT rowid FROM product WHERE sku_key >= ?1 AND sku_key < ?2"
                        " AND sku_key IS NOT NULL AND deleted = 0 AND active = 1"
                        " ORDER BY sku_key LIMIT ?3",
                    upper, upper_end, limit, rowids, seen, error);

  match = fts_query (folded);
  if (ok && match != NULL && rowids->len < limit)
    ok = collect_ids (db, "SELECT s.rowid FROM product_search s JOIN product p ON p.rowid = s.rowid"
                          " WHERE product_search MATCH ?1 AND ?2 IS NULL AND p.active = 1"
                          " AND p.deleted = 0 LIMIT ?3",
                      match, NULL, limit + (guint) g_hash_table_size (seen), rowids, seen, error);

  return ok;
}

DukaProduct *
duka_catalog_product_by_rowid (sqlite3  *db,
                               gint64    rowid,
                               GError  **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT " DUKA_PRODUCT_COLUMNS " FROM product WHERE rowid = ?1", error);
  DukaProduct *product = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    product = duka_product_new_from_row (stmt);
  duka_store_stmt_done (stmt);

  return product;
}

/**
 * duka_catalog_search:
 *
 * What a cashier finds as they type, best first: the product whose barcode
 * is exactly the text, then an exact SKU, then names that start with the
 * text, SKUs that start with it, and names with words that start with each
 * word typed.  Every step is an index range scan or an FTS5 prefix query
 * read in rowid order, stopped at @limit — never a ranking of every match,
 * which is what makes one-letter searches over 100,000 names slow.
 *
 * Returns: (transfer full) (element-type DukaProduct): active, live products
 */
GPtrArray *
duka_catalog_search (DukaCatalog  *self,
                     const char   *query,
                     guint         limit,
                     GError      **error)
{
  g_autoptr(GPtrArray) rowids = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = duka_text_fold (query);
  DukaStore *store;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  if (*folded == '\0' || limit == 0)
    return g_steal_pointer (&products);

  store = duka_catalog_get_store (self);
  db = duka_store_acquire_reader (store, error);
  if (db == NULL)
    return NULL;

  ok = collect_matches (db, query, folded, limit, rowids, seen, error);
  for (guint i = 0; ok && i < rowids->len && i < limit; i++)
    {
      DukaProduct *product = duka_catalog_product_by_rowid (db, (gint64) GPOINTER_TO_SIZE (rowids->pdata[i]), error);

      if (product != NULL)
        g_ptr_array_add (products, product);
    }

  duka_store_release_reader (store, db);

  return ok ? g_steal_pointer (&products) : NULL;
}

DukaProduct *
duka_catalog_find_barcode (DukaCatalog  *self,
                           const char   *code,
                           GError      **error)
{
  char gtin[15];
  sqlite3_stmt *stmt;
  DukaProduct *product = NULL;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  if (!duka_barcode_normalize (code, gtin, error))
    return NULL;

  db = duka_store_acquire_reader (duka_catalog_get_store (self), error);
  if (db == NULL)
    return NULL;

  stmt = duka_store_prepare_cached (db,
    "SELECT " DUKA_PRODUCT_COLUMNS " FROM product"
    " WHERE id = (SELECT product_id FROM barcode WHERE gtin = ?1) AND deleted = 0", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, gtin, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        product = duka_product_new_from_row (stmt);
      else
        duka_catalog_refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND, _("No product has the barcode %s"), code);
      duka_store_stmt_done (stmt);
    }
  duka_store_release_reader (duka_catalog_get_store (self), db);

  return product;
}

