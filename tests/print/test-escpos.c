/* SPDX-License-Identifier: GPL-3.0-or-later */

/* ESC/POS: code pages and commands against bytes written out by hand, and
 * whole receipts byte for byte against tests/print/expected/ (read them
 * with `xxd`); the raster logo decoded back and compared with its PNG. */

#include <cairo.h>
#include <string.h>

#include "duka-escpos.h"
#include "duka-print-image-private.h"
#include "duka-receipt-escpos.h"
#include "print-fixtures.h"

static void
assert_encoded (DukaCodePage  code_page,
                const char   *utf8,
                const char   *expected,
                gsize         expected_length)
{
  gsize length = 0;
  g_autofree char *encoded = duka_escpos_encode (code_page, utf8, &length);

  g_assert_cmpmem (encoded, length, expected, expected_length);
}

static void
test_encode_code_pages (void)
{
  /* é ü £ €, then a plain letter, in each page's own bytes. */
  assert_encoded (DUKA_CODE_PAGE_CP437, "éü£€a", "\x82\x81\x9c?a", 5);
  assert_encoded (DUKA_CODE_PAGE_CP850, "éü£€a", "\x82\x81\x9c?a", 5);
  assert_encoded (DUKA_CODE_PAGE_CP858, "éü£€a", "\x82\x81\x9c\xd5" "a", 5);
  assert_encoded (DUKA_CODE_PAGE_CP1252, "éü£€a", "\xe9\xfc\xa3\x80" "a", 5);
  /* ß and Ñ sit at different places in 437 and 1252. */
  assert_encoded (DUKA_CODE_PAGE_CP437, "ßÑ", "\xe1\xa5", 2);
  assert_encoded (DUKA_CODE_PAGE_CP1252, "ßÑ", "\xdf\xd1", 2);
}

static void
test_encode_fallbacks (void)
{
  /* A decomposed é ("e" + U+0301) is composed first. */
  assert_encoded (DUKA_CODE_PAGE_CP437, "e\xcc\x81", "\x82", 1);
  /* ő is not in 437: its base letter; ć neither. */
  assert_encoded (DUKA_CODE_PAGE_CP437, "őć", "oc", 2);
  /* Typographic punctuation and spaces. */
  assert_encoded (DUKA_CODE_PAGE_CP437, "l’É—“x”", "l'\x90-\"x\"", 7);
  assert_encoded (DUKA_CODE_PAGE_CP858, "1\xc2\xa0" "2\xe2\x80\xaf" "3", "1 2 3", 5);
  /* No look-alike: '?', one byte per character. */
  assert_encoded (DUKA_CODE_PAGE_CP858, "🍵ж", "??", 2);
  /* Control characters never reach the printer as commands. */
  assert_encoded (DUKA_CODE_PAGE_CP437, "a\x1b@\x1d" "V\x01\n", "a?@?V?\n", 7);
  /* Invalid UTF-8 becomes U+FFFD, then '?'. */
  assert_encoded (DUKA_CODE_PAGE_CP437, "a\xff" "b", "a?b", 3);
}

static void
test_commands (void)
{
  g_autoptr(DukaEscpos) escpos = duka_escpos_new ();
  g_autoptr(GBytes) bytes = NULL;
  static const guint8 expected[] = {
    0x1b, 0x40,              /* ESC @ */
    0x1b, 0x74, 0x13,        /* ESC t 19: CP858 */
    0x1b, 0x70, 0x00, 0x19, 0xfa, /* ESC p 0 25 250 */
    0x1b, 0x61, 0x01,        /* ESC a 1 */
    0x1b, 0x45, 0x01,        /* ESC E 1 */
    0x1d, 0x21, 0x11,        /* GS ! 0x11 */
    0xd5, 0x0a,              /* € LF */
    0x1d, 0x21, 0x01,        /* GS ! 0x01: double height only */
    0x1d, 0x21, 0x00,
    0x1b, 0x45, 0x00,
    0x1b, 0x61, 0x02,        /* ESC a 2 */
    0x1b, 0x64, 0x04,        /* ESC d 4 */
    0x1d, 0x56, 0x00,        /* GS V 0: full cut */
    0x1d, 0x56, 0x01,        /* GS V 1: partial cut */
  };

  duka_escpos_initialize (escpos);
  duka_escpos_set_code_page (escpos, DUKA_CODE_PAGE_CP858);
  duka_escpos_kick_drawer (escpos);
  duka_escpos_set_align (escpos, DUKA_ESCPOS_ALIGN_CENTER);
  duka_escpos_set_bold (escpos, TRUE);
  duka_escpos_set_size (escpos, 2, 2);
  duka_escpos_line (escpos, "€");
  duka_escpos_set_size (escpos, 1, 2);
  duka_escpos_set_size (escpos, 1, 1);
  duka_escpos_set_bold (escpos, FALSE);
  duka_escpos_set_align (escpos, DUKA_ESCPOS_ALIGN_RIGHT);
  duka_escpos_feed (escpos, 4);
  duka_escpos_cut (escpos, DUKA_ESCPOS_CUT_FULL);
  duka_escpos_cut (escpos, DUKA_ESCPOS_CUT_PARTIAL);

  bytes = duka_escpos_free_to_bytes (g_steal_pointer (&escpos));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   expected, sizeof expected);
}

