/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "duka-store.h"

G_BEGIN_DECLS

/*
 * The audit trail: who did which privileged thing, approved by whom, when
 * and on which till, with the record before and after.  Entries are
 * append-only and hash-chained; see SCHEMA.md, "Staff".
 */

/* Entries edited, missing or out of order, as plain-language lines. */
gboolean duka_audit_verify (DukaStore  *store,
                            GPtrArray **problems,
                            GError    **error);

G_END_DECLS
