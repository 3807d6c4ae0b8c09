/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "duka-audit.h"
#include "duka-business-settings.h"
#include "duka-catalog.h"
#include "duka-catalog-io.h"
#include "duka-demo.h"
#include "duka-permissions.h"
#include "duka-cash-sessions.h"
#include "duka-receipt-settings.h"
#include "duka-register.h"
#include "duka-sales-import.h"
#include "duka-staff.h"
#include "duka-staff-private.h"
#include "duka-store-private.h"
#include "duka-time-clock.h"

#define JAN_1_2026_US G_GINT64_CONSTANT (1767225600000000)
#define SECOND_US G_USEC_PER_SEC

typedef struct
{
  char        *dir;
  DukaClock   *clock;
  DukaStore   *store;
  DukaStaff   *staff;
  DukaCatalog *catalog;
  char        *owner_id;
  DukaActor   *owner;
} Fixture;

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static DukaActor *
actor_for (const char *staff_id,
           const char *approver_id)
{
  DukaActor *actor = g_new0 (DukaActor, 1);

  actor->staff_id = g_strdup (staff_id);
  actor->approver_id = g_strdup (approver_id);
  return actor;
}

/* A person with the given roles, saved by @actor (NULL: set-up). */
static char *
add_person (Fixture         *f,
            const DukaActor *actor,
            const char      *name,
            const char      *role_id)
{
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(JsonArray) roles = json_array_new ();
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  json_array_add_string_element (roles, role_id);
  json_object_set_string_member (person, "name", name);
  json_object_set_array_member (person, "role_ids", g_steal_pointer (&roles));
  json_object_set_int_member (person, "hourly_rate", 25000);
  duka_staff_save (f->staff, actor, "staff", person, &id, &error);
  g_assert_no_error (error);
  return id;
}

