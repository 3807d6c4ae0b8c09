/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 CSV, read from a stream a chunk at a time so a 100k-product
 * import never sits in memory whole, and written so that what Duka exports
 * reads back byte for byte.
 */
#include "duka-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (duka-csv-error-quark, duka_csv_error)

#define CHUNK_SIZE (64 * 1024)

#define UTF8_BOM     "\xef\xbb\xbf"
#define UTF8_BOM_LEN 3

/* reader_peek()'s answers that are not a byte. */
#define END_OF_INPUT (-1)
#define READ_FAILED  (-2)

struct _DukaCsvReader
{
  GObject       parent_instance;

  GInputStream *stream;
  char          delimiter;

  guint8       *buffer;
  gsize         pos;
  gsize         len;
  gboolean      bom_checked;

  guint         line;      /* physical line under the read position, 1-based */
  guint         row_line;  /* where the row last returned started */

  GString      *field;     /* reused, so a row costs one allocation per field */
  GError       *failure;   /* a broken file stays broken: every later call says so */
};

G_DEFINE_FINAL_TYPE (DukaCsvReader, duka_csv_reader, G_TYPE_OBJECT)

static void
duka_csv_reader_dispose (GObject *object)
{
  DukaCsvReader *self = DUKA_CSV_READER (object);

  g_clear_object (&self->stream);

  G_OBJECT_CLASS (duka_csv_reader_parent_class)->dispose (object);
}

static void
duka_csv_reader_finalize (GObject *object)
{
  DukaCsvReader *self = DUKA_CSV_READER (object);

  g_clear_pointer (&self->buffer, g_free);
  g_string_free (self->field, TRUE);
  g_clear_error (&self->failure);

  G_OBJECT_CLASS (duka_csv_reader_parent_class)->finalize (object);
}

static void
duka_csv_reader_class_init (DukaCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = duka_csv_reader_dispose;
  object_class->finalize = duka_csv_reader_finalize;
}

static void
duka_csv_reader_init (DukaCsvReader *self)
{
  self->buffer = g_malloc (CHUNK_SIZE);
  self->field = g_string_new (NULL);
  self->line = 1;
}

/**
 * duka_csv_reader_new:
 * @stream: where the CSV comes from; read with blocking calls, so run an
 *   import in a thread
 * @delimiter: ',' for RFC 4180, or ';' or '\t' as some spreadsheets write
 *
 * Returns: (transfer full): a reader positioned before the first row
 */
DukaCsvReader *
duka_csv_reader_new (GInputStream *stream,
                     char          delimiter)
{
  DukaCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n', NULL);
  g_return_val_if_fail (delimiter > 0 && (guchar) delimiter < 0x80, NULL);

  self = g_object_new (DUKA_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  self->delimiter = delimiter;

  return self;
}

/**
 * duka_csv_reader_new_for_bytes:
 * @bytes: a whole CSV file in memory
 * @delimiter: as for duka_csv_reader_new()
 *
 * Returns: (transfer full): a reader positioned before the first row
 */
DukaCsvReader *
duka_csv_reader_new_for_bytes (GBytes *bytes,
                               char    delimiter)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  return duka_csv_reader_new (stream, delimiter);
}

/* Spreadsheets on Windows start "CSV UTF-8" files with a byte-order mark;
 * it is not part of the first field's name.  read_all, because a pipe may
 * hand over the three bytes one at a time. */
static gboolean
reader_skip_bom (DukaCsvReader  *self,
                 GError        **error)
{
  gsize n = 0;

  self->bom_checked = TRUE;
  if (!g_input_stream_read_all (self->stream, self->buffer, UTF8_BOM_LEN, &n, NULL, error))
    return FALSE;

  self->len = n;
  self->pos = (n == UTF8_BOM_LEN && memcmp (self->buffer, UTF8_BOM, UTF8_BOM_LEN) == 0)
              ? UTF8_BOM_LEN : 0;
  return TRUE;
}

/* The next byte without taking it, END_OF_INPUT, or READ_FAILED with
 * @error set. */
