/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * duka-bench sell: the register against a store of 100,000 products
 * (imported from CSV as in the catalog area) and 1,000,000 past sales in
 * the till's "demo" series (20,000 written with duka_register_write_sale(),
 * the rest copies of their rows made in SQL, 20,000 to a transaction;
 * see clone_in_writer()),
 * then
 *   sell.add_p99_ms                duka_register_add_line() on an open order
 *   sell.commit_p50_ms/p99         duka_register_complete() of a 3-line cash
 *                                  sale (baseline: a bare single-row INSERT
 *                                  committed with synchronous=FULL in WAL
 *                                  mode, in a file of its own)
 *   sell.commit_under_load_p99_ms  the same while a second thread with its
 *                                  own connection to the store upserts 500
 *                                  products a transaction, as sync does
 *   sell.commit_1m_ratio           commit p99 with the 1M past sales over
 *                                  commit p99 before they were written
 *   sell.z_report_ms               duka_cash_sessions_report() of a session
 *                                  of 2,000 sales (median of 5)
 *   sell.z_close_ms                closing that session (Z stored)
 * and, for the record, sell.generate_1m_s and sell.total_s.
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <string.h>

#include "duka-bench.h"
#include "duka-cash-sessions.h"
#include "duka-catalog.h"
#include "duka-catalog-io.h"
#include "duka-demo.h"
#include "duka-id.h"
#include "duka-register-private.h"
#include "duka-store-private.h"

#define N_PRODUCTS     100000
#define N_PAST_SALES   1000000
#define SALES_PER_TXN  20000
#define N_ADDS         2000
#define N_COMMITS      1000
#define N_LOADED       500
#define N_Z_SALES      2000
#define CASH           "01900000-0000-7000-8000-00000000c001"
#define VAT_RATE       "01900000-0000-7000-8000-0000000a0016"

typedef struct
{
  char   *dir;
  DukaStore        *store;
  DukaCatalog      *catalog;
  DukaRegister     *reg;
  DukaCashSessions *sessions;
  DukaActor        *owner;
  GPtrArray        *product_ids;
  GPtrArray        *product_names;
  GArray           *product_prices;
  GRand            *rand;
} Bench;

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

/* Setup {{{ */

static char *
write_csv (const char *dir)
{
  char *path = g_build_filename (dir, "catalog.csv", NULL);
  g_autoptr(GString) csv = g_string_sized_new (N_PRODUCTS * 80);

  g_string_append (csv, "sku,name,category,price,tax_class\r\n");
  for (guint i = 0; i < N_PRODUCTS; i++)
    g_string_append_printf (csv, "SKU%06u,Item %u,Aisle %u,%u.%02u,VAT 16%%\r\n",
                            i, i, i % 300 + 1, 50 + (i * 7919) % 5000, (i * 31) % 100);
  if (!g_file_set_contents (path, csv->str, (gssize) csv->len, NULL))
    g_error ("cannot write %s", path);
  return path;
}

