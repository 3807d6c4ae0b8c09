/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "duka-db.h"
#include "duka-server.h"
#include "duka-server-error.h"
#include "duka-server-json.h"
#include "duka-server-live.h"
#include "duka-server-ratelimit.h"
#include "duka-server-token.h"

G_BEGIN_DECLS

/* Runs on a worker inside the request's transaction.  TRUE commits; FALSE
 * with *error set is a database failure (500, or retried when PostgreSQL
 * asks); FALSE without it means duka_request_fail() said why. */
typedef gboolean (*DukaRequestWorker) (DukaRequest  *request,
                                       DukaDb       *db,
                                       GError      **error);

struct _DukaRequest
{
  DukaServer        *server;
  SoupServerMessage *msg;
  const DukaRoute   *route;
  GHashTable        *params;    /* path {name} → segment */
  GHashTable        *query;     /* may be NULL */
  JsonNode          *body;      /* the parsed object for POST, else NULL */
  JsonObject        *claims;    /* the verified access token, if any */
  char              *tenant_id; /* set by the token or by the worker */
  char              *remote;
  gint64             now;       /* µs since the epoch, at arrival */

  DukaRequestWorker  worker;
  gpointer           data;
  GDestroyNotify     data_free;
  gboolean           commit_on_failure;

  guint              status;
  JsonNode          *response;

  GPtrArray         *events;    /* live events, published after commit */
  /* Set by a handler that upgrades to a WebSocket: runs instead of the
   * answer when the worker left no response. */
  void             (*upgrade) (DukaRequest *request);
};

const DukaServerConfig *duka_request_get_config (DukaRequest  *request);
JsonObject *duka_request_get_body       (DukaRequest  *request);
const char *duka_request_get_param      (DukaRequest  *request,
                                         const char   *name);
const char *duka_request_get_claim      (DukaRequest  *request,
                                         const char   *name);
void        duka_request_fail           (DukaRequest  *request,
                                         guint         status,
                                         const char   *error_code,
                                         const char   *format,
                                         ...) G_GNUC_PRINTF (4, 5);
void        duka_request_fail_error     (DukaRequest  *request,
                                         const GError *error);
void        duka_request_respond        (DukaRequest  *request,
                                         guint         status,
                                         JsonNode     *response);
void        duka_request_run            (DukaRequest       *request,
                                         DukaRequestWorker  worker,
                                         gpointer           data,
                                         GDestroyNotify     data_free);
gboolean    duka_request_set_tenant     (DukaRequest  *request,
                                         DukaDb       *db,
                                         const char   *tenant_id,
                                         GError      **error);
void        duka_request_after_commit   (DukaRequest  *request,
                                         const char   *event);
gboolean    duka_request_rate_limit     (DukaRequest  *request,
                                         const char   *bucket,
                                         const char   *key);

/* Who a token family belongs to. */
typedef struct
{
  const char *family_id;
  const char *kind;        /* "user" or "device" */
  const char *subject_id;  /* user_id or device_id */
  const char *role;        /* owner, manager, staff, or device */
  const char *outlet_id;   /* devices only */
} DukaPrincipal;

gboolean    duka_auth_start_family      (DukaRequest         *request,
                                         DukaDb              *db,
                                         const DukaPrincipal *principal,
                                         JsonBuilder         *builder,
                                         GError             **error);

/* The life of a request (duka-server.c), for the router: answering one
 * that needs no worker, and freeing it. */
void        duka_request_send           (DukaRequest         *request);
void        duka_request_free           (DukaRequest         *request);

/* The request pipeline, for handlers registered outside the route table. */
void        duka_server_dispatch        (DukaServer          *self,
                                         SoupServerMessage   *msg,
                                         const char          *path,
                                         GHashTable          *query);
void        duka_server_start_log       (SoupServerMessage   *msg);
void        duka_server_add_live_handler (DukaServer         *self,
                                          SoupServer         *soup);
DukaLive   *duka_server_get_live        (DukaServer          *self);

/* duka-server-admin.c: checks the platform operator's credential. */
gboolean    duka_server_authenticate_platform (DukaRequest   *request);

/* duka-server-exceptions.c, after a push wrote its batch: exception
 * facts for the SKUs and barcodes in @keys ("s" + SKU, "b" + barcode;
 * sorted in place) that products or variants now share with others of the
 * tenant, and for gaps and forks in the receipt series of the chained
 * facts @fact_ids.  *feed_pos rises to the newest exception's position. */
gboolean    duka_server_detect_duplicates (DukaRequest  *request,
                                           DukaDb       *db,
                                           GPtrArray    *keys,
                                           gint64       *feed_pos,
                                           GError      **error);
gboolean    duka_server_check_series    (DukaRequest  *request,
                                         DukaDb       *db,
                                         GPtrArray    *fact_ids,
                                         gint64       *feed_pos,
                                         GError      **error);

/* duka-server-push.c: a date like 2026-11-22. */
gboolean    duka_server_is_date         (const char   *text);

/* Timestamps for JSON: µs since the epoch. */
gint64      duka_server_now_us          (void);

/* Handlers, one file per area. */
void duka_server_handle_healthz         (DukaRequest *request);
void duka_server_handle_readyz          (DukaRequest *request);
void duka_server_handle_register        (DukaRequest *request);
void duka_server_handle_login           (DukaRequest *request);
void duka_server_handle_refresh         (DukaRequest *request);
void duka_server_handle_logout          (DukaRequest *request);
void duka_server_handle_me              (DukaRequest *request);
void duka_server_handle_pairing_code    (DukaRequest *request);
void duka_server_handle_pair            (DukaRequest *request);
void duka_server_handle_list_devices    (DukaRequest *request);
void duka_server_handle_revoke_device   (DukaRequest *request);
void duka_server_handle_push            (DukaRequest *request);
void duka_server_handle_pull            (DukaRequest *request);
void duka_server_handle_live            (DukaRequest *request);
void duka_server_handle_products        (DukaRequest *request);
void duka_server_handle_sales           (DukaRequest *request);
void duka_server_handle_sales_summary   (DukaRequest *request);
void duka_server_handle_admin_tenants   (DukaRequest *request);
void duka_server_handle_admin_totals    (DukaRequest *request);
void duka_server_handle_admin_suspend   (DukaRequest *request);
void duka_server_handle_admin_reactivate (DukaRequest *request);

G_END_DECLS
