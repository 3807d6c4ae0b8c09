/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From a sale rung in a real store to its receipt: the rows add up to the
 * stored total, a price changed after the sale does not reach the reprint,
 * the refund receipt names the original, and the PDF read back with
 * poppler says so.
 */
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "duka-business-settings.h"
#include "duka-cash-sessions.h"
#include "duka-catalog.h"
#include "duka-demo.h"
#include "duka-receipt-escpos.h"
#include "duka-receipt-pdf.h"
#include "duka-receipt-sale.h"
#include "duka-register.h"
#include "print-fixtures.h"

typedef PopplerDocument TestDocument;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDocument, g_object_unref)

#define CASH "01900000-0000-7000-8000-00000000c001"

static char *
pdf_text (DukaReceipt *receipt,
          DukaPaper    paper)
{
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (paper);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "duka-sale-receipt.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(TestDocument) document = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  g_assert_true (duka_receipt_save_pdf (receipt, template, path, print_fixture_locale ("C.UTF-8"), &error));
  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *text = poppler_page_get_text (page);

      g_string_append_printf (all, "%s\n", text);
      g_object_unref (page);
    }
  g_unlink (path);
  return g_regex_replace_literal (spaces, all->str, -1, 0, " ", 0, NULL);
}

static void
test_sale_to_receipt (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-receipt-sale-XXXXXX", &error);
  g_autoptr(DukaStore) store = NULL;
  g_autoptr(DukaCatalog) catalog = NULL;
  g_autoptr(DukaRegister) reg = NULL;
  g_autoptr(DukaCashSessions) sessions = NULL;
  g_autoptr(DukaBusinessSettings) settings = NULL;
  g_autoptr(DukaProfile) profile = NULL;
  g_autoptr(DukaActor) owner = duka_actor_new_owner (NULL);
  g_autoptr(JsonObject) product = json_object_new ();
  g_autoptr(JsonObject) sale = NULL;
  g_autoptr(JsonObject) refund = NULL;
  g_autoptr(DukaReceipt) receipt = NULL;
  g_autoptr(DukaReceipt) refund_receipt = NULL;
  g_autoptr(DukaReceiptTemplate) template = duka_receipt_template_new (DUKA_PAPER_80MM);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *product_id = NULL, *order = NULL, *line = NULL, *sale_id = NULL, *refund_id = NULL;
  g_autofree char *text = NULL;
  DukaLineRequest request = { 0 };
  DukaTender cash = { CASH, 100000, NULL, NULL, NULL };
  gint64 rows = 0;

  g_assert_no_error (error);
  store = duka_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (store, &error));
  catalog = duka_catalog_new (store);
  reg = duka_register_new (store, catalog);
  sessions = duka_cash_sessions_new (store);
  settings = duka_business_settings_new (store);
  profile = duka_business_settings_load (settings, &error);
  g_assert_no_error (error);

  json_object_set_string_member (product, "name", "Chapati Special");
  json_object_set_int_member (product, "price", 12050);
  json_object_set_array_member (product, "barcodes", json_array_new ());
  duka_catalog_save (catalog, owner, "product", product, &product_id, &error);
  g_assert_no_error (error);

  g_assert_true (duka_cash_sessions_open (sessions, owner, 0, NULL, &error));
  order = duka_register_open_order (reg, owner, NULL, &error);
  request.product_id = product_id;
  request.quantity = 3000;
  request.note = "Extra hot";
  g_assert_true (duka_register_add_line (reg, owner, order, &request, &line, &error));
  g_assert_true (duka_register_discount_line (reg, owner, line, 0, 150, "Loyal", &error));
  g_assert_true (duka_register_set_charge (reg, owner, order, DUKA_LINE_TIP, 500, &error));
  g_assert_true (duka_register_complete (reg, owner, order, &cash, 1, &sale_id, &error));
  g_assert_no_error (error);

  /* A new price after the sale changes nothing on its receipt. */
  json_object_set_string_member (product, "id", product_id);
  json_object_set_int_member (product, "price", 99999);
  g_assert_true (duka_catalog_save (catalog, owner, "product", product, NULL, &error));

  sale = duka_register_load_sale (reg, sale_id, &error);
  g_assert_no_error (error);
  receipt = duka_receipt_new_for_sale (sale, profile, "Beth", "Asante!", TRUE);
  g_assert_cmpuint (receipt->lines->len, ==, 1);
  g_assert_cmpint (((DukaReceiptLine *) g_ptr_array_index (receipt->lines, 0))->unit_price, ==, 12050);
  g_assert_cmpint (receipt->tip, ==, 500);
  rows = receipt->subtotal - receipt->order_discount + receipt->service_charge + receipt->tip +
         receipt->cash_rounding;
  g_assert_cmpint (rows, ==, receipt->total);
  g_assert_cmpint (receipt->total, ==, json_object_get_int_member (sale, "total"));

  bytes = duka_receipt_render_escpos (receipt, template, DUKA_CODE_PAGE_CP858,
                                      DUKA_RECEIPT_ESCPOS_KICK_DRAWER, print_fixture_locale ("C.UTF-8"));
  g_assert_nonnull (memmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "T1-1", 4));

  text = pdf_text (receipt, DUKA_PAPER_80MM);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Chapati Special"));
  g_assert_nonnull (strstr (text, "Extra hot"));
  g_assert_nonnull (strstr (text, "T1-1"));
  g_assert_nonnull (strstr (text, "Beth"));
  g_assert_nonnull (strstr (text, "COPY"));
  g_assert_nonnull (strstr (text, "Asante!"));

  g_assert_true (duka_register_refund (reg, owner, sale_id, NULL, 0, NULL, "Cold", FALSE, &refund_id, &error));
  g_assert_no_error (error);
  refund = duka_register_load_refund (reg, refund_id, &error);
  g_assert_no_error (error);
  refund_receipt = duka_receipt_new_for_refund (refund, sale, profile, NULL, NULL, FALSE);
  g_assert_true (refund_receipt->is_refund);
  g_assert_cmpstr (refund_receipt->original_receipt_number, ==, "T1-1");
  g_assert_cmpint (refund_receipt->total, ==, json_object_get_int_member (sale, "total"));
  g_clear_pointer (&text, g_free);
  text = pdf_text (refund_receipt, DUKA_PAPER_58MM);
  g_assert_nonnull (strstr (text, "T1-2"));
  g_assert_nonnull (strstr (text, "T1-1"));

  g_clear_object (&reg);
  g_clear_object (&sessions);
  g_clear_object (&settings);
  g_clear_object (&catalog);
  g_clear_object (&store);
}

int
main (int   argc,
      char *argv[])
{
  print_fixture_pin_fonts_early ();
  g_test_init (&argc, &argv, NULL);
  print_fixture_pin_fonts ();

  g_test_add_func ("/print/sale-to-receipt", test_sale_to_receipt);

  return g_test_run ();
}
