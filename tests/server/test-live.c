/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/sync/live: a second, real duka-server process (configured by
 * a file and the environment) on the same database; sockets on either
 * hear of pushes through either, a revoked till's sockets close in both,
 * and a socket that stops answering heartbeats is closed.
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "duka-id.h"
#include "server-test.h"

typedef struct
{
  SoupWebsocketConnection *connection;
  guint                    feeds;
  guint                    pings;
  char                    *cursor;
  gboolean                 answer_pings;
  gboolean                 done;
  gboolean                 closed;
  gushort                  close_code;
  guint                    status;
  GError                  *error;
} LiveClient;

static SoupSession *live_session;

static void
client_message (SoupWebsocketConnection *connection,
                gint                     type,
                GBytes                  *bytes,
                LiveClient              *client)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *kind;

  node = json_from_string (text, NULL);
  g_assert_nonnull (node);
  kind = test_member (node, "type");
  if (g_strcmp0 (kind, "feed") == 0)
    {
      client->feeds++;
      g_free (client->cursor);
      client->cursor = g_strdup (test_member (node, "cursor"));
    }
  else if (g_strcmp0 (kind, "ping") == 0)
    {
      client->pings++;
      if (client->answer_pings)
        soup_websocket_connection_send_text (connection, "{\"type\":\"pong\"}");
    }
}

static void
client_closed (SoupWebsocketConnection *connection,
               LiveClient              *client)
{
  client->closed = TRUE;
  client->close_code = soup_websocket_connection_get_close_code (connection);
}

static void
client_connected (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LiveClient *client = user_data;

  client->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &client->error);
  if (client->connection != NULL)
    {
      g_signal_connect (client->connection, "message", G_CALLBACK (client_message), client);
      g_signal_connect (client->connection, "closed", G_CALLBACK (client_closed), client);
    }
  client->done = TRUE;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @flag is set or @timeout_ms pass; TRUE if
 * it was set. */
static gboolean
wait_for (const gboolean *flag,
          guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timer = g_timeout_add (timeout_ms, set_flag, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timer);
  return *flag;
}

static LiveClient *
live_open (guint       port,
           const char *token,
           gboolean    answer_pings)
{
  LiveClient *client = g_new0 (LiveClient, 1);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/sync/live", port);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  client->answer_pings = answer_pings;
  soup_message_headers_replace (headers, "Authorization", bearer);
  soup_message_headers_replace (headers, "Duka-Protocol", "1");
  soup_message_headers_replace (headers, "Duka-Schema", "3");
  soup_session_websocket_connect_async (live_session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        client_connected, client);
  g_assert_true (wait_for (&client->done, 10000));
  client->status = soup_message_get_status (msg);
  return client;
}

