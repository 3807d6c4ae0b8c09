/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <string.h>

#include "duka-barcode.h"
#include "duka-catalog.h"
#include "duka-catalog-io.h"
#include "duka-demo.h"
#include "duka-registry.h"
#include "duka-store-private.h"

typedef struct
{
  DukaStore   *store;
  DukaCatalog *catalog;
  DukaActor   *owner;
} Fixture;

static void
save_tax_class (Fixture    *f,
                const char *name)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (record, "name", name);
  g_assert_true (duka_catalog_save (f->catalog, f->owner, "tax_class", record, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-catalog-io-XXXXXX", &error);

  g_assert_no_error (error);
  f->store = duka_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (f->store, &error));
  f->catalog = duka_catalog_new (f->store);
  f->owner = duka_actor_new_owner (NULL);
  save_tax_class (f, "VAT 16%");
  save_tax_class (f, "Exempt");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  duka_actor_free (f->owner);
  g_assert_finalize_object (f->catalog);
  g_object_unref (f->store);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);

  return n;
}

static char *
text (Fixture    *f,
      const char *sql)
{
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);

  return out;
}

static gboolean
import (Fixture           *f,
        const char        *csv,
        DukaImportReport **report,
        GError           **error)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (g_strdup (csv), -1, g_free);

  return duka_catalog_import_csv (f->catalog, f->owner, input, report, error);
}

static DukaImportReport *
import_ok (Fixture    *f,
           const char *csv)
{
  DukaImportReport *report = NULL;
  g_autoptr(GError) error = NULL;

  if (!import (f, csv, &report, &error))
    {
      for (guint i = 0; report && i < report->problems->len; i++)
        g_test_message ("%s", duka_import_problem_to_string (report->problems->pdata[i]));
      g_error ("import failed: %s", error->message);
    }
  g_assert_cmpuint (report->problems->len, ==, 0);
  return report;
}

