/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lock screen and the manager override, on the real window with the
 * demo's people (duka_demo_fill_staff): signing in by keyboard and by the
 * pad's buttons, a wrong PIN, switching user, and an override approved by
 * a manager's PIN but not by a cashier's.
 */
#include <sqlite3.h>
#include <string.h>

#include "duka-catalog.h"
#include "duka-demo.h"
#include "duka-lock-screen.h"
#include "duka-menu-view.h"
#include "duka-override-dialog.h"
#include "duka-pin-pad.h"
#include "duka-sell-dialog.h"
#include "duka-sell-view.h"
#include "duka-staff-sign-in.h"
#include "duka-test-ui.h"
#include "duka-window.h"

typedef struct
{
  DukaBusinessSettings *settings;
  DukaStaff            *staff;
  DukaWindow           *window;
  DukaCurrentStaff     *current;
  DukaLockScreen       *lock_screen;
  DukaPinPad           *pad;
} Fixture;

static char *
staff_id_of (Fixture    *f,
             const char *name)
{
  g_autoptr(GPtrArray) people = duka_staff_list_sign_in (f->staff, NULL);

  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      DukaSignInPerson *person = g_ptr_array_index (people, i);

      if (g_str_equal (person->name, name))
        return g_strdup (person->staff_id);
    }
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->settings = duka_test_new_business_settings (TRUE);
  g_assert_true (duka_demo_fill_staff (duka_business_settings_get_store (f->settings), &error));
  g_assert_no_error (error);

  /* As DukaApplication does: people's roles decide. */
  f->staff = duka_staff_new (duka_business_settings_get_store (f->settings));
  duka_staff_install_resolver (f->staff);

  f->window = duka_window_new (NULL, f->settings);
  gtk_window_present (GTK_WINDOW (f->window));
  duka_test_wait_mapped (GTK_WIDGET (f->window));
  f->current = duka_window_get_current_staff (f->window);
  f->lock_screen = DUKA_LOCK_SCREEN (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                    DUKA_TYPE_WINDOW, "lock_screen"));
  f->pad = DUKA_PIN_PAD (gtk_widget_get_template_child (GTK_WIDGET (f->lock_screen),
                                                        DUKA_TYPE_LOCK_SCREEN, "pin_pad"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  duka_test_destroy_window (GTK_WINDOW (f->window));
  g_clear_object (&f->staff);
  g_clear_object (&f->settings);
}

static const char *
lock_stack_page (Fixture *f)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                              DUKA_TYPE_WINDOW, "lock_stack"));

  return gtk_stack_get_visible_child_name (stack);
}

/* Sends a key to the pad as the keyboard does: through its key controller. */
static void
press_key (DukaPinPad *pad,
           guint       keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (pad));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  g_assert_true (handled);
}

static void
type_pin (DukaPinPad *pad,
          const char *pin)
{
  for (const char *p = pin; *p; p++)
    press_key (pad, GDK_KEY_0 + (guint) (*p - '0'));
  press_key (pad, GDK_KEY_Return);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click_pin (DukaPinPad *pad,
           const char *pin)
{
  for (const char *p = pin; *p; p++)
    {
      char digit[2] = { *p, '\0' };
      GtkWidget *key = find_named (GTK_WIDGET (pad), digit);

      g_assert_nonnull (key);
      g_signal_emit_by_name (key, "clicked");
    }
  g_signal_emit_by_name (find_named (GTK_WIDGET (pad), "pin.submit"), "clicked");
}

static void
wait_signed_in (Fixture *f)
{
  while (duka_current_staff_get_locked (f->current))
    g_main_context_iteration (NULL, TRUE);
  duka_test_spin ();
}

static void
sign_in (Fixture    *f,
         const char *name,
         const char *pin)
{
  g_autofree char *id = staff_id_of (f, name);

  g_assert_true (duka_lock_screen_choose_person (f->lock_screen, id));
  type_pin (f->pad, pin);
  wait_signed_in (f);
  g_assert_cmpstr (duka_current_staff_get_name (f->current), ==, name);
}

static void
test_lock_at_start (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_true (duka_current_staff_get_required (f->current));
  g_assert_true (duka_current_staff_get_locked (f->current));
  g_assert_cmpstr (lock_stack_page (f), ==, "lock");
  g_assert_null (duka_current_staff_dup_actor (f->current));
  /* Views are out of reach behind it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "settings");
  duka_test_spin ();
  g_assert_cmpstr (duka_window_get_visible_view (f->window), ==, "sell");
}

static void
test_sign_in_keyboard (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *person_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window), DUKA_TYPE_WINDOW,
                                                                        "person_button"));
  GtkListBox *sidebar = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                     DUKA_TYPE_WINDOW, "sidebar_list"));
  g_autoptr(DukaActor) actor = NULL;
  g_autofree char *amina = staff_id_of (f, "Amina");

  g_assert_false (gtk_widget_get_visible (person_button));
  sign_in (f, "Amina", "3000");

  g_assert_cmpstr (lock_stack_page (f), ==, "app");
  g_assert_true (gtk_widget_get_visible (person_button));
  actor = duka_current_staff_dup_actor (f->current);
  g_assert_cmpstr (actor->staff_id, ==, amina);
  g_assert_null (actor->approver_id);

  /* A cashier sells but does not manage settings. */
  g_assert_true (duka_current_staff_can (f->current, DUKA_PERMISSION_SELL));
  g_assert_false (duka_current_staff_can (f->current, DUKA_PERMISSION_MANAGE_SETTINGS));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_list_box_get_row_at_index (sidebar, 7))));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (gtk_list_box_get_row_at_index (sidebar, 0))));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "settings");
  duka_test_spin ();
  g_assert_cmpstr (duka_window_get_visible_view (f->window), ==, "sell");
}

