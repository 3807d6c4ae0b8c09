/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "duka-entities.h"
#include "duka-store-private.h"

static gboolean
is_list (const DukaFieldSpec *field)
{
  return field->type == DUKA_FIELD_ID_LIST ||
         field->type == DUKA_FIELD_GTIN_LIST ||
         field->type == DUKA_FIELD_OBJECTS;
}

static gboolean
is_integer (const DukaFieldSpec *field)
{
  switch (field->type)
    {
    case DUKA_FIELD_INT:
    case DUKA_FIELD_MONEY:
    case DUKA_FIELD_QUANTITY:
    case DUKA_FIELD_RATE:
    case DUKA_FIELD_TIME:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_known_member (const DukaKindSpec *kind,
                 const char         *name)
{
  static const char * const own[] = { "id", "version", "deleted", "updated_at",
                                      "updated_by_device", NULL };

  return g_strv_contains (own, name) || duka_kind_find_field (kind, name) != NULL;
}

typedef enum
{
  SQL_LOAD,
  SQL_WRITE,
  SQL_EXISTS,
  SQL_LIST,
} SqlPurpose;

/* SQL texts are built once per kind and live as long as the process, so
 * they can key the per-connection statement cache.  Table and column
 * names come from the registry; every value is bound. */
static const char *
cached_sql (const DukaKindSpec *kind,
            SqlPurpose          purpose)
{
  static GHashTable *texts;
  static GMutex lock;
  g_autofree char *key = g_strdup_printf ("%s/%d", kind->name, purpose);
  const char *sql;

  g_mutex_lock (&lock);
  if (texts == NULL)
    texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  sql = g_hash_table_lookup (texts, key);
  if (sql == NULL)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      if (purpose == SQL_EXISTS)
        g_string_append_printf (s, "SELECT 1 FROM %s WHERE id = ?1 AND deleted = 0", kind->table);
      else if (purpose == SQL_LIST)
        g_string_append_printf (s, "SELECT id FROM %s WHERE deleted = 0"
                                   " ORDER BY name COLLATE NOCASE, id", kind->table);
      else if (purpose == SQL_WRITE)
        {
          g_autoptr(GString) update = g_string_new (NULL);

          g_string_append_printf (s, "INSERT INTO %s (id", kind->table);
          for (guint i = 0; i < kind->n_fields; i++)
            g_string_append_printf (s, ", %s", kind->fields[i].name);
          g_string_append (s, ", deleted, version, updated_at, updated_by_device, extra) VALUES (?1");
          for (guint i = 0; i < kind->n_fields; i++)
            {
              g_string_append_printf (s, ", ?%u", i + 2);
              g_string_append_printf (update, "%s = excluded.%s, ",
                                      kind->fields[i].name, kind->fields[i].name);
            }
          g_string_append_printf (s, ", ?%u, ?%u, ?%u, ?%u, ?%u)",
                                  kind->n_fields + 2, kind->n_fields + 3, kind->n_fields + 4,
                                  kind->n_fields + 5, kind->n_fields + 6);
          g_string_append_printf (s, " ON CONFLICT (id) DO UPDATE SET %s"
                                     "deleted = excluded.deleted, version = excluded.version, "
                                     "updated_at = excluded.updated_at, "
                                     "updated_by_device = excluded.updated_by_device, "
                                     "extra = excluded.extra",
                                  update->str);
        }
      else
        {
          g_string_append (s, "SELECT ");
          for (guint i = 0; i < kind->n_fields; i++)
            g_string_append_printf (s, "%s, ", kind->fields[i].name);
          g_string_append_printf (s, "deleted, version, extra FROM %s WHERE id = ?1", kind->table);
        }

      sql = g_string_free (g_steal_pointer (&s), FALSE);
      g_hash_table_insert (texts, g_steal_pointer (&key), (char *) sql);
    }
  g_mutex_unlock (&lock);

  return sql;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

static char *
to_json (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

JsonObject *
duka_entities_load (sqlite3             *db,
                    const DukaKindSpec  *kind,
                    const char          *id,
                    GError             **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, cached_sql (kind, SQL_LOAD), error);
  g_autoptr(JsonObject) record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        duka_store_sql_error (db, error);
      duka_store_stmt_done (stmt);
      return NULL;
    }

  record = json_object_new ();
  json_object_set_string_member (record, "id", id);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const DukaFieldSpec *field = &kind->fields[i];
      int type = sqlite3_column_type (stmt, (int) i);

      if (type == SQLITE_NULL)
        json_object_set_null_member (record, field->name);
      else if (is_list (field))
        {
          JsonNode *node = parse_json ((const char *) sqlite3_column_text (stmt, (int) i));

          if (node == NULL)
            node = json_node_init_array (json_node_alloc (), json_array_new ());
          json_object_set_member (record, field->name, node);
        }
      else if (field->type == DUKA_FIELD_BOOL)
        json_object_set_boolean_member (record, field->name, sqlite3_column_int (stmt, (int) i) != 0);
      else if (is_integer (field))
        json_object_set_int_member (record, field->name, sqlite3_column_int64 (stmt, (int) i));
      else
        json_object_set_string_member (record, field->name,
                                       (const char *) sqlite3_column_text (stmt, (int) i));
    }

  json_object_set_boolean_member (record, "deleted", sqlite3_column_int (stmt, (int) kind->n_fields) != 0);
  json_object_set_int_member (record, "version", sqlite3_column_int64 (stmt, (int) kind->n_fields + 1));

  if (sqlite3_column_type (stmt, (int) kind->n_fields + 2) != SQLITE_NULL)
    {
      g_autoptr(JsonNode) extra = parse_json ((const char *) sqlite3_column_text (stmt, (int) kind->n_fields + 2));

      if (extra != NULL && JSON_NODE_HOLDS_OBJECT (extra))
        {
          JsonObject *object = json_node_get_object (extra);
          g_autoptr(GList) members = json_object_get_members (object);

          for (GList *l = members; l != NULL; l = l->next)
            if (!json_object_has_member (record, l->data))
              json_object_set_member (record, l->data,
                                      json_node_copy (json_object_get_member (object, l->data)));
        }
    }

  duka_store_stmt_done (stmt);
  return g_steal_pointer (&record);
}

