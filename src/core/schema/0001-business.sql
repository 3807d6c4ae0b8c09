-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The business, its outlets and tills, and which till this device is.
-- Times are microseconds since the Unix epoch, UTC.  Entities carry
-- version/updated_at/updated_by_device for the sync conflict rule.

CREATE TABLE business (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL CHECK (length (trim (name)) > 0),
  address           TEXT NOT NULL DEFAULT '',
  tax_number        TEXT NOT NULL DEFAULT '',
  version           INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL
) STRICT;

CREATE TABLE outlet (
  id                TEXT PRIMARY KEY NOT NULL,
  business_id       TEXT NOT NULL REFERENCES business (id),
  name              TEXT NOT NULL CHECK (length (trim (name)) > 0),
  time_zone         TEXT NOT NULL,
  currency          TEXT NOT NULL CHECK (length (currency) = 3),
  tax_regime        TEXT NOT NULL
                    CHECK (tax_regime IN ('inclusive', 'exclusive', 'none')),
  day_cutoff_hour   INTEGER NOT NULL CHECK (day_cutoff_hour BETWEEN 0 AND 23),
  version           INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL
) STRICT;

CREATE INDEX outlet_business ON outlet (business_id);

CREATE TABLE till (
  id                TEXT PRIMARY KEY NOT NULL,
  outlet_id         TEXT NOT NULL REFERENCES outlet (id),
  name              TEXT NOT NULL CHECK (length (trim (name)) > 0),
  code              TEXT NOT NULL
                    CHECK (length (code) BETWEEN 1 AND 8
                           AND code NOT GLOB '*[^A-Za-z0-9]*'),
  version           INTEGER NOT NULL DEFAULT 1 CHECK (version > 0),
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL
) STRICT;

CREATE INDEX till_outlet ON till (outlet_id);

-- Exactly one row once the store is set up: the till this device is.
CREATE TABLE this_device (
  singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
  till_id   TEXT NOT NULL REFERENCES till (id)
) STRICT;