static void
set_up (Bench *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) tax = json_object_new ();
  g_autoptr(JsonArray) rates = json_array_new ();
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  DukaImportReport *report = NULL;
  JsonObject *rate = json_object_new ();
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 start = now_us ();

  b->dir = g_dir_make_tmp ("duka-bench-sell-XXXXXX", &error);
  g_assert_no_error (error);
  b->store = duka_store_open (b->dir, &error);
  g_assert_no_error (error);
  if (!duka_demo_fill (b->store, &error))
    g_error ("business: %s", error->message);
  b->owner = duka_actor_new_owner (NULL);
  b->catalog = duka_catalog_new (b->store);
  b->reg = duka_register_new (b->store, b->catalog);
  b->sessions = duka_cash_sessions_new (b->store);
  b->rand = g_rand_new_with_seed (20261122);

  json_object_set_string_member (rate, "id", VAT_RATE);
  json_object_set_string_member (rate, "name", "VAT 16%");
  json_object_set_int_member (rate, "rate", 160000);
  json_object_set_string_member (rate, "band", "A");
  json_array_add_object_element (rates, rate);
  json_object_set_string_member (tax, "name", "VAT 16%");
  json_object_set_array_member (tax, "rates", g_steal_pointer (&rates));
  if (!duka_catalog_save (b->catalog, b->owner, "tax_class", tax, NULL, &error))
    g_error ("tax class: %s", error->message);

  csv = write_csv (b->dir);
  file = g_file_new_for_path (csv);
  input = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  if (!duka_catalog_import_csv (b->catalog, b->owner, G_INPUT_STREAM (input), &report, &error))
    g_error ("import: %s", error->message);
  duka_import_report_free (report);
  g_unlink (csv);

  b->product_ids = g_ptr_array_new_with_free_func (g_free);
  b->product_names = g_ptr_array_new_with_free_func (g_free);
  b->product_prices = g_array_new (FALSE, FALSE, sizeof (gint64));
  db = duka_store_acquire_reader (b->store, &error);
  g_assert_no_error (error);
  sqlite3_prepare_v2 (db, "SELECT id, name, price FROM product WHERE NOT deleted", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 price = sqlite3_column_int64 (stmt, 2);

      g_ptr_array_add (b->product_ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (b->product_names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_array_append_val (b->product_prices, price);
    }
  sqlite3_finalize (stmt);
  duka_store_release_reader (b->store, db);
  if (b->product_ids->len != N_PRODUCTS)
    g_error ("%u products imported, not %u", b->product_ids->len, N_PRODUCTS);

  duka_bench_report ("sell.setup_100k_products_s", (now_us () - start) / 1e6, "s", 0, FALSE);
}

/* }}} */

/* 1,000,000 past sales {{{ */

typedef struct
{
  Bench  *bench;
  guint   count;
  gint64  first_at;
} PastJob;

static JsonObject *
past_sale (Bench              *b,
           DukaSellingContext *ctx,
           gint64              at,
           const char         *business_date)
{
  g_autofree char *sale_id = duka_id_new ();
  g_autofree char *payment_id = duka_id_new ();
  JsonObject *sale = json_object_new ();
  JsonArray *lines = json_array_new ();
  JsonArray *payments = json_array_new ();
  JsonArray *taxes = json_array_new ();
  JsonObject *payment = json_object_new ();
  JsonObject *tax = json_object_new ();
  guint n_lines = g_rand_int_range (b->rand, 1, 4);
  gint64 total = 0, tax_total = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      guint p = g_rand_int_range (b->rand, 0, b->product_ids->len);
      gint64 price = g_array_index (b->product_prices, gint64, p);
      gint64 line_tax = (price * 16 + 58) / 116;
      g_autofree char *line_id = duka_id_new ();
      JsonObject *line = json_object_new ();
      JsonArray *line_taxes = json_array_new ();
      JsonObject *line_tax_object = json_object_new ();

      json_object_set_string_member (line, "id", line_id);
      json_object_set_string_member (line, "kind", "item");
      json_object_set_string_member (line, "product_id", g_ptr_array_index (b->product_ids, p));
      json_object_set_null_member (line, "variant_id");
      json_object_set_null_member (line, "category_id");
      json_object_set_null_member (line, "tax_class_id");
      json_object_set_string_member (line, "name", g_ptr_array_index (b->product_names, p));
      json_object_set_null_member (line, "sku");
      json_object_set_int_member (line, "quantity", 1000);
      json_object_set_int_member (line, "unit_price", price);
      json_object_set_boolean_member (line, "price_overridden", FALSE);
      json_object_set_array_member (line, "modifiers", json_array_new ());
      json_object_set_null_member (line, "note");
      json_object_set_null_member (line, "seat");
      json_object_set_null_member (line, "course");
      json_object_set_int_member (line, "extended", price);
      json_object_set_int_member (line, "line_discount", 0);
      json_object_set_null_member (line, "discount_reason");
      json_object_set_int_member (line, "order_discount", 0);
      json_object_set_int_member (line, "net", price - line_tax);
      json_object_set_int_member (line, "tax", line_tax);
      json_object_set_int_member (line, "total", price);
      json_object_set_string_member (line_tax_object, "rate_id", VAT_RATE);
      json_object_set_int_member (line_tax_object, "tax", line_tax);
      json_array_add_object_element (line_taxes, line_tax_object);
      json_object_set_array_member (line, "taxes", line_taxes);
      json_array_add_object_element (lines, line);
      total += price;
      tax_total += line_tax;
    }

  json_object_set_string_member (payment, "id", payment_id);
  json_object_set_string_member (payment, "tender_type_id", CASH);
  json_object_set_string_member (payment, "kind", "cash");
  json_object_set_string_member (payment, "name", "Cash");
  json_object_set_int_member (payment, "amount", total);
  json_object_set_int_member (payment, "tendered", total);
  json_object_set_int_member (payment, "change", 0);
  json_object_set_null_member (payment, "card_last4");
  json_object_set_null_member (payment, "approval_code");
  json_object_set_null_member (payment, "reference");
  json_array_add_object_element (payments, payment);

  json_object_set_string_member (tax, "rate_id", VAT_RATE);
  json_object_set_string_member (tax, "name", "VAT 16%");
  json_object_set_int_member (tax, "rate", 160000);
  json_object_set_string_member (tax, "band", "A");
  json_object_set_int_member (tax, "taxable", total - tax_total);
  json_object_set_int_member (tax, "tax", tax_total);
  json_array_add_object_element (taxes, tax);

  json_object_set_string_member (sale, "id", sale_id);
  json_object_set_null_member (sale, "order_id");
  json_object_set_string_member (sale, "outlet_id", ctx->outlet_id);
  json_object_set_string_member (sale, "till_id", ctx->till_id);
  json_object_set_null_member (sale, "cash_session_id");
  json_object_set_null_member (sale, "staff_id");
  json_object_set_null_member (sale, "customer_id");
  json_object_set_string_member (sale, "origin", "demo");
  json_object_set_string_member (sale, "business_date", business_date);
  json_object_set_int_member (sale, "at", at);
  json_object_set_string_member (sale, "currency", ctx->currency);
  json_object_set_string_member (sale, "tax_mode", "inclusive");
  json_object_set_int_member (sale, "subtotal", total);
  json_object_set_int_member (sale, "line_discounts", 0);
  json_object_set_int_member (sale, "order_discount", 0);
  json_object_set_null_member (sale, "order_discount_reason");
  json_object_set_int_member (sale, "net", total - tax_total);
  json_object_set_int_member (sale, "tax", tax_total);
  json_object_set_int_member (sale, "charges", 0);
  json_object_set_int_member (sale, "tips", 0);
  json_object_set_int_member (sale, "cash_rounding", 0);
  json_object_set_int_member (sale, "total", total);
  json_object_set_int_member (sale, "paid", total);
  json_object_set_int_member (sale, "change", 0);
  json_object_set_array_member (sale, "lines", lines);
  json_object_set_array_member (sale, "payments", payments);
  json_object_set_array_member (sale, "taxes", taxes);
  return sale;
}

