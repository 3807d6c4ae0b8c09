/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing past sales, `duka-admin verify` catching tampered selling
 * records, and `duka-admin report z`, against a real store in a temporary
 * folder.  The path of duka-admin is the first argument.
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "duka-cash-sessions.h"
#include "duka-catalog.h"
#include "duka-currency.h"
#include "duka-money.h"
#include "duka-demo.h"
#include "duka-register.h"
#include "duka-sales-import.h"
#include "duka-selling-verify.h"
#include "duka-staff.h"
#include "duka-store-private.h"

#define CASH "01900000-0000-7000-8000-00000000c001"

static const char *admin_path;

typedef struct
{
  char      *dir;
  DukaClock *clock;
  DukaStore *store;
  DukaActor *owner;
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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("duka-sales-admin-XXXXXX", &error);
  g_assert_no_error (error);
  f->clock = duka_clock_new_manual (G_GINT64_CONSTANT (1772353800) * G_USEC_PER_SEC); /* 2026-03-01 08:30 UTC */
  f->store = duka_store_open_full (f->dir, f->clock, &error);
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (duka_demo_fill_catalog (f->store, &error));
  g_assert_no_error (error);
  f->owner = duka_actor_new_owner (NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "duka.sqlite3", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  duka_actor_free (f->owner);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
import_text (Fixture     *f,
             const char  *text,
             guint       *imported,
             GPtrArray  **problems,
             GError     **error)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free);

  return duka_sales_import (f->store, f->owner, input, imported, problems, error);
}

