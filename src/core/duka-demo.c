/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo business that build-aux/run opens: a café-and-shop in Nairobi,
 * selling in KES with prices that include 16 % VAT.  Names and prices are
 * the same on every run; ids are fresh.  Every record goes through the
 * catalog's save path, so it is checked and has its outbox op, and the
 * whole catalog is one transaction, so the demo is quick.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-barcode.h"
#include "duka-business-settings.h"
#include "duka-catalog.h"
#include "duka-catalog-private.h"
#include "duka-demo.h"
#include "duka-id.h"
#include "duka-staff.h"
#include "duka-store-private.h"
#include "duka-time-clock.h"

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

/* The catalog ---------------------------------------------------------------- */

#define KES(shillings) ((gint64) (shillings) * 100)
#define MONDAY_TO_FRIDAY 0x1f  /* bit 0 is Monday */

typedef struct
{
  const char *name;
  const char *parent;   /* NULL: top level */
  const char *color;
  const char *station;  /* NULL, "Kitchen" or "Bar" */
} DemoCategory;

static const DemoCategory demo_categories[] = {
  { "Drinks", NULL, "#1c71d8", "Bar" },
  { "Hot drinks", "Drinks", "#a51d2d", "Bar" },
  { "Cold drinks", "Drinks", "#1a5fb4", "Bar" },
  { "Food", NULL, "#e66100", "Kitchen" },
  { "Breakfast", "Food", "#c64600", "Kitchen" },
  { "Lunch", "Food", "#26a269", "Kitchen" },
  { "Bakery", "Food", "#986a44", NULL },
  { "Snacks", "Food", "#e5a50a", NULL },
  { "Groceries", NULL, "#2ec27e", NULL },
  { "Dairy", "Groceries", "#3584e4", NULL },
  { "Dry goods", "Groceries", "#865e3c", NULL },
  { "Fruit & veg", "Groceries", "#33d17a", NULL },
  { "Drinks to go", "Groceries", "#1c71d8", NULL },
  { "Household", NULL, "#613583", NULL },
  { "Cleaning", "Household", "#813d9c", NULL },
  { "Paper goods", "Household", "#9141ac", NULL },
  { "Personal care", NULL, "#c061cb", NULL },
  { "Hair & body", "Personal care", "#dc8add", NULL },
  { "Oral care", "Personal care", "#f66151", NULL },
};

typedef struct
{
  const char *name;
  const char *category;
  int         price;     /* KES, VAT included */
  const char *tax;       /* NULL: "VAT 16%" */
  gboolean    coffee;    /* sizes and the milk and extras groups */
  gboolean    sold_out;  /* 86'd today */
} DemoItem;