/* SALES_PER_TXN past sales, 1,000 a business day, in one transaction,
 * through duka_register_write_sale() itself. */
static gboolean
past_in_writer (DukaStore  *store,
                sqlite3    *db,
                gpointer    user_data,
                GError    **error)
{
  PastJob *job = user_data;
  DukaSellingContext ctx;
  g_autoptr(DukaSeries) series = NULL;
  gboolean ok = FALSE;

  if (!duka_selling_context_load (db, &ctx, error))
    return FALSE;
  series = duka_series_load (db, ctx.till_id, "demo", "T1D", job->first_at, error);
  if (series == NULL)
    goto out;

  for (guint i = 0; i < SALES_PER_TXN; i++)
    {
      guint n = job->count + i;
      gint64 at = job->first_at + (gint64) (n / 1000) * 86400 * G_USEC_PER_SEC +
                  (gint64) (n % 1000) * 40 * G_USEC_PER_SEC;
      g_autofree char *business_date = duka_selling_business_date (&ctx, at);
      g_autoptr(JsonObject) sale = past_sale (job->bench, &ctx, at, business_date);

      if (!duka_register_write_sale (db, series, sale, job->bench->owner, ctx.till_id, error))
        goto out;
    }
  ok = TRUE;

out:
  duka_selling_context_clear (&ctx);
  return ok;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sqlite3_errmsg (db), sql);
  return FALSE;
}

