/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <string.h>

#include "duka-catalog.h"
#include "duka-demo.h"
#include "duka-entities.h"
#include "duka-id.h"
#include "duka-product-list.h"
#include "duka-registry.h"
#include "duka-store-private.h"

typedef struct
{
  DukaStore   *store;
  DukaCatalog *catalog;
  DukaActor   *owner;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-catalog-XXXXXX", &error);

  g_assert_no_error (error);
  f->store = duka_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (f->store, &error));
  g_assert_no_error (error);
  f->catalog = duka_catalog_new (f->store);
  f->owner = duka_actor_new_owner (NULL);
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

  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);

  return n;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Change signals arrive on the main context. */
static void
spin (void)
{
  for (guint i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static char *
save_ok (Fixture    *f,
         const char *kind,
         const char *json)
{
  g_autoptr(JsonObject) record = parse_object (json);
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  duka_catalog_save (f->catalog, f->owner, kind, record, &id, &error);
  g_assert_no_error (error);
  spin ();
  return id;
}

static void
save_refused (Fixture    *f,
              const char *kind,
              const char *json,
              int         code,
              const char *message_part)
{
  g_autoptr(JsonObject) record = parse_object (json);
  g_autoptr(GError) error = NULL;
  gint64 outbox = count (f, "SELECT count(*) FROM outbox");
  g_autofree char *rows_sql = g_strdup_printf ("SELECT count(*) || '/' || total (version) FROM %s",
                                               duka_registry_lookup (kind)->table);
  gint64 rows = count (f, rows_sql);

  g_test_message ("%s: %s", kind, json);
  g_assert_false (duka_catalog_save (f->catalog, f->owner, kind, record, NULL, &error));
  g_assert_error (error, DUKA_CATALOG_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);

  /* Nothing half-saved: no op, no row. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox"), ==, outbox);
  g_assert_cmpint (count (f, rows_sql), ==, rows);
}

/* The registry and the schema can never disagree: every field of every
 * kind is a column of its table, with the bookkeeping columns. */
static void
test_registry_matches_schema (Fixture       *f,
                              gconstpointer  data)
{
  const DukaKindSpec * const *kinds;
  guint n_kinds;
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);

  kinds = duka_registry_get_kinds (&n_kinds);
  g_assert_cmpuint (n_kinds, >=, 10);

  for (guint i = 0; i < n_kinds; i++)
    {
      const char *own[] = { "id", "deleted", "version", "updated_at", "updated_by_device", "extra" };
      g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", kinds[i]->table);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      sqlite3_finalize (stmt);

      g_test_message ("kind %s", kinds[i]->name);
      g_assert_cmpuint (g_hash_table_size (columns), >, 0);
      for (guint j = 0; j < kinds[i]->n_fields; j++)
        {
          const DukaFieldSpec *field = &kinds[i]->fields[j];

          if (field->child_table != NULL)
            {
              g_autoptr(GHashTable) child = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_autofree char *child_sql = g_strdup_printf ("PRAGMA table_info (%s)", field->child_table);
              g_autofree char *parent_key = g_strdup_printf ("%s_id", kinds[i]->name);

              g_assert_cmpint (kinds[i]->klass, ==, DUKA_KIND_FACT);
              g_assert_cmpint (sqlite3_prepare_v2 (db, child_sql, -1, &stmt, NULL), ==, SQLITE_OK);
              while (sqlite3_step (stmt) == SQLITE_ROW)
                g_hash_table_add (child, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
              sqlite3_finalize (stmt);
              g_assert_true (g_hash_table_contains (child, parent_key));
              g_assert_true (g_hash_table_contains (child, "position"));
              for (guint k = 0; k < field->n_items; k++)
                if (!g_hash_table_contains (child, field->items[k].name))
                  g_error ("table %s has no column %s", field->child_table, field->items[k].name);
            }
          else if (!g_hash_table_contains (columns, field->name))
            g_error ("table %s has no column %s", kinds[i]->table, field->name);
        }
      /* Facts are never updated or deleted: no version, no tombstone. */
      for (guint j = 0; j < G_N_ELEMENTS (own); j++)
        if (kinds[i]->klass == DUKA_KIND_ENTITY || g_str_equal (own[j], "id") || g_str_equal (own[j], "extra"))
          g_assert_true (g_hash_table_contains (columns, own[j]));
      g_assert_true (duka_registry_lookup (kinds[i]->name) == kinds[i]);
    }

  duka_store_release_reader (f->store, db);
}

static void
test_registry_validation (void)
{
  const DukaKindSpec *product = duka_registry_lookup ("product");
  const struct {
    const char *json;
    gboolean ok;
  } cases[] = {
    { "{\"name\": \"Tea\", \"price\": 15000}", TRUE },
    { "{\"name\": \"Tea\", \"price\": 15000, \"from_the_future\": [1, 2]}", TRUE },
    { "{\"price\": 15000}", FALSE },
    { "{\"name\": \"\", \"price\": 15000}", FALSE },
    { "{\"name\": \"Tea\", \"price\": -1}", FALSE },
    { "{\"name\": \"Tea\", \"price\": 1.5}", FALSE },
    { "{\"name\": \"Tea\", \"price\": \"15000\"}", FALSE },
    { "{\"name\": \"Tea\", \"price\": 9007199254740993}", FALSE },
    { "{\"name\": \"Tea\", \"price\": 1000000000001}", FALSE },
    { "{\"name\": \"Tea\", \"price\": 1, \"unit\": \"litre\"}", FALSE },
    { "{\"name\": \"Tea\", \"price\": 1, \"barcodes\": [\"04006381333931\"]}", TRUE },
    { "{\"name\": \"Tea\", \"price\": 1, \"barcodes\": [\"04006381333932\"]}", FALSE },
    { "{\"name\": \"Tea\", \"price\": 1, \"barcodes\": [\"04006381333931\", \"04006381333931\"]}", FALSE },
    { "{\"name\": \"Tea\", \"price\": 1, \"category_id\": \"nope\"}", FALSE },
    { "{\"name\": \"Tea\", \"price\": 1, \"image\": \"ABC\"}", FALSE },
    { "{\"name\": \"Tea\", \"price\": 1, \"deleted\": \"yes\"}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) record = parse_object (cases[i].json);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].json);
      g_assert_cmpint (duka_registry_validate (product, record, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_nonnull (error);
    }

  g_assert_null (duka_registry_lookup ("spaceship"));
}

static void
test_save_product_writes_op (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *id = save_ok (f, "product",
    "{\"name\": \"  Flat   white \", \"price\": 35000, \"sku\": \"fw-1\","
    " \"barcodes\": [\"036000291452\"], \"future\": {\"kept\": true}}");
  g_autoptr(JsonObject) loaded = duka_catalog_get (f->catalog, "product", id, NULL);
  g_autoptr(JsonObject) update = NULL;
  g_autoptr(JsonObject) op = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpstr (json_object_get_string_member (loaded, "name"), ==, "Flat white");
  g_assert_cmpint (json_object_get_int_member (loaded, "version"), ==, 1);
  /* UPC-A is stored as GTIN-14, and unknown fields survive. */
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (loaded, "barcodes"), 0),
                   ==, "00036000291452");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (loaded, "future"), "kept"));

  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE kind = 'product'"), ==, 1);
  {
    sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (db, "SELECT body FROM outbox WHERE kind = 'product'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    op = parse_object ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    duka_store_release_reader (f->store, db);
  }
  g_assert_cmpstr (json_object_get_string_member (op, "action"), ==, "upsert");
  g_assert_cmpstr (json_object_get_string_member (op, "id"), ==, id);
  g_assert_cmpint (json_object_get_int_member (op, "base_version"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (op, "data"), "price"), ==, 35000);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_object_get_object_member (op, "data"), "future"), "kept"));

  /* Saving the same values again is no edit: no new op, no new version. */
  update = parse_object ("{\"price\": 35000}");
  json_object_set_string_member (update, "id", id);
  g_assert_true (duka_catalog_save (f->catalog, f->owner, "product", update, NULL, NULL));
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE kind = 'product'"), ==, 1);

  /* A real change names only the changed fields, on the version it saw. */
  json_object_set_int_member (update, "price", 38000);
  g_assert_true (duka_catalog_save (f->catalog, f->owner, "product", update, NULL, NULL));
  sql = g_strdup_printf ("SELECT version FROM product WHERE id = '%s'", id);
  g_assert_cmpint (count (f, sql), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE kind = 'product'"
                             " AND body LIKE '%\"base_version\":1,\"fields\":[\"price\"]%'"), ==, 1);
}