static const DemoItem demo_menu[] = {
  { "Espresso", "Hot drinks", 150, NULL, TRUE, FALSE },
  { "Americano", "Hot drinks", 180, NULL, TRUE, FALSE },
  { "Cappuccino", "Hot drinks", 250, NULL, TRUE, FALSE },
  { "Café latte", "Hot drinks", 260, NULL, TRUE, FALSE },
  { "Flat white", "Hot drinks", 270, NULL, TRUE, FALSE },
  { "Mocha", "Hot drinks", 300, NULL, TRUE, FALSE },
  { "Macchiato", "Hot drinks", 200, NULL, TRUE, FALSE },
  { "Hot chocolate", "Hot drinks", 250, NULL, TRUE, FALSE },
  { "Chai latte", "Hot drinks", 250, NULL, TRUE, FALSE },
  { "Kenyan tea", "Hot drinks", 100, NULL, FALSE, FALSE },
  { "Masala chai", "Hot drinks", 150, NULL, FALSE, FALSE },
  { "Dawa", "Hot drinks", 200, NULL, FALSE, FALSE },
  { "Green tea", "Hot drinks", 150, NULL, FALSE, FALSE },
  { "Lemon ginger tea", "Hot drinks", 160, NULL, FALSE, FALSE },
  { "Black coffee", "Hot drinks", 120, NULL, FALSE, FALSE },
  { "Iced latte", "Cold drinks", 300, NULL, TRUE, FALSE },
  { "Iced americano", "Cold drinks", 250, NULL, TRUE, FALSE },
  { "Iced mocha", "Cold drinks", 330, NULL, TRUE, FALSE },
  { "Passion juice", "Cold drinks", 200, NULL, FALSE, FALSE },
  { "Mango juice", "Cold drinks", 220, NULL, FALSE, FALSE },
  { "Orange juice", "Cold drinks", 250, NULL, FALSE, FALSE },
  { "Watermelon juice", "Cold drinks", 200, NULL, FALSE, FALSE },
  { "Pineapple mint juice", "Cold drinks", 230, NULL, FALSE, FALSE },
  { "Tamarind juice", "Cold drinks", 200, NULL, FALSE, TRUE },
  { "Strawberry smoothie", "Cold drinks", 350, NULL, FALSE, FALSE },
  { "Banana smoothie", "Cold drinks", 300, NULL, FALSE, FALSE },
  { "Avocado smoothie", "Cold drinks", 320, NULL, FALSE, FALSE },
  { "Lemonade", "Cold drinks", 180, NULL, FALSE, FALSE },
  { "Iced tea", "Cold drinks", 180, NULL, FALSE, FALSE },
  { "Soda 300 ml", "Cold drinks", 80, NULL, FALSE, FALSE },
  { "Mineral water 500 ml", "Cold drinks", 60, NULL, FALSE, FALSE },
  { "Sparkling water", "Cold drinks", 120, NULL, FALSE, FALSE },
  { "Mandazi", "Breakfast", 30, NULL, FALSE, FALSE },
  { "Chapati", "Breakfast", 40, NULL, FALSE, FALSE },
  { "Beef samosa", "Breakfast", 60, NULL, FALSE, FALSE },
  { "Vegetable samosa", "Breakfast", 50, NULL, FALSE, FALSE },
  { "Githeri", "Breakfast", 250, NULL, FALSE, FALSE },
  { "Mahamri", "Breakfast", 35, NULL, FALSE, FALSE },
  { "Sweet potatoes", "Breakfast", 150, NULL, FALSE, FALSE },
  { "Arrowroots", "Breakfast", 180, NULL, FALSE, FALSE },
  { "Full English breakfast", "Breakfast", 650, NULL, FALSE, FALSE },
  { "Spanish omelette", "Breakfast", 350, NULL, FALSE, FALSE },
  { "Pancakes with honey", "Breakfast", 380, NULL, FALSE, FALSE },
  { "French toast", "Breakfast", 320, NULL, FALSE, FALSE },
  { "Uji wa wimbi", "Breakfast", 120, NULL, FALSE, FALSE },
  { "Boiled eggs (2)", "Breakfast", 80, NULL, FALSE, FALSE },
  { "Beef pilau", "Lunch", 450, NULL, FALSE, FALSE },
  { "Chicken biryani", "Lunch", 550, NULL, FALSE, FALSE },
  { "Ugali and sukuma", "Lunch", 250, NULL, FALSE, FALSE },
  { "Ugali and beef stew", "Lunch", 400, NULL, FALSE, FALSE },
  { "Nyama choma (500 g)", "Lunch", 800, NULL, FALSE, FALSE },
  { "Chicken stew and rice", "Lunch", 480, NULL, FALSE, FALSE },
  { "Fish and chips", "Lunch", 600, NULL, FALSE, FALSE },
  { "Tilapia fry", "Lunch", 750, NULL, FALSE, TRUE },
  { "Beans and chapati", "Lunch", 250, NULL, FALSE, FALSE },
  { "Matoke stew", "Lunch", 300, NULL, FALSE, FALSE },
  { "Vegetable curry", "Lunch", 380, NULL, FALSE, FALSE },
  { "Beef burger", "Lunch", 550, NULL, FALSE, FALSE },
  { "Chicken wrap", "Lunch", 450, NULL, FALSE, FALSE },
  { "Kachumbari", "Lunch", 100, NULL, FALSE, FALSE },
  { "Chips", "Lunch", 200, NULL, FALSE, FALSE },
  { "Side salad", "Lunch", 150, NULL, FALSE, FALSE },
  { "Steamed rice", "Lunch", 120, NULL, FALSE, FALSE },
  { "Croissant", "Bakery", 180, NULL, FALSE, FALSE },
  { "Chocolate croissant", "Bakery", 220, NULL, FALSE, FALSE },
  { "Banana bread", "Bakery", 200, NULL, FALSE, FALSE },
  { "Carrot cake", "Bakery", 280, NULL, FALSE, FALSE },
  { "Blueberry muffin", "Bakery", 220, NULL, FALSE, FALSE },
  { "Cinnamon roll", "Bakery", 240, NULL, FALSE, FALSE },
  { "Scone with jam", "Bakery", 180, NULL, FALSE, FALSE },
  { "Queen cake", "Bakery", 50, NULL, FALSE, FALSE },
  { "Black forest slice", "Bakery", 350, NULL, FALSE, FALSE },
  { "Brown bread loaf", "Bakery", 70, "Zero rated", FALSE, FALSE },
  { "White bread loaf", "Bakery", 65, "Zero rated", FALSE, FALSE },
  { "Bhajia", "Snacks", 150, NULL, FALSE, FALSE },
  { "Mutura", "Snacks", 100, NULL, FALSE, FALSE },
  { "Smokie pasua", "Snacks", 60, NULL, FALSE, FALSE },
  { "Roasted maize", "Snacks", 50, NULL, FALSE, FALSE },
  { "Cassava crisps", "Snacks", 80, NULL, FALSE, FALSE },
  { "Roasted groundnuts", "Snacks", 50, NULL, FALSE, FALSE },
  { "Kebab", "Snacks", 120, NULL, FALSE, FALSE },
  { "Sausage roll", "Snacks", 150, NULL, FALSE, FALSE },
};

/* Packed shop goods: each name in each brand, each size, with an EAN-13. */
typedef struct
{
  const char *name;
  const char *category;
  const char *sizes[3];
  int         prices[3];
  const char *tax;
} DemoGood;

