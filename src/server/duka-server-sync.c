/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Push and pull (src/sync/PROTOCOL.md).  Ops are checked against the
 * registry in C before any SQL, so a bad op is answered "rejected" without
 * aborting the batch's transaction: no savepoint per op.  Each op_id is
 * claimed with INSERT … ON CONFLICT DO NOTHING RETURNING, which makes a
 * retried op a duplicate forever, also when two pushes race.
 */
#include <string.h>

#include "duka-id.h"
#include "duka-registry.h"
#include "duka-server-private.h"

#define MAX_OPS 500
#define PULL_LIMIT_DEFAULT 500
#define PULL_LIMIT_MAX 1000

typedef enum
{
  ACTION_UPSERT,
  ACTION_DELETE,
  ACTION_INSERT,
} Action;

typedef struct
{
  char               *op_id;     /* NULL when not even that was valid */
  const DukaKindSpec *kind;
  Action              action;
  char               *id;
  gint64              base_version;
  GStrv               fields;
  JsonObject         *data;
  char               *business_date;
  char               *invalid;   /* why the op is rejected before SQL */
} Op;

static void
op_clear (Op *op)
{
  g_free (op->op_id);
  g_free (op->id);
  g_strfreev (op->fields);
  g_clear_pointer (&op->data, json_object_unref);
  g_free (op->business_date);
  g_free (op->invalid);
}

typedef struct
{
  GArray    *ops;       /* of Op */
  gboolean   wrote;     /* something new is in the feed */
  GPtrArray *keys;      /* SKUs ("s…") and barcodes ("b…") written */
} Push;

static void
push_free (gpointer data)
{
  Push *push = data;

  g_array_unref (push->ops);
  g_clear_pointer (&push->keys, g_ptr_array_unref);
  g_free (push);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* Parsing and checking, on the main loop */

static gboolean
is_date (const char *text)
{
  guint64 y, m, d;
  g_autofree char *ys = NULL, *ms = NULL, *ds = NULL;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  ys = g_strndup (text, 4);
  ms = g_strndup (text + 5, 2);
  ds = g_strndup (text + 8, 2);
  return g_ascii_string_to_unsigned (ys, 10, 1, 9999, &y, NULL) &&
         g_ascii_string_to_unsigned (ms, 10, 1, 12, &m, NULL) &&
         g_ascii_string_to_unsigned (ds, 10, 1, 31, &d, NULL) &&
         g_date_valid_dmy (d, m, y);
}

static char *
check_fields (JsonNode *node,
              GStrv    *out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("“fields” must list the fields this edit changed.");

  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0 || json_array_get_length (array) > 256)
    return g_strdup ("“fields” must list 1 to 256 fields.");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          json_node_get_string (element)[0] == '\0')
        return g_strdup ("“fields” must hold field names.");
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return NULL;
}

/* Fills @op, or says in op->invalid why it cannot be applied. */
static void
parse_op (DukaRequest *request,
          JsonObject  *object,
          Op          *op)
{
  const char *op_id = json_object_get_string_member_with_default (object, "op_id", NULL);
  const char *kind, *action, *id, *device_id;
  JsonNode *data = json_object_get_member (object, "data");
  JsonNode *member;
  g_autoptr(GError) error = NULL;

#define INVALID(...) G_STMT_START { op->invalid = g_strdup_printf (__VA_ARGS__); return; } G_STMT_END

  if (!JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "op_id")) ||
      !duka_id_is_valid (op_id))
    INVALID ("“op_id” must be an id.");
  op->op_id = g_strdup (op_id);

  kind = json_object_get_string_member_with_default (object, "kind", NULL);
  op->kind = kind != NULL ? duka_registry_lookup (kind) : NULL;
  if (op->kind == NULL)
    INVALID ("Unknown kind “%s”.", kind != NULL ? kind : "");

  id = json_object_get_string_member_with_default (object, "id", NULL);
  if (!duka_id_is_valid (id))
    INVALID ("“id” must be an id.");
  op->id = g_strdup (id);

  device_id = json_object_get_string_member_with_default (object, "device_id", NULL);
  if (g_strcmp0 (device_id, duka_request_get_claim (request, "sub")) != 0)
    INVALID ("“device_id” must be this till's id.");

  action = json_object_get_string_member_with_default (object, "action", "");
  if (op->kind->klass == DUKA_KIND_FACT)
    {
      if (!g_str_equal (action, "insert"))
        INVALID ("A fact can only be inserted.");
      op->action = ACTION_INSERT;
      member = json_object_get_member (object, "business_date");
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
        {
          op->business_date = g_strdup (json_object_get_string_member_with_default (object, "business_date", NULL));
          if (!is_date (op->business_date))
            INVALID ("“business_date” must be a date like 2026-11-22.");
        }
    }
  else
    {
      if (g_str_equal (action, "upsert"))
        op->action = ACTION_UPSERT;
      else if (g_str_equal (action, "delete"))
        op->action = ACTION_DELETE;
      else
        INVALID ("An entity can only be upserted or deleted.");

      if (!duka_json_get_int (object, "base_version", 0, G_MAXINT32, &op->base_version, &error))
        INVALID ("%s", error->message);

      if (op->action == ACTION_UPSERT && op->base_version > 0)
        {
          g_autofree char *why = check_fields (json_object_get_member (object, "fields"), &op->fields);

          if (why != NULL)
            INVALID ("%s", why);
        }
    }

  if (op->action != ACTION_DELETE)
    {
      if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
        INVALID ("“data” must be an object.");
      if (!duka_registry_validate (op->kind, json_node_get_object (data), &error))
        INVALID ("%s", error->message);
      op->data = json_object_ref (json_node_get_object (data));
    }

