/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Applying a pulled page of the change feed (src/sync/PROTOCOL.md, "Pull"):
 * facts inserted once by id with their child rows, entities merged by the
 * one rule, and the cursor, all in one writer transaction.  The pairing
 * state and push answers are in duka-sync-apply.c.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-entities.h"
#include "duka-store-private.h"
#include "duka-sync-apply.h"
#include "duka-sync-apply-private.h"

static gboolean fail_before_commit;

void
duka_sync_apply_inject_fault (gboolean fail)
{
  fail_before_commit = fail;
}

/* The columns a table really has: a fact's registry fields map to columns
 * of the same name; anything else goes to `extra`.  Also which of them
 * are NOT NULL, for records that leave a field out. */
typedef struct
{
  GStrv       columns;
  GHashTable *not_null;
} TableInfo;

static void
table_info_free (gpointer data)
{
  TableInfo *info = data;

  g_strfreev (info->columns);
  g_hash_table_unref (info->not_null);
  g_free (info);
}

static const TableInfo *
table_info (sqlite3    *db,
            const char *table)
{
  static GHashTable *cache;
  static GMutex lock;
  TableInfo *info;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, table_info_free);
  info = g_hash_table_lookup (cache, table);
  if (info == NULL)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      sqlite3_stmt *stmt = NULL;

      info = g_new0 (TableInfo, 1);
      info->not_null = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            const char *name = (const char *) sqlite3_column_text (stmt, 1);

            g_strv_builder_add (builder, name);
            if (sqlite3_column_int (stmt, 3) != 0)
              g_hash_table_add (info->not_null, g_strdup (name));
          }
      sqlite3_finalize (stmt);
      info->columns = g_strv_builder_end (builder);
      /* Cached even when empty (no such table), so the pointer stays
       * valid; the caller reports that. */
      g_hash_table_insert (cache, g_strdup (table), info);
    }
  g_mutex_unlock (&lock);

  return info;
}

static GStrv
table_columns (sqlite3    *db,
               const char *table)
{
  return table_info (db, table)->columns;
}

/* Entities ------------------------------------------------------------------ */

/* A record from another till or the server may leave out a field this
 * till's table keeps NOT NULL (the server made the business with a name
 * only): text takes '', as the columns' own defaults say. */
static void
fill_not_null (sqlite3            *db,
               const DukaKindSpec *kind,
               JsonObject         *record)
{
  const TableInfo *info = table_info (db, kind->table);

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const DukaFieldSpec *field = &kind->fields[i];
      JsonNode *value = json_object_get_member (record, field->name);

      if ((value == NULL || JSON_NODE_HOLDS_NULL (value)) &&
          field->type == DUKA_FIELD_TEXT &&
          g_hash_table_contains (info->not_null, field->name))
        json_object_set_string_member (record, field->name, "");
    }
}

/* The server's record is the truth; this till's own edits that are still
 * waiting in the outbox are laid over it (field by field, oldest first),
 * so a person's unsent edit does not flicker away when another till's
 * change arrives.  The edit's op keeps its base version: the server
 * decides whether it still wins. */
gboolean
duka_sync_merge_entity (sqlite3             *db,
              const DukaKindSpec  *kind,
              const char          *id,
              JsonObject          *data,
              gint64               version,
              gboolean             deleted,
              const char          *updated_by,
              gint64               updated_at,
              GError             **error)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (data);
  sqlite3_stmt *stmt;
  int rc;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (record, l->data, json_node_copy (json_object_get_member (data, l->data)));

  stmt = duka_store_prepare_cached (db,
    "SELECT body FROM outbox WHERE state = 'pending' AND kind = ?1 AND entity_id = ?2 ORDER BY seq",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) op = duka_sync_parse_object ((const char *) sqlite3_column_text (stmt, 0));
      JsonObject *op_data;
      JsonArray *fields;

      if (op == NULL)
        continue;
      if (g_strcmp0 (json_object_get_string_member_with_default (op, "action", ""), "delete") == 0)
        deleted = TRUE;
      op_data = json_object_get_object_member (op, "data");
      fields = json_object_get_array_member (op, "fields");
      for (guint i = 0; op_data != NULL && fields != NULL && i < json_array_get_length (fields); i++)
        {
          const char *name = json_array_get_string_element (fields, i);

          if (name != NULL && json_object_has_member (op_data, name))
            json_object_set_member (record, name, json_node_copy (json_object_get_member (op_data, name)));
        }
    }
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  fill_not_null (db, kind, record);
  return duka_entities_write (db, kind, id, record, MAX (version, 1), deleted,
                              updated_by, updated_at, error);
}

