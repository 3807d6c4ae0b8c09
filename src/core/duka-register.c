/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register: open orders and their lines, and their totals.
 *
 * duka-register.c           orders, lines, discounts, totals, tenders
 * duka-register-complete.c  completing a sale
 * duka-register-sales.c     past sales: loading, finding, refunds
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-catalog-rules.h"
#include "duka-entities.h"
#include "duka-id.h"
#include "duka-money.h"
#include "duka-permissions.h"
#include "duka-register-private.h"
#include "duka-registry.h"
#include "duka-store-private.h"

G_DEFINE_FINAL_TYPE (DukaRegister, duka_register, G_TYPE_OBJECT)
G_DEFINE_QUARK (duka-register-error-quark, duka_register_error)

static void
duka_register_dispose (GObject *object)
{
  DukaRegister *self = (DukaRegister *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (duka_register_parent_class)->dispose (object);
}

static void
duka_register_class_init (DukaRegisterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = duka_register_dispose;
}

static void
duka_register_init (DukaRegister *self)
{
  self->max_quantity = DUKA_REGISTER_DEFAULT_MAX_QUANTITY;
}

DukaRegister *
duka_register_new (DukaStore   *store,
                   DukaCatalog *catalog)
{
  DukaRegister *self;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);
  g_return_val_if_fail (DUKA_IS_CATALOG (catalog), NULL);

  self = g_object_new (DUKA_TYPE_REGISTER, NULL);
  self->store = g_object_ref (store);
  self->catalog = g_object_ref (catalog);
  return self;
}

void
duka_register_set_max_quantity (DukaRegister *self,
                                gint64        max_quantity)
{
  g_return_if_fail (DUKA_IS_REGISTER (self));
  g_return_if_fail (max_quantity > 0);

  self->max_quantity = max_quantity;
}

gboolean
duka_register_refuse (GError     **error,
                      int          code,
                      const char  *message)
{
  g_set_error_literal (error, DUKA_REGISTER_ERROR, code, message);
  return FALSE;
}

void
duka_order_line_free (DukaOrderLine *line)
{
  g_free (line->id);
  g_free (line->product_id);
  g_free (line->variant_id);
  g_free (line->name);
  g_free (line->details);
  g_free (line->note);
  g_free (line->discount_reason);
  g_free (line);
}

static void
order_tax_free (DukaOrderTax *tax)
{
  g_free (tax->name);
  g_free (tax);
}

void
duka_order_free (DukaOrder *order)
{
  g_free (order->id);
  g_free (order->name);
  g_free (order->till_id);
  g_free (order->staff_id);
  g_free (order->discount_reason);
  g_free (order->currency);
  g_clear_pointer (&order->lines, g_ptr_array_unref);
  g_clear_pointer (&order->taxes, g_ptr_array_unref);
  g_free (order);
}

/* Totals ------------------------------------------------------------------ */

static DukaLineKind
line_kind_from_name (const char *name)
{
  if (g_strcmp0 (name, "service") == 0)
    return DUKA_LINE_SERVICE;
  if (g_strcmp0 (name, "tip") == 0)
    return DUKA_LINE_TIP;
  return DUKA_LINE_ITEM;
}

