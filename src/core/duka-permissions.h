/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-actor.h"

G_BEGIN_DECLS

#define DUKA_PERMISSION_ERROR (duka_permission_error_quark ())

typedef enum
{
  DUKA_PERMISSION_ERROR_DENIED,
} DukaPermissionError;

/*
 * Named permissions.  Every privileged entry point of core is listed in
 * the registry in duka-permissions.c with the permission it needs; a test
 * fails when a public call that takes a DukaActor is missing from it.
 */
typedef enum
{
  DUKA_PERMISSION_MANAGE_SETTINGS,
  DUKA_PERMISSION_EDIT_MENU,
  DUKA_PERMISSION_N_PERMISSIONS,
} DukaPermission;

/* Until people and roles exist, the business owner may do everything and
 * nobody else anything; the staff module installs the real resolver. */
typedef gboolean (*DukaPermissionResolver) (const DukaActor *actor,
                                            DukaPermission   permission,
                                            gpointer         user_data);

typedef struct
{
  const char     *entry_point;
  DukaPermission  permission;
} DukaPrivilegedCall;

GQuark                    duka_permission_error_quark       (void);
const char               *duka_permission_get_name          (DukaPermission          permission);
const char               *duka_permission_get_label         (DukaPermission          permission);
gboolean                  duka_permission_check             (const DukaActor        *actor,
                                                             const char             *entry_point,
                                                             GError                **error);
const DukaPrivilegedCall *duka_permission_get_calls         (guint                  *n_calls);
void                      duka_permission_set_resolver      (DukaPermissionResolver  resolver,
                                                             gpointer                user_data);

G_END_DECLS