/* Facts --------------------------------------------------------------------- */

static gboolean
is_list_type (DukaFieldType type)
{
  return type == DUKA_FIELD_ID_LIST || type == DUKA_FIELD_GTIN_LIST || type == DUKA_FIELD_OBJECTS;
}

static void
bind_value (sqlite3_stmt        *stmt,
            int                  index,
            const DukaFieldSpec *field,
            JsonNode            *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      if (is_list_type (field->type))
        sqlite3_bind_text (stmt, index, "[]", -1, SQLITE_STATIC);
      else if (field->type == DUKA_FIELD_BOOL)
        sqlite3_bind_int (stmt, index, 0);
      else
        sqlite3_bind_null (stmt, index);
    }
  else if (!JSON_NODE_HOLDS_VALUE (value))
    {
      g_autofree char *text = json_to_string (value, FALSE);

      sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
    }
  else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, json_node_get_boolean (value));
  else if (json_node_get_value_type (value) == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, json_node_get_int (value));
  else if (json_node_get_value_type (value) == G_TYPE_STRING)
    sqlite3_bind_text (stmt, index, json_node_get_string (value), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* INSERT OR IGNORE of one row of @table: the @fields of @object that the
 * table has as columns, @parent_column/@parent_id and @position when a
 * child, and the rest in `extra`.  Returns the number of rows inserted
 * (0: it was there already), -1 on error. */
static int
insert_row (sqlite3             *db,
            const char          *table,
            const char          *id,
            const char          *parent_column,
            const char          *parent_id,
            int                  position,
            const DukaFieldSpec *fields,
            guint                n_fields,
            JsonObject          *object,
            GError             **error)
{
  GStrv columns = table_columns (db, table);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GPtrArray) bound = g_ptr_array_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean has_extra = g_strv_contains ((const char * const *) columns, "extra");
  sqlite3_stmt *stmt = NULL;
  int n = 0, rc;

  if (columns[0] == NULL)
    {
      g_set_error (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_INVALID,
                   _("This Duka has no table %s"), table);
      return -1;
    }

  g_string_append_printf (sql, "INSERT OR IGNORE INTO %s (", table);
#define ADD_COLUMN(name) \
  G_STMT_START { \
    g_string_append_printf (sql, "%s%s", n > 0 ? ", " : "", name); \
    g_string_append_printf (values, "%s?%d", n > 0 ? ", " : "", n + 1); \
    n++; \
  } G_STMT_END

  if (id != NULL && g_strv_contains ((const char * const *) columns, "id"))
    ADD_COLUMN ("id");
  if (parent_column != NULL)
    {
      ADD_COLUMN (parent_column);
      ADD_COLUMN ("position");
    }
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].child_table != NULL || g_str_equal (fields[i].name, "id"))
        continue;
      if (!g_strv_contains ((const char * const *) columns, fields[i].name))
        continue;
      ADD_COLUMN (fields[i].name);
      g_ptr_array_add (bound, (gpointer) &fields[i]);
    }
  if (has_extra)
    ADD_COLUMN ("extra");
#undef ADD_COLUMN
  g_string_append_printf (sql, ") VALUES (%s)", values->str);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean known = g_str_equal (name, "id");

      for (guint i = 0; !known && i < n_fields; i++)
        known = g_str_equal (fields[i].name, name);
      if (!known)
        json_object_set_member (extra, name, json_node_copy (json_object_get_member (object, name)));
    }

  stmt = duka_store_prepare_cached (db, sql->str, error);
  if (stmt == NULL)
    return -1;

  n = 1;
  if (id != NULL && g_strv_contains ((const char * const *) columns, "id"))
    sqlite3_bind_text (stmt, n++, id, -1, SQLITE_TRANSIENT);
  if (parent_column != NULL)
    {
      sqlite3_bind_text (stmt, n++, parent_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, n++, position);
    }
  for (guint i = 0; i < bound->len; i++)
    {
      const DukaFieldSpec *field = g_ptr_array_index (bound, i);

      bind_value (stmt, n++, field, json_object_get_member (object, field->name));
    }
  if (has_extra)
    {
      if (json_object_get_size (extra) > 0)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), extra);
          g_autofree char *text = json_to_string (node, FALSE);

          sqlite3_bind_text (stmt, n, text, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_null (stmt, n);
    }

  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      duka_store_sql_error (db, error);
      return -1;
    }
  return sqlite3_changes (db);
}