const char *
duka_register_line_kind_name (DukaLineKind kind)
{
  switch (kind)
    {
    case DUKA_LINE_SERVICE:
      return "service";
    case DUKA_LINE_TIP:
      return "tip";
    case DUKA_LINE_ITEM:
    default:
      return "item";
    }
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* "Oat milk, Extra shot" from a line's modifiers JSON. */
static char *
modifier_details (const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *modifier = json_array_get_object_element (array, i);

      if (text->len > 0)
        /* Translators: separates modifiers of a line: "Oat milk, Extra shot" */
        g_string_append (text, _(", "));
      g_string_append (text, json_object_get_string_member_with_default (modifier, "name", ""));
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
line_discount_amount (DukaOrderLine  *line,
                      GError        **error)
{
  gint64 extended;

  if (!duka_money_multiply_quantity (line->unit_price, line->quantity, DUKA_ROUND_HALF_UP,
                                     &extended, error))
    return FALSE;
  line->extended = extended;
  if (line->discount_rate > 0)
    return duka_money_apply_rate (extended, line->discount_rate, DUKA_ROUND_HALF_UP,
                                  &line->line_discount, error);
  line->line_discount = MIN (line->discount_amount, extended);
  return TRUE;
}

void
duka_register_tax_settings (DukaSellingContext *ctx,
                            DukaTaxSettings    *settings)
{
  memset (settings, 0, sizeof *settings);
  settings->mode = ctx->tax_mode;
  settings->scope = ctx->tax_scope;
  settings->rounding = DUKA_ROUND_HALF_UP;
  settings->cash_step_minor = 0;
  settings->cash_rounding = DUKA_ROUND_HALF_UP;
}

/**
 * duka_register_compute:
 *
 * Loads @order_id and its lines over @db and computes its totals.  When
 * @out_result is given it receives the tax engine's result for the live
 * lines, in the order of @order's live lines.
 */
DukaOrder *
duka_register_compute (sqlite3             *db,
                       DukaSellingContext  *ctx,
                       const char          *order_id,
                       DukaTaxResult      **out_result,
                       GError             **error)
{
  g_autoptr(DukaOrder) order = g_new0 (DukaOrder, 1);
  g_autoptr(GHashTable) classes = NULL;
  g_autoptr(GArray) tax_lines = g_array_new (FALSE, TRUE, sizeof (DukaTaxLine));
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  g_autoptr(DukaTaxResult) result = NULL;
  g_autoptr(GError) tax_error = NULL;
  DukaTaxSettings settings;
  DukaTaxOrder tax_order = { 0 };
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  stmt = duka_store_prepare_cached (db,
    "SELECT id, name, till_id, staff_id, parked, opened_at, discount_rate, discount_amount,"
    "       discount_reason, state FROM open_order WHERE id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, order_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      order->id = dup_column (stmt, 0);
      order->name = dup_column (stmt, 1);
      order->till_id = dup_column (stmt, 2);
      order->staff_id = dup_column (stmt, 3);
      order->parked = sqlite3_column_int (stmt, 4);
      order->opened_at = sqlite3_column_int64 (stmt, 5);
      order->discount_rate = sqlite3_column_int64 (stmt, 6);
      order->discount_amount = sqlite3_column_int64 (stmt, 7);
      order->discount_reason = dup_column (stmt, 8);
      found = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 9), "open") == 0;
      if (!found)
        {
          duka_store_stmt_done (stmt);
          duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_OPEN,
                                _("This order is already closed"));
          return NULL;
        }
    }
  duka_store_stmt_done (stmt);
  if (!found)
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This order no longer exists"));
      return NULL;
    }

  order->currency = g_strdup (ctx->currency);
  order->tax_inclusive = ctx->taxed && ctx->tax_mode == DUKA_TAX_INCLUSIVE;
  order->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) duka_order_line_free);
  order->taxes = g_ptr_array_new_with_free_func ((GDestroyNotify) order_tax_free);

  if (ctx->taxed)
    {
      classes = duka_selling_tax_classes (db, error);
      if (classes == NULL)
        return NULL;
    }

  stmt = duka_store_prepare_cached (db,
    "SELECT id, kind, product_id, variant_id, name, modifiers, note, quantity, unit_price,"
    "       price_overridden, discount_rate, discount_amount, discount_reason, voided, seat,"
    "       course, added_at, tax_class_id"
    " FROM order_line WHERE order_id = ?1 AND deleted = 0 ORDER BY added_at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, order_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DukaOrderLine *line = g_new0 (DukaOrderLine, 1);
      const char *tax_class_id = (const char *) sqlite3_column_text (stmt, 17);
      DukaTaxLine tax_line = { 0 };

      line->id = dup_column (stmt, 0);
      line->kind = line_kind_from_name ((const char *) sqlite3_column_text (stmt, 1));
      line->product_id = dup_column (stmt, 2);
      line->variant_id = dup_column (stmt, 3);
      line->name = dup_column (stmt, 4);
      line->details = modifier_details ((const char *) sqlite3_column_text (stmt, 5));
      line->note = dup_column (stmt, 6);
      line->quantity = sqlite3_column_int64 (stmt, 7);
      line->unit_price = sqlite3_column_int64 (stmt, 8);
      line->price_overridden = sqlite3_column_int (stmt, 9);
      line->discount_rate = sqlite3_column_int64 (stmt, 10);
      line->discount_amount = sqlite3_column_int64 (stmt, 11);
      line->discount_reason = dup_column (stmt, 12);
      line->voided = sqlite3_column_int (stmt, 13);
      line->seat = sqlite3_column_int (stmt, 14);
      line->course = sqlite3_column_int (stmt, 15);
      line->added_at = sqlite3_column_int64 (stmt, 16);
      g_ptr_array_add (order->lines, line);

      if (line->voided)
        continue;
      if (!line_discount_amount (line, error))
        {
          duka_store_stmt_done (stmt);
          return NULL;
        }
      tax_line.kind = line->kind == DUKA_LINE_ITEM ? DUKA_TAX_LINE_ITEM
                      : line->kind == DUKA_LINE_SERVICE ? DUKA_TAX_LINE_SERVICE_CHARGE
                      : DUKA_TAX_LINE_TIP;
      tax_line.unit_price_minor = line->unit_price;
      tax_line.quantity_milli = line->quantity;
      tax_line.discount_minor = line->line_discount;
      tax_line.tax_class = classes != NULL && tax_class_id != NULL && line->kind == DUKA_LINE_ITEM
                           ? g_hash_table_lookup (classes, tax_class_id) : NULL;
      g_array_append_val (tax_lines, tax_line);
      g_ptr_array_add (live, line);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      return NULL;
    }

  duka_register_tax_settings (ctx, &settings);
  tax_order.lines = (const DukaTaxLine *) tax_lines->data;
  tax_order.n_lines = tax_lines->len;
  tax_order.discount_minor = order->discount_rate > 0 ? 0 : order->discount_amount;
  tax_order.discount_ppm = order->discount_rate;
  result = duka_tax_compute (&settings, &tax_order, &tax_error);
  if (result == NULL)
    {
      if (g_error_matches (tax_error, DUKA_TAX_ERROR, DUKA_TAX_ERROR_DISCOUNT_TOO_LARGE))
        duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                              _("The discounts are larger than the order"));
      else
        g_propagate_error (error, g_steal_pointer (&tax_error));
      return NULL;
    }

  for (guint i = 0; i < live->len; i++)
    {
      DukaOrderLine *line = g_ptr_array_index (live, i);
      const DukaTaxLineResult *r = &result->lines[i];

      line->extended = r->extended_minor;
      line->line_discount = r->line_discount_minor;
      line->order_discount = r->order_discount_minor;
      line->tax = r->tax_minor;
      line->total = r->total_minor;
      if (line->kind == DUKA_LINE_ITEM)
        order->item_count += line->quantity;
      else if (line->kind == DUKA_LINE_SERVICE)
        order->charges += r->total_minor;
      else
        order->tips += r->total_minor;
    }
  for (guint i = 0; i < result->n_rates; i++)
    {
      DukaOrderTax *tax = g_new0 (DukaOrderTax, 1);

      tax->name = g_strdup (result->rates[i].rate.name);
      tax->rate = result->rates[i].rate.rate_ppm;
      tax->taxable = result->rates[i].taxable_minor;
      tax->tax = result->rates[i].tax_minor;
      g_ptr_array_add (order->taxes, tax);
    }
  order->subtotal = result->subtotal_minor - order->charges - order->tips;
  order->discounts = result->line_discounts_minor + result->order_discount_minor;
  order->tax = result->tax_minor;
  order->total = result->total_before_cash_rounding_minor;

  if (out_result != NULL)
    *out_result = g_steal_pointer (&result);
  return g_steal_pointer (&order);
}

DukaOrder *
duka_register_get_order (DukaRegister  *self,
                         const char    *order_id,
                         GError       **error)
{
  DukaSellingContext ctx;
  DukaOrder *order = NULL;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  if (duka_selling_context_load (db, &ctx, error))
    order = duka_register_compute (db, &ctx, order_id, NULL, error);
  duka_selling_context_clear (&ctx);
  duka_store_release_reader (self->store, db);

  return order;
}

