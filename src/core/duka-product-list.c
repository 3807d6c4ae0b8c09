/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lazy list of products backed by SQLite.  It holds the ordered rowids
 * of its rows (8 bytes each, so 100,000 products cost 800 KB) and makes
 * DukaProduct objects only for the window being looked at, fetched a page
 * at a time and kept in a bounded cache.  When the store says products
 * changed, rows that stay in place are refreshed in the objects people
 * already see, and a change of membership or order is announced as the
 * smallest items-changed range, so a view keeps its scroll.
 */
#include <gio/gio.h>

#include "duka-catalog-private.h"
#include "duka-product-list.h"
#include "duka-store-private.h"

#define PAGE_SIZE     64
#define CACHE_LIMIT   (PAGE_SIZE * 16)

struct _DukaProductList
{
  GObject      parent_instance;

  DukaCatalog *catalog;
  char        *category_id;
  GArray      *rowids;      /* gint64, in list order */
  GHashTable  *cache;       /* rowid → DukaProduct */
  GQueue       cache_order; /* rowids, oldest first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DukaProductList, duka_product_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GArray *
query_rowids (DukaProductList *self)
{
  DukaStore *store = duka_catalog_get_store (self->catalog);
  GArray *rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  db = duka_store_acquire_reader (store, &error);
  if (db == NULL)
    {
      g_warning ("Could not read the products: %s", error->message);
      return rowids;
    }

  if (self->category_id != NULL)
    /* A category shows its sub-categories' products too: "Drinks"
     * lists hot and cold drinks. */
    stmt = duka_store_prepare_cached (db,
      "WITH RECURSIVE inside (id) AS ("
      "  SELECT ?1"
      "  UNION SELECT c.id FROM category c JOIN inside ON c.parent_id = inside.id"
      "   WHERE c.deleted = 0)"
      " SELECT rowid FROM product WHERE category_id IN inside AND deleted = 0"
      " ORDER BY position, name_key", &error);
  else
    stmt = duka_store_prepare_cached (db,
      "SELECT rowid FROM product WHERE deleted = 0 ORDER BY name_key", &error);

  if (stmt != NULL)
    {
      if (self->category_id != NULL)
        sqlite3_bind_text (stmt, 1, self->category_id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 rowid = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (rowids, rowid);
        }
      duka_store_stmt_done (stmt);
    }
  else
    g_warning ("Could not read the products: %s", error->message);

  duka_store_release_reader (store, db);
  return rowids;
}

static void
cache_insert (DukaProductList *self,
              DukaProduct     *product)
{
  gint64 rowid = duka_product_get_rowid (product);
  gpointer key = GSIZE_TO_POINTER ((gsize) rowid);

  if (!g_hash_table_replace (self->cache, key, product))
    return;
  g_queue_push_tail (&self->cache_order, key);

  while (g_queue_get_length (&self->cache_order) > CACHE_LIMIT)
    g_hash_table_remove (self->cache, g_queue_pop_head (&self->cache_order));
}

static void
fetch_page (DukaProductList *self,
            guint            position)
{
  DukaStore *store = duka_catalog_get_store (self->catalog);
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->rowids->len);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = duka_store_acquire_reader (store, &error);

  if (db == NULL)
    {
      g_warning ("Could not read the products: %s", error->message);
      return;
    }

  for (guint i = start; i < end; i++)
    {
      gint64 rowid = g_array_index (self->rowids, gint64, i);
      DukaProduct *product;

      if (g_hash_table_contains (self->cache, GSIZE_TO_POINTER ((gsize) rowid)))
        continue;
      product = duka_catalog_product_by_rowid (db, rowid, NULL);
      if (product != NULL)
        cache_insert (self, product);
    }

  duka_store_release_reader (store, db);
}

static GType
duka_product_list_get_item_type (GListModel *model)
{
  return DUKA_TYPE_PRODUCT;
}

static guint
duka_product_list_get_n_items (GListModel *model)
{
  return DUKA_PRODUCT_LIST (model)->rowids->len;
}

