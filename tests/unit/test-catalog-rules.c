/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "duka-catalog-rules.h"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static GDateTime *
nairobi (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Africa/Nairobi");

  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

static void
test_availability (void)
{
  /* 2026-11-23 is a Monday. */
  g_autoptr(GDateTime) monday_morning = nairobi (2026, 11, 23, 9, 30);
  g_autoptr(GDateTime) monday_noon = nairobi (2026, 11, 23, 11, 0);
  g_autoptr(GDateTime) sunday_morning = nairobi (2026, 11, 22, 9, 30);
  g_autoptr(JsonObject) plain = parse_object ("{\"name\": \"Tea\"}");
  g_autoptr(JsonObject) eighty_sixed = parse_object ("{\"name\": \"Tea\", \"available\": false}");
  g_autoptr(JsonObject) inactive = parse_object ("{\"name\": \"Tea\", \"active\": false}");
  g_autoptr(JsonObject) breakfast = parse_object (
    "{\"name\": \"Full breakfast\", \"available_days\": 31, \"available_from\": 360,"
    " \"available_until\": 660}");

  g_assert_true (duka_catalog_rules_is_available (plain, monday_morning));
  g_assert_false (duka_catalog_rules_is_available (eighty_sixed, monday_morning));
  g_assert_false (duka_catalog_rules_is_available (inactive, monday_morning));
  /* Weekdays 06:00–11:00, the end excluded. */
  g_assert_true (duka_catalog_rules_is_available (breakfast, monday_morning));
  g_assert_false (duka_catalog_rules_is_available (breakfast, monday_noon));
  g_assert_false (duka_catalog_rules_is_available (breakfast, sunday_morning));
}

static void
test_happy_hour (void)
{
  g_autoptr(GDateTime) friday_five = nairobi (2026, 11, 27, 17, 0);
  g_autoptr(GDateTime) friday_six = nairobi (2026, 11, 27, 18, 0);
  g_autoptr(GDateTime) saturday_five = nairobi (2026, 11, 28, 17, 0);
  g_autoptr(JsonObject) juice = parse_object (
    "{\"id\": \"p1\", \"category_id\": \"cold\", \"price\": 25000}");
  g_autoptr(JsonObject) beer = parse_object (
    "{\"id\": \"p2\", \"category_id\": \"beer\", \"price\": 30000}");
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const char *applied = NULL;

  g_ptr_array_add (rules, parse_object (
    "{\"id\": \"r1\", \"name\": \"Happy hour\", \"days\": 31, \"start_minute\": 960,"
    " \"end_minute\": 1080, \"category_ids\": [\"cold\"], \"discount\": 200000}"));
  g_ptr_array_add (rules, parse_object (
    "{\"id\": \"r2\", \"name\": \"Beer o'clock\", \"days\": 31, \"start_minute\": 960,"
    " \"end_minute\": 1080, \"product_ids\": [\"p2\"], \"price\": 25000}"));
  g_ptr_array_add (rules, parse_object (
    "{\"id\": \"r3\", \"name\": \"Never higher\", \"days\": 127, \"start_minute\": 0,"
    " \"end_minute\": 1440, \"product_ids\": [\"p2\"], \"price\": 99000}"));
  g_ptr_array_add (rules, parse_object (
    "{\"id\": \"r4\", \"name\": \"Off\", \"days\": 127, \"start_minute\": 0,"
    " \"end_minute\": 1440, \"product_ids\": [\"p1\"], \"price\": 1, \"active\": false}"));

  g_assert_cmpint (duka_catalog_rules_effective_price (juice, 25000, rules, friday_five, &applied), ==, 20000);
  g_assert_cmpstr (applied, ==, "r1");
  g_assert_cmpint (duka_catalog_rules_effective_price (juice, 25000, rules, friday_six, &applied), ==, 25000);
  g_assert_null (applied);
  g_assert_cmpint (duka_catalog_rules_effective_price (juice, 25000, rules, saturday_five, NULL), ==, 25000);
  g_assert_cmpint (duka_catalog_rules_effective_price (beer, 30000, rules, friday_five, &applied), ==, 25000);
  g_assert_cmpstr (applied, ==, "r2");
  /* A variant's own price is discounted the same way, rounded half up. */
  g_assert_cmpint (duka_catalog_rules_effective_price (juice, 12345, rules, friday_five, NULL), ==, 9876);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog-rules/availability", test_availability);
  g_test_add_func ("/catalog-rules/happy-hour", test_happy_hour);

  return g_test_run ();
}
