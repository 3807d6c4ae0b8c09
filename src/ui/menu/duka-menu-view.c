/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The menu builder: categories on the left, the items of the chosen one
 * (or what the search finds) in the middle, and the chosen item's form on
 * the right.  The items list reads the lazy product list straight from
 * the store, so it stays quick with a hundred thousand products.  Combos
 * have their own entry under the categories (duka-menu-view-combos.c);
 * what a person can do lives in duka-menu-view-actions.c.
 */
#include <glib/gi18n.h>

#include "duka-category.h"
#include "duka-menu-item-row.h"
#include "duka-menu-view-private.h"

/* Search shows the best matches, not every one. */
#define SEARCH_LIMIT 200
#define THUMBNAIL_SIZE 96

G_DEFINE_FINAL_TYPE (DukaMenuView, duka_menu_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_BUSINESS_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
duka_menu_view_show_toast (DukaMenuView *self,
                           const char   *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

/* Categories ----------------------------------------------------------- */

static const char *
row_category_id (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "category-id") : NULL;
}

static gboolean
is_combos_row (GtkListBoxRow *row)
{
  return row != NULL && g_object_get_data (G_OBJECT (row), "combos") != NULL;
}

static void
category_header_cb (GtkListBoxRow *row,
                    GtkListBoxRow *before,
                    gpointer       user_data)
{
  /* A line between the two fixed entries and the categories. */
  if (before != NULL && is_combos_row (before))
    {
      if (gtk_list_box_row_get_header (row) == NULL)
        gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static GtkWidget *
create_category_row (const char *id,
                     const char *name,
                     guint       depth,
                     const char *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (name);

  gtk_widget_set_margin_start (box, 16 * (int) depth);
  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "category-id", g_strdup (id), g_free);

  return row;
}

/* Categories are few; the list is rebuilt when any changes, keeping the
 * selection. */
static void
rebuild_categories (DukaMenuView *self)
{
  GListModel *categories = duka_catalog_get_categories (self->catalog);
  g_autofree char *keep = g_strdup (self->pending_category_id ? self->pending_category_id
                                                               : self->category_id);
  GtkListBoxRow *row;
  GtkListBoxRow *select = NULL;

  self->rebuilding_categories = TRUE;
  while ((row = gtk_list_box_get_row_at_index (self->categories_list, 0)) != NULL)
    gtk_list_box_remove (self->categories_list, GTK_WIDGET (row));

  gtk_list_box_append (self->categories_list,
                       create_category_row (NULL, _("All Items"), 0, "view-list-symbolic"));
  /* Combos are not a category: they sit apart, at the top, where a
   * manager looking for them sees them. */
  row = GTK_LIST_BOX_ROW (create_category_row (NULL, _("Combos"), 0, "view-grid-symbolic"));
  g_object_set_data (G_OBJECT (row), "combos", GINT_TO_POINTER (TRUE));
  gtk_list_box_append (self->categories_list, GTK_WIDGET (row));
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(DukaCategory) category = g_list_model_get_item (categories, i);

      gtk_list_box_append (self->categories_list,
                           create_category_row (duka_category_get_id (category),
                                                duka_category_get_name (category),
                                                duka_category_get_depth (category),
                                                NULL));
    }

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->categories_list, i)) != NULL; i++)
    if (self->showing_combos ? is_combos_row (row)
                             : !is_combos_row (row) && g_strcmp0 (row_category_id (row), keep) == 0)
      select = row;
  if (select == NULL)
    select = gtk_list_box_get_row_at_index (self->categories_list, 0);
  self->rebuilding_categories = FALSE;

  gtk_list_box_select_row (self->categories_list, select);
  if (self->pending_category_id != NULL && g_strcmp0 (row_category_id (select), keep) == 0)
    g_clear_pointer (&self->pending_category_id, g_free);

  duka_menu_view_update_empty_state (self);
  duka_menu_view_update_actions (self);
}

