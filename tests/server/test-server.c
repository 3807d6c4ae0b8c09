/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * duka-server against a real PostgreSQL (tests/server/with-postgres.sh):
 * every route from the server's own route table is tried without a token,
 * with another tenant's real ids, and with malformed bodies; row-level
 * security is checked on every table pg_catalog lists with a tenant_id;
 * then push, pull and refresh in detail.
 */
#include <sodium.h>
#include <string.h>

#include "duka-id.h"
#include "duka-server-token.h"
#include "server-test.h"

TestServer *server;
Tenant tenant_a, tenant_b;

char *
dup_member (JsonNode   *node,
            const char *name)
{
  const char *value = test_member (node, name);

  g_assert_nonnull (value);
  return g_strdup (value);
}

static char *
register_body (const char *email,
               const char *password)
{
  return g_strdup_printf ("{\"business_name\":\"Shop %s\",\"name\":\"Owner\",\"email\":\"%s\","
                          "\"password\":\"%s\",\"outlet\":{\"name\":\"Main\","
                          "\"time_zone\":\"Africa/Nairobi\",\"currency\":\"KES\","
                          "\"tax_regime\":\"inclusive\",\"day_cutoff_hour\":4}}",
                          email, email, password);
}

char *
new_pairing_code (const char *token,
                  const char *outlet_id)
{
  g_autofree char *body = g_strdup_printf ("{\"outlet_id\":\"%s\"}", outlet_id);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = test_request (server, "POST", "/api/v1/devices/pairing-codes", token, body, -1, &status);
  g_assert_cmpuint (status, ==, 201);
  return dup_member (answer, "code");
}

JsonNode *
pair (const char *code,
      guint      *status)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"Front till\"}", code);

  return test_request (server, "POST", "/api/v1/devices/pair", NULL, body, -1, status);
}

char *
product_op (const char *op_id,
            const char *id,
            const char *device_id,
            int         base_version,
            const char *fields,
            const char *data)
{
  return g_strdup_printf ("{\"op_id\":\"%s\",\"kind\":\"product\",\"action\":\"upsert\",\"id\":\"%s\","
                          "\"base_version\":%d,\"fields\":%s,\"data\":%s,\"device_id\":\"%s\",\"at\":0}",
                          op_id, id, base_version, fields, data, device_id);
}

JsonArray *
push (const char  *token,
      const char  *ops,
      JsonNode   **keep)
{
  g_autofree char *body = g_strdup_printf ("{\"ops\":[%s]}", ops);
  guint status;

  *keep = test_request (server, "POST", "/api/v1/sync/push", token, body, -1, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_get_array_member (json_node_get_object (*keep), "results");
}

const char *
result_status (JsonArray *results,
               guint      i)
{
  return json_object_get_string_member (json_array_get_object_element (results, i), "status");
}

void
make_tenant (Tenant     *t,
             const char *name)
{
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) paired = NULL;
  g_autoptr(JsonNode) pushed = NULL;
  g_autofree char *op = NULL;
  g_autofree char *op_id = duka_id_new ();
  g_autofree char *code = NULL;
  guint status;

  t->email = g_strdup_printf ("%s@example.com", name);
  t->password = g_strdup ("correct horse battery");
  body = register_body (t->email, t->password);
  answer = test_request (server, "POST", "/api/v1/auth/register", NULL, body, -1, &status);
  g_assert_cmpuint (status, ==, 201);
  t->tenant_id = dup_member (answer, "tenant_id");
  t->outlet_id = dup_member (answer, "outlet_id");
  t->owner_token = dup_member (answer, "access_token");
  t->owner_refresh = dup_member (answer, "refresh_token");

  code = new_pairing_code (t->owner_token, t->outlet_id);
  paired = pair (code, &status);
  g_assert_cmpuint (status, ==, 201);
  t->device_id = dup_member (paired, "device_id");
  t->device_token = dup_member (paired, "access_token");
  t->device_refresh = dup_member (paired, "refresh_token");
  g_assert_cmpstr (test_member (paired, "till_code"), ==, "T1");
  g_assert_cmpstr (test_member (paired, "tenant_id"), ==, t->tenant_id);

  t->product_id = duka_id_new ();
  op = product_op (op_id, t->product_id, t->device_id, 0, "[]", "{\"name\":\"Tea\",\"price\":100}");
  g_assert_cmpstr (result_status (push (t->device_token, op, &pushed), 0), ==, "applied");

  t->pairing_code = new_pairing_code (t->owner_token, t->outlet_id);
}

/* Health */