static void
assert_wrapped (const char         *text,
                guint               width,
                const char * const *expected)
{
  g_autoptr(GPtrArray) lines = duka_text_wrap (text, width);

  g_assert_cmpuint (lines->len, ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; i < lines->len; i++)
    g_assert_cmpstr (g_ptr_array_index (lines, i), ==, expected[i]);
}

static void
test_wrap (void)
{
  assert_wrapped ("Chicken samosa with tamarind", 12,
                  (const char *[]) { "Chicken", "samosa with", "tamarind", NULL });
  assert_wrapped ("Crème brûlée", 12, (const char *[]) { "Crème brûlée", NULL });
  assert_wrapped ("Supercalifragilistic", 8,
                  (const char *[]) { "Supercal", "ifragili", "stic", NULL });
  assert_wrapped ("", 8, (const char *[]) { "", NULL });
}

/* --- whole receipts -------------------------------------------------- */

/* Skips one command at @p and returns how many bytes it has; sets the
 * character width GS ! chose. */
static gsize
command_length (const guint8 *p,
                const guint8 *end,
                guint        *char_width)
{
  if (p[0] == 0x1b)
    switch (p[1])
      {
      case '@':
        *char_width = 1;
        return 2;
      case 't': case 'E': case 'a': case 'd':
        return 3;
      case 'p':
        return 5;
      default:
        g_assert_not_reached ();
      }
  if (p[0] == 0x1d)
    switch (p[1])
      {
      case '!':
        *char_width = (p[2] >> 4) + 1;
        return 3;
      case 'V':
        return 3;
      case 'v':
        g_assert_true (p + 8 <= end);
        return 8 + (gsize) (p[4] | p[5] << 8) * (gsize) (p[6] | p[7] << 8);
      default:
        g_assert_not_reached ();
      }

  return 0;
}

/* What a person reads: no printed line wider than the paper, counting
 * double-width characters twice, and no stray command bytes. */
static void
assert_fits (GBytes *bytes,
             guint   columns)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  const guint8 *end = data + length;
  guint char_width = 1;
  guint column = 0;
  guint n_lines = 0;

  for (const guint8 *p = data; p < end;)
    {
      gsize skip = command_length (p, end, &char_width);

      if (skip > 0)
        {
          p += skip;
          continue;
        }
      if (*p == 0x0a)
        {
          column = 0;
          n_lines++;
        }
      else
        {
          g_assert_cmpuint (*p, >=, 0x20);
          column += char_width;
          g_assert_cmpuint (column, <=, columns);
        }
      p++;
    }
  g_assert_cmpuint (n_lines, >, 10);
}

typedef struct
{
  const char             *file;
  DukaReceipt          *(*make) (void);
  DukaPaper               paper;
  DukaCodePage            code_page;
  DukaReceiptEscposFlags  flags;
  const char             *locale;
  gboolean                copy;
  gboolean                template_lines;
} ReceiptCase;

static const ReceiptCase receipt_cases[] = {
  { "cafe-58mm.bin", print_fixture_cafe_sale, DUKA_PAPER_58MM, DUKA_CODE_PAGE_CP858,
    DUKA_RECEIPT_ESCPOS_KICK_DRAWER, "sw_KE.UTF-8", FALSE, FALSE },
  { "cafe-80mm.bin", print_fixture_cafe_sale, DUKA_PAPER_80MM, DUKA_CODE_PAGE_CP858,
    DUKA_RECEIPT_ESCPOS_NONE, "sw_KE.UTF-8", FALSE, TRUE },
  { "cafe-copy-80mm.bin", print_fixture_cafe_sale, DUKA_PAPER_80MM, DUKA_CODE_PAGE_CP437,
    DUKA_RECEIPT_ESCPOS_NONE, "en_US.UTF-8", TRUE, FALSE },
  { "refund-58mm.bin", print_fixture_refund, DUKA_PAPER_58MM, DUKA_CODE_PAGE_CP437,
    DUKA_RECEIPT_ESCPOS_KICK_DRAWER, "sw_KE.UTF-8", FALSE, FALSE },
  { "euro-cp858-80mm.bin", print_fixture_euro_sale, DUKA_PAPER_80MM, DUKA_CODE_PAGE_CP858,
    DUKA_RECEIPT_ESCPOS_NO_CUT, "fr_FR.UTF-8", FALSE, FALSE },
  { "euro-cp1252-58mm.bin", print_fixture_euro_sale, DUKA_PAPER_58MM, DUKA_CODE_PAGE_CP1252,
    DUKA_RECEIPT_ESCPOS_NONE, "de_DE.UTF-8", FALSE, FALSE },
};

