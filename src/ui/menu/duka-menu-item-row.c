/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One item in the menu builder's list: picture, name, SKU, price and
 * whether it is sold out.  Rows are recycled as the list scrolls, so a row
 * follows whichever product it is given and forgets the one before.
 *
 * Built in code, not from a template: GTK 4.8's list view realizes up to
 * 200 rows at once, and a template costs about three times as much to
 * instantiate as these few widgets; the "Sold out" badge is made only for
 * rows that need it.
 */
#include <glib/gi18n.h>

#include "duka-menu-item-row.h"
#include "duka-money.h"

struct _DukaMenuItemRow
{
  GtkBox              parent_instance;

  DukaProduct        *product;
  const DukaCurrency *currency;
  DukaThumbnailCache *thumbnails;

  GtkImage           *thumbnail;
  GtkLabel           *name_label;
  GtkLabel           *sku_label;
  GtkLabel           *unavailable_label;
  GtkLabel           *price_label;
  GtkBox             *detail_box;
};

G_DEFINE_FINAL_TYPE (DukaMenuItemRow, duka_menu_item_row, GTK_TYPE_BOX)

static void
update_thumbnail (DukaMenuItemRow *self)
{
  const char *hash = self->product ? duka_product_get_image (self->product) : NULL;
  GdkTexture *texture = NULL;

  if (hash != NULL && self->thumbnails != NULL)
    texture = duka_thumbnail_cache_lookup (self->thumbnails, hash);

  if (texture != NULL)
    gtk_image_set_from_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  else
    gtk_image_set_from_icon_name (self->thumbnail, "duka-menu-symbolic");
}

static void
thumbnail_loaded_cb (DukaMenuItemRow *self,
                     const char      *hash)
{
  if (self->product != NULL && g_strcmp0 (duka_product_get_image (self->product), hash) == 0)
    update_thumbnail (self);
}

static void
update (DukaMenuItemRow *self)
{
  DukaProduct *p = self->product;
  g_autofree char *price = NULL;
  const char *sku;

  if (p == NULL)
    return;

  sku = duka_product_get_sku (p);
  gtk_label_set_text (self->name_label, duka_product_get_name (p));
  gtk_label_set_text (self->sku_label, sku ? sku : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sku_label), sku != NULL && *sku != '\0');

  if (self->currency != NULL)
    price = duka_money_format (duka_product_get_price (p), self->currency);
  if (price != NULL && duka_product_get_weighed (p))
    {
      /* Translators: a price per kilogram, e.g. "Ksh 250.00 / kg" */
      g_autofree char *per_kg = g_strdup_printf (_("%s / kg"), price);

      g_free (price);
      price = g_steal_pointer (&per_kg);
    }
  gtk_label_set_text (self->price_label, price ? price : "");

  if (!duka_product_get_available (p) && self->unavailable_label == NULL)
    {
      /* Translators: a badge on an item the kitchen has run out of */
      self->unavailable_label = GTK_LABEL (gtk_label_new (_("Sold out")));
      gtk_label_set_xalign (self->unavailable_label, 0);
      gtk_widget_add_css_class (GTK_WIDGET (self->unavailable_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->unavailable_label), "caption-heading");
      gtk_box_append (self->detail_box, GTK_WIDGET (self->unavailable_label));
    }
  if (self->unavailable_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->unavailable_label),
                            !duka_product_get_available (p));
  gtk_widget_set_opacity (GTK_WIDGET (self->name_label),
                          duka_product_get_active (p) ? 1.0 : 0.55);
  update_thumbnail (self);
}

void
duka_menu_item_row_set_product (DukaMenuItemRow    *self,
                                DukaProduct        *product,
                                const DukaCurrency *currency,
                                DukaThumbnailCache *thumbnails)
{
  g_return_if_fail (DUKA_IS_MENU_ITEM_ROW (self));

  if (self->product != NULL)
    g_signal_handlers_disconnect_by_data (self->product, self);
  g_set_object (&self->product, product);
  self->currency = currency;

  if (self->thumbnails != thumbnails)
    {
      if (self->thumbnails != NULL)
        g_signal_handlers_disconnect_by_data (self->thumbnails, self);
      g_set_object (&self->thumbnails, thumbnails);
      if (thumbnails != NULL)
        g_signal_connect_object (thumbnails, "loaded",
                                 G_CALLBACK (thumbnail_loaded_cb), self, G_CONNECT_SWAPPED);
    }

  /* The list refreshes products in place when someone edits them. */
  if (product != NULL)
    g_signal_connect_object (product, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
duka_menu_item_row_dispose (GObject *object)
{
  DukaMenuItemRow *self = (DukaMenuItemRow *) object;

  g_clear_object (&self->product);
  g_clear_object (&self->thumbnails);

  G_OBJECT_CLASS (duka_menu_item_row_parent_class)->dispose (object);
}

static void
duka_menu_item_row_class_init (DukaMenuItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = duka_menu_item_row_dispose;
}

static GtkLabel *
new_label (float xalign)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, xalign);
  return label;
}

static void
duka_menu_item_row_init (DukaMenuItemRow *self)
{
  GtkBox *box = GTK_BOX (self);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_set_spacing (box, 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);

  self->thumbnail = GTK_IMAGE (gtk_image_new_from_icon_name ("duka-menu-symbolic"));
  gtk_image_set_pixel_size (self->thumbnail, 48);
  gtk_widget_set_overflow (GTK_WIDGET (self->thumbnail), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self->thumbnail), "duka-thumbnail");
  gtk_box_append (box, GTK_WIDGET (self->thumbnail));

  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (box, text);

  self->name_label = new_label (0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->name_label));

  self->detail_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->detail_box));

  self->sku_label = new_label (0);
  gtk_label_set_ellipsize (self->sku_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->sku_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->sku_label), "dim-label");
  gtk_box_append (self->detail_box, GTK_WIDGET (self->sku_label));

  self->price_label = new_label (1);
  gtk_widget_set_valign (GTK_WIDGET (self->price_label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->price_label), "numeric");
  gtk_box_append (box, GTK_WIDGET (self->price_label));
}

GtkWidget *
duka_menu_item_row_new (void)
{
  return g_object_new (DUKA_TYPE_MENU_ITEM_ROW, NULL);
}
