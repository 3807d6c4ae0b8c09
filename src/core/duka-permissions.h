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
  DUKA_PERMISSION_SELL,
  DUKA_PERMISSION_DISCOUNT,          /* up to the role's discount_limit */
  DUKA_PERMISSION_OVERRIDE_PRICE,
  DUKA_PERMISSION_VOID_LINE,
  DUKA_PERMISSION_VOID_SALE,
  DUKA_PERMISSION_REFUND,
  DUKA_PERMISSION_OPEN_DRAWER,       /* no sale */
  DUKA_PERMISSION_CASH_IN_OUT,
  DUKA_PERMISSION_OPEN_CASH_SESSION,
  DUKA_PERMISSION_CLOSE_CASH_SESSION,
  DUKA_PERMISSION_SEE_OTHERS_TABS,
  DUKA_PERMISSION_TRANSFER_TABS,
  DUKA_PERMISSION_MANAGE_TABLES,
  DUKA_PERMISSION_KITCHEN_DISPLAY,
  DUKA_PERMISSION_ADJUST_STOCK,
  DUKA_PERMISSION_RECEIVE_STOCK,
  DUKA_PERMISSION_STOCK_TAKE,
  DUKA_PERMISSION_MANAGE_CUSTOMERS,
  DUKA_PERMISSION_MANAGE_LOYALTY,
  DUKA_PERMISSION_CLOCK_IN_OUT,
  DUKA_PERMISSION_MANAGE_STAFF,
  DUKA_PERMISSION_EDIT_TIME_ENTRIES,
  DUKA_PERMISSION_SEE_AUDIT,
  DUKA_PERMISSION_SEE_REPORTS,
  DUKA_PERMISSION_SEE_COSTS,
  DUKA_PERMISSION_EXPORT_DATA,
  DUKA_PERMISSION_MANAGE_DEVICES,
  DUKA_PERMISSION_MANAGE_GATEWAYS,
  DUKA_PERMISSION_N_PERMISSIONS,
} DukaPermission;

/* Without a resolver the business owner (an actor without staff_id) may do
 * everything and nobody else anything; DukaStaff installs the real one. */
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
gboolean                  duka_permission_from_name         (const char             *name,
                                                             DukaPermission         *permission);
gboolean                  duka_permission_is_granted        (const DukaActor        *actor,
                                                             DukaPermission          permission);
gboolean                  duka_permission_require           (const DukaActor        *actor,
                                                             DukaPermission          permission,
                                                             GError                **error);
gboolean                  duka_permission_check             (const DukaActor        *actor,
                                                             const char             *entry_point,
                                                             GError                **error);
const DukaPrivilegedCall *duka_permission_get_calls         (guint                  *n_calls);
void                      duka_permission_set_resolver      (DukaPermissionResolver  resolver,
                                                             gpointer                user_data);
void                      duka_permission_clear_resolver    (gpointer                user_data);

G_END_DECLS
