/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "duka-receipt-escpos.h"

#include "duka-receipt-layout.h"

/* Printable width in dots at 203 dpi: 48 mm on 58 mm paper, 72 mm on 80. */
#define DOTS_58MM 384
#define DOTS_80MM 576

/* Lines between the print head and the cutter. */
#define FEED_BEFORE_CUT 4

static guint
text_width (const char *text)
{
  return (guint) g_utf8_strlen (text, -1);
}

static char *
text_prefix (const char *text,
             guint       n_chars)
{
  const char *end = g_utf8_offset_to_pointer (text, n_chars);

  return g_strndup (text, end - text);
}

/**
 * duka_text_wrap:
 * @width: columns, at least 1
 *
 * Greedy word wrap on spaces; a word longer than @width is cut.
 *
 * Returns: (transfer full) (element-type utf8): the lines, at least one
 */
GPtrArray *
duka_text_wrap (const char *text,
                guint       width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *composed = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_auto(GStrv) words = g_strsplit (composed ? composed : "", " ", -1);
  GString *current = g_string_new (NULL);
  guint current_width = 0;

  width = MAX (width, 1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      guint word_width = text_width (word);

      if (word_width == 0)
        continue;

      if (current_width > 0 && current_width + 1 + word_width <= width)
        {
          g_string_append_c (current, ' ');
          g_string_append (current, word);
          current_width += 1 + word_width;
          continue;
        }

      if (current_width > 0)
        {
          g_ptr_array_add (lines, g_string_free (current, FALSE));
          current = g_string_new (NULL);
          current_width = 0;
        }

      while (word_width > width)
        {
          g_ptr_array_add (lines, text_prefix (word, width));
          word = g_utf8_offset_to_pointer (word, width);
          word_width -= width;
        }
      g_string_append (current, word);
      current_width = word_width;
    }

  if (current_width > 0 || lines->len == 0)
    g_ptr_array_add (lines, g_string_free (current, FALSE));
  else
    g_string_free (current, TRUE);

  return lines;
}

typedef struct
{
  DukaEscpos      *escpos;
  DukaEscposAlign  align;
} Renderer;

/* ESC a only when the alignment changes: centred header lines share one. */
static void
renderer_align (Renderer        *renderer,
                DukaEscposAlign  align)
{
  if (renderer->align != align)
    duka_escpos_set_align (renderer->escpos, align);
  renderer->align = align;
}

static void
begin_style (DukaEscpos       *escpos,
             DukaReceiptStyle  style)
{
  if (style == DUKA_RECEIPT_STYLE_NORMAL)
    return;

  duka_escpos_set_bold (escpos, TRUE);
  if (style == DUKA_RECEIPT_STYLE_TALL)
    duka_escpos_set_size (escpos, 1, 2);
  else if (style == DUKA_RECEIPT_STYLE_TITLE)
    duka_escpos_set_size (escpos, 2, 2);
}

static void
end_style (DukaEscpos       *escpos,
           DukaReceiptStyle  style)
{
  if (style == DUKA_RECEIPT_STYLE_NORMAL)
    return;

  if (style != DUKA_RECEIPT_STYLE_BOLD)
    duka_escpos_set_size (escpos, 1, 1);
  duka_escpos_set_bold (escpos, FALSE);
}

static guint
style_columns (DukaReceiptStyle style,
               guint            columns)
{
  return style == DUKA_RECEIPT_STYLE_TITLE ? columns / 2 : columns;
}

static void
emit_indented (DukaEscpos *escpos,
               guint       indent,
               const char *text)
{
  g_autofree char *line = g_strdup_printf ("%*s%s", (int) indent, "", text);

  duka_escpos_line (escpos, line);
}

static void
render_text (Renderer             *renderer,
             const DukaReceiptRow *row,
             guint                 columns)
{
  DukaEscpos *escpos = renderer->escpos;
  guint width = style_columns (row->style, columns) - row->indent;
  g_autoptr(GPtrArray) lines = duka_text_wrap (row->left, width);

  renderer_align (renderer, row->align == DUKA_RECEIPT_ALIGN_CENTER ? DUKA_ESCPOS_ALIGN_CENTER
                                                                    : DUKA_ESCPOS_ALIGN_LEFT);
  begin_style (escpos, row->style);
  for (guint i = 0; i < lines->len; i++)
    emit_indented (escpos, row->indent, g_ptr_array_index (lines, i));
  end_style (escpos, row->style);
}

/* The label wraps in its column and the amount sits right on its first
 * line; an amount too wide to leave the label room gets a line of its own. */