static void
test_health (void)
{
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(JsonNode) ready = NULL;
  guint status;

  health = test_request (server, "GET", "/healthz", NULL, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 200);
  ready = test_request (server, "GET", "/readyz", NULL, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (test_member (ready, "status"), ==, "ready");
}

/* Every route, from the server's own table */

static char *
fill_example (const char *example,
              Tenant     *t)
{
  g_autofree char *new_id = duka_id_new ();
  g_autofree char *new_email = g_strdup_printf ("%s@example.org", new_id);
  const char *names[] = {
    "{tenant_id}", "{outlet_id}", "{device_id}", "{product_id}", "{email}", "{password}",
    "{refresh_token}", "{pairing_code}", "{new_id}", "{new_email}",
  };
  const char *values[] = {
    t->tenant_id, t->outlet_id, t->device_id, t->product_id, t->email, t->password,
    t->device_refresh, t->pairing_code, new_id, new_email,
  };
  GString *text = g_string_new (example);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_replace (text, names[i], values[i], 0);
  /* Every placeholder a route uses must be one the tests know. */
  g_assert_false (g_regex_match_simple ("\\{[a-z_]+\\}", text->str, 0, 0));

  return g_string_free (text, FALSE);
}


/* A token of the kind the route wants; a fresh sign-in for the route that
 * ends one, so the shared tokens live on. */
static char *
token_for (const DukaRoute *route,
           Tenant          *t)
{
  if (g_str_has_suffix (route->path, "/logout"))
    {
      g_autoptr(JsonNode) login = fresh_login (t->email, t->password);

      return dup_member (login, "access_token");
    }

  if (route->auth == DUKA_AUTH_PLATFORM)
    return g_strdup (TEST_PLATFORM_ADMIN_TOKEN);

  return g_strdup (route->auth == DUKA_AUTH_DEVICE ? t->device_token : t->owner_token);
}

static void
test_routes_have_examples (void)
{
  guint n_routes;
  const DukaRoute *routes = duka_server_get_routes (&n_routes);

  for (guint i = 0; i < n_routes; i++)
    {
      g_test_message ("%s %s", routes[i].method, routes[i].path);
      g_assert_nonnull (routes[i].example);
      if (g_str_equal (routes[i].method, "POST"))
        g_assert_cmpstr (routes[i].example, !=, "");
    }
}

static void
test_routes_unauthenticated (void)
{
  guint n_routes;
  const DukaRoute *routes = duka_server_get_routes (&n_routes);
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autofree char *other_key_token = NULL;
  g_autofree char *none_token = NULL;
  guint8 other_key[32];

  randombytes_buf (other_key, sizeof other_key);
  json_object_set_string_member (claims, "iss", "duka-server");
  json_object_set_string_member (claims, "aud", DUKA_TOKEN_AUDIENCE);
  json_object_set_string_member (claims, "tid", tenant_a.tenant_id);
  json_object_set_string_member (claims, "sid", tenant_a.device_id);
  json_object_set_string_member (claims, "typ", "device");
  json_object_set_string_member (claims, "role", "owner");
  json_object_set_int_member (claims, "exp", G_MAXINT32);
  other_key_token = duka_token_sign (other_key, claims);
  /* {"alg":"none"} with the payload of a real token, no signature. */
  none_token = g_strconcat ("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.",
                            strchr (tenant_a.owner_token, '.') + 1, NULL);
  *strrchr (none_token, '.') = '\0';
  none_token = g_strconcat (none_token, ".", NULL);

  for (guint i = 0; i < n_routes; i++)
    {
      const DukaRoute *route = &routes[i];
      const char *tokens[] = { NULL, "garbage", other_key_token, none_token };
      g_autofree char *path = NULL;
      g_autofree char *body = NULL;

      if (route->auth == DUKA_AUTH_NONE)
        continue;

      path = fill_example (route->path, &tenant_a);
      body = g_str_equal (route->method, "POST") ? fill_example (route->example, &tenant_a) : NULL;
      for (guint t = 0; t < G_N_ELEMENTS (tokens); t++)
        {
          g_autoptr(JsonNode) answer = NULL;
          guint status;

          answer = test_request (server, route->method, path, tokens[t], body, -1, &status);
          g_test_message ("%s %s token %u → %u", route->method, path, t, status);
          g_assert_cmpuint (status, ==, 401);
          g_assert_cmpstr (test_member (answer, "error"), ==, "unauthenticated");
        }
    }
}

/* A digest of everything tenant B has, as the superuser sees it. */
static char *
tenant_digest (PGconn     *admin,
               const char *tenant_id)
{
  g_autoptr(PGresult) tables = test_sql (admin,
    "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
    " WHERE a.attname = 'tenant_id' AND c.relkind = 'r'"
    "   AND c.relnamespace = 'public'::regnamespace ORDER BY 1", NULL);
  GString *digest = g_string_new (NULL);

  for (int i = 0; i < PQntuples (tables); i++)
    {
      char *name = PQescapeIdentifier (admin, PQgetvalue (tables, i, 0), strlen (PQgetvalue (tables, i, 0)));
      g_autofree char *sql = g_strdup_printf ("SELECT md5 (coalesce (string_agg (t::text, ',' ORDER BY t::text), ''))"
                                              "  FROM %s t WHERE tenant_id = $1", name);
      g_autoptr(PGresult) rows = test_sql (admin, sql, tenant_id, NULL);

      g_string_append_printf (digest, "%s=%s ", PQgetvalue (tables, i, 0), PQgetvalue (rows, 0, 0));
      PQfreemem (name);
    }

  return g_string_free (digest, FALSE);
}

static void
test_routes_wrong_tenant (void)
{
  guint n_routes;
  const DukaRoute *routes = duka_server_get_routes (&n_routes);
  PGconn *admin = test_connect ("DUKA_TEST_ADMIN_URL");
  const char *b_secrets[] = {
    tenant_b.tenant_id, tenant_b.outlet_id, tenant_b.device_id, tenant_b.email,
  };

  for (guint i = 0; i < n_routes; i++)
    {
      const DukaRoute *route = &routes[i];
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *path = NULL;
      g_autofree char *body = NULL;
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) answer = NULL;
      g_autofree char *token = NULL;
      guint status;

      if (route->auth == DUKA_AUTH_NONE)
        continue;

      /* Tenant B's real ids, tenant A's token; for the operator's routes
       * tenant A's owner, who must not get in at all. */
      token = route->auth == DUKA_AUTH_PLATFORM ? g_strdup (tenant_a.owner_token)
                                                : token_for (route, &tenant_a);
      path = fill_example (route->path, &tenant_b);
      body = g_str_equal (route->method, "POST") ? fill_example (route->example, &tenant_b) : NULL;
      before = tenant_digest (admin, tenant_b.tenant_id);
      answer = test_request_full (server, route->method, path, token, body, -1,
                                  route->versioned, &status, &text);
      after = tenant_digest (admin, tenant_b.tenant_id);
      g_test_message ("%s %s with B's ids → %u %s", route->method, path, status, text);

      g_assert_cmpuint (status, <, 500);
      g_assert_cmpstr (before, ==, after);
      for (guint s = 0; s < G_N_ELEMENTS (b_secrets); s++)
        g_assert_null (strstr (text, b_secrets[s]));
      if (route->auth == DUKA_AUTH_PLATFORM)
        {
          g_assert_cmpuint (status, ==, 403);
          g_assert_cmpstr (test_member (answer, "error"), ==, "forbidden");
        }
      else if (strstr (route->path, "{") != NULL)
        g_assert_cmpuint (status, ==, 404);
    }

  /* The other way round, for the ids A's token carries in the body: B's
   * product is unknown to A, whatever A pushes. */
  {
    g_autofree char *op_id = duka_id_new ();
    g_autofree char *op = product_op (op_id, tenant_b.product_id, tenant_a.device_id, 1, "[\"price\"]",
                                      "{\"name\":\"Tea\",\"price\":1}");
    g_autoptr(JsonNode) keep = NULL;
    JsonArray *results = push (tenant_a.device_token, op, &keep);

    g_assert_cmpstr (result_status (results, 0), ==, "rejected");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "reason"),
                     ==, "unknown-entity");
  }

  PQfinish (admin);
}