static gpointer
duka_product_list_get_item (GListModel *model,
                            guint       position)
{
  DukaProductList *self = DUKA_PRODUCT_LIST (model);
  gpointer key;
  DukaProduct *product;

  if (position >= self->rowids->len)
    return NULL;

  key = GSIZE_TO_POINTER ((gsize) g_array_index (self->rowids, gint64, position));
  product = g_hash_table_lookup (self->cache, key);
  if (product == NULL)
    {
      fetch_page (self, position);
      product = g_hash_table_lookup (self->cache, key);
    }

  return product ? g_object_ref (product) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = duka_product_list_get_item_type;
  iface->get_n_items = duka_product_list_get_n_items;
  iface->get_item = duka_product_list_get_item;
}

/* Rows whose objects are cached get their new values in place. */
static void
refresh_cached (DukaProductList *self,
                GStrv            ids)
{
  DukaStore *store = duka_catalog_get_store (self->catalog);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  if (g_hash_table_size (self->cache) == 0)
    return;
  db = duka_store_acquire_reader (store, &error);
  if (db == NULL)
    return;
  stmt = duka_store_prepare_cached (db, "SELECT " DUKA_PRODUCT_COLUMNS " FROM product WHERE rowid = ?1", NULL);

  g_hash_table_iter_init (&iter, self->cache);
  while (stmt != NULL && g_hash_table_iter_next (&iter, NULL, &value))
    {
      DukaProduct *product = value;

      if (ids != NULL && !g_strv_contains ((const char * const *) ids, duka_product_get_id (product)))
        continue;
      sqlite3_bind_int64 (stmt, 1, duka_product_get_rowid (product));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        duka_product_update_from_row (product, stmt);
      duka_store_stmt_done (stmt);
    }

  duka_store_release_reader (store, db);
}

static void
reload (DukaProductList *self,
        GStrv            changed_ids)
{
  g_autoptr(GArray) fresh = query_rowids (self);
  GArray *old = self->rowids;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < old->len && prefix < fresh->len &&
         g_array_index (old, gint64, prefix) == g_array_index (fresh, gint64, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < fresh->len - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) ==
         g_array_index (fresh, gint64, fresh->len - 1 - suffix))
    suffix++;

  refresh_cached (self, changed_ids);

  if (prefix == old->len && prefix == fresh->len)
    return;

  self->rowids = g_steal_pointer (&fresh);
  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old->len - prefix - suffix,
                              self->rowids->len - prefix - suffix);
  g_array_unref (old);
}

static void
products_changed_cb (DukaProductList *self,
                     const char      *table,
                     GStrv            ids)
{
  reload (self, ids);
}

static void
duka_product_list_dispose (GObject *object)
{
  DukaProductList *self = (DukaProductList *) object;

  g_clear_object (&self->catalog);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_queue_clear (&self->cache_order);

  G_OBJECT_CLASS (duka_product_list_parent_class)->dispose (object);
}

static void
duka_product_list_finalize (GObject *object)
{
  DukaProductList *self = (DukaProductList *) object;

  g_clear_pointer (&self->rowids, g_array_unref);
  g_free (self->category_id);

  G_OBJECT_CLASS (duka_product_list_parent_class)->finalize (object);
}

static void
duka_product_list_class_init (DukaProductListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = duka_product_list_dispose;
  object_class->finalize = duka_product_list_finalize;
}

static void
duka_product_list_init (DukaProductList *self)
{
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_queue_init (&self->cache_order);
}

DukaProductList *
duka_product_list_new (DukaCatalog *catalog)
{
  DukaProductList *self;

  g_return_val_if_fail (DUKA_IS_CATALOG (catalog), NULL);

  self = g_object_new (DUKA_TYPE_PRODUCT_LIST, NULL);
  self->catalog = g_object_ref (catalog);
  g_signal_connect_object (duka_catalog_get_store (catalog), "changed::product",
                           G_CALLBACK (products_changed_cb), self, G_CONNECT_SWAPPED);
  g_array_unref (self->rowids);
  self->rowids = query_rowids (self);

  return self;
}

void
duka_product_list_set_category (DukaProductList *self,
                                const char      *category_id)
{
  g_return_if_fail (DUKA_IS_PRODUCT_LIST (self));

  if (g_strcmp0 (self->category_id, category_id) == 0)
    return;

  g_free (self->category_id);
  self->category_id = g_strdup (category_id);
  reload (self, NULL);
}

const char *
duka_product_list_get_category (DukaProductList *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT_LIST (self), NULL);

  return self->category_id;
}

guint
duka_product_list_get_n_cached (DukaProductList *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT_LIST (self), 0);

  return g_hash_table_size (self->cache);
}
