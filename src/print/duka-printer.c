/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Sends bytes to a receipt printer: a network printer's raw port (9100)
 * or a device file such as /dev/usb/lp0.  Before the receipt, the printer
 * is asked for its status with DLE EOT 1..4; a printer that does not
 * answer within the status timeout is printed to anyway, since many
 * cheap printers never answer. */

#include "duka-printer.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#define DLE 0x10
#define EOT 0x04

struct _DukaPrinter
{
  GObject  parent_instance;

  char    *host;          /* network printers */
  guint16  port;
  char    *device_path;   /* device files */
  char    *description;
  guint    io_timeout_ms;
  guint    status_timeout_ms;
};

G_DEFINE_FINAL_TYPE (DukaPrinter, duka_printer, G_TYPE_OBJECT)

G_DEFINE_QUARK (duka-printer-error-quark, duka_printer_error)

static void
duka_printer_finalize (GObject *object)
{
  DukaPrinter *self = DUKA_PRINTER (object);

  g_free (self->host);
  g_free (self->device_path);
  g_free (self->description);

  G_OBJECT_CLASS (duka_printer_parent_class)->finalize (object);
}

static void
duka_printer_class_init (DukaPrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = duka_printer_finalize;
}

static void
duka_printer_init (DukaPrinter *self)
{
  self->io_timeout_ms = 10000;
  self->status_timeout_ms = 1000;
}

DukaPrinter *
duka_printer_new_network (const char *host,
                          guint16     port)
{
  DukaPrinter *self = g_object_new (DUKA_TYPE_PRINTER, NULL);

  self->host = g_strdup (host);
  self->port = port ? port : DUKA_PRINTER_DEFAULT_PORT;
  self->description = g_strdup_printf ("%s:%u", host, self->port);

  return self;
}

DukaPrinter *
duka_printer_new_device (const char *path)
{
  DukaPrinter *self = g_object_new (DUKA_TYPE_PRINTER, NULL);

  self->device_path = g_strdup (path);
  self->description = g_strdup (path);

  return self;
}

const char *
duka_printer_get_description (DukaPrinter *printer)
{
  g_return_val_if_fail (DUKA_IS_PRINTER (printer), NULL);

  return printer->description;
}

/* Set before the printer is first used; jobs read them from a thread. */
void
duka_printer_set_timeouts (DukaPrinter *printer,
                           guint        io_timeout_ms,
                           guint        status_timeout_ms)
{
  g_return_if_fail (DUKA_IS_PRINTER (printer));

  printer->io_timeout_ms = MAX (io_timeout_ms, 1);
  printer->status_timeout_ms = status_timeout_ms;
}

/**
 * duka_printer_status_from_answers:
 * @answers: the bytes DLE EOT 1, 2, 3 and 4 returned
 *
 * Every answer has bits 1 and 4 set and bits 0 and 7 clear; anything else
 * is not a status byte, and the printer counts as not answering.
 */
DukaPrinterStatus
duka_printer_status_from_answers (const guint8 answers[4])
{
  DukaPrinterStatus status = DUKA_PRINTER_STATUS_ANSWERED;

  for (guint i = 0; i < 4; i++)
    if ((answers[i] & 0x93) != 0x12)
      return DUKA_PRINTER_STATUS_NONE;

  /* 1: printer status */
  if (answers[0] & 0x08)
    status |= DUKA_PRINTER_STATUS_OFFLINE;
  /* 2: why it is offline */
  if (answers[1] & 0x04)
    status |= DUKA_PRINTER_STATUS_COVER_OPEN;
  if (answers[1] & 0x20)
    status |= DUKA_PRINTER_STATUS_PAPER_OUT;
  /* 3: errors */
  if (answers[2] & 0x08)
    status |= DUKA_PRINTER_STATUS_CUTTER_ERROR;
  if (answers[2] & 0x20)
    status |= DUKA_PRINTER_STATUS_UNRECOVERABLE;
  if (answers[2] & 0x40)
    status |= DUKA_PRINTER_STATUS_OVERHEATED;
  /* 4: paper roll sensor */
  if (answers[3] & 0x0c)
    status |= DUKA_PRINTER_STATUS_PAPER_LOW;
  if (answers[3] & 0x60)
    status |= DUKA_PRINTER_STATUS_PAPER_OUT;

  return status;
}

