/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Register, sign in, refresh, sign out, who am I.
 *
 * A refresh credential reads drt1.TENANT.TOKEN.SECRET: the tenant lets the
 * lookup run under row-level security without a cross-tenant function,
 * and only SHA-256(SECRET) is stored.  Rotating derives the successor's
 * secret from the old one with the signing key, so a till that retries a
 * refresh whose answer it lost gets the very same answer back (within the
 * grace window) without the server storing any secret.
 */
#include <sodium.h>
#include <string.h>

#include "duka-id.h"
#include "duka-registry.h"
#include "duka-server-private.h"

#define CREDENTIAL_PREFIX "drt1"
#define PASSWORD_MIN 8
#define PASSWORD_MAX 1024

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

static char *
make_access_token (DukaRequest         *request,
                   const DukaPrincipal *principal,
                   gint64               issued_at,
                   gint64              *expires_at)
{
  const DukaServerConfig *config = duka_request_get_config (request);
  g_autoptr(JsonObject) claims = json_object_new ();

  *expires_at = issued_at + config->access_token_lifetime;
  json_object_set_string_member (claims, "iss", config->issuer);
  json_object_set_string_member (claims, "aud", DUKA_TOKEN_AUDIENCE);
  json_object_set_string_member (claims, "sub", principal->subject_id);
  json_object_set_string_member (claims, "tid", request->tenant_id);
  json_object_set_string_member (claims, "sid", principal->family_id);
  json_object_set_string_member (claims, "typ", principal->kind);
  json_object_set_string_member (claims, "role", principal->role);
  if (principal->outlet_id != NULL)
    json_object_set_string_member (claims, "oid", principal->outlet_id);
  json_object_set_int_member (claims, "iat", issued_at);
  json_object_set_int_member (claims, "exp", *expires_at);

  return duka_token_sign (config->signing_key, claims);
}

static void
add_tokens (DukaRequest         *request,
            JsonBuilder         *builder,
            const DukaPrincipal *principal,
            const char          *token_id,
            const char          *secret,
            gint64               issued_at)
{
  g_autofree char *credential = g_strjoin (".", CREDENTIAL_PREFIX, request->tenant_id,
                                           token_id, secret, NULL);
  gint64 expires_at;
  g_autofree char *access = make_access_token (request, principal, issued_at, &expires_at);

  add_string (builder, "token_type", "Bearer");
  add_string (builder, "access_token", access);
  json_builder_set_member_name (builder, "access_token_expires_at");
  json_builder_add_int_value (builder, expires_at);
  add_string (builder, "refresh_token", credential);
}

static gboolean
insert_refresh_token (DukaRequest  *request,
                      DukaDb       *db,
                      const char   *family_id,
                      const char   *token_id,
                      const char   *secret,
                      GError      **error)
{
  g_autofree char *hash = duka_secret_hash_bytea (secret);
  g_autofree char *lifetime = g_strdup_printf ("%u", duka_request_get_config (request)->refresh_token_lifetime);
  g_autoptr(PGresult) result = NULL;

  result = duka_db_queryv (db, error,
                           "INSERT INTO refresh_tokens (tenant_id, token_id, family_id, secret_hash, expires_at)"
                           " VALUES ($1, $2, $3, $4, now () + make_interval (secs => $5::int))",
                           request->tenant_id, token_id, family_id, hash, lifetime);
  return result != NULL;
}

/**
 * duka_auth_start_family:
 *
 * A new sign-in or a newly paired till: a token family, its first refresh
 * credential, and an access token, added to @builder's open object.
 */
gboolean
duka_auth_start_family (DukaRequest         *request,
                        DukaDb              *db,
                        const DukaPrincipal *principal,
                        JsonBuilder         *builder,
                        GError             **error)
{
  g_autofree char *token_id = duka_id_new ();
  g_autofree char *secret = duka_secret_new ();
  gboolean is_user = g_str_equal (principal->kind, "user");
  g_autoptr(PGresult) family = NULL;

  family = duka_db_queryv (db, error,
                           "INSERT INTO token_families (tenant_id, family_id, user_id, device_id)"
                           " VALUES ($1, $2, $3, $4)",
                           request->tenant_id, principal->family_id,
                           is_user ? principal->subject_id : NULL,
                           is_user ? NULL : principal->subject_id);
  if (family == NULL ||
      !insert_refresh_token (request, db, principal->family_id, token_id, secret, error))
    return FALSE;

  add_tokens (request, builder, principal, token_id, secret, request->now / G_USEC_PER_SEC);
  return TRUE;
}

