/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalog: categories, products, variants, modifier groups, combos,
 * taxes, stations, price rules and menus.  Every record is checked against
 * the registry and the catalog's own rules, written with its outbox op in
 * one transaction on the writer, and announced through the store's change
 * signal.  Search and barcode lookups read through reader connections.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-barcode.h"
#include "duka-catalog.h"
#include "duka-catalog-private.h"
#include "duka-entities.h"
#include "duka-id.h"
#include "duka-outbox.h"
#include "duka-permissions.h"
#include "duka-registry.h"
#include "duka-store-private.h"
#include "duka-text.h"

#define IMAGE_MAX_BYTES (5 * 1024 * 1024)

struct _DukaCatalog
{
  GObject     parent_instance;

  DukaStore  *store;
  GListStore *categories;
};

G_DEFINE_FINAL_TYPE (DukaCatalog, duka_catalog, G_TYPE_OBJECT)
G_DEFINE_QUARK (duka-catalog-error-quark, duka_catalog_error)

static void reload_categories (DukaCatalog *self);

static void
duka_catalog_dispose (GObject *object)
{
  DukaCatalog *self = (DukaCatalog *) object;

  g_clear_object (&self->categories);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (duka_catalog_parent_class)->dispose (object);
}

static void
duka_catalog_class_init (DukaCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = duka_catalog_dispose;
}

static void
duka_catalog_init (DukaCatalog *self)
{
  self->categories = g_list_store_new (DUKA_TYPE_CATEGORY);
}

DukaCatalog *
duka_catalog_new (DukaStore *store)
{
  DukaCatalog *self;

  g_return_val_if_fail (DUKA_IS_STORE (store), NULL);

  self = g_object_new (DUKA_TYPE_CATALOG, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::category",
                           G_CALLBACK (reload_categories), self, G_CONNECT_SWAPPED);
  reload_categories (self);

  return self;
}

DukaStore *
duka_catalog_get_store (DukaCatalog *self)
{
  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  return self->store;
}

/* The array member @name, or NULL when absent or not an array. */
static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError     **error,
        int          code,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (DUKA_CATALOG_ERROR, code, format, args);
  va_end (args);

  return FALSE;
}

static const DukaKindSpec *
catalog_kind (const char  *kind,
              GError     **error)
{
  static const char * const catalog_kinds[] = {
    "tax_class", "station", "category", "product", "variant", "modifier_group",
    "combo", "price_rule", "menu", NULL
  };

  if (!g_strv_contains (catalog_kinds, kind))
    {
      refuse (error, DUKA_CATALOG_ERROR_INVALID, _("“%s” is not part of the catalog"), kind);
      return NULL;
    }

  return duka_registry_lookup (kind);
}

/* Reading --------------------------------------------------------------- */

JsonObject *
duka_catalog_get (DukaCatalog  *self,
                  const char   *kind,
                  const char   *id,
                  GError      **error)
{
  const DukaKindSpec *spec = catalog_kind (kind, error);
  g_autoptr(GError) local_error = NULL;
  JsonObject *record;
  sqlite3 *db;

  if (spec == NULL)
    return NULL;
  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;

  record = duka_entities_load (db, spec, id, &local_error);
  duka_store_release_reader (self->store, db);

  if (record == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND, _("This item no longer exists"));
    }

  return record;
}

GPtrArray *
duka_catalog_list (DukaCatalog  *self,
                   const char   *kind,
                   GError      **error)
{
  const DukaKindSpec *spec = catalog_kind (kind, error);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  if (spec == NULL)
    return NULL;
  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id",
                         spec->table);
  stmt = duka_store_prepare_cached (db, g_intern_string (sql), error);
  if (stmt == NULL)
    {
      duka_store_release_reader (self->store, db);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *record = duka_entities_load (db, spec, (const char *) sqlite3_column_text (stmt, 0), NULL);

      if (record != NULL)
        g_ptr_array_add (records, record);
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    duka_store_sql_error (db, error);
  duka_store_release_reader (self->store, db);

  return rc == SQLITE_DONE ? g_steal_pointer (&records) : NULL;
}

static void
add_category_level (GListStore *out,
                    GPtrArray  *all,
                    const char *parent_id,
                    guint       depth,
                    GHashTable *placed)
{
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *c = g_ptr_array_index (all, i);
      const char *parent = json_object_get_string_member_with_default (c, "parent_id", NULL);
      const char *id = json_object_get_string_member (c, "id");
      g_autoptr(DukaCategory) category = NULL;

      if (g_strcmp0 (parent, parent_id) != 0 || g_hash_table_contains (placed, id))
        continue;

      g_hash_table_add (placed, (gpointer) id);
      category = duka_category_new (id,
                                    json_object_get_string_member (c, "name"),
                                    parent,
                                    (int) json_object_get_int_member_with_default (c, "position", 0),
                                    json_object_get_string_member_with_default (c, "color", NULL),
                                    json_object_get_boolean_member_with_default (c, "active", TRUE),
                                    depth);
      g_list_store_append (out, category);
      add_category_level (out, all, id, depth + 1, placed);
    }
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a;
  JsonObject *y = *(JsonObject **) b;
  gint64 px = json_object_get_int_member_with_default (x, "position", 0);
  gint64 py = json_object_get_int_member_with_default (y, "position", 0);

  if (px != py)
    return px < py ? -1 : 1;
  return g_utf8_collate (json_object_get_string_member (x, "name"),
                         json_object_get_string_member (y, "name"));
}

