/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine's HTTP: one exchange with versions and errors a till acts
 * on, and tokens (refreshed only on the engine's thread, one at a time).
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

gboolean
duka_sync_clock_skew_s (const char *http_date,
                        gint64      now_us,
                        gint64     *skew_s)
{
  g_autoptr(GDateTime) date = NULL;

  if (http_date == NULL)
    return FALSE;
  date = soup_date_time_new_from_http_string (http_date);
  if (date == NULL)
    return FALSE;
  *skew_s = g_date_time_to_unix (date) - now_us / G_USEC_PER_SEC;
  return TRUE;
}

int
duka_sync_schema_version (void)
{
  const DukaKindSpec * const *kinds;
  guint n_kinds;
  int newest = 1;

  /* What this till understands of synced shapes: the newest thing its
   * registry knows.  Local-only migrations (sync_state, printers) do not
   * change what the server must accept. */
  kinds = duka_registry_get_kinds (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      newest = MAX (newest, kinds[i]->since_schema);
      for (guint f = 0; f < kinds[i]->n_fields; f++)
        newest = MAX (newest, kinds[i]->fields[f].since_schema);
    }
  return newest;
}


/* HTTP ------------------------------------------------------------------------ */

char *
duka_sync_api_url (const char *server_url,
         const char *path)
{
  g_autofree char *base = g_strdup (server_url);
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '/')
    base[--len] = '\0';
  return g_strconcat (base, "/api/v1/", path, NULL);
}

/* The error a non-2xx answer means to a till. */
static void
set_http_error (guint        status,
                JsonNode    *answer,
                GError     **error)
{
  const char *code = NULL;
  const char *message = NULL;

  if (answer != NULL && JSON_NODE_HOLDS_OBJECT (answer))
    {
      code = json_object_get_string_member_with_default (json_node_get_object (answer), "error", NULL);
      message = json_object_get_string_member_with_default (json_node_get_object (answer), "message", NULL);
    }
  if (message == NULL)
    message = soup_status_get_phrase (status);

  if (status == 426 /* Upgrade Required */)
    g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_UPDATE_REQUIRED,
                 _("The server needs a newer Duka: %s"), message);
  else if (status == SOUP_STATUS_FORBIDDEN && g_strcmp0 (code, "tenant-suspended") == 0)
    g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_SUSPENDED,
                 _("The business is suspended on the server: %s"), message);
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_REVOKED,
                 _("The server no longer accepts this till: %s"), message);
  else if (status == 429 /* Too Many Requests */)
    g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_RATE_LIMITED,
                 _("The server asks to wait: %s"), message);
  else
    g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_SERVER,
                 _("The server answered %u: %s"), status, message);
}

/* One exchange.  Returns the JSON answer of a 2xx; otherwise NULL with
 * @error set and *@status_out the HTTP status (0: no answer). */
JsonNode *
duka_sync_exchange (DukaSyncEngine  *self,
          const char      *method,
          const char      *url,
          const char      *token,
          JsonNode        *body,
          gboolean         versioned,
          gboolean         idempotent,
          guint           *status_out,
          GError         **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers;
  JsonNode *root = NULL;
  guint status;

  *status_out = 0;
  if (msg == NULL)
    {
      g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_OFFLINE, _("Not a server address: %s"), url);
      return NULL;
    }
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (versioned)
    {
      g_autofree char *protocol = g_strdup_printf ("%d", DUKA_SYNC_PROTOCOL_VERSION);
      g_autofree char *schema = g_strdup_printf ("%d", duka_sync_schema_version ());

      soup_message_headers_replace (headers, "Duka-Protocol", protocol);
      soup_message_headers_replace (headers, "Duka-Schema", schema);
    }
  /* Push and refresh are safe to repeat; without this flag libsoup 3.2
   * opens a new connection for every POST. */
  if (idempotent)
    soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  if (body != NULL)
    {
      gsize length = 0;
      char *text = json_to_string (body, FALSE);
      g_autoptr(GBytes) bytes = NULL;

      length = strlen (text);
      bytes = g_bytes_new_take (text, length);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (self->session, msg, NULL, &local_error);
  if (answer == NULL)
    {
      g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_OFFLINE,
                   _("The server cannot be reached: %s"), local_error->message);
      return NULL;
    }

  status = soup_message_get_status (msg);
  *status_out = status;
  duka_sync_clock_skew_s (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date"),
                          g_get_real_time (), &self->worker_clock_skew);
  if (g_bytes_get_size (answer) > 0 &&
      json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), (gssize) g_bytes_get_size (answer), NULL))
    root = json_parser_get_root (parser);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_http_error (status, root, error);
      return NULL;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_SERVER,
                           _("The server's answer is not JSON"));
      return NULL;
    }
  return json_node_copy (root);
}