/* A custom role granting every permission for which @grant says yes. */
static char *
add_role (Fixture  *f,
          const char *name,
          gboolean  (*grant) (DukaPermission p, DukaPermission only),
          DukaPermission only)
{
  g_autoptr(JsonObject) role = json_object_new ();
  g_autoptr(JsonArray) permissions = json_array_new ();
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  for (guint p = 0; p < DUKA_PERMISSION_N_PERMISSIONS; p++)
    if (grant (p, only))
      {
        JsonObject *item = json_object_new ();

        json_object_set_string_member (item, "name", duka_permission_get_name (p));
        json_array_add_object_element (permissions, item);
      }
  json_object_set_string_member (role, "name", name);
  json_object_set_array_member (role, "permissions", g_steal_pointer (&permissions));
  duka_staff_save (f->staff, f->owner, "role", role, &id, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
grant_only (DukaPermission p, DukaPermission only)
{
  return p == only;
}

static gboolean
grant_all_but (DukaPermission p, DukaPermission only)
{
  return p != only;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner_role = NULL;

  f->dir = g_dir_make_tmp ("duka-staff-XXXXXX", &error);
  g_assert_no_error (error);
  f->clock = duka_clock_new_manual (JAN_1_2026_US);
  f->store = duka_store_open_full (f->dir, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (f->store, &error));
  g_assert_no_error (error);
  f->catalog = duka_catalog_new (f->store);
  f->staff = duka_staff_new (f->store);
  /* The cheapest Argon2id libsodium allows, so valgrind runs stay short;
   * the real cost is measured in /staff/pin/default-cost (-m perf). */
  duka_staff_set_pin_cost (f->staff, 1, 8192);
  g_assert_true (duka_staff_ensure_built_in_roles (f->staff, &error));
  g_assert_no_error (error);
  duka_staff_install_resolver (f->staff);

  /* Until someone holds the owner role, the device's owner sets up. */
  owner_role = duka_staff_dup_built_in_role_id (f->staff, "owner");
  {
    g_autoptr(DukaActor) setup = duka_actor_new_owner (NULL);

    f->owner_id = add_person (f, setup, "Amina Otieno", owner_role);
  }
  f->owner = actor_for (f->owner_id, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  duka_actor_free (f->owner);
  g_free (f->owner_id);
  g_assert_finalize_object (f->catalog);
  /* A finished GTask may still be dropping its worker thread's reference
   * to the staff object just after its callback ran. */
  for (guint i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (f->staff)->ref_count) > 1; i++)
    g_usleep (1000);
  g_assert_finalize_object (f->staff);
  g_assert_finalize_object (f->store);
  g_object_unref (f->clock);
  g_free (f->dir);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);
  return n;
}

/* Permissions ---------------------------------------------------------- */

static void
test_permission_names (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpint (DUKA_PERMISSION_N_PERMISSIONS, >=, 25);
  for (guint p = 0; p < DUKA_PERMISSION_N_PERMISSIONS; p++)
    {
      const char *name = duka_permission_get_name (p);
      DukaPermission back;

      g_assert_nonnull (name);
      g_assert_nonnull (duka_permission_get_label (p));
      g_assert_true (g_hash_table_add (names, (gpointer) name));
      g_assert_true (duka_permission_from_name (name, &back));
      g_assert_cmpint (back, ==, p);
    }
  g_assert_false (duka_permission_from_name ("fly", &(DukaPermission) { 0 }));
}

/* One way to make each privileged call succeed when allowed.  The harness
 * walks the registry, so a new call without an entry here fails the test. */
typedef gboolean (*InvokeFunc) (Fixture *f, const DukaActor *actor, GError **error);

static gboolean
invoke_settings_save (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (f->store);
  g_autoptr(DukaProfile) profile = duka_business_settings_load (settings, NULL);

  return duka_business_settings_save (settings, actor, profile, error);
}

static char *
owner_adds_category (Fixture *f)
{
  g_autoptr(JsonObject) record = parse_object ("{\"name\": \"Scratch\"}");
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  duka_catalog_save (f->catalog, f->owner, "category", record, &id, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
invoke_catalog_save (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(JsonObject) record = parse_object ("{\"name\": \"Specials\"}");

  return duka_catalog_save (f->catalog, actor, "category", record, NULL, error);
}

static gboolean
invoke_catalog_delete (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autofree char *id = owner_adds_category (f);

  return duka_catalog_delete (f->catalog, actor, "category", id, error);
}

static gboolean
invoke_catalog_save_edits (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(JsonObject) record = parse_object ("{\"name\": \"Desserts\"}");
  DukaCatalogEdit edit = { "category", record, FALSE };

  return duka_catalog_save_edits (f->catalog, actor, &edit, 1, NULL, error);
}

static gboolean
invoke_catalog_set_available (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(JsonObject) record = parse_object ("{\"name\": \"Chai\", \"price\": 5000}");
  g_autofree char *id = NULL;

  g_assert_true (duka_catalog_save (f->catalog, f->owner, "product", record, &id, NULL));
  return duka_catalog_set_available (f->catalog, actor, id, FALSE, error);
}

static gboolean
invoke_catalog_move_category (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autofree char *id = owner_adds_category (f);

  return duka_catalog_move_category (f->catalog, actor, id, 0, error);
}

static gboolean
invoke_catalog_import_csv (Fixture *f, const DukaActor *actor, GError **error)
{
  static const char csv[] = "sku,name,price\nTEA,Tea,50\n";
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (csv, -1, NULL);
  g_autoptr(DukaImportReport) report = NULL;

  return duka_catalog_import_csv (f->catalog, actor, input, &report, error);
}

static gboolean
invoke_staff_save (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(JsonObject) record = parse_object ("{\"name\": \"Barista\", \"permissions\": [{\"name\": \"sell\"}]}");

  return duka_staff_save (f->staff, actor, "role", record, NULL, error);
}

static gboolean
invoke_staff_delete (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(JsonObject) record = parse_object ("{\"name\": \"Temporary\"}");
  g_autofree char *id = NULL;

  g_assert_true (duka_staff_save (f->staff, f->owner, "role", record, &id, NULL));
  return duka_staff_delete (f->staff, actor, "role", id, error);
}

static gboolean
invoke_staff_set_pin (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autofree char *cashier = duka_staff_dup_built_in_role_id (f->staff, "cashier");
  g_autofree char *person = add_person (f, f->owner, "Wanjiru", cashier);

  return duka_staff_set_pin (f->staff, actor, person, "4321", error);
}

/* The time clock's calls need a state first (clocked in, on a break).
 * It is made with the owner's approval, and only when the call will be
 * allowed, so a refused call still leaves no trace of who tried. */
static gboolean
invoke_time_clock (Fixture *f, const DukaActor *actor, GError **error,
                   gboolean (*call) (DukaTimeClock *, const DukaActor *, char **, GError **),
                   gboolean clocked_in, gboolean on_break)
{
  g_autoptr(DukaTimeClock) time_clock = duka_time_clock_new (f->store);
  g_autoptr(DukaActor) prepare = actor && actor->staff_id ? actor_for (actor->staff_id, f->owner_id) : NULL;

  if (prepare != NULL && duka_permission_is_granted (actor, DUKA_PERMISSION_CLOCK_IN_OUT))
    {
      if (clocked_in)
        duka_time_clock_clock_in (time_clock, prepare, NULL, NULL);
      duka_clock_advance (f->clock, SECOND_US);
      if (on_break)
        duka_time_clock_start_break (time_clock, prepare, FALSE, NULL, NULL);
      duka_clock_advance (f->clock, SECOND_US);
    }
  return call (time_clock, actor, NULL, error);
}

static gboolean
invoke_clock_in (Fixture *f, const DukaActor *actor, GError **error)
{
  return invoke_time_clock (f, actor, error, duka_time_clock_clock_in, FALSE, FALSE);
}

static gboolean
invoke_clock_out (Fixture *f, const DukaActor *actor, GError **error)
{
  return invoke_time_clock (f, actor, error, duka_time_clock_clock_out, TRUE, FALSE);
}

static gboolean
start_unpaid_break (DukaTimeClock *time_clock, const DukaActor *actor, char **out_id, GError **error)
{
  return duka_time_clock_start_break (time_clock, actor, FALSE, out_id, error);
}

static gboolean
invoke_start_break (Fixture *f, const DukaActor *actor, GError **error)
{
  return invoke_time_clock (f, actor, error, start_unpaid_break, TRUE, FALSE);
}

static gboolean
invoke_end_break (Fixture *f, const DukaActor *actor, GError **error)
{
  return invoke_time_clock (f, actor, error, duka_time_clock_end_break, TRUE, TRUE);
}

static gboolean
invoke_correct_time_entry (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaTimeClock) time_clock = duka_time_clock_new (f->store);
  g_autofree char *cashier = duka_staff_dup_built_in_role_id (f->staff, "cashier");
  g_autofree char *person = add_person (f, f->owner, "Clocked", cashier);
  g_autoptr(DukaActor) clocked = actor_for (person, NULL);
  g_autofree char *entry = NULL;
  gint64 at = duka_clock_now (f->clock);

  g_assert_true (duka_time_clock_clock_in (time_clock, clocked, &entry, NULL));
  return duka_time_clock_correct_entry (time_clock, actor, entry, at, FALSE, "Checked", NULL, error);
}

static gboolean
invoke_time_clock_settings (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaTimeClock) time_clock = duka_time_clock_new (f->store);
  DukaTimeClockSettings settings = { 480, 2400, -1 };
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *outlet = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT outlet_id FROM till WHERE id = (SELECT till_id FROM this_device)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  outlet = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);

  return duka_time_clock_save_settings (time_clock, actor, outlet, &settings, error);
}