GPtrArray *
duka_register_list_open_orders (DukaRegister  *self,
                                GError       **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  DukaSellingContext ctx;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  if (!duka_selling_context_load (db, &ctx, error))
    {
      duka_store_release_reader (self->store, db);
      return NULL;
    }

  stmt = duka_store_prepare_cached (db,
    "SELECT id FROM open_order WHERE state = 'open' AND deleted = 0 AND outlet_id = ?1"
    " ORDER BY opened_at DESC, id", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, ctx.outlet_id, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (ids, dup_column (stmt, 0));
      duka_store_stmt_done (stmt);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DukaOrder) order = duka_register_compute (db, &ctx, g_ptr_array_index (ids, i), NULL, NULL);
      JsonObject *summary;
      guint live_lines = 0;

      if (order == NULL)
        continue;
      for (guint j = 0; j < order->lines->len; j++)
        if (!((DukaOrderLine *) g_ptr_array_index (order->lines, j))->voided)
          live_lines++;
      summary = json_object_new ();
      json_object_set_string_member (summary, "id", order->id);
      json_object_set_string_member (summary, "name", order->name);
      json_object_set_boolean_member (summary, "parked", order->parked);
      json_object_set_string_member (summary, "staff_id", order->staff_id);
      json_object_set_string_member (summary, "till_id", order->till_id);
      json_object_set_int_member (summary, "opened_at", order->opened_at);
      json_object_set_int_member (summary, "total", order->total);
      json_object_set_int_member (summary, "line_count", live_lines);
      g_ptr_array_add (orders, summary);
    }

  duka_selling_context_clear (&ctx);
  duka_store_release_reader (self->store, db);
  return g_steal_pointer (&orders);
}

/* Writing ------------------------------------------------------------------- */

typedef struct
{
  DukaRegister          *self;
  const DukaActor       *actor;
  const char            *order_id;
  const char            *line_id;
  const char            *name;
  const char            *reason;
  const DukaLineRequest *request;
  JsonObject            *record;
  DukaLineKind           kind;
  gint64                 quantity;
  gint64                 rate;
  gint64                 amount;
  gboolean               flag;
  gint64                 now;
  char                  *out_id;
} OrderJob;

static void
order_job_clear (OrderJob *job)
{
  g_free (job->out_id);
}

/* The order of @line_id (or @order_id itself), which must still be open. */
static JsonObject *
load_open_order (sqlite3     *db,
                 const char  *order_id,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *order = duka_entities_load (db, duka_registry_lookup ("open_order"), order_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (order == NULL || json_object_get_boolean_member_with_default (order, "deleted", FALSE))
    {
      g_clear_pointer (&order, json_object_unref);
      duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This order no longer exists"));
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (order, "state", ""), "open") != 0)
    {
      json_object_unref (order);
      duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_OPEN, _("This order is already closed"));
      return NULL;
    }

  return order;
}

static JsonObject *
load_line_of_open_order (sqlite3     *db,
                         const char  *line_id,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) order = NULL;
  JsonObject *line = duka_entities_load (db, duka_registry_lookup ("order_line"), line_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (line == NULL || json_object_get_boolean_member_with_default (line, "deleted", FALSE))
    {
      g_clear_pointer (&line, json_object_unref);
      duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This line no longer exists"));
      return NULL;
    }
  order = load_open_order (db, json_object_get_string_member (line, "order_id"), error);
  if (order == NULL)
    {
      json_object_unref (line);
      return NULL;
    }

  return line;
}

/* Whether the order's totals are still whole after an edit (a discount
 * larger than the order is refused here, not at payment). */
static gboolean
order_still_adds_up (sqlite3             *db,
                     DukaSellingContext  *ctx,
                     const char          *order_id,
                     GError             **error)
{
  g_autoptr(DukaOrder) order = duka_register_compute (db, ctx, order_id, NULL, error);

  return order != NULL;
}


static char *
this_staff (const DukaActor *actor)
{
  return actor != NULL ? g_strdup (actor->staff_id) : NULL;
}

static JsonObject *
open_order_in_writer (sqlite3             *db,
                      OrderJob            *job,
                      DukaSellingContext  *ctx,
                      GError             **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *staff = this_staff (job->actor);
  JsonObject *order;

  json_object_set_string_member (changes, "outlet_id", ctx->outlet_id);
  json_object_set_string_member (changes, "till_id", ctx->till_id);
  if (job->name != NULL && *job->name != '\0')
    json_object_set_string_member (changes, "name", job->name);
  else
    json_object_set_null_member (changes, "name");
  json_object_set_string_member (changes, "staff_id", staff);
  if (staff == NULL)
    json_object_set_null_member (changes, "staff_id");
  json_object_set_boolean_member (changes, "parked", FALSE);
  json_object_set_string_member (changes, "state", "open");
  json_object_set_int_member (changes, "opened_at", job->now);

  order = duka_selling_upsert (db, "open_order", NULL, changes, job->actor, ctx->till_id, job->now, error);
  if (order != NULL)
    job->out_id = g_strdup (json_object_get_string_member (order, "id"));
  return order;
}

static gboolean
write_with_context (DukaStore          *store,
                    sqlite3            *db,
                    OrderJob           *job,
                    DukaSellingContext *ctx,
                    JsonObject         *(*func) (sqlite3 *, OrderJob *, DukaSellingContext *, GError **),
                    GError            **error)
{
  g_autoptr(JsonObject) written = NULL;

  if (!duka_selling_context_load (db, ctx, error))
    return FALSE;
  written = func (db, job, ctx, error);
  duka_selling_context_clear (ctx);

  return written != NULL;
}

typedef JsonObject *(*OrderFunc) (sqlite3 *, OrderJob *, DukaSellingContext *, GError **);

typedef struct
{
  OrderJob  *job;
  OrderFunc  func;
} Pending;

static gboolean
pending_in_writer (DukaStore  *store,
                   sqlite3    *db,
                   gpointer    user_data,
                   GError    **error)
{
  Pending *pending = user_data;
  DukaSellingContext ctx;

  return write_with_context (store, db, pending->job, &ctx, pending->func, error);
}

static gboolean
run_order_job (DukaRegister  *self,
               OrderJob      *job,
               OrderFunc      func,
               GError       **error)
{
  Pending pending = { job, func };

  job->self = self;
  job->now = duka_clock_now (duka_store_get_clock (self->store));
  return duka_store_write (self->store, pending_in_writer, &pending, error);
}

char *
duka_register_open_order (DukaRegister     *self,
                          const DukaActor  *actor,
                          const char       *name,
                          GError          **error)
{
  OrderJob job = { .actor = actor, .name = name };
  char *id = NULL;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), NULL);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return NULL;
  if (name != NULL && g_utf8_strlen (name, -1) > 80)
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The order’s name is too long"));
      return NULL;
    }

  if (run_order_job (self, &job, open_order_in_writer, error))
    id = g_steal_pointer (&job.out_id);
  order_job_clear (&job);
  return id;
}

