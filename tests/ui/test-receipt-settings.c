/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Settings → Receipts and Printer in a real window: refused addresses,
 * saving through core, the template, the logo, the preview's width, and a
 * test receipt sent to a fake network printer (a GSocketService on
 * 127.0.0.1 that answers status queries like a printer and keeps what it
 * is sent).
 */
#include <cairo.h>
#include <locale.h>
#include <string.h>

#include "duka-receipt-settings-page.h"
#include "duka-receipt-settings.h"
#include "duka-current-staff.h"
#include "duka-settings-view.h"
#include "duka-staff.h"
#include "duka-test-ui.h"
#include "duka-window.h"

/* Fake printer ------------------------------------------------------------ */

typedef struct
{
  GSocketService *service;
  guint16         port;
  GPtrArray      *received;   /* GBytes, one per connection */
} FakePrinter;

typedef struct
{
  FakePrinter       *fake;
  GSocketConnection *connection;
  GByteArray        *data;
  gboolean           in_data;
  guint8             buffer[4096];
} FakeSession;

static void fake_session_read (FakeSession *session);

/* Answers every DLE EOT n at the start with "all is well" (bits 1 and 4);
 * whatever follows the queries is the receipt. */
static void
fake_session_take (FakeSession  *session,
                   const guint8 *bytes,
                   gsize         length)
{
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (session->connection));
  const guint8 ok = 0x12;
  gsize i = 0;

  while (!session->in_data && i + 3 <= length && bytes[i] == 0x10 && bytes[i + 1] == 0x04)
    {
      g_assert_true (g_output_stream_write_all (output, &ok, 1, NULL, NULL, NULL));
      i += 3;
    }
  if (i < length)
    {
      session->in_data = TRUE;
      g_byte_array_append (session->data, bytes + i, length - i);
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
      g_ptr_array_add (session->fake->received, g_byte_array_free_to_bytes (session->data));
      g_io_stream_close (G_IO_STREAM (session->connection), NULL, NULL);
      g_object_unref (session->connection);
      g_free (session);
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
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  fake->received = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  fake->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (fake->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  fake->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
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

/* A port on 127.0.0.1 that nothing listens on: bound, then let go. */
static guint16
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

/* Fixture ----------------------------------------------------------------- */

typedef struct
{
  DukaBusinessSettings    *settings;
  DukaReceiptSettings     *receipt_settings;
  DukaWindow              *window;
  DukaReceiptSettingsPage *page;
  char                    *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *view;
  GtkWidget *stack;
  g_autoptr(GError) error = NULL;

  f->settings = duka_test_new_business_settings (TRUE);
  f->receipt_settings = duka_receipt_settings_new (duka_business_settings_get_store (f->settings));
  f->dir = g_dir_make_tmp ("duka-receipt-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->window = duka_window_new (NULL, f->settings);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  duka_test_wait_mapped (GTK_WIDGET (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "settings");
  duka_test_spin ();

  view = duka_window_get_view (f->window, "settings");
  f->page = DUKA_RECEIPT_SETTINGS_PAGE (gtk_widget_get_template_child (view, DUKA_TYPE_SETTINGS_VIEW,
                                                                       "receipt_page"));
  stack = gtk_widget_get_ancestor (GTK_WIDGET (f->page), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), GTK_WIDGET (f->page));
  duka_test_wait_mapped (GTK_WIDGET (f->page));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  duka_test_destroy_window (GTK_WINDOW (f->window));
  g_clear_object (&f->receipt_settings);
  g_assert_finalize_object (f->settings);
  g_free (f->dir);
}

static gpointer
child (Fixture    *f,
       const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->page), DUKA_TYPE_RECEIPT_SETTINGS_PAGE, id);

  g_assert_nonnull (object);
  return object;
}

static void
set_address (Fixture         *f,
             DukaPrinterKind  kind,
             const char      *address)
{
  adw_combo_row_set_selected (child (f, "printer_kind_row"), kind);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "printer_address_row")), address);
  duka_test_spin ();
}

static void
set_text (Fixture    *f,
          const char *id,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (f, id)), text, -1);
  duka_test_spin ();
}

