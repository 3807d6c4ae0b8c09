/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV as spreadsheets really write it: every case is read whole, one byte
 * per read and seven bytes per read, so no quote, CRLF or byte-order mark
 * split across two reads goes unnoticed.
 */
#include <string.h>

#include "duka-csv.h"

/* A stream that hands out at most max_read bytes per read, from a fixed
 * buffer or from rows made on demand, so a test can prove the reader never
 * needs the whole file: the generated file never exists whole. */
#define TEST_TYPE_STREAM (test_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestStream, test_stream, TEST, STREAM, GInputStream)

typedef void (*TestRowFunc) (GString *out,
                             guint    index);

struct _TestStream
{
  GInputStream parent_instance;
  GString     *pending;
  gsize        pending_pos;
  gsize        max_read;
  TestRowFunc  make_row;
  guint        n_rows;
  guint        next_row;
  gssize       fail_after;   /* report an I/O error after this many bytes; -1 never */
  gsize        served;
};

G_DEFINE_FINAL_TYPE (TestStream, test_stream, G_TYPE_INPUT_STREAM)

static gssize
test_stream_read (GInputStream  *stream,
                  void          *buffer,
                  gsize          count,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TestStream *self = TEST_STREAM (stream);
  gsize n;

  if (self->pending_pos == self->pending->len && self->next_row < self->n_rows)
    {
      g_string_truncate (self->pending, 0);
      self->pending_pos = 0;
      self->make_row (self->pending, self->next_row++);
    }

  if (self->fail_after >= 0 && self->served >= (gsize) self->fail_after)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The disk went away");
      return -1;
    }

  n = MIN (count, self->max_read);
  n = MIN (n, self->pending->len - self->pending_pos);
  memcpy (buffer, self->pending->str + self->pending_pos, n);
  self->pending_pos += n;
  self->served += n;
  return (gssize) n;
}

static void
test_stream_finalize (GObject *object)
{
  TestStream *self = TEST_STREAM (object);

  g_string_free (self->pending, TRUE);

  G_OBJECT_CLASS (test_stream_parent_class)->finalize (object);
}

static void
test_stream_class_init (TestStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_stream_read;
}

static void
test_stream_init (TestStream *self)
{
  self->pending = g_string_new (NULL);
  self->fail_after = -1;
}

static GInputStream *
test_stream_new (const char *data,
                 gsize       len,
                 gsize       max_read)
{
  TestStream *self = g_object_new (TEST_TYPE_STREAM, NULL);

  g_string_append_len (self->pending, data, (gssize) len);
  self->max_read = max_read;
  return G_INPUT_STREAM (self);
}

static GInputStream *
test_stream_new_generated (TestRowFunc make_row,
                           guint       n_rows,
                           gsize       max_read)
{
  TestStream *self = g_object_new (TEST_TYPE_STREAM, NULL);

  self->make_row = make_row;
  self->n_rows = n_rows;
  self->max_read = max_read;
  return G_INPUT_STREAM (self);
}

/* The three ways every case is read. */
#define N_READ_MODES 3

static DukaCsvReader *
reader_for_mode (const char *data,
                 gsize       len,
                 char        delimiter,
                 guint       mode)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;

  switch (mode)
    {
    case 0:
      bytes = g_bytes_new (data, len);
      return duka_csv_reader_new_for_bytes (bytes, delimiter);

    case 1:
      stream = test_stream_new (data, len, 1);
      return duka_csv_reader_new (stream, delimiter);

    default:
      stream = test_stream_new (data, len, 7);
      return duka_csv_reader_new (stream, delimiter);
    }
}

#define MAX_ROWS   5
#define MAX_FIELDS 5

typedef struct
{
  const char *name;
  const char *input;
  char        delimiter;
  /* Each row's fields, NULL-terminated; the rows end at a NULL first field. */
  const char *rows[MAX_ROWS][MAX_FIELDS + 1];
  guint       lines[MAX_ROWS];
} ParseCase;