/* Adding a line ------------------------------------------------------------- */

static gboolean
check_quantity (DukaRegister  *self,
                gint64         quantity,
                GError       **error)
{
  if (quantity <= 0)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                 _("The quantity must be more than zero"));
  if (quantity > self->max_quantity)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                 _("The quantity is larger than this till allows for one line"));
  return TRUE;
}

static GDateTime *
local_now (DukaSellingContext *ctx,
           gint64              now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, ctx->tz);
}

/* The chosen options of the product's modifier groups, checked against
 * each group's minimum and maximum; sets @modifiers and adds their prices
 * to @price. */
static gboolean
resolve_modifiers (sqlite3             *db,
                   JsonObject          *product,
                   const char * const  *option_ids,
                   JsonArray           *modifiers,
                   gint64              *price,
                   GError             **error)
{
  const DukaKindSpec *group_kind = duka_registry_lookup ("modifier_group");
  JsonArray *group_ids = json_object_has_member (product, "modifier_group_ids") &&
                         JSON_NODE_HOLDS_ARRAY (json_object_get_member (product, "modifier_group_ids"))
                         ? json_object_get_array_member (product, "modifier_group_ids") : NULL;
  guint used = 0;
  guint n_options = option_ids != NULL ? g_strv_length ((char **) option_ids) : 0;

  for (guint g = 0; group_ids != NULL && g < json_array_get_length (group_ids); g++)
    {
      const char *group_id = json_array_get_string_element (group_ids, g);
      g_autoptr(JsonObject) group = duka_entities_load (db, group_kind, group_id, NULL);
      JsonArray *options;
      gint64 chosen = 0;

      if (group == NULL || json_object_get_boolean_member_with_default (group, "deleted", FALSE))
        continue;
      options = json_object_get_array_member (group, "options");
      for (guint o = 0; o < json_array_get_length (options); o++)
        {
          JsonObject *option = json_array_get_object_element (options, o);
          const char *option_id = json_object_get_string_member_with_default (option, "id", "");

          if (option_ids == NULL || !g_strv_contains (option_ids, option_id))
            continue;
          {
            JsonObject *modifier = json_object_new ();
            gint64 option_price = json_object_get_int_member_with_default (option, "price", 0);

            json_object_set_string_member (modifier, "group_id", group_id);
            json_object_set_string_member (modifier, "option_id", option_id);
            json_object_set_string_member (modifier, "name",
                                           json_object_get_string_member_with_default (option, "name", ""));
            json_object_set_int_member (modifier, "price", option_price);
            json_array_add_object_element (modifiers, modifier);
            if (!duka_money_add (*price, option_price, price, error))
              return FALSE;
          }
          chosen++;
          used++;
        }

      if (chosen < json_object_get_int_member_with_default (group, "min_choices", 0) ||
          chosen > json_object_get_int_member_with_default (group, "max_choices", G_MAXINT))
        {
          g_autofree char *message =
            g_strdup_printf (_("Choose between %d and %d of “%s”"),
                             (int) json_object_get_int_member_with_default (group, "min_choices", 0),
                             (int) json_object_get_int_member_with_default (group, "max_choices", 0),
                             json_object_get_string_member_with_default (group, "name", ""));
          return duka_register_refuse (error, DUKA_REGISTER_ERROR_CHOICES, message);
        }
    }

  if (used != n_options)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_CHOICES,
                                 _("A chosen option does not belong to this item"));
  if (*price < 0)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                 _("The options make the price negative"));
  return TRUE;
}

/* Lines show in the order they were added: two added within one clock
 * tick (a fast scanner) still get increasing times. */
static gint64
next_added_at (sqlite3     *db,
               const char  *order_id,
               gint64       now)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT max (added_at) FROM order_line WHERE order_id = ?1", NULL);
  gint64 last = G_MININT64;

  if (stmt == NULL)
    return now;
  sqlite3_bind_text (stmt, 1, order_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    last = sqlite3_column_int64 (stmt, 0);
  duka_store_stmt_done (stmt);

  return MAX (now, last + 1);
}

