-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Selling: tender types, open orders and their lines (entities, so two
-- tills can add to one tab), and the facts a till's drawer and register
-- produce: cash sessions, sales, refunds, cash movements, Z reports and
-- stock movements.  Facts are append-only (triggers below); a correction
-- is a new fact.  Lists inside a fact (a sale's lines, payments and taxes;
-- a refund's lines and payments) are rows of their own tables, written
-- once with the fact.  See SCHEMA.md, "Selling".

CREATE TABLE tender_type (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL CHECK (length (trim (name)) > 0),
  kind              TEXT NOT NULL CHECK (kind IN ('cash', 'card', 'mobile', 'other')),
  opens_drawer      INTEGER NOT NULL DEFAULT 0 CHECK (opens_drawer IN (0, 1)),
  position          INTEGER NOT NULL DEFAULT 0,
  active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE TABLE open_order (
  id                TEXT PRIMARY KEY NOT NULL,
  outlet_id         TEXT NOT NULL,
  till_id           TEXT NOT NULL,
  name              TEXT,
  staff_id          TEXT,
  customer_id       TEXT,
  guests            INTEGER,
  discount_rate     INTEGER,
  discount_amount   INTEGER,
  discount_reason   TEXT,
  parked            INTEGER NOT NULL DEFAULT 0,
  state             TEXT NOT NULL DEFAULT 'open'
                    CHECK (state IN ('open', 'completed', 'voided')),
  sale_id           TEXT,
  opened_at         INTEGER NOT NULL,
  void_reason       TEXT,
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE INDEX open_order_state ON open_order (state, outlet_id, opened_at);

CREATE TABLE order_line (
  id                TEXT PRIMARY KEY NOT NULL,
  order_id          TEXT NOT NULL,
  kind              TEXT NOT NULL DEFAULT 'item'
                    CHECK (kind IN ('item', 'service', 'tip')),
  product_id        TEXT,
  variant_id        TEXT,
  category_id       TEXT,
  tax_class_id      TEXT,
  name              TEXT NOT NULL,
  sku               TEXT,
  quantity          INTEGER NOT NULL,
  unit_price        INTEGER NOT NULL,
  price_overridden  INTEGER NOT NULL DEFAULT 0,
  modifiers         TEXT NOT NULL DEFAULT '[]',
  note              TEXT,
  seat              INTEGER,
  course            INTEGER,
  discount_rate     INTEGER,
  discount_amount   INTEGER,
  discount_reason   TEXT,
  voided            INTEGER NOT NULL DEFAULT 0,
  void_reason       TEXT,
  added_at          INTEGER NOT NULL,
  added_by          TEXT,
  deleted           INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  updated_at        INTEGER NOT NULL,
  updated_by_device TEXT NOT NULL,
  extra             TEXT
) STRICT;

CREATE INDEX order_line_order ON order_line (order_id, added_at);

-- The till's numbering: one row per (till, origin, epoch).  Local state,
-- never synced: the facts carry series_id, seq and their hashes.
-- seq numbers every fact in the chain; number numbers receipts (sales and
-- refunds); both gapless.  origin 'imported' and 'demo' series never
-- share numbers with the live till's.
CREATE TABLE receipt_series (
  id           TEXT PRIMARY KEY NOT NULL,
  till_id      TEXT NOT NULL,
  origin       TEXT NOT NULL CHECK (origin IN ('live', 'imported', 'demo')),
  epoch        INTEGER NOT NULL CHECK (epoch >= 1),
  prefix       TEXT NOT NULL,
  next_seq     INTEGER NOT NULL DEFAULT 1,
  next_number  INTEGER NOT NULL DEFAULT 1,
  next_z       INTEGER NOT NULL DEFAULT 1,
  last_hash    TEXT NOT NULL,
  started_at   INTEGER NOT NULL,
  UNIQUE (till_id, origin, epoch)
) STRICT;

-- Every chained fact, in order, with the exact bytes that were hashed.
CREATE TABLE chain_link (
  series_id   TEXT NOT NULL REFERENCES receipt_series (id),
  seq         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  fact_id     TEXT NOT NULL,
  payload     TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL,
  PRIMARY KEY (series_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE cash_session (
  id             TEXT PRIMARY KEY NOT NULL,
  outlet_id      TEXT NOT NULL,
  till_id        TEXT NOT NULL,
  business_date  TEXT NOT NULL,
  opened_at      INTEGER NOT NULL,
  staff_id       TEXT,
  float          INTEGER NOT NULL CHECK (float >= 0),
  currency       TEXT NOT NULL,
  extra          TEXT
) STRICT;

CREATE INDEX cash_session_till ON cash_session (till_id, opened_at);

CREATE TABLE sale (
  id                     TEXT PRIMARY KEY NOT NULL,
  order_id               TEXT,
  outlet_id              TEXT NOT NULL,
  till_id                TEXT NOT NULL,
  cash_session_id        TEXT,
  staff_id               TEXT,
  customer_id            TEXT,
  series_id              TEXT NOT NULL,
  seq                    INTEGER NOT NULL,
  number                 INTEGER NOT NULL,
  receipt_no             TEXT NOT NULL,
  origin                 TEXT NOT NULL,
  business_date          TEXT NOT NULL,
  at                     INTEGER NOT NULL,
  currency               TEXT NOT NULL,
  tax_mode               TEXT NOT NULL,
  subtotal               INTEGER NOT NULL,
  line_discounts         INTEGER NOT NULL,
  order_discount         INTEGER NOT NULL,
  order_discount_reason  TEXT,
  net                    INTEGER NOT NULL,
  tax                    INTEGER NOT NULL,
  charges                INTEGER NOT NULL,
  tips                   INTEGER NOT NULL,
  cash_rounding          INTEGER NOT NULL,
  total                  INTEGER NOT NULL,
  paid                   INTEGER NOT NULL,
  change                 INTEGER NOT NULL,
  prev_hash              TEXT NOT NULL,
  hash                   TEXT NOT NULL,
  extra                  TEXT,
  UNIQUE (series_id, seq)
) STRICT;

CREATE UNIQUE INDEX sale_receipt ON sale (series_id, number);
CREATE INDEX sale_receipt_no ON sale (receipt_no);
CREATE INDEX sale_date ON sale (business_date, outlet_id);
CREATE INDEX sale_session ON sale (cash_session_id);
CREATE INDEX sale_at ON sale (at);
CREATE INDEX sale_total ON sale (total);

CREATE TABLE sale_line (
  id              TEXT PRIMARY KEY NOT NULL,
  sale_id         TEXT NOT NULL REFERENCES sale (id),
  position        INTEGER NOT NULL,
  kind            TEXT NOT NULL,
  product_id      TEXT,
  variant_id      TEXT,
  category_id     TEXT,
  tax_class_id    TEXT,
  name            TEXT NOT NULL,
  sku             TEXT,
  quantity        INTEGER NOT NULL,
  unit_price      INTEGER NOT NULL,
  price_overridden INTEGER NOT NULL,
  modifiers       TEXT NOT NULL,
  note            TEXT,
  seat            INTEGER,
  course          INTEGER,
  extended        INTEGER NOT NULL,
  line_discount   INTEGER NOT NULL,
  discount_reason TEXT,
  order_discount  INTEGER NOT NULL,
  net             INTEGER NOT NULL,
  tax             INTEGER NOT NULL,
  total           INTEGER NOT NULL,
  taxes           TEXT NOT NULL,
  extra           TEXT
) STRICT;

CREATE INDEX sale_line_sale ON sale_line (sale_id, position);

CREATE TABLE sale_payment (
  id              TEXT PRIMARY KEY NOT NULL,
  sale_id         TEXT NOT NULL REFERENCES sale (id),
  position        INTEGER NOT NULL,
  tender_type_id  TEXT NOT NULL,
  kind            TEXT NOT NULL,
  name            TEXT NOT NULL,
  amount          INTEGER NOT NULL,
  tendered        INTEGER NOT NULL,
  change          INTEGER NOT NULL,
  card_last4      TEXT,
  approval_code   TEXT,
  reference       TEXT,
  extra           TEXT
) STRICT;

CREATE INDEX sale_payment_sale ON sale_payment (sale_id, position);

CREATE TABLE sale_tax (
  sale_id   TEXT NOT NULL REFERENCES sale (id),
  position  INTEGER NOT NULL,
  rate_id   TEXT NOT NULL,
  name      TEXT NOT NULL,
  rate      INTEGER NOT NULL,
  band      TEXT,
  taxable   INTEGER NOT NULL,
  tax       INTEGER NOT NULL,
  extra     TEXT,
  PRIMARY KEY (sale_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE refund (
  id               TEXT PRIMARY KEY NOT NULL,
  sale_id          TEXT NOT NULL,
  outlet_id        TEXT NOT NULL,
  till_id          TEXT NOT NULL,
  cash_session_id  TEXT,
  staff_id         TEXT,
  series_id        TEXT NOT NULL,
  seq              INTEGER NOT NULL,
  number           INTEGER NOT NULL,
  receipt_no       TEXT NOT NULL,
  origin           TEXT NOT NULL,
  business_date    TEXT NOT NULL,
  at               INTEGER NOT NULL,
  currency         TEXT NOT NULL,
  reason           TEXT NOT NULL CHECK (length (trim (reason)) > 0),
  restock          INTEGER NOT NULL,
  net              INTEGER NOT NULL,
  tax              INTEGER NOT NULL,
  total            INTEGER NOT NULL,
  prev_hash        TEXT NOT NULL,
  hash             TEXT NOT NULL,
  extra            TEXT,
  UNIQUE (series_id, seq)
) STRICT;

CREATE UNIQUE INDEX refund_receipt ON refund (series_id, number);
CREATE INDEX refund_sale ON refund (sale_id);
CREATE INDEX refund_session ON refund (cash_session_id);

CREATE TABLE refund_line (
  id            TEXT PRIMARY KEY NOT NULL,
  refund_id     TEXT NOT NULL REFERENCES refund (id),
  position      INTEGER NOT NULL,
  sale_line_id  TEXT NOT NULL,
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  net           INTEGER NOT NULL,
  tax           INTEGER NOT NULL,
  total         INTEGER NOT NULL,
  extra         TEXT
) STRICT;

CREATE INDEX refund_line_sale_line ON refund_line (sale_line_id);

CREATE TABLE refund_payment (
  id              TEXT PRIMARY KEY NOT NULL,
  refund_id       TEXT NOT NULL REFERENCES refund (id),
  position        INTEGER NOT NULL,
  tender_type_id  TEXT NOT NULL,
  kind            TEXT NOT NULL,
  name            TEXT NOT NULL,
  amount          INTEGER NOT NULL,
  reference       TEXT,
  extra           TEXT
) STRICT;

CREATE INDEX refund_payment_refund ON refund_payment (refund_id);

CREATE TABLE cash_movement (
  id               TEXT PRIMARY KEY NOT NULL,
  cash_session_id  TEXT NOT NULL,
  outlet_id        TEXT NOT NULL,
  till_id          TEXT NOT NULL,
  staff_id         TEXT,
  business_date    TEXT NOT NULL,
  at               INTEGER NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('in', 'out', 'no_sale')),
  amount           INTEGER NOT NULL CHECK (amount >= 0),
  reason           TEXT NOT NULL,
  series_id        TEXT NOT NULL,
  seq              INTEGER NOT NULL,
  prev_hash        TEXT NOT NULL,
  hash             TEXT NOT NULL,
  extra            TEXT,
  UNIQUE (series_id, seq)
) STRICT;

CREATE INDEX cash_movement_session ON cash_movement (cash_session_id);

CREATE TABLE z_report (
  id               TEXT PRIMARY KEY NOT NULL,
  cash_session_id  TEXT NOT NULL UNIQUE,
  outlet_id        TEXT NOT NULL,
  till_id          TEXT NOT NULL,
  staff_id         TEXT,
  business_date    TEXT NOT NULL,
  at               INTEGER NOT NULL,
  number           INTEGER NOT NULL,
  expected_cash    INTEGER NOT NULL,
  counted_cash     INTEGER NOT NULL,
  variance         INTEGER NOT NULL,
  counts           TEXT NOT NULL,
  report           TEXT NOT NULL,
  series_id        TEXT NOT NULL,
  seq              INTEGER NOT NULL,
  prev_hash        TEXT NOT NULL,
  hash             TEXT NOT NULL,
  extra            TEXT,
  UNIQUE (series_id, seq)
) STRICT;

CREATE INDEX z_report_date ON z_report (business_date, till_id);

CREATE TABLE stock_movement (
  id             TEXT PRIMARY KEY NOT NULL,
  product_id     TEXT NOT NULL,
  variant_id     TEXT,
  outlet_id      TEXT NOT NULL,
  quantity       INTEGER NOT NULL,
  reason         TEXT NOT NULL
                 CHECK (reason IN ('sale', 'refund', 'adjust', 'receive', 'count', 'transfer')),
  document_id    TEXT,
  business_date  TEXT NOT NULL,
  at             INTEGER NOT NULL,
  extra          TEXT
) STRICT;

CREATE INDEX stock_movement_product ON stock_movement (product_id, outlet_id);

-- Stock on hand: the sum of the ledger, per product, variant and outlet.
CREATE TABLE stock_level (
  product_id   TEXT NOT NULL,
  variant_id   TEXT NOT NULL DEFAULT '',
  outlet_id    TEXT NOT NULL,
  on_hand      INTEGER NOT NULL,
  PRIMARY KEY (product_id, variant_id, outlet_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER stock_movement_level AFTER INSERT ON stock_movement
BEGIN
  INSERT INTO stock_level (product_id, variant_id, outlet_id, on_hand)
    VALUES (NEW.product_id, coalesce (NEW.variant_id, ''), NEW.outlet_id, NEW.quantity)
    ON CONFLICT (product_id, variant_id, outlet_id)
    DO UPDATE SET on_hand = on_hand + excluded.on_hand;
END;

-- Facts are never changed or removed.
CREATE TRIGGER sale_no_update BEFORE UPDATE ON sale
BEGIN SELECT RAISE (ABORT, 'sales are never changed; refund instead'); END;
CREATE TRIGGER sale_no_delete BEFORE DELETE ON sale
BEGIN SELECT RAISE (ABORT, 'sales are never deleted; refund instead'); END;
CREATE TRIGGER sale_line_no_update BEFORE UPDATE ON sale_line
BEGIN SELECT RAISE (ABORT, 'sales are never changed; refund instead'); END;
CREATE TRIGGER sale_line_no_delete BEFORE DELETE ON sale_line
BEGIN SELECT RAISE (ABORT, 'sales are never deleted; refund instead'); END;
CREATE TRIGGER sale_payment_no_update BEFORE UPDATE ON sale_payment
BEGIN SELECT RAISE (ABORT, 'sales are never changed; refund instead'); END;
CREATE TRIGGER sale_payment_no_delete BEFORE DELETE ON sale_payment
BEGIN SELECT RAISE (ABORT, 'sales are never deleted; refund instead'); END;
CREATE TRIGGER refund_no_update BEFORE UPDATE ON refund
BEGIN SELECT RAISE (ABORT, 'refunds are never changed'); END;
CREATE TRIGGER refund_no_delete BEFORE DELETE ON refund
BEGIN SELECT RAISE (ABORT, 'refunds are never deleted'); END;
CREATE TRIGGER cash_movement_no_update BEFORE UPDATE ON cash_movement
BEGIN SELECT RAISE (ABORT, 'cash movements are never changed'); END;
CREATE TRIGGER cash_movement_no_delete BEFORE DELETE ON cash_movement
BEGIN SELECT RAISE (ABORT, 'cash movements are never deleted'); END;
CREATE TRIGGER z_report_no_update BEFORE UPDATE ON z_report
BEGIN SELECT RAISE (ABORT, 'Z reports are never changed'); END;
CREATE TRIGGER z_report_no_delete BEFORE DELETE ON z_report
BEGIN SELECT RAISE (ABORT, 'Z reports are never deleted'); END;
CREATE TRIGGER stock_movement_no_update BEFORE UPDATE ON stock_movement
BEGIN SELECT RAISE (ABORT, 'stock movements are never changed'); END;
CREATE TRIGGER stock_movement_no_delete BEFORE DELETE ON stock_movement
BEGIN SELECT RAISE (ABORT, 'stock movements are never deleted'); END;
CREATE TRIGGER chain_link_no_update BEFORE UPDATE ON chain_link
BEGIN SELECT RAISE (ABORT, 'the receipt chain is never changed'); END;
CREATE TRIGGER chain_link_no_delete BEFORE DELETE ON chain_link
BEGIN SELECT RAISE (ABORT, 'the receipt chain is never changed'); END;