/* Register */

typedef struct
{
  char     *business_name;
  char     *name;
  char     *email;
  char     *password;
  JsonNode *outlet;
  char     *user_id;
  char     *business_id;
  char     *outlet_id;
} Registration;

static void
registration_free (gpointer data)
{
  Registration *r = data;

  g_free (r->business_name);
  g_free (r->name);
  g_free (r->email);
  if (r->password != NULL)
    sodium_memzero (r->password, strlen (r->password));
  g_free (r->password);
  g_clear_pointer (&r->outlet, json_node_unref);
  g_free (r->user_id);
  g_free (r->business_id);
  g_free (r->outlet_id);
  g_free (r);
}

static gboolean
insert_entity (DukaRequest  *request,
               DukaDb       *db,
               const char   *kind,
               const char   *id,
               JsonObject   *data,
               GError      **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), data);
  g_autoptr(JsonObject) versions = json_object_new ();
  g_autoptr(JsonNode) versions_node = NULL;
  g_autofree char *data_text = duka_json_to_string (node);
  g_autofree char *versions_text = NULL;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, request->now);
  g_autoptr(GList) members = json_object_get_members (data);
  g_autoptr(PGresult) result = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_int_member (versions, l->data, 1);
  versions_node = json_node_init_object (json_node_alloc (), versions);
  versions_text = duka_json_to_string (versions_node);

  result = duka_db_queryv (db, error,
                           "INSERT INTO entities (tenant_id, entity_id, kind, version, data, field_versions, updated_at)"
                           " VALUES ($1, $2, $3, 1, $4::jsonb, $5::jsonb, $6::bigint)",
                           request->tenant_id, id, kind, data_text, versions_text, now);
  return result != NULL;
}

static gboolean
register_tenant (DukaRequest  *request,
                 DukaDb       *db,
                 GError      **error)
{
  Registration *r = request->data;
  g_autofree char *hash = duka_password_hash (r->password);
  g_autofree char *tenant_id = duka_id_new ();
  g_autoptr(JsonObject) business = json_object_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(PGresult) tenant = NULL;
  g_autoptr(PGresult) user = NULL;
  g_autofree char *family_id = duka_id_new ();
  DukaPrincipal principal = { family_id, "user", r->user_id, "owner", NULL };

  if (!duka_request_set_tenant (request, db, tenant_id, error))
    return FALSE;

  tenant = duka_db_queryv (db, error, "INSERT INTO tenants (tenant_id, name) VALUES ($1, $2)",
                           tenant_id, r->business_name);
  if (tenant == NULL)
    return FALSE;

  user = duka_db_queryv (db, error,
                         "INSERT INTO users (tenant_id, user_id, email, name, role, password_hash)"
                         " VALUES ($1, $2, $3, $4, 'owner', $5)",
                         tenant_id, r->user_id, r->email, r->name, hash);
  if (user == NULL)
    {
      if (!g_str_equal (duka_db_last_sqlstate (db), DUKA_SQLSTATE_UNIQUE_VIOLATION))
        return FALSE;
      g_clear_error (error);
      duka_request_fail (request, SOUP_STATUS_CONFLICT, "email-taken",
                         "An account with this email address already exists. Sign in instead.");
      return FALSE;
    }

  json_object_set_string_member (business, "name", r->business_name);
  if (!insert_entity (request, db, "business", r->business_id, business, error) ||
      !insert_entity (request, db, "outlet", r->outlet_id, json_node_get_object (r->outlet), error))
    return FALSE;

  json_builder_begin_object (builder);
  add_string (builder, "tenant_id", tenant_id);
  add_string (builder, "user_id", r->user_id);
  add_string (builder, "business_id", r->business_id);
  add_string (builder, "outlet_id", r->outlet_id);
  if (!duka_auth_start_family (request, db, &principal, builder, error))
    return FALSE;
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_CREATED, json_builder_get_root (builder));
  return TRUE;
}

