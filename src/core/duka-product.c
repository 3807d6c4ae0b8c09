/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A product as lists show it: a small, read-only snapshot of its row that
 * the list model refreshes in place (with notify) when the row changes.
 */
#include "duka-product.h"

struct _DukaProduct
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  gint64   price;
  char    *category_id;
  char    *sku;
  char    *image;
  gboolean weighed;
  gboolean active;
  gboolean available;
  int      position;
  gint64   rowid;
};

G_DEFINE_FINAL_TYPE (DukaProduct, duka_product, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PRICE,
  PROP_CATEGORY_ID,
  PROP_SKU,
  PROP_IMAGE,
  PROP_WEIGHED,
  PROP_ACTIVE,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
duka_product_finalize (GObject *object)
{
  DukaProduct *self = (DukaProduct *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->category_id);
  g_free (self->sku);
  g_free (self->image);

  G_OBJECT_CLASS (duka_product_parent_class)->finalize (object);
}

static void
duka_product_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DukaProduct *self = DUKA_PRODUCT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_PRICE: g_value_set_int64 (value, self->price); break;
    case PROP_CATEGORY_ID: g_value_set_string (value, self->category_id); break;
    case PROP_SKU: g_value_set_string (value, self->sku); break;
    case PROP_IMAGE: g_value_set_string (value, self->image); break;
    case PROP_WEIGHED: g_value_set_boolean (value, self->weighed); break;
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    case PROP_AVAILABLE: g_value_set_boolean (value, self->available); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_product_class_init (DukaProductClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = duka_product_finalize;
  object_class->get_property = duka_product_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PRICE] = g_param_spec_int64 ("price", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CATEGORY_ID] = g_param_spec_string ("category-id", NULL, NULL, NULL, flags);
  properties[PROP_SKU] = g_param_spec_string ("sku", NULL, NULL, NULL, flags);
  properties[PROP_IMAGE] = g_param_spec_string ("image", NULL, NULL, NULL, flags);
  properties[PROP_WEIGHED] = g_param_spec_boolean ("weighed", NULL, NULL, FALSE, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);
  properties[PROP_AVAILABLE] = g_param_spec_boolean ("available", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
duka_product_init (DukaProduct *self)
{
}

static gboolean
set_text (char       **member,
          const char  *value)
{
  if (g_strcmp0 (*member, value) == 0)
    return FALSE;
  g_free (*member);
  *member = g_strdup (value);
  return TRUE;
}

void
duka_product_update_from_row (DukaProduct  *self,
                              sqlite3_stmt *stmt)
{
  gint64 price = sqlite3_column_int64 (stmt, 2);
  gboolean weighed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), "weight") == 0;
  gboolean active = sqlite3_column_int (stmt, 7) != 0;
  gboolean available = sqlite3_column_int (stmt, 8) != 0;

  g_object_freeze_notify (G_OBJECT (self));

  if (set_text (&self->id, (const char *) sqlite3_column_text (stmt, 0)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  if (set_text (&self->name, (const char *) sqlite3_column_text (stmt, 1)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  if (self->price != price)
    {
      self->price = price;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICE]);
    }
  if (set_text (&self->category_id, (const char *) sqlite3_column_text (stmt, 3)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY_ID]);
  if (set_text (&self->sku, (const char *) sqlite3_column_text (stmt, 4)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKU]);
  if (set_text (&self->image, (const char *) sqlite3_column_text (stmt, 5)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE]);
  if (self->weighed != weighed)
    {
      self->weighed = weighed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHED]);
    }
  if (self->active != active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
  if (self->available != available)
    {
      self->available = available;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
    }
  self->position = sqlite3_column_int (stmt, 9);
  self->rowid = sqlite3_column_int64 (stmt, 10);

  g_object_thaw_notify (G_OBJECT (self));
}

DukaProduct *
duka_product_new_from_row (sqlite3_stmt *stmt)
{
  DukaProduct *self = g_object_new (DUKA_TYPE_PRODUCT, NULL);

  self->active = TRUE;
  self->available = TRUE;
  duka_product_update_from_row (self, stmt);
  return self;
}

const char *
duka_product_get_id (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), NULL);

  return self->id;
}

const char *
duka_product_get_name (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), NULL);

  return self->name;
}

gint64
duka_product_get_price (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), 0);

  return self->price;
}
const char *
duka_product_get_category_id (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), NULL);

  return self->category_id;
}

const char *
duka_product_get_sku (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), NULL);

  return self->sku;
}

const char *
duka_product_get_image (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), NULL);

  return self->image;
}

gboolean
duka_product_get_weighed (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), 0);

  return self->weighed;
}

gboolean
duka_product_get_active (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), 0);

  return self->active;
}

gboolean
duka_product_get_available (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), 0);

  return self->available;
}

gint64
duka_product_get_rowid (DukaProduct *self)
{
  g_return_val_if_fail (DUKA_IS_PRODUCT (self), 0);

  return self->rowid;
}
