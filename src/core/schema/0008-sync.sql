-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The sync engine's own state (src/sync/README.md).  Local to this device,
-- never synced.  Secrets are never here: the device credential lives in the
-- keyring (src/secrets).

-- Which server and tenant this till is paired with, and the change feed's
-- cursor.  The cursor is written in the same transaction that applies the
-- pulled batch it ends, so a crash never skips a change.
CREATE TABLE sync_state (
  singleton     INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
  server_url    TEXT NOT NULL,
  tenant_id     TEXT NOT NULL,
  device_id     TEXT NOT NULL,
  outlet_id     TEXT NOT NULL,
  till_code     TEXT NOT NULL,
  cursor        TEXT NOT NULL DEFAULT '0',
  paired_at     INTEGER NOT NULL,
  last_push_at  INTEGER,
  last_pull_at  INTEGER
) STRICT;

-- Ops the server rejected, moved here out of the outbox in the transaction
-- that stored the answer, so they never block the ops behind them and can
-- be shown to the person who made the change.  `current` is the server's
-- record when the reason is a conflict.
CREATE TABLE sync_rejected (
  op_id        TEXT PRIMARY KEY NOT NULL,
  seq          INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  action       TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  body         TEXT NOT NULL,
  reason       TEXT NOT NULL,
  message      TEXT,
  current      TEXT,
  rejected_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX sync_rejected_at ON sync_rejected (rejected_at);