static const ParseCase parse_cases[] = {
  { "plain", "a,b,c\n1,2,3\n", ',',
    { { "a", "b", "c" }, { "1", "2", "3" } }, { 1, 2 } },
  { "no trailing newline", "a,b\n1,2", ',',
    { { "a", "b" }, { "1", "2" } }, { 1, 2 } },
  { "CRLF", "a,b\r\n1,2\r\n", ',',
    { { "a", "b" }, { "1", "2" } }, { 1, 2 } },
  { "lone CR, as old Mac spreadsheets", "a,b\r1,2\r", ',',
    { { "a", "b" }, { "1", "2" } }, { 1, 2 } },
  { "quoted", "\"a\",\"b,c\"\n", ',',
    { { "a", "b,c" } }, { 1 } },
  { "doubled quotes", "\"say \"\"hi\"\"\",\"\"\"\"\n", ',',
    { { "say \"hi\"", "\"" } }, { 1 } },
  { "empty quoted fields", "\"\",\"\"\n", ',',
    { { "", "" } }, { 1 } },
  { "one empty quoted field is a row", "\"\"\nx\n", ',',
    { { "" }, { "x" } }, { 1, 2 } },
  { "LF inside quotes", "id,note\n1,\"two\nlines\"\n2,x\n", ',',
    { { "id", "note" }, { "1", "two\nlines" }, { "2", "x" } }, { 1, 2, 4 } },
  { "CRLF inside quotes", "1,\"a\r\nb\"\r\n2,c\r\n", ',',
    { { "1", "a\r\nb" }, { "2", "c" } }, { 1, 3 } },
  { "CR inside quotes", "1,\"a\rb\"\n2,c", ',',
    { { "1", "a\rb" }, { "2", "c" } }, { 1, 3 } },
  { "blank lines inside quotes", "\"a\n\nb\n\",x\ny", ',',
    { { "a\n\nb\n", "x" }, { "y" } }, { 1, 5 } },
  { "byte-order mark", "\xef\xbb\xbfname,price\nTea,100\n", ',',
    { { "name", "price" }, { "Tea", "100" } }, { 1, 2 } },
  { "byte-order mark before a quote", "\xef\xbb\xbf\"name\"\n", ',',
    { { "name" } }, { 1 } },
  { "only a byte-order mark", "\xef\xbb\xbf", ',', { { NULL } }, { 0 } },
  { "a byte-order mark later is data", "a,\xef\xbb\xbf" "b", ',',
    { { "a", "\xef\xbb\xbf" "b" } }, { 1 } },
  { "empty file", "", ',', { { NULL } }, { 0 } },
  { "only line ends", "\n\r\n\r\n\n", ',', { { NULL } }, { 0 } },
  { "empty lines are skipped", "a\n\n\r\nb\n\n", ',',
    { { "a" }, { "b" } }, { 1, 4 } },
  { "empty fields", ",,\na,,c\n", ',',
    { { "", "", "" }, { "a", "", "c" } }, { 1, 2 } },
  { "trailing delimiter", "a,b,", ',',
    { { "a", "b", "" } }, { 1 } },
  { "spaces are data", " a , b ", ',',
    { { " a ", " b " } }, { 1 } },
  { "semicolons", "a;\"b;c\";d,e\n", ';',
    { { "a", "b;c", "d,e" } }, { 1 } },
  { "tabs", "a\t\"b\tc\"\t\n", '\t',
    { { "a", "b\tc", "" } }, { 1 } },
  { "UTF-8", "Caf\xc3\xa9,\xe2\x82\xac" "5,\xe6\x97\xa5\xe6\x9c\xac\n", ',',
    { { "Caf\xc3\xa9", "\xe2\x82\xac" "5", "\xe6\x97\xa5\xe6\x9c\xac" } }, { 1 } },
  { "quoted field at the very end", "x,\"abc\"", ',',
    { { "x", "abc" } }, { 1 } },
};

