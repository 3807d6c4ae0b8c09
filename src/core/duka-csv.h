/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DUKA_CSV_ERROR (duka_csv_error_quark ())

/* Every message starts with "Line L, column C:", the line where the
 * problem is and the column counted as a spreadsheet counts them (the
 * field's number in its row), so a manager can open the file and find it. */
typedef enum
{
  DUKA_CSV_ERROR_INVALID_UTF8,
  DUKA_CSV_ERROR_STRAY_QUOTE,
  DUKA_CSV_ERROR_TEXT_AFTER_QUOTE,
  DUKA_CSV_ERROR_UNTERMINATED_QUOTE,
} DukaCsvError;

#define DUKA_TYPE_CSV_READER (duka_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (DukaCsvReader, duka_csv_reader, DUKA, CSV_READER, GObject)

GQuark         duka_csv_error_quark          (void);

DukaCsvReader *duka_csv_reader_new           (GInputStream        *stream,
                                              char                 delimiter);
DukaCsvReader *duka_csv_reader_new_for_bytes (GBytes              *bytes,
                                              char                 delimiter);
gboolean       duka_csv_reader_next_row      (DukaCsvReader       *self,
                                              GPtrArray          **fields,
                                              GError             **error);
guint          duka_csv_reader_get_line      (DukaCsvReader       *self);

char          *duka_csv_escape_field         (const char          *field);
void           duka_csv_write_row            (GString             *out,
                                              const char * const  *fields,
                                              guint                n_fields);

G_END_DECLS
