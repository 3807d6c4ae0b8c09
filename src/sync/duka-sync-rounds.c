/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync round (push the outbox, pull the feed) and pairing, on the
 * engine's thread.
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

/* Push and pull --------------------------------------------------------------- */

static JsonNode *
push_body (GPtrArray  *entries,
           GError    **error)
{
  g_autoptr(JsonArray) ops = json_array_new ();
  g_autoptr(JsonObject) root = json_object_new ();

  for (guint i = 0; i < entries->len; i++)
    {
      DukaSyncOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_data (parser, entry->body, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_STORE,
                       _("Outbox entry %s is not JSON"), entry->op_id);
          return NULL;
        }
      json_array_add_element (ops, json_node_copy (json_parser_get_root (parser)));
    }
  json_object_set_array_member (root, "ops", g_steal_pointer (&ops));
  return json_node_init_object (json_node_alloc (), root);
}

gboolean
duka_sync_store_error (GError  *source,
             GError **error)
{
  g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_STORE, "%s", source->message);
  g_error_free (source);
  return FALSE;
}

static gboolean
push_all (DukaSyncEngine       *self,
          const DukaSyncState  *state,
          GError              **error)
{
  g_autofree char *url = duka_sync_api_url (state->server_url, "sync/push");

  for (;;)
    {
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(JsonNode) answer = NULL;
      GError *local_error = NULL;
      JsonNode *results;

      entries = duka_sync_outbox_batch (self->store, PUSH_BATCH, &local_error);
      if (entries == NULL)
        return duka_sync_store_error (local_error, error);
      if (entries->len == 0)
        return TRUE;

      duka_sync_post_status (self, DUKA_SYNC_STATUS_SYNCING, FALSE, NULL);
      body = push_body (entries, error);
      if (body == NULL)
        return FALSE;
      answer = duka_sync_authorized_exchange (self, state, "POST", url, body, TRUE, error);
      if (answer == NULL)
        return FALSE;

      results = json_object_get_member (json_node_get_object (answer), "results");
      if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
        {
          g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_SERVER,
                               _("The server's push answer has no results"));
          return FALSE;
        }
      if (!duka_sync_store_push_results (self->store, entries, json_node_get_array (results),
                                         NULL, &local_error))
        return duka_sync_store_error (local_error, error);
    }
}

static gboolean
pull_all (DukaSyncEngine  *self,
          GError         **error)
{
  for (;;)
    {
      g_autoptr(DukaSyncState) state = NULL;
      g_autoptr(JsonNode) answer = NULL;
      g_autofree char *path = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *url = NULL;
      GError *local_error = NULL;
      JsonObject *object;
      JsonNode *changes;
      const char *next;

      /* The cursor is read back from the store every page: it is the
       * truth, written with the rows it covers. */
      state = duka_sync_load_state (self->store, &local_error);
      if (state == NULL)
        {
          if (local_error != NULL)
            return duka_sync_store_error (local_error, error);
          g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_NOT_PAIRED,
                               _("This till is not paired with a server"));
          return FALSE;
        }

      escaped = g_uri_escape_string (state->cursor, NULL, FALSE);
      path = g_strdup_printf ("sync/pull?since=%s&limit=%d", escaped, PULL_BATCH);
      url = duka_sync_api_url (state->server_url, path);
      answer = duka_sync_authorized_exchange (self, state, "GET", url, NULL, TRUE, error);
      if (answer == NULL)
        return FALSE;

      object = json_node_get_object (answer);
      changes = json_object_get_member (object, "changes");
      next = json_object_get_string_member_with_default (object, "next", NULL);
      if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes))
        {
          g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_SERVER,
                               _("The server's pull answer has no changes"));
          return FALSE;
        }
      if (next == NULL)
        next = state->cursor;

      if (json_array_get_length (json_node_get_array (changes)) > 0 || g_strcmp0 (next, state->cursor) != 0)
        {
          duka_sync_post_status (self, DUKA_SYNC_STATUS_SYNCING, FALSE, NULL);
          if (!duka_sync_apply_changes (self->store, json_node_get_array (changes), next, &local_error))
            return duka_sync_store_error (local_error, error);
        }

      if (!json_object_get_boolean_member_with_default (object, "more", FALSE))
        return TRUE;
    }
}

