/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tax engine: from a cart to every amount a receipt prints, in integer
 * minor units.  Each step that divides names its rounding, and each amount
 * spread over lines (order discount, per-receipt tax) goes by largest
 * remainder, so printed lines always sum to printed totals.
 */
#include <glib/gi18n-lib.h>

#include <string.h>

#include "duka-tax.h"

G_DEFINE_QUARK (duka-tax-error-quark, duka_tax_error)

typedef struct
{
  const DukaTaxSettings *settings;
  const DukaTaxOrder    *order;
  DukaTaxResult         *result;
  /* Per line, after both discounts: gross in inclusive mode, net in
   * exclusive mode.  Tax is computed on it. */
  gint64                *base;
} Computation;

static gboolean
add_to (gint64  *sum,
        gint64   amount,
        GError **error)
{
  return duka_money_add (*sum, amount, sum, error);
}

static gboolean
set_invalid (GError    **error,
             const char *message)
{
  g_set_error_literal (error, DUKA_TAX_ERROR, DUKA_TAX_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
validate_input (const DukaTaxSettings *settings,
                const DukaTaxOrder    *order,
                GError               **error)
{
  if (settings->mode != DUKA_TAX_INCLUSIVE && settings->mode != DUKA_TAX_EXCLUSIVE)
    return set_invalid (error, _("Unknown tax mode."));
  if (settings->scope != DUKA_TAX_ROUND_PER_LINE && settings->scope != DUKA_TAX_ROUND_PER_RECEIPT)
    return set_invalid (error, _("Unknown tax rounding scope."));
  if (settings->cash_step_minor < 0)
    return set_invalid (error, _("The cash rounding step cannot be negative."));
  if (order->n_lines > 0 && order->lines == NULL)
    return set_invalid (error, _("The order has lines but none were given."));
  if (order->discount_minor < 0 || order->discount_ppm < 0)
    return set_invalid (error, _("A discount cannot be negative."));
  if (order->discount_ppm > DUKA_RATE_ONE)
    return set_invalid (error, _("A discount cannot be more than 100 %."));
  if (order->discount_minor != 0 && order->discount_ppm != 0)
    return set_invalid (error, _("An order discount is either an amount or a "
                                 "percentage, not both."));

  for (guint i = 0; i < order->n_lines; i++)
    {
      const DukaTaxLine *line = &order->lines[i];

      if (line->unit_price_minor < 0 || line->quantity_milli < 0)
        return set_invalid (error, _("A sale line cannot have a negative price or "
                                     "quantity; a refund reverses the original sale."));
      if (line->discount_minor < 0)
        return set_invalid (error, _("A discount cannot be negative."));
      if (line->tax_class != NULL && line->tax_class->n_rates > 0 &&
          line->tax_class->rates == NULL)
        return set_invalid (error, _("A tax class lists rates but none were given."));
    }

  return TRUE;
}

static gboolean
same_rate (const DukaTaxRate *a,
           const DukaTaxRate *b)
{
  return a->rate_ppm == b->rate_ppm && a->band == b->band;
}

/* Gives every rate used one slot in result->rates, and every taxed line one
 * DukaTaxLineTax per rate of its class pointing at that slot. */
static gboolean
collect_rates (Computation *c,
               GError     **error)
{
  g_autoptr (GHashTable) index_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) rates = g_array_new (FALSE, TRUE, sizeof (DukaTaxRateTotal));
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < c->order->n_lines; i++)
    {
      const DukaTaxClass *tax_class = c->order->lines[i].tax_class;
      DukaTaxLineResult *line = &c->result->lines[i];

      if (tax_class == NULL || tax_class->n_rates == 0)
        continue;

      line->taxes = g_new0 (DukaTaxLineTax, tax_class->n_rates);
      line->n_taxes = tax_class->n_rates;

      for (guint r = 0; ok && r < tax_class->n_rates; r++)
        {
          const DukaTaxRate *rate = &tax_class->rates[r];
          gpointer found;
          guint index;

          if (rate->id == NULL || rate->rate_ppm < 0)
            {
              ok = set_invalid (error, _("A tax rate needs an id and cannot be negative."));
              break;
            }
          if (g_hash_table_lookup_extended (index_by_id, rate->id, NULL, &found))
            {
              index = GPOINTER_TO_UINT (found);
              if (!same_rate (&g_array_index (rates, DukaTaxRateTotal, index).rate, rate))
                ok = set_invalid (error, _("Two tax rates share an id but differ."));
            }
          else
            {
              DukaTaxRateTotal total = { { 0 } };

              total.rate.id = g_strdup (rate->id);
              total.rate.name = g_strdup (rate->name);
              total.rate.rate_ppm = rate->rate_ppm;
              total.rate.band = rate->band;
              index = rates->len;
              g_array_append_val (rates, total);
              g_hash_table_insert (index_by_id, (gpointer) total.rate.id,
                                   GUINT_TO_POINTER (index));
            }

          for (guint earlier = 0; ok && earlier < r; earlier++)
            {
              if (line->taxes[earlier].rate_index == index)
                ok = set_invalid (error, _("A tax class lists the same rate twice."));
            }
          line->taxes[r].rate_index = index;
        }
    }

  /* Owned by the result from here on, also when a later step fails. */
  c->result->n_rates = rates->len;
  c->result->rates = (DukaTaxRateTotal *) (void *) g_array_free (g_steal_pointer (&rates), FALSE);

  return ok;
}

