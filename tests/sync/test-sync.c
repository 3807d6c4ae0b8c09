/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suite "sync": two tills (two stores in their own data folders, each with
 * its own DukaSyncEngine) paired to one tenant of a real duka-server on a
 * real PostgreSQL (with-postgres.sh) and a real keyring (with-keyring.sh).
 * The tests run in order and share the tills.
 */
#include <sqlite3.h>
#include <string.h>

#include "duka-cash-sessions.h"
#include "duka-catalog.h"
#include "duka-register.h"
#include "duka-secrets.h"
#include "duka-store-private.h"
#include "duka-sync-apply.h"
#include "duka-sync-apply-private.h"
#include "duka-sync-engine.h"
#include "server-test.h"


/* The error first, so a failure says why. */
#define ASSERT_OK(call) \
  G_STMT_START { \
    gboolean ok_ = (call); \
    g_assert_no_error (error); \
    g_assert_true (ok_); \
  } G_STMT_END

#define CASH "01900000-0000-7000-8000-00000000c001"

typedef struct
{
  const char       *name;
  char             *dir;
  DukaStore        *store;
  DukaSyncEngine   *engine;
  DukaCatalog      *catalog;
  DukaRegister     *reg;
  DukaCashSessions *sessions;
  DukaActor        *actor;
  char             *device_id;
} Till;

TestServer *server;
static char *owner_token;
static char *outlet_id;
static Till till_a = { "Front till" }, till_b = { "Back till" };
static char *product_p;   /* made on A, edited on both */

/* Helpers ------------------------------------------------------------------- */

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* Let the status the round posted reach the properties. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return *slot;
}

static gboolean
till_sync (Till    *t,
           GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  duka_sync_engine_sync_async (t->engine, NULL, got_result, &result);
  return duka_sync_engine_sync_finish (t->engine, wait_for (&result), error);
}

static void
sync_ok (Till *t)
{
  g_autoptr(GError) error = NULL;

  ASSERT_OK (till_sync (t, &error));
  g_assert_cmpint (duka_sync_engine_get_status (t->engine), ==, DUKA_SYNC_STATUS_SYNCED);
  g_assert_cmpuint (duka_sync_engine_get_pending (t->engine), ==, 0);
}

static gint64
query_int (Till       *t,
           const char *sql,
           const char *param)
{
  sqlite3 *db = duka_store_acquire_reader (t->store, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  duka_store_release_reader (t->store, db);
  return n;
}

static char *
query_text (Till       *t,
            const char *sql,
            const char *param)
{
  sqlite3 *db = duka_store_acquire_reader (t->store, NULL);
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  duka_store_release_reader (t->store, db);
  return text;
}

static char *
save_product (Till       *t,
              const char *id,
              const char *name,
              gint64      price)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (id != NULL)
    json_object_set_string_member (record, "id", id);
  if (name != NULL)
    json_object_set_string_member (record, "name", name);
  json_object_set_int_member (record, "price", price);
  if (id == NULL)
    {
      json_object_set_string_member (record, "unit", "each");
      json_object_set_array_member (record, "barcodes", json_array_new ());
    }
  ASSERT_OK (duka_catalog_save (t->catalog, t->actor, "product", record, &out, &error));
  return out;
}

static char *
new_pairing_code_for_outlet (void)
{
  g_autofree char *body = g_strdup_printf ("{\"outlet_id\": \"%s\"}", outlet_id);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = test_request (server, "POST", "/api/v1/devices/pairing-codes", owner_token, body, -1, &status);
  g_assert_cmpuint (status, ==, 201);
  return g_strdup (test_member (answer, "code"));
}

static void
till_open (Till *t)
{
  g_autoptr(GError) error = NULL;

  t->dir = g_dir_make_tmp ("duka-sync-till-XXXXXX", &error);
  g_assert_no_error (error);
  t->store = duka_store_open (t->dir, &error);
  g_assert_no_error (error);
  t->engine = duka_sync_engine_new (t->store);
  t->catalog = duka_catalog_new (t->store);
  t->reg = duka_register_new (t->store, t->catalog);
  t->sessions = duka_cash_sessions_new (t->store);
}

