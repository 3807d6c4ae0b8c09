/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Catalog CSV import and export (the format is in CSV.md).  An import is
 * all or nothing: a first pass reads the whole file and checks every row
 * against the file itself and the store, so a manager sees every problem
 * at once; only a clean file is written, in one transaction, each product
 * through the same save path as an edit on the till.
 */
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "duka-barcode.h"
#include "duka-business-settings.h"
#include "duka-catalog-io.h"
#include "duka-catalog-private.h"
#include "duka-csv.h"
#include "duka-money.h"
#include "duka-permissions.h"
#include "duka-registry.h"
#include "duka-store-private.h"
#include "duka-text.h"

#define EXPORT_FLUSH_BYTES (64 * 1024)

typedef enum
{
  COLUMN_SKU,
  COLUMN_NAME,
  COLUMN_CATEGORY,
  COLUMN_PRICE,
  COLUMN_COST,
  COLUMN_BARCODES,
  COLUMN_TAX_CLASS,
  COLUMN_UNIT,
  COLUMN_ACTIVE,
  COLUMN_AVAILABLE,
  COLUMN_VARIANTS,
  N_COLUMNS,
} Column;

/* The file's words: never translated, so a file travels between tills in
 * any language. */
static const char * const column_names[N_COLUMNS] = {
  "sku", "name", "category", "price", "cost", "barcodes", "tax_class",
  "unit", "active", "available", "variants",
};

/* The report ---------------------------------------------------------------- */

static void
problem_free (DukaImportProblem *problem)
{
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

DukaImportReport *
duka_import_report_new (void)
{
  DukaImportReport *report = g_new0 (DukaImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  return report;
}

DukaImportReport *
duka_import_report_copy (const DukaImportReport *report)
{
  DukaImportReport *copy = duka_import_report_new ();

  copy->created = report->created;
  copy->updated = report->updated;
  copy->unchanged = report->unchanged;
  for (guint i = 0; i < report->problems->len; i++)
    {
      const DukaImportProblem *p = g_ptr_array_index (report->problems, i);
      DukaImportProblem *q = g_new0 (DukaImportProblem, 1);

      q->line = p->line;
      q->column = g_strdup (p->column);
      q->message = g_strdup (p->message);
      g_ptr_array_add (copy->problems, q);
    }

  return copy;
}

void
duka_import_report_free (DukaImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report);
}

G_DEFINE_BOXED_TYPE (DukaImportReport, duka_import_report,
                     duka_import_report_copy, duka_import_report_free)

/**
 * duka_import_problem_to_string:
 *
 * Returns: (transfer full): the problem as a person reads it, starting
 *   with where it is: “Line 12, column “price”: …”
 */
char *
duka_import_problem_to_string (const DukaImportProblem *problem)
{
  if (problem->line > 0 && problem->column != NULL)
    /* Translators: a line number, a column name from the file, the problem */
    return g_strdup_printf (_("Line %u, column “%s”: %s"),
                            problem->line, problem->column, problem->message);
  if (problem->line > 0)
    return g_strdup_printf (_("Line %u: %s"), problem->line, problem->message);

  return g_strdup (problem->message);
}

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
  problem->column = column < N_COLUMNS ? g_strdup (column_names[column]) : NULL;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (report->problems, problem);
}

/* Shared helpers ------------------------------------------------------------- */

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

static const DukaCurrency *
store_currency (DukaStore  *store,
                GError    **error)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaProfile) profile = NULL;
  const DukaCurrency *currency;

  if (!duka_business_settings_is_configured (settings))
    {
      g_set_error (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_INVALID,
                   _("Set up the business first: prices are read in its currency"));
      return NULL;
    }
  profile = duka_business_settings_load (settings, error);
  if (profile == NULL)
    return NULL;

  currency = duka_currency_lookup (profile->currency);
  if (currency == NULL)
    g_set_error (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_INVALID,
                 _("The business's currency %s is unknown"), profile->currency);
  return currency;
}

static char *
fold_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT);

  return g_utf8_casefold (normal, -1);
}

/* Live categories as "Parent/Child" paths, by id. */
static GHashTable *
load_category_paths (sqlite3  *db,
                     GError  **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT id, name, parent_id FROM category WHERE deleted = 0", error);
  GHashTableIter iter;
  gpointer id, name;
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *parent = (const char *) sqlite3_column_text (stmt, 2);

      g_hash_table_insert (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      if (parent != NULL)
        g_hash_table_insert (parents, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             g_strdup (parent));
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      return NULL;
    }

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &id, &name))
    {
      g_autoptr(GString) path = g_string_new (name);
      const char *cursor = g_hash_table_lookup (parents, id);

      /* A parent that is gone ends the path; 64 steps end a loop. */
      for (guint steps = 0; cursor != NULL && steps < 64; steps++)
        {
          const char *parent_name = g_hash_table_lookup (names, cursor);

          if (parent_name == NULL)
            break;
          g_string_prepend (path, "/");
          g_string_prepend (path, parent_name);
          cursor = g_hash_table_lookup (parents, cursor);
        }
      g_hash_table_insert (paths, g_strdup (id), g_string_free (g_steal_pointer (&path), FALSE));
    }

  return g_steal_pointer (&paths);
}

