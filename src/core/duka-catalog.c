/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalog: categories, products, variants, modifier groups, combos,
 * taxes, stations, price rules and menus.  Every record is checked against
 * the registry and the catalog's own rules, written with its outbox op in
 * one transaction on the writer, and announced through the store's change
 * signal.
 *
 * duka-catalog.c          the object, reading, the categories model, saving
 * duka-catalog-checks.c   normalising input and the catalog's own rules
 * duka-catalog-search.c   derived rows (search keys, barcodes, words), search
 * duka-catalog-images.c   pictures, stored by content hash
 * duka-catalog-verify.c   finding derived rows out of step with records
 */
#include <glib/gi18n-lib.h>

#include "duka-catalog.h"
#include "duka-catalog-private.h"
#include "duka-entities.h"
#include "duka-id.h"
#include "duka-outbox.h"
#include "duka-permissions.h"
#include "duka-registry.h"
#include "duka-store-private.h"

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
JsonArray *
duka_catalog_get_array (JsonObject *object,
                        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Sets a DUKA_CATALOG_ERROR; returns FALSE so a check can end with it. */
gboolean
duka_catalog_refuse (GError     **error,
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
      duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID, _("“%s” is not part of the catalog"), kind);
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
        duka_catalog_refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND, _("This item no longer exists"));
    }

  return record;
}

GPtrArray *
duka_catalog_list (DukaCatalog  *self,
                   const char   *kind,
                   GError      **error)
{
  const DukaKindSpec *spec = catalog_kind (kind, error);
  GPtrArray *records;
  sqlite3 *db;

  if (spec == NULL)
    return NULL;
  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;

  records = duka_entities_list (db, spec, error);
  duka_store_release_reader (self->store, db);

  return records;
}

/* Categories are few (hundreds): the whole tree is rebuilt whenever one
 * changes. */
static void
reload_categories (DukaCatalog *self)
{
  g_autoptr(GPtrArray) all = duka_catalog_list (self, "category", NULL);

  if (all != NULL)
    duka_catalog_replace_category_tree (self->categories, all);
}

GListModel *
duka_catalog_get_categories (DukaCatalog *self)
{
  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  return G_LIST_MODEL (self->categories);
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

/* Copies @from's members into @into; with @skip_meta, not the "version"
 * and "deleted" a caller may have sent, which only the save decides. */
static void
copy_members (JsonObject *into,
              JsonObject *from,
              gboolean    skip_meta)
{
  g_autoptr(GList) members = json_object_get_members (from);

  for (GList *l = members; l != NULL; l = l->next)
    if (!skip_meta || (!g_str_equal (l->data, "version") && !g_str_equal (l->data, "deleted")))
      json_object_set_member (into, l->data,
                              json_node_copy (json_object_get_member (from, l->data)));
}

/* The outbox op for the row just written: the record without its id and
 * version, marked "deleted" only when it is. */
static gboolean
append_op (sqlite3     *db,
           SaveJob     *job,
           JsonObject  *merged,
           gint64       base_version,
           char       **fields,
           const char  *device,
           GError     **error)
{
  DukaOp op = { 0 };

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
save_in_writer (DukaStore  *store,
                sqlite3    *db,
                gpointer    user_data,
                GError    **error)
{
  SaveJob *job = user_data;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *device = NULL;
  g_auto(GStrv) fields = NULL;
  gint64 base_version = 0;

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
        return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_CHANGED,
                                    _("Someone else changed this while you were editing it. "
                                      "Open it again to see their changes."));
      copy_members (merged, current, FALSE);
    }
  else if (job->delete)
    return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_NOT_FOUND, _("This item no longer exists"));

  copy_members (merged, job->changes, TRUE);
  json_object_set_string_member (merged, "id", job->id);

  if (!job->delete)
    {
      if (!duka_registry_validate (job->spec, merged, &local_error))
        return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID, "%s", local_error->message);
      if (!duka_catalog_check_rules (db, job->spec, job->id, merged, error))
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
  return duka_entities_write (db, job->spec, job->id, merged, base_version + 1, job->delete,
                              device, job->now, error) &&
         duka_catalog_write_derived_full (db, job->spec->name, job->id, merged, job->delete,
                                          !job->defer_search, error) &&
         append_op (db, job, merged, base_version, fields, device, error);
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
  const char *id;

  job->spec = catalog_kind (kind, error);
  if (job->spec == NULL)
    return FALSE;

  job->changes = json_object_new ();
  copy_members (job->changes, record, FALSE);
  if (!duka_catalog_normalize_record (job->spec, job->changes, error))
    return FALSE;

  id = json_object_get_string_member_with_default (record, "id", NULL);
  if (id != NULL && !duka_id_is_valid (id))
    return duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID, _("“%s” is not a valid id"), id);

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

typedef struct
{
  const DukaActor       *actor;
  const DukaCatalogEdit *edits;
  guint                  n_edits;
  gint64                 now;
  guint                  failed;
} EditsJob;

static gboolean
save_edits_in_writer (DukaStore  *store,
                      sqlite3    *db,
                      gpointer    user_data,
                      GError    **error)
{
  EditsJob *job = user_data;

  for (guint i = 0; i < job->n_edits; i++)
    {
      const DukaCatalogEdit *edit = &job->edits[i];
      gboolean ok;

      job->failed = i;
      if (edit->delete)
        ok = duka_catalog_delete_in_transaction (db, job->actor, edit->kind,
                                                 json_object_get_string_member_with_default (edit->record, "id", ""),
                                                 job->now, error);
      else
        ok = duka_catalog_save_in_transaction (db, job->actor, edit->kind, edit->record,
                                               job->now, DUKA_CATALOG_SAVE_DEFAULT, NULL, NULL, error);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/**
 * duka_catalog_save_edits:
 * @failed_edit: (out) (optional): on error, the index of the edit refused
 *
 * Saves an item with its variants (say) as one change: every edit is
 * checked as duka_catalog_save() would, and either all are written with
 * their ops, or none.
 */
gboolean
duka_catalog_save_edits (DukaCatalog           *self,
                         const DukaActor       *actor,
                         const DukaCatalogEdit *edits,
                         guint                  n_edits,
                         guint                 *failed_edit,
                         GError               **error)
{
  EditsJob job = { actor, edits, n_edits, 0, 0 };

  g_return_val_if_fail (DUKA_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;

  job.now = duka_clock_now (duka_store_get_clock (self->store));
  if (duka_store_write (self->store, save_edits_in_writer, &job, error))
    return TRUE;

  if (failed_edit != NULL)
    *failed_edit = job.failed;
  return FALSE;
}

/**
 * duka_catalog_list_variants:
 *
 * Returns: (transfer full) (element-type JsonObject): the live variants of
 *   a product, in their order
 */
GPtrArray *
duka_catalog_list_variants (DukaCatalog  *self,
                            const char   *product_id,
                            GError      **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const DukaKindSpec *spec = duka_registry_lookup ("variant");
  sqlite3_stmt *stmt;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  db = duka_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;
  stmt = duka_store_prepare_cached (db, "SELECT id FROM variant WHERE product_id = ?1"
                                        " AND deleted = 0 ORDER BY position, name", error);
  if (stmt == NULL)
    {
      duka_store_release_reader (self->store, db);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, product_id, -1, SQLITE_TRANSIENT);
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
