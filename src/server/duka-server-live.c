/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Live sockets.  A push says "the feed moved" only after its transaction
 * committed: NOTIFY inside the push would hold PostgreSQL's cluster-wide
 * notify lock until the commit is flushed, serialising every push of
 * every tenant.  So workers hand events to this module, and one thread
 * with one dedicated connection per process
 *
 *   - coalesces feed events per tenant (at most one every COALESCE_MS),
 *   - sends them, and close events at once, with pg_notify in a
 *     transaction of their own, many per statement,
 *   - delivers them to this process's sockets itself, and
 *   - LISTENs, delivering what the other processes sent (its own echo is
 *     skipped by backend pid).
 *
 * Sockets live on the main context.  Heartbeats go both ways: the server
 * sends {"type":"ping"} every heartbeat and answers a till's ping with a
 * pong; a socket that sent nothing for the timeout is closed, so a dead
 * peer is noticed on both ends.
 */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "duka-server-error.h"
#include "duka-server-live.h"

#define CHANNEL        "duka_live"
#define COALESCE_US    (50 * 1000)
#define RECONNECT_US   (1000 * 1000)

/* WebSocket close codes in the application range. */
#define CLOSE_ENDED    4401   /* revoked, signed out or suspended */
#define CLOSE_SILENT   4408   /* no heartbeat within the timeout */

typedef struct
{
  DukaLive                *live;
  SoupWebsocketConnection *connection;
  char                    *tenant_id;
  char                    *kind;
  char                    *subject_id;
  char                    *family_id;
  gint64                   last_seen;
  gboolean                 listed;    /* still in live->tenants */
} LiveSocket;

struct _DukaLive
{
  gatomicrefcount  ref_count;
  char            *url;
  GMainContext    *context;
  gint64           heartbeat_us;
  gint64           timeout_us;

  /* Shared with the thread, under mutex. */
  GMutex           mutex;
  GHashTable      *pending_feed;  /* tenant → newest cursor */
  GHashTable      *last_sent;     /* tenant → gint64 * (monotonic µs) */
  GPtrArray       *pending_now;   /* close events */
  gboolean         stopping;
  int              wake[2];
  GThread         *thread;

  /* Main context only. */
  GHashTable      *tenants;       /* tenant → GPtrArray of LiveSocket */
  GSource         *heartbeat;
};

static DukaLive *
duka_live_ref (DukaLive *live)
{
  g_atomic_ref_count_inc (&live->ref_count);
  return live;
}

static void
duka_live_unref (DukaLive *live)
{
  if (!g_atomic_ref_count_dec (&live->ref_count))
    return;

  g_hash_table_unref (live->pending_feed);
  g_hash_table_unref (live->last_sent);
  g_ptr_array_unref (live->pending_now);
  g_hash_table_unref (live->tenants);
  g_main_context_unref (live->context);
  g_mutex_clear (&live->mutex);
  g_free (live->url);
  g_free (live);
}