static JsonObject *
add_line_in_writer (sqlite3             *db,
                    OrderJob            *job,
                    DukaSellingContext  *ctx,
                    GError             **error)
{
  const DukaLineRequest *request = job->request;
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) product = NULL;
  g_autoptr(JsonObject) variant = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GDateTime) now_local = local_now (ctx, job->now);
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *name = NULL;
  g_autofree char *staff = this_staff (job->actor);
  JsonArray *modifiers = json_array_new ();
  const char *sku;
  gint64 price;
  JsonObject *line;

  order = load_open_order (db, job->order_id, error);
  if (order == NULL)
    {
      json_array_unref (modifiers);
      return NULL;
    }

  product = duka_entities_load (db, duka_registry_lookup ("product"), request->product_id, NULL);
  if (product == NULL || json_object_get_boolean_member_with_default (product, "deleted", FALSE) ||
      !json_object_get_boolean_member_with_default (product, "active", TRUE))
    {
      json_array_unref (modifiers);
      duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This item is not on sale"));
      return NULL;
    }
  if (!duka_catalog_rules_is_available (product, now_local))
    {
      json_array_unref (modifiers);
      duka_register_refuse (error, DUKA_REGISTER_ERROR_UNAVAILABLE,
                            _("This item is not available now"));
      return NULL;
    }

  price = json_object_get_int_member (product, "price");
  name = g_strdup (json_object_get_string_member (product, "name"));
  sku = json_object_get_string_member_with_default (product, "sku", NULL);
  if (request->variant_id != NULL)
    {
      variant = duka_entities_load (db, duka_registry_lookup ("variant"), request->variant_id, NULL);
      if (variant == NULL || json_object_get_boolean_member_with_default (variant, "deleted", FALSE) ||
          !json_object_get_boolean_member_with_default (variant, "active", TRUE) ||
          g_strcmp0 (json_object_get_string_member (variant, "product_id"), request->product_id) != 0)
        {
          json_array_unref (modifiers);
          duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This size or kind is not on sale"));
          return NULL;
        }
      price = json_object_get_int_member (variant, "price");
      g_free (name);
      /* Translators: an item and its variant: "Latte (Large)" */
      name = g_strdup_printf (_("%s (%s)"), json_object_get_string_member (product, "name"),
                              json_object_get_string_member (variant, "name"));
      if (json_object_get_string_member_with_default (variant, "sku", NULL) != NULL)
        sku = json_object_get_string_member (variant, "sku");
    }

  rules = duka_entities_list (db, duka_registry_lookup ("price_rule"), NULL);
  price = duka_catalog_rules_effective_price (product, price, rules, now_local, NULL);

  if (!resolve_modifiers (db, product, request->option_ids, modifiers, &price, error))
    {
      json_array_unref (modifiers);
      return NULL;
    }

  if (request->override_price)
    {
      if (!duka_permission_require (job->actor, DUKA_PERMISSION_OVERRIDE_PRICE, error))
        {
          json_array_unref (modifiers);
          return NULL;
        }
      if (request->unit_price < 0)
        {
          json_array_unref (modifiers);
          duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("A price cannot be negative"));
          return NULL;
        }
      price = request->unit_price;
    }

  json_object_set_string_member (changes, "order_id", job->order_id);
  json_object_set_string_member (changes, "kind", "item");
  json_object_set_string_member (changes, "product_id", request->product_id);
  if (request->variant_id != NULL)
    json_object_set_string_member (changes, "variant_id", request->variant_id);
  else
    json_object_set_null_member (changes, "variant_id");
  if (json_object_get_string_member_with_default (product, "category_id", NULL) != NULL)
    json_object_set_string_member (changes, "category_id", json_object_get_string_member (product, "category_id"));
  else
    json_object_set_null_member (changes, "category_id");
  if (json_object_get_string_member_with_default (product, "tax_class_id", NULL) != NULL)
    json_object_set_string_member (changes, "tax_class_id", json_object_get_string_member (product, "tax_class_id"));
  else
    json_object_set_null_member (changes, "tax_class_id");
  json_object_set_string_member (changes, "name", name);
  if (sku != NULL)
    json_object_set_string_member (changes, "sku", sku);
  else
    json_object_set_null_member (changes, "sku");
  json_object_set_int_member (changes, "quantity", request->quantity);
  json_object_set_int_member (changes, "unit_price", price);
  json_object_set_boolean_member (changes, "price_overridden", request->override_price);
  json_object_set_array_member (changes, "modifiers", modifiers);
  if (request->note != NULL && *request->note != '\0')
    json_object_set_string_member (changes, "note", request->note);
  else
    json_object_set_null_member (changes, "note");
  if (request->seat > 0)
    json_object_set_int_member (changes, "seat", request->seat);
  else
    json_object_set_null_member (changes, "seat");
  if (request->course > 0)
    json_object_set_int_member (changes, "course", request->course);
  else
    json_object_set_null_member (changes, "course");
  json_object_set_boolean_member (changes, "voided", FALSE);
  json_object_set_int_member (changes, "added_at", next_added_at (db, job->order_id, job->now));
  if (staff != NULL)
    json_object_set_string_member (changes, "added_by", staff);
  else
    json_object_set_null_member (changes, "added_by");

  line = duka_selling_upsert (db, "order_line", NULL, changes, job->actor, ctx->till_id, job->now, error);
  if (line != NULL)
    job->out_id = g_strdup (json_object_get_string_member (line, "id"));
  return line;
}

gboolean
duka_register_add_line (DukaRegister           *self,
                        const DukaActor        *actor,
                        const char             *order_id,
                        const DukaLineRequest  *request,
                        char                  **out_line_id,
                        GError                **error)
{
  OrderJob job = { .actor = actor, .order_id = order_id, .request = request };
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (!duka_id_is_valid (order_id) || !duka_id_is_valid (request->product_id) ||
      (request->variant_id != NULL && !duka_id_is_valid (request->variant_id)))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This item is not on sale"));
  if (!check_quantity (self, request->quantity, error))
    return FALSE;
  if (request->note != NULL && g_utf8_strlen (request->note, -1) > 200)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The note is too long"));

  ok = run_order_job (self, &job, add_line_in_writer, error);
  if (ok && out_line_id != NULL)
    *out_line_id = g_steal_pointer (&job.out_id);
  order_job_clear (&job);
  return ok;
}

/* Changing lines -------------------------------------------------------------- */

static JsonObject *
set_quantity_in_writer (sqlite3             *db,
                        OrderJob            *job,
                        DukaSellingContext  *ctx,
                        GError             **error)
{
  g_autoptr(JsonObject) line = load_line_of_open_order (db, job->line_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();

  if (line == NULL)
    return NULL;
  if (json_object_get_boolean_member_with_default (line, "voided", FALSE))
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("This line was voided"));
      return NULL;
    }
  json_object_set_int_member (changes, "quantity", job->quantity);
  return duka_selling_upsert (db, "order_line", job->line_id, changes, job->actor,
                              ctx->till_id, job->now, error);
}

gboolean
duka_register_set_quantity (DukaRegister     *self,
                            const DukaActor  *actor,
                            const char       *line_id,
                            gint64            quantity,
                            GError          **error)
{
  OrderJob job = { .actor = actor, .line_id = line_id, .quantity = quantity };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (!check_quantity (self, quantity, error))
    return FALSE;
  if (!duka_id_is_valid (line_id))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This line no longer exists"));

  return run_order_job (self, &job, set_quantity_in_writer, error);
}

