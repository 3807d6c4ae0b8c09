/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync engine: a thread of its own with its own main context, where
 * every HTTP exchange (libsoup 3, blocking calls on a session only this
 * thread uses) and every keyring call happens.  Selling never waits for
 * it: the store's writer serialises its short transactions with the
 * till's, and status reaches the owner's main context as property
 * notifications.  How it works: src/sync/README.md.
 */
#include <libsoup/soup.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-outbox.h"
#include "duka-registry.h"
#include "duka-secrets.h"
#include "duka-store-private.h"
#include "duka-sync-apply.h"
#include "duka-sync-engine-private.h"

G_DEFINE_QUARK (duka-sync-error-quark, duka_sync_error)

GType
duka_sync_status_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { DUKA_SYNC_STATUS_DISCONNECTED, "DUKA_SYNC_STATUS_DISCONNECTED", "disconnected" },
    { DUKA_SYNC_STATUS_SYNCED, "DUKA_SYNC_STATUS_SYNCED", "synced" },
    { DUKA_SYNC_STATUS_SYNCING, "DUKA_SYNC_STATUS_SYNCING", "syncing" },
    { DUKA_SYNC_STATUS_OFFLINE, "DUKA_SYNC_STATUS_OFFLINE", "offline" },
    { DUKA_SYNC_STATUS_ERROR, "DUKA_SYNC_STATUS_ERROR", "error" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("DukaSyncStatus"), values));
  return type;
}

