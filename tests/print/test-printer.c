/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Printers and the job queue against a fake network printer: a real
 * GSocketService on 127.0.0.1 that answers DLE EOT status queries the way
 * a printer does and keeps every byte it is sent. */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "duka-print-queue.h"
#include "duka-printer.h"

/* Status answers: bits 1 and 4 are always set. */
#define ST_OK          0x12
#define ST_OFFLINE     (0x12 | 0x08)
#define ST_COVER_OPEN  (0x12 | 0x04)
#define ST_PAPER_STOP  (0x12 | 0x20)
#define ST_PAPER_END   (0x12 | 0x60)
#define ST_PAPER_LOW   (0x12 | 0x0c)

typedef struct
{
  GSocketService *service;
  guint16         port;
  guint8          answers[4];
  gboolean        silent;
  guint           n_queries;
  GPtrArray      *received;   /* GBytes, one per connection */
} FakePrinter;

typedef struct
{
  FakePrinter       *fake;
  GSocketConnection *connection;
  GByteArray        *pending;   /* bytes not yet known to be a query */
  GByteArray        *data;
  gboolean           in_data;
  guint8             buffer[4096];
} FakeSession;

static void fake_session_read (FakeSession *session);

static void
fake_session_free (FakeSession *session)
{
  g_object_unref (session->connection);
  g_byte_array_unref (session->pending);
  g_byte_array_unref (session->data);
  g_free (session);
}

/* Answers the DLE EOT n at the start of @pending; once anything else
 * arrives, everything after it is receipt data. */
static void
fake_session_take (FakeSession  *session,
                   const guint8 *bytes,
                   gsize         length)
{
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (session->connection));

  if (session->in_data)
    {
      g_byte_array_append (session->data, bytes, length);
      return;
    }

  g_byte_array_append (session->pending, bytes, length);
  while (!session->in_data && session->pending->len > 0)
    {
      const guint8 *p = session->pending->data;
      guint len = session->pending->len;

      if (p[0] == 0x10 && (len < 2 || p[1] == 0x04) && len < 3)
        return;  /* wait for the rest of the query */
      if (p[0] == 0x10 && p[1] == 0x04 && p[2] >= 1 && p[2] <= 4)
        {
          session->fake->n_queries++;
          if (!session->fake->silent)
            g_assert_true (g_output_stream_write_all (output, &session->fake->answers[p[2] - 1],
                                                      1, NULL, NULL, NULL));
          g_byte_array_remove_range (session->pending, 0, 3);
          continue;
        }
      session->in_data = TRUE;
      g_byte_array_append (session->data, p, len);
      g_byte_array_set_size (session->pending, 0);
    }
}

static void
fake_session_read_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  FakeSession *session = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0)
    {
      g_ptr_array_add (session->fake->received,
                       g_bytes_new (session->data->data, session->data->len));
      g_io_stream_close (G_IO_STREAM (session->connection), NULL, NULL);
      fake_session_free (session);
      return;
    }

  fake_session_take (session, session->buffer, (gsize) n);
  fake_session_read (session);
}

static void
fake_session_read (FakeSession *session)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (session->connection));

  g_input_stream_read_async (input, session->buffer, sizeof session->buffer,
                             G_PRIORITY_DEFAULT, NULL, fake_session_read_done, session);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  FakeSession *session = g_new0 (FakeSession, 1);

  session->fake = user_data;
  session->connection = g_object_ref (connection);
  session->pending = g_byte_array_new ();
  session->data = g_byte_array_new ();
  fake_session_read (session);

  return TRUE;
}