/* Import: reading and checking ---------------------------------------------- */

typedef struct
{
  char   *name;
  gint64  price;
} VariantCell;

typedef struct
{
  guint        line;
  char        *existing_id;   /* the product its SKU matched */
  char        *sku;
  char        *name;
  char        *category_key;  /* folded path; NULL: no category */
  gboolean     has_price;
  gint64       price;
  gboolean     has_cost;
  gint64       cost;
  GStrv        barcodes;      /* GTIN-14 */
  char        *tax_class_id;
  const char  *unit;
  gboolean     active;
  gboolean     available;
  GPtrArray   *variants;      /* VariantCell */
} ImportRow;

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

typedef struct
{
  DukaStore          *store;
  const DukaActor    *actor;
  const DukaCurrency *currency;
  DukaImportReport   *report;
  sqlite3            *reader;
  gint64              now;

  int                 column_of[N_COLUMNS];  /* field index, or -1 */
  guint               n_fields;

  GHashTable         *tax_classes;     /* folded name → id */
  GHashTable         *categories;      /* folded path → id, or "" to create */
  GPtrArray          *new_categories;  /* paths to create, parents first */
  GHashTable         *skus;            /* SKU key → line */
  GHashTable         *gtins;           /* GTIN-14 → line */
  GPtrArray          *rows;            /* ImportRow */
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->tax_classes, g_hash_table_unref);
  g_clear_pointer (&import->categories, g_hash_table_unref);
  g_clear_pointer (&import->new_categories, g_ptr_array_unref);
  g_clear_pointer (&import->skus, g_hash_table_unref);
  g_clear_pointer (&import->gtins, g_hash_table_unref);
  g_clear_pointer (&import->rows, g_ptr_array_unref);
}

static gboolean
has_column (Import *import,
            Column  column)
{
  return import->column_of[column] >= 0;
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
      char *key = fold_key ((const char *) sqlite3_column_text (stmt, 1));

      if (g_hash_table_contains (import->tax_classes, key))
        g_free (key);
      else
        g_hash_table_insert (import->tax_classes, key,
                             g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (import->reader, error);

  paths = load_category_paths (import->reader, error);
  if (paths == NULL)
    return FALSE;
  import->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, &id, &path))
    g_hash_table_insert (import->categories, fold_key (path), g_strdup (id));

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
        if (g_str_equal (name, column_names[c]))
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
      key = fold_key (path->str);
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
      if (!g_hash_table_add (names, fold_key (name)))
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

  if (has_column (import, COLUMN_SKU))
    check_sku (import, row, cell (import, fields, COLUMN_SKU));

  row->name = duka_text_normalize_name (cell (import, fields, COLUMN_NAME));
  if (*row->name == '\0')
    add_problem (import->report, line, COLUMN_NAME, _("The name is empty"));
  else if (g_utf8_strlen (row->name, -1) > 200)
    add_problem (import->report, line, COLUMN_NAME, _("The name is longer than 200 characters"));

  if (has_column (import, COLUMN_CATEGORY))
    check_category (import, row, cell (import, fields, COLUMN_CATEGORY));

  text = cell (import, fields, COLUMN_PRICE);
  if (text != NULL && *g_strstrip (text) != '\0')
    row->has_price = parse_amount (import, line, COLUMN_PRICE, text, &row->price);
  else if (row->existing_id == NULL)
    add_problem (import->report, line, COLUMN_PRICE, _("A new product needs a price"));

  text = cell (import, fields, COLUMN_COST);
  if (text != NULL && *g_strstrip (text) != '\0')
    row->has_cost = parse_amount (import, line, COLUMN_COST, text, &row->cost);

  if (has_column (import, COLUMN_BARCODES))
    check_barcodes (import, row, cell (import, fields, COLUMN_BARCODES));

  text = cell (import, fields, COLUMN_TAX_CLASS);
  if (text != NULL && *g_strstrip (text) != '\0')
    {
      g_autofree char *key = fold_key (text);

      row->tax_class_id = g_strdup (g_hash_table_lookup (import->tax_classes, key));
      if (row->tax_class_id == NULL)
        add_problem (import->report, line, COLUMN_TAX_CLASS,
                     _("There is no tax class called “%s”; add it in Settings first"), text);
    }

  text = cell (import, fields, COLUMN_UNIT);
  if (text != NULL)
    {
      g_autofree char *unit = g_ascii_strdown (g_strstrip (text), -1);

      if (g_str_equal (unit, "weight"))
        row->unit = "weight";
      else if (*unit != '\0' && !g_str_equal (unit, "each"))
        add_problem (import->report, line, COLUMN_UNIT,
                     _("“%s” is not a unit: write each or weight"), text);
    }

  text = cell (import, fields, COLUMN_ACTIVE);
  if (text != NULL && !parse_flag (text, &row->active))
    add_problem (import->report, line, COLUMN_ACTIVE, _("“%s” is not yes or no"), text);
  text = cell (import, fields, COLUMN_AVAILABLE);
  if (text != NULL && !parse_flag (text, &row->available))
    add_problem (import->report, line, COLUMN_AVAILABLE, _("“%s” is not yes or no"), text);

  if (has_column (import, COLUMN_VARIANTS))
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

