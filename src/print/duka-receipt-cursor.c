/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A pen moving down pages: what the roll and the invoice share. */

#include "duka-receipt-draw-private.h"

#include "duka-print-image-private.h"

/* Makes room for @height, starting a new page when it does not fit.
 * Returns whether this block is on the page being drawn. */
gboolean
duka_cursor_place (DukaCursor *cursor,
                   double      height)
{
  if (cursor->y + height > cursor->bottom && cursor->y > cursor->top)
    {
      cursor->page++;
      cursor->y = cursor->top;
    }

  return cursor->page == cursor->draw_page;
}

PangoLayout *
duka_cursor_layout (DukaCursor     *cursor,
                    const char     *text,
                    double          size,
                    gboolean        bold,
                    double          width,
                    PangoAlignment  alignment)
{
  PangoLayout *layout = pango_cairo_create_layout (cursor->cr);
  PangoFontDescription *font = pango_font_description_from_string (DUKA_RECEIPT_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

double
duka_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

double
duka_layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

void
duka_cursor_show (DukaCursor  *cursor,
                  PangoLayout *layout,
                  double       x,
                  double       y,
                  double       gray)
{
  cairo_save (cursor->cr);
  cairo_set_source_rgb (cursor->cr, gray, gray, gray);
  cairo_move_to (cursor->cr, x, y);
  pango_cairo_show_layout (cursor->cr, layout);
  cairo_restore (cursor->cr);
}

void
duka_cursor_rule (DukaCursor *cursor,
                  double      x,
                  double      width,
                  double      y,
                  gboolean    dashed)
{
  static const double dash[] = { 2.0, 2.0 };

  cairo_save (cursor->cr);
  cairo_set_source_rgb (cursor->cr, 0, 0, 0);
  cairo_set_line_width (cursor->cr, 0.6);
  if (dashed)
    cairo_set_dash (cursor->cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cursor->cr, x, y);
  cairo_line_to (cursor->cr, x + width, y);
  cairo_stroke (cursor->cr);
  cairo_restore (cursor->cr);
}

/* The logo at the printer's size, shrunk to fit @max_width × @max_height. */
void
duka_cursor_logo (DukaCursor *cursor,
                  GBytes     *png,
                  double      x,
                  double      max_width,
                  double      max_height,
                  gboolean    centered,
                  double     *out_height)
{
  cairo_surface_t *image = duka_print_load_png (png, NULL);
  double width, height, scale;

  *out_height = 0;
  if (image == NULL)
    return;

  width = cairo_image_surface_get_width (image) * 72.0 / DUKA_PRINTER_DPI;
  height = cairo_image_surface_get_height (image) * 72.0 / DUKA_PRINTER_DPI;
  scale = MIN (1.0, MIN (max_width / width, max_height / height));
  width *= scale;
  height *= scale;
  if (centered)
    x += (max_width - width) / 2;

  if (duka_cursor_place (cursor, height))
    {
      cairo_save (cursor->cr);
      cairo_translate (cursor->cr, x, cursor->y);
      cairo_scale (cursor->cr, width / cairo_image_surface_get_width (image),
                   height / cairo_image_surface_get_height (image));
      cairo_set_source_surface (cursor->cr, image, 0, 0);
      cairo_paint (cursor->cr);
      cairo_restore (cursor->cr);
    }
  cairo_surface_destroy (image);
  *out_height = height;
}

