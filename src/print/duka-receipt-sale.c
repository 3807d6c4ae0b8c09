/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filling a receipt from what a sale or refund stored.  A line shows its
 * extended amount less its own discount; the order discount, service
 * charge, tip and cash rounding are their own rows, so the printed rows
 * add up to the stored total.
 */
#include <glib/gi18n-lib.h>

#include "duka-receipt-sale.h"

static char *
format_local (gint64       at,
              const char  *time_zone)
{
  g_autoptr(GTimeZone) tz = time_zone != NULL ? g_time_zone_new_identifier (time_zone) : NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz != NULL ? tz : g_time_zone_new_utc ());

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static const char *
text (JsonObject *object,
      const char *member)
{
  return json_object_get_string_member_with_default (object, member, NULL);
}

static gint64
number (JsonObject *object,
        const char *member)
{
  return json_object_get_int_member_with_default (object, member, 0);
}

static DukaReceipt *
receipt_for (JsonObject         *fact,
             const DukaProfile  *profile,
             const char         *cashier_name,
             const char         *footer,
             gboolean            copy)
{
  DukaReceipt *receipt = duka_receipt_new (text (fact, "currency"));

  receipt->business_name = g_strdup (profile->business_name);
  receipt->business_address = g_strdup (profile->business_address);
  receipt->tax_number = g_strdup (profile->business_tax_number);
  receipt->outlet_name = g_strdup (profile->outlet_name);
  receipt->till_code = g_strdup (profile->till_code);
  receipt->receipt_number = g_strdup (text (fact, "receipt_no"));
  receipt->date_time = format_local (number (fact, "at"), profile->time_zone);
  receipt->cashier_name = g_strdup (cashier_name);
  receipt->footer = g_strdup (footer);
  receipt->is_copy = copy;
  return receipt;
}

DukaReceipt *
duka_receipt_new_for_sale (JsonObject         *sale,
                           const DukaProfile  *profile,
                           const char         *cashier_name,
                           const char         *footer,
                           gboolean            copy)
{
  DukaReceipt *receipt;
  JsonArray *lines, *taxes, *payments;

  g_return_val_if_fail (sale != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  receipt = receipt_for (sale, profile, cashier_name, footer, copy);
  lines = json_object_get_array_member (sale, "lines");
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      const char *kind = text (line, "kind");
      gint64 shown = number (line, "extended") - number (line, "line_discount");
      DukaReceiptLine *row;
      JsonArray *modifiers;

      if (g_strcmp0 (kind, "tip") == 0)
        {
          receipt->tip += number (line, "total");
          continue;
        }
      if (g_strcmp0 (kind, "service") == 0)
        {
          receipt->service_charge += number (line, "total");
          continue;
        }
      row = duka_receipt_add_line (receipt, text (line, "name"), number (line, "quantity"),
                                   number (line, "unit_price"), shown);
      modifiers = json_object_has_member (line, "modifiers") &&
                  JSON_NODE_HOLDS_ARRAY (json_object_get_member (line, "modifiers"))
                  ? json_object_get_array_member (line, "modifiers") : NULL;
      for (guint m = 0; modifiers != NULL && m < json_array_get_length (modifiers); m++)
        duka_receipt_line_add_sub_line (row, text (json_array_get_object_element (modifiers, m), "name"));
      if (text (line, "note") != NULL)
        duka_receipt_line_add_sub_line (row, text (line, "note"));
      if (number (line, "line_discount") > 0)
        duka_receipt_line_set_discount (row, number (line, "line_discount"), text (line, "discount_reason"));
      receipt->subtotal += shown;
    }

  receipt->order_discount = number (sale, "order_discount");
  receipt->order_discount_reason = g_strdup (text (sale, "order_discount_reason"));
  receipt->taxes_included = g_strcmp0 (text (sale, "tax_mode"), "exclusive") != 0;
  taxes = json_object_get_array_member (sale, "taxes");
  for (guint i = 0; taxes != NULL && i < json_array_get_length (taxes); i++)
    {
      JsonObject *tax = json_array_get_object_element (taxes, i);

      duka_receipt_add_tax (receipt, text (tax, "name"), number (tax, "rate"),
                            number (tax, "taxable"), number (tax, "tax"));
    }
  receipt->cash_rounding = number (sale, "cash_rounding");
  receipt->total = number (sale, "total");

  payments = json_object_get_array_member (sale, "payments");
  for (guint i = 0; payments != NULL && i < json_array_get_length (payments); i++)
    {
      JsonObject *paid = json_array_get_object_element (payments, i);
      DukaReceiptPayment *payment = duka_receipt_add_payment (receipt, text (paid, "name"),
                                                              number (paid, "tendered"),
                                                              number (paid, "change"));

      payment->card_last_four = g_strdup (text (paid, "card_last4"));
      payment->approval_code = g_strdup (text (paid, "approval_code"));
      payment->reference = g_strdup (text (paid, "reference"));
    }

  return receipt;
}

DukaReceipt *
duka_receipt_new_for_refund (JsonObject         *refund,
                             JsonObject         *sale,
                             const DukaProfile  *profile,
                             const char         *cashier_name,
                             const char         *footer,
                             gboolean            copy)
{
  DukaReceipt *receipt;
  JsonArray *lines, *payments;
  gint64 lines_total = 0;

  g_return_val_if_fail (refund != NULL, NULL);
  g_return_val_if_fail (sale != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  receipt = receipt_for (refund, profile, cashier_name, footer, copy);
  receipt->is_refund = TRUE;
  receipt->original_receipt_number = g_strdup (text (sale, "receipt_no"));

  lines = json_object_get_array_member (refund, "lines");
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      gint64 quantity = number (line, "quantity");
      gint64 total = number (line, "total");

      duka_receipt_add_line (receipt, text (line, "name"), quantity,
                             quantity > 0 ? total * 1000 / quantity : total, total);
      lines_total += total;
    }
  receipt->subtotal = lines_total;
  receipt->taxes_included = g_strcmp0 (text (sale, "tax_mode"), "exclusive") != 0;
  if (number (refund, "tax") != 0)
    /* Translators: the tax a refund gives back, on a refund receipt */
    duka_receipt_add_tax (receipt, _("Tax refunded"), 0, number (refund, "net"), number (refund, "tax"));
  receipt->cash_rounding = number (refund, "total") - lines_total;
  receipt->total = number (refund, "total");

  payments = json_object_get_array_member (refund, "payments");
  for (guint i = 0; payments != NULL && i < json_array_get_length (payments); i++)
    {
      JsonObject *paid = json_array_get_object_element (payments, i);
      DukaReceiptPayment *payment = duka_receipt_add_payment (receipt, text (paid, "name"),
                                                              number (paid, "amount"), 0);

      payment->reference = g_strdup (text (paid, "reference"));
    }

  return receipt;
}
