/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * When an item can be sold and at what price, from its records alone:
 * the 86 switch and the availability schedule, and time-window price
 * rules (happy hour).  Times are the outlet's local wall clock.
 */

gboolean duka_catalog_rules_is_available     (JsonObject  *product,
                                              GDateTime   *local_now);
gint64   duka_catalog_rules_effective_price  (JsonObject  *product,
                                              gint64       base_price,
                                              GPtrArray   *price_rules,
                                              GDateTime   *local_now,
                                              const char **applied_rule_id);
gboolean duka_catalog_rules_window_matches   (gint64       days,
                                              gint64       start_minute,
                                              gint64       end_minute,
                                              GDateTime   *local_now);

G_END_DECLS
