/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every endpoint, in one table.  src/server/API.md documents each; the
 * server tests walk this table, so a new endpoint is checked for
 * authentication and tenant isolation the day it is added.
 */
#include "duka-server-private.h"

static const DukaRoute routes[] = {
  { "GET", "/healthz", DUKA_AUTH_NONE, FALSE, duka_server_handle_healthz, "" },
  { "GET", "/readyz", DUKA_AUTH_NONE, FALSE, duka_server_handle_readyz, "" },

  { "POST", "/api/v1/auth/register", DUKA_AUTH_NONE, FALSE, duka_server_handle_register,
    "{\"business_name\":\"Example\",\"name\":\"Owner\",\"email\":\"{new_email}\",\"password\":\"{password}\","
    "\"outlet\":{\"name\":\"Main\",\"time_zone\":\"Africa/Nairobi\",\"currency\":\"KES\","
    "\"tax_regime\":\"inclusive\",\"day_cutoff_hour\":4}}" },
  { "POST", "/api/v1/auth/login", DUKA_AUTH_NONE, FALSE, duka_server_handle_login,
    "{\"email\":\"{email}\",\"password\":\"{password}\"}" },
  { "POST", "/api/v1/auth/refresh", DUKA_AUTH_NONE, FALSE, duka_server_handle_refresh,
    "{\"refresh_token\":\"{refresh_token}\"}" },
  { "POST", "/api/v1/auth/logout", DUKA_AUTH_ANY, FALSE, duka_server_handle_logout, "{}" },
  { "GET", "/api/v1/auth/me", DUKA_AUTH_ANY, FALSE, duka_server_handle_me, "" },

  { "POST", "/api/v1/devices/pairing-codes", DUKA_AUTH_MANAGER, FALSE, duka_server_handle_pairing_code,
    "{\"outlet_id\":\"{outlet_id}\"}" },
  { "POST", "/api/v1/devices/pair", DUKA_AUTH_NONE, FALSE, duka_server_handle_pair,
    "{\"code\":\"{pairing_code}\",\"name\":\"Front till\"}" },
  { "GET", "/api/v1/devices", DUKA_AUTH_MANAGER, FALSE, duka_server_handle_list_devices, "" },
  { "POST", "/api/v1/devices/{device_id}/revoke", DUKA_AUTH_MANAGER, FALSE,
    duka_server_handle_revoke_device, "{}" },

  { "POST", "/api/v1/sync/push", DUKA_AUTH_DEVICE, TRUE, duka_server_handle_push,
    "{\"ops\":[{\"op_id\":\"{new_id}\",\"kind\":\"product\",\"action\":\"upsert\",\"id\":\"{product_id}\","
    "\"base_version\":1,\"fields\":[\"price\"],\"data\":{\"name\":\"Tea\",\"price\":1},"
    "\"device_id\":\"{device_id}\",\"at\":0}]}" },
  { "GET", "/api/v1/sync/pull", DUKA_AUTH_DEVICE, TRUE, duka_server_handle_pull, "" },
  { "GET", "/api/v1/sync/live", DUKA_AUTH_ANY, TRUE, duka_server_handle_live, "" },

  { "GET", "/api/v1/products", DUKA_AUTH_MANAGER, FALSE, duka_server_handle_products, "" },
  { "GET", "/api/v1/sales", DUKA_AUTH_MANAGER, FALSE, duka_server_handle_sales, "" },
  { "GET", "/api/v1/sales/summary", DUKA_AUTH_MANAGER, FALSE, duka_server_handle_sales_summary, "" },

  { "GET", "/api/v1/admin/tenants", DUKA_AUTH_PLATFORM, FALSE, duka_server_handle_admin_tenants, "" },
  { "GET", "/api/v1/admin/totals", DUKA_AUTH_PLATFORM, FALSE, duka_server_handle_admin_totals, "" },
  { "POST", "/api/v1/admin/tenants/{tenant_id}/suspend", DUKA_AUTH_PLATFORM, FALSE,
    duka_server_handle_admin_suspend, "{}" },
  { "POST", "/api/v1/admin/tenants/{tenant_id}/reactivate", DUKA_AUTH_PLATFORM, FALSE,
    duka_server_handle_admin_reactivate, "{}" },
};

const DukaRoute *
duka_server_get_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
