/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sample sale for the receipt settings: what the preview draws and what
 * "Print Test Receipt" sends, in the business's own currency, names and
 * tax regime, so the owner sees their receipt rather than a made-up one.
 */
#include <glib/gi18n.h>

#include "duka-currency.h"
#include "duka-money-math.h"
#include "duka-receipt-pdf.h"
#include "duka-receipt-sample.h"

/* The sample's prices are written in hundredths of the major unit; a
 * currency with another exponent gets them in its own minor units. */
static gint64
in_minor_units (const DukaCurrency *currency,
                gint64              hundredths)
{
  gint64 amount = hundredths;

  for (guint e = currency->exponent; e > 2; e--)
    amount *= 10;
  for (guint e = currency->exponent; e < 2; e++)
    amount /= 10;
  return amount;
}

static void
add_sample_line (DukaReceipt        *receipt,
                 const DukaCurrency *currency,
                 const char         *name,
                 gint64              quantity_milli,
                 gint64              unit_hundredths,
                 const char         *sub_line)
{
  gint64 unit = in_minor_units (currency, unit_hundredths);
  gint64 total = 0;
  DukaReceiptLine *line;

  duka_money_multiply_quantity (unit, quantity_milli, DUKA_ROUND_HALF_UP, &total, NULL);
  line = duka_receipt_add_line (receipt, name, quantity_milli, unit, total);
  if (sub_line != NULL)
    duka_receipt_line_add_sub_line (line, sub_line);
  receipt->subtotal += total;
}

static void
add_sample_tax (DukaReceipt   *receipt,
                DukaTaxRegime  regime)
{
  const gint64 rate = 160000;  /* 16 % */
  gint64 tax = 0;

  switch (regime)
    {
    case DUKA_TAX_REGIME_INCLUSIVE:
      /* The tax inside a price: price × rate / (1 + rate). */
      duka_money_scale (receipt->subtotal, rate, DUKA_RATE_ONE + rate, DUKA_ROUND_HALF_UP, &tax, NULL);
      duka_receipt_add_tax (receipt, _("VAT"), rate, receipt->subtotal - tax, tax);
      receipt->taxes_included = TRUE;
      receipt->total = receipt->subtotal;
      break;
    case DUKA_TAX_REGIME_EXCLUSIVE:
      duka_money_apply_rate (receipt->subtotal, rate, DUKA_ROUND_HALF_UP, &tax, NULL);
      duka_receipt_add_tax (receipt, _("Sales tax"), rate, receipt->subtotal, tax);
      receipt->taxes_included = FALSE;
      receipt->total = receipt->subtotal + tax;
      break;
    case DUKA_TAX_REGIME_NONE:
    case DUKA_TAX_REGIME_N_REGIMES:
    default:
      receipt->total = receipt->subtotal;
      break;
    }
}

/**
 * duka_receipt_sample_new:
 * @profile: the business, outlet and till the sample is printed for
 * @cashier_name: (nullable): who is signed in
 *
 * Returns: (transfer full): a paid sale of three lines, one weighed
 */
DukaReceipt *
duka_receipt_sample_new (const DukaProfile *profile,
                         const char        *cashier_name)
{
  const DukaCurrency *currency = duka_currency_lookup (profile->currency);
  g_autoptr(DukaReceipt) receipt = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 step, paid = 0;

  if (currency == NULL)
    currency = duka_currency_lookup ("KES");
  receipt = duka_receipt_new (currency->code);

  receipt->business_name = g_strdup (profile->business_name);
  receipt->business_address = g_strdup (profile->business_address);
  receipt->tax_number = g_strdup (profile->business_tax_number);
  receipt->outlet_name = g_strdup (profile->outlet_name);
  receipt->till_code = g_strdup (profile->till_code);
  /* Translators: a receipt number: the till code, then the number. */
  receipt->receipt_number = g_strdup_printf (_("%s-%u"),
                                              profile->till_code ? profile->till_code : "T1", 1042);
  receipt->cashier_name = g_strdup (cashier_name != NULL ? cashier_name : _("Cashier"));

  if (profile->time_zone != NULL)
    tz = g_time_zone_new_identifier (profile->time_zone);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  now = g_date_time_new_now (tz);
  /* Translators: the date and time on a receipt, see g_date_time_format(). */
  receipt->date_time = g_date_time_format (now, _("%d/%m/%Y %H:%M"));

  add_sample_line (receipt, currency, _("Espresso"), 2000, 25000, NULL);
  add_sample_line (receipt, currency, _("Chicken samosa"), 3000, 12000, _("Extra chilli"));
  add_sample_line (receipt, currency, _("Sugar, loose"), 750, 18000, NULL);
  add_sample_tax (receipt, profile->tax_regime);

  /* Paid in cash with the next round note up; the change is handed back. */
  step = in_minor_units (currency, 100000);
  if (step <= 0)
    step = 1;
  duka_money_round_to_step (receipt->total, step, DUKA_ROUND_UP, &paid, NULL);
  if (paid < receipt->total)
    paid = receipt->total;
  duka_receipt_add_payment (receipt, _("Cash"), paid, paid - receipt->total);

  return g_steal_pointer (&receipt);
}

