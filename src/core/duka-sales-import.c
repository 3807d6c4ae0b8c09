/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing past sales (SALES-IMPORT.md): every line is read and checked,
 * then each sale is frozen with the tax engine as completing a sale does
 * and written with duka_register_write_sale() into the till's "imported"
 * series, all in one writer transaction.  Any bad line and nothing is
 * written.
 */
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "duka-currency.h"
#include "duka-id.h"
#include "duka-money.h"
#include "duka-permissions.h"
#include "duka-register-private.h"
#include "duka-sales-import.h"
#include "duka-store-private.h"

#define MAX_QUANTITY G_GINT64_CONSTANT (1000000000)
#define MAX_MONEY    G_GINT64_CONSTANT (1000000000000)

typedef struct
{
  const DukaActor *actor;
  GPtrArray       *lines;     /* the file's text lines */
  GPtrArray       *problems;
  guint            imported;
  gint64           now;
} ImportJob;

typedef struct
{
  DukaSellingContext  ctx;
  GHashTable         *classes;     /* tax classes by id */
  GPtrArray          *owned;       /* DukaTaxClass and rates for explicit rates */
  GHashTable         *receipts;    /* receipt numbers seen in the file */
  guint               line_no;
  const char         *field;
  GPtrArray          *problems;
} Reader;

static locale_t
c_locale (void)
{
  static locale_t locale;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }
  return locale;
}

static gboolean
problem (Reader     *reader,
         const char *field,
         const char *message)
{
  if (field != NULL)
    /* Translators: a line number of the file, the field (lines[2].quantity), what is wrong */
    g_ptr_array_add (reader->problems, g_strdup_printf (_("line %u, field %s: %s"),
                                                        reader->line_no, field, message));
  else
    g_ptr_array_add (reader->problems, g_strdup_printf (_("line %u: %s"), reader->line_no, message));
  return FALSE;
}

/* A number as text, whatever JSON type held it, for the money parser:
 * money is never read through a double. */
static char *
number_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    default:
      return NULL;
    }
}

static gboolean
read_money (Reader      *reader,
            JsonObject  *object,
            const char  *member,
            const char  *field,
            gboolean     required,
            gint64      *out)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *text = number_text (node);
  g_autoptr(GError) error = NULL;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? problem (reader, field, _("an amount is required")) : TRUE;
  if (text == NULL)
    return problem (reader, field, _("an amount must be a number such as 12.50"));
  if (!duka_money_parse (text, duka_currency_lookup (reader->ctx.currency), c_locale (), out, &error))
    return problem (reader, field, error->message);
  if (*out < 0 || *out > MAX_MONEY)
    return problem (reader, field, _("the amount must be zero or more"));
  return TRUE;
}

/* Quantities are thousandths: "1.5" kg is 1500; at most three decimals. */
static gboolean
read_quantity (Reader     *reader,
               JsonObject *object,
               const char *field,
               gint64     *out)
{
  JsonNode *node = json_object_get_member (object, "quantity");
  g_autofree char *text = number_text (node);
  g_auto(GStrv) parts = NULL;
  guint64 whole = 0, fraction = 0;
  gsize decimals;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return problem (reader, field, _("a quantity is required"));
  if (text == NULL)
    return problem (reader, field, _("a quantity must be a number such as 2 or 0.5"));
  parts = g_strsplit (text, ".", 2);
  decimals = parts[1] != NULL ? strlen (parts[1]) : 0;
  if (parts[0][0] == '\0' || decimals > 3 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, MAX_QUANTITY / 1000, &whole, NULL) ||
      (decimals > 0 && !g_ascii_string_to_unsigned (parts[1], 10, 0, 999, &fraction, NULL)))
    return problem (reader, field, _("a quantity must be a number from 0.001 to 1000000 with at most three decimals"));
  for (gsize i = decimals; i < 3; i++)
    fraction *= 10;
  *out = (gint64) (whole * 1000 + fraction);
  if (*out <= 0)
    return problem (reader, field, _("a quantity must be more than zero"));
  return TRUE;
}