#undef INVALID
}

static gboolean apply_push (DukaRequest  *request,
                            DukaDb       *db,
                            GError      **error);

void
duka_server_handle_push (DukaRequest *request)
{
  JsonNode *ops = json_object_get_member (duka_request_get_body (request), "ops");
  JsonArray *array;
  Push *push;

  if (ops == NULL || !JSON_NODE_HOLDS_ARRAY (ops))
    {
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request", "“ops” must be a list of ops.");
      return;
    }

  array = json_node_get_array (ops);
  if (json_array_get_length (array) > MAX_OPS)
    {
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "too-many-ops",
                         "Push at most %d ops at a time.", MAX_OPS);
      return;
    }

  push = g_new0 (Push, 1);
  push->ops = g_array_sized_new (FALSE, TRUE, sizeof (Op), json_array_get_length (array));
  g_array_set_clear_func (push->ops, (GDestroyNotify) op_clear);
  g_array_set_size (push->ops, json_array_get_length (array));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          push_free (push);
          duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                             "Op %u is not an object.", i + 1);
          return;
        }
      parse_op (request, json_node_get_object (element), &g_array_index (push->ops, Op, i));
    }

  duka_request_run (request, apply_push, push, push_free);
}

/* Applying, on a worker */

static JsonObject *
result_new (const char *status)
{
  JsonObject *result = json_object_new ();

  json_object_set_string_member (result, "status", status);
  return result;
}

static JsonObject *
rejected (const char *reason,
          const char *message)
{
  JsonObject *result = result_new ("rejected");

  json_object_set_string_member (result, "reason", reason);
  if (message != NULL)
    json_object_set_string_member (result, "message", message);
  return result;
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return duka_json_to_string (node);
}

static JsonObject *
object_from_string (const char *text)
{
  g_autoptr(JsonNode) node = duka_json_from_string (text);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node)) : json_object_new ();
}

/* Notes the SKU and barcodes a product or variant holds once this push
 * applied it, for duka_server_detect_duplicates(): known here, so the
 * check needs no query to find them. */
static void
note_keys (DukaRequest *request,
           Op          *op,
           JsonObject  *data)
{
  Push *push = request->data;
  const char *sku;
  JsonNode *barcodes;

  if ((!g_str_equal (op->kind->name, "product") && !g_str_equal (op->kind->name, "variant")) ||
      json_object_get_boolean_member_with_default (data, "deleted", FALSE))
    return;

  sku = json_object_get_string_member_with_default (data, "sku", NULL);
  if (sku != NULL && sku[0] != '\0')
    g_ptr_array_add (push->keys, g_strconcat ("s", sku, NULL));

  barcodes = json_object_get_member (data, "barcodes");
  if (barcodes != NULL && JSON_NODE_HOLDS_ARRAY (barcodes))
    {
      JsonArray *array = json_node_get_array (barcodes);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (push->keys, g_strconcat ("b", json_node_get_string (element), NULL));
        }
    }
}