static const DemoGood demo_goods[] = {
  { "Fresh milk", "Dairy", { "500 ml", "1 l", NULL }, { 60, 115 }, "Zero rated" },
  { "Long life milk", "Dairy", { "500 ml", "1 l", NULL }, { 70, 130 }, "Zero rated" },
  { "Natural yoghurt", "Dairy", { "250 ml", "500 ml", "1 l" }, { 90, 170, 320 }, NULL },
  { "Strawberry yoghurt", "Dairy", { "250 ml", "500 ml", NULL }, { 95, 180 }, NULL },
  { "Mala", "Dairy", { "500 ml", "1 l", NULL }, { 80, 150 }, NULL },
  { "Butter", "Dairy", { "250 g", "500 g", NULL }, { 320, 610 }, NULL },
  { "Cheddar cheese", "Dairy", { "200 g", "400 g", NULL }, { 450, 850 }, NULL },
  { "Ghee", "Dairy", { "500 g", "1 kg", NULL }, { 520, 990 }, NULL },
  { "Maize flour", "Dry goods", { "1 kg", "2 kg", NULL }, { 75, 145 }, "Exempt" },
  { "Wheat flour", "Dry goods", { "1 kg", "2 kg", NULL }, { 95, 180 }, "Exempt" },
  { "Pishori rice", "Dry goods", { "1 kg", "2 kg", "5 kg" }, { 210, 410, 990 }, "Exempt" },
  { "Sugar", "Dry goods", { "1 kg", "2 kg", NULL }, { 170, 330 }, NULL },
  { "Cooking oil", "Dry goods", { "1 l", "2 l", "5 l" }, { 320, 620, 1490 }, NULL },
  { "Salt", "Dry goods", { "500 g", "1 kg", NULL }, { 30, 55 }, NULL },
  { "Tea leaves", "Dry goods", { "100 g", "250 g", "500 g" }, { 70, 160, 310 }, NULL },
  { "Instant coffee", "Dry goods", { "50 g", "100 g", "200 g" }, { 250, 480, 900 }, NULL },
  { "Spaghetti", "Dry goods", { "400 g", "1 kg", NULL }, { 130, 290 }, NULL },
  { "Green grams", "Dry goods", { "500 g", "1 kg", NULL }, { 120, 230 }, "Exempt" },
  { "Red beans", "Dry goods", { "500 g", "1 kg", NULL }, { 110, 210 }, "Exempt" },
  { "Drinking chocolate", "Dry goods", { "200 g", "400 g", NULL }, { 290, 560 }, NULL },
  { "Tomato sauce", "Dry goods", { "400 g", "700 g", NULL }, { 180, 290 }, NULL },
  { "Peanut butter", "Dry goods", { "400 g", "800 g", NULL }, { 350, 650 }, NULL },
  { "Mineral water", "Drinks to go", { "500 ml", "1 l", "5 l" }, { 50, 90, 280 }, NULL },
  { "Cola", "Drinks to go", { "300 ml", "500 ml", "2 l" }, { 70, 100, 230 }, NULL },
  { "Orange soda", "Drinks to go", { "300 ml", "500 ml", "2 l" }, { 70, 100, 230 }, NULL },
  { "Mango nectar", "Drinks to go", { "500 ml", "1 l", NULL }, { 120, 220 }, NULL },
  { "Energy drink", "Drinks to go", { "250 ml", "500 ml", NULL }, { 150, 250 }, NULL },
  { "Dish washing liquid", "Cleaning", { "400 ml", "750 ml", NULL }, { 140, 240 }, NULL },
  { "Laundry powder", "Cleaning", { "500 g", "1 kg", "2 kg" }, { 180, 340, 650 }, NULL },
  { "Bar soap", "Cleaning", { "800 g", NULL, NULL }, { 190 }, NULL },
  { "Bleach", "Cleaning", { "500 ml", "1 l", NULL }, { 120, 210 }, NULL },
  { "Floor cleaner", "Cleaning", { "500 ml", "1 l", NULL }, { 200, 360 }, NULL },
  { "Toilet paper", "Paper goods", { "4 rolls", "10 rolls", NULL }, { 220, 520 }, NULL },
  { "Kitchen towels", "Paper goods", { "2 rolls", NULL, NULL }, { 240 }, NULL },
  { "Serviettes", "Paper goods", { "100 pack", NULL, NULL }, { 150 }, NULL },
  { "Body lotion", "Hair & body", { "200 ml", "400 ml", NULL }, { 280, 500 }, NULL },
  { "Petroleum jelly", "Hair & body", { "50 ml", "100 ml", "250 ml" }, { 60, 110, 240 }, NULL },
  { "Shampoo", "Hair & body", { "250 ml", "400 ml", NULL }, { 320, 480 }, NULL },
  { "Bathing soap", "Hair & body", { "100 g", "175 g", NULL }, { 70, 110 }, NULL },
  { "Hair food", "Hair & body", { "125 ml", "250 ml", NULL }, { 150, 270 }, NULL },
  { "Roll-on deodorant", "Hair & body", { "50 ml", NULL, NULL }, { 250 }, NULL },
  { "Toothpaste", "Oral care", { "70 g", "140 g", NULL }, { 120, 220 }, NULL },
  { "Toothbrush", "Oral care", { "single", "twin pack", NULL }, { 80, 150 }, NULL },
  { "Mouthwash", "Oral care", { "250 ml", "500 ml", NULL }, { 350, 620 }, NULL },
};

/* Made-up brands: a demo should not advertise anyone's. */
static const char * const demo_brands[] = { "Tausi", "Mlima", "Baraka" };

