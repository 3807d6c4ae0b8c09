-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Receipts: what a receipt says (a registry entity per outlet, whose id is
-- the outlet's) and where this till prints (local to this device, never
-- synced: a printer's address means nothing on another till).  See
-- SCHEMA.md, "Receipts and printers".

CREATE TABLE receipt_template (
  id                TEXT PRIMARY KEY NOT NULL,
  header            TEXT,
  footer            TEXT,
  logo              TEXT,
  show_tax_lines    INTEGER NOT NULL DEFAULT 1 CHECK (show_tax_lines IN (0, 1)),
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE TABLE till_printer (
  singleton     INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
  kind          TEXT NOT NULL DEFAULT 'none' CHECK (kind IN ('none', 'network', 'device')),
  address       TEXT,
  paper         TEXT NOT NULL DEFAULT '80mm' CHECK (paper IN ('58mm', '80mm', 'a4')),
  open_drawer   INTEGER NOT NULL DEFAULT 1 CHECK (open_drawer IN (0, 1)),
  updated_at    INTEGER NOT NULL
) STRICT;
