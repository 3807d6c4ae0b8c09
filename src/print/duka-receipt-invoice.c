/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The A4 layout: the business at the top, a table of lines that flows
 * over pages (its header repeated on each), totals, taxes, payments and
 * the footer. */

#include "duka-receipt-pdf.h"

#include <glib/gi18n-lib.h>

#include "duka-receipt-draw-private.h"
#include "duka-receipt-layout.h"

#define MARGIN 50.0
#define FONT_SIZE 10.0

/* Right edges of the table's number columns, as fractions of the width. */
#define COLUMN_QUANTITY 0.58
#define COLUMN_PRICE    0.72
#define COLUMN_DISCOUNT 0.86
#define ITEM_WIDTH      0.46

typedef struct
{
  DukaCursor                 cursor;
  const DukaReceipt         *receipt;
  const DukaReceiptTemplate *template;
  locale_t                   locale;
} Invoice;

/* A line of text, wrapped to @width, at @x; moves the cursor down. */
static void
invoice_text (Invoice        *invoice,
              const char     *text,
              double          x,
              double          width,
              double          size,
              gboolean        bold,
              PangoAlignment  alignment,
              double          gray)
{
  DukaCursor *cursor = &invoice->cursor;
  g_autoptr(PangoLayout) layout = NULL;
  double height;

  if (text == NULL || text[0] == '\0')
    return;

  layout = duka_cursor_layout (cursor, text, size, bold, width, alignment);
  height = duka_layout_height (layout);
  if (duka_cursor_place (cursor, height))
    duka_cursor_show (cursor, layout, x, cursor->y, gray);
  cursor->y += height;
}

/* Text whose right edge is at @right, on the current line: no wrapping. */
static void
show_right (DukaCursor *cursor,
            const char *text,
            double      right,
            double      y,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL)
    return;

  layout = duka_cursor_layout (cursor, text, FONT_SIZE, bold, -1, PANGO_ALIGN_LEFT);
  duka_cursor_show (cursor, layout, right - duka_layout_width (layout), y, 0);
}

static void
draw_business (Invoice *invoice)
{
  DukaCursor *cursor = &invoice->cursor;
  const DukaReceipt *receipt = invoice->receipt;
  double block_x = cursor->left + cursor->width * 0.4;
  double block_width = cursor->width * 0.6;
  double top = cursor->y;
  double logo_height = 0;
  double text_bottom;

  if (invoice->template->logo_png != NULL)
    duka_cursor_logo (cursor, invoice->template->logo_png, cursor->left,
                      cursor->width * 0.35, 80, FALSE, &logo_height);

  cursor->y = top;
  invoice_text (invoice, receipt->business_name, block_x, block_width, 16, TRUE,
                PANGO_ALIGN_RIGHT, 0);
  invoice_text (invoice, receipt->business_address, block_x, block_width, FONT_SIZE,
                FALSE, PANGO_ALIGN_RIGHT, 0);
  if (receipt->tax_number != NULL && receipt->tax_number[0] != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Tax no. %s"), receipt->tax_number);

      invoice_text (invoice, text, block_x, block_width, FONT_SIZE, FALSE,
                    PANGO_ALIGN_RIGHT, 0);
    }
  for (guint i = 0; invoice->template->header_lines && invoice->template->header_lines[i]; i++)
    invoice_text (invoice, invoice->template->header_lines[i], block_x, block_width,
                  FONT_SIZE, FALSE, PANGO_ALIGN_RIGHT, 0);
  invoice_text (invoice, receipt->outlet_name, block_x, block_width, FONT_SIZE, FALSE,
                PANGO_ALIGN_RIGHT, 0);

  text_bottom = cursor->y;
  cursor->y = MAX (text_bottom, top + logo_height) + 24;
}