static void
activate (Fixture    *f,
          const char *action)
{
  gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL);
  duka_test_spin ();
}

static DukaTillPrinter *
saved_printer (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DukaTillPrinter *printer = duka_receipt_settings_load_printer (f->receipt_settings, &error);

  g_assert_no_error (error);
  return printer;
}

static JsonObject *
saved_template (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  JsonObject *record = duka_receipt_settings_load_template (f->receipt_settings, &error);

  g_assert_no_error (error);
  return record;
}

static gboolean
timed_out (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins until the test job has printed or failed; never longer than 15 s. */
static DukaPrintJobState
wait_for_test_job (Fixture *f)
{
  DukaPrintJob *job = duka_receipt_settings_page_get_test_job (f->page);
  gboolean expired = FALSE;
  guint timeout;

  g_assert_nonnull (job);
  timeout = g_timeout_add_seconds (15, timed_out, &expired);
  while (!expired &&
         duka_print_job_get_state (job) != DUKA_PRINT_JOB_PRINTED &&
         duka_print_job_get_state (job) != DUKA_PRINT_JOB_FAILED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (timeout);
  duka_test_spin ();

  return duka_print_job_get_state (job);
}

/* Tests --------------------------------------------------------------------- */

static void
test_bad_address_refused (Fixture       *f,
                          gconstpointer  data)
{
  const char *bad[] = { "not a host", "printer.local:99999", "10.0.0.5:", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DukaTillPrinter) after = NULL;

      set_address (f, DUKA_PRINTER_NETWORK, bad[i]);
      g_assert_true (duka_receipt_settings_page_get_dirty (f->page));
      g_assert_false (duka_receipt_settings_page_get_valid (f->page));
      g_assert_nonnull (duka_receipt_settings_page_get_address_error (f->page));
      g_assert_nonnull (strstr (duka_receipt_settings_page_get_address_error (f->page), "192.168.1.50"));
      g_assert_true (gtk_widget_has_css_class (child (f, "printer_address_row"), "error"));

      activate (f, "receipts.save");
      after = saved_printer (f);
      g_assert_cmpint (after->kind, ==, DUKA_PRINTER_NONE);
    }

  /* A device file must be an absolute path. */
  set_address (f, DUKA_PRINTER_DEVICE, "usb/lp0");
  g_assert_nonnull (strstr (duka_receipt_settings_page_get_address_error (f->page), "/dev/usb/lp0"));

  /* Back to None: nothing to check, nothing to save. */
  adw_combo_row_set_selected (child (f, "printer_kind_row"), DUKA_PRINTER_NONE);
  duka_test_spin ();
  g_assert_null (duka_receipt_settings_page_get_address_error (f->page));
  g_assert_false (duka_receipt_settings_page_get_dirty (f->page));
}

static void
test_good_address_saved (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DukaTillPrinter) after = NULL;

  set_address (f, DUKA_PRINTER_NETWORK, " 192.168.1.50:9101 ");
  adw_combo_row_set_selected (child (f, "paper_row"), DUKA_RECEIPT_PAPER_58MM);
  gtk_switch_set_active (child (f, "drawer_switch"), FALSE);
  duka_test_spin ();
  g_assert_null (duka_receipt_settings_page_get_address_error (f->page));
  g_assert_true (duka_receipt_settings_page_get_valid (f->page));

  activate (f, "receipts.save");
  g_assert_false (duka_receipt_settings_page_get_dirty (f->page));
  after = saved_printer (f);
  g_assert_cmpint (after->kind, ==, DUKA_PRINTER_NETWORK);
  g_assert_cmpstr (after->address, ==, "192.168.1.50:9101");
  g_assert_cmpint (after->paper, ==, DUKA_RECEIPT_PAPER_58MM);
  g_assert_false (after->open_drawer);

  /* Revert goes back to what was saved, not to the defaults. */
  set_address (f, DUKA_PRINTER_DEVICE, "/dev/usb/lp0");
  g_assert_true (duka_receipt_settings_page_get_dirty (f->page));
  activate (f, "receipts.revert");
  g_assert_false (duka_receipt_settings_page_get_dirty (f->page));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "printer_address_row")), ==, "192.168.1.50:9101");
}