static gboolean
insert_fact (sqlite3             *db,
             const DukaKindSpec  *kind,
             const char          *id,
             JsonObject          *data,
             GError             **error)
{
  g_autofree char *parent_column = g_strconcat (kind->name, "_id", NULL);
  int inserted = insert_row (db, kind->table, id, NULL, NULL, 0,
                             kind->fields, kind->n_fields, data, error);

  if (inserted < 0)
    return FALSE;
  if (inserted == 0)
    return TRUE;  /* facts are written once: this one is here already */

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const DukaFieldSpec *field = &kind->fields[i];
      JsonArray *rows;

      if (field->child_table == NULL || !json_object_has_member (data, field->name))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (data, field->name)))
        return duka_sync_invalid (error, field->name);
      rows = json_object_get_array_member (data, field->name);
      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          JsonNode *node = json_array_get_element (rows, r);
          JsonObject *row;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return duka_sync_invalid (error, field->name);
          row = json_node_get_object (node);
          if (insert_row (db, field->child_table,
                          json_object_get_string_member_with_default (row, "id", NULL),
                          parent_column, id, (int) r, field->items, field->n_items, row, error) < 0)
            return FALSE;
        }
    }

  duka_store_record_change (db, kind->table, id);
  return TRUE;
}

/* Pull ---------------------------------------------------------------------- */

typedef struct
{
  JsonArray  *changes;
  const char *next_cursor;
} ApplyJob;

static gboolean
apply_change (sqlite3     *db,
              JsonObject  *change,
              GError     **error)
{
  const char *kind_name = json_object_get_string_member_with_default (change, "kind", NULL);
  const char *id = json_object_get_string_member_with_default (change, "id", NULL);
  const DukaKindSpec *kind;
  JsonNode *data;

  if (kind_name == NULL || id == NULL)
    return duka_sync_invalid (error, "a change without kind or id");

  /* Kinds this Duka does not know yet (exception facts, kinds of a newer
   * schema) are skipped: the server keeps them. */
  kind = duka_registry_lookup (kind_name);
  if (kind == NULL)
    return TRUE;

  data = json_object_get_member (change, "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return duka_sync_invalid (error, "a change without data");

  if (kind->klass == DUKA_KIND_FACT)
    return insert_fact (db, kind, id, json_node_get_object (data), error);

  return duka_sync_merge_entity (db, kind, id, json_node_get_object (data),
                       json_object_get_int_member_with_default (change, "version", 1),
                       json_object_get_boolean_member_with_default (change, "deleted", FALSE),
                       json_object_get_string_member_with_default (change, "updated_by_device", NULL),
                       json_object_get_int_member_with_default (change, "updated_at", 0),
                       error);
}

static gboolean
apply_in_writer (DukaStore  *store,
                 sqlite3    *db,
                 gpointer    user_data,
                 GError    **error)
{
  ApplyJob *job = user_data;
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < json_array_get_length (job->changes); i++)
    {
      JsonNode *node = json_array_get_element (job->changes, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return duka_sync_invalid (error, "a change that is not an object");
      if (!apply_change (db, json_node_get_object (node), error))
        return FALSE;
    }

  /* The cursor moves in the same transaction as the rows it covers. */
  stmt = duka_store_prepare_cached (db,
    "UPDATE sync_state SET cursor = ?1, last_pull_at = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->next_cursor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, duka_clock_now (duka_store_get_clock (store)));
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);
  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);
  if (sqlite3_changes (db) != 1)
    {
      g_set_error_literal (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_NOT_PAIRED,
                           _("This till is not paired with a server"));
      return FALSE;
    }
  duka_store_record_change (db, "sync_state", "1");

  if (fail_before_commit)
    {
      g_set_error_literal (error, DUKA_SYNC_APPLY_ERROR, DUKA_SYNC_APPLY_ERROR_INJECTED,
                           _("Injected fault before the pull's commit"));
      return FALSE;
    }
  return TRUE;
}

gboolean
duka_sync_apply_changes (DukaStore   *store,
                         JsonArray   *changes,
                         const char  *next_cursor,
                         GError     **error)
{
  ApplyJob job = { changes, next_cursor };

  g_return_val_if_fail (next_cursor != NULL, FALSE);
  return duka_store_write (store, apply_in_writer, &job, error);
}

