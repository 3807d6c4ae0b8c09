/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "duka-actor.h"

G_BEGIN_DECLS

typedef struct
{
  const char         *kind;
  const char         *action;        /* "upsert", "delete" or "insert" */
  const char         *entity_id;
  gint64              base_version;
  const char * const *fields;        /* entities: the fields the edit changed */
  JsonObject         *data;
  const DukaActor    *actor;
  const char         *device_id;
  gint64              at;
  const char         *business_date; /* facts: the cash session's date */
} DukaOp;

gboolean duka_outbox_append (sqlite3       *db,
                             const DukaOp  *op,
                             GError       **error);
guint    duka_outbox_count_pending (sqlite3 *db);

G_END_DECLS