static gboolean
compute_extended (Computation *c,
                  GError     **error)
{
  DukaTaxResult *result = c->result;

  for (guint i = 0; i < c->order->n_lines; i++)
    {
      const DukaTaxLine *in = &c->order->lines[i];
      DukaTaxLineResult *line = &result->lines[i];

      line->kind = in->kind;
      if (!duka_money_multiply_quantity (in->unit_price_minor, in->quantity_milli,
                                         c->settings->rounding, &line->extended_minor, error))
        return FALSE;
      if (in->discount_minor > line->extended_minor)
        {
          g_set_error_literal (error, DUKA_TAX_ERROR, DUKA_TAX_ERROR_DISCOUNT_TOO_LARGE,
                               _("A line’s discount is larger than the line."));
          return FALSE;
        }
      line->line_discount_minor = in->discount_minor;
      c->base[i] = line->extended_minor - in->discount_minor;

      if (!add_to (&result->subtotal_minor, line->extended_minor, error) ||
          !add_to (&result->line_discounts_minor, in->discount_minor, error))
        return FALSE;
    }

  return TRUE;
}

/* Spreads the order discount over the item lines in proportion to what
 * they cost after their own discounts; tips and service charges keep their
 * amount.  No share exceeds its line, since the discount does not exceed
 * the lines it spreads over. */
