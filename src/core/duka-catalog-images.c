/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Product pictures: kept as files outside the rows, named by their
 * content hash.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "duka-catalog-private.h"
#include "duka-store.h"

#define IMAGE_MAX_BYTES (5 * 1024 * 1024)

/* Images ------------------------------------------------------------------- */

static gboolean
is_image (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return (size > 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0) ||
         (size > 3 && memcmp (data, "\xff\xd8\xff", 3) == 0) ||
         (size > 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0) ||
         (size > 5 && g_strstr_len ((const char *) data, MIN (size, 512), "<svg") != NULL);
}

GFile *
duka_catalog_get_image_file (DukaCatalog *self,
                             const char  *hash)
{
  g_autofree char *prefix = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  if (hash == NULL || strlen (hash) != 64)
    return NULL;
  prefix = g_strndup (hash, 2);
  path = g_build_filename (duka_store_get_data_dir (duka_catalog_get_store (self)), "blobs", prefix, hash, NULL);

  return g_file_new_for_path (path);
}

/**
 * duka_catalog_add_image:
 *
 * Images are stored once, outside the rows, named by the SHA-256 of their
 * bytes: the same picture on two products, or pulled twice, is one file.
 *
 * Returns: the content hash to put in a record's "image" field
 */
char *
duka_catalog_add_image (DukaCatalog  *self,
                        GBytes       *bytes,
                        GError      **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  gconstpointer data;

  g_return_val_if_fail (DUKA_IS_CATALOG (self), NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > IMAGE_MAX_BYTES)
    {
      duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID, _("The picture is larger than 5 MB"));
      return NULL;
    }
  if (!is_image (bytes))
    {
      duka_catalog_refuse (error, DUKA_CATALOG_ERROR_INVALID,
                           _("This file is not a picture Duka can show (PNG, JPEG, WebP or SVG)"));
      return NULL;
    }

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  file = duka_catalog_get_image_file (self, hash);
  if (g_file_query_exists (file, NULL))
    return g_steal_pointer (&hash);

  dir = g_file_get_parent (file);
  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  path = g_file_get_path (file);
  if (!g_file_set_contents (path, data, (gssize) size, error))
    return NULL;

  return g_steal_pointer (&hash);
}