/* Categories are few (hundreds): the whole tree is reloaded, depth-first
 * by position, whenever one changes. */
static void
reload_categories (DukaCatalog *self)
{
  g_autoptr(GPtrArray) all = duka_catalog_list (self, "category", NULL);
  g_autoptr(GListStore) fresh = g_list_store_new (DUKA_TYPE_CATEGORY);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (all == NULL)
    return;

  g_ptr_array_sort (all, compare_categories);
  add_category_level (fresh, all, NULL, 0, placed);
  /* Categories whose parent is gone still show, at the top level. */
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *c = g_ptr_array_index (all, i);

      if (!g_hash_table_contains (placed, json_object_get_string_member (c, "id")))
        add_category_level (fresh, all, json_object_get_string_member_with_default (c, "parent_id", NULL), 0, placed);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (fresh), i));

  g_list_store_splice (self->categories, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->categories)),
                       items->pdata, items->len);
}

GListModel *
duka_catalog_get_categories (DukaCatalog *self)
{
  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  return G_LIST_MODEL (self->categories);
}

/* Normalising what a person typed ------------------------------------------ */

static void
normalize_text_member (JsonObject *record,
                       const char *name,
                       gboolean    empty_is_null)
{
  g_autofree char *text = NULL;
  JsonNode *node = json_object_get_member (record, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return;

  text = duka_text_normalize_name (json_node_get_string (node));
  if (empty_is_null && *text == '\0')
    json_object_set_null_member (record, name);
  else
    json_object_set_string_member (record, name, text);
}

/* Barcodes arrive in any of their printed forms (UPC-A, EAN-13, EAN-8);
 * they are stored as GTIN-14 so every form of one code matches. */
static gboolean
normalize_barcodes (JsonObject  *record,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (record, "barcodes");
  g_autoptr(JsonArray) normal = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return refuse (error, DUKA_CATALOG_ERROR_INVALID, _("Barcodes must be a list"));

  array = json_node_get_array (node);
  normal = json_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *code = json_array_get_string_element (array, i);
      g_autoptr(GError) local_error = NULL;
      char gtin[15];

      if (code == NULL || *code == '\0')
        continue;
      if (!duka_barcode_normalize (code, gtin, &local_error))
        return refuse (error, DUKA_CATALOG_ERROR_INVALID,
                      _("Barcode “%s”: %s"), code, local_error->message);
      json_array_add_string_element (normal, gtin);
    }

  json_object_set_array_member (record, "barcodes", json_array_ref (normal));
  return TRUE;
}

static gboolean
normalize_record (const DukaKindSpec  *spec,
                  JsonObject          *record,
                  GError             **error)
{
  static const char * const names[] = { "name" };
  static const char * const optional[] = { "sku", "icon" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (duka_kind_find_field (spec, names[i]) != NULL)
      normalize_text_member (record, names[i], FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (duka_kind_find_field (spec, optional[i]) != NULL)
      normalize_text_member (record, optional[i], TRUE);

  if (duka_kind_find_field (spec, "barcodes") != NULL)
    return normalize_barcodes (record, error);

  return TRUE;
}

/* The catalog's own rules, which need the database ------------------------- */

static gboolean
exists (sqlite3    *db,
        const char *table,
        const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1 AND deleted = 0", table);
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, g_intern_string (sql), NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  duka_store_stmt_done (stmt);

  return found;
}

/* Every id a record points at must name a live record of the right kind. */
static gboolean
check_references (sqlite3             *db,
                  const DukaFieldSpec *fields,
                  guint                n_fields,
                  JsonObject          *record,
                  GError             **error)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const DukaFieldSpec *field = &fields[i];
      JsonNode *value = json_object_get_member (record, field->name);
      const DukaKindSpec *target;

      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        continue;

      if (field->type == DUKA_FIELD_OBJECTS)
        {
          JsonArray *array = json_node_get_array (value);

          for (guint j = 0; j < json_array_get_length (array); j++)
            if (!check_references (db, field->items, field->n_items,
                                   json_array_get_object_element (array, j), error))
              return FALSE;
          continue;
        }

      if (field->references == NULL)
        continue;
      target = duka_registry_lookup (field->references);

      if (field->type == DUKA_FIELD_ID)
        {
          if (!exists (db, target->table, json_node_get_string (value)))
            return refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND,
                           _("Field “%s” points at a %s that does not exist"),
                           field->name, target->name);
        }
      else if (field->type == DUKA_FIELD_ID_LIST)
        {
          JsonArray *array = json_node_get_array (value);

          for (guint j = 0; j < json_array_get_length (array); j++)
            if (!exists (db, target->table, json_array_get_string_element (array, j)))
              return refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND,
                             _("Field “%s” points at a %s that does not exist"),
                             field->name, target->name);
        }
    }

  return TRUE;
}