static void
test_sign_in_buttons (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *otieno = staff_id_of (f, "Otieno");

  g_assert_true (duka_lock_screen_choose_person (f->lock_screen, otieno));
  click_pin (f->pad, "2000");
  wait_signed_in (f);
  g_assert_cmpstr (duka_current_staff_get_name (f->current), ==, "Otieno");
  g_assert_cmpstr (duka_current_staff_get_staff_id (f->current), ==, otieno);
  g_assert_cmpstr (lock_stack_page (f), ==, "app");
}

static void
test_wrong_pin (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *amina = staff_id_of (f, "Amina");
  GtkLabel *message = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->pad), DUKA_TYPE_PIN_PAD,
                                                                "message_label"));

  g_assert_true (duka_lock_screen_choose_person (f->lock_screen, amina));
  /* Otieno's PIN is not Amina's, and nothing says whose it is. */
  type_pin (f->pad, "2000");
  g_assert_true (duka_lock_screen_get_busy (f->lock_screen));
  while (duka_lock_screen_get_busy (f->lock_screen))
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (duka_current_staff_get_locked (f->current));
  g_assert_cmpstr (lock_stack_page (f), ==, "lock");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_cmpstr (gtk_label_get_text (message), ==, "Wrong PIN");
  g_assert_cmpstr (duka_pin_pad_get_pin (f->pad), ==, "");
  g_assert_cmpstr (duka_lock_screen_get_chosen_id (f->lock_screen), ==, amina);

  /* Typing again clears the message, and the right PIN signs in. */
  type_pin (f->pad, "3000");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  wait_signed_in (f);
  g_assert_cmpstr (duka_current_staff_get_name (f->current), ==, "Amina");
}

static void
test_switch_user (Fixture       *f,
                  gconstpointer  data)
{
  sign_in (f, "Amina", "3000");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.switch-user", NULL));
  duka_test_spin ();
  g_assert_true (duka_current_staff_get_locked (f->current));
  g_assert_cmpstr (lock_stack_page (f), ==, "lock");
  g_assert_null (duka_lock_screen_get_chosen_id (f->lock_screen));

  sign_in (f, "Wanjiru", "1000");
  g_assert_true (duka_current_staff_can (f->current, DUKA_PERMISSION_MANAGE_SETTINGS));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "settings");
  duka_test_spin ();
  g_assert_cmpstr (duka_window_get_visible_view (f->window), ==, "settings");
}

static void
authorized_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;
  DukaActor *actor = duka_current_staff_authorize_finish (DUKA_CURRENT_STAFF (source), result, error);

  g_object_set_data_full (source, "test-actor", actor ? actor : (gpointer) 0x1,
                          actor ? (GDestroyNotify) duka_actor_free : NULL);
}

static DukaOverrideDialog *
find_override_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (DUKA_IS_OVERRIDE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return DUKA_OVERRIDE_DIALOG (window);
    }
  return NULL;
}

