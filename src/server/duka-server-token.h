/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define DUKA_TOKEN_AUDIENCE "duka-api"

char       *duka_token_sign        (const guint8  *key,
                                    JsonObject    *claims);
JsonObject *duka_token_verify      (const guint8  *key,
                                    const char    *token,
                                    const char    *issuer,
                                    gint64         now,
                                    GError       **error);

char       *duka_password_hash     (const char    *password);
gboolean    duka_password_verify   (const char    *hash,
                                    const char    *password);

char       *duka_secret_new        (void);
char       *duka_secret_derive     (const guint8  *key,
                                    const char    *label,
                                    const char    *input);
char       *duka_secret_hash_bytea (const char    *secret);
char       *duka_base64url_encode  (const guint8  *data,
                                    gsize          length);

G_END_DECLS
