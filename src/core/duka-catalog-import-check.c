/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first pass of an import: the whole file is read and every row
 * checked against the file itself and the store, so a manager sees every
 * problem at once.  Nothing is written here.
 */
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "duka-barcode.h"
#include "duka-catalog-io-private.h"
#include "duka-csv.h"
#include "duka-money.h"
#include "duka-registry.h"
#include "duka-store-private.h"
#include "duka-text.h"

static void
add_problem (DukaImportReport *report,
             guint             line,
             Column            column,
             const char       *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (DukaImportReport *report,
             guint             line,
             Column            column,
             const char       *format,
             ...)
{
  DukaImportProblem *problem = g_new0 (DukaImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->line = line;
  problem->column = column < N_COLUMNS ? g_strdup (duka_catalog_csv_columns[column]) : NULL;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (report->problems, problem);
}

/* Amounts in the file are written as in the C locale ("1234.50"), whatever
 * the language of the person's desktop, so one file reads the same on
 * every till. */
static locale_t
c_locale (void)
{
  static locale_t locale;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }

  return locale;
}

static void
variant_cell_free (VariantCell *cell)
{
  g_free (cell->name);
  g_free (cell);
}

static void
import_row_free (ImportRow *row)
{
  g_free (row->existing_id);
  g_free (row->sku);
  g_free (row->name);
  g_free (row->category_key);
  g_strfreev (row->barcodes);
  g_free (row->tax_class_id);
  g_clear_pointer (&row->variants, g_ptr_array_unref);
  g_free (row);
}

void
duka_catalog_import_clear (Import *import)
{
  g_clear_pointer (&import->tax_classes, g_hash_table_unref);
  g_clear_pointer (&import->categories, g_hash_table_unref);
  g_clear_pointer (&import->new_categories, g_ptr_array_unref);
  g_clear_pointer (&import->skus, g_hash_table_unref);
  g_clear_pointer (&import->gtins, g_hash_table_unref);
  g_clear_pointer (&import->rows, g_ptr_array_unref);
}

/* Cells are the reader's own copies, so they may be trimmed in place. */
static char *
cell (Import    *import,
      GPtrArray *fields,
      Column     column)
{
  int index = import->column_of[column];

  return index >= 0 ? g_ptr_array_index (fields, index) : NULL;
}

static gboolean
load_lookups (Import  *import,
              GError **error)
{
  g_autoptr(GHashTable) paths = NULL;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer id, path;
  int rc;

  import->tax_classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stmt = duka_store_prepare_cached (import->reader,
    "SELECT id, name FROM tax_class WHERE deleted = 0 ORDER BY name, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = duka_catalog_io_fold_key ((const char *) sqlite3_column_text (stmt, 1));

      if (g_hash_table_contains (import->tax_classes, key))
        g_free (key);
      else
        g_hash_table_insert (import->tax_classes, key,
                             g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (import->reader, error);

  paths = duka_catalog_io_category_paths (import->reader, error);
  if (paths == NULL)
    return FALSE;
  import->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, &id, &path))
    g_hash_table_insert (import->categories, duka_catalog_io_fold_key (path), g_strdup (id));

  return TRUE;
}

static gboolean
read_header (Import        *import,
             DukaCsvReader *reader,
             GError       **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) local_error = NULL;
  guint before = import->report->problems->len;

  for (guint c = 0; c < N_COLUMNS; c++)
    import->column_of[c] = -1;

  if (!duka_csv_reader_next_row (reader, &fields, &local_error))
    {
      if (local_error != NULL)
        add_problem (import->report, 0, N_COLUMNS, "%s", local_error->message);
      else
        add_problem (import->report, 0, N_COLUMNS,
                     _("The file is empty: its first line must name the columns, such as "
                       "sku,name,price"));
      return FALSE;
    }

  import->n_fields = fields->len;
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip ((char *) fields->pdata[i]), -1);
      guint c;

      for (c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (name, duka_catalog_csv_columns[c]))
          break;

      if (c == N_COLUMNS)
        {
          DukaImportProblem *problem = g_new0 (DukaImportProblem, 1);

          problem->line = duka_csv_reader_get_line (reader);
          problem->column = g_strdup (fields->pdata[i]);
          problem->message = g_strdup (_("Duka does not know this column, so its values would be "
                                         "lost. The columns are sku, name, category, price, cost, "
                                         "barcodes, tax_class, unit, active, available and variants."));
          g_ptr_array_add (import->report->problems, problem);
        }
      else if (import->column_of[c] >= 0)
        add_problem (import->report, duka_csv_reader_get_line (reader), c,
                     _("This column is in the file twice"));
      else
        import->column_of[c] = (int) i;
    }

  if (import->column_of[COLUMN_NAME] < 0)
    add_problem (import->report, duka_csv_reader_get_line (reader), COLUMN_NAME,
                 _("The file has no “name” column; every product needs a name"));

  return import->report->problems->len == before;
}