static GStrv
split_lines (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  return g_strsplit (text, "\n", -1);
}

/**
 * duka_receipt_sample_template_new:
 * @logo_png: (nullable): the logo's bytes, already known to be a PNG
 *
 * Returns: (transfer full): the template the form describes
 */
DukaReceiptTemplate *
duka_receipt_sample_template_new (DukaReceiptPaper  paper,
                                  const char       *header,
                                  const char       *footer,
                                  GBytes           *logo_png,
                                  gboolean          show_tax_lines)
{
  DukaReceiptTemplate *template;
  DukaPaper print_paper;

  switch (paper)
    {
    case DUKA_RECEIPT_PAPER_58MM:
      print_paper = DUKA_PAPER_58MM;
      break;
    case DUKA_RECEIPT_PAPER_A4:
      print_paper = DUKA_PAPER_A4;
      break;
    case DUKA_RECEIPT_PAPER_80MM:
    default:
      print_paper = DUKA_PAPER_80MM;
      break;
    }

  template = duka_receipt_template_new (print_paper);
  template->header_lines = split_lines (header);
  template->footer_lines = split_lines (footer);
  template->show_tax_lines = show_tax_lines;
  if (logo_png != NULL)
    template->logo_png = g_bytes_ref (logo_png);

  return template;
}

/* Draws @receipt on white paper at the template's width: a roll as long
 * as the receipt, or the first page of an A4 invoice. */
static void
draw_on_paper (cairo_t                   *cr,
               const DukaReceipt         *receipt,
               const DukaReceiptTemplate *template,
               double                     width,
               double                     height)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (template->paper == DUKA_PAPER_A4)
    duka_receipt_draw_invoice (cr, receipt, template, width, height, 0, (locale_t) 0);
  else
    duka_receipt_draw_roll (cr, receipt, template, width, (locale_t) 0);
}

/**
 * duka_receipt_sample_draw:
 * @width: (out): the paper's width in points
 * @height: (out): the drawing's height in points
 *
 * Returns: (transfer full): a recording of the receipt on its paper
 */
cairo_surface_t *
duka_receipt_sample_draw (const DukaReceipt         *receipt,
                          const DukaReceiptTemplate *template,
                          double                    *width,
                          double                    *height)
{
  cairo_rectangle_t extents = { 0, 0, 0, 0 };
  cairo_surface_t *surface;
  cairo_t *cr;

  switch (template->paper)
    {
    case DUKA_PAPER_58MM:
      extents.width = DUKA_RECEIPT_58MM_WIDTH;
      break;
    case DUKA_PAPER_A4:
      extents.width = DUKA_RECEIPT_A4_WIDTH;
      extents.height = DUKA_RECEIPT_A4_HEIGHT;
      break;
    case DUKA_PAPER_80MM:
    default:
      extents.width = DUKA_RECEIPT_80MM_WIDTH;
      break;
    }

  /* A roll is as long as what is printed on it: measure first. */
  if (extents.height == 0)
    {
      surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (surface);
      extents.height = duka_receipt_draw_roll (cr, receipt, template, extents.width, (locale_t) 0);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (surface);
  draw_on_paper (cr, receipt, template, extents.width, extents.height);
  cairo_destroy (cr);

  *width = extents.width;
  *height = extents.height;
  return surface;
}
