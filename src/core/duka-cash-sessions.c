/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cash sessions: open with a counted float, cash in and out with reasons,
 * an X report at any time, and a numbered Z report at close that freezes
 * the session's figures, expected against counted cash.  Cash movements
 * and Z reports join the till's hash chain.
 */
#include <glib/gi18n-lib.h>

#include "duka-audit-private.h"
#include "duka-cash-sessions.h"
#include "duka-id.h"
#include "duka-money.h"
#include "duka-permissions.h"
#include "duka-registry.h"
#include "duka-selling-private.h"
#include "duka-store-private.h"

struct _DukaCashSessions
{
  GObject    parent_instance;

  DukaStore *store;
};

G_DEFINE_FINAL_TYPE (DukaCashSessions, duka_cash_sessions, G_TYPE_OBJECT)
G_DEFINE_QUARK (duka-cash-sessions-error-quark, duka_cash_sessions_error)

#define MONEY_MAX G_GINT64_CONSTANT (1000000000000)

static void
duka_cash_sessions_dispose (GObject *object)
{
  DukaCashSessions *self = (DukaCashSessions *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (duka_cash_sessions_parent_class)->dispose (object);
}

static void
duka_cash_sessions_class_init (DukaCashSessionsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = duka_cash_sessions_dispose;
}

static void
duka_cash_sessions_init (DukaCashSessions *self)
{
}

DukaCashSessions *
duka_cash_sessions_new (DukaStore *store)
{
  DukaCashSessions *self;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);

  self = g_object_new (DUKA_TYPE_CASH_SESSIONS, NULL);
  self->store = g_object_ref (store);
  return self;
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *message)
{
  return duka_selling_refuse (error, DUKA_CASH_SESSIONS_ERROR, code, message);
}

const gint64 *
duka_cash_denominations (const char *currency)
{
  static const gint64 kes[] = { 100000, 50000, 20000, 10000, 5000, 4000, 2000, 1000, 500, 100, 0 };
  static const gint64 usd[] = { 10000, 5000, 2000, 1000, 500, 100, 25, 10, 5, 1, 0 };
  static const gint64 eur[] = { 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0 };
  static const gint64 gbp[] = { 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1, 0 };
  static const gint64 inr[] = { 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 0 };
  static const gint64 jpy[] = { 10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 1, 0 };
  static const gint64 generic[] = { 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 1, 0 };

  if (g_strcmp0 (currency, "KES") == 0)
    return kes;
  if (g_strcmp0 (currency, "USD") == 0)
    return usd;
  if (g_strcmp0 (currency, "EUR") == 0)
    return eur;
  if (g_strcmp0 (currency, "GBP") == 0)
    return gbp;
  if (g_strcmp0 (currency, "INR") == 0)
    return inr;
  if (g_strcmp0 (currency, "JPY") == 0)
    return jpy;
  return generic;
}

char *
duka_cash_sessions_dup_open_id (DukaCashSessions *self)
{
  DukaSellingContext ctx;
  char *id = NULL;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_CASH_SESSIONS (self), NULL);

  db = duka_store_acquire_reader (self->store, NULL);
  if (db == NULL)
    return NULL;
  if (duka_selling_context_load (db, &ctx, NULL))
    {
      duka_selling_open_session (db, ctx.till_id, &id, NULL);
      duka_selling_context_clear (&ctx);
    }
  duka_store_release_reader (self->store, db);
  return id;
}

