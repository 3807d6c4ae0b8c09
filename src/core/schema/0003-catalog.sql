-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The catalog and the outbox.  Entity tables name their columns after the
-- registry's fields (src/core/duka-registry.c), so one generic writer maps
-- records to rows: lists and nested records are JSON text, booleans 0/1.
-- Every entity keeps `deleted` (tombstones: facts may still point at it)
-- and `extra`, the JSON of fields this Duka does not know yet, kept so a
-- newer till's data survives this one.

ALTER TABLE outlet ADD COLUMN tax_rounding TEXT NOT NULL DEFAULT 'per-line'
  CHECK (tax_rounding IN ('per-line', 'per-receipt'));
ALTER TABLE business ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE business ADD COLUMN extra TEXT;
ALTER TABLE outlet ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outlet ADD COLUMN extra TEXT;
ALTER TABLE till ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE till ADD COLUMN extra TEXT;

-- Ops waiting for the server, in the order they were made.  Written in the
-- same transaction as the change they describe.
CREATE TABLE outbox (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id        TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL,
  action       TEXT NOT NULL CHECK (action IN ('upsert', 'delete', 'insert')),
  entity_id    TEXT NOT NULL,
  base_version INTEGER NOT NULL DEFAULT 0,
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
  result       TEXT
) STRICT;

CREATE TABLE tax_class (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL,
  rates             TEXT NOT NULL DEFAULT '[]',
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE TABLE station (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL,
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE TABLE category (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL,
  parent_id         TEXT,
  position          INTEGER NOT NULL DEFAULT 0,
  color             TEXT,
  icon              TEXT,
  station_id        TEXT,
  active            INTEGER NOT NULL DEFAULT 1,
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE INDEX category_parent ON category (parent_id, position) WHERE deleted = 0;

CREATE TABLE product (
  id                 TEXT PRIMARY KEY NOT NULL,
  name               TEXT NOT NULL,
  category_id        TEXT,
  sku                TEXT,
  barcodes           TEXT NOT NULL DEFAULT '[]',
  price              INTEGER NOT NULL CHECK (price >= 0),
  cost               INTEGER CHECK (cost >= 0),
  tax_class_id       TEXT,
  unit               TEXT NOT NULL DEFAULT 'each' CHECK (unit IN ('each', 'weight')),
  image              TEXT,
  active             INTEGER NOT NULL DEFAULT 1,
  available          INTEGER NOT NULL DEFAULT 1,
  available_days     INTEGER,
  available_from     INTEGER,
  available_until    INTEGER,
  station_id         TEXT,
  modifier_group_ids TEXT NOT NULL DEFAULT '[]',
  position           INTEGER NOT NULL DEFAULT 0,
  deleted            INTEGER NOT NULL DEFAULT 0,
  version            INTEGER NOT NULL DEFAULT 1,
  updated_at         INTEGER NOT NULL,
  updated_by_device  TEXT NOT NULL,
  extra              TEXT,
  -- Derived, for search: the name folded (lower case, no diacritics) and
  -- the SKU in upper case.
  name_key           TEXT NOT NULL DEFAULT '',
  sku_key            TEXT
) STRICT;

-- Unique SKU is enforced locally and detected by the server (PROTOCOL.md).
CREATE UNIQUE INDEX product_sku ON product (sku_key) WHERE sku_key IS NOT NULL AND deleted = 0;
CREATE INDEX product_name_key ON product (name_key) WHERE deleted = 0;
CREATE INDEX product_category ON product (category_id, position, name_key) WHERE deleted = 0;

CREATE TABLE variant (
  id                TEXT PRIMARY KEY NOT NULL,
  product_id        TEXT NOT NULL,
  name              TEXT NOT NULL,
  price             INTEGER NOT NULL CHECK (price >= 0),
  sku               TEXT,
  barcodes          TEXT NOT NULL DEFAULT '[]',
  position          INTEGER NOT NULL DEFAULT 0,
  active            INTEGER NOT NULL DEFAULT 1,
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT,
  sku_key           TEXT
) STRICT;

CREATE INDEX variant_product ON variant (product_id, position) WHERE deleted = 0;
CREATE UNIQUE INDEX variant_sku ON variant (sku_key) WHERE sku_key IS NOT NULL AND deleted = 0;

-- Every barcode of a live product or variant, normalised to GTIN-14.
-- Unique barcode is enforced locally and detected by the server.
CREATE TABLE barcode (
  gtin       TEXT PRIMARY KEY NOT NULL,
  product_id TEXT NOT NULL,
  variant_id TEXT
) STRICT, WITHOUT ROWID;

CREATE INDEX barcode_product ON barcode (product_id);

CREATE TABLE modifier_group (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL,
  min_choices       INTEGER NOT NULL DEFAULT 0,
  max_choices       INTEGER NOT NULL DEFAULT 1,
  options           TEXT NOT NULL DEFAULT '[]',
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT,
  CHECK (min_choices <= max_choices)
) STRICT;

CREATE TABLE combo (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL,
  price             INTEGER NOT NULL CHECK (price >= 0),
  category_id       TEXT,
  tax_class_id      TEXT,
  image             TEXT,
  active            INTEGER NOT NULL DEFAULT 1,
  slots             TEXT NOT NULL DEFAULT '[]',
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE TABLE price_rule (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL,
  days              INTEGER NOT NULL,
  start_minute      INTEGER NOT NULL,
  end_minute        INTEGER NOT NULL,
  category_ids      TEXT NOT NULL DEFAULT '[]',
  product_ids       TEXT NOT NULL DEFAULT '[]',
  discount          INTEGER,
  price             INTEGER,
  active            INTEGER NOT NULL DEFAULT 1,
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE TABLE menu (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL,
  outlet_id         TEXT NOT NULL,
  category_ids      TEXT NOT NULL DEFAULT '[]',
  active            INTEGER NOT NULL DEFAULT 1,
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

-- Word-prefix search over names, SKUs and barcodes; rowid = product rowid.
CREATE VIRTUAL TABLE product_search USING fts5 (
  words,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
