/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "duka-store.h"

G_BEGIN_DECLS

/*
 * The local half of sync (src/sync/PROTOCOL.md), with no network: what a
 * pulled batch does to the store, what a push answer does to the outbox,
 * and the till's pairing state.  The engine in src/sync only moves bytes;
 * everything that decides a merge lives here, so it is tested on a real
 * store without a server.
 */

#define DUKA_SYNC_APPLY_ERROR (duka_sync_apply_error_quark ())

typedef enum
{
  DUKA_SYNC_APPLY_ERROR_INVALID,     /* a change or answer that is not what the contract says */
  DUKA_SYNC_APPLY_ERROR_NOT_PAIRED,
  DUKA_SYNC_APPLY_ERROR_IN_USE,      /* the store already belongs to another till */
  DUKA_SYNC_APPLY_ERROR_INJECTED,    /* tests: a fault injected before commit */
} DukaSyncApplyError;

typedef struct
{
  char   *server_url;
  char   *tenant_id;
  char   *device_id;
  char   *outlet_id;
  char   *till_code;
  char   *cursor;
  gint64  paired_at;
  gint64  last_push_at;
  gint64  last_pull_at;
} DukaSyncState;

/* One outbox entry as the engine sends it. */
typedef struct
{
  gint64  seq;
  char   *op_id;
  char   *body;
} DukaSyncOutboxEntry;

GQuark         duka_sync_apply_error_quark   (void);

void           duka_sync_state_free          (DukaSyncState  *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaSyncState, duka_sync_state_free)
void           duka_sync_outbox_entry_free   (DukaSyncOutboxEntry *entry);

/* NULL (and no error) when the till was never paired. */
DukaSyncState *duka_sync_load_state          (DukaStore      *store,
                                              GError        **error);

/* Whether @device_id may take this store: it is not set up yet, or it is
 * already this device. */
gboolean       duka_sync_check_adoptable     (DukaStore      *store,
                                              const char     *device_id,
                                              GError        **error);

/* After the first pull brought the outlet: makes this store the paired
 * till (the till entity, this_device, sync_state) in one transaction, and
 * queues the till entity for the server. */
gboolean       duka_sync_adopt_device        (DukaStore      *store,
                                              const char     *server_url,
                                              const char     *tenant_id,
                                              const char     *device_id,
                                              const char     *outlet_id,
                                              const char     *till_code,
                                              const char     *till_name,
                                              GError        **error);

/* Records the pairing before the first pull (cursor 0); the till entity
 * comes with duka_sync_adopt_device(). */
gboolean       duka_sync_save_pairing        (DukaStore      *store,
                                              const char     *server_url,
                                              const char     *tenant_id,
                                              const char     *device_id,
                                              const char     *outlet_id,
                                              const char     *till_code,
                                              GError        **error);
gboolean       duka_sync_forget_pairing      (DukaStore      *store,
                                              GError        **error);

/* Up to @limit pending outbox entries, oldest first. */
GPtrArray     *duka_sync_outbox_batch        (DukaStore      *store,
                                              guint           limit,
                                              GError        **error);

/* Stores the server's per-op @results (the "results" array of a push
 * answer, same order as @entries) in one transaction: applied and
 * duplicate ops leave the outbox, rejected ones move to sync_rejected. */
gboolean       duka_sync_store_push_results  (DukaStore      *store,
                                              GPtrArray      *entries,
                                              JsonArray      *results,
                                              guint          *n_rejected,
                                              GError        **error);

/* Applies @changes (a pull answer's "changes") and stores @next_cursor in
 * one transaction.  Facts are inserted once by id, with their child rows;
 * entities take the server's record, with this till's own pending edits
 * laid over it. */
gboolean       duka_sync_apply_changes       (DukaStore      *store,
                                              JsonArray      *changes,
                                              const char     *next_cursor,
                                              GError        **error);

guint          duka_sync_count_rejected      (DukaStore      *store);

G_END_DECLS