static void
till_close (Till *t)
{
  duka_actor_free (t->actor);
  g_assert_finalize_object (t->reg);
  g_assert_finalize_object (t->sessions);
  g_assert_finalize_object (t->catalog);
  g_assert_finalize_object (t->engine);
  g_assert_finalize_object (t->store);
  g_free (t->device_id);
  g_free (t->dir);
}

/* Tests --------------------------------------------------------------------- */

static void
pair_till (Till *t)
{
  g_autofree char *code = new_pairing_code_for_outlet ();
  g_autofree char *url = test_server_url (server, "");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DukaSyncState) state = NULL;

  till_open (t);
  g_assert_cmpint (duka_sync_engine_get_status (t->engine), ==, DUKA_SYNC_STATUS_DISCONNECTED);

  duka_sync_engine_pair_async (t->engine, url, code, t->name, NULL, got_result, &result);
  ASSERT_OK (duka_sync_engine_pair_finish (t->engine, wait_for (&result), &error));

  state = duka_sync_load_state (t->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_assert_cmpstr (state->outlet_id, ==, outlet_id);
  t->device_id = g_strdup (state->device_id);
  t->actor = duka_actor_new_owner (t->device_id);

  /* The store became the till the server registered, in its outlet and
   * business from the first pull. */
  g_assert_cmpint (query_int (t, "SELECT count (*) FROM this_device WHERE till_id = ?1", t->device_id), ==, 1);
  g_assert_cmpint (query_int (t, "SELECT count (*) FROM outlet WHERE id = ?1", outlet_id), ==, 1);
  g_assert_cmpint (query_int (t, "SELECT count (*) FROM business", NULL), ==, 1);
  g_assert_cmpint (duka_sync_engine_get_status (t->engine), ==, DUKA_SYNC_STATUS_SYNCED);
  g_assert_cmpint (duka_sync_engine_get_last_success (t->engine), >, 0);
}

static void
test_pair (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = test_server_url (server, "");
  g_autofree char *code_a = NULL, *code_b = NULL;

  pair_till (&till_a);
  pair_till (&till_b);
  g_assert_cmpstr (till_a.device_id, !=, till_b.device_id);

  /* Each till's code comes from the server, unique in the outlet. */
  code_a = query_text (&till_a, "SELECT code FROM till WHERE id = ?1", till_a.device_id);
  code_b = query_text (&till_b, "SELECT code FROM till WHERE id = ?1", till_b.device_id);
  g_assert_cmpstr (code_a, ==, "T1");
  g_assert_cmpstr (code_b, ==, "T2");

  /* A paired till is not paired again before it disconnects. */
  duka_sync_engine_pair_async (till_a.engine, url, "ZZZZ-ZZZZ", "Again", NULL, got_result, &result);
  g_assert_false (duka_sync_engine_pair_finish (till_a.engine, wait_for (&result), &error));
  g_assert_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_IN_USE);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A wrong code is a typed error, and the new till stays unpaired. */
  {
    Till fresh = { "Spare till" };

    till_open (&fresh);
    duka_sync_engine_pair_async (fresh.engine, url, "ZZZZ-ZZZZ", fresh.name, NULL, got_result, &result);
    g_assert_false (duka_sync_engine_pair_finish (fresh.engine, wait_for (&result), &error));
    g_assert_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_INVALID_CODE);
    g_assert_null (duka_sync_load_state (fresh.store, NULL));
    g_clear_object (&result);
    till_close (&fresh);
  }
}

