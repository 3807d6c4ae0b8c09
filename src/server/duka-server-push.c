/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Push (src/sync/PROTOCOL.md), a batch at a time.  Ops are checked against
 * the registry in C before any SQL (on the worker), so a bad op is
 * answered "rejected" without aborting the batch's transaction: no
 * savepoint per op.  Then a batch costs two to four statements, whatever
 * its size:
 *
 *   1. read: the stored answers of op ids seen before, and the entities
 *      the batch touches, locked in id order
 *   2. (in C) the conflict rule, op by op in order, over those rows
 *   3. write: one statement of INSERT … SELECT FROM unnest($n::type[])
 *      for created entities, facts and op ids (ON CONFLICT DO NOTHING
 *      RETURNING) and one UPDATE … FROM unnest() for changed entities
 *   4. when the batch wrote them, one call each for the SKUs and barcodes
 *      of products and variants and for the receipt series of chained
 *      facts (duka-server-exceptions.c)
 *
 * An op id is applied at most once per tenant, forever: if a concurrent
 * push claimed one of ours (or created one of our new records) between 1
 * and 3, step 3 sees it and the whole transaction starts over, and then
 * finds that push's stored answer in step 1.
 */
#include <string.h>

#include "duka-id.h"
#include "duka-registry.h"
#include "duka-server-private.h"

#define MAX_OPS 500

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
  /* Facts: members copied into columns of their own (schema/0005) */
  char               *outlet_id;
  char               *till_id;
  char               *series_id;
  char               *seq;
  char               *prev_hash;
  char               *hash;

  /* Per attempt of the transaction */
  int                 same_as;   /* an earlier op of the batch with this op_id, or -1 */
  gboolean            fresh;     /* first arrival: applied here and claimed */
  gboolean            first_insert; /* the batch's first insert of its fact */
  JsonObject         *result;    /* the answer, "current" included */
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
  g_free (op->outlet_id);
  g_free (op->till_id);
  g_free (op->series_id);
  g_free (op->seq);
  g_free (op->prev_hash);
  g_free (op->hash);
  g_clear_pointer (&op->result, json_object_unref);
}

/* An entity as this push sees it: the stored row, then each applied op. */
typedef struct
{
  char       *kind;
  gint64      version;   /* 0: no such entity */
  gboolean    deleted;
  JsonObject *data;
  JsonObject *versions;  /* field → version at which it last changed */
  gboolean    created;   /* to INSERT */
  gboolean    changed;   /* to UPDATE */
} Entity;

static void
entity_free (gpointer data)
{
  Entity *entity = data;

  g_free (entity->kind);
  g_clear_pointer (&entity->data, json_object_unref);
  g_clear_pointer (&entity->versions, json_object_unref);
  g_free (entity);
}

typedef struct
{
  JsonArray *elements;  /* the ops as sent, until parsed */
  GArray    *ops;       /* of Op */
  char      *xid;       /* this transaction's id */
  gint64     feed_pos;  /* the newest feed position written, 0: none */
  GPtrArray *keys;      /* SKUs ("s…") and barcodes ("b…") written */
  GPtrArray *links;     /* ids of the chained facts written */
} Push;

static void
push_free (gpointer data)
{
  Push *push = data;

  g_clear_pointer (&push->elements, json_array_unref);
  g_array_unref (push->ops);
  g_free (push->xid);
  g_clear_pointer (&push->keys, g_ptr_array_unref);
  g_clear_pointer (&push->links, g_ptr_array_unref);
  g_free (push);
}

/* Parsing and checking, on the main loop */

gboolean
duka_server_is_date (const char *text)
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

/* A string member of a fact, when its kind has that field in the
 * registry (which validated it) and the fact holds it. */
