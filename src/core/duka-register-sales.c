/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Past sales: reading them back, finding them, and refunds.  A refund is
 * a new fact linked to the sale that reverses the sale's stored amounts
 * (never today's prices), never more than was sold across several partial
 * refunds.
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

/* Reading ----------------------------------------------------------------- */

/* One row as a JSON object: integers, text and NULLs by column name;
 * columns in @json_columns hold JSON text and are parsed. */
static JsonObject *
row_to_object (sqlite3_stmt        *stmt,
               const char * const  *json_columns)
{
  JsonObject *object = json_object_new ();

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_NULL:
          json_object_set_null_member (object, name);
          break;
        case SQLITE_INTEGER:
          json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, i));
          break;
        default:
          if (json_columns != NULL && g_strv_contains (json_columns, name))
            {
              JsonNode *node = json_from_string ((const char *) sqlite3_column_text (stmt, i), NULL);

              if (node != NULL)
                json_object_set_member (object, name, node);
              else
                json_object_set_null_member (object, name);
            }
          else
            json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, i));
          break;
        }
    }
  return object;
}

static JsonArray *
rows_to_array (sqlite3             *db,
               const char          *sql,
               const char          *key,
               const char * const  *json_columns,
               const char * const  *booleans,
               GError             **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = row_to_object (stmt, json_columns);

      for (guint i = 0; booleans != NULL && booleans[i] != NULL; i++)
        json_object_set_boolean_member (row, booleans[i],
                                        json_object_get_int_member_with_default (row, booleans[i], 0) != 0);
      json_array_add_object_element (array, row);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&array);
}

JsonObject *
duka_register_read_sale (sqlite3     *db,
                         const char  *sale_id,
                         GError     **error)
{
  static const char * const line_json[] = { "modifiers", "taxes", NULL };
  static const char * const line_bools[] = { "price_overridden", NULL };
  g_autoptr(JsonObject) sale = NULL;
  sqlite3_stmt *stmt;
  JsonArray *array;

  stmt = duka_store_prepare_cached (db,
    "SELECT id, order_id, outlet_id, till_id, cash_session_id, staff_id, customer_id, series_id,"
    "       seq, number, receipt_no, origin, business_date, at, currency, tax_mode, subtotal,"
    "       line_discounts, order_discount, order_discount_reason, net, tax, charges, tips,"
    "       cash_rounding, total, paid, change, prev_hash, hash"
    " FROM sale WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, sale_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sale = row_to_object (stmt, NULL);
  duka_store_stmt_done (stmt);
  if (sale == NULL)
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("No such sale"));
      return NULL;
    }

  array = rows_to_array (db,
    "SELECT l.id, l.kind, l.product_id, l.variant_id, l.category_id, l.tax_class_id, l.name,"
    "       l.sku, l.quantity, l.unit_price, l.price_overridden, l.modifiers, l.note, l.seat,"
    "       l.course, l.extended, l.line_discount, l.discount_reason, l.order_discount, l.net,"
    "       l.tax, l.total, l.taxes,"
    "       coalesce ((SELECT sum (r.quantity) FROM refund_line r WHERE r.sale_line_id = l.id), 0)"
    "         AS refunded,"
    "       coalesce ((SELECT sum (r.total) FROM refund_line r WHERE r.sale_line_id = l.id), 0)"
    "         AS refunded_total"
    " FROM sale_line l WHERE l.sale_id = ?1 ORDER BY l.position", sale_id, line_json, line_bools, error);
  if (array == NULL)
    return NULL;
  json_object_set_array_member (sale, "lines", array);

  array = rows_to_array (db,
    "SELECT id, tender_type_id, kind, name, amount, tendered, change, card_last4, approval_code,"
    "       reference FROM sale_payment WHERE sale_id = ?1 ORDER BY position", sale_id, NULL, NULL, error);
  if (array == NULL)
    return NULL;
  json_object_set_array_member (sale, "payments", array);

  array = rows_to_array (db,
    "SELECT rate_id, name, rate, band, taxable, tax FROM sale_tax WHERE sale_id = ?1 ORDER BY position",
    sale_id, NULL, NULL, error);
  if (array == NULL)
    return NULL;
  json_object_set_array_member (sale, "taxes", array);

  array = rows_to_array (db,
    "SELECT id, receipt_no, total, at FROM refund WHERE sale_id = ?1 ORDER BY seq",
    sale_id, NULL, NULL, error);
  if (array == NULL)
    return NULL;
  json_object_set_array_member (sale, "refunds", array);

  return g_steal_pointer (&sale);
}

