/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTTP side: limits, the life of a request, logging and health;
 * duka-server-routing.c finds the route and checks who is asking.  The main loop only parses and answers; a handler that needs
 * the database pauses its message and hands the work to a worker thread
 * (duka_request_run()), whose answer comes back to the main loop through
 * a GTask.
 */
#include <string.h>

#include "duka-registry.h"
#include "duka-server-idle.h"
#include "duka-server-live.h"
#include "duka-server-migrate.h"
#include "duka-server-private.h"

G_DEFINE_QUARK (duka-server-error-quark, duka_server_error)

/* Oldest till schema the server still speaks to. */
#define SCHEMA_MIN 1
/* Retries of a transaction PostgreSQL aborted for a deadlock or a
 * serialization failure. */
#define MAX_ATTEMPTS 3

struct _DukaServer
{
  GObject           parent_instance;

  DukaServerConfig *config;
  SoupServer       *soup;
  DukaDbPool       *pool;
  GMainContext     *context;
  guint             port;

  DukaRateLimiter  *per_address;
  DukaRateLimiter  *per_account;

  DukaLive         *live;
  DukaIdleWatch    *idle;
};

G_DEFINE_FINAL_TYPE (DukaServer, duka_server, G_TYPE_OBJECT)

typedef struct
{
  gint64  started;
  char   *tenant_id;
} LogInfo;

static void
log_info_free (gpointer data)
{
  LogInfo *info = data;

  g_free (info->tenant_id);
  g_free (info);
}

gint64
duka_server_now_us (void)
{
  return g_get_real_time ();
}

void
duka_server_get_schema_range (int *min,
                              int *max)
{
  const DukaKindSpec * const *kinds;
  guint n_kinds;
  int newest = SCHEMA_MIN;

  /* The newest schema is the newest thing the registry knows. */
  kinds = duka_registry_get_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      newest = MAX (newest, kinds[i]->since_schema);
      for (guint f = 0; f < kinds[i]->n_fields; f++)
        newest = MAX (newest, kinds[i]->fields[f].since_schema);
    }

  *min = SCHEMA_MIN;
  *max = newest;
}

/* Requests */

void
duka_request_free (DukaRequest *request)
{
  if (request->data_free != NULL)
    request->data_free (request->data);
  g_clear_pointer (&request->params, g_hash_table_unref);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_clear_pointer (&request->body, json_node_unref);
  g_clear_pointer (&request->claims, json_object_unref);
  g_clear_pointer (&request->response, json_node_unref);
  g_clear_pointer (&request->events, g_ptr_array_unref);
  g_free (request->tenant_id);
  g_free (request->remote);
  g_clear_object (&request->msg);
  g_clear_object (&request->server);
  g_free (request);
}

const DukaServerConfig *
duka_request_get_config (DukaRequest *request)
{
  return request->server->config;
}

JsonObject *
duka_request_get_body (DukaRequest *request)
{
  return request->body != NULL ? json_node_get_object (request->body) : NULL;
}

const char *
duka_request_get_param (DukaRequest *request,
                        const char  *name)
{
  return g_hash_table_lookup (request->params, name);
}

const char *
duka_request_get_claim (DukaRequest *request,
                        const char  *name)
{
  if (request->claims == NULL)
    return NULL;

  return json_object_get_string_member_with_default (request->claims, name, NULL);
}

void
duka_request_respond (DukaRequest *request,
                      guint        status,
                      JsonNode    *response)
{
  g_clear_pointer (&request->response, json_node_unref);
  request->status = status;
  request->response = response;
}

void
duka_request_fail (DukaRequest *request,
                   guint        status,
                   const char  *error_code,
                   const char  *format,
                   ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error_code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);

  duka_request_respond (request, status, json_builder_get_root (builder));
}

/* Bad input found by a helper: always the client's fault. */
void
duka_request_fail_error (DukaRequest  *request,
                         const GError *error)
{
  duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request", "%s", error->message);
}

/**
 * duka_request_after_commit:
 *
 * Queues a live event (see duka_live_publish()) that goes out only once
 * the request's transaction has committed, never from inside it.
 */
void
duka_request_after_commit (DukaRequest *request,
                           const char  *event)
{
  if (request->events == NULL)
    request->events = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (request->events, g_strdup (event));
}

static void
publish_events (DukaRequest *request)
{
  for (guint i = 0; request->events != NULL && i < request->events->len; i++)
    duka_live_publish (request->server->live, request->events->pdata[i]);
  g_clear_pointer (&request->events, g_ptr_array_unref);
}