static void
test_routes_malformed (void)
{
  guint n_routes;
  const DukaRoute *routes = duka_server_get_routes (&n_routes);
  g_autofree char *deep = g_strnfill (100000, '[');
  const char *bodies[] = {
    "", "not json", "[1]", "\"text\"", "{\"a\":", "{\"x\":\"a\\u0000b\"}",
    "{\"n\":123456789012345678901234567890}", "{\"n\":-99999999999999999999}", "{\"n\":1e400}",
    "{\"email\":\"\\ud800\"}", "{\"ops\":7,\"email\":7,\"password\":[],\"code\":{},\"outlet_id\":true,"
    "\"refresh_token\":1,\"name\":null}", deep, "{\"ops\":[1,2]}",
  };
  const char bad_utf8[] = "{\"email\":\"\xff\xfe\"}";

  for (guint i = 0; i < n_routes; i++)
    {
      const DukaRoute *route = &routes[i];

      if (!g_str_equal (route->method, "POST"))
        continue;

      for (guint b = 0; b <= G_N_ELEMENTS (bodies); b++)
        {
          const char *body = b < G_N_ELEMENTS (bodies) ? bodies[b] : bad_utf8;
          g_autofree char *path = fill_example (route->path, &tenant_a);
          g_autofree char *token = route->auth == DUKA_AUTH_NONE ? NULL : token_for (route, &tenant_a);
          g_autoptr(JsonNode) answer = NULL;
          guint status;

          /* Members of the wrong type are only wrong for a route that
           * reads them; for the others they are a valid request. */
          if ((b == 10 || b == 12) && g_str_equal (route->example, "{}"))
            continue;

          answer = test_request (server, route->method, path, token, body, -1, &status);
          g_test_message ("%s %s body %u → %u", route->method, path, b, status);
          g_assert_cmpuint (status, >=, 400);
          g_assert_cmpuint (status, <, 500);
          g_assert_nonnull (test_member (answer, "error"));
          g_assert_nonnull (test_member (answer, "message"));
        }
    }
}

static void
test_body_limits (void)
{
  g_autofree char *url = test_server_url (server, "/api/v1/auth/login");
  g_autoptr(SoupSession) session = soup_session_new ();
  gsize big = 5 * 1024 * 1024;
  g_autofree char *huge = g_malloc0 (big);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  memset (huge, ' ', big);
  answer = test_request (server, "POST", "/api/v1/auth/login", NULL, huge, big, &status);
  g_assert_cmpuint (status, ==, 413);
  g_assert_cmpstr (test_member (answer, "error"), ==, "too-large");

  /* A body of unknown length could be endless. */
  stream = g_memory_input_stream_new_from_data ("{}", 2, NULL);
  soup_message_set_request_body (msg, "application/json", stream, -1);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 411);
}

static void
test_versions (void)
{
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *accepts;
  guint status;

  answer = test_request_full (server, "GET", "/api/v1/sync/pull", tenant_a.device_token, NULL, 0,
                              FALSE, &status, NULL);
  g_assert_cmpuint (status, ==, 426);
  g_assert_cmpstr (test_member (answer, "error"), ==, "update-required");
  accepts = json_object_get_object_member (json_node_get_object (answer), "accepts");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (accepts, "protocol"), 0), ==, 1);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (accepts, "schema"), 1), >=, 3);
}

/* Row-level security, table by table from pg_catalog */