static void
bind_field (sqlite3_stmt        *stmt,
            int                  index,
            const DukaFieldSpec *field,
            JsonNode            *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      /* Absent lists are empty, absent flags take the schema's meaning of
       * "not said" (active and available default to yes). */
      if (is_list (field))
        sqlite3_bind_text (stmt, index, "[]", -1, SQLITE_STATIC);
      else if (field->type == DUKA_FIELD_BOOL)
        sqlite3_bind_int (stmt, index, g_str_equal (field->name, "active") ||
                                       g_str_equal (field->name, "available"));
      else if (is_integer (field) && !(field->flags & DUKA_FIELD_NULLABLE))
        sqlite3_bind_int64 (stmt, index, 0);
      else if (field->type == DUKA_FIELD_ENUM && !(field->flags & DUKA_FIELD_NULLABLE))
        sqlite3_bind_text (stmt, index, field->values[0], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, index);
      return;
    }

  if (is_list (field))
    {
      g_autofree char *text = to_json (value);

      sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
    }
  else if (field->type == DUKA_FIELD_BOOL)
    sqlite3_bind_int (stmt, index, json_node_get_boolean (value));
  else if (is_integer (field))
    sqlite3_bind_int64 (stmt, index, json_node_get_int (value));
  else
    sqlite3_bind_text (stmt, index, json_node_get_string (value), -1, SQLITE_TRANSIENT);
}

/**
 * duka_entities_write:
 *
 * Writes @record (already validated against the registry) as the row of
 * @id, with the given version and tombstone flag.
 */
gboolean
duka_entities_write (sqlite3             *db,
                     const DukaKindSpec  *kind,
                     const char          *id,
                     JsonObject          *record,
                     gint64               version,
                     gboolean             deleted,
                     const char          *device,
                     gint64               updated_at,
                     GError             **error)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, cached_sql (kind, SQL_WRITE), error);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GList) members = NULL;
  guint n = kind->n_fields;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < n; i++)
    bind_field (stmt, (int) i + 2, &kind->fields[i],
                json_object_get_member (record, kind->fields[i].name));

  members = json_object_get_members (record);
  for (GList *l = members; l != NULL; l = l->next)
    if (!is_known_member (kind, l->data))
      json_object_set_member (extra, l->data,
                              json_node_copy (json_object_get_member (record, l->data)));

  sqlite3_bind_int (stmt, (int) n + 2, deleted);
  sqlite3_bind_int64 (stmt, (int) n + 3, version);
  sqlite3_bind_int64 (stmt, (int) n + 4, updated_at);
  sqlite3_bind_text (stmt, (int) n + 5, device ? device : "", -1, SQLITE_TRANSIENT);
  if (json_object_get_size (extra) > 0)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), extra);
      g_autofree char *text = to_json (node);

      sqlite3_bind_text (stmt, (int) n + 6, text, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, (int) n + 6);

  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  duka_store_record_change (db, kind->table, id);
  return TRUE;
}

/* The top-level fields whose values differ; a NULL @before means all of
 * @after's fields (a new record). */
GStrv
duka_entities_changed_fields (const DukaKindSpec *kind,
                              JsonObject         *before,
                              JsonObject         *after)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const char *name = kind->fields[i].name;
      JsonNode *a = before ? json_object_get_member (before, name) : NULL;
      JsonNode *b = json_object_get_member (after, name);
      gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
      gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

      if (before == NULL)
        {
          if (!b_null)
            g_strv_builder_add (builder, name);
          continue;
        }
      if (b == NULL)
        continue;
      if (a_null != b_null || (!a_null && !json_node_equal (a, b)))
        g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

/* Whether @id names a live (not deleted) record of @kind. */
gboolean
duka_entities_exists (sqlite3            *db,
                      const DukaKindSpec *kind,
                      const char         *id)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, cached_sql (kind, SQL_EXISTS), NULL);
  gboolean found;

  if (stmt == NULL || id == NULL)
    {
      if (stmt != NULL)
        duka_store_stmt_done (stmt);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  duka_store_stmt_done (stmt);

  return found;
}

/**
 * duka_entities_list:
 *
 * Returns: (transfer full) (element-type JsonObject): every live record of
 *   @kind (a kind with a "name" field), by name
 */
GPtrArray *
duka_entities_list (sqlite3             *db,
                    const DukaKindSpec  *kind,
                    GError             **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt = duka_store_prepare_cached (db, cached_sql (kind, SQL_LIST), error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *record = duka_entities_load (db, kind, (const char *) sqlite3_column_text (stmt, 0), NULL);

      if (record != NULL)
        g_ptr_array_add (records, record);
    }
  duka_store_stmt_done (stmt);

  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}
