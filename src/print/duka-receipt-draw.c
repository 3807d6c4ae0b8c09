/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Receipts drawn with Pango and Cairo: a roll (58 or 80 mm wide, as long
 * as it needs) from the same rows the thermal printer gets, and an A4
 * invoice over as many pages as its lines need.  Sizes are in points. */

#include "duka-receipt-pdf.h"

#include <pango/pangocairo.h>

#include "duka-print-image-private.h"
#include "duka-receipt-draw-private.h"
#include "duka-receipt-layout.h"

/* --- roll ------------------------------------------------------------ */

static double
style_scale (DukaReceiptStyle style)
{
  switch (style)
    {
    case DUKA_RECEIPT_STYLE_TITLE:
      return 1.5;
    case DUKA_RECEIPT_STYLE_TALL:
      return 1.3;
    case DUKA_RECEIPT_STYLE_NORMAL:
    case DUKA_RECEIPT_STYLE_BOLD:
    default:
      return 1.0;
    }
}

static void
draw_roll_row (DukaCursor                    *cursor,
               const DukaReceiptRow      *row,
               const DukaReceiptTemplate *template)
{
  double size = cursor->font_size * style_scale (row->style);
  gboolean bold = row->style != DUKA_RECEIPT_STYLE_NORMAL;
  double indent = row->indent * cursor->font_size * 0.6;
  double logo_height;

  switch (row->kind)
    {
    case DUKA_RECEIPT_ROW_LOGO:
      duka_cursor_logo (cursor, template->logo_png, cursor->left, cursor->width,
                        cursor->width, TRUE, &logo_height);
      cursor->y += logo_height + cursor->font_size * 0.5;
      break;

    case DUKA_RECEIPT_ROW_TEXT:
      {
        g_autoptr(PangoLayout) layout =
          duka_cursor_layout (cursor, row->left, size, bold, cursor->width - indent,
                              row->align == DUKA_RECEIPT_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                                                      : PANGO_ALIGN_LEFT);
        double height = duka_layout_height (layout);

        if (duka_cursor_place (cursor, height))
          duka_cursor_show (cursor, layout, cursor->left + indent, cursor->y, 0);
        cursor->y += height;
      }
      break;

    case DUKA_RECEIPT_ROW_PAIR:
      {
        g_autoptr(PangoLayout) right =
          duka_cursor_layout (cursor, row->right, size, bold, -1, PANGO_ALIGN_LEFT);
        double right_width = duka_layout_width (right);
        double label_width = cursor->width - indent - right_width - cursor->font_size;
        gboolean shares_line = label_width >= cursor->width / 3;
        g_autoptr(PangoLayout) left =
          duka_cursor_layout (cursor, row->left, size, bold,
                              shares_line ? label_width : cursor->width - indent, PANGO_ALIGN_LEFT);
        double left_height = duka_layout_height (left);
        double right_y = shares_line ? 0 : left_height;
        double height = MAX (left_height, right_y + duka_layout_height (right));

        if (duka_cursor_place (cursor, height))
          {
            duka_cursor_show (cursor, left, cursor->left + indent, cursor->y, 0);
            duka_cursor_show (cursor, right, cursor->left + cursor->width - right_width,
                              cursor->y + right_y, 0);
          }
        cursor->y += height;
      }
      break;

    case DUKA_RECEIPT_ROW_RULE:
      if (duka_cursor_place (cursor, cursor->font_size))
        duka_cursor_rule (cursor, cursor->left, cursor->width,
                          cursor->y + cursor->font_size / 2, TRUE);
      cursor->y += cursor->font_size;
      break;

    case DUKA_RECEIPT_ROW_BLANK:
    default:
      cursor->y += cursor->font_size * 0.8;
      break;
    }
}

/**
 * duka_receipt_draw_roll:
 * @width: the roll's width in points
 * @locale: formats amounts; 0 for the thread's locale
 *
 * Draws the receipt from the top of @cr downwards.
 *
 * Returns: the height used, in points
 */
double
duka_receipt_draw_roll (cairo_t                   *cr,
                        const DukaReceipt         *receipt,
                        const DukaReceiptTemplate *template,
                        double                     width,
                        locale_t                   locale)
{
  g_autoptr(GPtrArray) rows = duka_receipt_layout_rows (receipt, template, locale);
  double margin = width < 200 ? 8 : 11;
  DukaCursor cursor = {
    .cr = cr,
    .left = margin,
    .width = width - 2 * margin,
    .top = margin,
    .bottom = G_MAXDOUBLE,
    .y = margin,
    .page = 0,
    .draw_page = 0,
    .font_size = width < 200 ? 7.0 : 8.5,
  };

  for (guint i = 0; i < rows->len; i++)
    draw_roll_row (&cursor, g_ptr_array_index (rows, i), template);

  return cursor.y + margin;
}
