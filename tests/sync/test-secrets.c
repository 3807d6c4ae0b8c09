/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * src/secrets against a real gnome-keyring in a private D-Bus session
 * (with-keyring.sh): credentials keyed by device id, rotated in place,
 * cleared on disconnect, and a missing keyring as a typed error.
 */
#include "duka-secrets.h"


/* The error first, so a failure says why. */
#define ASSERT_OK(call) \
  G_STMT_START { \
    gboolean ok_ = (call); \
    g_assert_no_error (error); \
    g_assert_true (ok_); \
  } G_STMT_END

#define DEVICE_A "01900000-0000-7000-8000-0000000000a1"
#define DEVICE_B "01900000-0000-7000-8000-0000000000b2"

static void
store (const char     *device,
       DukaSecretKind  kind,
       const char     *secret)
{
  g_autoptr(GError) error = NULL;

  ASSERT_OK (duka_secrets_store (device, kind, secret, NULL, NULL, &error));
}

static void
assert_secret (const char     *device,
               DukaSecretKind  kind,
               const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(DukaSecretString) secret = duka_secrets_lookup (device, kind, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, expected);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;

  assert_secret (DEVICE_A, DUKA_SECRET_DEVICE_CREDENTIAL, NULL);

  store (DEVICE_A, DUKA_SECRET_DEVICE_CREDENTIAL, "drt1.a.first");
  store (DEVICE_A, DUKA_SECRET_ACCESS_TOKEN, "access-a");
  store (DEVICE_B, DUKA_SECRET_DEVICE_CREDENTIAL, "drt1.b.first");
  assert_secret (DEVICE_A, DUKA_SECRET_DEVICE_CREDENTIAL, "drt1.a.first");
  assert_secret (DEVICE_A, DUKA_SECRET_ACCESS_TOKEN, "access-a");
  assert_secret (DEVICE_B, DUKA_SECRET_DEVICE_CREDENTIAL, "drt1.b.first");

  /* A refresh rotates the credential: the new one replaces the old. */
  store (DEVICE_A, DUKA_SECRET_DEVICE_CREDENTIAL, "drt1.a.second");
  assert_secret (DEVICE_A, DUKA_SECRET_DEVICE_CREDENTIAL, "drt1.a.second");

  /* Disconnecting A removes all of A's secrets and none of B's. */
  ASSERT_OK (duka_secrets_clear (DEVICE_A, NULL, &error));
  assert_secret (DEVICE_A, DUKA_SECRET_DEVICE_CREDENTIAL, NULL);
  assert_secret (DEVICE_A, DUKA_SECRET_ACCESS_TOKEN, NULL);
  assert_secret (DEVICE_B, DUKA_SECRET_DEVICE_CREDENTIAL, "drt1.b.first");
}

/* With no Secret Service on the bus, every call says so with a typed
 * error instead of crashing or hanging. */
static void
test_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      char *secret;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/duka-no-bus", TRUE);
      g_assert_false (duka_secrets_store (DEVICE_A, DUKA_SECRET_DEVICE_CREDENTIAL, "x", NULL, NULL, &error));
      g_assert_error (error, DUKA_SECRETS_ERROR, DUKA_SECRETS_ERROR_UNAVAILABLE);
      g_clear_error (&error);
      secret = duka_secrets_lookup (DEVICE_A, DUKA_SECRET_DEVICE_CREDENTIAL, NULL, &error);
      g_assert_null (secret);
      g_assert_error (error, DUKA_SECRETS_ERROR, DUKA_SECRETS_ERROR_UNAVAILABLE);
      g_clear_error (&error);
      g_assert_false (duka_secrets_clear (DEVICE_A, NULL, &error));
      g_assert_error (error, DUKA_SECRETS_ERROR, DUKA_SECRETS_ERROR_UNAVAILABLE);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/round-trip", test_round_trip);
  g_test_add_func ("/secrets/unavailable", test_unavailable);

  return g_test_run ();
}