static void
draw_title (Invoice *invoice)
{
  DukaCursor *cursor = &invoice->cursor;
  const DukaReceipt *receipt = invoice->receipt;
  const char *title = receipt->is_refund ? _("Refund") : _("Receipt");
  g_autoptr(PangoLayout) layout = duka_cursor_layout (cursor, title, 20, TRUE, -1,
                                                      PANGO_ALIGN_LEFT);
  double height = duka_layout_height (layout);

  if (duka_cursor_place (cursor, height))
    {
      double y = cursor->y;

      duka_cursor_show (cursor, layout, cursor->left, y, 0);
      if (receipt->is_copy)
        {
          g_autoptr(PangoLayout) mark = duka_cursor_layout (cursor, _("COPY"), 20, TRUE, -1,
                                                            PANGO_ALIGN_LEFT);

          duka_cursor_show (cursor, mark,
                            cursor->left + cursor->width - duka_layout_width (mark), y, 0.4);
        }
    }
  cursor->y += height + 6;
}

static void
draw_details (Invoice *invoice)
{
  const DukaReceipt *receipt = invoice->receipt;
  DukaCursor *cursor = &invoice->cursor;
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);

  if (receipt->receipt_number != NULL)
    g_ptr_array_add (details, g_strdup_printf (_("Receipt: %s"), receipt->receipt_number));
  if (receipt->is_refund && receipt->original_receipt_number != NULL)
    g_ptr_array_add (details, g_strdup_printf (_("Refund of receipt %s"),
                                               receipt->original_receipt_number));
  if (receipt->date_time != NULL)
    g_ptr_array_add (details, g_strdup (receipt->date_time));
  if (receipt->till_code != NULL)
    g_ptr_array_add (details, g_strdup_printf (_("Till: %s"), receipt->till_code));
  if (receipt->cashier_name != NULL)
    g_ptr_array_add (details, g_strdup_printf (_("Cashier: %s"), receipt->cashier_name));

  for (guint i = 0; i < details->len; i++)
    invoice_text (invoice, g_ptr_array_index (details, i), cursor->left, cursor->width,
                  FONT_SIZE, FALSE, PANGO_ALIGN_LEFT, 0);
  cursor->y += 14;
}

static void
draw_table_header (Invoice *invoice)
{
  DukaCursor *cursor = &invoice->cursor;
  double x = cursor->left;
  double w = cursor->width;
  double height = FONT_SIZE * 1.6;

  if (duka_cursor_place (cursor, height + 4))
    {
      g_autoptr(PangoLayout) item = duka_cursor_layout (cursor, _("Item"), FONT_SIZE, TRUE,
                                                        -1, PANGO_ALIGN_LEFT);

      duka_cursor_show (cursor, item, x, cursor->y, 0);
      show_right (cursor, _("Qty"), x + w * COLUMN_QUANTITY, cursor->y, TRUE);
      show_right (cursor, _("Unit price"), x + w * COLUMN_PRICE, cursor->y, TRUE);
      show_right (cursor, _("Discount"), x + w * COLUMN_DISCOUNT, cursor->y, TRUE);
      show_right (cursor, _("Amount"), x + w, cursor->y, TRUE);
      duka_cursor_rule (cursor, x, w, cursor->y + height, FALSE);
    }
  cursor->y += height + 4;
}

static double
line_height (Invoice               *invoice,
             const DukaReceiptLine *line,
             PangoLayout          **out_name,
             PangoLayout          **out_sub_lines)
{
  DukaCursor *cursor = &invoice->cursor;
  double height;

  *out_name = duka_cursor_layout (cursor, line->name, FONT_SIZE, FALSE,
                                  cursor->width * ITEM_WIDTH, PANGO_ALIGN_LEFT);
  height = duka_layout_height (*out_name);
  *out_sub_lines = NULL;
  if (line->sub_lines->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < line->sub_lines->len; i++)
        g_string_append_printf (text, "%s%s", i ? "\n" : "",
                                (char *) g_ptr_array_index (line->sub_lines, i));
      *out_sub_lines = duka_cursor_layout (cursor, text->str, FONT_SIZE * 0.85, FALSE,
                                           cursor->width * ITEM_WIDTH - 8, PANGO_ALIGN_LEFT);
      height += duka_layout_height (*out_sub_lines);
    }

  return height + 4;
}