/* Selling: the owner sets up an order, a sale or a cash session; the
 * actor under test makes the one call. */
static char *
owner_product (Fixture *f)
{
  g_autoptr(JsonObject) record = parse_object ("{\"name\": \"Tea\", \"price\": 150, \"barcodes\": []}");
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  duka_catalog_save (f->catalog, f->owner, "product", record, &id, &error);
  g_assert_no_error (error);
  return id;
}

static char *
owner_order (Fixture       *f,
             DukaRegister  *reg,
             char         **line_id)
{
  g_autofree char *product = owner_product (f);
  DukaLineRequest request = { .product_id = product, .quantity = 1000 };
  g_autoptr(GError) error = NULL;
  char *order = duka_register_open_order (reg, f->owner, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (duka_register_add_line (reg, f->owner, order, &request, line_id, &error));
  g_assert_no_error (error);
  return order;
}

static void
owner_session (Fixture  *f,
               gboolean  open)
{
  g_autoptr(DukaCashSessions) sessions = duka_cash_sessions_new (f->store);
  g_autofree char *current = duka_cash_sessions_dup_open_id (sessions);
  g_autoptr(GError) error = NULL;

  if (open && current == NULL)
    g_assert_true (duka_cash_sessions_open (sessions, f->owner, 0, NULL, &error));
  else if (!open && current != NULL)
    g_assert_true (duka_cash_sessions_close (sessions, f->owner, NULL, 0, NULL, &error));
  g_assert_no_error (error);
}

#define CASH_TENDER "01900000-0000-7000-8000-00000000c001"

static char *
owner_sale (Fixture      *f,
            DukaRegister *reg)
{
  g_autofree char *order = owner_order (f, reg, NULL);
  DukaTender cash = { CASH_TENDER, 150, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  char *sale = NULL;

  owner_session (f, TRUE);
  g_assert_true (duka_register_complete (reg, f->owner, order, &cash, 1, &sale, &error));
  g_assert_no_error (error);
  return sale;
}

static gboolean
invoke_open_order (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaRegister) reg = duka_register_new (f->store, f->catalog);
  g_autofree char *order = duka_register_open_order (reg, actor, "Tab", error);

  return order != NULL;
}

static gboolean
invoke_add_line (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaRegister) reg = duka_register_new (f->store, f->catalog);
  g_autofree char *order = owner_order (f, reg, NULL);
  g_autofree char *product = owner_product (f);
  DukaLineRequest request = { .product_id = product, .quantity = 2000 };

  return duka_register_add_line (reg, actor, order, &request, NULL, error);
}

#define LINE_INVOKER(fn, call) \
  static gboolean \
  fn (Fixture *f, const DukaActor *actor, GError **error) \
  { \
    g_autoptr(DukaRegister) reg = duka_register_new (f->store, f->catalog); \
    g_autofree char *line = NULL; \
    g_autofree char *order = owner_order (f, reg, &line); \
    (void) order; \
    return call; \
  }