static void
test_rls_every_table (void)
{
  PGconn *admin = test_connect ("DUKA_TEST_ADMIN_URL");
  PGconn *app = test_connect ("DUKA_TEST_DATABASE_URL");
  g_autoptr(PGresult) tables = test_sql (admin,
    "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,"
    "       (SELECT count (*) FROM pg_policy p WHERE p.polrelid = c.oid)"
    "  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
    " WHERE a.attname = 'tenant_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p')"
    "   AND c.relnamespace = 'public'::regnamespace ORDER BY 1", NULL);
  guint with_b_rows = 0;

  g_assert_cmpint (PQntuples (tables), >=, 10);
  for (int i = 0; i < PQntuples (tables); i++)
    {
      const char *table = PQgetvalue (tables, i, 0);
      char *name = PQescapeIdentifier (admin, table, strlen (table));
      g_autofree char *count_sql = g_strdup_printf ("SELECT count (*) FROM %s WHERE tenant_id = $1", name);
      g_autofree char *all_sql = g_strdup_printf ("SELECT count (*) FROM %s", name);
      g_autoptr(PGresult) b_rows = test_sql (admin, count_sql, tenant_b.tenant_id, NULL);
      g_autoptr(PGresult) unset = NULL;
      g_autoptr(PGresult) seen = NULL;
      g_autoptr(PGresult) own = NULL;

      g_test_message ("table %s: rls %s, forced %s, %s policies, %s rows of B", table,
                      PQgetvalue (tables, i, 1), PQgetvalue (tables, i, 2), PQgetvalue (tables, i, 3),
                      PQgetvalue (b_rows, 0, 0));
      g_assert_cmpstr (PQgetvalue (tables, i, 1), ==, "t");
      g_assert_cmpstr (PQgetvalue (tables, i, 2), ==, "t");
      g_assert_cmpstr (PQgetvalue (tables, i, 3), !=, "0");
      if (atoi (PQgetvalue (b_rows, 0, 0)) > 0)
        with_b_rows++;

      /* No tenant set: no rows at all, and no error. */
      unset = test_sql (app, all_sql, NULL);
      g_assert_cmpstr (PQgetvalue (unset, 0, 0), ==, "0");

      /* Tenant A set: nothing of B. */
      g_clear_pointer (&unset, PQclear);
      unset = test_sql (app, "BEGIN", NULL);
      g_clear_pointer (&unset, PQclear);
      unset = test_sql (app, "SELECT set_config ('duka.tenant_id', $1, true)", tenant_a.tenant_id, NULL);
      seen = test_sql (app, count_sql, tenant_b.tenant_id, NULL);
      own = test_sql (app, all_sql, NULL);
      g_assert_cmpstr (PQgetvalue (seen, 0, 0), ==, "0");
      g_clear_pointer (&unset, PQclear);
      unset = test_sql (app, "COMMIT", NULL);
      PQfreemem (name);
    }

  /* The checks above saw B's rows in most tables, so they meant something. */
  g_assert_cmpuint (with_b_rows, >=, 8);

  /* Writing a row for B while acting for A is refused too. */
  {
    g_autoptr(PGresult) begin = test_sql (app, "BEGIN", NULL);
    g_autoptr(PGresult) set = test_sql (app, "SELECT set_config ('duka.tenant_id', $1, true)", tenant_a.tenant_id, NULL);
    g_autoptr(PGresult) insert = PQexecParams (app,
      "INSERT INTO till_counters (tenant_id, outlet_id, last_number) VALUES ($1, $2, 1)",
      2, NULL, (const char *[]) { tenant_b.tenant_id, tenant_b.outlet_id }, NULL, NULL, 0);
    g_autoptr(PGresult) rollback = NULL;

    g_assert_cmpint (PQresultStatus (insert), ==, PGRES_FATAL_ERROR);
    g_assert_nonnull (strstr (PQresultErrorMessage (insert), "row-level security"));
    rollback = test_sql (app, "ROLLBACK", NULL);
  }

  /* And the server's role owns nothing and cannot delete. */
  {
    g_autoptr(PGresult) role = test_sql (app,
      "SELECT rolbypassrls, rolsuper, (SELECT count (*) FROM pg_class WHERE relowner = r.oid"
      "        AND relnamespace = 'public'::regnamespace),"
      "       has_table_privilege ('entities', 'DELETE')"
      "  FROM pg_roles r WHERE rolname = current_user", NULL);

    g_assert_cmpstr (PQgetvalue (role, 0, 0), ==, "f");
    g_assert_cmpstr (PQgetvalue (role, 0, 1), ==, "f");
    g_assert_cmpstr (PQgetvalue (role, 0, 2), ==, "0");
    g_assert_cmpstr (PQgetvalue (role, 0, 3), ==, "f");
  }

  PQfinish (app);
  PQfinish (admin);
}

/* Auth */

static void
test_auth_login_me (void)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}",
                                           tenant_a.email, tenant_a.password);
  g_autofree char *again = register_body (tenant_a.email, "another password");
  g_autoptr(JsonNode) login = NULL;
  g_autoptr(JsonNode) me = NULL;
  g_autoptr(JsonNode) device_me = NULL;
  g_autoptr(JsonNode) taken = NULL;
  JsonObject *user;
  guint status;

  login = test_request (server, "POST", "/api/v1/auth/login", NULL, body, -1, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (test_member (login, "tenant_id"), ==, tenant_a.tenant_id);
  g_assert_cmpstr (test_member (login, "role"), ==, "owner");

  me = test_request (server, "GET", "/api/v1/auth/me", test_member (login, "access_token"), NULL, 0, &status);
  g_assert_cmpuint (status, ==, 200);
  user = json_object_get_object_member (json_node_get_object (me), "user");
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, tenant_a.email);

  device_me = test_request (server, "GET", "/api/v1/auth/me", tenant_a.device_token, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (device_me), "device"),
                                                  "till_code"), ==, "T1");

  taken = test_request (server, "POST", "/api/v1/auth/register", NULL, again, -1, &status);
  g_assert_cmpuint (status, ==, 409);
  g_assert_cmpstr (test_member (taken, "error"), ==, "email-taken");

  /* A device may not do what only people do, and the reverse. */
  {
    g_autoptr(JsonNode) a = test_request (server, "GET", "/api/v1/devices", tenant_a.device_token, NULL, 0, &status);
    g_assert_cmpuint (status, ==, 403);
  }
  {
    g_autoptr(JsonNode) a = test_request (server, "GET", "/api/v1/sync/pull", tenant_a.owner_token, NULL, 0, &status);
    g_assert_cmpuint (status, ==, 403);
  }
}