static char *
fact_member (Op         *op,
             const char *name)
{
  JsonNode *node;

  if (duka_kind_find_field (op->kind, name) == NULL)
    return NULL;

  node = json_object_get_member (op->data, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

/* Copies out what the sales read API and the receipt-series check use;
 * FALSE when the fact's own business date is not a date. */
static gboolean
extract_fact_columns (Op *op)
{
  g_autofree char *business_date = fact_member (op, "business_date");

  /* The fact's own business date wins over the op's. */
  if (business_date != NULL)
    {
      if (!duka_server_is_date (business_date))
        return FALSE;
      g_free (op->business_date);
      op->business_date = g_steal_pointer (&business_date);
    }

  op->outlet_id = fact_member (op, "outlet_id");
  op->till_id = fact_member (op, "till_id");
  op->series_id = fact_member (op, "series_id");
  op->seq = fact_member (op, "seq");
  op->prev_hash = fact_member (op, "prev_hash");
  op->hash = fact_member (op, "hash");
  /* A chain link only with all four. */
  if (op->series_id == NULL || op->seq == NULL || op->prev_hash == NULL || op->hash == NULL)
    {
      g_clear_pointer (&op->series_id, g_free);
      g_clear_pointer (&op->seq, g_free);
      g_clear_pointer (&op->prev_hash, g_free);
      g_clear_pointer (&op->hash, g_free);
    }
  return TRUE;
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
          if (!duka_server_is_date (op->business_date))
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
      if (op->action == ACTION_INSERT && !extract_fact_columns (op))
        INVALID ("“business_date” must be a date like 2026-11-22.");
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

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
      {
        duka_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid-request",
                           "Op %u is not an object.", i + 1);
        return;
      }

  /* The ops are checked on the worker, not here: the main loop only
   * parses and answers, and several batches are checked at once. */
  push = g_new0 (Push, 1);
  push->elements = json_array_ref (array);
  push->ops = g_array_sized_new (FALSE, TRUE, sizeof (Op), json_array_get_length (array));
  g_array_set_clear_func (push->ops, (GDestroyNotify) op_clear);
  duka_request_run (request, apply_push, push, push_free);
}

/* Once per request, on the worker, before its first transaction. */
static void
parse_ops (DukaRequest *request,
           Push        *push)
{
  guint n = json_array_get_length (push->elements);

  g_array_set_size (push->ops, n);
  for (guint i = 0; i < n; i++)
    parse_op (request, json_array_get_object_element (push->elements, i), &g_array_index (push->ops, Op, i));
  g_clear_pointer (&push->elements, json_array_unref);
}

/* Answers */

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

static JsonObject *
applied (gint64 version)
{
  JsonObject *result = result_new ("applied");

  json_object_set_int_member (result, "version", version);
  return result;
}

/* The answer to a later arrival of an op whose first answer is @stored. */
static JsonObject *
duplicate_of (JsonObject *stored)
{
  JsonObject *result = result_new ("duplicate");

  if (json_object_has_member (stored, "version"))
    json_object_set_int_member (result, "version", json_object_get_int_member (stored, "version"));
  json_object_set_object_member (result, "result", json_object_ref (stored));
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

/* A copy whose members can be set and removed without touching
 * @object; the members' values are shared, and never changed. */
static JsonObject *
object_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_object_dup_member (object, l->data));
  return copy;
}

/* The answer a retry of this op gets: without "current", which only means
 * something now. */
static char *
kept_answer (JsonObject *result)
{
  g_autoptr(JsonObject) kept = object_copy (result);

  json_object_remove_member (kept, "current");
  return object_to_string (kept);
}

static void
note_position (Push       *push,
               const char *position)
{
  push->feed_pos = MAX (push->feed_pos, g_ascii_strtoll (position, NULL, 10));
}

/* 1. Reading */

/* Marks ops repeated within the batch; fills in the stored answer of
 * every op id a push committed before (the rest are fresh) and @entities
 * with the rows of the entities the batch names, locked. */
