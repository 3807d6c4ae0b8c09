/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small textures of catalog pictures, by content hash.  A lookup that
 * misses returns NULL at once and decodes the file in a thread, scaled
 * down, so a list scrolling past thousands of products never waits on the
 * disk; "loaded" says when a picture is ready to ask for again.
 *
 * The cache holds at most CACHE_LIMIT pictures and forgets the one used
 * longest ago first, so scrolling through a hundred thousand items with
 * pictures keeps memory flat while the rows on screen stay cached.
 */
#include "duka-thumbnail-cache.h"

/* A few screens of rows, and the forms' pictures. */
#define CACHE_LIMIT 300

typedef struct
{
  char       *hash;
  GdkTexture *texture;  /* NULL while it loads, or when it cannot */
  GList       link;     /* in order; data is the entry */
} Entry;

struct _DukaThumbnailCache
{
  GObject       parent_instance;

  DukaCatalog  *catalog;
  int           size;
  GHashTable   *entries;  /* hash → Entry */
  GQueue        order;    /* entries, least recently used first */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (DukaThumbnailCache, duka_thumbnail_cache, G_TYPE_OBJECT)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->texture);
  g_free (entry->hash);
  g_free (entry);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  DukaThumbnailCache *self = source_object;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, self->size, self->size, TRUE, &error);
  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

static void
trim (DukaThumbnailCache *self)
{
  while (g_queue_get_length (&self->order) >= CACHE_LIMIT)
    {
      Entry *oldest = g_queue_peek_head (&self->order);

      g_queue_unlink (&self->order, &oldest->link);
      g_hash_table_remove (self->entries, oldest->hash);
    }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DukaThumbnailCache *self = DUKA_THUMBNAIL_CACHE (object);
  g_autofree char *hash = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  Entry *entry;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      /* A missing or broken picture shows the placeholder; it stays in
       * the table empty so it is not read again on every scroll. */
      g_debug ("Could not load the picture %s: %s", hash, error->message);
      return;
    }

  /* It may have been forgotten while it loaded, and asked for again. */
  entry = g_hash_table_lookup (self->entries, hash);
  if (entry == NULL || entry->texture != NULL)
    return;
  entry->texture = g_steal_pointer (&texture);
  g_signal_emit (self, signals[LOADED], 0, hash);
}

/**
 * duka_thumbnail_cache_lookup:
 *
 * Returns: (transfer none) (nullable): the texture, or %NULL while it loads
 *   or when there is none
 */
GdkTexture *
duka_thumbnail_cache_lookup (DukaThumbnailCache *self,
                             const char         *hash)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  Entry *entry;

  g_return_val_if_fail (DUKA_IS_THUMBNAIL_CACHE (self), NULL);

  if (hash == NULL || *hash == '\0')
    return NULL;

  entry = g_hash_table_lookup (self->entries, hash);
  if (entry != NULL)
    {
      /* Just used: it goes last in line to be forgotten. */
      g_queue_unlink (&self->order, &entry->link);
      g_queue_push_tail_link (&self->order, &entry->link);
      return entry->texture;
    }

  file = duka_catalog_get_image_file (self->catalog, hash);
  if (file == NULL)
    return NULL;

  trim (self);
  entry = g_new0 (Entry, 1);
  entry->hash = g_strdup (hash);
  entry->link.data = entry;
  g_hash_table_insert (self->entries, entry->hash, entry);
  g_queue_push_tail_link (&self->order, &entry->link);

  task = g_task_new (self, self->cancellable, loaded_cb, g_strdup (hash));
  g_task_set_source_tag (task, duka_thumbnail_cache_lookup);
  g_task_set_task_data (task, g_file_get_path (file), g_free);
  g_task_run_in_thread (task, load_in_thread);

  return NULL;
}

static void
duka_thumbnail_cache_dispose (GObject *object)
{
  DukaThumbnailCache *self = (DukaThumbnailCache *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->catalog);
  g_queue_init (&self->order);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (duka_thumbnail_cache_parent_class)->dispose (object);
}

static void
duka_thumbnail_cache_class_init (DukaThumbnailCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = duka_thumbnail_cache_dispose;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
duka_thumbnail_cache_init (DukaThumbnailCache *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) entry_free);
  self->cancellable = g_cancellable_new ();
}

DukaThumbnailCache *
duka_thumbnail_cache_new (DukaCatalog *catalog,
                          int          size)
{
  DukaThumbnailCache *self;

  g_return_val_if_fail (DUKA_IS_CATALOG (catalog), NULL);

  self = g_object_new (DUKA_TYPE_THUMBNAIL_CACHE, NULL);
  self->catalog = g_object_ref (catalog);
  self->size = size;

  return self;
}

/* How many pictures the cache holds now, loaded or loading. */
guint
duka_thumbnail_cache_get_n_cached (DukaThumbnailCache *self)
{
  g_return_val_if_fail (DUKA_IS_THUMBNAIL_CACHE (self), 0);

  return g_hash_table_size (self->entries);
}