/* INSERT INTO @table SELECT its columns FROM @table WHERE @where, with
 * some columns computed by the expressions in @exprs (column, expression,
 * …, NULL). */
static gboolean
copy_rows (sqlite3     *db,
           const char  *table,
           const char  *where,
           GError     **error,
           ...)
{
  g_autoptr(GHashTable) exprs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *info_sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *column;
  va_list args;

  va_start (args, error);
  while ((column = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (exprs, (gpointer) column, va_arg (args, char *));
  va_end (args);

  sqlite3_prepare_v2 (db, info_sql, -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *expr = g_hash_table_lookup (exprs, name);

      g_string_append_printf (columns, "%s%s", columns->len ? ", " : "", name);
      g_string_append_printf (values, "%s%s", values->len ? ", " : "", expr ? expr : name);
    }
  sqlite3_finalize (stmt);

  sql = g_strdup_printf ("INSERT INTO %s (%s) SELECT %s FROM %s WHERE %s",
                         table, columns->str, values->str, table, where);
  return exec_sql (db, sql, error);
}

typedef struct
{
  guint copy;    /* 1 … N_PAST_SALES / SALES_PER_TXN − 1 */
} CloneJob;

/* One more SALES_PER_TXN past sales in the shape duka_register_write_sale()
 * wrote the first ones: every row of the first batch (sale, lines,
 * payments, taxes, stock movements, chain links, outbox ops) copied with
 * new ids, the next receipt and chain numbers and dates 20 days later.
 * The copies' hashes do not chain (nothing here verifies them); the
 * indexes, tables and series grow exactly as with the real path, far
 * faster.  Their outbox ops are left out: the server took them long ago
 * (an accepted op leaves the outbox), while the first batch's 60,000 ops
 * stay as a backlog waiting to be pushed. */
static gboolean
clone_in_writer (DukaStore  *store,
                 sqlite3    *db,
                 gpointer    user_data,
                 GError    **error)
{
  CloneJob *job = user_data;
  guint c = job->copy;
  /* A new id: the UUID's first 8 hex digits replaced by the copy's. */
  g_autofree char *prefix = g_strdup_printf ("'f%07x' || substr", c);
  g_autofree char *sale_id = g_strdup_printf ("%s (id, 9)", prefix);
  g_autofree char *of_sale = g_strdup_printf ("%s (sale_id, 9)", prefix);
  g_autofree char *document = g_strdup_printf ("%s (document_id, 9)", prefix);
  g_autofree char *fact = g_strdup_printf ("%s (fact_id, 9)", prefix);
  g_autofree char *number = g_strdup_printf ("number + %u", c * SALES_PER_TXN);
  g_autofree char *receipt = g_strdup_printf ("'T1D-' || (number + %u)", c * SALES_PER_TXN);
  g_autofree char *seq = g_strdup_printf ("seq + %u", c * SALES_PER_TXN);
  g_autofree char *date = g_strdup_printf ("date (business_date, '+%u days')", c * 20);
  g_autofree char *at = g_strdup_printf ("at + %" G_GINT64_FORMAT,
                                         (gint64) c * 20 * 86400 * G_USEC_PER_SEC);
  g_autofree char *update = g_strdup_printf (
    "UPDATE receipt_series SET next_number = %u, next_seq = %u WHERE origin = 'demo'",
    (c + 1) * SALES_PER_TXN + 1, (c + 1) * SALES_PER_TXN + 1);

  if (c == 1 &&
      !exec_sql (db,
        "CREATE TEMP TABLE orig_sale (id TEXT PRIMARY KEY) WITHOUT ROWID;"
        "CREATE TEMP TABLE orig_movement (id TEXT PRIMARY KEY) WITHOUT ROWID;"
        "INSERT INTO orig_sale SELECT id FROM sale WHERE origin = 'demo';"
        "INSERT INTO orig_movement SELECT id FROM stock_movement"
        " WHERE document_id IN (SELECT id FROM orig_sale);", error))
    return FALSE;

  return copy_rows (db, "sale", "id IN (SELECT id FROM orig_sale)", error,
                    "id", sale_id, "number", number, "receipt_no", receipt, "seq", seq,
                    "business_date", date, "at", at, NULL) &&
         copy_rows (db, "sale_line", "sale_id IN (SELECT id FROM orig_sale)", error,
                    "id", sale_id, "sale_id", of_sale, NULL) &&
         copy_rows (db, "sale_payment", "sale_id IN (SELECT id FROM orig_sale)", error,
                    "id", sale_id, "sale_id", of_sale, NULL) &&
         copy_rows (db, "sale_tax", "sale_id IN (SELECT id FROM orig_sale)", error,
                    "sale_id", of_sale, NULL) &&
         copy_rows (db, "stock_movement", "id IN (SELECT id FROM orig_movement)", error,
                    "id", sale_id, "document_id", document, "business_date", date, "at", at, NULL) &&
         copy_rows (db, "chain_link",
                    "series_id = (SELECT id FROM receipt_series WHERE origin = 'demo')"
                    " AND seq <= " G_STRINGIFY (SALES_PER_TXN), error,
                    "seq", seq, "fact_id", fact, NULL) &&
         exec_sql (db, update, error);
}

static void
write_past_sales (Bench *b)
{
  g_autoptr(GError) error = NULL;
  /* 1,000 days of 1,000 sales, ending 100 days ago. */
  PastJob job = { b, 0, (g_get_real_time () / G_USEC_PER_SEC - 1100 * 86400) * G_USEC_PER_SEC };
  gint64 start = now_us ();

  if (!duka_store_write (b->store, past_in_writer, &job, &error))
    g_error ("past sales: %s", error->message);
  g_printerr ("past sales: %u through duka_register_write_sale() in %.1f s\n",
              SALES_PER_TXN, (now_us () - start) / 1e6);

  for (guint c = 1; c < N_PAST_SALES / SALES_PER_TXN; c++)
    {
      CloneJob clone = { c };

      if (!duka_store_write (b->store, clone_in_writer, &clone, &error))
        g_error ("past sales, copy %u: %s", c, error->message);
      if (!duka_store_run_maintenance (b->store, FALSE, &error))
        g_error ("maintenance: %s", error->message);
      if (c % 10 == 0)
        g_printerr ("past sales: %u in %.1f s\n", (c + 1) * SALES_PER_TXN, (now_us () - start) / 1e6);
    }
  if (!duka_store_run_maintenance (b->store, TRUE, &error))
    g_error ("maintenance: %s", error->message);
  duka_bench_report ("sell.generate_1m_s", (now_us () - start) / 1e6, "s", 0, FALSE);
}

/* }}} */

/* Measurements {{{ */

static char *
open_order_with_lines (Bench  *b,
                       guint   n_lines,
                       GArray *add_samples)
{
  g_autoptr(GError) error = NULL;
  char *order = duka_register_open_order (b->reg, b->owner, NULL, &error);

  if (order == NULL)
    g_error ("open order: %s", error->message);
  for (guint i = 0; i < n_lines; i++)
    {
      DukaLineRequest request = {
        .product_id = g_ptr_array_index (b->product_ids, g_rand_int_range (b->rand, 0, b->product_ids->len)),
        .quantity = 1000,
      };
      gint64 start = now_us ();
      gboolean ok = duka_register_add_line (b->reg, b->owner, order, &request, NULL, &error);
      double ms = (now_us () - start) / 1000.0;

      if (!ok)
        g_error ("add line: %s", error->message);
      if (add_samples != NULL)
        g_array_append_val (add_samples, ms);
    }
  return order;
}

/* @n sales of 3 lines paid in cash; the commit times in @samples. */
static void
ring_sales (Bench  *b,
            guint   n,
            GArray *samples)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *order = open_order_with_lines (b, 3, NULL);
      DukaTender tender = { CASH, G_GINT64_CONSTANT (10000000), NULL, NULL, NULL };
      gint64 start = now_us ();
      gboolean ok = duka_register_complete (b->reg, b->owner, order, &tender, 1, NULL, &error);
      double ms = (now_us () - start) / 1000.0;

      if (!ok)
        g_error ("complete: %s", error->message);
      g_array_append_val (samples, ms);
    }
}