gboolean
duka_sync_keyring_error (GError  *source,
               GError **error)
{
  g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_KEYRING,
               _("Sync is paused: %s"), source->message);
  g_error_free (source);
  return FALSE;
}

/* Takes the access token and the rotated device credential of a pair or
 * refresh answer; the credential reaches the keyring before the access
 * token is used, so a crash in between costs one grace-window retry. */
gboolean
duka_sync_take_tokens (DukaSyncEngine  *self,
             const char      *device_id,
             JsonObject      *answer,
             GError         **error)
{
  const char *access = json_object_get_string_member_with_default (answer, "access_token", NULL);
  const char *refresh = json_object_get_string_member_with_default (answer, "refresh_token", NULL);
  GError *local_error = NULL;

  if (access == NULL || refresh == NULL)
    {
      g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_SERVER,
                           _("The server's answer has no credentials"));
      return FALSE;
    }
  if (!duka_secrets_store (device_id, DUKA_SECRET_DEVICE_CREDENTIAL, refresh,
                           "Duka till credential", NULL, &local_error))
    return duka_sync_keyring_error (local_error, error);

  g_free (self->access_token);
  self->access_token = g_strdup (access);
  self->access_expires_at = json_object_get_int_member_with_default (answer, "access_token_expires_at", 0);
  return TRUE;
}

/* Refreshing happens only here, on the worker: one at a time. */
gboolean
duka_sync_ensure_token (DukaSyncEngine       *self,
              const DukaSyncState  *state,
              gboolean              force,
              GError              **error)
{
  g_auto(DukaSecretString) credential = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *url = NULL;
  GError *local_error = NULL;
  guint status;

  if (!force && self->access_token != NULL &&
      self->access_expires_at - TOKEN_MARGIN_S > g_get_real_time () / G_USEC_PER_SEC)
    return TRUE;

  credential = duka_secrets_lookup (state->device_id, DUKA_SECRET_DEVICE_CREDENTIAL, NULL, &local_error);
  if (local_error != NULL)
    return duka_sync_keyring_error (local_error, error);
  if (credential == NULL)
    {
      g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_KEYRING,
                           _("Sync is paused: the keyring has no credential for this till; pair it again"));
      return FALSE;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, credential);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  url = duka_sync_api_url (state->server_url, "auth/refresh");
  answer = duka_sync_exchange (self, "POST", url, NULL, body, FALSE, TRUE, &status, error);
  if (answer == NULL)
    return FALSE;
  return duka_sync_take_tokens (self, state->device_id, json_node_get_object (answer), error);
}

/* An authenticated sync exchange; a 401 gets one forced refresh. */
JsonNode *
duka_sync_authorized_exchange (DukaSyncEngine       *self,
               const DukaSyncState  *state,
               const char           *method,
               const char           *url,
               JsonNode             *body,
               gboolean              idempotent,
               GError              **error)
{
  g_autoptr(GError) first_error = NULL;
  JsonNode *answer;
  guint status;

  if (!duka_sync_ensure_token (self, state, FALSE, error))
    return NULL;
  answer = duka_sync_exchange (self, method, url, self->access_token, body, TRUE, idempotent, &status, &first_error);
  if (answer != NULL || status != SOUP_STATUS_UNAUTHORIZED)
    {
      if (first_error != NULL)
        g_propagate_error (error, g_steal_pointer (&first_error));
      return answer;
    }

  if (!duka_sync_ensure_token (self, state, TRUE, error))
    return NULL;
  return duka_sync_exchange (self, method, url, self->access_token, body, TRUE, idempotent, &status, error);
}

