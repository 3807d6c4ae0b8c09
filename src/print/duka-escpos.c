/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The subset of ESC/POS that every receipt printer worth selling has
 * understood since the TM-T88: text in a code page, bold, character size,
 * alignment, feeds, cut, drawer kick and GS v 0 raster images.  README.md
 * beside this file lists the bytes. */

#include "duka-escpos.h"

#include <cairo.h>
#include <string.h>

#include "duka-print-image-private.h"

#define ESC 0x1b
#define GS  0x1d
#define LF  0x0a

G_DEFINE_QUARK (duka-escpos-error-quark, duka_escpos_error)

struct _DukaEscpos
{
  GByteArray   *bytes;
  DukaCodePage  code_page;
};

/* The upper halves of the code pages, as Unicode code points (0: unused). */
static const guint16 cp437_high[128] = {
  0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
  0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
  0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
  0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
  0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
  0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
  0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
  0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
  0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
  0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
  0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
  0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
  0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
  0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
  0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

static const guint16 cp850_high[128] = {
  0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
  0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
  0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
  0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,
  0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
  0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0,
  0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,
  0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
  0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,
  0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x0131, 0x00CD, 0x00CE,
  0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
  0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,
  0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,
  0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
  0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};

static const guint16 cp858_high[128] = {
  0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
  0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
  0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
  0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,
  0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
  0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
  0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0,
  0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,
  0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
  0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,
  0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x20AC, 0x00CD, 0x00CE,
  0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
  0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,
  0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,
  0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
  0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
};

static const guint16 cp1252_high[128] = {
  0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,
  0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,
  0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
  0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
  0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
  0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
  0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
  0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
  0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,
  0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
  0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
  0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
  0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
  0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
};

static const guint16 *
code_page_table (DukaCodePage code_page)
{
  switch (code_page)
    {
    case DUKA_CODE_PAGE_CP850:
      return cp850_high;
    case DUKA_CODE_PAGE_CP858:
      return cp858_high;
    case DUKA_CODE_PAGE_CP1252:
      return cp1252_high;
    case DUKA_CODE_PAGE_CP437:
    default:
      return cp437_high;
    }
}

static int
code_page_lookup (const guint16 *table,
                  gunichar       c)
{
  if (c < 0x80)
    return (int) c;

  for (int i = 0; i < 128; i++)
    if (table[i] == c)
      return 0x80 + i;

  return -1;
}

/* Characters a code page lacks, printed as their nearest plain look-alike
 * rather than '?': typographic quotes and dashes, spaces, and letters whose
 * accent the page lacks (their base letter). */
static int
encode_fallback (const guint16 *table,
                 gunichar       c)
{
  gunichar decomposed[4];
  gsize n_decomposed;

  switch (c)
    {
    case 0x00a0: /* no-break space, as money formatting uses */
    case 0x2007:
    case 0x2009:
    case 0x202f:
      return ' ';
    case 0x2018:
    case 0x2019:
    case 0x201a:
      return '\'';
    case 0x201c:
    case 0x201d:
    case 0x201e:
      return '"';
    case 0x2010:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2212:
      return '-';
    default:
      break;
    }

  n_decomposed = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n_decomposed > 1)
    {
      int base = code_page_lookup (table, decomposed[0]);

      if (base >= 0x20)
        return base;
    }

  return '?';
}

/**
 * duka_escpos_encode:
 * @code_page: the printer's table
 * @utf8: text
 * @out_length: (out): the number of bytes
 *
 * Converts @utf8 to @code_page, one byte per character: what the page
 * lacks becomes a look-alike or '?', control characters other than '\n'
 * become '?' so text can never smuggle in a command.
 *
 * Returns: (transfer full): the bytes, NUL-terminated
 */
