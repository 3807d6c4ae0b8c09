/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sales read API for owners and integrations (API.md, "Sales"): the
 * tenant's completed sales as the tills sent them, and a summary per
 * business day and outlet.  The shapes are the registry's "sale" and
 * "refund" kinds; the server only reads the members it sums.
 *
 * Sales are paged in feed order, (feed_xid, feed_pos), showing only rows
 * of transactions older than every running one, as the change feed does:
 * a sale that commits later, even with a smaller sequence number, sorts
 * after every key handed out, so a page boundary never moves and an
 * integration that stored its key misses nothing.
 */
#include <string.h>

#include "duka-id.h"
#include "duka-server-private.h"

#define SALES_LIMIT_DEFAULT 100
#define SALES_LIMIT_MAX 500
#define SUMMARY_DAYS_MAX 366

static const char *
query_value (DukaRequest *request,
             const char  *name)
{
  return request->query != NULL ? g_hash_table_lookup (request->query, name) : NULL;
}

/* GET /api/v1/sales */

typedef struct
{
  char   *outlet_id;   /* NULL: every outlet */
  char   *date;        /* NULL: every business date */
  char   *after_xid;
  char   *after_pos;
  gint64  limit;
} SalesQuery;

static void
sales_query_free (gpointer data)
{
  SalesQuery *query = data;

  g_free (query->outlet_id);
  g_free (query->date);
  g_free (query->after_xid);
  g_free (query->after_pos);
  g_free (query);
}

/* A key is "XID.POS" from an earlier page; none is the start. */
static gboolean
parse_key (const char *text,
           SalesQuery *query)
{
  g_auto(GStrv) parts = NULL;
  guint64 xid, pos;

  if (text == NULL)
    {
      query->after_xid = g_strdup ("0");
      query->after_pos = g_strdup ("0");
      return TRUE;
    }

  parts = g_strsplit (text, ".", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &xid, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &pos, NULL))
    return FALSE;

  query->after_xid = g_strdup_printf ("%" G_GUINT64_FORMAT, xid);
  query->after_pos = g_strdup_printf ("%" G_GUINT64_FORMAT, pos);
  return TRUE;
}

static void
add_member_string (JsonBuilder *builder,
                   const char  *name,
                   PGresult    *rows,
                   int          row,
                   int          column)
{
  json_builder_set_member_name (builder, name);
  if (PQgetisnull (rows, row, column))
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, PQgetvalue (rows, row, column));
}

static void
add_member_int (JsonBuilder *builder,
                const char  *name,
                PGresult    *rows,
                int          row,
                int          column)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, row, column), NULL, 10));
}

