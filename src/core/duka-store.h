/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DUKA_STORE_ERROR (duka_store_error_quark ())

typedef enum
{
  DUKA_STORE_ERROR_OPEN,
  DUKA_STORE_ERROR_TOO_NEW,
  DUKA_STORE_ERROR_MIGRATION,
  DUKA_STORE_ERROR_SQL,
} DukaStoreError;

#define DUKA_STORE_FILENAME "duka.sqlite3"

#define DUKA_TYPE_STORE (duka_store_get_type ())

G_DECLARE_FINAL_TYPE (DukaStore, duka_store, DUKA, STORE, GObject)

GQuark      duka_store_error_quark          (void);
DukaStore  *duka_store_open                 (const char  *data_dir,
                                             GError     **error);
const char *duka_store_get_data_dir         (DukaStore   *self);
int         duka_store_get_schema_version   (DukaStore   *self);
int         duka_store_get_latest_version   (void);
char       *duka_store_get_default_data_dir (void);

G_END_DECLS