static void
render_pair (Renderer             *renderer,
             const DukaReceiptRow *row,
             guint                 columns)
{
  DukaEscpos *escpos = renderer->escpos;
  guint right_width = text_width (row->right);
  gboolean shares_line = row->indent + right_width + 1 + 8 <= columns;
  guint label_width = columns - row->indent - (shares_line ? right_width + 1 : 0);
  g_autoptr(GPtrArray) lines = duka_text_wrap (row->left, label_width);

  renderer_align (renderer, DUKA_ESCPOS_ALIGN_LEFT);
  begin_style (escpos, row->style);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *label = g_ptr_array_index (lines, i);

      if (i == 0 && shares_line)
        {
          guint gap = columns - row->indent - text_width (label) - right_width;
          g_autofree char *line = g_strdup_printf ("%*s%s%*s%s", (int) row->indent, "",
                                                   label, (int) gap, "", row->right);

          duka_escpos_line (escpos, line);
        }
      else
        emit_indented (escpos, row->indent, label);
    }
  if (!shares_line)
    {
      renderer_align (renderer, DUKA_ESCPOS_ALIGN_RIGHT);
      duka_escpos_line (escpos, row->right);
    }
  end_style (escpos, row->style);
}

static void
render_logo (Renderer                  *renderer,
             const DukaReceiptTemplate *template)
{
  DukaEscpos *escpos = renderer->escpos;
  guint dots = template->paper == DUKA_PAPER_58MM ? DOTS_58MM : DOTS_80MM;
  g_autoptr(DukaEscpos) logo = duka_escpos_new ();

  /* A logo that does not decode is left out: the receipt still prints.
   * duka_receipt_template_load_logo() refuses such files up front. */
  if (!duka_escpos_raster_png (logo, template->logo_png, dots, NULL))
    return;

  renderer_align (renderer, DUKA_ESCPOS_ALIGN_CENTER);
  {
    g_autoptr(GBytes) bytes = duka_escpos_free_to_bytes (g_steal_pointer (&logo));
    gsize length = 0;
    const guint8 *data = g_bytes_get_data (bytes, &length);

    duka_escpos_raw (escpos, data, length);
  }
}

/**
 * duka_receipt_render_escpos:
 * @template: its paper picks 32 or 48 columns (A4 prints as 80 mm)
 * @code_page: the printer's code page for text
 * @locale: formats amounts; 0 for the thread's locale
 *
 * Returns: (transfer full): the bytes to send to the printer
 */
GBytes *
duka_receipt_render_escpos (const DukaReceipt         *receipt,
                            const DukaReceiptTemplate *template,
                            DukaCodePage               code_page,
                            DukaReceiptEscposFlags     flags,
                            locale_t                   locale)
{
  guint columns = duka_paper_get_columns (template->paper);
  g_autoptr(GPtrArray) rows = duka_receipt_layout_rows (receipt, template, locale);
  DukaEscpos *escpos = duka_escpos_new ();
  Renderer renderer = { escpos, DUKA_ESCPOS_ALIGN_LEFT };

  if (columns == 0)
    columns = duka_paper_get_columns (DUKA_PAPER_80MM);

  duka_escpos_initialize (escpos);
  duka_escpos_set_code_page (escpos, code_page);
  /* First, so the drawer opens while the receipt prints. */
  if (flags & DUKA_RECEIPT_ESCPOS_KICK_DRAWER)
    duka_escpos_kick_drawer (escpos);

  for (guint i = 0; i < rows->len; i++)
    {
      const DukaReceiptRow *row = g_ptr_array_index (rows, i);
      g_autofree char *rule = NULL;

      switch (row->kind)
        {
        case DUKA_RECEIPT_ROW_LOGO:
          render_logo (&renderer, template);
          break;
        case DUKA_RECEIPT_ROW_TEXT:
          render_text (&renderer, row, columns);
          break;
        case DUKA_RECEIPT_ROW_PAIR:
          render_pair (&renderer, row, columns);
          break;
        case DUKA_RECEIPT_ROW_RULE:
          renderer_align (&renderer, DUKA_ESCPOS_ALIGN_LEFT);
          rule = g_strnfill (columns, '-');
          duka_escpos_line (escpos, rule);
          break;
        case DUKA_RECEIPT_ROW_BLANK:
        default:
          duka_escpos_line (escpos, "");
          break;
        }
    }

  if (!(flags & DUKA_RECEIPT_ESCPOS_NO_CUT))
    {
      duka_escpos_feed (escpos, FEED_BEFORE_CUT);
      duka_escpos_cut (escpos, DUKA_ESCPOS_CUT_PARTIAL);
    }

  return duka_escpos_free_to_bytes (escpos);
}
