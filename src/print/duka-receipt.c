/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "duka-receipt.h"

#include "duka-print-image-private.h"

G_DEFINE_BOXED_TYPE (DukaReceipt, duka_receipt, duka_receipt_ref, duka_receipt_unref)

static void
receipt_line_free (gpointer data)
{
  DukaReceiptLine *line = data;

  g_free (line->name);
  g_ptr_array_unref (line->sub_lines);
  g_free (line->discount_reason);
  g_free (line);
}

static void
receipt_tax_free (gpointer data)
{
  DukaReceiptTax *tax = data;

  g_free (tax->name);
  g_free (tax);
}

static void
receipt_payment_free (gpointer data)
{
  DukaReceiptPayment *payment = data;

  g_free (payment->tender);
  g_free (payment->card_last_four);
  g_free (payment->approval_code);
  g_free (payment->reference);
  g_free (payment);
}

static void
receipt_clear (DukaReceipt *receipt)
{
  g_free (receipt->currency_code);
  g_free (receipt->business_name);
  g_free (receipt->business_address);
  g_free (receipt->tax_number);
  g_free (receipt->outlet_name);
  g_free (receipt->till_code);
  g_free (receipt->receipt_number);
  g_free (receipt->date_time);
  g_free (receipt->cashier_name);
  g_ptr_array_unref (receipt->lines);
  g_free (receipt->order_discount_reason);
  g_ptr_array_unref (receipt->taxes);
  g_ptr_array_unref (receipt->payments);
  g_free (receipt->original_receipt_number);
  g_free (receipt->footer);
}

DukaReceipt *
duka_receipt_new (const char *currency_code)
{
  DukaReceipt *receipt;

  g_return_val_if_fail (currency_code != NULL, NULL);

  receipt = g_atomic_rc_box_new0 (DukaReceipt);
  receipt->currency_code = g_strdup (currency_code);
  receipt->lines = g_ptr_array_new_with_free_func (receipt_line_free);
  receipt->taxes = g_ptr_array_new_with_free_func (receipt_tax_free);
  receipt->payments = g_ptr_array_new_with_free_func (receipt_payment_free);

  return receipt;
}

DukaReceipt *
duka_receipt_ref (DukaReceipt *receipt)
{
  return g_atomic_rc_box_acquire (receipt);
}

void
duka_receipt_unref (DukaReceipt *receipt)
{
  g_atomic_rc_box_release_full (receipt, (GDestroyNotify) receipt_clear);
}

/**
 * duka_receipt_copy:
 *
 * A deep copy, for example to mark a reprint as a copy without touching
 * the receipt another renderer may still hold.
 */
DukaReceipt *
duka_receipt_copy (const DukaReceipt *receipt)
{
  DukaReceipt *copy = duka_receipt_new (receipt->currency_code);

  copy->business_name = g_strdup (receipt->business_name);
  copy->business_address = g_strdup (receipt->business_address);
  copy->tax_number = g_strdup (receipt->tax_number);
  copy->outlet_name = g_strdup (receipt->outlet_name);
  copy->till_code = g_strdup (receipt->till_code);
  copy->receipt_number = g_strdup (receipt->receipt_number);
  copy->date_time = g_strdup (receipt->date_time);
  copy->cashier_name = g_strdup (receipt->cashier_name);

  for (guint i = 0; i < receipt->lines->len; i++)
    {
      const DukaReceiptLine *line = g_ptr_array_index (receipt->lines, i);
      DukaReceiptLine *line_copy = duka_receipt_add_line (copy, line->name,
                                                          line->quantity_milli,
                                                          line->unit_price,
                                                          line->total);

      for (guint j = 0; j < line->sub_lines->len; j++)
        duka_receipt_line_add_sub_line (line_copy, g_ptr_array_index (line->sub_lines, j));
      duka_receipt_line_set_discount (line_copy, line->discount, line->discount_reason);
    }

  copy->order_discount = receipt->order_discount;
  copy->order_discount_reason = g_strdup (receipt->order_discount_reason);
  copy->subtotal = receipt->subtotal;
  for (guint i = 0; i < receipt->taxes->len; i++)
    {
      const DukaReceiptTax *tax = g_ptr_array_index (receipt->taxes, i);

      duka_receipt_add_tax (copy, tax->name, tax->rate_ppm, tax->taxable, tax->tax);
    }
  copy->taxes_included = receipt->taxes_included;
  copy->service_charge = receipt->service_charge;
  copy->tip = receipt->tip;
  copy->cash_rounding = receipt->cash_rounding;
  copy->total = receipt->total;
  for (guint i = 0; i < receipt->payments->len; i++)
    {
      const DukaReceiptPayment *payment = g_ptr_array_index (receipt->payments, i);
      DukaReceiptPayment *payment_copy = duka_receipt_add_payment (copy, payment->tender,
                                                                   payment->amount,
                                                                   payment->change);

      payment_copy->card_last_four = g_strdup (payment->card_last_four);
      payment_copy->approval_code = g_strdup (payment->approval_code);
      payment_copy->reference = g_strdup (payment->reference);
    }

  copy->is_refund = receipt->is_refund;
  copy->original_receipt_number = g_strdup (receipt->original_receipt_number);
  copy->is_copy = receipt->is_copy;
  copy->footer = g_strdup (receipt->footer);

  return copy;
}

