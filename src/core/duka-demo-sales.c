/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo business's history: about three months of sales, busier at
 * lunch and in the evening and at weekends, paid in cash, by card and by
 * mobile money, some with a discount, a few refunded.  They are frozen with the tax engine
 * as completing a sale does and written with duka_register_write_sale()
 * into the till's "demo" series, a day per transaction, with refunds
 * written the way duka_register_refund() writes them.  A fixed seed
 * makes the history the same every time (relative to today).  Last, a
 * cash session is opened with a float so a sale can be rung at once.
 */
#include <glib/gi18n-lib.h>

#include "duka-cash-sessions.h"
#include "duka-demo-sales.h"
#include "duka-id.h"
#include "duka-register-private.h"
#include "duka-store-private.h"

#define DEMO_SEED  20260105
#define DEMO_DAYS  91
#define DEMO_FLOAT 500000   /* KES 5,000.00 */
/* Days per transaction: few commits, each still short. */
#define DAYS_PER_WRITE 7

typedef struct
{
  char   *id;
  char   *name;
  char   *sku;
  char   *category_id;
  char   *tax_class_id;
  gint64  price;
} DemoProduct;

typedef struct
{
  char *id;
  char *kind;
  char *name;
} DemoTender;

typedef struct
{
  GRand      *rand;
  GArray     *products;   /* DemoProduct */
  GArray     *tenders;    /* DemoTender */
  GPtrArray  *staff;      /* ids */
  gint64      day_start;  /* the business day's midnight, local, in µs */
  guint       day_index;
  guint       days_ago;   /* the first day of the write */
  gint64      now;
  GTimeZone  *tz;
  guint       sales;
  guint       refunds;
} DemoJob;

static void
product_clear (DemoProduct *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p->sku);
  g_free (p->category_id);
  g_free (p->tax_class_id);
}