static gboolean
read_batch (DukaRequest  *request,
            DukaDb       *db,
            GHashTable   *entities,
            GError      **error)
{
  Push *push = request->data;
  g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_op_id = g_hash_table_new (g_str_hash, g_str_equal);
  GString *op_ids = duka_db_array_new (), *entity_ids = duka_db_array_new ();
  g_autofree char *op_ids_text = NULL, *entity_ids_text = NULL;
  g_autoptr(PGresult) rows = NULL;

  for (guint i = 0; i < push->ops->len; i++)
    {
      Op *op = &g_array_index (push->ops, Op, i);
      gpointer earlier;

      op->same_as = -1;
      op->fresh = FALSE;
      op->first_insert = FALSE;
      g_clear_pointer (&op->result, json_object_unref);
      if (op->invalid != NULL)
        continue;

      if (g_hash_table_lookup_extended (first, op->op_id, NULL, &earlier))
        {
          op->same_as = GPOINTER_TO_INT (earlier);
          continue;
        }
      g_hash_table_insert (first, op->op_id, GINT_TO_POINTER (i));
      g_hash_table_insert (by_op_id, op->op_id, op);
      op->fresh = TRUE;
      duka_db_array_append (op_ids, op->op_id);

      if (op->action != ACTION_INSERT && !g_hash_table_contains (entities, op->id))
        {
          g_hash_table_insert (entities, g_strdup (op->id), g_new0 (Entity, 1));
          duka_db_array_append (entity_ids, op->id);
        }
    }
  op_ids_text = duka_db_array_end (op_ids);
  entity_ids_text = duka_db_array_end (entity_ids);

  /* One statement, run in this order: the transaction's id first (not at
   * its first write, which may wait for a lock), so that whatever a later
   * push commits meanwhile stays out of the feed until this one is done
   * (API.md, the change feed); then the op ids seen before; then the
   * entities, locked in id order so that pushes touching the same records
   * wait rather than deadlock. */
  rows = duka_db_queryv (db, error,
                         "WITH locked AS MATERIALIZED ("
                         "  SELECT entity_id, kind, version, deleted, data, field_versions FROM entities"
                         "   WHERE tenant_id = $1 AND entity_id = ANY ($3::uuid[])"
                         "   ORDER BY entity_id FOR UPDATE)"
                         " SELECT 'x', pg_current_xact_id ()::text, NULL, NULL, NULL, NULL, NULL"
                         " UNION ALL "
                         "SELECT 'o', op_id::text, result::text, NULL, NULL, NULL, NULL FROM ops"
                         " WHERE tenant_id = $1 AND op_id = ANY ($2::uuid[])"
                         " UNION ALL "
                         "SELECT 'e', entity_id::text, kind, version::text, deleted::text, data::text,"
                         "       field_versions::text FROM locked",
                         request->tenant_id, op_ids_text, entity_ids_text);
  if (rows == NULL)
    return FALSE;

  for (int r = 0; r < PQntuples (rows); r++)
    {
      const char *what = PQgetvalue (rows, r, 0);

      if (what[0] == 'x')
        {
          g_free (push->xid);
          push->xid = g_strdup (PQgetvalue (rows, r, 1));
        }
      else if (what[0] == 'o')
        {
          Op *op = g_hash_table_lookup (by_op_id, PQgetvalue (rows, r, 1));
          g_autoptr(JsonObject) stored = object_from_string (PQgetvalue (rows, r, 2));

          op->fresh = FALSE;
          op->result = duplicate_of (stored);
        }
      else
        {
          Entity *entity = g_hash_table_lookup (entities, PQgetvalue (rows, r, 1));

          entity->kind = g_strdup (PQgetvalue (rows, r, 2));
          entity->version = g_ascii_strtoll (PQgetvalue (rows, r, 3), NULL, 10);
          entity->deleted = g_str_equal (PQgetvalue (rows, r, 4), "true");
          entity->data = object_from_string (PQgetvalue (rows, r, 5));
          entity->versions = object_from_string (PQgetvalue (rows, r, 6));
        }
    }

  return TRUE;
}

/* 2. The conflict rule, in C */

