/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ids are made where the record is born, so an offline till can create
 * records without asking anyone: UUIDv7 (RFC 9562) text, whose leading
 * milliseconds keep new rows close together in SQLite's b-trees.
 */
#include "duka-id.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

static void
fill_random (guint8 *buf,
             gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        g_error ("getrandom failed: %s", g_strerror (errno));
      done += (gsize) n;
    }
}

char *
duka_id_new (void)
{
  guint8 b[16];
  guint64 ms = (guint64) (g_get_real_time () / 1000);

  fill_random (b, sizeof b);
  for (guint i = 0; i < 6; i++)
    b[i] = (guint8) (ms >> (40 - 8 * i));
  b[6] = (guint8) (0x70 | (b[6] & 0x0f));
  b[8] = (guint8) (0x80 | (b[8] & 0x3f));

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

gboolean
duka_id_is_valid (const char *id)
{
  if (id == NULL || strlen (id) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (id[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (id[i]) || g_ascii_isupper (id[i]))
        return FALSE;
    }

  return TRUE;
}