static gboolean
apply_order_discount (Computation *c,
                      GError     **error)
{
  guint n = c->order->n_lines;
  g_autofree gint64 *weights = g_new0 (gint64, n + 1);
  g_autofree gint64 *shares = g_new0 (gint64, n + 1);
  gint64 eligible = 0;
  gint64 discount = c->order->discount_minor;

  for (guint i = 0; i < n; i++)
    {
      if (c->order->lines[i].kind != DUKA_TAX_LINE_ITEM)
        continue;
      weights[i] = c->base[i];
      if (!add_to (&eligible, weights[i], error))
        return FALSE;
    }

  if (c->order->discount_ppm != 0 &&
      !duka_money_apply_rate (eligible, c->order->discount_ppm, c->settings->rounding,
                              &discount, error))
    return FALSE;

  if (discount > eligible)
    {
      g_set_error_literal (error, DUKA_TAX_ERROR, DUKA_TAX_ERROR_DISCOUNT_TOO_LARGE,
                           _("The order discount is larger than the items it applies to."));
      return FALSE;
    }
  c->result->order_discount_minor = discount;
  if (discount == 0)
    return TRUE;

  if (!duka_money_allocate (discount, weights, n, shares, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      c->result->lines[i].order_discount_minor = shares[i];
      c->base[i] -= shares[i];
    }

  return TRUE;
}

static gboolean
sum_of_rates (Computation             *c,
              const DukaTaxLineResult *line,
              gint64                  *rate_sum,
              GError                 **error)
{
  *rate_sum = 0;
  for (guint t = 0; t < line->n_taxes; t++)
    {
      if (!add_to (rate_sum, c->result->rates[line->taxes[t].rate_index].rate.rate_ppm, error))
        return FALSE;
    }

  return TRUE;
}

/* Tax inside @gross at the rates summing to @rate_sum: gross × R / (1 + R). */
static gboolean
extract_inclusive (Computation *c,
                   gint64       gross,
                   gint64       rate_sum,
                   gint64      *tax,
                   GError     **error)
{
  gint64 divisor;

  return duka_money_add (DUKA_RATE_ONE, rate_sum, &divisor, error) &&
         duka_money_scale (gross, rate_sum, divisor, c->settings->rounding, tax, error);
}

/* Splits @line's tax @tax over its rates in proportion to @weights (the
 * rates themselves, or what is left of each rate's total). */
static gboolean
split_over_rates (DukaTaxLineResult *line,
                  gint64             tax,
                  const gint64      *weights,
                  GError           **error)
{
  g_autofree gint64 *shares = g_new0 (gint64, line->n_taxes);

  if (!duka_money_allocate (tax, weights, line->n_taxes, shares, error))
    return FALSE;
  for (guint t = 0; t < line->n_taxes; t++)
    line->taxes[t].tax_minor = shares[t];

  return TRUE;
}

static gboolean
tax_per_line (Computation *c,
              GError     **error)
{
  for (guint i = 0; i < c->order->n_lines; i++)
    {
      DukaTaxLineResult *line = &c->result->lines[i];
      g_autofree gint64 *rates = g_new0 (gint64, line->n_taxes + 1);
      gint64 rate_sum;
      gint64 tax;

      for (guint t = 0; t < line->n_taxes; t++)
        {
          rates[t] = c->result->rates[line->taxes[t].rate_index].rate.rate_ppm;
          if (c->settings->mode == DUKA_TAX_EXCLUSIVE &&
              !duka_money_apply_rate (c->base[i], rates[t], c->settings->rounding,
                                      &line->taxes[t].tax_minor, error))
            return FALSE;
        }

      if (c->settings->mode == DUKA_TAX_EXCLUSIVE || line->n_taxes == 0)
        continue;

      /* One extraction for all rates, so the line's tax is what a person
       * computes from the price, and each rate gets its proportional part. */
      if (!sum_of_rates (c, line, &rate_sum, error) ||
          !extract_inclusive (c, c->base[i], rate_sum, &tax, error) ||
          !split_over_rates (line, tax, rates, error))
        return FALSE;
    }

  return TRUE;
}

static gint64 *
find_line_tax (DukaTaxLineResult *line,
               guint              rate_index)
{
  for (guint t = 0; t < line->n_taxes; t++)
    {
      if (line->taxes[t].rate_index == rate_index)
        return &line->taxes[t].tax_minor;
    }

  return NULL;
}

/* Exclusive, per receipt: each rate's tax once on the sum of the bases of
 * the lines it applies to, spread back over them by largest remainder. */
static gboolean
tax_per_receipt_exclusive (Computation *c,
                           GError     **error)
{
  guint n = c->order->n_lines;
  g_autofree gint64 *weights = g_new0 (gint64, n + 1);
  g_autofree gint64 *shares = g_new0 (gint64, n + 1);

  for (guint k = 0; k < c->result->n_rates; k++)
    {
      gint64 base = 0;
      gint64 tax;

      for (guint i = 0; i < n; i++)
        {
          weights[i] = find_line_tax (&c->result->lines[i], k) != NULL ? c->base[i] : 0;
          if (!add_to (&base, weights[i], error))
            return FALSE;
        }

      if (!duka_money_apply_rate (base, c->result->rates[k].rate.rate_ppm,
                                  c->settings->rounding, &tax, error))
        return FALSE;
      /* No base at all: the equal split would hand 0 to untaxed lines too. */
      if (tax == 0)
        continue;
      if (!duka_money_allocate (tax, weights, n, shares, error))
        return FALSE;

      for (guint i = 0; i < n; i++)
        {
          gint64 *line_tax = find_line_tax (&c->result->lines[i], k);

          if (line_tax != NULL)
            *line_tax = shares[i];
        }
    }

  return TRUE;
}

/* A key naming a line's set of rates, whatever order its class lists
 * them in. */
static char *
rate_set_key (const DukaTaxLineResult *line)
{
  GString *key = g_string_new (NULL);
  g_autofree guint *indexes = g_new0 (guint, line->n_taxes + 1);

  for (guint t = 0; t < line->n_taxes; t++)
    indexes[t] = line->taxes[t].rate_index;
  for (guint a = 1; a < line->n_taxes; a++)
    for (guint b = a; b > 0 && indexes[b - 1] > indexes[b]; b--)
      {
        guint swap = indexes[b];

        indexes[b] = indexes[b - 1];
        indexes[b - 1] = swap;
      }
  for (guint t = 0; t < line->n_taxes; t++)
    g_string_append_printf (key, "%u,", indexes[t]);

  return g_string_free (key, FALSE);
}

/* Inclusive, per receipt, for the lines @members that share one set of
 * rates: the set's tax once on their summed gross, split over the rates,
 * then over the lines.  A line's share of the set's total comes first, so
 * it never exceeds the line's gross; each line then splits its share over
 * the rates by what is left of each rate, and the last line takes exactly
 * the rest. */
static gboolean
tax_rate_set_inclusive (Computation *c,
                        GArray      *members,
                        GError     **error)
{
  DukaTaxLineResult *first = &c->result->lines[g_array_index (members, guint, 0)];
  guint n_rates = first->n_taxes;
  g_autofree gint64 *gross = g_new0 (gint64, members->len);
  g_autofree gint64 *line_tax = g_new0 (gint64, members->len);
  g_autofree gint64 *rate_left = g_new0 (gint64, n_rates);
  g_autofree gint64 *weights = g_new0 (gint64, n_rates);
  gint64 gross_sum = 0;
  gint64 rate_sum;
  gint64 tax;

  for (guint m = 0; m < members->len; m++)
    {
      gross[m] = c->base[g_array_index (members, guint, m)];
      if (!add_to (&gross_sum, gross[m], error))
        return FALSE;
    }
  for (guint t = 0; t < n_rates; t++)
    weights[t] = c->result->rates[first->taxes[t].rate_index].rate.rate_ppm;

  if (!sum_of_rates (c, first, &rate_sum, error) ||
      !extract_inclusive (c, gross_sum, rate_sum, &tax, error) ||
      !duka_money_allocate (tax, weights, n_rates, rate_left, error) ||
      !duka_money_allocate (tax, gross, members->len, line_tax, error))
    return FALSE;

  for (guint m = 0; m < members->len; m++)
    {
      DukaTaxLineResult *line = &c->result->lines[g_array_index (members, guint, m)];

      /* Rates go in the first line's order; this line's class may list
       * them differently, hence find_line_tax(). */
      if (!duka_money_allocate (line_tax[m], rate_left, n_rates, weights, error))
        return FALSE;
      for (guint t = 0; t < n_rates; t++)
        {
          *find_line_tax (line, first->taxes[t].rate_index) = weights[t];
          rate_left[t] -= weights[t];
        }
    }

  return TRUE;
}

static gboolean
tax_per_receipt_inclusive (Computation *c,
                           GError     **error)
{
  g_autoptr (GHashTable) sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();

  /* Sets in order of first use, so the outcome never depends on hashing. */
  for (guint i = 0; i < c->order->n_lines; i++)
    {
      char *key;
      GArray *members;

      if (c->result->lines[i].n_taxes == 0)
        continue;
      key = rate_set_key (&c->result->lines[i]);
      members = g_hash_table_lookup (sets, key);
      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (sets, key, members);
          g_ptr_array_add (order, members);
        }
      else
        g_free (key);
      g_array_append_val (members, i);
    }

  for (guint s = 0; s < order->len; s++)
    {
      if (!tax_rate_set_inclusive (c, g_ptr_array_index (order, s), error))
        return FALSE;
    }

  return TRUE;
}

