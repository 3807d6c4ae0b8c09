/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Platform admin (tenants with usage, totals, who may call it), the
 * products read API, and the exception facts the server records for
 * duplicate SKUs and barcodes across tills.  Suspension and sockets are in
 * test-live.c, next to the socket helpers.
 */
#include <string.h>

#include "duka-id.h"
#include "duka-server-error.h"
#include "server-test.h"

static JsonNode *
admin_get (const char *path,
           guint      *status)
{
  return test_request (server, "GET", path, TEST_PLATFORM_ADMIN_TOKEN, NULL, 0, status);
}

static void
test_admin_tenants_and_totals (void)
{
  g_autoptr(JsonNode) totals = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *after = NULL;
  JsonObject *a = NULL;
  guint status;
  gint64 n_tenants;

  totals = admin_get ("/api/v1/admin/totals", &status);
  g_assert_cmpuint (status, ==, 200);
  n_tenants = json_object_get_int_member (json_node_get_object (totals), "tenants");
  g_assert_cmpint (n_tenants, >=, 2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (totals), "ops"), >=, 2);
  g_assert_true (json_object_has_member (json_node_get_object (totals), "exceptions"));

  /* Page by one: every tenant once, in id order, then "next" is null. */
  for (;;)
    {
      g_autofree char *path = after != NULL ? g_strdup_printf ("/api/v1/admin/tenants?limit=1&after=%s", after)
                                            : g_strdup ("/api/v1/admin/tenants?limit=1");
      g_autoptr(JsonNode) page = admin_get (path, &status);
      JsonArray *tenants;
      JsonObject *tenant;

      g_assert_cmpuint (status, ==, 200);
      tenants = json_object_get_array_member (json_node_get_object (page), "tenants");
      if (json_array_get_length (tenants) == 0)
        {
          g_assert_null (test_member (page, "next"));
          break;
        }
      g_assert_cmpuint (json_array_get_length (tenants), ==, 1);
      tenant = json_array_get_object_element (tenants, 0);
      g_assert_true (after == NULL || strcmp (json_object_get_string_member (tenant, "tenant_id"), after) > 0);
      g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (tenant, "tenant_id"))));
      if (g_str_equal (json_object_get_string_member (tenant, "tenant_id"), tenant_a.tenant_id))
        {
          JsonObject *usage = json_object_get_object_member (tenant, "usage");

          g_assert_cmpstr (json_object_get_string_member (tenant, "name"), ==, "Shop alpha@example.com");
          g_assert_true (json_object_get_null_member (tenant, "suspended_at"));
          g_assert_cmpint (json_object_get_int_member (usage, "users"), ==, 1);
          g_assert_cmpint (json_object_get_int_member (usage, "devices"), >=, 1);
          g_assert_cmpint (json_object_get_int_member (usage, "products"), >=, 1);
          g_assert_cmpint (json_object_get_int_member (usage, "ops"), >=, 1);
          g_assert_cmpint (json_object_get_int_member (tenant, "last_op_at"), >, 0);
          a = tenant;
        }
      g_free (after);
      after = dup_member (page, "next");
    }
  g_assert_true (a != NULL || g_hash_table_contains (seen, tenant_a.tenant_id));
  g_assert_true (g_hash_table_contains (seen, tenant_b.tenant_id));
  g_assert_cmpuint (g_hash_table_size (seen), >=, n_tenants);
}

