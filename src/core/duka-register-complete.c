/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Completing a sale: one short synchronous=FULL transaction on the writer
 * that freezes what was sold (names, SKUs, unit prices, tax rates and
 * bands, each line's share of the order discount, the cash rounding),
 * takes the next receipt number of the till's series, links the hash
 * chain, books the stock movements and appends the outbox ops.  Only after
 * it commits may the receipt print.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-entities.h"
#include "duka-id.h"
#include "duka-money.h"
#include "duka-permissions.h"
#include "duka-register-private.h"
#include "duka-registry.h"
#include "duka-store-private.h"

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   JsonObject   *object,
                   const char   *member)
{
  const char *text = json_object_get_string_member_with_default (object, member, NULL);

  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           index,
                  JsonObject   *object,
                  const char   *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
  else
    sqlite3_bind_null (stmt, index);
}

static gint64
get_int (JsonObject *object,
         const char *member)
{
  return json_object_get_int_member_with_default (object, member, 0);
}

static char *
member_to_json (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("[]");
  return json_to_string (node, FALSE);
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);

  duka_store_stmt_done (stmt);
  return ok;
}

static gboolean
insert_sale_row (sqlite3     *db,
                 const char  *id,
                 JsonObject  *sale,
                 GError     **error)
{
  static const char * const columns[] = {
    "order_id", "outlet_id", "till_id", "cash_session_id", "staff_id", "customer_id",
    "series_id", "seq", "number", "receipt_no", "origin", "business_date", "at", "currency",
    "tax_mode", "subtotal", "line_discounts", "order_discount", "order_discount_reason", "net",
    "tax", "charges", "tips", "cash_rounding", "total", "paid", "change", "prev_hash", "hash",
  };
  static const char sql[] =
    "INSERT INTO sale (id, order_id, outlet_id, till_id, cash_session_id, staff_id, customer_id,"
    " series_id, seq, number, receipt_no, origin, business_date, at, currency, tax_mode,"
    " subtotal, line_discounts, order_discount, order_discount_reason, net, tax, charges, tips,"
    " cash_rounding, total, paid, change, prev_hash, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)";
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      JsonNode *node = json_object_get_member (sale, columns[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        sqlite3_bind_null (stmt, i + 2);
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        sqlite3_bind_text (stmt, i + 2, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 2, json_node_get_int (node));
    }
  return step_done (db, stmt, error);
}

static gboolean
insert_sale_lines (sqlite3     *db,
                   const char  *sale_id,
                   JsonArray   *lines,
                   GError     **error)
{
  static const char sql[] =
    "INSERT INTO sale_line (id, sale_id, position, kind, product_id, variant_id, category_id,"
    " tax_class_id, name, sku, quantity, unit_price, price_overridden, modifiers, note, seat,"
    " course, extended, line_discount, discount_reason, order_discount, net, tax, total, taxes)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24, ?25)";

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
      g_autofree char *modifiers = member_to_json (line, "modifiers");
      g_autofree char *taxes = member_to_json (line, "taxes");

      if (stmt == NULL)
        return FALSE;
      bind_text_or_null (stmt, 1, line, "id");
      sqlite3_bind_text (stmt, 2, sale_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      bind_text_or_null (stmt, 4, line, "kind");
      bind_text_or_null (stmt, 5, line, "product_id");
      bind_text_or_null (stmt, 6, line, "variant_id");
      bind_text_or_null (stmt, 7, line, "category_id");
      bind_text_or_null (stmt, 8, line, "tax_class_id");
      bind_text_or_null (stmt, 9, line, "name");
      bind_text_or_null (stmt, 10, line, "sku");
      sqlite3_bind_int64 (stmt, 11, get_int (line, "quantity"));
      sqlite3_bind_int64 (stmt, 12, get_int (line, "unit_price"));
      sqlite3_bind_int (stmt, 13, json_object_get_boolean_member_with_default (line, "price_overridden", FALSE));
      sqlite3_bind_text (stmt, 14, modifiers, -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 15, line, "note");
      bind_int_or_null (stmt, 16, line, "seat");
      bind_int_or_null (stmt, 17, line, "course");
      sqlite3_bind_int64 (stmt, 18, get_int (line, "extended"));
      sqlite3_bind_int64 (stmt, 19, get_int (line, "line_discount"));
      bind_text_or_null (stmt, 20, line, "discount_reason");
      sqlite3_bind_int64 (stmt, 21, get_int (line, "order_discount"));
      sqlite3_bind_int64 (stmt, 22, get_int (line, "net"));
      sqlite3_bind_int64 (stmt, 23, get_int (line, "tax"));
      sqlite3_bind_int64 (stmt, 24, get_int (line, "total"));
      sqlite3_bind_text (stmt, 25, taxes, -1, SQLITE_TRANSIENT);
      if (!step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_sale_payments (sqlite3     *db,
                      const char  *sale_id,
                      JsonArray   *payments,
                      GError     **error)
{
  static const char sql[] =
    "INSERT INTO sale_payment (id, sale_id, position, tender_type_id, kind, name, amount,"
    " tendered, change, card_last4, approval_code, reference)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

  for (guint i = 0; i < json_array_get_length (payments); i++)
    {
      JsonObject *payment = json_array_get_object_element (payments, i);
      sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);

      if (stmt == NULL)
        return FALSE;
      bind_text_or_null (stmt, 1, payment, "id");
      sqlite3_bind_text (stmt, 2, sale_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      bind_text_or_null (stmt, 4, payment, "tender_type_id");
      bind_text_or_null (stmt, 5, payment, "kind");
      bind_text_or_null (stmt, 6, payment, "name");
      sqlite3_bind_int64 (stmt, 7, get_int (payment, "amount"));
      sqlite3_bind_int64 (stmt, 8, get_int (payment, "tendered"));
      sqlite3_bind_int64 (stmt, 9, get_int (payment, "change"));
      bind_text_or_null (stmt, 10, payment, "card_last4");
      bind_text_or_null (stmt, 11, payment, "approval_code");
      bind_text_or_null (stmt, 12, payment, "reference");
      if (!step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_sale_taxes (sqlite3     *db,
                   const char  *sale_id,
                   JsonArray   *taxes,
                   GError     **error)
{
  static const char sql[] =
    "INSERT INTO sale_tax (sale_id, position, rate_id, name, rate, band, taxable, tax)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

  for (guint i = 0; i < json_array_get_length (taxes); i++)
    {
      JsonObject *tax = json_array_get_object_element (taxes, i);
      sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, sale_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      bind_text_or_null (stmt, 3, tax, "rate_id");
      bind_text_or_null (stmt, 4, tax, "name");
      sqlite3_bind_int64 (stmt, 5, get_int (tax, "rate"));
      bind_text_or_null (stmt, 6, tax, "band");
      sqlite3_bind_int64 (stmt, 7, get_int (tax, "taxable"));
      sqlite3_bind_int64 (stmt, 8, get_int (tax, "tax"));
      if (!step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * duka_register_stock_movement:
 *
 * Books one stock movement fact (and its op): @quantity is signed
 * thousandths, negative for stock that left.
 */
gboolean
duka_register_stock_movement (sqlite3          *db,
                              const char       *product_id,
                              const char       *variant_id,
                              const char       *outlet_id,
                              gint64            quantity,
                              const char       *reason,
                              const char       *document_id,
                              const char       *business_date,
                              gint64            at,
                              const DukaActor  *actor,
                              const char       *device,
                              GError          **error)
{
  static const char sql[] =
    "INSERT INTO stock_movement (id, product_id, variant_id, outlet_id, quantity, reason,"
    " document_id, business_date, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  g_autofree char *id = duka_id_new ();
  g_autoptr(JsonObject) data = json_object_new ();
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, product_id, -1, SQLITE_TRANSIENT);
  if (variant_id != NULL)
    sqlite3_bind_text (stmt, 3, variant_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, outlet_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, quantity);
  sqlite3_bind_text (stmt, 6, reason, -1, SQLITE_TRANSIENT);
  if (document_id != NULL)
    sqlite3_bind_text (stmt, 7, document_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, business_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, at);
  if (!step_done (db, stmt, error))
    return FALSE;
  duka_store_record_change (db, "stock_movement", id);

  json_object_set_string_member (data, "product_id", product_id);
  if (variant_id != NULL)
    json_object_set_string_member (data, "variant_id", variant_id);
  else
    json_object_set_null_member (data, "variant_id");
  json_object_set_string_member (data, "outlet_id", outlet_id);
  json_object_set_int_member (data, "quantity", quantity);
  json_object_set_string_member (data, "reason", reason);
  json_object_set_string_member (data, "document_id", document_id);
  json_object_set_string_member (data, "business_date", business_date);
  json_object_set_int_member (data, "at", at);

  return duka_selling_fact_op (db, "stock_movement", id, data, actor, device, at, business_date, error);
}

gboolean
duka_register_write_sale (sqlite3          *db,
                          DukaSeries       *series,
                          JsonObject       *sale,
                          const DukaActor  *actor,
                          const char       *device,
                          GError          **error)
{
  const char *id = json_object_get_string_member (sale, "id");
  g_autofree char *receipt_no = g_strdup_printf ("%s-%" G_GINT64_FORMAT, series->prefix, series->next_number);
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonArray *lines;

  json_object_set_int_member (sale, "number", series->next_number);
  json_object_set_string_member (sale, "receipt_no", receipt_no);

  /* The op's data, and the bytes the chain hashes: the fact without id. */
  json_object_iter_init (&iter, sale);
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_str_equal (member, "id"))
      json_object_set_member (data, member, json_node_copy (value));
  if (!duka_series_link (db, series, "sale", id, data, TRUE, FALSE, error))
    return FALSE;
  json_object_set_string_member (sale, "series_id", json_object_get_string_member (data, "series_id"));
  json_object_set_int_member (sale, "seq", json_object_get_int_member (data, "seq"));
  json_object_set_string_member (sale, "prev_hash", json_object_get_string_member (data, "prev_hash"));
  json_object_set_string_member (sale, "hash", json_object_get_string_member (data, "hash"));

  if (!duka_registry_validate (duka_registry_lookup ("sale"), data, &local_error))
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID,
                   /* Translators: the reason comes from the data contract */
                   _("This sale cannot be stored: %s"), local_error->message);
      return FALSE;
    }

  lines = json_object_get_array_member (sale, "lines");
  if (!insert_sale_row (db, id, sale, error) ||
      !insert_sale_lines (db, id, lines, error) ||
      !insert_sale_payments (db, id, json_object_get_array_member (sale, "payments"), error) ||
      !insert_sale_taxes (db, id, json_object_get_array_member (sale, "taxes"), error))
    return FALSE;
  duka_store_record_change (db, "sale", id);

  if (!duka_selling_fact_op (db, "sale", id, data, actor, device,
                             get_int (sale, "at"),
                             json_object_get_string_member (sale, "business_date"), error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      const char *product_id = json_object_get_string_member_with_default (line, "product_id", NULL);

      if (product_id == NULL || g_strcmp0 (json_object_get_string_member (line, "kind"), "item") != 0)
        continue;
      if (!duka_register_stock_movement (db, product_id,
                                         json_object_get_string_member_with_default (line, "variant_id", NULL),
                                         json_object_get_string_member (sale, "outlet_id"),
                                         -get_int (line, "quantity"), "sale", id,
                                         json_object_get_string_member (sale, "business_date"),
                                         get_int (sale, "at"), actor, device, error))
        return FALSE;
    }

  return TRUE;
}

/* Building the sale ------------------------------------------------------------ */

typedef struct
{
  DukaRegister     *self;
  const DukaActor  *actor;
  const char       *order_id;
  const DukaTender *tenders;
  guint             n_tenders;
  gint64            now;
  char             *sale_id;
} CompleteJob;

static void
set_string_or_null (JsonObject  *object,
                    const char  *member,
                    const char  *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static void
copy_member (JsonObject  *to,
             JsonObject  *from,
             const char  *member)
{
  JsonNode *node = json_object_get_member (from, member);

  if (node != NULL)
    json_object_set_member (to, member, json_node_copy (node));
  else
    json_object_set_null_member (to, member);
}

/* The payments, checked and applied in order: only cash may exceed what is
 * due (the rest is change), and cash rounding applies when cash settles. */
static JsonArray *
build_payments (sqlite3             *db,
                DukaSellingContext  *ctx,
                CompleteJob         *job,
                gint64               due,
                gint64              *out_rounding,
                gint64              *out_paid,
                gint64              *out_change,
                GError             **error)
{
  g_autoptr(JsonArray) payments = json_array_new ();
  const DukaKindSpec *kind = duka_registry_lookup ("tender_type");
  gint64 remaining = due;
  gint64 rounding = 0;
  gint64 paid = 0;
  gint64 change = 0;

  for (guint i = 0; i < job->n_tenders; i++)
    {
      const DukaTender *tender = &job->tenders[i];
      g_autoptr(JsonObject) type = duka_entities_load (db, kind, tender->tender_type_id, NULL);
      g_autofree char *payment_id = duka_id_new ();
      JsonObject *payment;
      const char *tender_kind;
      gint64 applied = tender->amount;
      gint64 given_change = 0;

      if (type == NULL || json_object_get_boolean_member_with_default (type, "deleted", FALSE) ||
          !json_object_get_boolean_member_with_default (type, "active", TRUE))
        {
          duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("This way of paying is not available"));
          return NULL;
        }
      tender_kind = json_object_get_string_member (type, "kind");
      if (remaining <= 0)
        {
          duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                _("The sale is already paid; remove the extra payment"));
          return NULL;
        }

      if (g_str_equal (tender_kind, "cash"))
        {
          gint64 cash_due = remaining;

          if (ctx->cash_step > 0 &&
              !duka_money_round_to_step (remaining, ctx->cash_step, DUKA_ROUND_HALF_UP, &cash_due, error))
            return NULL;
          if (tender->amount >= cash_due)
            {
              rounding = cash_due - remaining;
              applied = cash_due;
              given_change = tender->amount - cash_due;
              remaining = 0;
            }
          else
            remaining -= applied;
        }
      else
        {
          if (tender->amount > remaining)
            {
              duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                    _("Only cash can be more than what is due"));
              return NULL;
            }
          remaining -= applied;
        }

      payment = json_object_new ();
      json_object_set_string_member (payment, "id", payment_id);
      json_object_set_string_member (payment, "tender_type_id", tender->tender_type_id);
      json_object_set_string_member (payment, "kind", tender_kind);
      json_object_set_string_member (payment, "name", json_object_get_string_member (type, "name"));
      json_object_set_int_member (payment, "amount", applied);
      json_object_set_int_member (payment, "tendered", tender->amount);
      json_object_set_int_member (payment, "change", given_change);
      set_string_or_null (payment, "card_last4", tender->card_last4);
      set_string_or_null (payment, "approval_code", tender->approval_code);
      set_string_or_null (payment, "reference", tender->reference);
      json_array_add_object_element (payments, payment);
      paid += applied;
      change += given_change;
    }

  if (remaining > 0)
    {
      g_autofree char *amount = duka_money_format (remaining, duka_currency_lookup (ctx->currency));
      g_autofree char *message = g_strdup_printf (_("%s is still due"), amount);

      duka_register_refuse (error, DUKA_REGISTER_ERROR_UNDERPAID, message);
      return NULL;
    }

  *out_rounding = rounding;
  *out_paid = paid;
  *out_change = change;
  return g_steal_pointer (&payments);
}

static JsonArray *
build_lines (sqlite3        *db,
             DukaOrder      *order,
             DukaTaxResult  *result,
             GError        **error)
{
  g_autoptr(JsonArray) lines = json_array_new ();
  const DukaKindSpec *kind = duka_registry_lookup ("order_line");
  guint live = 0;

  for (guint i = 0; i < order->lines->len; i++)
    {
      DukaOrderLine *line = g_ptr_array_index (order->lines, i);
      g_autoptr(JsonObject) record = NULL;
      const DukaTaxLineResult *r;
      g_autofree char *id = NULL;
      JsonObject *frozen;
      JsonArray *taxes;

      if (line->voided)
        continue;
      r = &result->lines[live++];
      record = duka_entities_load (db, kind, line->id, error);
      if (record == NULL)
        return NULL;

      id = duka_id_new ();
      frozen = json_object_new ();
      json_object_set_string_member (frozen, "id", id);
      copy_member (frozen, record, "kind");
      copy_member (frozen, record, "product_id");
      copy_member (frozen, record, "variant_id");
      copy_member (frozen, record, "category_id");
      copy_member (frozen, record, "tax_class_id");
      copy_member (frozen, record, "name");
      copy_member (frozen, record, "sku");
      copy_member (frozen, record, "quantity");
      copy_member (frozen, record, "unit_price");
      json_object_set_boolean_member (frozen, "price_overridden",
                                      json_object_get_boolean_member_with_default (record, "price_overridden", FALSE));
      copy_member (frozen, record, "modifiers");
      copy_member (frozen, record, "note");
      copy_member (frozen, record, "seat");
      copy_member (frozen, record, "course");
      json_object_set_int_member (frozen, "extended", r->extended_minor);
      json_object_set_int_member (frozen, "line_discount", r->line_discount_minor);
      copy_member (frozen, record, "discount_reason");
      json_object_set_int_member (frozen, "order_discount", r->order_discount_minor);
      json_object_set_int_member (frozen, "net", r->net_minor);
      json_object_set_int_member (frozen, "tax", r->tax_minor);
      json_object_set_int_member (frozen, "total", r->total_minor);
      taxes = json_array_new ();
      for (guint t = 0; t < r->n_taxes; t++)
        {
          JsonObject *tax = json_object_new ();

          json_object_set_string_member (tax, "rate_id", result->rates[r->taxes[t].rate_index].rate.id);
          json_object_set_int_member (tax, "tax", r->taxes[t].tax_minor);
          json_array_add_object_element (taxes, tax);
        }
      json_object_set_array_member (frozen, "taxes", taxes);
      json_array_add_object_element (lines, frozen);
    }

  return g_steal_pointer (&lines);
}

static JsonArray *
build_taxes (DukaTaxResult *result)
{
  JsonArray *taxes = json_array_new ();

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
  return taxes;
}

static gboolean
complete_in_writer (DukaStore  *store,
                    sqlite3    *db,
                    gpointer    user_data,
                    GError    **error)
{
  CompleteJob *job = user_data;
  DukaSellingContext ctx;
  g_autoptr(DukaOrder) order = NULL;
  g_autoptr(DukaTaxResult) result = NULL;
  g_autoptr(JsonObject) sale = json_object_new ();
  g_autoptr(JsonObject) order_changes = json_object_new ();
  g_autoptr(JsonObject) order_written = NULL;
  g_autoptr(DukaSeries) series = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *business_date = NULL;
  g_autofree char *sale_id = duka_id_new ();
  JsonArray *lines = NULL;
  JsonArray *payments = NULL;
  gint64 rounding = 0, paid = 0, change = 0, total;
  gboolean has_items = FALSE;
  gboolean ok = FALSE;

  if (!duka_selling_context_load (db, &ctx, error))
    return FALSE;

  if (!duka_selling_open_session (db, ctx.till_id, &session_id, &business_date))
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_NO_CASH_SESSION,
                            _("Open a cash session before selling"));
      goto out;
    }

  order = duka_register_compute (db, &ctx, job->order_id, &result, error);
  if (order == NULL)
    goto out;
  for (guint i = 0; i < order->lines->len; i++)
    {
      DukaOrderLine *line = g_ptr_array_index (order->lines, i);
      has_items |= !line->voided && line->kind == DUKA_LINE_ITEM;
    }
  if (!has_items)
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_EMPTY, _("The order has nothing to sell"));
      goto out;
    }
  if (!duka_register_ensure_tender_types (db, job->actor, ctx.till_id, job->now, error))
    goto out;

  payments = build_payments (db, &ctx, job, order->total, &rounding, &paid, &change, error);
  if (payments == NULL)
    goto out;
  lines = build_lines (db, order, result, error);
  if (lines == NULL)
    goto out;
  total = order->total + rounding;

  json_object_set_string_member (sale, "id", sale_id);
  json_object_set_string_member (sale, "order_id", order->id);
  json_object_set_string_member (sale, "outlet_id", ctx.outlet_id);
  json_object_set_string_member (sale, "till_id", ctx.till_id);
  json_object_set_string_member (sale, "cash_session_id", session_id);
  set_string_or_null (sale, "staff_id", job->actor != NULL ? job->actor->staff_id : NULL);
  json_object_set_null_member (sale, "customer_id");
  json_object_set_string_member (sale, "origin", "live");
  json_object_set_string_member (sale, "business_date", business_date);
  json_object_set_int_member (sale, "at", job->now);
  json_object_set_string_member (sale, "currency", ctx.currency);
  json_object_set_string_member (sale, "tax_mode", ctx.taxed && ctx.tax_mode == DUKA_TAX_EXCLUSIVE
                                                   ? "exclusive" : "inclusive");
  json_object_set_int_member (sale, "subtotal", result->subtotal_minor - order->charges - order->tips);
  json_object_set_int_member (sale, "line_discounts", result->line_discounts_minor);
  json_object_set_int_member (sale, "order_discount", result->order_discount_minor);
  set_string_or_null (sale, "order_discount_reason", order->discount_reason);
  json_object_set_int_member (sale, "net", result->net_minor);
  json_object_set_int_member (sale, "tax", result->tax_minor);
  json_object_set_int_member (sale, "charges", order->charges);
  json_object_set_int_member (sale, "tips", order->tips);
  json_object_set_int_member (sale, "cash_rounding", rounding);
  json_object_set_int_member (sale, "total", total);
  json_object_set_int_member (sale, "paid", paid);
  json_object_set_int_member (sale, "change", change);
  json_object_set_array_member (sale, "lines", g_steal_pointer (&lines));
  json_object_set_array_member (sale, "payments", g_steal_pointer (&payments));
  json_object_set_array_member (sale, "taxes", build_taxes (result));

  series = duka_series_load (db, ctx.till_id, "live", ctx.till_code, job->now, error);
  if (series == NULL ||
      !duka_register_write_sale (db, series, sale, job->actor, ctx.till_id, error))
    goto out;

  json_object_set_string_member (order_changes, "state", "completed");
  json_object_set_string_member (order_changes, "sale_id", sale_id);
  json_object_set_boolean_member (order_changes, "parked", FALSE);
  order_written = duka_selling_upsert (db, "open_order", order->id, order_changes, job->actor,
                                       ctx.till_id, job->now, error);
  if (order_written == NULL)
    goto out;

  job->sale_id = g_steal_pointer (&sale_id);
  ok = TRUE;

out:
  if (lines != NULL)
    json_array_unref (lines);
  if (payments != NULL)
    json_array_unref (payments);
  duka_selling_context_clear (&ctx);
  return ok;
}

static gboolean
check_tender_shape (const DukaTender  *tender,
                    GError           **error)
{
  if (!duka_id_is_valid (tender->tender_type_id))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("Choose how the customer pays"));
  if (tender->amount <= 0 || tender->amount > G_GINT64_CONSTANT (1000000000000))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("A payment must be more than zero"));
  if (tender->card_last4 != NULL)
    {
      if (strlen (tender->card_last4) != 4)
        return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                     _("Enter only the last four digits of the card"));
      for (const char *p = tender->card_last4; *p; p++)
        if (!g_ascii_isdigit (*p))
          return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                       _("Enter only the last four digits of the card"));
    }
  if (tender->approval_code != NULL && (strlen (tender->approval_code) == 0 ||
                                        g_utf8_strlen (tender->approval_code, -1) > 32))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The approval code is not valid"));
  if (tender->reference != NULL && (strlen (tender->reference) == 0 ||
                                    g_utf8_strlen (tender->reference, -1) > 64))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The reference is not valid"));
  return TRUE;
}

gboolean
duka_register_complete (DukaRegister      *self,
                        const DukaActor   *actor,
                        const char        *order_id,
                        const DukaTender  *tenders,
                        guint              n_tenders,
                        char             **out_sale_id,
                        GError           **error)
{
  CompleteJob job = { self, actor, order_id, tenders, n_tenders, 0, NULL };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (tenders != NULL || n_tenders == 0, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (!duka_id_is_valid (order_id))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This order no longer exists"));
  if (n_tenders == 0)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_UNDERPAID, _("Choose how the customer pays"));
  for (guint i = 0; i < n_tenders; i++)
    if (!check_tender_shape (&tenders[i], error))
      return FALSE;

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  if (!duka_store_write_full_sync (self->store, complete_in_writer, &job, error))
    return FALSE;

  if (out_sale_id != NULL)
    *out_sale_id = g_steal_pointer (&job.sale_id);
  g_free (job.sale_id);
  return TRUE;
}