static gboolean
create_entity (DukaRequest  *request,
               DukaDb       *db,
               Op           *op,
               gboolean     *created,
               GError      **error)
{
  g_autoptr(JsonObject) versions = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (op->data);
  g_autofree char *data_text = object_to_string (op->data);
  g_autofree char *versions_text = NULL;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, request->now);
  gboolean deleted = json_object_get_boolean_member_with_default (op->data, "deleted", FALSE);
  g_autoptr(PGresult) result = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_int_member (versions, l->data, 1);
  versions_text = object_to_string (versions);

  result = duka_db_queryv (db, error,
                           "INSERT INTO entities (tenant_id, entity_id, kind, version, deleted, data,"
                           "                      field_versions, updated_at, updated_by_device)"
                           " VALUES ($1, $2, $3, 1, $4::boolean, $5::jsonb, $6::jsonb, $7::bigint, $8)"
                           " ON CONFLICT (tenant_id, entity_id) DO NOTHING RETURNING 1",
                           request->tenant_id, op->id, op->kind->name, deleted ? "t" : "f",
                           data_text, versions_text, now, duka_request_get_claim (request, "sub"));
  if (result == NULL)
    return FALSE;

  *created = PQntuples (result) == 1;
  return TRUE;
}

static JsonObject *
current_record (PGresult *row,
                Op       *op)
{
  JsonObject *current = json_object_new ();

  json_object_set_string_member (current, "kind", PQgetvalue (row, 0, 0));
  json_object_set_string_member (current, "id", op->id);
  json_object_set_int_member (current, "version", g_ascii_strtoll (PQgetvalue (row, 0, 1), NULL, 10));
  json_object_set_boolean_member (current, "deleted", g_str_equal (PQgetvalue (row, 0, 2), "t"));
  json_object_set_object_member (current, "data", object_from_string (PQgetvalue (row, 0, 3)));
  return current;
}

/* The one conflict rule (PROTOCOL.md): applied when every changed field
 * last changed at or before the version the person edited from. */
static JsonObject *
change_entity (DukaRequest  *request,
               DukaDb       *db,
               Op           *op,
               PGresult     *row,
               GError      **error)
{
  gint64 version = g_ascii_strtoll (PQgetvalue (row, 0, 1), NULL, 10);
  g_autoptr(JsonObject) data = object_from_string (PQgetvalue (row, 0, 3));
  g_autoptr(JsonObject) versions = object_from_string (PQgetvalue (row, 0, 4));
  const char * const delete_fields[] = { "deleted", NULL };
  const char * const *fields;
  g_autofree char *new_version = NULL;
  g_autofree char *data_text = NULL;
  g_autofree char *versions_text = NULL;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, request->now);
  g_autoptr(PGresult) updated = NULL;
  JsonObject *result;

  if (!g_str_equal (PQgetvalue (row, 0, 0), op->kind->name))
    return rejected ("kind-mismatch", "A record of another kind has this id.");

  if (op->action == ACTION_UPSERT && op->base_version == 0)
    {
      result = rejected ("conflict", "This record already exists.");
      json_object_set_object_member (result, "current", current_record (row, op));
      return result;
    }

  fields = op->action == ACTION_DELETE ? delete_fields : (const char * const *) op->fields;
  for (guint i = 0; fields[i] != NULL; i++)
    if (json_object_get_int_member_with_default (versions, fields[i], 0) > op->base_version)
      {
        result = rejected ("conflict", "Someone else changed this record first.");
        json_object_set_object_member (result, "current", current_record (row, op));
        return result;
      }

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (op->action == ACTION_DELETE)
        json_object_set_boolean_member (data, "deleted", TRUE);
      else if (json_object_has_member (op->data, fields[i]))
        json_object_set_member (data, fields[i],
                                json_node_copy (json_object_get_member (op->data, fields[i])));
      else
        json_object_remove_member (data, fields[i]);
      json_object_set_int_member (versions, fields[i], version + 1);
    }

  new_version = g_strdup_printf ("%" G_GINT64_FORMAT, version + 1);
  data_text = object_to_string (data);
  versions_text = object_to_string (versions);
  updated = duka_db_queryv (db, error,
                            "UPDATE entities SET version = $3::int, deleted = $4::boolean, data = $5::jsonb,"
                            "       field_versions = $6::jsonb, updated_at = $7::bigint, updated_by_device = $8,"
                            "       feed_xid = pg_current_xact_id (), feed_pos = nextval ('feed_positions')"
                            " WHERE tenant_id = $1 AND entity_id = $2",
                            request->tenant_id, op->id, new_version,
                            json_object_get_boolean_member_with_default (data, "deleted", FALSE) ? "t" : "f",
                            data_text, versions_text, now, duka_request_get_claim (request, "sub"));
  if (updated == NULL)
    return NULL;

  note_keys (request, op, data);
  result = result_new ("applied");
  json_object_set_int_member (result, "version", version + 1);
  return result;
}

