-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- People, roles, PINs, sign-in attempts and the audit trail.  `staff` and
-- `role` are registry entities (columns named after its fields); the rest
-- is local to this till.  PIN hashes never leave it in this version (see
-- SCHEMA.md, "Staff").

CREATE TABLE role (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL,
  built_in          TEXT CHECK (built_in IN ('owner', 'manager', 'cashier', 'waiter', 'kitchen')),
  permissions       TEXT NOT NULL DEFAULT '[]',
  discount_limit    INTEGER,
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE TABLE staff (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL,
  display_name      TEXT,
  contact           TEXT,
  hourly_rate       INTEGER CHECK (hourly_rate >= 0),
  outlet_ids        TEXT NOT NULL DEFAULT '[]',
  active            INTEGER NOT NULL DEFAULT 1,
  role_ids          TEXT NOT NULL DEFAULT '[]',
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

-- Argon2id over a keyed BLAKE2b of the PIN; the key is DATA_DIR/staff-key,
-- never in this file.  Parameters are kept per row so they can grow.
CREATE TABLE staff_pin (
  staff_id   TEXT PRIMARY KEY NOT NULL REFERENCES staff (id),
  scheme     INTEGER NOT NULL,
  opslimit   INTEGER NOT NULL,
  memlimit   INTEGER NOT NULL,
  salt       BLOB NOT NULL,
  hash       BLOB NOT NULL,
  set_at     INTEGER NOT NULL
) STRICT;

-- Wrong PINs in a row, per person and till, and the lockout they earned.
CREATE TABLE pin_attempt (
  staff_id     TEXT NOT NULL,
  till_id      TEXT NOT NULL,
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (staff_id, till_id)
) STRICT;

-- Append-only and hash-chained: hash = SHA-256 over the versioned encoding
-- of the entry and prev_hash (src/core/duka-audit.c).  The triggers stop
-- honest mistakes; duka_audit_verify() finds the rest.
CREATE TABLE audit (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  at          INTEGER NOT NULL,
  till_id     TEXT,
  actor_id    TEXT,
  approver_id TEXT,
  action      TEXT NOT NULL,
  subject     TEXT,
  before      TEXT,
  after       TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;

CREATE INDEX audit_subject ON audit (subject, seq);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE (ABORT, 'audit entries are never changed');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE (ABORT, 'audit entries are never deleted');
END;