static gboolean
list_sales (DukaRequest  *request,
            DukaDb       *db,
            GError      **error)
{
  SalesQuery *query = request->data;
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, query->limit);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PGresult) rows = NULL;
  int n;

  rows = duka_db_queryv (db, error,
                         "SELECT fact_id, outlet_id, till_id, device_id, business_date, received_at, data,"
                         "       feed_xid::text || '.' || feed_pos::text"
                         "  FROM facts"
                         " WHERE tenant_id = $1 AND kind = 'sale'"
                         /* A range, not "$2 IS NULL OR …", so the index serves
                          * both. */
                         "   AND business_date BETWEEN coalesce ($2::date, '-infinity')"
                         "                         AND coalesce ($2::date, 'infinity')"
                         "   AND ($3::uuid IS NULL OR outlet_id = $3::uuid)"
                         "   AND (feed_xid, feed_pos) > ($4::xid8, $5::bigint)"
                         "   AND feed_xid < pg_snapshot_xmin (pg_current_snapshot ())"
                         " ORDER BY feed_xid, feed_pos LIMIT $6::int",
                         request->tenant_id, query->date, query->outlet_id,
                         query->after_xid, query->after_pos, limit);
  if (rows == NULL)
    return FALSE;

  n = PQntuples (rows);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sales");
  json_builder_begin_array (builder);
  for (int i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      add_member_string (builder, "id", rows, i, 0);
      add_member_string (builder, "outlet_id", rows, i, 1);
      add_member_string (builder, "till_id", rows, i, 2);
      add_member_string (builder, "device_id", rows, i, 3);
      add_member_string (builder, "business_date", rows, i, 4);
      add_member_int (builder, "received_at", rows, i, 5);
      json_builder_set_member_name (builder, "data");
      json_builder_add_value (builder, duka_json_from_string (PQgetvalue (rows, i, 6)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next");
  if (n == query->limit)
    json_builder_add_string_value (builder, PQgetvalue (rows, n - 1, 7));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_sales (DukaRequest *request)
{
  const char *outlet = query_value (request, "outlet");
  const char *date = query_value (request, "date");
  const char *after = query_value (request, "after");
  const char *limit = query_value (request, "limit");
  guint64 n = SALES_LIMIT_DEFAULT;
  SalesQuery *query = g_new0 (SalesQuery, 1);

  if ((outlet != NULL && !duka_id_is_valid (outlet)) ||
      (date != NULL && !duka_server_is_date (date)) ||
      !parse_key (after, query) ||
      (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 1, SALES_LIMIT_MAX, &n, NULL)))
    {
      sales_query_free (query);
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                         "“outlet” must be an outlet id, “date” a date like 2026-11-22, "
                         "“after” the “next” of an earlier page and “limit” 1 to %d.",
                         SALES_LIMIT_MAX);
      return;
    }

  query->outlet_id = g_strdup (outlet);
  query->date = g_strdup (date);
  query->limit = n;
  duka_request_run (request, list_sales, query, sales_query_free);
}

/* GET /api/v1/sales/summary */

typedef struct
{
  char *from;
  char *to;
  char *outlet_id;
} SummaryQuery;

static void
summary_query_free (gpointer data)
{
  SummaryQuery *query = data;

  g_free (query->from);
  g_free (query->to);
  g_free (query->outlet_id);
  g_free (query);
}

/* Per (business date, outlet), from the sale and refund facts as the
 * registry shapes them; sums of integer minor units, exact. */
#define SUMMARY_SQL \
  "WITH f AS (" \
  "  SELECT kind, business_date, outlet_id, data FROM facts" \
  "   WHERE tenant_id = $1 AND kind IN ('sale', 'refund')" \
  "     AND business_date BETWEEN $2::date AND $3::date" \
  "     AND ($4::uuid IS NULL OR outlet_id = $4::uuid))," \
  " day AS (" \
  "  SELECT business_date, outlet_id, min (data ->> 'currency') AS currency," \
  "         count (*) FILTER (WHERE kind = 'sale') AS sales," \
  "         coalesce (sum ((data ->> 'subtotal')::bigint) FILTER (WHERE kind = 'sale'), 0) AS gross," \
  "         coalesce (sum ((data ->> 'line_discounts')::bigint + (data ->> 'order_discount')::bigint)" \
  "                   FILTER (WHERE kind = 'sale'), 0) AS discounts," \
  "         coalesce (sum ((data ->> 'tax')::bigint) FILTER (WHERE kind = 'sale'), 0)" \
  "           - coalesce (sum ((data ->> 'tax')::bigint) FILTER (WHERE kind = 'refund'), 0) AS tax," \
  "         count (*) FILTER (WHERE kind = 'refund') AS refund_count," \
  "         coalesce (sum ((data ->> 'total')::bigint) FILTER (WHERE kind = 'refund'), 0) AS refunds," \
  "         coalesce (sum ((data ->> 'net')::bigint) FILTER (WHERE kind = 'sale'), 0)" \
  "           - coalesce (sum ((data ->> 'net')::bigint) FILTER (WHERE kind = 'refund'), 0) AS net," \
  "         coalesce (sum ((data ->> 'total')::bigint) FILTER (WHERE kind = 'sale'), 0)" \
  "           - coalesce (sum ((data ->> 'total')::bigint) FILTER (WHERE kind = 'refund'), 0) AS total" \
  "    FROM f GROUP BY business_date, outlet_id)," \
  " tender AS (" \
  "  SELECT f.business_date, f.outlet_id, p ->> 'tender_type_id' AS tender_type_id," \
  "         min (p ->> 'kind') AS kind, min (p ->> 'name') AS name," \
  "         count (*) FILTER (WHERE f.kind = 'sale') AS payments," \
  "         coalesce (sum ((p ->> 'amount')::bigint) FILTER (WHERE f.kind = 'sale'), 0) AS amount," \
  "         coalesce (sum ((p ->> 'amount')::bigint) FILTER (WHERE f.kind = 'refund'), 0) AS refunded" \
  "    FROM f CROSS JOIN LATERAL jsonb_array_elements (" \
  "      CASE WHEN jsonb_typeof (f.data -> 'payments') = 'array' THEN f.data -> 'payments' END) AS p" \
  "   GROUP BY f.business_date, f.outlet_id, p ->> 'tender_type_id')" \
  " SELECT d.business_date, d.outlet_id, d.currency, d.sales, d.gross, d.discounts, d.tax," \
  "        d.refund_count, d.refunds, d.net, d.total," \
  "        (SELECT coalesce (jsonb_agg (jsonb_build_object ('tender_type_id', t.tender_type_id," \
  "                                     'kind', t.kind, 'name', t.name, 'count', t.payments," \
  "                                     'amount', t.amount, 'refunded', t.refunded)" \
  "                                     ORDER BY t.tender_type_id), '[]')" \
  "           FROM tender t" \
  "          WHERE t.business_date = d.business_date" \
  "            AND t.outlet_id IS NOT DISTINCT FROM d.outlet_id)::text" \
  "   FROM day d ORDER BY d.business_date, d.outlet_id"

static gboolean
summarize_sales (DukaRequest  *request,
                 DukaDb       *db,
                 GError      **error)
{
  SummaryQuery *query = request->data;
  const char * const money[] = { "count", "gross", "discounts", "tax", "refund_count", "refunds", "net", "total" };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PGresult) rows = NULL;

  rows = duka_db_queryv (db, error, SUMMARY_SQL, request->tenant_id, query->from, query->to, query->outlet_id);
  if (rows == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (int i = 0; i < PQntuples (rows); i++)
    {
      json_builder_begin_object (builder);
      add_member_string (builder, "business_date", rows, i, 0);
      add_member_string (builder, "outlet_id", rows, i, 1);
      add_member_string (builder, "currency", rows, i, 2);
      for (guint m = 0; m < G_N_ELEMENTS (money); m++)
        add_member_int (builder, money[m], rows, i, 3 + m);
      json_builder_set_member_name (builder, "by_tender");
      json_builder_add_value (builder, duka_json_from_string (PQgetvalue (rows, i, 11)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  if (!duka_server_is_date (text))
    return FALSE;

  /* Checked above: YYYY-MM-DD, a real day. */
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_ascii_strtoull (text + 8, NULL, 10), g_ascii_strtoull (text + 5, NULL, 10),
                  g_ascii_strtoull (text, NULL, 10));
  return TRUE;
}

void
duka_server_handle_sales_summary (DukaRequest *request)
{
  const char *from = query_value (request, "from");
  const char *to = query_value (request, "to");
  const char *outlet = query_value (request, "outlet");
  GDate first, last;
  SummaryQuery *query;

  if (!parse_date (from, &first) || !parse_date (to, &last) ||
      g_date_compare (&first, &last) > 0 || g_date_days_between (&first, &last) >= SUMMARY_DAYS_MAX ||
      (outlet != NULL && !duka_id_is_valid (outlet)))
    {
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                         "“from” and “to” must be dates like 2026-11-22, at most %d days apart and "
                         "in order, and “outlet” an outlet id.", SUMMARY_DAYS_MAX);
      return;
    }

  query = g_new0 (SummaryQuery, 1);
  query->from = g_strdup (from);
  query->to = g_strdup (to);
  query->outlet_id = g_strdup (outlet);
  duka_request_run (request, summarize_sales, query, summary_query_free);
}
