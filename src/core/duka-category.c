/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "duka-category.h"

struct _DukaCategory
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *parent_id;
  char    *color;
  int      position;
  gboolean active;
  guint    depth;
};

G_DEFINE_FINAL_TYPE (DukaCategory, duka_category, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_ACTIVE,
  PROP_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
duka_category_finalize (GObject *object)
{
  DukaCategory *self = (DukaCategory *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->parent_id);
  g_free (self->color);

  G_OBJECT_CLASS (duka_category_parent_class)->finalize (object);
}

static void
duka_category_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DukaCategory *self = DUKA_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_COLOR: g_value_set_string (value, self->color); break;
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    case PROP_DEPTH: g_value_set_uint (value, self->depth); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_category_class_init (DukaCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = duka_category_finalize;
  object_class->get_property = duka_category_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);
  properties[PROP_DEPTH] = g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
duka_category_init (DukaCategory *self)
{
}

DukaCategory *
duka_category_new (const char *id,
                   const char *name,
                   const char *parent_id,
                   int         position,
                   const char *color,
                   gboolean    active,
                   guint       depth)
{
  DukaCategory *self = g_object_new (DUKA_TYPE_CATEGORY, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->parent_id = g_strdup (parent_id);
  self->position = position;
  self->color = g_strdup (color);
  self->active = active;
  self->depth = depth;

  return self;
}

const char *
duka_category_get_id (DukaCategory *self)
{
  g_return_val_if_fail (DUKA_IS_CATEGORY (self), NULL);

  return self->id;
}

const char *
duka_category_get_name (DukaCategory *self)
{
  g_return_val_if_fail (DUKA_IS_CATEGORY (self), NULL);

  return self->name;
}

const char *
duka_category_get_parent_id (DukaCategory *self)
{
  g_return_val_if_fail (DUKA_IS_CATEGORY (self), NULL);

  return self->parent_id;
}

int
duka_category_get_position (DukaCategory *self)
{
  g_return_val_if_fail (DUKA_IS_CATEGORY (self), 0);

  return self->position;
}

const char *
duka_category_get_color (DukaCategory *self)
{
  g_return_val_if_fail (DUKA_IS_CATEGORY (self), NULL);

  return self->color;
}

gboolean
duka_category_get_active (DukaCategory *self)
{
  g_return_val_if_fail (DUKA_IS_CATEGORY (self), FALSE);

  return self->active;
}

guint
duka_category_get_depth (DukaCategory *self)
{
  g_return_val_if_fail (DUKA_IS_CATEGORY (self), 0);

  return self->depth;
}