static char *
sku_key (JsonObject *record)
{
  const char *sku = json_object_get_string_member_with_default (record, "sku", NULL);

  return sku != NULL ? g_utf8_strup (sku, -1) : NULL;
}

static gboolean
check_sku (sqlite3     *db,
           const char  *id,
           JsonObject  *record,
           GError     **error)
{
  static const char sql[] =
    "SELECT name FROM product WHERE sku_key = ?1 AND id <> ?2 AND deleted = 0"
    " UNION ALL "
    "SELECT name FROM variant WHERE sku_key = ?1 AND id <> ?2 AND deleted = 0"
    " LIMIT 1";
  g_autofree char *key = sku_key (record);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  if (key == NULL)
    return TRUE;

  stmt = duka_store_prepare_cached (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = refuse (error, DUKA_CATALOG_ERROR_DUPLICATE_SKU,
                 _("SKU “%s” is already used by “%s”"),
                 json_object_get_string_member (record, "sku"),
                 (const char *) sqlite3_column_text (stmt, 0));
  duka_store_stmt_done (stmt);

  return ok;
}

static gboolean
check_barcodes (sqlite3     *db,
                const char  *product_id,
                const char  *variant_id,
                JsonObject  *record,
                GError     **error)
{
  static const char sql[] =
    "SELECT p.name FROM barcode b JOIN product p ON p.id = b.product_id"
    " WHERE b.gtin = ?1 AND NOT (b.product_id = ?2 AND b.variant_id IS ?3)";
  JsonArray *array = get_array (record, "barcodes");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *gtin = json_array_get_string_element (array, i);
      sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
      gboolean ok = TRUE;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, gtin, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, product_id, -1, SQLITE_TRANSIENT);
      if (variant_id != NULL)
        sqlite3_bind_text (stmt, 3, variant_id, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 3);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        ok = refuse (error, DUKA_CATALOG_ERROR_DUPLICATE_BARCODE,
                     _("Barcode %s already belongs to “%s”"),
                     gtin, (const char *) sqlite3_column_text (stmt, 0));
      duka_store_stmt_done (stmt);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_modifier_group (JsonObject  *record,
                      GError     **error)
{
  gint64 min = json_object_get_int_member_with_default (record, "min_choices", 0);
  gint64 max = json_object_get_int_member_with_default (record, "max_choices", 1);
  JsonArray *options = get_array (record, "options");
  guint n = options ? json_array_get_length (options) : 0;

  if (min > max)
    return refuse (error, DUKA_CATALOG_ERROR_INVALID,
                   _("At least %" G_GINT64_FORMAT " choices are required but at most %"
                     G_GINT64_FORMAT " allowed: the minimum cannot be above the maximum"),
                   min, max);
  if (n == 0)
    return refuse (error, DUKA_CATALOG_ERROR_INVALID, _("A modifier group needs at least one option"));
  if ((guint64) min > n)
    return refuse (error, DUKA_CATALOG_ERROR_INVALID,
                   _("The group asks for more choices than it has options"));

  return TRUE;
}

static gboolean
check_combo (JsonObject  *record,
             GError     **error)
{
  JsonArray *slots = get_array (record, "slots");

  if (slots == NULL || json_array_get_length (slots) == 0)
    return refuse (error, DUKA_CATALOG_ERROR_INVALID,
                   _("A combo needs at least one part to choose, such as a main or a drink"));

  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);
      JsonArray *choices = get_array (slot, "choices");

      if (choices == NULL || json_array_get_length (choices) == 0)
        return refuse (error, DUKA_CATALOG_ERROR_INVALID,
                       _("The combo part “%s” has nothing to choose from"),
                       json_object_get_string_member (slot, "name"));
    }

  return TRUE;
}

