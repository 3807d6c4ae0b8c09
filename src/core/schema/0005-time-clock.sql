-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The time clock (work shifts, not cash sessions).  `time_entry` is a
-- registry fact: append-only, one row per clock-in, clock-out, break start
-- or break end.  A manager's edit is a new row whose corrects_id names the
-- row it replaces (voided = 1 takes it out); an entry is live when nothing
-- corrects it.  `time_clock_settings` is a registry entity, one per outlet,
-- whose id is the outlet's id.  See SCHEMA.md, "Time clock".

CREATE TABLE time_entry (
  id            TEXT PRIMARY KEY NOT NULL,
  staff_id      TEXT NOT NULL,
  outlet_id     TEXT NOT NULL,
  till_id       TEXT NOT NULL,
  actor_id      TEXT,
  event         TEXT NOT NULL
                CHECK (event IN ('clock_in', 'clock_out', 'break_start', 'break_end')),
  at            INTEGER NOT NULL,
  recorded_at   INTEGER NOT NULL,
  business_date TEXT NOT NULL,
  paid          INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
  auto_closed   INTEGER NOT NULL DEFAULT 0 CHECK (auto_closed IN (0, 1)),
  corrects_id   TEXT REFERENCES time_entry (id),
  voided        INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  reason        TEXT,
  extra         TEXT,
  CHECK (corrects_id IS NULL OR length (trim (reason)) > 0),
  CHECK (voided = 0 OR corrects_id IS NOT NULL)
) STRICT;

CREATE INDEX time_entry_staff_at ON time_entry (staff_id, at);
CREATE INDEX time_entry_outlet_at ON time_entry (outlet_id, at);
-- One correction per entry on this till; a second edit corrects the first.
CREATE UNIQUE INDEX time_entry_corrects ON time_entry (corrects_id);

CREATE TRIGGER time_entry_no_update BEFORE UPDATE ON time_entry
BEGIN
  SELECT RAISE (ABORT, 'time entries are never changed; add a correction');
END;

CREATE TRIGGER time_entry_no_delete BEFORE DELETE ON time_entry
BEGIN
  SELECT RAISE (ABORT, 'time entries are never deleted; add a correction');
END;

CREATE TABLE time_clock_settings (
  id                      TEXT PRIMARY KEY NOT NULL,
  daily_overtime_minutes  INTEGER NOT NULL CHECK (daily_overtime_minutes BETWEEN 0 AND 1440),
  weekly_overtime_minutes INTEGER NOT NULL CHECK (weekly_overtime_minutes BETWEEN 0 AND 10080),
  auto_close_hour         INTEGER CHECK (auto_close_hour BETWEEN 0 AND 23),
  deleted                 INTEGER NOT NULL DEFAULT 0,
  version                 INTEGER NOT NULL DEFAULT 1,
  updated_at              INTEGER NOT NULL,
  updated_by_device       TEXT NOT NULL,
  extra                   TEXT
) STRICT;