static JsonObject *
current_record (Entity     *entity,
                const char *id)
{
  JsonObject *current = json_object_new ();

  json_object_set_string_member (current, "kind", entity->kind);
  json_object_set_string_member (current, "id", id);
  json_object_set_int_member (current, "version", entity->version);
  json_object_set_boolean_member (current, "deleted", entity->deleted);
  json_object_set_object_member (current, "data", object_copy (entity->data));
  return current;
}

static JsonObject *
conflict (Entity     *entity,
          Op         *op,
          const char *message)
{
  JsonObject *result = rejected ("conflict", message);

  json_object_set_object_member (result, "current", current_record (entity, op->id));
  return result;
}

/* The one conflict rule (PROTOCOL.md): applied when every changed field
 * last changed at or before the version the person edited from. */
static JsonObject *
apply_rule (Entity *entity,
            Op     *op)
{
  const char * const delete_fields[] = { "deleted", NULL };
  const char * const *fields;

  if (entity->version == 0)
    {
      g_autoptr(GList) members = NULL;

      if (op->action == ACTION_DELETE || op->base_version != 0)
        return rejected ("unknown-entity", "There is no such record on the server.");

      g_free (entity->kind);
      entity->kind = g_strdup (op->kind->name);
      entity->version = 1;
      entity->data = object_copy (op->data);
      entity->deleted = json_object_get_boolean_member_with_default (op->data, "deleted", FALSE);
      entity->versions = json_object_new ();
      members = json_object_get_members (op->data);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_int_member (entity->versions, l->data, 1);
      entity->created = TRUE;
      return applied (1);
    }

  if (!g_str_equal (entity->kind, op->kind->name))
    return rejected ("kind-mismatch", "A record of another kind has this id.");

  if (op->action == ACTION_UPSERT && op->base_version == 0)
    return conflict (entity, op, "This record already exists.");

  fields = op->action == ACTION_DELETE ? delete_fields : (const char * const *) op->fields;
  for (guint i = 0; fields[i] != NULL; i++)
    if (json_object_get_int_member_with_default (entity->versions, fields[i], 0) > op->base_version)
      return conflict (entity, op, "Someone else changed this record first.");

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (op->action == ACTION_DELETE)
        json_object_set_boolean_member (entity->data, "deleted", TRUE);
      else if (json_object_has_member (op->data, fields[i]))
        json_object_set_member (entity->data, fields[i], json_object_dup_member (op->data, fields[i]));
      else
        json_object_remove_member (entity->data, fields[i]);
      json_object_set_int_member (entity->versions, fields[i], entity->version + 1);
    }

  entity->version++;
  entity->deleted = json_object_get_boolean_member_with_default (entity->data, "deleted", FALSE);
  if (!entity->created)
    entity->changed = TRUE;
  return applied (entity->version);
}

/* Notes the SKU and barcodes a product or variant holds once this push
 * wrote it, for duka_detect_duplicates(): known here, so the check needs
 * no query to find them. */