static void
tender_clear (DemoTender *t)
{
  g_free (t->id);
  g_free (t->kind);
  g_free (t->name);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static gboolean
load_world (DemoJob  *job,
            sqlite3  *db,
            const DukaActor *actor,
            const char *till_id,
            gint64    now,
            GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!duka_register_ensure_tender_types (db, actor, till_id, now, error))
    return FALSE;

  /* Simple products only: no variants, no modifier groups, a price. */
  stmt = duka_store_prepare_cached (db,
    "SELECT id, name, sku, category_id, tax_class_id, price FROM product p"
    " WHERE deleted = 0 AND price > 0"
    "  AND NOT EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id AND v.deleted = 0)"
    " ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DemoProduct p = { column_dup (stmt, 0), column_dup (stmt, 1), column_dup (stmt, 2),
                        column_dup (stmt, 3), column_dup (stmt, 4), sqlite3_column_int64 (stmt, 5) };

      g_array_append_val (job->products, p);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  stmt = duka_store_prepare_cached (db,
    "SELECT id, kind, name FROM tender_type WHERE deleted = 0 AND active = 1 ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DemoTender t = { column_dup (stmt, 0), column_dup (stmt, 1), column_dup (stmt, 2) };

      g_array_append_val (job->tenders, t);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  stmt = duka_store_prepare_cached (db, "SELECT id FROM staff WHERE deleted = 0 ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (job->staff, column_dup (stmt, 0));
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  if (job->products->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The demo has no products to sell; fill the catalog first"));
      return FALSE;
    }
  return TRUE;
}

/* Customers per hour from 7:00 to 21:00: a morning coffee bump, a busy
 * lunch and a busier evening. */
static const guint hour_weights[] = { 3, 5, 4, 3, 5, 11, 11, 5, 3, 4, 8, 10, 9, 5, 2 };

static guint
pick_hour (GRand *rand)
{
  guint total = 0, pick;

  for (guint i = 0; i < G_N_ELEMENTS (hour_weights); i++)
    total += hour_weights[i];
  pick = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (hour_weights); i++)
    {
      if (pick < hour_weights[i])
        return 7 + i;
      pick -= hour_weights[i];
    }
  return 12;
}

static const DemoTender *
tender_of_kind (DemoJob    *job,
                const char *kind)
{
  for (guint i = 0; i < job->tenders->len; i++)
    if (g_str_equal (g_array_index (job->tenders, DemoTender, i).kind, kind))
      return &g_array_index (job->tenders, DemoTender, i);
  return &g_array_index (job->tenders, DemoTender, 0);
}

static JsonObject *
payment_new (const DemoTender *tender,
             gint64            amount,
             gint64            tendered)
{
  g_autofree char *id = duka_id_new ();
  JsonObject *payment = json_object_new ();

  json_object_set_string_member (payment, "id", id);
  json_object_set_string_member (payment, "tender_type_id", tender->id);
  json_object_set_string_member (payment, "kind", tender->kind);
  json_object_set_string_member (payment, "name", tender->name);
  json_object_set_int_member (payment, "amount", amount);
  json_object_set_int_member (payment, "tendered", tendered);
  json_object_set_int_member (payment, "change", tendered - amount);
  json_object_set_null_member (payment, "card_last4");
  json_object_set_null_member (payment, "approval_code");
  json_object_set_null_member (payment, "reference");
  return payment;
}

static JsonObject *
build_sale (DemoJob             *job,
            DukaSellingContext  *ctx,
            GHashTable          *classes,
            gint64               at)
{
  g_autoptr(GArray) tax_lines = g_array_new (FALSE, TRUE, sizeof (DukaTaxLine));
  g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(DukaTaxResult) result = NULL;
  g_autofree char *sale_id = duka_id_new ();
  g_autofree char *business_date = duka_selling_business_date (ctx, at);
  JsonObject *sale = json_object_new ();
  JsonArray *lines = json_array_new ();
  JsonArray *payments = json_array_new ();
  JsonArray *taxes = json_array_new ();
  DukaTaxSettings settings;
  DukaTaxOrder order = { 0 };
  guint n_lines = 1 + (g_rand_int_range (job->rand, 0, 100) < 45) + (g_rand_int_range (job->rand, 0, 100) < 20);
  gboolean discounted = g_rand_int_range (job->rand, 0, 100) < 7;
  guint tender_pick = g_rand_int_range (job->rand, 0, 100);
  gint64 total;

  for (guint i = 0; i < n_lines; i++)
    {
      /* A few favourites sell most: the square of a uniform pick. */
      double u = g_rand_double (job->rand);
      guint index = MIN ((guint) (u * u * job->products->len), job->products->len - 1);
      DemoProduct *p = &g_array_index (job->products, DemoProduct, index);
      guint q = g_rand_int_range (job->rand, 0, 100);
      DukaTaxLine line = { DUKA_TAX_LINE_ITEM, p->price, q < 82 ? 1000 : q < 96 ? 2000 : 3000, NULL, 0 };

      if (ctx->taxed && p->tax_class_id != NULL)
        line.tax_class = g_hash_table_lookup (classes, p->tax_class_id);
      if (discounted && i == 0)
        line.discount_minor = (p->price * (line.quantity_milli / 1000)) / 10;  /* 10 % off */
      g_array_append_val (tax_lines, line);
      g_array_append_val (picked, index);
    }

  duka_register_tax_settings (ctx, &settings);
  order.lines = (const DukaTaxLine *) tax_lines->data;
  order.n_lines = tax_lines->len;
  result = duka_tax_compute (&settings, &order, NULL);
  g_assert (result != NULL);
  total = result->total_minor;

  for (guint i = 0; i < result->n_lines; i++)
    {
      const DukaTaxLineResult *r = &result->lines[i];
      const DukaTaxLine *in = &g_array_index (tax_lines, DukaTaxLine, i);
      DemoProduct *p = &g_array_index (job->products, DemoProduct, g_array_index (picked, guint, i));
      g_autofree char *line_id = duka_id_new ();
      JsonObject *frozen = json_object_new ();
      JsonArray *line_taxes = json_array_new ();

      json_object_set_string_member (frozen, "id", line_id);
      json_object_set_string_member (frozen, "kind", "item");
      json_object_set_string_member (frozen, "product_id", p->id);
      json_object_set_null_member (frozen, "variant_id");
      if (p->category_id != NULL)
        json_object_set_string_member (frozen, "category_id", p->category_id);
      else
        json_object_set_null_member (frozen, "category_id");
      if (p->tax_class_id != NULL)
        json_object_set_string_member (frozen, "tax_class_id", p->tax_class_id);
      else
        json_object_set_null_member (frozen, "tax_class_id");
      json_object_set_string_member (frozen, "name", p->name);
      if (p->sku != NULL && p->sku[0] != '\0')
        json_object_set_string_member (frozen, "sku", p->sku);
      else
        json_object_set_null_member (frozen, "sku");
      json_object_set_int_member (frozen, "quantity", in->quantity_milli);
      json_object_set_int_member (frozen, "unit_price", in->unit_price_minor);
      json_object_set_boolean_member (frozen, "price_overridden", FALSE);
      json_object_set_array_member (frozen, "modifiers", json_array_new ());
      json_object_set_null_member (frozen, "note");
      json_object_set_null_member (frozen, "seat");
      json_object_set_null_member (frozen, "course");
      json_object_set_int_member (frozen, "extended", r->extended_minor);
      json_object_set_int_member (frozen, "line_discount", r->line_discount_minor);
      if (r->line_discount_minor > 0)
        json_object_set_string_member (frozen, "discount_reason", _("Regular customer"));
      else
        json_object_set_null_member (frozen, "discount_reason");
      json_object_set_int_member (frozen, "order_discount", r->order_discount_minor);
      json_object_set_int_member (frozen, "net", r->net_minor);
      json_object_set_int_member (frozen, "tax", r->tax_minor);
      json_object_set_int_member (frozen, "total", r->total_minor);
      for (guint t = 0; t < r->n_taxes; t++)
        {
          JsonObject *tax = json_object_new ();

          json_object_set_string_member (tax, "rate_id", result->rates[r->taxes[t].rate_index].rate.id);
          json_object_set_int_member (tax, "tax", r->taxes[t].tax_minor);
          json_array_add_object_element (line_taxes, tax);
        }
      json_object_set_array_member (frozen, "taxes", line_taxes);
      json_array_add_object_element (lines, frozen);
    }

  for (guint i = 0; i < result->n_rates; i++)
    {
      const DukaTaxRateTotal *rate = &result->rates[i];
      JsonObject *tax = json_object_new ();

      json_object_set_string_member (tax, "rate_id", rate->rate.id);
      json_object_set_string_member (tax, "name", rate->rate.name);
      json_object_set_int_member (tax, "rate", rate->rate.rate_ppm);
      if (rate->rate.band != 0)
        {
          char band[2] = { rate->rate.band, 0 };
          json_object_set_string_member (tax, "band", band);
        }
      else
        json_object_set_null_member (tax, "band");
      json_object_set_int_member (tax, "taxable", rate->taxable_minor);
      json_object_set_int_member (tax, "tax", rate->tax_minor);
      json_array_add_object_element (taxes, tax);
    }

  /* Half pay cash with the next 100 shillings up, a third by card, the
   * rest by mobile money; a few split cash and card. */
  if (tender_pick < 50)
    {
      gint64 tendered = (total + 9999) / 10000 * 10000;

      json_array_add_object_element (payments, payment_new (tender_of_kind (job, "cash"), total, tendered));
    }
  else if (tender_pick < 85)
    {
      JsonObject *card = payment_new (tender_of_kind (job, "card"), total, total);
      g_autofree char *last4 = g_strdup_printf ("%04d", g_rand_int_range (job->rand, 0, 10000));

      json_object_set_string_member (card, "card_last4", last4);
      json_array_add_object_element (payments, card);
    }
  else if (tender_pick < 97 || total < 20000)
    {
      JsonObject *mobile = payment_new (tender_of_kind (job, "mobile"), total, total);
      g_autofree char *reference = g_strdup_printf ("QK%08X", (guint) g_rand_int (job->rand));

      json_object_set_string_member (mobile, "reference", reference);
      json_array_add_object_element (payments, mobile);
    }
  else
    {
      gint64 cash = total / 20000 * 10000;

      json_array_add_object_element (payments, payment_new (tender_of_kind (job, "cash"), cash, cash));
      json_array_add_object_element (payments, payment_new (tender_of_kind (job, "card"), total - cash, total - cash));
    }

  json_object_set_string_member (sale, "id", sale_id);
  json_object_set_null_member (sale, "order_id");
  json_object_set_string_member (sale, "outlet_id", ctx->outlet_id);
  json_object_set_string_member (sale, "till_id", ctx->till_id);
  json_object_set_null_member (sale, "cash_session_id");
  if (job->staff->len > 0)
    json_object_set_string_member (sale, "staff_id",
                                   g_ptr_array_index (job->staff, g_rand_int_range (job->rand, 0, job->staff->len)));
  else
    json_object_set_null_member (sale, "staff_id");
  json_object_set_null_member (sale, "customer_id");
  json_object_set_string_member (sale, "origin", "demo");
  json_object_set_string_member (sale, "business_date", business_date);
  json_object_set_int_member (sale, "at", at);
  json_object_set_string_member (sale, "currency", ctx->currency);
  json_object_set_string_member (sale, "tax_mode", ctx->taxed && ctx->tax_mode == DUKA_TAX_EXCLUSIVE
                                                   ? "exclusive" : "inclusive");
  json_object_set_int_member (sale, "subtotal", result->subtotal_minor);
  json_object_set_int_member (sale, "line_discounts", result->line_discounts_minor);
  json_object_set_int_member (sale, "order_discount", result->order_discount_minor);
  json_object_set_null_member (sale, "order_discount_reason");
  json_object_set_int_member (sale, "net", result->net_minor);
  json_object_set_int_member (sale, "tax", result->tax_minor);
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

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64 day_start (GTimeZone *tz,
                         gint64     now,
                         guint      days_ago);

typedef struct
{
  char   *sale_id;
  gint64  at;
  guint   reason;
} DemoRefund;

static void
demo_refund_clear (gpointer data)
{
  g_free (((DemoRefund *) data)->sale_id);
}

static const struct {
  const char *text;
  gboolean    restock;
} refund_reasons[] = {
  { N_("Changed their mind"), TRUE },
  { N_("Wrong item"), TRUE },
  { N_("Spoiled"), FALSE },
  { N_("Charged twice"), TRUE },
};

/* One business day's sales, and the refunds of a few. */
static gboolean
day_in_writer (DukaStore  *store,
               sqlite3    *db,
               gpointer    user_data,
               GError    **error)
{
  DemoJob *job = user_data;
  DukaSellingContext ctx;
  g_autoptr(GHashTable) classes = NULL;
  g_autoptr(DukaSeries) series = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (job->day_start / G_USEC_PER_SEC);
  g_autofree char *prefix = NULL;
  g_autoptr(GArray) refunds = g_array_new (FALSE, FALSE, sizeof (DemoRefund));
  gint64 last_moment = job->day_start + (gint64) 23 * 3600 * G_USEC_PER_SEC;
  GDateWeekday weekday;
  guint count;
  gboolean ok = FALSE;

  g_array_set_clear_func (refunds, demo_refund_clear);
  if (!duka_selling_context_load (db, &ctx, error))
    return FALSE;
  actor = duka_actor_new_owner (ctx.till_id);
  if (job->products->len == 0 &&
      !load_world (job, db, actor, ctx.till_id, job->day_start, error))
    goto out;
  classes = ctx.taxed ? duka_selling_tax_classes (db, error) : NULL;
  if (ctx.taxed && classes == NULL)
    goto out;

  prefix = g_strconcat (ctx.till_code, "D", NULL);
  series = duka_series_load (db, ctx.till_id, "demo", prefix, job->day_start, error);
  if (series == NULL)
    goto out;

  /* Weekends are busier; the business grows a little over the months. */
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, ctx.tz);

    weekday = g_date_time_get_day_of_week (local);
  }
  count = (weekday >= G_DATE_SATURDAY ? 62 : 40) + job->day_index / 6 + g_rand_int_range (job->rand, 0, 12);
  for (guint i = 0; i < count; i++)
    {
      gint64 at = job->day_start + (gint64) pick_hour (job->rand) * 3600 * G_USEC_PER_SEC +
                  g_rand_int_range (job->rand, 0, 3600) * G_USEC_PER_SEC;

      g_array_append_val (times, at);
    }
  g_array_sort (times, compare_times);

  for (guint i = 0; i <= times->len; i++)
    {
      gint64 at = i < times->len ? g_array_index (times, gint64, i) : G_MAXINT64;
      g_autoptr(JsonObject) sale = NULL;

      /* Refunds due before this sale, in the order they happened. */
      while (refunds->len > 0 && g_array_index (refunds, DemoRefund, 0).at <= at)
        {
          DemoRefund refund = g_array_index (refunds, DemoRefund, 0);
          g_autofree char *business_date = duka_selling_business_date (&ctx, refund.at);
          gboolean written;

          g_array_index (refunds, DemoRefund, 0).sale_id = NULL;
          g_array_remove_index (refunds, 0);
          written = duka_register_write_history_refund (db, series, "demo", refund.sale_id, business_date,
                                                        refund.at, _(refund_reasons[refund.reason].text),
                                                        refund_reasons[refund.reason].restock, actor, error);
          g_free (refund.sale_id);
          if (!written)
            goto out;
          job->refunds++;
        }
      if (i == times->len)
        break;

      sale = build_sale (job, &ctx, classes, at);
      if (!duka_register_write_sale (db, series, sale, actor, ctx.till_id, error))
        goto out;
      /* About one sale in seventy comes back within two hours. */
      if (g_rand_int_range (job->rand, 0, 70) == 0)
        {
          DemoRefund refund = {
            g_strdup (json_object_get_string_member (sale, "id")),
            MIN (at + (gint64) g_rand_int_range (job->rand, 5, 120) * 60 * G_USEC_PER_SEC, last_moment),
            g_rand_int_range (job->rand, 0, G_N_ELEMENTS (refund_reasons)),
          };
          guint k = 0;

          while (k < refunds->len && g_array_index (refunds, DemoRefund, k).at <= refund.at)
            k++;
          g_array_insert_val (refunds, k, refund);
        }
    }
  job->sales += times->len;
  ok = TRUE;

out:
  duka_selling_context_clear (&ctx);
  return ok;
}

