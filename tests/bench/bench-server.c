/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * duka-bench server: one tenant, 8 tills pushing at once to an in-process
 * duka-server over its own throwaway PostgreSQL cluster with durability
 * on (fsync and synchronous_commit as shipped), then a fresh till pulling
 * the whole feed.  Three phases: product upserts in batches of 500 (the
 * entity path), then sales (the registry's "sale" fact: 3 lines and a
 * payment, each till's own receipt series and hash chain, so the
 * receipt-series check runs too) in batches of 100, then one sale per
 * push.  A push answers once it committed, when its sales can be pulled.
 *
 * Baseline: pgbench TPC-B (scale 10, 8 clients) on the same cluster in the
 * same run, because fsync speed dominates both and varies by machine.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "duka-bench.h"
#include "duka-id.h"
#include "../server/server-test.h"

#define TILLS 8
#define BATCH_OPS 500
#define BATCHES_PER_TILL 25          /* 8 × 25 × 500 = 100,000 ops */
#define BATCH_SALES 100
#define SALE_BATCHES_PER_TILL 125    /* 8 × 125 × 100 = 100,000 sales */
#define SINGLES_PER_TILL 150
#define PGBENCH_SECONDS "15"

typedef struct
{
  char *dir;
  char *bindir;
  char *host;    /* the socket directory */
  char *as_owner;
} Cluster;

static gboolean
run (Cluster     *cluster,
     gboolean     as_postgres,
     char       **out,
     GError     **error,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *std_out = NULL, *std_err = NULL;
  const char *arg;
  int status;
  va_list args;

  if (as_postgres && cluster->as_owner != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &std_out, &std_err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: %s", first, std_err);
      return FALSE;
    }
  if (out != NULL)
    *out = g_steal_pointer (&std_out);
  return TRUE;
}

static char *
tool (Cluster    *cluster,
      const char *name)
{
  return g_build_filename (cluster->bindir, name, NULL);
}

/* Its own cluster, never the test one: the test clusters run with fsync
 * off, which would flatter the server. */
static gboolean
cluster_start (Cluster  *cluster,
               GError  **error)
{
  g_autofree char *initdb = NULL, *pg_ctl = NULL, *psql = NULL, *data = NULL, *log = NULL;
  g_autofree char *options = NULL, *admin = NULL;
  const char *bindir = g_getenv ("DUKA_PG_BINDIR");

  cluster->bindir = g_strdup (bindir != NULL ? bindir : "/usr/lib/postgresql/15/bin");
  cluster->dir = g_strdup ("/tmp/duka-bench-pg.XXXXXX");
  if (g_mkdtemp (cluster->dir) == NULL)
    return FALSE;
  cluster->host = g_strdup (cluster->dir);
  if (getuid () == 0)
    {
      cluster->as_owner = g_strdup ("postgres");
      if (!run (cluster, FALSE, NULL, error, "chown", "postgres:", cluster->dir, NULL))
        return FALSE;
    }

  initdb = tool (cluster, "initdb");
  pg_ctl = tool (cluster, "pg_ctl");
  psql = tool (cluster, "psql");
  data = g_build_filename (cluster->dir, "data", NULL);
  log = g_build_filename (cluster->dir, "server.log", NULL);
  options = g_strdup_printf ("-c listen_addresses='' -c unix_socket_directories='%s' -c max_connections=100"
                             " -c shared_buffers=256MB", cluster->dir);
  admin = g_strdup_printf ("host=%s user=postgres dbname=postgres", cluster->host);

  return run (cluster, TRUE, NULL, error, initdb, "-D", data, "-U", "postgres", "-A", "trust",
              "-E", "UTF8", "--no-locale", NULL) &&
         run (cluster, TRUE, NULL, error, pg_ctl, "-D", data, "-l", log, "-w", "-s", "-o", options,
              "start", NULL) &&
         run (cluster, FALSE, NULL, error, psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", admin,
              "-c", "CREATE ROLE duka_owner LOGIN BYPASSRLS",
              "-c", "CREATE ROLE duka_api NOLOGIN NOBYPASSRLS",
              "-c", "CREATE ROLE duka_server LOGIN NOBYPASSRLS IN ROLE duka_api",
              "-c", "CREATE DATABASE duka OWNER duka_owner",
              "-c", "CREATE DATABASE pgbench", NULL);
}

static void
cluster_stop (Cluster *cluster)
{
  g_autofree char *pg_ctl = tool (cluster, "pg_ctl");
  g_autofree char *data = g_build_filename (cluster->dir, "data", NULL);

  run (cluster, TRUE, NULL, NULL, pg_ctl, "-D", data, "-m", "fast", "-w", "-s", "stop", NULL);
  run (cluster, FALSE, NULL, NULL, "rm", "-rf", cluster->dir, NULL);
  g_free (cluster->dir);
  g_free (cluster->bindir);
  g_free (cluster->host);
  g_free (cluster->as_owner);
}

