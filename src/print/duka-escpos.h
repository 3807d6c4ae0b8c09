/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The ESC t n table numbers of Epson's TM series, which most ESC/POS
 * printers follow. */
typedef enum
{
  DUKA_CODE_PAGE_CP437  = 0,
  DUKA_CODE_PAGE_CP850  = 2,
  DUKA_CODE_PAGE_CP1252 = 16,
  DUKA_CODE_PAGE_CP858  = 19,
} DukaCodePage;

typedef enum
{
  DUKA_ESCPOS_ALIGN_LEFT   = 0,
  DUKA_ESCPOS_ALIGN_CENTER = 1,
  DUKA_ESCPOS_ALIGN_RIGHT  = 2,
} DukaEscposAlign;

typedef enum
{
  DUKA_ESCPOS_CUT_FULL    = 0,
  DUKA_ESCPOS_CUT_PARTIAL = 1,
} DukaEscposCut;

#define DUKA_ESCPOS_ERROR (duka_escpos_error_quark ())

typedef enum
{
  DUKA_ESCPOS_ERROR_BAD_IMAGE,
} DukaEscposError;

GQuark duka_escpos_error_quark (void);

typedef struct _DukaEscpos DukaEscpos;

DukaEscpos *duka_escpos_new            (void);
void        duka_escpos_free           (DukaEscpos      *escpos);
GBytes     *duka_escpos_free_to_bytes  (DukaEscpos      *escpos);
gsize       duka_escpos_get_length     (DukaEscpos      *escpos);

void        duka_escpos_initialize     (DukaEscpos      *escpos);
void        duka_escpos_set_code_page  (DukaEscpos      *escpos,
                                        DukaCodePage     code_page);
void        duka_escpos_text           (DukaEscpos      *escpos,
                                        const char      *utf8);
void        duka_escpos_line           (DukaEscpos      *escpos,
                                        const char      *utf8);
void        duka_escpos_raw            (DukaEscpos      *escpos,
                                        const guint8    *bytes,
                                        gsize            length);
void        duka_escpos_set_bold       (DukaEscpos      *escpos,
                                        gboolean         bold);
void        duka_escpos_set_size       (DukaEscpos      *escpos,
                                        guint            width,
                                        guint            height);
void        duka_escpos_set_align      (DukaEscpos      *escpos,
                                        DukaEscposAlign  align);
void        duka_escpos_feed           (DukaEscpos      *escpos,
                                        guint            lines);
void        duka_escpos_cut            (DukaEscpos      *escpos,
                                        DukaEscposCut    cut);
void        duka_escpos_kick_drawer    (DukaEscpos      *escpos);
gboolean    duka_escpos_raster_png     (DukaEscpos      *escpos,
                                        GBytes          *png,
                                        guint            max_width_dots,
                                        GError         **error);

char       *duka_escpos_encode         (DukaCodePage     code_page,
                                        const char      *utf8,
                                        gsize           *out_length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaEscpos, duka_escpos_free)

G_END_DECLS
