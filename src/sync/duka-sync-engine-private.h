/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "duka-sync-apply.h"
#include "duka-sync-engine.h"

G_BEGIN_DECLS

/*
 * Inside the engine: its files share the instance struct.  Everything
 * below "worker" is touched only on the engine's own thread; the status
 * fields only on the owner's context.
 *
 *   duka-sync-engine.c  the object, status, worker thread, scheduling
 *   duka-sync-http.c    exchanges, errors, tokens and the keyring
 *   duka-sync-rounds.c  push, pull and pairing
 *   duka-sync-live.c    the live socket
 */

#define PUSH_BATCH      200   /* ops per push; the server takes up to 500 */
#define PULL_BATCH      200   /* changes per pull, each page one short transaction */
#define POLL_INTERVAL_S 30
#define TOKEN_MARGIN_S  60    /* refresh this long before the access token expires */
#define LIVE_PING_S     15    /* the live socket's heartbeat (API.md, "Live") */
#define LIVE_SILENCE_S  45    /* heard nothing this long: the socket is dead */

struct _DukaSyncEngine
{
  GObject         parent_instance;

  DukaStore      *store;
  GMainContext   *owner_context;
  gulong          outbox_handler;
  gulong          network_handler;

  /* The worker: everything below is touched only on its thread. */
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  SoupSession    *session;
  char           *access_token;
  gint64          access_expires_at;   /* Unix seconds */
  gboolean        background;
  guint           failures;
  GSource        *timer;
  gboolean        round_queued;
  SoupWebsocketConnection *live;
  GCancellable   *live_cancellable;
  GSource        *live_heartbeat;
  gint64          live_heard_at;     /* monotonic µs */
  gint64          worker_clock_skew; /* from the last Date header */

  /* Status, read and written on the owner's context only. */
  DukaSyncStatus  status;
  guint           pending;
  guint           rejected;
  gint64          offline_since;
  gint64          last_success;
  char           *error_message;
  gint64          clock_skew;
};

typedef struct
{
  char *server_url;
  char *code;
  char *till_name;
} PairData;

/* duka-sync-engine.c */
void        duka_sync_post_status          (DukaSyncEngine       *self,
                                            DukaSyncStatus        status,
                                            gboolean              success,
                                            const GError         *error);
void        duka_sync_schedule_round       (DukaSyncEngine       *self,
                                            guint                 delay_ms);

/* duka-sync-http.c */
int         duka_sync_schema_version       (void);
char       *duka_sync_api_url              (const char           *server_url,
                                            const char           *path);
JsonNode   *duka_sync_exchange             (DukaSyncEngine       *self,
                                            const char           *method,
                                            const char           *url,
                                            const char           *token,
                                            JsonNode             *body,
                                            gboolean              versioned,
                                            gboolean              idempotent,
                                            guint                *status_out,
                                            GError              **error);
JsonNode   *duka_sync_authorized_exchange (DukaSyncEngine       *self,
                                            const DukaSyncState  *state,
                                            const char           *method,
                                            const char           *url,
                                            JsonNode             *body,
                                            gboolean              idempotent,
                                            GError              **error);
gboolean    duka_sync_keyring_error        (GError               *source,
                                            GError              **error);
gboolean    duka_sync_take_tokens          (DukaSyncEngine       *self,
                                            const char           *device_id,
                                            JsonObject           *answer,
                                            GError              **error);
gboolean    duka_sync_ensure_token         (DukaSyncEngine       *self,
                                            const DukaSyncState  *state,
                                            gboolean              force,
                                            GError              **error);

/* duka-sync-rounds.c */
gboolean    duka_sync_store_error          (GError               *source,
                                            GError              **error);
gboolean    duka_sync_run_round            (DukaSyncEngine       *self,
                                            GError              **error);
gboolean    duka_sync_run_pair             (DukaSyncEngine       *self,
                                            PairData             *data,
                                            GError              **error);
void        duka_sync_pair_data_free       (PairData             *data);

/* duka-sync-live.c */
void        duka_sync_live_connect         (DukaSyncEngine       *self);
void        duka_sync_live_close           (DukaSyncEngine       *self);

G_END_DECLS