static void
note_keys (Push   *push,
           Entity *entity)
{
  const char *sku;
  JsonNode *barcodes;

  if ((!g_str_equal (entity->kind, "product") && !g_str_equal (entity->kind, "variant")) ||
      entity->deleted)
    return;

  sku = json_object_get_string_member_with_default (entity->data, "sku", NULL);
  if (sku != NULL && sku[0] != '\0')
    g_ptr_array_add (push->keys, g_strconcat ("s", sku, NULL));

  barcodes = json_object_get_member (entity->data, "barcodes");
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

/* 3. Writing: one statement for the whole batch */

/* The statement's array parameters, $4 on. */
enum
{
  NEW_ID, NEW_KIND, NEW_VERSION, NEW_DELETED, NEW_DATA, NEW_FIELDS,
  CHANGED_ID, CHANGED_VERSION, CHANGED_DELETED, CHANGED_DATA, CHANGED_FIELDS,
  FACT_ID, FACT_KIND, FACT_DATA, FACT_DATE,
  OP_ID, OP_KIND, OP_RECORD, OP_RESULT,
  FACT_OUTLET, FACT_TILL, FACT_SERIES, FACT_SEQ, FACT_PREV_HASH, FACT_HASH,
  N_ARRAYS
};

static void
add_entity (GString    **arrays,
            const char  *id,
            Entity      *entity)
{
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, entity->version);
  g_autofree char *data = object_to_string (entity->data);
  g_autofree char *versions = object_to_string (entity->versions);
  guint base;

  if (entity->created)
    {
      duka_db_array_append (arrays[NEW_ID], id);
      duka_db_array_append (arrays[NEW_KIND], entity->kind);
      base = NEW_VERSION;
    }
  else
    {
      duka_db_array_append (arrays[CHANGED_ID], id);
      base = CHANGED_VERSION;
    }
  /* The same four columns follow the id (and kind) in both. */
  duka_db_array_append (arrays[base], version);
  duka_db_array_append (arrays[base + 1], entity->deleted ? "t" : "f");
  duka_db_array_append (arrays[base + 2], data);
  duka_db_array_append (arrays[base + 3], versions);
}

/* Entities created and changed, facts, and the op ids with their answers
 * (a fact's first insert is answered by whether its row went in).  A
 * create whose row another push made meanwhile, or an op id another push
 * claimed meanwhile, means this transaction did something a second time:
 * it starts over, and then finds that push's rows and answers. */
#define WRITE_SQL \
  "WITH created AS (" \
  "  INSERT INTO entities (tenant_id, entity_id, kind, version, deleted, data, field_versions," \
  "                        updated_at, updated_by_device)" \
  "  SELECT $1::uuid, u.id, u.kind, u.version, u.deleted, u.data, u.versions, $2::bigint, $3::uuid" \
  "    FROM unnest ($4::uuid[], $5::text[], $6::int[], $7::boolean[], $8::jsonb[], $9::jsonb[])" \
  "      AS u (id, kind, version, deleted, data, versions)" \
  "  ON CONFLICT (tenant_id, entity_id) DO NOTHING RETURNING feed_pos)," \
  " changed AS (" \
  "  UPDATE entities e SET version = u.version, deleted = u.deleted, data = u.data," \
  "         field_versions = u.versions, updated_at = $2::bigint, updated_by_device = $3::uuid," \
  "         feed_xid = pg_current_xact_id (), feed_pos = nextval ('feed_positions')" \
  "    FROM unnest ($10::uuid[], $11::int[], $12::boolean[], $13::jsonb[], $14::jsonb[])" \
  "      AS u (id, version, deleted, data, versions)" \
  /* The redundant ANY keeps the plan an index lookup per id. */ \
  "   WHERE e.tenant_id = $1 AND e.entity_id = ANY ($10::uuid[]) AND e.entity_id = u.id" \
  "  RETURNING e.feed_pos)," \
  " inserted AS (" \
  "  INSERT INTO facts (tenant_id, fact_id, kind, data, device_id, business_date, received_at," \
  "                     outlet_id, till_id, series_id, seq, prev_hash, hash)" \
  "  SELECT $1::uuid, u.id, u.kind, u.data, $3::uuid, u.business_date, $2::bigint," \
  "         u.outlet_id, u.till_id, u.series_id, u.seq, u.prev_hash, u.hash" \
  "    FROM unnest ($15::uuid[], $16::text[], $17::jsonb[], $18::date[], $23::uuid[], $24::uuid[]," \
  "                 $25::uuid[], $26::bigint[], $27::text[], $28::text[])" \
  "      AS u (id, kind, data, business_date, outlet_id, till_id, series_id, seq, prev_hash, hash)" \
  "  ON CONFLICT (tenant_id, fact_id) DO NOTHING RETURNING fact_id, feed_pos)," \
  " claimed AS (" \
  "  INSERT INTO ops (tenant_id, op_id, kind, record_id, device_id, result)" \
  "  SELECT $1::uuid, u.op_id, u.kind, u.record_id, $3::uuid," \
  "         coalesce (u.result, CASE WHEN u.record_id IN (SELECT fact_id FROM inserted)" \
  "                                  THEN '{\"status\":\"applied\"}' ELSE '{\"status\":\"duplicate\"}' END::jsonb)" \
  "    FROM unnest ($19::uuid[], $20::text[], $21::uuid[], $22::jsonb[]) AS u (op_id, kind, record_id, result)" \
  /* In op id order, so two pushes of the same ops wait, not deadlock. */ \
  "   ORDER BY u.op_id" \
  "  ON CONFLICT (tenant_id, op_id) DO NOTHING RETURNING 1)" \
  " SELECT (SELECT count (*) FROM created), (SELECT count (*) FROM claimed)," \
  "        (SELECT coalesce (string_agg (fact_id::text, ' '), '') FROM inserted)," \
  "        coalesce (greatest ((SELECT max (feed_pos) FROM created), (SELECT max (feed_pos) FROM changed)," \
  "                            (SELECT max (feed_pos) FROM inserted)), 0)"

