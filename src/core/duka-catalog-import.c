/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Catalog CSV import (the format is in CSV.md).  An import is all or
 * nothing: a first pass (duka-catalog-import-check.c) reads the whole file
 * and checks every row, so a manager sees every problem at once; only a
 * clean file is written, in one transaction, each product through the same
 * save path as an edit on the till.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-catalog-io-private.h"
#include "duka-catalog-private.h"
#include "duka-permissions.h"
#include "duka-store-private.h"

static gboolean
create_categories (Import   *import,
                   sqlite3  *db,
                   GError  **error)
{
  for (guint i = 0; i < import->new_categories->len; i++)
    {
      const char *path = g_ptr_array_index (import->new_categories, i);
      const char *slash = strrchr (path, '/');
      g_autoptr(JsonObject) record = json_object_new ();
      g_autofree char *id = NULL;

      json_object_set_string_member (record, "name", slash ? slash + 1 : path);
      if (slash != NULL)
        {
          g_autofree char *parent_path = g_strndup (path, slash - path);
          g_autofree char *parent_key = duka_catalog_io_fold_key (parent_path);

          json_object_set_string_member (record, "parent_id",
                                         g_hash_table_lookup (import->categories, parent_key));
        }
      if (!duka_catalog_save_in_transaction (db, import->actor, "category", record,
                                             import->now, DUKA_CATALOG_SAVE_DEFAULT, &id, NULL, error))
        return FALSE;
      g_hash_table_insert (import->categories, duka_catalog_io_fold_key (path), g_steal_pointer (&id));
    }

  return TRUE;
}

/* Variants are matched by name: listed ones are created or updated, in the
 * file's order, and the product's other variants are deleted. */