static void
test_template_saved (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) before = saved_template (f);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(DukaTillPrinter) printer = NULL;
  g_autofree char *too_long = g_strnfill (1001, 'x');

  g_assert_true (json_object_get_null_member (before, "footer"));

  /* The registry's limit is the reason beside the field. */
  set_text (f, "footer_view", too_long);
  g_assert_false (duka_receipt_settings_page_get_valid (f->page));
  g_assert_true (gtk_widget_has_css_class (child (f, "footer_view"), "error"));
  activate (f, "receipts.save");
  after = saved_template (f);
  g_assert_true (json_object_get_null_member (after, "footer"));
  g_clear_pointer (&after, json_object_unref);

  set_text (f, "header_view", "Open every day 7:00–22:00");
  set_text (f, "footer_view", "Asante sana!\nKaribu tena.\n\n");
  gtk_switch_set_active (child (f, "tax_lines_switch"), FALSE);
  duka_test_spin ();
  g_assert_true (duka_receipt_settings_page_get_valid (f->page));
  activate (f, "receipts.save");
  g_assert_false (duka_receipt_settings_page_get_dirty (f->page));

  after = saved_template (f);
  g_assert_cmpstr (json_object_get_string_member (after, "header"), ==, "Open every day 7:00–22:00");
  g_assert_cmpstr (json_object_get_string_member (after, "footer"), ==, "Asante sana!\nKaribu tena.");
  g_assert_false (json_object_get_boolean_member (after, "show_tax_lines"));

  /* The printer was not touched by a template save. */
  printer = saved_printer (f);
  g_assert_cmpint (printer->kind, ==, DUKA_PRINTER_NONE);
}

static char *
write_png (Fixture *f)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 20);
  cairo_t *cr = cairo_create (surface);
  char *path = g_build_filename (f->dir, "logo.png", NULL);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 5, 5, 30, 10);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static void
wait_for_logo (Fixture  *f,
               gboolean  shown)
{
  for (guint i = 0; i < 2000 && gtk_widget_get_visible (child (f, "logo_picture")) != shown; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_visible (child (f, "logo_picture")) == shown);
}

static void
test_logo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *png = write_png (f);
  g_autofree char *not_png = g_build_filename (f->dir, "logo.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (png);
  g_autoptr(GFile) text_file = g_file_new_for_path (not_png);
  g_autoptr(JsonObject) after = NULL;
  int height_without;
  gsize length;

  height_without = gtk_drawing_area_get_content_height (child (f, "preview_area"));

  /* Not a PNG: refused, the form keeps no logo. */
  g_assert_true (g_file_set_contents (not_png, "hello", -1, NULL));
  duka_receipt_settings_page_set_logo_file (f->page, text_file);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (gtk_widget_get_visible (child (f, "logo_picture")));
  g_assert_false (duka_receipt_settings_page_get_dirty (f->page));

  duka_receipt_settings_page_set_logo_file (f->page, file);
  wait_for_logo (f, TRUE);
  g_assert_true (duka_receipt_settings_page_get_dirty (f->page));
  /* The preview prints it above the header, so the roll grows. */
  g_assert_cmpint (gtk_drawing_area_get_content_height (child (f, "preview_area")), >, height_without);

  activate (f, "receipts.save");
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  after = saved_template (f);
  g_assert_cmpstr (json_object_get_string_member (after, "logo"), ==, hash);
  g_clear_pointer (&after, json_object_unref);

  activate (f, "receipts.remove-logo");
  wait_for_logo (f, FALSE);
  activate (f, "receipts.save");
  after = saved_template (f);
  g_assert_true (json_object_get_null_member (after, "logo"));
}