static JsonObject *
set_note_in_writer (sqlite3             *db,
                    OrderJob            *job,
                    DukaSellingContext  *ctx,
                    GError             **error)
{
  g_autoptr(JsonObject) line = load_line_of_open_order (db, job->line_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();

  if (line == NULL)
    return NULL;
  if (job->reason != NULL && *job->reason != '\0')
    json_object_set_string_member (changes, "note", job->reason);
  else
    json_object_set_null_member (changes, "note");
  return duka_selling_upsert (db, "order_line", job->line_id, changes, job->actor,
                              ctx->till_id, job->now, error);
}

gboolean
duka_register_set_line_note (DukaRegister     *self,
                             const DukaActor  *actor,
                             const char       *line_id,
                             const char       *note,
                             GError          **error)
{
  OrderJob job = { .actor = actor, .line_id = line_id, .reason = note };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (note != NULL && g_utf8_strlen (note, -1) > 200)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The note is too long"));

  return run_order_job (self, &job, set_note_in_writer, error);
}

static JsonObject *
void_line_in_writer (sqlite3             *db,
                     OrderJob            *job,
                     DukaSellingContext  *ctx,
                     GError             **error)
{
  g_autoptr(JsonObject) line = load_line_of_open_order (db, job->line_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  JsonObject *written;

  if (line == NULL)
    return NULL;
  json_object_set_boolean_member (changes, "voided", TRUE);
  json_object_set_string_member (changes, "void_reason", job->reason);
  written = duka_selling_upsert (db, "order_line", job->line_id, changes, job->actor,
                                 ctx->till_id, job->now, error);
  if (written != NULL &&
      !duka_audit_append (db, job->actor, ctx->till_id, job->now, "order_line.void",
                          job->line_id, line, written, error))
    g_clear_pointer (&written, json_object_unref);
  return written;
}

gboolean
duka_register_void_line (DukaRegister     *self,
                         const DukaActor  *actor,
                         const char       *line_id,
                         const char       *reason,
                         GError          **error)
{
  OrderJob job = { .actor = actor, .line_id = line_id, .reason = reason };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (duka_selling_is_blank (reason))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("Give a reason for voiding the line"));
  if (g_utf8_strlen (reason, -1) > 200)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The reason is too long"));

  return run_order_job (self, &job, void_line_in_writer, error);
}

static JsonObject *
set_price_in_writer (sqlite3             *db,
                     OrderJob            *job,
                     DukaSellingContext  *ctx,
                     GError             **error)
{
  g_autoptr(JsonObject) line = load_line_of_open_order (db, job->line_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  JsonObject *written;

  if (line == NULL)
    return NULL;
  if (json_object_get_boolean_member_with_default (line, "voided", FALSE))
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("This line was voided"));
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (line, "kind", "item"), "item") != 0)
    {
      duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("Only an item’s price can be changed"));
      return NULL;
    }
  json_object_set_int_member (changes, "unit_price", job->amount);
  json_object_set_boolean_member (changes, "price_overridden", TRUE);
  written = duka_selling_upsert (db, "order_line", job->line_id, changes, job->actor,
                                 ctx->till_id, job->now, error);
  if (written != NULL &&
      !duka_audit_append (db, job->actor, ctx->till_id, job->now, "order_line.price",
                          job->line_id, line, written, error))
    g_clear_pointer (&written, json_object_unref);
  return written;
}

/**
 * duka_register_set_price:
 * @unit_price: the new price of one unit, choices included, in minor units
 *
 * Overrides a line's unit price in one audited write (needs the right to
 * override prices); the line keeps its id, so its history stays whole.
 */
gboolean
duka_register_set_price (DukaRegister     *self,
                         const DukaActor  *actor,
                         const char       *line_id,
                         gint64            unit_price,
                         GError          **error)
{
  OrderJob job = { .actor = actor, .line_id = line_id, .amount = unit_price };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (unit_price < 0)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("A price cannot be negative"));
  if (!duka_id_is_valid (line_id))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_NOT_FOUND, _("This line no longer exists"));

  return run_order_job (self, &job, set_price_in_writer, error);
}

/* Discounts ---------------------------------------------------------------- */

/* The largest discount rate @actor may give: the highest limit of their
 * roles, or of the approving manager's; the owner has none. */
gint64
duka_register_discount_limit (sqlite3          *db,
                              const DukaActor  *actor)
{
  const char *staff_id = actor == NULL ? NULL
                         : actor->approver_id != NULL ? actor->approver_id : actor->staff_id;
  sqlite3_stmt *stmt;
  gint64 limit = 0;

  if (staff_id == NULL)
    return DUKA_RATE_ONE;

  stmt = duka_store_prepare_cached (db,
    "SELECT max (CASE WHEN r.built_in = 'owner' THEN 1000000 ELSE coalesce (r.discount_limit, 0) END)"
    " FROM staff s, json_each (s.role_ids) j JOIN role r ON r.id = j.value AND r.deleted = 0"
    " WHERE s.id = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    limit = sqlite3_column_int64 (stmt, 0);
  duka_store_stmt_done (stmt);

  return limit;
}

static gboolean
check_discount (sqlite3          *db,
                const DukaActor  *actor,
                gint64            rate,
                gint64            amount,
                gint64            base,
                GError          **error)
{
  gint64 limit = duka_register_discount_limit (db, actor);
  gint64 effective = rate;

  if (rate == 0 && amount > 0)
    {
      if (base <= 0 || amount > base)
        return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                     _("The discount is larger than the amount"));
      /* amount / base as a rate, rounded up so a limit cannot be slipped */
      if (!duka_money_scale (amount, DUKA_RATE_ONE, base, DUKA_ROUND_UP, &effective, error))
        return FALSE;
    }
  if (effective > limit)
    {
      g_autofree char *limit_text = duka_rate_format_percent (limit, LC_GLOBAL_LOCALE);
      g_autofree char *message = g_strdup_printf (_("Your discount limit is %s. Ask a manager."), limit_text);

      return duka_register_refuse (error, DUKA_REGISTER_ERROR_DISCOUNT_LIMIT, message);
    }
  return TRUE;
}

static gboolean
check_discount_shape (gint64       rate,
                      gint64       amount,
                      const char  *reason,
                      GError     **error)
{
  if (rate < 0 || amount < 0)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("A discount cannot be negative"));
  if (rate > 0 && amount > 0)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                 _("Give a discount as a percentage or as an amount, not both"));
  if (rate > DUKA_RATE_ONE)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                 _("A discount cannot be more than 100 %"));
  if ((rate > 0 || amount > 0) && (duka_selling_is_blank (reason)))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("Give a reason for the discount"));
  if (reason != NULL && g_utf8_strlen (reason, -1) > 200)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The reason is too long"));
  return TRUE;
}

static void
set_discount_members (JsonObject  *changes,
                      gint64       rate,
                      gint64       amount,
                      const char  *reason)
{
  if (rate > 0)
    json_object_set_int_member (changes, "discount_rate", rate);
  else
    json_object_set_null_member (changes, "discount_rate");
  if (amount > 0)
    json_object_set_int_member (changes, "discount_amount", amount);
  else
    json_object_set_null_member (changes, "discount_amount");
  if ((rate > 0 || amount > 0) && reason != NULL)
    json_object_set_string_member (changes, "discount_reason", reason);
  else
    json_object_set_null_member (changes, "discount_reason");
}

