/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ops for the server, appended by the write that makes the change, inside
 * its transaction: an op exists if and only if its change does.  The op's
 * JSON is the wire format of src/sync/PROTOCOL.md, made once here.
 */
#include "duka-id.h"
#include "duka-outbox.h"
#include "duka-store-private.h"

static JsonNode *
actor_to_json (const DukaActor *actor,
               const char      *device_id)
{
  g_autoptr(JsonObject) object = json_object_new ();

#define SET_OR_NULL(name, value) \
  G_STMT_START { \
    if ((value) != NULL) \
      json_object_set_string_member (object, name, value); \
    else \
      json_object_set_null_member (object, name); \
  } G_STMT_END

  SET_OR_NULL ("staff_id", actor ? actor->staff_id : NULL);
  SET_OR_NULL ("till_id", actor && actor->till_id ? actor->till_id : device_id);
  SET_OR_NULL ("approver_id", actor ? actor->approver_id : NULL);

#undef SET_OR_NULL

  return json_node_init_object (json_node_alloc (), object);
}

gboolean
duka_outbox_append (sqlite3       *db,
                    const DukaOp  *op,
                    GError       **error)
{
  static const char sql[] =
    "INSERT INTO outbox (op_id, kind, action, entity_id, base_version, body, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
  g_autofree char *op_id = duka_id_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;
  int rc;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op_id");
  json_builder_add_string_value (builder, op_id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, op->kind);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, op->action);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, op->entity_id);
  if (g_strcmp0 (op->action, "insert") != 0)
    {
      json_builder_set_member_name (builder, "base_version");
      json_builder_add_int_value (builder, op->base_version);
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_array (builder);
      for (guint i = 0; op->fields != NULL && op->fields[i] != NULL; i++)
        json_builder_add_string_value (builder, op->fields[i]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "data");
  if (op->data != NULL)
    json_builder_add_value (builder, json_node_init_object (json_node_alloc (), op->data));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, op->device_id);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_value (builder, actor_to_json (op->actor, op->device_id));
  json_builder_set_member_name (builder, "at");
  json_builder_add_int_value (builder, op->at);
  if (op->business_date != NULL)
    {
      json_builder_set_member_name (builder, "business_date");
      json_builder_add_string_value (builder, op->business_date);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);

  stmt = duka_store_prepare_cached (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, op->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, op->entity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, op->base_version);
  sqlite3_bind_text (stmt, 6, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, op->at);
  rc = sqlite3_step (stmt);
  duka_store_stmt_done (stmt);

  if (rc != SQLITE_DONE)
    return duka_store_sql_error (db, error);

  duka_store_record_change (db, "outbox", op_id);
  return TRUE;
}

guint
duka_outbox_count_pending (sqlite3 *db)
{
  sqlite3_stmt *stmt = duka_store_prepare_cached (db,
    "SELECT count(*) FROM outbox WHERE state = 'pending'", NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  duka_store_stmt_done (stmt);

  return n;
}
