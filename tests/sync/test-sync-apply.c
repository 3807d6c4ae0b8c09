/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The local half of sync on a real store, without a network: pulled
 * entities merge over pending local edits, facts are written once with
 * their ledgers, push answers leave or reject outbox entries in one
 * transaction, and the retry delay backs off with jitter.
 */
#include <sqlite3.h>

#include "duka-catalog.h"
#include "duka-demo.h"
#include "duka-store-private.h"
#include "duka-sync-apply.h"
#include "duka-sync-engine.h"

#define TENANT "01900000-0000-7000-8000-0000000000f1"
#define OUTLET "01900000-0000-7000-8000-0000000000f2"

typedef struct
{
  char        *dir;
  DukaStore   *store;
  DukaCatalog *catalog;
  DukaActor   *owner;
} Fixture;

static gint64
query_int (Fixture    *f,
           const char *sql,
           const char *param)
{
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);
  return n;
}

static char *
query_text (Fixture    *f,
            const char *sql,
            const char *param)
{
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);
  return text;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("duka-sync-apply-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = duka_store_open (f->dir, &error);
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
  g_assert_finalize_object (f->store);
  g_free (f->dir);
}

static void
pair (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *device = query_text (f, "SELECT till_id FROM this_device", NULL);

  g_assert_true (duka_sync_save_pairing (f->store, "http://127.0.0.1:1", TENANT, device,
                                         OUTLET, "T1", &error));
  g_assert_no_error (error);
}

/* Answers every pending op with @status, as a server would. */
static guint
answer_all (Fixture    *f,
            const char *status,
            gint64      version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = duka_sync_outbox_batch (f->store, 1000, &error);
  g_autoptr(JsonArray) results = json_array_new ();
  guint rejected = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      DukaSyncOutboxEntry *entry = g_ptr_array_index (entries, i);
      JsonObject *result = json_object_new ();

      json_object_set_string_member (result, "op_id", entry->op_id);
      json_object_set_string_member (result, "status", status);
      json_object_set_int_member (result, "version", version);
      if (g_str_equal (status, "rejected"))
        json_object_set_string_member (result, "reason", "invalid");
      json_array_add_object_element (results, result);
    }
  g_assert_true (duka_sync_store_push_results (f->store, entries, results, &rejected, &error));
  g_assert_no_error (error);
  return rejected;
}

static JsonArray *
parse_changes (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static char *
save_product (Fixture    *f,
              const char *id,
              const char *name,
              gint64      price)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (id != NULL)
    json_object_set_string_member (record, "id", id);
  else
    {
      json_object_set_string_member (record, "unit", "each");
      json_object_set_array_member (record, "barcodes", json_array_new ());
    }
  if (name != NULL)
    json_object_set_string_member (record, "name", name);
  json_object_set_int_member (record, "price", price);
  g_assert_true (duka_catalog_save (f->catalog, f->owner, "product", record, &out, &error));
  g_assert_no_error (error);
  return out;
}

/* The server's record wins, except the fields of this till's own edit
 * that is still waiting to be pushed; the cursor moves with the rows. */
static void
test_entity_merge (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *changes_text = NULL;
  g_autofree char *name = NULL;
  g_autoptr(JsonArray) changes = NULL;
  g_autoptr(DukaSyncState) state = NULL;

  pair (f);
  id = save_product (f, NULL, "Tea", 5000);
  g_assert_cmpuint (answer_all (f, "applied", 1), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox", NULL), ==, 0);

  /* A local price edit, not pushed yet: op base 1, fields [price]. */
  g_free (save_product (f, id, NULL, 6000));
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox WHERE entity_id = ?1", id), ==, 1);

  /* Another till renamed it and changed the price: version 2. */
  changes_text = g_strdup_printf ("[{\"kind\": \"product\", \"id\": \"%s\", \"version\": 2, \"deleted\": false,"
                                  "  \"updated_at\": 1795317361671184, \"updated_by_device\": null,"
                                  "  \"data\": {\"name\": \"Chai\", \"price\": 9900, \"unit\": \"each\","
                                  "            \"barcodes\": [], \"future_field\": \"kept\"}}]", id);
  changes = parse_changes (changes_text);
  g_assert_true (duka_sync_apply_changes (f->store, changes, "100.7", &error));
  g_assert_no_error (error);

  name = query_text (f, "SELECT name FROM product WHERE id = ?1", id);
  g_assert_cmpstr (name, ==, "Chai");
  g_assert_cmpint (query_int (f, "SELECT price FROM product WHERE id = ?1", id), ==, 6000);
  g_assert_cmpint (query_int (f, "SELECT version FROM product WHERE id = ?1", id), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM product WHERE id = ?1"
                                 " AND json_extract (extra, '$.future_field') = 'kept'", id), ==, 1);
  state = duka_sync_load_state (f->store, &error);
  g_assert_cmpstr (state->cursor, ==, "100.7");

  /* The edit is applied as version 3: it leaves the outbox, and the row
   * takes the server's version for the next edit's base. */
  g_assert_cmpuint (answer_all (f, "applied", 3), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox", NULL), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT version FROM product WHERE id = ?1", id), ==, 3);
}

