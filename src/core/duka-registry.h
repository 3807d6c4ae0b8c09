/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The one registry of synced kinds: every entity and fact, its fields,
 * their types and limits, and the schema version that introduced them.
 * The till's store, the sync engine and the server all link this file, so
 * they can never disagree about a shape.  src/sync/PROTOCOL.md explains
 * the rules around it.
 */

#define DUKA_SYNC_PROTOCOL_VERSION 1

#define DUKA_REGISTRY_ERROR (duka_registry_error_quark ())

typedef enum
{
  DUKA_REGISTRY_ERROR_UNKNOWN_KIND,
  DUKA_REGISTRY_ERROR_INVALID_FIELD,
  DUKA_REGISTRY_ERROR_MISSING_FIELD,
} DukaRegistryError;

typedef enum
{
  DUKA_FIELD_ID,        /* UUID text */
  DUKA_FIELD_TEXT,      /* UTF-8; min/max are lengths in characters */
  DUKA_FIELD_INT,       /* integer within min..max */
  DUKA_FIELD_MONEY,     /* integer minor units within min..max */
  DUKA_FIELD_QUANTITY,  /* integer thousandths */
  DUKA_FIELD_RATE,      /* integer parts per million */
  DUKA_FIELD_BOOL,
  DUKA_FIELD_TIME,      /* integer µs since the epoch, UTC */
  DUKA_FIELD_ENUM,      /* one of values */
  DUKA_FIELD_CODE,      /* ASCII letters and digits, min..max long */
  DUKA_FIELD_GTIN,      /* 14 digits, valid check digit */
  DUKA_FIELD_HASH,      /* 64 lowercase hex digits (SHA-256) */
  DUKA_FIELD_COLOR,     /* #rrggbb */
  DUKA_FIELD_ID_LIST,   /* array of ids */
  DUKA_FIELD_GTIN_LIST, /* array of GTINs */
  DUKA_FIELD_OBJECTS,   /* array of objects described by items */
} DukaFieldType;

typedef enum
{
  DUKA_FIELD_REQUIRED = 1 << 0, /* must be present and not null */
  DUKA_FIELD_NULLABLE = 1 << 1, /* may be null */
} DukaFieldFlags;

typedef struct _DukaFieldSpec DukaFieldSpec;

struct _DukaFieldSpec
{
  const char          *name;
  DukaFieldType        type;
  DukaFieldFlags       flags;
  gint64               min;
  gint64               max;
  const char * const  *values;      /* DUKA_FIELD_ENUM */
  const char          *references;  /* kind an id points at */
  const DukaFieldSpec *items;       /* DUKA_FIELD_OBJECTS */
  guint                n_items;
  const char          *child_table; /* DUKA_FIELD_OBJECTS of a fact: stored as rows
                                     * of this table (with <kind>_id and position),
                                     * not as JSON in a column */
  int                  since_schema;
};

typedef enum
{
  DUKA_KIND_ENTITY,
  DUKA_KIND_FACT,
} DukaKindClass;

typedef struct
{
  const char          *name;
  DukaKindClass        klass;
  const char          *table;
  int                  since_schema;
  const DukaFieldSpec *fields;
  guint                n_fields;
} DukaKindSpec;

GQuark                      duka_registry_error_quark (void);
const DukaKindSpec         *duka_registry_lookup      (const char          *kind);
const DukaKindSpec * const *duka_registry_get_kinds   (guint               *n_kinds);
const DukaFieldSpec        *duka_kind_find_field      (const DukaKindSpec  *kind,
                                                       const char          *field);
gboolean                    duka_registry_validate    (const DukaKindSpec  *kind,
                                                       JsonObject          *data,
                                                       GError             **error);
gboolean                    duka_registry_validate_field (const DukaFieldSpec *field,
                                                          JsonNode            *value,
                                                          GError             **error);

G_END_DECLS