static gboolean
check_text (const char  *value,
            const char  *what,
            glong        max,
            GError     **error)
{
  if (value == NULL)
    return FALSE;

  if (g_utf8_strlen (value, -1) < 1 || g_utf8_strlen (value, -1) > max)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_BAD_REQUEST,
                   "“%s” must be 1 to %ld characters.", what, max);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_email (const char  *email,
             GError     **error)
{
  const char *at;

  if (email == NULL)
    return FALSE;

  at = strchr (email, '@');
  if (strlen (email) > 254 || at == NULL || at == email || at[1] == '\0' ||
      strchr (at + 1, '@') != NULL || strpbrk (email, " \t\r\n") != NULL)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_BAD_REQUEST,
                   "“email” is not an email address.");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_password (const char  *password,
                GError     **error)
{
  if (password == NULL)
    return FALSE;

  if (g_utf8_strlen (password, -1) < PASSWORD_MIN || strlen (password) > PASSWORD_MAX)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_BAD_REQUEST,
                   "The password must be at least %d characters long.", PASSWORD_MIN);
      return FALSE;
    }

  return TRUE;
}

void
duka_server_handle_register (DukaRequest *request)
{
  JsonObject *body = duka_request_get_body (request);
  Registration *r;
  JsonNode *outlet = json_object_get_member (body, "outlet");
  const char *business_name, *name, *email, *password;
  g_autoptr(GError) error = NULL;

  if (!duka_request_rate_limit (request, "register", NULL))
    return;

  if (!check_text (business_name = duka_json_get_string (body, "business_name", TRUE, &error),
                   "business_name", 120, &error) ||
      !check_text (name = duka_json_get_string (body, "name", TRUE, &error), "name", 120, &error) ||
      !check_email (email = duka_json_get_string (body, "email", TRUE, &error), &error) ||
      !check_password (password = duka_json_get_string (body, "password", TRUE, &error), &error))
    {
      duka_request_fail_error (request, error);
      return;
    }

  if (outlet == NULL || !JSON_NODE_HOLDS_OBJECT (outlet))
    {
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                         "“outlet” must be an object with the first outlet's settings.");
      return;
    }

  r = g_new0 (Registration, 1);
  r->business_name = g_strdup (business_name);
  r->name = g_strdup (name);
  r->email = g_strdup (email);
  r->password = g_strdup (password);
  r->user_id = duka_id_new ();
  r->business_id = duka_id_new ();
  r->outlet_id = duka_id_new ();
  r->outlet = json_node_copy (outlet);
  json_object_set_string_member (json_node_get_object (r->outlet), "business_id", r->business_id);

  /* The outlet is a synced entity: the registry says what it holds. */
  if (!duka_registry_validate (duka_registry_lookup ("outlet"),
                               json_node_get_object (r->outlet), &error))
    {
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request", "outlet: %s", error->message);
      registration_free (r);
      return;
    }

  duka_request_run (request, register_tenant, r, registration_free);
}

/* Login */

typedef struct
{
  char *email;
  char *password;
} Login;

static void
login_free (gpointer data)
{
  Login *login = data;

  g_free (login->email);
  if (login->password != NULL)
    sodium_memzero (login->password, strlen (login->password));
  g_free (login->password);
  g_free (login);
}

