/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTTP connections: thousands of keep-alive connections dropped by their
 * clients while idle must not leave descriptors behind (libsoup 3.2 leaks
 * them on its own), and many requests on one connection are one accept.
 * Plain blocking sockets on loopback, bound to 127.0.0.2–50 so the
 * client's ports never run out.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server-test.h"

#define IDLE_CONNECTIONS 10000
#define SOURCE_ADDRESSES 49

static guint
count_descriptors (void)
{
  DIR *dir = opendir ("/proc/self/fd");
  struct dirent *entry;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((entry = readdir (dir)) != NULL)
    if (entry->d_name[0] != '.')
      n++;
  closedir (dir);
  return n;
}

static int
connect_from (guint source)
{
  struct sockaddr_in from = { 0 }, to = { 0 };
  g_autofree char *address = g_strdup_printf ("127.0.0.%u", 2 + source % SOURCE_ADDRESSES);
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  from.sin_family = AF_INET;
  inet_pton (AF_INET, address, &from.sin_addr);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &from, sizeof from), ==, 0);

  to.sin_family = AF_INET;
  to.sin_port = htons (test_server_port (server));
  inet_pton (AF_INET, "127.0.0.1", &to.sin_addr);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &to, sizeof to), ==, 0);
  return fd;
}

/* Sends a keep-alive GET /healthz and reads the whole answer. */
static void
get_healthz (int fd)
{
  static const char request[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  char buffer[4096];
  gsize have = 0;
  const char *end = NULL;
  const char *length;

  g_assert_cmpint (write (fd, request, sizeof request - 1), ==, sizeof request - 1);
  for (;;)
    {
      gssize n = read (fd, buffer + have, sizeof buffer - 1 - have);

      g_assert_cmpint (n, >, 0);
      have += n;
      buffer[have] = '\0';
      end = strstr (buffer, "\r\n\r\n");
      length = g_strstr_len (buffer, have, "Content-Length: ");
      if (end != NULL && length != NULL &&
          have >= (gsize) (end + 4 - buffer) + (gsize) atoi (length + 16))
        break;
    }

  g_assert_true (g_str_has_prefix (buffer, "HTTP/1.1 200"));
  g_assert_null (strstr (buffer, "Connection: close"));
}

static gpointer
drop_idle_connections (gpointer data)
{
  for (guint i = 0; i < IDLE_CONNECTIONS; i++)
    {
      int fd = connect_from (i);

      get_healthz (fd);
      close (fd);
    }
  return NULL;
}

static void
test_http_idle_connections_closed (void)
{
  guint64 connections_before, connections_after, closed_idle;
  guint before = count_descriptors ();
  guint after = 0;
  gint64 started = g_get_monotonic_time ();

  test_server_get_stats (server, &connections_before, NULL, NULL);
  g_thread_join (g_thread_new ("idle-clients", drop_idle_connections, NULL));

  /* The server closes each as it notices its client left. */
  for (guint i = 0; i < 500; i++)
    {
      after = count_descriptors ();
      if (after <= before + 2)
        break;
      g_usleep (10 * 1000);
    }

  test_server_get_stats (server, &connections_after, &closed_idle, NULL);
  g_test_message ("%u connections dropped while idle in %.1f s: descriptors %u → %u, "
                  "%" G_GUINT64_FORMAT " closed by the idle watch",
                  IDLE_CONNECTIONS, (g_get_monotonic_time () - started) / 1e6, before, after, closed_idle);
  g_assert_cmpuint (connections_after - connections_before, ==, IDLE_CONNECTIONS);
  g_assert_cmpuint (after, <=, before + 2);
}

static void
test_http_keep_alive (void)
{
  guint64 before, after;
  int fd;

  test_server_get_stats (server, &before, NULL, NULL);
  fd = connect_from (7);
  for (guint i = 0; i < 300; i++)
    get_healthz (fd);
  close (fd);
  test_server_get_stats (server, &after, NULL, NULL);

  g_assert_cmpuint (after - before, ==, 1);
}

void
test_http_add_tests (void)
{
  g_test_add_func ("/server/http/keep-alive", test_http_keep_alive);
  g_test_add_func ("/server/http/idle-connections-closed", test_http_idle_connections_closed);
}
