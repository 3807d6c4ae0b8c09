/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "duka-money-math.h"

G_BEGIN_DECLS

#define DUKA_TAX_ERROR (duka_tax_error_quark ())

/**
 * DukaTaxError:
 * @DUKA_TAX_ERROR_INVALID: the cart or the tax setup is not well formed
 *   (negative price or quantity, a rate listed twice, both kinds of order
 *   discount, ...)
 * @DUKA_TAX_ERROR_DISCOUNT_TOO_LARGE: a discount would make a line, or the
 *   order, negative
 *
 * Overflow is reported as %DUKA_MONEY_ERROR_OVERFLOW.
 */
typedef enum
{
  DUKA_TAX_ERROR_INVALID,
  DUKA_TAX_ERROR_DISCOUNT_TOO_LARGE,
} DukaTaxError;

/**
 * DukaTaxRate:
 * @id: stable identifier, unique among the rates of one computation
 * @name: what a receipt prints ("VAT 16 %")
 * @rate_ppm: the rate in parts per million, ≥ 0 (16 % = 160000)
 * @band: fiscal band such as Kenya's 'A'–'E', or 0
 */
typedef struct
{
  const char *id;
  const char *name;
  gint64      rate_ppm;
  char        band;
} DukaTaxRate;

/**
 * DukaTaxClass:
 * @id: stable identifier
 * @name: what a person picks ("Standard", "Alcohol")
 * @rates: (array length=n_rates): the rates charged, each on the same base
 *   (VAT and a levy are two rates on the line's net amount, not tax on tax)
 * @n_rates: number of @rates; 0 means untaxed
 */
typedef struct
{
  const char        *id;
  const char        *name;
  const DukaTaxRate *rates;
  guint              n_rates;
} DukaTaxClass;

/**
 * DukaTaxMode:
 * @DUKA_TAX_INCLUSIVE: prices include tax (VAT/GST); tax is extracted
 * @DUKA_TAX_EXCLUSIVE: tax is added on top of prices (US sales tax)
 */
typedef enum
{
  DUKA_TAX_INCLUSIVE,
  DUKA_TAX_EXCLUSIVE,
} DukaTaxMode;

/**
 * DukaTaxRoundingScope:
 * @DUKA_TAX_ROUND_PER_LINE: each line's tax is rounded on its own
 * @DUKA_TAX_ROUND_PER_RECEIPT: each rate's tax is computed once on the sum
 *   of its bases, then spread back over the lines by largest remainder
 *   (inclusive mode: once per set of rates, which for a class with one rate
 *   is once per rate)
 */
typedef enum
{
  DUKA_TAX_ROUND_PER_LINE,
  DUKA_TAX_ROUND_PER_RECEIPT,
} DukaTaxRoundingScope;

/**
 * DukaTaxSettings:
 * @mode: inclusive or exclusive prices (per outlet)
 * @scope: where tax is rounded
 * @rounding: how extended amounts, percentage discounts and taxes round
 * @customer_exempt: the customer pays no tax. In exclusive mode they pay
 *   the net amount. In inclusive mode they pay the price with its tax taken
 *   out (the same net a taxed customer's line carries), not the shelf
 *   price: an exemption must lower what the customer pays, and the shop's
 *   revenue per item stays the same. The tax that was not charged is
 *   reported as @tax_exempted_minor.
 * @cash_step_minor: when > 0, the total is rounded to a multiple of it for
 *   cash (5 for 0.05, 100 for whole shillings); 0 for no cash rounding
 * @cash_rounding: how the total is rounded to @cash_step_minor
 */
typedef struct
{
  DukaTaxMode          mode;
  DukaTaxRoundingScope scope;
  DukaRounding         rounding;
  gboolean             customer_exempt;
  gint64               cash_step_minor;
  DukaRounding         cash_rounding;
} DukaTaxSettings;

/**
 * DukaTaxLineKind:
 * @DUKA_TAX_LINE_ITEM: something sold; shares in order discounts
 * @DUKA_TAX_LINE_SERVICE_CHARGE: a service charge; untaxed unless it
 *   carries a tax class, and no order discount applies to it
 * @DUKA_TAX_LINE_TIP: a tip; as a service charge
 */
typedef enum
{
  DUKA_TAX_LINE_ITEM,
  DUKA_TAX_LINE_SERVICE_CHARGE,
  DUKA_TAX_LINE_TIP,
} DukaTaxLineKind;

/**
 * DukaTaxLine:
 * @kind: what the line is
 * @unit_price_minor: price of one unit (with tax in inclusive mode), ≥ 0
 * @quantity_milli: quantity in thousandths, ≥ 0 (1 piece = 1000)
 * @tax_class: (nullable): the line's tax class; %NULL is untaxed
 * @discount_minor: the line's own discount, ≥ 0
 *
 * Refunds are not negative lines: they reverse a stored sale's amounts.
 */