static GBytes *
export (Fixture *f)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (duka_catalog_export_csv (f->catalog, output, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

static const char happy_csv[] =
  "sku,name,category,price,cost,barcodes,tax_class,unit,active,available,variants\n"
  "CAP,Cappuccino,Drinks/Hot drinks,250.00,80,,VAT 16%,each,yes,yes,Small:220.00|Large:300\n"
  "SUG,Loose sugar,Groceries/Dry goods,165.50,,,Exempt,weight,true,1,\n"
  "MLK,Fresh milk 1 l,Groceries/Dairy,115,,6161234000014|96385074,vat 16%,each,yes,no,\n"
  ",Mandazi,Food,30,,,,,,,\n";

static void
test_import_happy (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DukaImportReport) report = import_ok (f, happy_csv);
  g_autoptr(GPtrArray) found = NULL;

  g_assert_cmpuint (report->created, ==, 4);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM product"), ==, 4);
  g_assert_cmpint (count (f, "SELECT price FROM product WHERE sku = 'SUG'"), ==, 16550);
  g_assert_cmpint (count (f, "SELECT unit = 'weight' FROM product WHERE sku = 'SUG'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT cost FROM product WHERE sku = 'CAP'"), ==, 8000);
  g_assert_cmpint (count (f, "SELECT available FROM product WHERE sku = 'MLK'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM barcode"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM variant"), ==, 2);
  g_assert_cmpint (count (f, "SELECT price FROM variant WHERE name = 'Large'"), ==, 30000);
  /* Drinks, Hot drinks, Groceries, Dry goods, Dairy, Food. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM category"), ==, 6);
  g_assert_cmpint (count (f, "SELECT count(*) FROM category c JOIN category p ON p.id = c.parent_id"
                             " WHERE c.name = 'Hot drinks' AND p.name = 'Drinks'"), ==, 1);
  /* Every record has its op: 4 products, 2 variants, 6 categories. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE kind IN ('product', 'variant', 'category')"),
                   ==, 12);

  /* Search words are written for the whole batch. */
  found = duka_catalog_search (f->catalog, "cappu", 10, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = duka_catalog_search (f->catalog, "96385074", 10, NULL);
  g_assert_cmpuint (found->len, ==, 1);
}

static gboolean
has_problem (DukaImportReport *report,
             guint             line,
             const char       *column,
             const char       *part)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      DukaImportProblem *p = report->problems->pdata[i];

      if (p->line == line && g_strcmp0 (p->column, column) == 0 &&
          (part == NULL || strstr (p->message, part) != NULL))
        return TRUE;
    }

  return FALSE;
}

static void
assert_refused (Fixture           *f,
                const char        *csv,
                DukaImportReport **out_report)
{
  gint64 products = count (f, "SELECT count(*) FROM product");
  gint64 categories = count (f, "SELECT count(*) FROM category");
  gint64 ops = count (f, "SELECT count(*) FROM outbox");
  g_autoptr(GError) error = NULL;

  g_assert_false (import (f, csv, out_report, &error));
  g_assert_error (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_INVALID);
  g_assert_nonnull (*out_report);
  g_assert_cmpuint ((*out_report)->problems->len, >, 0);
  for (guint i = 0; i < (*out_report)->problems->len; i++)
    {
      g_autofree char *line = duka_import_problem_to_string ((*out_report)->problems->pdata[i]);

      g_test_message ("%s", line);
    }

  /* Nothing written: no row, no op. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM product"), ==, products);
  g_assert_cmpint (count (f, "SELECT count(*) FROM category"), ==, categories);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, ops);
}

static void
test_import_every_problem (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DukaImportReport) first = import_ok (f, "sku,name,price,barcodes\nOLD,Old tea,10,4006381333931\n");
  g_autoptr(DukaImportReport) report = NULL;
  const char *csv =
    "sku,name,category,price,barcodes,tax_class,unit,active,variants\n"
    "A1,Good row,New/Category,10.00,,,,,\n"                    /* 2: fine */
    "A2,Bad price,,12.5.0,,,,,\n"                             /* 3 */
    "A3,,,10,,,,,\n"                                          /* 4 */
    "A1,Copy,,10,,,,,\n"                                      /* 5 */
    "A5,Code,,10,6161234000014,,,,\n"                         /* 6 */
    "A6,Same code,,10,6161234000014,,,,\n"                    /* 7 */
    "A7,Taken code,,10,4006381333931,,,,\n"                   /* 8 */
    "A8,Typo code,,10,4006381333932,,,,\n"                    /* 9 */
    "A9,Taxed,,10,,VAT 99%,,,\n"                              /* 10 */
    "A10,Litre,,10,,,litre,,\n"                               /* 11 */
    "A11,Maybe,,10,,,,maybe,\n"                               /* 12 */
    "A12,Sizes,,10,,,,,Small 10|Large:x\n"                    /* 13 */
    "A13,Short row,,10\n"                                     /* 14 */
    "A14,Too precise,,10.555,,,,,\n"                          /* 15 */
    "A15,No price,,,,,,,\n";                                  /* 16 */

  assert_refused (f, csv, &report);
  g_assert_true (has_problem (report, 3, "price", "12.5.0"));
  g_assert_true (has_problem (report, 4, "name", NULL));
  g_assert_true (has_problem (report, 5, "sku", "line 2"));
  g_assert_true (has_problem (report, 7, "barcodes", "line 6"));
  g_assert_true (has_problem (report, 8, "barcodes", "Old tea"));
  g_assert_true (has_problem (report, 9, "barcodes", "should be 1"));
  g_assert_true (has_problem (report, 10, "tax_class", "VAT 99%"));
  g_assert_true (has_problem (report, 11, "unit", "litre"));
  g_assert_true (has_problem (report, 12, "active", "maybe"));
  g_assert_true (has_problem (report, 13, "variants", "Small 10"));
  g_assert_true (has_problem (report, 13, "variants", "x"));
  g_assert_true (has_problem (report, 14, NULL, "4 values"));
  g_assert_true (has_problem (report, 15, "price", "decimals"));
  g_assert_true (has_problem (report, 16, "price", NULL));
  g_assert_false (has_problem (report, 2, NULL, NULL));
  g_assert_cmpint (count (f, "SELECT count(*) FROM category"), ==, 0);
}

static void
test_import_unknown_column (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DukaImportReport) report = NULL;

  assert_refused (f, "sku,name,price,colour\nX,Tea,10,red\n", &report);
  g_assert_true (has_problem (report, 1, "colour", "does not know"));
}

static void
test_import_malformed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DukaImportReport) report = NULL;
  g_autoptr(DukaImportReport) empty = NULL;

  assert_refused (f, "sku,name,price\nX,\"Tea,10\nY,Coffee,20\n", &report);
  g_assert_true (strstr (((DukaImportProblem *) report->problems->pdata[0])->message, "never closed") != NULL);
  assert_refused (f, "", &empty);
}