static void
test_bad_input_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *tea = save_ok (f, "product",
    "{\"name\": \"Chai\", \"price\": 12000, \"sku\": \"CHAI\", \"barcodes\": [\"4006381333931\"]}");

  save_refused (f, "product", "{\"name\": \"Bad\", \"price\": -100}", DUKA_CATALOG_ERROR_INVALID, "price");
  save_refused (f, "product", "{\"name\": \"Huge\", \"price\": 99999999999999999}", DUKA_CATALOG_ERROR_INVALID, "price");
  save_refused (f, "product", "{\"name\": \"   \", \"price\": 100}", DUKA_CATALOG_ERROR_INVALID, "name");
  save_refused (f, "product", "{\"name\": \"Copy\", \"price\": 100, \"sku\": \"chai\"}",
                DUKA_CATALOG_ERROR_DUPLICATE_SKU, "Chai");
  save_refused (f, "product", "{\"name\": \"Copy\", \"price\": 100, \"barcodes\": [\"04006381333931\"]}",
                DUKA_CATALOG_ERROR_DUPLICATE_BARCODE, "Chai");
  save_refused (f, "product", "{\"name\": \"Typo\", \"price\": 100, \"barcodes\": [\"4006381333932\"]}",
                DUKA_CATALOG_ERROR_INVALID, "4006381333932");
  save_refused (f, "modifier_group",
                "{\"name\": \"Milk\", \"min_choices\": 2, \"max_choices\": 1, \"options\": ["
                "{\"id\": \"0193b1d2-5a7e-7c41-9a1e-000000000001\", \"name\": \"Oat\", \"price\": 5000}]}",
                DUKA_CATALOG_ERROR_INVALID, "minimum");
  save_refused (f, "modifier_group", "{\"name\": \"Empty\", \"min_choices\": 0, \"max_choices\": 1}",
                DUKA_CATALOG_ERROR_INVALID, "option");
  save_refused (f, "combo",
                "{\"name\": \"Lunch deal\", \"price\": 50000, \"slots\": [{\"id\": "
                "\"0193b1d2-5a7e-7c41-9a1e-000000000002\", \"name\": \"Main\", \"choices\": []}]}",
                DUKA_CATALOG_ERROR_INVALID, "Main");
  save_refused (f, "combo", "{\"name\": \"No parts\", \"price\": 50000}", DUKA_CATALOG_ERROR_INVALID, NULL);
  save_refused (f, "product",
                "{\"name\": \"Orphan\", \"price\": 100, \"category_id\": \"0193b1d2-5a7e-7c41-9a1e-00000000dead\"}",
                DUKA_CATALOG_ERROR_NOT_FOUND, "category");

  /* The product that was saved is still whole and alone. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM product"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM barcode"), ==, 1);
}

static void
test_stale_edit_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = save_ok (f, "product", "{\"name\": \"Mandazi\", \"price\": 3000}");
  g_autoptr(JsonObject) mine = duka_catalog_get (f->catalog, "product", id, NULL);
  g_autoptr(JsonObject) theirs = duka_catalog_get (f->catalog, "product", id, NULL);
  g_autoptr(GError) error = NULL;

  json_object_set_int_member (theirs, "price", 3500);
  g_assert_true (duka_catalog_save (f->catalog, f->owner, "product", theirs, NULL, NULL));
  json_object_set_int_member (mine, "price", 4000);
  g_assert_false (duka_catalog_save (f->catalog, f->owner, "product", mine, NULL, &error));
  g_assert_error (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_CHANGED);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = save_ok (f, "product", "{\"name\": \"Crème brûlée\", \"price\": 45000}");
  g_autofree char *b = save_ok (f, "product", "{\"name\": \"Iced creme latte\", \"price\": 40000, \"sku\": \"ICL\"}");
  g_autofree char *c = save_ok (f, "product",
    "{\"name\": \"Cream soda\", \"price\": 15000, \"barcodes\": [\"96385074\"]}");
  g_autofree char *d = save_ok (f, "product", "{\"name\": \"Cremation urn\", \"price\": 1, \"active\": false}");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = duka_catalog_search (f->catalog, "creme", 50, &error);
  g_assert_no_error (error);
  /* Name prefix first, then word prefix; folded; inactive left out. */
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (duka_product_get_id (found->pdata[0]), ==, a);
  g_assert_cmpstr (duka_product_get_id (found->pdata[1]), ==, b);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = duka_catalog_search (f->catalog, "CR", 50, NULL);
  g_assert_cmpuint (found->len, ==, 3);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = duka_catalog_search (f->catalog, "icl", 50, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (duka_product_get_id (found->pdata[0]), ==, b);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A barcode in any printed form finds its product first. */
  found = duka_catalog_search (f->catalog, "96385074", 50, NULL);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpstr (duka_product_get_id (found->pdata[0]), ==, c);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = duka_catalog_search (f->catalog, "latte ice", 50, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = duka_catalog_search (f->catalog, "\"*) OR name:*", 50, &error);
  g_assert_no_error (error);
  g_clear_pointer (&found, g_ptr_array_unref);

  {
    g_autoptr(DukaProduct) p = duka_catalog_find_barcode (f->catalog, "0000096385074", NULL);

    g_assert_nonnull (p);
    g_assert_cmpstr (duka_product_get_id (p), ==, c);
  }
  (void) d;
}

static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *drinks = save_ok (f, "category", "{\"name\": \"Drinks\", \"position\": 0}");
  g_autofree char *food = save_ok (f, "category", "{\"name\": \"Food\", \"position\": 1}");
  g_autofree char *json = g_strdup_printf ("{\"name\": \"Hot drinks\", \"parent_id\": \"%s\"}", drinks);
  g_autofree char *hot = save_ok (f, "category", json);
  GListModel *model = duka_catalog_get_categories (f->catalog);
  g_autoptr(DukaCategory) first = NULL;
  g_autoptr(DukaCategory) second = NULL;
  g_autofree char *loop = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  second = g_list_model_get_item (model, 1);
  g_assert_cmpstr (duka_category_get_id (second), ==, hot);
  g_assert_cmpuint (duka_category_get_depth (second), ==, 1);
  g_clear_object (&second);

  /* A category's list holds its sub-categories' products too. */
  {
    g_autofree char *tea_json = g_strdup_printf ("{\"name\": \"Masala chai\", \"price\": 1, \"category_id\": \"%s\"}", hot);
    g_autofree char *tea = save_ok (f, "product", tea_json);
    g_autoptr(DukaProductList) in_drinks = duka_product_list_new (f->catalog);
    g_autoptr(DukaProduct) first_drink = NULL;

    duka_product_list_set_category (in_drinks, drinks);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (in_drinks)), ==, 1);
    first_drink = g_list_model_get_item (G_LIST_MODEL (in_drinks), 0);
    g_assert_cmpstr (duka_product_get_id (first_drink), ==, tea);
    duka_product_list_set_category (in_drinks, food);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (in_drinks)), ==, 0);
  }

  /* Food moves before Drinks. */
  g_assert_true (duka_catalog_move_category (f->catalog, f->owner, food, 0, NULL));
  spin ();
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (duka_category_get_id (first), ==, food);

  loop = g_strdup_printf ("{\"id\": \"%s\", \"parent_id\": \"%s\"}", drinks, hot);
  save_refused (f, "category", loop, DUKA_CATALOG_ERROR_INVALID, "itself");
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *log)
{
  guint entry[3] = { position, removed, added };

  g_array_append_vals (log, entry, 3);
}

