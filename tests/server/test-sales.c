/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sales on the server: sale and refund facts pushed by a real till, the
 * sales read API (pagination that holds still while sales arrive, tenant
 * isolation, the daily summary against sums worked out by hand) and the
 * receipt-series check (a gap and a fork are each one exception fact).
 */
#include <string.h>

#include "duka-id.h"
#include "server-test.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* A chain link as a till makes one: the hash of something unique. */
static char *
new_hash (void)
{
  g_autofree char *seed = duka_id_new ();

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
}

typedef struct
{
  const char *date;
  gint64      subtotal, line_discounts, order_discount, net, tax, total;
  const char *tender;     /* tender_type_id */
  const char *tender_kind;
} SaleFigures;

/* One sale of tenant @t's till, in the registry's "sale" shape: paid in
 * full with one tender. */
static char *
sale_op (Tenant            *t,
         const char        *id,
         const char        *series_id,
         gint64             seq,
         const char        *prev_hash,
         const char        *hash,
         const SaleFigures *f)
{
  g_autofree char *op_id = duka_id_new ();
  g_autofree char *payment_id = duka_id_new ();

  return g_strdup_printf (
    "{\"op_id\":\"%s\",\"kind\":\"sale\",\"action\":\"insert\",\"id\":\"%s\",\"device_id\":\"%s\","
    "\"at\":0,\"business_date\":\"%s\",\"data\":{"
    "\"outlet_id\":\"%s\",\"till_id\":\"%s\",\"number\":%" G_GINT64_FORMAT ",\"receipt_no\":\"T1-%" G_GINT64_FORMAT "\","
    "\"origin\":\"live\",\"business_date\":\"%s\",\"at\":1795312345678901,\"currency\":\"KES\","
    "\"tax_mode\":\"inclusive\",\"subtotal\":%" G_GINT64_FORMAT ",\"line_discounts\":%" G_GINT64_FORMAT ","
    "\"order_discount\":%" G_GINT64_FORMAT ",\"net\":%" G_GINT64_FORMAT ",\"tax\":%" G_GINT64_FORMAT ","
    "\"charges\":0,\"tips\":0,\"cash_rounding\":0,\"total\":%" G_GINT64_FORMAT ",\"paid\":%" G_GINT64_FORMAT ","
    "\"change\":0,\"series_id\":\"%s\",\"seq\":%" G_GINT64_FORMAT ",\"prev_hash\":\"%s\",\"hash\":\"%s\","
    "\"payments\":[{\"id\":\"%s\",\"tender_type_id\":\"%s\",\"kind\":\"%s\",\"name\":\"%s\","
    "\"amount\":%" G_GINT64_FORMAT ",\"tendered\":%" G_GINT64_FORMAT ",\"change\":0}]}}",
    op_id, id, t->device_id, f->date,
    t->outlet_id, t->device_id, seq, seq, f->date,
    f->subtotal, f->line_discounts, f->order_discount, f->net, f->tax, f->total, f->total,
    series_id, seq, prev_hash, hash,
    payment_id, f->tender, f->tender_kind, f->tender_kind, f->total, f->total);
}

static char *
refund_op (Tenant     *t,
           const char *sale_id,
           const char *series_id,
           gint64      seq,
           const char *prev_hash,
           const char *hash,
           const char *date,
           gint64      net,
           gint64      tax,
           gint64      total,
           const char *tender,
           const char *tender_kind)
{
  g_autofree char *op_id = duka_id_new ();
  g_autofree char *id = duka_id_new ();
  g_autofree char *payment_id = duka_id_new ();

  return g_strdup_printf (
    "{\"op_id\":\"%s\",\"kind\":\"refund\",\"action\":\"insert\",\"id\":\"%s\",\"device_id\":\"%s\","
    "\"at\":0,\"business_date\":\"%s\",\"data\":{"
    "\"sale_id\":\"%s\",\"outlet_id\":\"%s\",\"till_id\":\"%s\",\"number\":%" G_GINT64_FORMAT ","
    "\"receipt_no\":\"T1-%" G_GINT64_FORMAT "\",\"origin\":\"live\",\"business_date\":\"%s\",\"at\":1795312345678901,"
    "\"currency\":\"KES\",\"reason\":\"Broken\",\"net\":%" G_GINT64_FORMAT ",\"tax\":%" G_GINT64_FORMAT ","
    "\"total\":%" G_GINT64_FORMAT ",\"series_id\":\"%s\",\"seq\":%" G_GINT64_FORMAT ",\"prev_hash\":\"%s\","
    "\"hash\":\"%s\",\"payments\":[{\"id\":\"%s\",\"tender_type_id\":\"%s\",\"kind\":\"%s\",\"name\":\"%s\","
    "\"amount\":%" G_GINT64_FORMAT "}]}}",
    op_id, id, t->device_id, date, sale_id, t->outlet_id, t->device_id, seq, seq, date,
    net, tax, total, series_id, seq, prev_hash, hash, payment_id, tender, tender_kind, tender_kind, total);
}