static gboolean
parse_flag (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "yes", "true", "1", "y", NULL };
  static const char * const no[] = { "no", "false", "0", "n", NULL };
  g_autofree char *word = g_ascii_strdown (text, -1);

  g_strstrip (word);
  if (*word == '\0' || g_strv_contains (yes, word))
    *out = TRUE;
  else if (g_strv_contains (no, word))
    *out = FALSE;
  else
    return FALSE;

  return TRUE;
}

static gboolean
parse_amount (Import      *import,
              guint        line,
              Column       column,
              const char  *text,
              gint64      *out)
{
  const DukaFieldSpec *spec = duka_kind_find_field (duka_registry_lookup ("product"), "price");
  g_autoptr(GError) local_error = NULL;

  if (!duka_money_parse (text, import->currency, c_locale (), out, &local_error))
    {
      /* Translators: the amount's own problem, then how to write one */
      add_problem (import->report, line, column, _("%s Write amounts like 12.50."),
                   local_error->message);
      return FALSE;
    }
  if (*out < 0)
    {
      add_problem (import->report, line, column, _("“%s” is below zero"), text);
      return FALSE;
    }
  if (*out > spec->max)
    {
      add_problem (import->report, line, column, _("“%s” is too large an amount"), text);
      return FALSE;
    }

  return TRUE;
}

static char *
lookup_sku_owner (Import     *import,
                  const char *key,
                  char      **variant_of)
{
  sqlite3_stmt *stmt;
  char *id = NULL;

  stmt = duka_store_prepare_cached (import->reader,
    "SELECT id FROM product WHERE sku_key = ?1 AND deleted = 0", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      duka_store_stmt_done (stmt);
    }
  if (id != NULL)
    return id;

  stmt = duka_store_prepare_cached (import->reader,
    "SELECT p.name FROM variant v JOIN product p ON p.id = v.product_id"
    " WHERE v.sku_key = ?1 AND v.deleted = 0", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *variant_of = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      duka_store_stmt_done (stmt);
    }

  return NULL;
}

static void
check_sku (Import    *import,
           ImportRow *row,
           const char *text)
{
  g_autofree char *sku = duka_text_normalize_name (text);
  g_autofree char *key = NULL;
  g_autofree char *variant_of = NULL;
  gpointer seen;

  if (*sku == '\0')
    return;
  if (g_utf8_strlen (sku, -1) > 64)
    {
      add_problem (import->report, row->line, COLUMN_SKU, _("The SKU is longer than 64 characters"));
      return;
    }

  key = g_utf8_strup (sku, -1);
  if (g_hash_table_lookup_extended (import->skus, key, NULL, &seen))
    {
      add_problem (import->report, row->line, COLUMN_SKU,
                   _("SKU “%s” is also on line %u; each product needs its own"),
                   sku, GPOINTER_TO_UINT (seen));
      return;
    }
  g_hash_table_insert (import->skus, g_strdup (key), GUINT_TO_POINTER (row->line));

  row->existing_id = lookup_sku_owner (import, key, &variant_of);
  if (variant_of != NULL)
    add_problem (import->report, row->line, COLUMN_SKU,
                 _("SKU “%s” is already used by a variant of “%s”"), sku, variant_of);
  row->sku = g_steal_pointer (&sku);
}

static void
check_barcodes (Import     *import,
                ImportRow  *row,
                const char *text)
{
  g_auto(GStrv) codes = g_strsplit (text, "|", -1);
  g_autoptr(GStrvBuilder) gtins = g_strv_builder_new ();
  g_autoptr(GHashTable) in_row = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      const char *code = g_strstrip (codes[i]);
      char gtin[DUKA_GTIN14_SIZE];
      gpointer seen;
      sqlite3_stmt *stmt;

      if (*code == '\0')
        continue;
      if (!duka_barcode_normalize (code, gtin, &local_error))
        {
          add_problem (import->report, row->line, COLUMN_BARCODES, "%s", local_error->message);
          continue;
        }
      if (!g_hash_table_add (in_row, codes[i]))
        continue;
      if (g_hash_table_lookup_extended (import->gtins, gtin, NULL, &seen))
        {
          add_problem (import->report, row->line, COLUMN_BARCODES,
                       _("Barcode %s is also on line %u; a barcode can belong to one product only"),
                       code, GPOINTER_TO_UINT (seen));
          continue;
        }
      g_hash_table_insert (import->gtins, g_strdup (gtin), GUINT_TO_POINTER (row->line));
      g_strv_builder_add (gtins, gtin);

      stmt = duka_store_prepare_cached (import->reader,
        "SELECT b.product_id, b.variant_id, p.name FROM barcode b"
        " JOIN product p ON p.id = b.product_id WHERE b.gtin = ?1", NULL);
      if (stmt == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, gtin, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          (sqlite3_column_type (stmt, 1) != SQLITE_NULL ||
           g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), row->existing_id) != 0))
        add_problem (import->report, row->line, COLUMN_BARCODES,
                     _("Barcode %s already belongs to “%s”"),
                     code, (const char *) sqlite3_column_text (stmt, 2));
      duka_store_stmt_done (stmt);
    }

  row->barcodes = g_strv_builder_end (gtins);
}