/**
 * duka_printer_status_check:
 *
 * Returns: %FALSE, with the reason in plain words, when @status means a
 *   receipt would not come out.  Low paper alone does not stop a receipt.
 */
gboolean
duka_printer_status_check (DukaPrinterStatus   status,
                           GError            **error)
{
  if (status & DUKA_PRINTER_STATUS_PAPER_OUT)
    g_set_error_literal (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_PAPER_OUT,
                         _("The printer is out of paper. Put in a new roll, then print again."));
  else if (status & DUKA_PRINTER_STATUS_COVER_OPEN)
    g_set_error_literal (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_COVER_OPEN,
                         _("The printer’s cover is open. Close it, then print again."));
  else if (status & DUKA_PRINTER_STATUS_CUTTER_ERROR)
    g_set_error_literal (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_HARDWARE,
                         _("The printer’s paper cutter is stuck. Clear it, then print again."));
  else if (status & DUKA_PRINTER_STATUS_OVERHEATED)
    g_set_error_literal (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_HARDWARE,
                         _("The printer is too hot. Wait a minute, then print again."));
  else if (status & DUKA_PRINTER_STATUS_UNRECOVERABLE)
    g_set_error_literal (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_HARDWARE,
                         _("The printer reports a fault. Switch it off and on again."));
  else if (status & DUKA_PRINTER_STATUS_OFFLINE)
    g_set_error_literal (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_OFFLINE,
                         _("The printer is offline."));
  else
    return TRUE;

  return FALSE;
}

/* --- network printers ------------------------------------------------ */

static gboolean
socket_query_status (GSocket           *socket,
                     guint              timeout_ms,
                     DukaPrinterStatus *out_status,
                     GCancellable      *cancellable)
{
  guint8 answers[4] = { 0 };

  *out_status = DUKA_PRINTER_STATUS_NONE;
  for (guint n = 1; n <= 4; n++)
    {
      const guint8 query[] = { DLE, EOT, (guint8) n };
      g_autoptr(GError) local_error = NULL;

      if (g_socket_send (socket, (const char *) query, sizeof query, cancellable,
                         &local_error) != sizeof query)
        return FALSE;
      if (!g_socket_condition_timed_wait (socket, G_IO_IN, (gint64) timeout_ms * 1000,
                                          cancellable, &local_error))
        return TRUE;  /* no answer: a printer without status */
      if (g_socket_receive (socket, (char *) &answers[n - 1], 1, cancellable, NULL) != 1)
        return TRUE;
    }

  *out_status = duka_printer_status_from_answers (answers);
  return TRUE;
}

static void
set_unreachable (DukaPrinter  *self,
                 GError       *cause,
                 GError      **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_TIMED_OUT,
                 _("The printer at %s did not answer in time. Check that it is on and connected."),
                 self->description);
  else
    g_set_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_UNREACHABLE,
                 _("Could not reach the printer at %s: %s"), self->description,
                 cause->message);
}

