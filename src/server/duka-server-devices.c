/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tills: pairing codes, pairing, listing and revoking.  A pairing code is
 * 8 characters from an alphabet without look-alikes (40 bits), lives a
 * few minutes, works once, and is stored only as its SHA-256; pairing is
 * rate limited per address, so guessing one is hopeless.
 */
#include <sodium.h>
#include <string.h>

#include "duka-id.h"
#include "duka-server-private.h"

/* Crockford's base 32: no I, L, O, U. */
static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define CODE_LENGTH 8

static char *
pairing_code_new (void)
{
  char code[CODE_LENGTH + 1];

  for (guint i = 0; i < CODE_LENGTH; i++)
    code[i] = code_alphabet[randombytes_uniform (32)];
  code[CODE_LENGTH] = '\0';

  return g_strdup (code);
}

/* People type codes: accept lower case, spaces and dashes. */
static char *
pairing_code_normalize (const char *text)
{
  GString *code = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-')
        continue;
      if (strchr (code_alphabet, c) == NULL || c == '\0')
        return g_string_free (code, TRUE), NULL;
      g_string_append_c (code, c);
    }

  if (code->len != CODE_LENGTH)
    return g_string_free (code, TRUE), NULL;

  return g_string_free (code, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Pairing codes */

static gboolean
issue_pairing_code (DukaRequest  *request,
                    DukaDb       *db,
                    GError      **error)
{
  const char *outlet_id = request->data;
  g_autofree char *code = pairing_code_new ();
  g_autofree char *hash = duka_secret_hash_bytea (code);
  g_autofree char *code_id = duka_id_new ();
  g_autofree char *lifetime = g_strdup_printf ("%u", duka_request_get_config (request)->pairing_code_lifetime);
  g_autoptr(PGresult) outlet = NULL;
  g_autoptr(PGresult) inserted = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  outlet = duka_db_queryv (db, error,
                           "SELECT 1 FROM entities WHERE tenant_id = $1 AND entity_id = $2"
                           "   AND kind = 'outlet' AND NOT deleted",
                           request->tenant_id, outlet_id);
  if (outlet == NULL)
    return FALSE;
  if (PQntuples (outlet) == 0)
    {
      duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "unknown-outlet", "There is no such outlet.");
      return FALSE;
    }

  inserted = duka_db_queryv (db, error,
                             "INSERT INTO pairing_codes (tenant_id, code_id, code_hash, outlet_id, created_by, expires_at)"
                             " VALUES ($1, $2, $3, $4, $5, now () + make_interval (secs => $6::int))"
                             " RETURNING extract (epoch FROM expires_at)::bigint",
                             request->tenant_id, code_id, hash, outlet_id,
                             duka_request_get_claim (request, "sub"), lifetime);
  if (inserted == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  add_string (builder, "code", code);
  add_string (builder, "outlet_id", outlet_id);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (inserted, 0, 0), NULL, 10));
  json_builder_end_object (builder);
  duka_request_respond (request, SOUP_STATUS_CREATED, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_pairing_code (DukaRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *outlet_id = duka_json_get_string (duka_request_get_body (request), "outlet_id", TRUE, &error);

  if (outlet_id == NULL)
    {
      duka_request_fail_error (request, error);
      return;
    }
  if (!duka_id_is_valid (outlet_id))
    {
      duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "unknown-outlet", "There is no such outlet.");
      return;
    }

  if (!duka_request_rate_limit (request, "pairing-code", duka_request_get_claim (request, "sub")))
    return;

  duka_request_run (request, issue_pairing_code, g_strdup (outlet_id), g_free);
}

/* Pairing */

typedef struct
{
  char *code;
  char *name;
} Pairing;

static void
pairing_free (gpointer data)
{
  Pairing *pairing = data;

  g_free (pairing->code);
  g_free (pairing->name);
  g_free (pairing);
}