static char *
last_audit (Fixture    *f,
            const char *column)
{
  g_autofree char *path = g_build_filename (duka_store_get_data_dir (duka_business_settings_get_store (f->settings)),
                                            DUKA_STORE_FILENAME, NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM audit ORDER BY seq DESC LIMIT 1", column);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_override (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *amina = staff_id_of (f, "Amina");
  g_autofree char *otieno = staff_id_of (f, "Otieno");
  g_autofree char *brian = staff_id_of (f, "Brian");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) person = NULL;
  g_autofree char *actor_id = NULL;
  g_autofree char *approver_id = NULL;
  DukaOverrideDialog *dialog;
  DukaPinPad *pad;
  GtkLabel *message;
  DukaActor *actor;

  sign_in (f, "Amina", "3000");
  g_assert_false (duka_current_staff_can (f->current, DUKA_PERMISSION_MANAGE_STAFF));

  duka_current_staff_authorize_async (f->current, GTK_WIDGET (f->window), DUKA_PERMISSION_MANAGE_STAFF,
                                      NULL, authorized_cb, &error);
  duka_test_spin ();
  dialog = find_override_dialog ();
  g_assert_nonnull (dialog);
  pad = DUKA_PIN_PAD (gtk_widget_get_template_child (GTK_WIDGET (dialog), DUKA_TYPE_OVERRIDE_DIALOG, "pin_pad"));
  message = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (pad), DUKA_TYPE_PIN_PAD, "message_label"));

  /* The owner and the manager may approve; a cashier is not offered. */
  g_assert_cmpuint (duka_override_dialog_get_n_approvers (dialog), ==, 2);
  g_assert_false (duka_override_dialog_choose_approver (dialog, brian));

  /* A cashier's PIN under the manager's name approves nothing. */
  g_assert_true (duka_override_dialog_choose_approver (dialog, otieno));
  type_pin (pad, "3001");
  while (duka_override_dialog_get_busy (dialog))
    g_main_context_iteration (NULL, TRUE);
  duka_test_spin ();
  g_assert_cmpstr (gtk_label_get_text (message), ==, "Wrong PIN");
  g_assert_null (g_object_get_data (G_OBJECT (f->current), "test-actor"));

  /* The manager's PIN does, for this one change. */
  type_pin (pad, "2000");
  while (g_object_get_data (G_OBJECT (f->current), "test-actor") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
  actor = g_object_get_data (G_OBJECT (f->current), "test-actor");
  g_assert_cmpstr (actor->staff_id, ==, amina);
  g_assert_cmpstr (actor->approver_id, ==, otieno);
  duka_test_spin ();
  g_assert_null (find_override_dialog ());

  /* Core accepts it, and the audit entry names both. */
  person = json_object_new ();
  json_object_set_string_member (person, "id", brian);
  json_object_set_string_member (person, "display_name", "Brian M.");
  g_assert_true (duka_staff_save (f->staff, actor, "staff", person, NULL, &error));
  g_assert_no_error (error);
  actor_id = last_audit (f, "actor_id");
  approver_id = last_audit (f, "approver_id");
  g_assert_cmpstr (actor_id, ==, amina);
  g_assert_cmpstr (approver_id, ==, otieno);

  /* Her own actor is still refused, and closing the dialog cancels. */
  {
    g_autoptr(DukaActor) own = duka_current_staff_dup_actor (f->current);
    g_autoptr(GError) refused = NULL;

    g_assert_false (duka_staff_save (f->staff, own, "staff", person, NULL, &refused));
    g_assert_error (refused, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
  }
  g_object_set_data (G_OBJECT (f->current), "test-actor", NULL);
  duka_current_staff_authorize_async (f->current, GTK_WIDGET (f->window), DUKA_PERMISSION_MANAGE_STAFF,
                                      NULL, authorized_cb, &error);
  duka_test_spin ();
  dialog = find_override_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  while (g_object_get_data (G_OBJECT (f->current), "test-actor") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_set_data (G_OBJECT (f->current), "test-actor", NULL);
}

static gboolean
product_available (DukaCatalog *catalog,
                   const char  *id)
{
  g_autoptr(JsonObject) record = duka_catalog_get (catalog, "product", id, NULL);

  g_assert_nonnull (record);
  return json_object_get_boolean_member_with_default (record, "available", TRUE);
}

/* A cashier marks an item sold out in the menu view: a manager approves. */
static void
test_menu_override (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DukaCatalog) catalog = duka_catalog_new (duka_business_settings_get_store (f->settings));
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *otieno = staff_id_of (f, "Otieno");
  DukaActor owner = { staff_id_of (f, "Wanjiru"), NULL, NULL };
  DukaOverrideDialog *dialog;
  GtkWidget *view;

  json_object_set_string_member (record, "name", "Samosa");
  json_object_set_int_member (record, "price", 5000);
  g_assert_true (duka_catalog_save (catalog, &owner, "product", record, &id, &error));
  g_assert_no_error (error);
  g_free (owner.staff_id);

  sign_in (f, "Amina", "3000");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "menu"));
  duka_test_spin ();
  view = duka_window_get_view (f->window, "menu");
  while (!duka_menu_view_select_item (DUKA_MENU_VIEW (view), id))
    g_main_context_iteration (NULL, TRUE);
  duka_test_spin ();

  /* Not refused: a manager is asked. */
  g_assert_true (gtk_widget_activate_action (view, "menu.toggle-available", NULL));
  duka_test_spin ();
  dialog = find_override_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (product_available (catalog, id));

  g_assert_true (duka_override_dialog_choose_approver (dialog, otieno));
  type_pin (DUKA_PIN_PAD (gtk_widget_get_template_child (GTK_WIDGET (dialog), DUKA_TYPE_OVERRIDE_DIALOG,
                                                         "pin_pad")), "2000");
  while (product_available (catalog, id))
    g_main_context_iteration (NULL, TRUE);
  duka_test_spin ();
  g_assert_null (find_override_dialog ());
  g_assert_cmpstr (duka_current_staff_get_name (f->current), ==, "Amina");
}