/* Facts are inserted once by id, with their ledger effects once; kinds
 * this Duka does not know are skipped, not fatal. */
static void
test_fact_once (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *product = NULL;
  g_autofree char *outlet = query_text (f, "SELECT id FROM outlet", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonArray) changes = NULL;

  pair (f);
  product = save_product (f, NULL, "Sugar", 12000);
  text = g_strdup_printf ("[{\"kind\": \"exception\", \"id\": \"01900000-0000-7000-8000-0000000000e1\","
                          "  \"data\": {\"rule\": \"duplicate-sku\"}},"
                          " {\"kind\": \"stock_movement\", \"id\": \"01900000-0000-7000-8000-0000000000e2\","
                          "  \"device_id\": \"01900000-0000-7000-8000-0000000000e3\", \"business_date\": \"2026-11-22\","
                          "  \"data\": {\"product_id\": \"%s\", \"outlet_id\": \"%s\", \"quantity\": 24000,"
                          "            \"reason\": \"receive\", \"business_date\": \"2026-11-22\","
                          "            \"at\": 1795317361671184}}]", product, outlet);
  changes = parse_changes (text);

  g_assert_true (duka_sync_apply_changes (f->store, changes, "5.1", &error));
  g_assert_no_error (error);
  g_assert_true (duka_sync_apply_changes (f->store, changes, "5.2", &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (f, "SELECT count (*) FROM stock_movement", NULL), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT sum (on_hand) FROM stock_level WHERE product_id = ?1", product), ==, 24000);
}

/* A rejected op moves to sync_rejected; an answer that does not match
 * the ops changes nothing at all. */
static void
test_push_results (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonArray) wrong = json_array_new ();
  JsonObject *result = json_object_new ();
  gint64 pending;

  pair (f);
  g_free (save_product (f, NULL, "Salt", 3000));
  pending = query_int (f, "SELECT count (*) FROM outbox", NULL);
  g_assert_cmpint (pending, >, 1);

  entries = duka_sync_outbox_batch (f->store, 1000, &error);
  g_assert_no_error (error);
  json_object_set_string_member (result, "op_id", "not-this-one");
  json_object_set_string_member (result, "status", "applied");
  json_array_add_object_element (wrong, result);
  for (guint i = 1; i < entries->len; i++)
    json_array_add_object_element (wrong, json_object_ref (result));
  g_assert_false (duka_sync_store_push_results (f->store, entries, wrong, NULL, &error));
  g_assert_error (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox", NULL), ==, pending);

  g_assert_cmpuint (answer_all (f, "rejected", 0), ==, pending);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox", NULL), ==, 0);
  g_assert_cmpuint (duka_sync_count_rejected (f->store), ==, pending);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM sync_rejected WHERE reason = 'invalid'", NULL), ==, pending);
}

static void
test_not_paired (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) changes = parse_changes ("[]");

  g_assert_null (duka_sync_load_state (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (duka_sync_apply_changes (f->store, changes, "1.1", &error));
  g_assert_error (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_NOT_PAIRED);
  g_clear_error (&error);

  /* A store that is already a till of its own is not taken over. */
  g_assert_false (duka_sync_check_adoptable (f->store, "01900000-0000-7000-8000-0000000000aa", &error));
  g_assert_error (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_IN_USE);
}

/* How long one pulled page holds the writer: 200 new products (with a
 * sale waiting behind it, this is its worst wait).  Prints the time. */
static void
test_page_time (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) changes = json_array_new ();
  gint64 started, elapsed;

  pair (f);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("01900000-0000-7000-8000-%012u", 500000 + i);
      g_autofree char *name = g_strdup_printf ("Pulled %u", i);
      JsonObject *change = json_object_new ();
      JsonObject *record = json_object_new ();

      json_object_set_string_member (record, "name", name);
      json_object_set_int_member (record, "price", 100 + i);
      json_object_set_string_member (record, "unit", "each");
      json_object_set_array_member (record, "barcodes", json_array_new ());
      json_object_set_string_member (change, "kind", "product");
      json_object_set_string_member (change, "id", id);
      json_object_set_int_member (change, "version", 1);
      json_object_set_object_member (change, "data", record);
      json_array_add_object_element (changes, change);
    }

  started = g_get_monotonic_time ();
  g_assert_true (duka_sync_apply_changes (f->store, changes, "9.9", &error));
  g_assert_no_error (error);
  elapsed = g_get_monotonic_time () - started;
  g_test_message ("one page of 200 pulled products: %" G_GINT64_FORMAT " us in the writer", elapsed);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM product WHERE name GLOB 'Pulled *'", NULL), ==, 200);
}

static void
test_clock_skew (void)
{
  /* Sun, 22 Nov 2026 05:00:00 GMT */
  const gint64 server = G_GINT64_CONSTANT (1795323600);
  gint64 skew = 12345;

  g_assert_true (duka_sync_clock_skew_s ("Sun, 22 Nov 2026 05:00:00 GMT",
                                         (server + 600) * G_USEC_PER_SEC, &skew));
  g_assert_cmpint (skew, ==, -600);
  g_assert_true (duka_sync_clock_skew_s ("Sun, 22 Nov 2026 05:00:00 GMT",
                                         (server - 30) * G_USEC_PER_SEC + 999999, &skew));
  g_assert_cmpint (skew, ==, 30);
  skew = 7;
  g_assert_false (duka_sync_clock_skew_s ("yesterday", server * G_USEC_PER_SEC, &skew));
  g_assert_false (duka_sync_clock_skew_s (NULL, server * G_USEC_PER_SEC, &skew));
  g_assert_cmpint (skew, ==, 7);
}

static void
test_backoff (void)
{
  guint previous = 0;

  g_assert_cmpuint (duka_sync_backoff_delay_ms (1, 0.0), ==, 500);
  g_assert_cmpuint (duka_sync_backoff_delay_ms (1, 0.999), <, 1000);
  g_assert_cmpuint (duka_sync_backoff_delay_ms (2, 0.0), ==, 1000);
  g_assert_cmpuint (duka_sync_backoff_delay_ms (4, 0.5), ==, 6000);
  for (guint n = 1; n < 40; n++)
    {
      guint low = duka_sync_backoff_delay_ms (n, 0.0);
      guint high = duka_sync_backoff_delay_ms (n, 0.999);

      g_assert_cmpuint (low, >=, previous);
      g_assert_cmpuint (high, >, low);
      g_assert_cmpuint (high, <=, 300000);
      previous = low;
    }
  g_assert_cmpuint (duka_sync_backoff_delay_ms (30, 0.0), ==, 150000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-apply/entity-merge", Fixture, NULL, fixture_set_up, test_entity_merge, fixture_tear_down);
  g_test_add ("/sync-apply/fact-once", Fixture, NULL, fixture_set_up, test_fact_once, fixture_tear_down);
  g_test_add ("/sync-apply/push-results", Fixture, NULL, fixture_set_up, test_push_results, fixture_tear_down);
  g_test_add ("/sync-apply/not-paired", Fixture, NULL, fixture_set_up, test_not_paired, fixture_tear_down);
  g_test_add ("/sync-apply/page-time", Fixture, NULL, fixture_set_up, test_page_time, fixture_tear_down);
  g_test_add_func ("/sync-apply/backoff", test_backoff);
  g_test_add_func ("/sync-apply/clock-skew", test_clock_skew);

  return g_test_run ();
}