static void
category_selected_cb (DukaMenuView  *self,
                      GtkListBoxRow *row)
{
  const char *id = row_category_id (row);

  if (self->rebuilding_categories || row == NULL)
    return;

  /* Choosing a category or combos ends a search. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  duka_menu_view_set_showing_combos (self, is_combos_row (row));
  if (self->showing_combos)
    return;

  if (g_strcmp0 (id, self->category_id) != 0)
    {
      g_free (self->category_id);
      self->category_id = g_strdup (id);
      duka_product_list_set_category (self->products, id);
    }

  duka_menu_view_update_empty_state (self);
  duka_menu_view_update_actions (self);
}

static void
category_activated_cb (DukaMenuView  *self,
                       GtkListBoxRow *row)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "items");
}

const char *
duka_menu_view_get_selected_category (DukaMenuView *self)
{
  g_return_val_if_fail (DUKA_IS_MENU_VIEW (self), NULL);

  return self->category_id;
}

/**
 * duka_menu_view_select_category:
 * @category_id: (nullable): a category, or %NULL for all items
 *
 * Selects the category, now or as soon as it appears in the list.
 */
void
duka_menu_view_select_category (DukaMenuView *self,
                                const char   *category_id)
{
  GtkListBoxRow *row;

  g_return_if_fail (DUKA_IS_MENU_VIEW (self));

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->categories_list, i)) != NULL; i++)
    if (!is_combos_row (row) && g_strcmp0 (row_category_id (row), category_id) == 0)
      {
        gtk_list_box_select_row (self->categories_list, row);
        return;
      }

  g_free (self->pending_category_id);
  self->pending_category_id = g_strdup (category_id);
}

/* Items ---------------------------------------------------------------- */

static gboolean
is_searching (DukaMenuView *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
}

static void
update_items_page (DukaMenuView *self)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);
  const char *page = "list";

  if (self->showing_combos)
    page = duka_menu_view_count_shown_combos (self) > 0 ? "combos"
         : is_searching (self) ? "no-results" : "no-combos";
  else if (g_list_model_get_n_items (model) == 0)
    page = is_searching (self) ? "no-results" : "empty-category";
  gtk_stack_set_visible_child_name (self->items_stack, page);
}

void
duka_menu_view_update_empty_state (DukaMenuView *self)
{
  gboolean empty;

  /* With no categories, the product list is every product. */
  empty = !self->editing_new_item && !self->showing_combos &&
          self->category_id == NULL && !is_searching (self) &&
          g_list_model_get_n_items (duka_catalog_get_categories (self->catalog)) == 0 &&
          g_list_model_get_n_items (G_LIST_MODEL (self->products)) == 0;

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "builder");
  update_items_page (self);
}

static void
run_search (DukaMenuView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    {
      g_list_store_remove_all (self->search_results);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->products));
      return;
    }

  found = duka_catalog_search (self->catalog, text, SEARCH_LIMIT, &error);
  if (found == NULL)
    {
      duka_menu_view_show_toast (self, error->message);
      return;
    }

  g_list_store_splice (self->search_results, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->search_results)),
                       found->pdata, found->len);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->search_results));
}

static void
search_changed_cb (DukaMenuView *self)
{
  if (self->showing_combos)
    duka_menu_view_filter_combos (self);
  else
    run_search (self);
  duka_menu_view_update_empty_state (self);
}

static void
stop_search_cb (DukaMenuView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
products_changed_cb (DukaMenuView *self)
{
  if (is_searching (self) && !self->showing_combos)
    run_search (self);
  duka_menu_view_update_empty_state (self);
}

void
duka_menu_view_show_editor (DukaMenuView *self,
                            const char   *product_id)
{
  g_autoptr(GError) error = NULL;

  if (!duka_item_editor_load (self->editor, product_id, self->category_id, &error))
    {
      duka_menu_view_show_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->editor_stack, "none");
      return;
    }

  self->editing_new_item = product_id == NULL;
  gtk_stack_set_visible_child_name (self->editor_stack, "editor");
  duka_menu_view_update_empty_state (self);
  duka_menu_view_update_actions (self);
}

static void
discard_response_cb (DukaMenuView *self,
                     const char   *response)
{
  g_autofree char *id = g_steal_pointer (&self->pending_item_id);

  if (g_strcmp0 (response, "discard") == 0 && self->pending_is_combo)
    duka_menu_view_show_combo_editor (self, id);
  else if (g_strcmp0 (response, "discard") == 0)
    duka_menu_view_show_editor (self, id);
  else if (self->pending_is_combo)
    gtk_list_box_unselect_all (self->combos_list);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
}

