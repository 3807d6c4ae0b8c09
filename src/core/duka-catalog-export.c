/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Catalog CSV export, in the import's format (CSV.md): one read snapshot,
 * written as it is read.
 */
#include <string.h>

#include "duka-catalog-io-private.h"
#include "duka-csv.h"
#include "duka-store-private.h"

#define EXPORT_FLUSH_BYTES (64 * 1024)

typedef struct
{
  GOutputStream      *output;
  GString            *buffer;
  const DukaCurrency *currency;
  GHashTable         *tax_names;   /* id → name */
  GHashTable         *paths;       /* category id → path */
  sqlite3            *db;
} Export;

static gboolean
flush_export (Export   *export,
              gboolean  force,
              GError  **error)
{
  if (export->buffer->len == 0 || (!force && export->buffer->len < EXPORT_FLUSH_BYTES))
    return TRUE;
  if (!g_output_stream_write_all (export->output, export->buffer->str, export->buffer->len,
                                  NULL, NULL, error))
    return FALSE;
  g_string_truncate (export->buffer, 0);
  return TRUE;
}

/* Minor units as the file writes them: "12.50" for 1250 in a currency
 * with two decimals.  Integer arithmetic only. */
static char *
format_amount (gint64 minor,
               guint  exponent)
{
  guint64 magnitude = minor < 0 ? (guint64) (-(minor + 1)) + 1 : (guint64) minor;
  guint64 scale = 1;

  for (guint i = 0; i < exponent; i++)
    scale *= 10;
  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, minor < 0 ? "-" : "", magnitude);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          minor < 0 ? "-" : "", magnitude / scale,
                          (int) exponent, magnitude % scale);
}

/* GTIN-14s as they are printed under the bars: EAN-8, EAN-13, or all 14
 * digits.  Importing reads every form back to the same code. */
static void
append_barcodes (GString    *out,
                 const char *json)
{
  for (const char *p = json; p != NULL && *p != '\0'; p++)
    {
      const char *start = p;
      gsize n = 0;

      while (g_ascii_isdigit (p[n]))
        n++;
      if (n != 14)
        {
          p += n > 0 ? n - 1 : 0;
          continue;
        }
      if (strncmp (start, "000000", 6) == 0)
        start += 6;
      else if (*start == '0')
        start += 1;
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, start, p + 14 - start);
      p += 13;
    }
}

static gboolean
append_variants (Export     *export,
                 const char *product_id,
                 GString    *out,
                 GError    **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (export->db,
    "SELECT name, price FROM variant WHERE product_id = ?1 AND deleted = 0"
    " ORDER BY position, name, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *price = format_amount (sqlite3_column_int64 (stmt, 1),
                                              export->currency->exponent);

      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_printf (out, "%s:%s", (const char *) sqlite3_column_text (stmt, 0), price);
    }
  duka_store_stmt_done (stmt);

  return rc == SQLITE_DONE || duka_store_sql_error (export->db, error);
}

#define EXPORT_COLUMNS \
  "SELECT id, sku, name, category_id, price, cost, barcodes, tax_class_id, unit," \
  " active, available FROM product"