/* Cursors are XID.POS; compares them as numbers. */
static gboolean
cursor_newer (const char *a,
              const char *b)
{
  guint64 ax = 0, ap = 0, bx = 0, bp = 0;

  sscanf (a, "%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, &ax, &ap);
  sscanf (b, "%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, &bx, &bp);
  return ax > bx || (ax == bx && ap > bp);
}

/* Sockets, on the main context */

static void
live_socket_send (LiveSocket *socket,
                  const char *text)
{
  if (soup_websocket_connection_get_state (socket->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (socket->connection, text);
}

static void
unlist_socket (LiveSocket *socket)
{
  GPtrArray *sockets;

  if (!socket->listed)
    return;

  socket->listed = FALSE;
  sockets = g_hash_table_lookup (socket->live->tenants, socket->tenant_id);
  g_ptr_array_remove_fast (sockets, socket);
  if (sockets->len == 0)
    g_hash_table_remove (socket->live->tenants, socket->tenant_id);
}

static void
live_socket_close (LiveSocket *socket,
                   gushort     code,
                   const char *reason)
{
  unlist_socket (socket);
  g_printerr ("event=live-closed tenant=%s %s=%s code=%u reason=%s\n",
              socket->tenant_id, socket->kind, socket->subject_id, code, reason);
  if (soup_websocket_connection_get_state (socket->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (socket->connection, code, reason);
}

static void
live_socket_free (LiveSocket *socket)
{
  g_signal_handlers_disconnect_by_data (socket->connection, socket);
  g_object_unref (socket->connection);
  g_free (socket->tenant_id);
  g_free (socket->kind);
  g_free (socket->subject_id);
  g_free (socket->family_id);
  duka_live_unref (socket->live);
  g_free (socket);
}

static void
on_socket_closed (SoupWebsocketConnection *connection,
                  LiveSocket              *socket)
{
  unlist_socket (socket);
  live_socket_free (socket);
}

static void
on_socket_message (SoupWebsocketConnection *connection,
                   gint                     type,
                   GBytes                  *message,
                   LiveSocket              *socket)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = g_bytes_get_data (message, &size);
  JsonNode *root;

  /* Anything the till says proves it is alive. */
  socket->last_seen = g_get_monotonic_time ();

  if (type != SOUP_WEBSOCKET_DATA_TEXT || size > 4096 ||
      !json_parser_load_from_data (parser, data, size, NULL))
    return;

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "type", NULL),
                 "ping") == 0)
    live_socket_send (socket, "{\"type\":\"pong\"}");
}

void
duka_live_add_socket (DukaLive                *live,
                      SoupWebsocketConnection *connection,
                      const DukaLiveIdentity  *identity)
{
  LiveSocket *socket = g_new0 (LiveSocket, 1);
  GPtrArray *sockets;

  socket->live = duka_live_ref (live);
  socket->connection = g_object_ref (connection);
  socket->tenant_id = g_strdup (identity->tenant_id);
  socket->kind = g_strdup (identity->kind);
  socket->subject_id = g_strdup (identity->subject_id);
  socket->family_id = g_strdup (identity->family_id);
  socket->last_seen = g_get_monotonic_time ();
  socket->listed = TRUE;

  sockets = g_hash_table_lookup (live->tenants, socket->tenant_id);
  if (sockets == NULL)
    {
      sockets = g_ptr_array_new ();
      g_hash_table_insert (live->tenants, g_strdup (socket->tenant_id), sockets);
    }
  g_ptr_array_add (sockets, socket);

  g_signal_connect (connection, "message", G_CALLBACK (on_socket_message), socket);
  g_signal_connect (connection, "closed", G_CALLBACK (on_socket_closed), socket);
  g_printerr ("event=live-opened tenant=%s %s=%s\n", socket->tenant_id, socket->kind, socket->subject_id);
}

guint
duka_live_count_sockets (DukaLive *live)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, live->tenants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((GPtrArray *) value)->len;

  return n;
}

/* Sockets matching an event; a copy, since closing changes the lists. */
static GPtrArray *
sockets_for (DukaLive   *live,
             const char *tenant_id)
{
  GPtrArray *sockets = g_hash_table_lookup (live->tenants, tenant_id);
  GPtrArray *copy = g_ptr_array_new ();

  for (guint i = 0; sockets != NULL && i < sockets->len; i++)
    g_ptr_array_add (copy, sockets->pdata[i]);
  return copy;
}

static void
deliver_event (DukaLive   *live,
               const char *event)
{
  g_auto(GStrv) words = g_strsplit (event, " ", 4);
  guint n = g_strv_length (words);
  g_autoptr(GPtrArray) sockets = NULL;

  if (n == 3 && g_str_equal (words[0], "feed"))
    {
      g_autofree char *text = g_strdup_printf ("{\"type\":\"feed\",\"cursor\":\"%s\"}", words[2]);

      sockets = sockets_for (live, words[1]);
      for (guint i = 0; i < sockets->len; i++)
        live_socket_send (sockets->pdata[i], text);
    }
  else if (n == 1 && g_str_equal (words[0], "resync"))
    {
      /* Notifications may have been missed while the listener was away. */
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, live->tenants);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        for (guint i = 0; i < ((GPtrArray *) value)->len; i++)
          live_socket_send (((GPtrArray *) value)->pdata[i], "{\"type\":\"feed\",\"cursor\":null}");
    }
  else if ((n == 2 || n == 4) && g_str_equal (words[0], "close"))
    {
      sockets = sockets_for (live, words[1]);
      for (guint i = 0; i < sockets->len; i++)
        {
          LiveSocket *socket = sockets->pdata[i];
          const char *id = n == 2 ? NULL
                         : g_str_equal (words[2], "family") ? socket->family_id
                         : g_str_equal (words[2], socket->kind) ? socket->subject_id : NULL;

          if (n == 2 || g_strcmp0 (id, words[3]) == 0)
            live_socket_close (socket, CLOSE_ENDED, n == 2 ? "tenant-suspended" : "signed-out");
        }
    }
}