static void
test_auth_wrong_password_rate_limited (void)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"wrong password\"}", tenant_b.email);
  g_autofree char *unknown = g_strdup ("{\"email\":\"nobody@example.net\",\"password\":\"whatever1\"}");
  TestServer *shared = server;
  guint status;

  /* A second server on the same database, with the default limits. */
  server = test_server_start (test_server_config ());

  {
    g_autoptr(JsonNode) answer = test_request (server, "POST", "/api/v1/auth/login", NULL, unknown, -1, &status);
    g_assert_cmpuint (status, ==, 401);
    g_assert_cmpstr (test_member (answer, "error"), ==, "invalid-credentials");
  }

  /* The account allows a burst of 5 attempts, then asks to wait. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonNode) answer = test_request (server, "POST", "/api/v1/auth/login", NULL, body, -1, &status);
      g_assert_cmpuint (status, ==, 401);
      g_assert_cmpstr (test_member (answer, "error"), ==, "invalid-credentials");
    }

  {
    g_autoptr(JsonNode) answer = test_request (server, "POST", "/api/v1/auth/login", NULL, body, -1, &status);
    g_assert_cmpuint (status, ==, 429);
    g_assert_cmpstr (test_member (answer, "error"), ==, "rate-limited");
  }

  /* Another account from the same address still has its own budget, up to
   * the address's burst of 10. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonNode) answer = test_request (server, "POST", "/api/v1/auth/login", NULL, unknown, -1, &status);
      g_assert_cmpuint (status, ==, 401);
    }
  {
    g_autoptr(JsonNode) answer = test_request (server, "POST", "/api/v1/auth/login", NULL, unknown, -1, &status);
    g_assert_cmpuint (status, ==, 429);
  }

  test_server_stop (server);
  server = shared;
}

static JsonNode *
refresh (const char *credential,
         guint      *status)
{
  g_autofree char *body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", credential);

  return test_request (server, "POST", "/api/v1/auth/refresh", NULL, body, -1, status);
}

JsonNode *
fresh_login (const char *email,
             const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, password);
  guint status;
  JsonNode *login = test_request (server, "POST", "/api/v1/auth/login", NULL, body, -1, &status);

  g_assert_cmpuint (status, ==, 200);
  return login;
}

static void
test_auth_refresh_grace_and_reuse (void)
{
  g_autoptr(JsonNode) login = fresh_login (tenant_a.email, tenant_a.password);
  g_autofree char *first = dup_member (login, "refresh_token");
  g_autoptr(JsonNode) one = NULL;
  g_autoptr(JsonNode) retry = NULL;
  g_autoptr(JsonNode) two = NULL;
  g_autoptr(JsonNode) replay = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) me = NULL;
  g_autofree char *one_text = NULL;
  g_autofree char *retry_text = NULL;
  guint status;

  one = refresh (first, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (test_member (one, "refresh_token"), !=, first);

  /* The answer was lost; the till retries with the same credential. */
  retry = refresh (first, &status);
  g_assert_cmpuint (status, ==, 200);
  one_text = json_to_string (one, FALSE);
  retry_text = json_to_string (retry, FALSE);
  g_assert_cmpstr (one_text, ==, retry_text);

  /* The new one works and rotates in turn. */
  two = refresh (test_member (one, "refresh_token"), &status);
  g_assert_cmpuint (status, ==, 200);

  /* The first credential again, now that its successor was used: theft. */
  replay = refresh (first, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (test_member (replay, "error"), ==, "credential-reused");

  /* The whole family is over: the newest credential and its access token. */
  after = refresh (test_member (two, "refresh_token"), &status);
  g_assert_cmpuint (status, ==, 401);
  me = test_request (server, "GET", "/api/v1/auth/me", test_member (two, "access_token"), NULL, 0, &status);
  g_assert_cmpuint (status, ==, 401);
}

static void
test_auth_refresh_after_grace (void)
{
  g_autoptr(JsonNode) login = fresh_login (tenant_a.email, tenant_a.password);
  g_autofree char *first = dup_member (login, "refresh_token");
  g_autoptr(JsonNode) one = NULL;
  g_autoptr(JsonNode) late = NULL;
  g_autoptr(JsonNode) after = NULL;
  guint status;

  one = refresh (first, &status);
  g_assert_cmpuint (status, ==, 200);

  /* The test server's grace window is 1 s. */
  g_usleep (2100 * 1000);
  late = refresh (first, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (test_member (late, "error"), ==, "credential-reused");
  after = refresh (test_member (one, "refresh_token"), &status);
  g_assert_cmpuint (status, ==, 401);
}

static void
test_auth_logout (void)
{
  g_autoptr(JsonNode) login = fresh_login (tenant_a.email, tenant_a.password);
  g_autoptr(JsonNode) out = NULL;
  g_autoptr(JsonNode) me = NULL;
  g_autoptr(JsonNode) again = NULL;
  guint status;

  out = test_request (server, "POST", "/api/v1/auth/logout", test_member (login, "access_token"), "{}", -1, &status);
  g_assert_cmpuint (status, ==, 200);
  me = test_request (server, "GET", "/api/v1/auth/me", test_member (login, "access_token"), NULL, 0, &status);
  g_assert_cmpuint (status, ==, 401);
  again = refresh (test_member (login, "refresh_token"), &status);
  g_assert_cmpuint (status, ==, 401);
}

/* Devices */

static void
test_devices_pair_list_revoke (void)
{
  g_autofree char *code = new_pairing_code (tenant_a.owner_token, tenant_a.outlet_id);
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) reused = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) revoked = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) no_refresh = NULL;
  g_autofree char *lower = g_ascii_strdown (code, -1);
  g_autofree char *device_path = NULL;
  JsonArray *devices;
  guint status;

  /* Codes are typed by people: case does not matter. */
  second = pair (lower, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpstr (test_member (second, "till_code"), ==, "T2");

  reused = pair (code, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (test_member (reused, "error"), ==, "invalid-code");

  list = test_request (server, "GET", "/api/v1/devices", tenant_a.owner_token, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 200);
  devices = json_object_get_array_member (json_node_get_object (list), "devices");
  g_assert_cmpuint (json_array_get_length (devices), ==, 2);

  device_path = g_strdup_printf ("/api/v1/devices/%s/revoke", test_member (second, "device_id"));
  revoked = test_request (server, "POST", device_path, tenant_a.owner_token, "{}", -1, &status);
  g_assert_cmpuint (status, ==, 200);

  /* At once: the access token is still within its lifetime. */
  refused = test_request (server, "GET", "/api/v1/sync/pull", test_member (second, "access_token"), NULL, 0, &status);
  g_assert_cmpuint (status, ==, 401);
  no_refresh = refresh (test_member (second, "refresh_token"), &status);
  g_assert_cmpuint (status, ==, 401);
}

/* Sync */

static void
test_push_idempotent (void)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) part1 = NULL;
  g_autoptr(JsonNode) part2 = NULL;
  g_autofree char *all = NULL;
  g_autofree char *reordered = NULL;
  g_autofree char *tail = NULL;
  PGconn *admin = test_connect ("DUKA_TEST_ADMIN_URL");
  g_autoptr(PGresult) counts = NULL;
  JsonArray *results;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *op_id = duka_id_new ();
      g_autofree char *id = duka_id_new ();
      g_autofree char *data = g_strdup_printf ("{\"name\":\"Item %u\",\"price\":%u}", i, 100 + i);

      g_ptr_array_add (ops, product_op (op_id, id, tenant_a.device_id, 0, "[]", data));
      g_ptr_array_add (ids, g_steal_pointer (&op_id));
    }
  g_ptr_array_add (ops, NULL);
  all = g_strjoinv (",", (char **) ops->pdata);

  results = push (tenant_a.device_token, all, &first);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (result_status (results, i), ==, "applied");

  results = push (tenant_a.device_token, all, &second);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_cmpstr (result_status (results, i), ==, "duplicate");
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, i), "version"), ==, 1);
    }

  /* Split and reordered, with one op twice in a batch. */
  reordered = g_strjoin (",", (char *) ops->pdata[5], (char *) ops->pdata[3], (char *) ops->pdata[5], NULL);
  results = push (tenant_a.device_token, reordered, &part1);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (result_status (results, i), ==, "duplicate");
  tail = g_strjoin (",", (char *) ops->pdata[1], (char *) ops->pdata[0], NULL);
  results = push (tenant_a.device_token, tail, &part2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (result_status (results, i), ==, "duplicate");

  g_ptr_array_set_size (ids, 6);
  g_ptr_array_add (ids, NULL);
  {
    g_autofree char *list = g_strjoinv (",", (char **) ids->pdata);
    g_autofree char *array = g_strdup_printf ("{%s}", list);

    counts = test_sql (admin,
                       "SELECT (SELECT count (*) FROM ops WHERE tenant_id = $1 AND op_id = ANY ($2::uuid[])),"
                       "       (SELECT count (*) FROM entities e JOIN ops o USING (tenant_id)"
                       "         WHERE e.tenant_id = $1 AND o.op_id = ANY ($2::uuid[]) AND e.entity_id = o.record_id"
                       "           AND e.version = 1)",
                       tenant_a.tenant_id, array, NULL);
  }
  g_assert_cmpstr (PQgetvalue (counts, 0, 0), ==, "6");
  g_assert_cmpstr (PQgetvalue (counts, 0, 1), ==, "6");
  PQfinish (admin);
}

