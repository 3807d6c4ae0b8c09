/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sodium.h>
#include <string.h>

#include "server-test.h"

struct _TestServer
{
  DukaServerConfig *config;
  GThread          *thread;
  GMainContext     *context;
  GMainLoop        *loop;
  GMutex            mutex;
  GCond             cond;
  gboolean          ready;
  guint             port;
  GError           *error;
  SoupSession      *session;
  DukaServer       *server;
};

DukaServerConfig *
test_server_config (void)
{
  DukaServerConfig *config = duka_server_config_new_default ();
  const char *url = g_getenv ("DUKA_TEST_DATABASE_URL");

  g_assert_nonnull (url);
  config->database_url = g_strdup (url);
  config->migrations_url = g_strdup (g_getenv ("DUKA_TEST_MIGRATIONS_URL"));
  config->listen_port = 0;
  config->workers = 4;
  config->address_burst = 100000;
  config->platform_admin_token = g_strdup (TEST_PLATFORM_ADMIN_TOKEN);
  randombytes_buf (config->signing_key, sizeof config->signing_key);
  return config;
}

static gpointer
run_server (gpointer data)
{
  TestServer *test = data;
  g_autoptr(DukaServer) duka = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (test->context);
  duka = duka_server_new (test->config, &error);
  if (duka != NULL)
    duka_server_listen (duka, &error);

  g_mutex_lock (&test->mutex);
  test->error = error;
  test->port = duka != NULL ? duka_server_get_port (duka) : 0;
  test->server = duka;
  test->ready = TRUE;
  g_cond_signal (&test->cond);
  g_mutex_unlock (&test->mutex);

  if (error == NULL)
    g_main_loop_run (test->loop);

  g_clear_object (&duka);
  g_main_context_pop_thread_default (test->context);
  return NULL;
}

TestServer *
test_server_start (DukaServerConfig *config)
{
  TestServer *test = g_new0 (TestServer, 1);

  test->config = config;
  test->context = g_main_context_new ();
  test->loop = g_main_loop_new (test->context, FALSE);
  g_mutex_init (&test->mutex);
  g_cond_init (&test->cond);
  test->thread = g_thread_new ("test-server", run_server, test);

  g_mutex_lock (&test->mutex);
  while (!test->ready)
    g_cond_wait (&test->cond, &test->mutex);
  g_mutex_unlock (&test->mutex);

  g_assert_no_error (test->error);
  test->session = soup_session_new_with_options ("timeout", 60, NULL);
  return test;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
test_server_stop (TestServer *test)
{
  g_clear_object (&test->session);
  g_main_context_invoke (test->context, quit_loop, test->loop);
  g_thread_join (test->thread);
  g_main_loop_unref (test->loop);
  g_main_context_unref (test->context);
  g_mutex_clear (&test->mutex);
  g_cond_clear (&test->cond);
  duka_server_config_free (test->config);
  g_free (test);
}

char *
test_server_url (TestServer *test,
                 const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", test->port, path);
}

JsonNode *
test_request_full (TestServer  *test,
                   const char  *method,
                   const char  *path,
                   const char  *token,
                   const char  *body,
                   gssize       body_length,
                   gboolean     versioned,
                   guint       *status,
                   char       **text_out)
{
  g_autofree char *url = test_server_url (test, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (versioned)
    {
      soup_message_headers_replace (headers, "Duka-Protocol", "1");
      soup_message_headers_replace (headers, "Duka-Schema", "3");
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_length < 0 ? strlen (body) : (gsize) body_length);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (test->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  if (text_out != NULL)
    *text_out = g_strdup (text);

  return json_from_string (text, NULL);
}

JsonNode *
test_request (TestServer  *test,
              const char  *method,
              const char  *path,
              const char  *token,
              const char  *body,
              gssize       body_length,
              guint       *status)
{
  gboolean versioned = g_str_has_prefix (path, "/api/v1/sync/");

  return test_request_full (test, method, path, token, body, body_length, versioned, status, NULL);
}

const char *
test_member (JsonNode   *node,
             const char *name)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_string_member_with_default (json_node_get_object (node), name, NULL);
}

PGconn *
test_connect (const char *env_name)
{
  PGconn *conn = PQconnectdb (g_getenv (env_name));

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* Parameters are bound: test_sql (conn, "… $1 …", "value", NULL). */
PGresult *
test_sql (PGconn     *conn,
          const char *sql,
          ...)
{
  const char *params[16];
  int n = 0;
  va_list args;
  PGresult *result;

  va_start (args, sql);
  for (const char *p = va_arg (args, const char *); p != NULL; p = va_arg (args, const char *))
    params[n++] = p;
  va_end (args);

  result = PQexecParams (conn, sql, n, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("SQL failed: %s\n%s", PQresultErrorMessage (result), sql);
  return result;
}

typedef struct
{
  TestServer *test;
  guint64     connections;
  guint64     closed_idle;
  guint       live_sockets;
  gboolean    done;
} StatsCall;

static gboolean
read_stats (gpointer data)
{
  StatsCall *call = data;

  duka_server_get_stats (call->test->server, &call->connections, &call->closed_idle, &call->live_sockets);
  g_mutex_lock (&call->test->mutex);
  call->done = TRUE;
  g_cond_broadcast (&call->test->cond);
  g_mutex_unlock (&call->test->mutex);
  return G_SOURCE_REMOVE;
}

void
test_server_get_stats (TestServer *test,
                       guint64    *connections,
                       guint64    *closed_idle,
                       guint      *live_sockets)
{
  StatsCall call = { test, 0, 0, 0, FALSE };

  g_main_context_invoke (test->context, read_stats, &call);
  g_mutex_lock (&test->mutex);
  while (!call.done)
    g_cond_wait (&test->cond, &test->mutex);
  g_mutex_unlock (&test->mutex);

  if (connections != NULL)
    *connections = call.connections;
  if (closed_idle != NULL)
    *closed_idle = call.closed_idle;
  if (live_sockets != NULL)
    *live_sockets = call.live_sockets;
}

guint
test_server_port (TestServer *test)
{
  return test->port;
}

const DukaServerConfig *
test_server_get_config (TestServer *test)
{
  return test->config;
}
