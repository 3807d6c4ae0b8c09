-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Tenants, people, devices and credentials.  Applied by the migrations
-- role, which owns every table.  The server connects as a member of
-- duka_api: it owns nothing, cannot bypass row-level security, and is
-- granted no DELETE anywhere.

-- Every table with a tenant_id column gets forced row-level security and
-- the one tenant policy.  Each migration calls this at its end, so a new
-- table cannot be forgotten.  A missing setting gives NULL, which matches
-- no row: no rows, never an error.
CREATE FUNCTION duka_protect_tenant_tables () RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass
      FROM pg_class c
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
     WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
  LOOP
    EXECUTE format ('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format ('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
    IF NOT EXISTS (SELECT FROM pg_policy WHERE polrelid = t AND polname = 'tenant_isolation') THEN
      EXECUTE format ('CREATE POLICY tenant_isolation ON %s
                         USING (tenant_id = NULLIF (current_setting (''duka.tenant_id'', true), '''')::uuid)
                         WITH CHECK (tenant_id = NULLIF (current_setting (''duka.tenant_id'', true), '''')::uuid)', t);
    END IF;
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION duka_protect_tenant_tables () FROM PUBLIC;

CREATE TABLE tenants (
  tenant_id    uuid PRIMARY KEY,
  name         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now (),
  suspended_at timestamptz
);

CREATE TABLE users (
  tenant_id     uuid NOT NULL REFERENCES tenants,
  user_id       uuid NOT NULL,
  email         text NOT NULL,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now (),
  disabled_at   timestamptz,
  PRIMARY KEY (tenant_id, user_id)
);
-- One account per address across the platform, so login needs no tenant.
CREATE UNIQUE INDEX users_email ON users (lower (email));

CREATE TABLE devices (
  tenant_id  uuid NOT NULL REFERENCES tenants,
  device_id  uuid NOT NULL,
  outlet_id  uuid NOT NULL,
  till_code  text NOT NULL,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now (),
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, device_id),
  UNIQUE (tenant_id, outlet_id, till_code)
);

-- Till codes are handed out from a counter per outlet, so they stay
-- unique per outlet however many tills pair at once.
CREATE TABLE till_counters (
  tenant_id   uuid NOT NULL REFERENCES tenants,
  outlet_id   uuid NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (tenant_id, outlet_id)
);

CREATE TABLE pairing_codes (
  tenant_id  uuid NOT NULL REFERENCES tenants,
  code_id    uuid NOT NULL,
  code_hash  bytea NOT NULL,
  outlet_id  uuid NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now (),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  device_id  uuid,
  PRIMARY KEY (tenant_id, code_id)
);
CREATE UNIQUE INDEX pairing_codes_hash ON pairing_codes (code_hash);

-- A family is one login or one paired device; every refresh credential
-- rotated from it belongs to it, and revoking it ends them all.
CREATE TABLE token_families (
  tenant_id      uuid NOT NULL REFERENCES tenants,
  family_id      uuid NOT NULL,
  user_id        uuid,
  device_id      uuid,
  created_at     timestamptz NOT NULL DEFAULT now (),
  revoked_at     timestamptz,
  revoked_reason text,
  PRIMARY KEY (tenant_id, family_id),
  CHECK ((user_id IS NULL) <> (device_id IS NULL))
);

CREATE TABLE refresh_tokens (
  tenant_id   uuid NOT NULL REFERENCES tenants,
  token_id    uuid NOT NULL,
  family_id   uuid NOT NULL,
  secret_hash bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now (),
  expires_at  timestamptz NOT NULL,
  rotated_at  timestamptz,
  replaced_by uuid,
  PRIMARY KEY (tenant_id, token_id),
  FOREIGN KEY (tenant_id, family_id) REFERENCES token_families
);

-- Login by address, across tenants: the only way the server's role can
-- look at users it has no tenant for, and it answers one address only.
CREATE FUNCTION duka_login_lookup (p_email text)
RETURNS TABLE (tenant_id uuid, user_id uuid, password_hash text, role text, suspended boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.tenant_id, u.user_id, u.password_hash, u.role, t.suspended_at IS NOT NULL
    FROM users u JOIN tenants t ON t.tenant_id = u.tenant_id
   WHERE lower (u.email) = lower (p_email) AND u.disabled_at IS NULL
$$;

-- Pairing: the till knows only the code; this names its tenant if the
-- code is live.
CREATE FUNCTION duka_pairing_lookup (p_code_hash bytea)
RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT tenant_id FROM pairing_codes
   WHERE code_hash = p_code_hash AND used_at IS NULL AND expires_at > now ()
$$;

REVOKE ALL ON FUNCTION duka_login_lookup (text) FROM PUBLIC;
REVOKE ALL ON FUNCTION duka_pairing_lookup (bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION duka_login_lookup (text) TO duka_api;
GRANT EXECUTE ON FUNCTION duka_pairing_lookup (bytea) TO duka_api;

GRANT SELECT, INSERT ON tenants TO duka_api;
GRANT SELECT, INSERT, UPDATE ON users, devices, till_counters, pairing_codes,
  token_families, refresh_tokens TO duka_api;

SELECT duka_protect_tenant_tables ();
