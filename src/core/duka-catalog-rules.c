/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "duka-catalog-rules.h"
#include "duka-money-math.h"

/* Days are a bit mask, Monday = 1 … Sunday = 64; minutes count from local
 * midnight, the end excluded. */
gboolean
duka_catalog_rules_window_matches (gint64     days,
                                   gint64     start_minute,
                                   gint64     end_minute,
                                   GDateTime *local_now)
{
  int weekday = g_date_time_get_day_of_week (local_now);
  gint64 minute = g_date_time_get_hour (local_now) * 60 + g_date_time_get_minute (local_now);

  if ((days & (G_GINT64_CONSTANT (1) << (weekday - 1))) == 0)
    return FALSE;

  return minute >= start_minute && minute < end_minute;
}

static gboolean
has_int (JsonObject *object,
         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

/**
 * duka_catalog_rules_is_available:
 *
 * An item is sold when it is active, not 86'd, and — if it has a schedule
 * (breakfast until 11:00, say) — inside it.
 */
gboolean
duka_catalog_rules_is_available (JsonObject *product,
                                 GDateTime  *local_now)
{
  if (!json_object_get_boolean_member_with_default (product, "active", TRUE) ||
      !json_object_get_boolean_member_with_default (product, "available", TRUE) ||
      json_object_get_boolean_member_with_default (product, "deleted", FALSE))
    return FALSE;

  if (has_int (product, "available_days") || has_int (product, "available_from") ||
      has_int (product, "available_until"))
    return duka_catalog_rules_window_matches (
      has_int (product, "available_days") ? json_object_get_int_member (product, "available_days") : 127,
      has_int (product, "available_from") ? json_object_get_int_member (product, "available_from") : 0,
      has_int (product, "available_until") ? json_object_get_int_member (product, "available_until") : 1440,
      local_now);

  return TRUE;
}

static gboolean
list_contains (JsonObject *rule,
               const char *member,
               const char *id)
{
  JsonNode *node = json_object_get_member (rule, member);
  JsonArray *array;

  if (id == NULL || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), id) == 0)
      return TRUE;

  return FALSE;
}

/**
 * duka_catalog_rules_effective_price:
 * @base_price: the product's or variant's own price, in minor units
 * @price_rules: (element-type JsonObject): the business's price rules
 * @applied_rule_id: (out) (optional): the rule that set the price, or NULL
 *
 * A rule applies when it is active, its window contains @local_now, and it
 * names the product or its category.  It sets a fixed price or takes a
 * discount (parts per million, rounded half up).  When several apply the
 * customer gets the lowest price, and a rule never raises a price.
 */
gint64
duka_catalog_rules_effective_price (JsonObject  *product,
                                    gint64       base_price,
                                    GPtrArray   *price_rules,
                                    GDateTime   *local_now,
                                    const char **applied_rule_id)
{
  const char *id = json_object_get_string_member_with_default (product, "id", NULL);
  const char *category = json_object_get_string_member_with_default (product, "category_id", NULL);
  gint64 best = base_price;

  if (applied_rule_id != NULL)
    *applied_rule_id = NULL;

  for (guint i = 0; price_rules != NULL && i < price_rules->len; i++)
    {
      JsonObject *rule = g_ptr_array_index (price_rules, i);
      gint64 price;

      if (!json_object_get_boolean_member_with_default (rule, "active", TRUE) ||
          json_object_get_boolean_member_with_default (rule, "deleted", FALSE))
        continue;
      if (!list_contains (rule, "product_ids", id) && !list_contains (rule, "category_ids", category))
        continue;
      if (!duka_catalog_rules_window_matches (json_object_get_int_member_with_default (rule, "days", 0),
                                              json_object_get_int_member_with_default (rule, "start_minute", 0),
                                              json_object_get_int_member_with_default (rule, "end_minute", 0),
                                              local_now))
        continue;

      if (has_int (rule, "price"))
        price = json_object_get_int_member (rule, "price");
      else if (has_int (rule, "discount"))
        {
          gint64 off;

          if (!duka_money_apply_rate (base_price, json_object_get_int_member (rule, "discount"),
                                      DUKA_ROUND_HALF_UP, &off, NULL))
            continue;
          price = base_price - off;
        }
      else
        continue;

      if (price < best)
        {
          best = price;
          if (applied_rule_id != NULL)
            *applied_rule_id = json_object_get_string_member_with_default (rule, "id", NULL);
        }
    }

  return best;
}