static gboolean
sign_in (DukaRequest  *request,
         DukaDb       *db,
         GError      **error)
{
  Login *login = request->data;
  g_autoptr(PGresult) found = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *family_id = duka_id_new ();
  DukaPrincipal principal = { family_id, "user", NULL, NULL, NULL };
  g_autofree char *dummy = NULL;

  found = duka_db_queryv (db, error,
                          "SELECT tenant_id, user_id, password_hash, role, suspended"
                          "  FROM duka_login_lookup ($1)", login->email);
  if (found == NULL)
    return FALSE;

  if (PQntuples (found) == 0)
    {
      /* Spend the same time as a real check, so timing does not tell
       * which addresses have accounts. */
      dummy = duka_password_hash ("not a password");
      duka_password_verify (dummy, login->password);
    }

  if (PQntuples (found) == 0 || !duka_password_verify (PQgetvalue (found, 0, 2), login->password))
    {
      duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "invalid-credentials",
                         "The email address or the password is wrong.");
      return FALSE;
    }

  if (g_str_equal (PQgetvalue (found, 0, 4), "t"))
    {
      duka_request_fail (request, SOUP_STATUS_FORBIDDEN, "tenant-suspended",
                         "This business is suspended. Contact the operator of this server.");
      return FALSE;
    }

  if (!duka_request_set_tenant (request, db, PQgetvalue (found, 0, 0), error))
    return FALSE;

  principal.subject_id = PQgetvalue (found, 0, 1);
  principal.role = PQgetvalue (found, 0, 3);
  json_builder_begin_object (builder);
  add_string (builder, "tenant_id", request->tenant_id);
  add_string (builder, "user_id", principal.subject_id);
  add_string (builder, "role", principal.role);
  if (!duka_auth_start_family (request, db, &principal, builder, error))
    return FALSE;
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_login (DukaRequest *request)
{
  JsonObject *body = duka_request_get_body (request);
  const char *email, *password;
  g_autofree char *account = NULL;
  g_autoptr(GError) error = NULL;
  Login *login;

  if (!(email = duka_json_get_string (body, "email", TRUE, &error)) ||
      !(password = duka_json_get_string (body, "password", TRUE, &error)))
    {
      duka_request_fail_error (request, error);
      return;
    }

  account = g_utf8_strdown (email, -1);
  if (!duka_request_rate_limit (request, "login", account))
    return;

  if (strlen (password) > PASSWORD_MAX)
    {
      duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "invalid-credentials",
                         "The email address or the password is wrong.");
      return;
    }

  login = g_new0 (Login, 1);
  login->email = g_strdup (email);
  login->password = g_strdup (password);
  duka_request_run (request, sign_in, login, login_free);
}

/* Refresh */

typedef struct
{
  char *tenant_id;
  char *token_id;
  char *secret;
} Credential;

static void
credential_free (gpointer data)
{
  Credential *c = data;

  g_free (c->tenant_id);
  g_free (c->token_id);
  if (c->secret != NULL)
    sodium_memzero (c->secret, strlen (c->secret));
  g_free (c->secret);
  g_free (c);
}

static gboolean
revoke_family (DukaRequest  *request,
               DukaDb       *db,
               const char   *family_id,
               const char   *reason,
               GError      **error)
{
  g_autoptr(PGresult) result = NULL;

  result = duka_db_queryv (db, error,
                           "UPDATE token_families SET revoked_at = now (), revoked_reason = $3"
                           " WHERE tenant_id = $1 AND family_id = $2 AND revoked_at IS NULL",
                           request->tenant_id, family_id, reason);
  if (result == NULL)
    return FALSE;

  /* Its open live sockets end too, in every process. */
  {
    g_autofree char *event = g_strdup_printf ("close %s family %s", request->tenant_id, family_id);
    duka_request_after_commit (request, event);
  }
  return TRUE;
}

enum {
  COL_FAMILY, COL_HASH, COL_LIVE, COL_ROTATED, COL_ROTATED_EPOCH, COL_IN_GRACE,
  COL_REPLACED_BY, COL_SUCCESSOR_FRESH, COL_ACTIVE, COL_USER, COL_DEVICE, COL_ROLE, COL_OUTLET,
  COL_SUSPENDED,
};

