/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Catalog CSV import and export (the format is in CSV.md): the report an
 * import hands back, and what import and export share.
 *
 * duka-catalog-io.c            the report, the columns, shared helpers
 * duka-catalog-import-check.c  reading a file and checking every row
 * duka-catalog-import.c        writing a clean file, all or nothing
 * duka-catalog-export.c        writing every product out
 */
#include <glib/gi18n-lib.h>

#include "duka-business-settings.h"
#include "duka-catalog-io-private.h"
#include "duka-store-private.h"

/* The file's words: never translated, so a file travels between tills in
 * any language. */
const char * const duka_catalog_csv_columns[N_COLUMNS] = {
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

/* Shared helpers ------------------------------------------------------------- */

const DukaCurrency *
duka_catalog_io_currency (DukaStore  *store,
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

char *
duka_catalog_io_fold_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT);

  return g_utf8_casefold (normal, -1);
}

/* Live categories as "Parent/Child" paths, by id. */
GHashTable *
duka_catalog_io_category_paths (sqlite3  *db,
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