static JsonObject *
read_session (sqlite3     *db,
              const char  *session_id,
              GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT outlet_id, till_id, business_date, opened_at, staff_id, float, currency"
    " FROM cash_session WHERE id = ?1", error);
  JsonObject *session = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      session = json_object_new ();
      json_object_set_string_member (session, "id", session_id);
      json_object_set_string_member (session, "outlet_id", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (session, "till_id", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (session, "business_date", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_int_member (session, "opened_at", sqlite3_column_int64 (stmt, 3));
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        json_object_set_null_member (session, "staff_id");
      else
        json_object_set_string_member (session, "staff_id", (const char *) sqlite3_column_text (stmt, 4));
      json_object_set_int_member (session, "float", sqlite3_column_int64 (stmt, 5));
      json_object_set_string_member (session, "currency", (const char *) sqlite3_column_text (stmt, 6));
    }
  duka_store_stmt_done (stmt);

  if (session == NULL)
    refuse (error, DUKA_CASH_SESSIONS_ERROR_NOT_FOUND, _("No such cash session"));
  return session;
}

JsonObject *
duka_cash_sessions_load (DukaCashSessions  *self,
                         const char        *session_id,
                         GError           **error)
{
  JsonObject *session;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_CASH_SESSIONS (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  session = read_session (db, session_id, error);
  duka_store_release_reader (self->store, db);
  return session;
}

/* Opening --------------------------------------------------------------------- */

typedef struct
{
  const DukaActor      *actor;
  gint64                amount;
  DukaCashMovementKind  kind;
  const char           *reason;
  const DukaCashCount  *counts;
  guint                 n_counts;
  gint64                now;
  char                 *out_id;
} SessionJob;

static gboolean
open_in_writer (DukaStore  *store,
                sqlite3    *db,
                gpointer    user_data,
                GError    **error)
{
  SessionJob *job = user_data;
  DukaSellingContext ctx;
  g_autofree char *id = duka_id_new ();
  g_autofree char *business_date = NULL;
  g_autoptr(JsonObject) data = json_object_new ();
  const char *staff_id = job->actor != NULL ? job->actor->staff_id : NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!duka_selling_context_load (db, &ctx, error))
    return FALSE;
  if (duka_selling_open_session (db, ctx.till_id, NULL, NULL))
    {
      refuse (error, DUKA_CASH_SESSIONS_ERROR_ALREADY_OPEN, _("A cash session is already open on this till"));
      goto out;
    }

  business_date = duka_selling_business_date (&ctx, job->now);
  stmt = duka_store_prepare_cached (db,
    "INSERT INTO cash_session (id, outlet_id, till_id, business_date, opened_at, staff_id, float, currency)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ctx.outlet_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, ctx.till_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, business_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, job->now);
  if (staff_id != NULL)
    sqlite3_bind_text (stmt, 6, staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, job->amount);
  sqlite3_bind_text (stmt, 8, ctx.currency, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);
  duka_store_stmt_done (stmt);
  if (!ok)
    goto out;
  duka_store_record_change (db, "cash_session", id);

  json_object_set_string_member (data, "outlet_id", ctx.outlet_id);
  json_object_set_string_member (data, "till_id", ctx.till_id);
  json_object_set_string_member (data, "business_date", business_date);
  json_object_set_int_member (data, "opened_at", job->now);
  if (staff_id != NULL)
    json_object_set_string_member (data, "staff_id", staff_id);
  else
    json_object_set_null_member (data, "staff_id");
  json_object_set_int_member (data, "float", job->amount);
  json_object_set_string_member (data, "currency", ctx.currency);

  ok = duka_selling_fact_op (db, "cash_session", id, data, job->actor, ctx.till_id, job->now,
                             business_date, error) &&
       duka_audit_append (db, job->actor, ctx.till_id, job->now, "cash_session.open", id, NULL, data, error);
  if (ok)
    job->out_id = g_steal_pointer (&id);

out:
  duka_selling_context_clear (&ctx);
  return ok;
}

gboolean
duka_cash_sessions_open (DukaCashSessions  *self,
                         const DukaActor   *actor,
                         gint64             float_amount,
                         char             **out_id,
                         GError           **error)
{
  SessionJob job = { .actor = actor, .amount = float_amount };

  g_return_val_if_fail (DUKA_IS_CASH_SESSIONS (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (float_amount < 0 || float_amount > MONEY_MAX)
    return refuse (error, DUKA_CASH_SESSIONS_ERROR_INVALID, _("The float must be zero or more"));

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  if (!duka_store_write_full_sync (self->store, open_in_writer, &job, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = g_steal_pointer (&job.out_id);
  g_free (job.out_id);
  return TRUE;
}

/* Cash in and out -------------------------------------------------------------- */

static const char *
movement_kind_name (DukaCashMovementKind kind)
{
  switch (kind)
    {
    case DUKA_CASH_IN:
      return "in";
    case DUKA_CASH_OUT:
      return "out";
    case DUKA_CASH_NO_SALE:
    default:
      return "no_sale";
    }
}

static gboolean
move_in_writer (DukaStore  *store,
                sqlite3    *db,
                gpointer    user_data,
                GError    **error)
{
  SessionJob *job = user_data;
  DukaSellingContext ctx;
  g_autofree char *id = duka_id_new ();
  g_autofree char *session_id = NULL;
  g_autofree char *business_date = NULL;
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(DukaSeries) series = NULL;
  const char *staff_id = job->actor != NULL ? job->actor->staff_id : NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!duka_selling_context_load (db, &ctx, error))
    return FALSE;
  if (!duka_selling_open_session (db, ctx.till_id, &session_id, &business_date))
    {
      refuse (error, DUKA_CASH_SESSIONS_ERROR_NOT_OPEN, _("Open a cash session first"));
      goto out;
    }

  json_object_set_string_member (data, "cash_session_id", session_id);
  json_object_set_string_member (data, "outlet_id", ctx.outlet_id);
  json_object_set_string_member (data, "till_id", ctx.till_id);
  if (staff_id != NULL)
    json_object_set_string_member (data, "staff_id", staff_id);
  else
    json_object_set_null_member (data, "staff_id");
  json_object_set_string_member (data, "business_date", business_date);
  json_object_set_int_member (data, "at", job->now);
  json_object_set_string_member (data, "kind", movement_kind_name (job->kind));
  json_object_set_int_member (data, "amount", job->amount);
  json_object_set_string_member (data, "reason", job->reason);

  series = duka_series_load (db, ctx.till_id, "live", ctx.till_code, job->now, error);
  if (series == NULL || !duka_series_link (db, series, "cash_movement", id, data, FALSE, FALSE, error))
    goto out;

  stmt = duka_store_prepare_cached (db,
    "INSERT INTO cash_movement (id, cash_session_id, outlet_id, till_id, staff_id, business_date, at,"
    " kind, amount, reason, series_id, seq, prev_hash, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, session_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, ctx.outlet_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ctx.till_id, -1, SQLITE_TRANSIENT);
  if (staff_id != NULL)
    sqlite3_bind_text (stmt, 5, staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, business_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, job->now);
  sqlite3_bind_text (stmt, 8, movement_kind_name (job->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, job->amount);
  sqlite3_bind_text (stmt, 10, job->reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, json_object_get_string_member (data, "series_id"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 12, json_object_get_int_member (data, "seq"));
  sqlite3_bind_text (stmt, 13, json_object_get_string_member (data, "prev_hash"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, json_object_get_string_member (data, "hash"), -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);
  duka_store_stmt_done (stmt);
  if (!ok)
    goto out;
  duka_store_record_change (db, "cash_movement", id);

  ok = duka_selling_fact_op (db, "cash_movement", id, data, job->actor, ctx.till_id, job->now,
                             business_date, error) &&
       duka_audit_append (db, job->actor, ctx.till_id, job->now, "cash_movement", id, NULL, data, error);

out:
  duka_selling_context_clear (&ctx);
  return ok;
}

gboolean
duka_cash_sessions_move (DukaCashSessions      *self,
                         const DukaActor       *actor,
                         DukaCashMovementKind   kind,
                         gint64                 amount,
                         const char            *reason,
                         GError               **error)
{
  SessionJob job = { .actor = actor, .kind = kind, .amount = amount, .reason = reason };

  g_return_val_if_fail (DUKA_IS_CASH_SESSIONS (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (kind == DUKA_CASH_NO_SALE)
    {
      if (!duka_permission_require (actor, DUKA_PERMISSION_OPEN_DRAWER, error))
        return FALSE;
      if (amount != 0)
        return refuse (error, DUKA_CASH_SESSIONS_ERROR_INVALID, _("Opening the drawer moves no cash"));
    }
  else if (amount <= 0 || amount > MONEY_MAX)
    return refuse (error, DUKA_CASH_SESSIONS_ERROR_INVALID, _("The amount must be more than zero"));
  if (duka_selling_is_blank (reason))
    return refuse (error, DUKA_CASH_SESSIONS_ERROR_INVALID, _("Give a reason"));
  if (g_utf8_strlen (reason, -1) > 200)
    return refuse (error, DUKA_CASH_SESSIONS_ERROR_INVALID, _("The reason is too long"));

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  return duka_store_write_full_sync (self->store, move_in_writer, &job, error);
}

/* Reports ------------------------------------------------------------------------ */

static gboolean
query_into (sqlite3      *db,
            const char   *sql,
            const char   *session_id,
            JsonObject   *target,
            GError      **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      json_object_set_int_member (target, sqlite3_column_name (stmt, i), sqlite3_column_int64 (stmt, i));
  duka_store_stmt_done (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

static JsonArray *
query_rows (sqlite3      *db,
            const char   *sql,
            const char   *session_id,
            GError      **error)
{
  g_autoptr(JsonArray) rows = json_array_new ();
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *name = sqlite3_column_name (stmt, i);

          if (sqlite3_column_type (stmt, i) == SQLITE_INTEGER)
            json_object_set_int_member (row, name, sqlite3_column_int64 (stmt, i));
          else if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            json_object_set_null_member (row, name);
          else
            json_object_set_string_member (row, name, (const char *) sqlite3_column_text (stmt, i));
        }
      json_array_add_object_element (rows, row);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* The figures of a session, as SCHEMA.md ("Cash session reports")
 * documents them. */
static JsonObject *
compute_report (sqlite3     *db,
                const char  *session_id,
                GError     **error)
{
  g_autoptr(JsonObject) session = read_session (db, session_id, error);
  g_autoptr(JsonObject) report = NULL;
  JsonObject *sales, *refunds, *cash, *voids;
  JsonArray *rows;
  gint64 expected;

  if (session == NULL)
    return NULL;

  report = json_object_new ();
  json_object_set_int_member (report, "version", 1);
  json_object_set_string_member (report, "cash_session_id", session_id);
  json_object_set_string_member (report, "business_date", json_object_get_string_member (session, "business_date"));
  json_object_set_string_member (report, "currency", json_object_get_string_member (session, "currency"));
  json_object_set_int_member (report, "opened_at", json_object_get_int_member (session, "opened_at"));

  sales = json_object_new ();
  json_object_set_object_member (report, "sales", sales);
  if (!query_into (db,
        "SELECT count (*) AS count, coalesce (sum (total), 0) AS total, coalesce (sum (net), 0) AS net,"
        "       coalesce (sum (tax), 0) AS tax,"
        "       coalesce (sum (line_discounts + order_discount), 0) AS discounts,"
        "       coalesce (sum (charges), 0) AS charges, coalesce (sum (tips), 0) AS tips,"
        "       coalesce (sum (cash_rounding), 0) AS cash_rounding"
        " FROM sale WHERE cash_session_id = ?1", session_id, sales, error))
    return NULL;

  refunds = json_object_new ();
  json_object_set_object_member (report, "refunds", refunds);
  if (!query_into (db,
        "SELECT count (*) AS count, coalesce (sum (total), 0) AS total, coalesce (sum (tax), 0) AS tax"
        " FROM refund WHERE cash_session_id = ?1", session_id, refunds, error))
    return NULL;

  voids = json_object_new ();
  json_object_set_object_member (report, "voids", voids);
  if (!query_into (db,
        "SELECT coalesce (sum (a.action = 'order_line.void'), 0) AS lines,"
        "       coalesce (sum (a.action = 'open_order.void'), 0) AS orders"
        " FROM cash_session s JOIN audit a ON a.till_id = s.till_id AND a.at >= s.opened_at"
        "  AND a.at < coalesce ((SELECT z.at FROM z_report z WHERE z.cash_session_id = s.id), 9223372036854775807)"
        " WHERE s.id = ?1", session_id, voids, error))
    return NULL;

  rows = query_rows (db,
    "SELECT tender_type_id, name, kind, sum (count) AS count, sum (amount) AS amount,"
    "       sum (refunded) AS refunded FROM ("
    "  SELECT p.tender_type_id, p.name, p.kind, 1 AS count, p.amount, 0 AS refunded"
    "  FROM sale_payment p JOIN sale s ON s.id = p.sale_id WHERE s.cash_session_id = ?1"
    "  UNION ALL"
    "  SELECT p.tender_type_id, p.name, p.kind, 0, 0, p.amount"
    "  FROM refund_payment p JOIN refund r ON r.id = p.refund_id WHERE r.cash_session_id = ?1)"
    " GROUP BY tender_type_id ORDER BY name", session_id, error);
  if (rows == NULL)
    return NULL;
  json_object_set_array_member (report, "by_tender", rows);

  rows = query_rows (db,
    "SELECT l.category_id, coalesce (c.name, '') AS name, sum (l.quantity) AS quantity,"
    "       sum (l.total) AS total"
    " FROM sale_line l JOIN sale s ON s.id = l.sale_id LEFT JOIN category c ON c.id = l.category_id"
    " WHERE s.cash_session_id = ?1 AND l.kind = 'item'"
    " GROUP BY l.category_id ORDER BY total DESC", session_id, error);
  if (rows == NULL)
    return NULL;
  json_object_set_array_member (report, "by_category", rows);

  rows = query_rows (db,
    "SELECT t.rate_id, t.name, t.rate, sum (t.taxable) AS taxable, sum (t.tax) AS tax"
    " FROM sale_tax t JOIN sale s ON s.id = t.sale_id WHERE s.cash_session_id = ?1"
    " GROUP BY t.rate_id, t.rate ORDER BY t.name", session_id, error);
  if (rows == NULL)
    return NULL;
  json_object_set_array_member (report, "by_tax", rows);

  cash = json_object_new ();
  json_object_set_object_member (report, "cash", cash);
  json_object_set_int_member (cash, "float", json_object_get_int_member (session, "float"));
  if (!query_into (db,
        "SELECT"
        " (SELECT coalesce (sum (p.amount), 0) FROM sale_payment p JOIN sale s ON s.id = p.sale_id"
        "   WHERE s.cash_session_id = ?1 AND p.kind = 'cash') AS sales,"
        " (SELECT coalesce (sum (p.amount), 0) FROM refund_payment p JOIN refund r ON r.id = p.refund_id"
        "   WHERE r.cash_session_id = ?1 AND p.kind = 'cash') AS refunds,"
        " (SELECT coalesce (sum (amount), 0) FROM cash_movement WHERE cash_session_id = ?1 AND kind = 'in') AS cash_in,"
        " (SELECT coalesce (sum (amount), 0) FROM cash_movement WHERE cash_session_id = ?1 AND kind = 'out') AS cash_out,"
        " (SELECT count (*) FROM cash_movement WHERE cash_session_id = ?1 AND kind = 'no_sale') AS no_sales",
        session_id, cash, error))
    return NULL;
  expected = json_object_get_int_member (cash, "float") + json_object_get_int_member (cash, "sales") -
             json_object_get_int_member (cash, "refunds") + json_object_get_int_member (cash, "cash_in") -
             json_object_get_int_member (cash, "cash_out");
  json_object_set_int_member (cash, "expected", expected);

  return g_steal_pointer (&report);
}

JsonObject *
duka_cash_sessions_report (DukaCashSessions  *self,
                           const char        *session_id,
                           GError           **error)
{
  JsonObject *report;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_CASH_SESSIONS (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  report = compute_report (db, session_id, error);
  duka_store_release_reader (self->store, db);
  return report;
}

/* Closing ---------------------------------------------------------------------- */

static gboolean
close_in_writer (DukaStore  *store,
                 sqlite3    *db,
                 gpointer    user_data,
                 GError    **error)
{
  SessionJob *job = user_data;
  DukaSellingContext ctx;
  g_autofree char *id = duka_id_new ();
  g_autofree char *session_id = NULL;
  g_autofree char *business_date = NULL;
  g_autofree char *report_text = NULL;
  g_autofree char *counts_text = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(JsonObject) data = json_object_new ();
  g_autoptr(DukaSeries) series = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *staff_id = job->actor != NULL ? job->actor->staff_id : NULL;
  JsonArray *counts = json_array_new ();
  gint64 counted = 0, expected, variance;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!duka_selling_context_load (db, &ctx, error))
    {
      json_array_unref (counts);
      return FALSE;
    }
  if (!duka_selling_open_session (db, ctx.till_id, &session_id, &business_date))
    {
      refuse (error, DUKA_CASH_SESSIONS_ERROR_NOT_OPEN, _("There is no open cash session to close"));
      goto out;
    }

  for (guint i = 0; i < job->n_counts; i++)
    {
      JsonObject *count = json_object_new ();
      gint64 part;

      json_object_set_int_member (count, "denomination", job->counts[i].denomination);
      json_object_set_int_member (count, "count", job->counts[i].count);
      json_array_add_object_element (counts, count);
      if (!duka_money_multiply_quantity (job->counts[i].denomination,
                                         job->counts[i].count * DUKA_QUANTITY_ONE,
                                         DUKA_ROUND_HALF_UP, &part, error) ||
          !duka_money_add (counted, part, &counted, error))
        goto out;
    }

  report = compute_report (db, session_id, error);
  if (report == NULL)
    goto out;
  json_object_set_int_member (report, "closed_at", job->now);
  expected = json_object_get_int_member (json_object_get_object_member (report, "cash"), "expected");
  variance = counted - expected;

  node = json_node_init_object (json_node_alloc (), report);
  report_text = json_to_string (node, FALSE);

  series = duka_series_load (db, ctx.till_id, "live", ctx.till_code, job->now, error);
  if (series == NULL)
    goto out;

  json_object_set_string_member (data, "cash_session_id", session_id);
  json_object_set_string_member (data, "outlet_id", ctx.outlet_id);
  json_object_set_string_member (data, "till_id", ctx.till_id);
  if (staff_id != NULL)
    json_object_set_string_member (data, "staff_id", staff_id);
  else
    json_object_set_null_member (data, "staff_id");
  json_object_set_string_member (data, "business_date", business_date);
  json_object_set_int_member (data, "at", job->now);
  json_object_set_int_member (data, "number", series->next_z);
  json_object_set_int_member (data, "expected_cash", expected);
  json_object_set_int_member (data, "counted_cash", counted);
  json_object_set_int_member (data, "variance", variance);
  json_object_set_array_member (data, "counts", json_array_ref (counts));
  json_object_set_string_member (data, "report", report_text);

  if (!duka_series_link (db, series, "z_report", id, data, FALSE, TRUE, error))
    goto out;
  if (!duka_registry_validate (duka_registry_lookup ("z_report"), data, &local_error))
    {
      refuse (error, DUKA_CASH_SESSIONS_ERROR_INVALID, local_error->message);
      goto out;
    }

  {
    g_autoptr(JsonNode) counts_node = json_node_init_array (json_node_alloc (), counts);
    counts_text = json_to_string (counts_node, FALSE);
  }

  stmt = duka_store_prepare_cached (db,
    "INSERT INTO z_report (id, cash_session_id, outlet_id, till_id, staff_id, business_date, at,"
    " number, expected_cash, counted_cash, variance, counts, report, series_id, seq, prev_hash, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, session_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, ctx.outlet_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ctx.till_id, -1, SQLITE_TRANSIENT);
  if (staff_id != NULL)
    sqlite3_bind_text (stmt, 5, staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, business_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, job->now);
  sqlite3_bind_int64 (stmt, 8, json_object_get_int_member (data, "number"));
  sqlite3_bind_int64 (stmt, 9, expected);
  sqlite3_bind_int64 (stmt, 10, counted);
  sqlite3_bind_int64 (stmt, 11, variance);
  sqlite3_bind_text (stmt, 12, counts_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, report_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 14, json_object_get_string_member (data, "series_id"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 15, json_object_get_int_member (data, "seq"));
  sqlite3_bind_text (stmt, 16, json_object_get_string_member (data, "prev_hash"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 17, json_object_get_string_member (data, "hash"), -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE || duka_store_sql_error (db, error);
  duka_store_stmt_done (stmt);
  if (!ok)
    goto out;
  duka_store_record_change (db, "z_report", id);
  duka_store_record_change (db, "cash_session", session_id);

  ok = duka_selling_fact_op (db, "z_report", id, data, job->actor, ctx.till_id, job->now,
                             business_date, error) &&
       duka_audit_append (db, job->actor, ctx.till_id, job->now, "cash_session.close", session_id,
                          NULL, data, error);
  if (ok)
    job->out_id = g_steal_pointer (&id);

out:
  json_array_unref (counts);
  duka_selling_context_clear (&ctx);
  return ok;
}

gboolean
duka_cash_sessions_close (DukaCashSessions     *self,
                          const DukaActor      *actor,
                          const DukaCashCount  *counts,
                          guint                 n_counts,
                          char                **out_z_report_id,
                          GError              **error)
{
  SessionJob job = { .actor = actor, .counts = counts, .n_counts = n_counts };

  g_return_val_if_fail (DUKA_IS_CASH_SESSIONS (self), FALSE);
  g_return_val_if_fail (counts != NULL || n_counts == 0, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  for (guint i = 0; i < n_counts; i++)
    if (counts[i].denomination <= 0 || counts[i].count < 0 || counts[i].count > 1000000)
      return refuse (error, DUKA_CASH_SESSIONS_ERROR_INVALID, _("A count of notes or coins is not valid"));

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  if (!duka_store_write_full_sync (self->store, close_in_writer, &job, error))
    return FALSE;
  if (out_z_report_id != NULL)
    *out_z_report_id = g_steal_pointer (&job.out_id);
  g_free (job.out_id);
  return TRUE;
}

JsonObject *
duka_cash_sessions_load_z (DukaCashSessions  *self,
                           const char        *z_report_id,
                           GError           **error)
{
  JsonObject *z = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_CASH_SESSIONS (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  stmt = duka_store_prepare_cached (db,
    "SELECT z.id, z.cash_session_id, z.outlet_id, z.till_id, t.code AS till_code, z.staff_id,"
    "       z.business_date, z.at, z.number, z.expected_cash, z.counted_cash, z.variance, z.counts,"
    "       z.report, z.series_id, z.seq, z.prev_hash, z.hash"
    " FROM z_report z LEFT JOIN till t ON t.id = z.till_id WHERE z.id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, z_report_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          z = json_object_new ();
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            {
              const char *name = sqlite3_column_name (stmt, i);

              if (g_str_equal (name, "counts") || g_str_equal (name, "report"))
                json_object_set_member (z, name,
                                        json_from_string ((const char *) sqlite3_column_text (stmt, i), NULL));
              else if (sqlite3_column_type (stmt, i) == SQLITE_INTEGER)
                json_object_set_int_member (z, name, sqlite3_column_int64 (stmt, i));
              else if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
                json_object_set_null_member (z, name);
              else
                json_object_set_string_member (z, name, (const char *) sqlite3_column_text (stmt, i));
            }
        }
      else
        refuse (error, DUKA_CASH_SESSIONS_ERROR_NOT_FOUND, _("No such Z report"));
      duka_store_stmt_done (stmt);
    }
  duka_store_release_reader (self->store, db);
  return z;
}

GPtrArray *
duka_cash_sessions_list_z (DukaCashSessions  *self,
                           const char        *business_date,
                           const char        *till_code,
                           GError           **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *reports;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (DUKA_IS_CASH_SESSIONS (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  stmt = duka_store_prepare_cached (db,
    "SELECT z.id FROM z_report z LEFT JOIN till t ON t.id = z.till_id"
    " WHERE z.business_date = ?1 AND (?2 IS NULL OR t.code = ?2 COLLATE NOCASE)"
    " ORDER BY t.code, z.number", error);
  if (stmt == NULL)
    {
      duka_store_release_reader (self->store, db);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, business_date, -1, SQLITE_TRANSIENT);
  if (till_code != NULL)
    sqlite3_bind_text (stmt, 2, till_code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  duka_store_stmt_done (stmt);
  duka_store_release_reader (self->store, db);
  if (rc != SQLITE_DONE)
    return NULL;

  reports = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *z = duka_cash_sessions_load_z (self, g_ptr_array_index (ids, i), error);

      if (z == NULL)
        {
          g_ptr_array_unref (reports);
          return NULL;
        }
      g_ptr_array_add (reports, z);
    }
  return reports;
}
