/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "duka-registry.h"

G_BEGIN_DECLS

/*
 * Rows of entity tables as JSON records, driven by the registry: the one
 * mapping that local edits and records pulled from the server both use.
 * Records carry the registry's fields plus "id", "version" and "deleted";
 * fields this Duka does not know are kept in the row's `extra` column.
 */

JsonObject *duka_entities_load  (sqlite3             *db,
                                 const DukaKindSpec  *kind,
                                 const char          *id,
                                 GError             **error);
gboolean    duka_entities_write (sqlite3             *db,
                                 const DukaKindSpec  *kind,
                                 const char          *id,
                                 JsonObject          *record,
                                 gint64               version,
                                 gboolean             deleted,
                                 const char          *device,
                                 gint64               updated_at,
                                 GError             **error);
gboolean    duka_entities_exists (sqlite3             *db,
                                  const DukaKindSpec  *kind,
                                  const char          *id);
GPtrArray  *duka_entities_list   (sqlite3             *db,
                                  const DukaKindSpec  *kind,
                                  GError             **error);
GStrv       duka_entities_changed_fields (const DukaKindSpec *kind,
                                          JsonObject         *before,
                                          JsonObject         *after);

G_END_DECLS