static gboolean
rotate (DukaRequest  *request,
        DukaDb       *db,
        GError      **error)
{
  Credential *c = request->data;
  const DukaServerConfig *config = duka_request_get_config (request);
  g_autoptr(PGresult) row = NULL;
  g_autofree char *hash = duka_secret_hash_bytea (c->secret);
  g_autofree char *grace = g_strdup_printf ("%u", config->refresh_grace);
  g_autofree char *successor_id = NULL;
  g_autofree char *successor_secret = NULL;
  g_autofree char *derive_input = g_strconcat (c->token_id, ".", c->secret, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  DukaPrincipal principal = { 0 };
  gint64 issued_at;

  if (!duka_request_set_tenant (request, db, c->tenant_id, error))
    return FALSE;

  row = duka_db_queryv (db, error,
                        "SELECT r.family_id, r.secret_hash, r.expires_at > now (), r.rotated_at IS NOT NULL,"
                        "       extract (epoch FROM r.rotated_at)::bigint,"
                        "       r.rotated_at >= now () - make_interval (secs => $3::int),"
                        "       r.replaced_by, s.rotated_at IS NULL,"
                        "       f.revoked_at IS NULL AND t.suspended_at IS NULL"
                        "         AND u.disabled_at IS NULL AND d.revoked_at IS NULL,"
                        "       f.user_id, f.device_id, coalesce (u.role, 'device'), d.outlet_id,"
                        "       t.suspended_at IS NOT NULL"
                        "  FROM refresh_tokens r"
                        "  JOIN token_families f ON f.tenant_id = r.tenant_id AND f.family_id = r.family_id"
                        "  JOIN tenants t ON t.tenant_id = r.tenant_id"
                        "  LEFT JOIN refresh_tokens s ON s.tenant_id = r.tenant_id AND s.token_id = r.replaced_by"
                        "  LEFT JOIN users u ON u.tenant_id = f.tenant_id AND u.user_id = f.user_id"
                        "  LEFT JOIN devices d ON d.tenant_id = f.tenant_id AND d.device_id = f.device_id"
                        " WHERE r.tenant_id = $1 AND r.token_id = $2"
                        "   FOR UPDATE OF r",
                        c->tenant_id, c->token_id, grace);
  if (row == NULL)
    return FALSE;

  if (PQntuples (row) == 0 ||
      strlen (PQgetvalue (row, 0, COL_HASH)) != strlen (hash) ||
      sodium_memcmp (PQgetvalue (row, 0, COL_HASH), hash, strlen (hash)) != 0 ||
      !g_str_equal (PQgetvalue (row, 0, COL_LIVE), "t"))
    {
      duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "invalid-credential",
                         "This sign-in has ended. Sign in again.");
      return FALSE;
    }

  /* Not "signed out": a till that heard that would drop a credential that
   * works again once the business is reactivated. */
  if (g_str_equal (PQgetvalue (row, 0, COL_SUSPENDED), "t"))
    {
      duka_request_fail (request, SOUP_STATUS_FORBIDDEN, "tenant-suspended",
                         "This business is suspended. Contact the operator of this server.");
      return FALSE;
    }

  if (!g_str_equal (PQgetvalue (row, 0, COL_ACTIVE), "t"))
    {
      duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "invalid-credential",
                         "This sign-in has ended. Sign in again.");
      return FALSE;
    }

  principal.family_id = PQgetvalue (row, 0, COL_FAMILY);
  principal.kind = PQgetisnull (row, 0, COL_USER) ? "device" : "user";
  principal.subject_id = PQgetvalue (row, 0, PQgetisnull (row, 0, COL_USER) ? COL_DEVICE : COL_USER);
  principal.role = PQgetvalue (row, 0, COL_ROLE);
  principal.outlet_id = PQgetisnull (row, 0, COL_OUTLET) ? NULL : PQgetvalue (row, 0, COL_OUTLET);
  successor_secret = duka_secret_derive (config->signing_key, "refresh", derive_input);

  if (g_str_equal (PQgetvalue (row, 0, COL_ROTATED), "f"))
    {
      g_autoptr(PGresult) updated = NULL;
      g_autofree char *issued_text = NULL;

      successor_id = duka_id_new ();
      issued_at = request->now / G_USEC_PER_SEC;
      issued_text = g_strdup_printf ("%" G_GINT64_FORMAT, issued_at);
      if (!insert_refresh_token (request, db, principal.family_id, successor_id, successor_secret, error) ||
          !(updated = duka_db_queryv (db, error,
                                      "UPDATE refresh_tokens SET rotated_at = to_timestamp ($3::bigint),"
                                      "       replaced_by = $4"
                                      " WHERE tenant_id = $1 AND token_id = $2",
                                      c->tenant_id, c->token_id, issued_text, successor_id)))
        return FALSE;
    }
  else if (g_str_equal (PQgetvalue (row, 0, COL_IN_GRACE), "t") &&
           g_str_equal (PQgetvalue (row, 0, COL_SUCCESSOR_FRESH), "t"))
    {
      /* A retry of a refresh whose answer was lost: the same answer. */
      successor_id = g_strdup (PQgetvalue (row, 0, COL_REPLACED_BY));
      issued_at = g_ascii_strtoll (PQgetvalue (row, 0, COL_ROTATED_EPOCH), NULL, 10);
    }
  else
    {
      /* A spent credential again, later: someone has a copy.  End every
       * credential of the family, and keep that even though we refuse. */
      if (!revoke_family (request, db, principal.family_id, "refresh-reuse", error))
        return FALSE;
      request->commit_on_failure = TRUE;
      g_message ("event=refresh-reuse tenant=%s family=%s", c->tenant_id, principal.family_id);
      duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "credential-reused",
                         "This sign-in was used twice, so it has been ended everywhere. Sign in again.");
      return FALSE;
    }

  json_builder_begin_object (builder);
  add_tokens (request, builder, &principal, successor_id, successor_secret, issued_at);
  json_builder_end_object (builder);
  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

