/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * DukaReceiptLine:
 * @name: what was sold, frozen at the sale
 * @sub_lines: (element-type utf8): variant and modifier texts, printed
 *   indented under the name ("Large", "+ Oat milk")
 * @quantity_milli: quantity in thousandths (1000 is one; 250 is 0.250 kg)
 * @unit_price: price of one unit, minor units
 * @discount: line discount, minor units, positive
 * @discount_reason: (nullable): shown beside the discount
 * @total: what the line costs after its discount, minor units
 */
typedef struct
{
  char      *name;
  GPtrArray *sub_lines;
  gint64     quantity_milli;
  gint64     unit_price;
  gint64     discount;
  char      *discount_reason;
  gint64     total;
} DukaReceiptLine;

/**
 * DukaReceiptTax:
 * @name: "VAT"
 * @rate_ppm: rate in parts per million (160000 is 16 %)
 * @taxable: the amount the tax was computed on
 * @tax: the tax
 */
typedef struct
{
  char   *name;
  gint64  rate_ppm;
  gint64  taxable;
  gint64  tax;
} DukaReceiptTax;

/**
 * DukaReceiptPayment:
 * @tender: the tender's name as the cashier saw it ("Cash", "Card")
 * @amount: what the tender paid towards the total (for cash: before change)
 * @change: change handed back (0 unless overpaid)
 * @card_last_four: (nullable): the last four digits only, never a number
 * @approval_code: (nullable): the terminal's approval code
 * @reference: (nullable): mobile money or other reference
 */
typedef struct
{
  char   *tender;
  gint64  amount;
  gint64  change;
  char   *card_last_four;
  char   *approval_code;
  char   *reference;
} DukaReceiptPayment;

/**
 * DukaReceipt:
 *
 * What a receipt shows, filled by the seller from a completed sale (or a
 * refund) after its commit.  Every amount is in minor units of
 * @currency_code; a refund receipt carries positive amounts (what went back
 * to the customer) and is marked by @is_refund.  Strings are UTF-8; the
 * printer code converts them.  Reference counted; treat it as immutable
 * once it has been handed to a renderer.
 */
typedef struct
{
  char      *currency_code;

  char      *business_name;
  char      *business_address;      /* may hold several lines */
  char      *tax_number;
  char      *outlet_name;
  char      *till_code;
  char      *receipt_number;
  char      *date_time;             /* already formatted by the seller */
  char      *cashier_name;

  GPtrArray *lines;                 /* DukaReceiptLine */
  gint64     order_discount;
  char      *order_discount_reason;
  gint64     subtotal;              /* sum of line totals */
  GPtrArray *taxes;                 /* DukaReceiptTax */
  gboolean   taxes_included;        /* prices include the taxes listed */
  gint64     service_charge;
  gint64     tip;
  gint64     cash_rounding;         /* signed adjustment */
  gint64     total;
  GPtrArray *payments;              /* DukaReceiptPayment */

  gboolean   is_refund;
  char      *original_receipt_number;
  gboolean   is_copy;

  char      *footer;
} DukaReceipt;

#define DUKA_TYPE_RECEIPT (duka_receipt_get_type ())

GType               duka_receipt_get_type        (void) G_GNUC_CONST;

DukaReceipt        *duka_receipt_new             (const char  *currency_code);
DukaReceipt        *duka_receipt_ref             (DukaReceipt *receipt);
void                duka_receipt_unref           (DukaReceipt *receipt);
DukaReceipt        *duka_receipt_copy            (const DukaReceipt *receipt);

DukaReceiptLine    *duka_receipt_add_line        (DukaReceipt *receipt,
                                                  const char  *name,
                                                  gint64       quantity_milli,
                                                  gint64       unit_price,
                                                  gint64       total);
void                duka_receipt_line_add_sub_line (DukaReceiptLine *line,
                                                    const char      *text);
void                duka_receipt_line_set_discount (DukaReceiptLine *line,
                                                    gint64           discount,
                                                    const char      *reason);
DukaReceiptTax     *duka_receipt_add_tax         (DukaReceipt *receipt,
                                                  const char  *name,
                                                  gint64       rate_ppm,
                                                  gint64       taxable,
                                                  gint64       tax);
DukaReceiptPayment *duka_receipt_add_payment     (DukaReceipt *receipt,
                                                  const char  *tender,
                                                  gint64       amount,
                                                  gint64       change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaReceipt, duka_receipt_unref)

typedef enum
{
  DUKA_PAPER_58MM,
  DUKA_PAPER_80MM,
  DUKA_PAPER_A4,
} DukaPaper;

/**
 * DukaReceiptTemplate:
 * @paper: 58 mm (32 columns), 80 mm (48 columns) or A4
 * @logo_png: (nullable): a PNG printed above the header
 * @header_lines: (nullable): extra lines under the business's address
 * @footer_lines: (nullable): lines after the receipt's own footer
 * @show_tax_lines: print one line per tax with its taxable amount
 *
 * What the business chose for its receipts.  Plain data: set the fields.
 */
typedef struct
{
  DukaPaper  paper;
  GBytes    *logo_png;
  GStrv      header_lines;
  GStrv      footer_lines;
  gboolean   show_tax_lines;
} DukaReceiptTemplate;

DukaReceiptTemplate *duka_receipt_template_new       (DukaPaper paper);
void                 duka_receipt_template_free      (DukaReceiptTemplate *template);
DukaReceiptTemplate *duka_receipt_template_copy      (const DukaReceiptTemplate *template);
gboolean             duka_receipt_template_load_logo (DukaReceiptTemplate *template,
                                                      const char          *png_path,
                                                      GError             **error);
guint                duka_paper_get_columns          (DukaPaper paper);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaReceiptTemplate, duka_receipt_template_free)

G_END_DECLS