LINE_INVOKER (invoke_set_quantity, duka_register_set_quantity (reg, actor, line, 3000, error))
LINE_INVOKER (invoke_set_price, duka_register_set_price (reg, actor, line, 999, error))
LINE_INVOKER (invoke_set_line_note, duka_register_set_line_note (reg, actor, line, "No sugar", error))
LINE_INVOKER (invoke_void_line, duka_register_void_line (reg, actor, line, "Mistake", error))
LINE_INVOKER (invoke_discount_line, duka_register_discount_line (reg, actor, line, 0, 0, NULL, error))
LINE_INVOKER (invoke_discount_order, duka_register_discount_order (reg, actor, order, 0, 0, NULL, error))
LINE_INVOKER (invoke_set_charge, duka_register_set_charge (reg, actor, order, DUKA_LINE_TIP, 100, error))
LINE_INVOKER (invoke_set_parked, duka_register_set_parked (reg, actor, order, TRUE, "Table 2", error))
LINE_INVOKER (invoke_void_order, duka_register_void_order (reg, actor, order, "Walked out", error))

static gboolean
invoke_save_tender_type (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaRegister) reg = duka_register_new (f->store, f->catalog);
  g_autoptr(JsonObject) record = parse_object ("{\"name\": \"Voucher\", \"kind\": \"other\"}");

  return duka_register_save_tender_type (reg, actor, record, NULL, error);
}

static gboolean
invoke_complete (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaRegister) reg = duka_register_new (f->store, f->catalog);
  g_autofree char *order = owner_order (f, reg, NULL);
  DukaTender cash = { CASH_TENDER, 200, NULL, NULL, NULL };

  owner_session (f, TRUE);
  return duka_register_complete (reg, actor, order, &cash, 1, NULL, error);
}

static gboolean
invoke_refund (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaRegister) reg = duka_register_new (f->store, f->catalog);
  g_autofree char *sale = owner_sale (f, reg);

  return duka_register_refund (reg, actor, sale, NULL, 0, NULL, "Cold", TRUE, NULL, error);
}

static gboolean
invoke_session_open (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaCashSessions) sessions = duka_cash_sessions_new (f->store);

  owner_session (f, FALSE);
  return duka_cash_sessions_open (sessions, actor, 5000, NULL, error);
}

static gboolean
invoke_session_move (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaCashSessions) sessions = duka_cash_sessions_new (f->store);

  owner_session (f, TRUE);
  return duka_cash_sessions_move (sessions, actor, DUKA_CASH_IN, 1000, "Change", error);
}

static gboolean
invoke_sales_import (Fixture *f, const DukaActor *actor, GError **error)
{
  static guint n;
  g_autofree char *line = g_strdup_printf (
    "{\"receipt\": \"OLD-%u\", \"at\": \"2026-01-05T12:31:00+03:00\","
    " \"lines\": [{\"name\": \"Old item\", \"quantity\": 1, \"unit_price\": \"10\"}],"
    " \"payments\": [{\"tender\": \"cash\", \"amount\": \"10\"}]}\n", ++n);
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (line, -1, NULL);

  return duka_sales_import (f->store, actor, input, NULL, NULL, error);
}

static gboolean
invoke_session_close (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaCashSessions) sessions = duka_cash_sessions_new (f->store);
  DukaCashCount counts[] = { { 1000, 2 } };

  owner_session (f, TRUE);
  return duka_cash_sessions_close (sessions, actor, counts, 1, NULL, error);
}

static gboolean
invoke_save_printer (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaReceiptSettings) settings = duka_receipt_settings_new (f->store);
  DukaTillPrinter printer = { DUKA_PRINTER_NETWORK, (char *) "192.168.1.50", DUKA_RECEIPT_PAPER_80MM, TRUE };

  return duka_receipt_settings_save_printer (settings, actor, &printer, error);
}

static gboolean
invoke_save_template (Fixture *f, const DukaActor *actor, GError **error)
{
  g_autoptr(DukaReceiptSettings) settings = duka_receipt_settings_new (f->store);
  g_autoptr(JsonObject) record = parse_object ("{\"footer\": \"Thank you!\"}");

  return duka_receipt_settings_save_template (settings, actor, record, error);
}

static const struct {
  const char *entry_point;
  InvokeFunc  invoke;
} invokers[] = {
  { "duka_receipt_settings_save_printer", invoke_save_printer },
  { "duka_receipt_settings_save_template", invoke_save_template },
  { "duka_register_open_order", invoke_open_order },
  { "duka_register_add_line", invoke_add_line },
  { "duka_register_set_quantity", invoke_set_quantity },
  { "duka_register_set_price", invoke_set_price },
  { "duka_register_set_line_note", invoke_set_line_note },
  { "duka_register_void_line", invoke_void_line },
  { "duka_register_discount_line", invoke_discount_line },
  { "duka_register_discount_order", invoke_discount_order },
  { "duka_register_set_charge", invoke_set_charge },
  { "duka_register_set_parked", invoke_set_parked },
  { "duka_register_void_order", invoke_void_order },
  { "duka_register_save_tender_type", invoke_save_tender_type },
  { "duka_register_complete", invoke_complete },
  { "duka_register_refund", invoke_refund },
  { "duka_cash_sessions_open", invoke_session_open },
  { "duka_cash_sessions_move", invoke_session_move },
  { "duka_cash_sessions_close", invoke_session_close },
  { "duka_sales_import", invoke_sales_import },
  { "duka_time_clock_clock_in", invoke_clock_in },
  { "duka_time_clock_clock_out", invoke_clock_out },
  { "duka_time_clock_start_break", invoke_start_break },
  { "duka_time_clock_end_break", invoke_end_break },
  { "duka_time_clock_correct_entry", invoke_correct_time_entry },
  { "duka_time_clock_save_settings", invoke_time_clock_settings },
  { "duka_business_settings_save", invoke_settings_save },
  { "duka_catalog_save", invoke_catalog_save },
  { "duka_catalog_delete", invoke_catalog_delete },
  { "duka_catalog_save_edits", invoke_catalog_save_edits },
  { "duka_catalog_set_available", invoke_catalog_set_available },
  { "duka_catalog_move_category", invoke_catalog_move_category },
  { "duka_catalog_import_csv", invoke_catalog_import_csv },
  { "duka_staff_save", invoke_staff_save },
  { "duka_staff_delete", invoke_staff_delete },
  { "duka_staff_set_pin", invoke_staff_set_pin },
};