static void
test_admin_refused (void)
{
  const char *paths[] = { "/api/v1/admin/totals", "/api/v1/admin/tenants" };
  g_autofree char *suspend = g_strdup_printf ("/api/v1/admin/tenants/%s/suspend", tenant_a.tenant_id);
  g_autofree char *unknown = NULL;
  g_autofree char *new_id = duka_id_new ();
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *tokens[] = { tenant_a.owner_token, tenant_a.device_token };

      for (guint t = 0; t < G_N_ELEMENTS (tokens); t++)
        {
          g_autoptr(JsonNode) refused = test_request (server, "GET", paths[i], tokens[t], NULL, 0, &status);

          g_assert_cmpuint (status, ==, 403);
          g_assert_cmpstr (test_member (refused, "error"), ==, "forbidden");
        }
      {
        /* Almost the credential is not the credential. */
        g_autofree char *near = g_strdup (TEST_PLATFORM_ADMIN_TOKEN);
        g_autoptr(JsonNode) refused = NULL;

        near[strlen (near) - 1] ^= 1;
        refused = test_request (server, "GET", paths[i], near, NULL, 0, &status);
        g_assert_cmpuint (status, ==, 401);
      }
    }

  /* An owner cannot suspend even their own business this way. */
  answer = test_request (server, "POST", suspend, tenant_a.owner_token, "{}", -1, &status);
  g_assert_cmpuint (status, ==, 403);

  unknown = g_strdup_printf ("/api/v1/admin/tenants/%s/suspend", new_id);
  g_clear_pointer (&answer, json_node_unref);
  answer = test_request (server, "POST", unknown, TEST_PLATFORM_ADMIN_TOKEN, "{}", -1, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, json_node_unref);
  answer = test_request (server, "POST", "/api/v1/admin/tenants/nope/suspend", TEST_PLATFORM_ADMIN_TOKEN,
                         "{}", -1, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, json_node_unref);
  answer = admin_get ("/api/v1/admin/tenants?after=x", &status);
  g_assert_cmpuint (status, ==, 400);
}

/* The credential comes from the file or the environment, and a short one
 * is refused at start. */
static void
test_admin_config (void)
{
  g_autoptr(DukaServerConfig) config = test_server_config ();
  g_autoptr(GError) error = NULL;

  g_setenv ("DUKA_SERVER_PLATFORM_ADMIN_TOKEN", "too-short", TRUE);
  g_assert_true (duka_server_config_load_env (config, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (config->platform_admin_token, ==, "too-short");
  g_assert_false (duka_server_config_check (config, &error));
  g_assert_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "DUKA_SERVER_PLATFORM_ADMIN_TOKEN"));
  g_unsetenv ("DUKA_SERVER_PLATFORM_ADMIN_TOKEN");
}

/* Products read API */

static char *
push_product (Tenant     *t,
              const char *data)
{
  g_autofree char *op_id = duka_id_new ();
  char *id = duka_id_new ();
  g_autofree char *op = product_op (op_id, id, t->device_id, 0, "[]", data);
  g_autoptr(JsonNode) keep = NULL;

  g_assert_cmpstr (result_status (push (t->device_token, op, &keep), 0), ==, "applied");
  return id;
}

static JsonNode *
get_products (const char *query,
              guint      *status)
{
  g_autofree char *path = g_strconcat ("/api/v1/products", query, NULL);

  return test_request (server, "GET", path, tenant_a.owner_token, NULL, 0, status);
}