typedef struct
{
  const char *name;
  int         price_per_kg;
  const char *tax;
} DemoWeighed;

static const DemoWeighed demo_weighed[] = {
  { "Loose sugar", 165, NULL },
  { "Loose rice", 190, "Exempt" },
  { "Bananas", 120, "Zero rated" },
  { "Tomatoes", 110, "Zero rated" },
  { "Red onions", 130, "Zero rated" },
  { "Potatoes", 90, "Zero rated" },
  { "Carrots", 100, "Zero rated" },
  { "Avocados", 150, "Zero rated" },
  { "Mangoes", 140, "Zero rated" },
  { "Oranges", 160, "Zero rated" },
};

typedef struct
{
  DukaCatalog     *catalog;
  const DukaActor *actor;
  gint64           now;
  GHashTable      *ids;        /* "kind:name" → id */
  GHashTable      *images;     /* product name → image hash */
  guint            next_code;  /* for EAN-13s */
} Demo;

static const char *
demo_id (Demo       *demo,
         const char *kind,
         const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s:%s", kind, name);
  const char *id = g_hash_table_lookup (demo->ids, key);

  g_assert (id != NULL);
  return id;
}

static gboolean
demo_save (Demo        *demo,
           sqlite3     *db,
           const char  *kind,
           JsonObject  *record,
           GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name = json_object_get_string_member (record, "name");

  if (!duka_catalog_save_in_transaction (db, demo->actor, kind, record, demo->now,
                                         DUKA_CATALOG_SAVE_DEFAULT, &id, NULL, &local_error))
    {
      g_set_error (error, DUKA_CATALOG_ERROR, DUKA_CATALOG_ERROR_INVALID,
                   "demo %s “%s”: %s", kind, name, local_error->message);
      return FALSE;
    }
  g_hash_table_insert (demo->ids, g_strdup_printf ("%s:%s", kind, name), g_steal_pointer (&id));
  return TRUE;
}

static JsonObject *
option (const char *name,
        int         price,
        gboolean    is_default)
{
  JsonObject *object = json_object_new ();
  g_autofree char *id = duka_id_new ();

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "name", name);
  json_object_set_int_member (object, "price", KES (price));
  json_object_set_boolean_member (object, "default", is_default);
  return object;
}

static gboolean
save_tax_class (Demo        *demo,
                sqlite3     *db,
                const char  *name,
                gint64       rate_ppm,
                const char  *band,
                GError     **error)
{
  g_autoptr(JsonObject) record = json_object_new ();
  JsonArray *rates = json_array_new ();
  JsonObject *rate = json_object_new ();
  g_autofree char *id = duka_id_new ();

  json_object_set_string_member (rate, "id", id);
  json_object_set_string_member (rate, "name", name);
  json_object_set_int_member (rate, "rate", rate_ppm);
  json_object_set_string_member (rate, "band", band);
  json_array_add_object_element (rates, rate);
  json_object_set_string_member (record, "name", name);
  json_object_set_array_member (record, "rates", rates);

  return demo_save (demo, db, "tax_class", record, error);
}

