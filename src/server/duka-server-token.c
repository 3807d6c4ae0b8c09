/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Access tokens are JWTs with one pinned algorithm, HS256: the header is
 * compared byte for byte after decoding, so "none", RS256 and friends are
 * refused before anything else is looked at.  Secrets (refresh and device
 * credentials) are random, stored only as SHA-256 hashes.
 */
#include <sodium.h>
#include <string.h>

#include "duka-server-error.h"
#include "duka-server-token.h"

#define HEADER "{\"alg\":\"HS256\",\"typ\":\"JWT\"}"

char *
duka_base64url_encode (const guint8 *data,
                       gsize         length)
{
  char *text = g_base64_encode (data, length);
  char *end;

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  end = strchr (text, '=');
  if (end != NULL)
    *end = '\0';

  return text;
}

static guint8 *
base64url_decode (const char *text,
                  gsize       length,
                  gsize      *out_length)
{
  GString *padded = g_string_new_len (text, length);
  guint8 *data;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      {
        g_string_free (padded, TRUE);
        return NULL;
      }

  g_strdelimit (padded->str, "-", '+');
  g_strdelimit (padded->str, "_", '/');
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');

  data = g_base64_decode (padded->str, out_length);
  g_string_free (padded, TRUE);
  return data;
}

static void
hmac_sha256 (const guint8 *key,
             const char   *text,
             gsize         length,
             guint8        out[32])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, 32);
  gsize out_length = 32;

  g_hmac_update (hmac, (const guchar *) text, length);
  g_hmac_get_digest (hmac, out, &out_length);
}

char *
duka_token_sign (const guint8 *key,
                 JsonObject   *claims)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), claims);
  g_autofree char *payload = json_to_string (node, FALSE);
  g_autofree char *header64 = duka_base64url_encode ((const guint8 *) HEADER, strlen (HEADER));
  g_autofree char *payload64 = duka_base64url_encode ((const guint8 *) payload, strlen (payload));
  g_autofree char *signed_part = g_strconcat (header64, ".", payload64, NULL);
  g_autofree char *signature64 = NULL;
  guint8 signature[32];

  hmac_sha256 (key, signed_part, strlen (signed_part), signature);
  signature64 = duka_base64url_encode (signature, sizeof signature);

  return g_strconcat (signed_part, ".", signature64, NULL);
}

static JsonObject *
refuse (GError     **error,
        const char  *why)
{
  g_set_error (error, DUKA_SERVER_ERROR, DUKA_SERVER_ERROR_TOKEN, "%s", why);
  return NULL;
}

JsonObject *
duka_token_verify (const guint8  *key,
                   const char    *token,
                   const char    *issuer,
                   gint64         now,
                   GError       **error)
{
  const char *dot1, *dot2;
  g_autofree guint8 *header = NULL;
  g_autofree guint8 *signature = NULL;
  g_autofree guint8 *payload = NULL;
  gsize header_length, signature_length, payload_length;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  guint8 expected[32];
  JsonObject *claims;

  if (token == NULL || strlen (token) > 4096 ||
      (dot1 = strchr (token, '.')) == NULL || (dot2 = strchr (dot1 + 1, '.')) == NULL ||
      strchr (dot2 + 1, '.') != NULL)
    return refuse (error, "not a token");

  header = base64url_decode (token, dot1 - token, &header_length);
  if (header == NULL || header_length != strlen (HEADER) ||
      memcmp (header, HEADER, header_length) != 0)
    return refuse (error, "unexpected token header");

  signature = base64url_decode (dot2 + 1, strlen (dot2 + 1), &signature_length);
  hmac_sha256 (key, token, dot2 - token, expected);
  if (signature == NULL || signature_length != sizeof expected ||
      sodium_memcmp (signature, expected, sizeof expected) != 0)
    return refuse (error, "bad signature");

  payload = base64url_decode (dot1 + 1, dot2 - dot1 - 1, &payload_length);
  if (payload == NULL ||
      !json_parser_load_from_data (parser, (const char *) payload, payload_length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return refuse (error, "bad payload");

  claims = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (claims, "iss", NULL), issuer) != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (claims, "aud", NULL), DUKA_TOKEN_AUDIENCE) != 0)
    return refuse (error, "wrong issuer or audience");

  if (json_object_get_int_member_with_default (claims, "exp", 0) <= now)
    return refuse (error, "expired");

  return json_object_ref (claims);
}

char *
duka_password_hash (const char *password)
{
  char hash[crypto_pwhash_STRBYTES];

  /* Argon2id (libsodium's default) with the interactive limits: about
   * 64 MiB and a few tens of milliseconds per attempt, on a worker. */
  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    g_error ("out of memory hashing a password");

  return g_strdup (hash);
}

gboolean
duka_password_verify (const char *hash,
                      const char *password)
{
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

char *
duka_secret_new (void)
{
  guint8 bytes[32];

  randombytes_buf (bytes, sizeof bytes);
  return duka_base64url_encode (bytes, sizeof bytes);
}

/* The same input always derives the same secret: a rotated refresh
 * credential is recomputed, never stored, when a retry asks again. */
char *
duka_secret_derive (const guint8 *key,
                    const char   *label,
                    const char   *input)
{
  g_autofree char *text = g_strconcat (label, ":", input, NULL);
  guint8 out[32];

  hmac_sha256 (key, text, strlen (text), out);
  return duka_base64url_encode (out, sizeof out);
}

/* In PostgreSQL's bytea hex input form, ready to bind. */
char *
duka_secret_hash_bytea (const char *secret)
{
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);

  return g_strconcat ("\\x", hex, NULL);
}