static JsonObject *
result_at (JsonArray *results,
           guint      i)
{
  return json_array_get_object_element (results, i);
}

static void
test_push_conflict_rule (void)
{
  g_autofree char *id = duka_id_new ();
  g_autofree char *ids[8];
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) edits = NULL;
  g_autoptr(JsonNode) lost = NULL;
  g_autoptr(JsonNode) mixed = NULL;
  g_autofree char *create = NULL;
  g_autofree char *edit_price = NULL;
  g_autofree char *edit_name = NULL;
  g_autofree char *edit_price_again = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *after_bad = NULL;
  g_autofree char *batch = NULL;
  g_autofree char *batch2 = NULL;
  JsonArray *results;
  JsonObject *current;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = duka_id_new ();

  /* A newer till's field the registry does not know survives. */
  create = product_op (ids[0], id, tenant_a.device_id, 0, "[]",
                       "{\"name\":\"Coffee\",\"price\":300,\"future_field\":{\"x\":1}}");
  results = push (tenant_a.device_token, create, &created);
  g_assert_cmpstr (result_status (results, 0), ==, "applied");

  /* Two tills edit different fields from version 1: both win. */
  edit_price = product_op (ids[1], id, tenant_a.device_id, 1, "[\"price\"]",
                           "{\"name\":\"Coffee\",\"price\":350}");
  edit_name = product_op (ids[2], id, tenant_a.device_id, 1, "[\"name\"]",
                          "{\"name\":\"Black coffee\",\"price\":300}");
  batch = g_strjoin (",", edit_price, edit_name, NULL);
  results = push (tenant_a.device_token, batch, &edits);
  g_assert_cmpstr (result_status (results, 0), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result_at (results, 0), "version"), ==, 2);
  g_assert_cmpstr (result_status (results, 1), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (result_at (results, 1), "version"), ==, 3);

  /* A third edit of the price from version 1 lost: someone changed it at 2. */
  edit_price_again = product_op (ids[3], id, tenant_a.device_id, 1, "[\"price\"]",
                                 "{\"name\":\"Coffee\",\"price\":999}");
  /* An invalid op does not block the one behind it. */
  bad = product_op (ids[4], ids[5], tenant_a.device_id, 0, "[]", "{\"name\":\"\",\"price\":-1}");
  after_bad = product_op (ids[6], ids[7], tenant_a.device_id, 0, "[]", "{\"name\":\"Scone\",\"price\":150}");
  batch2 = g_strjoin (",", edit_price_again, bad, after_bad, NULL);
  results = push (tenant_a.device_token, batch2, &mixed);
  g_assert_cmpstr (result_status (results, 0), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (result_at (results, 0), "reason"), ==, "conflict");
  current = json_object_get_object_member (result_at (results, 0), "current");
  g_assert_cmpint (json_object_get_int_member (current, "version"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (current, "data"), "price"), ==, 350);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (current, "data"), "name"),
                   ==, "Black coffee");
  g_assert_true (json_object_has_member (json_object_get_object_member (current, "data"), "future_field"));
  g_assert_cmpstr (result_status (results, 1), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (result_at (results, 1), "reason"), ==, "invalid");
  g_assert_cmpstr (result_status (results, 2), ==, "applied");

  /* The rejected op's answer is kept: a retry is a duplicate of it. */
  results = push (tenant_a.device_token, edit_price_again, &lost);
  g_assert_cmpstr (result_status (results, 0), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result_at (results, 0), "result"),
                                                  "status"), ==, "rejected");
}