static const char *
read_text (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
set_text_or_null (JsonObject *object,
                  const char *member,
                  const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

/* A product found by SKU, barcode or name: its id, variant, name, SKU,
 * category and tax class; the name alone when no product has it. */
typedef struct
{
  char *product_id;
  char *variant_id;
  char *name;
  char *sku;
  char *category_id;
  char *tax_class_id;
} Match;

static void
match_clear (Match *match)
{
  g_free (match->product_id);
  g_free (match->variant_id);
  g_free (match->name);
  g_free (match->sku);
  g_free (match->category_id);
  g_free (match->tax_class_id);
}

static gboolean
lookup_product (sqlite3     *db,
                const char  *sql,
                const char  *key,
                Match       *match,
                GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      match->product_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      match->variant_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      match->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      match->sku = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      match->category_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      match->tax_class_id = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
    }
  duka_store_stmt_done (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

#define PRODUCT_COLUMNS "p.id, NULL, p.name, p.sku, p.category_id, p.tax_class_id"

static gboolean
find_product (Reader      *reader,
              sqlite3     *db,
              JsonObject  *line,
              const char  *field,
              Match       *match,
              GError     **error)
{
  const char *sku = read_text (line, "sku");
  const char *barcode = read_text (line, "barcode");
  const char *name = read_text (line, "name");
  g_autofree char *at = NULL;

  if ((sku != NULL) + (barcode != NULL) + (name != NULL) == 0)
    {
      problem (reader, field, _("give the item’s “sku”, “barcode” or “name”"));
      return TRUE;
    }
  if (sku != NULL)
    {
      g_autofree char *key = g_utf8_strup (sku, -1);

      if (!lookup_product (db, "SELECT " PRODUCT_COLUMNS " FROM product p"
                               " WHERE p.sku_key = ?1 AND p.deleted = 0", key, match, error))
        return FALSE;
      if (match->product_id == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("no product has the SKU “%s”"), sku);

          at = g_strconcat (field, ".sku", NULL);
          problem (reader, at, message);
        }
    }
  else if (barcode != NULL)
    {
      if (!lookup_product (db, "SELECT p.id, b.variant_id, coalesce (p.name || ' (' || v.name || ')', p.name),"
                               " coalesce (v.sku, p.sku), p.category_id, p.tax_class_id"
                               " FROM barcode b JOIN product p ON p.id = b.product_id"
                               " LEFT JOIN variant v ON v.id = b.variant_id"
                               " WHERE b.gtin = ?1 AND p.deleted = 0", barcode, match, error))
        return FALSE;
      if (match->product_id == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("no product has the barcode “%s”"), barcode);

          at = g_strconcat (field, ".barcode", NULL);
          problem (reader, at, message);
        }
    }
  else
    {
      if (!lookup_product (db, "SELECT " PRODUCT_COLUMNS " FROM product p"
                               " WHERE p.name = ?1 COLLATE NOCASE AND p.deleted = 0", name, match, error))
        return FALSE;
      /* An item no longer on the menu is sold by its name alone. */
      if (match->product_id == NULL)
        match->name = g_strdup (name);
    }
  return TRUE;
}

/* An explicit "tax_rate" (a percentage) is a class of its own. */
static const DukaTaxClass *
explicit_class (Reader *reader,
                gint64  ppm)
{
  g_autofree char *percent = duka_rate_format_percent (ppm, c_locale ());
  DukaTaxClass *klass = g_new0 (DukaTaxClass, 1);
  DukaTaxRate *rate = g_new0 (DukaTaxRate, 1);
  char *id = g_strdup_printf ("imported-%" G_GINT64_FORMAT, ppm);
  /* Translators: a tax rate read from imported sales, "Tax 16%" */
  char *name = g_strdup_printf (_("Tax %s"), percent);

  rate->id = id;
  rate->name = name;
  rate->rate_ppm = ppm;
  klass->id = id;
  klass->name = name;
  klass->rates = rate;
  klass->n_rates = 1;
  g_ptr_array_add (reader->owned, id);
  g_ptr_array_add (reader->owned, name);
  g_ptr_array_add (reader->owned, rate);
  g_ptr_array_add (reader->owned, klass);
  return klass;
}

typedef struct
{
  const char *id;
  const char *kind;
  const char *name;
} Tender;

static const Tender *
find_tender (GArray     *tenders,
             const char *wanted)
{
  if (wanted == NULL)
    return NULL;
  for (guint i = 0; i < tenders->len; i++)
    {
      const Tender *t = &g_array_index (tenders, Tender, i);

      if (g_ascii_strcasecmp (t->kind, wanted) == 0 || g_utf8_collate (t->name, wanted) == 0)
        return t;
    }
  return NULL;
}

/* Builds one sale in the registry's "sale" shape, or NULL after adding
 * its problems (or setting @error when the store failed). */
static JsonObject *
build_sale (Reader      *reader,
            sqlite3     *db,
            JsonObject  *input,
            GArray      *tenders,
            GError     **error)
{
  g_autoptr(JsonObject) sale = json_object_new ();
  g_autoptr(GArray) tax_lines = g_array_new (FALSE, TRUE, sizeof (DukaTaxLine));
  g_autoptr(GArray) matches = g_array_new (FALSE, TRUE, sizeof (Match));
  g_autoptr(DukaTaxResult) result = NULL;
  g_autoptr(GError) tax_error = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *business_date = NULL;
  JsonArray *input_lines, *input_payments, *lines, *payments;
  const char *receipt = read_text (input, "receipt");
  const char *at_text = read_text (input, "at");
  const char *staff = read_text (input, "staff");
  g_autofree char *staff_id = NULL;
  guint before = reader->problems->len;
  DukaTaxSettings settings;
  DukaTaxOrder tax_order = { 0 };
  JsonNode *node;
  gint64 at = 0, paid = 0, change = 0, total;

  g_array_set_clear_func (matches, (GDestroyNotify) match_clear);

  if (receipt == NULL || receipt[0] == '\0' || g_utf8_strlen (receipt, -1) > 64)
    problem (reader, "receipt", _("the receipt number of the other system is required (at most 64 characters)"));
  else
    {
      sqlite3_stmt *stmt = duka_store_prepare_cached (db,
        "SELECT 1 FROM sale_payment p JOIN sale s ON s.id = p.sale_id"
        " WHERE s.origin = 'imported' AND p.reference = ?1 LIMIT 1", error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, receipt, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      duka_store_stmt_done (stmt);
      if (rc == SQLITE_ROW)
        problem (reader, "receipt", _("this receipt was already imported"));
      else if (!g_hash_table_add (reader->receipts, g_strdup (receipt)))
        problem (reader, "receipt", _("this receipt is in the file twice"));
      else if (rc != SQLITE_DONE)
        {
          duka_store_sql_error (db, error);
          return NULL;
        }
    }

  if (at_text != NULL)
    when = g_date_time_new_from_iso8601 (at_text, reader->ctx.tz);
  if (when == NULL)
    problem (reader, "at", _("a date and time such as 2026-01-05T12:31:00+03:00 is required"));
  else
    {
      at = g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
      business_date = duka_selling_business_date (&reader->ctx, at);
    }

  if (staff != NULL)
    {
      sqlite3_stmt *stmt = duka_store_prepare_cached (db,
        "SELECT id FROM staff WHERE (id = ?1 OR name = ?1 COLLATE NOCASE) AND deleted = 0 LIMIT 1", error);

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, staff, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        staff_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      duka_store_stmt_done (stmt);
      if (staff_id == NULL)
        problem (reader, "staff", _("no one on the staff has this name"));
    }

  node = json_object_get_member (input, "lines");
  input_lines = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (input_lines == NULL || json_array_get_length (input_lines) == 0 ||
      json_array_get_length (input_lines) > 1000)
    problem (reader, "lines", _("a list of one to 1000 lines is required"));

  for (guint i = 0; input_lines != NULL && i < json_array_get_length (input_lines) && i < 1000; i++)
    {
      JsonNode *element = json_array_get_element (input_lines, i);
      g_autofree char *field = g_strdup_printf ("lines[%u]", i);
      g_autofree char *qty_field = g_strdup_printf ("lines[%u].quantity", i);
      g_autofree char *price_field = g_strdup_printf ("lines[%u].unit_price", i);
      g_autofree char *discount_field = g_strdup_printf ("lines[%u].discount", i);
      g_autofree char *rate_field = g_strdup_printf ("lines[%u].tax_rate", i);
      JsonObject *line;
      DukaTaxLine tax_line = { DUKA_TAX_LINE_ITEM, 0, 0, NULL, 0 };
      Match match = { 0 };
      g_autofree char *discount_text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          problem (reader, field, _("each line must be an object"));
          continue;
        }
      line = json_node_get_object (element);
      if (!find_product (reader, db, line, field, &match, error))
        {
          match_clear (&match);
          return NULL;
        }
      read_quantity (reader, line, qty_field, &tax_line.quantity_milli);
      read_money (reader, line, "unit_price", price_field, TRUE, &tax_line.unit_price_minor);

      discount_text = number_text (json_object_get_member (line, "discount"));
      if (discount_text != NULL && g_str_has_suffix (discount_text, "%"))
        {
          g_autoptr(GError) rate_error = NULL;
          gint64 ppm = 0;

          if (!duka_rate_parse_percent (discount_text, FALSE, &ppm, &rate_error))
            problem (reader, discount_field, rate_error->message);
          else
            {
              gint64 extended = (tax_line.unit_price_minor * tax_line.quantity_milli + 500) / 1000;

              tax_line.discount_minor = (extended * ppm + 500000) / 1000000;
            }
        }
      else
        read_money (reader, line, "discount", discount_field, FALSE, &tax_line.discount_minor);

      if (json_object_has_member (line, "tax_rate"))
        {
          g_autofree char *rate_text = number_text (json_object_get_member (line, "tax_rate"));
          g_autoptr(GError) rate_error = NULL;
          gint64 ppm = 0;

          if (rate_text == NULL || !duka_rate_parse_percent (rate_text, FALSE, &ppm, &rate_error))
            problem (reader, rate_field, rate_error != NULL ? rate_error->message
                                                            : _("a tax rate is a percentage such as 16"));
          else if (reader->ctx.taxed && ppm > 0)
            tax_line.tax_class = explicit_class (reader, ppm);
        }
      else if (reader->ctx.taxed && match.tax_class_id != NULL)
        tax_line.tax_class = g_hash_table_lookup (reader->classes, match.tax_class_id);

      g_array_append_val (tax_lines, tax_line);
      g_array_append_val (matches, match);
    }

  node = json_object_get_member (input, "payments");
  input_payments = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (input_payments == NULL || json_array_get_length (input_payments) == 0 ||
      json_array_get_length (input_payments) > 50)
    problem (reader, "payments", _("a list of one to 50 payments is required"));

  /* Every payment's problems are named too, before anything is built. */
  for (guint i = 0; input_payments != NULL && i < json_array_get_length (input_payments) && i < 50; i++)
    {
      JsonNode *element = json_array_get_element (input_payments, i);
      g_autofree char *field = g_strdup_printf ("payments[%u]", i);
      g_autofree char *tender_field = g_strdup_printf ("payments[%u].tender", i);
      g_autofree char *amount_field = g_strdup_printf ("payments[%u].amount", i);
      const char *wanted;
      gint64 amount = 0;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          problem (reader, field, _("each payment must be an object"));
          continue;
        }
      wanted = read_text (json_node_get_object (element), "tender");
      if (wanted == NULL || find_tender (tenders, wanted) == NULL)
        problem (reader, tender_field, _("the way of paying must be one of the till’s: cash, card, mobile or a name"));
      if (read_money (reader, json_node_get_object (element), "amount", amount_field, TRUE, &amount) &&
          amount == 0)
        problem (reader, amount_field, _("a payment must be more than zero"));
    }

  if (reader->problems->len > before)
    return NULL;

  duka_register_tax_settings (&reader->ctx, &settings);
  tax_order.lines = (const DukaTaxLine *) tax_lines->data;
  tax_order.n_lines = tax_lines->len;
  result = duka_tax_compute (&settings, &tax_order, &tax_error);
  if (result == NULL)
    {
      problem (reader, "lines", tax_error->message);
      return NULL;
    }
  total = result->total_minor;

  payments = json_array_new ();
  json_object_set_array_member (sale, "payments", payments);
  for (guint i = 0; i < json_array_get_length (input_payments); i++)
    {
      JsonObject *input_payment = json_array_get_object_element (input_payments, i);
      const Tender *tender = find_tender (tenders, read_text (input_payment, "tender"));
      g_autofree char *payment_id = NULL;
      JsonObject *payment;
      gint64 amount = 0;

      /* Checked above: a known tender and an amount. */
      read_money (reader, input_payment, "amount", "payments", TRUE, &amount);

      payment_id = duka_id_new ();
      payment = json_object_new ();
      json_object_set_string_member (payment, "id", payment_id);
      json_object_set_string_member (payment, "tender_type_id", tender->id);
      json_object_set_string_member (payment, "kind", tender->kind);
      json_object_set_string_member (payment, "name", tender->name);
      json_object_set_int_member (payment, "amount", amount);
      json_object_set_int_member (payment, "tendered", amount);
      json_object_set_int_member (payment, "change", 0);
      json_object_set_null_member (payment, "card_last4");
      json_object_set_null_member (payment, "approval_code");
      /* The other system's receipt number stays with the sale. */
      json_object_set_string_member (payment, "reference", receipt);
      json_array_add_object_element (payments, payment);
      paid += amount;
    }
  if (reader->problems->len > before)
    return NULL;

  /* Cash given over the total is change, from the last cash payment. */
  if (paid > total)
    {
      for (guint i = json_array_get_length (payments); i-- > 0 && paid > total;)
        {
          JsonObject *payment = json_array_get_object_element (payments, i);
          gint64 amount = json_object_get_int_member (payment, "amount");
          gint64 give = MIN (amount, paid - total);

          if (!g_str_equal (json_object_get_string_member (payment, "kind"), "cash"))
            continue;
          json_object_set_int_member (payment, "amount", amount - give);
          json_object_set_int_member (payment, "change", give);
          change += give;
          paid -= give;
        }
    }
  if (paid != total)
    {
      g_autofree char *due = duka_money_format (total, duka_currency_lookup (reader->ctx.currency));
      g_autofree char *message = g_strdup_printf (_("the payments do not add up to the total, %s (only cash may be more)"), due);

      problem (reader, "payments", message);
      return NULL;
    }

  lines = json_array_new ();
  json_object_set_array_member (sale, "lines", lines);
  for (guint i = 0; i < result->n_lines; i++)
    {
      const DukaTaxLineResult *r = &result->lines[i];
      const DukaTaxLine *in = &g_array_index (tax_lines, DukaTaxLine, i);
      Match *match = &g_array_index (matches, Match, i);
      g_autofree char *line_id = duka_id_new ();
      JsonObject *frozen = json_object_new ();
      JsonArray *taxes = json_array_new ();

      json_object_set_string_member (frozen, "id", line_id);
      json_object_set_string_member (frozen, "kind", "item");
      set_text_or_null (frozen, "product_id", match->product_id);
      set_text_or_null (frozen, "variant_id", match->variant_id);
      set_text_or_null (frozen, "category_id", match->category_id);
      set_text_or_null (frozen, "tax_class_id", in->tax_class != NULL && match->tax_class_id != NULL &&
                                                g_str_equal (in->tax_class->id, match->tax_class_id)
                                                ? match->tax_class_id : NULL);
      json_object_set_string_member (frozen, "name", match->name);
      set_text_or_null (frozen, "sku", match->sku != NULL && match->sku[0] != '\0' ? match->sku : NULL);
      json_object_set_int_member (frozen, "quantity", in->quantity_milli);
      json_object_set_int_member (frozen, "unit_price", in->unit_price_minor);
      json_object_set_boolean_member (frozen, "price_overridden", FALSE);
      json_object_set_array_member (frozen, "modifiers", json_array_new ());
      json_object_set_null_member (frozen, "note");
      json_object_set_null_member (frozen, "seat");
      json_object_set_null_member (frozen, "course");
      json_object_set_int_member (frozen, "extended", r->extended_minor);
      json_object_set_int_member (frozen, "line_discount", r->line_discount_minor);
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
          json_array_add_object_element (taxes, tax);
        }
      json_object_set_array_member (frozen, "taxes", taxes);
      json_array_add_object_element (lines, frozen);
    }

  {
    JsonArray *taxes = json_array_new ();
    g_autofree char *sale_id = duka_id_new ();

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
    json_object_set_array_member (sale, "taxes", taxes);

    json_object_set_string_member (sale, "id", sale_id);
  }
  json_object_set_null_member (sale, "order_id");
  json_object_set_string_member (sale, "outlet_id", reader->ctx.outlet_id);
  json_object_set_string_member (sale, "till_id", reader->ctx.till_id);
  json_object_set_null_member (sale, "cash_session_id");
  set_text_or_null (sale, "staff_id", staff_id);
  json_object_set_null_member (sale, "customer_id");
  json_object_set_string_member (sale, "origin", "imported");
  json_object_set_string_member (sale, "business_date", business_date);
  json_object_set_int_member (sale, "at", at);
  json_object_set_string_member (sale, "currency", reader->ctx.currency);
  json_object_set_string_member (sale, "tax_mode", reader->ctx.taxed && reader->ctx.tax_mode == DUKA_TAX_EXCLUSIVE
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
  json_object_set_int_member (sale, "paid", paid);
  json_object_set_int_member (sale, "change", change);
  return g_steal_pointer (&sale);
}

