/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The keyring, through libsecret (ARCHITECTURE.md, rule 10): a till's
 * credentials live here, keyed by device id, and nowhere else — never in
 * SQLite, GSettings or logs.  A keyring that is missing or locked is a
 * normal state, reported as DUKA_SECRETS_ERROR_UNAVAILABLE or _LOCKED so
 * that sync can pause with a clear message while selling goes on.
 *
 * The calls block (D-Bus round trips): call them from a worker thread,
 * such as the sync engine's.
 */

#define DUKA_SECRETS_SCHEMA_NAME "io.github.dukapos.Duka.Secret"

#define DUKA_SECRETS_ERROR (duka_secrets_error_quark ())

typedef enum
{
  DUKA_SECRETS_ERROR_UNAVAILABLE,  /* no Secret Service on the session bus */
  DUKA_SECRETS_ERROR_LOCKED,       /* the keyring is locked and was not unlocked */
  DUKA_SECRETS_ERROR_FAILED,       /* anything else the keyring said */
} DukaSecretsError;

typedef enum
{
  /* The till's refresh credential from pairing (src/server/API.md,
   * "Devices"): it rotates on every refresh. */
  DUKA_SECRET_DEVICE_CREDENTIAL,
  /* The short-lived access token, kept so a restart within its lifetime
   * need not refresh. */
  DUKA_SECRET_ACCESS_TOKEN,
} DukaSecretKind;

GQuark    duka_secrets_error_quark (void);

gboolean  duka_secrets_store       (const char      *device_id,
                                    DukaSecretKind   kind,
                                    const char      *secret,
                                    const char      *label,
                                    GCancellable    *cancellable,
                                    GError         **error);
/* Returns: (transfer full) (nullable): the secret, or NULL with no error
 * when there is none. Free with duka_secrets_free(). */
char     *duka_secrets_lookup      (const char      *device_id,
                                    DukaSecretKind   kind,
                                    GCancellable    *cancellable,
                                    GError         **error);
/* Removes every secret of @device_id (disconnecting a till). */
gboolean  duka_secrets_clear       (const char      *device_id,
                                    GCancellable    *cancellable,
                                    GError         **error);
/* Wipes the memory before freeing it. */
void      duka_secrets_free        (char            *secret);

typedef char *DukaSecretString;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (DukaSecretString, duka_secrets_free, NULL)

G_END_DECLS