static gboolean
check_category (sqlite3     *db,
                const char  *id,
                JsonObject  *record,
                GError     **error)
{
  const char *parent = json_object_get_string_member_with_default (record, "parent_id", NULL);
  g_autofree char *cursor = g_strdup (parent);
  guint steps = 0;

  /* Walk up from the new parent: meeting this category means a loop. */
  while (cursor != NULL && steps++ < 64)
    {
      sqlite3_stmt *stmt;

      if (g_str_equal (cursor, id))
        return refuse (error, DUKA_CATALOG_ERROR_INVALID,
                       _("A category cannot sit inside itself"));
      stmt = duka_store_prepare_cached (db, "SELECT parent_id FROM category WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, cursor, -1, SQLITE_TRANSIENT);
      g_clear_pointer (&cursor, g_free);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        cursor = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      duka_store_stmt_done (stmt);
    }

  return TRUE;
}

static gboolean
check_price_rule (JsonObject  *record,
                  GError     **error)
{
  gboolean has_price = json_object_get_member (record, "price") != NULL &&
                       !json_object_get_null_member (record, "price");
  gboolean has_discount = json_object_get_member (record, "discount") != NULL &&
                          !json_object_get_null_member (record, "discount");

  if (json_object_get_int_member_with_default (record, "start_minute", 0) >=
      json_object_get_int_member_with_default (record, "end_minute", 0))
    return refuse (error, DUKA_CATALOG_ERROR_INVALID, _("The price rule must end after it starts"));
  if (has_price == has_discount)
    return refuse (error, DUKA_CATALOG_ERROR_INVALID,
                   _("Give the price rule either a price or a discount"));

  return TRUE;
}

static gboolean
check_kind_rules (sqlite3             *db,
                  const DukaKindSpec  *spec,
                  const char          *id,
                  JsonObject          *record,
                  GError             **error)
{
  if (!check_references (db, spec->fields, spec->n_fields, record, error))
    return FALSE;

  if (g_str_equal (spec->name, "product"))
    return check_sku (db, id, record, error) &&
           check_barcodes (db, id, NULL, record, error);
  if (g_str_equal (spec->name, "variant"))
    return check_sku (db, id, record, error) &&
           check_barcodes (db, json_object_get_string_member (record, "product_id"), id,
                           record, error);
  if (g_str_equal (spec->name, "modifier_group"))
    return check_modifier_group (record, error);
  if (g_str_equal (spec->name, "combo"))
    return check_combo (record, error);
  if (g_str_equal (spec->name, "category"))
    return check_category (db, id, record, error);
  if (g_str_equal (spec->name, "price_rule"))
    return check_price_rule (record, error);

  return TRUE;
}

/* Rows derived from a product or variant: search keys, barcodes, words. */
static gboolean
exec_bound (sqlite3     *db,
            const char  *sql,
            GError     **error,
            const char  *a,
            const char  *b,
            const char  *c)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (a != NULL) sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL) sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (c != NULL) sqlite3_bind_text (stmt, 3, c, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);

  return rc == SQLITE_DONE || duka_store_sql_error (db, error);
}

static gboolean
write_derived (sqlite3     *db,
               const char  *kind,
               const char  *id,
               JsonObject  *record,
               gboolean     deleted,
               gboolean     with_search,
               GError     **error)
{
  gboolean is_product = g_str_equal (kind, "product");
  const char *product_id = is_product ? id : json_object_get_string_member_with_default (record, "product_id", "");
  g_autofree char *name_key = duka_text_fold (json_object_get_string_member_with_default (record, "name", ""));
  g_autofree char *key = sku_key (record);
  JsonArray *barcodes = get_array (record, "barcodes");

  if (!is_product && !g_str_equal (kind, "variant"))
    return TRUE;

  if (is_product)
    {
      if (!exec_bound (db, "UPDATE product SET name_key = ?1, sku_key = ?2 WHERE id = ?3",
                       error, name_key, key, id) ||
          !exec_bound (db, "DELETE FROM barcode WHERE product_id = ?1 AND variant_id IS NULL",
                       error, id, NULL, NULL) ||
          (with_search &&
           !exec_bound (db, "DELETE FROM product_search WHERE rowid = (SELECT rowid FROM product WHERE id = ?1)",
                        error, id, NULL, NULL)))
        return FALSE;
    }
  else
    {
      if (!exec_bound (db, "UPDATE variant SET sku_key = ?1 WHERE id = ?2", error, key, id, NULL) ||
          !exec_bound (db, "DELETE FROM barcode WHERE variant_id = ?1", error, id, NULL, NULL))
        return FALSE;
    }

  if (deleted)
    return TRUE;

  for (guint i = 0; barcodes != NULL && i < json_array_get_length (barcodes); i++)
    if (!exec_bound (db, "INSERT INTO barcode (gtin, product_id, variant_id) VALUES (?1, ?2, ?3)",
                     error, json_array_get_string_element (barcodes, i), product_id,
                     is_product ? NULL : id))
      return FALSE;

  if (is_product && with_search)
    {
      g_autoptr(GString) words = g_string_new (json_object_get_string_member_with_default (record, "name", ""));

      if (key != NULL)
        g_string_append_printf (words, " %s", key);
      for (guint i = 0; barcodes != NULL && i < json_array_get_length (barcodes); i++)
        g_string_append_printf (words, " %s", json_array_get_string_element (barcodes, i));

      if (!exec_bound (db, "INSERT INTO product_search (rowid, words)"
                           " SELECT rowid, ?2 FROM product WHERE id = ?1",
                       error, id, words->str, NULL))
        return FALSE;
    }

  return TRUE;
}

