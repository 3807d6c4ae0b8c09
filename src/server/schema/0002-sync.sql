-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Ops, entities, facts and the change feed (see src/server/API.md, "The
-- change feed").  A row's feed position is (feed_xid, feed_pos): the id of
-- the transaction that last wrote it, then a sequence number.  Pull shows
-- only rows whose transaction is older than every transaction still
-- running, so whatever commits later sorts after every cursor handed out.

CREATE SEQUENCE feed_positions;

-- Every op seen, applied or rejected, so a retried op_id gets its first
-- answer back, forever.
CREATE TABLE ops (
  tenant_id   uuid NOT NULL REFERENCES tenants,
  op_id       uuid NOT NULL,
  kind        text NOT NULL,
  record_id   uuid NOT NULL,
  device_id   uuid NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now (),
  result      jsonb,
  PRIMARY KEY (tenant_id, op_id)
);

CREATE TABLE entities (
  tenant_id         uuid NOT NULL REFERENCES tenants,
  entity_id         uuid NOT NULL,
  kind              text NOT NULL,
  version           integer NOT NULL,
  deleted           boolean NOT NULL DEFAULT false,
  data              jsonb NOT NULL,
  -- top-level field → the version at which it last changed
  field_versions    jsonb NOT NULL,
  updated_at        bigint NOT NULL,
  updated_by_device uuid,
  feed_xid          xid8 NOT NULL DEFAULT pg_current_xact_id (),
  feed_pos          bigint NOT NULL DEFAULT nextval ('feed_positions'),
  PRIMARY KEY (tenant_id, entity_id)
);
CREATE INDEX entities_feed ON entities (tenant_id, feed_xid, feed_pos);
CREATE INDEX entities_kind ON entities (tenant_id, kind, entity_id);

CREATE TABLE facts (
  tenant_id     uuid NOT NULL REFERENCES tenants,
  fact_id       uuid NOT NULL,
  kind          text NOT NULL,
  data          jsonb NOT NULL,
  device_id     uuid NOT NULL,
  business_date date,
  received_at   bigint NOT NULL,
  feed_xid      xid8 NOT NULL DEFAULT pg_current_xact_id (),
  feed_pos      bigint NOT NULL DEFAULT nextval ('feed_positions'),
  PRIMARY KEY (tenant_id, fact_id)
);
CREATE INDEX facts_feed ON facts (tenant_id, feed_xid, feed_pos);

GRANT USAGE ON SEQUENCE feed_positions TO duka_api;
GRANT SELECT, INSERT, UPDATE ON ops, entities TO duka_api;
GRANT SELECT, INSERT ON facts TO duka_api;

SELECT duka_protect_tenant_tables ();
