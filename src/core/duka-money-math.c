/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Integer money arithmetic.  Every intermediate product is a signed 128-bit
 * integer: a gint64 times a gint64 always fits, so the only overflow left to
 * check is whether the final result fits a gint64 again.
 */
#include <glib/gi18n-lib.h>

#include <stdlib.h>

#include "duka-money-math.h"

G_DEFINE_QUARK (duka-money-error-quark, duka_money_error)

typedef __int128 int128;

static gboolean
set_overflow (GError **error)
{
  g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_OVERFLOW,
                       _("The amount is too large to be calculated exactly."));
  return FALSE;
}

static gboolean
fit_int64 (int128   value,
           gint64  *out,
           GError **error)
{
  if (value > G_MAXINT64 || value < G_MININT64)
    return set_overflow (error);

  *out = (gint64) value;
  return TRUE;
}

/* Quotient of @numerator / @denominator rounded as @rounding says.  The
 * quotient of two int128 values whose magnitudes are below 2^127 cannot
 * overflow, and the remainder test avoids doubling the remainder. */
static int128
divide_rounded (int128       numerator,
                int128       denominator,
                DukaRounding rounding)
{
  int128 quotient;
  int128 remainder;
  int128 abs_remainder;
  int sign;

  g_assert (denominator != 0);

  if (denominator < 0)
    {
      numerator = -numerator;
      denominator = -denominator;
    }

  quotient = numerator / denominator;
  remainder = numerator % denominator;
  if (remainder == 0)
    return quotient;

  /* C truncates toward zero: the remainder has the numerator's sign. */
  sign = numerator < 0 ? -1 : 1;
  abs_remainder = remainder < 0 ? -remainder : remainder;

  switch (rounding)
    {
    case DUKA_ROUND_DOWN:
      return quotient;

    case DUKA_ROUND_UP:
      return quotient + sign;

    case DUKA_ROUND_HALF_UP:
      if (abs_remainder >= denominator - abs_remainder)
        return quotient + sign;
      return quotient;

    case DUKA_ROUND_HALF_EVEN:
      if (abs_remainder > denominator - abs_remainder)
        return quotient + sign;
      if (abs_remainder == denominator - abs_remainder && (quotient & 1) != 0)
        return quotient + sign;
      return quotient;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_rounding (DukaRounding rounding)
{
  return rounding == DUKA_ROUND_HALF_UP || rounding == DUKA_ROUND_HALF_EVEN ||
         rounding == DUKA_ROUND_DOWN || rounding == DUKA_ROUND_UP;
}

/**
 * duka_money_add:
 * @a: an amount
 * @b: an amount in the same unit
 * @out: (out): where to store @a + @b
 * @error: a #DUKA_MONEY_ERROR_OVERFLOW when the sum does not fit
 *
 * Returns: %TRUE and the sum, or %FALSE with @out untouched
 */
gboolean
duka_money_add (gint64   a,
                gint64   b,
                gint64  *out,
                GError **error)
{
  gint64 sum;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_add_overflow (a, b, &sum))
    return set_overflow (error);

  *out = sum;
  return TRUE;
}

/**
 * duka_money_sub:
 * @a: an amount
 * @b: an amount in the same unit
 * @out: (out): where to store @a - @b
 * @error: a #DUKA_MONEY_ERROR_OVERFLOW when the difference does not fit
 *
 * Returns: %TRUE and the difference, or %FALSE with @out untouched
 */
gboolean
duka_money_sub (gint64   a,
                gint64   b,
                gint64  *out,
                GError **error)
{
  gint64 difference;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_sub_overflow (a, b, &difference))
    return set_overflow (error);

  *out = difference;
  return TRUE;
}

/**
 * duka_money_negate:
 * @amount: an amount
 * @out: (out): where to store -@amount
 * @error: a #DUKA_MONEY_ERROR_OVERFLOW for %G_MININT64, whose negation
 *   does not fit
 *
 * Returns: %TRUE and the negation, or %FALSE with @out untouched
 */
gboolean
duka_money_negate (gint64   amount,
                   gint64  *out,
                   GError **error)
{
  return duka_money_sub (0, amount, out, error);
}

