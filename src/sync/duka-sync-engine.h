/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "duka-store.h"

G_BEGIN_DECLS

#define DUKA_SYNC_ERROR (duka_sync_error_quark ())

typedef enum
{
  DUKA_SYNC_ERROR_NOT_PAIRED,
  DUKA_SYNC_ERROR_IN_USE,           /* pairing a till that has a business of its own */
  DUKA_SYNC_ERROR_INVALID_CODE,     /* the pairing code is wrong, used or expired */
  DUKA_SYNC_ERROR_OFFLINE,          /* no answer: the network or the server is away */
  DUKA_SYNC_ERROR_SERVER,           /* the server failed (5xx) or answered nonsense */
  DUKA_SYNC_ERROR_RATE_LIMITED,
  DUKA_SYNC_ERROR_KEYRING,          /* the keyring is missing or locked */
  DUKA_SYNC_ERROR_REVOKED,          /* the server no longer knows this till */
  DUKA_SYNC_ERROR_SUSPENDED,        /* the business is suspended on the server */
  DUKA_SYNC_ERROR_UPDATE_REQUIRED,  /* the server needs a newer Duka */
  DUKA_SYNC_ERROR_STORE,            /* the local store refused the change */
} DukaSyncError;

typedef enum
{
  DUKA_SYNC_STATUS_DISCONNECTED,  /* not paired with a server */
  DUKA_SYNC_STATUS_SYNCED,
  DUKA_SYNC_STATUS_SYNCING,
  DUKA_SYNC_STATUS_OFFLINE,       /* normal: retrying with backoff */
  DUKA_SYNC_STATUS_ERROR,         /* needs a person: see error-message */
} DukaSyncStatus;

#define DUKA_TYPE_SYNC_STATUS (duka_sync_status_get_type ())
#define DUKA_TYPE_SYNC_ENGINE (duka_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (DukaSyncEngine, duka_sync_engine, DUKA, SYNC_ENGINE, GObject)

GQuark          duka_sync_error_quark        (void);
GType           duka_sync_status_get_type    (void) G_GNUC_CONST;

DukaSyncEngine *duka_sync_engine_new         (DukaStore            *store);

void            duka_sync_engine_pair_async  (DukaSyncEngine       *self,
                                              const char           *server_url,
                                              const char           *code,
                                              const char           *till_name,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        duka_sync_engine_pair_finish (DukaSyncEngine       *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* One round: push the whole outbox, then pull until the feed is drained. */
void            duka_sync_engine_sync_async  (DukaSyncEngine       *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        duka_sync_engine_sync_finish (DukaSyncEngine       *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Forgets the server: the pairing and the keyring's secrets. */
void            duka_sync_engine_disconnect_async  (DukaSyncEngine       *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        duka_sync_engine_disconnect_finish (DukaSyncEngine       *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* Background mode: a round after every local commit to the outbox, when
 * the network returns, every poll interval, and after a failure with
 * exponential backoff and jitter. */
void            duka_sync_engine_start       (DukaSyncEngine       *self);
void            duka_sync_engine_stop        (DukaSyncEngine       *self);
void            duka_sync_engine_sync_soon   (DukaSyncEngine       *self);

DukaSyncStatus  duka_sync_engine_get_status        (DukaSyncEngine *self);
guint           duka_sync_engine_get_pending       (DukaSyncEngine *self);
guint           duka_sync_engine_get_rejected      (DukaSyncEngine *self);
gint64          duka_sync_engine_get_offline_since (DukaSyncEngine *self);
gint64          duka_sync_engine_get_last_success  (DukaSyncEngine *self);
const char     *duka_sync_engine_get_error_message (DukaSyncEngine *self);
/* The server's clock minus this till's, in seconds, from the last
 * answer's Date header (0 until one came).  The till never orders facts
 * by its clock, but a person should fix a clock this far off: */
#define DUKA_SYNC_CLOCK_SKEW_WARN_S 300
gint64          duka_sync_engine_get_clock_skew    (DukaSyncEngine *self);

/* @http_date (an HTTP Date header) minus @now_us, in whole seconds;
 * FALSE when @http_date is not a date. */
gboolean        duka_sync_clock_skew_s       (const char           *http_date,
                                              gint64                now_us,
                                              gint64               *skew_s);

/* The delay before retry number @failures (1, 2, …): exponential from
 * 1 s, at most 5 min, and only the upper half kept as a floor so tills
 * that failed together do not retry together; @random is uniform in
 * [0, 1).  In milliseconds. */
guint           duka_sync_backoff_delay_ms   (guint                 failures,
                                              double                random);

G_END_DECLS
