/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * duka-bench catalog: a generated catalog of 100,000 products in 300
 * categories with 20,000 modifier options, then
 *   catalog.import_100k_s      importing it from CSV through duka-admin's path
 *   catalog.search_p50_ms/p99  every prefix of 200 names, 50 results fetched
 *                              (baseline: a plain FTS5 prefix query by rank)
 *   catalog.barcode_p99_ms     (baseline: a bare indexed lookup)
 *   catalog.open_ms            a fresh duka process to the first frame of the
 *                              menu view showing products
 *   catalog.rss_mb             that process after scrolling the whole list
 */
#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>

#include "duka-barcode.h"
#include "duka-bench.h"
#include "duka-business-settings.h"
#include "duka-catalog.h"
#include "duka-catalog-io.h"
#include "duka-id.h"
#include "duka-store-private.h"
#include "duka-text.h"

#define N_PRODUCTS   100000
#define N_CATEGORIES 300
#define N_GROUPS     1000
#define N_OPTIONS    20
#define N_NAMES      200

static const char * const brands[] = {
  "Kahawa", "Mumias", "Brookside", "Ketepa", "Daima", "Kensalt", "Pembe", "Jogoo",
  "Elianto", "Golden", "Savannah", "Kilimanjaro", "Tusker", "Safari", "Baraka",
  "Jamii", "Amani", "Uhuru", "Simba", "Twiga", "Tembo", "Chui", "Nyota", "Mwezi",
  "Jua", "Mvua", "Bahari", "Ziwa", "Mlima", "Shamba", "Kijiji", "Pwani", "Rafiki",
  "Furaha", "Neema", "Zawadi", "Imani", "Tumaini", "Upendo", "Heri",
};

static const char * const items[] = {
  "Coffee", "Tea leaves", "Sugar", "Salt", "Cooking oil", "Maize flour", "Wheat flour",
  "Rice", "Beans", "Lentils", "Milk", "Yoghurt", "Butter", "Cheese", "Bread", "Biscuits",
  "Cookies", "Crisps", "Peanuts", "Cashews", "Juice", "Soda", "Water", "Energy drink",
  "Chocolate", "Sweets", "Chewing gum", "Soap", "Detergent", "Bleach", "Toothpaste",
  "Shampoo", "Lotion", "Tissue", "Serviettes", "Matches", "Candles", "Batteries",
  "Light bulb", "Spaghetti", "Macaroni", "Noodles", "Tomato paste", "Ketchup",
  "Mayonnaise", "Jam", "Honey", "Peanut butter", "Cornflakes", "Oats", "Porridge",
  "Cocoa", "Drinking chocolate", "Baking powder", "Yeast", "Spices", "Curry powder",
  "Pilau masala", "Chilli sauce", "Soy sauce", "Vinegar", "Mango", "Avocado",
  "Banana", "Orange", "Pineapple", "Passion fruit", "Tomatoes", "Onions", "Potatoes",
  "Cabbage", "Kale", "Spinach", "Carrots", "Eggs", "Chicken", "Beef", "Fish",
  "Sausages", "Bacon", "Samosa", "Mandazi", "Chapati", "Cake", "Muffin", "Croissant",
  "Doughnut", "Scone", "Pie", "Pizza", "Burger", "Sandwich", "Wrap", "Salad",
  "Smoothie", "Latte", "Cappuccino", "Espresso", "Americano", "Mocha", "Chai",
  "Dawa", "Lemonade", "Iced tea", "Milkshake", "Ice cream", "Popsicle", "Sorbet",
  "Nappies", "Baby wipes", "Sanitary pads", "Razor", "Deodorant", "Perfume",
  "Hair oil", "Comb", "Sponge", "Broom", "Mop",
};

static const char * const sizes[] = {
  "50 g", "100 g", "200 g", "250 g", "400 g", "500 g", "1 kg", "2 kg", "5 kg",
  "100 ml", "250 ml", "300 ml", "330 ml", "500 ml", "1 l", "1.5 l", "2 l", "5 l",
  "single", "pack of 2", "pack of 4", "pack of 6", "pack of 12", "family pack", "mini",
};

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static void
product_name (guint  i,
              char  *out,
              gsize  len)
{
  guint b = i % G_N_ELEMENTS (brands);
  guint it = (i / G_N_ELEMENTS (brands)) % G_N_ELEMENTS (items);
  guint s = (i / (G_N_ELEMENTS (brands) * G_N_ELEMENTS (items))) % G_N_ELEMENTS (sizes);

  g_snprintf (out, len, "%s %s %s", brands[b], items[it], sizes[s]);
}

static void
product_barcode (guint  i,
                 char  *out)
{
  char digits[13];

  g_snprintf (digits, sizeof digits, "616%09u", i);
  g_snprintf (out, 14, "%s%d", digits, duka_barcode_check_digit (digits, 12));
}