static void
test_product_propagates (void)
{
  g_autofree char *name = NULL;

  product_p = save_product (&till_a, NULL, "Flat white", 35000);
  g_assert_cmpint (query_int (&till_a, "SELECT count (*) FROM outbox", NULL), >, 0);
  sync_ok (&till_a);
  g_assert_cmpint (query_int (&till_a, "SELECT count (*) FROM outbox", NULL), ==, 0);

  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM product WHERE id = ?1", product_p), ==, 0);
  sync_ok (&till_b);
  name = query_text (&till_b, "SELECT name FROM product WHERE id = ?1", product_p);
  g_assert_cmpstr (name, ==, "Flat white");
  g_assert_cmpint (query_int (&till_b, "SELECT price FROM product WHERE id = ?1", product_p), ==, 35000);
  g_assert_cmpint (query_int (&till_b, "SELECT version FROM product WHERE id = ?1", product_p), ==, 1);
}

static void
test_sale_propagates (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tea = save_product (&till_a, NULL, "Tea", 5000);
  g_autofree char *session = NULL, *order = NULL, *line = NULL, *sale = NULL;
  g_autofree char *receipt = NULL;
  DukaLineRequest request = { .product_id = tea, .quantity = 2000 };
  DukaTender tenders[] = { { CASH, 20000, NULL, NULL, NULL } };

  ASSERT_OK (duka_cash_sessions_open (till_a.sessions, till_a.actor, 10000, &session, &error));
  order = duka_register_open_order (till_a.reg, till_a.actor, NULL, &error);
  g_assert_no_error (error);
  ASSERT_OK (duka_register_add_line (till_a.reg, till_a.actor, order, &request, &line, &error));
  ASSERT_OK (duka_register_complete (till_a.reg, till_a.actor, order, tenders, 1, &sale, &error));

  sync_ok (&till_a);
  g_assert_cmpuint (duka_sync_engine_get_rejected (till_a.engine), ==, 0);
  sync_ok (&till_b);

  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM sale WHERE id = ?1", sale), ==, 1);
  g_assert_cmpint (query_int (&till_b, "SELECT total FROM sale WHERE id = ?1", sale), ==, 10000);
  receipt = query_text (&till_b, "SELECT receipt_no FROM sale WHERE id = ?1", sale);
  g_assert_cmpstr (receipt, ==, "T1-1");
  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM sale_line WHERE sale_id = ?1", sale), ==, 1);
  g_assert_cmpint (query_int (&till_b, "SELECT quantity FROM sale_line WHERE sale_id = ?1", sale), ==, 2000);
  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM sale_payment WHERE sale_id = ?1", sale), ==, 1);
  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM sale_tax WHERE sale_id = ?1", sale),
                   ==, query_int (&till_a, "SELECT count (*) FROM sale_tax WHERE sale_id = ?1", sale));
  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM cash_session WHERE id = ?1", session), ==, 1);

  /* Stock is a sum over the ledger: both tills hold the same movement. */
  g_assert_cmpint (query_int (&till_b, "SELECT sum (on_hand) FROM stock_level WHERE product_id = ?1", tea), ==, -2000);
  g_assert_cmpint (query_int (&till_a, "SELECT sum (on_hand) FROM stock_level WHERE product_id = ?1", tea), ==, -2000);

  /* Pulling its own sale back changes nothing on A. */
  sync_ok (&till_a);
  g_assert_cmpint (query_int (&till_a, "SELECT count (*) FROM sale", NULL), ==, 1);
  g_assert_cmpint (query_int (&till_a, "SELECT count (*) FROM sale_line", NULL), ==, 1);
}

typedef struct
{
  const char *op_id;
  const char *kind;
  const char *entity_id;
  const char *body;
} RawOp;

static gboolean
insert_raw_op (DukaStore  *store,
               sqlite3    *db,
               gpointer    user_data,
               GError    **error)
{
  const RawOp *op = user_data;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db,
        "INSERT INTO outbox (op_id, kind, action, entity_id, base_version, body, created_at)"
        " VALUES (?1, ?2, 'upsert', ?3, 0, ?4, 1)", -1, &stmt, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);
  sqlite3_bind_text (stmt, 1, op->op_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, op->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, op->entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, op->body, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : duka_store_sql_error (db, error);
}