gboolean
duka_catalog_write_derived (sqlite3     *db,
                            const char  *kind,
                            const char  *id,
                            JsonObject  *record,
                            gboolean     deleted,
                            GError     **error)
{
  return write_derived (db, kind, id, record, deleted, TRUE, error);
}

/**
 * duka_catalog_write_search_words:
 * @product_ids: a JSON array of the ids of products saved with
 *   %DUKA_CATALOG_SAVE_DEFER_SEARCH
 *
 * Writes their search words in one statement.  Every statement that
 * touches the FTS5 table makes it flush its pending terms, so one
 * statement for a whole import is several times faster than one per
 * product.  The words are those duka_catalog_write_derived() writes.
 */
gboolean
duka_catalog_write_search_words (sqlite3     *db,
                                 const char  *product_ids,
                                 GError     **error)
{
  return exec_bound (db, "DELETE FROM product_search WHERE rowid IN"
                         " (SELECT p.rowid FROM json_each (?1) j JOIN product p ON p.id = j.value)",
                     error, product_ids, NULL, NULL) &&
         exec_bound (db, "INSERT INTO product_search (rowid, words)"
                         " SELECT p.rowid, p.name || coalesce (' ' || p.sku_key, '')"
                         " || coalesce ((SELECT ' ' || group_concat (b.value, ' ')"
                         "               FROM json_each (p.barcodes) b), '')"
                         " FROM json_each (?1) j JOIN product p ON p.id = j.value"
                         " WHERE p.deleted = 0",
                     error, product_ids, NULL, NULL);
}

/* Saving ------------------------------------------------------------------- */

typedef struct
{
  const DukaKindSpec *spec;
  char               *id;
  JsonObject         *changes;
  const DukaActor    *actor;
  gint64              now;
  gboolean            delete;
  gboolean            defer_search;
  gboolean            expect_version;
  gint64              expected_version;
  DukaCatalogSaveOutcome outcome;
} SaveJob;

static char *
this_device (sqlite3 *db)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, "SELECT till_id FROM this_device", NULL);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  duka_store_stmt_done (stmt);

  return id;
}

static gboolean
save_in_writer (DukaStore  *store,
                sqlite3    *db,
                gpointer    user_data,
                GError    **error)
{
  SaveJob *job = user_data;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(GList) members = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *device = NULL;
  g_auto(GStrv) fields = NULL;
  gint64 base_version = 0;
  DukaOp op = { 0 };

  current = duka_entities_load (db, job->spec, job->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (current != NULL)
    {
      base_version = json_object_get_int_member (current, "version");
      if (job->expect_version && base_version != job->expected_version)
        return refuse (error, DUKA_CATALOG_ERROR_CHANGED,
                       _("Someone else changed this while you were editing it. "
                         "Open it again to see their changes."));
      members = json_object_get_members (current);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (merged, l->data,
                                json_node_copy (json_object_get_member (current, l->data)));
      g_clear_pointer (&members, g_list_free);
    }
  else if (job->delete)
    return refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND, _("This item no longer exists"));

  members = json_object_get_members (job->changes);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "version") && !g_str_equal (l->data, "deleted"))
      json_object_set_member (merged, l->data,
                              json_node_copy (json_object_get_member (job->changes, l->data)));
  json_object_set_string_member (merged, "id", job->id);

  if (!job->delete)
    {
      if (!duka_registry_validate (job->spec, merged, &local_error))
        return refuse (error, DUKA_CATALOG_ERROR_INVALID, "%s", local_error->message);
      if (!check_kind_rules (db, job->spec, job->id, merged, error))
        return FALSE;
    }

  fields = job->delete ? g_strdupv ((char *[]) { (char *) "deleted", NULL })
                       : duka_entities_changed_fields (job->spec, current, merged);
  if (current != NULL && !job->delete && g_strv_length (fields) == 0 &&
      !json_object_get_boolean_member_with_default (current, "deleted", FALSE))
    {
      job->outcome = DUKA_CATALOG_SAVE_UNCHANGED;
      return TRUE;
    }
  job->outcome = current != NULL ? DUKA_CATALOG_SAVE_UPDATED : DUKA_CATALOG_SAVE_CREATED;

  device = this_device (db);
  if (!duka_entities_write (db, job->spec, job->id, merged, base_version + 1, job->delete,
                            device, job->now, error) ||
      !write_derived (db, job->spec->name, job->id, merged, job->delete, !job->defer_search, error))
    return FALSE;

  json_object_remove_member (merged, "version");
  json_object_remove_member (merged, "id");
  if (job->delete)
    json_object_set_boolean_member (merged, "deleted", TRUE);
  else
    json_object_remove_member (merged, "deleted");

  op.kind = job->spec->name;
  op.action = job->delete ? "delete" : "upsert";
  op.entity_id = job->id;
  op.base_version = base_version;
  op.fields = (const char * const *) fields;
  op.data = merged;
  op.actor = job->actor;
  op.device_id = device;
  op.at = job->now;

  return duka_outbox_append (db, &op, error);
}

