/* SPDX-License-Identifier: GPL-3.0-or-later */

/* "Save as PDF": a roll receipt on a page as long as it needs, or the A4
 * invoice, by the template's paper. */

#include "duka-receipt-pdf.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>


static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, NULL))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static double
measure_roll (const DukaReceipt         *receipt,
              const DukaReceiptTemplate *template,
              double                     width,
              locale_t                   locale)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);
  double height = duka_receipt_draw_roll (cr, receipt, template, width, locale);

  cairo_destroy (cr);
  cairo_surface_destroy (recording);

  return height;
}

static guint
count_invoice_pages (const DukaReceipt         *receipt,
                     const DukaReceiptTemplate *template,
                     locale_t                   locale)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);
  guint n_pages = duka_receipt_draw_invoice (cr, receipt, template, DUKA_RECEIPT_A4_WIDTH,
                                             DUKA_RECEIPT_A4_HEIGHT, -1, locale);

  cairo_destroy (cr);
  cairo_surface_destroy (recording);

  return n_pages;
}

/**
 * duka_receipt_save_pdf:
 * @path: the file to write; replaced atomically
 * @locale: formats amounts; 0 for the thread's locale
 */
gboolean
duka_receipt_save_pdf (const DukaReceipt         *receipt,
                       const DukaReceiptTemplate *template,
                       const char                *path,
                       locale_t                   locale,
                       GError                   **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;

  if (template->paper == DUKA_PAPER_A4)
    {
      guint n_pages = count_invoice_pages (receipt, template, locale);

      surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream,
                                                     DUKA_RECEIPT_A4_WIDTH,
                                                     DUKA_RECEIPT_A4_HEIGHT);
      cr = cairo_create (surface);
      for (guint page = 0; page < n_pages; page++)
        {
          duka_receipt_draw_invoice (cr, receipt, template, DUKA_RECEIPT_A4_WIDTH,
                                     DUKA_RECEIPT_A4_HEIGHT, (int) page, locale);
          cairo_show_page (cr);
        }
    }
  else
    {
      double width = template->paper == DUKA_PAPER_58MM ? DUKA_RECEIPT_58MM_WIDTH
                                                        : DUKA_RECEIPT_80MM_WIDTH;
      double height = measure_roll (receipt, template, width, locale);

      surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream, width, height);
      cr = cairo_create (surface);
      duka_receipt_draw_roll (cr, receipt, template, width, locale);
      cairo_show_page (cr);
    }

  if (receipt->receipt_number != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, receipt->receipt_number);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Duka");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

typedef struct
{
  DukaReceipt         *receipt;
  DukaReceiptTemplate *template;
  char                *path;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  duka_receipt_unref (save->receipt);
  duka_receipt_template_free (save->template);
  g_free (save->path);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  GError *error = NULL;

  if (duka_receipt_save_pdf (save->receipt, save->template, save->path, 0, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * duka_receipt_save_pdf_async:
 *
 * Saves in a worker thread, with amounts in the locale of the process.
 */
void
duka_receipt_save_pdf_async (DukaReceipt               *receipt,
                             const DukaReceiptTemplate *template,
                             const char                *path,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SaveData *save = g_new0 (SaveData, 1);

  save->receipt = duka_receipt_ref (receipt);
  save->template = duka_receipt_template_copy (template);
  save->path = g_strdup (path);
  g_task_set_source_tag (task, duka_receipt_save_pdf_async);
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
duka_receipt_save_pdf_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
