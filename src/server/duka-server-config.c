/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's settings: defaults, then a key file (--config), then the
 * environment (DUKA_SERVER_*), so a container can override one value
 * without rewriting the file.
 */
#include <string.h>

#include "duka-server-config.h"
#include "duka-server-error.h"

#define GROUP "server"

typedef enum
{
  KEY_STRING,
  KEY_SECONDS,
  KEY_COUNT,
  KEY_LISTEN,
  KEY_SIGNING_KEY,
} KeyType;

typedef struct
{
  const char *key;   /* key-file name; the variable is DUKA_SERVER_ + KEY */
  KeyType     type;
  gsize       offset;
  guint64     min;
  guint64     max;
} KeySpec;

#define FIELD(f) G_STRUCT_OFFSET (DukaServerConfig, f)

static const KeySpec keys[] = {
  { "listen", KEY_LISTEN, 0, 0, 0 },
  { "database-url", KEY_STRING, FIELD (database_url), 0, 0 },
  { "migrations-url", KEY_STRING, FIELD (migrations_url), 0, 0 },
  { "signing-key", KEY_SIGNING_KEY, 0, 0, 0 },
  { "issuer", KEY_STRING, FIELD (issuer), 0, 0 },
  { "platform-admin-token", KEY_STRING, FIELD (platform_admin_token), 0, 0 },
  { "access-token-lifetime", KEY_SECONDS, FIELD (access_token_lifetime), 30, 24 * 3600 },
  { "refresh-token-lifetime", KEY_SECONDS, FIELD (refresh_token_lifetime), 300, 400 * 24 * 3600 },
  { "refresh-grace", KEY_SECONDS, FIELD (refresh_grace), 0, 600 },
  { "pairing-code-lifetime", KEY_SECONDS, FIELD (pairing_code_lifetime), 30, 24 * 3600 },
  { "workers", KEY_COUNT, FIELD (workers), 1, 64 },
  { "address-burst", KEY_COUNT, FIELD (address_burst), 1, 1000000 },
  { "account-burst", KEY_COUNT, FIELD (account_burst), 1, 1000000 },
  { "max-body-size", KEY_COUNT, FIELD (max_body_size), 1024, 64 * 1024 * 1024 },
  { "live-heartbeat-ms", KEY_COUNT, FIELD (live_heartbeat_ms), 50, 3600 * 1000 },
  { "live-timeout-ms", KEY_COUNT, FIELD (live_timeout_ms), 100, 3 * 3600 * 1000 },
};

DukaServerConfig *
duka_server_config_new_default (void)
{
  DukaServerConfig *config = g_new0 (DukaServerConfig, 1);

  config->listen_host = g_strdup ("127.0.0.1");
  config->listen_port = 8080;
  config->issuer = g_strdup ("duka-server");
  config->access_token_lifetime = 15 * 60;
  config->refresh_token_lifetime = 30 * 24 * 3600;
  config->refresh_grace = 60;
  config->pairing_code_lifetime = 10 * 60;
  config->workers = 4;
  config->max_body_size = 4 * 1024 * 1024;
  config->address_burst = 10;
  config->account_burst = 5;
  config->live_heartbeat_ms = 15 * 1000;
  config->live_timeout_ms = 45 * 1000;

  return config;
}

DukaServerConfig *
duka_server_config_copy (const DukaServerConfig *config)
{
  DukaServerConfig *copy = g_memdup2 (config, sizeof *config);

  copy->listen_host = g_strdup (config->listen_host);
  copy->database_url = g_strdup (config->database_url);
  copy->migrations_url = g_strdup (config->migrations_url);
  copy->issuer = g_strdup (config->issuer);
  copy->platform_admin_token = g_strdup (config->platform_admin_token);

  return copy;
}

void
duka_server_config_free (DukaServerConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->listen_host);
  g_free (config->database_url);
  g_free (config->migrations_url);
  g_free (config->issuer);
  if (config->platform_admin_token != NULL)
    memset (config->platform_admin_token, 0, strlen (config->platform_admin_token));
  g_free (config->platform_admin_token);
  memset (config->signing_key, 0, sizeof config->signing_key);
  g_free (config);
}

gboolean
duka_server_config_set_signing_key (DukaServerConfig  *config,
                                    const char        *base64,
                                    GError           **error)
{
  g_autofree guchar *key = NULL;
  gsize len = 0;

  /* g_base64_decode accepts junk silently; insist on the exact length. */
  if (base64 != NULL && strlen (base64) == 44)
    key = g_base64_decode (base64, &len);

  if (key == NULL || len != DUKA_SERVER_SIGNING_KEY_BYTES)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                   "signing-key must be 32 random bytes in base64 "
                   "(make one with: head -c32 /dev/urandom | base64)");
      return FALSE;
    }

  memcpy (config->signing_key, key, sizeof config->signing_key);
  memset (key, 0, len);
  return TRUE;
}