static JsonObject *
discount_line_in_writer (sqlite3             *db,
                         OrderJob            *job,
                         DukaSellingContext  *ctx,
                         GError             **error)
{
  g_autoptr(JsonObject) line = load_line_of_open_order (db, job->line_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) written = NULL;
  gint64 extended;

  if (line == NULL)
    return NULL;
  if (!duka_money_multiply_quantity (json_object_get_int_member (line, "unit_price"),
                                     json_object_get_int_member (line, "quantity"),
                                     DUKA_ROUND_HALF_UP, &extended, error) ||
      !check_discount (db, job->actor, job->rate, job->amount, extended, error))
    return NULL;

  set_discount_members (changes, job->rate, job->amount, job->reason);
  written = duka_selling_upsert (db, "order_line", job->line_id, changes, job->actor,
                                 ctx->till_id, job->now, error);
  if (written == NULL ||
      !order_still_adds_up (db, ctx, json_object_get_string_member (line, "order_id"), error) ||
      !duka_audit_append (db, job->actor, ctx->till_id, job->now, "order_line.discount",
                          job->line_id, line, written, error))
    return NULL;
  return g_steal_pointer (&written);
}

gboolean
duka_register_discount_line (DukaRegister     *self,
                             const DukaActor  *actor,
                             const char       *line_id,
                             gint64            rate,
                             gint64            amount,
                             const char       *reason,
                             GError          **error)
{
  OrderJob job = { .actor = actor, .line_id = line_id, .rate = rate, .amount = amount, .reason = reason };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (!check_discount_shape (rate, amount, reason, error))
    return FALSE;

  return run_order_job (self, &job, discount_line_in_writer, error);
}

static JsonObject *
discount_order_in_writer (sqlite3             *db,
                          OrderJob            *job,
                          DukaSellingContext  *ctx,
                          GError             **error)
{
  g_autoptr(JsonObject) order = load_open_order (db, job->order_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) written = NULL;
  g_autoptr(DukaOrder) current = NULL;

  if (order == NULL)
    return NULL;
  current = duka_register_compute (db, ctx, job->order_id, NULL, error);
  if (current == NULL ||
      !check_discount (db, job->actor, job->rate, job->amount,
                       current->subtotal - current->discounts + current->discount_amount, error))
    return NULL;

  set_discount_members (changes, job->rate, job->amount, job->reason);
  written = duka_selling_upsert (db, "open_order", job->order_id, changes, job->actor,
                                 ctx->till_id, job->now, error);
  if (written == NULL ||
      !order_still_adds_up (db, ctx, job->order_id, error) ||
      !duka_audit_append (db, job->actor, ctx->till_id, job->now, "open_order.discount",
                          job->order_id, order, written, error))
    return NULL;
  return g_steal_pointer (&written);
}

gboolean
duka_register_discount_order (DukaRegister     *self,
                              const DukaActor  *actor,
                              const char       *order_id,
                              gint64            rate,
                              gint64            amount,
                              const char       *reason,
                              GError          **error)
{
  OrderJob job = { .actor = actor, .order_id = order_id, .rate = rate, .amount = amount, .reason = reason };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (!check_discount_shape (rate, amount, reason, error))
    return FALSE;

  return run_order_job (self, &job, discount_order_in_writer, error);
}

/* Charges, parking, voiding ------------------------------------------------------ */

