/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The read API for owners and integrations: the tenant's current records
 * as the server applied them, paged by id, a key that never moves, so a
 * page boundary stays put however many records change meanwhile.  Sales
 * and the daily summary join when sales are kinds of the registry.
 */
#include <string.h>

#include "duka-id.h"
#include "duka-server-private.h"

#define PRODUCTS_LIMIT_DEFAULT 100
#define PRODUCTS_LIMIT_MAX 500

typedef struct
{
  char     *after;           /* NULL: from the start */
  char     *updated_since;   /* µs, NULL: any time */
  gboolean  include_deleted;
  gint64    limit;
} ProductsQuery;

static void
products_query_free (gpointer data)
{
  ProductsQuery *query = data;

  g_free (query->after);
  g_free (query->updated_since);
  g_free (query);
}

static gboolean
list_products (DukaRequest  *request,
               DukaDb       *db,
               GError      **error)
{
  ProductsQuery *query = request->data;
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, query->limit);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PGresult) rows = NULL;
  int n;

  rows = duka_db_queryv (db, error,
                         "SELECT entity_id, version, deleted, data, updated_at FROM entities"
                         " WHERE tenant_id = $1 AND kind = 'product'"
                         "   AND ($2::uuid IS NULL OR entity_id > $2::uuid)"
                         "   AND ($3::bigint IS NULL OR updated_at >= $3::bigint)"
                         "   AND ($4::boolean OR NOT deleted)"
                         " ORDER BY entity_id LIMIT $5::int",
                         request->tenant_id, query->after, query->updated_since,
                         query->include_deleted ? "t" : "f", limit);
  if (rows == NULL)
    return FALSE;

  n = PQntuples (rows);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "products");
  json_builder_begin_array (builder);
  for (int i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, PQgetvalue (rows, i, 0));
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, i, 1), NULL, 10));
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_boolean_value (builder, g_str_equal (PQgetvalue (rows, i, 2), "t"));
      json_builder_set_member_name (builder, "updated_at");
      json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, i, 4), NULL, 10));
      json_builder_set_member_name (builder, "data");
      json_builder_add_value (builder, duka_json_from_string (PQgetvalue (rows, i, 3)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next");
  if (n == query->limit)
    json_builder_add_string_value (builder, PQgetvalue (rows, n - 1, 0));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

static const char *
query_value (DukaRequest *request,
             const char  *name)
{
  return request->query != NULL ? g_hash_table_lookup (request->query, name) : NULL;
}

void
duka_server_handle_products (DukaRequest *request)
{
  const char *after = query_value (request, "after");
  const char *limit = query_value (request, "limit");
  const char *since = query_value (request, "updated_since");
  const char *deleted = query_value (request, "include_deleted");
  guint64 n = PRODUCTS_LIMIT_DEFAULT;
  guint64 since_us = 0;
  ProductsQuery *query;

  if ((after != NULL && !duka_id_is_valid (after)) ||
      (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 1, PRODUCTS_LIMIT_MAX, &n, NULL)) ||
      (since != NULL && !g_ascii_string_to_unsigned (since, 10, 0, G_MAXINT64, &since_us, NULL)) ||
      (deleted != NULL && !g_str_equal (deleted, "true") && !g_str_equal (deleted, "false")))
    {
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                         "“after” must be a product id from an earlier page, “limit” 1 to %d, "
                         "“updated_since” µs since the epoch and “include_deleted” true or false.",
                         PRODUCTS_LIMIT_MAX);
      return;
    }

  query = g_new0 (ProductsQuery, 1);
  query->after = g_strdup (after);
  query->updated_since = since != NULL ? g_strdup_printf ("%" G_GUINT64_FORMAT, since_us) : NULL;
  /* An integration that asks what changed must hear of deletions too. */
  query->include_deleted = deleted != NULL ? g_str_equal (deleted, "true") : since != NULL;
  query->limit = n;
  duka_request_run (request, list_products, query, products_query_free);
}