char *
duka_escpos_encode (DukaCodePage  code_page,
                    const char   *utf8,
                    gsize        *out_length)
{
  const guint16 *table = code_page_table (code_page);
  g_autofree char *valid = g_utf8_make_valid (utf8, -1);
  g_autofree char *composed = g_utf8_normalize (valid, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  GString *out;

  out = g_string_sized_new (strlen (composed));
  for (const char *p = composed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int byte;

      if (c == '\n')
        byte = LF;
      else if (c == 0x00a0)
        byte = ' ';  /* money formatting's no-break space: printers never wrap */
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        byte = '?';
      else
        byte = code_page_lookup (table, c);

      if (byte < 0)
        byte = encode_fallback (table, c);

      g_string_append_c (out, (char) byte);
    }

  if (out_length != NULL)
    *out_length = out->len;

  return g_string_free (out, FALSE);
}

DukaEscpos *
duka_escpos_new (void)
{
  DukaEscpos *escpos = g_new0 (DukaEscpos, 1);

  escpos->bytes = g_byte_array_new ();
  escpos->code_page = DUKA_CODE_PAGE_CP437;

  return escpos;
}

void
duka_escpos_free (DukaEscpos *escpos)
{
  if (escpos == NULL)
    return;

  g_byte_array_unref (escpos->bytes);
  g_free (escpos);
}

GBytes *
duka_escpos_free_to_bytes (DukaEscpos *escpos)
{
  GBytes *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&escpos->bytes));

  g_free (escpos);

  return bytes;
}

gsize
duka_escpos_get_length (DukaEscpos *escpos)
{
  return escpos->bytes->len;
}

void
duka_escpos_raw (DukaEscpos   *escpos,
                 const guint8 *bytes,
                 gsize         length)
{
  g_byte_array_append (escpos->bytes, bytes, length);
}

/* ESC @: back to the printer's defaults (left, normal size, not bold). */
void
duka_escpos_initialize (DukaEscpos *escpos)
{
  const guint8 command[] = { ESC, '@' };

  duka_escpos_raw (escpos, command, sizeof command);
}

/* ESC t n */
void
duka_escpos_set_code_page (DukaEscpos   *escpos,
                           DukaCodePage  code_page)
{
  const guint8 command[] = { ESC, 't', (guint8) code_page };

  duka_escpos_raw (escpos, command, sizeof command);
  escpos->code_page = code_page;
}

void
duka_escpos_text (DukaEscpos *escpos,
                  const char *utf8)
{
  gsize length = 0;
  g_autofree char *encoded = duka_escpos_encode (escpos->code_page, utf8, &length);

  duka_escpos_raw (escpos, (const guint8 *) encoded, length);
}

/* The text and LF, which prints the line. */
void
duka_escpos_line (DukaEscpos *escpos,
                  const char *utf8)
{
  const guint8 lf = LF;

  duka_escpos_text (escpos, utf8);
  duka_escpos_raw (escpos, &lf, 1);
}

/* ESC E n */
void
duka_escpos_set_bold (DukaEscpos *escpos,
                      gboolean    bold)
{
  const guint8 command[] = { ESC, 'E', bold ? 1 : 0 };

  duka_escpos_raw (escpos, command, sizeof command);
}

/* GS ! n: width multiplier in the high nibble, height in the low, each
 * stored as (factor - 1). */
void
duka_escpos_set_size (DukaEscpos *escpos,
                      guint       width,
                      guint       height)
{
  guint8 command[] = { GS, '!', 0 };

  width = CLAMP (width, 1, 8);
  height = CLAMP (height, 1, 8);
  command[2] = (guint8) (((width - 1) << 4) | (height - 1));
  duka_escpos_raw (escpos, command, sizeof command);
}

/* ESC a n */
void
duka_escpos_set_align (DukaEscpos      *escpos,
                       DukaEscposAlign  align)
{
  const guint8 command[] = { ESC, 'a', (guint8) align };

  duka_escpos_raw (escpos, command, sizeof command);
}

