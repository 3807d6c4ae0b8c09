/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DUKA_SERVER_SIGNING_KEY_BYTES 32

typedef struct
{
  char   *listen_host;
  guint   listen_port;
  char   *database_url;      /* the server's role: owns nothing, NOBYPASSRLS */
  char   *migrations_url;    /* the owner role; NULL: migrations are not run */
  guint8  signing_key[DUKA_SERVER_SIGNING_KEY_BYTES];
  char   *issuer;
  /* The platform operator's bearer credential for /api/v1/admin; NULL:
   * platform admin is off. */
  char   *platform_admin_token;
  guint   access_token_lifetime;   /* seconds */
  guint   refresh_token_lifetime;  /* seconds */
  guint   refresh_grace;           /* seconds */
  guint   pairing_code_lifetime;   /* seconds */
  guint   workers;
  gsize   max_body_size;           /* bytes */
  guint   address_burst;           /* sign-in attempts per address before waiting */
  guint   account_burst;           /* sign-in attempts per account before waiting */
  guint   live_heartbeat_ms;       /* live sockets: ping every … */
  guint   live_timeout_ms;         /* … and close one silent this long */
} DukaServerConfig;

DukaServerConfig *duka_server_config_new_default (void);
gboolean          duka_server_config_load_file   (DukaServerConfig  *config,
                                                  const char        *path,
                                                  GError           **error);
gboolean          duka_server_config_load_env    (DukaServerConfig  *config,
                                                  GError           **error);
gboolean          duka_server_config_set_signing_key (DukaServerConfig  *config,
                                                      const char        *base64,
                                                      GError           **error);
gboolean          duka_server_config_check       (DukaServerConfig  *config,
                                                  GError           **error);
DukaServerConfig *duka_server_config_copy        (const DukaServerConfig *config);
void              duka_server_config_free        (DukaServerConfig  *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaServerConfig, duka_server_config_free)

G_END_DECLS
