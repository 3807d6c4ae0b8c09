/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Routing: which route a request is for (duka-server-routes.c lists
 * them), the version headers of sync routes, who is asking and whether
 * the route lets them, and the body; then the route's handler.  Everything
 * here runs on the main loop and touches no database.
 */
#include <string.h>

#include "duka-registry.h"
#include "duka-server-private.h"


static const DukaRoute *
match_route (const char  *method,
             const char  *path,
             GHashTable  *params,
             gboolean    *path_known)
{
  const DukaRoute *routes;
  guint n_routes;
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);

  *path_known = FALSE;
  routes = duka_server_get_routes (&n_routes);
  for (guint r = 0; r < n_routes; r++)
    {
      g_auto(GStrv) pattern = g_strsplit (routes[r].path, "/", -1);
      gboolean match = g_strv_length (pattern) == g_strv_length (segments);

      g_hash_table_remove_all (params);
      for (guint i = 0; match && pattern[i] != NULL; i++)
        {
          if (pattern[i][0] == '{' && segments[i][0] != '\0')
            g_hash_table_insert (params,
                                 g_strndup (pattern[i] + 1, strlen (pattern[i]) - 2),
                                 g_strdup (segments[i]));
          else if (!g_str_equal (pattern[i], segments[i]))
            match = FALSE;
        }

      if (!match)
        continue;
      *path_known = TRUE;
      if (g_str_equal (routes[r].method, method))
        return &routes[r];
    }

  return NULL;
}

static gboolean
parse_version (SoupMessageHeaders *headers,
               const char         *name,
               gint64             *out)
{
  const char *text = soup_message_headers_get_one (headers, name);

  return text != NULL && g_ascii_string_to_signed (text, 10, 0, 1000000, out, NULL);
}

static gboolean
check_versions (DukaRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  g_autoptr(JsonBuilder) builder = NULL;
  gint64 protocol, schema;
  int min, max;

  duka_server_get_schema_range (&min, &max);
  if (parse_version (headers, "Duka-Protocol", &protocol) &&
      parse_version (headers, "Duka-Schema", &schema) &&
      protocol == DUKA_SYNC_PROTOCOL_VERSION && schema >= min && schema <= max)
    return TRUE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, "update-required");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "This version of Duka cannot sync with the server. Update Duka.");
  json_builder_set_member_name (builder, "accepts");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, DUKA_SYNC_PROTOCOL_VERSION);
  json_builder_add_int_value (builder, DUKA_SYNC_PROTOCOL_VERSION);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, min);
  json_builder_add_int_value (builder, max);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  duka_request_respond (request, 426, json_builder_get_root (builder));
  return FALSE;
}

static gboolean
authenticate (DukaRequest *request)
{
  const DukaServerConfig *config = duka_request_get_config (request);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *kind, *role;
  g_autoptr(GError) error = NULL;

  if (request->route->auth == DUKA_AUTH_PLATFORM)
    return duka_server_authenticate_platform (request);

  if (authorization != NULL && g_str_has_prefix (authorization, "Bearer "))
    request->claims = duka_token_verify (config->signing_key, authorization + 7,
                                         config->issuer,
                                         request->now / G_USEC_PER_SEC, &error);

  if (request->claims == NULL ||
      duka_request_get_claim (request, "tid") == NULL ||
      duka_request_get_claim (request, "sid") == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "WWW-Authenticate", "Bearer");
      duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthenticated",
                         "Sign in first: this needs a valid access token.");
      return FALSE;
    }

  request->tenant_id = g_strdup (duka_request_get_claim (request, "tid"));
  kind = duka_request_get_claim (request, "typ");
  role = duka_request_get_claim (request, "role");

  switch (request->route->auth)
    {
    case DUKA_AUTH_MANAGER:
      if (g_strcmp0 (kind, "user") == 0 &&
          (g_strcmp0 (role, "owner") == 0 || g_strcmp0 (role, "manager") == 0))
        return TRUE;
      duka_request_fail (request, SOUP_STATUS_FORBIDDEN, "forbidden",
                         "Only an owner or a manager may do this.");
      return FALSE;

    case DUKA_AUTH_DEVICE:
      if (g_strcmp0 (kind, "device") == 0)
        return TRUE;
      duka_request_fail (request, SOUP_STATUS_FORBIDDEN, "forbidden",
                         "Only a paired till may do this.");
      return FALSE;

    case DUKA_AUTH_ANY:
    case DUKA_AUTH_NONE:
    default:
      return TRUE;
    }
}

static gboolean
read_body (DukaRequest *request)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;

  request->body = duka_json_parse_object (g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), &error);
  if (request->body == NULL)
    {
      duka_request_fail_error (request, error);
      return FALSE;
    }

  return TRUE;
}

void
duka_server_dispatch (DukaServer        *self,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query)
{
  DukaRequest *request = g_new0 (DukaRequest, 1);
  const char *method = soup_server_message_get_method (msg);
  gboolean path_known;

  request->server = g_object_ref (self);
  request->msg = g_object_ref (msg);
  request->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  request->query = query != NULL ? g_hash_table_ref (query) : NULL;
  request->remote = g_strdup (soup_server_message_get_remote_host (msg));
  request->now = duka_server_now_us ();

  request->route = match_route (method, path, request->params, &path_known);
  if (request->route == NULL)
    {
      if (path_known)
        duka_request_fail (request, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed",
                           "%s is not allowed here.", method);
      else
        duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "not-found", "There is nothing at %s.", path);
    }
  else if ((!request->route->versioned || check_versions (request)) &&
           (request->route->auth == DUKA_AUTH_NONE || authenticate (request)) &&
           (!g_str_equal (method, "POST") || read_body (request)))
    request->route->handler (request);

  /* Answered on the spot, or paused until a worker is done. */
  if (request->worker == NULL)
    {
      duka_request_send (request);
      duka_request_free (request);
    }
}