static gboolean
load_tenders (sqlite3     *db,
              GArray      *tenders,
              GPtrArray   *strings,
              GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT id, kind, name FROM tender_type WHERE deleted = 0 AND active = 1 ORDER BY position", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Tender tender;

      tender.id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (strings, (char *) tender.id);
      tender.kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (strings, (char *) tender.kind);
      tender.name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (strings, (char *) tender.name);
      g_array_append_val (tenders, tender);
    }
  duka_store_stmt_done (stmt);
  return rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

static gboolean
import_in_writer (DukaStore  *store,
                  sqlite3    *db,
                  gpointer    user_data,
                  GError    **error)
{
  ImportJob *job = user_data;
  Reader reader = { 0 };
  g_autoptr(GArray) tenders = g_array_new (FALSE, TRUE, sizeof (Tender));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sales = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(DukaSeries) series = NULL;
  g_autofree char *prefix = NULL;
  gboolean ok = FALSE;

  if (!duka_selling_context_load (db, &reader.ctx, error))
    return FALSE;
  reader.problems = job->problems;
  reader.owned = g_ptr_array_new_with_free_func (g_free);
  reader.receipts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.classes = reader.ctx.taxed ? duka_selling_tax_classes (db, error) : NULL;
  if (reader.ctx.taxed && reader.classes == NULL)
    goto out;
  if (!duka_register_ensure_tender_types (db, job->actor, reader.ctx.till_id, job->now, error) ||
      !load_tenders (db, tenders, strings, error))
    goto out;

  for (guint i = 0; i < job->lines->len; i++)
    {
      const char *text = g_ptr_array_index (job->lines, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) parse_error = NULL;
      JsonObject *sale;
      JsonNode *root;

      reader.line_no = i + 1;
      if (duka_selling_is_blank (text))
        continue;
      if (!json_parser_load_from_data (parser, text, -1, &parse_error))
        {
          problem (&reader, NULL, parse_error->message);
          continue;
        }
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          problem (&reader, NULL, _("each line must be one JSON object"));
          continue;
        }
      sale = build_sale (&reader, db, json_node_get_object (root), tenders, error);
      if (sale == NULL && error != NULL && *error != NULL)
        goto out;
      if (sale != NULL)
        g_ptr_array_add (sales, sale);
    }

  if (job->problems->len > 0)
    {
      g_set_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The file has %u problem; nothing was imported",
                                "The file has %u problems; nothing was imported", job->problems->len),
                   job->problems->len);
      goto out;
    }

  prefix = g_strconcat (reader.ctx.till_code, "-IMP", NULL);
  series = duka_series_load (db, reader.ctx.till_id, "imported", prefix, job->now, error);
  if (series == NULL)
    goto out;
  for (guint i = 0; i < sales->len; i++)
    if (!duka_register_write_sale (db, series, g_ptr_array_index (sales, i), job->actor,
                                   reader.ctx.till_id, error))
      goto out;
  job->imported = sales->len;
  ok = TRUE;

