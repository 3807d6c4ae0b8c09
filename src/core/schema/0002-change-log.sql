-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Which rows each committed write touched, so every process that has the
-- store open (the app, duka-admin, a sync helper) can emit precise change
-- signals.  Rows are written in the same transaction as the change and
-- pruned after about an hour; `seq` is AUTOINCREMENT so a number is never
-- reused, even after the table was emptied.  `at` is µs since the Unix
-- epoch, UTC, from the store's clock.

CREATE TABLE change_log (
  seq    INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl    TEXT NOT NULL,
  row_id TEXT,
  at     INTEGER NOT NULL
) STRICT;

CREATE INDEX change_log_at ON change_log (at);
