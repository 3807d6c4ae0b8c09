/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-db.h"

G_BEGIN_DECLS

guint    duka_server_schema_latest   (void);
gboolean duka_server_migrate         (const char  *migrations_url,
                                      GError     **error);
gboolean duka_server_check_database  (DukaDb      *db,
                                      GError     **error);

G_END_DECLS
