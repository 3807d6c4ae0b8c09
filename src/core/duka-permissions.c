/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n-lib.h>

#include "duka-permissions.h"

G_DEFINE_QUARK (duka-permission-error-quark, duka_permission_error)

static const struct {
  const char *name;
  const char *label;
} permissions[DUKA_PERMISSION_N_PERMISSIONS] = {
  [DUKA_PERMISSION_MANAGE_SETTINGS] = { "manage-settings", N_("Manage settings") },
  [DUKA_PERMISSION_EDIT_MENU] = { "edit-menu", N_("Edit the menu") },
};

/* Every privileged entry point of core: a public function that changes
 * data on behalf of someone takes a DukaActor and is listed here. */
static const DukaPrivilegedCall calls[] = {
  { "duka_business_settings_save", DUKA_PERMISSION_MANAGE_SETTINGS },
  { "duka_catalog_save", DUKA_PERMISSION_EDIT_MENU },
  { "duka_catalog_delete", DUKA_PERMISSION_EDIT_MENU },
  { "duka_catalog_save_edits", DUKA_PERMISSION_EDIT_MENU },
  { "duka_catalog_set_available", DUKA_PERMISSION_EDIT_MENU },
  { "duka_catalog_move_category", DUKA_PERMISSION_EDIT_MENU },
  { "duka_catalog_import_csv", DUKA_PERMISSION_EDIT_MENU },
};

static DukaPermissionResolver resolver;
static gpointer resolver_data;

const char *
duka_permission_get_name (DukaPermission permission)
{
  g_return_val_if_fail (permission < DUKA_PERMISSION_N_PERMISSIONS, NULL);

  return permissions[permission].name;
}

const char *
duka_permission_get_label (DukaPermission permission)
{
  g_return_val_if_fail (permission < DUKA_PERMISSION_N_PERMISSIONS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, permissions[permission].label);
}

const DukaPrivilegedCall *
duka_permission_get_calls (guint *n_calls)
{
  *n_calls = G_N_ELEMENTS (calls);
  return calls;
}

void
duka_permission_set_resolver (DukaPermissionResolver  new_resolver,
                              gpointer                user_data)
{
  resolver = new_resolver;
  resolver_data = user_data;
}

/**
 * duka_permission_check:
 * @entry_point: the calling function's name, as listed in the registry
 *
 * Checked in core at the top of every privileged call, not only by
 * greying out buttons.
 */
gboolean
duka_permission_check (const DukaActor  *actor,
                       const char       *entry_point,
                       GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      DukaPermission permission;
      gboolean allowed;

      if (!g_str_equal (calls[i].entry_point, entry_point))
        continue;

      permission = calls[i].permission;
      if (resolver != NULL)
        allowed = resolver (actor, permission, resolver_data);
      else
        allowed = duka_actor_is_owner (actor);

      if (!allowed)
        {
          g_set_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED,
                       _("You are not allowed to do this (it needs “%s”). Ask a manager."),
                       duka_permission_get_label (permission));
          return FALSE;
        }
      return TRUE;
    }

  g_critical ("%s is not in the permission registry", entry_point);
  g_set_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED,
               _("You are not allowed to do this"));
  return FALSE;
}