/* A week of business days in one transaction. */
static gboolean
days_in_writer (DukaStore  *store,
                sqlite3    *db,
                gpointer    user_data,
                GError    **error)
{
  DemoJob *job = user_data;

  for (guint d = job->days_ago; d >= 1 && d + DAYS_PER_WRITE > job->days_ago; d--)
    {
      job->day_start = day_start (job->tz, job->now, d);
      job->day_index = DEMO_DAYS - d;
      if (!day_in_writer (store, db, job, error))
        return FALSE;
    }
  return TRUE;
}

/* The day's local midnight @days_ago before the business day of @now. */
static gint64
day_start (GTimeZone *tz,
           gint64     now,
           guint      days_ago)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (midnight, -(gint) days_ago);

  return g_date_time_to_unix (day) * G_USEC_PER_SEC;
}

static gboolean
read_zone (DukaStore   *store,
           GTimeZone  **out_tz,
           GError     **error)
{
  sqlite3 *db = duka_store_acquire_reader (store, error);
  DukaSellingContext ctx;
  gboolean ok;

  if (db == NULL)
    return FALSE;
  ok = duka_selling_context_load (db, &ctx, error);
  duka_store_release_reader (store, db);
  if (!ok)
    return FALSE;
  *out_tz = g_time_zone_ref (ctx.tz);
  duka_selling_context_clear (&ctx);
  return TRUE;
}