static gboolean
run_save (DukaCatalog  *self,
          SaveJob      *job,
          GError      **error)
{
  return duka_store_write (self->store, save_in_writer, job, error);
}

/* Copies and normalises what the caller gave, so the record they hold is
 * never changed behind their back; shared by single saves and imports. */
static gboolean
prepare_save_job (const char       *kind,
                  const DukaActor  *actor,
                  JsonObject       *record,
                  gint64            now,
                  SaveJob          *job,
                  GError          **error)
{
  g_autoptr(GList) members = NULL;
  const char *id;

  job->spec = catalog_kind (kind, error);
  if (job->spec == NULL)
    return FALSE;

  job->changes = json_object_new ();
  members = json_object_get_members (record);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (job->changes, l->data,
                            json_node_copy (json_object_get_member (record, l->data)));
  if (!normalize_record (job->spec, job->changes, error))
    return FALSE;

  id = json_object_get_string_member_with_default (record, "id", NULL);
  if (id != NULL && !duka_id_is_valid (id))
    return refuse (error, DUKA_CATALOG_ERROR_INVALID, _("“%s” is not a valid id"), id);

  job->id = id ? g_strdup (id) : duka_id_new ();
  job->actor = actor;
  job->now = now;
  if (id != NULL && json_object_has_member (record, "version"))
    {
      job->expect_version = TRUE;
      job->expected_version = json_object_get_int_member (record, "version");
    }

  return TRUE;
}

static void
clear_save_job (SaveJob *job)
{
  g_clear_pointer (&job->id, g_free);
  g_clear_pointer (&job->changes, json_object_unref);
}

/**
 * duka_catalog_save:
 * @record: the fields to set; with "id" to change that record (and with
 *   "version", only if nobody changed it since), without to create one
 * @out_id: (out) (optional): the record's id
 *
 * Checks and writes one record with its outbox op, all or nothing.
 */
gboolean
duka_catalog_save (DukaCatalog      *self,
                   const DukaActor  *actor,
                   const char       *kind,
                   JsonObject       *record,
                   char            **out_id,
                   GError          **error)
{
  SaveJob job = { 0 };
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;

  ok = prepare_save_job (kind, actor, record,
                         duka_clock_now (duka_store_get_clock (self->store)),
                         &job, error) &&
       run_save (self, &job, error);

  if (ok && out_id != NULL)
    *out_id = g_steal_pointer (&job.id);
  clear_save_job (&job);
  return ok;
}

/**
 * duka_catalog_save_in_transaction:
 * @db: the writer connection, inside a duka_store_write() job
 * @outcome: (out) (optional): whether the record was created, changed or
 *   already so
 *
 * What duka_catalog_save() does, as one step of a bigger write, so that an
 * import of many records checks each one exactly as a single save would
 * and commits them all or none.  The caller checked the permission.
 */
gboolean
duka_catalog_save_in_transaction (sqlite3                 *db,
                                  const DukaActor         *actor,
                                  const char              *kind,
                                  JsonObject              *record,
                                  gint64                   now,
                                  DukaCatalogSaveFlags     flags,
                                  char                   **out_id,
                                  DukaCatalogSaveOutcome  *outcome,
                                  GError                 **error)
{
  SaveJob job = { 0 };
  gboolean ok;

  job.defer_search = (flags & DUKA_CATALOG_SAVE_DEFER_SEARCH) != 0;
  ok = prepare_save_job (kind, actor, record, now, &job, error) &&
       save_in_writer (NULL, db, &job, error);

  if (ok && out_id != NULL)
    *out_id = g_steal_pointer (&job.id);
  if (ok && outcome != NULL)
    *outcome = job.outcome;
  clear_save_job (&job);
  return ok;
}

gboolean
duka_catalog_delete_in_transaction (sqlite3          *db,
                                    const DukaActor  *actor,
                                    const char       *kind,
                                    const char       *id,
                                    gint64            now,
                                    GError          **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  SaveJob job = { 0 };
  gboolean ok;

  job.spec = catalog_kind (kind, error);
  if (job.spec == NULL)
    return FALSE;
  job.id = g_strdup (id);
  job.changes = changes;
  job.actor = actor;
  job.now = now;
  job.delete = TRUE;

  ok = save_in_writer (NULL, db, &job, error);
  g_free (job.id);
  return ok;
}

gboolean
duka_catalog_delete (DukaCatalog      *self,
                     const DukaActor  *actor,
                     const char       *kind,
                     const char       *id,
                     GError          **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  SaveJob job = { 0 };
  gboolean ok;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  job.spec = catalog_kind (kind, error);
  if (job.spec == NULL)
    return FALSE;
  job.id = g_strdup (id);
  job.changes = changes;
  job.actor = actor;
  job.now = duka_clock_now (duka_store_get_clock (self->store));
  job.delete = TRUE;

  ok = run_save (self, &job, error);
  g_free (job.id);
  return ok;
}

