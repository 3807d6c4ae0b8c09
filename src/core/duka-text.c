/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text as search sees it: "Café Crème" and "cafe creme" are the same
 * words, so a cashier finds an item however it was typed.
 */
#include <string.h>

#include "duka-text.h"

/* Lower case, diacritics removed, runs of white space made one space. */
char *
duka_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The smallest string greater than every string starting with @prefix
 * under SQLite's BINARY collation, so `key >= prefix AND key < end` is an
 * index range scan. */
char *
duka_text_prefix_end (const char *prefix)
{
  return g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
}

/* Trimmed, inner runs of white space made one space: how names are
 * stored. */
char *
duka_text_normalize_name (const char *text)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (text == NULL)
    return g_strdup ("");

  words = g_strsplit_set (text, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (" ", (char **) kept->pdata);
}