static gboolean
parse_listen (DukaServerConfig  *config,
              const char        *value,
              GError           **error)
{
  const char *colon = strrchr (value, ':');
  guint64 port;

  if (colon == NULL || colon == value ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                   "listen must be ADDRESS:PORT, e.g. 127.0.0.1:8080, not “%s”", value);
      return FALSE;
    }

  g_free (config->listen_host);
  config->listen_host = g_strndup (value, colon - value);
  config->listen_port = port;
  return TRUE;
}

static gboolean
apply_value (DukaServerConfig  *config,
             const KeySpec     *spec,
             const char        *value,
             const char        *origin,
             GError           **error)
{
  guint8 *base = (guint8 *) config;
  guint64 number;
  g_autoptr(GError) local_error = NULL;

  switch (spec->type)
    {
    case KEY_STRING:
      g_free (*(char **) (base + spec->offset));
      *(char **) (base + spec->offset) = value[0] ? g_strdup (value) : NULL;
      return TRUE;

    case KEY_LISTEN:
      if (parse_listen (config, value, &local_error))
        return TRUE;
      break;

    case KEY_SIGNING_KEY:
      if (duka_server_config_set_signing_key (config, value, &local_error))
        return TRUE;
      break;

    case KEY_SECONDS:
    case KEY_COUNT:
      if (g_ascii_string_to_unsigned (value, 10, spec->min, spec->max, &number, NULL))
        {
          if (spec->offset == FIELD (max_body_size))
            config->max_body_size = number;
          else
            *(guint *) (base + spec->offset) = number;
          return TRUE;
        }
      g_set_error (&local_error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                   "%s must be a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
                   spec->key, spec->min, spec->max);
      break;

    default:
      g_assert_not_reached ();
    }

  g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
               "%s: %s", origin, local_error->message);
  return FALSE;
}

gboolean
duka_server_config_load_file (DukaServerConfig  *config,
                              const char        *path,
                              GError           **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_auto(GStrv) names = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    return FALSE;

  /* A misspelt key would silently keep its default: refuse it. */
  names = g_key_file_get_keys (file, GROUP, NULL, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const KeySpec *spec = NULL;
      g_autofree char *value = NULL;
      g_autofree char *origin = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (g_str_equal (keys[k].key, names[i]))
          spec = &keys[k];

      if (spec == NULL)
        {
          g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                       "%s: unknown key “%s” in [%s]", path, names[i], GROUP);
          return FALSE;
        }

      value = g_key_file_get_string (file, GROUP, names[i], error);
      if (value == NULL)
        return FALSE;
      g_strstrip (value);
      origin = g_strdup_printf ("%s: %s", path, names[i]);
      if (!apply_value (config, spec, value, origin, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
duka_server_config_load_env (DukaServerConfig  *config,
                             GError           **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autofree char *upper = g_ascii_strup (keys[k].key, -1);
      g_autofree char *name = NULL;
      const char *value;

      g_strdelimit (upper, "-", '_');
      name = g_strconcat ("DUKA_SERVER_", upper, NULL);
      value = g_getenv (name);
      if (value != NULL && !apply_value (config, &keys[k], value, name, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
duka_server_config_check (DukaServerConfig  *config,
                          GError           **error)
{
  static const guint8 zero[DUKA_SERVER_SIGNING_KEY_BYTES] = { 0 };

  if (config->database_url == NULL)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                   "database-url (DUKA_SERVER_DATABASE_URL) is not set");
      return FALSE;
    }

  if (memcmp (config->signing_key, zero, sizeof zero) == 0)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                   "signing-key (DUKA_SERVER_SIGNING_KEY) is not set");
      return FALSE;
    }

  /* A guessable operator credential would open every tenant's usage and
   * the power to suspend it. */
  if (config->platform_admin_token != NULL && strlen (config->platform_admin_token) < 32)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                   "platform-admin-token (DUKA_SERVER_PLATFORM_ADMIN_TOKEN) must be at least 32 "
                   "characters (make one with: head -c32 /dev/urandom | base64)");
      return FALSE;
    }

  if (config->live_timeout_ms <= config->live_heartbeat_ms)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                   "live-timeout-ms must be longer than live-heartbeat-ms");
      return FALSE;
    }

  if (config->refresh_grace * 2 > config->refresh_token_lifetime)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_CONFIG,
                   "refresh-grace must be far shorter than refresh-token-lifetime");
      return FALSE;
    }

  return TRUE;
}