static FakePrinter *
fake_printer_new (void)
{
  FakePrinter *fake = g_new0 (FakePrinter, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  fake->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (fake->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  fake->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  memset (fake->answers, ST_OK, sizeof fake->answers);
  fake->received = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_signal_connect (fake->service, "incoming", G_CALLBACK (on_incoming), fake);
  g_socket_service_start (fake->service);

  return fake;
}

static void
fake_printer_free (FakePrinter *fake)
{
  g_socket_service_stop (fake->service);
  g_socket_listener_close (G_SOCKET_LISTENER (fake->service));
  g_object_unref (fake->service);
  g_ptr_array_unref (fake->received);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakePrinter, fake_printer_free)

static GBytes *
sample_receipt_bytes (void)
{
  /* ESC @, text, the bytes of a status query inside the data (a raster
   * logo can hold them), feed and cut. */
  static const guint8 bytes[] = {
    0x1b, 0x40, 'D', 'u', 'k', 'a', 0x0a, 0x10, 0x04, 0x01, 0x0a,
    0x1b, 0x64, 0x04, 0x1d, 0x56, 0x01,
  };

  return g_bytes_new_static (bytes, sizeof bytes);
}

static GThread *main_thread;

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("the print job did not finish in time");
  return G_SOURCE_REMOVE;
}

static gboolean
job_is_done (DukaPrintJob *job)
{
  DukaPrintJobState state = duka_print_job_get_state (job);

  return state == DUKA_PRINT_JOB_PRINTED || state == DUKA_PRINT_JOB_FAILED;
}

/* Runs the main loop until @job printed or failed and the fake printer
 * has seen @n_connections connections end. */
static void
wait_for_job (DukaPrintJob *job,
              FakePrinter  *fake,
              guint         n_connections)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout, NULL);

  while (!job_is_done (job) || (fake != NULL && fake->received->len < n_connections))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
record_state (DukaPrintJob *job,
              GParamSpec   *pspec,
              GString      *states)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (DUKA_TYPE_PRINT_JOB_STATE);

  /* States change on the main context, never in the printing thread. */
  g_assert_true (g_thread_self () == main_thread);

  g_string_append_printf (states, "%s%s", states->len ? " " : "",
                          g_enum_get_value (enum_class,
                                            (int) duka_print_job_get_state (job))->value_nick);
}

static void
test_network_prints (void)
{
  g_autoptr(FakePrinter) fake = fake_printer_new ();
  g_autoptr(DukaPrinter) printer = duka_printer_new_network ("127.0.0.1", fake->port);
  g_autoptr(DukaPrintQueue) queue = duka_print_queue_new (printer);
  g_autoptr(GBytes) bytes = sample_receipt_bytes ();
  g_autoptr(GString) states = g_string_new (NULL);
  DukaPrintJob *job;

  job = duka_print_queue_submit (queue, "Receipt T1-000124", bytes);
  g_signal_connect (job, "notify::state", G_CALLBACK (record_state), states);
  wait_for_job (job, fake, 1);

  g_assert_cmpint (duka_print_job_get_state (job), ==, DUKA_PRINT_JOB_PRINTED);
  g_assert_null (duka_print_job_get_reason (job));
  g_assert_cmpstr (states->str, ==, "printed");
  g_assert_cmpuint (fake->n_queries, ==, 4);
  g_assert_cmpuint (fake->received->len, ==, 1);
  g_assert_true (g_bytes_equal (g_ptr_array_index (fake->received, 0), bytes));
  g_assert_cmpuint (g_list_model_get_n_items (duka_print_queue_get_jobs (queue)), ==, 1);
}