JsonObject *
duka_register_load_sale (DukaRegister  *self,
                         const char    *sale_id,
                         GError       **error)
{
  JsonObject *sale;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  sale = duka_register_read_sale (db, sale_id, error);
  duka_store_release_reader (self->store, db);
  return sale;
}

JsonObject *
duka_register_load_refund (DukaRegister  *self,
                           const char    *refund_id,
                           GError       **error)
{
  g_autoptr(JsonObject) refund = NULL;
  sqlite3_stmt *stmt;
  JsonArray *array = NULL;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;

  stmt = duka_store_prepare_cached (db,
    "SELECT id, sale_id, outlet_id, till_id, cash_session_id, staff_id, series_id, seq, number,"
    "       receipt_no, origin, business_date, at, currency, reason, restock, net, tax, total,"
    "       prev_hash, hash FROM refund WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, refund_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        refund = row_to_object (stmt, NULL);
      duka_store_stmt_done (stmt);
    }
  if (refund != NULL)
    {
      json_object_set_boolean_member (refund, "restock", json_object_get_int_member (refund, "restock") != 0);
      array = rows_to_array (db,
        "SELECT r.id, r.sale_line_id, r.quantity, r.net, r.tax, r.total, l.name"
        " FROM refund_line r JOIN sale_line l ON l.id = r.sale_line_id"
        " WHERE r.refund_id = ?1 ORDER BY r.position", refund_id, NULL, NULL, error);
      if (array != NULL)
        json_object_set_array_member (refund, "lines", array);
      array = array == NULL ? NULL : rows_to_array (db,
        "SELECT id, tender_type_id, kind, name, amount, reference FROM refund_payment"
        " WHERE refund_id = ?1 ORDER BY position", refund_id, NULL, NULL, error);
      if (array != NULL)
        json_object_set_array_member (refund, "payments", array);
    }
  else if (stmt != NULL)
    duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("No such refund"));
  duka_store_release_reader (self->store, db);

  return array != NULL ? g_steal_pointer (&refund) : NULL;
}

GPtrArray *
duka_register_find_sales (DukaRegister         *self,
                          const DukaSaleQuery  *query,
                          GError              **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GString) sql = g_string_new (
    "SELECT s.id, s.receipt_no, s.at, s.business_date, s.total, s.staff_id, s.currency,"
    "       coalesce ((SELECT sum (r.total) FROM refund r WHERE r.sale_id = s.id), 0) AS refunded"
    " FROM sale s WHERE 1");
  g_autofree char *receipt = NULL;
  g_autofree char *number_suffix = NULL;
  gint64 total = query != NULL ? query->total : -1;
  gint64 text_amount = -1;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), NULL);

  if (query != NULL && query->text != NULL && *query->text != '\0')
    {
      g_autofree char *text = g_strstrip (g_strdup (query->text));
      const char *p = text;
      gboolean digits = *p != '\0';

      for (; *p; p++)
        digits &= g_ascii_isdigit (*p);
      if (strchr (text, '-') != NULL)
        receipt = g_strdup (text);
      else if (digits)
        number_suffix = g_strdup_printf ("%%-%s", text);
      /* An amount as the customer reads it: "12.50". */
      if (strchr (text, '-') == NULL)
        {
          DukaSellingContext ctx;
          sqlite3 *reader = duka_store_acquire_reader (self->store, NULL);

          if (reader != NULL && duka_selling_context_load (reader, &ctx, NULL))
            {
              if (!duka_money_parse (text, duka_currency_lookup (ctx.currency), LC_GLOBAL_LOCALE, &text_amount, NULL))
                text_amount = -1;
              duka_selling_context_clear (&ctx);
            }
          if (reader != NULL)
            duka_store_release_reader (self->store, reader);
        }
    }
  if (query != NULL && query->receipt_no != NULL && *query->receipt_no != '\0')
    {
      g_free (receipt);
      receipt = g_strdup (query->receipt_no);
    }

  if (receipt != NULL)
    g_string_append (sql, " AND s.receipt_no = ?1");
  else if (number_suffix != NULL || text_amount >= 0)
    g_string_append (sql, " AND (s.receipt_no LIKE ?2 OR s.total = ?3)");
  if (query != NULL && query->business_date != NULL)
    g_string_append (sql, " AND s.business_date = ?4");
  if (total >= 0)
    g_string_append (sql, " AND s.total = ?5");
  if (query != NULL && query->customer_id != NULL)
    g_string_append (sql, " AND s.customer_id = ?6");
  g_string_append (sql, " ORDER BY s.business_date DESC, s.at DESC, s.id LIMIT ?7");

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      duka_store_sql_error (db, error);
      duka_store_release_reader (self->store, db);
      return NULL;
    }
  if (receipt != NULL)
    sqlite3_bind_text (stmt, 1, receipt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, number_suffix != NULL ? number_suffix : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, text_amount);
  if (query != NULL && query->business_date != NULL)
    sqlite3_bind_text (stmt, 4, query->business_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, total);
  if (query != NULL && query->customer_id != NULL)
    sqlite3_bind_text (stmt, 6, query->customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, query != NULL && query->limit > 0 ? query->limit : 50);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, row_to_object (stmt, NULL));
  if (rc != SQLITE_DONE)
    duka_store_sql_error (db, error);
  sqlite3_finalize (stmt);
  duka_store_release_reader (self->store, db);

  return rc == SQLITE_DONE ? g_steal_pointer (&found) : NULL;
}

