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
  [DUKA_PERMISSION_SELL] = { "sell", N_("Sell") },
  [DUKA_PERMISSION_DISCOUNT] = { "discount", N_("Give discounts (up to the role’s limit)") },
  [DUKA_PERMISSION_OVERRIDE_PRICE] = { "override-price", N_("Change a price at the till") },
  [DUKA_PERMISSION_VOID_LINE] = { "void-line", N_("Remove a line from an order") },
  [DUKA_PERMISSION_VOID_SALE] = { "void-sale", N_("Void a whole sale") },
  [DUKA_PERMISSION_REFUND] = { "refund", N_("Give refunds") },
  [DUKA_PERMISSION_OPEN_DRAWER] = { "open-drawer", N_("Open the cash drawer without a sale") },
  [DUKA_PERMISSION_CASH_IN_OUT] = { "cash-in-out", N_("Put cash in or take cash out") },
  [DUKA_PERMISSION_OPEN_CASH_SESSION] = { "open-cash-session", N_("Open a cash session") },
  [DUKA_PERMISSION_CLOSE_CASH_SESSION] = { "close-cash-session", N_("Close a cash session") },
  [DUKA_PERMISSION_SEE_OTHERS_TABS] = { "see-others-tabs", N_("See other people’s tabs") },
  [DUKA_PERMISSION_TRANSFER_TABS] = { "transfer-tabs", N_("Transfer tabs to someone else") },
  [DUKA_PERMISSION_MANAGE_TABLES] = { "manage-tables", N_("Edit the floor plan") },
  [DUKA_PERMISSION_KITCHEN_DISPLAY] = { "kitchen-display", N_("Work the kitchen display") },
  [DUKA_PERMISSION_ADJUST_STOCK] = { "adjust-stock", N_("Adjust stock") },
  [DUKA_PERMISSION_RECEIVE_STOCK] = { "receive-stock", N_("Receive stock") },
  [DUKA_PERMISSION_STOCK_TAKE] = { "stock-take", N_("Do stock takes") },
  [DUKA_PERMISSION_MANAGE_CUSTOMERS] = { "manage-customers", N_("Edit customers") },
  [DUKA_PERMISSION_MANAGE_LOYALTY] = { "manage-loyalty", N_("Edit loyalty rules and promotions") },
  [DUKA_PERMISSION_CLOCK_IN_OUT] = { "clock-in-out", N_("Clock in and out") },
  [DUKA_PERMISSION_MANAGE_STAFF] = { "manage-staff", N_("Manage staff, roles and PINs") },
  [DUKA_PERMISSION_EDIT_TIME_ENTRIES] = { "edit-time-entries", N_("Edit time entries") },
  [DUKA_PERMISSION_SEE_AUDIT] = { "see-audit", N_("See the audit trail") },
  [DUKA_PERMISSION_SEE_REPORTS] = { "see-reports", N_("See reports") },
  [DUKA_PERMISSION_SEE_COSTS] = { "see-costs", N_("See costs and margins") },
  [DUKA_PERMISSION_EXPORT_DATA] = { "export-data", N_("Export data") },
  [DUKA_PERMISSION_MANAGE_DEVICES] = { "manage-devices", N_("Manage devices and sync") },
  [DUKA_PERMISSION_MANAGE_GATEWAYS] = { "manage-gateways", N_("Manage payment gateways") },
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
  { "duka_staff_save", DUKA_PERMISSION_MANAGE_STAFF },
  { "duka_staff_delete", DUKA_PERMISSION_MANAGE_STAFF },
  { "duka_staff_set_pin", DUKA_PERMISSION_MANAGE_STAFF },
  { "duka_time_clock_clock_in", DUKA_PERMISSION_CLOCK_IN_OUT },
  { "duka_time_clock_clock_out", DUKA_PERMISSION_CLOCK_IN_OUT },
  { "duka_time_clock_start_break", DUKA_PERMISSION_CLOCK_IN_OUT },
  { "duka_time_clock_end_break", DUKA_PERMISSION_CLOCK_IN_OUT },
  { "duka_time_clock_correct_entry", DUKA_PERMISSION_EDIT_TIME_ENTRIES },
  { "duka_time_clock_save_settings", DUKA_PERMISSION_MANAGE_SETTINGS },
  { "duka_register_open_order", DUKA_PERMISSION_SELL },
  { "duka_register_add_line", DUKA_PERMISSION_SELL },
  { "duka_register_set_quantity", DUKA_PERMISSION_SELL },
  { "duka_register_set_price", DUKA_PERMISSION_OVERRIDE_PRICE },
  { "duka_register_set_line_note", DUKA_PERMISSION_SELL },
  { "duka_register_void_line", DUKA_PERMISSION_VOID_LINE },
  { "duka_register_discount_line", DUKA_PERMISSION_DISCOUNT },
  { "duka_register_discount_order", DUKA_PERMISSION_DISCOUNT },
  { "duka_register_set_charge", DUKA_PERMISSION_SELL },
  { "duka_register_set_parked", DUKA_PERMISSION_SELL },
  { "duka_register_void_order", DUKA_PERMISSION_VOID_SALE },
  { "duka_register_save_tender_type", DUKA_PERMISSION_MANAGE_SETTINGS },
  { "duka_register_complete", DUKA_PERMISSION_SELL },
  { "duka_register_refund", DUKA_PERMISSION_REFUND },
  { "duka_cash_sessions_open", DUKA_PERMISSION_OPEN_CASH_SESSION },
  { "duka_cash_sessions_move", DUKA_PERMISSION_CASH_IN_OUT },
  { "duka_cash_sessions_close", DUKA_PERMISSION_CLOSE_CASH_SESSION },
  { "duka_sales_import", DUKA_PERMISSION_MANAGE_SETTINGS },
  { "duka_receipt_settings_save_printer", DUKA_PERMISSION_MANAGE_DEVICES },
  { "duka_receipt_settings_save_template", DUKA_PERMISSION_MANAGE_SETTINGS },
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

gboolean
duka_permission_from_name (const char     *name,
                           DukaPermission *permission)
{
  for (guint i = 0; i < DUKA_PERMISSION_N_PERMISSIONS; i++)
    if (g_strcmp0 (permissions[i].name, name) == 0)
      {
        *permission = i;
        return TRUE;
      }

  return FALSE;
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

/* Only @user_data's own resolver is removed, so a staff service that goes
 * away never clears one installed after it. */
void
duka_permission_clear_resolver (gpointer user_data)
{
  if (resolver_data == user_data)
    {
      resolver = NULL;
      resolver_data = NULL;
    }
}

/* For the UI to grey out what the signed-in person may not do. */
gboolean
duka_permission_is_granted (const DukaActor *actor,
                            DukaPermission   permission)
{
  g_return_val_if_fail (permission < DUKA_PERMISSION_N_PERMISSIONS, FALSE);

  if (resolver != NULL)
    return resolver (actor, permission, resolver_data);

  return duka_actor_is_owner (actor);
}

/**
 * duka_permission_require:
 *
 * For a permission a call needs only in some cases (a price override
 * while adding a line): the same refusal as duka_permission_check().
 */
gboolean
duka_permission_require (const DukaActor  *actor,
                         DukaPermission    permission,
                         GError          **error)
{
  if (duka_permission_is_granted (actor, permission))
    return TRUE;

  g_set_error (error, DUKA_PERMISSION_ERROR, DUKA_PERMISSION_ERROR_DENIED,
               _("You are not allowed to do this (it needs “%s”). Ask a manager."),
               duka_permission_get_label (permission));
  return FALSE;
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
      allowed = duka_permission_is_granted (actor, permission);

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
