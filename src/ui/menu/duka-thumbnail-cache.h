/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "duka-catalog.h"

G_BEGIN_DECLS

#define DUKA_TYPE_THUMBNAIL_CACHE (duka_thumbnail_cache_get_type ())

G_DECLARE_FINAL_TYPE (DukaThumbnailCache, duka_thumbnail_cache, DUKA, THUMBNAIL_CACHE, GObject)

DukaThumbnailCache *duka_thumbnail_cache_new    (DukaCatalog        *catalog,
                                                 int                 size);
GdkTexture         *duka_thumbnail_cache_lookup (DukaThumbnailCache *self,
                                                 const char         *hash);
guint               duka_thumbnail_cache_get_n_cached (DukaThumbnailCache *self);

G_END_DECLS