G_DEFINE_FINAL_TYPE (DukaSyncEngine, duka_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_PENDING,
  PROP_REJECTED,
  PROP_OFFLINE_SINCE,
  PROP_LAST_SUCCESS,
  PROP_ERROR_MESSAGE,
  PROP_CLOCK_SKEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint
duka_sync_backoff_delay_ms (guint  failures,
                            double random)
{
  guint64 ceiling = 1000;

  for (guint i = 1; i < failures && ceiling < 300000; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, 300000);
  random = CLAMP (random, 0.0, 1.0);

  return (guint) (ceiling / 2 + (guint64) (random * (double) (ceiling / 2)));
}

/* Status -------------------------------------------------------------------- */

typedef struct
{
  DukaSyncEngine *engine;
  DukaSyncStatus  status;
  guint           pending;
  guint           rejected;
  gboolean        success;
  char           *message;
  gint64          clock_skew;
} StatusUpdate;

static gboolean
apply_status (gpointer data)
{
  StatusUpdate *update = data;
  DukaSyncEngine *self = update->engine;
  gint64 now = g_get_real_time ();

  g_object_freeze_notify (G_OBJECT (self));
  if (self->status != update->status)
    {
      if (update->status == DUKA_SYNC_STATUS_OFFLINE && self->offline_since == 0)
        {
          self->offline_since = now;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_SINCE]);
        }
      else if (update->status != DUKA_SYNC_STATUS_OFFLINE && update->status != DUKA_SYNC_STATUS_SYNCING &&
               self->offline_since != 0)
        {
          self->offline_since = 0;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_SINCE]);
        }
      self->status = update->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (self->pending != update->pending)
    {
      self->pending = update->pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (self->rejected != update->rejected)
    {
      self->rejected = update->rejected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REJECTED]);
    }
  if (update->success)
    {
      self->last_success = now;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
    }
  if (self->clock_skew != update->clock_skew)
    {
      self->clock_skew = update->clock_skew;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK_SKEW]);
    }
  if (g_strcmp0 (self->error_message, update->message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (update->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

static void
status_update_free (gpointer data)
{
  StatusUpdate *update = data;

  g_object_unref (update->engine);
  g_free (update->message);
  g_free (update);
}

static guint
count_pending (DukaSyncEngine *self)
{
  sqlite3 *db = duka_store_acquire_reader (self->store, NULL);
  guint n;

  if (db == NULL)
    return 0;
  n = duka_outbox_count_pending (db);
  duka_store_release_reader (self->store, db);
  return n;
}

/* Worker side: posts the status to the owner's context. */
void
duka_sync_post_status (DukaSyncEngine *self,
             DukaSyncStatus  status,
             gboolean        success,
             const GError   *error)
{
  StatusUpdate *update = g_new0 (StatusUpdate, 1);

  update->engine = g_object_ref (self);
  update->status = status;
  update->pending = count_pending (self);
  update->rejected = duka_sync_count_rejected (self->store);
  update->success = success;
  update->message = error != NULL ? g_strdup (error->message) : NULL;
  update->clock_skew = self->worker_clock_skew;
  g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT,
                              apply_status, update, status_update_free);
}

static DukaSyncStatus
status_for_error (const GError *error)
{
  if (g_error_matches (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_NOT_PAIRED))
    return DUKA_SYNC_STATUS_DISCONNECTED;
  if (g_error_matches (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_OFFLINE) ||
      g_error_matches (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_SERVER) ||
      g_error_matches (error, DUKA_SYNC_ERROR, DUKA_SYNC_ERROR_RATE_LIMITED))
    return DUKA_SYNC_STATUS_OFFLINE;
  return DUKA_SYNC_STATUS_ERROR;
}

/* The worker ------------------------------------------------------------------- */

typedef enum
{
  JOB_ROUND,
  JOB_PAIR,
  JOB_DISCONNECT,
} JobKind;

typedef struct
{
  DukaSyncEngine *engine;
  JobKind         kind;
  GTask          *task;     /* NULL: a background round */
  PairData       *pair;
} Job;

static void
finish_round (DukaSyncEngine *self,
              GError         *error)
{
  DukaSyncStatus status = error != NULL ? status_for_error (error) : DUKA_SYNC_STATUS_SYNCED;

  duka_sync_post_status (self, status, error == NULL, error);

  if (!self->background)
    return;
  if (error == NULL)
    {
      self->failures = 0;
      duka_sync_schedule_round (self, POLL_INTERVAL_S * 1000);
      duka_sync_live_connect (self);
    }
  else if (status != DUKA_SYNC_STATUS_DISCONNECTED)
    {
      self->failures++;
      duka_sync_schedule_round (self, duka_sync_backoff_delay_ms (self->failures, g_random_double ()));
    }
}

static gboolean
run_disconnect (DukaSyncEngine  *self,
                GError         **error)
{
  g_autoptr(DukaSyncState) state = duka_sync_load_state (self->store, NULL);
  GError *local_error = NULL;

  duka_sync_live_close (self);
  if (state != NULL && !duka_secrets_clear (state->device_id, NULL, &local_error))
    return duka_sync_keyring_error (local_error, error);
  g_clear_pointer (&self->access_token, g_free);
  if (!duka_sync_forget_pairing (self->store, &local_error))
    return duka_sync_store_error (local_error, error);
  return TRUE;
}

typedef struct
{
  GTask  *task;
  GError *error;
} TaskReturn;

/* On the owner's context, so the task (and its reference to the engine)
 * is gone once its callback has run: the worker never holds the last
 * reference to anything of the owner's. */
static gboolean
return_in_owner (gpointer data)
{
  TaskReturn *ret = data;

  if (ret->error != NULL)
    g_task_return_error (ret->task, ret->error);
  else
    g_task_return_boolean (ret->task, TRUE);
  g_object_unref (ret->task);
  g_free (ret);
  return G_SOURCE_REMOVE;
}

static void
return_task (DukaSyncEngine *self,
             Job            *job,
             GError         *error)
{
  TaskReturn *ret = g_new0 (TaskReturn, 1);

  ret->task = g_steal_pointer (&job->task);
  ret->error = error;
  g_main_context_invoke (self->owner_context, return_in_owner, ret);
}

static gboolean
run_job (gpointer data)
{
  Job *job = data;
  DukaSyncEngine *self = job->engine;
  GError *error = NULL;
  gboolean ok;

  if (job->kind == JOB_ROUND && job->task == NULL)
    self->round_queued = FALSE;
  if (job->task != NULL && g_cancellable_set_error_if_cancelled (g_task_get_cancellable (job->task), &error))
    {
      return_task (self, job, error);
      return G_SOURCE_REMOVE;
    }

  switch (job->kind)
    {
    case JOB_PAIR:
      ok = duka_sync_run_pair (self, job->pair, &error);
      break;
    case JOB_DISCONNECT:
      ok = run_disconnect (self, &error);
      break;
    case JOB_ROUND:
    default:
      ok = duka_sync_run_round (self, &error);
      break;
    }
  g_assert (ok == (error == NULL));

  if (job->kind == JOB_DISCONNECT)
    duka_sync_post_status (self, ok ? DUKA_SYNC_STATUS_DISCONNECTED : DUKA_SYNC_STATUS_ERROR, FALSE, error);
  else
    finish_round (self, error);

  if (job->task != NULL)
    return_task (self, job, error);
  else
    g_clear_error (&error);

  return G_SOURCE_REMOVE;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->task);
  if (job->pair != NULL)
    duka_sync_pair_data_free (job->pair);
  g_free (job);
}

static void
queue_job (DukaSyncEngine *self,
           JobKind         kind,
           GTask          *task,
           PairData       *pair)
{
  Job *job = g_new0 (Job, 1);
  GSource *source = g_idle_source_new ();

  job->engine = self;
  job->kind = kind;
  job->task = task;
  job->pair = pair;
  g_source_set_callback (source, run_job, job, job_free);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static gboolean
timer_fired (gpointer data)
{
  DukaSyncEngine *self = data;

  g_clear_pointer (&self->timer, g_source_unref);
  if (!self->round_queued)
    {
      self->round_queued = TRUE;
      queue_job (self, JOB_ROUND, NULL, NULL);
    }
  return G_SOURCE_REMOVE;
}

/* Worker only. */
void
duka_sync_schedule_round (DukaSyncEngine *self,
                guint           delay_ms)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  self->timer = g_timeout_source_new (delay_ms);
  g_source_set_callback (self->timer, timer_fired, self, NULL);
  g_source_attach (self->timer, self->context);
}

static gpointer
worker_main (gpointer data)
{
  DukaSyncEngine *self = data;

  g_main_context_push_thread_default (self->context);
  self->session = soup_session_new_with_options ("timeout", 30, "idle-timeout", 60,
                                                 "user-agent", "Duka/" PACKAGE_VERSION " ", NULL);
  g_main_loop_run (self->loop);
  duka_sync_live_close (self);
  /* Let cancelled exchanges finish while self is still whole. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  g_clear_object (&self->session);
  g_clear_pointer (&self->access_token, g_free);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* Public API -------------------------------------------------------------------- */

void
duka_sync_engine_pair_async (DukaSyncEngine      *self,
                             const char          *server_url,
                             const char          *code,
                             const char          *till_name,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  PairData *pair;

  g_return_if_fail (DUKA_IS_SYNC_ENGINE (self));
  g_return_if_fail (server_url != NULL && code != NULL && till_name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, duka_sync_engine_pair_async);
  pair = g_new0 (PairData, 1);
  pair->server_url = g_strdup (server_url);
  pair->code = g_strdup (code);
  pair->till_name = g_strdup (till_name);
  queue_job (self, JOB_PAIR, task, pair);
}

gboolean
duka_sync_engine_pair_finish (DukaSyncEngine  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
duka_sync_engine_sync_async (DukaSyncEngine      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DUKA_IS_SYNC_ENGINE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, duka_sync_engine_sync_async);
  queue_job (self, JOB_ROUND, task, NULL);
}

gboolean
duka_sync_engine_sync_finish (DukaSyncEngine  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
duka_sync_engine_disconnect_async (DukaSyncEngine      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DUKA_IS_SYNC_ENGINE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, duka_sync_engine_disconnect_async);
  queue_job (self, JOB_DISCONNECT, task, NULL);
}

gboolean
duka_sync_engine_disconnect_finish (DukaSyncEngine  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
start_in_worker (gpointer data)
{
  DukaSyncEngine *self = data;

  self->background = TRUE;
  self->failures = 0;
  duka_sync_schedule_round (self, 0);
  return G_SOURCE_REMOVE;
}

static gboolean
stop_in_worker (gpointer data)
{
  DukaSyncEngine *self = data;

  self->background = FALSE;
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  duka_sync_live_close (self);
  return G_SOURCE_REMOVE;
}

static gboolean
soon_in_worker (gpointer data)
{
  DukaSyncEngine *self = data;

  /* A nudge during backoff waits for it: the server may be struggling. */
  if (self->background && self->failures == 0)
    duka_sync_schedule_round (self, 0);
  return G_SOURCE_REMOVE;
}

void
duka_sync_engine_sync_soon (DukaSyncEngine *self)
{
  g_return_if_fail (DUKA_IS_SYNC_ENGINE (self));
  g_main_context_invoke (self->context, soon_in_worker, self);
}

static void
outbox_changed (DukaStore  *store,
                const char *table,
                GStrv       row_ids,
                gpointer    user_data)
{
  duka_sync_engine_sync_soon (user_data);
}

static void
network_changed (GNetworkMonitor *monitor,
                 gboolean         available,
                 gpointer         user_data)
{
  DukaSyncEngine *self = user_data;

  if (available)
    {
      /* The network is back: retry now, whatever the backoff said. */
      g_main_context_invoke (self->context, start_in_worker, self);
    }
}

void
duka_sync_engine_start (DukaSyncEngine *self)
{
  g_return_if_fail (DUKA_IS_SYNC_ENGINE (self));

  if (self->outbox_handler == 0)
    self->outbox_handler = g_signal_connect_object (self->store, "changed::outbox",
                                                    G_CALLBACK (outbox_changed), self, 0);
  if (self->network_handler == 0)
    self->network_handler = g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                                                     G_CALLBACK (network_changed), self, 0);
  g_main_context_invoke (self->context, start_in_worker, self);
}

void
duka_sync_engine_stop (DukaSyncEngine *self)
{
  g_return_if_fail (DUKA_IS_SYNC_ENGINE (self));

  g_clear_signal_handler (&self->outbox_handler, self->store);
  g_clear_signal_handler (&self->network_handler, g_network_monitor_get_default ());
  g_main_context_invoke (self->context, stop_in_worker, self);
}

DukaSyncStatus
duka_sync_engine_get_status (DukaSyncEngine *self)
{
  g_return_val_if_fail (DUKA_IS_SYNC_ENGINE (self), DUKA_SYNC_STATUS_DISCONNECTED);
  return self->status;
}

guint
duka_sync_engine_get_pending (DukaSyncEngine *self)
{
  g_return_val_if_fail (DUKA_IS_SYNC_ENGINE (self), 0);
  return self->pending;
}

guint
duka_sync_engine_get_rejected (DukaSyncEngine *self)
{
  g_return_val_if_fail (DUKA_IS_SYNC_ENGINE (self), 0);
  return self->rejected;
}

gint64
duka_sync_engine_get_offline_since (DukaSyncEngine *self)
{
  g_return_val_if_fail (DUKA_IS_SYNC_ENGINE (self), 0);
  return self->offline_since;
}

gint64
duka_sync_engine_get_last_success (DukaSyncEngine *self)
{
  g_return_val_if_fail (DUKA_IS_SYNC_ENGINE (self), 0);
  return self->last_success;
}

gint64
duka_sync_engine_get_clock_skew (DukaSyncEngine *self)
{
  g_return_val_if_fail (DUKA_IS_SYNC_ENGINE (self), 0);
  return self->clock_skew;
}

const char *
duka_sync_engine_get_error_message (DukaSyncEngine *self)
{
  g_return_val_if_fail (DUKA_IS_SYNC_ENGINE (self), NULL);
  return self->error_message;
}

static gboolean
quit_worker (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
duka_sync_engine_dispose (GObject *object)
{
  DukaSyncEngine *self = DUKA_SYNC_ENGINE (object);

  if (self->thread != NULL)
    {
      g_clear_signal_handler (&self->outbox_handler, self->store);
      g_clear_signal_handler (&self->network_handler, g_network_monitor_get_default ());
      g_main_context_invoke (self->context, quit_worker, self->loop);
      g_thread_join (g_steal_pointer (&self->thread));
    }

  G_OBJECT_CLASS (duka_sync_engine_parent_class)->dispose (object);
}

static void
duka_sync_engine_finalize (GObject *object)
{
  DukaSyncEngine *self = DUKA_SYNC_ENGINE (object);

  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_clear_object (&self->store);
  g_free (self->error_message);

  G_OBJECT_CLASS (duka_sync_engine_parent_class)->finalize (object);
}

static void
duka_sync_engine_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DukaSyncEngine *self = DUKA_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case PROP_REJECTED:
      g_value_set_uint (value, self->rejected);
      break;
    case PROP_OFFLINE_SINCE:
      g_value_set_int64 (value, self->offline_since);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_CLOCK_SKEW:
      g_value_set_int64 (value, self->clock_skew);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_sync_engine_class_init (DukaSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = duka_sync_engine_dispose;
  object_class->finalize = duka_sync_engine_finalize;
  object_class->get_property = duka_sync_engine_get_property;

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DUKA_TYPE_SYNC_STATUS, DUKA_SYNC_STATUS_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REJECTED] =
    g_param_spec_uint ("rejected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE_SINCE] =
    g_param_spec_int64 ("offline-since", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK_SKEW] =
    g_param_spec_int64 ("clock-skew", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
duka_sync_engine_init (DukaSyncEngine *self)
{
}

/**
 * duka_sync_engine_new:
 *
 * An engine for @store.  Status properties are notified on the caller's
 * thread-default main context, which must be running.
 */
DukaSyncEngine *
duka_sync_engine_new (DukaStore *store)
{
  g_autoptr(DukaSyncState) state = NULL;
  DukaSyncEngine *self;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);

  self = g_object_new (DUKA_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->owner_context = g_main_context_ref_thread_default ();
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("duka-sync", worker_main, self);

  state = duka_sync_load_state (store, NULL);
  self->status = state != NULL ? DUKA_SYNC_STATUS_SYNCING : DUKA_SYNC_STATUS_DISCONNECTED;
  self->pending = count_pending (self);

  return self;
}