/* A chain of @n simple sales on @date, pushed as one batch; returns their
 * ids in order. */
static GPtrArray *
push_sales (Tenant     *t,
            const char *date,
            guint       n)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *series_id = duka_id_new ();
  g_autofree char *tender = duka_id_new ();
  g_autofree char *prev = g_strdup (ZERO_HASH);
  g_autofree char *batch = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *results;

  for (guint i = 0; i < n; i++)
    {
      SaleFigures f = { date, 1000, 0, 0, 862, 138, 1000, tender, "cash" };
      g_autofree char *hash = new_hash ();
      char *id = duka_id_new ();

      g_ptr_array_add (ops, sale_op (t, id, series_id, i + 1, prev, hash, &f));
      g_ptr_array_add (ids, id);
      g_free (prev);
      prev = g_steal_pointer (&hash);
    }
  g_ptr_array_add (ops, NULL);
  batch = g_strjoinv (",", (char **) ops->pdata);

  results = push (t->device_token, batch, &answer);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (result_status (results, i), ==, "applied");
  return ids;
}

/* Every sale id of a listing walked page by page; the keys handed out are
 * added to @keys. */
static void
list_page (const char *token,
           const char *query,
           const char *after,
           guint       limit,
           GPtrArray  *ids,
           char      **next)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/sales?%s%s%s&limit=%u", query,
                                           after != NULL ? "&after=" : "", after != NULL ? after : "", limit);
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *sales;
  guint status;

  answer = test_request (server, "GET", path, token, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 200);
  sales = json_object_get_array_member (json_node_get_object (answer), "sales");
  for (guint i = 0; i < json_array_get_length (sales); i++)
    g_ptr_array_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (sales, i), "id")));
  *next = json_object_get_null_member (json_node_get_object (answer), "next")
            ? NULL : dup_member (answer, "next");
}

static gboolean
contains (GPtrArray  *ids,
          const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static void
test_sales_pagination (void)
{
  const char *date = "2026-03-02";
  g_autofree char *query = g_strdup_printf ("date=%s&outlet=%s", date, tenant_a.outlet_id);
  g_autoptr(GPtrArray) first = push_sales (&tenant_a, date, 5);
  g_autoptr(GPtrArray) other_day = push_sales (&tenant_a, "2026-03-03", 1);
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) page1 = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) page1_again = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rest = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *next = NULL;
  g_autofree char *next_again = NULL;

  list_page (tenant_a.owner_token, query, NULL, 2, page1, &next);
  g_assert_cmpuint (page1->len, ==, 2);
  g_assert_nonnull (next);

  /* Sales arrive between two pages. */
  later = push_sales (&tenant_a, date, 2);

  /* The first page is what it was… */
  list_page (tenant_a.owner_token, query, NULL, 2, page1_again, &next_again);
  g_assert_cmpuint (page1_again->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (page1->pdata[i], ==, page1_again->pdata[i]);
  g_assert_cmpstr (next, ==, next_again);

  /* …and walking on from its key brings every other sale once, the new
   * ones included, in the order they reached the server. */
  while (next != NULL)
    {
      char *key = g_steal_pointer (&next);

      list_page (tenant_a.owner_token, query, key, 2, rest, &next);
      g_free (key);
    }
  g_assert_cmpuint (page1->len + rest->len, ==, 7);
  for (guint i = 0; i < first->len; i++)
    g_assert_true (contains (page1, first->pdata[i]) != contains (rest, first->pdata[i]));
  for (guint i = 0; i < later->len; i++)
    g_assert_true (contains (rest, later->pdata[i]));
  g_assert_cmpstr (rest->pdata[rest->len - 1], ==, later->pdata[1]);
  g_assert_false (contains (rest, other_day->pdata[0]));

  /* Another outlet's filter sees none of them. */
  {
    g_autofree char *other_outlet = duka_id_new ();
    g_autofree char *other_query = g_strdup_printf ("date=%s&outlet=%s", date, other_outlet);
    g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *end = NULL;

    list_page (tenant_a.owner_token, other_query, NULL, 10, none, &end);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_null (end);
  }

  /* Bad parameters are the caller's mistake. */
  {
    const char *bad[] = { "date=2026-02-30", "outlet=shop", "after=7", "limit=0", "limit=501" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_strdup_printf ("/api/v1/sales?%s", bad[i]);
        g_autoptr(JsonNode) answer = NULL;
        guint status;

        answer = test_request (server, "GET", path, tenant_a.owner_token, NULL, 0, &status);
        g_assert_cmpuint (status, ==, 400);
      }
  }
}

