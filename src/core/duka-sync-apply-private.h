/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "duka-registry.h"

G_BEGIN_DECLS

/* Tests only: makes every duka_sync_apply_changes() fail at the very end
 * of its transaction, after the rows and the cursor were written, as a
 * crash before the commit would.  Nothing of the batch may survive. */
void        duka_sync_apply_inject_fault (gboolean             fail);

/* Shared by duka-sync-apply.c and duka-sync-pull.c. */
JsonObject *duka_sync_parse_object     (const char          *text);
gboolean    duka_sync_invalid          (GError             **error,
                                        const char          *what);
/* Writes the server's record of an entity with this till's pending edits
 * laid over it (PROTOCOL.md: the server's answer is the truth). */
gboolean    duka_sync_merge_entity     (sqlite3             *db,
                                        const DukaKindSpec  *kind,
                                        const char          *id,
                                        JsonObject          *data,
                                        gint64               version,
                                        gboolean             deleted,
                                        const char          *updated_by,
                                        gint64               updated_at,
                                        GError             **error);

G_END_DECLS