void
duka_menu_view_ask_to_discard (DukaMenuView *self,
                               const char   *next_id,
                               gboolean      is_combo)
{
  GtkWidget *dialog;

  g_free (self->pending_item_id);
  self->pending_item_id = g_strdup (next_id);
  self->pending_is_combo = is_combo;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Discard Unsaved Changes?"),
                                   is_combo ? _("The combo you are editing has changes that are not saved.")
                                            : _("The item you are editing has changes that are not saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
item_selected_cb (DukaMenuView *self)
{
  DukaProduct *product = gtk_single_selection_get_selected_item (self->selection);
  const char *id;

  if (product == NULL)
    return;

  id = duka_product_get_id (product);
  if (g_strcmp0 (id, duka_item_editor_get_item_id (self->editor)) == 0 &&
      g_str_equal (gtk_stack_get_visible_child_name (self->editor_stack), "editor"))
    return;

  if (g_str_equal (gtk_stack_get_visible_child_name (self->editor_stack), "editor") &&
      duka_item_editor_get_dirty (self->editor))
    duka_menu_view_ask_to_discard (self, id, FALSE);
  else
    duka_menu_view_show_editor (self, id);
}

static void
item_activated_cb (DukaMenuView *self,
                   guint         position)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

static void
combo_activated_cb (DukaMenuView  *self,
                    GtkListBoxRow *row)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

/**
 * duka_menu_view_select_item:
 *
 * Selects the item in the list shown now and opens it in the form.
 *
 * Returns: whether the list shows that item
 */
gboolean
duka_menu_view_select_item (DukaMenuView *self,
                            const char   *product_id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (DUKA_IS_MENU_VIEW (self), FALSE);

  model = gtk_single_selection_get_model (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DukaProduct) product = g_list_model_get_item (model, i);

      if (product != NULL && g_strcmp0 (duka_product_get_id (product), product_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * duka_menu_view_get_items:
 *
 * Returns: (transfer none): the items the middle list shows now
 */
GListModel *
duka_menu_view_get_items (DukaMenuView *self)
{
  g_return_val_if_fail (DUKA_IS_MENU_VIEW (self), NULL);

  return gtk_single_selection_get_model (self->selection);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DukaMenuView             *self)
{
  gtk_list_item_set_child (item, duka_menu_item_row_new ());
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DukaMenuView             *self)
{
  duka_menu_item_row_set_product (DUKA_MENU_ITEM_ROW (gtk_list_item_get_child (item)),
                                  gtk_list_item_get_item (item),
                                  self->currency, self->thumbnails);
}

static void
unbind_item_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DukaMenuView             *self)
{
  duka_menu_item_row_set_product (DUKA_MENU_ITEM_ROW (gtk_list_item_get_child (item)),
                                  NULL, self->currency, self->thumbnails);
}

/* Life cycle ----------------------------------------------------------- */

static const DukaCurrency *
load_currency (DukaMenuView *self)
{
  g_autoptr(DukaProfile) profile = duka_business_settings_load (self->business_settings, NULL);
  const DukaCurrency *currency = NULL;

  if (profile == NULL)
    profile = duka_profile_new_default ();
  currency = duka_currency_lookup (profile->currency);

  return currency ? currency : duka_currency_lookup ("USD");
}

/* A currency chosen in Settings shows at once: list rows are bound again
 * and the forms write amounts the new way. */
static void
business_changed_cb (DukaMenuView *self)
{
  const DukaCurrency *currency = load_currency (self);
  g_autoptr(GtkListItemFactory) factory = NULL;

  if (currency == self->currency)
    return;

  self->currency = currency;
  duka_item_editor_set_currency (self->editor, currency);
  duka_combo_editor_set_currency (self->combo_editor, currency);

  factory = g_object_ref (gtk_list_view_get_factory (self->items_view));
  gtk_list_view_set_factory (self->items_view, NULL);
  gtk_list_view_set_factory (self->items_view, factory);
  duka_menu_view_rebuild_combos (self);
}

static void
duka_menu_view_constructed (GObject *object)
{
  DukaMenuView *self = (DukaMenuView *) object;
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (duka_menu_view_parent_class)->constructed (object);

  if (self->business_settings == NULL)
    return;
  if (self->catalog == NULL)
    self->catalog = duka_catalog_new (duka_business_settings_get_store (self->business_settings));

  self->currency = load_currency (self);
  self->thumbnails = duka_thumbnail_cache_new (self->catalog, THUMBNAIL_SIZE);
  self->products = duka_product_list_new (self->catalog);
  self->search_results = g_list_store_new (DUKA_TYPE_PRODUCT);
  /* Nothing is chosen until the person chooses: the model comes after
   * autoselect is off. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->products));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (item_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (update_items_page), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_item_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_item_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_item_cb), self, 0);
  gtk_list_view_set_factory (self->items_view, factory);
  gtk_list_view_set_model (self->items_view, GTK_SELECTION_MODEL (self->selection));

  duka_item_editor_setup (self->editor, self->catalog, self->business_settings,
                          self->currency, self->thumbnails);
  duka_menu_view_setup_combos (self);
  gtk_list_box_set_header_func (self->categories_list, category_header_cb, NULL, NULL);

  g_signal_connect_object (duka_catalog_get_categories (self->catalog), "items-changed",
                           G_CALLBACK (rebuild_categories), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (duka_catalog_get_store (self->catalog), "changed::product",
                           G_CALLBACK (products_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->business_settings, "changed",
                           G_CALLBACK (business_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild_categories (self);
}

static void
duka_menu_view_dispose (GObject *object)
{
  DukaMenuView *self = (DukaMenuView *) object;

  if (self->items_view != NULL)
    gtk_list_view_set_model (self->items_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DUKA_TYPE_MENU_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->search_results);
  g_clear_object (&self->products);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->catalog);
  g_clear_object (&self->business_settings);

  G_OBJECT_CLASS (duka_menu_view_parent_class)->dispose (object);
}

static void
duka_menu_view_finalize (GObject *object)
{
  DukaMenuView *self = (DukaMenuView *) object;

  g_free (self->category_id);
  g_free (self->pending_category_id);
  g_free (self->pending_item_id);

  G_OBJECT_CLASS (duka_menu_view_parent_class)->finalize (object);
}

static void
duka_menu_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DukaMenuView *self = DUKA_MENU_VIEW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_BUSINESS_SETTINGS:
      g_value_set_object (value, self->business_settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_menu_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DukaMenuView *self = DUKA_MENU_VIEW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    case PROP_BUSINESS_SETTINGS:
      self->business_settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_menu_view_class_init (DukaMenuViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = duka_menu_view_constructed;
  object_class->dispose = duka_menu_view_dispose;
  object_class->finalize = duka_menu_view_finalize;
  object_class->get_property = duka_menu_view_get_property;
  object_class->set_property = duka_menu_view_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         DUKA_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSINESS_SETTINGS] =
    g_param_spec_object ("business-settings", NULL, NULL,
                         DUKA_TYPE_BUSINESS_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DUKA_TYPE_ITEM_EDITOR);
  g_type_ensure (DUKA_TYPE_COMBO_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/duka-menu-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, categories_list);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, items_stack);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, items_view);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, editor);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, combo_editor);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, new_button);
  gtk_widget_class_bind_template_child (widget_class, DukaMenuView, combos_list);
  gtk_widget_class_bind_template_callback (widget_class, category_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, combo_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "combo_selected_cb",
                                                G_CALLBACK (duka_menu_view_combo_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "update_actions",
                                                G_CALLBACK (duka_menu_view_update_actions));

  duka_menu_view_class_install_actions (widget_class);
}

static void
duka_menu_view_init (DukaMenuView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
duka_menu_view_new (DukaCatalog          *catalog,
                    DukaBusinessSettings *business_settings)
{
  return g_object_new (DUKA_TYPE_MENU_VIEW,
                       "catalog", catalog,
                       "business-settings", business_settings,
                       NULL);
}