/* Refunds ------------------------------------------------------------------- */

typedef struct
{
  DukaRegister         *self;
  const DukaActor      *actor;
  const char           *sale_id;
  const DukaRefundLine *lines;
  guint                 n_lines;
  const char           *tender_type_id;
  const char           *reason;
  gboolean              restock;
  gint64                now;
  char                 *refund_id;
  /* History (demo, imported) goes to its own series, on its own date,
   * outside any cash session; NULL for the till's live refunds. */
  DukaSeries           *series;
  const char           *origin;
  const char           *business_date;
} RefundJob;

/* @amount × @part / @whole, rounded half up, for a non-negative share. */
static gint64
share_of (gint64 amount,
          gint64 part,
          gint64 whole)
{
  gint64 out = 0;

  if (whole <= 0)
    return 0;
  if (!duka_money_scale (amount, part, whole, DUKA_ROUND_HALF_UP, &out, NULL))
    return 0;
  return out;
}

/* What refunding @quantity more of a line returns: the difference of the
 * cumulative shares, so the parts of several partial refunds sum exactly
 * to the line's stored amount. */
static void
reverse_line (JsonObject *line,
              gint64      quantity,
              gint64     *net,
              gint64     *tax,
              gint64     *total)
{
  gint64 sold = json_object_get_int_member (line, "quantity");
  gint64 before = json_object_get_int_member (line, "refunded");
  gint64 after = before + quantity;

  *total = share_of (json_object_get_int_member (line, "total"), after, sold) -
           share_of (json_object_get_int_member (line, "total"), before, sold);
  *tax = share_of (json_object_get_int_member (line, "tax"), after, sold) -
         share_of (json_object_get_int_member (line, "tax"), before, sold);
  *net = *total - *tax;
}

static JsonObject *
find_line (JsonArray  *lines,
           const char *id)
{
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_strcmp0 (json_object_get_string_member (line, "id"), id) == 0)
        return line;
    }
  return NULL;
}

/* Spreads @total over the sale's payments, cash first, each up to what it
 * paid less what earlier refunds returned to its tender type. */