gboolean
duka_request_rate_limit (DukaRequest *request,
                         const char  *bucket,
                         const char  *account)
{
  DukaServer *self = request->server;
  g_autofree char *address_key = g_strconcat (bucket, ":", request->remote, NULL);
  g_autofree char *account_key = NULL;
  guint retry = 0;
  gboolean ok;

  ok = duka_rate_limiter_take (self->per_address, address_key, request->now, &retry);
  if (ok && account != NULL)
    {
      account_key = g_strconcat (bucket, ":", account, NULL);
      ok = duka_rate_limiter_take (self->per_account, account_key, request->now, &retry);
    }

  if (!ok)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", MAX (retry, 1));

      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "Retry-After", seconds);
      duka_request_fail (request, 429, "rate-limited",
                         "Too many attempts. Try again in %s seconds.", seconds);
    }

  return ok;
}

gboolean
duka_request_set_tenant (DukaRequest  *request,
                         DukaDb       *db,
                         const char   *tenant_id,
                         GError      **error)
{
  g_autoptr(PGresult) result = NULL;

  /* Local to the transaction: the next request on this connection starts
   * with no tenant, so it sees no rows until it says whose they are. */
  result = duka_db_queryv (db, error, "SELECT set_config ('duka.tenant_id', $1, true)", tenant_id);
  if (result == NULL)
    return FALSE;

  if (request->tenant_id != tenant_id)
    {
      g_free (request->tenant_id);
      request->tenant_id = g_strdup (tenant_id);
    }
  return TRUE;
}