/* The same op pushed twice (an answer lost after the server committed) is
 * applied once: the second push is a duplicate and leaves the outbox. */
static void
test_same_op_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = save_product (&till_a, NULL, "Samosa", 6000);
  g_autoptr(GPtrArray) entries = duka_sync_outbox_batch (till_a.store, 100, &error);
  PGconn *admin = NULL;
  g_autoptr(PGresult) ops = NULL;
  g_autoptr(PGresult) entity = NULL;
  DukaSyncOutboxEntry *entry;
  RawOp raw;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  raw = (RawOp) { entry->op_id, "product", id, entry->body };

  sync_ok (&till_a);
  ASSERT_OK (duka_store_write (till_a.store, insert_raw_op, &raw, &error));
  g_assert_cmpint (query_int (&till_a, "SELECT count (*) FROM outbox", NULL), ==, 1);
  sync_ok (&till_a);
  g_assert_cmpint (query_int (&till_a, "SELECT count (*) FROM outbox", NULL), ==, 0);
  g_assert_cmpuint (duka_sync_engine_get_rejected (till_a.engine), ==, 0);
  g_assert_cmpint (query_int (&till_a, "SELECT version FROM product WHERE id = ?1", id), ==, 1);

  admin = test_connect ("DUKA_TEST_ADMIN_URL");
  ops = test_sql (admin, "SELECT count (*) FROM ops WHERE op_id = $1", entry->op_id, NULL);
  g_assert_cmpstr (PQgetvalue (ops, 0, 0), ==, "1");
  entity = test_sql (admin, "SELECT version FROM entities WHERE entity_id = $1", id, NULL);
  g_assert_cmpint (PQntuples (entity), ==, 1);
  g_assert_cmpstr (PQgetvalue (entity, 0, 0), ==, "1");
  PQfinish (admin);
}

/* Both tills change the same field offline: the first to reach the server
 * wins, the other's op is rejected and recorded, its till takes the
 * server's record, and the op behind it still goes through. */
static void
test_rejected_does_not_block (void)
{
  g_autofree char *b_price = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *q = NULL;

  g_free (save_product (&till_b, product_p, NULL, 11100));
  q = save_product (&till_b, NULL, "Mandazi", 2000);
  g_free (save_product (&till_a, product_p, NULL, 22200));

  sync_ok (&till_a);
  sync_ok (&till_b);

  g_assert_cmpuint (duka_sync_engine_get_rejected (till_b.engine), ==, 1);
  reason = query_text (&till_b, "SELECT reason FROM sync_rejected WHERE entity_id = ?1", product_p);
  g_assert_cmpstr (reason, ==, "conflict");
  g_assert_cmpint (query_int (&till_b, "SELECT price FROM product WHERE id = ?1", product_p), ==, 22200);
  g_assert_cmpint (query_int (&till_b, "SELECT version FROM product WHERE id = ?1", product_p), ==, 2);

  /* The op behind the rejected one reached the server and till A. */
  sync_ok (&till_a);
  g_assert_cmpint (query_int (&till_a, "SELECT count (*) FROM product WHERE id = ?1", q), ==, 1);
  g_assert_cmpint (query_int (&till_a, "SELECT price FROM product WHERE id = ?1", product_p), ==, 22200);
}

/* A crash between applying a pulled batch and storing its cursor must
 * lose nothing: both are one transaction.  (Were the cursor stored on its
 * own first, the rows would be skipped for good and this test fails.) */