/**
 * duka_money_scale:
 * @amount: an amount
 * @numerator: what to multiply by
 * @denominator: what to divide by; not 0
 * @rounding: how the division rounds
 * @out: (out): where to store @amount × @numerator / @denominator
 * @error: #DUKA_MONEY_ERROR_INVALID for a zero denominator or an unknown
 *   rounding mode, #DUKA_MONEY_ERROR_OVERFLOW when the result does not fit
 *
 * The one rounded operation the others are made of: the product is exact
 * (128 bits) and rounded once, so a × b / c never loses a digit in between.
 *
 * Returns: %TRUE and the result, or %FALSE with @out untouched
 */
gboolean
duka_money_scale (gint64        amount,
                  gint64        numerator,
                  gint64        denominator,
                  DukaRounding  rounding,
                  gint64       *out,
                  GError      **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (denominator == 0)
    {
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID,
                           _("An amount cannot be divided by zero."));
      return FALSE;
    }
  if (!check_rounding (rounding))
    {
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID,
                           _("Unknown rounding mode."));
      return FALSE;
    }

  return fit_int64 (divide_rounded ((int128) amount * numerator, denominator, rounding),
                    out, error);
}

/**
 * duka_money_multiply_quantity:
 * @unit_minor: price of one unit, in minor units
 * @quantity_milli: quantity in thousandths (1 piece = 1000, 1.5 kg = 1500)
 * @rounding: how a fraction of a minor unit is rounded
 * @out: (out): where to store the extended amount
 * @error: #DUKA_MONEY_ERROR_OVERFLOW when the amount does not fit
 *
 * Returns: %TRUE and @unit_minor × @quantity_milli / 1000, rounded
 */
gboolean
duka_money_multiply_quantity (gint64        unit_minor,
                              gint64        quantity_milli,
                              DukaRounding  rounding,
                              gint64       *out,
                              GError      **error)
{
  return duka_money_scale (unit_minor, quantity_milli, DUKA_QUANTITY_ONE,
                           rounding, out, error);
}

/**
 * duka_money_apply_rate:
 * @amount: an amount
 * @rate_ppm: a rate in parts per million (16 % = 160000)
 * @rounding: how a fraction of a minor unit is rounded
 * @out: (out): where to store the result
 * @error: #DUKA_MONEY_ERROR_OVERFLOW when the result does not fit
 *
 * Returns: %TRUE and @amount × @rate_ppm / 1000000, rounded
 */
gboolean
duka_money_apply_rate (gint64        amount,
                       gint64        rate_ppm,
                       DukaRounding  rounding,
                       gint64       *out,
                       GError      **error)
{
  return duka_money_scale (amount, rate_ppm, DUKA_RATE_ONE, rounding, out, error);
}

/**
 * duka_money_divide:
 * @numerator: an amount
 * @denominator: what to divide it by; not 0
 * @rounding: how the quotient is rounded
 * @out: (out): where to store the quotient
 * @error: #DUKA_MONEY_ERROR_INVALID for a zero denominator,
 *   #DUKA_MONEY_ERROR_OVERFLOW for %G_MININT64 / -1
 *
 * Returns: %TRUE and the rounded quotient
 */
gboolean
duka_money_divide (gint64        numerator,
                   gint64        denominator,
                   DukaRounding  rounding,
                   gint64       *out,
                   GError      **error)
{
  return duka_money_scale (numerator, 1, denominator, rounding, out, error);
}

/**
 * duka_money_round_to_step:
 * @amount: an amount
 * @step_minor: the smallest amount cash can pay, > 0 (5 for 0.05;
 *   100 for whole Kenyan shillings)
 * @rounding: which multiple of @step_minor to pick
 * @out: (out): where to store the multiple of @step_minor
 * @error: #DUKA_MONEY_ERROR_INVALID for a step ≤ 0,
 *   #DUKA_MONEY_ERROR_OVERFLOW when the multiple does not fit
 *
 * Cash rounding of a total.  The caller records the difference as its own
 * adjustment, so the sale's lines still sum to the unrounded total.
 *
 * Returns: %TRUE and the nearest multiple of @step_minor by @rounding
 */
