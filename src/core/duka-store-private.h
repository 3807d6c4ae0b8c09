/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "duka-store.h"

G_BEGIN_DECLS

sqlite3  *duka_store_get_writer    (DukaStore  *self);
gboolean  duka_store_begin         (DukaStore  *self,
                                    GError    **error);
gboolean  duka_store_commit        (DukaStore  *self,
                                    GError    **error);
void      duka_store_rollback      (DukaStore  *self);
gboolean  duka_store_set_sql_error (DukaStore  *self,
                                    GError    **error);
void      duka_store_emit_changed  (DukaStore  *self,
                                    const char *table);

G_END_DECLS
