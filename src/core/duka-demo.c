/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo business that build-aux/run opens: a café-and-shop in Nairobi.
 * Each part of Duka adds its share here as it lands.
 */
#include <glib/gi18n-lib.h>

#include "duka-business-settings.h"
#include "duka-demo.h"
#include "duka-id.h"

gboolean
duka_demo_fill (DukaStore  *store,
                GError    **error)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaProfile) profile = g_new0 (DukaProfile, 1);
  g_autoptr(DukaActor) actor = NULL;

  profile->business_id = duka_id_new ();
  profile->business_name = g_strdup ("Duka Café & Shop");
  profile->business_address = g_strdup ("Moi Avenue 12, Nairobi");
  profile->business_tax_number = g_strdup ("P051234567X");
  profile->outlet_id = duka_id_new ();
  profile->outlet_name = g_strdup ("Moi Avenue");
  profile->time_zone = g_strdup ("Africa/Nairobi");
  profile->currency = g_strdup ("KES");
  profile->tax_regime = DUKA_TAX_REGIME_INCLUSIVE;
  profile->cutoff_hour = 4;
  profile->till_id = duka_id_new ();
  profile->till_name = g_strdup ("Front counter");
  profile->till_code = g_strdup ("T1");

  actor = duka_actor_new_owner (profile->till_id);

  return duka_business_settings_save (settings, actor, profile, error);
}