static void
test_receipt (gconstpointer data)
{
  const ReceiptCase *test_case = data;
  g_autoptr(DukaReceipt) receipt = test_case->make ();
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (test_case->paper);
  locale_t locale = print_fixture_locale (test_case->locale);
  g_autoptr(GBytes) bytes = NULL;

  receipt->is_copy = test_case->copy;
  if (test_case->template_lines)
    {
      template->header_lines = g_strsplit ("Open 7am – 9pm|Free Wi-Fi: duka-guest", "|", -1);
      template->footer_lines = g_strsplit ("Pay with M-Pesa: till 123456", "|", -1);
    }

  bytes = duka_receipt_render_escpos (receipt, template, test_case->code_page,
                                      test_case->flags, locale);
  freelocale (locale);

  assert_fits (bytes, duka_paper_get_columns (test_case->paper));
  print_fixture_assert_file (test_case->file, bytes);
}

/* A long business name in double width, and an amount too wide to share
 * a line with its label: both stay inside 32 columns. */
static void
test_long_texts (void)
{
  g_autoptr(DukaReceipt) receipt = duka_receipt_new ("KES");
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_58MM);
  locale_t locale = print_fixture_locale ("sw_KE.UTF-8");
  g_autoptr(GBytes) bytes = NULL;
  static const char own_line[] = "Everything\n\x1b" "a\x02Ksh 1,234,567,890,123.45\n";
  gsize length = 0;
  const char *data;

  receipt->business_name = g_strdup ("The Very Long Name Wholesale & Retail Supermarket");
  duka_receipt_add_line (receipt, "Everything", 1000, 123456789012345, 123456789012345);
  receipt->subtotal = receipt->total = 123456789012345;
  bytes = duka_receipt_render_escpos (receipt, template, DUKA_CODE_PAGE_CP437, 0, locale);
  freelocale (locale);

  assert_fits (bytes, 32);
  /* The name has a line of its own, then ESC a 2 and the amount. */
  data = g_bytes_get_data (bytes, &length);
  g_assert_nonnull (memmem (data, length, own_line, sizeof own_line - 1));
}

/* --- raster ---------------------------------------------------------- */

/* The PNG read independently of the code under test: premultiplied ARGB
 * over white, black where the luminance is under half. */
static gboolean
png_pixel_is_black (cairo_surface_t *image,
                    int              x,
                    int              y)
{
  const guint8 *row = cairo_image_surface_get_data (image) +
                      (gsize) y * cairo_image_surface_get_stride (image);
  guint32 pixel = ((const guint32 *) row)[x];
  guint32 a = pixel >> 24;
  guint32 r = ((pixel >> 16) & 0xff) + 255 - a;
  guint32 g = ((pixel >> 8) & 0xff) + 255 - a;
  guint32 b = (pixel & 0xff) + 255 - a;

  if (cairo_image_surface_get_format (image) == CAIRO_FORMAT_RGB24)
    {
      r = (pixel >> 16) & 0xff;
      g = (pixel >> 8) & 0xff;
      b = pixel & 0xff;
    }

  return 299 * r + 587 * g + 114 * b < 128000;
}

/* Finds GS v 0 in @bytes and returns its size and bits. */
static const guint8 *
find_raster (GBytes *bytes,
             guint  *out_width_bytes,
             guint  *out_height)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  for (gsize i = 0; i + 8 <= length; i++)
    if (data[i] == 0x1d && data[i + 1] == 'v' && data[i + 2] == '0' && data[i + 3] == 0)
      {
        *out_width_bytes = data[i + 4] | data[i + 5] << 8;
        *out_height = data[i + 6] | data[i + 7] << 8;
        g_assert_cmpuint (i + 8 + (gsize) *out_width_bytes * *out_height, <=, length);
        return data + i + 8;
      }

  g_assert_not_reached ();
}