typedef struct
{
  DukaLive  *live;
  GPtrArray *events;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  g_ptr_array_unref (delivery->events);
  duka_live_unref (delivery->live);
  g_free (delivery);
}

static gboolean
deliver_events (gpointer data)
{
  Delivery *delivery = data;

  for (guint i = 0; i < delivery->events->len; i++)
    deliver_event (delivery->live, delivery->events->pdata[i]);
  return G_SOURCE_REMOVE;
}

/* From the thread: hands @events (taken) to the main context. */
static void
dispatch_local (DukaLive  *live,
                GPtrArray *events)
{
  Delivery *delivery;

  if (events->len == 0)
    {
      g_ptr_array_unref (events);
      return;
    }

  delivery = g_new0 (Delivery, 1);
  delivery->live = duka_live_ref (live);
  delivery->events = events;
  g_main_context_invoke_full (live->context, G_PRIORITY_DEFAULT, deliver_events, delivery, delivery_free);
}

static gboolean
send_heartbeats (gpointer data)
{
  DukaLive *live = data;
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, live->tenants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint i = 0; i < ((GPtrArray *) value)->len; i++)
      g_ptr_array_add (all, ((GPtrArray *) value)->pdata[i]);

  for (guint i = 0; i < all->len; i++)
    {
      LiveSocket *socket = all->pdata[i];

      if (now - socket->last_seen > live->timeout_us)
        live_socket_close (socket, CLOSE_SILENT, "heartbeat-timeout");
      else
        live_socket_send (socket, "{\"type\":\"ping\"}");
    }

  return G_SOURCE_CONTINUE;
}

/* The listener thread */

static PGconn *
listener_connect (DukaLive *live)
{
  PGconn *conn = PQconnectdb (live->url);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_printerr ("event=live-listener-unavailable error=\"%s\"\n", g_strstrip (PQerrorMessage (conn)));
      PQfinish (conn);
      return NULL;
    }

  result = PQexec (conn, "LISTEN " CHANNEL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      PQclear (result);
      PQfinish (conn);
      return NULL;
    }
  PQclear (result);
  PQsetnonblocking (conn, 0);
  return conn;
}

static void
collect_notifications (PGconn    *conn,
                       GPtrArray *into)
{
  PGnotify *notify;
  int own_pid = PQbackendPID (conn);

  while ((notify = PQnotifies (conn)) != NULL)
    {
      if (notify->be_pid != own_pid)
        g_ptr_array_add (into, g_strdup (notify->extra));
      PQfreemem (notify);
    }
}