static void
test_cursor_in_apply_transaction (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *r = save_product (&till_a, NULL, "Chapati", 3000);
  g_autoptr(DukaSyncState) before = NULL;
  g_autoptr(DukaSyncState) after = NULL;

  sync_ok (&till_a);
  before = duka_sync_load_state (till_b.store, &error);
  g_assert_no_error (error);

  duka_sync_apply_inject_fault (TRUE);
  g_assert_false (till_sync (&till_b, &error));
  duka_sync_apply_inject_fault (FALSE);
  g_assert_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_STORE);
  g_assert_cmpint (duka_sync_engine_get_status (till_b.engine), ==, DUKA_SYNC_STATUS_ERROR);
  g_assert_nonnull (duka_sync_engine_get_error_message (till_b.engine));

  after = duka_sync_load_state (till_b.store, NULL);
  g_assert_cmpstr (after->cursor, ==, before->cursor);
  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM product WHERE id = ?1", r), ==, 0);

  sync_ok (&till_b);
  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM product WHERE id = ?1", r), ==, 1);
  g_clear_pointer (&after, duka_sync_state_free);
  after = duka_sync_load_state (till_b.store, NULL);
  g_assert_cmpstr (after->cursor, !=, before->cursor);
}

static gboolean
set_server_url (DukaStore  *store,
                sqlite3    *db,
                gpointer    user_data,
                GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "UPDATE sync_state SET server_url = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return duka_store_sql_error (db, error);
  sqlite3_bind_text (stmt, 1, user_data, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : duka_store_sql_error (db, error);
}

/* Without a server the till is offline, not broken: it says how much is
 * waiting and since when, keeps it, and sends it when the server is back. */
static void
test_offline_then_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = test_server_url (server, "");
  g_autofree char *id = NULL;

  ASSERT_OK (duka_store_write (till_a.store, set_server_url, (gpointer) "http://127.0.0.1:1", &error));
  id = save_product (&till_a, NULL, "Offline bun", 1500);

  g_assert_false (till_sync (&till_a, &error));
  g_assert_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_cmpint (duka_sync_engine_get_status (till_a.engine), ==, DUKA_SYNC_STATUS_OFFLINE);
  g_assert_cmpuint (duka_sync_engine_get_pending (till_a.engine), ==, 1);
  g_assert_cmpint (duka_sync_engine_get_offline_since (till_a.engine), >, 0);
  g_assert_nonnull (duka_sync_engine_get_error_message (till_a.engine));
  g_assert_cmpint (query_int (&till_a, "SELECT count (*) FROM outbox WHERE entity_id = ?1", id), ==, 1);

  ASSERT_OK (duka_store_write (till_a.store, set_server_url, url, &error));
  sync_ok (&till_a);
  g_assert_cmpint (duka_sync_engine_get_offline_since (till_a.engine), ==, 0);
  g_assert_null (duka_sync_engine_get_error_message (till_a.engine));
  sync_ok (&till_b);
  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM product WHERE id = ?1", id), ==, 1);
}

/* A restarted engine has no access token: it refreshes with the device
 * credential from the keyring, which rotates there. */