/* TPC-B transactions per second over the same cluster. */
static double
pgbench_tps (Cluster  *cluster,
             GError  **error)
{
  g_autofree char *pgbench = tool (cluster, "pgbench");
  g_autofree char *out = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = NULL;

  if (!run (cluster, FALSE, NULL, error, pgbench, "-i", "-q", "-s", "10", "-h", cluster->host,
            "-U", "postgres", "pgbench", NULL) ||
      !run (cluster, FALSE, &out, error, pgbench, "-c", "8", "-j", "8", "-T", PGBENCH_SECONDS,
            "-h", cluster->host, "-U", "postgres", "pgbench", NULL))
    return -1;

  regex = g_regex_new ("tps = ([0-9.]+)", 0, 0, NULL);
  if (!g_regex_match (regex, out, 0, &match))
    return -1;
  {
    g_autofree char *tps = g_match_info_fetch (match, 1);
    return g_ascii_strtod (tps, NULL);
  }
}

/* HTTP, one session per thread */

static guint port;
static char schema_header[16];
static char *cash_tender_id;   /* the tender type every sale is paid with */

static JsonNode *
request (SoupSession *session,
         const char  *method,
         const char  *path,
         const char  *token,
         const char  *body,
         guint       *status)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  soup_message_headers_replace (headers, "Duka-Protocol", "1");
  soup_message_headers_replace (headers, "Duka-Schema", schema_header);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (session, msg, NULL, &error);
  if (answer == NULL)
    g_error ("%s %s: %s", method, path, error->message);
  *status = soup_message_get_status (msg);
  text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  return json_from_string (text, NULL);
}

static char *
member (JsonNode   *node,
        const char *name)
{
  return g_strdup (json_object_get_string_member (json_node_get_object (node), name));
}

typedef struct
{
  char    *device_id;
  char    *token;
  char    *outlet_id;
  guint    index;
  GArray  *latencies_ms;
  GThread *thread;
  gint64   failed;
  /* The till's receipt series */
  char    *series_id;
  gint64   seq;
  char    *prev_hash;
} Till;

typedef enum
{
  PHASE_PRODUCTS,      /* product upserts, BATCH_OPS a push */
  PHASE_SALES,         /* sales, BATCH_SALES a push */
  PHASE_SINGLE_SALES,  /* one sale a push */
} Phase;

static GMutex start_mutex;
static GCond  start_cond;
static gboolean started;
static Phase phase;

static void
wait_for_start (void)
{
  g_mutex_lock (&start_mutex);
  while (!started)
    g_cond_wait (&start_cond, &start_mutex);
  g_mutex_unlock (&start_mutex);
}

static void
start_all (gboolean go)
{
  g_mutex_lock (&start_mutex);
  started = go;
  g_cond_broadcast (&start_cond);
  g_mutex_unlock (&start_mutex);
}

static void
append_op (GString    *body,
           Till       *till,
           guint       n)
{
  g_autofree char *op_id = duka_id_new ();
  g_autofree char *id = duka_id_new ();

  g_string_append_printf (body,
                          "{\"op_id\":\"%s\",\"kind\":\"product\",\"action\":\"upsert\",\"id\":\"%s\","
                          "\"base_version\":0,\"fields\":[],\"data\":{\"name\":\"Product %u-%u\","
                          "\"price\":%u,\"sku\":\"S%u-%u\"},\"device_id\":\"%s\",\"at\":0}",
                          op_id, id, till->index, n, 100 + n % 900, till->index, n, till->device_id);
}

/* A completed sale in the registry's "sale" shape: three lines, paid in
 * cash, the next link of the till's chain. */
