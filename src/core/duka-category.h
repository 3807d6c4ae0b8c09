/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DUKA_TYPE_CATEGORY (duka_category_get_type ())

G_DECLARE_FINAL_TYPE (DukaCategory, duka_category, DUKA, CATEGORY, GObject)

DukaCategory *duka_category_new           (const char   *id,
                                           const char   *name,
                                           const char   *parent_id,
                                           int           position,
                                           const char   *color,
                                           gboolean      active,
                                           guint         depth);
const char   *duka_category_get_id        (DukaCategory *self);
const char   *duka_category_get_name      (DukaCategory *self);
const char   *duka_category_get_parent_id (DukaCategory *self);
int           duka_category_get_position  (DukaCategory *self);
const char   *duka_category_get_color     (DukaCategory *self);
gboolean      duka_category_get_active    (DukaCategory *self);
guint         duka_category_get_depth     (DukaCategory *self);

G_END_DECLS