static DukaStore *
create_store (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duka-bench-XXXXXX", &error);
  g_autoptr(DukaStore) store = NULL;
  g_autoptr(DukaBusinessSettings) settings = NULL;
  g_autoptr(DukaProfile) profile = NULL;
  g_autoptr(DukaActor) actor = NULL;

  g_assert_no_error (error);
  store = duka_store_open (dir, &error);
  g_assert_no_error (error);

  settings = duka_business_settings_new (store);
  profile = duka_profile_new_default ();
  g_free (profile->business_name);
  profile->business_name = g_strdup ("Bench Supermarket");
  g_free (profile->currency);
  profile->currency = g_strdup ("KES");
  g_free (profile->time_zone);
  profile->time_zone = g_strdup ("Africa/Nairobi");
  actor = duka_actor_new_owner (profile->till_id);
  if (!duka_business_settings_save (settings, actor, profile, &error))
    g_error ("%s", error->message);

  *out_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&store);
}

static void
create_modifier_groups (DukaCatalog     *catalog,
                        const DukaActor *actor)
{
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autoptr(JsonObject) group = json_object_new ();
      g_autoptr(JsonArray) options = json_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Options %u", g + 1);

      for (guint o = 0; o < N_OPTIONS; o++)
        {
          JsonObject *option = json_object_new ();
          g_autofree char *id = duka_id_new ();
          g_autofree char *option_name = g_strdup_printf ("Choice %u", o + 1);

          json_object_set_string_member (option, "id", id);
          json_object_set_string_member (option, "name", option_name);
          json_object_set_int_member (option, "price", (gint64) o * 1000);
          json_array_add_object_element (options, option);
        }

      json_object_set_string_member (group, "name", name);
      json_object_set_int_member (group, "min_choices", 0);
      json_object_set_int_member (group, "max_choices", 3);
      json_object_set_array_member (group, "options", json_array_ref (options));
      if (!duka_catalog_save (catalog, actor, "modifier_group", group, NULL, &error))
        g_error ("modifier group: %s", error->message);
    }
}

static char *
write_csv (const char *dir)
{
  char *path = g_build_filename (dir, "catalog.csv", NULL);
  g_autoptr(GString) csv = g_string_sized_new (N_PRODUCTS * 90);

  g_string_append (csv, "sku,name,category,price,barcodes,tax_class\r\n");
  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      char name[128];
      char barcode[14];

      product_name (i, name, sizeof name);
      product_barcode (i, barcode);
      g_string_append_printf (csv, "SKU%06u,%s,Department %u/Aisle %u,%u.%02u,%s,VAT 16%%\r\n",
                              i, name, (i % N_CATEGORIES) / 20 + 1, i % N_CATEGORIES + 1,
                              50 + (i * 7919) % 5000, (i * 31) % 100, barcode);
    }

  if (!g_file_set_contents (path, csv->str, (gssize) csv->len, NULL))
    g_error ("cannot write %s", path);

  return path;
}

static void
bench_import (DukaCatalog     *catalog,
              const DukaActor *actor,
              const char      *csv_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  DukaImportReport *report = NULL;
  gint64 start;

  input = g_file_read (file, NULL, &error);
  g_assert_no_error (error);

  start = now_us ();
  if (!duka_catalog_import_csv (catalog, actor, G_INPUT_STREAM (input), &report, &error))
    g_error ("import: %s", error->message);
  duka_bench_report ("catalog.import_100k_s", (now_us () - start) / 1e6, "s", 0, FALSE);
  duka_import_report_free (report);
}

static double
bare_search (sqlite3    *db,
             const char *prefix)
{
  g_autofree char *folded = duka_text_fold (prefix);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autoptr(GString) match = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 start;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);

      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        if (g_unichar_isalnum (g_utf8_get_char (p)))
          g_string_append_unichar (word, g_utf8_get_char (p));
      if (word->len == 0)
        continue;
      if (match->len > 0)
        g_string_append (match, " AND ");
      g_string_append_printf (match, "\"%s\"*", word->str);
    }
  if (match->len == 0)
    return 0;

  start = now_us ();
  sqlite3_prepare_v2 (db, "SELECT p.id, p.name, p.price FROM product_search s"
                          " JOIN product p ON p.rowid = s.rowid"
                          " WHERE product_search MATCH ?1 ORDER BY rank LIMIT 50",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, match->str, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);

  return (now_us () - start) / 1000.0;
}