static void
test_parse_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];

      for (guint mode = 0; mode < N_READ_MODES; mode++)
        {
          g_autoptr(DukaCsvReader) reader = reader_for_mode (c->input, strlen (c->input),
                                                             c->delimiter, mode);
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) fields = NULL;
          guint row = 0;

          g_test_message ("%s, read mode %u", c->name, mode);
          g_assert_cmpuint (duka_csv_reader_get_line (reader), ==, 0);

          while (duka_csv_reader_next_row (reader, &fields, &error))
            {
              g_assert_cmpuint (row, <, MAX_ROWS);
              g_assert_nonnull (c->rows[row][0]);
              g_assert_true (g_strv_equal ((const char * const *) fields->pdata, c->rows[row]));
              g_assert_cmpuint (duka_csv_reader_get_line (reader), ==, c->lines[row]);
              g_clear_pointer (&fields, g_ptr_array_unref);
              row++;
            }
          g_assert_no_error (error);
          g_assert_null (fields);
          g_assert_true (row == MAX_ROWS || c->rows[row][0] == NULL);

          /* The end stays the end. */
          g_assert_false (duka_csv_reader_next_row (reader, &fields, &error));
          g_assert_no_error (error);
          g_assert_finalize_object (g_steal_pointer (&reader));
        }
    }
}

typedef struct
{
  const char   *name;
  const char   *input;
  gssize        len;          /* -1: up to the NUL */
  guint         good_rows;    /* rows read before the error */
  DukaCsvError  code;
  const char   *message;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "quote never closed", "a,b\n1,\"never\nclosed\n", -1, 1,
    DUKA_CSV_ERROR_UNTERMINATED_QUOTE, "Line 2, column 2: a quote is never closed" },
  { "quote never closed at the start", "\"abc", -1, 0,
    DUKA_CSV_ERROR_UNTERMINATED_QUOTE, "Line 1, column 1: a quote is never closed" },
  { "quote never closed after a doubled quote", "x\n\n\"a\"\"", -1, 1,
    DUKA_CSV_ERROR_UNTERMINATED_QUOTE, "Line 3, column 1: a quote is never closed" },
  { "stray quote", "name,price\nTea \"green\",100\n", -1, 1,
    DUKA_CSV_ERROR_STRAY_QUOTE,
    "Line 2, column 1: a quote is in the middle of a value; a value with quotes in it must "
    "be in quotes itself, with each inner quote doubled" },
  { "stray quote after a row over lines", "x\n\"a\nb\nc\",y\n1,2,ab\"c\n", -1, 2,
    DUKA_CSV_ERROR_STRAY_QUOTE,
    "Line 5, column 3: a quote is in the middle of a value; a value with quotes in it must "
    "be in quotes itself, with each inner quote doubled" },
  { "space before a quote", "a, \"b\"\n", -1, 0,
    DUKA_CSV_ERROR_STRAY_QUOTE,
    "Line 1, column 2: a quote is in the middle of a value; a value with quotes in it must "
    "be in quotes itself, with each inner quote doubled" },
  { "text after the closing quote", "\"abc\"def,1\n", -1, 0,
    DUKA_CSV_ERROR_TEXT_AFTER_QUOTE,
    "Line 1, column 1: there is text after the closing quote; a value in quotes must end at "
    "its closing quote" },
  { "space after the closing quote", "a\nb,\"c\nd\" ,e", -1, 1,
    DUKA_CSV_ERROR_TEXT_AFTER_QUOTE,
    "Line 3, column 2: there is text after the closing quote; a value in quotes must end at "
    "its closing quote" },
  { "Latin-1 text", "ok\nbad,caf\xe9\n", -1, 1,
    DUKA_CSV_ERROR_INVALID_UTF8,
    "Line 2, column 2: this is not UTF-8 text; save the file as “CSV UTF-8” and try again" },
  { "bad byte on a field's second line", "\"line one\r\nline \xc3(two\",x", -1, 0,
    DUKA_CSV_ERROR_INVALID_UTF8,
    "Line 2, column 1: this is not UTF-8 text; save the file as “CSV UTF-8” and try again" },
  { "bad byte after a lone CR in quotes", "\"a\rb\rc\xff\"", -1, 0,
    DUKA_CSV_ERROR_INVALID_UTF8,
    "Line 3, column 1: this is not UTF-8 text; save the file as “CSV UTF-8” and try again" },
  { "character cut at the end", "a,b\xc3", -1, 0,
    DUKA_CSV_ERROR_INVALID_UTF8,
    "Line 1, column 2: this is not UTF-8 text; save the file as “CSV UTF-8” and try again" },
  { "NUL byte", "a\0b,c\n", 6, 0,
    DUKA_CSV_ERROR_INVALID_UTF8,
    "Line 1, column 1: this is not UTF-8 text; save the file as “CSV UTF-8” and try again" },
  { "UTF-16 file", "\xff\xfe" "a\0,\0b\0", 8, 0,
    DUKA_CSV_ERROR_INVALID_UTF8,
    "Line 1, column 1: this is not UTF-8 text; save the file as “CSV UTF-8” and try again" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      gsize len = c->len < 0 ? strlen (c->input) : (gsize) c->len;

      for (guint mode = 0; mode < N_READ_MODES; mode++)
        {
          g_autoptr(DukaCsvReader) reader = reader_for_mode (c->input, len, ',', mode);
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) fields = NULL;
          guint rows = 0;

          g_test_message ("%s, read mode %u", c->name, mode);
          while (duka_csv_reader_next_row (reader, &fields, &error))
            {
              g_clear_pointer (&fields, g_ptr_array_unref);
              rows++;
            }
          g_assert_error (error, DUKA_CSV_ERROR, (int) c->code);
          g_assert_cmpstr (error->message, ==, c->message);
          g_assert_cmpuint (rows, ==, c->good_rows);
          g_assert_null (fields);
          g_clear_error (&error);

          /* A broken file stays broken, rather than looking finished. */
          g_assert_false (duka_csv_reader_next_row (reader, &fields, &error));
          g_assert_error (error, DUKA_CSV_ERROR, (int) c->code);
          g_assert_cmpstr (error->message, ==, c->message);
          g_assert_finalize_object (g_steal_pointer (&reader));
        }
    }
}