static void
append_sale (GString *body,
             Till    *till)
{
  g_autofree char *op_id = duka_id_new ();
  g_autofree char *id = duka_id_new ();
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, id, -1);
  gint64 seq = ++till->seq;

  g_string_append_printf (body,
                          "{\"op_id\":\"%s\",\"kind\":\"sale\",\"action\":\"insert\",\"id\":\"%s\","
                          "\"device_id\":\"%s\",\"at\":0,\"business_date\":\"2026-11-22\",\"data\":{"
                          "\"outlet_id\":\"%s\",\"till_id\":\"%s\",\"number\":%" G_GINT64_FORMAT ","
                          "\"receipt_no\":\"T%u-%" G_GINT64_FORMAT "\",\"origin\":\"live\","
                          "\"business_date\":\"2026-11-22\",\"at\":1795312345678901,\"currency\":\"KES\","
                          "\"tax_mode\":\"inclusive\",\"subtotal\":45000,\"line_discounts\":0,"
                          "\"order_discount\":0,\"net\":38793,\"tax\":6207,\"charges\":0,\"tips\":0,"
                          "\"cash_rounding\":0,\"total\":45000,\"paid\":50000,\"change\":5000,"
                          "\"series_id\":\"%s\",\"seq\":%" G_GINT64_FORMAT ",\"prev_hash\":\"%s\",\"hash\":\"%s\","
                          "\"lines\":[",
                          op_id, id, till->device_id, till->outlet_id, till->device_id, seq, till->index, seq,
                          till->series_id, seq, till->prev_hash, hash);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *line_id = duka_id_new ();

      g_string_append_printf (body,
                              "%s{\"id\":\"%s\",\"kind\":\"item\",\"name\":\"Item %u\",\"quantity\":1000,"
                              "\"unit_price\":15000,\"extended\":15000,\"line_discount\":0,"
                              "\"order_discount\":0,\"net\":12931,\"tax\":2069,\"total\":15000}",
                              i > 0 ? "," : "", line_id, i);
    }
  {
    g_autofree char *payment_id = duka_id_new ();

    g_string_append_printf (body,
                            "],\"payments\":[{\"id\":\"%s\",\"tender_type_id\":\"%s\",\"kind\":\"cash\","
                            "\"name\":\"Cash\",\"amount\":45000,\"tendered\":50000,\"change\":5000}]}}",
                            payment_id, cash_tender_id);
  }

  g_free (till->prev_hash);
  till->prev_hash = g_steal_pointer (&hash);
}

static gpointer
till_run (gpointer data)
{
  Till *till = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 120, NULL);
  guint batches = phase == PHASE_PRODUCTS ? BATCHES_PER_TILL
                : phase == PHASE_SALES ? SALE_BATCHES_PER_TILL : SINGLES_PER_TILL;
  guint per = phase == PHASE_PRODUCTS ? BATCH_OPS : phase == PHASE_SALES ? BATCH_SALES : 1;
  static guint serial = 1000000;

  wait_for_start ();
  for (guint b = 0; b < batches; b++)
    {
      g_autoptr(GString) body = g_string_new ("{\"ops\":[");
      g_autoptr(JsonNode) answer = NULL;
      gint64 t0;
      guint status;

      for (guint i = 0; i < per; i++)
        {
          if (i > 0)
            g_string_append_c (body, ',');
          if (phase == PHASE_PRODUCTS)
            append_op (body, till, g_atomic_int_add (&serial, 1));
          else
            append_sale (body, till);
        }
      g_string_append (body, "]}");

      t0 = g_get_monotonic_time ();
      answer = request (session, "POST", "/api/v1/sync/push", till->token, body->str, &status);
      if (phase == PHASE_SINGLE_SALES)
        {
          double ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (till->latencies_ms, ms);
        }
      if (status != 200)
        till->failed++;
    }
  return NULL;
}

/* Runs every till's phase at once; returns the wall time in seconds. */
static double
run_phase (Till  *tills,
           Phase  which)
{
  gint64 t0;

  phase = which;
  start_all (FALSE);
  for (guint i = 0; i < TILLS; i++)
    tills[i].thread = g_thread_new ("till", till_run, &tills[i]);
  g_usleep (100 * 1000);
  t0 = g_get_monotonic_time ();
  start_all (TRUE);
  for (guint i = 0; i < TILLS; i++)
    g_thread_join (tills[i].thread);
  return (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
}

static void
setup_tenant (Till *tills)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonNode) registered = NULL;
  g_autofree char *owner = NULL, *outlet = NULL;
  g_autofree char *email = g_strdup_printf ("bench-%d@example.com", (int) getpid ());
  g_autofree char *body = g_strdup_printf (
    "{\"business_name\":\"Bench\",\"name\":\"Owner\",\"email\":\"%s\",\"password\":\"correct horse battery\","
    "\"outlet\":{\"name\":\"Main\",\"time_zone\":\"Africa/Nairobi\",\"currency\":\"KES\","
    "\"tax_regime\":\"inclusive\",\"day_cutoff_hour\":4}}", email);
  guint status;

  registered = request (session, "POST", "/api/v1/auth/register", NULL, body, &status);
  g_assert_cmpuint (status, ==, 201);
  owner = member (registered, "access_token");
  outlet = member (registered, "outlet_id");

  for (guint i = 0; i < TILLS; i++)
    {
      g_autofree char *code_body = g_strdup_printf ("{\"outlet_id\":\"%s\"}", outlet);
      g_autoptr(JsonNode) code = request (session, "POST", "/api/v1/devices/pairing-codes", owner, code_body, &status);
      g_autofree char *code_text = member (code, "code");
      g_autofree char *pair_body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"Till\"}", code_text);
      g_autoptr(JsonNode) paired = request (session, "POST", "/api/v1/devices/pair", NULL, pair_body, &status);

      g_assert_cmpuint (status, ==, 201);
      tills[i].device_id = member (paired, "device_id");
      tills[i].token = member (paired, "access_token");
      tills[i].index = i;
      tills[i].latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));
      tills[i].outlet_id = g_strdup (outlet);
      tills[i].series_id = duka_id_new ();
      tills[i].prev_hash = g_strnfill (64, '0');
    }
}

