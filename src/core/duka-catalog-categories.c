/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The category tree: the model views show, rebuilt from the records, and
 * moving a category among its siblings.
 */
#include "duka-catalog-private.h"
#include "duka-permissions.h"

static void
add_category_level (GListStore *out,
                    GPtrArray  *all,
                    const char *parent_id,
                    guint       depth,
                    GHashTable *placed)
{
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *c = g_ptr_array_index (all, i);
      const char *parent = json_object_get_string_member_with_default (c, "parent_id", NULL);
      const char *id = json_object_get_string_member (c, "id");
      g_autoptr(DukaCategory) category = NULL;

      if (g_strcmp0 (parent, parent_id) != 0 || g_hash_table_contains (placed, id))
        continue;

      g_hash_table_add (placed, (gpointer) id);
      category = duka_category_new (id,
                                    json_object_get_string_member (c, "name"),
                                    parent,
                                    (int) json_object_get_int_member_with_default (c, "position", 0),
                                    json_object_get_string_member_with_default (c, "color", NULL),
                                    json_object_get_boolean_member_with_default (c, "active", TRUE),
                                    depth);
      g_list_store_append (out, category);
      add_category_level (out, all, id, depth + 1, placed);
    }
}

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

/**
 * duka_catalog_replace_category_tree:
 * @categories: the catalog's model of #DukaCategory
 * @all: (element-type JsonObject): every live category record; sorted here
 *
 * Replaces @categories with the tree in @all, depth-first by position, in
 * one splice so a view sees a single change.
 */
void
duka_catalog_replace_category_tree (GListStore *categories,
                                    GPtrArray  *all)
{
  g_autoptr(GListStore) fresh = g_list_store_new (DUKA_TYPE_CATEGORY);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_ptr_array_sort (all, compare_categories);
  add_category_level (fresh, all, NULL, 0, placed);
  /* Categories whose parent is gone still show, at the top level. */
  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *c = g_ptr_array_index (all, i);

      if (!g_hash_table_contains (placed, json_object_get_string_member (c, "id")))
        add_category_level (fresh, all, json_object_get_string_member_with_default (c, "parent_id", NULL), 0, placed);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (fresh), i));

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