static void
test_read_products (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *after = NULL;
  g_autofree char *since = NULL;
  g_autofree char *late = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (ids, push_product (&tenant_a, "{\"name\":\"Page\",\"price\":10}"));

  /* Pages of two by id: every product once, in order, B's never. */
  for (;;)
    {
      g_autofree char *query = after != NULL ? g_strdup_printf ("?limit=2&after=%s", after) : g_strdup ("?limit=2");
      g_autoptr(JsonNode) page = get_products (query, &status);
      JsonArray *products;

      g_assert_cmpuint (status, ==, 200);
      products = json_object_get_array_member (json_node_get_object (page), "products");
      for (guint i = 0; i < json_array_get_length (products); i++)
        {
          JsonObject *product = json_array_get_object_element (products, i);
          const char *id = json_object_get_string_member (product, "id");

          g_assert_true (after == NULL || strcmp (id, after) > 0);
          g_assert_true (g_hash_table_add (seen, g_strdup (id)));
          g_assert_true (json_object_has_member (json_object_get_object_member (product, "data"), "name"));
          g_free (after);
          after = g_strdup (id);
        }
      if (json_object_get_null_member (json_node_get_object (page), "next"))
        break;
      g_assert_cmpstr (test_member (page, "next"), ==, after);
    }
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_contains (seen, ids->pdata[i]));
  g_assert_true (g_hash_table_contains (seen, tenant_a.product_id));
  g_assert_false (g_hash_table_contains (seen, tenant_b.product_id));

  /* Changed since: only what came later, deletions included. */
  since = g_strdup_printf ("?updated_since=%" G_GINT64_FORMAT, g_get_real_time ());
  late = push_product (&tenant_a, "{\"name\":\"Late\",\"price\":10}");
  {
    g_autofree char *op_id = duka_id_new ();
    g_autofree char *delete = g_strdup_printf ("{\"op_id\":\"%s\",\"kind\":\"product\",\"action\":\"delete\","
                                               "\"id\":\"%s\",\"base_version\":1,\"device_id\":\"%s\",\"at\":0}",
                                               op_id, (char *) ids->pdata[0], tenant_a.device_id);
    g_autoptr(JsonNode) keep = NULL;

    g_assert_cmpstr (result_status (push (tenant_a.device_token, delete, &keep), 0), ==, "applied");
  }
  answer = get_products (since, &status);
  g_assert_cmpuint (status, ==, 200);
  {
    JsonArray *products = json_object_get_array_member (json_node_get_object (answer), "products");
    gboolean saw_late = FALSE, saw_deleted = FALSE;

    g_assert_cmpuint (json_array_get_length (products), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *product = json_array_get_object_element (products, i);

        saw_late |= g_str_equal (json_object_get_string_member (product, "id"), late);
        saw_deleted |= g_str_equal (json_object_get_string_member (product, "id"), ids->pdata[0]) &&
                       json_object_get_boolean_member (product, "deleted");
      }
    g_assert_true (saw_late);
    g_assert_true (saw_deleted);
  }

  /* A plain listing leaves deleted products out. */
  g_clear_pointer (&answer, json_node_unref);
  answer = get_products ("?limit=500", &status);
  {
    g_autofree char *text = json_to_string (answer, FALSE);

    g_assert_null (strstr (text, ids->pdata[0]));
    g_assert_nonnull (strstr (text, late));
  }

  /* A till is not an integration, and bad parameters are a 400. */
  g_clear_pointer (&answer, json_node_unref);
  answer = test_request (server, "GET", "/api/v1/products", tenant_a.device_token, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 403);
  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "?after=1", "?limit=0", "?updated_since=-1", "?include_deleted=yes" };

      g_clear_pointer (&answer, json_node_unref);
      answer = get_products (bad[i], &status);
      g_assert_cmpuint (status, ==, 400);
      g_assert_cmpstr (test_member (answer, "error"), ==, "invalid-request");
    }
}

/* Exception facts */

/* A second till of tenant A. */
static void
pair_second_till (char **device_id,
                  char **token)
{
  g_autofree char *code = new_pairing_code (tenant_a.owner_token, tenant_a.outlet_id);
  g_autoptr(JsonNode) paired = NULL;
  guint status;

  paired = pair (code, &status);
  g_assert_cmpuint (status, ==, 201);
  *device_id = dup_member (paired, "device_id");
  *token = dup_member (paired, "access_token");
}

/* Every exception in tenant A's feed that names @value. */
static guint
exceptions_in_feed (const char *rule,
                    const char *member,
                    const char *value,
                    JsonArray **ids_out)
{
  g_autofree char *next = g_strdup ("0");
  guint found = 0;

  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/sync/pull?since=%s&limit=1000", next);
      g_autoptr(JsonNode) answer = NULL;
      JsonArray *changes;
      guint status;

      answer = test_request (server, "GET", path, tenant_a.device_token, NULL, 0, &status);
      g_assert_cmpuint (status, ==, 200);
      changes = json_object_get_array_member (json_node_get_object (answer), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          JsonObject *data = json_object_get_object_member (change, "data");

          if (!g_str_equal (json_object_get_string_member (change, "kind"), "exception") ||
              g_strcmp0 (json_object_get_string_member_with_default (data, member, NULL), value) != 0)
            continue;
          g_assert_cmpstr (json_object_get_string_member (data, "rule"), ==, rule);
          g_assert_true (json_object_get_null_member (change, "device_id"));
          if (ids_out != NULL)
            *ids_out = json_array_ref (json_object_get_array_member (data, "ids"));
          found++;
        }
      g_free (next);
      next = dup_member (answer, "next");
      if (!json_object_get_boolean_member (json_node_get_object (answer), "more"))
        return found;
    }
}

static gboolean
array_has (JsonArray  *array,
           const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_array_get_string_element (array, i), value))
      return TRUE;
  return FALSE;
}

