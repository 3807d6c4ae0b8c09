/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "duka-receipt-layout.h"

#include <glib/gi18n-lib.h>

#include "duka-money.h"

static void
row_free (gpointer data)
{
  DukaReceiptRow *row = data;

  g_free (row->left);
  g_free (row->right);
  g_free (row);
}

static DukaReceiptRow *
add_row (GPtrArray          *rows,
         DukaReceiptRowKind  kind,
         DukaReceiptStyle    style,
         const char         *left,
         const char         *right)
{
  DukaReceiptRow *row = g_new0 (DukaReceiptRow, 1);

  row->kind = kind;
  row->style = style;
  row->left = g_strdup (left);
  row->right = g_strdup (right);
  g_ptr_array_add (rows, row);

  return row;
}

static void
add_text (GPtrArray        *rows,
          DukaReceiptStyle  style,
          DukaReceiptAlign  align,
          guint             indent,
          const char       *text)
{
  DukaReceiptRow *row;

  if (text == NULL || text[0] == '\0')
    return;

  row = add_row (rows, DUKA_RECEIPT_ROW_TEXT, style, text, NULL);
  row->align = align;
  row->indent = indent;
}

/* Several lines of text (an address, a footer), one row each. */
static void
add_text_lines (GPtrArray        *rows,
                DukaReceiptStyle  style,
                DukaReceiptAlign  align,
                const char       *text)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    add_text (rows, style, align, 0, g_strstrip (lines[i]));
}

static void
add_amount (GPtrArray         *rows,
            DukaReceiptStyle   style,
            guint              indent,
            const char        *label,
            const DukaReceipt *receipt,
            gint64             amount,
            locale_t           locale)
{
  g_autofree char *formatted = duka_receipt_format_amount (receipt, amount, locale);
  DukaReceiptRow *row = add_row (rows, DUKA_RECEIPT_ROW_PAIR, style, label, formatted);

  row->indent = indent;
}

static void
add_rule (GPtrArray *rows)
{
  add_row (rows, DUKA_RECEIPT_ROW_RULE, DUKA_RECEIPT_STYLE_NORMAL, NULL, NULL);
}

static void
add_blank (GPtrArray *rows)
{
  add_row (rows, DUKA_RECEIPT_ROW_BLANK, DUKA_RECEIPT_STYLE_NORMAL, NULL, NULL);
}

char *
duka_receipt_format_amount (const DukaReceipt *receipt,
                            gint64             amount,
                            locale_t           locale)
{
  const DukaCurrency *currency = duka_currency_lookup (receipt->currency_code);
  DukaCurrency unknown = { receipt->currency_code, 0, 2, receipt->currency_code, NULL };

  return duka_money_format_in_locale (amount, currency ? currency : &unknown,
                                      locale ? locale : uselocale ((locale_t) 0));
}

/* 1000 is "1", 2500 is "2.5", 250 is "0.25": weighed items keep what
 * they need. */
char *
duka_receipt_format_quantity (gint64 quantity_milli)
{
  gint64 magnitude = ABS (quantity_milli);
  GString *out = g_string_new (quantity_milli < 0 ? "-" : "");
  int fraction = (int) (magnitude % 1000);

  g_string_append_printf (out, "%" G_GINT64_FORMAT, magnitude / 1000);
  if (fraction != 0)
    {
      char digits[4];
      int n = g_snprintf (digits, sizeof digits, "%03d", fraction);

      while (n > 0 && digits[n - 1] == '0')
        digits[--n] = '\0';
      g_string_append_printf (out, ".%s", digits);
    }

  return g_string_free (out, FALSE);
}

char *
duka_receipt_tax_label (const DukaReceiptTax *tax,
                        const DukaReceipt    *receipt,
                        locale_t              locale)
{
  g_autofree char *rate = duka_rate_format_percent (tax->rate_ppm,
                                                    locale ? locale : uselocale ((locale_t) 0));
  g_autofree char *taxable = duka_receipt_format_amount (receipt, tax->taxable, locale);

  /* Translators: a tax line on a receipt: "VAT 16 % on Ksh 862.07" */
  return g_strdup_printf (_("%s %s on %s"), tax->name, rate, taxable);
}