static int
reader_peek (DukaCsvReader  *self,
             GError        **error)
{
  gssize n;

  if (G_LIKELY (self->pos < self->len))
    return self->buffer[self->pos];

  if (!self->bom_checked)
    {
      if (!reader_skip_bom (self, error))
        return READ_FAILED;
      if (self->pos < self->len)
        return self->buffer[self->pos];
    }

  n = g_input_stream_read (self->stream, self->buffer, CHUNK_SIZE, NULL, error);
  if (n < 0)
    return READ_FAILED;

  self->pos = 0;
  self->len = (gsize) n;
  return n == 0 ? END_OF_INPUT : self->buffer[0];
}

/* Takes a line end at the read position: CRLF, LF, or a lone CR as old
 * Mac spreadsheets wrote. */
static gboolean
reader_take_line_end (DukaCsvReader  *self,
                      GError        **error)
{
  int c = self->buffer[self->pos++];

  self->line++;
  if (c == '\r')
    {
      int next = reader_peek (self, error);

      if (next == READ_FAILED)
        return FALSE;
      if (next == '\n')
        self->pos++;
    }

  return TRUE;
}

static gboolean
is_line_end (int c)
{
  return c == '\r' || c == '\n';
}

/* One g_set_error() per message, so the compiler checks each format. */
static void
set_error_at (GError       **error,
              DukaCsvError   code,
              guint          line,
              guint          column)
{
  switch (code)
    {
    case DUKA_CSV_ERROR_INVALID_UTF8:
      g_set_error (error, DUKA_CSV_ERROR, code,
                   /* Translators: “CSV UTF-8” is the name spreadsheets' Save As uses */
                   _("Line %u, column %u: this is not UTF-8 text; save the file as "
                     "“CSV UTF-8” and try again"),
                   line, column);
      break;

    case DUKA_CSV_ERROR_STRAY_QUOTE:
      g_set_error (error, DUKA_CSV_ERROR, code,
                   _("Line %u, column %u: a quote is in the middle of a value; a value "
                     "with quotes in it must be in quotes itself, with each inner quote "
                     "doubled"),
                   line, column);
      break;

    case DUKA_CSV_ERROR_TEXT_AFTER_QUOTE:
      g_set_error (error, DUKA_CSV_ERROR, code,
                   _("Line %u, column %u: there is text after the closing quote; a value "
                     "in quotes must end at its closing quote"),
                   line, column);
      break;

    case DUKA_CSV_ERROR_UNTERMINATED_QUOTE:
      g_set_error (error, DUKA_CSV_ERROR, code,
                   _("Line %u, column %u: a quote is never closed"), line, column);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Reads up to the end of an unquoted field, taking the delimiter or line
 * end after it. */
static gboolean
read_unquoted (DukaCsvReader  *self,
               guint           column,
               gboolean       *row_done,
               GError        **error)
{
  for (;;)
    {
      int c = reader_peek (self, error);
      gsize start;

      if (c == READ_FAILED)
        return FALSE;

      if (c == END_OF_INPUT)
        {
          *row_done = TRUE;
          return TRUE;
        }

      if (c == self->delimiter)
        {
          self->pos++;
          *row_done = FALSE;
          return TRUE;
        }

      if (is_line_end (c))
        {
          *row_done = TRUE;
          return reader_take_line_end (self, error);
        }

      if (c == '"')
        {
          set_error_at (error, DUKA_CSV_ERROR_STRAY_QUOTE, self->line, column);
          return FALSE;
        }

      /* Most bytes are plain text: copy the run in one go. */
      start = self->pos;
      while (self->pos < self->len)
        {
          c = self->buffer[self->pos];
          if (c == self->delimiter || c == '"' || is_line_end (c))
            break;
          self->pos++;
        }
      g_string_append_len (self->field, (const char *) self->buffer + start,
                           (gssize) (self->pos - start));
    }
}

/* Reads a quoted field's content, the opening quote already taken, up to
 * and including the closing quote.  Line ends inside are kept as written. */
static gboolean
read_quoted (DukaCsvReader  *self,
             guint           column,
             GError        **error)
{
  guint open_line = self->line;

  for (;;)
    {
      int c = reader_peek (self, error);
      gsize start;

      if (c == READ_FAILED)
        return FALSE;

      if (c == END_OF_INPUT)
        {
          set_error_at (error, DUKA_CSV_ERROR_UNTERMINATED_QUOTE, open_line, column);
          return FALSE;
        }

      if (c == '"')
        {
          self->pos++;
          c = reader_peek (self, error);
          if (c == READ_FAILED)
            return FALSE;
          if (c != '"')
            return TRUE;
          g_string_append_c (self->field, '"');
          self->pos++;
          continue;
        }

      if (c == '\r')
        {
          g_string_append_c (self->field, '\r');
          self->pos++;
          self->line++;
          c = reader_peek (self, error);
          if (c == READ_FAILED)
            return FALSE;
          if (c == '\n')
            {
              g_string_append_c (self->field, '\n');
              self->pos++;
            }
          continue;
        }

      if (c == '\n')
        {
          g_string_append_c (self->field, '\n');
          self->pos++;
          self->line++;
          continue;
        }

      start = self->pos;
      while (self->pos < self->len && self->buffer[self->pos] != '"' &&
             !is_line_end (self->buffer[self->pos]))
        self->pos++;
      g_string_append_len (self->field, (const char *) self->buffer + start,
                           (gssize) (self->pos - start));
    }
}

/* After a closing quote only the end of the field may come. */
static gboolean
read_after_quote (DukaCsvReader  *self,
                  guint           column,
                  gboolean       *row_done,
                  GError        **error)
{
  int c = reader_peek (self, error);

  if (c == READ_FAILED)
    return FALSE;

  if (c == END_OF_INPUT)
    {
      *row_done = TRUE;
      return TRUE;
    }

  if (c == self->delimiter)
    {
      self->pos++;
      *row_done = FALSE;
      return TRUE;
    }

  if (is_line_end (c))
    {
      *row_done = TRUE;
      return reader_take_line_end (self, error);
    }

  set_error_at (error, DUKA_CSV_ERROR_TEXT_AFTER_QUOTE, self->line, column);
  return FALSE;
}

/* Checked per field rather than per chunk, so a character split across
 * two reads is never taken for a broken one. */
static gboolean
validate_field (DukaCsvReader  *self,
                guint           field_line,
                guint           column,
                GError        **error)
{
  const char *end = NULL;
  guint line = field_line;

  if (g_utf8_validate (self->field->str, (gssize) self->field->len, &end))
    return TRUE;

  for (const char *p = self->field->str; p < end; p++)
    if (*p == '\n' || (*p == '\r' && p[1] != '\n'))
      line++;

  set_error_at (error, DUKA_CSV_ERROR_INVALID_UTF8, line, column);
  return FALSE;
}

static gboolean
read_field (DukaCsvReader  *self,
            guint           column,
            gboolean       *row_done,
            GError        **error)
{
  guint field_line = self->line;
  int c;

  g_string_truncate (self->field, 0);

  c = reader_peek (self, error);
  if (c == READ_FAILED)
    return FALSE;

  if (c == '"')
    {
      self->pos++;
      if (!read_quoted (self, column, error) ||
          !read_after_quote (self, column, row_done, error))
        return FALSE;
    }
  else if (!read_unquoted (self, column, row_done, error))
    return FALSE;

  return validate_field (self, field_line, column, error);
}

/* An empty line is skipped rather than read as a row with one empty
 * field: a blank line in an import file is never a product.  A row that
 * is one empty field is written "" and reads back as such. */
static gboolean
skip_empty_lines (DukaCsvReader  *self,
                  gboolean       *at_end,
                  GError        **error)
{
  for (;;)
    {
      int c = reader_peek (self, error);

      if (c == READ_FAILED)
        return FALSE;

      *at_end = c == END_OF_INPUT;
      if (!is_line_end (c))
        return TRUE;

      if (!reader_take_line_end (self, error))
        return FALSE;
    }
}

/**
 * duka_csv_reader_next_row:
 * @self: a #DukaCsvReader
 * @fields: (out) (transfer full) (optional): the row's fields as UTF-8
 *   strings; the array is %NULL-terminated, so `(const char * const *)
 *   fields->pdata` is a string vector.  Set to %NULL at the end.
 * @error: return location for a #DUKA_CSV_ERROR or the stream's error
 *
 * Reads one row.  Rows may span lines through quoted line ends; see
 * duka_csv_reader_get_line() for where the row started.  After an error
 * the reader stays failed and every later call returns the same error.
 *
 * Returns: %TRUE if a row was read; %FALSE at the end without @error, or
 *   on failure with @error set
 */
gboolean
duka_csv_reader_next_row (DukaCsvReader  *self,
                          GPtrArray     **fields,
                          GError        **error)
{
  g_autoptr(GPtrArray) row = NULL;
  gboolean at_end = FALSE;
  gboolean row_done = FALSE;

  g_return_val_if_fail (DUKA_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fields != NULL)
    *fields = NULL;

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  if (!skip_empty_lines (self, &at_end, &self->failure))
    goto failed;

  if (at_end)
    return FALSE;

  self->row_line = self->line;
  row = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  while (!row_done)
    {
      if (!read_field (self, row->len + 1, &row_done, &self->failure))
        goto failed;
      g_ptr_array_add (row, g_strndup (self->field->str, self->field->len));
    }

  if (fields != NULL)
    *fields = g_steal_pointer (&row);
  return TRUE;

failed:
  g_propagate_error (error, g_error_copy (self->failure));
  return FALSE;
}

/**
 * duka_csv_reader_get_line:
 * @self: a #DukaCsvReader
 *
 * Returns: the 1-based line on which the row last returned by
 *   duka_csv_reader_next_row() started, or 0 before the first row
 */
guint
duka_csv_reader_get_line (DukaCsvReader *self)
{
  g_return_val_if_fail (DUKA_IS_CSV_READER (self), 0);

  return self->row_line;
}

/* Spreadsheets and many importers trim unquoted spaces, and a leading
 * byte-order mark would be eaten as the file's own: quotes keep both. */
static gboolean
field_needs_quotes (const char *field)
{
  gsize len = strlen (field);

  if (len == 0)
    return FALSE;

  return strpbrk (field, ",\"\r\n") != NULL ||
         field[0] == ' ' || field[0] == '\t' ||
         field[len - 1] == ' ' || field[len - 1] == '\t' ||
         g_str_has_prefix (field, UTF8_BOM);
}

static void
append_field (GString    *out,
              const char *field)
{
  if (!field_needs_quotes (field))
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * duka_csv_escape_field:
 * @field: a UTF-8 value
 *
 * Quotes @field for a comma-separated file, only when it needs it.
 *
 * Returns: (transfer full): the field as it goes in the file
 */
char *
duka_csv_escape_field (const char *field)
{
  GString *out;

  g_return_val_if_fail (field != NULL, NULL);

  out = g_string_sized_new (strlen (field) + 2);
  append_field (out, field);
  return g_string_free (out, FALSE);
}

/**
 * duka_csv_write_row:
 * @out: where the row is appended
 * @fields: (array length=n_fields): the values; a %NULL one is empty
 * @n_fields: at least 1
 *
 * Appends one comma-separated row ending in CRLF, as RFC 4180 says.
 */
void
duka_csv_write_row (GString            *out,
                    const char * const *fields,
                    guint               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL);
  g_return_if_fail (n_fields > 0);

  /* A bare line end would be an empty line, which the reader skips. */
  if (n_fields == 1 && (fields[0] == NULL || fields[0][0] == '\0'))
    {
      g_string_append (out, "\"\"\r\n");
      return;
    }

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, fields[i] != NULL ? fields[i] : "");
    }
  g_string_append (out, "\r\n");
}