static void
test_network_paper_out_then_retry (void)
{
  g_autoptr(FakePrinter) fake = fake_printer_new ();
  g_autoptr(DukaPrinter) printer = duka_printer_new_network ("127.0.0.1", fake->port);
  g_autoptr(DukaPrintQueue) queue = duka_print_queue_new (printer);
  g_autoptr(GBytes) bytes = sample_receipt_bytes ();
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaPrintJob) job = NULL;

  fake->answers[0] = ST_OFFLINE;
  fake->answers[1] = ST_PAPER_STOP;
  fake->answers[3] = ST_PAPER_END;

  job = g_object_ref (duka_print_queue_submit (queue, "Receipt T1-000124", bytes));
  g_signal_connect (job, "notify::state", G_CALLBACK (record_state), states);
  wait_for_job (job, fake, 1);

  g_assert_cmpint (duka_print_job_get_state (job), ==, DUKA_PRINT_JOB_FAILED);
  g_assert_nonnull (strstr (duka_print_job_get_reason (job), "out of paper"));
  /* Nothing was printed, and the job still holds the receipt. */
  g_assert_cmpuint (g_bytes_get_size (g_ptr_array_index (fake->received, 0)), ==, 0);
  g_assert_true (g_bytes_equal (duka_print_job_get_data (job), bytes));
  g_assert_cmpuint (g_list_model_get_n_items (duka_print_queue_get_jobs (queue)), ==, 1);

  /* A printed job cannot be retried, a failed one can. */
  memset (fake->answers, ST_OK, sizeof fake->answers);
  fake->answers[3] = ST_PAPER_LOW;  /* low paper still prints */
  g_assert_true (duka_print_queue_retry (queue, job, &error));
  g_assert_no_error (error);
  wait_for_job (job, fake, 2);

  g_assert_cmpint (duka_print_job_get_state (job), ==, DUKA_PRINT_JOB_PRINTED);
  g_assert_null (duka_print_job_get_reason (job));
  g_assert_cmpuint (duka_print_job_get_attempts (job), ==, 2);
  g_assert_cmpstr (states->str, ==, "failed queued printing printed");
  g_assert_true (g_bytes_equal (g_ptr_array_index (fake->received, 1), bytes));

  g_assert_false (duka_print_queue_retry (queue, job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_network_cover_open (void)
{
  g_autoptr(FakePrinter) fake = fake_printer_new ();
  g_autoptr(DukaPrinter) printer = duka_printer_new_network ("127.0.0.1", fake->port);
  g_autoptr(GBytes) bytes = sample_receipt_bytes ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fake->answers[0] = ST_OFFLINE;
  fake->answers[1] = ST_COVER_OPEN;
  duka_printer_print_async (printer, bytes, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (duka_printer_print_finish (printer, result, &error));
  g_assert_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_COVER_OPEN);
  g_assert_nonnull (strstr (error->message, "cover is open"));
}

/* Many printers never answer DLE EOT: after the status timeout, print. */
static void
test_network_without_status (void)
{
  g_autoptr(FakePrinter) fake = fake_printer_new ();
  g_autoptr(DukaPrinter) printer = duka_printer_new_network ("127.0.0.1", fake->port);
  g_autoptr(DukaPrintQueue) queue = duka_print_queue_new (printer);
  g_autoptr(GBytes) bytes = sample_receipt_bytes ();
  DukaPrintJob *job;

  fake->silent = TRUE;
  duka_printer_set_timeouts (printer, 5000, 100);
  job = duka_print_queue_submit (queue, "Receipt", bytes);
  wait_for_job (job, fake, 1);

  g_assert_cmpint (duka_print_job_get_state (job), ==, DUKA_PRINT_JOB_PRINTED);
  /* One unanswered query, then the receipt. */
  g_assert_cmpuint (fake->n_queries, ==, 1);
  g_assert_cmpuint (fake->received->len, ==, 1);
  g_assert_true (g_bytes_equal (g_ptr_array_index (fake->received, 0), bytes));
}

static void
test_network_unreachable (void)
{
  g_autoptr(FakePrinter) fake = fake_printer_new ();
  guint16 port = fake->port;
  g_autoptr(DukaPrinter) printer = NULL;
  g_autoptr(DukaPrintQueue) queue = NULL;
  g_autoptr(GBytes) bytes = sample_receipt_bytes ();
  DukaPrintJob *job;

  /* A port nobody listens on any more. */
  g_clear_pointer (&fake, fake_printer_free);
  printer = duka_printer_new_network ("127.0.0.1", port);
  queue = duka_print_queue_new (printer);
  job = duka_print_queue_submit (queue, "Receipt", bytes);
  wait_for_job (job, NULL, 0);

  g_assert_cmpint (duka_print_job_get_state (job), ==, DUKA_PRINT_JOB_FAILED);
  g_assert_true (g_str_has_prefix (duka_print_job_get_reason (job),
                                   "Could not reach the printer at 127.0.0.1:"));
}

static void
test_queue_keeps_order (void)
{
  g_autoptr(FakePrinter) fake = fake_printer_new ();
  g_autoptr(DukaPrinter) printer = duka_printer_new_network ("127.0.0.1", fake->port);
  g_autoptr(DukaPrintQueue) queue = duka_print_queue_new (printer);
  DukaPrintJob *jobs[3];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autofree char *text = g_strdup_printf ("receipt %u", i);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

      jobs[i] = duka_print_queue_submit (queue, text, bytes);
    }
  /* One at a time: the second waits for the first. */
  g_assert_cmpint (duka_print_job_get_state (jobs[0]), ==, DUKA_PRINT_JOB_PRINTING);
  g_assert_cmpint (duka_print_job_get_state (jobs[1]), ==, DUKA_PRINT_JOB_QUEUED);
  wait_for_job (jobs[2], fake, 3);

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autofree char *text = g_strdup_printf ("receipt %u", i);
      GBytes *received = g_ptr_array_index (fake->received, i);

      g_assert_cmpint (duka_print_job_get_state (jobs[i]), ==, DUKA_PRINT_JOB_PRINTED);
      g_assert_cmpmem (g_bytes_get_data (received, NULL), g_bytes_get_size (received),
                       text, strlen (text));
    }
}