static void
test_restart_refreshes (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(DukaSecretString) before = NULL;
  g_auto(DukaSecretString) after = NULL;

  before = duka_secrets_lookup (till_b.device_id, DUKA_SECRET_DEVICE_CREDENTIAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (before);

  g_assert_finalize_object (till_b.engine);
  till_b.engine = duka_sync_engine_new (till_b.store);
  g_assert_cmpint (duka_sync_engine_get_status (till_b.engine), ==, DUKA_SYNC_STATUS_SYNCING);
  sync_ok (&till_b);

  after = duka_secrets_lookup (till_b.device_id, DUKA_SECRET_DEVICE_CREDENTIAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_assert_cmpstr (after, !=, before);
}

static void
wait_until_outbox_empty (Till *t)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (query_int (t, "SELECT count (*) FROM outbox", NULL) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* In the background a commit to the outbox starts a push by itself. */
static void
test_background_push (void)
{
  g_autofree char *id = NULL;
  gint64 started;

  duka_sync_engine_start (till_a.engine);
  wait_until_outbox_empty (&till_a);

  started = g_get_monotonic_time ();
  id = save_product (&till_a, NULL, "Background tea", 4000);
  wait_until_outbox_empty (&till_a);
  g_test_message ("background push after a commit: %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - started) / 1000);
  duka_sync_engine_stop (till_a.engine);

  sync_ok (&till_b);
  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM product WHERE id = ?1", id), ==, 1);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* With both tills in the background, the live socket brings a change on
 * A to B well before B's next poll (30 s).  Prints the latencies. */
static void
test_live_propagation (void)
{
  const guint n_samples = 20;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 settle;

  duka_sync_engine_start (till_a.engine);
  duka_sync_engine_start (till_b.engine);
  wait_until_outbox_empty (&till_a);
  settle = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < settle)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }

  for (guint i = 0; i < n_samples; i++)
    {
      g_autofree char *name = g_strdup_printf ("Live %u", i);
      g_autofree char *id = NULL;
      gint64 started = g_get_monotonic_time ();
      gint64 deadline = started + 10 * G_USEC_PER_SEC;
      gint64 latency;

      id = save_product (&till_a, NULL, name, 1000 + i);
      while (query_int (&till_b, "SELECT count (*) FROM product WHERE id = ?1", id) == 0)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (2000);
        }
      latency = (g_get_monotonic_time () - started) / 1000;
      g_array_append_val (latencies, latency);
    }

  duka_sync_engine_stop (till_a.engine);
  duka_sync_engine_stop (till_b.engine);
  wait_until_outbox_empty (&till_a);

  g_array_sort (latencies, compare_gint64);
  g_test_message ("commit on A to visible on B over the live socket, %u samples: median %" G_GINT64_FORMAT
                  " ms, max %" G_GINT64_FORMAT " ms", n_samples,
                  g_array_index (latencies, gint64, n_samples / 2),
                  g_array_index (latencies, gint64, n_samples - 1));
  /* Far below the 30 s poll: only the socket can do this. */
  g_assert_cmpint (g_array_index (latencies, gint64, n_samples - 1), <, 5000);
}

/* A till that sold offline drains its sales; the other till has them all,
 * with their lines, and the same stock.  Prints the rates. */
static void
test_drain_offline_sales (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bread = save_product (&till_a, NULL, "Bread", 6000);
  const guint n_sales = 200;
  DukaTender tenders[] = { { CASH, 6000, NULL, NULL, NULL } };
  gint64 before_a, before_b, started, pushed, pulled, n_ops;

  sync_ok (&till_a);
  before_a = query_int (&till_a, "SELECT count (*) FROM sale", NULL);
  before_b = query_int (&till_b, "SELECT count (*) FROM sale", NULL);

  for (guint i = 0; i < n_sales; i++)
    {
      g_autofree char *order = duka_register_open_order (till_a.reg, till_a.actor, NULL, &error);
      DukaLineRequest request = { .product_id = bread, .quantity = 1000 };
      g_autofree char *line = NULL;

      g_assert_no_error (error);
      ASSERT_OK (duka_register_add_line (till_a.reg, till_a.actor, order, &request, &line, &error));
      ASSERT_OK (duka_register_complete (till_a.reg, till_a.actor, order, tenders, 1, NULL, &error));
    }
  g_assert_cmpint (query_int (&till_a, "SELECT count (*) FROM sale", NULL), ==, before_a + n_sales);

  n_ops = query_int (&till_a, "SELECT count (*) FROM outbox", NULL);
  started = g_get_monotonic_time ();
  sync_ok (&till_a);
  pushed = g_get_monotonic_time ();
  sync_ok (&till_b);
  pulled = g_get_monotonic_time ();
  g_test_message ("drained %u offline sales (%" G_GINT64_FORMAT " ops): push %.0f sales/s,"
                  " pull and apply %.0f sales/s", n_sales, n_ops,
                  n_sales / ((pushed - started) / 1e6), n_sales / ((pulled - pushed) / 1e6));

  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM sale", NULL), ==, before_b + n_sales);
  g_assert_cmpint (query_int (&till_b, "SELECT count (*) FROM sale_line l JOIN sale s ON s.id = l.sale_id"
                                       " WHERE l.product_id = ?1", bread), ==, n_sales);
  g_assert_cmpint (query_int (&till_b, "SELECT sum (on_hand) FROM stock_level WHERE product_id = ?1", bread),
                   ==, query_int (&till_a, "SELECT sum (on_hand) FROM stock_level WHERE product_id = ?1", bread));
  g_assert_cmpint (query_int (&till_b, "SELECT sum (on_hand) FROM stock_level WHERE product_id = ?1", bread),
                   ==, -1000 * (gint64) n_sales);
}

/* Disconnecting forgets the server: no pairing, no secrets, and a round
 * says so instead of trying. */
static void
test_disconnect (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(DukaSecretString) secret = NULL;

  duka_sync_engine_disconnect_async (till_b.engine, NULL, got_result, &result);
  ASSERT_OK (duka_sync_engine_disconnect_finish (till_b.engine, wait_for (&result), &error));
  g_assert_cmpint (duka_sync_engine_get_status (till_b.engine), ==, DUKA_SYNC_STATUS_DISCONNECTED);
  g_assert_null (duka_sync_load_state (till_b.store, NULL));
  secret = duka_secrets_lookup (till_b.device_id, DUKA_SECRET_DEVICE_CREDENTIAL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (secret);

  g_assert_false (till_sync (&till_b, &error));
  g_assert_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_NOT_PAIRED);
  g_assert_cmpint (duka_sync_engine_get_status (till_b.engine), ==, DUKA_SYNC_STATUS_DISCONNECTED);
}

static void
register_tenant (void)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = test_request (server, "POST", "/api/v1/auth/register", NULL,
                         "{\"business_name\": \"Sync shop\", \"name\": \"Amina\","
                         " \"email\": \"amina@sync.example\", \"password\": \"correct horse\","
                         " \"outlet\": {\"name\": \"Main\", \"time_zone\": \"Africa/Nairobi\","
                         " \"currency\": \"KES\", \"tax_regime\": \"inclusive\", \"day_cutoff_hour\": 4}}",
                         -1, &status);
  g_assert_cmpuint (status, ==, 201);
  owner_token = g_strdup (test_member (answer, "access_token"));
  outlet_id = g_strdup (test_member (answer, "outlet_id"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = test_server_start (test_server_config ());
  register_tenant ();

  g_test_add_func ("/sync/pair", test_pair);
  g_test_add_func ("/sync/product-propagates", test_product_propagates);
  g_test_add_func ("/sync/sale-propagates", test_sale_propagates);
  g_test_add_func ("/sync/same-op-twice", test_same_op_twice);
  g_test_add_func ("/sync/rejected-does-not-block", test_rejected_does_not_block);
  g_test_add_func ("/sync/cursor-in-apply-transaction", test_cursor_in_apply_transaction);
  g_test_add_func ("/sync/offline-then-back", test_offline_then_back);
  g_test_add_func ("/sync/restart-refreshes", test_restart_refreshes);
  g_test_add_func ("/sync/background-push", test_background_push);
  g_test_add_func ("/sync/live-propagation", test_live_propagation);
  g_test_add_func ("/sync/drain-offline-sales", test_drain_offline_sales);
  g_test_add_func ("/sync/disconnect", test_disconnect);

  status = g_test_run ();

  if (till_a.store != NULL)
    till_close (&till_a);
  if (till_b.store != NULL)
    till_close (&till_b);
  g_free (product_p);
  g_free (owner_token);
  g_free (outlet_id);
  test_server_stop (server);
  return status;
}