static JsonObject *
apply_entity (DukaRequest  *request,
              DukaDb       *db,
              Op           *op,
              GError      **error)
{
  /* Twice at most: a create that loses a race becomes a change. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(PGresult) row = NULL;
      gboolean created = FALSE;

      row = duka_db_queryv (db, error,
                            "SELECT kind, version, deleted, data, field_versions FROM entities"
                            " WHERE tenant_id = $1 AND entity_id = $2 FOR UPDATE",
                            request->tenant_id, op->id);
      if (row == NULL)
        return NULL;

      if (PQntuples (row) == 1)
        return change_entity (request, db, op, row, error);

      if (op->action == ACTION_DELETE || op->base_version != 0)
        return rejected ("unknown-entity", "There is no such record on the server.");

      if (!create_entity (request, db, op, &created, error))
        return NULL;
      if (created)
        {
          JsonObject *result = result_new ("applied");

          note_keys (request, op, op->data);
          json_object_set_int_member (result, "version", 1);
          return result;
        }
    }

  g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_DATABASE, "entity %s vanished", op->id);
  return NULL;
}

static JsonObject *
apply_fact (DukaRequest  *request,
            DukaDb       *db,
            Op           *op,
            GError      **error)
{
  g_autofree char *data_text = object_to_string (op->data);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, request->now);
  g_autoptr(PGresult) result = NULL;

  /* Facts are written once: the same id again is a duplicate. */
  result = duka_db_queryv (db, error,
                           "INSERT INTO facts (tenant_id, fact_id, kind, data, device_id, business_date, received_at)"
                           " VALUES ($1, $2, $3, $4::jsonb, $5, $6::date, $7::bigint)"
                           " ON CONFLICT (tenant_id, fact_id) DO NOTHING RETURNING 1",
                           request->tenant_id, op->id, op->kind->name, data_text,
                           duka_request_get_claim (request, "sub"), op->business_date, now);
  if (result == NULL)
    return NULL;

  return result_new (PQntuples (result) == 1 ? "applied" : "duplicate");
}

/* Returns the stored answer to an op, or NULL when this is its first
 * arrival (the op_id is now claimed for good). */
static gboolean
claim_op (DukaRequest  *request,
          DukaDb       *db,
          Op           *op,
          JsonObject  **stored,
          GError      **error)
{
  g_autoptr(PGresult) claimed = NULL;
  g_autoptr(PGresult) previous = NULL;

  claimed = duka_db_queryv (db, error,
                            "INSERT INTO ops (tenant_id, op_id, kind, record_id, device_id)"
                            " VALUES ($1, $2, $3, $4, $5)"
                            " ON CONFLICT (tenant_id, op_id) DO NOTHING RETURNING 1",
                            request->tenant_id, op->op_id, op->kind->name, op->id,
                            duka_request_get_claim (request, "sub"));
  if (claimed == NULL)
    return FALSE;

  *stored = NULL;
  if (PQntuples (claimed) == 1)
    return TRUE;

  previous = duka_db_queryv (db, error,
                             "SELECT result FROM ops WHERE tenant_id = $1 AND op_id = $2",
                             request->tenant_id, op->op_id);
  if (previous == NULL)
    return FALSE;

  *stored = object_from_string (PQgetvalue (previous, 0, 0));
  return TRUE;
}