/* Pull everything from @cursor on; returns the next cursor. */
char *
pull_all (const char *token,
          const char *cursor,
          GHashTable *seen)
{
  g_autofree char *next = g_strdup (cursor);

  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/sync/pull?since=%s&limit=2", next);
      g_autoptr(JsonNode) answer = NULL;
      JsonArray *changes;
      guint status;

      answer = test_request (server, "GET", path, token, NULL, 0, &status);
      g_assert_cmpuint (status, ==, 200);
      changes = json_object_get_array_member (json_node_get_object (answer), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        g_hash_table_add (seen, g_strdup (json_object_get_string_member (json_array_get_object_element (changes, i), "id")));
      g_free (next);
      next = dup_member (answer, "next");
      if (!json_object_get_boolean_member (json_node_get_object (answer), "more"))
        return g_steal_pointer (&next);
    }
}

gpointer
push_in_thread (gpointer data)
{
  HeldPush *held = data;
  g_autoptr(JsonNode) answer = test_request (server, "POST", "/api/v1/sync/push", held->token,
                                             held->body, -1, &held->status);
  return NULL;
}

void
wait_for_lock_waiter (PGconn *admin)
{
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(PGresult) waiting = test_sql (admin,
        "SELECT count (*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'duka'", NULL);

      if (!g_str_equal (PQgetvalue (waiting, 0, 0), "0"))
        return;
      g_usleep (10 * 1000);
    }
  g_assert_not_reached ();
}

static void
test_pull_feed_gap (void)
{
  PGconn *admin = test_connect ("DUKA_TEST_ADMIN_URL");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *early = duka_id_new ();
  g_autofree char *late = duka_id_new ();
  g_autofree char *ops[3];
  g_autofree char *cursor0 = NULL;
  g_autofree char *cursor1 = NULL;
  g_autofree char *cursor2 = NULL;
  g_autoptr(JsonNode) late_answer = NULL;
  g_autoptr(PGresult) begin = NULL;
  g_autoptr(PGresult) locked = NULL;
  g_autoptr(PGresult) rollback = NULL;
  HeldPush held = { 0 };
  GThread *thread;

  for (guint i = 0; i < 3; i++)
    ops[i] = duka_id_new ();

  cursor0 = pull_all (tenant_a.device_token, "0", seen);
  g_hash_table_remove_all (seen);

  /* Hold tenant A's first product locked, so a push that creates `early`
   * and then edits that product stays open after writing `early`. */
  begin = test_sql (admin, "BEGIN", NULL);
  locked = test_sql (admin, "SELECT 1 FROM entities WHERE tenant_id = $1 AND entity_id = $2 FOR UPDATE",
                     tenant_a.tenant_id, tenant_a.product_id, NULL);
  {
    g_autofree char *create = product_op (ops[0], early, tenant_a.device_id, 0, "[]", "{\"name\":\"Early\",\"price\":1}");
    g_autofree char *edit = product_op (ops[1], tenant_a.product_id, tenant_a.device_id, 1, "[\"price\"]",
                                        "{\"name\":\"Tea\",\"price\":120}");
    held.body = g_strdup_printf ("{\"ops\":[%s,%s]}", create, edit);
    held.token = tenant_a.device_token;
  }
  thread = g_thread_new ("held-push", push_in_thread, &held);
  wait_for_lock_waiter (admin);

  /* A later push commits while the first is still open. */
  {
    g_autofree char *create = product_op (ops[2], late, tenant_a.device_id, 0, "[]", "{\"name\":\"Late\",\"price\":2}");
    JsonArray *results = push (tenant_a.device_token, create, &late_answer);
    g_assert_cmpstr (result_status (results, 0), ==, "applied");
  }

  /* A till pulls now and stores the cursor it gets. */
  cursor1 = pull_all (tenant_a.device_token, cursor0, seen);
  g_test_message ("cursor before %s, while held %s, seen %u", cursor0, cursor1, g_hash_table_size (seen));
  /* The server's design: nothing past an open transaction is shown yet. */
  g_assert_false (g_hash_table_contains (seen, late));

  rollback = test_sql (admin, "COMMIT", NULL);
  g_thread_join (thread);
  g_assert_cmpuint (held.status, ==, 200);
  g_free (held.body);

  /* Resuming from the stored cursor must bring what committed later with
   * a smaller sequence number. */
  cursor2 = pull_all (tenant_a.device_token, cursor1, seen);
  g_assert_true (g_hash_table_contains (seen, early));
  g_assert_true (g_hash_table_contains (seen, late));
  g_assert_true (g_hash_table_contains (seen, tenant_a.product_id));
  PQfinish (admin);
}

static void
wait_for_lock_waiters (PGconn *admin,
                       guint   n)
{
  g_autofree char *wanted = g_strdup_printf ("%u", n);

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(PGresult) waiting = test_sql (admin,
        "SELECT count (*) >= $1::int FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'duka'",
        wanted, NULL);

      if (g_str_equal (PQgetvalue (waiting, 0, 0), "t"))
        return;
      g_usleep (10 * 1000);
    }
  g_assert_not_reached ();
}

/* The same batch pushed twice at once (a till that timed out and sent it
 * again): both read before either wrote, so the one that writes second
 * finds the op ids taken, starts over, and answers with the first one's
 * results.  Each op is applied once. */
