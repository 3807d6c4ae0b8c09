/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/sync/live: the WebSocket.  The request goes through the same
 * pipeline as every other (route table, versions, token, then the worker's
 * check that the sign-in, the till and the tenant are still live), from an
 * early handler that pauses it; only when that passed does libsoup answer
 * the handshake, so a refused socket is a plain 401/403/426 JSON answer.
 */
#include "duka-server-private.h"

#define LIVE_PATH "/api/v1/sync/live"

typedef struct
{
  char *tenant_id;
  char *kind;
  char *subject_id;
  char *family_id;
} Identity;

static void
identity_free (gpointer data)
{
  Identity *identity = data;

  g_free (identity->tenant_id);
  g_free (identity->kind);
  g_free (identity->subject_id);
  g_free (identity->family_id);
  g_free (identity);
}

static void
accept_upgrade (DukaRequest *request)
{
  Identity *identity = g_new0 (Identity, 1);

  identity->tenant_id = g_strdup (request->tenant_id);
  identity->kind = g_strdup (duka_request_get_claim (request, "typ"));
  identity->subject_id = g_strdup (duka_request_get_claim (request, "sub"));
  identity->family_id = g_strdup (duka_request_get_claim (request, "sid"));
  g_object_set_data_full (G_OBJECT (request->msg), "duka-live-identity", identity, identity_free);
}

static gboolean
check_live (DukaRequest  *request,
            DukaDb       *db,
            GError      **error)
{
  /* The transaction already checked the token's family, its till or
   * person, and the tenant; nothing else to read. */
  return TRUE;
}

void
duka_server_handle_live (DukaRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);

  if (!soup_message_headers_header_contains (headers, "Upgrade", "websocket"))
    {
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                         "Open %s as a WebSocket.", LIVE_PATH);
      return;
    }

  request->upgrade = accept_upgrade;
  duka_request_run (request, check_live, NULL, NULL);
}

static void
live_headers (SoupServer        *soup,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  duka_server_start_log (msg);
  duka_server_dispatch (user_data, msg, path, query);
}

static void
live_opened (SoupServer              *soup,
             SoupServerMessage       *msg,
             const char              *path,
             SoupWebsocketConnection *connection,
             gpointer                 user_data)
{
  Identity *identity = g_object_get_data (G_OBJECT (msg), "duka-live-identity");
  DukaLiveIdentity live_identity;

  if (identity == NULL)
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
      return;
    }

  live_identity.tenant_id = identity->tenant_id;
  live_identity.kind = identity->kind;
  live_identity.subject_id = identity->subject_id;
  live_identity.family_id = identity->family_id;
  duka_live_add_socket (duka_server_get_live (user_data), connection, &live_identity);
}

void
duka_server_add_live_handler (DukaServer *self,
                              SoupServer *soup)
{
  soup_server_add_early_handler (soup, LIVE_PATH, live_headers, self, NULL);
  soup_server_add_websocket_handler (soup, LIVE_PATH, NULL, NULL, live_opened, self, NULL);
}