static JsonObject *
apply_op (DukaRequest  *request,
          DukaDb       *db,
          Op           *op,
          GError      **error)
{
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *result_text = NULL;
  g_autoptr(PGresult) recorded = NULL;
  JsonObject *result;

  if (op->invalid != NULL)
    return rejected ("invalid", op->invalid);

  if (!claim_op (request, db, op, &stored, error))
    return NULL;

  if (stored != NULL)
    {
      result = result_new ("duplicate");
      if (json_object_has_member (stored, "version"))
        json_object_set_int_member (result, "version", json_object_get_int_member (stored, "version"));
      json_object_set_object_member (result, "result", g_steal_pointer (&stored));
      return result;
    }

  result = op->action == ACTION_INSERT ? apply_fact (request, db, op, error)
                                       : apply_entity (request, db, op, error);
  if (result == NULL)
    return NULL;

  /* The answer a retry of this op gets, without "current", which only
   * means something now. */
  {
    g_autoptr(JsonObject) kept = json_object_ref (result);
    g_autoptr(JsonNode) current = json_object_dup_member (kept, "current");

    json_object_remove_member (kept, "current");
    result_text = object_to_string (kept);
    if (current != NULL)
      json_object_set_member (kept, "current", g_steal_pointer (&current));
  }

  recorded = duka_db_queryv (db, error,
                             "UPDATE ops SET result = $3::jsonb WHERE tenant_id = $1 AND op_id = $2",
                             request->tenant_id, op->op_id, result_text);
  if (recorded == NULL)
    {
      json_object_unref (result);
      return NULL;
    }

  return result;
}

static gboolean
apply_push (DukaRequest  *request,
            DukaDb       *db,
            GError      **error)
{
  Push *push = request->data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  /* A retried transaction starts over. */
  push->wrote = FALSE;
  g_clear_pointer (&push->keys, g_ptr_array_unref);
  push->keys = g_ptr_array_new_with_free_func (g_free);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);

  for (guint i = 0; i < push->ops->len; i++)
    {
      Op *op = &g_array_index (push->ops, Op, i);
      g_autoptr(JsonObject) result = apply_op (request, db, op, error);
      g_autoptr(JsonNode) node = NULL;

      if (result == NULL)
        return FALSE;
      if (g_strcmp0 (json_object_get_string_member_with_default (result, "status", NULL), "applied") == 0)
        push->wrote = TRUE;

      json_object_set_member (result, "op_id", op->op_id != NULL ? json_node_init_string (json_node_alloc (), op->op_id)
                                                                 : json_node_init_null (json_node_alloc ()));
      node = json_node_init_object (json_node_alloc (), result);
      json_builder_add_value (builder, g_steal_pointer (&node));
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  {
    gboolean recorded;

    if (!duka_server_detect_duplicates (request, db, push->keys, &recorded, error))
      return FALSE;
  }

  /* Live sockets hear of it once this commits: the cursor of the newest
   * row written here, so a till that already has it need not pull. */
  if (push->wrote)
    {
      g_autoptr(PGresult) position = NULL;
      g_autofree char *event = NULL;

      position = duka_db_query (db, "SELECT pg_current_xact_id ()::text, currval ('feed_positions')::text",
                                0, NULL, error);
      if (position == NULL)
        return FALSE;
      event = g_strdup_printf ("feed %s %s.%s", request->tenant_id,
                               PQgetvalue (position, 0, 0), PQgetvalue (position, 0, 1));
      duka_request_after_commit (request, event);
    }

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

/* Pull */

typedef struct
{
  char   *xid;
  char   *pos;
  gint64  limit;
} Pull;

static void
pull_free (gpointer data)
{
  Pull *pull = data;

  g_free (pull->xid);
  g_free (pull->pos);
  g_free (pull);
}

/* A cursor is "XID.POS" (see API.md); "0" is the start of the feed. */
static gboolean
parse_cursor (const char *text,
              Pull       *pull)
{
  g_auto(GStrv) parts = NULL;
  guint64 xid, pos;

  if (text == NULL || g_str_equal (text, "0"))
    {
      pull->xid = g_strdup ("0");
      pull->pos = g_strdup ("0");
      return TRUE;
    }

  parts = g_strsplit (text, ".", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &xid, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &pos, NULL))
    return FALSE;

  pull->xid = g_strdup_printf ("%" G_GUINT64_FORMAT, xid);
  pull->pos = g_strdup_printf ("%" G_GUINT64_FORMAT, pos);
  return TRUE;
}