static const char good_file[] =
  "{\"receipt\": \"OLD-1042\", \"at\": \"2026-01-05T12:31:00+03:00\", \"lines\": ["
  "{\"sku\": \"M001\", \"quantity\": 2, \"unit_price\": \"160.00\"},"
  "{\"name\": \"Old mystery cake\", \"quantity\": 1, \"unit_price\": 250, \"discount\": \"10%\", \"tax_rate\": 16}],"
  " \"payments\": [{\"tender\": \"cash\", \"amount\": \"1000\"}]}\n"
  "\n"
  "{\"receipt\": \"OLD-1043\", \"at\": \"2026-01-05T13:02:00\", \"lines\": ["
  "{\"sku\": \"M001\", \"quantity\": 0.5, \"unit_price\": 160, \"discount\": \"20\"}],"
  " \"payments\": [{\"tender\": \"card\", \"amount\": \"60\"}]}\n";

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint imported = 0;

  g_assert_true (import_text (f, good_file, &imported, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (imported, ==, 2);

  /* Frozen as completing does: 2 × 160 + 250 − 10 %; cash over is change. */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM sale WHERE origin = 'imported'"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT total FROM sale WHERE receipt_no = 'T1-IMP-1'"), ==, 54500);
  g_assert_cmpint (query_int (f, "SELECT change FROM sale WHERE receipt_no = 'T1-IMP-1'"), ==, 45500);
  g_assert_cmpint (query_int (f, "SELECT line_discounts FROM sale WHERE receipt_no = 'T1-IMP-1'"), ==, 2500);
  g_assert_cmpint (query_int (f, "SELECT total FROM sale WHERE receipt_no = 'T1-IMP-2'"), ==, 6000);
  g_assert_cmpint (query_int (f, "SELECT quantity FROM sale_line l JOIN sale s ON s.id = l.sale_id"
                                 " WHERE s.receipt_no = 'T1-IMP-2'"), ==, 500);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM sale_payment WHERE reference = 'OLD-1042'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM sale WHERE business_date = '2026-01-05'"), ==, 2);
  /* The items with a product leave stock; the live series is untouched. */
  g_assert_cmpint (query_int (f, "SELECT -sum (quantity) FROM stock_movement WHERE reason = 'sale'"), ==, 2500);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM receipt_series WHERE origin = 'live'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM chain_link"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox WHERE body LIKE '%\"sale\"%'"), >=, 2);

  /* The same file twice is refused, receipt by receipt. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_false (import_text (f, good_file, NULL, &problems, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (problems->pdata[1], ==, "line 3, field receipt: this receipt was already imported");
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM sale"), ==, 2);

  /* And twice in one file. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_error (&error);
  g_assert_false (import_text (f,
    "{\"receipt\": \"N-1\", \"at\": \"2026-01-06T09:00:00\", \"lines\": [{\"name\": \"Tea\", \"quantity\": 1,"
    " \"unit_price\": \"50\"}], \"payments\": [{\"tender\": \"card\", \"amount\": \"50\"}]}\n"
    "{\"receipt\": \"N-1\", \"at\": \"2026-01-06T09:05:00\", \"lines\": [{\"name\": \"Tea\", \"quantity\": 1,"
    " \"unit_price\": \"50\"}], \"payments\": [{\"tender\": \"card\", \"amount\": \"50\"}]}\n",
    NULL, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (problems->pdata[0], ==, "line 2, field receipt: this receipt is in the file twice");
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM sale"), ==, 2);
}

static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  static const char bad_file[] =
    "{\"receipt\": \"A1\", \"at\": \"2026-01-05T12:31:00+03:00\", \"lines\": [{\"sku\": \"M001\", \"quantity\": 1,"
    " \"unit_price\": \"160\"}], \"payments\": [{\"tender\": \"cash\", \"amount\": \"160\"}]}\n"
    "{\"receipt\": \"A2\", \"at\": \"2026-01-05T12:40:00+03:00\", \"lines\": [{\"sku\": \"M001\", \"quantity\": 1,"
    " \"unit_price\": \"160\"}, {\"sku\": \"M001\", \"quantity\": 1, \"unit_price\": \"1\"},"
    " {\"sku\": \"M001\", \"quantity\": 0, \"unit_price\": \"160\"}], \"payments\": [{\"tender\": \"cash\", \"amount\": \"999\"}]}\n"
    "{\"receipt\": \"A3\", \"at\": \"yesterday\", \"lines\": [{\"sku\": \"NO-SUCH\", \"quantity\": 1,"
    " \"unit_price\": \"1\"}], \"payments\": [{\"tender\": \"cheque\", \"amount\": \"1\"}]}\n"
    "{\"receipt\": \"A4\", \"at\": \"2026-01-05T12:50:00+03:00\", \"lines\": [{\"name\": \"Tea\", \"quantity\": 1,"
    " \"unit_price\": \"50\"}], \"payments\": [{\"tender\": \"card\", \"amount\": \"60\"}]}\n"
    "not json\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox = query_int (f, "SELECT count (*) FROM outbox");
  guint imported = 99;

  g_assert_false (import_text (f, bad_file, &imported, &problems, &error));
  g_assert_error (error, DUKA_REGISTER_ERROR, DUKA_REGISTER_ERROR_INVALID);
  g_assert_cmpuint (imported, ==, 0);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 6);
  g_assert_cmpstr (problems->pdata[0], ==, "line 2, field lines[2].quantity: a quantity must be more than zero");
  g_assert_cmpstr (problems->pdata[1], ==, "line 3, field at: a date and time such as 2026-01-05T12:31:00+03:00 is required");
  g_assert_cmpstr (problems->pdata[2], ==, "line 3, field lines[0].sku: no product has the SKU “NO-SUCH”");
  g_assert_true (g_str_has_prefix (problems->pdata[3], "line 3, field payments[0].tender: "));
  g_assert_true (g_str_has_prefix (problems->pdata[4], "line 4, field payments: the payments do not add up to the total"));
  g_assert_true (g_str_has_prefix (problems->pdata[5], "line 5: "));
  g_assert_cmpstr (error->message, ==, "The file has 6 problems; nothing was imported");

  /* Nothing written: not even the good first line. */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM sale"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM receipt_series"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM stock_movement"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox"), ==, outbox);
}