static void
test_import_update_by_sku (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DukaImportReport) first = import_ok (f, happy_csv);
  g_autoptr(DukaImportReport) second = NULL;
  gint64 ops = count (f, "SELECT count(*) FROM outbox");

  /* Only the columns in the file change; a missing price keeps the old. */
  second = import_ok (f, "sku,name,price\ncap,Cappuccino,275.00\nSUG,Loose sugar,\nNEW,New thing,5\n");
  g_assert_cmpuint (second->created, ==, 1);
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpuint (second->unchanged, ==, 1);
  /* Matched whatever the case; the file's spelling is kept. */
  g_assert_cmpint (count (f, "SELECT price FROM product WHERE sku = 'cap'"), ==, 27500);
  g_assert_cmpint (count (f, "SELECT version FROM product WHERE sku_key = 'CAP'"), ==, 2);
  g_assert_cmpint (count (f, "SELECT price FROM product WHERE sku = 'SUG'"), ==, 16550);
  g_assert_cmpint (count (f, "SELECT unit = 'weight' FROM product WHERE sku = 'SUG'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM variant WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, ops + 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE kind = 'product'"
                             " AND body LIKE '%\"fields\":[\"sku\",\"price\"]%'"), ==, 1);

  /* Variants are matched by name; the ones left out are deleted. */
  g_clear_pointer (&second, duka_import_report_free);
  second = import_ok (f, "sku,name,variants\nCAP,Cappuccino,Large:310|Regular:275\n");
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM variant WHERE deleted = 0"), ==, 2);
  g_assert_cmpint (count (f, "SELECT price FROM variant WHERE name = 'Large' AND deleted = 0"), ==, 31000);
  g_assert_cmpint (count (f, "SELECT deleted FROM variant WHERE name = 'Small'"), ==, 1);
}

static void
test_import_bom_crlf_newlines (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DukaImportReport) report = import_ok (f,
    "\xef\xbb\xbfsku,name,price\r\n"
    "T1,\"Chai, \"\"special\"\"\r\nwith ginger\",120.00\r\n"
    "T2,Caf\xc3\xa9 au lait,150\r\n");
  g_autofree char *name = text (f, "SELECT name FROM product WHERE sku = 'T1'");

  g_assert_cmpuint (report->created, ==, 2);
  /* Names are tidied as on the till: the line end becomes a space. */
  g_assert_cmpstr (name, ==, "Chai, \"special\" with ginger");
  g_assert_cmpint (count (f, "SELECT price FROM product WHERE sku = 'T2'"), ==, 15000);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DukaImportReport) report = import_ok (f, happy_csv);
  g_autoptr(GBytes) first = export (f);
  g_autoptr(GBytes) second = NULL;
  g_autofree char *csv = g_strndup (g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  Fixture other = { 0 };
  gint64 ops;

  g_test_message ("%s", csv);
  g_assert_true (g_str_has_prefix (csv, "sku,name,category,price,cost,barcodes,tax_class,unit,"
                                        "active,available,variants\r\n"));
  g_assert_nonnull (strstr (csv, "CAP,Cappuccino,Drinks/Hot drinks,250.00,80.00,,VAT 16%,each,yes,yes,"
                                 "Small:220.00|Large:300.00\r\n"));
  g_assert_nonnull (strstr (csv, "6161234000014|96385074"));

  /* Into the same store: every row matches, nothing is written. */
  ops = count (f, "SELECT count(*) FROM outbox");
  g_clear_pointer (&report, duka_import_report_free);
  report = import_ok (f, csv);
  g_assert_cmpuint (report->unchanged, ==, 3);
  g_assert_cmpuint (report->created, ==, 1);  /* Mandazi has no SKU to match */
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, ops + 1);

  /* Into a fresh store: the same catalog, byte for byte. */
  fixture_set_up (&other, NULL);
  g_clear_pointer (&report, duka_import_report_free);
  report = import_ok (&other, csv);
  g_assert_cmpuint (report->created, ==, 4);
  second = export (&other);
  g_assert_true (g_bytes_equal (first, second));
  fixture_tear_down (&other, NULL);
}

