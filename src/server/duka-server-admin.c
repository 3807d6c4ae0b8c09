/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Platform admin: the operator of the server lists tenants with their
 * usage, sees platform totals, and suspends or reactivates a tenant.  The
 * operator is not a tenant, so these routes take the platform-admin-token
 * from the configuration instead of a signed token, and reach across
 * tenants only through the SECURITY DEFINER functions of
 * schema/0003-admin-read.sql: the server's role still sees no tenant's
 * rows on its own.
 */
#include <sodium.h>
#include <string.h>

#include "duka-id.h"
#include "duka-server-private.h"

#define TENANTS_LIMIT_DEFAULT 100
#define TENANTS_LIMIT_MAX 500

/* Hashing both sides first gives equal lengths, so the comparison takes
 * the same time whatever the caller sent. */
static gboolean
secret_equal (const char *expected,
              const char *given)
{
  guint8 a[crypto_generichash_BYTES], b[crypto_generichash_BYTES];

  crypto_generichash (a, sizeof a, (const guint8 *) expected, strlen (expected), NULL, 0);
  crypto_generichash (b, sizeof b, (const guint8 *) given, strlen (given), NULL, 0);
  return sodium_memcmp (a, b, sizeof a) == 0;
}

gboolean
duka_server_authenticate_platform (DukaRequest *request)
{
  const DukaServerConfig *config = duka_request_get_config (request);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *given = NULL;
  g_autoptr(JsonObject) claims = NULL;

  if (authorization != NULL && g_str_has_prefix (authorization, "Bearer "))
    given = authorization + 7;

  if (config->platform_admin_token != NULL && given != NULL &&
      secret_equal (config->platform_admin_token, given))
    return TRUE;

  /* A tenant's own valid token is told apart, so an owner who tries
   * learns that signing in again will not help. */
  if (given != NULL)
    claims = duka_token_verify (config->signing_key, given, config->issuer,
                                request->now / G_USEC_PER_SEC, NULL);
  if (claims != NULL)
    {
      duka_request_fail (request, SOUP_STATUS_FORBIDDEN, "forbidden",
                         "Only the operator of this server may do this.");
      return FALSE;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "WWW-Authenticate", "Bearer");
  duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthenticated",
                     "This needs the platform operator's credential.");
  return FALSE;
}

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *name,
                 PGresult    *rows,
                 int          row,
                 int          column)
{
  json_builder_set_member_name (builder, name);
  if (PQgetisnull (rows, row, column))
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, row, column), NULL, 10));
}

/* GET /api/v1/admin/tenants */

typedef struct
{
  char   *after;   /* NULL: from the start */
  gint64  limit;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_free (page->after);
  g_free (page);
}

static gboolean
list_tenants (DukaRequest  *request,
              DukaDb       *db,
              GError      **error)
{
  static const char * const usage[] = {
    "users", "devices", "products", "entities", "facts", "ops", "exceptions",
  };
  Page *page = request->data;
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, page->limit);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PGresult) rows = NULL;
  int n;

  rows = duka_db_queryv (db, error, "SELECT * FROM duka_admin_tenants ($1::uuid, $2::int)",
                         page->after, limit);
  if (rows == NULL)
    return FALSE;

  n = PQntuples (rows);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tenants");
  json_builder_begin_array (builder);
  for (int i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "tenant_id");
      json_builder_add_string_value (builder, PQgetvalue (rows, i, 0));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, PQgetvalue (rows, i, 1));
      add_int_or_null (builder, "created_at", rows, i, 2);
      add_int_or_null (builder, "suspended_at", rows, i, 3);
      json_builder_set_member_name (builder, "usage");
      json_builder_begin_object (builder);
      for (guint u = 0; u < G_N_ELEMENTS (usage); u++)
        add_int_or_null (builder, usage[u], rows, i, 4 + u);
      json_builder_end_object (builder);
      add_int_or_null (builder, "last_op_at", rows, i, 11);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next");
  if (n == page->limit)
    json_builder_add_string_value (builder, PQgetvalue (rows, n - 1, 0));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_admin_tenants (DukaRequest *request)
{
  const char *after = request->query != NULL ? g_hash_table_lookup (request->query, "after") : NULL;
  const char *limit = request->query != NULL ? g_hash_table_lookup (request->query, "limit") : NULL;
  guint64 n = TENANTS_LIMIT_DEFAULT;
  Page *page;

  if ((after != NULL && !duka_id_is_valid (after)) ||
      (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 1, TENANTS_LIMIT_MAX, &n, NULL)))
    {
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                         "“after” must be a tenant id from an earlier page and “limit” 1 to %d.",
                         TENANTS_LIMIT_MAX);
      return;
    }

  page = g_new0 (Page, 1);
  page->after = g_strdup (after);
  page->limit = n;
  duka_request_run (request, list_tenants, page, page_free);
}

/* GET /api/v1/admin/totals */

static gboolean
read_totals (DukaRequest  *request,
             DukaDb       *db,
             GError      **error)
{
  g_autoptr(PGresult) row = duka_db_query (db, "SELECT * FROM duka_admin_totals ()", 0, NULL, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (row == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  for (int c = 0; c < PQnfields (row); c++)
    add_int_or_null (builder, PQfname (row, c), row, 0, c);
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_admin_totals (DukaRequest *request)
{
  duka_request_run (request, read_totals, NULL, NULL);
}

/* POST /api/v1/admin/tenants/{tenant_id}/suspend and …/reactivate */

static gboolean
set_suspended (DukaRequest  *request,
               DukaDb       *db,
               GError      **error)
{
  gboolean suspend = GPOINTER_TO_INT (request->data);
  const char *tenant_id = duka_request_get_param (request, "tenant_id");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PGresult) row = NULL;

  row = duka_db_queryv (db, error, "SELECT * FROM duka_admin_set_suspended ($1::uuid, $2::boolean)",
                        tenant_id, suspend ? "t" : "f");
  if (row == NULL)
    return FALSE;

  if (PQntuples (row) == 0)
    {
      duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "not-found", "There is no such tenant.");
      return FALSE;
    }

  g_printerr ("event=tenant-%s tenant=%s\n", suspend ? "suspended" : "reactivated", tenant_id);
  /* Its live sockets close in every process once this commits; its
   * tokens already fail check_principal() from the commit on. */
  if (suspend)
    {
      g_autofree char *event = g_strdup_printf ("close %s", tenant_id);

      duka_request_after_commit (request, event);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tenant_id");
  json_builder_add_string_value (builder, tenant_id);
  add_int_or_null (builder, "suspended_at", row, 0, 1);
  json_builder_end_object (builder);
  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

static void
handle_set_suspended (DukaRequest *request,
                      gboolean     suspend)
{
  /* Not an id: no such tenant, and no cast error from PostgreSQL. */
  if (!duka_id_is_valid (duka_request_get_param (request, "tenant_id")))
    {
      duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "not-found", "There is no such tenant.");
      return;
    }

  duka_request_run (request, set_suspended, GINT_TO_POINTER (suspend), NULL);
}

void
duka_server_handle_admin_suspend (DukaRequest *request)
{
  handle_set_suspended (request, TRUE);
}

void
duka_server_handle_admin_reactivate (DukaRequest *request)
{
  handle_set_suspended (request, FALSE);
}