static gboolean
save_basics (Demo     *demo,
             sqlite3  *db,
             GError  **error)
{
  const char * const stations[] = { "Kitchen", "Bar" };

  /* Kenya's VAT bands: A 16 %, B 8 %, C zero rated, E exempt. */
  if (!save_tax_class (demo, db, "VAT 16%", 160000, "A", error) ||
      !save_tax_class (demo, db, "VAT 8%", 80000, "B", error) ||
      !save_tax_class (demo, db, "Zero rated", 0, "C", error) ||
      !save_tax_class (demo, db, "Exempt", 0, "E", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    {
      g_autoptr(JsonObject) record = json_object_new ();

      json_object_set_string_member (record, "name", stations[i]);
      if (!demo_save (demo, db, "station", record, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_categories); i++)
    {
      const DemoCategory *c = &demo_categories[i];
      g_autoptr(JsonObject) record = json_object_new ();

      json_object_set_string_member (record, "name", c->name);
      json_object_set_int_member (record, "position", i);
      json_object_set_string_member (record, "color", c->color);
      if (c->parent != NULL)
        json_object_set_string_member (record, "parent_id", demo_id (demo, "category", c->parent));
      if (c->station != NULL)
        json_object_set_string_member (record, "station_id", demo_id (demo, "station", c->station));
      if (!demo_save (demo, db, "category", record, error))
        return FALSE;
    }

  {
    g_autoptr(JsonObject) milk = json_object_new ();
    g_autoptr(JsonObject) extras = json_object_new ();
    JsonArray *options = json_array_new ();

    json_array_add_object_element (options, option ("Whole milk", 0, TRUE));
    json_array_add_object_element (options, option ("Oat milk", 50, FALSE));
    json_array_add_object_element (options, option ("Almond milk", 60, FALSE));
    json_object_set_string_member (milk, "name", "Milk");
    json_object_set_int_member (milk, "min_choices", 1);
    json_object_set_int_member (milk, "max_choices", 1);
    json_object_set_array_member (milk, "options", options);

    options = json_array_new ();
    json_array_add_object_element (options, option ("Extra shot", 40, FALSE));
    json_array_add_object_element (options, option ("Vanilla syrup", 30, FALSE));
    json_array_add_object_element (options, option ("Caramel syrup", 30, FALSE));
    json_object_set_string_member (extras, "name", "Extras");
    json_object_set_int_member (extras, "min_choices", 0);
    json_object_set_int_member (extras, "max_choices", 3);
    json_object_set_array_member (extras, "options", options);

    if (!demo_save (demo, db, "modifier_group", milk, error) ||
        !demo_save (demo, db, "modifier_group", extras, error))
      return FALSE;
  }

  return TRUE;
}

static JsonObject *
product_record (Demo       *demo,
                const char *name,
                const char *category,
                int         price,
                const char *tax)
{
  JsonObject *record = json_object_new ();
  const char *image = g_hash_table_lookup (demo->images, name);

  json_object_set_string_member (record, "name", name);
  json_object_set_string_member (record, "category_id", demo_id (demo, "category", category));
  json_object_set_int_member (record, "price", KES (price));
  json_object_set_string_member (record, "tax_class_id",
                                 demo_id (demo, "tax_class", tax ? tax : "VAT 16%"));
  json_object_set_string_member (record, "unit", "each");
  json_object_set_array_member (record, "barcodes", json_array_new ());
  if (image != NULL)
    json_object_set_string_member (record, "image", image);
  return record;
}

static gboolean
save_menu (Demo     *demo,
           sqlite3  *db,
           GError  **error)
{
  static const struct { const char *name; int extra; } sizes[] = {
    { "Small", -30 }, { "Regular", 0 }, { "Large", 50 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (demo_menu); i++)
    {
      const DemoItem *item = &demo_menu[i];
      g_autoptr(JsonObject) record = product_record (demo, item->name, item->category,
                                                     item->price, item->tax);
      g_autofree char *sku = g_strdup_printf ("M%03u", i + 1);

      json_object_set_string_member (record, "sku", sku);
      json_object_set_int_member (record, "position", i);
      if (item->sold_out)
        json_object_set_boolean_member (record, "available", FALSE);
      if (item->coffee)
        {
          JsonArray *groups = json_array_new ();

          json_array_add_string_element (groups, demo_id (demo, "modifier_group", "Milk"));
          json_array_add_string_element (groups, demo_id (demo, "modifier_group", "Extras"));
          json_object_set_array_member (record, "modifier_group_ids", groups);
        }
      if (!demo_save (demo, db, "product", record, error))
        return FALSE;

      for (guint s = 0; item->coffee && s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(JsonObject) variant = json_object_new ();

          json_object_set_string_member (variant, "product_id", demo_id (demo, "product", item->name));
          json_object_set_string_member (variant, "name", sizes[s].name);
          json_object_set_int_member (variant, "price", KES (item->price + sizes[s].extra));
          json_object_set_int_member (variant, "position", s);
          json_object_set_array_member (variant, "barcodes", json_array_new ());
          if (!duka_catalog_save_in_transaction (db, demo->actor, "variant", variant, demo->now,
                                                 DUKA_CATALOG_SAVE_DEFAULT, NULL, NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* A Kenyan-looking EAN-13: GS1 Kenya's 616 prefix and a valid check digit. */
static char *
next_ean13 (Demo *demo)
{
  char digits[14];

  g_snprintf (digits, sizeof digits, "6161234%05u", demo->next_code++);
  digits[12] = (char) ('0' + duka_barcode_check_digit (digits, 12));
  digits[13] = '\0';
  return g_strdup (digits);
}

static gboolean
save_shop (Demo     *demo,
           sqlite3  *db,
           GError  **error)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (demo_goods); i++)
    for (guint b = 0; b < G_N_ELEMENTS (demo_brands); b++)
      for (guint s = 0; s < G_N_ELEMENTS (demo_goods[i].sizes) && demo_goods[i].sizes[s]; s++)
        {
          const DemoGood *good = &demo_goods[i];
          g_autofree char *name = g_strdup_printf ("%s %s %s", demo_brands[b], good->name, good->sizes[s]);
          g_autofree char *sku = g_strdup_printf ("G%04u", ++n);
          g_autofree char *code = next_ean13 (demo);
          /* The brands differ a little in price, as they do on a shelf. */
          int price = good->prices[s] + (int) b * 5 - 5;
          g_autoptr(JsonObject) record = product_record (demo, name, good->category,
                                                         MAX (price, 5), good->tax);
          JsonArray *barcodes = json_array_new ();

          json_array_add_string_element (barcodes, code);
          json_object_set_array_member (record, "barcodes", barcodes);
          json_object_set_string_member (record, "sku", sku);
          json_object_set_int_member (record, "cost", KES (price) * 3 / 4);
          if (!demo_save (demo, db, "product", record, error))
            return FALSE;
        }

  for (guint i = 0; i < G_N_ELEMENTS (demo_weighed); i++)
    {
      const DemoWeighed *item = &demo_weighed[i];
      g_autoptr(JsonObject) record = product_record (demo, item->name,
                                                     i < 2 ? "Dry goods" : "Fruit & veg",
                                                     item->price_per_kg, item->tax);
      g_autofree char *sku = g_strdup_printf ("W%03u", i + 1);

      json_object_set_string_member (record, "sku", sku);
      json_object_set_string_member (record, "unit", "weight");
      if (!demo_save (demo, db, "product", record, error))
        return FALSE;
    }

  return TRUE;
}

static JsonObject *
combo_slot (Demo               *demo,
            const char         *name,
            const char * const *products,
            const int          *extras)
{
  JsonObject *slot = json_object_new ();
  JsonArray *choices = json_array_new ();
  g_autofree char *id = duka_id_new ();

  for (guint i = 0; products[i] != NULL; i++)
    {
      JsonObject *choice = json_object_new ();

      json_object_set_string_member (choice, "product_id", demo_id (demo, "product", products[i]));
      json_object_set_int_member (choice, "extra_price", KES (extras ? extras[i] : 0));
      json_array_add_object_element (choices, choice);
    }
  json_object_set_string_member (slot, "id", id);
  json_object_set_string_member (slot, "name", name);
  json_object_set_array_member (slot, "choices", choices);
  return slot;
}

static gboolean
save_deals (Demo     *demo,
            sqlite3  *db,
            GError  **error)
{
  static const char * const breakfast_mains[] = { "Mandazi", "Chapati", "Beef samosa", "Githeri",
                                                  "Spanish omelette", NULL };
  static const char * const hot_drinks[] = { "Kenyan tea", "Masala chai", "Black coffee", "Cappuccino", NULL };
  static const int hot_extras[] = { 0, 0, 0, 80 };
  static const char * const lunch_mains[] = { "Beef pilau", "Chicken biryani", "Ugali and beef stew",
                                              "Chicken stew and rice", "Vegetable curry", NULL };
  static const int lunch_extras[] = { 0, 80, 0, 0, 0 };
  static const char * const sides[] = { "Kachumbari", "Chips", "Side salad", NULL };
  static const char * const cold_drinks[] = { "Soda 300 ml", "Mineral water 500 ml", "Passion juice", NULL };
  g_autoptr(JsonObject) breakfast = json_object_new ();
  g_autoptr(JsonObject) lunch = json_object_new ();
  g_autoptr(JsonObject) happy_hour = json_object_new ();
  JsonArray *slots = json_array_new ();
  JsonArray *categories = json_array_new ();

  json_array_add_object_element (slots, combo_slot (demo, "Main", breakfast_mains, NULL));
  json_array_add_object_element (slots, combo_slot (demo, "Hot drink", hot_drinks, hot_extras));
  json_object_set_string_member (breakfast, "name", "Breakfast deal");
  json_object_set_int_member (breakfast, "price", KES (250));
  json_object_set_string_member (breakfast, "category_id", demo_id (demo, "category", "Breakfast"));
  json_object_set_string_member (breakfast, "tax_class_id", demo_id (demo, "tax_class", "VAT 16%"));
  json_object_set_array_member (breakfast, "slots", slots);

  slots = json_array_new ();
  json_array_add_object_element (slots, combo_slot (demo, "Main", lunch_mains, lunch_extras));
  json_array_add_object_element (slots, combo_slot (demo, "Side", sides, NULL));
  json_array_add_object_element (slots, combo_slot (demo, "Drink", cold_drinks, NULL));
  json_object_set_string_member (lunch, "name", "Lunch combo");
  json_object_set_int_member (lunch, "price", KES (600));
  json_object_set_string_member (lunch, "category_id", demo_id (demo, "category", "Lunch"));
  json_object_set_string_member (lunch, "tax_class_id", demo_id (demo, "tax_class", "VAT 16%"));
  json_object_set_array_member (lunch, "slots", slots);

  json_array_add_string_element (categories, demo_id (demo, "category", "Cold drinks"));
  json_object_set_string_member (happy_hour, "name", "Happy hour");
  json_object_set_int_member (happy_hour, "days", MONDAY_TO_FRIDAY);
  json_object_set_int_member (happy_hour, "start_minute", 16 * 60);
  json_object_set_int_member (happy_hour, "end_minute", 18 * 60);
  json_object_set_array_member (happy_hour, "category_ids", categories);
  json_object_set_int_member (happy_hour, "discount", 200000);  /* 20 % */

  return demo_save (demo, db, "combo", breakfast, error) &&
         demo_save (demo, db, "combo", lunch, error) &&
         demo_save (demo, db, "price_rule", happy_hour, error);
}

static gboolean
fill_in_writer (DukaStore  *store,
                sqlite3    *db,
                gpointer    user_data,
                GError    **error)
{
  Demo *demo = user_data;

  return save_basics (demo, db, error) &&
         save_menu (demo, db, error) &&
         save_shop (demo, db, error) &&
         save_deals (demo, db, error);
}

/* Pictures ------------------------------------------------------------------- */

static char *
initials (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL && out->len < 2; i++)
    if (g_unichar_isalpha (g_utf8_get_char (words[i])))
      g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (words[i])));

  return g_string_free (out, FALSE);
}

static const char *
category_color (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_categories); i++)
    if (g_str_equal (demo_categories[i].name, category))
      return demo_categories[i].color;

  return "#77767b";
}

/* A rounded square in the category's colour with the item's initials: a
 * few hundred bytes of SVG, which GTK draws like any other picture. */
static gboolean
add_picture (Demo        *demo,
             const char  *name,
             const char  *category,
             GError     **error)
{
  g_autofree char *letters = initials (name);
  g_autofree char *escaped = g_markup_escape_text (letters, -1);
  g_autofree char *svg = g_strdup_printf (
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"128\" height=\"128\" viewBox=\"0 0 128 128\">"
    "<rect width=\"128\" height=\"128\" rx=\"24\" fill=\"%s\"/>"
    "<text x=\"64\" y=\"80\" font-family=\"Cantarell,sans-serif\" font-size=\"48\" "
    "font-weight=\"bold\" text-anchor=\"middle\" fill=\"#ffffff\">%s</text></svg>",
    category_color (category), escaped);
  g_autoptr(GBytes) bytes = NULL;
  gsize length = strlen (svg);
  char *hash;

  bytes = g_bytes_new_take (g_steal_pointer (&svg), length);
  /* Items with the same initials and colour share one file. */
  hash = duka_catalog_add_image (demo->catalog, bytes, error);
  if (hash == NULL)
    return FALSE;
  g_hash_table_insert (demo->images, g_strdup (name), hash);
  return TRUE;
}

static gboolean
add_menu_pictures (Demo     *demo,
                   GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_menu); i++)
    if (!add_picture (demo, demo_menu[i].name, demo_menu[i].category, error))
      return FALSE;

  return TRUE;
}