static void
add_heading (GPtrArray                 *rows,
             const DukaReceipt         *receipt,
             const DukaReceiptTemplate *template)
{
  if (template->logo_png != NULL)
    add_row (rows, DUKA_RECEIPT_ROW_LOGO, DUKA_RECEIPT_STYLE_NORMAL, NULL, NULL);

  add_text (rows, DUKA_RECEIPT_STYLE_TITLE, DUKA_RECEIPT_ALIGN_CENTER, 0,
            receipt->business_name);
  add_text_lines (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_CENTER,
                  receipt->business_address);
  if (receipt->tax_number != NULL && receipt->tax_number[0] != '\0')
    {
      /* Translators: the business's tax registration number on a receipt */
      g_autofree char *text = g_strdup_printf (_("Tax no. %s"), receipt->tax_number);

      add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_CENTER, 0, text);
    }
  for (guint i = 0; template->header_lines && template->header_lines[i]; i++)
    add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_CENTER, 0,
              template->header_lines[i]);
  add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_CENTER, 0,
            receipt->outlet_name);
  add_blank (rows);

  if (receipt->is_refund)
    {
      /* Translators: the big mark on a refund receipt */
      add_text (rows, DUKA_RECEIPT_STYLE_TITLE, DUKA_RECEIPT_ALIGN_CENTER, 0, _("REFUND"));
      if (receipt->original_receipt_number != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Refund of receipt %s"),
                                                   receipt->original_receipt_number);

          add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_CENTER, 0, text);
        }
    }
  if (receipt->is_copy)
    /* Translators: the big mark on a reprinted receipt */
    add_text (rows, DUKA_RECEIPT_STYLE_TITLE, DUKA_RECEIPT_ALIGN_CENTER, 0, _("COPY"));
  if (receipt->is_refund || receipt->is_copy)
    add_blank (rows);

  if (receipt->receipt_number != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Receipt: %s"), receipt->receipt_number);

      add_text (rows, DUKA_RECEIPT_STYLE_BOLD, DUKA_RECEIPT_ALIGN_LEFT, 0, text);
    }
  add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_LEFT, 0, receipt->date_time);
  if (receipt->till_code != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Till: %s"), receipt->till_code);

      add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_LEFT, 0, text);
    }
  if (receipt->cashier_name != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cashier: %s"), receipt->cashier_name);

      add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_LEFT, 0, text);
    }
}

static void
add_lines (GPtrArray         *rows,
           const DukaReceipt *receipt,
           locale_t           locale)
{
  for (guint i = 0; i < receipt->lines->len; i++)
    {
      const DukaReceiptLine *line = g_ptr_array_index (receipt->lines, i);

      add_amount (rows, DUKA_RECEIPT_STYLE_NORMAL, 0, line->name, receipt,
                  line->total + line->discount, locale);
      for (guint j = 0; j < line->sub_lines->len; j++)
        add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_LEFT, 2,
                  g_ptr_array_index (line->sub_lines, j));
      if (line->quantity_milli != 1000)
        {
          g_autofree char *quantity = duka_receipt_format_quantity (line->quantity_milli);
          g_autofree char *price = duka_receipt_format_amount (receipt, line->unit_price, locale);
          /* Translators: quantity times unit price on a receipt line: "2 x Ksh 175.00" */
          g_autofree char *text = g_strdup_printf (_("%s x %s"), quantity, price);

          add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_LEFT, 2, text);
        }
      if (line->discount != 0)
        {
          g_autofree char *label = NULL;

          if (line->discount_reason != NULL)
            label = g_strdup_printf (_("Discount (%s)"), line->discount_reason);
          else
            label = g_strdup (_("Discount"));
          add_amount (rows, DUKA_RECEIPT_STYLE_NORMAL, 2, label, receipt,
                      -line->discount, locale);
        }
    }
}

static void
add_taxes (GPtrArray         *rows,
           const DukaReceipt *receipt,
           locale_t           locale)
{
  if (receipt->taxes_included && receipt->taxes->len > 0)
    add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_LEFT, 0,
              _("Taxes included in the total:"));

  for (guint i = 0; i < receipt->taxes->len; i++)
    {
      const DukaReceiptTax *tax = g_ptr_array_index (receipt->taxes, i);
      g_autofree char *label = duka_receipt_tax_label (tax, receipt, locale);

      add_amount (rows, DUKA_RECEIPT_STYLE_NORMAL, 0, label, receipt, tax->tax, locale);
    }
}