static JsonArray *
summary (const char *token,
         const char *query,
         JsonNode  **keep)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/sales/summary?%s", query);
  guint status;

  *keep = test_request (server, "GET", path, token, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_get_array_member (json_node_get_object (*keep), "days");
}

static void
test_sales_tenant_isolated (void)
{
  const char *date = "2026-03-04";
  g_autoptr(GPtrArray) a_sales = push_sales (&tenant_a, date, 2);
  g_autoptr(GPtrArray) b_sales = push_sales (&tenant_b, date, 1);
  g_autoptr(GPtrArray) seen_by_b = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) seen_by_a = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *query = g_strdup_printf ("date=%s", date);
  g_autofree char *a_outlet = g_strdup_printf ("date=%s&outlet=%s", date, tenant_a.outlet_id);
  g_autofree char *next = NULL;
  g_autoptr(JsonNode) keep = NULL;
  JsonArray *days;

  list_page (tenant_b.owner_token, query, NULL, 100, seen_by_b, &next);
  g_assert_cmpuint (seen_by_b->len, ==, 1);
  g_assert_cmpstr (seen_by_b->pdata[0], ==, b_sales->pdata[0]);
  /* Even asking for A's outlet by id. */
  g_clear_pointer (&next, g_free);
  g_ptr_array_set_size (seen_by_b, 0);
  list_page (tenant_b.owner_token, a_outlet, NULL, 100, seen_by_b, &next);
  g_assert_cmpuint (seen_by_b->len, ==, 0);

  g_clear_pointer (&next, g_free);
  list_page (tenant_a.owner_token, query, NULL, 100, seen_by_a, &next);
  g_assert_cmpuint (seen_by_a->len, ==, 2);
  g_assert_false (contains (seen_by_a, b_sales->pdata[0]));

  /* B's summary of the day counts B's one sale, not A's two. */
  days = summary (tenant_b.owner_token, "from=2026-03-04&to=2026-03-04", &keep);
  g_assert_cmpuint (json_array_get_length (days), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (days, 0), "count"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (days, 0), "outlet_id"),
                   ==, tenant_b.outlet_id);

  /* A till cannot read the owners' API. */
  {
    g_autoptr(JsonNode) answer = NULL;
    guint status;

    answer = test_request (server, "GET", "/api/v1/sales", tenant_a.device_token, NULL, 0, &status);
    g_assert_cmpuint (status, ==, 403);
  }
}

static JsonObject *
find_tender (JsonArray  *tenders,
             const char *id)
{
  for (guint i = 0; i < json_array_get_length (tenders); i++)
    {
      JsonObject *tender = json_array_get_object_element (tenders, i);

      if (g_str_equal (json_object_get_string_member (tender, "tender_type_id"), id))
        return tender;
    }
  g_assert_not_reached ();
}

