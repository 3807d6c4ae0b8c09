/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Receipts saved as PDF and read back with poppler: the page size of each
 * paper, the text a person would read, and several A4 pages when the
 * lines need them. */

#include <poppler.h>
#include <string.h>

#include "duka-receipt-pdf.h"
#include "print-fixtures.h"

/* Debian 12's poppler-glib declares no autoptr cleanups, newer ones do:
 * names of our own work with both. */
typedef PopplerDocument TestDocument;
typedef PopplerPage TestPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPage, g_object_unref)

static PopplerDocument *
save_and_open (DukaReceipt         *receipt,
               DukaReceiptTemplate *template,
               const char          *name,
               locale_t             locale)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;

  g_assert_true (duka_receipt_save_pdf (receipt, template, path, locale, &error));
  g_assert_no_error (error);

  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);

  return document;
}

/* All the text of the document, with runs of white space made one space
 * so a test does not depend on where a line wrapped. */
static char *
document_text (PopplerDocument *document)
{
  GString *all = g_string_new (NULL);
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = poppler_page_get_text (page);

      g_string_append_printf (all, "%s\n", text);
    }

  {
    g_autofree char *joined = g_string_free (all, FALSE);

    return g_regex_replace_literal (spaces, joined, -1, 0, " ", 0, NULL);
  }
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the PDF's text: %s", needle, text);
}

static void
assert_page_size (PopplerDocument *document,
                  int              index,
                  double           width,
                  double           height)
{
  g_autoptr(TestPage) page = poppler_document_get_page (document, index);
  double page_width = 0, page_height = 0;

  poppler_page_get_size (page, &page_width, &page_height);
  g_assert_cmpfloat_with_epsilon (page_width, width, 0.01);
  if (height > 0)
    g_assert_cmpfloat_with_epsilon (page_height, height, 0.01);
}

static void
test_roll_80mm (void)
{
  g_autoptr(DukaReceipt) receipt = print_fixture_cafe_sale ();
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_80MM);
  locale_t locale = print_fixture_locale ("sw_KE.UTF-8");
  g_autoptr(TestDocument) document = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TestPage) page = NULL;
  g_autofree char *title = NULL;
  double width = 0, height = 0;

  receipt->is_copy = TRUE;
  template->logo_png = print_fixture_logo_png (240, 80);
  template->footer_lines = g_strsplit ("Pay with M-Pesa: till 123456", "|", -1);
  document = save_and_open (receipt, template, "cafe-80mm.pdf", locale);
  freelocale (locale);

  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  assert_page_size (document, 0, 80 / 25.4 * 72, -1);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  /* As long as the receipt: longer than wide, shorter than a metre. */
  g_assert_cmpfloat (height, >, 2 * width);
  g_assert_cmpfloat (height, <, 1000 / 25.4 * 72);
  title = poppler_document_get_title (document);
  g_assert_cmpstr (title, ==, "T1-000124");

  text = document_text (document);
  assert_contains (text, "Duka Café");
  assert_contains (text, "Tax no. P051234567X");
  assert_contains (text, "COPY");
  assert_contains (text, "Receipt: T1-000124");
  assert_contains (text, "Flat white");
  assert_contains (text, "+ Oat milk");
  assert_contains (text, "Chicken samosa with tamarind chutney and salad");
  assert_contains (text, "Discount (Happy hour)");
  assert_contains (text, "0.25 x");
  assert_contains (text, "TOTAL");
  assert_contains (text, "1,400.00");
  assert_contains (text, "VAT 16 % on");
  assert_contains (text, "179.31");
  assert_contains (text, "Card ending 4242");
  assert_contains (text, "Karibu tena");
  assert_contains (text, "Pay with M-Pesa: till 123456");
}

static void
test_roll_58mm_refund (void)
{
  g_autoptr(DukaReceipt) receipt = print_fixture_refund ();
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_58MM);
  locale_t locale = print_fixture_locale ("sw_KE.UTF-8");
  g_autoptr(TestDocument) document = save_and_open (receipt, template, "refund.pdf", locale);
  g_autofree char *text = document_text (document);

  freelocale (locale);
  assert_page_size (document, 0, 58 / 25.4 * 72, -1);
  assert_contains (text, "REFUND");
  assert_contains (text, "Refund of receipt T1-000124");
  assert_contains (text, "REFUND TOTAL");
  g_assert_null (strstr (text, "COPY"));
}

static void
test_a4_invoice (void)
{
  g_autoptr(DukaReceipt) receipt = print_fixture_euro_sale ();
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_A4);
  locale_t locale = print_fixture_locale ("fr_FR.UTF-8");
  g_autoptr(TestDocument) document = NULL;
  g_autofree char *text = NULL;

  receipt->is_copy = TRUE;
  template->logo_png = print_fixture_logo_png (400, 120);
  document = save_and_open (receipt, template, "invoice.pdf", locale);
  freelocale (locale);

  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  assert_page_size (document, 0, 595.28, 841.89);
  text = document_text (document);
  assert_contains (text, "Café Brûlé");
  assert_contains (text, "COPY");
  assert_contains (text, "Crème brûlée");
  assert_contains (text, "Bon cadeau £5 / 6 €");
  assert_contains (text, "TVA 10 % on");
  assert_contains (text, "39,70");
  assert_contains (text, "Reference Caisse 2");
}

/* Forty lines do not fit one A4 page: the table flows onto the next with
 * its header again, and the totals come after the last line. */
static void
test_a4_pages (void)
{
  g_autoptr(DukaReceipt) receipt = duka_receipt_new ("KES");
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_A4);
  g_autoptr(TestDocument) document = NULL;
  g_autoptr(TestPage) last = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *text = NULL;

  receipt->business_name = g_strdup ("Duka Wholesale");
  receipt->receipt_number = g_strdup ("W1-000001");
  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Item number %u", i);
      DukaReceiptLine *line = duka_receipt_add_line (receipt, name, 1000, 100, 100);

      duka_receipt_line_add_sub_line (line, "Carton of 12");
    }
  receipt->subtotal = receipt->total = 4000;
  document = save_and_open (receipt, template, "pages.pdf", NULL);

  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 2);
  text = document_text (document);
  assert_contains (text, "Item number 1 ");
  assert_contains (text, "Item number 40");
  last = poppler_document_get_page (document, 1);
  last_text = poppler_page_get_text (last);
  g_assert_nonnull (strstr (last_text, "Unit price"));
  g_assert_nonnull (strstr (last_text, "TOTAL"));
  g_assert_null (strstr (last_text, "Item number 1\n"));
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_save_async_error (void)
{
  g_autoptr(DukaReceipt) receipt = print_fixture_refund ();
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_80MM);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  duka_receipt_save_pdf_async (receipt, template, "/nonexistent/folder/r.pdf", NULL,
                               save_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (duka_receipt_save_pdf_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  print_fixture_pin_fonts ();

  g_test_add_func ("/print/pdf/roll-80mm", test_roll_80mm);
  g_test_add_func ("/print/pdf/roll-58mm-refund", test_roll_58mm_refund);
  g_test_add_func ("/print/pdf/a4-invoice", test_a4_invoice);
  g_test_add_func ("/print/pdf/a4-pages", test_a4_pages);
  g_test_add_func ("/print/pdf/save-async-error", test_save_async_error);

  return g_test_run ();
}