static JsonArray *
refund_payments (sqlite3     *db,
                 JsonObject  *sale,
                 RefundJob   *job,
                 gint64       total,
                 GError     **error)
{
  g_autoptr(JsonArray) out = json_array_new ();
  JsonArray *payments = json_object_get_array_member (sale, "payments");
  gint64 remaining = total;

  if (job->tender_type_id != NULL)
    {
      g_autoptr(JsonObject) type = duka_entities_load (db, duka_registry_lookup ("tender_type"),
                                                       job->tender_type_id, NULL);
      g_autofree char *id = duka_id_new ();
      JsonObject *payment;

      if (type == NULL || json_object_get_boolean_member_with_default (type, "deleted", FALSE))
        {
          duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("This way of paying is not available"));
          return NULL;
        }
      payment = json_object_new ();
      json_object_set_string_member (payment, "id", id);
      json_object_set_string_member (payment, "tender_type_id", job->tender_type_id);
      json_object_set_string_member (payment, "kind", json_object_get_string_member (type, "kind"));
      json_object_set_string_member (payment, "name", json_object_get_string_member (type, "name"));
      json_object_set_int_member (payment, "amount", total);
      json_object_set_null_member (payment, "reference");
      json_array_add_object_element (out, payment);
      return g_steal_pointer (&out);
    }

  for (int pass = 0; pass < 2 && remaining > 0; pass++)
    for (guint i = 0; i < json_array_get_length (payments) && remaining > 0; i++)
      {
        JsonObject *paid = json_array_get_object_element (payments, i);
        gboolean cash = g_strcmp0 (json_object_get_string_member (paid, "kind"), "cash") == 0;
        g_autofree char *id = NULL;
        sqlite3_stmt *stmt;
        JsonObject *payment;
        gint64 returned = 0;
        gint64 amount;

        if (cash != (pass == 0))
          continue;
        stmt = duka_store_prepare_cached (db,
          "SELECT coalesce (sum (p.amount), 0) FROM refund_payment p JOIN refund r ON r.id = p.refund_id"
          " WHERE r.sale_id = ?1 AND p.tender_type_id = ?2", error);
        if (stmt == NULL)
          return NULL;
        sqlite3_bind_text (stmt, 1, job->sale_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, json_object_get_string_member (paid, "tender_type_id"), -1, SQLITE_TRANSIENT);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          returned = sqlite3_column_int64 (stmt, 0);
        duka_store_stmt_done (stmt);

        amount = MIN (remaining, json_object_get_int_member (paid, "amount") - returned);
        if (amount <= 0)
          continue;
        id = duka_id_new ();
        payment = json_object_new ();
        json_object_set_string_member (payment, "id", id);
        json_object_set_string_member (payment, "tender_type_id", json_object_get_string_member (paid, "tender_type_id"));
        json_object_set_string_member (payment, "kind", json_object_get_string_member (paid, "kind"));
        json_object_set_string_member (payment, "name", json_object_get_string_member (paid, "name"));
        json_object_set_int_member (payment, "amount", amount);
        json_object_set_null_member (payment, "reference");
        json_array_add_object_element (out, payment);
        remaining -= amount;
      }

  if (remaining > 0)
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_REFUND_TOO_LARGE,
                            _("The refund is larger than what was paid"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
insert_refund (sqlite3     *db,
               const char  *id,
               JsonObject  *refund,
               GError     **error)
{
  static const char sql[] =
    "INSERT INTO refund (id, sale_id, outlet_id, till_id, cash_session_id, staff_id, series_id,"
    " seq, number, receipt_no, origin, business_date, at, currency, reason, restock, net, tax,"
    " total, prev_hash, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21)";
  static const char * const columns[] = {
    "sale_id", "outlet_id", "till_id", "cash_session_id", "staff_id", "series_id", "seq",
    "number", "receipt_no", "origin", "business_date", "at", "currency", "reason", "restock",
    "net", "tax", "total", "prev_hash", "hash",
  };
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  JsonArray *lines = json_object_get_array_member (refund, "lines");
  JsonArray *payments = json_object_get_array_member (refund, "payments");
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      JsonNode *node = json_object_get_member (refund, columns[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        sqlite3_bind_null (stmt, i + 2);
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        sqlite3_bind_text (stmt, i + 2, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        sqlite3_bind_int (stmt, i + 2, json_node_get_boolean (node));
      else
        sqlite3_bind_int64 (stmt, i + 2, json_node_get_int (node));
    }
  ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);
  duka_store_stmt_done (stmt);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      stmt = duka_store_prepare_cached (db,
        "INSERT INTO refund_line (id, refund_id, position, sale_line_id, quantity, net, tax, total)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, json_object_get_string_member (line, "id"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, json_object_get_string_member (line, "sale_line_id"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, json_object_get_int_member (line, "quantity"));
      sqlite3_bind_int64 (stmt, 6, json_object_get_int_member (line, "net"));
      sqlite3_bind_int64 (stmt, 7, json_object_get_int_member (line, "tax"));
      sqlite3_bind_int64 (stmt, 8, json_object_get_int_member (line, "total"));
      ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);
      duka_store_stmt_done (stmt);
      if (!ok)
        return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (payments); i++)
    {
      JsonObject *payment = json_array_get_object_element (payments, i);

      stmt = duka_store_prepare_cached (db,
        "INSERT INTO refund_payment (id, refund_id, position, tender_type_id, kind, name, amount, reference)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, json_object_get_string_member (payment, "id"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, json_object_get_string_member (payment, "tender_type_id"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, json_object_get_string_member (payment, "kind"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, json_object_get_string_member (payment, "name"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 7, json_object_get_int_member (payment, "amount"));
      ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);
      duka_store_stmt_done (stmt);
      if (!ok)
        return FALSE;
    }

  duka_store_record_change (db, "refund", id);
  return TRUE;
}

static gboolean
refund_in_writer (DukaStore  *store,
                  sqlite3    *db,
                  gpointer    user_data,
                  GError    **error)
{
  RefundJob *job = user_data;
  DukaSellingContext ctx;
  g_autoptr(JsonObject) sale = NULL;
  g_autoptr(JsonObject) refund = json_object_new ();
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(DukaSeries) series = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *refund_id = duka_id_new ();
  g_autofree char *session_id = NULL;
  g_autofree char *business_date = NULL;
  g_autofree char *receipt_no = NULL;
  JsonArray *sale_lines;
  JsonArray *lines = json_array_new ();
  JsonArray *payments = NULL;
  gint64 net = 0, tax = 0, total = 0;
  gboolean everything = TRUE;
  gboolean ok = FALSE;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (!duka_selling_context_load (db, &ctx, error))
    {
      json_array_unref (lines);
      return FALSE;
    }

  if (job->series != NULL)
    business_date = g_strdup (job->business_date);
  else if (!duka_selling_open_session (db, ctx.till_id, &session_id, &business_date))
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_NO_CASH_SESSION,
                            _("Open a cash session before giving a refund"));
      goto out;
    }
  sale = duka_register_read_sale (db, job->sale_id, error);
  if (sale == NULL)
    goto out;
  sale_lines = json_object_get_array_member (sale, "lines");

  if (job->lines == NULL)
    {
      for (guint i = 0; i < json_array_get_length (sale_lines); i++)
        {
          JsonObject *line = json_array_get_object_element (sale_lines, i);
          gint64 left = json_object_get_int_member (line, "quantity") - json_object_get_int_member (line, "refunded");
          JsonObject *out;
          g_autofree char *id = NULL;
          gint64 line_net, line_tax, line_total;

          if (left <= 0)
            continue;
          reverse_line (line, left, &line_net, &line_tax, &line_total);
          id = duka_id_new ();
          out = json_object_new ();
          json_object_set_string_member (out, "id", id);
          json_object_set_string_member (out, "sale_line_id", json_object_get_string_member (line, "id"));
          json_object_set_int_member (out, "quantity", left);
          json_object_set_int_member (out, "net", line_net);
          json_object_set_int_member (out, "tax", line_tax);
          json_object_set_int_member (out, "total", line_total);
          json_array_add_object_element (lines, out);
          net += line_net;
          tax += line_tax;
          total += line_total;
        }
    }
  else
    {
      g_autoptr(GHashTable) asked = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < job->n_lines; i++)
        {
          JsonObject *line = find_line (sale_lines, job->lines[i].sale_line_id);
          g_autofree char *id = NULL;
          JsonObject *out;
          gint64 left, line_net, line_tax, line_total;

          if (line == NULL)
            {
              duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This line is not part of the sale"));
              goto out;
            }
          if (!g_hash_table_add (asked, (gpointer) job->lines[i].sale_line_id))
            {
              duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("A line is listed twice"));
              goto out;
            }
          left = json_object_get_int_member (line, "quantity") - json_object_get_int_member (line, "refunded");
          if (job->lines[i].quantity <= 0)
            {
              duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                    _("The quantity to refund must be more than zero"));
              goto out;
            }
          if (job->lines[i].quantity > left)
            {
              g_autofree char *amount = left % DUKA_QUANTITY_ONE == 0
                ? g_strdup_printf ("%" G_GINT64_FORMAT, left / DUKA_QUANTITY_ONE)
                : g_strdup_printf ("%" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT,
                                   left / DUKA_QUANTITY_ONE, left % DUKA_QUANTITY_ONE);
              g_autofree char *message =
                g_strdup_printf (_("Only %s of “%s” can still be refunded"), amount,
                                 json_object_get_string_member (line, "name"));
              duka_register_refuse (error, DUKA_REGISTER_ERROR_REFUND_TOO_LARGE, message);
              goto out;
            }
          reverse_line (line, job->lines[i].quantity, &line_net, &line_tax, &line_total);
          id = duka_id_new ();
          out = json_object_new ();
          json_object_set_string_member (out, "id", id);
          json_object_set_string_member (out, "sale_line_id", job->lines[i].sale_line_id);
          json_object_set_int_member (out, "quantity", job->lines[i].quantity);
          json_object_set_int_member (out, "net", line_net);
          json_object_set_int_member (out, "tax", line_tax);
          json_object_set_int_member (out, "total", line_total);
          json_array_add_object_element (lines, out);
          net += line_net;
          tax += line_tax;
          total += line_total;
        }
      for (guint i = 0; i < json_array_get_length (sale_lines); i++)
        {
          JsonObject *line = json_array_get_object_element (sale_lines, i);
          gint64 refunding = 0;

          for (guint j = 0; j < job->n_lines; j++)
            if (g_strcmp0 (job->lines[j].sale_line_id, json_object_get_string_member (line, "id")) == 0)
              refunding = job->lines[j].quantity;
          everything &= json_object_get_int_member (line, "refunded") + refunding >=
                        json_object_get_int_member (line, "quantity");
        }
    }

  if (json_array_get_length (lines) == 0)
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_REFUND_TOO_LARGE,
                            _("Everything on this sale was already refunded"));
      goto out;
    }
  /* The last refund of a sale also returns its cash rounding, so a sale
   * refunded in parts returns exactly what was paid. */
  if (everything)
    total += json_object_get_int_member (sale, "cash_rounding");
  if (total < 0)
    total = 0;

  payments = refund_payments (db, sale, job, total, error);
  if (payments == NULL)
    goto out;

  json_object_set_string_member (refund, "sale_id", job->sale_id);
  json_object_set_string_member (refund, "outlet_id", ctx.outlet_id);
  json_object_set_string_member (refund, "till_id", ctx.till_id);
  if (session_id != NULL)
    json_object_set_string_member (refund, "cash_session_id", session_id);
  else
    json_object_set_null_member (refund, "cash_session_id");
  if (job->actor != NULL && job->actor->staff_id != NULL)
    json_object_set_string_member (refund, "staff_id", job->actor->staff_id);
  else
    json_object_set_null_member (refund, "staff_id");
  json_object_set_string_member (refund, "origin", job->series != NULL ? job->origin : "live");
  json_object_set_string_member (refund, "business_date", business_date);
  json_object_set_int_member (refund, "at", job->now);
  json_object_set_string_member (refund, "currency", json_object_get_string_member (sale, "currency"));
  json_object_set_string_member (refund, "reason", job->reason);
  json_object_set_boolean_member (refund, "restock", job->restock);
  json_object_set_int_member (refund, "net", net);
  json_object_set_int_member (refund, "tax", tax);
  json_object_set_int_member (refund, "total", total);
  json_object_set_array_member (refund, "lines", json_array_ref (lines));
  json_object_set_array_member (refund, "payments", json_array_ref (payments));

  if (job->series == NULL)
    {
      series = duka_series_load (db, ctx.till_id, "live", ctx.till_code, job->now, error);
      if (series == NULL)
        goto out;
    }
  receipt_no = g_strdup_printf ("%s-%" G_GINT64_FORMAT, (series ? series : job->series)->prefix,
                                (series ? series : job->series)->next_number);
  json_object_set_int_member (refund, "number", (series ? series : job->series)->next_number);
  json_object_set_string_member (refund, "receipt_no", receipt_no);

  json_object_iter_init (&iter, refund);
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (data, member, json_node_copy (value));
  if (!duka_series_link (db, series ? series : job->series, "refund", refund_id, data, TRUE, FALSE, error))
    goto out;
  if (!duka_registry_validate (duka_registry_lookup ("refund"), data, &local_error))
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID,
                   _("This refund cannot be stored: %s"), local_error->message);
      goto out;
    }
  if (!insert_refund (db, refund_id, data, error) ||
      !duka_selling_fact_op (db, "refund", refund_id, data, job->actor, ctx.till_id, job->now,
                             business_date, error))
    goto out;

  if (job->restock)
    for (guint i = 0; i < json_array_get_length (lines); i++)
      {
        JsonObject *line = json_array_get_object_element (lines, i);
        JsonObject *sold = find_line (sale_lines, json_object_get_string_member (line, "sale_line_id"));
        const char *product_id = json_object_get_string_member_with_default (sold, "product_id", NULL);

        if (product_id == NULL || g_strcmp0 (json_object_get_string_member (sold, "kind"), "item") != 0)
          continue;
        if (!duka_register_stock_movement (db, product_id,
                                           json_object_get_string_member_with_default (sold, "variant_id", NULL),
                                           ctx.outlet_id, json_object_get_int_member (line, "quantity"),
                                           "refund", refund_id, business_date, job->now,
                                           job->actor, ctx.till_id, error))
          goto out;
      }

  if (!duka_audit_append (db, job->actor, ctx.till_id, job->now, "refund", job->sale_id, NULL, data, error))
    goto out;

  job->refund_id = g_steal_pointer (&refund_id);
  ok = TRUE;

