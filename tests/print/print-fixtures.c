/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Receipts the print tests share, the pinned font, and expected files. */

#include "print-fixtures.h"

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

/* A Nairobi café sale: a variant with modifiers, a weighed item, a line
 * discount, an order discount, 16 % VAT included, a tip, split across cash
 * (with change) and a card. */
DukaReceipt *
print_fixture_cafe_sale (void)
{
  DukaReceipt *receipt = duka_receipt_new ("KES");
  DukaReceiptLine *line;
  DukaReceiptPayment *card;

  receipt->business_name = g_strdup ("Duka Café");
  receipt->business_address = g_strdup ("Moi Avenue 12\nNairobi");
  receipt->tax_number = g_strdup ("P051234567X");
  receipt->outlet_name = g_strdup ("Moi Avenue");
  receipt->till_code = g_strdup ("T1");
  receipt->receipt_number = g_strdup ("T1-000124");
  receipt->date_time = g_strdup ("2026-11-22 10:15");
  receipt->cashier_name = g_strdup ("Amina");

  line = duka_receipt_add_line (receipt, "Flat white", 2000, 35000, 70000);
  duka_receipt_line_add_sub_line (line, "Large");
  duka_receipt_line_add_sub_line (line, "+ Oat milk");
  line = duka_receipt_add_line (receipt, "Chicken samosa with tamarind chutney and salad", 1000,
                                25000, 22500);
  duka_receipt_line_set_discount (line, 2500, "Happy hour");
  duka_receipt_add_line (receipt, "Coffee beans", 250, 160000, 40000);

  receipt->subtotal = 132500;
  receipt->order_discount = 2500;
  receipt->order_discount_reason = g_strdup ("Staff");
  receipt->taxes_included = TRUE;
  duka_receipt_add_tax (receipt, "VAT", 160000, 112069, 17931);
  receipt->tip = 10000;
  receipt->total = 140000;

  duka_receipt_add_payment (receipt, "Cash", 100000, 10000);
  card = duka_receipt_add_payment (receipt, "Card", 50000, 0);
  card->card_last_four = g_strdup ("4242");
  card->approval_code = g_strdup ("A1B2C3");

  receipt->footer = g_strdup ("Thank you for coming!\nKaribu tena");

  return receipt;
}

DukaReceipt *
print_fixture_refund (void)
{
  DukaReceipt *receipt = duka_receipt_new ("KES");

  receipt->business_name = g_strdup ("Duka Café");
  receipt->till_code = g_strdup ("T1");
  receipt->receipt_number = g_strdup ("T1-000131");
  receipt->date_time = g_strdup ("2026-11-22 12:40");
  receipt->cashier_name = g_strdup ("Brian");
  receipt->is_refund = TRUE;
  receipt->original_receipt_number = g_strdup ("T1-000124");

  duka_receipt_add_line (receipt, "Flat white", 1000, 35000, 35000);
  receipt->subtotal = 35000;
  receipt->taxes_included = TRUE;
  duka_receipt_add_tax (receipt, "VAT", 160000, 30172, 4828);
  receipt->total = 35000;
  duka_receipt_add_payment (receipt, "Cash", 35000, 0);

  return receipt;
}

/* Paris, in euros: accents, ü, £ and € in names, taxes added, cash
 * rounding. */
DukaReceipt *
print_fixture_euro_sale (void)
{
  DukaReceipt *receipt = duka_receipt_new ("EUR");
  DukaReceiptPayment *payment;

  receipt->business_name = g_strdup ("Café Brûlé");
  receipt->business_address = g_strdup ("3 rue de l’Église, 75004 Paris");
  receipt->receipt_number = g_strdup ("P2-000007");
  receipt->date_time = g_strdup ("22/11/2026 18:05");
  receipt->cashier_name = g_strdup ("Zoë");

  duka_receipt_add_line (receipt, "Crème brûlée", 2000, 650, 1300);
  duka_receipt_add_line (receipt, "Müsli — maison", 1000, 480, 480);
  duka_receipt_add_line (receipt, "Bon cadeau £5 / 6 €", 1000, 600, 600);
  duka_receipt_add_line (receipt, "Thé vert 🍵", 1000, 1234, 1234);
  receipt->subtotal = 3614;
  duka_receipt_add_tax (receipt, "TVA", 100000, 3614, 361);
  receipt->cash_rounding = -5;
  receipt->total = 3970;
  payment = duka_receipt_add_payment (receipt, "Espèces", 5000, 1030);
  payment->reference = g_strdup ("Caisse 2");

  return receipt;
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A logo: a frame, a diagonal and "DUKA" in the pinned font, in grey,
 * black and a transparent background, so thresholding has work to do. */
GBytes *
print_fixture_logo_png (guint width,
                        guint height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width,
                                                         (int) height);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgba (cr, 0, 0, 0, 0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (cr, 3);
  cairo_rectangle (cr, 2, 2, width - 4, height - 4);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, 0.6, 0.6, 0.6, 1);
  cairo_move_to (cr, 0, height);
  cairo_line_to (cr, width, 0);
  cairo_stroke (cr);

  pango_font_description_set_absolute_size (font, height * 0.5 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "DUKA", -1);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, width * 0.1, height * 0.2);
  pango_cairo_show_layout (cr, layout);

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==,
                   CAIRO_STATUS_SUCCESS);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (png);
}

locale_t
print_fixture_locale (const char *name)
{
  locale_t locale = newlocale (LC_ALL_MASK, name, (locale_t) 0);

  if (locale == (locale_t) 0)
    g_test_message ("Locale %s is missing: run build-aux/setup-locales", name);
  g_assert_true (locale != (locale_t) 0);

  return locale;
}

/* Rendering must not depend on the machine's fonts: fontconfig reads only
 * tests/print/fonts.conf, which offers DejaVu for every family. */
void
print_fixture_pin_fonts (void)
{
  g_autofree char *conf = g_test_build_filename (G_TEST_DIST, "print", "fonts.conf", NULL);

  g_setenv ("FONTCONFIG_FILE", conf, TRUE);
}

/* Before gtk_test_init(), which starts fontconfig with the machine's
 * fonts; g_test_build_filename() does not work before it. */
void
print_fixture_pin_fonts_early (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *conf = g_build_filename (srcdir ? srcdir : ".", "print", "fonts.conf", NULL);

  g_setenv ("FONTCONFIG_FILE", conf, TRUE);
}

GBytes *
print_fixture_read (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "print", "expected", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* DUKA_TEST_REGENERATE=1 writes what the code makes into the source tree,
 * to be read with xxd before it is committed. */
void
print_fixture_assert_file (const char *name,
                           GBytes     *actual)
{
  g_autoptr(GBytes) expected = NULL;

  if (g_getenv ("DUKA_TEST_REGENERATE") != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "print", "expected", name, NULL);
      g_autoptr(GError) error = NULL;
      gsize length = 0;
      const char *data = g_bytes_get_data (actual, &length);

      g_file_set_contents (path, data, (gssize) length, &error);
      g_assert_no_error (error);
      return;
    }

  expected = print_fixture_read (name);
  if (!g_bytes_equal (expected, actual))
    {
      gsize expected_length = 0, actual_length = 0;
      const guint8 *e = g_bytes_get_data (expected, &expected_length);
      const guint8 *a = g_bytes_get_data (actual, &actual_length);
      gsize i = 0;

      while (i < expected_length && i < actual_length && e[i] == a[i])
        i++;
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes expected, %" G_GSIZE_FORMAT
                      " made; first difference at offset %" G_GSIZE_FORMAT,
                      name, expected_length, actual_length, i);
      g_test_fail ();
    }
}
