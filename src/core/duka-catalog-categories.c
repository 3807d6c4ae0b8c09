/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The category tree: the model views show, rebuilt from the records, and
 * moving a category among its siblings.
 */
#include "duka-catalog-private.h"
#include "duka-permissions.h"

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

static void
add_category_level (GPtrArray  *out,
                    GHashTable *children,
                    const char *parent_id,
                    guint       depth,
                    GHashTable *placed)
{
  GPtrArray *level = g_hash_table_lookup (children, parent_id ? parent_id : "");

  for (guint i = 0; level != NULL && i < level->len; i++)
    {
      JsonObject *c = g_ptr_array_index (level, i);
      const char *id = json_object_get_string_member (c, "id");

      /* A loop in damaged data must not recurse for ever. */
      if (!g_hash_table_add (placed, (gpointer) id))
        continue;

      g_ptr_array_add (out, duka_category_new (id,
                                               json_object_get_string_member (c, "name"),
                                               parent_id,
                                               (int) json_object_get_int_member_with_default (c, "position", 0),
                                               json_object_get_string_member_with_default (c, "color", NULL),
                                               json_object_get_boolean_member_with_default (c, "active", TRUE),
                                               depth));
      add_category_level (out, children, id, depth + 1, placed);
    }
}

void
duka_catalog_replace_category_tree (GListStore *categories,
                                    GPtrArray  *all)
{
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* Children by parent, each list already in order: the tree is walked
   * once, in time proportional to the number of categories.  A category
   * whose parent is gone shows at the top level. */
  g_ptr_array_sort (all, compare_categories);
  for (guint i = 0; i < all->len; i++)
    g_hash_table_add (ids, (gpointer) json_object_get_string_member (g_ptr_array_index (all, i), "id"));
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *c = g_ptr_array_index (all, i);
      const char *parent = json_object_get_string_member_with_default (c, "parent_id", NULL);
      GPtrArray *level;

      if (parent == NULL || !g_hash_table_contains (ids, parent))
        parent = "";
      level = g_hash_table_lookup (children, parent);
      if (level == NULL)
        {
          level = g_ptr_array_new ();
          g_hash_table_insert (children, (gpointer) parent, level);
        }
      g_ptr_array_add (level, c);
    }

  add_category_level (items, children, NULL, 0, placed);

  g_list_store_splice (categories, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (categories)),
                       items->pdata, items->len);
}

/* The categories beside @category_id under @parent_id, in their order. */
static GPtrArray *
collect_siblings (GListModel *all,
                  const char *parent_id,
                  const char *category_id)
{
  GPtrArray *siblings = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (all);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DukaCategory) c = g_list_model_get_item (all, i);

      if (g_strcmp0 (duka_category_get_parent_id (c), parent_id) == 0 &&
          !g_str_equal (duka_category_get_id (c), category_id))
        g_ptr_array_add (siblings, g_object_ref (c));
    }

  return siblings;
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
  g_autoptr(GPtrArray) siblings = NULL;

  if (!duka_permission_check (actor, G_STRFUNC, error))
    return FALSE;
  moving = duka_catalog_get (self, "category", category_id, error);
  if (moving == NULL)
    return FALSE;
  siblings = collect_siblings (duka_catalog_get_categories (self),
                               json_object_get_string_member_with_default (moving, "parent_id", NULL),
                               category_id);
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