/* Line and rate totals from the per-line taxes; for an exempt customer the
 * tax moves to tax_exempted and the line costs its net. */
static gboolean
settle_lines (Computation *c,
              GError     **error)
{
  DukaTaxResult *result = c->result;
  gboolean exempt = c->settings->customer_exempt;

  for (guint i = 0; i < result->n_lines; i++)
    {
      DukaTaxLineResult *line = &result->lines[i];
      gint64 tax = 0;

      for (guint t = 0; t < line->n_taxes; t++)
        {
          DukaTaxRateTotal *rate = &result->rates[line->taxes[t].rate_index];
          gint64 *rate_tax = exempt ? &rate->tax_exempted_minor : &rate->tax_minor;

          if (!add_to (&tax, line->taxes[t].tax_minor, error) ||
              !add_to (rate_tax, line->taxes[t].tax_minor, error))
            return FALSE;
          if (exempt)
            line->taxes[t].tax_minor = 0;
        }

      if (c->settings->mode == DUKA_TAX_INCLUSIVE)
        line->net_minor = c->base[i] - tax;
      else
        line->net_minor = c->base[i];

      if (exempt)
        line->tax_exempted_minor = tax;
      else
        line->tax_minor = tax;
      if (!duka_money_add (line->net_minor, line->tax_minor, &line->total_minor, error))
        return FALSE;

      for (guint t = 0; t < line->n_taxes; t++)
        {
          if (!add_to (&result->rates[line->taxes[t].rate_index].taxable_minor,
                       line->net_minor, error))
            return FALSE;
        }
      if (!add_to (&result->net_minor, line->net_minor, error) ||
          !add_to (&result->tax_minor, line->tax_minor, error) ||
          !add_to (&result->tax_exempted_minor, line->tax_exempted_minor, error) ||
          !add_to (&result->total_before_cash_rounding_minor, line->total_minor, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
round_for_cash (Computation *c,
                GError     **error)
{
  DukaTaxResult *result = c->result;

  result->total_minor = result->total_before_cash_rounding_minor;
  if (c->settings->cash_step_minor == 0)
    return TRUE;

  if (!duka_money_round_to_step (result->total_before_cash_rounding_minor,
                                 c->settings->cash_step_minor, c->settings->cash_rounding,
                                 &result->total_minor, error))
    return FALSE;

  return duka_money_sub (result->total_minor, result->total_before_cash_rounding_minor,
                         &result->cash_rounding_minor, error);
}

/**
 * duka_tax_compute:
 * @settings: the outlet's tax settings and the customer's exemption
 * @order: the cart
 * @error: #DUKA_TAX_ERROR for a malformed cart or a discount too large,
 *   #DUKA_MONEY_ERROR_OVERFLOW when any amount does not fit
 *
 * Computes every amount of a sale: per line the extended amount, both
 * discounts, net, tax per rate and total; per rate the taxable base and
 * tax; and the order's totals with cash rounding. See #DukaTaxResult for
 * what always holds.
 *
 * Returns: (transfer full) (nullable): the amounts, or %NULL with @error set
 */
DukaTaxResult *
duka_tax_compute (const DukaTaxSettings *settings,
                  const DukaTaxOrder    *order,
                  GError               **error)
{
  g_autoptr (DukaTaxResult) result = NULL;
  g_autofree gint64 *base = NULL;
  Computation c;
  gboolean ok;

  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (order != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate_input (settings, order, error))
    return NULL;

  result = g_new0 (DukaTaxResult, 1);
  result->lines = g_new0 (DukaTaxLineResult, order->n_lines);
  result->n_lines = order->n_lines;
  base = g_new0 (gint64, order->n_lines + 1);

  c.settings = settings;
  c.order = order;
  c.result = result;
  c.base = base;

  ok = collect_rates (&c, error) &&
       compute_extended (&c, error) &&
       apply_order_discount (&c, error);

  if (ok && settings->scope == DUKA_TAX_ROUND_PER_LINE)
    ok = tax_per_line (&c, error);
  else if (ok && settings->mode == DUKA_TAX_EXCLUSIVE)
    ok = tax_per_receipt_exclusive (&c, error);
  else if (ok)
    ok = tax_per_receipt_inclusive (&c, error);

  ok = ok && settle_lines (&c, error) && round_for_cash (&c, error);

  return ok ? g_steal_pointer (&result) : NULL;
}

/**
 * duka_tax_result_free:
 * @result: (nullable) (transfer full): a result of duka_tax_compute()
 */
void
duka_tax_result_free (DukaTaxResult *result)
{
  if (result == NULL)
    return;

  for (guint i = 0; i < result->n_lines; i++)
    g_free (result->lines[i].taxes);
  for (guint k = 0; k < result->n_rates; k++)
    {
      g_free ((char *) result->rates[k].rate.id);
      g_free ((char *) result->rates[k].rate.name);
    }
  g_free (result->lines);
  g_free (result->rates);
  g_free (result);
}
