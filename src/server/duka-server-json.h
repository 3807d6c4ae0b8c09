/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Largest integer every JSON parser keeps exactly: 2^53 - 1. */
#define DUKA_JSON_SAFE_MAX G_GINT64_CONSTANT (9007199254740991)
/* Deeper than any record of the registry nests. */
#define DUKA_JSON_MAX_DEPTH 32

JsonNode   *duka_json_parse_object   (const char  *data,
                                      gsize        length,
                                      GError     **error);
const char *duka_json_get_string     (JsonObject  *object,
                                      const char  *member,
                                      gboolean     required,
                                      GError     **error);
gboolean    duka_json_get_int        (JsonObject  *object,
                                      const char  *member,
                                      gint64       min,
                                      gint64       max,
                                      gint64      *out,
                                      GError     **error);
char       *duka_json_to_string      (JsonNode    *node);
JsonNode   *duka_json_from_string    (const char  *text);

G_END_DECLS