static void
test_sales_summary (void)
{
  const char *day1 = "2026-04-01", *day2 = "2026-04-02";
  g_autofree char *series_id = duka_id_new ();
  g_autofree char *cash = duka_id_new ();
  g_autofree char *card = duka_id_new ();
  g_autofree char *s1 = duka_id_new (), *s2 = duka_id_new (), *s3 = duka_id_new ();
  char *h[5];
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL;
  g_autofree char *batch = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(JsonNode) keep2 = NULL;
  JsonArray *results, *days;
  JsonObject *d1, *d2;
  /* Day 1: two sales (one with discounts) and a refund of part of one. */
  SaleFigures f1 = { day1, 12000, 500, 1000, 9052, 1448, 10500, cash, "cash" };
  SaleFigures f2 = { day1, 4640, 0, 0, 4000, 640, 4640, card, "card" };
  /* Day 2: one sale. */
  SaleFigures f3 = { day2, 2320, 320, 0, 1724, 276, 2000, cash, "cash" };

  for (guint i = 0; i < G_N_ELEMENTS (h); i++)
    h[i] = new_hash ();

  o1 = sale_op (&tenant_a, s1, series_id, 1, ZERO_HASH, h[0], &f1);
  o2 = sale_op (&tenant_a, s2, series_id, 2, h[0], h[1], &f2);
  o3 = refund_op (&tenant_a, s1, series_id, 3, h[1], h[2], day1, 1724, 276, 2000, cash, "cash");
  o4 = sale_op (&tenant_a, s3, series_id, 4, h[2], h[3], &f3);
  batch = g_strjoin (",", o1, o2, o3, o4, NULL);
  results = push (tenant_a.device_token, batch, &answer);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (result_status (results, i), ==, "applied");

  days = summary (tenant_a.owner_token, "from=2026-04-01&to=2026-04-02", &keep);
  g_assert_cmpuint (json_array_get_length (days), ==, 2);
  d1 = json_array_get_object_element (days, 0);
  d2 = json_array_get_object_element (days, 1);

  g_assert_cmpstr (json_object_get_string_member (d1, "business_date"), ==, day1);
  g_assert_cmpstr (json_object_get_string_member (d1, "outlet_id"), ==, tenant_a.outlet_id);
  g_assert_cmpstr (json_object_get_string_member (d1, "currency"), ==, "KES");
  g_assert_cmpint (json_object_get_int_member (d1, "count"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (d1, "gross"), ==, 12000 + 4640);
  g_assert_cmpint (json_object_get_int_member (d1, "discounts"), ==, 500 + 1000);
  g_assert_cmpint (json_object_get_int_member (d1, "tax"), ==, 1448 + 640 - 276);
  g_assert_cmpint (json_object_get_int_member (d1, "refund_count"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (d1, "refunds"), ==, 2000);
  g_assert_cmpint (json_object_get_int_member (d1, "net"), ==, 9052 + 4000 - 1724);
  g_assert_cmpint (json_object_get_int_member (d1, "total"), ==, 10500 + 4640 - 2000);
  {
    JsonArray *tenders = json_object_get_array_member (d1, "by_tender");
    JsonObject *by_cash = find_tender (tenders, cash);
    JsonObject *by_card = find_tender (tenders, card);

    g_assert_cmpuint (json_array_get_length (tenders), ==, 2);
    g_assert_cmpint (json_object_get_int_member (by_cash, "count"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (by_cash, "amount"), ==, 10500);
    g_assert_cmpint (json_object_get_int_member (by_cash, "refunded"), ==, 2000);
    g_assert_cmpstr (json_object_get_string_member (by_cash, "kind"), ==, "cash");
    g_assert_cmpint (json_object_get_int_member (by_card, "amount"), ==, 4640);
    g_assert_cmpint (json_object_get_int_member (by_card, "refunded"), ==, 0);
  }

  g_assert_cmpstr (json_object_get_string_member (d2, "business_date"), ==, day2);
  g_assert_cmpint (json_object_get_int_member (d2, "count"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (d2, "gross"), ==, 2320);
  g_assert_cmpint (json_object_get_int_member (d2, "discounts"), ==, 320);
  g_assert_cmpint (json_object_get_int_member (d2, "refunds"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (d2, "net"), ==, 1724);
  g_assert_cmpint (json_object_get_int_member (d2, "tax"), ==, 276);
  for (guint i = 0; i < G_N_ELEMENTS (h); i++)
    g_free (h[i]);

  /* One day, and another outlet's filter. */
  days = summary (tenant_a.owner_token, "from=2026-04-02&to=2026-04-02", &keep2);
  g_assert_cmpuint (json_array_get_length (days), ==, 1);
  {
    g_autofree char *other = duka_id_new ();
    g_autofree char *query = g_strdup_printf ("from=2026-04-01&to=2026-04-02&outlet=%s", other);
    g_autoptr(JsonNode) keep3 = NULL;

    g_assert_cmpuint (json_array_get_length (summary (tenant_a.owner_token, query, &keep3)), ==, 0);
  }

  /* Ranges the server refuses. */
  {
    const char *bad[] = { "from=2026-04-02&to=2026-04-01", "from=2026-04-01", "from=2025-01-01&to=2026-04-01",
                          "from=2026-13-01&to=2026-13-02" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_strdup_printf ("/api/v1/sales/summary?%s", bad[i]);
        g_autoptr(JsonNode) refused = NULL;
        guint status;

        refused = test_request (server, "GET", path, tenant_a.owner_token, NULL, 0, &status);
        g_assert_cmpuint (status, ==, 400);
      }
  }
}

static char *
count_exceptions (const char *rule,
                  const char *series_id)
{
  PGconn *admin = test_connect ("DUKA_TEST_ADMIN_URL");
  g_autoptr(PGresult) rows = test_sql (admin,
                                       "SELECT count (*) FROM exceptions"
                                       " WHERE tenant_id = $1 AND rule = $2 AND data ->> 'series_id' = $3",
                                       tenant_a.tenant_id, rule, series_id, NULL);
  char *count = g_strdup (PQgetvalue (rows, 0, 0));

  PQfinish (admin);
  return count;
}

/* Pushes the sales of @series_id with these seqs, each linked to the
 * previous one in @hashes (hashes[seq] is the hash of the sale at seq). */
static void
push_links (const char  *series_id,
            char       **hashes,
            const int   *seqs,
            guint        n)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *tender = duka_id_new ();
  g_autofree char *batch = NULL;
  JsonArray *results;

  for (guint i = 0; i < n; i++)
    {
      SaleFigures f = { "2026-05-01", 100, 0, 0, 86, 14, 100, tender, "cash" };
      g_autofree char *id = duka_id_new ();
      int seq = seqs[i];

      g_ptr_array_add (ops, sale_op (&tenant_a, id, series_id, seq, seq > 1 ? hashes[seq - 1] : ZERO_HASH,
                                     hashes[seq], &f));
    }
  g_ptr_array_add (ops, NULL);
  batch = g_strjoinv (",", (char **) ops->pdata);
  results = push (tenant_a.device_token, batch, &answer);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (result_status (results, i), ==, "applied");
}

static void
test_sales_receipt_gap (void)
{
  g_autofree char *series_id = duka_id_new ();
  char *hashes[8] = { NULL };
  const int first[] = { 1, 2, 4 }, second[] = { 5 }, third[] = { 6 };
  g_autofree char *count = NULL;
  PGconn *admin = test_connect ("DUKA_TEST_ADMIN_URL");
  g_autoptr(PGresult) gap = NULL;

  for (guint i = 1; i < G_N_ELEMENTS (hashes); i++)
    hashes[i] = new_hash ();

  /* 3 is missing after 4 arrived: maybe still on its way… */
  push_links (series_id, hashes, first, G_N_ELEMENTS (first));
  count = count_exceptions ("receipt-gap", series_id);
  g_assert_cmpstr (count, ==, "0");

  /* …but not once the till pushed on past it. */
  push_links (series_id, hashes, second, G_N_ELEMENTS (second));
  g_free (count);
  count = count_exceptions ("receipt-gap", series_id);
  g_assert_cmpstr (count, ==, "1");

  /* Found again at the next push, it is the same fact. */
  push_links (series_id, hashes, third, G_N_ELEMENTS (third));
  g_free (count);
  count = count_exceptions ("receipt-gap", series_id);
  g_assert_cmpstr (count, ==, "1");

  gap = test_sql (admin, "SELECT data ->> 'from', data ->> 'to', data ->> 'till_id' FROM exceptions"
                         " WHERE tenant_id = $1 AND rule = 'receipt-gap' AND data ->> 'series_id' = $2",
                  tenant_a.tenant_id, series_id, NULL);
  g_assert_cmpstr (PQgetvalue (gap, 0, 0), ==, "3");
  g_assert_cmpstr (PQgetvalue (gap, 0, 1), ==, "3");
  g_assert_cmpstr (PQgetvalue (gap, 0, 2), ==, tenant_a.device_id);
  /* No fork: every link held. */
  g_free (count);
  count = count_exceptions ("receipt-fork", series_id);
  g_assert_cmpstr (count, ==, "0");

  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    g_free (hashes[i]);
  PQfinish (admin);
}

static void
test_sales_receipt_fork (void)
{
  g_autofree char *same_seq = duka_id_new ();
  g_autofree char *bad_link = duka_id_new ();
  char *hashes[6] = { NULL };
  const int one_two[] = { 1, 2 }, three[] = { 3 };
  g_autofree char *count = NULL;

  for (guint i = 1; i < G_N_ELEMENTS (hashes); i++)
    hashes[i] = new_hash ();

  /* Two sales at seq 2 of one series (a restored backup selling on). */
  push_links (same_seq, hashes, one_two, G_N_ELEMENTS (one_two));
  {
    char *other[6] = { NULL, hashes[1], NULL };
    const int two[] = { 2 };

    other[2] = new_hash ();
    push_links (same_seq, other, two, 1);
    g_free (other[2]);
  }
  count = count_exceptions ("receipt-fork", same_seq);
  g_assert_cmpstr (count, ==, "1");
  /* And the next sale after it does not make it two. */
  push_links (same_seq, hashes, three, 1);
  g_free (count);
  count = count_exceptions ("receipt-fork", same_seq);
  g_assert_cmpstr (count, ==, "1");

  /* A link that does not match: seq 3 names a hash seq 2 never had; the
   * later sale arrives first. */
  {
    char *wrong[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
    const int first[] = { 3 };

    wrong[2] = new_hash ();
    wrong[3] = hashes[3];
    push_links (bad_link, wrong, first, 1);
    g_free (wrong[2]);
  }
  push_links (bad_link, hashes, one_two, G_N_ELEMENTS (one_two));
  g_free (count);
  count = count_exceptions ("receipt-fork", bad_link);
  g_assert_cmpstr (count, ==, "1");
  g_free (count);
  count = count_exceptions ("receipt-gap", bad_link);
  g_assert_cmpstr (count, ==, "0");

  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    g_free (hashes[i]);
}

/* A sale whose own business date is no date is refused, and does not
 * stop the sale behind it. */
static void
test_sales_invalid_date (void)
{
  g_autofree char *series_id = duka_id_new ();
  g_autofree char *tender = duka_id_new ();
  g_autofree char *bad_id = duka_id_new (), *good_id = duka_id_new ();
  g_autofree char *h1 = new_hash (), *h2 = new_hash ();
  SaleFigures bad_f = { "2026-02-31", 100, 0, 0, 86, 14, 100, tender, "cash" };
  SaleFigures good_f = { "2026-05-02", 100, 0, 0, 86, 14, 100, tender, "cash" };
  g_autofree char *bad = sale_op (&tenant_a, bad_id, series_id, 1, ZERO_HASH, h1, &bad_f);
  g_autofree char *good = sale_op (&tenant_a, good_id, series_id, 2, h1, h2, &good_f);
  g_autofree char *batch = g_strjoin (",", bad, good, NULL);
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *results = push (tenant_a.device_token, batch, &answer);

  g_assert_cmpstr (result_status (results, 0), ==, "rejected");
  g_assert_cmpstr (result_status (results, 1), ==, "applied");
}

void
test_sales_add_tests (void)
{
  g_test_add_func ("/server/sales/pagination", test_sales_pagination);
  g_test_add_func ("/server/sales/tenant-isolated", test_sales_tenant_isolated);
  g_test_add_func ("/server/sales/summary", test_sales_summary);
  g_test_add_func ("/server/sales/receipt-gap", test_sales_receipt_gap);
  g_test_add_func ("/server/sales/receipt-fork", test_sales_receipt_fork);
  g_test_add_func ("/server/sales/invalid-date", test_sales_invalid_date);
}