/* Import: writing ----------------------------------------------------------- */

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
          g_autofree char *parent_key = fold_key (parent_path);

          json_object_set_string_member (record, "parent_id",
                                         g_hash_table_lookup (import->categories, parent_key));
        }
      if (!duka_catalog_save_in_transaction (db, import->actor, "category", record,
                                             import->now, DUKA_CATALOG_SAVE_DEFAULT, &id, NULL, error))
        return FALSE;
      g_hash_table_insert (import->categories, fold_key (path), g_steal_pointer (&id));
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
    g_hash_table_insert (existing, fold_key ((const char *) sqlite3_column_text (stmt, 1)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  duka_store_stmt_done (stmt);

  for (guint i = 0; i < row->variants->len; i++)
    {
      VariantCell *variant = g_ptr_array_index (row->variants, i);
      g_autoptr(JsonObject) record = json_object_new ();
      g_autofree char *key = fold_key (variant->name);
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

  if (has_column (import, COLUMN_SKU))
    SET_STRING_OR_NULL ("sku", row->sku);
  if (has_column (import, COLUMN_CATEGORY))
    SET_STRING_OR_NULL ("category_id", row->category_key
                                         ? g_hash_table_lookup (import->categories, row->category_key)
                                         : NULL);
  if (row->has_price)
    json_object_set_int_member (record, "price", row->price);
  if (row->has_cost)
    json_object_set_int_member (record, "cost", row->cost);
  else if (has_column (import, COLUMN_COST))
    json_object_set_null_member (record, "cost");
  if (has_column (import, COLUMN_TAX_CLASS))
    SET_STRING_OR_NULL ("tax_class_id", row->tax_class_id);

#undef SET_STRING_OR_NULL

  /* A new product says every field, so nothing is left to a default. */
  if (creating || has_column (import, COLUMN_BARCODES))
    {
      JsonArray *barcodes = json_array_new ();

      for (guint i = 0; row->barcodes != NULL && row->barcodes[i] != NULL; i++)
        json_array_add_string_element (barcodes, row->barcodes[i]);
      json_object_set_array_member (record, "barcodes", barcodes);
    }
  if (creating || has_column (import, COLUMN_UNIT))
    json_object_set_string_member (record, "unit", row->unit);
  if (creating || has_column (import, COLUMN_ACTIVE))
    json_object_set_boolean_member (record, "active", row->active);
  if (creating || has_column (import, COLUMN_AVAILABLE))
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
  g_autoptr(DukaCsvReader) reader = NULL;
  Import import = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (DUKA_IS_CATALOG (catalog), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);

  if (report != NULL)
    *report = NULL;
  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;

  import.store = duka_catalog_get_store (catalog);
  import.actor = actor;
  import.report = own_report;
  import.currency = store_currency (import.store, error);
  if (import.currency == NULL)
    return FALSE;

  import.reader = duka_store_acquire_reader (import.store, error);
  if (import.reader == NULL)
    return FALSE;
  import.new_categories = g_ptr_array_new_with_free_func (g_free);
  import.skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.gtins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);

  reader = duka_csv_reader_new (input, ',');
  /* One read snapshot for every check: also far cheaper than a lock per
   * lookup over 100,000 rows. */
  if ((sqlite3_exec (import.reader, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ||
       duka_store_sql_error (import.reader, error)) &&
      load_lookups (&import, error))
    {
      if (read_header (&import, reader, error))
        read_rows (&import, reader);
      ok = TRUE;
    }
  if (!sqlite3_get_autocommit (import.reader))
    sqlite3_exec (import.reader, "COMMIT", NULL, NULL, NULL);
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

  import_clear (&import);
  if (report != NULL)
    *report = g_steal_pointer (&own_report);
  return ok;
}

/* Export -------------------------------------------------------------------- */

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

  export->paths = load_category_paths (export->db, error);
  if (export->paths == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, export->paths);
  while (g_hash_table_iter_next (&iter, &id, &path))
    {
      g_hash_table_insert (keys, id, fold_key (path));
      g_ptr_array_add (ids, id);
    }
  g_ptr_array_sort_with_data (ids, compare_paths, keys);

  duka_csv_write_row (export->buffer, column_names, N_COLUMNS);

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
  export.currency = store_currency (store, error);
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