/* A new till catching up: the whole feed, 1000 at a time. */
static double
pull_everything (Till  *till,
                 guint *rows)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 120, NULL);
  g_autofree char *next = g_strdup ("0");
  gint64 t0 = g_get_monotonic_time ();

  *rows = 0;
  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/sync/pull?since=%s&limit=1000", next);
      g_autoptr(JsonNode) answer = NULL;
      JsonObject *object;
      guint status;

      answer = request (session, "GET", path, till->token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      object = json_node_get_object (answer);
      *rows += json_array_get_length (json_object_get_array_member (object, "changes"));
      g_free (next);
      next = g_strdup (json_object_get_string_member (object, "next"));
      if (!json_object_get_boolean_member (object, "more"))
        break;
    }
  return (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC;
}

int
duka_bench_server (int    argc,
                   char **argv)
{
  Cluster cluster = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL, *owner_url = NULL;
  DukaServerConfig *config;
  TestServer *in_process;
  Till tills[TILLS] = { { 0 } };
  GArray *all = g_array_new (FALSE, FALSE, sizeof (double));
  double products_s, sales_s, single_s, pull_s, tps;
  guint rows, failed = 0;
  int min, max;

  if (!cluster_start (&cluster, &error))
    {
      g_printerr ("duka-bench server: cannot start PostgreSQL: %s\n", error->message);
      cluster_stop (&cluster);
      return 1;
    }

  url = g_strdup_printf ("host=%s dbname=duka user=duka_server", cluster.host);
  owner_url = g_strdup_printf ("host=%s dbname=duka user=duka_owner", cluster.host);
  g_setenv ("DUKA_TEST_DATABASE_URL", url, TRUE);
  g_setenv ("DUKA_TEST_MIGRATIONS_URL", owner_url, TRUE);
  duka_server_get_schema_range (&min, &max);
  g_snprintf (schema_header, sizeof schema_header, "%d", max);

  config = test_server_config ();
  config->workers = TILLS;
  config->account_burst = 100000;
  in_process = test_server_start (config);
  port = test_server_port (in_process);

  cash_tender_id = duka_id_new ();
  setup_tenant (tills);
  products_s = run_phase (tills, PHASE_PRODUCTS);
  sales_s = run_phase (tills, PHASE_SALES);
  single_s = run_phase (tills, PHASE_SINGLE_SALES);
  pull_s = pull_everything (&tills[0], &rows);

  for (guint i = 0; i < TILLS; i++)
    {
      g_array_append_vals (all, tills[i].latencies_ms->data, tills[i].latencies_ms->len);
      failed += tills[i].failed;
    }
  test_server_stop (in_process);

  tps = pgbench_tps (&cluster, &error);
  if (tps < 0)
    g_printerr ("duka-bench server: pgbench failed: %s\n", error != NULL ? error->message : "no tps");

  duka_bench_report ("server.push_batch_ops_per_s",
                     TILLS * BATCHES_PER_TILL * BATCH_OPS / products_s, "ops/s", tps, tps >= 0);
  duka_bench_report ("server.push_batch_sales_per_s",
                     TILLS * SALE_BATCHES_PER_TILL * BATCH_SALES / sales_s, "sales/s", tps, tps >= 0);
  duka_bench_report ("server.push_single_sales_per_s", TILLS * SINGLES_PER_TILL / single_s, "sales/s", 0, FALSE);
  duka_bench_report ("server.push_single_p99_ms", duka_bench_percentile (all, 99), "ms", 0, FALSE);
  /* The feed holds products and sales: the time for 100,000 of them. */
  duka_bench_report ("server.pull_100k_s", pull_s * 100000 / MAX (rows, 1), "s", 0, FALSE);
  g_printerr ("duka-bench server: %u rows pulled, %u failed pushes, pgbench TPC-B %.0f tps\n",
              rows, failed, tps);

  for (guint i = 0; i < TILLS; i++)
    {
      g_free (tills[i].device_id);
      g_free (tills[i].token);
      g_free (tills[i].outlet_id);
      g_free (tills[i].series_id);
      g_free (tills[i].prev_hash);
      g_array_unref (tills[i].latencies_ms);
    }
  g_array_unref (all);
  g_clear_pointer (&cash_tender_id, g_free);
  cluster_stop (&cluster);
  return failed == 0 ? 0 : 1;
}