/**
 * duka_demo_fill_catalog:
 *
 * Fills the catalog of a store that duka_demo_fill() set up: taxes,
 * stations, two levels of categories, a café menu with sizes, milk and
 * extras, a shop of packed and weighed goods with barcodes, two combos, a
 * happy hour, and a picture for every menu item.
 */
gboolean
duka_demo_fill_catalog (DukaStore  *store,
                        GError    **error)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaActor) actor = duka_business_settings_dup_actor (settings);
  g_autoptr(DukaCatalog) catalog = duka_catalog_new (store);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Demo demo = { 0 };

  demo.catalog = catalog;
  demo.actor = actor;
  demo.now = duka_clock_now (duka_store_get_clock (store));
  demo.ids = ids;
  demo.images = images;

  return add_menu_pictures (&demo, error) &&
         duka_store_write (store, fill_in_writer, &demo, error);
}

/* Staff ----------------------------------------------------------------------- */

#define MON (1 << 1)
#define TUE (1 << 2)
#define WED (1 << 3)
#define THU (1 << 4)
#define FRI (1 << 5)
#define SAT (1 << 6)
#define SUN (1 << 7)
#define DEMO_WEEKS 3

/* A person and their usual week: which days, from when, for how long, and
 * a break.  The PINs are listed in the README for trying Duka out. */
