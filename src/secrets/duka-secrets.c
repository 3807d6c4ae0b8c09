/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "duka-secrets.h"

G_DEFINE_QUARK (duka-secrets-error-quark, duka_secrets_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    DUKA_SECRETS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "device-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0,
  };

  return &schema;
}

static const char *
kind_to_string (DukaSecretKind kind)
{
  switch (kind)
    {
    case DUKA_SECRET_DEVICE_CREDENTIAL:
      return "device-credential";
    case DUKA_SECRET_ACCESS_TOKEN:
      return "access-token";
    default:
      g_return_val_if_reached ("unknown");
    }
}

/* libsecret's and D-Bus's errors, in the three states a caller acts on.
 * Cancellation stays what it is. */
static gboolean
translate_error (GError  *source,
                 GError **error)
{
  if (g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, source);
  else if (g_error_matches (source, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    {
      g_set_error (error, DUKA_SECRETS_ERROR, DUKA_SECRETS_ERROR_LOCKED,
                   _("The keyring is locked: %s"), source->message);
      g_error_free (source);
    }
  else if (source->domain == G_DBUS_ERROR || source->domain == G_IO_ERROR ||
           source->domain == G_SPAWN_ERROR)
    {
      g_set_error (error, DUKA_SECRETS_ERROR, DUKA_SECRETS_ERROR_UNAVAILABLE,
                   _("No keyring is available: %s"), source->message);
      g_error_free (source);
    }
  else
    {
      g_set_error (error, DUKA_SECRETS_ERROR, DUKA_SECRETS_ERROR_FAILED,
                   _("The keyring failed: %s"), source->message);
      g_error_free (source);
    }
  return FALSE;
}

gboolean
duka_secrets_store (const char      *device_id,
                    DukaSecretKind   kind,
                    const char      *secret,
                    const char      *label,
                    GCancellable    *cancellable,
                    GError         **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (device_id != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  if (!secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT,
                                   label != NULL ? label : "Duka till credential",
                                   secret, cancellable, &local_error,
                                   "device-id", device_id,
                                   "kind", kind_to_string (kind),
                                   NULL))
    {
      if (local_error == NULL)
        {
          g_set_error_literal (error, DUKA_SECRETS_ERROR, DUKA_SECRETS_ERROR_LOCKED,
                               _("The keyring was not unlocked"));
          return FALSE;
        }
      return translate_error (local_error, error);
    }
  return TRUE;
}

char *
duka_secrets_lookup (const char      *device_id,
                     DukaSecretKind   kind,
                     GCancellable    *cancellable,
                     GError         **error)
{
  GError *local_error = NULL;
  char *secret;

  g_return_val_if_fail (device_id != NULL, NULL);

  secret = secret_password_lookup_nonpageable_sync (get_schema (), cancellable, &local_error,
                                                    "device-id", device_id,
                                                    "kind", kind_to_string (kind),
                                                    NULL);
  if (local_error != NULL)
    {
      translate_error (local_error, error);
      return NULL;
    }
  return secret;
}

gboolean
duka_secrets_clear (const char    *device_id,
                    GCancellable  *cancellable,
                    GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (device_id != NULL, FALSE);

  secret_password_clear_sync (get_schema (), cancellable, &local_error,
                              "device-id", device_id, NULL);
  if (local_error != NULL)
    return translate_error (local_error, error);
  return TRUE;
}

void
duka_secrets_free (char *secret)
{
  if (secret != NULL)
    secret_password_free (secret);
}