static gboolean
read_feed (DukaRequest  *request,
           DukaDb       *db,
           GError      **error)
{
  Pull *pull = request->data;
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, pull->limit);
  g_autofree char *next = g_strdup_printf ("%s.%s", pull->xid, pull->pos);
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int n;

  /* Only rows of transactions older than every running one: whatever
   * commits later has a larger xid than any row shown here, so it sorts
   * after every cursor handed out.  One statement, one snapshot. */
  rows = duka_db_queryv (db, error,
                         "WITH horizon AS (SELECT pg_snapshot_xmin (pg_current_snapshot ()) AS xmin)"
                         "(SELECT 'entity', kind, entity_id, version, deleted, data, updated_at,"
                         "        updated_by_device, NULL::date, feed_xid, feed_pos"
                         "   FROM entities, horizon"
                         "  WHERE tenant_id = $1 AND (feed_xid, feed_pos) > ($2::xid8, $3::bigint)"
                         "    AND feed_xid < horizon.xmin"
                         "  ORDER BY feed_xid, feed_pos LIMIT $4::int)"
                         " UNION ALL "
                         "(SELECT 'fact', kind, fact_id, NULL, false, data, received_at,"
                         "        device_id, business_date, feed_xid, feed_pos"
                         "   FROM facts, horizon"
                         "  WHERE tenant_id = $1 AND (feed_xid, feed_pos) > ($2::xid8, $3::bigint)"
                         "    AND feed_xid < horizon.xmin"
                         "  ORDER BY feed_xid, feed_pos LIMIT $4::int)"
                         " UNION ALL "
                         /* Exception facts the server recorded itself. */
                         "(SELECT 'fact', 'exception', exception_id, NULL, false, data, detected_at,"
                         "        NULL::uuid, NULL::date, feed_xid, feed_pos"
                         "   FROM exceptions, horizon"
                         "  WHERE tenant_id = $1 AND (feed_xid, feed_pos) > ($2::xid8, $3::bigint)"
                         "    AND feed_xid < horizon.xmin"
                         "  ORDER BY feed_xid, feed_pos LIMIT $4::int)"
                         " ORDER BY 10, 11 LIMIT $4::int",
                         request->tenant_id, pull->xid, pull->pos, limit);
  if (rows == NULL)
    return FALSE;

  n = PQntuples (rows);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (int i = 0; i < n; i++)
    {
      gboolean is_entity = g_str_equal (PQgetvalue (rows, i, 0), "entity");

      json_builder_begin_object (builder);
      add_string (builder, "kind", PQgetvalue (rows, i, 1));
      add_string (builder, "id", PQgetvalue (rows, i, 2));
      if (is_entity)
        {
          json_builder_set_member_name (builder, "version");
          json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, i, 3), NULL, 10));
          json_builder_set_member_name (builder, "deleted");
          json_builder_add_boolean_value (builder, g_str_equal (PQgetvalue (rows, i, 4), "t"));
        }
      json_builder_set_member_name (builder, "data");
      json_builder_add_value (builder, duka_json_from_string (PQgetvalue (rows, i, 5)));
      json_builder_set_member_name (builder, "updated_at");
      json_builder_add_int_value (builder, g_ascii_strtoll (PQgetvalue (rows, i, 6), NULL, 10));
      add_string (builder, is_entity ? "updated_by_device" : "device_id",
                  PQgetisnull (rows, i, 7) ? NULL : PQgetvalue (rows, i, 7));
      if (!is_entity)
        add_string (builder, "business_date", PQgetisnull (rows, i, 8) ? NULL : PQgetvalue (rows, i, 8));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (n > 0)
    {
      g_free (next);
      next = g_strdup_printf ("%s.%s", PQgetvalue (rows, n - 1, 9), PQgetvalue (rows, n - 1, 10));
    }
  add_string (builder, "next", next);
  json_builder_set_member_name (builder, "more");
  json_builder_add_boolean_value (builder, n == pull->limit);
  json_builder_end_object (builder);

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

void
duka_server_handle_pull (DukaRequest *request)
{
  const char *since = request->query != NULL ? g_hash_table_lookup (request->query, "since") : NULL;
  const char *limit = request->query != NULL ? g_hash_table_lookup (request->query, "limit") : NULL;
  Pull *pull = g_new0 (Pull, 1);
  guint64 n = PULL_LIMIT_DEFAULT;

  if (!parse_cursor (since, pull) ||
      (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 1, PULL_LIMIT_MAX, &n, NULL)))
    {
      pull_free (pull);
      duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                         "“since” must be a cursor from an earlier pull and “limit” 1 to %d.",
                         PULL_LIMIT_MAX);
      return;
    }

  pull->limit = n;
  duka_request_run (request, read_feed, pull, pull_free);
}