/* ESC d n: print and feed n lines. */
void
duka_escpos_feed (DukaEscpos *escpos,
                  guint       lines)
{
  const guint8 command[] = { ESC, 'd', (guint8) MIN (lines, 255) };

  duka_escpos_raw (escpos, command, sizeof command);
}

/* GS V m: the cutter sits a few lines above the print head, so the
 * caller feeds first. */
void
duka_escpos_cut (DukaEscpos    *escpos,
                 DukaEscposCut  cut)
{
  const guint8 command[] = { GS, 'V', (guint8) cut };

  duka_escpos_raw (escpos, command, sizeof command);
}

/* ESC p m t1 t2: a pulse on pin 2 of the drawer connector, on for
 * 25 × 2 ms and off for 250 × 2 ms, what drawers expect. */
void
duka_escpos_kick_drawer (DukaEscpos *escpos)
{
  const guint8 command[] = { ESC, 'p', 0, 25, 250 };

  duka_escpos_raw (escpos, command, sizeof command);
}

/* A PNG becomes an opaque image at most @max_width pixels wide, on white. */
static cairo_surface_t *
load_png_on_white (GBytes  *png,
                   guint    max_width,
                   GError **error)
{
  cairo_surface_t *source;
  cairo_surface_t *flat;
  cairo_t *cr;
  int width, height, flat_width, flat_height;

  source = duka_print_load_png (png, error);
  if (source == NULL)
    return NULL;

  width = cairo_image_surface_get_width (source);
  height = cairo_image_surface_get_height (source);
  flat_width = width;
  flat_height = height;
  if ((guint) width > max_width)
    {
      flat_width = (int) max_width;
      flat_height = MAX (1, (int) (((gint64) height * max_width + width / 2) / width));
    }

  flat = cairo_image_surface_create (CAIRO_FORMAT_RGB24, flat_width, flat_height);
  cr = cairo_create (flat);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, (double) flat_width / width, (double) flat_height / height);
  cairo_set_source_surface (cr, source, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            flat_width == width ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (source);
  cairo_surface_flush (flat);

  return flat;
}

/**
 * duka_escpos_raster_png:
 * @png: a PNG image
 * @max_width_dots: the printable width (384 dots at 58 mm, 576 at 80 mm);
 *   wider images are scaled down
 *
 * Appends GS v 0 with @png thresholded to one bit: a pixel prints black
 * when its luminance over a white background is below one half.
 */
gboolean
duka_escpos_raster_png (DukaEscpos  *escpos,
                        GBytes      *png,
                        guint        max_width_dots,
                        GError     **error)
{
  cairo_surface_t *image;
  const guint8 *data;
  int width, height, stride, width_bytes;
  guint8 header[8];

  image = load_png_on_white (png, max_width_dots, error);
  if (image == NULL)
    return FALSE;

  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  width_bytes = (width + 7) / 8;

  header[0] = GS;
  header[1] = 'v';
  header[2] = '0';
  header[3] = 0;
  header[4] = (guint8) (width_bytes & 0xff);
  header[5] = (guint8) (width_bytes >> 8);
  header[6] = (guint8) (height & 0xff);
  header[7] = (guint8) (height >> 8);
  duka_escpos_raw (escpos, header, sizeof header);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int xb = 0; xb < width_bytes; xb++)
        {
          guint8 bits = 0;

          for (int bit = 0; bit < 8; bit++)
            {
              int x = xb * 8 + bit;
              guint32 pixel, r, g, b;

              if (x >= width)
                break;
              pixel = row[x];
              r = (pixel >> 16) & 0xff;
              g = (pixel >> 8) & 0xff;
              b = pixel & 0xff;
              if (299 * r + 587 * g + 114 * b < 128 * 1000)
                bits |= (guint8) (0x80 >> bit);
            }
          duka_escpos_raw (escpos, &bits, 1);
        }
    }

  cairo_surface_destroy (image);

  return TRUE;
}