typedef struct
{
  DukaTaxLineKind     kind;
  gint64              unit_price_minor;
  gint64              quantity_milli;
  const DukaTaxClass *tax_class;
  gint64              discount_minor;
} DukaTaxLine;

/**
 * DukaTaxOrder:
 * @lines: (array length=n_lines): the cart
 * @n_lines: number of @lines
 * @discount_minor: an order discount as an amount, ≥ 0
 * @discount_ppm: an order discount as a rate of the item lines after their
 *   own discounts, 0…1000000; only one of the two may be non-zero
 */
typedef struct
{
  const DukaTaxLine *lines;
  guint              n_lines;
  gint64             discount_minor;
  gint64             discount_ppm;
} DukaTaxOrder;

/**
 * DukaTaxLineTax:
 * @rate_index: index into #DukaTaxResult.rates
 * @tax_minor: this rate's tax on this line
 */
typedef struct
{
  guint  rate_index;
  gint64 tax_minor;
} DukaTaxLineTax;

/**
 * DukaTaxLineResult:
 * @kind: the input line's kind
 * @extended_minor: unit price × quantity, rounded
 * @line_discount_minor: the line's own discount
 * @order_discount_minor: the line's share of the order discount
 * @net_minor: the amount without tax, after discounts
 * @tax_minor: the tax charged on the line (0 for an exempt customer)
 * @tax_exempted_minor: the tax not charged because the customer is exempt
 * @total_minor: what the customer pays for the line; always
 *   @net_minor + @tax_minor, and in inclusive mode for a taxed customer
 *   also @extended_minor − both discounts
 * @taxes: (array length=n_taxes): one entry per rate of the line's class,
 *   in the class's order
 * @n_taxes: number of @taxes
 */
typedef struct
{
  DukaTaxLineKind  kind;
  gint64           extended_minor;
  gint64           line_discount_minor;
  gint64           order_discount_minor;
  gint64           net_minor;
  gint64           tax_minor;
  gint64           tax_exempted_minor;
  gint64           total_minor;
  DukaTaxLineTax  *taxes;
  guint            n_taxes;
} DukaTaxLineResult;

/**
 * DukaTaxRateTotal:
 * @rate: a copy of the rate, owned by the result (strings included), so a
 *   receipt can print it after the tax setup changes
 * @taxable_minor: the net amount the rate applies to
 * @tax_minor: the tax charged at this rate (0 for an exempt customer)
 * @tax_exempted_minor: the tax not charged because the customer is exempt
 */
typedef struct
{
  DukaTaxRate rate;
  gint64      taxable_minor;
  gint64      tax_minor;
  gint64      tax_exempted_minor;
} DukaTaxRateTotal;

/**
 * DukaTaxResult:
 * @lines: (array length=n_lines): one per input line, same order
 * @rates: (array length=n_rates): every rate used, in order of first use
 * @subtotal_minor: sum of extended amounts
 * @line_discounts_minor: sum of line discounts
 * @order_discount_minor: the order discount (a rate, resolved to an amount)
 * @net_minor: sum of line nets
 * @tax_minor: sum of taxes
 * @tax_exempted_minor: sum of tax not charged to an exempt customer
 * @total_before_cash_rounding_minor: sum of line totals
 * @cash_rounding_minor: what cash rounding added (negative: took off)
 * @total_minor: what the customer pays
 *
 * Always: the line totals sum to @total_before_cash_rounding_minor; the
 * line taxes and the rate taxes each sum to @tax_minor; each rate's line
 * taxes sum to that rate's tax; @total_minor is
 * @total_before_cash_rounding_minor + @cash_rounding_minor.
 */
typedef struct
{
  DukaTaxLineResult *lines;
  guint              n_lines;
  DukaTaxRateTotal  *rates;
  guint              n_rates;
  gint64             subtotal_minor;
  gint64             line_discounts_minor;
  gint64             order_discount_minor;
  gint64             net_minor;
  gint64             tax_minor;
  gint64             tax_exempted_minor;
  gint64             total_before_cash_rounding_minor;
  gint64             cash_rounding_minor;
  gint64             total_minor;
} DukaTaxResult;

GQuark         duka_tax_error_quark  (void);
DukaTaxResult *duka_tax_compute      (const DukaTaxSettings *settings,
                                      const DukaTaxOrder    *order,
                                      GError               **error);
void           duka_tax_result_free  (DukaTaxResult         *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaTaxResult, duka_tax_result_free)

G_END_DECLS
