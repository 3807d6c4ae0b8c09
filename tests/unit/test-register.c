/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register, refunds and cash sessions against a real store: totals,
 * tenders and change, cash rounding, gapless receipt numbers and the hash
 * chain, partial refunds that never exceed what was sold, X/Z reports,
 * bad input refused with nothing half-written.
 */
#include <sqlite3.h>
#include <string.h>

#include "duka-cash-sessions.h"
#include "duka-catalog.h"
#include "duka-demo.h"
#include "duka-permissions.h"
#include "duka-receipt-settings.h"
#include "duka-register.h"
#include "duka-registry.h"
#include "duka-selling-private.h"
#include "duka-staff.h"
#include "duka-store-private.h"

#define CASH "01900000-0000-7000-8000-00000000c001"
#define CARD "01900000-0000-7000-8000-00000000c002"

typedef struct
{
  char             *dir;
  DukaClock        *clock;
  DukaStore        *store;
  DukaCatalog      *catalog;
  DukaRegister     *reg;
  DukaCashSessions *sessions;
  DukaActor        *owner;
  char             *vat;       /* tax class: VAT 16 % */
  char             *coffee;    /* 250.00, VAT */
  char             *cheese;    /* 100.00 a kg, weighed, VAT */
  char             *third;     /* 10.00, three of them refunded one by one */
} Fixture;