static void
add_totals (GPtrArray                 *rows,
            const DukaReceipt         *receipt,
            const DukaReceiptTemplate *template,
            locale_t                   locale)
{
  add_amount (rows, DUKA_RECEIPT_STYLE_NORMAL, 0, _("Subtotal"), receipt,
              receipt->subtotal, locale);
  if (receipt->order_discount != 0)
    {
      g_autofree char *label = NULL;

      if (receipt->order_discount_reason != NULL)
        label = g_strdup_printf (_("Order discount (%s)"), receipt->order_discount_reason);
      else
        label = g_strdup (_("Order discount"));
      add_amount (rows, DUKA_RECEIPT_STYLE_NORMAL, 0, label, receipt,
                  -receipt->order_discount, locale);
    }
  if (receipt->service_charge != 0)
    add_amount (rows, DUKA_RECEIPT_STYLE_NORMAL, 0, _("Service charge"), receipt,
                receipt->service_charge, locale);
  if (receipt->tip != 0)
    add_amount (rows, DUKA_RECEIPT_STYLE_NORMAL, 0, _("Tip"), receipt, receipt->tip, locale);
  if (template->show_tax_lines && !receipt->taxes_included)
    add_taxes (rows, receipt, locale);
  if (receipt->cash_rounding != 0)
    add_amount (rows, DUKA_RECEIPT_STYLE_NORMAL, 0, _("Rounding"), receipt,
                receipt->cash_rounding, locale);

  add_amount (rows, DUKA_RECEIPT_STYLE_TALL, 0,
              receipt->is_refund ? _("REFUND TOTAL") : _("TOTAL"),
              receipt, receipt->total, locale);

  if (template->show_tax_lines && receipt->taxes_included)
    add_taxes (rows, receipt, locale);
}

static void
add_payments (GPtrArray         *rows,
              const DukaReceipt *receipt,
              locale_t           locale)
{
  for (guint i = 0; i < receipt->payments->len; i++)
    {
      const DukaReceiptPayment *payment = g_ptr_array_index (receipt->payments, i);

      add_amount (rows, DUKA_RECEIPT_STYLE_NORMAL, 0, payment->tender, receipt,
                  payment->amount, locale);
      if (payment->card_last_four != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Card ending %s"), payment->card_last_four);

          add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_LEFT, 2, text);
        }
      if (payment->approval_code != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Approval code %s"), payment->approval_code);

          add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_LEFT, 2, text);
        }
      if (payment->reference != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Reference %s"), payment->reference);

          add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_LEFT, 2, text);
        }
      if (payment->change != 0)
        add_amount (rows, DUKA_RECEIPT_STYLE_BOLD, 0, _("Change"), receipt,
                    payment->change, locale);
    }
}

/**
 * duka_receipt_layout_rows:
 * @locale: formats amounts and rates; 0 for the thread's locale
 *
 * Returns: (transfer full) (element-type DukaReceiptRow): the rows
 */
GPtrArray *
duka_receipt_layout_rows (const DukaReceipt         *receipt,
                          const DukaReceiptTemplate *template,
                          locale_t                   locale)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);

  add_heading (rows, receipt, template);
  add_rule (rows);
  add_lines (rows, receipt, locale);
  add_rule (rows);
  add_totals (rows, receipt, template, locale);
  if (receipt->payments->len > 0)
    {
      add_rule (rows);
      add_payments (rows, receipt, locale);
    }

  if (receipt->footer != NULL || (template->footer_lines && template->footer_lines[0]))
    {
      add_blank (rows);
      add_text_lines (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_CENTER,
                      receipt->footer);
      for (guint i = 0; template->footer_lines && template->footer_lines[i]; i++)
        add_text (rows, DUKA_RECEIPT_STYLE_NORMAL, DUKA_RECEIPT_ALIGN_CENTER, 0,
                  template->footer_lines[i]);
    }

  return rows;
}