typedef struct
{
  const char *name;
  const char *display_name;
  const char *role;
  const char *pin;
  gint64      hourly_rate;     /* KES minor units */
  guint       days;            /* MON … SUN bits; 0: no time entries */
  int         start_minute;    /* local time, minutes after midnight */
  int         work_minutes;    /* clock-in to clock-out */
  int         break_after;     /* minutes after clock-in */
  int         break_minutes;
  gboolean    break_paid;
} DemoPerson;

static const DemoPerson demo_people[] = {
  { "Wanjiru Kamau", "Wanjiru", "owner", "1000", 0, 0, 0, 0, 0, 0, FALSE },
  { "Otieno Odhiambo", "Otieno", "manager", "2000", KES (450),
    MON | TUE | WED | THU | FRI, 8 * 60, 9 * 60, 4 * 60 + 30, 30, FALSE },
  { "Amina Hassan", "Amina", "cashier", "3000", KES (250),
    MON | TUE | WED | THU | FRI, 7 * 60, 8 * 60, 3 * 60 + 30, 15, TRUE },
  { "Brian Mwangi", "Brian", "cashier", "3001", KES (250),
    WED | THU | FRI | SAT | SUN, 12 * 60, 8 * 60, 4 * 60, 30, FALSE },
  { "Faith Njeri", "Faith", "waiter", "4000", KES (220),
    TUE | WED | THU | FRI | SAT, 10 * 60, 8 * 60 + 30, 4 * 60, 30, FALSE },
  { "Joseph Kiprop", "Joseph", "kitchen", "5000", KES (300),
    MON | TUE | WED | THU | FRI | SAT, 6 * 60 + 30, 8 * 60 + 30, 4 * 60 + 30, 30, FALSE },
};

static gboolean
save_person (DukaStaff         *staff,
             const DukaActor   *actor,
             const DemoPerson  *person,
             char             **out_id,
             GError           **error)
{
  g_autofree char *role_id = duka_staff_dup_built_in_role_id (staff, person->role);
  g_autoptr(JsonObject) record = json_object_new ();
  JsonArray *roles = json_array_new ();

  if (role_id == NULL)
    {
      g_set_error (error, DUKA_STAFF_ERROR, DUKA_STAFF_ERROR_NOT_FOUND,
                   _("The built-in role “%s” is missing"), person->role);
      json_array_unref (roles);
      return FALSE;
    }
  json_array_add_string_element (roles, role_id);
  json_object_set_string_member (record, "name", person->name);
  json_object_set_string_member (record, "display_name", person->display_name);
  json_object_set_boolean_member (record, "active", TRUE);
  json_object_set_array_member (record, "role_ids", roles);
  if (person->hourly_rate > 0)
    json_object_set_int_member (record, "hourly_rate", person->hourly_rate);

  if (!duka_staff_save (staff, actor, "staff", record, out_id, error))
    return FALSE;

  /* Once the owner exists, only people act: the owner sets their own PIN. */
  {
    DukaActor self_actor = { *out_id, actor->till_id, NULL };

    return duka_staff_set_pin (staff, actor->staff_id ? actor : &self_actor, *out_id, person->pin, error);
  }
}