static void
draw_lines (Invoice *invoice)
{
  DukaCursor *cursor = &invoice->cursor;
  const DukaReceipt *receipt = invoice->receipt;
  double x = cursor->left;
  double w = cursor->width;

  draw_table_header (invoice);
  for (guint i = 0; i < receipt->lines->len; i++)
    {
      const DukaReceiptLine *line = g_ptr_array_index (receipt->lines, i);
      g_autoptr(PangoLayout) name = NULL;
      g_autoptr(PangoLayout) sub_lines = NULL;
      double height = line_height (invoice, line, &name, &sub_lines);
      int page = cursor->page;
      g_autofree char *quantity = duka_receipt_format_quantity (line->quantity_milli);
      g_autofree char *price = duka_receipt_format_amount (receipt, line->unit_price,
                                                           invoice->locale);
      g_autofree char *discount = line->discount
        ? duka_receipt_format_amount (receipt, -line->discount, invoice->locale) : NULL;
      g_autofree char *amount = duka_receipt_format_amount (receipt, line->total,
                                                            invoice->locale);

      duka_cursor_place (cursor, height);
      if (cursor->page != page)
        draw_table_header (invoice);
      if (cursor->page == cursor->draw_page)
        {
          duka_cursor_show (cursor, name, x, cursor->y, 0);
          if (sub_lines != NULL)
            duka_cursor_show (cursor, sub_lines, x + 8,
                              cursor->y + duka_layout_height (name), 0.35);
          show_right (cursor, quantity, x + w * COLUMN_QUANTITY, cursor->y, FALSE);
          show_right (cursor, price, x + w * COLUMN_PRICE, cursor->y, FALSE);
          show_right (cursor, discount, x + w * COLUMN_DISCOUNT, cursor->y, FALSE);
          show_right (cursor, amount, x + w, cursor->y, FALSE);
        }
      cursor->y += height;
    }

  if (duka_cursor_place (cursor, 8))
    duka_cursor_rule (cursor, x, w, cursor->y + 2, FALSE);
  cursor->y += 8;
}

/* A label and an amount in the right half, as the totals are. */
static void
draw_amount (Invoice    *invoice,
             const char *label,
             gint64      amount,
             gboolean    bold)
{
  DukaCursor *cursor = &invoice->cursor;
  double x = cursor->left + cursor->width * 0.45;
  double size = bold ? FONT_SIZE * 1.2 : FONT_SIZE;
  g_autofree char *formatted = duka_receipt_format_amount (invoice->receipt, amount,
                                                           invoice->locale);
  g_autoptr(PangoLayout) left = duka_cursor_layout (cursor, label, size, bold,
                                                    cursor->width * 0.35, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) right = duka_cursor_layout (cursor, formatted, size, bold, -1,
                                                     PANGO_ALIGN_LEFT);
  double height = MAX (duka_layout_height (left), duka_layout_height (right)) + 2;

  if (duka_cursor_place (cursor, height))
    {
      duka_cursor_show (cursor, left, x, cursor->y, 0);
      duka_cursor_show (cursor, right,
                        cursor->left + cursor->width - duka_layout_width (right),
                        cursor->y, 0);
    }
  cursor->y += height;
}

static void
draw_taxes (Invoice *invoice)
{
  const DukaReceipt *receipt = invoice->receipt;

  if (!invoice->template->show_tax_lines)
    return;

  for (guint i = 0; i < receipt->taxes->len; i++)
    {
      const DukaReceiptTax *tax = g_ptr_array_index (receipt->taxes, i);
      g_autofree char *label = duka_receipt_tax_label (tax, receipt, invoice->locale);

      if (receipt->taxes_included)
        {
          g_autofree char *included = g_strdup_printf (_("%s (included)"), label);

          draw_amount (invoice, included, tax->tax, FALSE);
        }
      else
        draw_amount (invoice, label, tax->tax, FALSE);
    }
}

