/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "duka-actor.h"
#include "duka-store.h"

G_BEGIN_DECLS

/*
 * Cash sessions: a till's drawer from its counted float to its Z report.
 * The session's business date is the date of every sale rung in it.  Cash
 * in and out (drops, payouts) and the Z report join the till's hash chain.
 * See SCHEMA.md, "Selling".
 */

#define DUKA_CASH_SESSIONS_ERROR (duka_cash_sessions_error_quark ())

typedef enum
{
  DUKA_CASH_SESSIONS_ERROR_INVALID,
  DUKA_CASH_SESSIONS_ERROR_ALREADY_OPEN,
  DUKA_CASH_SESSIONS_ERROR_NOT_OPEN,
  DUKA_CASH_SESSIONS_ERROR_NOT_FOUND,
} DukaCashSessionsError;

typedef enum
{
  DUKA_CASH_IN,
  DUKA_CASH_OUT,
  DUKA_CASH_NO_SALE,   /* drawer opened without a sale; amount 0 */
} DukaCashMovementKind;

typedef struct
{
  gint64 denomination;  /* minor units: 5000 for a 50.00 note */
  gint64 count;
} DukaCashCount;

#define DUKA_TYPE_CASH_SESSIONS (duka_cash_sessions_get_type ())

G_DECLARE_FINAL_TYPE (DukaCashSessions, duka_cash_sessions, DUKA, CASH_SESSIONS, GObject)

GQuark            duka_cash_sessions_error_quark (void);
DukaCashSessions *duka_cash_sessions_new          (DukaStore            *store);

/* This till's open session, or NULL. */
char             *duka_cash_sessions_dup_open_id  (DukaCashSessions     *self);
/* The registry's "cash_session" fact. */
JsonObject       *duka_cash_sessions_load         (DukaCashSessions     *self,
                                                   const char           *session_id,
                                                   GError              **error);
gboolean          duka_cash_sessions_open         (DukaCashSessions     *self,
                                                   const DukaActor      *actor,
                                                   gint64                float_amount,
                                                   char                **out_id,
                                                   GError              **error);
gboolean          duka_cash_sessions_move         (DukaCashSessions     *self,
                                                   const DukaActor      *actor,
                                                   DukaCashMovementKind  kind,
                                                   gint64                amount,
                                                   const char           *reason,
                                                   GError              **error);
/* The X report of a session (open or closed): its figures as JSON, the
 * shape SCHEMA.md documents; a Z report freezes the same at close. */
JsonObject       *duka_cash_sessions_report       (DukaCashSessions     *self,
                                                   const char           *session_id,
                                                   GError              **error);
/* Closes this till's open session with the counted cash; the Z report is
 * numbered and stored.  Open orders stay open for the next session. */
gboolean          duka_cash_sessions_close        (DukaCashSessions     *self,
                                                   const DukaActor      *actor,
                                                   const DukaCashCount  *counts,
                                                   guint                 n_counts,
                                                   char                **out_z_report_id,
                                                   GError              **error);
/* The registry's "z_report" fact, with "report" parsed into an object. */
JsonObject       *duka_cash_sessions_load_z       (DukaCashSessions     *self,
                                                   const char           *z_report_id,
                                                   GError              **error);
/* Z reports of a business date, optionally of one till (by code). */
GPtrArray        *duka_cash_sessions_list_z       (DukaCashSessions     *self,
                                                   const char           *business_date,
                                                   const char           *till_code,
                                                   GError              **error);

/* Notes and coins of a currency, largest first, zero-terminated; a
 * generic list for currencies Duka does not know. */
const gint64     *duka_cash_denominations         (const char           *currency);

G_END_DECLS