static Credential *
parse_credential (const char *text)
{
  g_auto(GStrv) parts = NULL;
  Credential *c;

  if (text == NULL || strlen (text) > 200)
    return NULL;

  parts = g_strsplit (text, ".", -1);
  if (g_strv_length (parts) != 4 || !g_str_equal (parts[0], CREDENTIAL_PREFIX) ||
      !duka_id_is_valid (parts[1]) || !duka_id_is_valid (parts[2]) || strlen (parts[3]) != 43)
    return NULL;

  c = g_new0 (Credential, 1);
  c->tenant_id = g_strdup (parts[1]);
  c->token_id = g_strdup (parts[2]);
  c->secret = g_strdup (parts[3]);
  return c;
}

void
duka_server_handle_refresh (DukaRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *text = duka_json_get_string (duka_request_get_body (request), "refresh_token", TRUE, &error);
  Credential *c;

  if (text == NULL)
    {
      duka_request_fail_error (request, error);
      return;
    }

  c = parse_credential (text);
  if (!duka_request_rate_limit (request, "refresh", c != NULL ? c->token_id : NULL))
    {
      g_clear_pointer (&c, credential_free);
      return;
    }

  if (c == NULL)
    {
      duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "invalid-credential",
                         "This sign-in has ended. Sign in again.");
      return;
    }

  duka_request_run (request, rotate, c, credential_free);
}

/* Logout and me */

static gboolean
sign_out (DukaRequest  *request,
          DukaDb       *db,
          GError      **error)
{
  if (!revoke_family (request, db, duka_request_get_claim (request, "sid"), "logout", error))
    return FALSE;

  duka_request_respond (request, SOUP_STATUS_OK, json_from_string ("{\"status\":\"signed-out\"}", NULL));
  return TRUE;
}

void
duka_server_handle_logout (DukaRequest *request)
{
  duka_request_run (request, sign_out, NULL, NULL);
}

static gboolean
describe_principal (DukaRequest  *request,
                    DukaDb       *db,
                    GError      **error)
{
  gboolean is_user = g_strcmp0 (duka_request_get_claim (request, "typ"), "user") == 0;
  const char *subject = duka_request_get_claim (request, "sub");
  g_autoptr(PGresult) tenant = NULL;
  g_autoptr(PGresult) who = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  tenant = duka_db_queryv (db, error, "SELECT name FROM tenants WHERE tenant_id = $1", request->tenant_id);
  if (tenant == NULL)
    return FALSE;

  if (is_user)
    who = duka_db_queryv (db, error,
                          "SELECT user_id, email, name, role FROM users"
                          " WHERE tenant_id = $1 AND user_id = $2",
                          request->tenant_id, subject);
  else
    who = duka_db_queryv (db, error,
                          "SELECT device_id, outlet_id, till_code, name FROM devices"
                          " WHERE tenant_id = $1 AND device_id = $2",
                          request->tenant_id, subject);
  if (who == NULL)
    return FALSE;
  if (PQntuples (tenant) == 0 || PQntuples (who) == 0)
    {
      duka_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthenticated", "This sign-in has ended.");
      return FALSE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tenant");
  json_builder_begin_object (builder);
  add_string (builder, "id", request->tenant_id);
  add_string (builder, "name", PQgetvalue (tenant, 0, 0));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, is_user ? "user" : "device");
  json_builder_begin_object (builder);
  add_string (builder, "id", PQgetvalue (who, 0, 0));
  add_string (builder, is_user ? "email" : "outlet_id", PQgetvalue (who, 0, 1));
  add_string (builder, is_user ? "name" : "till_code", PQgetvalue (who, 0, 2));
  add_string (builder, is_user ? "role" : "name", PQgetvalue (who, 0, 3));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_me (DukaRequest *request)
{
  duka_request_run (request, describe_principal, NULL, NULL);
}