gboolean
duka_money_round_to_step (gint64        amount,
                          gint64        step_minor,
                          DukaRounding  rounding,
                          gint64       *out,
                          GError      **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (step_minor <= 0)
    {
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID,
                           _("The cash rounding step must be more than zero."));
      return FALSE;
    }
  if (!check_rounding (rounding))
    {
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID,
                           _("Unknown rounding mode."));
      return FALSE;
    }

  return fit_int64 (divide_rounded (amount, step_minor, rounding) * step_minor, out, error);
}

typedef struct
{
  int128 remainder;
  guint  index;
} Remainder;

/* Largest remainder first; among equal remainders the lower index first,
 * so the outcome never depends on qsort's (unstable) order. */
static int
compare_remainders (const void *a,
                    const void *b)
{
  const Remainder *x = a;
  const Remainder *y = b;

  if (x->remainder != y->remainder)
    return x->remainder > y->remainder ? -1 : 1;

  return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

/**
 * duka_money_allocate:
 * @total: the amount to spread; may be negative
 * @weights: (array length=n): how much of @total each share gets, each ≥ 0
 * @n: number of shares
 * @shares_out: (array length=n) (out caller-allocates): the shares
 * @error: #DUKA_MONEY_ERROR_INVALID for a negative weight, or for a
 *   non-zero @total spread over no shares
 *
 * Spreads @total over @n shares in proportion to @weights by the largest
 * remainder method: every share first gets the floor of its exact part,
 * and the minor units left over go one each to the shares with the largest
 * fractional parts, ties to the lower index.  The shares therefore sum to
 * @total exactly, and each differs from its exact part by less than one
 * minor unit; when 0 ≤ @total ≤ the sum of weights, no share exceeds its
 * weight.
 *
 * A negative @total is spread as its magnitude and negated, so the split is
 * symmetric.  Zero weights get nothing, unless every weight is zero: then
 * the split is equal (100 over 3 is 34, 33, 33).
 *
 * Returns: %TRUE and the shares in @shares_out
 */
gboolean
duka_money_allocate (gint64        total,
                     const gint64 *weights,
                     guint         n,
                     gint64       *shares_out,
                     GError      **error)
{
  g_autofree Remainder *remainders = NULL;
  gboolean all_zero = TRUE;
  int128 magnitude = total < 0 ? -(int128) total : (int128) total;
  int128 weight_sum = 0;
  int128 handed_out = 0;
  int sign = total < 0 ? -1 : 1;

  g_return_val_if_fail (n == 0 || weights != NULL, FALSE);
  g_return_val_if_fail (n == 0 || shares_out != NULL, FALSE);

  if (n == 0)
    {
      if (total == 0)
        return TRUE;
      g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID,
                           _("An amount cannot be spread over nothing."));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      if (weights[i] < 0)
        {
          g_set_error_literal (error, DUKA_MONEY_ERROR, DUKA_MONEY_ERROR_INVALID,
                               _("An amount cannot be spread in proportion to a "
                                 "negative amount."));
          return FALSE;
        }
      if (weights[i] != 0)
        all_zero = FALSE;
      weight_sum += weights[i];
    }
  if (all_zero)
    weight_sum = n;

  remainders = g_new (Remainder, n);

  /* magnitude ≤ 2^63 and a weight < 2^63: the product fits 128 bits, and
   * each floor is ≤ magnitude, so every share fits once negated. */
  for (guint i = 0; i < n; i++)
    {
      int128 weight = all_zero ? 1 : weights[i];
      int128 exact = magnitude * weight;
      int128 floor_share = exact / weight_sum;

      remainders[i].remainder = exact % weight_sum;
      remainders[i].index = i;
      shares_out[i] = (gint64) (sign * floor_share);
      handed_out += floor_share;
    }

  /* Fewer than n units are left: each floor lost less than one. */
  qsort (remainders, n, sizeof *remainders, compare_remainders);
  for (guint k = 0; handed_out < magnitude; k++)
    {
      g_assert (k < n);
      shares_out[remainders[k].index] += sign;
      handed_out++;
    }

  return TRUE;
}