static void
assert_raster_matches_png (GBytes *bytes,
                           GBytes *png)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image = duka_print_load_png (png, &error);
  guint width_bytes = 0, height = 0;
  const guint8 *bits;
  int width;
  guint n_black = 0;

  g_assert_no_error (error);
  width = cairo_image_surface_get_width (image);
  bits = find_raster (bytes, &width_bytes, &height);
  g_assert_cmpuint (width_bytes, ==, (width + 7) / 8);
  g_assert_cmpuint (height, ==, cairo_image_surface_get_height (image));

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width_bytes * 8; x++)
      {
        gboolean black = (bits[y * width_bytes + x / 8] >> (7 - x % 8)) & 1;

        if ((int) x >= width)
          g_assert_false (black);
        else if (black != png_pixel_is_black (image, (int) x, (int) y))
          g_error ("pixel %u,%u differs", x, y);
        n_black += black;
      }
  cairo_surface_destroy (image);

  /* The frame, the diagonal and the letters, not a blank or black box. */
  g_assert_cmpuint (n_black, >, width_bytes * 8 * height / 10);
  g_assert_cmpuint (n_black, <, width_bytes * 8 * height / 2);
}

static void
test_raster_logo (void)
{
  g_autoptr(GBytes) png = print_fixture_logo_png (203, 60);
  g_autoptr(DukaEscpos) escpos = duka_escpos_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (duka_escpos_raster_png (escpos, png, 384, &error));
  g_assert_no_error (error);
  bytes = duka_escpos_free_to_bytes (g_steal_pointer (&escpos));
  /* 203 dots are 26 bytes, the last one padded with white. */
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 8 + 26 * 60);
  assert_raster_matches_png (bytes, png);
}

static void
test_raster_logo_in_receipt (void)
{
  g_autoptr(GBytes) png = print_fixture_logo_png (240, 80);
  g_autoptr(DukaReceipt) receipt = print_fixture_cafe_sale ();
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_80MM);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) without_logo = NULL;

  without_logo = duka_receipt_render_escpos (receipt, template, DUKA_CODE_PAGE_CP858, 0, 0);
  template->logo_png = g_bytes_ref (png);
  bytes = duka_receipt_render_escpos (receipt, template, DUKA_CODE_PAGE_CP858, 0, 0);

  assert_raster_matches_png (bytes, png);
  /* The logo adds its raster, nothing else: the name under it is
   * centred already. */
  g_assert_cmpuint (g_bytes_get_size (bytes), ==,
                    g_bytes_get_size (without_logo) + 8 + 30 * 80);
}

static void
test_raster_scaled_down (void)
{
  g_autoptr(GBytes) png = print_fixture_logo_png (1000, 100);
  g_autoptr(DukaEscpos) escpos = duka_escpos_new ();
  g_autoptr(GBytes) bytes = NULL;
  guint width_bytes = 0, height = 0;

  g_assert_true (duka_escpos_raster_png (escpos, png, 384, NULL));
  bytes = duka_escpos_free_to_bytes (g_steal_pointer (&escpos));
  find_raster (bytes, &width_bytes, &height);
  g_assert_cmpuint (width_bytes, ==, 48);
  g_assert_cmpuint (height, ==, 38);
}

static void
test_raster_rejects_non_png (void)
{
  g_autoptr(GBytes) not_png = g_bytes_new_static ("GIF89a", 6);
  g_autoptr(DukaEscpos) escpos = duka_escpos_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_58MM);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "not-a-logo.png", NULL);

  g_assert_false (duka_escpos_raster_png (escpos, not_png, 384, &error));
  g_assert_error (error, DUKA_ESCPOS_ERROR, DUKA_ESCPOS_ERROR_BAD_IMAGE);
  g_assert_cmpuint (duka_escpos_get_length (escpos), ==, 0);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "GIF89a", 6, NULL));
  g_assert_false (duka_receipt_template_load_logo (template, path, &error));
  g_assert_error (error, DUKA_ESCPOS_ERROR, DUKA_ESCPOS_ERROR_BAD_IMAGE);
  g_assert_null (template->logo_png);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  print_fixture_pin_fonts ();

  g_test_add_func ("/print/escpos/encode-code-pages", test_encode_code_pages);
  g_test_add_func ("/print/escpos/encode-fallbacks", test_encode_fallbacks);
  g_test_add_func ("/print/escpos/commands", test_commands);
  g_test_add_func ("/print/escpos/wrap", test_wrap);
  for (guint i = 0; i < G_N_ELEMENTS (receipt_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/print/escpos/receipt/%s", receipt_cases[i].file);

      g_test_add_data_func (path, &receipt_cases[i], test_receipt);
    }
  g_test_add_func ("/print/escpos/long-texts", test_long_texts);
  g_test_add_func ("/print/escpos/raster-logo", test_raster_logo);
  g_test_add_func ("/print/escpos/raster-logo-in-receipt", test_raster_logo_in_receipt);
  g_test_add_func ("/print/escpos/raster-scaled-down", test_raster_scaled_down);
  g_test_add_func ("/print/escpos/raster-rejects-non-png", test_raster_rejects_non_png);

  return g_test_run ();
}