static void
check_category (Import     *import,
                ImportRow  *row,
                char       *text)
{
  g_auto(GStrv) levels = g_strsplit (text, "/", -1);
  g_autoptr(GString) path = g_string_new (NULL);

  if (*g_strstrip (text) == '\0')
    return;

  for (guint i = 0; levels[i] != NULL; i++)
    {
      g_autofree char *name = duka_text_normalize_name (levels[i]);
      g_autofree char *key = NULL;

      if (*name == '\0')
        {
          add_problem (import->report, row->line, COLUMN_CATEGORY,
                       _("“%s” has an empty level; write categories like Drinks/Hot drinks"),
                       text);
          return;
        }
      if (g_utf8_strlen (name, -1) > 80)
        {
          add_problem (import->report, row->line, COLUMN_CATEGORY,
                       _("The category name “%s” is longer than 80 characters"), name);
          return;
        }
      if (path->len > 0)
        g_string_append_c (path, '/');
      g_string_append (path, name);

      /* Each missing level is created once, parents before children. */
      key = duka_catalog_io_fold_key (path->str);
      if (!g_hash_table_contains (import->categories, key))
        {
          g_hash_table_insert (import->categories, g_strdup (key), g_strdup (""));
          g_ptr_array_add (import->new_categories, g_strdup (path->str));
        }
      if (levels[i + 1] == NULL)
        row->category_key = g_steal_pointer (&key);
    }
}

static void
check_variants (Import     *import,
                ImportRow  *row,
                const char *text)
{
  g_auto(GStrv) items = g_strsplit (text, "|", -1);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  row->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_cell_free);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = g_strstrip (items[i]);
      const char *colon = strrchr (item, ':');
      g_autofree char *raw = NULL;
      g_autofree char *name = NULL;
      VariantCell *variant;
      gint64 price;

      if (*item == '\0')
        continue;
      if (colon == NULL)
        {
          add_problem (import->report, row->line, COLUMN_VARIANTS,
                       _("“%s” has no price; write variants like Small:25.00|Large:35.00"), item);
          continue;
        }
      raw = g_strndup (item, colon - item);
      name = duka_text_normalize_name (raw);
      if (*name == '\0' || g_utf8_strlen (name, -1) > 80)
        {
          add_problem (import->report, row->line, COLUMN_VARIANTS,
                       _("“%s” needs a name of 1 to 80 characters before the colon"), item);
          continue;
        }
      if (!g_hash_table_add (names, duka_catalog_io_fold_key (name)))
        {
          add_problem (import->report, row->line, COLUMN_VARIANTS,
                       _("The variant “%s” is listed twice"), name);
          continue;
        }
      if (!parse_amount (import, row->line, COLUMN_VARIANTS, colon + 1, &price))
        continue;

      variant = g_new0 (VariantCell, 1);
      variant->name = g_steal_pointer (&name);
      variant->price = price;
      g_ptr_array_add (row->variants, variant);
    }
}

static void
check_tax_class (Import    *import,
                 ImportRow *row,
                 char      *text)
{
  g_autofree char *key = NULL;

  if (text == NULL || *g_strstrip (text) == '\0')
    return;

  key = duka_catalog_io_fold_key (text);
  row->tax_class_id = g_strdup (g_hash_table_lookup (import->tax_classes, key));
  if (row->tax_class_id == NULL)
    add_problem (import->report, row->line, COLUMN_TAX_CLASS,
                 _("There is no tax class called “%s”; add it in Settings first"), text);
}

static void
check_unit (Import    *import,
            ImportRow *row,
            char      *text)
{
  g_autofree char *unit = NULL;

  if (text == NULL)
    return;

  unit = g_ascii_strdown (g_strstrip (text), -1);
  if (g_str_equal (unit, "weight"))
    row->unit = "weight";
  else if (*unit != '\0' && !g_str_equal (unit, "each"))
    add_problem (import->report, row->line, COLUMN_UNIT,
                 _("“%s” is not a unit: write each or weight"), text);
}