gboolean
duka_catalog_set_available (DukaCatalog      *self,
                            const DukaActor  *actor,
                            const char       *product_id,
                            gboolean          available,
                            GError          **error)
{
  g_autoptr(JsonObject) record = json_object_new ();

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  json_object_set_string_member (record, "id", product_id);
  json_object_set_boolean_member (record, "available", available);

  return duka_catalog_save (self, actor, "product", record, NULL, error);
}

/* Moves a category among its siblings; positions are renumbered 0, 1, 2 …
 * and only rows whose position changed are written. */
gboolean
duka_catalog_move_category (DukaCatalog      *self,
                            const DukaActor  *actor,
                            const char       *category_id,
                            guint             new_position,
                            GError          **error)
{
  g_autoptr(JsonObject) moving = NULL;
  g_autoptr(GPtrArray) siblings = g_ptr_array_new ();
  GListModel *all = G_LIST_MODEL (self->categories);
  const char *parent;
  guint n = g_list_model_get_n_items (all);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  moving = duka_catalog_get (self, "category", category_id, error);
  if (moving == NULL)
    return FALSE;
  parent = json_object_get_string_member_with_default (moving, "parent_id", NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DukaCategory) c = g_list_model_get_item (all, i);

      if (g_strcmp0 (duka_category_get_parent_id (c), parent) == 0 &&
          !g_str_equal (duka_category_get_id (c), category_id))
        g_ptr_array_add (siblings, g_object_ref (c));
    }
  g_ptr_array_set_free_func (siblings, g_object_unref);
  new_position = MIN (new_position, siblings->len);

  for (guint i = 0; i <= siblings->len; i++)
    {
      const char *id;
      int current;
      int wanted = (int) i;

      if (i == new_position)
        {
          id = category_id;
          current = (int) json_object_get_int_member_with_default (moving, "position", -1);
        }
      else
        {
          DukaCategory *c = g_ptr_array_index (siblings, i < new_position ? i : i - 1);

          id = duka_category_get_id (c);
          current = duka_category_get_position (c);
        }

      if (current != wanted)
        {
          g_autoptr(JsonObject) change = json_object_new ();

          json_object_set_string_member (change, "id", id);
          json_object_set_int_member (change, "position", wanted);
          if (!duka_catalog_save (self, actor, "category", change, NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Search ------------------------------------------------------------------- */

static gboolean
collect_ids (sqlite3     *db,
             const char  *sql,
             const char  *a,
             const char  *b,
             guint        limit,
             GPtrArray   *out,
             GHashTable  *seen,
             GError     **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) limit);

  while (out->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_add (seen, GSIZE_TO_POINTER ((gsize) rowid)))
        g_ptr_array_add (out, GSIZE_TO_POINTER ((gsize) rowid));
    }
  duka_store_stmt_done (stmt);

  return TRUE;
}

static char *
fts_query (const char *folded)
{
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autoptr(GString) query = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);

      /* Keep letters and digits only, so nothing a person types can be
       * read as FTS5 syntax. */
      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c))
            g_string_append_unichar (word, c);
        }
      if (word->len == 0)
        continue;
      if (query->len > 0)
        g_string_append (query, " AND ");
      g_string_append_printf (query, "\"%s\"*", word->str);
    }

  return g_string_free (g_steal_pointer (&query), query->len == 0);
}

static gboolean
looks_like_barcode (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        n++;
      else if (*p != ' ' && *p != '-')
        return FALSE;
    }

  return n >= 8 && n <= 14;
}

DukaProduct *
duka_catalog_product_by_rowid (sqlite3  *db,
                               gint64    rowid,
                               GError  **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT " DUKA_PRODUCT_COLUMNS " FROM product WHERE rowid = ?1", error);
  DukaProduct *product = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    product = duka_product_new_from_row (stmt);
  duka_store_stmt_done (stmt);

  return product;
}

/**
 * duka_catalog_search:
 *
 * What a cashier finds as they type, best first: the product whose barcode
 * is exactly the text, then an exact SKU, then names that start with the
 * text, SKUs that start with it, and names with words that start with each
 * word typed.  Every step is an index range scan or an FTS5 prefix query
 * read in rowid order, stopped at @limit — never a ranking of every match,
 * which is what makes one-letter searches over 100,000 names slow.
 *
 * Returns: (transfer full) (element-type DukaProduct): active, live products
 */