static void
send_notifications (PGconn    *conn,
                    GPtrArray *events)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  const char *params[1];
  PGresult *result;

  for (guint i = 0; i < events->len; i++)
    {
      if (i > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, events->pdata[i]);
    }
  params[0] = joined->str;

  /* One statement, one short transaction, one notification per event. */
  result = PQexecParams (conn,
                         "SELECT pg_notify ('" CHANNEL "', event)"
                         "  FROM unnest (string_to_array ($1, E'\\n')) AS event",
                         1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_printerr ("event=live-notify-failed error=\"%s\"\n", g_strstrip (PQresultErrorMessage (result)));
  PQclear (result);
}

/* Feed events that are due (under the mutex); the wait till the next one
 * in *wait_us, or -1. */
static void
take_due_events (DukaLive  *live,
                 gint64     now,
                 GPtrArray *into,
                 gint64    *wait_us)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < live->pending_now->len; i++)
    g_ptr_array_add (into, g_strdup (live->pending_now->pdata[i]));
  g_ptr_array_set_size (live->pending_now, 0);

  *wait_us = -1;
  g_hash_table_iter_init (&iter, live->pending_feed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *last = g_hash_table_lookup (live->last_sent, key);

      if (last == NULL || now - *last >= COALESCE_US)
        {
          g_ptr_array_add (into, g_strdup_printf ("feed %s %s", (char *) key, (char *) value));
          g_hash_table_replace (live->last_sent, g_strdup (key), g_memdup2 (&now, sizeof now));
          g_hash_table_iter_remove (&iter);
        }
      else if (*wait_us < 0 || *last + COALESCE_US - now < *wait_us)
        *wait_us = *last + COALESCE_US - now;
    }

  /* Forget tenants that have been quiet for a while. */
  if (g_hash_table_size (live->last_sent) > 1024)
    {
      g_hash_table_iter_init (&iter, live->last_sent);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (now - *(gint64 *) value >= COALESCE_US && !g_hash_table_contains (live->pending_feed, key))
          g_hash_table_iter_remove (&iter);
    }
}

static gpointer
listener_thread (gpointer data)
{
  DukaLive *live = data;
  PGconn *conn = NULL;
  gint64 retry_at = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_free);
      gint64 now = g_get_monotonic_time ();
      gint64 wait_us;
      struct pollfd fds[2];
      int timeout_ms;

      g_mutex_lock (&live->mutex);
      if (live->stopping)
        {
          g_mutex_unlock (&live->mutex);
          break;
        }
      take_due_events (live, now, due, &wait_us);
      g_mutex_unlock (&live->mutex);

      if ((conn == NULL || PQstatus (conn) != CONNECTION_OK) && now >= retry_at)
        {
          gboolean was_connected = conn != NULL;

          g_clear_pointer (&conn, PQfinish);
          conn = listener_connect (live);
          retry_at = now + RECONNECT_US;
          if (conn != NULL && was_connected)
            g_ptr_array_add (due, g_strdup ("resync"));
        }

      if (due->len > 0)
        {
          g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func (g_free);

          if (conn != NULL)
            {
              /* "resync" is for this process only. */
              g_autoptr(GPtrArray) outgoing = g_ptr_array_new ();

              for (guint i = 0; i < due->len; i++)
                if (!g_str_equal (due->pdata[i], "resync"))
                  g_ptr_array_add (outgoing, due->pdata[i]);
              if (outgoing->len > 0)
                send_notifications (conn, outgoing);
              collect_notifications (conn, incoming);
            }
          dispatch_local (live, g_steal_pointer (&due));
          dispatch_local (live, g_steal_pointer (&incoming));
          continue;
        }

      fds[0].fd = live->wake[0];
      fds[0].events = POLLIN;
      fds[1].fd = conn != NULL ? PQsocket (conn) : -1;
      fds[1].events = POLLIN;
      timeout_ms = wait_us >= 0 ? (int) ((wait_us + 999) / 1000) : 1000;
      if (conn == NULL)
        timeout_ms = MIN (timeout_ms, (int) ((retry_at - now) / 1000) + 1);

      if (poll (fds, 2, MAX (timeout_ms, 1)) < 0 && errno != EINTR)
        g_usleep (10000);

      if (fds[0].revents & POLLIN)
        {
          char buffer[64];

          while (read (live->wake[0], buffer, sizeof buffer) > 0)
            ;
        }

      if (conn != NULL && (fds[1].revents & (POLLIN | POLLERR | POLLHUP)))
        {
          g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func (g_free);

          if (!PQconsumeInput (conn))
            {
              g_printerr ("event=live-listener-lost error=\"%s\"\n", g_strstrip (PQerrorMessage (conn)));
              retry_at = 0;
            }
          collect_notifications (conn, incoming);
          dispatch_local (live, g_steal_pointer (&incoming));
        }
    }

  g_clear_pointer (&conn, PQfinish);
  return NULL;
}