static void
open_session (Bench *b)
{
  g_autoptr(GError) error = NULL;

  if (!duka_cash_sessions_open (b->sessions, b->owner, 100000, NULL, &error))
    g_error ("open session: %s", error->message);
}

/* A bare single-row INSERT committed with synchronous=FULL, WAL mode, in
 * a file of its own next to the store. */
static GArray *
bare_commits (const char *dir,
              guint       n)
{
  g_autofree char *path = g_build_filename (dir, "bare.sqlite3", NULL);
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                     " CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "INSERT INTO t (v) VALUES (?1)", -1, &stmt, NULL);
  for (guint i = 0; i < n; i++)
    {
      gint64 start = now_us ();
      double ms;

      sqlite3_bind_text (stmt, 1, "a sale-sized row of text, more or less", -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      ms = (now_us () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return samples;
}

typedef struct
{
  char    *path;
  gint     stop;
  guint    batches;
} Load;

/* What a sync pull does to the store: 500-product upserts, one
 * transaction each, in a loop, on a connection of its own. */
static gpointer
load_thread (gpointer data)
{
  Load *load = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint offset = 0;

  g_assert_cmpint (sqlite3_open_v2 (load->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_exec (db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO product (id, name, sku, price, tax_class_id, updated_at, updated_by_device, name_key, sku_key)"
    " SELECT id, name, sku, price + 1, tax_class_id, ?3, 'sync', name_key, sku_key FROM product"
    "  WHERE rowid > ?1 AND rowid <= ?2"
    " ON CONFLICT (id) DO UPDATE SET price = excluded.price, version = version + 1,"
    "  updated_at = excluded.updated_at, updated_by_device = excluded.updated_by_device",
    -1, &stmt, NULL), ==, SQLITE_OK);

  while (!g_atomic_int_get (&load->stop))
    {
      if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        continue;
      sqlite3_bind_int64 (stmt, 1, offset);
      sqlite3_bind_int64 (stmt, 2, offset + 500);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("load: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
      if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        g_error ("load commit: %s", sqlite3_errmsg (db));
      load->batches++;
      offset = (offset + 500) % N_PRODUCTS;
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return NULL;
}

static void
bench_under_load (Bench *b)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  Load load = { g_build_filename (b->dir, "duka.sqlite3", NULL), 0, 0 };
  GThread *thread = g_thread_new ("load", load_thread, &load);
  gint64 start = now_us ();

  ring_sales (b, N_LOADED, samples);
  g_atomic_int_set (&load.stop, 1);
  g_thread_join (thread);
  g_printerr ("under load: %u sales while %u batches of 500 products were written in %.1f s\n",
              N_LOADED, load.batches, (now_us () - start) / 1e6);
  duka_bench_report ("sell.commit_under_load_p99_ms", duka_bench_percentile (samples, 99), "ms", 0, FALSE);
  g_free (load.path);
}

static void
bench_z (Bench *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *session = duka_cash_sessions_dup_open_id (b->sessions);
  g_autofree char *z = NULL;
  DukaCashCount count = { 100, 1 };
  gint64 start;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonObject) report = NULL;
      double ms;

      start = now_us ();
      report = duka_cash_sessions_report (b->sessions, session, &error);
      ms = (now_us () - start) / 1000.0;
      if (report == NULL)
        g_error ("report: %s", error->message);
      g_array_append_val (samples, ms);
    }
  duka_bench_report ("sell.z_report_ms", duka_bench_percentile (samples, 50), "ms", 0, FALSE);

  start = now_us ();
  if (!duka_cash_sessions_close (b->sessions, b->owner, &count, 1, &z, &error))
    g_error ("close: %s", error->message);
  duka_bench_report ("sell.z_close_ms", (now_us () - start) / 1000.0, "ms", 0, FALSE);
}

/* }}} */

int
duka_bench_sell (int    argc,
                 char **argv)
{
  Bench b = { 0 };
  g_autoptr(GArray) adds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = NULL;
  gint64 start = now_us ();
  double p99_empty, p99_full;

  set_up (&b);

  /* Commits before any history, then with 1,000,000 past sales. */
  open_session (&b);
  ring_sales (&b, N_COMMITS, empty);
  p99_empty = duka_bench_percentile (empty, 99);
  {
    g_autoptr(GError) error = NULL;
    DukaCashCount count = { 100, 1 };

    if (!duka_cash_sessions_close (b.sessions, b.owner, &count, 1, NULL, &error))
      g_error ("close: %s", error->message);
  }

  write_past_sales (&b);

  /* Adding lines: 2,000 of them, 5 to an order. */
  for (guint i = 0; i < N_ADDS / 5; i++)
    g_free (open_order_with_lines (&b, 5, adds));
  duka_bench_report ("sell.add_p99_ms", duka_bench_percentile (adds, 99), "ms", 0, FALSE);
  g_printerr ("add line: p50 %.3f ms\n", duka_bench_percentile (adds, 50));

  /* A day of 2,000 sales: its commits, then its Z report. */
  open_session (&b);
  ring_sales (&b, N_Z_SALES, full);
  bare = bare_commits (b.dir, N_Z_SALES);
  p99_full = duka_bench_percentile (full, 99);
  duka_bench_report ("sell.commit_p50_ms", duka_bench_percentile (full, 50), "ms",
                     duka_bench_percentile (bare, 50), TRUE);
  duka_bench_report ("sell.commit_p99_ms", p99_full, "ms", duka_bench_percentile (bare, 99), TRUE);
  duka_bench_report ("sell.commit_1m_ratio", p99_full / p99_empty, "x", 0, FALSE);
  g_printerr ("commit p99: %.3f ms empty, %.3f ms with 1M past sales\n", p99_empty, p99_full);
  bench_z (&b);

  open_session (&b);
  bench_under_load (&b);

  g_clear_object (&b.reg);
  g_clear_object (&b.sessions);
  g_clear_object (&b.catalog);
  g_clear_object (&b.store);
  duka_actor_free (b.owner);
  g_ptr_array_unref (b.product_ids);
  g_ptr_array_unref (b.product_names);
  g_array_unref (b.product_prices);
  g_rand_free (b.rand);
  duka_bench_remove_tree (b.dir);
  g_free (b.dir);

  duka_bench_report ("sell.total_s", (now_us () - start) / 1e6, "s", 0, FALSE);
  return 0;
}