static void
check_call (Fixture                  *f,
            const DukaPrivilegedCall *call,
            InvokeFunc                invoke)
{
  const char *name = duka_permission_get_name (call->permission);
  g_autofree char *lacking_role = add_role (f, "Everything else", grant_all_but, call->permission);
  g_autofree char *having_role = add_role (f, "Just this", grant_only, call->permission);
  g_autofree char *lacker = add_person (f, f->owner, "Lacks it", lacking_role);
  g_autofree char *other_lacker = add_person (f, f->owner, "Also lacks it", lacking_role);
  g_autofree char *haver = add_person (f, f->owner, "Has it", having_role);
  g_autoptr(DukaActor) without = actor_for (lacker, NULL);
  g_autoptr(DukaActor) with = actor_for (haver, NULL);
  g_autoptr(DukaActor) override = actor_for (lacker, haver);
  g_autoptr(DukaActor) bad_override = actor_for (lacker, other_lacker);
  g_autoptr(GError) error = NULL;
  g_autofree char *traces_sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE actor_id = '%s'", lacker);

  g_test_message ("%s needs %s", call->entry_point, name);

  g_assert_false (invoke (f, without, &error));
  g_assert_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (invoke (f, bad_override, &error));
  g_assert_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  /* A refused call leaves no trace of the person who tried. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM outbox WHERE json_extract (body, '$.actor.staff_id') = "
                             "(SELECT id FROM staff WHERE name = 'Lacks it' ORDER BY rowid DESC LIMIT 1)"), ==, 0);
  g_assert_cmpint (count (f, traces_sql), ==, 0);

  g_assert_true (invoke (f, with, &error));
  g_assert_no_error (error);
  g_assert_true (invoke (f, override, &error));
  g_assert_no_error (error);
  g_assert_true (invoke (f, f->owner, &error));
  g_assert_no_error (error);
}

static void
test_every_privileged_call (Fixture       *f,
                            gconstpointer  data)
{
  const DukaPrivilegedCall *calls;
  guint n_calls;

  calls = duka_permission_get_calls (&n_calls);
  g_assert_cmpuint (n_calls, >=, 10);
  for (guint i = 0; i < n_calls; i++)
    {
      InvokeFunc invoke = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (invokers); j++)
        if (g_str_equal (invokers[j].entry_point, calls[i].entry_point))
          invoke = invokers[j].invoke;
      if (invoke == NULL)
        g_error ("%s is in the permission registry but not in test-staff.c's invokers",
                 calls[i].entry_point);
      check_call (f, &calls[i], invoke);
    }
}

static void
test_nobody_after_owner_exists (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(DukaActor) nobody = duka_actor_new_owner (NULL);
  g_autoptr(DukaActor) ghost = actor_for ("01900000-0000-7000-8000-00000000dead", NULL);
  g_autoptr(GError) error = NULL;

  /* Once a person holds the owner role, every change names a person. */
  g_assert_false (invoke_catalog_save (f, nobody, &error));
  g_assert_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (invoke_catalog_save (f, ghost, &error));
  g_assert_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (invoke_staff_save (f, NULL, &error));
  g_assert_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
}

