/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The live socket (src/server/API.md, "Live"), on the engine's thread.
 */
#include <libsoup/soup.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-outbox.h"
#include "duka-registry.h"
#include "duka-secrets.h"
#include "duka-store-private.h"
#include "duka-sync-apply.h"
#include "duka-sync-engine-private.h"

/* The live socket -------------------------------------------------------------- */

/* Worker only.  "The feed moved": a round right away instead of at the
 * next poll.  Without a socket the poll and the push-on-commit still
 * bring everything, later. */
void
duka_sync_live_close (DukaSyncEngine *self)
{
  if (self->live_cancellable != NULL)
    {
      g_cancellable_cancel (self->live_cancellable);
      g_clear_object (&self->live_cancellable);
    }
  if (self->live_heartbeat != NULL)
    {
      g_source_destroy (self->live_heartbeat);
      g_clear_pointer (&self->live_heartbeat, g_source_unref);
    }
  if (self->live != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->live, self);
      if (soup_websocket_connection_get_state (self->live) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->live, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&self->live);
    }
}

static void
live_send (DukaSyncEngine *self,
           const char     *type)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"%s\"}", type);

  if (self->live != NULL && soup_websocket_connection_get_state (self->live) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (self->live, text);
}

static void
live_message (SoupWebsocketConnection *connection,
              gint                     type,
              GBytes                  *message,
              gpointer                 user_data)
{
  DukaSyncEngine *self = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *kind;

  self->live_heard_at = g_get_monotonic_time ();
  if (type != SOUP_WEBSOCKET_DATA_TEXT ||
      !json_parser_load_from_data (parser, g_bytes_get_data (message, NULL),
                                   (gssize) g_bytes_get_size (message), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  kind = json_object_get_string_member_with_default (object, "type", "");
  if (g_str_equal (kind, "ping"))
    live_send (self, "pong");
  else if (g_str_equal (kind, "feed"))
    {
      const char *cursor = json_object_get_string_member_with_default (object, "cursor", NULL);
      g_autoptr(DukaSyncState) state = duka_sync_load_state (self->store, NULL);

      /* Our own stored cursor already there: nothing to pull. */
      if (state != NULL && cursor != NULL && g_str_equal (state->cursor, cursor))
        return;
      if (self->background && self->failures == 0)
        duka_sync_schedule_round (self, 0);
    }
}

static void
live_closed (SoupWebsocketConnection *connection,
             gpointer                 user_data)
{
  DukaSyncEngine *self = user_data;

  /* The next round (a poll at the latest) opens a new one. */
  duka_sync_live_close (self);
}

static gboolean
live_heartbeat (gpointer user_data)
{
  DukaSyncEngine *self = user_data;

  if (self->live == NULL)
    return G_SOURCE_CONTINUE;
  if (g_get_monotonic_time () - self->live_heard_at > LIVE_SILENCE_S * G_USEC_PER_SEC)
    {
      g_clear_pointer (&self->live_heartbeat, g_source_unref);
      duka_sync_live_close (self);
      return G_SOURCE_REMOVE;
    }
  live_send (self, "ping");
  return G_SOURCE_CONTINUE;
}

static void
live_connected (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DukaSyncEngine *self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (connection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_clear_object (&self->live_cancellable);
      return;
    }
  g_clear_object (&self->live_cancellable);
  if (!self->background)
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (connection);
      return;
    }

  self->live = connection;
  self->live_heard_at = g_get_monotonic_time ();
  g_signal_connect (connection, "message", G_CALLBACK (live_message), self);
  g_signal_connect (connection, "closed", G_CALLBACK (live_closed), self);
  self->live_heartbeat = g_timeout_source_new_seconds (LIVE_PING_S);
  g_source_set_callback (self->live_heartbeat, live_heartbeat, self, NULL);
  g_source_attach (self->live_heartbeat, self->context);

  /* Whatever moved while the socket was being opened. */
  duka_sync_schedule_round (self, 0);
}

void
duka_sync_live_connect (DukaSyncEngine *self)
{
  g_autoptr(DukaSyncState) state = duka_sync_load_state (self->store, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *protocol = NULL;
  g_autofree char *schema = NULL;
  SoupMessageHeaders *headers;

  if (state == NULL || self->live != NULL || self->live_cancellable != NULL)
    return;
  if (!duka_sync_ensure_token (self, state, FALSE, &error))
    return;

  url = duka_sync_api_url (state->server_url, "sync/live");
  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    return;
  headers = soup_message_get_request_headers (msg);
  authorization = g_strconcat ("Bearer ", self->access_token, NULL);
  protocol = g_strdup_printf ("%d", DUKA_SYNC_PROTOCOL_VERSION);
  schema = g_strdup_printf ("%d", duka_sync_schema_version ());
  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Duka-Protocol", protocol);
  soup_message_headers_replace (headers, "Duka-Schema", schema);

  self->live_cancellable = g_cancellable_new ();
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->live_cancellable, live_connected, self);
}