static void
test_import_many (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("sku,name,category,price,barcodes,tax_class\n");
  g_autoptr(DukaImportReport) report = NULL;

  for (guint i = 0; i < 20000; i++)
    {
      char code[14];

      g_snprintf (code, sizeof code, "616%09u", i);
      code[12] = (char) ('0' + duka_barcode_check_digit (code, 12));
      code[13] = '\0';
      g_string_append_printf (csv, "P%05u,Product %u,Shelf %u/Row %u,%u.%02u,%s,VAT 16%%\n",
                              i, i, i % 7, i % 30, 10 + i % 900, i % 100, code);
    }

  report = import_ok (f, csv->str);
  g_assert_cmpuint (report->created, ==, 20000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM product"), ==, 20000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM barcode"), ==, 20000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM product_search"), ==, 20000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE kind = 'product'"), ==, 20000);
}

static void
test_permission (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DukaActor) stranger = duka_actor_new_owner (NULL);
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (happy_csv, -1, NULL);
  g_autoptr(DukaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  stranger->staff_id = g_strdup ("0193b1d2-5a7e-7c41-9a1e-00000000beef");
  g_assert_false (duka_catalog_import_csv (f->catalog, stranger, input, &report, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM product"), ==, 0);
}

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-demo-XXXXXX", &error);
  g_autoptr(DukaStore) store = duka_store_open (dir, &error);
  g_autoptr(DukaCatalog) catalog = NULL;
  g_autoptr(GPtrArray) products = NULL;
  const DukaKindSpec *spec = duka_registry_lookup ("product");
  Fixture f = { 0 };

  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (store, &error));
  g_assert_true (duka_demo_fill_catalog (store, &error));
  g_assert_no_error (error);
  catalog = duka_catalog_new (store);
  f.store = store;

  products = duka_catalog_list (catalog, "product", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, >=, 300);
  for (guint i = 0; i < products->len; i++)
    {
      g_autoptr(GError) invalid = NULL;

      if (!duka_registry_validate (spec, products->pdata[i], &invalid))
        g_error ("%s: %s", json_object_get_string_member (products->pdata[i], "name"), invalid->message);
    }

  g_assert_cmpint (count (&f, "SELECT count(*) FROM outbox WHERE kind = 'product'"), ==, products->len);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM category WHERE parent_id IS NOT NULL"), >=, 12);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM variant"), >=, 30);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM modifier_group"), ==, 2);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM product WHERE modifier_group_ids <> '[]'"), >=, 10);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM combo"), ==, 2);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM price_rule WHERE days = 31 AND discount = 200000"), ==, 1);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM product WHERE unit = 'weight'"), >=, 5);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM product WHERE available = 0"), >=, 2);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM barcode"), >=, 200);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM product WHERE image IS NULL AND sku LIKE 'M%'"), ==, 0);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM tax_class"), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/catalog-io/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("import-happy", test_import_happy);
  ADD ("import-every-problem", test_import_every_problem);
  ADD ("import-unknown-column", test_import_unknown_column);
  ADD ("import-malformed", test_import_malformed);
  ADD ("import-update-by-sku", test_import_update_by_sku);
  ADD ("import-bom-crlf-newlines", test_import_bom_crlf_newlines);
  ADD ("round-trip", test_round_trip);
  ADD ("import-many", test_import_many);
  ADD ("permission", test_permission);
  g_test_add_func ("/catalog-io/demo", test_demo);

#undef ADD

  return g_test_run ();
}