/* Changes the file behind the store's back, as a hand edit would. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  g_autofree char *path = g_build_filename (f->dir, "duka.sqlite3", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static GPtrArray *
verify (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;

  g_assert_true (duka_selling_verify (f->store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) problems->pdata[i]);
  return problems;
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *start)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_has_prefix (problems->pdata[i], start))
      return TRUE;
  return FALSE;
}

static void
import_three (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *third = g_strconcat (good_file,
    "{\"receipt\": \"OLD-1044\", \"at\": \"2026-01-06T09:00:00+03:00\", \"lines\": ["
    "{\"sku\": \"M001\", \"quantity\": 1, \"unit_price\": \"150\"}],"
    " \"payments\": [{\"tender\": \"mobile\", \"amount\": \"150\"}]}\n", NULL);

  g_assert_true (import_text (f, third, NULL, &problems, &error));
  g_assert_no_error (error);
}

static void
test_verify_sound (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  import_three (f);
  problems = verify (f);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_verify_payload (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  import_three (f);
  tamper (f, "DROP TRIGGER chain_link_no_update;"
             "UPDATE chain_link SET payload = replace (payload, '\"total\":54500', '\"total\":5450') WHERE seq = 1");
  problems = verify (f);
  g_assert_true (has_problem (problems, "The receipt chain T1-IMP was changed at T1-IMP-1"));
  g_assert_true (has_problem (problems, "A sale differs from what its receipt chain recorded: T1-IMP-1"));
}

static void
test_verify_dropped_sale (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  import_three (f);
  tamper (f, "DROP TRIGGER sale_no_delete; DROP TRIGGER sale_line_no_delete;"
             "DROP TRIGGER sale_payment_no_delete;"
             "DELETE FROM sale_line WHERE sale_id = (SELECT id FROM sale WHERE number = 2);"
             "DELETE FROM sale_payment WHERE sale_id = (SELECT id FROM sale WHERE number = 2);"
             "DELETE FROM sale_tax WHERE sale_id = (SELECT id FROM sale WHERE number = 2);"
             "DELETE FROM sale WHERE number = 2");
  problems = verify (f);
  g_assert_true (has_problem (problems, "Receipt numbers are missing or repeated in a series: T1-IMP (imported): 2 of 3"));
  g_assert_true (has_problem (problems, "A receipt chain link has no matching record: sale T1-IMP-2"));
}

static void
test_verify_dropped_link (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  import_three (f);
  tamper (f, "DROP TRIGGER chain_link_no_delete; DELETE FROM chain_link WHERE seq = 3");
  problems = verify (f);
  g_assert_true (has_problem (problems, "Links are missing from a receipt chain: T1-IMP (imported): 2 of 3"));
  g_assert_true (has_problem (problems, "A record is missing from its receipt chain: sale T1-IMP-3"));
  g_assert_true (has_problem (problems, "The receipt chain T1-IMP does not end where its series says"));
}

static void
test_verify_stock (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;

  import_three (f);
  tamper (f, "UPDATE stock_level SET on_hand = on_hand + 1000");
  problems = verify (f);
  g_assert_true (has_problem (problems, "Stock on hand does not match its movements: Espresso: -2500 ≠ -3500"));
}

static char *
run_admin (Fixture     *f,
           int         *status,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  char *out = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) admin_path);
  g_ptr_array_add (args, (char *) "--data-dir");
  g_ptr_array_add (args, f->dir);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_DEFAULT,
                               NULL, NULL, &out, NULL, status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_report_z (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DukaCatalog) catalog = duka_catalog_new (f->store);
  g_autoptr(DukaRegister) reg = duka_register_new (f->store, catalog);
  g_autoptr(DukaCashSessions) sessions = duka_cash_sessions_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  g_autofree char *product = NULL;
  g_autofree char *out = NULL;
  g_autofree char *none = NULL;
  DukaTender cash = { CASH, 50000, NULL, NULL, NULL };
  DukaCashCount counts[] = { { 50000, 1 }, { 100000, 1 } };
  DukaLineRequest line = { 0 };
  const DukaCurrency *kes = duka_currency_lookup ("KES");
  g_autofree char *sold = NULL;
  g_autofree char *over = NULL;
  g_autofree char *expect_total = NULL;
  g_autofree char *expect_over = NULL;
  gint64 price = 0;
  int status = -1;

  {
    sqlite3 *db = duka_store_acquire_reader (f->store, NULL);
    sqlite3_stmt *stmt = NULL;

    /* A plain item: no choices, no variants, always on sale. */
    sqlite3_prepare_v2 (db, "SELECT id, price FROM product p WHERE deleted = 0 AND modifier_group_ids = '[]'"
                            " AND available_days IS NULL AND unit = 'each' AND price BETWEEN 1000 AND 20000"
                            " AND NOT EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id)"
                            " ORDER BY sku LIMIT 1", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    product = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    price = sqlite3_column_int64 (stmt, 1);
    sqlite3_finalize (stmt);
    duka_store_release_reader (f->store, db);
  }

  g_assert_true (duka_cash_sessions_open (sessions, f->owner, 100000, NULL, &error));
  g_assert_no_error (error);
  order = duka_register_open_order (reg, f->owner, NULL, &error);
  g_assert_no_error (error);
  line.product_id = product;
  line.quantity = 2000;
  g_assert_true (duka_register_add_line (reg, f->owner, order, &line, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (duka_register_complete (reg, f->owner, order, &cash, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (duka_cash_sessions_close (sessions, f->owner, counts, G_N_ELEMENTS (counts), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);   /* let duka-admin open it alone */

  out = run_admin (f, &status, "report", "z", "--till", "T1", "--date", "2026-03-01", NULL);
  g_test_message ("%s", out);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_str_has_prefix (out, "Z report 1 — 2026-03-01\n"));
  g_assert_nonnull (strstr (out, "  Sales                                       1\n"));
  sold = duka_money_format (2 * price, kes);
  over = duka_money_format (150000 - 100000 - 2 * price, kes);
  expect_total = g_strdup_printf ("  Sales total                  %*s\n", (int) (16 - g_utf8_strlen (sold, -1) + strlen (sold)), sold);
  expect_over = g_strdup_printf ("  Over or short                %*s\n", (int) (16 - g_utf8_strlen (over, -1) + strlen (over)), over);
  g_assert_nonnull (strstr (out, expect_total));
  g_assert_nonnull (strstr (out, expect_over));
  g_clear_pointer (&expect_total, g_free);
  g_clear_pointer (&sold, g_free);
  sold = duka_money_format (100000, kes);
  expect_total = g_strdup_printf ("  Float                        %*s\n", (int) (16 - g_utf8_strlen (sold, -1) + strlen (sold)), sold);
  g_assert_nonnull (strstr (out, expect_total));
  g_assert_nonnull (strstr (out, "Cash drawer\n"));

  none = run_admin (f, &status, "report", "z", "--till", "T1", "--date", "2026-03-02", NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (none, ==, "No Z report for till T1 on 2026-03-02: no cash session was closed that day.\n");

  f->store = duka_store_open_full (f->dir, f->clock, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  admin_path = argv[1];

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sales-import/good", test_import_good);
  ADD ("/sales-import/bad", test_import_bad);
  ADD ("/selling-verify/sound", test_verify_sound);
  ADD ("/selling-verify/payload", test_verify_payload);
  ADD ("/selling-verify/dropped-sale", test_verify_dropped_sale);
  ADD ("/selling-verify/dropped-link", test_verify_dropped_link);
  ADD ("/selling-verify/stock", test_verify_stock);
  ADD ("/report-z/print", test_report_z);
#undef ADD

  return g_test_run ();
}