static void
test_product_list_model (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DukaProductList) list = NULL;
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(DukaProduct) item = NULL;
  g_autofree char *apple = save_ok (f, "product", "{\"name\": \"Apple juice\", \"price\": 100}");
  g_autofree char *cake = save_ok (f, "product", "{\"name\": \"Carrot cake\", \"price\": 200}");
  g_autofree char *banana = NULL;
  g_autoptr(JsonObject) change = NULL;
  guint notified = 0;

  list = duka_product_list_new (f->catalog);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), log);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == DUKA_TYPE_PRODUCT);

  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (duka_product_get_name (item), ==, "Apple juice");
  g_signal_connect_swapped (item, "notify::price", G_CALLBACK (g_atomic_int_inc), &notified);

  /* A new row between the two: one precise insertion at position 1. */
  banana = save_ok (f, "product", "{\"name\": \"Banana bread\", \"price\": 150}");
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpuint (g_array_index (log, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (log, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (log, guint, 2), ==, 1);

  /* A price change keeps the order: the object people see updates in
   * place and the list announces nothing. */
  change = parse_object ("{\"price\": 120}");
  json_object_set_string_member (change, "id", apple);
  g_assert_true (duka_catalog_save (f->catalog, f->owner, "product", change, NULL, NULL));
  spin ();
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (duka_product_get_price (item), ==, 120);

  /* Deleting removes exactly its row. */
  g_assert_true (duka_catalog_delete (f->catalog, f->owner, "product", cake, NULL));
  spin ();
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpuint (g_array_index (log, guint, 3), ==, 2);
  g_assert_cmpuint (g_array_index (log, guint, 4), ==, 1);
  g_assert_cmpuint (g_array_index (log, guint, 5), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE action = 'delete'"), ==, 1);
}

static void
test_images (Fixture       *f,
             gconstpointer  data)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = duka_catalog_add_image (f->catalog, bytes, &error);
  g_autofree char *again = duka_catalog_add_image (f->catalog, bytes, NULL);
  g_autoptr(GFile) file = NULL;
  g_autofree char *json = NULL;
  g_autofree char *id = NULL;
  g_autofree char *refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_cmpstr (hash, ==, again);
  file = duka_catalog_get_image_file (f->catalog, hash);
  g_assert_true (g_file_query_exists (file, NULL));

  json = g_strdup_printf ("{\"name\": \"Samosa\", \"price\": 5000, \"image\": \"%s\"}", hash);
  id = save_ok (f, "product", json);
  g_assert_nonnull (id);

  refused = duka_catalog_add_image (f->catalog, text, &error);
  g_assert_null (refused);
  g_assert_error (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_INVALID);
}

static void
test_save_edits_all_or_nothing (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *product_id = duka_id_new ();
  g_autofree char *product_json = g_strdup_printf (
    "{\"id\": \"%s\", \"name\": \"Cappuccino\", \"price\": 30000}", product_id);
  g_autofree char *small_json = g_strdup_printf (
    "{\"product_id\": \"%s\", \"name\": \"Small\", \"price\": 25000, \"position\": 0}", product_id);
  g_autofree char *bad_json = g_strdup_printf (
    "{\"product_id\": \"%s\", \"name\": \"Large\", \"price\": -1}", product_id);
  g_autofree char *large_json = g_strdup_printf (
    "{\"product_id\": \"%s\", \"name\": \"Large\", \"price\": 35000, \"position\": 1}", product_id);
  g_autoptr(JsonObject) product = parse_object (product_json);
  g_autoptr(JsonObject) small = parse_object (small_json);
  g_autoptr(JsonObject) bad = parse_object (bad_json);
  g_autoptr(JsonObject) large = parse_object (large_json);
  DukaCatalogEdit refused[] = {
    { "product", product, FALSE }, { "variant", small, FALSE }, { "variant", bad, FALSE },
  };
  DukaCatalogEdit accepted[] = {
    { "product", product, FALSE }, { "variant", small, FALSE }, { "variant", large, FALSE },
  };
  g_autoptr(GPtrArray) variants = NULL;
  g_autoptr(GError) error = NULL;
  guint failed = G_MAXUINT;

  /* A product whose third part is wrong: nothing of it is written. */
  g_assert_false (duka_catalog_save_edits (f->catalog, f->owner, refused, 3, &failed, &error));
  g_assert_cmpuint (failed, ==, 2);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM product"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM variant"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE kind <> 'business' AND kind <> 'outlet' AND kind <> 'till'"), ==, 0);

  g_assert_true (duka_catalog_save_edits (f->catalog, f->owner, accepted, 3, NULL, &error));
  g_assert_no_error (error);
  variants = duka_catalog_list_variants (f->catalog, product_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (variants->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (variants->pdata[0], "name"), ==, "Small");
  g_assert_cmpstr (json_object_get_string_member (variants->pdata[1], "name"), ==, "Large");
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE kind = 'variant'"), ==, 2);
}

static void
test_owner_only_until_staff (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DukaActor) stranger = duka_actor_new_owner (NULL);
  g_autoptr(JsonObject) record = parse_object ("{\"name\": \"Sneaky\", \"price\": 1}");
  g_autoptr(GError) error = NULL;

  stranger->staff_id = g_strdup ("0193b1d2-5a7e-7c41-9a1e-00000000beef");
  g_assert_false (duka_catalog_save (f->catalog, stranger, "product", record, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM product"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/catalog/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("registry-matches-schema", test_registry_matches_schema);
  g_test_add_func ("/catalog/registry-validation", test_registry_validation);
  ADD ("save-product-writes-op", test_save_product_writes_op);
  ADD ("bad-input-refused", test_bad_input_refused);
  ADD ("stale-edit-refused", test_stale_edit_refused);
  ADD ("search", test_search);
  ADD ("categories", test_categories);
  ADD ("product-list-model", test_product_list_model);
  ADD ("images", test_images);
  ADD ("save-edits-all-or-nothing", test_save_edits_all_or_nothing);
  ADD ("owner-only-until-staff", test_owner_only_until_staff);

#undef ADD

  return g_test_run ();
}
