/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "duka-actor.h"
#include "duka-store.h"

G_BEGIN_DECLS

/* Past sales from another POS, one JSON object a line (SALES-IMPORT.md),
 * recorded in this till's "imported" receipt series, all or nothing.  On
 * a bad file @problems (when given) receives one line per problem, "line
 * 17, field lines[2].quantity: …", and nothing is written. */
gboolean duka_sales_import (DukaStore        *store,
                            const DukaActor  *actor,
                            GInputStream     *input,
                            guint            *out_imported,
                            GPtrArray       **problems,
                            GError          **error);

G_END_DECLS