static gboolean
write_variants (Import     *import,
                sqlite3    *db,
                ImportRow  *row,
                const char *product_id,
                gboolean   *changed,
                GError    **error)
{
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT id, name FROM variant WHERE product_id = ?1 AND deleted = 0", error);
  GHashTableIter iter;
  gpointer id;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (existing, duka_catalog_io_fold_key ((const char *) sqlite3_column_text (stmt, 1)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  duka_store_stmt_done (stmt);

  for (guint i = 0; i < row->variants->len; i++)
    {
      VariantCell *variant = g_ptr_array_index (row->variants, i);
      g_autoptr(JsonObject) record = json_object_new ();
      g_autofree char *key = duka_catalog_io_fold_key (variant->name);
      g_autofree char *old_key = NULL;
      g_autofree char *old_id = NULL;
      DukaCatalogSaveOutcome outcome;

      g_hash_table_steal_extended (existing, key, (gpointer *) &old_key, (gpointer *) &old_id);
      if (old_id != NULL)
        json_object_set_string_member (record, "id", old_id);
      else
        json_object_set_array_member (record, "barcodes", json_array_new ());
      json_object_set_string_member (record, "product_id", product_id);
      json_object_set_string_member (record, "name", variant->name);
      json_object_set_int_member (record, "price", variant->price);
      json_object_set_int_member (record, "position", i);

      if (!duka_catalog_save_in_transaction (db, import->actor, "variant", record,
                                             import->now, DUKA_CATALOG_SAVE_DEFAULT, NULL, &outcome, error))
        return FALSE;
      *changed |= outcome != DUKA_CATALOG_SAVE_UNCHANGED;
    }

  g_hash_table_iter_init (&iter, existing);
  while (g_hash_table_iter_next (&iter, NULL, &id))
    {
      if (!duka_catalog_delete_in_transaction (db, import->actor, "variant", id,
                                               import->now, error))
        return FALSE;
      *changed = TRUE;
    }

  return TRUE;
}

static JsonObject *
row_to_record (Import    *import,
               ImportRow *row)
{
  JsonObject *record = json_object_new ();
  gboolean creating = row->existing_id == NULL;

  if (!creating)
    json_object_set_string_member (record, "id", row->existing_id);
  json_object_set_string_member (record, "name", row->name);

#define SET_STRING_OR_NULL(member, value) \
  G_STMT_START { \
    if ((value) != NULL) \
      json_object_set_string_member (record, member, value); \
    else \
      json_object_set_null_member (record, member); \
  } G_STMT_END

  if (import_has_column (import, COLUMN_SKU))
    SET_STRING_OR_NULL ("sku", row->sku);
  if (import_has_column (import, COLUMN_CATEGORY))
    SET_STRING_OR_NULL ("category_id", row->category_key
                                         ? g_hash_table_lookup (import->categories, row->category_key)
                                         : NULL);
  if (row->has_price)
    json_object_set_int_member (record, "price", row->price);
  if (row->has_cost)
    json_object_set_int_member (record, "cost", row->cost);
  else if (import_has_column (import, COLUMN_COST))
    json_object_set_null_member (record, "cost");
  if (import_has_column (import, COLUMN_TAX_CLASS))
    SET_STRING_OR_NULL ("tax_class_id", row->tax_class_id);

#undef SET_STRING_OR_NULL

  /* A new product says every field, so nothing is left to a default. */
  if (creating || import_has_column (import, COLUMN_BARCODES))
    {
      JsonArray *barcodes = json_array_new ();

      for (guint i = 0; row->barcodes != NULL && row->barcodes[i] != NULL; i++)
        json_array_add_string_element (barcodes, row->barcodes[i]);
      json_object_set_array_member (record, "barcodes", barcodes);
    }
  if (creating || import_has_column (import, COLUMN_UNIT))
    json_object_set_string_member (record, "unit", row->unit);
  if (creating || import_has_column (import, COLUMN_ACTIVE))
    json_object_set_boolean_member (record, "active", row->active);
  if (creating || import_has_column (import, COLUMN_AVAILABLE))
    json_object_set_boolean_member (record, "available", row->available);

  return record;
}

static gboolean
import_in_writer (DukaStore  *store,
                  sqlite3    *db,
                  gpointer    user_data,
                  GError    **error)
{
  Import *import = user_data;
  DukaImportReport *report = import->report;
  g_autoptr(JsonArray) search = json_array_new ();
  g_autoptr(JsonNode) search_node = NULL;
  g_autofree char *search_ids = NULL;

  report->created = report->updated = report->unchanged = 0;
  if (!create_categories (import, db, error))
    return FALSE;

  for (guint i = 0; i < import->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (import->rows, i);
      g_autoptr(JsonObject) record = row_to_record (import, row);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *id = NULL;
      DukaCatalogSaveOutcome outcome;
      gboolean variants_changed = FALSE;

      if (!duka_catalog_save_in_transaction (db, import->actor, "product", record, import->now,
                                             DUKA_CATALOG_SAVE_DEFER_SEARCH, &id, &outcome,
                                             &local_error) ||
          (row->variants != NULL &&
           !write_variants (import, db, row, id, &variants_changed, &local_error)))
        {
          g_set_error (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_INVALID,
                       _("Line %u: %s"), row->line, local_error->message);
          return FALSE;
        }

      if (outcome != DUKA_CATALOG_SAVE_UNCHANGED)
        json_array_add_string_element (search, id);
      if (outcome == DUKA_CATALOG_SAVE_CREATED)
        report->created++;
      else if (outcome == DUKA_CATALOG_SAVE_UPDATED || variants_changed)
        report->updated++;
      else
        report->unchanged++;
    }

  search_node = json_node_init_array (json_node_alloc (), search);
  search_ids = json_to_string (search_node, FALSE);
  return duka_catalog_write_search_words (db, search_ids, error);
}

/**
 * duka_catalog_import_csv:
 * @report: (out) (optional): counts, and every problem when the file was
 *   refused
 *
 * Adds and updates products from a CSV file (src/core/CSV.md).  Rows whose
 * SKU a product already has update it; other rows create products.  All or
 * nothing: when any row has a problem, nothing is written and the report
 * lists every problem with its line and column.
 *
 * Returns: %TRUE when every row was written
 */
gboolean
duka_catalog_import_csv (DukaCatalog        *catalog,
                         const DukaActor    *actor,
                         GInputStream       *input,
                         DukaImportReport  **report,
                         GError            **error)
{
  g_autoptr(DukaImportReport) own_report = duka_import_report_new ();
  Import import = { 0 };
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);

  if (report != NULL)
    *report = NULL;
  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;

  import.store = duka_catalog_get_store (catalog);
  import.actor = actor;
  import.report = own_report;
  import.currency = duka_catalog_io_currency (import.store, error);
  if (import.currency == NULL)
    return FALSE;

  import.reader = duka_store_acquire_reader (import.store, error);
  if (import.reader == NULL)
    return FALSE;
  ok = duka_catalog_import_check (&import, input, error);
  duka_store_release_reader (import.store, import.reader);
  import.reader = NULL;

  if (ok && own_report->problems->len > 0)
    {
      g_set_error (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The file has %u problem; nothing was imported",
                                "The file has %u problems; nothing was imported",
                                own_report->problems->len),
                   own_report->problems->len);
      ok = FALSE;
    }
  else if (ok)
    {
      import.now = duka_clock_now (duka_store_get_clock (import.store));
      ok = duka_store_write (import.store, import_in_writer, &import, error);
      if (!ok)
        own_report->created = own_report->updated = own_report->unchanged = 0;
    }

  duka_catalog_import_clear (&import);
  if (report != NULL)
    *report = g_steal_pointer (&own_report);
  return ok;
}
