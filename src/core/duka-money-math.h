/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Units (ARCHITECTURE.md, "Data", rule 1): amounts are gint64 counts of a
 * currency's minor unit, quantities are gint64 thousandths (1.5 kg = 1500),
 * rates are gint64 parts per million (8.875 % = 88750).  Products are taken
 * in 128 bits, so only a result that does not fit a gint64 overflows, and an
 * overflow is always a DUKA_MONEY_ERROR_OVERFLOW, never a wrapped value. */

#define DUKA_QUANTITY_ONE 1000
#define DUKA_RATE_ONE     1000000

#define DUKA_MONEY_ERROR (duka_money_error_quark ())

typedef enum
{
  DUKA_MONEY_ERROR_OVERFLOW,
  DUKA_MONEY_ERROR_PARSE,
  DUKA_MONEY_ERROR_INVALID,
} DukaMoneyError;

/**
 * DukaRounding:
 * @DUKA_ROUND_HALF_UP: to the nearest; an exact half goes away from zero
 *   (2.5 → 3, -2.5 → -3). What most shops and tax offices mean by "round".
 * @DUKA_ROUND_HALF_EVEN: to the nearest; an exact half goes to the even
 *   neighbour (2.5 → 2, 3.5 → 4, -2.5 → -2), so halves do not drift a
 *   long column of sums upwards ("banker's rounding").
 * @DUKA_ROUND_DOWN: toward zero, i.e. truncate (2.9 → 2, -2.9 → -2).
 * @DUKA_ROUND_UP: away from zero (2.1 → 3, -2.1 → -3).
 *
 * How a division that does not come out even is rounded. Every division of
 * money names one: nothing rounds by accident.
 */
typedef enum
{
  DUKA_ROUND_HALF_UP,
  DUKA_ROUND_HALF_EVEN,
  DUKA_ROUND_DOWN,
  DUKA_ROUND_UP,
} DukaRounding;

GQuark   duka_money_error_quark      (void);

gboolean duka_money_add              (gint64        a,
                                      gint64        b,
                                      gint64       *out,
                                      GError      **error);
gboolean duka_money_sub              (gint64        a,
                                      gint64        b,
                                      gint64       *out,
                                      GError      **error);
gboolean duka_money_negate           (gint64        amount,
                                      gint64       *out,
                                      GError      **error);
gboolean duka_money_scale            (gint64        amount,
                                      gint64        numerator,
                                      gint64        denominator,
                                      DukaRounding  rounding,
                                      gint64       *out,
                                      GError      **error);
gboolean duka_money_multiply_quantity (gint64       unit_minor,
                                       gint64       quantity_milli,
                                       DukaRounding rounding,
                                       gint64      *out,
                                       GError     **error);
gboolean duka_money_apply_rate       (gint64        amount,
                                      gint64        rate_ppm,
                                      DukaRounding  rounding,
                                      gint64       *out,
                                      GError      **error);
gboolean duka_money_divide           (gint64        numerator,
                                      gint64        denominator,
                                      DukaRounding  rounding,
                                      gint64       *out,
                                      GError      **error);
gboolean duka_money_round_to_step    (gint64        amount,
                                      gint64        step_minor,
                                      DukaRounding  rounding,
                                      gint64       *out,
                                      GError      **error);
gboolean duka_money_allocate         (gint64        total,
                                      const gint64 *weights,
                                      guint         n,
                                      gint64       *shares_out,
                                      GError      **error);

G_END_DECLS