static void
test_built_in_roles (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const codes[] = { "owner", "manager", "cashier", "waiter", "kitchen" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autofree char *cashier_role = duka_staff_dup_built_in_role_id (f->staff, "cashier");
  g_autofree char *manager_role = duka_staff_dup_built_in_role_id (f->staff, "manager");
  g_autofree char *cashier = add_person (f, f->owner, "Otieno", cashier_role);
  g_autofree char *manager = add_person (f, f->owner, "Njeri", manager_role);

  g_assert_true (duka_staff_ensure_built_in_roles (f->staff, &error));
  g_assert_no_error (error);
  roles = duka_staff_list (f->staff, "role", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *id = duka_staff_dup_built_in_role_id (f->staff, codes[i]);

      g_assert_nonnull (id);
    }

  for (guint p = 0; p < DUKA_PERMISSION_N_PERMISSIONS; p++)
    g_assert_true (duka_staff_has_permission (f->staff, f->owner_id, duka_permission_get_name (p)));
  g_assert_true (duka_staff_has_permission (f->staff, cashier, "sell"));
  g_assert_false (duka_staff_has_permission (f->staff, cashier, "refund"));
  g_assert_true (duka_staff_has_permission (f->staff, manager, "refund"));
  g_assert_false (duka_staff_has_permission (f->staff, manager, "manage-gateways"));
}

/* Bad input --------------------------------------------------------------- */

static void
refused (Fixture    *f,
         gboolean    ok,
         GError     *error,
         int         code,
         const char *message_part)
{
  g_assert_false (ok);
  g_assert_error (error, DUKA_STAFF_ERROR, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
}

static void
test_role_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) blank = parse_object ("{\"name\": \"   \"}");
  g_autoptr(JsonObject) sneaky = parse_object ("{\"name\": \"Boss\", \"built_in\": \"owner\"}");
  g_autofree char *owner_role = duka_staff_dup_built_in_role_id (f->staff, "owner");
  g_autoptr(GError) error = NULL;
  gint64 roles = count (f, "SELECT count(*) FROM role");
  gint64 audit = count (f, "SELECT count(*) FROM audit");
  gboolean ok;

  ok = duka_staff_save (f->staff, f->owner, "role", blank, NULL, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_INVALID, "needs a name");
  g_clear_error (&error);
  json_object_remove_member (blank, "name");
  ok = duka_staff_save (f->staff, f->owner, "role", blank, NULL, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_INVALID, "name");
  g_clear_error (&error);
  ok = duka_staff_save (f->staff, f->owner, "role", sneaky, NULL, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_INVALID, "built in");
  g_clear_error (&error);
  ok = duka_staff_delete (f->staff, f->owner, "role", owner_role, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_INVALID, "Built-in roles");
  g_clear_error (&error);

  g_assert_cmpint (count (f, "SELECT count(*) FROM role"), ==, roles);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit"), ==, audit);
}

static void
test_last_owner (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *owner_role = duka_staff_dup_built_in_role_id (f->staff, "owner");
  g_autofree char *cashier_role = duka_staff_dup_built_in_role_id (f->staff, "cashier");
  g_autoptr(JsonObject) inactive = json_object_new ();
  g_autoptr(JsonObject) demoted = parse_object ("{\"role_ids\": []}");
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  gboolean ok;

  json_object_set_string_member (inactive, "id", f->owner_id);
  json_object_set_boolean_member (inactive, "active", FALSE);
  json_object_set_string_member (demoted, "id", f->owner_id);
  json_array_add_string_element (json_object_get_array_member (demoted, "role_ids"), cashier_role);

  ok = duka_staff_save (f->staff, f->owner, "staff", inactive, NULL, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_LAST_OWNER, "without an owner");
  g_clear_error (&error);
  ok = duka_staff_save (f->staff, f->owner, "staff", demoted, NULL, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_LAST_OWNER, "without an owner");
  g_clear_error (&error);
  ok = duka_staff_delete (f->staff, f->owner, "staff", f->owner_id, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_LAST_OWNER, "without an owner");
  g_clear_error (&error);
  g_assert_true (duka_staff_has_permission (f->staff, f->owner_id, "manage-staff"));

  /* With a second owner, the first may step down. */
  second = add_person (f, f->owner, "Baraka", owner_role);
  g_assert_true (duka_staff_save (f->staff, f->owner, "staff", inactive, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (duka_staff_has_permission (f->staff, f->owner_id, "sell"));
}

static void
test_person_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) ghost_role = parse_object ("{\"name\": \"Kip\", \"role_ids\": [\"01900000-0000-7000-8000-00000000beef\"]}");
  g_autoptr(JsonObject) nameless = parse_object ("{\"name\": \" \"}");
  g_autoptr(JsonObject) floaty = parse_object ("{\"name\": \"Kip\", \"hourly_rate\": 12.5}");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = duka_staff_save (f->staff, f->owner, "staff", ghost_role, NULL, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_INVALID, "roles");
  g_clear_error (&error);
  ok = duka_staff_save (f->staff, f->owner, "staff", nameless, NULL, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_INVALID, "needs a name");
  g_clear_error (&error);
  ok = duka_staff_save (f->staff, f->owner, "staff", floaty, NULL, &error);
  refused (f, ok, error, DUKA_STAFF_ERROR_INVALID, "hourly_rate");
}

/* PINs ------------------------------------------------------------------------ */

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ((Waiter *) user_data)->result = g_object_ref (result);
}