static DukaSellDialog *
find_sell_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (DUKA_IS_SELL_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return DUKA_SELL_DIALOG (window);
    }
  return NULL;
}

static gboolean
line_voided (DukaSellView *view,
             const char   *line_id)
{
  g_autoptr(DukaOrder) order = duka_register_get_order (duka_sell_view_get_register (view),
                                                        duka_sell_view_get_order_id (view), NULL);

  for (guint i = 0; order != NULL && i < order->lines->len; i++)
    {
      DukaOrderLine *line = order->lines->pdata[i];

      if (g_strcmp0 (line->id, line_id) == 0)
        return line->voided;
    }
  return TRUE;
}

/* A cashier voids a line in the Sell view: core refuses her, the form
 * keeps what she typed and offers to ask a manager; the manager's PIN
 * voids it, and the audit entry names both. */
static void
test_sell_override (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DukaCatalog) catalog = duka_catalog_new (duka_business_settings_get_store (f->settings));
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *amina = staff_id_of (f, "Amina");
  g_autofree char *otieno = staff_id_of (f, "Otieno");
  g_autofree char *line_id = NULL;
  g_autofree char *action = NULL;
  g_autofree char *actor_id = NULL;
  g_autofree char *approver_id = NULL;
  DukaActor owner = { staff_id_of (f, "Wanjiru"), NULL, NULL };
  JsonArray *barcodes = json_array_new ();
  DukaOverrideDialog *override;
  DukaSellDialog *dialog;
  DukaSellView *view;
  GtkWidget *ask;

  json_array_add_string_element (barcodes, "96385074");
  json_object_set_string_member (record, "name", "Samosa");
  json_object_set_int_member (record, "price", 5000);
  json_object_set_array_member (record, "barcodes", barcodes);
  g_assert_true (duka_catalog_save (catalog, &owner, "product", record, NULL, &error));
  g_assert_no_error (error);
  g_free (owner.staff_id);

  sign_in (f, "Amina", "3000");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "sell"));
  duka_test_spin ();
  view = DUKA_SELL_VIEW (duka_window_get_view (f->window, "sell"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (view), DUKA_TYPE_SELL_VIEW,
                                                                      "float_row")), "100");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "sell.open-session", NULL));
  g_assert_true (duka_sell_view_add_barcode (view, "96385074"));
  duka_test_spin ();
  line_id = g_strdup (duka_sell_view_get_selected_line (view));
  g_assert_nonnull (line_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "sell.void-line", NULL));
  duka_test_spin ();
  dialog = find_sell_dialog ();
  g_assert_nonnull (dialog);
  /* Typing starts in the reason, not on Cancel. */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));
    GtkWidget *reason = GTK_WIDGET (duka_sell_dialog_get_entry (dialog, "reason"));

    g_assert_true (focus == reason || gtk_widget_is_ancestor (focus, reason));
  }
  duka_sell_dialog_set_text (dialog, "reason", "Dropped on the floor");
  g_assert_false (duka_sell_dialog_apply (dialog));
  g_assert_nonnull (strstr (duka_sell_dialog_get_error (dialog), "Remove a line from an order"));
  g_assert_cmpstr (duka_sell_dialog_get_text (dialog, "reason"), ==, "Dropped on the floor");
  g_assert_false (line_voided (view, line_id));

  ask = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (GTK_IS_BUTTON (ask));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (ask)), ==, "Ask a _Manager");
  g_assert_true (gtk_widget_get_visible (ask));
  g_signal_emit_by_name (ask, "clicked");
  duka_test_spin ();
  override = find_override_dialog ();
  g_assert_nonnull (override);
  g_assert_true (duka_override_dialog_choose_approver (override, otieno));
  type_pin (DUKA_PIN_PAD (gtk_widget_get_template_child (GTK_WIDGET (override), DUKA_TYPE_OVERRIDE_DIALOG,
                                                         "pin_pad")), "2000");
  while (!line_voided (view, line_id))
    g_main_context_iteration (NULL, TRUE);
  duka_test_spin ();
  g_assert_null (find_override_dialog ());
  g_assert_null (find_sell_dialog ());

  action = last_audit (f, "action");
  actor_id = last_audit (f, "actor_id");
  approver_id = last_audit (f, "approver_id");
  g_assert_cmpstr (action, ==, "order_line.void");
  g_assert_cmpstr (actor_id, ==, amina);
  g_assert_cmpstr (approver_id, ==, otieno);

  /* The approval was for that one action: Amina is still herself. */
  {
    g_autoptr(DukaActor) own = duka_current_staff_dup_actor (f->current);

    g_assert_null (own->approver_id);
  }
}

