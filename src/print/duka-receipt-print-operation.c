/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Office printers: the A4 invoice layout through GtkPrintOperation, drawn
 * by the same code as the PDF.  The only file of src/print that uses GTK;
 * it builds into libduka-print-gtk. */

#include "duka-receipt-print-operation.h"

#include "duka-receipt-pdf.h"

typedef struct
{
  DukaReceipt         *receipt;
  DukaReceiptTemplate *template;
} PrintData;

static void
print_data_free (gpointer data)
{
  PrintData *print = data;

  duka_receipt_unref (print->receipt);
  duka_receipt_template_free (print->template);
  g_free (print);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *print)
{
  guint n_pages = duka_receipt_draw_invoice (gtk_print_context_get_cairo_context (context),
                                             print->receipt, print->template,
                                             gtk_print_context_get_width (context),
                                             gtk_print_context_get_height (context),
                                             -1, 0);

  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintData         *print)
{
  duka_receipt_draw_invoice (gtk_print_context_get_cairo_context (context),
                             print->receipt, print->template,
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context),
                             page_nr, 0);
}

/**
 * duka_receipt_print_operation_new:
 *
 * An operation that prints @receipt as an invoice on the printer's paper
 * (A4 unless the person picks another), with amounts in the process's
 * locale.  Run it with gtk_print_operation_run().
 *
 * Returns: (transfer full): the operation
 */
GtkPrintOperation *
duka_receipt_print_operation_new (DukaReceipt               *receipt,
                                  const DukaReceiptTemplate *template)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  PrintData *print = g_new0 (PrintData, 1);

  print->receipt = duka_receipt_ref (receipt);
  print->template = duka_receipt_template_copy (template);
  print->template->paper = DUKA_PAPER_A4;

  gtk_page_setup_set_paper_size_and_default_margins (page_setup, a4);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  /* The invoice keeps its own margins from the paper's edge. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  if (receipt->receipt_number != NULL)
    gtk_print_operation_set_job_name (operation, receipt->receipt_number);

  g_object_set_data_full (G_OBJECT (operation), "duka-receipt-print", print, print_data_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), print);

  return operation;
}