static DukaActor *
sign_in (Fixture     *f,
         const char  *staff_id,
         const char  *pin,
         GError     **error)
{
  Waiter waiter = { NULL };
  DukaActor *actor;

  duka_staff_verify_pin_async (f->staff, staff_id, pin, NULL, got_result, &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  actor = duka_staff_verify_pin_finish (f->staff, waiter.result, error);
  g_object_unref (waiter.result);
  return actor;
}

static GBytes *
stored_hash (Fixture    *f,
             const char *staff_id,
             int         column)
{
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;

  sqlite3_prepare_v2 (db, "SELECT salt, hash FROM staff_pin WHERE staff_id = ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);
  return bytes;
}

static void
test_pin_rules (Fixture       *f,
                gconstpointer  data)
{
  static const char * const bad[] = { "", "123", "123456789", "12a4", "12 34", "١٢٣٤" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DukaActor) actor = NULL;

      g_assert_false (duka_staff_set_pin (f->staff, f->owner, f->owner_id, bad[i], &error));
      g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_BAD_PIN);
      g_clear_error (&error);
      actor = sign_in (f, f->owner_id, bad[i], &error);
      g_assert_null (actor);
      g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_BAD_PIN);
      g_clear_error (&error);
    }
  g_assert_cmpint (count (f, "SELECT count(*) FROM staff_pin"), ==, 0);

  /* No PIN yet: said plainly, and no key file is needed to say it. */
  g_assert_null (sign_in (f, f->owner_id, "1234", &error));
  g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_NO_PIN);
}

static void
test_pin_salted_and_keyed (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *cashier_role = duka_staff_dup_built_in_role_id (f->staff, "cashier");
  g_autofree char *other = add_person (f, f->owner, "Otieno", cashier_role);
  g_autofree char *key_path = g_build_filename (f->dir, DUKA_STAFF_KEY_FILENAME, NULL);
  g_autoptr(GBytes) hash_a = NULL;
  g_autoptr(GBytes) hash_b = NULL;
  g_autoptr(GBytes) salt_a = NULL;
  g_autoptr(GBytes) salt_b = NULL;
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (duka_staff_set_pin (f->staff, f->owner, f->owner_id, "2468", &error));
  g_assert_no_error (error);
  g_assert_true (duka_staff_set_pin (f->staff, f->owner, other, "2468", &error));
  g_assert_no_error (error);

  /* Same PIN, different people: nothing in the database says so. */
  hash_a = stored_hash (f, f->owner_id, 1);
  hash_b = stored_hash (f, other, 1);
  salt_a = stored_hash (f, f->owner_id, 0);
  salt_b = stored_hash (f, other, 0);
  g_assert_cmpuint (g_bytes_get_size (hash_a), ==, 32);
  g_assert_false (g_bytes_equal (hash_a, hash_b));
  g_assert_false (g_bytes_equal (salt_a, salt_b));
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'staff.pin-set'"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE instr (coalesce (after, ''), '2468') > 0"), ==, 0);

  /* The key is beside the store, readable by its owner alone. */
  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, 32);

  actor = sign_in (f, other, "2468", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (actor->staff_id, ==, other);
  g_assert_nonnull (actor->till_id);
  g_clear_pointer (&actor, duka_actor_free);

  /* A different key (a copied database on another machine) never matches … */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (key_path, &contents, &length, NULL));
    contents[0] ^= 1;
    g_assert_true (g_file_set_contents (key_path, contents, length, NULL));
    g_assert_null (sign_in (f, other, "2468", &error));
    g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_WRONG_PIN);
    g_clear_error (&error);
  }

  /* … and without the key file, no PIN can be checked at all. */
  g_assert_cmpint (g_unlink (key_path), ==, 0);
  g_assert_null (sign_in (f, other, "2468", &error));
  g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_KEY);
}

static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DukaActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (duka_staff_set_pin (f->staff, f->owner, f->owner_id, "13579", &error));
  g_assert_no_error (error);

  for (guint i = 1; i < 5; i++)
    {
      g_assert_null (sign_in (f, f->owner_id, "00000", &error));
      g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_WRONG_PIN);
      g_clear_error (&error);
    }
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'staff.pin-lockout'"), ==, 0);

  /* The fifth wrong PIN locks the person out for 30 s … */
  g_assert_null (sign_in (f, f->owner_id, "00000", &error));
  g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "30 seconds"));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'staff.pin-lockout'"), ==, 1);

  /* … even the right PIN, until the time is up. */
  duka_clock_advance (f->clock, 29 * SECOND_US);
  g_assert_null (sign_in (f, f->owner_id, "13579", &error));
  g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "1 second"));
  g_clear_error (&error);

  /* Another wrong PIN after it doubles the lockout. */
  duka_clock_advance (f->clock, 1 * SECOND_US);
  g_assert_null (sign_in (f, f->owner_id, "00000", &error));
  g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "60 seconds"));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'staff.pin-lockout'"), ==, 2);

  duka_clock_advance (f->clock, 60 * SECOND_US);
  actor = sign_in (f, f->owner_id, "13579", &error);
  g_assert_no_error (error);
  g_assert_nonnull (actor);
  g_assert_cmpint (count (f, "SELECT count(*) FROM pin_attempt"), ==, 0);

  /* A success starts the count again. */
  g_assert_null (sign_in (f, f->owner_id, "00000", &error));
  g_assert_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_WRONG_PIN);
}