out:
  json_array_unref (lines);
  if (payments != NULL)
    json_array_unref (payments);
  duka_selling_context_clear (&ctx);
  return ok;
}

/* A whole sale refunded into @series (the demo's or an import's), at @at
 * on @business_date, to the tenders it was paid with: the same rows,
 * chain link, stock movements and audit entry as a live refund. */
gboolean
duka_register_write_history_refund (sqlite3          *db,
                                    DukaSeries       *series,
                                    const char       *origin,
                                    const char       *sale_id,
                                    const char       *business_date,
                                    gint64            at,
                                    const char       *reason,
                                    gboolean          restock,
                                    const DukaActor  *actor,
                                    GError          **error)
{
  RefundJob job = { NULL, actor, sale_id, NULL, 0, NULL, reason, restock, at, NULL,
                    series, origin, business_date };

  if (!refund_in_writer (NULL, db, &job, error))
    return FALSE;
  g_free (job.refund_id);
  return TRUE;
}

gboolean
duka_register_refund (DukaRegister          *self,
                      const DukaActor       *actor,
                      const char            *sale_id,
                      const DukaRefundLine  *lines,
                      guint                  n_lines,
                      const char            *tender_type_id,
                      const char            *reason,
                      gboolean               restock,
                      char                 **out_refund_id,
                      GError               **error)
{
  RefundJob job = { self, actor, sale_id, lines, n_lines, tender_type_id, reason, restock, 0, NULL,
                    NULL, NULL, NULL };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (!duka_id_is_valid (sale_id))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("No such sale"));
  if (lines != NULL && n_lines == 0)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("Choose what to refund"));
  if (duka_selling_is_blank (reason))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("Give a reason for the refund"));
  if (g_utf8_strlen (reason, -1) > 200)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The reason is too long"));
  if (tender_type_id != NULL && !duka_id_is_valid (tender_type_id))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("This way of paying is not available"));

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  if (!duka_store_write_full_sync (self->store, refund_in_writer, &job, error))
    return FALSE;

  if (out_refund_id != NULL)
    *out_refund_id = g_steal_pointer (&job.refund_id);
  g_free (job.refund_id);
  return TRUE;
}
