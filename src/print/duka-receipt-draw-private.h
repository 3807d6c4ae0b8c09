/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define DUKA_RECEIPT_FONT "Sans"
/* Thermal printers print 203 dots per inch; a logo keeps that size. */
#define DUKA_PRINTER_DPI 203.0

/* Where the next block goes.  Blocks on pages other than @draw_page are
 * measured, not drawn, so one pass counts pages and another draws one. */
typedef struct
{
  cairo_t *cr;
  double   left;
  double   width;
  double   top;
  double   bottom;
  double   y;
  int      page;
  int      draw_page;   /* -1: draw nothing */
  double   font_size;
} DukaCursor;

gboolean     duka_cursor_place  (DukaCursor     *cursor,
                                 double          height);
PangoLayout *duka_cursor_layout (DukaCursor     *cursor,
                                 const char     *text,
                                 double          size,
                                 gboolean        bold,
                                 double          width,
                                 PangoAlignment  alignment);
void         duka_cursor_show   (DukaCursor     *cursor,
                                 PangoLayout    *layout,
                                 double          x,
                                 double          y,
                                 double          gray);
void         duka_cursor_rule   (DukaCursor     *cursor,
                                 double          x,
                                 double          width,
                                 double          y,
                                 gboolean        dashed);
void         duka_cursor_logo   (DukaCursor     *cursor,
                                 GBytes         *png,
                                 double          x,
                                 double          max_width,
                                 double          max_height,
                                 gboolean        centered,
                                 double         *out_height);
double       duka_layout_height (PangoLayout    *layout);
double       duka_layout_width  (PangoLayout    *layout);

G_END_DECLS
