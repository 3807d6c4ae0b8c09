/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pull: the change feed (src/sync/PROTOCOL.md, src/server/API.md).  Push
 * is in duka-server-push.c.
 */
#include <string.h>

#include "duka-server-private.h"

#define PULL_LIMIT_DEFAULT 500
#define PULL_LIMIT_MAX 1000

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Pull */

typedef struct
{
  char   *xid;
  char   *pos;
  gint64  limit;
} Pull;

static void
pull_free (gpointer data)
{
  Pull *pull = data;

  g_free (pull->xid);
  g_free (pull->pos);
  g_free (pull);
}

/* A cursor is "XID.POS" (see API.md); "0" is the start of the feed. */
static gboolean
parse_cursor (const char *text,
              Pull       *pull)
{
  g_auto(GStrv) parts = NULL;
  guint64 xid, pos;

  if (text == NULL || g_str_equal (text, "0"))
    {
      pull->xid = g_strdup ("0");
      pull->pos = g_strdup ("0");
      return TRUE;
    }

  parts = g_strsplit (text, ".", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &xid, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &pos, NULL))
    return FALSE;

  pull->xid = g_strdup_printf ("%" G_GUINT64_FORMAT, xid);
  pull->pos = g_strdup_printf ("%" G_GUINT64_FORMAT, pos);
  return TRUE;
}

static gboolean
read_feed (DukaRequest  *request,
           DukaDb       *db,
           GError      **error)
{
  Pull *pull = request->data;
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, pull->limit);
  g_autofree char *next = g_strdup_printf ("%s.%s", pull->xid, pull->pos);
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int n;

  /* Only rows of transactions older than every running one: whatever
   * commits later has a larger xid than any row shown here, so it sorts
   * after every cursor handed out.  One statement, one snapshot. */
  rows = duka_db_queryv (db, error,
                         "WITH horizon AS (SELECT pg_snapshot_xmin (pg_current_snapshot ()) AS xmin)"
                         "(SELECT 'entity', kind, entity_id, version, deleted, data, updated_at,"
                         "        updated_by_device, NULL::date, feed_xid, feed_pos"
                         "   FROM entities, horizon"
                         "  WHERE tenant_id = $1 AND (feed_xid, feed_pos) > ($2::xid8, $3::bigint)"
                         "    AND feed_xid < horizon.xmin"
                         "  ORDER BY feed_xid, feed_pos LIMIT $4::int)"
                         " UNION ALL "
                         "(SELECT 'fact', kind, fact_id, NULL, false, data, received_at,"
                         "        device_id, business_date, feed_xid, feed_pos"
                         "   FROM facts, horizon"
                         "  WHERE tenant_id = $1 AND (feed_xid, feed_pos) > ($2::xid8, $3::bigint)"
                         "    AND feed_xid < horizon.xmin"
                         "  ORDER BY feed_xid, feed_pos LIMIT $4::int)"
                         " UNION ALL "
                         /* Exception facts the server recorded itself. */
                         "(SELECT 'fact', 'exception', exception_id, NULL, false, data, detected_at,"
                         "        NULL::uuid, NULL::date, feed_xid, feed_pos"
                         "   FROM exceptions, horizon"
                         "  WHERE tenant_id = $1 AND (feed_xid, feed_pos) > ($2::xid8, $3::bigint)"
                         "    AND feed_xid < horizon.xmin"
                         "  ORDER BY feed_xid, feed_pos LIMIT $4::int)"
                         " ORDER BY 10, 11 LIMIT $4::int",
                         request->tenant_id, pull->xid, pull->pos, limit);
  if (rows == NULL)
    return FALSE;

  n = PQntuples (rows);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (int i = 0; i < n; i++)
    {
      gboolean is_entity = g_str_equal (PQgetvalue (rows, i, 0), "entity");

      json_builder_begin_object (builder);
      add_string (builder, "kind", PQgetvalue (rows, i, 1));
      add_string (builder, "id", PQgetvalue (rows, i, 2));
      if (is_entity)
        {
          json_builder_set_member_name (builder, "version");
          json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, i, 3), NULL, 10));
          json_builder_set_member_name (builder, "deleted");
          json_builder_add_boolean_value (builder, g_str_equal (PQgetvalue (rows, i, 4), "t"));
        }
      json_builder_set_member_name (builder, "data");
      json_builder_add_value (builder, duka_json_from_string (PQgetvalue (rows, i, 5)));
      json_builder_set_member_name (builder, "updated_at");
      json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, i, 6), NULL, 10));
      add_string (builder, is_entity ? "updated_by_device" : "device_id",
                  PQgetisnull (rows, i, 7) ? NULL : PQgetvalue (rows, i, 7));
      if (!is_entity)
        add_string (builder, "business_date", PQgetisnull (rows, i, 8) ? NULL : PQgetvalue (rows, i, 8));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (n > 0)
    {
      g_free (next);
      next = g_strdup_printf ("%s.%s", PQgetvalue (rows, n - 1, 9), PQgetvalue (rows, n - 1, 10));
    }
  add_string (builder, "next", next);
  json_builder_set_member_name (builder, "more");
  json_builder_add_boolean_value (builder, n == pull->limit);
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_pull (DukaRequest *request)
{
  const char *since = request->query != NULL ? g_hash_table_lookup (request->query, "since") : NULL;
  const char *limit = request->query != NULL ? g_hash_table_lookup (request->query, "limit") : NULL;
  Pull *pull = g_new0 (Pull, 1);
  guint64 n = PULL_LIMIT_DEFAULT;

  if (!parse_cursor (since, pull) ||
      (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 1, PULL_LIMIT_MAX, &n, NULL)))
    {
      pull_free (pull);
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                         "“since” must be a cursor from an earlier pull and “limit” 1 to %d.",
                         PULL_LIMIT_MAX);
      return;
    }

  pull->limit = n;
  duka_request_run (request, read_feed, pull, pull_free);
}