static void
test_pin_default_cost (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-staff-XXXXXX", &error);
  g_autoptr(DukaStore) store = duka_store_open (dir, &error);
  g_autoptr(DukaStaff) staff = NULL;
  g_autofree char *owner_role = NULL;
  g_autoptr(JsonObject) person = NULL;
  g_autoptr(DukaActor) setup = duka_actor_new_owner (NULL);
  g_autofree char *id = NULL;
  Fixture f = { 0 };
  gint64 start, elapsed;

  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (store, &error));
  staff = duka_staff_new (store);
  g_assert_true (duka_staff_ensure_built_in_roles (staff, &error));
  owner_role = duka_staff_dup_built_in_role_id (staff, "owner");
  person = parse_object ("{\"name\": \"Amina\"}");
  json_object_set_array_member (person, "role_ids", json_array_new ());
  json_array_add_string_element (json_object_get_array_member (person, "role_ids"), owner_role);
  g_assert_true (duka_staff_save (staff, setup, "staff", person, &id, &error));
  g_assert_true (duka_staff_set_pin (staff, setup, id, "86420", &error));
  g_assert_no_error (error);

  f.staff = staff;
  f.store = store;
  start = g_get_monotonic_time ();
  {
    g_autoptr(DukaActor) actor = sign_in (&f, id, "86420", &error);

    g_assert_no_error (error);
  }
  elapsed = g_get_monotonic_time () - start;
  g_test_minimized_result ((double) elapsed / 1000, "PIN verification: %" G_GINT64_FORMAT " ms",
                           elapsed / 1000);
  g_assert_cmpint (elapsed, <=, 250 * 1000);
}

/* Audit trail ------------------------------------------------------------------ */

static void
tamper (Fixture    *f,
        const char *sql)
{
  g_autofree char *path = g_build_filename (f->dir, DUKA_STORE_FILENAME, NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static guint
audit_problems (Fixture *f)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (duka_audit_verify (f->store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (problems, i));
  return problems->len;
}

static void
add_audited_changes (Fixture *f)
{
  g_autofree char *cashier_role = duka_staff_dup_built_in_role_id (f->staff, "cashier");
  g_autofree char *a = add_person (f, f->owner, "Otieno", cashier_role);
  g_autofree char *b = add_person (f, f->owner, "Njeri", cashier_role);
  g_autoptr(GError) error = NULL;

  g_assert_true (duka_staff_set_pin (f->staff, f->owner, a, "1111", &error));
  g_assert_no_error (error);
}

static void
test_audit_chain (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_audited_changes (f);
  /* Five built-in roles, the owner, two people, one PIN. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit"), ==, 9);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit WHERE action = 'staff.create'"
                             " AND actor_id IS NOT NULL"), ==, 2);
  g_assert_cmpuint (audit_problems (f), ==, 0);

  /* Append-only for every honest writer. */
  tamper (f, "SELECT 1");
  {
    g_autofree char *path = g_build_filename (f->dir, DUKA_STORE_FILENAME, NULL);
    sqlite3 *db = NULL;

    sqlite3_open (path, &db);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET action = 'x' WHERE seq = 2", NULL, NULL, NULL),
                     !=, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq = 2", NULL, NULL, NULL),
                     !=, SQLITE_OK);
    sqlite3_close (db);
  }
}

static void
test_audit_tampered (Fixture       *f,
                     gconstpointer  data)
{
  add_audited_changes (f);
  tamper (f, "DROP TRIGGER audit_no_update;"
             "UPDATE audit SET after = replace (after, 'Otieno', 'Mallory') WHERE seq = 7");
  g_assert_cmpuint (audit_problems (f), ==, 1);
}

static void
test_audit_deleted (Fixture       *f,
                    gconstpointer  data)
{
  add_audited_changes (f);
  tamper (f, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 4");
  g_assert_cmpuint (audit_problems (f), ==, 1);
}

static void
test_audit_cut_short (Fixture       *f,
                      gconstpointer  data)
{
  add_audited_changes (f);
  tamper (f, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq >= 8");
  g_assert_cmpuint (audit_problems (f), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/staff/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/staff/permissions/names", test_permission_names);
  ADD ("permissions/every-privileged-call", test_every_privileged_call);
  ADD ("permissions/nobody-after-owner-exists", test_nobody_after_owner_exists);
  ADD ("roles/built-in", test_built_in_roles);
  ADD ("roles/rules", test_role_rules);
  ADD ("people/last-owner", test_last_owner);
  ADD ("people/rules", test_person_rules);
  ADD ("pin/rules", test_pin_rules);
  ADD ("pin/salted-and-keyed", test_pin_salted_and_keyed);
  ADD ("pin/lockout", test_lockout);
  ADD ("audit/chain", test_audit_chain);
  ADD ("audit/tampered", test_audit_tampered);
  ADD ("audit/deleted", test_audit_deleted);
  ADD ("audit/cut-short", test_audit_cut_short);
  if (g_test_perf ())
    g_test_add_func ("/staff/pin/default-cost", test_pin_default_cost);

#undef ADD

  return g_test_run ();
}