void
duka_request_send (DukaRequest *request)
{
  SoupServerMessage *msg = request->msg;
  LogInfo *info = g_object_get_data (G_OBJECT (msg), "duka-log");
  char *text;

  if (request->response == NULL)
    duka_request_fail (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                       "The server could not answer.");

  text = duka_json_to_string (request->response);
  soup_server_message_set_status (msg, request->status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
  if (info != NULL && request->tenant_id != NULL)
    info->tenant_id = g_strdup (request->tenant_id);
}

/* Runs on a worker */

/* A token is only as good as its family: logout, a revoked till or a
 * suspended tenant stop it at once, not when it expires. */
static const char principal_sql[] =
  "SELECT t.suspended_at IS NOT NULL FROM token_families f"
  "  JOIN tenants t ON t.tenant_id = f.tenant_id"
  "  LEFT JOIN users u ON u.tenant_id = f.tenant_id AND u.user_id = f.user_id"
  "  LEFT JOIN devices d ON d.tenant_id = f.tenant_id AND d.device_id = f.device_id"
  " WHERE f.tenant_id = $1 AND f.family_id = $2 AND f.revoked_at IS NULL"
  "   AND u.disabled_at IS NULL AND d.revoked_at IS NULL";
static const char set_tenant_sql[] = "SELECT set_config ('duka.tenant_id', $1, true)";

/* Opens the transaction of a request with a token: BEGIN, the tenant set
 * for the policies, and the principal checked, in one round trip. */
static gboolean
begin_as_principal (DukaRequest  *request,
                    DukaDb       *db,
                    GError      **error)
{
  const char * const tenant[] = { request->tenant_id };
  const char * const family[] = { request->tenant_id, duka_request_get_claim (request, "sid") };
  const DukaDbStatement statements[] = {
    { set_tenant_sql, G_N_ELEMENTS (tenant), tenant },
    { principal_sql, G_N_ELEMENTS (family), family },
  };
  PGresult *results[G_N_ELEMENTS (statements)];
  g_autoptr(PGresult) principal = NULL;
  g_autoptr(PGresult) set = NULL;

  if (!duka_db_begin (db, statements, G_N_ELEMENTS (statements), results, error))
    return FALSE;
  set = results[0];
  principal = results[1];

  if (PQntuples (principal) == 0)
    {
      duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthenticated",
                         "This sign-in has ended. Sign in again.");
      return FALSE;
    }

  /* Said apart from an ended sign-in: signing in again will not help. */
  if (g_str_equal (PQgetvalue (principal, 0, 0), "t"))
    {
      duka_request_fail (request, SOUP_STATUS_FORBIDDEN, "tenant-suspended",
                         "This business is suspended. Contact the operator of this server.");
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_transaction (DukaRequest  *request,
                 DukaDb       *db,
                 GError      **error)
{
  gboolean ok;
  g_autoptr(GError) local_error = NULL;

  /* A retried transaction starts with no events of its own. */
  g_clear_pointer (&request->events, g_ptr_array_unref);
  if (request->claims == NULL)
    {
      if (!duka_db_exec (db, "BEGIN", error))
        return FALSE;
      ok = request->worker (request, db, &local_error);
    }
  else
    ok = begin_as_principal (request, db, &local_error) &&
         request->worker (request, db, &local_error);

  if (ok || (local_error == NULL && request->commit_on_failure))
    {
      if (!duka_db_exec (db, "COMMIT", error))
        return FALSE;
      publish_events (request);
      return ok;
    }

  duka_db_exec (db, "ROLLBACK", NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;  /* the worker refused the request and said why */
}

static void
run_request_job (GTask  *task,
                 DukaDb *db,
                 GError *connect_error)
{
  DukaRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    {
      g_warning ("event=database-unavailable error=\"%s\"", connect_error->message);
      duka_request_fail (request, SOUP_STATUS_SERVICE_UNAVAILABLE, "database-unavailable",
                         "The server cannot reach its database. Try again soon.");
      g_task_return_boolean (task, TRUE);
      return;
    }

  for (guint attempt = 1; attempt <= MAX_ATTEMPTS; attempt++)
    {
      const char *state;

      g_clear_error (&error);
      if (run_transaction (request, db, &error))
        break;

      state = duka_db_last_sqlstate (db);
      if (error == NULL || attempt == MAX_ATTEMPTS ||
          !(g_str_equal (state, DUKA_SQLSTATE_SERIALIZATION_FAILURE) ||
            g_str_equal (state, DUKA_SQLSTATE_DEADLOCK)))
        break;
    }

  if (error != NULL)
    {
      g_warning ("event=request-failed path=%s error=\"%s\"", request->route->path, error->message);
      if (PQstatus (duka_db_get_conn (db)) != CONNECTION_OK)
        duka_request_fail (request, SOUP_STATUS_SERVICE_UNAVAILABLE, "database-unavailable",
                           "The server lost its database. Try again soon.");
      else
        duka_request_fail (request, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                           "The server could not do this.");
    }

  g_task_return_boolean (task, TRUE);
}

static void
request_job_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DukaRequest *request = g_task_get_task_data (G_TASK (result));

  /* A live socket that passed its checks goes on to the WebSocket
   * handshake, which libsoup answers. */
  if (request->upgrade != NULL && request->response == NULL)
    request->upgrade (request);
  else
    duka_request_send (request);
  soup_server_message_unpause (request->msg);
}

/**
 * duka_request_run:
 *
 * Pauses the message and runs @worker on a worker thread, inside a
 * transaction with the caller's tenant set; the answer goes out from the
 * main loop when it is done.
 */
void
duka_request_run (DukaRequest       *request,
                  DukaRequestWorker  worker,
                  gpointer           data,
                  GDestroyNotify     data_free)
{
  g_autoptr(GTask) task = NULL;

  request->worker = worker;
  request->data = data;
  request->data_free = data_free;

  task = g_task_new (request->server, NULL, request_job_done, NULL);
  g_task_set_source_tag (task, duka_request_run);
  g_task_set_task_data (task, request, (GDestroyNotify) duka_request_free);
  soup_server_message_pause (request->msg);
  duka_db_pool_push (request->server->pool, task, run_request_job);
}

static void
handle_message (SoupServer        *soup,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  duka_server_dispatch (user_data, msg, path, query);
}

void
duka_server_start_log (SoupServerMessage *msg)
{
  LogInfo *info = g_new0 (LogInfo, 1);

  info->started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), "duka-log", info, log_info_free);
}

/* Refuses big or unsized bodies from the headers alone, before libsoup
 * reads them into memory. */
static void
check_body_size (SoupServer        *soup,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  DukaServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *status_text = NULL;
  const char *code = NULL;
  guint status = 0;

  duka_server_start_log (msg);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_NONE:
      return;
    case SOUP_ENCODING_CONTENT_LENGTH:
      if (soup_message_headers_get_content_length (headers) <= (goffset) self->config->max_body_size)
        return;
      status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
      code = "too-large";
      status_text = "The request body is larger than the server accepts.";
      break;
    default:
      status = SOUP_STATUS_LENGTH_REQUIRED;
      code = "length-required";
      status_text = "Send the request body with a Content-Length.";
      break;
    }

  {
    g_autofree char *text = g_strdup_printf ("{\"error\":\"%s\",\"message\":\"%s\"}", code, status_text);

    soup_server_message_set_status (msg, status, NULL);
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                      text, strlen (text));
    /* The unread body is still on the wire. */
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
  }
}

