/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DUKA_PRINTER_ERROR (duka_printer_error_quark ())

typedef enum
{
  DUKA_PRINTER_ERROR_PAPER_OUT,
  DUKA_PRINTER_ERROR_COVER_OPEN,
  DUKA_PRINTER_ERROR_OFFLINE,
  DUKA_PRINTER_ERROR_HARDWARE,
  DUKA_PRINTER_ERROR_UNREACHABLE,
  DUKA_PRINTER_ERROR_TIMED_OUT,
  DUKA_PRINTER_ERROR_WRITE_FAILED,
} DukaPrinterError;

GQuark duka_printer_error_quark (void);

/* What DLE EOT 1..4 answered; DUKA_PRINTER_STATUS_ANSWERED is unset when
 * the printer does not answer status queries at all. */
typedef enum
{
  DUKA_PRINTER_STATUS_NONE           = 0,
  DUKA_PRINTER_STATUS_ANSWERED       = 1 << 0,
  DUKA_PRINTER_STATUS_OFFLINE        = 1 << 1,
  DUKA_PRINTER_STATUS_COVER_OPEN     = 1 << 2,
  DUKA_PRINTER_STATUS_PAPER_OUT      = 1 << 3,
  DUKA_PRINTER_STATUS_PAPER_LOW      = 1 << 4,
  DUKA_PRINTER_STATUS_CUTTER_ERROR   = 1 << 5,
  DUKA_PRINTER_STATUS_UNRECOVERABLE  = 1 << 6,
  DUKA_PRINTER_STATUS_OVERHEATED     = 1 << 7,
} DukaPrinterStatus;

#define DUKA_PRINTER_DEFAULT_PORT 9100

#define DUKA_TYPE_PRINTER (duka_printer_get_type ())

G_DECLARE_FINAL_TYPE (DukaPrinter, duka_printer, DUKA, PRINTER, GObject)

DukaPrinter *duka_printer_new_network     (const char           *host,
                                           guint16               port);
DukaPrinter *duka_printer_new_device      (const char           *path);
const char  *duka_printer_get_description (DukaPrinter          *printer);
void         duka_printer_set_timeouts    (DukaPrinter          *printer,
                                           guint                 io_timeout_ms,
                                           guint                 status_timeout_ms);

gboolean     duka_printer_print_sync      (DukaPrinter          *printer,
                                           GBytes               *data,
                                           DukaPrinterStatus    *out_status,
                                           GCancellable         *cancellable,
                                           GError              **error);
void         duka_printer_print_async     (DukaPrinter          *printer,
                                           GBytes               *data,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean     duka_printer_print_finish    (DukaPrinter          *printer,
                                           GAsyncResult         *result,
                                           GError              **error);

DukaPrinterStatus duka_printer_status_from_answers (const guint8 answers[4]);
gboolean          duka_printer_status_check        (DukaPrinterStatus   status,
                                                    GError            **error);

G_END_DECLS