static void
test_preview_follows_paper (Fixture       *f,
                            gconstpointer  data)
{
  GtkDrawingArea *area = child (f, "preview_area");
  int width_80, width_58;

  width_80 = gtk_drawing_area_get_content_width (area);
  adw_combo_row_set_selected (child (f, "paper_row"), DUKA_RECEIPT_PAPER_58MM);
  duka_test_spin ();
  width_58 = gtk_drawing_area_get_content_width (area);

  /* 80 mm and 58 mm at the same scale. */
  g_assert_cmpint (width_80, >, 0);
  g_assert_cmpint (ABS (width_58 * 80 - width_80 * 58), <, 80);
}

static void
test_print_test_receipt (Fixture       *f,
                         gconstpointer  data)
{
  FakePrinter *fake = fake_printer_new ();
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", fake->port);
  AdwActionRow *row = child (f, "test_row");
  GBytes *bytes;
  gsize size;
  const char *sent;

  /* Nothing to print to yet. */
  g_assert_false (gtk_widget_is_sensitive (child (f, "test_button")));

  set_address (f, DUKA_PRINTER_NETWORK, address);
  set_text (f, "footer_view", "Karibu tena");
  /* An unsaved printer is not printed to. */
  g_assert_false (gtk_widget_is_sensitive (child (f, "test_button")));
  activate (f, "receipts.save");
  g_assert_true (gtk_widget_is_sensitive (child (f, "test_button")));

  activate (f, "receipts.print-test");
  g_assert_cmpint (wait_for_test_job (f), ==, DUKA_PRINT_JOB_PRINTED);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "The test receipt printed");
  g_assert_false (gtk_widget_get_visible (child (f, "test_failed_icon")));

  for (guint i = 0; i < 2000 && fake->received->len == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fake->received->len, ==, 1);
  bytes = g_ptr_array_index (fake->received, 0);
  sent = g_bytes_get_data (bytes, &size);
  /* ESC @ first, a cut at the end, and the template's footer between. */
  g_assert_cmpuint (size, >, 100);
  g_assert_true (sent[0] == 0x1b && sent[1] == '@');
  g_assert_nonnull (memmem (sent, size, "Karibu tena", strlen ("Karibu tena")));
  g_assert_nonnull (memmem (sent, size, "This is a test receipt", strlen ("This is a test receipt")));
  g_assert_nonnull (memmem (sent, size, "Duka Caf", strlen ("Duka Caf")));

  fake_printer_free (fake);
}