static void
log_request (SoupServer        *soup,
             SoupServerMessage *msg,
             gpointer           user_data)
{
  LogInfo *info = g_object_get_data (G_OBJECT (msg), "duka-log");
  GUri *uri = soup_server_message_get_uri (msg);

  if (info == NULL)
    return;

  g_printerr ("method=%s path=%s status=%u ms=%.1f tenant=%s\n",
              soup_server_message_get_method (msg),
              uri != NULL ? g_uri_get_path (uri) : "-",
              soup_server_message_get_status (msg),
              (g_get_monotonic_time () - info->started) / 1000.0,
              info->tenant_id != NULL ? info->tenant_id : "-");
}

/* The object */

static void
duka_server_finalize (GObject *object)
{
  DukaServer *self = DUKA_SERVER (object);

  g_clear_pointer (&self->idle, duka_idle_watch_free);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->live, duka_live_free);
  g_clear_pointer (&self->pool, duka_db_pool_free);
  g_clear_pointer (&self->per_address, duka_rate_limiter_free);
  g_clear_pointer (&self->per_account, duka_rate_limiter_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->config, duka_server_config_free);

  G_OBJECT_CLASS (duka_server_parent_class)->finalize (object);
}

static void
duka_server_class_init (DukaServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = duka_server_finalize;
}

static void
duka_server_init (DukaServer *self)
{
}

DukaServer *
duka_server_new (const DukaServerConfig  *config,
                 GError                 **error)
{
  g_autoptr(DukaServer) self = g_object_new (DUKA_TYPE_SERVER, NULL);
  g_autoptr(DukaDb) db = NULL;

  if (!duka_server_config_check ((DukaServerConfig *) config, error))
    return NULL;
  self->config = duka_server_config_copy (config);
  self->context = g_main_context_ref_thread_default ();
  /* Sign-in, refresh and pairing: after the burst, one attempt every 6 s
   * per address and every 12 s per account. */
  self->per_address = duka_rate_limiter_new (config->address_burst, 1.0 / 6);
  self->per_account = duka_rate_limiter_new (config->account_burst, 1.0 / 12);

  if (config->migrations_url != NULL && !duka_server_migrate (config->migrations_url, error))
    return NULL;

  db = duka_db_connect (config->database_url, error);
  if (db == NULL || !duka_server_check_database (db, error))
    return NULL;

  self->pool = duka_db_pool_new (config->database_url, config->workers, error);
  if (self->pool == NULL)
    return NULL;

  self->live = duka_live_new (config->database_url, self->context,
                              config->live_heartbeat_ms, config->live_timeout_ms, error);
  if (self->live == NULL)
    return NULL;

  self->soup = soup_server_new ("server-header", "duka-server", NULL);
  soup_server_add_early_handler (self->soup, NULL, check_body_size, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_message, self, NULL);
  duka_server_add_live_handler (self, self->soup);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (log_request), self);
  self->idle = duka_idle_watch_new (self->soup);

  return g_steal_pointer (&self);
}

gboolean
duka_server_listen (DukaServer  *self,
                    GError     **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (self->config->listen_host);
  GSList *uris;

  if (inet == NULL)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                   "listen address “%s” is not an IP address", self->config->listen_host);
      return FALSE;
    }

  address = g_inet_socket_address_new (inet, self->config->listen_port);
  if (!soup_server_listen (self->soup, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup);
  self->port = uris != NULL ? g_uri_get_port (uris->data) : 0;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

guint
duka_server_get_port (DukaServer *self)
{
  return self->port;
}

DukaLive *
duka_server_get_live (DukaServer *self)
{
  return self->live;
}

void
duka_server_get_stats (DukaServer *self,
                       guint64    *connections,
                       guint64    *closed_idle,
                       guint      *live_sockets)
{
  duka_idle_watch_get_counts (self->idle, connections, closed_idle);
  *live_sockets = duka_live_count_sockets (self->live);
}

/* Health */

void
duka_server_handle_healthz (DukaRequest *request)
{
  duka_request_respond (request, SOUP_STATUS_OK, json_from_string ("{\"status\":\"ok\"}", NULL));
}

static gboolean
ping_database (DukaRequest  *request,
               DukaDb       *db,
               GError      **error)
{
  g_autoptr(PGresult) result = duka_db_query (db, "SELECT 1", 0, NULL, error);

  if (result == NULL)
    return FALSE;

  duka_request_respond (request, SOUP_STATUS_OK, json_from_string ("{\"status\":\"ready\"}", NULL));
  return TRUE;
}

void
duka_server_handle_readyz (DukaRequest *request)
{
  duka_request_run (request, ping_database, NULL, NULL);
}
