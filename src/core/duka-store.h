/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "duka-clock.h"

G_BEGIN_DECLS

#define DUKA_STORE_ERROR (duka_store_error_quark ())

typedef enum
{
  DUKA_STORE_ERROR_OPEN,
  DUKA_STORE_ERROR_TOO_NEW,
  DUKA_STORE_ERROR_MIGRATION,
  DUKA_STORE_ERROR_SQL,
  DUKA_STORE_ERROR_CORRUPT,
  DUKA_STORE_ERROR_BUSY,
  DUKA_STORE_ERROR_BACKUP,
} DukaStoreError;

#define DUKA_STORE_FILENAME "duka.sqlite3"
/* Present while a store is open; left behind by a crash. */
#define DUKA_STORE_OPEN_MARKER "duka.open"
/* Backups live in DATA_DIR/backups/duka-YYYYmmdd-HHMMSS.sqlite3 (UTC). */
#define DUKA_STORE_BACKUP_DIRNAME "backups"
#define DUKA_STORE_BACKUP_KEEP_DEFAULT 7

#define DUKA_TYPE_STORE (duka_store_get_type ())

G_DECLARE_FINAL_TYPE (DukaStore, duka_store, DUKA, STORE, GObject)

GQuark      duka_store_error_quark          (void);
DukaStore  *duka_store_open                 (const char           *data_dir,
                                             GError              **error);
DukaStore  *duka_store_open_full            (const char           *data_dir,
                                             DukaClock            *clock,
                                             GError              **error);
const char *duka_store_get_data_dir         (DukaStore            *self);
int         duka_store_get_schema_version   (DukaStore            *self);
int         duka_store_get_latest_version   (void);
char       *duka_store_get_default_data_dir (void);
gboolean    duka_store_get_unclean_shutdown (DukaStore            *self);

void        duka_store_backup_async         (DukaStore            *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char       *duka_store_backup_finish        (DukaStore            *self,
                                             GAsyncResult         *result,
                                             GError              **error);
void        duka_store_set_backup_keep      (DukaStore            *self,
                                             guint                 keep);
guint       duka_store_get_backup_keep      (DukaStore            *self);
gboolean    duka_store_maybe_backup_daily   (DukaStore            *self);
gboolean    duka_store_restore              (const char           *data_dir,
                                             const char           *backup_file,
                                             GError              **error);

/* Problems SQLite itself finds in the file, as plain-language lines. */
gboolean    duka_store_verify               (DukaStore            *self,
                                             GPtrArray           **problems,
                                             GError              **error);

G_END_DECLS