/**
 * duka_demo_fill_sales:
 *
 * Fills the demo's sales history and opens a cash session.  Deterministic
 * for a given day: the same seed draws the same sales.
 */
gboolean
duka_demo_fill_sales (DukaStore  *store,
                      GError    **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(DukaCashSessions) sessions = NULL;
  g_autoptr(DukaActor) actor = NULL;
  g_autofree char *session_id = NULL;
  DemoJob job = { 0 };
  gint64 now;
  gboolean ok = TRUE;

  g_return_val_if_fail (DUKA_IS_STORE (store), FALSE);

  if (!read_zone (store, &tz, error))
    return FALSE;
  now = duka_clock_now (duka_store_get_clock (store));

  job.rand = g_rand_new_with_seed (DEMO_SEED);
  job.products = g_array_new (FALSE, TRUE, sizeof (DemoProduct));
  g_array_set_clear_func (job.products, (GDestroyNotify) product_clear);
  job.tenders = g_array_new (FALSE, TRUE, sizeof (DemoTender));
  g_array_set_clear_func (job.tenders, (GDestroyNotify) tender_clear);
  job.staff = g_ptr_array_new_with_free_func (g_free);

  for (guint d = DEMO_DAYS; ok && d >= 1; d -= MIN (d, DAYS_PER_WRITE))
    {
      job.days_ago = d;
      job.now = now;
      job.tz = tz;
      ok = duka_store_write (store, days_in_writer, &job, error);
    }

  g_rand_free (job.rand);
  g_array_unref (job.products);
  g_array_unref (job.tenders);
  g_ptr_array_unref (job.staff);
  if (!ok)
    return FALSE;

  /* Today's drawer, counted and open. */
  sessions = duka_cash_sessions_new (store);
  session_id = duka_cash_sessions_dup_open_id (sessions);
  if (session_id != NULL)
    return TRUE;
  {
    sqlite3 *db = duka_store_acquire_reader (store, error);
    DukaSellingContext ctx;

    if (db == NULL)
      return FALSE;
    ok = duka_selling_context_load (db, &ctx, error);
    duka_store_release_reader (store, db);
    if (!ok)
      return FALSE;
    actor = duka_actor_new_owner (ctx.till_id);
    duka_selling_context_clear (&ctx);
  }
  return duka_cash_sessions_open (sessions, actor, DEMO_FLOAT, NULL, error);
}