DukaReceiptLine *
duka_receipt_add_line (DukaReceipt *receipt,
                       const char  *name,
                       gint64       quantity_milli,
                       gint64       unit_price,
                       gint64       total)
{
  DukaReceiptLine *line = g_new0 (DukaReceiptLine, 1);

  line->name = g_strdup (name);
  line->sub_lines = g_ptr_array_new_with_free_func (g_free);
  line->quantity_milli = quantity_milli;
  line->unit_price = unit_price;
  line->total = total;
  g_ptr_array_add (receipt->lines, line);

  return line;
}

void
duka_receipt_line_add_sub_line (DukaReceiptLine *line,
                                const char      *text)
{
  g_ptr_array_add (line->sub_lines, g_strdup (text));
}

void
duka_receipt_line_set_discount (DukaReceiptLine *line,
                                gint64           discount,
                                const char      *reason)
{
  line->discount = discount;
  g_free (line->discount_reason);
  line->discount_reason = g_strdup (reason);
}

DukaReceiptTax *
duka_receipt_add_tax (DukaReceipt *receipt,
                      const char  *name,
                      gint64       rate_ppm,
                      gint64       taxable,
                      gint64       tax_amount)
{
  DukaReceiptTax *tax = g_new0 (DukaReceiptTax, 1);

  tax->name = g_strdup (name);
  tax->rate_ppm = rate_ppm;
  tax->taxable = taxable;
  tax->tax = tax_amount;
  g_ptr_array_add (receipt->taxes, tax);

  return tax;
}

DukaReceiptPayment *
duka_receipt_add_payment (DukaReceipt *receipt,
                          const char  *tender,
                          gint64       amount,
                          gint64       change)
{
  DukaReceiptPayment *payment = g_new0 (DukaReceiptPayment, 1);

  payment->tender = g_strdup (tender);
  payment->amount = amount;
  payment->change = change;
  g_ptr_array_add (receipt->payments, payment);

  return payment;
}

DukaReceiptTemplate *
duka_receipt_template_new (DukaPaper paper)
{
  DukaReceiptTemplate *template = g_new0 (DukaReceiptTemplate, 1);

  template->paper = paper;
  template->show_tax_lines = TRUE;

  return template;
}

void
duka_receipt_template_free (DukaReceiptTemplate *template)
{
  if (template == NULL)
    return;

  g_clear_pointer (&template->logo_png, g_bytes_unref);
  g_strfreev (template->header_lines);
  g_strfreev (template->footer_lines);
  g_free (template);
}

DukaReceiptTemplate *
duka_receipt_template_copy (const DukaReceiptTemplate *template)
{
  DukaReceiptTemplate *copy = duka_receipt_template_new (template->paper);

  copy->logo_png = template->logo_png ? g_bytes_ref (template->logo_png) : NULL;
  copy->header_lines = g_strdupv (template->header_lines);
  copy->footer_lines = g_strdupv (template->footer_lines);
  copy->show_tax_lines = template->show_tax_lines;

  return copy;
}

/**
 * duka_receipt_template_load_logo:
 *
 * Reads the logo from @png_path, refusing a file that is not a PNG so a
 * broken logo is caught when the business sets it, not at the till.
 */
gboolean
duka_receipt_template_load_logo (DukaReceiptTemplate *template,
                                 const char          *png_path,
                                 GError             **error)
{
  char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) png = NULL;
  cairo_surface_t *image;

  if (!g_file_get_contents (png_path, &contents, &length, error))
    return FALSE;

  png = g_bytes_new_take (contents, length);
  image = duka_print_load_png (png, error);
  if (image == NULL)
    return FALSE;
  cairo_surface_destroy (image);

  g_clear_pointer (&template->logo_png, g_bytes_unref);
  template->logo_png = g_steal_pointer (&png);

  return TRUE;
}

guint
duka_paper_get_columns (DukaPaper paper)
{
  switch (paper)
    {
    case DUKA_PAPER_58MM:
      return 32;
    case DUKA_PAPER_80MM:
      return 48;
    case DUKA_PAPER_A4:
    default:
      return 0;
    }
}
