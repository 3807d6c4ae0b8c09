/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "duka-actor.h"

G_BEGIN_DECLS

/* One audit entry, written by the privileged write it describes, inside
 * its transaction on the writer: the entry exists if and only if the
 * change does.  @before and @after may be NULL. */
gboolean duka_audit_append (sqlite3          *db,
                            const DukaActor  *actor,
                            const char       *till_id,
                            gint64            at,
                            const char       *action,
                            const char       *subject,
                            JsonObject       *before,
                            JsonObject       *after,
                            GError          **error);

G_END_DECLS