static void
test_device_file (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "lp0", NULL);
  g_autoptr(DukaPrinter) printer = duka_printer_new_device (path);
  g_autoptr(DukaPrintQueue) queue = duka_print_queue_new (printer);
  g_autoptr(GBytes) bytes = sample_receipt_bytes ();
  g_autofree char *contents = NULL;
  gsize length = 0;
  DukaPrintJob *job;

  g_remove (path);
  job = duka_print_queue_submit (queue, "Receipt", bytes);
  wait_for_job (job, NULL, 0);
  g_assert_cmpint (duka_print_job_get_state (job), ==, DUKA_PRINT_JOB_PRINTED);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_device_missing (void)
{
  g_autoptr(DukaPrinter) printer = duka_printer_new_device ("/nonexistent/usb/lp0");
  g_autoptr(GBytes) bytes = sample_receipt_bytes ();
  g_autoptr(GError) error = NULL;

  g_assert_false (duka_printer_print_sync (printer, bytes, NULL, NULL, &error));
  g_assert_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_UNREACHABLE);
}

static void
test_status_answers (void)
{
  const guint8 ok[4] = { ST_OK, ST_OK, ST_OK, ST_OK };
  const guint8 low[4] = { ST_OK, ST_OK, ST_OK, ST_PAPER_LOW };
  const guint8 garbage[4] = { ST_OK, 0xff, ST_OK, ST_OK };
  const guint8 cutter[4] = { ST_OFFLINE, 0x12 | 0x40, 0x12 | 0x08, ST_OK };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (duka_printer_status_from_answers (ok), ==, DUKA_PRINTER_STATUS_ANSWERED);
  g_assert_cmpint (duka_printer_status_from_answers (low), ==,
                   DUKA_PRINTER_STATUS_ANSWERED | DUKA_PRINTER_STATUS_PAPER_LOW);
  g_assert_true (duka_printer_status_check (duka_printer_status_from_answers (low), NULL));
  g_assert_cmpint (duka_printer_status_from_answers (garbage), ==, DUKA_PRINTER_STATUS_NONE);
  g_assert_false (duka_printer_status_check (duka_printer_status_from_answers (cutter), &error));
  g_assert_error (error, DUKA_PRINTER_ERROR, DUKA_PRINTER_ERROR_HARDWARE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/print/printer/status-answers", test_status_answers);
  g_test_add_func ("/print/printer/network-prints", test_network_prints);
  g_test_add_func ("/print/printer/network-paper-out-then-retry", test_network_paper_out_then_retry);
  g_test_add_func ("/print/printer/network-cover-open", test_network_cover_open);
  g_test_add_func ("/print/printer/network-without-status", test_network_without_status);
  g_test_add_func ("/print/printer/network-unreachable", test_network_unreachable);
  g_test_add_func ("/print/printer/queue-keeps-order", test_queue_keeps_order);
  g_test_add_func ("/print/printer/device-file", test_device_file);
  g_test_add_func ("/print/printer/device-missing", test_device_missing);

  return g_test_run ();
}
