/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The office-printer path: GtkPrintOperation exporting the invoice to a
 * PDF (what "Print to File" does), read back with poppler. */

#include <gtk/gtk.h>
#include <poppler.h>
#include <string.h>

#include "duka-receipt-print-operation.h"
#include "print-fixtures.h"

static void
test_print_operation_exports (void)
{
  g_autoptr(DukaReceipt) receipt = print_fixture_cafe_sale ();
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_80MM);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  PopplerDocument *document;
  PopplerPage *page;
  g_autofree char *text = NULL;
  double width = 0, height = 0;

  receipt->is_copy = TRUE;
  operation = duka_receipt_print_operation_new (receipt, template);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  /* A4, whatever paper the template had: office printers get the invoice. */
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.5);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "COPY"));
  g_assert_nonnull (strstr (text, "Unit price"));
  g_assert_nonnull (strstr (text, "Chicken samosa"));
  g_assert_nonnull (strstr (text, "TOTAL"));

  g_object_unref (page);
  g_object_unref (document);
}

int
main (int   argc,
      char *argv[])
{
  print_fixture_pin_fonts_early ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/print/gtk/print-operation-exports", test_print_operation_exports);

  return g_test_run ();
}