static JsonObject *
set_charge_in_writer (sqlite3             *db,
                      OrderJob            *job,
                      DukaSellingContext  *ctx,
                      GError             **error)
{
  g_autoptr(JsonObject) order = load_open_order (db, job->order_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *existing = NULL;
  g_autofree char *staff = this_staff (job->actor);
  const char *kind = duka_register_line_kind_name (job->kind);
  sqlite3_stmt *stmt;

  if (order == NULL)
    return NULL;

  stmt = duka_store_prepare_cached (db,
    "SELECT id FROM order_line WHERE order_id = ?1 AND kind = ?2 AND voided = 0 AND deleted = 0"
    " ORDER BY added_at LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, job->order_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    existing = dup_column (stmt, 0);
  duka_store_stmt_done (stmt);

  if (job->amount == 0)
    {
      if (existing == NULL)
        return json_object_ref (order);
      json_object_set_boolean_member (changes, "voided", TRUE);
      json_object_set_string_member (changes, "void_reason", "removed");
      return duka_selling_upsert (db, "order_line", existing, changes, job->actor,
                                  ctx->till_id, job->now, error);
    }

  json_object_set_int_member (changes, "unit_price", job->amount);
  if (existing == NULL)
    {
      json_object_set_string_member (changes, "order_id", job->order_id);
      json_object_set_string_member (changes, "kind", kind);
      json_object_set_string_member (changes, "name",
                                     job->kind == DUKA_LINE_TIP ? _("Tip") : _("Service charge"));
      json_object_set_int_member (changes, "quantity", DUKA_QUANTITY_ONE);
      json_object_set_boolean_member (changes, "voided", FALSE);
      json_object_set_int_member (changes, "added_at", next_added_at (db, job->order_id, job->now));
      if (staff != NULL)
        json_object_set_string_member (changes, "added_by", staff);
    }
  return duka_selling_upsert (db, "order_line", existing, changes, job->actor,
                              ctx->till_id, job->now, error);
}

gboolean
duka_register_set_charge (DukaRegister     *self,
                          const DukaActor  *actor,
                          const char       *order_id,
                          DukaLineKind      kind,
                          gint64            amount,
                          GError          **error)
{
  OrderJob job = { .actor = actor, .order_id = order_id, .kind = kind, .amount = amount };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (kind == DUKA_LINE_SERVICE || kind == DUKA_LINE_TIP, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (amount < 0 || amount > G_GINT64_CONSTANT (1000000000000))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID,
                                 kind == DUKA_LINE_TIP ? _("The tip is not a valid amount")
                                                       : _("The service charge is not a valid amount"));

  return run_order_job (self, &job, set_charge_in_writer, error);
}

static JsonObject *
set_parked_in_writer (sqlite3             *db,
                      OrderJob            *job,
                      DukaSellingContext  *ctx,
                      GError             **error)
{
  g_autoptr(JsonObject) order = load_open_order (db, job->order_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();

  if (order == NULL)
    return NULL;
  json_object_set_boolean_member (changes, "parked", job->flag);
  if (job->name != NULL)
    {
      if (*job->name != '\0')
        json_object_set_string_member (changes, "name", job->name);
      else
        json_object_set_null_member (changes, "name");
    }
  return duka_selling_upsert (db, "open_order", job->order_id, changes, job->actor,
                              ctx->till_id, job->now, error);
}

gboolean
duka_register_set_parked (DukaRegister     *self,
                          const DukaActor  *actor,
                          const char       *order_id,
                          gboolean          parked,
                          const char       *name,
                          GError          **error)
{
  OrderJob job = { .actor = actor, .order_id = order_id, .flag = parked, .name = name };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (name != NULL && g_utf8_strlen (name, -1) > 80)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The order’s name is too long"));

  return run_order_job (self, &job, set_parked_in_writer, error);
}

static JsonObject *
void_order_in_writer (sqlite3             *db,
                      OrderJob            *job,
                      DukaSellingContext  *ctx,
                      GError             **error)
{
  g_autoptr(JsonObject) order = load_open_order (db, job->order_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  JsonObject *written;

  if (order == NULL)
    return NULL;
  json_object_set_string_member (changes, "state", "voided");
  json_object_set_string_member (changes, "void_reason", job->reason);
  written = duka_selling_upsert (db, "open_order", job->order_id, changes, job->actor,
                                 ctx->till_id, job->now, error);
  if (written != NULL &&
      !duka_audit_append (db, job->actor, ctx->till_id, job->now, "open_order.void",
                          job->order_id, order, written, error))
    g_clear_pointer (&written, json_object_unref);
  return written;
}

gboolean
duka_register_void_order (DukaRegister     *self,
                          const DukaActor  *actor,
                          const char       *order_id,
                          const char       *reason,
                          GError          **error)
{
  OrderJob job = { .actor = actor, .order_id = order_id, .reason = reason };

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  if (duka_selling_is_blank (reason))
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("Give a reason for voiding the order"));
  if (g_utf8_strlen (reason, -1) > 200)
    return duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, _("The reason is too long"));

  return run_order_job (self, &job, void_order_in_writer, error);
}

/* Tenders ------------------------------------------------------------------ */

static const struct {
  const char *id;
  const char *name;
  const char *kind;
  gboolean    opens_drawer;
} default_tenders[] = {
  { "01900000-0000-7000-8000-00000000c001", N_("Cash"), "cash", TRUE },
  { "01900000-0000-7000-8000-00000000c002", N_("Card"), "card", FALSE },
  { "01900000-0000-7000-8000-00000000c003", N_("Mobile money"), "mobile", FALSE },
};

/* Cash, card and mobile money, with fixed ids so every till of a business
 * has the same three. */
gboolean
duka_register_ensure_tender_types (sqlite3          *db,
                                   const DukaActor  *actor,
                                   const char       *device,
                                   gint64            now,
                                   GError          **error)
{
  const DukaKindSpec *kind = duka_registry_lookup ("tender_type");

  for (guint i = 0; i < G_N_ELEMENTS (default_tenders); i++)
    {
      g_autoptr(JsonObject) changes = NULL;
      g_autoptr(JsonObject) written = NULL;

      if (duka_entities_exists (db, kind, default_tenders[i].id))
        continue;
      changes = json_object_new ();
      json_object_set_string_member (changes, "name", g_dgettext (GETTEXT_PACKAGE, default_tenders[i].name));
      json_object_set_string_member (changes, "kind", default_tenders[i].kind);
      json_object_set_boolean_member (changes, "opens_drawer", default_tenders[i].opens_drawer);
      json_object_set_int_member (changes, "position", i);
      json_object_set_boolean_member (changes, "active", TRUE);
      written = duka_selling_upsert (db, "tender_type", default_tenders[i].id, changes, actor,
                                     device, now, error);
      if (written == NULL)
        return FALSE;
    }
  return TRUE;
}

static gint
compare_position (gconstpointer a,
                  gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;
  gint64 px = json_object_get_int_member_with_default (x, "position", 0);
  gint64 py = json_object_get_int_member_with_default (y, "position", 0);

  return px < py ? -1 : px > py;
}

GPtrArray *
duka_register_list_tender_types (DukaRegister  *self,
                                 GError       **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *active;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  all = duka_entities_list (db, duka_registry_lookup ("tender_type"), error);
  duka_store_release_reader (self->store, db);
  if (all == NULL)
    return NULL;

  active = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *record = g_ptr_array_index (all, i);

      if (json_object_get_boolean_member_with_default (record, "active", TRUE))
        g_ptr_array_add (active, json_object_ref (record));
    }
  g_ptr_array_sort (active, compare_position);
  return active;
}

static JsonObject *
save_tender_in_writer (sqlite3             *db,
                       OrderJob            *job,
                       DukaSellingContext  *ctx,
                       GError             **error)
{
  JsonObject *record = job->record;
  g_autoptr(GError) local_error = NULL;
  JsonObject *written;

  written = duka_selling_upsert (db, "tender_type",
                                 json_object_get_string_member_with_default (record, "id", NULL),
                                 record, job->actor, ctx->till_id, job->now, &local_error);
  if (written == NULL)
    {
      if (local_error->domain == DUKA_REGISTRY_ERROR)
        duka_register_refuse (error, DUKA_REGISTER_ERROR_INVALID, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  job->out_id = g_strdup (json_object_get_string_member (written, "id"));
  return written;
}

gboolean
duka_register_save_tender_type (DukaRegister     *self,
                                const DukaActor  *actor,
                                JsonObject       *record,
                                char            **out_id,
                                GError          **error)
{
  OrderJob job = { .actor = actor, .record = record };
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;

  ok = run_order_job (self, &job, save_tender_in_writer, error);
  if (ok && out_id != NULL)
    *out_id = g_steal_pointer (&job.out_id);
  order_job_clear (&job);
  return ok;
}

gint64 *
duka_register_split_evenly (gint64 total,
                            guint  n)
{
  g_autofree gint64 *weights = NULL;
  gint64 *shares;

  g_return_val_if_fail (n > 0, NULL);

  weights = g_new (gint64, n);
  shares = g_new0 (gint64, n);
  for (guint i = 0; i < n; i++)
    weights[i] = 1;
  if (!duka_money_allocate (total, weights, n, shares, NULL))
    g_clear_pointer (&shares, g_free);
  return shares;
}

gint64
duka_register_cash_due (DukaRegister *self,
                        gint64        due)
{
  DukaSellingContext ctx;
  gint64 rounded = due;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_REGISTER (self), due);

  db = duka_store_acquire_reader (self->store, NULL);
  if (db == NULL)
    return due;
  if (duka_selling_context_load (db, &ctx, NULL))
    {
      if (ctx.cash_step > 0)
        duka_money_round_to_step (due, ctx.cash_step, DUKA_ROUND_HALF_UP, &rounded, NULL);
      duka_selling_context_clear (&ctx);
    }
  duka_store_release_reader (self->store, db);
  return rounded;
}