static void
test_push_same_batch_racing (void)
{
  PGconn *admin = test_connect ("DUKA_TEST_ADMIN_URL");
  g_autofree char *id = duka_id_new ();
  g_autofree char *create_id = duka_id_new (), *edit_id = duka_id_new (), *new_product = duka_id_new ();
  g_autofree char *create = product_op (create_id, id, tenant_a.device_id, 0, "[]", "{\"name\":\"Cake\",\"price\":500}");
  g_autofree char *edit = product_op (edit_id, id, tenant_a.device_id, 1, "[\"price\"]",
                                      "{\"name\":\"Cake\",\"price\":550}");
  g_autofree char *other_id = duka_id_new ();
  g_autofree char *other = product_op (other_id, new_product, tenant_a.device_id, 0, "[]",
                                       "{\"name\":\"Bun\",\"price\":80}");
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(PGresult) begin = NULL, locked = NULL, commit = NULL, rows = NULL;
  HeldPush held[2] = { { 0 } };
  GThread *threads[2];

  push (tenant_a.device_token, create, &created);

  begin = test_sql (admin, "BEGIN", NULL);
  locked = test_sql (admin, "SELECT 1 FROM entities WHERE tenant_id = $1 AND entity_id = $2 FOR UPDATE",
                     tenant_a.tenant_id, id, NULL);
  for (guint i = 0; i < 2; i++)
    {
      held[i].body = g_strdup_printf ("{\"ops\":[%s,%s]}", edit, other);
      held[i].token = tenant_a.device_token;
      threads[i] = g_thread_new ("racing-push", push_in_thread, &held[i]);
    }
  wait_for_lock_waiters (admin, 2);
  commit = test_sql (admin, "COMMIT", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (held[i].status, ==, 200);
      g_free (held[i].body);
    }

  rows = test_sql (admin,
                   "SELECT (SELECT count (*) FROM ops WHERE tenant_id = $1 AND op_id IN ($2, $3)),"
                   "       (SELECT version FROM entities WHERE tenant_id = $1 AND entity_id = $4),"
                   "       (SELECT data ->> 'price' FROM entities WHERE tenant_id = $1 AND entity_id = $4),"
                   "       (SELECT version FROM entities WHERE tenant_id = $1 AND entity_id = $5)",
                   tenant_a.tenant_id, edit_id, other_id, id, new_product, NULL);
  g_assert_cmpstr (PQgetvalue (rows, 0, 0), ==, "2");
  g_assert_cmpstr (PQgetvalue (rows, 0, 1), ==, "2");
  g_assert_cmpstr (PQgetvalue (rows, 0, 2), ==, "550");
  g_assert_cmpstr (PQgetvalue (rows, 0, 3), ==, "1");
  PQfinish (admin);
}

static void
test_pull_tenant_isolated (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = pull_all (tenant_b.device_token, "0", seen);

  g_assert_true (g_hash_table_contains (seen, tenant_b.product_id));
  g_assert_false (g_hash_table_contains (seen, tenant_a.product_id));
  g_assert_false (g_hash_table_contains (seen, tenant_a.outlet_id));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3);  /* business, outlet, product */
}

static void
test_token_verify (void)
{
  guint8 key[32];
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autofree char *token = NULL;
  g_autoptr(JsonObject) ok = NULL;
  g_autoptr(GError) error = NULL;

  randombytes_buf (key, sizeof key);
  json_object_set_string_member (claims, "iss", "duka-server");
  json_object_set_string_member (claims, "aud", DUKA_TOKEN_AUDIENCE);
  json_object_set_int_member (claims, "exp", 1000);
  token = duka_token_sign (key, claims);

  ok = duka_token_verify (key, token, "duka-server", 999, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  g_assert_null (duka_token_verify (key, token, "duka-server", 1000, NULL));   /* expired */
  g_assert_null (duka_token_verify (key, token, "someone-else", 999, NULL));   /* issuer */
  token[strlen (token) - 2] ^= 1;
  g_assert_null (duka_token_verify (key, token, "duka-server", 999, NULL));    /* tampered */
}

int
main (int   argc,
      char *argv[])
{
  DukaServerConfig *config;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  config = test_server_config ();
  config->refresh_grace = 1;
  config->account_burst = 100000;
  server = test_server_start (config);
  make_tenant (&tenant_a, "alpha");
  make_tenant (&tenant_b, "bravo");

  g_test_add_func ("/server/token/verify", test_token_verify);
  g_test_add_func ("/server/health", test_health);
  g_test_add_func ("/server/routes/examples", test_routes_have_examples);
  g_test_add_func ("/server/routes/unauthenticated", test_routes_unauthenticated);
  g_test_add_func ("/server/routes/wrong-tenant", test_routes_wrong_tenant);
  g_test_add_func ("/server/routes/malformed", test_routes_malformed);
  g_test_add_func ("/server/limits/body", test_body_limits);
  g_test_add_func ("/server/sync/versions", test_versions);
  g_test_add_func ("/server/rls/every-table", test_rls_every_table);
  g_test_add_func ("/server/auth/login-me", test_auth_login_me);
  g_test_add_func ("/server/auth/rate-limit", test_auth_wrong_password_rate_limited);
  g_test_add_func ("/server/auth/refresh-grace-and-reuse", test_auth_refresh_grace_and_reuse);
  g_test_add_func ("/server/auth/refresh-after-grace", test_auth_refresh_after_grace);
  g_test_add_func ("/server/auth/logout", test_auth_logout);
  g_test_add_func ("/server/devices/pair-list-revoke", test_devices_pair_list_revoke);
  g_test_add_func ("/server/sync/push-idempotent", test_push_idempotent);
  g_test_add_func ("/server/sync/conflict-rule", test_push_conflict_rule);
  g_test_add_func ("/server/sync/feed-gap", test_pull_feed_gap);
  g_test_add_func ("/server/sync/same-batch-racing", test_push_same_batch_racing);
  g_test_add_func ("/server/sync/pull-tenant-isolated", test_pull_tenant_isolated);
  test_admin_add_tests ();
  test_sales_add_tests ();
  test_live_add_tests ();
  test_http_add_tests ();

  status = g_test_run ();
  test_server_stop (server);
  return status;
}
