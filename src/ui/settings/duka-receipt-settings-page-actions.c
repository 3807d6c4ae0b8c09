/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The receipt settings' two actions that leave the form: choosing a logo
 * (a PNG, stored with the catalog's pictures by content hash) and sending
 * a test receipt through a print queue, whose job state the page shows
 * as it changes, never waiting for the printer.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "duka-receipt-escpos.h"
#include "duka-receipt-settings-page-private.h"

/* Choosing a logo ----------------------------------------------------- */

static gboolean
is_png (GBytes *bytes)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size > sizeof signature && memcmp (data, signature, sizeof signature) == 0;
}

static void
logo_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DukaReceiptSettingsPage) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->catalog == NULL)
    return;
  if (bytes != NULL && !is_png (bytes))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("The logo must be a PNG picture"));
  if (error == NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (error == NULL)
    hash = duka_catalog_add_image (self->catalog, bytes, &error);
  if (hash == NULL)
    {
      duka_receipt_settings_page_show_toast (self, error->message);
      return;
    }

  g_free (self->logo);
  self->logo = g_steal_pointer (&hash);
  duka_receipt_settings_page_show_logo (self, bytes);
  duka_receipt_settings_page_update_state (self);
}

/**
 * duka_receipt_settings_page_set_logo_file:
 *
 * Reads @file and, when it is a PNG, makes it the form's logo; Save then
 * stores it with the template.  A file that is not a PNG is refused with
 * a toast and the form keeps its logo.
 */
void
duka_receipt_settings_page_set_logo_file (DukaReceiptSettingsPage *self,
                                          GFile                   *file)
{
  g_return_if_fail (DUKA_IS_RECEIPT_SETTINGS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_bytes_async (file, self->cancellable, logo_loaded_cb, g_object_ref (self));
}

static void
logo_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  DukaReceiptSettingsPage *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    duka_receipt_settings_page_set_logo_file (self, file);

  duka_receipt_settings_page_close_logo_chooser (self);
}

/* Closes the chooser, if open: when it answers, or when the page goes. */
void
duka_receipt_settings_page_close_logo_chooser (DukaReceiptSettingsPage *self)
{
  g_autoptr(GtkNativeDialog) chooser = g_steal_pointer (&self->logo_chooser);

  if (chooser == NULL)
    return;
  g_signal_handlers_disconnect_by_data (chooser, self);
  gtk_native_dialog_destroy (chooser);
}

void
duka_receipt_settings_page_choose_logo_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *param)
{
  DukaReceiptSettingsPage *self = DUKA_RECEIPT_SETTINGS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("PNG Pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");

  chooser = gtk_file_chooser_native_new (_("Choose a Logo"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (logo_chosen_cb), self);
  duka_receipt_settings_page_close_logo_chooser (self);
  self->logo_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->logo_chooser);
}

/* The test receipt -------------------------------------------------------- */

static DukaPrinter *
printer_for (const DukaTillPrinter  *saved,
             GError                **error)
{
  g_autofree char *host = NULL;
  guint16 port = DUKA_PRINTER_DEFAULT_PORT;

  if (saved->kind == DUKA_PRINTER_DEVICE)
    return duka_printer_new_device (saved->address);
  if (!duka_till_printer_parse_network (saved->address, &host, &port, error))
    return NULL;
  return duka_printer_new_network (host, port);
}

/* One queue per saved printer, so test receipts wait their turn; a new
 * address gets a new queue. */
static DukaPrintQueue *
ensure_queue (DukaReceiptSettingsPage  *self,
              GError                  **error)
{
  const DukaTillPrinter *saved = self->saved_printer;
  g_autofree char *key = g_strdup_printf ("%d %s", saved->kind, saved->address);
  g_autoptr(DukaPrinter) printer = NULL;

  if (self->queue != NULL && g_strcmp0 (key, self->queue_key) == 0)
    return self->queue;

  printer = printer_for (saved, error);
  if (printer == NULL)
    return NULL;
  g_clear_object (&self->queue);
  self->queue = duka_print_queue_new (printer);
  g_free (self->queue_key);
  self->queue_key = g_steal_pointer (&key);
  return self->queue;
}

static void
test_job_state_cb (DukaReceiptSettingsPage *self,
                   GParamSpec              *pspec,
                   DukaPrintJob            *job)
{
  if (job != self->test_job)
    return;

  duka_receipt_settings_page_update_state (self);
  switch (duka_print_job_get_state (job))
    {
    case DUKA_PRINT_JOB_PRINTED:
      duka_receipt_settings_page_show_toast (self, _("The test receipt printed"));
      break;
    case DUKA_PRINT_JOB_FAILED:
      duka_receipt_settings_page_show_toast (self, duka_print_job_get_reason (job));
      break;
    case DUKA_PRINT_JOB_QUEUED:
    case DUKA_PRINT_JOB_PRINTING:
    default:
      break;
    }
}

void
duka_receipt_settings_page_print_test_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *param)
{
  DukaReceiptSettingsPage *self = DUKA_RECEIPT_SETTINGS_PAGE (widget);
  g_autoptr(DukaReceipt) receipt = NULL;
  g_autoptr(DukaReceiptTemplate) template = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DukaReceiptPaper paper;
  DukaPrintQueue *queue;
  DukaPrintJob *job;

  if (self->saved_printer == NULL || self->saved_printer->kind == DUKA_PRINTER_NONE)
    return;

  queue = ensure_queue (self, &error);
  if (queue == NULL)
    {
      duka_receipt_settings_page_show_toast (self, error->message);
      return;
    }

  /* A receipt printer prints rolls: an A4 setting still gets a receipt
   * it can print, at the wider roll's columns. */
  paper = self->saved_printer->paper;
  if (paper == DUKA_RECEIPT_PAPER_A4)
    paper = DUKA_RECEIPT_PAPER_80MM;
  template = duka_receipt_settings_page_build_template (self, paper);
  receipt = duka_receipt_settings_page_build_sample (self);
  receipt->footer = g_strdup (_("This is a test receipt, not a sale."));
  bytes = duka_receipt_render_escpos (receipt, template, DUKA_CODE_PAGE_CP858,
                                      DUKA_RECEIPT_ESCPOS_NONE, (locale_t) 0);

  job = duka_print_queue_submit (queue, _("Test receipt"), bytes);
  g_set_object (&self->test_job, job);
  g_signal_connect_object (job, "notify::state", G_CALLBACK (test_job_state_cb), self, G_CONNECT_SWAPPED);
  duka_receipt_settings_page_update_state (self);
}
