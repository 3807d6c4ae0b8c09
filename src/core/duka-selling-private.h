/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "duka-actor.h"
#include "duka-tax.h"

G_BEGIN_DECLS

/*
 * What the register, refunds and cash sessions share: where this till is,
 * entity upserts with their outbox op, fact ops, the till's receipt series
 * and hash chain, and the open cash session.  Every function here runs on
 * the writer (or a reader for the read-only ones) inside the caller's
 * transaction.
 */

/* The chain's byte encoding version: see SCHEMA.md, "Receipt chain". */
#define DUKA_CHAIN_VERSION 1
#define DUKA_CHAIN_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  char                 *till_id;
  char                 *till_code;
  char                 *outlet_id;
  char                 *currency;
  gboolean              taxed;          /* outlet tax regime is not "none" */
  DukaTaxMode           tax_mode;
  DukaTaxRoundingScope  tax_scope;
  GTimeZone            *tz;
  int                   cutoff_hour;
  gint64                cash_step;      /* cash rounding step, minor units */
} DukaSellingContext;

typedef struct
{
  char   *id;
  char   *prefix;
  gint64  next_seq;
  gint64  next_number;
  gint64  next_z;
  char   *last_hash;
} DukaSeries;

gboolean  duka_selling_refuse          (GError             **error,
                                        GQuark               domain,
                                        int                  code,
                                        const char          *message);
gboolean  duka_selling_context_load    (sqlite3             *db,
                                        DukaSellingContext  *ctx,
                                        GError             **error);
void      duka_selling_context_clear   (DukaSellingContext  *ctx);
char     *duka_selling_business_date   (DukaSellingContext  *ctx,
                                        gint64               at);
gboolean  duka_selling_is_blank        (const char          *text);
gint64    duka_selling_cash_step       (const char          *currency);

/* Loads @kind's record @id, applies @changes (member by member), validates
 * and writes it with its outbox op.  A NULL @id creates it (a new id
 * unless @changes holds "id").  Returns the written record. */
JsonObject *duka_selling_upsert        (sqlite3             *db,
                                        const char          *kind,
                                        const char          *id,
                                        JsonObject          *changes,
                                        const DukaActor     *actor,
                                        const char          *device,
                                        gint64               now,
                                        GError             **error);
/* The outbox op of a fact whose rows the caller wrote. */
gboolean  duka_selling_fact_op         (sqlite3             *db,
                                        const char          *kind,
                                        const char          *id,
                                        JsonObject          *data,
                                        const DukaActor     *actor,
                                        const char          *device,
                                        gint64               at,
                                        const char          *business_date,
                                        GError             **error);

/* The till's live series (created at epoch 1 when missing), or its
 * imported/demo series. */
DukaSeries *duka_series_load           (sqlite3             *db,
                                        const char          *till_id,
                                        const char          *origin,
                                        const char          *prefix,
                                        gint64               now,
                                        GError             **error);
void        duka_series_free           (DukaSeries          *series);
/* Sets series_id, seq and prev_hash on @data, hashes it, sets "hash",
 * stores the link and advances the series (number and z too when
 * @uses_number / @uses_z). */
gboolean    duka_series_link           (sqlite3             *db,
                                        DukaSeries          *series,
                                        const char          *kind,
                                        const char          *fact_id,
                                        JsonObject          *data,
                                        gboolean             uses_number,
                                        gboolean             uses_z,
                                        GError             **error);
char       *duka_chain_hash            (const char          *prev_hash,
                                        const char          *kind,
                                        gint64               seq,
                                        const char          *payload);

/* This till's open cash session: its id and business date, or FALSE. */
gboolean    duka_selling_open_session  (sqlite3             *db,
                                        const char          *till_id,
                                        char               **session_id,
                                        char               **business_date);

/* Tax classes of the store as DukaTaxClass, by id; owns its strings. */
GHashTable *duka_selling_tax_classes   (sqlite3             *db,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaSeries, duka_series_free)

G_END_DECLS