static void
bench_search (DukaCatalog *catalog,
              const char  *dir)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = g_build_filename (dir, "duka.sqlite3", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  sqlite3 *db = NULL;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);

  for (guint n = 0; n < N_NAMES; n++)
    {
      char name[128];
      guint len;

      product_name ((guint) g_rand_int_range (rand, 0, N_PRODUCTS), name, sizeof name);
      len = (guint) strlen (name);

      for (guint l = 1; l <= len; l++)
        {
          g_autofree char *prefix = g_strndup (name, l);
          g_autoptr(GPtrArray) found = NULL;
          gint64 start;
          double ms;

          if (prefix[l - 1] == ' ')
            continue;

          start = now_us ();
          found = duka_catalog_search (catalog, prefix, 50, NULL);
          ms = (now_us () - start) / 1000.0;
          g_array_append_val (ours, ms);

          ms = bare_search (db, prefix);
          g_array_append_val (bare, ms);
        }
    }

  sqlite3_close (db);

  duka_bench_report ("catalog.search_p50_ms", duka_bench_percentile (ours, 50), "ms",
                     duka_bench_percentile (bare, 50), TRUE);
  duka_bench_report ("catalog.search_p99_ms", duka_bench_percentile (ours, 99), "ms",
                     duka_bench_percentile (bare, 99), TRUE);
}

static void
bench_barcode (DukaCatalog *catalog,
               const char  *dir)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = g_build_filename (dir, "duka.sqlite3", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, "SELECT product_id FROM barcode WHERE gtin = ?1", -1, &stmt, NULL);

  for (guint n = 0; n < 10000; n++)
    {
      char barcode[14];
      char gtin[15];
      g_autoptr(DukaProduct) product = NULL;
      gint64 start;
      double ms;

      product_barcode ((guint) g_rand_int_range (rand, 0, N_PRODUCTS), barcode);

      start = now_us ();
      product = duka_catalog_find_barcode (catalog, barcode, NULL);
      ms = (now_us () - start) / 1000.0;
      g_assert_nonnull (product);
      g_array_append_val (ours, ms);

      start = now_us ();
      g_snprintf (gtin, sizeof gtin, "0%s", barcode);
      sqlite3_bind_text (stmt, 1, gtin, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      sqlite3_reset (stmt);
      ms = (now_us () - start) / 1000.0;
      g_array_append_val (bare, ms);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  duka_bench_report ("catalog.barcode_p99_ms", duka_bench_percentile (ours, 99), "ms",
                     duka_bench_percentile (bare, 99), TRUE);
}

/* A fresh duka process on the catalog: it prints how long it took to its
 * first frame of the menu view with products, then its resident memory
 * after scrolling the whole list (DUKA_BENCH_MENU, see duka-menu-view.c). */
static void
bench_open (const char *dir)
{
  const char *duka = g_getenv ("DUKA_BENCH_DUKA");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 start;
  double open_ms = -1;
  double rss_mb = -1;

  if (duka == NULL)
    duka = DUKA_BENCH_DEFAULT_DUKA;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "DUKA_BENCH_MENU", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);

  start = now_us ();
  process = g_subprocess_launcher_spawn (launcher, &error, duka, "--data-dir", dir, NULL);
  if (process == NULL)
    g_error ("cannot start %s: %s", duka, error->message);
  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    g_error ("duka: %s", error->message);

  lines = g_strsplit (out ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "first-frame-us "))
        open_ms = (g_ascii_strtoll (lines[i] + 15, NULL, 10) - start) / 1000.0;
      else if (g_str_has_prefix (lines[i], "rss-kb "))
        rss_mb = g_ascii_strtoll (lines[i] + 7, NULL, 10) / 1024.0;
    }

  if (open_ms < 0 || rss_mb < 0)
    g_error ("duka did not report its first frame and memory:\n%s", out ? out : "");

  duka_bench_report ("catalog.open_ms", open_ms, "ms", 0, FALSE);
  duka_bench_report ("catalog.rss_mb", rss_mb, "MB", 0, FALSE);
}

int
duka_bench_catalog (int    argc,
                    char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(DukaStore) store = create_store (&dir);
  g_autoptr(DukaCatalog) catalog = duka_catalog_new (store);
  g_autoptr(DukaActor) actor = duka_actor_new_owner (NULL);
  g_autoptr(JsonObject) vat = json_object_new ();
  g_autoptr(JsonArray) rates = json_array_new ();
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *rate = json_object_new ();
  g_autofree char *rate_id = duka_id_new ();

  json_object_set_string_member (rate, "id", rate_id);
  json_object_set_string_member (rate, "name", "VAT");
  json_object_set_int_member (rate, "rate", 160000);
  json_object_set_string_member (rate, "band", "A");
  json_array_add_object_element (rates, rate);
  json_object_set_string_member (vat, "name", "VAT 16%");
  json_object_set_array_member (vat, "rates", json_array_ref (rates));
  if (!duka_catalog_save (catalog, actor, "tax_class", vat, NULL, &error))
    g_error ("%s", error->message);

  create_modifier_groups (catalog, actor);
  csv = write_csv (dir);
  bench_import (catalog, actor, csv);
  bench_search (catalog, dir);
  bench_barcode (catalog, dir);
  g_clear_object (&catalog);
  g_clear_object (&store);
  bench_open (dir);
  duka_bench_remove_tree (dir);

  return 0;
}