static void
live_close (LiveClient *client)
{
  if (client->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (client->connection, client);
      if (soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (client->connection);
    }
  g_clear_error (&client->error);
  g_free (client->cursor);
  g_free (client);
}

static gboolean
wait_for_feed (LiveClient *client,
               guint       before,
               guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (client->feeds == before && !client->closed && g_get_monotonic_time () < deadline)
    {
      gboolean tick = FALSE;

      g_timeout_add (10, set_flag, &tick);
      wait_for (&tick, 20);
    }
  return client->feeds > before;
}

static void
run_main_context (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  wait_for (&done, ms + 1000);
}

/* The second process */

typedef struct
{
  GSubprocess *process;
  guint        port;
  char        *dir;
} Process;

static char *
signing_key_base64 (void)
{
  return g_base64_encode (test_server_get_config (server)->signing_key, DUKA_SERVER_SIGNING_KEY_BYTES);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
launch (const char  *dir,
        const char **env,
        GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *config = g_build_filename (dir, "duka-server.conf", NULL);
  g_autofree char *log = g_build_filename (dir, "duka-server.log", NULL);
  const char *binary = g_getenv ("DUKA_TEST_SERVER_BINARY");

  g_assert_nonnull (binary);
  for (guint i = 0; env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  /* Never outlive a test that failed. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawn (launcher, error, binary, "--config", config, NULL);
}

static Process *
process_start (void)
{
  Process *process = g_new0 (Process, 1);
  g_autofree char *key = signing_key_base64 ();
  g_autofree char *config = NULL;
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;
  /* The file says one thing, the environment wins where it says more. */
  const char *file =
    "[server]\n"
    "listen = 127.0.0.1:1\n"
    "workers = 2\n"
    "live-heartbeat-ms = 150\n"
    "live-timeout-ms = 600\n";
  const char *env[] = {
    "DUKA_SERVER_LISTEN", "127.0.0.1:0",
    "DUKA_SERVER_DATABASE_URL", g_getenv ("DUKA_TEST_DATABASE_URL"),
    "DUKA_SERVER_SIGNING_KEY", key,
    "DUKA_SERVER_ADDRESS_BURST", "100000",
    NULL,
  };

  process->dir = g_dir_make_tmp ("duka-server-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_build_filename (process->dir, "duka-server.conf", NULL);
  log = g_build_filename (process->dir, "duka-server.log", NULL);
  g_file_set_contents (config, file, -1, &error);
  g_assert_no_error (error);

  process->process = launch (process->dir, env, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 1000 && process->port == 0; i++)
    {
      g_autofree char *text = NULL;
      const char *line;

      g_usleep (10 * 1000);
      if (!g_file_get_contents (log, &text, NULL, NULL))
        continue;
      line = strstr (text, "event=listening url=http://127.0.0.1:");
      if (line != NULL)
        process->port = atoi (line + strlen ("event=listening url=http://127.0.0.1:"));
    }
  if (process->port <= 1)
    {
      g_autofree char *text = NULL;

      g_file_get_contents (log, &text, NULL, NULL);
      g_error ("the second duka-server did not start:\n%s", text);
    }
  return process;
}

static void
process_stop (Process *process)
{
  g_autofree char *log = g_build_filename (process->dir, "duka-server.log", NULL);
  g_autofree char *config = g_build_filename (process->dir, "duka-server.conf", NULL);
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process->process, SIGTERM);
  g_subprocess_wait (process->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process->process));
  g_assert_cmpint (g_subprocess_get_exit_status (process->process), ==, 0);
  g_unlink (log);
  g_unlink (config);
  g_rmdir (process->dir);
  g_object_unref (process->process);
  g_free (process->dir);
  g_free (process);
}

static JsonNode *
request_at (guint       port,
            const char *method,
            const char *path,
            const char *token,
            const char *body,
            guint      *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  soup_message_headers_replace (headers, "Duka-Protocol", "1");
  soup_message_headers_replace (headers, "Duka-Schema", "3");
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  return json_from_string (text, NULL);
}

static void
push_product_at (guint port)
{
  g_autofree char *op_id = duka_id_new ();
  g_autofree char *id = duka_id_new ();
  g_autofree char *op = product_op (op_id, id, tenant_a.device_id, 0, "[]", "{\"name\":\"Live\",\"price\":5}");
  g_autofree char *body = g_strdup_printf ("{\"ops\":[%s]}", op);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = request_at (port, "POST", "/api/v1/sync/push", tenant_a.device_token, body, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_live_refused (void)
{
  LiveClient *none = live_open (test_server_port (server), "not-a-token", TRUE);
  LiveClient *owner = NULL;

  g_assert_null (none->connection);
  g_assert_cmpuint (none->status, ==, 401);
  live_close (none);

  /* A person may listen too (an owner's back office). */
  owner = live_open (test_server_port (server), tenant_a.owner_token, TRUE);
  g_assert_no_error (owner->error);
  g_assert_nonnull (owner->connection);
  live_close (owner);
}

static void
test_live_two_processes (void)
{
  Process *other = process_start ();
  guint here = test_server_port (server);
  LiveClient *a_here = live_open (here, tenant_a.device_token, TRUE);
  LiveClient *a_there = live_open (other->port, tenant_a.device_token, TRUE);
  LiveClient *b_there = live_open (other->port, tenant_b.device_token, TRUE);
  gint64 started;
  guint before_here, before_there;

  g_assert_no_error (a_here->error);
  g_assert_no_error (a_there->error);
  g_assert_no_error (b_there->error);

  /* A push here: both of tenant A's sockets hear of it within a second,
   * tenant B's does not. */
  before_here = a_here->feeds;
  before_there = a_there->feeds;
  started = g_get_monotonic_time ();
  push_product_at (here);
  g_assert_true (wait_for_feed (a_here, before_here, 1000));
  g_assert_true (wait_for_feed (a_there, before_there, 1000));
  g_test_message ("push here → socket here and there within %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_assert_nonnull (a_there->cursor);
  g_assert_nonnull (strchr (a_there->cursor, '.'));

  /* A push there: the socket here hears of it. */
  before_here = a_here->feeds;
  started = g_get_monotonic_time ();
  push_product_at (other->port);
  g_assert_true (wait_for_feed (a_here, before_here, 1000));
  g_test_message ("push there → socket here within %.1f ms", (g_get_monotonic_time () - started) / 1000.0);

  run_main_context (100);
  g_assert_cmpuint (b_there->feeds, ==, 0);

  /* The other process pings every 150 ms and closes a socket silent for
   * 600 ms; one that answers stays. */
  {
    LiveClient *silent = live_open (other->port, tenant_b.device_token, FALSE);

    started = g_get_monotonic_time ();
    g_assert_true (wait_for (&silent->closed, 2000));
    g_test_message ("silent socket closed after %.0f ms, code %u",
                    (g_get_monotonic_time () - started) / 1000.0, silent->close_code);
    g_assert_cmpuint (silent->close_code, ==, 4408);
    g_assert_cmpuint (silent->pings, >=, 2);
    g_assert_false (b_there->closed);
    g_assert_cmpuint (b_there->pings, >=, 2);
    live_close (silent);
  }

  /* Revoking a till closes its sockets in both processes at once. */
  {
    g_autofree char *code = new_pairing_code (tenant_a.owner_token, tenant_a.outlet_id);
    guint status;
    g_autoptr(JsonNode) paired = pair (code, &status);
    g_autofree char *revoke = NULL;
    g_autoptr(JsonNode) revoked = NULL;
    LiveClient *till_here = NULL;
    LiveClient *till_there = NULL;

    g_assert_cmpuint (status, ==, 201);
    till_here = live_open (here, test_member (paired, "access_token"), TRUE);
    till_there = live_open (other->port, test_member (paired, "access_token"), TRUE);
    g_assert_nonnull (till_here->connection);
    g_assert_nonnull (till_there->connection);

    revoke = g_strdup_printf ("/api/v1/devices/%s/revoke", test_member (paired, "device_id"));
    started = g_get_monotonic_time ();
    revoked = test_request (server, "POST", revoke, tenant_a.owner_token, "{}", -1, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_true (wait_for (&till_here->closed, 1000));
    g_assert_true (wait_for (&till_there->closed, 1000));
    g_test_message ("revoked till's sockets closed within %.1f ms", (g_get_monotonic_time () - started) / 1000.0);
    g_assert_cmpuint (till_here->close_code, ==, 4401);
    g_assert_cmpuint (till_there->close_code, ==, 4401);
    g_assert_false (a_here->closed);
    g_assert_false (a_there->closed);

    live_close (till_here);
    live_close (till_there);

    /* And it cannot open a new one. */
    till_here = live_open (here, test_member (paired, "access_token"), TRUE);
    g_assert_null (till_here->connection);
    g_assert_cmpuint (till_here->status, ==, 401);
    live_close (till_here);
  }

  live_close (a_here);
  live_close (a_there);
  live_close (b_there);
  process_stop (other);
}

static guint
admin_post (const char *tenant_id,
            const char *what)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/admin/tenants/%s/%s", tenant_id, what);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = test_request (server, "POST", path, TEST_PLATFORM_ADMIN_TOKEN, "{}", -1, &status);
  g_assert_nonnull (test_member (answer, "tenant_id"));
  return status;
}

/* Suspending a tenant refuses its tokens and closes its sockets at once;
 * reactivating it lets the same tokens in again.  Other tenants never
 * notice. */
static void
test_live_tenant_suspended (void)
{
  static Tenant c;
  guint here = test_server_port (server);
  LiveClient *till, *owner, *a_till, *refused;
  g_autoptr(JsonNode) me = NULL;
  g_autoptr(JsonNode) pulled = NULL;
  g_autoptr(JsonNode) login = NULL;
  g_autofree char *login_body = NULL;
  gint64 started;
  guint status;

  make_tenant (&c, "charlie");
  till = live_open (here, c.device_token, TRUE);
  owner = live_open (here, c.owner_token, TRUE);
  a_till = live_open (here, tenant_a.device_token, TRUE);
  g_assert_nonnull (till->connection);
  g_assert_nonnull (owner->connection);

  started = g_get_monotonic_time ();
  g_assert_cmpuint (admin_post (c.tenant_id, "suspend"), ==, 200);
  g_assert_true (wait_for (&till->closed, 1000));
  g_assert_true (wait_for (&owner->closed, 1000));
  g_test_message ("suspended tenant's sockets closed within %.1f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpuint (till->close_code, ==, 4401);
  g_assert_cmpuint (owner->close_code, ==, 4401);
  g_assert_false (a_till->closed);

  /* Every way in is refused with a plain JSON error. */
  me = test_request (server, "GET", "/api/v1/auth/me", c.owner_token, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (test_member (me, "error"), ==, "tenant-suspended");
  pulled = test_request (server, "GET", "/api/v1/sync/pull?since=0", c.device_token, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (test_member (pulled, "error"), ==, "tenant-suspended");
  login_body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", c.email, c.password);
  login = test_request (server, "POST", "/api/v1/auth/login", NULL, login_body, -1, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (test_member (login, "error"), ==, "tenant-suspended");
  {
    g_autofree char *refresh_body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", c.device_refresh);
    g_autoptr(JsonNode) refreshed = test_request (server, "POST", "/api/v1/auth/refresh", NULL,
                                                  refresh_body, -1, &status);

    /* Not "signed out": the till keeps its credential for later. */
    g_assert_cmpuint (status, ==, 403);
    g_assert_cmpstr (test_member (refreshed, "error"), ==, "tenant-suspended");
  }
  refused = live_open (here, c.device_token, TRUE);
  g_assert_null (refused->connection);
  g_assert_cmpuint (refused->status, ==, 403);
  live_close (refused);

  /* Suspending again is no error and keeps the first time. */
  g_assert_cmpuint (admin_post (c.tenant_id, "suspend"), ==, 200);

  /* Reactivated: the same tokens work again. */
  g_assert_cmpuint (admin_post (c.tenant_id, "reactivate"), ==, 200);
  g_clear_pointer (&me, json_node_unref);
  me = test_request (server, "GET", "/api/v1/auth/me", c.owner_token, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&pulled, json_node_unref);
  pulled = test_request (server, "GET", "/api/v1/sync/pull?since=0", c.device_token, NULL, 0, &status);
  g_assert_cmpuint (status, ==, 200);
  {
    g_autofree char *refresh_body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", c.device_refresh);
    g_autoptr(JsonNode) refreshed = test_request (server, "POST", "/api/v1/auth/refresh", NULL,
                                                  refresh_body, -1, &status);

    g_assert_cmpuint (status, ==, 200);
  }
  refused = live_open (here, c.device_token, TRUE);
  g_assert_nonnull (refused->connection);
  live_close (refused);

  live_close (till);
  live_close (owner);
  live_close (a_till);
}

/* The configuration: the environment is checked as strictly as the file. */
static void
test_live_config_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-server-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "duka-server.conf", NULL);
  g_autofree char *log = g_build_filename (dir, "duka-server.log", NULL);
  g_autofree char *key = signing_key_base64 ();
  g_autofree char *text = NULL;
  g_autoptr(GSubprocess) process = NULL;
  const char *env[] = {
    "DUKA_SERVER_DATABASE_URL", g_getenv ("DUKA_TEST_DATABASE_URL"),
    "DUKA_SERVER_SIGNING_KEY", key,
    "DUKA_SERVER_LIVE_TIMEOUT_MS", "ten",
    NULL,
  };

  g_file_set_contents (config, "[server]\nlisten = 127.0.0.1:0\n", -1, &error);
  g_assert_no_error (error);
  process = launch (dir, env, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_file_get_contents (log, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "DUKA_SERVER_LIVE_TIMEOUT_MS"));
  g_unlink (log);
  g_unlink (config);
  g_rmdir (dir);
}

void
test_live_add_tests (void)
{
  live_session = soup_session_new ();
  g_test_add_func ("/server/live/refused", test_live_refused);
  g_test_add_func ("/server/live/two-processes", test_live_two_processes);
  g_test_add_func ("/server/live/tenant-suspended", test_live_tenant_suspended);
  g_test_add_func ("/server/live/config-refused", test_live_config_refused);
}