/* Without anyone holding a PIN, the till works as before, as the owner. */
static void
test_no_staff (void)
{
  g_autoptr(DukaBusinessSettings) settings = duka_test_new_business_settings (TRUE);
  g_autoptr(DukaStaff) staff = duka_staff_new (duka_business_settings_get_store (settings));
  DukaWindow *window;
  DukaCurrentStaff *current;
  g_autoptr(DukaActor) actor = NULL;

  duka_staff_install_resolver (staff);
  window = duka_window_new (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  duka_test_wait_mapped (GTK_WIDGET (window));
  current = duka_window_get_current_staff (window);

  g_assert_false (duka_current_staff_get_required (current));
  g_assert_false (duka_current_staff_get_locked (current));
  actor = duka_current_staff_dup_actor (current);
  g_assert_true (duka_actor_is_owner (actor));
  g_assert_true (duka_current_staff_can (current, DUKA_PERMISSION_MANAGE_SETTINGS));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-user", NULL) &&
                  duka_current_staff_get_locked (current));
  g_assert_false (duka_current_staff_get_locked (current));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "settings");
  duka_test_spin ();
  g_assert_cmpstr (duka_window_get_visible_view (window), ==, "settings");

  duka_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  duka_test_ui_init (&argc, &argv);

  g_test_add ("/lock/at-start", Fixture, NULL, fixture_set_up, test_lock_at_start, fixture_tear_down);
  g_test_add ("/lock/sign-in-keyboard", Fixture, NULL, fixture_set_up, test_sign_in_keyboard, fixture_tear_down);
  g_test_add ("/lock/sign-in-buttons", Fixture, NULL, fixture_set_up, test_sign_in_buttons, fixture_tear_down);
  g_test_add ("/lock/wrong-pin", Fixture, NULL, fixture_set_up, test_wrong_pin, fixture_tear_down);
  g_test_add ("/lock/switch-user", Fixture, NULL, fixture_set_up, test_switch_user, fixture_tear_down);
  g_test_add ("/lock/override", Fixture, NULL, fixture_set_up, test_override, fixture_tear_down);
  g_test_add ("/lock/menu-override", Fixture, NULL, fixture_set_up, test_menu_override, fixture_tear_down);
  g_test_add ("/lock/sell-override", Fixture, NULL, fixture_set_up, test_sell_override, fixture_tear_down);
  g_test_add_func ("/lock/no-staff", test_no_staff);

  return g_test_run ();
}