gboolean
duka_sync_run_round (DukaSyncEngine  *self,
           GError         **error)
{
  g_autoptr(DukaSyncState) state = NULL;
  GError *local_error = NULL;

  state = duka_sync_load_state (self->store, &local_error);
  if (state == NULL)
    {
      if (local_error != NULL)
        return duka_sync_store_error (local_error, error);
      g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_NOT_PAIRED,
                           _("This till is not paired with a server"));
      return FALSE;
    }

  return push_all (self, state, error) && pull_all (self, error);
}

/* Pairing ---------------------------------------------------------------------- */

void
duka_sync_pair_data_free (PairData *data)
{
  g_free (data->server_url);
  g_free (data->code);
  g_free (data->till_name);
  g_free (data);
}

static gboolean
check_store_free (DukaSyncEngine  *self,
                  GError         **error)
{
  g_autoptr(DukaSyncState) state = duka_sync_load_state (self->store, NULL);
  GError *local_error = NULL;

  if (state != NULL)
    {
      g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_IN_USE,
                           _("This till is already paired; disconnect it first"));
      return FALSE;
    }
  /* A store set up on its own (offline, before pairing) keeps its data;
   * bringing that history along is not done yet. */
  if (!duka_sync_check_adoptable (self->store, NULL, &local_error))
    {
      g_set_error (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_IN_USE, "%s", local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
duka_sync_run_pair (DukaSyncEngine  *self,
          PairData        *data,
          GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *url = duka_sync_api_url (data->server_url, "devices/pair");
  g_autoptr(GError) pair_error = NULL;
  GError *local_error = NULL;
  JsonObject *object;
  const char *tenant_id, *device_id, *outlet_id, *till_code;
  guint status;

  if (!check_store_free (self, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, data->code);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, data->till_name);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  answer = duka_sync_exchange (self, "POST", url, NULL, body, FALSE, FALSE, &status, &pair_error);
  if (answer == NULL)
    {
      if (status == SOUP_STATUS_NOT_FOUND)
        g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_INVALID_CODE,
                             _("The pairing code is wrong, used or expired"));
      else
        g_propagate_error (error, g_steal_pointer (&pair_error));
      return FALSE;
    }

  object = json_node_get_object (answer);
  tenant_id = json_object_get_string_member_with_default (object, "tenant_id", NULL);
  device_id = json_object_get_string_member_with_default (object, "device_id", NULL);
  outlet_id = json_object_get_string_member_with_default (object, "outlet_id", NULL);
  till_code = json_object_get_string_member_with_default (object, "till_code", NULL);
  if (tenant_id == NULL || device_id == NULL || outlet_id == NULL || till_code == NULL)
    {
      g_set_error_literal (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_SERVER,
                           _("The server's pairing answer is incomplete"));
      return FALSE;
    }

  if (!duka_sync_take_tokens (self, device_id, object, error))
    return FALSE;
  if (!duka_sync_save_pairing (self->store, data->server_url, tenant_id, device_id,
                               outlet_id, till_code, &local_error))
    return duka_sync_store_error (local_error, error);

  /* The first full pull brings the business and the outlet the till
   * joins; then the store becomes that till, and tells the server. */
  if (!pull_all (self, error))
    return FALSE;
  if (!duka_sync_adopt_device (self->store, data->server_url, tenant_id, device_id,
                               outlet_id, till_code, data->till_name, &local_error))
    return duka_sync_store_error (local_error, error);

  return duka_sync_run_round (self, error);
}

