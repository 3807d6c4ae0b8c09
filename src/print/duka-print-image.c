/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "duka-print-image-private.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "duka-escpos.h"

static cairo_status_t
read_png_bytes (void          *closure,
                unsigned char *data,
                unsigned int   length)
{
  GInputStream *stream = closure;

  if (!g_input_stream_read_all (stream, data, length, NULL, NULL, NULL))
    return CAIRO_STATUS_READ_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

/**
 * duka_print_load_png:
 *
 * Returns: (transfer full) (nullable): an image surface, or %NULL with
 *   %DUKA_ESCPOS_ERROR_BAD_IMAGE when @png is not a PNG
 */
cairo_surface_t *
duka_print_load_png (GBytes  *png,
                     GError **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  cairo_surface_t *surface;

  surface = cairo_image_surface_create_from_png_stream (read_png_bytes, stream);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error_literal (error, DUKA_ESCPOS_ERROR, DUKA_ESCPOS_ERROR_BAD_IMAGE,
                           _("The logo is not a PNG image."));
      return NULL;
    }

  return surface;
}