static void
test_print_failure_shown (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", closed_port ());
  AdwActionRow *row = child (f, "test_row");
  DukaPrintJob *job;

  set_address (f, DUKA_PRINTER_NETWORK, address);
  activate (f, "receipts.save");
  activate (f, "receipts.print-test");
  g_assert_cmpint (wait_for_test_job (f), ==, DUKA_PRINT_JOB_FAILED);

  job = duka_receipt_settings_page_get_test_job (f->page);
  g_assert_nonnull (duka_print_job_get_reason (job));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), duka_print_job_get_reason (job)));
  g_assert_true (gtk_widget_get_visible (child (f, "test_failed_icon")));
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (duka_current_staff_sign_in_finish (DUKA_CURRENT_STAFF (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Someone who may manage settings but not devices: the template is
 * theirs to edit, the printer is not, and core refuses it anyway. */
static void
test_printer_needs_manage_devices (Fixture       *f,
                                   gconstpointer  data)
{
  DukaStore *store = duka_business_settings_get_store (f->settings);
  g_autoptr(DukaStaff) staff = duka_staff_new (store);
  g_autoptr(DukaActor) owner = duka_business_settings_dup_actor (f->settings);
  g_autoptr(JsonObject) role = json_object_new ();
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(JsonObject) permission = json_object_new ();
  g_autoptr(JsonArray) permissions = json_array_new ();
  g_autoptr(JsonArray) roles = json_array_new ();
  g_autoptr(DukaTillPrinter) printer = NULL;
  g_autoptr(JsonObject) template = NULL;
  g_autofree char *role_id = NULL;
  g_autofree char *person_id = NULL;
  g_autoptr(GError) error = NULL;
  DukaCurrentStaff *current = duka_window_get_current_staff (f->window);
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (f->page), ADW_TYPE_VIEW_STACK);
  gboolean signed_in = FALSE;

  g_assert_true (duka_staff_ensure_built_in_roles (staff, &error));
  g_assert_no_error (error);
  duka_staff_install_resolver (staff);

  json_object_set_string_member (permission, "name", "manage-settings");
  json_array_add_object_element (permissions, g_steal_pointer (&permission));
  json_object_set_string_member (role, "name", "Back office");
  json_object_set_array_member (role, "permissions", g_steal_pointer (&permissions));
  g_assert_true (duka_staff_save (staff, owner, "role", role, &role_id, &error));
  g_assert_no_error (error);
  json_array_add_string_element (roles, role_id);
  json_object_set_string_member (person, "name", "Neema Back");
  json_object_set_array_member (person, "role_ids", g_steal_pointer (&roles));
  g_assert_true (duka_staff_save (staff, owner, "staff", person, &person_id, &error));
  g_assert_no_error (error);
  g_assert_true (duka_staff_set_pin (staff, owner, person_id, "4321", &error));
  g_assert_no_error (error);
  duka_test_spin ();

  duka_current_staff_sign_in_async (current, person_id, "4321", NULL, signed_in_cb, &signed_in);
  while (!signed_in)
    g_main_context_iteration (NULL, TRUE);
  duka_test_spin ();
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "settings");
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), GTK_WIDGET (f->page));
  duka_test_wait_mapped (GTK_WIDGET (f->page));

  g_assert_false (gtk_widget_get_sensitive (child (f, "printer_group")));
  g_assert_true (gtk_widget_get_sensitive (child (f, "template_group")));

  /* Forced past the insensitive rows, core still says no, and the footer
   * typed with it is not written half-way either. */
  set_address (f, DUKA_PRINTER_NETWORK, "192.168.1.50");
  set_text (f, "footer_view", "Karibu");
  g_assert_true (duka_receipt_settings_page_get_valid (f->page));
  activate (f, "receipts.save");
  g_assert_true (duka_receipt_settings_page_get_dirty (f->page));
  printer = saved_printer (f);
  g_assert_cmpint (printer->kind, ==, DUKA_PRINTER_NONE);
  template = saved_template (f);
  g_assert_true (json_object_get_null_member (template, "footer"));

  /* The template alone is theirs to save. */
  activate (f, "receipts.revert");
  set_text (f, "footer_view", "Karibu");
  activate (f, "receipts.save");
  g_clear_pointer (&template, json_object_unref);
  template = saved_template (f);
  g_assert_cmpstr (json_object_get_string_member (template, "footer"), ==, "Karibu");
}

int
main (int   argc,
      char *argv[])
{
  duka_test_ui_init (&argc, &argv);

  if (setlocale (LC_ALL, "en_US.UTF-8") == NULL)
    g_error ("The en_US.UTF-8 locale is missing; run build-aux/setup-locales");

  g_test_add ("/receipt-settings/bad-address-refused", Fixture, NULL,
              fixture_set_up, test_bad_address_refused, fixture_tear_down);
  g_test_add ("/receipt-settings/good-address-saved", Fixture, NULL,
              fixture_set_up, test_good_address_saved, fixture_tear_down);
  g_test_add ("/receipt-settings/template-saved", Fixture, NULL,
              fixture_set_up, test_template_saved, fixture_tear_down);
  g_test_add ("/receipt-settings/logo", Fixture, NULL,
              fixture_set_up, test_logo, fixture_tear_down);
  g_test_add ("/receipt-settings/preview-follows-paper", Fixture, NULL,
              fixture_set_up, test_preview_follows_paper, fixture_tear_down);
  g_test_add ("/receipt-settings/print-test-receipt", Fixture, NULL,
              fixture_set_up, test_print_test_receipt, fixture_tear_down);
  g_test_add ("/receipt-settings/print-failure-shown", Fixture, NULL,
              fixture_set_up, test_print_failure_shown, fixture_tear_down);
  g_test_add ("/receipt-settings/printer-needs-manage-devices", Fixture, NULL,
              fixture_set_up, test_printer_needs_manage_devices, fixture_tear_down);

  return g_test_run ();
}