static void
draw_totals (Invoice *invoice)
{
  const DukaReceipt *receipt = invoice->receipt;

  draw_amount (invoice, _("Subtotal"), receipt->subtotal, FALSE);
  if (receipt->order_discount != 0)
    {
      g_autofree char *label = receipt->order_discount_reason
        ? g_strdup_printf (_("Order discount (%s)"), receipt->order_discount_reason)
        : g_strdup (_("Order discount"));

      draw_amount (invoice, label, -receipt->order_discount, FALSE);
    }
  if (receipt->service_charge != 0)
    draw_amount (invoice, _("Service charge"), receipt->service_charge, FALSE);
  if (receipt->tip != 0)
    draw_amount (invoice, _("Tip"), receipt->tip, FALSE);
  if (!receipt->taxes_included)
    draw_taxes (invoice);
  if (receipt->cash_rounding != 0)
    draw_amount (invoice, _("Rounding"), receipt->cash_rounding, FALSE);
  invoice->cursor.y += 4;
  draw_amount (invoice, receipt->is_refund ? _("REFUND TOTAL") : _("TOTAL"),
               receipt->total, TRUE);
  if (receipt->taxes_included)
    draw_taxes (invoice);
  invoice->cursor.y += 12;
}

static void
draw_payments (Invoice *invoice)
{
  const DukaReceipt *receipt = invoice->receipt;
  DukaCursor *cursor = &invoice->cursor;
  double x = cursor->left + cursor->width * 0.45;
  double w = cursor->width * 0.55;

  for (guint i = 0; i < receipt->payments->len; i++)
    {
      const DukaReceiptPayment *payment = g_ptr_array_index (receipt->payments, i);
      g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

      draw_amount (invoice, payment->tender, payment->amount, FALSE);
      if (payment->card_last_four != NULL)
        g_ptr_array_add (notes, g_strdup_printf (_("Card ending %s"), payment->card_last_four));
      if (payment->approval_code != NULL)
        g_ptr_array_add (notes, g_strdup_printf (_("Approval code %s"), payment->approval_code));
      if (payment->reference != NULL)
        g_ptr_array_add (notes, g_strdup_printf (_("Reference %s"), payment->reference));
      for (guint j = 0; j < notes->len; j++)
        invoice_text (invoice, g_ptr_array_index (notes, j), x + 8, w - 8,
                      FONT_SIZE * 0.85, FALSE, PANGO_ALIGN_LEFT, 0.35);
      if (payment->change != 0)
        draw_amount (invoice, _("Change"), payment->change, FALSE);
    }
  cursor->y += 18;
}

static void
draw_footer (Invoice *invoice)
{
  DukaCursor *cursor = &invoice->cursor;
  GStrv lines = invoice->template->footer_lines;

  invoice_text (invoice, invoice->receipt->footer, cursor->left, cursor->width, FONT_SIZE,
                FALSE, PANGO_ALIGN_CENTER, 0);
  for (guint i = 0; lines && lines[i]; i++)
    invoice_text (invoice, lines[i], cursor->left, cursor->width, FONT_SIZE, FALSE,
                  PANGO_ALIGN_CENTER, 0);
}

/**
 * duka_receipt_draw_invoice:
 * @page: the page to draw, from 0; -1 draws nothing and only counts
 * @locale: formats amounts; 0 for the thread's locale
 *
 * Returns: the number of pages
 */
guint
duka_receipt_draw_invoice (cairo_t                   *cr,
                           const DukaReceipt         *receipt,
                           const DukaReceiptTemplate *template,
                           double                     page_width,
                           double                     page_height,
                           int                        page,
                           locale_t                   locale)
{
  Invoice invoice = {
    .cursor = {
      .cr = cr,
      .left = MARGIN,
      .width = page_width - 2 * MARGIN,
      .top = MARGIN,
      .bottom = page_height - MARGIN,
      .y = MARGIN,
      .page = 0,
      .draw_page = page,
      .font_size = FONT_SIZE,
    },
    .receipt = receipt,
    .template = template,
    .locale = locale,
  };

  draw_business (&invoice);
  draw_title (&invoice);
  draw_details (&invoice);
  draw_lines (&invoice);
  draw_totals (&invoice);
  draw_payments (&invoice);
  draw_footer (&invoice);

  return (guint) invoice.cursor.page + 1;
}