static gboolean
print_network (DukaPrinter        *self,
               GBytes             *data,
               DukaPrinterStatus  *out_status,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) local_error = NULL;
  GOutputStream *output;
  GSocket *socket;
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (data, &length);

  /* A printer on the shop's network is never behind a proxy. */
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, (self->io_timeout_ms + 999) / 1000);
  connection = g_socket_client_connect_to_host (client, self->host, self->port,
                                                cancellable, &local_error);
  if (connection == NULL)
    {
      set_unreachable (self, local_error, error);
      return FALSE;
    }

  socket = g_socket_connection_get_socket (connection);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  if (!socket_query_status (socket, self->status_timeout_ms, out_status, cancellable))
    {
      g_set_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_WRITE_FAILED,
                   _("The printer at %s closed the connection."), self->description);
      return FALSE;
    }
  if (!duka_printer_status_check (*out_status, error))
    return FALSE;

  output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (output, bytes, length, NULL, cancellable, &local_error) ||
      !g_io_stream_close (G_IO_STREAM (connection), cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        set_unreachable (self, local_error, error);
      else
        g_set_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_WRITE_FAILED,
                     _("Sending the receipt to %s failed: %s"), self->description,
                     local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* --- device files ---------------------------------------------------- */

static gboolean
fd_wait (int    fd,
         short  events,
         guint  timeout_ms)
{
  struct pollfd pfd = { .fd = fd, .events = events };
  int ret;

  do
    ret = poll (&pfd, 1, (int) MIN (timeout_ms, G_MAXINT));
  while (ret < 0 && errno == EINTR);

  return ret > 0 && (pfd.revents & events);
}

/* usblp passes the printer's answers back through read(). */
static void
device_query_status (int                fd,
                     guint              timeout_ms,
                     DukaPrinterStatus *out_status)
{
  guint8 answers[4] = { 0 };

  *out_status = DUKA_PRINTER_STATUS_NONE;
  for (guint n = 1; n <= 4; n++)
    {
      const guint8 query[] = { DLE, EOT, (guint8) n };

      if (write (fd, query, sizeof query) != sizeof query)
        return;
      if (!fd_wait (fd, POLLIN, timeout_ms) || read (fd, &answers[n - 1], 1) != 1)
        return;
    }

  *out_status = duka_printer_status_from_answers (answers);
}

static gboolean
device_write_all (DukaPrinter   *self,
                  int            fd,
                  const guint8  *bytes,
                  gsize          length,
                  GCancellable  *cancellable,
                  GError       **error)
{
  while (length > 0)
    {
      gssize written;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!fd_wait (fd, POLLOUT, self->io_timeout_ms))
        {
          g_set_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_TIMED_OUT,
                       _("The printer at %s did not take the receipt in time. Check that it is on and has paper."),
                       self->description);
          return FALSE;
        }
      written = write (fd, bytes, length);
      if (written < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (written < 0)
        {
          int saved_errno = errno;

          g_set_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_WRITE_FAILED,
                       _("Sending the receipt to %s failed: %s"), self->description,
                       g_strerror (saved_errno));
          return FALSE;
        }
      bytes += written;
      length -= (gsize) written;
    }

  return TRUE;
}

static gboolean
print_device (DukaPrinter        *self,
              GBytes             *data,
              DukaPrinterStatus  *out_status,
              GCancellable       *cancellable,
              GError            **error)
{
  GStatBuf info;
  gboolean is_device;
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (data, &length);
  gboolean ok;
  int fd;

  /* A plain file or a pipe takes the bytes as they are: handy to look at
   * what would print, and what the tests read back. */
  is_device = g_stat (self->device_path, &info) == 0 && S_ISCHR (info.st_mode);
  if (is_device)
    fd = g_open (self->device_path, O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
  else
    fd = g_open (self->device_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_UNREACHABLE,
                   _("Could not open the printer %s: %s"), self->description,
                   g_strerror (saved_errno));
      return FALSE;
    }

  *out_status = DUKA_PRINTER_STATUS_NONE;
  if (is_device)
    device_query_status (fd, self->status_timeout_ms, out_status);

  ok = duka_printer_status_check (*out_status, error) &&
       device_write_all (self, fd, bytes, length, cancellable, error);
  close (fd);

  return ok;
}

/**
 * duka_printer_print_sync:
 * @out_status: (out) (optional): what the printer said before printing
 *
 * Blocks: call it from a thread (duka_printer_print_async() does).
 */
gboolean
duka_printer_print_sync (DukaPrinter        *printer,
                         GBytes             *data,
                         DukaPrinterStatus  *out_status,
                         GCancellable       *cancellable,
                         GError            **error)
{
  DukaPrinterStatus status = DUKA_PRINTER_STATUS_NONE;
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_PRINTER (printer), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (printer->host != NULL)
    ok = print_network (printer, data, &status, cancellable, error);
  else
    ok = print_device (printer, data, &status, cancellable, error);

  if (out_status != NULL)
    *out_status = status;

  return ok;
}

static void
print_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (duka_printer_print_sync (source_object, task_data, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
duka_printer_print_async (DukaPrinter         *printer,
                          GBytes              *data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DUKA_IS_PRINTER (printer));
  g_return_if_fail (data != NULL);

  task = g_task_new (printer, cancellable, callback, user_data);
  g_task_set_source_tag (task, duka_printer_print_async);
  g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, print_thread);
}

gboolean
duka_printer_print_finish (DukaPrinter   *printer,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, printer), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