static void
wake_thread (DukaLive *live)
{
  char byte = 1;

  /* A full pipe already means "wake up". */
  if (write (live->wake[1], &byte, 1) < 0 && errno != EAGAIN)
    g_warning ("event=live-wake-failed error=\"%s\"", g_strerror (errno));
}

void
duka_live_publish (DukaLive   *live,
                   const char *event)
{
  g_mutex_lock (&live->mutex);
  if (g_str_has_prefix (event, "feed "))
    {
      g_auto(GStrv) words = g_strsplit (event, " ", 3);
      const char *pending = g_hash_table_lookup (live->pending_feed, words[1]);

      if (g_strv_length (words) == 3 && (pending == NULL || cursor_newer (words[2], pending)))
        g_hash_table_replace (live->pending_feed, g_strdup (words[1]), g_strdup (words[2]));
    }
  else
    g_ptr_array_add (live->pending_now, g_strdup (event));
  g_mutex_unlock (&live->mutex);

  wake_thread (live);
}

DukaLive *
duka_live_new (const char    *database_url,
               GMainContext  *context,
               guint          heartbeat_ms,
               guint          timeout_ms,
               GError       **error)
{
  DukaLive *live = g_new0 (DukaLive, 1);

  g_atomic_ref_count_init (&live->ref_count);
  live->url = g_strdup (database_url);
  live->context = g_main_context_ref (context);
  live->heartbeat_us = (gint64) heartbeat_ms * 1000;
  live->timeout_us = (gint64) timeout_ms * 1000;
  g_mutex_init (&live->mutex);
  live->pending_feed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  live->last_sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  live->pending_now = g_ptr_array_new_with_free_func (g_free);
  live->tenants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  if (!g_unix_open_pipe (live->wake, FD_CLOEXEC, error) ||
      !g_unix_set_fd_nonblocking (live->wake[0], TRUE, error) ||
      !g_unix_set_fd_nonblocking (live->wake[1], TRUE, error))
    {
      duka_live_unref (live);
      return NULL;
    }

  live->heartbeat = g_timeout_source_new (heartbeat_ms);
  g_source_set_callback (live->heartbeat, send_heartbeats, live, NULL);
  g_source_attach (live->heartbeat, context);

  live->thread = g_thread_new ("duka-live", listener_thread, live);
  return live;
}

void
duka_live_free (DukaLive *live)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (live == NULL)
    return;

  g_mutex_lock (&live->mutex);
  live->stopping = TRUE;
  g_mutex_unlock (&live->mutex);
  wake_thread (live);
  g_thread_join (live->thread);
  close (live->wake[0]);
  close (live->wake[1]);

  g_source_destroy (live->heartbeat);
  g_clear_pointer (&live->heartbeat, g_source_unref);

  g_hash_table_iter_init (&iter, live->tenants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint i = 0; i < ((GPtrArray *) value)->len; i++)
      g_ptr_array_add (all, ((GPtrArray *) value)->pdata[i]);
  for (guint i = 0; i < all->len; i++)
    live_socket_close (all->pdata[i], SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "server-stopping");

  duka_live_unref (live);
}
