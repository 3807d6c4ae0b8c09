/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Request bodies are hostile until proven otherwise.  json-glib 1.6 wraps
 * integers that overflow gint64 into small wrong numbers, turns 1e400 into
 * infinity, and cuts strings at \u0000, all silently; so the text is
 * scanned for those before it is parsed.
 */
#include <math.h>
#include <string.h>

#include "duka-server-error.h"
#include "duka-server-json.h"

static gboolean
bad (GError     **error,
     const char  *message)
{
  g_set_error_literal (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_BAD_REQUEST, message);
  return FALSE;
}

static gboolean
check_number (const char  *start,
              gsize        length,
              GError     **error)
{
  g_autofree char *text = g_strndup (start, length);
  gboolean integer = strpbrk (text, ".eE") == NULL;
  double value;

  if (integer)
    {
      gint64 number;

      if (!g_ascii_string_to_signed (text, 10, -DUKA_JSON_SAFE_MAX, DUKA_JSON_SAFE_MAX,
                                     &number, NULL))
        return bad (error, "A number in the request is larger than 2^53.");
      return TRUE;
    }

  value = g_ascii_strtod (text, NULL);
  if (!isfinite (value) || fabs (value) > (double) DUKA_JSON_SAFE_MAX)
    return bad (error, "A number in the request is larger than 2^53.");

  return TRUE;
}

static gboolean
scan_text (const char  *data,
           gsize        length,
           GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              if (i + 5 < length && strncmp (data + i + 1, "u0000", 5) == 0)
                return bad (error, "Text in the request holds a NUL character.");
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          /* json-glib recurses once per level: bound the stack. */
          if (++depth > DUKA_JSON_MAX_DEPTH)
            return bad (error, "The request nests too deeply.");
        }
      else if (c == ']' || c == '}')
        depth = depth > 0 ? depth - 1 : 0;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize end = i;

          while (end < length && (g_ascii_isdigit (data[end]) || strchr ("+-.eE", data[end])))
            end++;
          if (!check_number (data + i, end - i, error))
            return FALSE;
          i = end - 1;
        }
    }

  return TRUE;
}

/**
 * duka_json_parse_object:
 *
 * Parses a request body that must be one JSON object of valid UTF-8 with
 * no number beyond ±2^53.  Errors are DUKA_SERVER_ERROR_BAD_REQUEST with a
 * message fit to show.
 */
JsonNode *
duka_json_parse_object (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  if (length == 0)
    return bad (error, "The request has no body; a JSON object was expected."), NULL;
  if (!g_utf8_validate_len (data, length, NULL))
    return bad (error, "The request body is not valid UTF-8."), NULL;
  if (!scan_text (data, length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    return bad (error, "The request body is not valid JSON."), NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return bad (error, "The request body must be a JSON object."), NULL;

  return json_node_ref (root);
}

const char *
duka_json_get_string (JsonObject  *object,
                      const char  *member,
                      gboolean     required,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_BAD_REQUEST,
                     "“%s” is required.", member);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_BAD_REQUEST,
                   "“%s” must be text.", member);
      return NULL;
    }

  return json_node_get_string (node);
}

gboolean
duka_json_get_int (JsonObject  *object,
                   const char  *member,
                   gint64       min,
                   gint64       max,
                   gint64      *out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_BAD_REQUEST,
                   "“%s” must be a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT ".",
                   member, min, max);
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

char *
duka_json_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* Text from our own database: trusted to be JSON. */
JsonNode *
duka_json_from_string (const char *text)
{
  return json_from_string (text, NULL);
}