GPtrArray *
duka_catalog_search (DukaCatalog  *self,
                     const char   *query,
                     guint         limit,
                     GError      **error)
{
  g_autoptr(GPtrArray) rowids = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = duka_text_fold (query);
  g_autofree char *upper = NULL;
  g_autofree char *folded_end = NULL;
  g_autofree char *upper_end = NULL;
  g_autofree char *match = NULL;
  sqlite3 *db;
  gboolean ok = TRUE;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  if (*folded == '\0' || limit == 0)
    return g_steal_pointer (&products);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;

  upper = g_utf8_strup (folded, -1);
  folded_end = duka_text_prefix_end (folded);
  upper_end = duka_text_prefix_end (upper);

  if (looks_like_barcode (query))
    {
      char gtin[15];

      if (duka_barcode_normalize (query, gtin, NULL))
        ok = collect_ids (db, "SELECT p.rowid FROM barcode b JOIN product p ON p.id = b.product_id"
                              " WHERE b.gtin = ?1 AND ?2 IS NULL AND p.active = 1 LIMIT ?3",
                          gtin, NULL, limit, rowids, seen, error);
    }

  ok = ok &&
       collect_ids (db, "SELECT rowid FROM product WHERE sku_key = ?1 AND ?2 IS NULL"
                        " AND deleted = 0 AND active = 1 LIMIT ?3",
                    upper, NULL, limit, rowids, seen, error) &&
       collect_ids (db, "SELECT rowid FROM product WHERE name_key >= ?1 AND name_key < ?2"
                        " AND deleted = 0 AND active = 1 ORDER BY name_key LIMIT ?3",
                    folded, folded_end, limit, rowids, seen, error) &&
       collect_ids (db, "SELECT rowid FROM product WHERE sku_key >= ?1 AND sku_key < ?2"
                        " AND sku_key IS NOT NULL AND deleted = 0 AND active = 1"
                        " ORDER BY sku_key LIMIT ?3",
                    upper, upper_end, limit, rowids, seen, error);

  match = fts_query (folded);
  if (ok && match != NULL && rowids->len < limit)
    ok = collect_ids (db, "SELECT s.rowid FROM product_search s JOIN product p ON p.rowid = s.rowid"
                          " WHERE product_search MATCH ?1 AND ?2 IS NULL AND p.active = 1"
                          " AND p.deleted = 0 LIMIT ?3",
                      match, NULL, limit + (guint) g_hash_table_size (seen), rowids, seen, error);

  for (guint i = 0; ok && i < rowids->len && i < limit; i++)
    {
      DukaProduct *product = duka_catalog_product_by_rowid (db, (gint64) GPOINTER_TO_SIZE (rowids->pdata[i]), error);

      if (product != NULL)
        g_ptr_array_add (products, product);
    }

  duka_store_release_reader (self->store, db);

  return ok ? g_steal_pointer (&products) : NULL;
}

DukaProduct *
duka_catalog_find_barcode (DukaCatalog  *self,
                           const char   *code,
                           GError      **error)
{
  char gtin[15];
  sqlite3_stmt *stmt;
  DukaProduct *product = NULL;
  sqlite3 *db;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  if (!duka_barcode_normalize (code, gtin, error))
    return NULL;

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;

  stmt = duka_store_prepare_cached (db,
    "SELECT " DUKA_PRODUCT_COLUMNS " FROM product"
    " WHERE id = (SELECT product_id FROM barcode WHERE gtin = ?1) AND deleted = 0", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, gtin, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        product = duka_product_new_from_row (stmt);
      else
        refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND, _("No product has the barcode %s"), code);
      duka_store_stmt_done (stmt);
    }
  duka_store_release_reader (self->store, db);

  return product;
}

/* Images ------------------------------------------------------------------- */

static gboolean
is_image (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return (size > 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0) ||
         (size > 3 && memcmp (data, "\xff\xd8\xff", 3) == 0) ||
         (size > 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0) ||
         (size > 5 && g_strstr_len ((const char *) data, MIN (size, 512), "<svg") != NULL);
}

GFile *
duka_catalog_get_image_file (DukaCatalog *self,
                             const char  *hash)
{
  g_autofree char *prefix = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  if (hash == NULL || strlen (hash) != 64)
    return NULL;
  prefix = g_strndup (hash, 2);
  path = g_build_filename (duka_store_get_data_dir (self->store), "blobs", prefix, hash, NULL);

  return g_file_new_for_path (path);
}

/**
 * duka_catalog_add_image:
 *
 * Images are stored once, outside the rows, named by the SHA-256 of their
 * bytes: the same picture on two products, or pulled twice, is one file.
 *
 * Returns: the content hash to put in a record's "image" field
 */
char *
duka_catalog_add_image (DukaCatalog  *self,
                        GBytes       *bytes,
                        GError      **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  gconstpointer data;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > IMAGE_MAX_BYTES)
    {
      refuse (error, DUKA_CATALOG_ERROR_INVALID, _("The picture is larger than 5 MB"));
      return NULL;
    }
  if (!is_image (bytes))
    {
      refuse (error, DUKA_CATALOG_ERROR_INVALID,
              _("This file is not a picture Duka can show (PNG, JPEG, WebP or SVG)"));
      return NULL;
    }

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  file = duka_catalog_get_image_file (self, hash);
  if (g_file_query_exists (file, NULL))
    return g_steal_pointer (&hash);

  dir = g_file_get_parent (file);
  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  path = g_file_get_path (file);
  if (!g_file_set_contents (path, data, (gssize) size, error))
    return NULL;

  return g_steal_pointer (&hash);
}