static gboolean
write_batch (DukaRequest  *request,
             DukaDb       *db,
             GHashTable   *entities,
             GError      **error)
{
  Push *push = request->data;
  GString *arrays[N_ARRAYS];
  g_auto(GStrv) texts = g_new0 (char *, N_ARRAYS + 1);
  guint n_created = 0, n_claimed = 0;
  g_autoptr(GHashTable) facts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) inserted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, request->now);
  g_auto(GStrv) fact_ids = NULL;
  g_autoptr(PGresult) rows = NULL;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < N_ARRAYS; i++)
    arrays[i] = duka_db_array_new ();

  g_hash_table_iter_init (&iter, entities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entity *entity = value;

      if (entity->created || entity->changed)
        {
          add_entity (arrays, key, entity);
          note_keys (push, entity);
          n_created += entity->created;
        }
    }

  for (guint i = 0; i < push->ops->len; i++)
    {
      Op *op = &g_array_index (push->ops, Op, i);
      g_autofree char *answer = NULL;

      if (!op->fresh)
        continue;

      if (op->action == ACTION_INSERT)
        {
          /* The same fact under two op ids: the second is a duplicate. */
          if (g_hash_table_add (facts, op->id))
            {
              g_autofree char *data = object_to_string (op->data);

              op->first_insert = TRUE;
              duka_db_array_append (arrays[FACT_ID], op->id);
              duka_db_array_append (arrays[FACT_KIND], op->kind->name);
              duka_db_array_append (arrays[FACT_DATA], data);
              duka_db_array_append (arrays[FACT_DATE], op->business_date);
              duka_db_array_append (arrays[FACT_OUTLET], op->outlet_id);
              duka_db_array_append (arrays[FACT_TILL], op->till_id);
              duka_db_array_append (arrays[FACT_SERIES], op->series_id);
              duka_db_array_append (arrays[FACT_SEQ], op->seq);
              duka_db_array_append (arrays[FACT_PREV_HASH], op->prev_hash);
              duka_db_array_append (arrays[FACT_HASH], op->hash);
            }
          else
            op->result = result_new ("duplicate");
        }

      answer = op->first_insert ? NULL : kept_answer (op->result);
      duka_db_array_append (arrays[OP_ID], op->op_id);
      duka_db_array_append (arrays[OP_KIND], op->kind->name);
      duka_db_array_append (arrays[OP_RECORD], op->id);
      duka_db_array_append (arrays[OP_RESULT], answer);
      n_claimed++;
    }

  for (guint i = 0; i < N_ARRAYS; i++)
    texts[i] = duka_db_array_end (arrays[i]);

  if (n_claimed == 0)
    return TRUE;

  rows = duka_db_queryv (db, error, WRITE_SQL,
                         request->tenant_id, now, duka_request_get_claim (request, "sub"),
                         texts[0], texts[1], texts[2], texts[3], texts[4], texts[5],
                         texts[6], texts[7], texts[8], texts[9], texts[10],
                         texts[11], texts[12], texts[13], texts[14],
                         texts[15], texts[16], texts[17], texts[18],
                         texts[19], texts[20], texts[21], texts[22], texts[23], texts[24]);
  if (rows == NULL)
    return FALSE;

  if (g_ascii_strtoull (PQgetvalue (rows, 0, 0), NULL, 10) != n_created ||
      g_ascii_strtoull (PQgetvalue (rows, 0, 1), NULL, 10) != n_claimed)
    {
      duka_db_set_retry (db, error, "another push wrote a record or op of this push meanwhile");
      return FALSE;
    }

  fact_ids = g_strsplit (PQgetvalue (rows, 0, 2), " ", -1);
  for (guint i = 0; fact_ids[i] != NULL; i++)
    g_hash_table_add (inserted, fact_ids[i]);
  for (guint i = 0; i < push->ops->len; i++)
    {
      Op *op = &g_array_index (push->ops, Op, i);

      if (!op->first_insert)
        continue;
      op->result = result_new (g_hash_table_contains (inserted, op->id) ? "applied" : "duplicate");
      if (op->series_id != NULL && g_hash_table_contains (inserted, op->id))
        g_ptr_array_add (push->links, op->id);
    }

  note_position (push, PQgetvalue (rows, 0, 3));
  return TRUE;
}