/* Local midnight @days_ago days before today, in the outlet's zone. */
static GDateTime *
local_day (GDateTime *today,
           int        days_ago)
{
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (today),
                                                   g_date_time_get_year (today),
                                                   g_date_time_get_month (today),
                                                   g_date_time_get_day_of_month (today), 0, 0, 0);

  return g_date_time_add_days (midnight, -days_ago);
}

static gint64
at_minute (GDateTime *day,
           int        minute)
{
  g_autoptr(GDateTime) t = g_date_time_add_minutes (day, minute);

  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

/* One work shift of @person on @day, through the time clock as the person
 * would clock in and out, with the clock set to each moment.  Clock-ins
 * wander a few minutes from day to day, the same on every run. */
static gboolean
work_day (DukaTimeClock     *time_clock,
          DukaClock         *clock,
          const DukaActor   *actor,
          const DemoPerson  *person,
          GDateTime         *day,
          int                n,
          GError           **error)
{
  int start = person->start_minute + (n * 7) % 11 - 5;
  int end = person->start_minute + person->work_minutes + (n * 5) % 13 - 3;

  duka_clock_set (clock, at_minute (day, start));
  if (!duka_time_clock_clock_in (time_clock, actor, NULL, error))
    return FALSE;
  if (person->break_minutes > 0)
    {
      duka_clock_set (clock, at_minute (day, start + person->break_after));
      if (!duka_time_clock_start_break (time_clock, actor, person->break_paid, NULL, error))
        return FALSE;
      duka_clock_set (clock, at_minute (day, start + person->break_after + person->break_minutes));
      if (!duka_time_clock_end_break (time_clock, actor, NULL, error))
        return FALSE;
    }
  duka_clock_set (clock, at_minute (day, end));
  return duka_time_clock_clock_out (time_clock, actor, NULL, error);
}

/* The last DEMO_WEEKS weeks up to yesterday, written through a second
 * handle on the same store whose clock is set by hand. */
static gboolean
fill_time_entries (DukaStore    *store,
                   const char   *time_zone,
                   const char   *till_id,
                   char        **ids,
                   GError      **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (time_zone);
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(DukaClock) clock = NULL;
  g_autoptr(DukaStore) timed = NULL;
  g_autoptr(DukaTimeClock) time_clock = NULL;
  int n = 0;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  today = duka_clock_now_in (duka_store_get_clock (store), tz);
  clock = duka_clock_new_manual (duka_clock_now (duka_store_get_clock (store)));
  timed = duka_store_open_full (duka_store_get_data_dir (store), clock, error);
  if (timed == NULL)
    return FALSE;
  time_clock = duka_time_clock_new (timed);

  for (int days_ago = DEMO_WEEKS * 7; days_ago >= 1; days_ago--)
    {
      g_autoptr(GDateTime) day = local_day (today, days_ago);
      guint weekday = 1u << g_date_time_get_day_of_week (day);

      for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
        {
          DukaActor actor = { ids[i], (char *) till_id, NULL };

          if ((demo_people[i].days & weekday) == 0)
            continue;
          if (!work_day (time_clock, clock, &actor, &demo_people[i], day, n++, error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * duka_demo_fill_staff:
 *
 * Adds the demo's people to a store that duka_demo_fill() set up, with
 * the built-in roles: an owner, a manager, two cashiers, a waiter and a
 * cook, their PINs, and three weeks of time entries.  It installs the
 * staff permission resolver while it works, so call it where no other is
 * installed (duka-admin, tests), not inside a running Duka.
 */
gboolean
duka_demo_fill_staff (DukaStore  *store,
                      GError    **error)
{
  g_autoptr(DukaBusinessSettings) settings = duka_business_settings_new (store);
  g_autoptr(DukaProfile) profile = duka_business_settings_load (settings, error);
  g_autoptr(DukaStaff) staff = NULL;
  g_autoptr(DukaActor) setup = NULL;
  char *ids[G_N_ELEMENTS (demo_people) + 1] = { NULL };
  DukaActor owner = { NULL, NULL, NULL };
  gboolean ok = TRUE;

  if (profile == NULL)
    return FALSE;

  staff = duka_staff_new (store);
  duka_staff_install_resolver (staff);
  setup = duka_actor_new_owner (profile->till_id);
  ok = duka_staff_ensure_built_in_roles (staff, error);

  /* The owner is made by the till's set-up actor, everyone else by the
   * owner, as would happen on a real till. */
  owner.till_id = profile->till_id;
  for (guint i = 0; ok && i < G_N_ELEMENTS (demo_people); i++)
    {
      ok = save_person (staff, i == 0 ? setup : &owner, &demo_people[i], &ids[i], error);
      if (i == 0)
        owner.staff_id = ids[0];
    }

  ok = ok && fill_time_entries (store, profile->time_zone, profile->till_id, ids, error);

  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    g_free (ids[i]);
  return ok;
}
