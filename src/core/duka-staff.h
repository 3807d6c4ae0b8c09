/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "duka-actor.h"
#include "duka-store.h"

G_BEGIN_DECLS

#define DUKA_STAFF_ERROR (duka_staff_error_quark ())

typedef enum
{
  DUKA_STAFF_ERROR_INVALID,
  DUKA_STAFF_ERROR_NOT_FOUND,
  DUKA_STAFF_ERROR_LAST_OWNER,
  DUKA_STAFF_ERROR_BAD_PIN,      /* not 4–8 digits */
  DUKA_STAFF_ERROR_WRONG_PIN,
  DUKA_STAFF_ERROR_LOCKED,
  DUKA_STAFF_ERROR_NO_PIN,
  DUKA_STAFF_ERROR_KEY,          /* DATA_DIR/staff-key missing or unreadable */
  DUKA_STAFF_ERROR_CHANGED,
} DukaStaffError;

/* The business's secret PIN key, beside the store (mode 0600). */
#define DUKA_STAFF_KEY_FILENAME "staff-key"
#define DUKA_STAFF_PIN_MAX_FAILURES 5

#define DUKA_TYPE_STAFF (duka_staff_get_type ())

G_DECLARE_FINAL_TYPE (DukaStaff, duka_staff, DUKA, STAFF, GObject)

GQuark      duka_staff_error_quark          (void);
DukaStaff  *duka_staff_new                  (DukaStore        *store);
void        duka_staff_install_resolver     (DukaStaff        *self);
gboolean    duka_staff_ensure_built_in_roles (DukaStaff       *self,
                                             GError          **error);
char       *duka_staff_dup_built_in_role_id (DukaStaff        *self,
                                             const char       *code);

/* Records of kind "staff" or "role", shaped as the registry says. */
JsonObject *duka_staff_get                  (DukaStaff        *self,
                                             const char       *kind,
                                             const char       *id,
                                             GError          **error);
GPtrArray  *duka_staff_list                 (DukaStaff        *self,
                                             const char       *kind,
                                             GError          **error);
gboolean    duka_staff_save                 (DukaStaff        *self,
                                             const DukaActor  *actor,
                                             const char       *kind,
                                             JsonObject       *record,
                                             char            **out_id,
                                             GError          **error);
gboolean    duka_staff_delete               (DukaStaff        *self,
                                             const DukaActor  *actor,
                                             const char       *kind,
                                             const char       *id,
                                             GError          **error);
gboolean    duka_staff_has_permission       (DukaStaff        *self,
                                             const char       *staff_id,
                                             const char       *permission_name);

/* PINs (duka-staff-pin.c). */
gboolean    duka_staff_set_pin              (DukaStaff        *self,
                                             const DukaActor  *actor,
                                             const char       *staff_id,
                                             const char       *pin,
                                             GError          **error);
void        duka_staff_verify_pin_async     (DukaStaff           *self,
                                             const char          *staff_id,
                                             const char          *pin,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
DukaActor  *duka_staff_verify_pin_finish    (DukaStaff           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