static gboolean
export_products (Export      *export,
                 const char  *sql,
                 const char  *category_id,
                 GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (export->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (category_id != NULL)
    sqlite3_bind_text (stmt, 1, category_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *tax = (const char *) sqlite3_column_text (stmt, 7);
      g_autofree char *price = format_amount (sqlite3_column_int64 (stmt, 4),
                                              export->currency->exponent);
      g_autofree char *cost = NULL;
      g_autoptr(GString) barcodes = g_string_new (NULL);
      g_autoptr(GString) variants = g_string_new (NULL);
      const char *fields[N_COLUMNS];

      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        cost = format_amount (sqlite3_column_int64 (stmt, 5), export->currency->exponent);
      append_barcodes (barcodes, (const char *) sqlite3_column_text (stmt, 6));
      if (!append_variants (export, id, variants, error))
        {
          duka_store_stmt_done (stmt);
          return FALSE;
        }

      fields[COLUMN_SKU] = (const char *) sqlite3_column_text (stmt, 1);
      fields[COLUMN_NAME] = (const char *) sqlite3_column_text (stmt, 2);
      fields[COLUMN_CATEGORY] = category_id ? g_hash_table_lookup (export->paths, category_id) : NULL;
      fields[COLUMN_PRICE] = price;
      fields[COLUMN_COST] = cost;
      fields[COLUMN_BARCODES] = barcodes->str;
      fields[COLUMN_TAX_CLASS] = tax ? g_hash_table_lookup (export->tax_names, tax) : NULL;
      fields[COLUMN_UNIT] = (const char *) sqlite3_column_text (stmt, 8);
      fields[COLUMN_ACTIVE] = sqlite3_column_int (stmt, 9) ? "yes" : "no";
      fields[COLUMN_AVAILABLE] = sqlite3_column_int (stmt, 10) ? "yes" : "no";
      fields[COLUMN_VARIANTS] = variants->str;
      duka_csv_write_row (export->buffer, fields, N_COLUMNS);

      if (!flush_export (export, FALSE, error))
        {
          duka_store_stmt_done (stmt);
          return FALSE;
        }
    }
  duka_store_stmt_done (stmt);

  return rc == SQLITE_DONE || duka_store_sql_error (export->db, error);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GHashTable *keys = user_data;
  const char *x = *(const char **) a;
  const char *y = *(const char **) b;
  int order = strcmp (g_hash_table_lookup (keys, x), g_hash_table_lookup (keys, y));

  return order != 0 ? order : strcmp (x, y);
}

static gboolean
export_all (Export  *export,
            GError **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer id, path;
  int rc;

  export->tax_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stmt = duka_store_prepare_cached (export->db, "SELECT id, name FROM tax_class WHERE deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (export->tax_names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (export->db, error);

  export->paths = duka_catalog_io_category_paths (export->db, error);
  if (export->paths == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, export->paths);
  while (g_hash_table_iter_next (&iter, &id, &path))
    {
      g_hash_table_insert (keys, id, duka_catalog_io_fold_key (path));
      g_ptr_array_add (ids, id);
    }
  g_ptr_array_sort_with_data (ids, compare_paths, keys);

  duka_csv_write_row (export->buffer, duka_catalog_csv_columns, N_COLUMNS);

  /* Products without a live category first, then category by category:
   * each query streams rows in name order from the category index. */
  if (!export_products (export,
                        EXPORT_COLUMNS " WHERE deleted = 0 AND (category_id IS NULL OR category_id NOT IN"
                        " (SELECT id FROM category WHERE deleted = 0)) ORDER BY name_key, name, id",
                        NULL, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!export_products (export,
                          EXPORT_COLUMNS " WHERE deleted = 0 AND category_id = ?1"
                          " ORDER BY name_key, name, id",
                          ids->pdata[i], error))
      return FALSE;

  return flush_export (export, TRUE, error);
}

/**
 * duka_catalog_export_csv:
 *
 * Writes every live product to @output in the import's format, ordered by
 * category path and then by name, reading the store in one snapshot and
 * writing as it goes, so 100,000 products never sit in memory at once.
 */
gboolean
duka_catalog_export_csv (DukaCatalog    *catalog,
                         GOutputStream  *output,
                         GError        **error)
{
  DukaStore *store;
  Export export = { 0 };
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  store = duka_catalog_get_store (catalog);
  export.currency = duka_catalog_io_currency (store, error);
  if (export.currency == NULL)
    return FALSE;
  export.db = duka_store_acquire_reader (store, error);
  if (export.db == NULL)
    return FALSE;
  export.output = output;
  export.buffer = g_string_sized_new (EXPORT_FLUSH_BYTES + 4096);

  /* One read transaction: a file never mixes before and after an edit. */
  ok = sqlite3_exec (export.db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ||
       duka_store_sql_error (export.db, error);
  if (ok)
    {
      ok = export_all (&export, error);
      sqlite3_exec (export.db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    }

  duka_store_release_reader (store, export.db);
  g_string_free (export.buffer, TRUE);
  g_clear_pointer (&export.tax_names, g_hash_table_unref);
  g_clear_pointer (&export.paths, g_hash_table_unref);

  return ok;
}