static void
test_exceptions_duplicate_sku (void)
{
  g_autofree char *till2 = NULL, *token2 = NULL;
  g_autofree char *first = duka_id_new (), *second = duka_id_new ();
  g_autofree char *op1 = duka_id_new (), *op2 = duka_id_new (), *op3 = duka_id_new ();
  g_autofree char *push1 = NULL, *push2 = NULL, *edit = NULL;
  g_autoptr(JsonNode) keep1 = NULL, keep2 = NULL, keep3 = NULL;
  g_autoptr(JsonArray) ids = NULL;
  PGconn *admin = test_connect ("DUKA_TEST_ADMIN_URL");
  g_autoptr(PGresult) count = NULL;

  pair_second_till (&till2, &token2);
  push1 = product_op (op1, first, tenant_a.device_id, 0, "[]",
                      "{\"name\":\"Soap\",\"price\":50,\"sku\":\"SOAP-1\",\"barcodes\":[\"04006381333931\"]}");
  push2 = product_op (op2, second, till2, 0, "[]",
                      "{\"name\":\"Soap bar\",\"price\":55,\"sku\":\"SOAP-1\"}");
  g_assert_cmpstr (result_status (push (tenant_a.device_token, push1, &keep1), 0), ==, "applied");
  g_assert_cmpuint (exceptions_in_feed ("duplicate-sku", "sku", "SOAP-1", NULL), ==, 0);
  g_assert_cmpstr (result_status (push (token2, push2, &keep2), 0), ==, "applied");

  g_assert_cmpuint (exceptions_in_feed ("duplicate-sku", "sku", "SOAP-1", &ids), ==, 1);
  g_assert_cmpuint (json_array_get_length (ids), ==, 2);
  g_assert_true (array_has (ids, first));
  g_assert_true (array_has (ids, second));

  /* Editing a product of the clash is no new clash. */
  edit = product_op (op3, second, till2, 1, "[\"price\"]", "{\"name\":\"Soap bar\",\"price\":60,\"sku\":\"SOAP-1\"}");
  g_assert_cmpstr (result_status (push (token2, edit, &keep3), 0), ==, "applied");
  count = test_sql (admin, "SELECT count (*) FROM exceptions WHERE tenant_id = $1 AND data ->> 'sku' = 'SOAP-1'",
                    tenant_a.tenant_id, NULL);
  g_assert_cmpstr (PQgetvalue (count, 0, 0), ==, "1");

  /* The lookup that reads as the owner still sees only the transaction's
   * tenant, and nothing without one. */
  {
    PGconn *app = test_connect ("DUKA_TEST_DATABASE_URL");
    const char *as[] = { tenant_a.tenant_id, tenant_b.tenant_id, "" };
    const char *expected[] = { "2", "0", "0" };

    for (guint i = 0; i < G_N_ELEMENTS (as); i++)
      {
        g_autoptr(PGresult) begin = test_sql (app, "BEGIN", NULL);
        g_autoptr(PGresult) set = test_sql (app, "SELECT set_config ('duka.tenant_id', $1, true)", as[i], NULL);
        g_autoptr(PGresult) same = test_sql (app, "SELECT count (*) FROM duka_records_with ('sku', 'SOAP-1')", NULL);
        g_autoptr(PGresult) end = test_sql (app, "ROLLBACK", NULL);

        g_assert_cmpstr (PQgetvalue (same, 0, 0), ==, expected[i]);
      }
    PQfinish (app);
  }

  /* Tenant B's till never hears of A's exceptions, and B may use the SKU. */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autofree char *cursor = pull_all (tenant_b.device_token, "0", seen);
    g_autoptr(PGresult) b_count = test_sql (admin, "SELECT count (*) FROM exceptions WHERE tenant_id = $1",
                                            tenant_b.tenant_id, NULL);

    g_assert_cmpstr (PQgetvalue (b_count, 0, 0), ==, "0");
    g_assert_cmpuint (g_hash_table_size (seen), ==, 3);
  }
  PQfinish (admin);
}