out:
  g_clear_pointer (&reader.classes, g_hash_table_unref);
  g_clear_pointer (&reader.owned, g_ptr_array_unref);
  g_clear_pointer (&reader.receipts, g_hash_table_unref);
  duka_selling_context_clear (&reader.ctx);
  return ok;
}

/**
 * duka_sales_import:
 * @input: JSON lines, as SALES-IMPORT.md describes
 * @out_imported: (out) (optional): how many sales were recorded
 * @problems: (out) (optional) (transfer full) (element-type utf8): every
 *   problem found, "line 17, field lines[2].quantity: …"
 *
 * Returns: %TRUE when every sale was recorded; %FALSE with nothing written
 */
gboolean
duka_sales_import (DukaStore        *store,
                   const DukaActor  *actor,
                   GInputStream     *input,
                   guint            *out_imported,
                   GPtrArray       **problems,
                   GError          **error)
{
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  ImportJob job = { actor, lines, found, 0, 0 };
  GError *read_error = NULL;
  char *line;
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);

  if (out_imported != NULL)
    *out_imported = 0;
  if (problems != NULL)
    *problems = NULL;
  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;

  data = g_data_input_stream_new (input);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  while ((line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &read_error)) != NULL)
    g_ptr_array_add (lines, line);
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }

  job.now = duka_clock_now (duka_store_get_clock (store));
  ok = duka_store_write_full_sync (store, import_in_writer, &job, error);
  if (out_imported != NULL)
    *out_imported = job.imported;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return ok;
}
