/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the catalog checks before it writes a record: what a person typed,
 * normalised (names, SKUs, barcodes), and the rules that need the
 * database: references, unique SKUs and barcodes, modifier groups, combos,
 * category loops and price rules.
 */
#include <glib/gi18n-lib.h>

#include "duka-barcode.h"
#include "duka-catalog-private.h"
#include "duka-entities.h"
#include "duka-registry.h"
#include "duka-store-private.h"
#include "duka-text.h"

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
    return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID, _("Barcodes must be a list"));

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
        return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID,
                                   _("Barcode “%s”: %s"), code, local_error->message);
      json_array_add_string_element (normal, gtin);
    }

  json_object_set_array_member (record, "barcodes", json_array_ref (normal));
  return TRUE;
}

gboolean
duka_catalog_normalize_record (const DukaKindSpec  *spec,
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
          if (!duka_entities_exists (db, target, json_node_get_string (value)))
            return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND,
                                        _("Field “%s” points at a %s that does not exist"),
                                        field->name, target->name);
        }
      else if (field->type == DUKA_FIELD_ID_LIST)
        {
          JsonArray *array = json_node_get_array (value);

          for (guint j = 0; j < json_array_get_length (array); j++)
            if (!duka_entities_exists (db, target, json_array_get_string_element (array, j)))
              return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND,
                                          _("Field “%s” points at a %s that does not exist"),
                                          field->name, target->name);
        }
    }

  return TRUE;
}

char *
duka_catalog_sku_key (JsonObject *record)
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
  g_autofree char *key = duka_catalog_sku_key (record);
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
    ok = duka_catalog_refuse (error, DUKA_CATALOG_ERROR_DUPLICATE_SKU,
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
  JsonArray *array = duka_catalog_get_array (record, "barcodes");

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
        ok = duka_catalog_refuse (error, DUKA_CATALOG_ERROR_DUPLICATE_BARCODE,
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
  JsonArray *options = duka_catalog_get_array (record, "options");
  guint n = options ? json_array_get_length (options) : 0;

  if (min > max)
    return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID,
                                /* The registry keeps both within 0–50. */
                                _("At least %d choices are required but at most %d "
                                  "allowed: the minimum cannot be above the maximum"),
                                (int) min, (int) max);
  if (n == 0)
    return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID, _("A modifier group needs at least one option"));
  if ((guint64) min > n)
    return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID,
                                _("The group asks for more choices than it has options"));

  return TRUE;
}

static gboolean
check_combo (JsonObject  *record,
             GError     **error)
{
  JsonArray *slots = duka_catalog_get_array (record, "slots");

  if (slots == NULL || json_array_get_length (slots) == 0)
    return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID,
                                _("A combo needs at least one part to choose, such as a main or a drink"));

  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);
      JsonArray *choices = duka_catalog_get_array (slot, "choices");

      if (choices == NULL || json_array_get_length (choices) == 0)
        return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID,
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
        return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID,
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
    return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID, _("The price rule must end after it starts"));
  if (has_price == has_discount)
    return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID,
                                _("Give the price rule either a price or a discount"));

  return TRUE;
}

gboolean
duka_catalog_check_rules (sqlite3             *db,
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