static gint64
query_int (Fixture    *f,
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

static gboolean
set_currency (DukaStore  *store,
              sqlite3    *db,
              gpointer    user_data,
              GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE outlet SET currency = '%s', tax_regime = 'inclusive'",
                                          (const char *) user_data);

  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static char *
save (Fixture    *f,
      const char *kind,
      JsonObject *record)
{
  g_autoptr(GError) error = NULL;
  char *id = NULL;

  duka_catalog_save (f->catalog, f->owner, kind, record, &id, &error);
  g_assert_no_error (error);
  return id;
}

static char *
product (Fixture    *f,
         const char *name,
         gint64      price,
         gboolean    weighed)
{
  g_autoptr(JsonObject) record = json_object_new ();

  json_object_set_string_member (record, "name", name);
  json_object_set_int_member (record, "price", price);
  json_object_set_string_member (record, "tax_class_id", f->vat);
  json_object_set_string_member (record, "unit", weighed ? "weight" : "each");
  json_object_set_array_member (record, "barcodes", json_array_new ());
  return save (f, "product", record);
}

static void
set_up_currency (Fixture    *f,
                 const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) tax = json_object_new ();
  g_autoptr(JsonArray) rates = json_array_new ();
  JsonObject *rate = json_object_new ();

  f->dir = g_dir_make_tmp ("duka-register-XXXXXX", &error);
  g_assert_no_error (error);
  f->clock = duka_clock_new_manual (G_GINT64_CONSTANT (1772353800) * G_USEC_PER_SEC); /* 2026-03-01 08:30 UTC */
  f->store = duka_store_open_full (f->dir, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (duka_store_write (f->store, set_currency, (gpointer) currency, &error));
  g_assert_no_error (error);

  f->owner = duka_actor_new_owner (NULL);
  f->catalog = duka_catalog_new (f->store);
  f->reg = duka_register_new (f->store, f->catalog);
  f->sessions = duka_cash_sessions_new (f->store);

  json_object_set_string_member (rate, "id", "01900000-0000-7000-8000-0000000a0016");
  json_object_set_string_member (rate, "name", "VAT 16%");
  json_object_set_int_member (rate, "rate", 160000);
  json_object_set_string_member (rate, "band", "A");
  json_array_add_object_element (rates, rate);
  json_object_set_string_member (tax, "name", "Standard");
  json_object_set_array_member (tax, "rates", g_steal_pointer (&rates));
  f->vat = save (f, "tax_class", tax);

  f->coffee = product (f, "Coffee", 25000, FALSE);
  f->cheese = product (f, "Cheese", 10000, TRUE);
  f->third = product (f, "Pen", 1000, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  set_up_currency (f, data != NULL ? data : "EUR");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  duka_actor_free (f->owner);
  g_free (f->vat);
  g_free (f->coffee);
  g_free (f->cheese);
  g_free (f->third);
  g_assert_finalize_object (f->reg);
  g_assert_finalize_object (f->sessions);
  g_assert_finalize_object (f->catalog);
  g_assert_finalize_object (f->store);
  g_object_unref (f->clock);
  g_free (f->dir);
}

static void
open_session (Fixture *f,
              gint64   float_amount)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert_true (duka_cash_sessions_open (f->sessions, f->owner, float_amount, &id, &error));
  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static char *
add (Fixture    *f,
     const char *order_id,
     const char *product_id,
     gint64      quantity)
{
  g_autoptr(GError) error = NULL;
  DukaLineRequest request = { .product_id = product_id, .quantity = quantity };
  char *line = NULL;

  g_assert_true (duka_register_add_line (f->reg, f->owner, order_id, &request, &line, &error));
  g_assert_no_error (error);
  return line;
}

static char *
new_order (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *id = duka_register_open_order (f->reg, f->owner, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
pay (Fixture    *f,
     const char *order_id,
     const char *tender,
     gint64      amount)
{
  g_autoptr(GError) error = NULL;
  DukaTender tenders[] = { { tender, amount, NULL, NULL, NULL } };
  char *sale = NULL;

  g_assert_true (duka_register_complete (f->reg, f->owner, order_id, tenders, 1, &sale, &error));
  g_assert_no_error (error);
  return sale;
}

/* Two coffees and 1.5 kg of cheese, inclusive VAT 16 %, paid in cash with
 * change; the sale freezes names, prices, taxes and payments. */
static void
test_cash_sale (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = new_order (f);
  g_autofree char *l1 = NULL, *l2 = NULL, *sale_id = NULL;
  g_autoptr(DukaOrder) o = NULL;
  g_autoptr(JsonObject) sale = NULL;
  JsonArray *lines, *payments;

  open_session (f, 10000);
  l1 = add (f, order, f->coffee, 2000);
  l2 = add (f, order, f->cheese, 1500);

  o = duka_register_get_order (f->reg, order, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o->lines->len, ==, 2);
  g_assert_cmpint (o->subtotal, ==, 50000 + 15000);
  /* 50000 − 50000/1.16 = 6896.55 → 6897; 15000 − 15000/1.16 = 2068.97 → 2069 */
  g_assert_cmpint (o->tax, ==, 6897 + 2069);
  g_assert_cmpint (o->total, ==, 65000);
  g_assert_cmpint (o->item_count, ==, 3500);

  sale_id = pay (f, order, CASH, 70000);
  sale = duka_register_load_sale (f->reg, sale_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (sale, "total"), ==, 65000);
  g_assert_cmpint (json_object_get_int_member (sale, "paid"), ==, 65000);
  g_assert_cmpint (json_object_get_int_member (sale, "change"), ==, 5000);
  g_assert_cmpint (json_object_get_int_member (sale, "cash_rounding"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (sale, "number"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (sale, "receipt_no"), ==, "T1-1");
  g_assert_cmpstr (json_object_get_string_member (sale, "business_date"), ==, "2026-03-01");
  lines = json_object_get_array_member (sale, "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0), "name"), ==, "Coffee");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 1), "total"), ==, 15000);
  payments = json_object_get_array_member (sale, "payments");
  g_assert_cmpuint (json_array_get_length (payments), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (payments, 0), "tendered"), ==, 70000);

  /* Today's price changes nothing in the stored sale. */
  {
    g_autoptr(JsonObject) changes = json_object_new ();
    json_object_set_string_member (changes, "id", f->coffee);
    json_object_set_int_member (changes, "price", 99900);
    g_free (save (f, "product", changes));
  }
  g_clear_pointer (&sale, json_object_unref);
  sale = duka_register_load_sale (f->reg, sale_id, &error);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (sale, "lines"), 0), "unit_price"), ==, 25000);

  /* The order is closed, stock left, the op is queued. */
  g_assert_null (duka_register_get_order (f->reg, order, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_NOT_OPEN);
  g_assert_cmpint (query_int (f, "SELECT sum (on_hand) FROM stock_level"), ==, -3500);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox WHERE kind = 'sale'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox WHERE kind = 'stock_movement'"), ==, 2);
}

static void
test_cash_rounding (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = new_order (f);
  g_autofree char *sale_id = NULL;
  g_autofree char *line = NULL;
  g_autoptr(JsonObject) sale = NULL;

  open_session (f, 0);
  line = add (f, order, f->cheese, 1255);   /* 125.50 in KES: cash in whole shillings */
  g_assert_cmpint (duka_register_cash_due (f->reg, 12550), ==, 12600);
  sale_id = pay (f, order, CASH, 20000);
  sale = duka_register_load_sale (f->reg, sale_id, &error);
  g_assert_cmpint (json_object_get_int_member (sale, "cash_rounding"), ==, 50);
  g_assert_cmpint (json_object_get_int_member (sale, "total"), ==, 12600);
  g_assert_cmpint (json_object_get_int_member (sale, "change"), ==, 7400);
}

static void
test_split_tenders (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = new_order (f);
  g_autofree char *line = add (f, order, f->coffee, 3000);   /* 750.00 */
  g_autofree char *sale_id = NULL;
  g_autofree gint64 *parts = duka_register_split_evenly (75000, 4);
  DukaTender over[] = { { CARD, 80000, "1234", "A1B2", NULL } };
  DukaTender short_[] = { { CARD, 30000, "1234", NULL, NULL }, { CASH, 40000, NULL, NULL, NULL } };
  DukaTender bad_card[] = { { CARD, 75000, "12345678", NULL, NULL } };
  DukaTender split[] = { { CARD, 30000, "4242", "OK77", NULL }, { CASH, 50000, NULL, NULL, NULL } };
  g_autoptr(JsonObject) sale = NULL;

  g_assert_cmpint (parts[0] + parts[1] + parts[2] + parts[3], ==, 75000);
  g_assert_cmpint (parts[0], ==, 18750);

  /* No session: no sale. */
  g_assert_false (duka_register_complete (f->reg, f->owner, order, split, 2, NULL, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_NO_CASH_SESSION);
  g_clear_error (&error);
  open_session (f, 0);

  g_assert_false (duka_register_complete (f->reg, f->owner, order, over, 1, NULL, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (duka_register_complete (f->reg, f->owner, order, short_, 2, NULL, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_UNDERPAID);
  g_clear_error (&error);
  g_assert_false (duka_register_complete (f->reg, f->owner, order, bad_card, 1, NULL, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM sale"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM chain_link"), ==, 0);

  g_assert_true (duka_register_complete (f->reg, f->owner, order, split, 2, &sale_id, &error));
  g_assert_no_error (error);
  sale = duka_register_load_sale (f->reg, sale_id, &error);
  g_assert_cmpint (json_object_get_int_member (sale, "change"), ==, 5000);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (sale, "payments"), 0), "card_last4"), ==, "4242");
}

static void
test_discounts_and_limits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaStaff) staff = duka_staff_new (f->store);
  g_autofree char *order = new_order (f);
  g_autofree char *line = add (f, order, f->coffee, 2000);     /* 500.00 */
  g_autofree char *cashier_role = NULL;
  g_autofree char *cashier_id = NULL;
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(JsonArray) roles = json_array_new ();
  g_autoptr(DukaOrder) o = NULL;
  DukaActor cashier = { 0 };
  DukaActor approved = { 0 };
  g_autofree char *owner_id = NULL;

  g_assert_true (duka_staff_ensure_built_in_roles (staff, &error));
  duka_staff_install_resolver (staff);
  cashier_role = duka_staff_dup_built_in_role_id (staff, "cashier");
  json_array_add_string_element (roles, cashier_role);
  json_object_set_string_member (person, "name", "Beth");
  json_object_set_array_member (person, "role_ids", g_steal_pointer (&roles));
  g_assert_true (duka_staff_save (staff, f->owner, "staff", person, &cashier_id, &error));
  g_assert_no_error (error);
  cashier.staff_id = cashier_id;

  /* Beyond 100 %, both kinds, no reason. */
  g_assert_false (duka_register_discount_line (f->reg, f->owner, line, 1500000, 0, "x", &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (duka_register_discount_line (f->reg, f->owner, line, 100000, 100, "x", &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (duka_register_discount_line (f->reg, f->owner, line, 100000, 0, "  ", &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);

  /* A cashier may give up to 10 %: 20 % (or 100.00 of 500.00) is refused,
   * unless a manager (here the owner's role) approves it. */
  g_assert_false (duka_register_discount_line (f->reg, &cashier, line, 200000, 0, "Regular", &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_DISCOUNT_LIMIT);
  g_clear_error (&error);
  g_assert_false (duka_register_discount_line (f->reg, &cashier, line, 0, 10000, "Regular", &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_DISCOUNT_LIMIT);
  g_clear_error (&error);
  g_assert_true (duka_register_discount_line (f->reg, &cashier, line, 100000, 0, "Regular", &error));
  g_assert_no_error (error);

  {
    g_autoptr(JsonObject) boss = json_object_new ();
    g_autoptr(JsonArray) boss_roles = json_array_new ();
    g_autofree char *owner_role = duka_staff_dup_built_in_role_id (staff, "owner");

    json_array_add_string_element (boss_roles, owner_role);
    json_object_set_string_member (boss, "name", "Amina");
    json_object_set_array_member (boss, "role_ids", g_steal_pointer (&boss_roles));
    g_assert_true (duka_staff_save (staff, f->owner, "staff", boss, &owner_id, &error));
    g_assert_no_error (error);
  }
  approved.staff_id = cashier_id;
  approved.approver_id = owner_id;
  g_assert_true (duka_register_discount_order (f->reg, &approved, order, 0, 5000, "Complaint", &error));
  g_assert_no_error (error);

  o = duka_register_get_order (f->reg, order, &error);
  g_assert_no_error (error);
  /* 500.00 − 10 % = 450.00, − 50.00 = 400.00 */
  g_assert_cmpint (o->total, ==, 40000);
  g_assert_cmpint (o->discounts, ==, 10000);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM audit WHERE action LIKE '%.discount'"), ==, 2);

  /* A new price needs the right to override prices: the cashier lacks it,
   * the manager's approval gives it; the line keeps its id. */
  g_assert_false (duka_register_set_price (f->reg, &cashier, line, 30000, &error));
  g_assert_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (duka_register_set_price (f->reg, &approved, line, -1, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (duka_register_set_price (f->reg, &approved, line, 30000, &error));
  g_assert_no_error (error);
  g_clear_pointer (&o, duka_order_free);
  o = duka_register_get_order (f->reg, order, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o->lines->len, ==, 1);
  /* 2 × 300.00 = 600.00 − 10 % = 540.00, − 50.00 = 490.00 */
  g_assert_cmpint (o->total, ==, 49000);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM audit WHERE action = 'order_line.price'"
                                 " AND approver_id IS NOT NULL"), ==, 1);

  /* A waiter-less actor path: a refund needs the refund permission. */
  g_assert_false (duka_register_refund (f->reg, &cashier, "01900000-0000-7000-8000-000000000999",
                                        NULL, 0, NULL, "x", FALSE, NULL, &error));
  g_assert_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  duka_permission_clear_resolver (staff);
}

static void
test_bad_lines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = new_order (f);
  g_autofree char *line = add (f, order, f->coffee, 1000);
  DukaLineRequest zero = { .product_id = f->coffee, .quantity = 0 };
  DukaLineRequest huge = { .product_id = f->coffee, .quantity = 5000000 };
  DukaLineRequest ghost = { .product_id = "01900000-0000-7000-8000-0000000000ff", .quantity = 1000 };
  gint64 ops = query_int (f, "SELECT count (*) FROM outbox");

  g_assert_false (duka_register_add_line (f->reg, f->owner, order, &zero, NULL, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (duka_register_add_line (f->reg, f->owner, order, &huge, NULL, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  duka_register_set_max_quantity (f->reg, 10000000);
  g_assert_true (duka_register_add_line (f->reg, f->owner, order, &huge, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (duka_register_add_line (f->reg, f->owner, order, &ghost, NULL, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (duka_register_set_quantity (f->reg, f->owner, line, -1, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (duka_register_void_line (f->reg, f->owner, line, "", &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (duka_register_void_line (f->reg, f->owner, line, "Customer changed mind", &error));
  g_assert_no_error (error);
  g_assert_false (duka_register_set_quantity (f->reg, f->owner, line, 2000, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  /* One op for the accepted line, one for the void: nothing for refusals. */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox"), ==, ops + 2);
}

/* Parked orders survive a restart of the store. */
static void
test_park_and_restart (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = new_order (f);
  g_autofree char *line = add (f, order, f->coffee, 1000);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(DukaOrder) o = NULL;

  g_assert_true (duka_register_set_parked (f->reg, f->owner, order, TRUE, "Table 4", &error));
  g_assert_no_error (error);

  g_assert_finalize_object (f->reg);
  g_assert_finalize_object (f->sessions);
  g_assert_finalize_object (f->catalog);
  g_assert_finalize_object (f->store);
  f->store = duka_store_open_full (f->dir, f->clock, &error);
  g_assert_no_error (error);
  f->catalog = duka_catalog_new (f->store);
  f->reg = duka_register_new (f->store, f->catalog);
  f->sessions = duka_cash_sessions_new (f->store);

  open = duka_register_list_open_orders (f->reg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (json_object_get_boolean_member (g_ptr_array_index (open, 0), "parked"));
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (open, 0), "name"), ==, "Table 4");
  o = duka_register_get_order (f->reg, order, &error);
  g_assert_cmpint (o->total, ==, 25000);
}

static void
test_partial_refunds (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = new_order (f);
  g_autofree char *line = add (f, order, f->third, 3000);
  g_autofree char *sale_id = NULL;
  g_autoptr(JsonObject) sale = NULL;
  const char *sale_line;
  gint64 refunded = 0;

  open_session (f, 0);
  g_assert_true (duka_register_discount_line (f->reg, f->owner, line, 0, 1, "Scratched", &error));
  g_assert_no_error (error);
  sale_id = pay (f, order, CASH, 2999);    /* 29.99 for three: thirds do not divide */
  sale = duka_register_load_sale (f->reg, sale_id, &error);
  sale_line = json_object_get_string_member (json_array_get_object_element (
                json_object_get_array_member (sale, "lines"), 0), "id");

  for (int i = 0; i < 3; i++)
    {
      DukaRefundLine one = { sale_line, 1000 };
      g_autofree char *refund_id = NULL;
      g_autoptr(JsonObject) refund = NULL;

      g_assert_true (duka_register_refund (f->reg, f->owner, sale_id, &one, 1, NULL, "Broken",
                                           i == 0, &refund_id, &error));
      g_assert_no_error (error);
      refund = duka_register_load_refund (f->reg, refund_id, &error);
      g_assert_no_error (error);
      refunded += json_object_get_int_member (refund, "total");
      g_assert_cmpint (json_object_get_int_member (refund, "number"), ==, 2 + i);
    }
  /* Three partial refunds return exactly what was paid. */
  g_assert_cmpint (refunded, ==, 2999);

  {
    DukaRefundLine more = { sale_line, 1000 };
    g_assert_false (duka_register_refund (f->reg, f->owner, sale_id, &more, 1, NULL, "Again",
                                          FALSE, NULL, &error));
    g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_REFUND_TOO_LARGE);
    g_clear_error (&error);
    g_assert_false (duka_register_refund (f->reg, f->owner, sale_id, NULL, 0, NULL, "Again",
                                          FALSE, NULL, &error));
    g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_REFUND_TOO_LARGE);
    g_clear_error (&error);
  }
  /* Restocked once (one pen back), sold three. */
  g_assert_cmpint (query_int (f, "SELECT sum (on_hand) FROM stock_level"), ==, -2000);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM refund"), ==, 3);
}

static void
test_refund_more_than_sold (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = new_order (f);
  g_autofree char *line = add (f, order, f->coffee, 2000);
  g_autofree char *sale_id = NULL;
  g_autoptr(JsonObject) sale = NULL;
  DukaRefundLine too_many = { NULL, 3000 };
  DukaRefundLine some = { NULL, 1000 };

  open_session (f, 0);
  sale_id = pay (f, order, CARD, 50000);
  sale = duka_register_load_sale (f->reg, sale_id, &error);
  too_many.sale_line_id = some.sale_line_id = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (sale, "lines"), 0), "id");

  g_assert_false (duka_register_refund (f->reg, f->owner, sale_id, &too_many, 1, NULL, "x", FALSE, NULL, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_REFUND_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (duka_register_refund (f->reg, f->owner, sale_id, &some, 1, NULL, " ", FALSE, NULL, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM refund"), ==, 0);

  /* To another tender: cash back for a card sale. */
  g_assert_true (duka_register_refund (f->reg, f->owner, sale_id, &some, 1, CASH, "Faulty", FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT amount FROM refund_payment WHERE kind = 'cash'"), ==, 25000);
}

static gboolean
chain_holds (Fixture *f)
{
  sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev = g_strdup (DUKA_CHAIN_GENESIS);
  gint64 expected_seq = 1;
  gboolean ok = TRUE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, kind, payload, prev_hash, hash FROM chain_link ORDER BY seq",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *hash = duka_chain_hash ((const char *) sqlite3_column_text (stmt, 3),
                                               (const char *) sqlite3_column_text (stmt, 1),
                                               sqlite3_column_int64 (stmt, 0),
                                               (const char *) sqlite3_column_text (stmt, 2));

      ok &= sqlite3_column_int64 (stmt, 0) == expected_seq++;
      ok &= g_str_equal (prev, (const char *) sqlite3_column_text (stmt, 3));
      ok &= g_str_equal (hash, (const char *) sqlite3_column_text (stmt, 4));
      g_free (prev);
      prev = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_finalize (stmt);
  duka_store_release_reader (f->store, db);
  return ok;
}

static void
test_numbers_and_chain (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  open_session (f, 0);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *order = new_order (f);
      g_autofree char *line = add (f, order, f->coffee, 1000);
      g_autofree char *sale = pay (f, order, CASH, 25000);

      if (i == 10)
        g_assert_true (duka_cash_sessions_move (f->sessions, f->owner, DUKA_CASH_OUT, 1000, "Milk", &error));
    }
  g_assert_no_error (error);

  g_assert_cmpint (query_int (f, "SELECT count (*) FROM sale"), ==, 20);
  g_assert_cmpint (query_int (f, "SELECT max (number) - min (number) + 1 FROM sale"), ==, 20);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM chain_link"), ==, 21);
  g_assert_true (chain_holds (f));

  /* Every sale op satisfies the contract. */
  {
    sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
    sqlite3_stmt *stmt = NULL;
    int n = 0;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT body FROM outbox WHERE kind = 'sale'", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autoptr(JsonNode) body = json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
        JsonObject *op_data = json_object_get_object_member (json_node_get_object (body), "data");

        g_assert_true (duka_registry_validate (duka_registry_lookup ("sale"), op_data, &error));
        g_assert_no_error (error);
        n++;
      }
    sqlite3_finalize (stmt);
    duka_store_release_reader (f->store, db);
    g_assert_cmpint (n, ==, 20);
  }

  /* Edit one stored payload behind Duka's back: the chain no longer holds. */
  {
    sqlite3 *db = NULL;
    g_autofree char *path = g_build_filename (f->dir, DUKA_STORE_FILENAME, NULL);
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db,
                       "DROP TRIGGER chain_link_no_update;"
                       "UPDATE chain_link SET payload = replace (payload, '25000', '2500') WHERE seq = 5",
                       NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_false (chain_holds (f));
  }
}

static void
test_cash_session_reports (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *session = NULL;
  g_autofree char *z_id = NULL;
  g_autofree char *order1 = new_order (f);
  g_autofree char *order2 = NULL;
  g_autofree char *carry = new_order (f);
  g_autofree char *l1 = add (f, order1, f->coffee, 2000);     /* 500.00 cash */
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = add (f, carry, f->coffee, 1000);
  g_autofree char *s1 = NULL, *s2 = NULL;
  g_autoptr(JsonObject) x = NULL;
  g_autoptr(JsonObject) z = NULL;
  g_autoptr(GPtrArray) zs = NULL;
  JsonObject *cash;
  DukaCashCount counts[] = { { 20000, 3 }, { 1000, 3 } };     /* 630.00 */

  g_assert_null (duka_cash_sessions_dup_open_id (f->sessions));
  g_assert_false (duka_cash_sessions_close (f->sessions, f->owner, counts, 2, NULL, &error));
  g_assert_error (error, DUKA_CASH_SESSIONS_ERROR, DUKA_CASH_SESSIONS_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (duka_cash_sessions_open (f->sessions, f->owner, -5, NULL, &error));
  g_assert_error (error, DUKA_CASH_SESSIONS_ERROR, DUKA_CASH_SESSIONS_ERROR_INVALID);
  g_clear_error (&error);

  open_session (f, 10000);                                     /* float 100.00 */
  session = duka_cash_sessions_dup_open_id (f->sessions);
  g_assert_nonnull (session);
  g_assert_false (duka_cash_sessions_open (f->sessions, f->owner, 0, NULL, &error));
  g_assert_error (error, DUKA_CASH_SESSIONS_ERROR, DUKA_CASH_SESSIONS_ERROR_ALREADY_OPEN);
  g_clear_error (&error);

  s1 = pay (f, order1, CASH, 50000);
  order2 = new_order (f);
  l2 = add (f, order2, f->coffee, 1000);                       /* 250.00 card */
  s2 = pay (f, order2, CARD, 25000);
  g_assert_true (duka_cash_sessions_move (f->sessions, f->owner, DUKA_CASH_IN, 5000, "Change from bank", &error));
  g_assert_true (duka_cash_sessions_move (f->sessions, f->owner, DUKA_CASH_OUT, 2000, "Milk", &error));
  g_assert_false (duka_cash_sessions_move (f->sessions, f->owner, DUKA_CASH_OUT, 0, "Milk", &error));
  g_assert_error (error, DUKA_CASH_SESSIONS_ERROR, DUKA_CASH_SESSIONS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (duka_cash_sessions_move (f->sessions, f->owner, DUKA_CASH_OUT, 100, "", &error));
  g_assert_error (error, DUKA_CASH_SESSIONS_ERROR, DUKA_CASH_SESSIONS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (duka_register_refund (f->reg, f->owner, s1, NULL, 0, NULL, "Wrong order", TRUE, NULL, &error));
  g_assert_no_error (error);

  x = duka_cash_sessions_report (f->sessions, session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (x, "sales"), "count"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (x, "sales"), "total"), ==, 75000);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (x, "refunds"), "total"), ==, 50000);
  cash = json_object_get_object_member (x, "cash");
  /* 100.00 + 500.00 − 500.00 + 50.00 − 20.00 = 130.00 */
  g_assert_cmpint (json_object_get_int_member (cash, "expected"), ==, 13000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (x, "by_tender")), ==, 2);

  g_assert_true (duka_cash_sessions_close (f->sessions, f->owner, counts, 2, &z_id, &error));
  g_assert_no_error (error);
  z = duka_cash_sessions_load_z (f->sessions, z_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (z, "number"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (z, "counted_cash"), ==, 63000);
  g_assert_cmpint (json_object_get_int_member (z, "variance"), ==, 63000 - 13000);

  g_assert_false (duka_cash_sessions_close (f->sessions, f->owner, counts, 2, NULL, &error));
  g_assert_error (error, DUKA_CASH_SESSIONS_ERROR, DUKA_CASH_SESSIONS_ERROR_NOT_OPEN);
  g_clear_error (&error);

  /* The open order carried over; the next session sells it. */
  g_assert_null (duka_cash_sessions_dup_open_id (f->sessions));
  zs = duka_cash_sessions_list_z (f->sessions, "2026-03-01", "t1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zs->len, ==, 1);
  open_session (f, 0);
  g_free (pay (f, carry, CASH, 25000));
  g_assert_true (chain_holds (f));
}

static void
test_receipt_settings (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaReceiptSettings) settings = duka_receipt_settings_new (f->store);
  g_autoptr(DukaTillPrinter) loaded = NULL;
  g_autoptr(JsonObject) template = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *host = NULL;
  guint16 port = 0;
  static const char * const bad[] = { "", "printer:0", "printer:70000", "two words", ":9100", "a:b" };
  DukaTillPrinter printer = { DUKA_PRINTER_NETWORK, NULL, DUKA_RECEIPT_PAPER_58MM, FALSE };

  loaded = duka_receipt_settings_load_printer (settings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->kind, ==, DUKA_PRINTER_NONE);
  g_clear_pointer (&loaded, duka_till_printer_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      printer.address = (char *) bad[i];
      g_assert_false (duka_receipt_settings_save_printer (settings, f->owner, &printer, &error));
      g_assert_error (error, DUKA_RECEIPT_SETTINGS_ERROR, DUKA_RECEIPT_SETTINGS_ERROR_INVALID_ADDRESS);
      g_clear_error (&error);
    }
  g_assert_true (duka_till_printer_parse_network ("till-printer.local", &host, &port, &error));
  g_assert_cmpstr (host, ==, "till-printer.local");
  g_assert_cmpint (port, ==, 9100);

  printer.address = (char *) "10.0.0.7:9101";
  g_assert_true (duka_receipt_settings_save_printer (settings, f->owner, &printer, &error));
  g_assert_no_error (error);
  loaded = duka_receipt_settings_load_printer (settings, &error);
  g_assert_cmpint (loaded->kind, ==, DUKA_PRINTER_NETWORK);
  g_assert_cmpstr (loaded->address, ==, "10.0.0.7:9101");
  g_assert_cmpint (loaded->paper, ==, DUKA_RECEIPT_PAPER_58MM);
  g_assert_false (loaded->open_drawer);

  template = duka_receipt_settings_load_template (settings, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (template, "show_tax_lines"));
  json_object_set_string_member (changes, "footer", "Asante sana!");
  json_object_set_boolean_member (changes, "show_tax_lines", FALSE);
  g_assert_true (duka_receipt_settings_save_template (settings, f->owner, changes, &error));
  g_assert_no_error (error);
  g_clear_pointer (&template, json_object_unref);
  template = duka_receipt_settings_load_template (settings, &error);
  g_assert_cmpstr (json_object_get_string_member (template, "footer"), ==, "Asante sana!");
  g_assert_false (json_object_get_boolean_member (template, "show_tax_lines"));
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox WHERE kind = 'receipt_template'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox WHERE kind LIKE '%printer%'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, currency) \
  g_test_add (path, Fixture, currency, fixture_set_up, func, fixture_tear_down)

  ADD ("/register/cash-sale", test_cash_sale, "EUR");
  ADD ("/register/cash-rounding", test_cash_rounding, "KES");
  ADD ("/register/split-tenders", test_split_tenders, "EUR");
  ADD ("/register/discounts", test_discounts_and_limits, "EUR");
  ADD ("/register/bad-lines", test_bad_lines, "EUR");
  ADD ("/register/park-and-restart", test_park_and_restart, "EUR");
  ADD ("/register/partial-refunds", test_partial_refunds, "EUR");
  ADD ("/register/refund-limits", test_refund_more_than_sold, "EUR");
  ADD ("/register/numbers-and-chain", test_numbers_and_chain, "EUR");
  ADD ("/register/cash-session", test_cash_session_reports, "EUR");
  ADD ("/register/receipt-settings", test_receipt_settings, "EUR");

  return g_test_run ();
}