static gboolean
pair_device (DukaRequest  *request,
             DukaDb       *db,
             GError      **error)
{
  Pairing *pairing = request->data;
  g_autofree char *hash = duka_secret_hash_bytea (pairing->code);
  g_autofree char *device_id = duka_id_new ();
  g_autofree char *family_id = duka_id_new ();
  g_autofree char *till_code = NULL;
  g_autoptr(PGresult) tenant = NULL;
  g_autoptr(PGresult) code = NULL;
  g_autoptr(PGresult) counter = NULL;
  g_autoptr(PGresult) device = NULL;
  g_autoptr(PGresult) used = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  DukaPrincipal principal = { family_id, "device", device_id, "device", NULL };

  tenant = duka_db_queryv (db, error, "SELECT duka_pairing_lookup ($1)", hash);
  if (tenant == NULL)
    return FALSE;
  if (PQgetisnull (tenant, 0, 0))
    {
      duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "invalid-code",
                         "This pairing code is wrong, used or expired. Ask for a new one.");
      return FALSE;
    }

  if (!duka_request_set_tenant (request, db, PQgetvalue (tenant, 0, 0), error))
    return FALSE;

  /* Locked, so the same code redeemed twice at once pairs one till. */
  code = duka_db_queryv (db, error,
                         "SELECT code_id, outlet_id FROM pairing_codes"
                         " WHERE tenant_id = $1 AND code_hash = $2 AND used_at IS NULL AND expires_at > now ()"
                         "   FOR UPDATE",
                         request->tenant_id, hash);
  if (code == NULL)
    return FALSE;
  if (PQntuples (code) == 0)
    {
      duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "invalid-code",
                         "This pairing code is wrong, used or expired. Ask for a new one.");
      return FALSE;
    }
  principal.outlet_id = PQgetvalue (code, 0, 1);

  counter = duka_db_queryv (db, error,
                            "INSERT INTO till_counters (tenant_id, outlet_id, last_number) VALUES ($1, $2, 1)"
                            " ON CONFLICT (tenant_id, outlet_id)"
                            " DO UPDATE SET last_number = till_counters.last_number + 1"
                            " RETURNING last_number",
                            request->tenant_id, principal.outlet_id);
  if (counter == NULL)
    return FALSE;
  till_code = g_strdup_printf ("T%s", PQgetvalue (counter, 0, 0));

  device = duka_db_queryv (db, error,
                           "INSERT INTO devices (tenant_id, device_id, outlet_id, till_code, name)"
                           " VALUES ($1, $2, $3, $4, $5)",
                           request->tenant_id, device_id, principal.outlet_id, till_code, pairing->name);
  if (device == NULL)
    return FALSE;

  used = duka_db_queryv (db, error,
                         "UPDATE pairing_codes SET used_at = now (), device_id = $3"
                         " WHERE tenant_id = $1 AND code_id = $2",
                         request->tenant_id, PQgetvalue (code, 0, 0), device_id);
  if (used == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  add_string (builder, "tenant_id", request->tenant_id);
  add_string (builder, "device_id", device_id);
  add_string (builder, "outlet_id", principal.outlet_id);
  add_string (builder, "till_code", till_code);
  if (!duka_auth_start_family (request, db, &principal, builder, error))
    return FALSE;
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_CREATED, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_pair (DukaRequest *request)
{
  JsonObject *body = duka_request_get_body (request);
  g_autoptr(GError) error = NULL;
  const char *code, *name;
  Pairing *pairing;

  if (!duka_request_rate_limit (request, "pair", NULL))
    return;

  if (!(code = duka_json_get_string (body, "code", TRUE, &error)) ||
      !(name = duka_json_get_string (body, "name", TRUE, &error)))
    {
      duka_request_fail_error (request, error);
      return;
    }

  if (g_utf8_strlen (name, -1) < 1 || g_utf8_strlen (name, -1) > 120)
    {
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                         "“name” must be 1 to 120 characters.");
      return;
    }

  pairing = g_new0 (Pairing, 1);
  pairing->code = pairing_code_normalize (code);
  pairing->name = g_strdup (name);
  if (pairing->code == NULL)
    {
      pairing_free (pairing);
      duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "invalid-code",
                         "This pairing code is wrong, used or expired. Ask for a new one.");
      return;
    }

  duka_request_run (request, pair_device, pairing, pairing_free);
}

/* List and revoke */

static gboolean
list_devices (DukaRequest  *request,
              DukaDb       *db,
              GError      **error)
{
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  rows = duka_db_queryv (db, error,
                         "SELECT device_id, outlet_id, till_code, name,"
                         "       extract (epoch FROM created_at)::bigint,"
                         "       extract (epoch FROM revoked_at)::bigint"
                         "  FROM devices WHERE tenant_id = $1 ORDER BY created_at, device_id",
                         request->tenant_id);
  if (rows == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "devices");
  json_builder_begin_array (builder);
  for (int i = 0; i < PQntuples (rows); i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "id", PQgetvalue (rows, i, 0));
      add_string (builder, "outlet_id", PQgetvalue (rows, i, 1));
      add_string (builder, "till_code", PQgetvalue (rows, i, 2));
      add_string (builder, "name", PQgetvalue (rows, i, 3));
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, i, 4), NULL, 10));
      json_builder_set_member_name (builder, "revoked_at");
      if (PQgetisnull (rows, i, 5))
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, i, 5), NULL, 10));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_list_devices (DukaRequest *request)
{
  duka_request_run (request, list_devices, NULL, NULL);
}

static gboolean
revoke_device (DukaRequest  *request,
               DukaDb       *db,
               GError      **error)
{
  const char *device_id = duka_request_get_param (request, "device_id");
  g_autoptr(PGresult) device = NULL;
  g_autoptr(PGresult) families = NULL;

  device = duka_db_queryv (db, error,
                           "UPDATE devices SET revoked_at = coalesce (revoked_at, now ())"
                           " WHERE tenant_id = $1 AND device_id = $2 RETURNING device_id",
                           request->tenant_id, device_id);
  if (device == NULL)
    return FALSE;
  if (PQntuples (device) == 0)
    {
      duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "unknown-device", "There is no such till.");
      return FALSE;
    }

  families = duka_db_queryv (db, error,
                             "UPDATE token_families SET revoked_at = now (), revoked_reason = 'device-revoked'"
                             " WHERE tenant_id = $1 AND device_id = $2 AND revoked_at IS NULL",
                             request->tenant_id, device_id);
  if (families == NULL)
    return FALSE;

  /* Its open live sockets close at once, in every process. */
  {
    g_autofree char *event = g_strdup_printf ("close %s device %s", request->tenant_id, device_id);
    duka_request_after_commit (request, event);
  }

  duka_request_respond (request, SOUP_STATUS_OK, json_from_string ("{\"status\":\"revoked\"}", NULL));
  return TRUE;
}

void
duka_server_handle_revoke_device (DukaRequest *request)
{
  if (!duka_id_is_valid (duka_request_get_param (request, "device_id")))
    {
      duka_request_fail (request, SOUP_STATUS_NOT_FOUND, "unknown-device", "There is no such till.");
      return;
    }

  duka_request_run (request, revoke_device, NULL, NULL);
}
