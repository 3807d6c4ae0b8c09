/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "duka-business-settings.h"
#include "duka-demo.h"
#include "duka-id.h"

static DukaStore *
open_new_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-profile-XXXXXX", &error);
  DukaStore *store;

  g_assert_no_error (error);
  store = duka_store_open (dir, &error);
  g_assert_no_error (error);
  return store;
}

static gint64
query_int (DukaStore  *store,
           const char *sql)
{
  g_autofree char *path = g_build_filename (duka_store_get_data_dir (store),
                                            DUKA_STORE_FILENAME, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static DukaProfile *
valid_profile (void)
{
  DukaProfile *p = duka_profile_new_default ();

  g_free (p->business_name);
  p->business_name = g_strdup ("Mama Njeri's Kitchen");
  g_free (p->time_zone);
  p->time_zone = g_strdup ("Africa/Nairobi");
  g_free (p->currency);
  p->currency = g_strdup ("KES");

  return p;
}

static const struct {
  DukaProfileField field;
  const char *value;
  gboolean valid;
} text_cases[] = {
  { DUKA_PROFILE_FIELD_BUSINESS_NAME, "Duka Café", TRUE },
  { DUKA_PROFILE_FIELD_BUSINESS_NAME, "", FALSE },
  { DUKA_PROFILE_FIELD_BUSINESS_NAME, "   ", FALSE },
  { DUKA_PROFILE_FIELD_BUSINESS_NAME, "\xff\xfe", FALSE },
  { DUKA_PROFILE_FIELD_BUSINESS_ADDRESS, "", TRUE },
  { DUKA_PROFILE_FIELD_BUSINESS_TAX_NUMBER, "", TRUE },
  { DUKA_PROFILE_FIELD_OUTLET_NAME, "", FALSE },
  { DUKA_PROFILE_FIELD_TILL_NAME, "", FALSE },
  { DUKA_PROFILE_FIELD_TIME_ZONE, "Africa/Nairobi", TRUE },
  { DUKA_PROFILE_FIELD_TIME_ZONE, "America/Argentina/Buenos_Aires", TRUE },
  { DUKA_PROFILE_FIELD_TIME_ZONE, "UTC", TRUE },
  { DUKA_PROFILE_FIELD_TIME_ZONE, "Africa/Atlantis", FALSE },
  { DUKA_PROFILE_FIELD_TIME_ZONE, "+03:00", FALSE },
  { DUKA_PROFILE_FIELD_TIME_ZONE, "../../etc/passwd", FALSE },
  { DUKA_PROFILE_FIELD_TIME_ZONE, "", FALSE },
  { DUKA_PROFILE_FIELD_CURRENCY, "KES", TRUE },
  { DUKA_PROFILE_FIELD_CURRENCY, "kes", TRUE },
  { DUKA_PROFILE_FIELD_CURRENCY, " eur ", TRUE },
  { DUKA_PROFILE_FIELD_CURRENCY, "JPY", TRUE },
  { DUKA_PROFILE_FIELD_CURRENCY, "KWD", TRUE },
  { DUKA_PROFILE_FIELD_CURRENCY, "ZZZ", FALSE },
  { DUKA_PROFILE_FIELD_CURRENCY, "KE", FALSE },
  { DUKA_PROFILE_FIELD_CURRENCY, "XAU", FALSE },
  { DUKA_PROFILE_FIELD_CURRENCY, "", FALSE },
  { DUKA_PROFILE_FIELD_TILL_CODE, "T1", TRUE },
  { DUKA_PROFILE_FIELD_TILL_CODE, "t1", TRUE },
  { DUKA_PROFILE_FIELD_TILL_CODE, "BAR2", TRUE },
  { DUKA_PROFILE_FIELD_TILL_CODE, "ABCDEFGH", TRUE },
  { DUKA_PROFILE_FIELD_TILL_CODE, "ABCDEFGHI", FALSE },
  { DUKA_PROFILE_FIELD_TILL_CODE, "T-1", FALSE },
  { DUKA_PROFILE_FIELD_TILL_CODE, "T 1", FALSE },
  { DUKA_PROFILE_FIELD_TILL_CODE, "É1", FALSE },
  { DUKA_PROFILE_FIELD_TILL_CODE, "", FALSE },
};

static void
test_validate_text_fields (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = duka_profile_validate_text (text_cases[i].field, text_cases[i].value, &error);
      /* Some values are bad UTF-8 on purpose: escaped, so the TAP log stays text. */
      g_autofree char *shown = g_strescape (text_cases[i].value, NULL);

      g_test_message ("field %d value “%s”", text_cases[i].field, shown);
      g_assert_cmpint (ok, ==, text_cases[i].valid);
      if (ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, DUKA_PROFILE_ERROR, (int) text_cases[i].field);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_validate_long_name (void)
{
  g_autofree char *long_name = g_strnfill (DUKA_NAME_MAX_LENGTH + 1, 'a');
  g_autofree char *ok_name = g_strnfill (DUKA_NAME_MAX_LENGTH, 'a');

  g_assert_false (duka_profile_validate_text (DUKA_PROFILE_FIELD_BUSINESS_NAME, long_name, NULL));
  g_assert_true (duka_profile_validate_text (DUKA_PROFILE_FIELD_BUSINESS_NAME, ok_name, NULL));
}

static void
test_validate_hour (void)
{
  g_autoptr(GError) error = NULL;

  for (int h = 0; h <= 23; h++)
    g_assert_true (duka_profile_validate_hour (h, NULL));
  g_assert_false (duka_profile_validate_hour (-1, NULL));
  g_assert_false (duka_profile_validate_hour (24, &error));
  g_assert_error (error, DUKA_PROFILE_ERROR, DUKA_PROFILE_FIELD_CUTOFF_HOUR);
}

static void
test_new_store_is_not_configured (void)
{
  g_autoptr(DukaStore) store = open_new_store ();
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (duka_business_settings_is_configured (settings));
  profile = duka_business_settings_load (settings, &error);
  g_assert_no_error (error);
  g_assert_true (duka_id_is_valid (profile->business_id));
  g_assert_true (duka_id_is_valid (profile->till_id));
  g_assert_cmpstr (profile->business_name, ==, "");
  /* The default form is not valid until the business has a name. */
  g_assert_false (duka_profile_validate (profile, NULL));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM business"), ==, 0);
}

static void
test_save_and_load (void)
{
  g_autoptr(DukaStore) store = open_new_store ();
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaProfile) profile = valid_profile ();
  g_autoptr(DukaProfile) loaded = NULL;
  g_autoptr(DukaActor) actor = duka_actor_new_owner (NULL);
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect_swapped (settings, "changed", G_CALLBACK (g_atomic_int_inc), &changed);

  g_free (profile->currency);
  profile->currency = g_strdup ("kes");
  g_free (profile->till_code);
  profile->till_code = g_strdup (" bar2 ");
  profile->tax_regime = DUKA_TAX_REGIME_EXCLUSIVE;
  profile->cutoff_hour = 5;

  g_assert_true (duka_business_settings_save (settings, actor, profile, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (duka_business_settings_is_configured (settings));

  loaded = duka_business_settings_load (settings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->business_id, ==, profile->business_id);
  g_assert_cmpstr (loaded->business_name, ==, "Mama Njeri's Kitchen");
  g_assert_cmpstr (loaded->currency, ==, "KES");
  g_assert_cmpstr (loaded->till_code, ==, "BAR2");
  g_assert_cmpstr (loaded->time_zone, ==, "Africa/Nairobi");
  g_assert_cmpint (loaded->tax_regime, ==, DUKA_TAX_REGIME_EXCLUSIVE);
  g_assert_cmpint (loaded->cutoff_hour, ==, 5);
  g_assert_cmpstr (loaded->till_id, ==, profile->till_id);

  g_assert_cmpint (query_int (store, "SELECT version FROM business"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT day_cutoff_hour FROM outlet"), ==, 5);
  /* One op for each new entity, in the same transaction. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox WHERE kind = 'outlet'"
                                     " AND body LIKE '%\"base_version\":0%'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT typeof (day_cutoff_hour) = 'integer' FROM outlet"), ==, 1);

  /* Saving what is already stored is not an edit; changing one entity bumps
   * only its own version. */
  g_assert_true (duka_business_settings_save (settings, actor, loaded, &error));
  g_assert_cmpint (query_int (store, "SELECT version FROM business"), ==, 1);
  g_free (loaded->outlet_name);
  loaded->outlet_name = g_strdup ("Westlands");
  g_assert_true (duka_business_settings_save (settings, actor, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT version FROM business"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT version FROM outlet"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT version FROM till"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM this_device"), ==, 1);
  /* The untouched save made no op; the outlet edit made one naming only
   * the name, on version 1. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox WHERE kind = 'outlet'"
                                     " AND body LIKE '%\"base_version\":1,\"fields\":[\"name\"]%'"), ==, 1);
}

static void
test_invalid_save_writes_nothing (void)
{
  g_autoptr(DukaStore) store = open_new_store ();
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaActor) actor = duka_actor_new_owner (NULL);
  const struct {
    DukaProfileField field;
    gsize offset;
    const char *bad;
  } cases[] = {
    { DUKA_PROFILE_FIELD_BUSINESS_NAME, G_STRUCT_OFFSET (DukaProfile, business_name), "" },
    { DUKA_PROFILE_FIELD_TIME_ZONE, G_STRUCT_OFFSET (DukaProfile, time_zone), "Mars/Olympus" },
    { DUKA_PROFILE_FIELD_CURRENCY, G_STRUCT_OFFSET (DukaProfile, currency), "ABC" },
    { DUKA_PROFILE_FIELD_TILL_CODE, G_STRUCT_OFFSET (DukaProfile, till_code), "TILL-ONE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DukaProfile) profile = valid_profile ();
      g_autoptr(GError) error = NULL;
      char **member = G_STRUCT_MEMBER_P (profile, cases[i].offset);

      g_free (*member);
      *member = g_strdup (cases[i].bad);
      g_assert_false (duka_business_settings_save (settings, actor, profile, &error));
      g_assert_error (error, DUKA_PROFILE_ERROR, (int) cases[i].field);
      g_assert_false (duka_business_settings_is_configured (settings));
    }

  {
    g_autoptr(DukaProfile) profile = valid_profile ();
    g_autoptr(GError) error = NULL;

    profile->cutoff_hour = 24;
    g_assert_false (duka_business_settings_save (settings, actor, profile, &error));
    g_assert_error (error, DUKA_PROFILE_ERROR, DUKA_PROFILE_FIELD_CUTOFF_HOUR);
  }

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM business"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM outlet"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM till"), ==, 0);
}

static void
test_demo (void)
{
  g_autoptr(DukaStore) store = open_new_store ();
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (duka_demo_fill (store, &error));
  g_assert_no_error (error);
  profile = duka_business_settings_load (settings, &error);
  g_assert_cmpstr (profile->currency, ==, "KES");
  g_assert_cmpstr (profile->time_zone, ==, "Africa/Nairobi");
  g_assert_true (duka_profile_validate (profile, NULL));
}

static void
test_ids (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *previous = NULL;

  for (guint i = 0; i < 1000; i++)
    {
      char *id = duka_id_new ();

      g_assert_true (duka_id_is_valid (id));
      g_assert_cmpint (id[14], ==, '7');
      g_assert_true (strchr ("89ab", id[19]) != NULL);
      /* Time-ordered: the millisecond prefix never goes backwards. */
      if (previous != NULL)
        g_assert_cmpint (strncmp (previous, id, 13), <=, 0);
      g_free (previous);
      previous = g_strdup (id);
      g_assert_true (g_hash_table_add (seen, id));
    }

  g_assert_false (duka_id_is_valid ("not-an-id"));
  g_assert_false (duka_id_is_valid ("0190A6B2-7C3D-7E4F-8A1B-2C3D4E5F6A7B"));
  g_assert_false (duka_id_is_valid (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile/validate-text-fields", test_validate_text_fields);
  g_test_add_func ("/profile/validate-long-name", test_validate_long_name);
  g_test_add_func ("/profile/validate-hour", test_validate_hour);
  g_test_add_func ("/profile/new-store-is-not-configured", test_new_store_is_not_configured);
  g_test_add_func ("/profile/save-and-load", test_save_and_load);
  g_test_add_func ("/profile/invalid-save-writes-nothing", test_invalid_save_writes_nothing);
  g_test_add_func ("/profile/demo", test_demo);
  g_test_add_func ("/id/uuidv7", test_ids);

  return g_test_run ();
}