static void
test_read_error (void)
{
  g_autoptr(GInputStream) stream = test_stream_new ("a,b\nc,d\ne,f\n", 12, 3);
  g_autoptr(DukaCsvReader) reader = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;

  TEST_STREAM (stream)->fail_after = 6;
  reader = duka_csv_reader_new (stream, ',');

  g_assert_true (duka_csv_reader_next_row (reader, &fields, &error));
  g_assert_no_error (error);
  g_clear_pointer (&fields, g_ptr_array_unref);

  g_assert_false (duka_csv_reader_next_row (reader, &fields, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_null (fields);
}

static void
test_escape_field (void)
{
  static const struct
  {
    const char *field;
    const char *escaped;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "two words", "two words" },
    { "Caf\xc3\xa9 \xe2\x82\xac", "Caf\xc3\xa9 \xe2\x82\xac" },
    { "a;b\tc", "a;b\tc" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\r", "\"cr\r\"" },
    { "crlf\r\n", "\"crlf\r\n\"" },
    { " leading", "\" leading\"" },
    { "trailing ", "\"trailing \"" },
    { "\ttab", "\"\ttab\"" },
    { "\xef\xbb\xbf" "bom", "\"\xef\xbb\xbf" "bom\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = duka_csv_escape_field (cases[i].field);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
    }
}

static void
test_write_row (void)
{
  const char *row[] = { "a", "b c", NULL, "x,y" };
  const char *empty_row[] = { "" };
  const char *two_empty[] = { "", "" };
  g_autoptr(GString) out = g_string_new (NULL);

  duka_csv_write_row (out, row, G_N_ELEMENTS (row));
  g_assert_cmpstr (out->str, ==, "a,b c,,\"x,y\"\r\n");

  /* A lone empty field written bare would be an empty line, which the
   * reader skips: it is quoted instead. */
  g_string_truncate (out, 0);
  duka_csv_write_row (out, empty_row, 1);
  g_assert_cmpstr (out->str, ==, "\"\"\r\n");

  g_string_truncate (out, 0);
  duka_csv_write_row (out, two_empty, 2);
  g_assert_cmpstr (out->str, ==, ",\r\n");
}

/* Pieces a random field is made of: everything that needs quoting, and
 * characters of one, two, three and four bytes. */
static const char * const alphabet[] = {
  "a", "Z", "7", " ", "\t", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n",
  "\xc3\xa9", "\xe2\x82\xac", "\xe6\x97\xa5", "\xf0\x9f\x8d\x95", "\xef\xbb\xbf",
};

static char *
random_field (GRand *rand)
{
  GString *field = g_string_new (NULL);
  guint len = (guint) g_rand_int_range (rand, 0, 12);

  for (guint i = 0; i < len; i++)
    g_string_append (field, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);

  return g_string_free (field, FALSE);
}

/* Line ends as the reader counts them: LF, CRLF, or a lone CR. */
static guint
count_line_ends (const char *text,
                 gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
      n++;

  return n;
}

/* Whatever Duka writes reads back the same, field for field, and each row
 * is found on the line it was written on. */
static void
test_round_trip (void)
{
  const char *seed_env = g_getenv ("DUKA_CSV_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10)
                                  : (guint32) g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_test_message ("round-trip seed %u; rerun with DUKA_CSV_SEED=%u", seed, seed);

  for (guint iteration = 0; iteration < 300; iteration++)
    {
      g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(DukaCsvReader) reader = NULL;
      g_autoptr(GPtrArray) fields = NULL;
      g_autoptr(GError) error = NULL;
      guint n_rows = (guint) g_rand_int_range (rand, 1, 12);
      guint line = 1;
      guint row = 0;

      for (guint r = 0; r < n_rows; r++)
        {
          guint n_fields = (guint) g_rand_int_range (rand, 1, 6);
          char **values = g_new0 (char *, n_fields + 1);
          gsize start = text->len;

          for (guint f = 0; f < n_fields; f++)
            values[f] = random_field (rand);
          duka_csv_write_row (text, (const char * const *) values, n_fields);

          g_ptr_array_add (written, values);
          g_array_append_val (lines, line);
          line += count_line_ends (text->str + start, text->len - start);
        }

      stream = test_stream_new (text->str, text->len, (gsize) g_rand_int_range (rand, 1, 64));
      reader = duka_csv_reader_new (stream, ',');
      while (duka_csv_reader_next_row (reader, &fields, &error))
        {
          g_assert_cmpuint (row, <, written->len);
          if (!g_strv_equal ((const char * const *) fields->pdata, written->pdata[row]))
            {
              g_autofree char *shown = g_strescape (text->str, NULL);

              g_test_message ("iteration %u, row %u, file: %s", iteration, row, shown);
              g_test_fail ();
              return;
            }
          g_assert_cmpuint (duka_csv_reader_get_line (reader), ==,
                            g_array_index (lines, guint, row));
          g_clear_pointer (&fields, g_ptr_array_unref);
          row++;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (row, ==, written->len);
    }
}

#define BIG_ROWS 100000

/* Two physical lines per row, with the awkward parts of a real export. */
static void
make_big_row (GString *out,
              guint    index)
{
  g_string_append_printf (out, "%u,Product %u,\"Tea, green \"\"loose\"\"\",\"Two\nlines\","
                          "Caf\xc3\xa9,%u.50\r\n",
                          index, index, index % 1000);
}

static void
test_big_stream (void)
{
  g_autoptr(GInputStream) stream = test_stream_new_generated (make_big_row, BIG_ROWS, 4096);
  g_autoptr(DukaCsvReader) reader = duka_csv_reader_new (stream, ',');
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  guint rows = 0;

  while (duka_csv_reader_next_row (reader, &fields, &error))
    {
      char id[16];

      g_snprintf (id, sizeof id, "%u", rows);
      g_assert_cmpuint (fields->len, ==, 6);
      g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, id);
      g_assert_cmpstr (g_ptr_array_index (fields, 2), ==, "Tea, green \"loose\"");
      g_assert_cmpstr (g_ptr_array_index (fields, 3), ==, "Two\nlines");
      g_assert_cmpuint (duka_csv_reader_get_line (reader), ==, 1 + 2 * rows);
      g_clear_pointer (&fields, g_ptr_array_unref);
      rows++;
    }
  elapsed = g_get_monotonic_time () - start;

  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, BIG_ROWS);
  g_test_message ("%u rows in %" G_GINT64_FORMAT " ms", rows, elapsed / 1000);
  /* Generous enough for valgrind; the point is no quadratic behaviour. */
  g_assert_cmpint (elapsed, <, 60 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parse-cases", test_parse_cases);
  g_test_add_func ("/csv/errors", test_errors);
  g_test_add_func ("/csv/read-error", test_read_error);
  g_test_add_func ("/csv/escape-field", test_escape_field);
  g_test_add_func ("/csv/write-row", test_write_row);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/big-stream", test_big_stream);

  return g_test_run ();
}