static void
test_exceptions_duplicate_barcode (void)
{
  g_autofree char *op_id = duka_id_new ();
  g_autofree char *id = duka_id_new ();
  g_autofree char *op = product_op (op_id, id, tenant_a.device_id, 0, "[]",
                                    "{\"name\":\"Other soap\",\"price\":50,\"barcodes\":[\"04006381333931\"]}");
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(JsonArray) ids = NULL;

  g_assert_cmpstr (result_status (push (tenant_a.device_token, op, &keep), 0), ==, "applied");
  g_assert_cmpuint (exceptions_in_feed ("duplicate-barcode", "barcode", "04006381333931", &ids), ==, 1);
  g_assert_true (array_has (ids, id));
}

/* Two pushes of the same SKU that run at once must not both miss each
 * other.  Each push creates a product with the SKU, then edits a product
 * the test holds locked (a different one each), so both have written and
 * neither has committed when the test lets them go together. */
static void
race_round (guint round)
{
  PGconn *admin = test_connect ("DUKA_TEST_ADMIN_URL");
  g_autofree char *till2 = NULL, *token2 = NULL;
  g_autofree char *held_ids[2] = { NULL, NULL };
  HeldPush held[2] = { { 0 } };
  GThread *threads[2];
  g_autoptr(PGresult) begin = NULL;
  g_autoptr(PGresult) commit = NULL;
  g_autoptr(PGresult) count = NULL;

  pair_second_till (&till2, &token2);
  for (guint i = 0; i < 2; i++)
    held_ids[i] = push_product (&tenant_a, "{\"name\":\"Held\",\"price\":1}");

  begin = test_sql (admin, "BEGIN", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PGresult) locked = test_sql (admin,
        "SELECT 1 FROM entities WHERE tenant_id = $1 AND entity_id = $2 FOR UPDATE",
        tenant_a.tenant_id, held_ids[i], NULL);
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *device = i == 0 ? tenant_a.device_id : till2;
      g_autofree char *op_id = duka_id_new ();
      g_autofree char *edit_id = duka_id_new ();
      g_autofree char *id = duka_id_new ();
      g_autofree char *data = g_strdup_printf ("{\"name\":\"Race\",\"price\":1,\"sku\":\"RACE-%u\"}", round);
      g_autofree char *create = product_op (op_id, id, device, 0, "[]", data);
      g_autofree char *edit = product_op (edit_id, held_ids[i], device, 1, "[\"price\"]",
                                          "{\"name\":\"Held\",\"price\":2}");

      held[i].body = g_strdup_printf ("{\"ops\":[%s,%s]}", create, edit);
      held[i].token = i == 0 ? tenant_a.device_token : token2;
      threads[i] = g_thread_new ("race-push", push_in_thread, &held[i]);
    }
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(PGresult) waiting = test_sql (admin,
        "SELECT count (*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'duka'", NULL);

      if (g_str_equal (PQgetvalue (waiting, 0, 0), "2"))
        break;
      g_usleep (10 * 1000);
    }
  commit = test_sql (admin, "COMMIT", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (held[i].status, ==, 200);
      g_free (held[i].body);
    }

  {
    g_autofree char *sku = g_strdup_printf ("RACE-%u", round);

    count = test_sql (admin, "SELECT count (*) FROM exceptions WHERE tenant_id = $1 AND data ->> 'sku' = $2",
                      tenant_a.tenant_id, sku, NULL);
  }
  g_assert_cmpstr (PQgetvalue (count, 0, 0), ==, "1");
  PQfinish (admin);
}

/* Without the server's lock a round misses the clash about every other
 * time; several rounds make that a reliable failure. */
static void
test_exceptions_race (void)
{
  for (guint round = 1; round <= 6; round++)
    race_round (round);
}

void
test_admin_add_tests (void)
{
  g_test_add_func ("/server/admin/tenants-and-totals", test_admin_tenants_and_totals);
  g_test_add_func ("/server/admin/refused", test_admin_refused);
  g_test_add_func ("/server/admin/config", test_admin_config);
  g_test_add_func ("/server/read/products", test_read_products);
  g_test_add_func ("/server/exceptions/duplicate-sku", test_exceptions_duplicate_sku);
  g_test_add_func ("/server/exceptions/duplicate-barcode", test_exceptions_duplicate_barcode);
  g_test_add_func ("/server/exceptions/race", test_exceptions_race);
}
