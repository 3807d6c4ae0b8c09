/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Live sockets (GET /api/v1/sync/live) and their fan-out across processes
 * through LISTEN/NOTIFY on one dedicated connection per process. */
typedef struct _DukaLive DukaLive;

/* Who opened a socket, as its access token and its token family say. */
typedef struct
{
  const char *tenant_id;
  const char *kind;        /* "user" or "device" */
  const char *subject_id;  /* user_id or device_id */
  const char *family_id;
} DukaLiveIdentity;

DukaLive *duka_live_new          (const char               *database_url,
                                  GMainContext             *context,
                                  guint                     heartbeat_ms,
                                  guint                     timeout_ms,
                                  GError                  **error);
void      duka_live_free         (DukaLive                 *live);

/* Any thread, after the transaction that caused it committed:
 *   "feed TENANT CURSOR"           the tenant's feed moved (coalesced)
 *   "close TENANT"                 every socket of the tenant (suspension)
 *   "close TENANT device|user|family ID"  the sockets of one sign-in */
void      duka_live_publish      (DukaLive                 *live,
                                  const char               *event);

/* Main context only. */
void      duka_live_add_socket   (DukaLive                 *live,
                                  SoupWebsocketConnection  *connection,
                                  const DukaLiveIdentity   *identity);
guint     duka_live_count_sockets (DukaLive                *live);

G_END_DECLS