static void
check_row (Import    *import,
           GPtrArray *fields,
           guint      line)
{
  ImportRow *row = g_new0 (ImportRow, 1);
  char *text;

  row->line = line;
  row->unit = "each";
  row->active = TRUE;
  row->available = TRUE;

  if (import_has_column (import, COLUMN_SKU))
    check_sku (import, row, cell (import, fields, COLUMN_SKU));

  row->name = duka_text_normalize_name (cell (import, fields, COLUMN_NAME));
  if (*row->name == '\0')
    add_problem (import->report, line, COLUMN_NAME, _("The name is empty"));
  else if (g_utf8_strlen (row->name, -1) > 200)
    add_problem (import->report, line, COLUMN_NAME, _("The name is longer than 200 characters"));

  if (import_has_column (import, COLUMN_CATEGORY))
    check_category (import, row, cell (import, fields, COLUMN_CATEGORY));

  text = cell (import, fields, COLUMN_PRICE);
  if (text != NULL && *g_strstrip (text) != '\0')
    row->has_price = parse_amount (import, line, COLUMN_PRICE, text, &row->price);
  else if (row->existing_id == NULL)
    add_problem (import->report, line, COLUMN_PRICE, _("A new product needs a price"));

  text = cell (import, fields, COLUMN_COST);
  if (text != NULL && *g_strstrip (text) != '\0')
    row->has_cost = parse_amount (import, line, COLUMN_COST, text, &row->cost);

  if (import_has_column (import, COLUMN_BARCODES))
    check_barcodes (import, row, cell (import, fields, COLUMN_BARCODES));

  check_tax_class (import, row, cell (import, fields, COLUMN_TAX_CLASS));
  check_unit (import, row, cell (import, fields, COLUMN_UNIT));

  text = cell (import, fields, COLUMN_ACTIVE);
  if (text != NULL && !parse_flag (text, &row->active))
    add_problem (import->report, line, COLUMN_ACTIVE, _("“%s” is not yes or no"), text);
  text = cell (import, fields, COLUMN_AVAILABLE);
  if (text != NULL && !parse_flag (text, &row->available))
    add_problem (import->report, line, COLUMN_AVAILABLE, _("“%s” is not yes or no"), text);

  if (import_has_column (import, COLUMN_VARIANTS))
    check_variants (import, row, cell (import, fields, COLUMN_VARIANTS));

  g_ptr_array_add (import->rows, row);
}

static void
read_rows (Import        *import,
           DukaCsvReader *reader)
{
  for (;;)
    {
      g_autoptr(GPtrArray) fields = NULL;
      g_autoptr(GError) local_error = NULL;
      guint line;

      if (!duka_csv_reader_next_row (reader, &fields, &local_error))
        {
          /* A broken quote leaves the rest of the file unreadable. */
          if (local_error != NULL)
            add_problem (import->report, 0, N_COLUMNS, "%s", local_error->message);
          return;
        }

      line = duka_csv_reader_get_line (reader);
      if (fields->len != import->n_fields)
        {
          add_problem (import->report, line, N_COLUMNS,
                       _("This row has %u values but the first line names %u columns"),
                       fields->len, import->n_fields);
          continue;
        }
      check_row (import, fields, line);
    }
}

/**
 * duka_catalog_import_check:
 * @import: with its store, report, currency and reader connection set
 *
 * Reads the whole of @input and checks every row, against the file itself
 * and the store, adding each problem to the import's report.
 *
 * Returns: %FALSE when the store could not be read; a file with problems
 *   still returns %TRUE, its problems in the report
 */
gboolean
duka_catalog_import_check (Import        *import,
                           GInputStream  *input,
                           GError       **error)
{
  g_autoptr(DukaCsvReader) reader = NULL;
  gboolean ok = FALSE;

  import->new_categories = g_ptr_array_new_with_free_func (g_free);
  import->skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->gtins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);

  reader = duka_csv_reader_new (input, ',');
  /* One read snapshot for every check: also far cheaper than a lock per
   * lookup over 100,000 rows. */
  if ((sqlite3_exec (import->reader, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ||
       duka_store_sql_error (import->reader, error)) &&
      load_lookups (import, error))
    {
      if (read_header (import, reader, error))
        read_rows (import, reader);
      ok = TRUE;
    }
  if (!sqlite3_get_autocommit (import->reader))
    sqlite3_exec (import->reader, "COMMIT", NULL, NULL, NULL);

  return ok;
}