/* 4. Invariants no till can check alone, and the answer */

static gboolean
apply_push (DukaRequest  *request,
            DukaDb       *db,
            GError      **error)
{
  Push *push = request->data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (push->elements != NULL)
    parse_ops (request, push);

  /* A retried transaction starts over. */
  push->feed_pos = 0;
  g_clear_pointer (&push->keys, g_ptr_array_unref);
  push->keys = g_ptr_array_new_with_free_func (g_free);
  g_clear_pointer (&push->links, g_ptr_array_unref);
  push->links = g_ptr_array_new ();

  {
    g_autoptr(GHashTable) entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entity_free);

    if (!read_batch (request, db, entities, error))
      return FALSE;

    for (guint i = 0; i < push->ops->len; i++)
      {
        Op *op = &g_array_index (push->ops, Op, i);

        if (op->fresh && op->action != ACTION_INSERT)
          op->result = apply_rule (g_hash_table_lookup (entities, op->id), op);
      }

    if (!write_batch (request, db, entities, error) ||
        !duka_server_detect_duplicates (request, db, push->keys, &push->feed_pos, error) ||
        !duka_server_check_series (request, db, push->links, &push->feed_pos, error))
      return FALSE;
  }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < push->ops->len; i++)
    {
      Op *op = &g_array_index (push->ops, Op, i);
      g_autoptr(JsonObject) result = NULL;

      if (op->invalid != NULL)
        result = rejected ("invalid", op->invalid);
      else if (op->same_as >= 0)
        {
          /* The same op twice in one batch: the second is a retry of the
           * first, answered as if it came later. */
          Op *earlier = &g_array_index (push->ops, Op, op->same_as);
          g_autofree char *kept = kept_answer (earlier->result);
          g_autoptr(JsonObject) stored = object_from_string (kept);

          result = earlier->fresh ? duplicate_of (stored) : object_copy (earlier->result);
        }
      else
        result = object_copy (op->result);

      json_object_set_member (result, "op_id", op->op_id != NULL ? json_node_init_string (json_node_alloc (), op->op_id)
                                                                 : json_node_init_null (json_node_alloc ()));
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), result));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  /* Live sockets hear of it once this commits: the cursor of the newest
   * row written here, so a till that already has it need not pull. */
  if (push->feed_pos > 0)
    {
      g_autofree char *event = g_strdup_printf ("feed %s %s.%" G_GINT64_FORMAT, request->tenant_id,
                                                push->xid, push->feed_pos);

      duka_request_after_commit (request, event);
    }

  duka_request_respond (request, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}
