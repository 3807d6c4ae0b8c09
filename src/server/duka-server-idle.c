/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup 3.2's SoupServer never closes its side of a keep-alive
 * connection that the client closed while it was idle (a reference cycle
 * between the connection and its first message keeps it alive; fixed in
 * libsoup 3.3.0), so each such connection keeps its descriptor until the
 * process runs out of them.
 *
 * Keep-alive stays on.  When a response has gone out and the connection
 * waits for the next request, this watches its socket; when it becomes
 * readable, a peek tells the two cases apart: bytes are the next request
 * (libsoup reads it, and "request-started" ends the watch), end of file
 * means the client left, and the socket is closed here.  libsoup's own
 * reads on that socket then fail cleanly with G_IO_ERROR_CLOSED.
 */
#include <errno.h>
#include <sys/socket.h>

#include "duka-server-idle.h"

struct _DukaIdleWatch
{
  SoupServer *soup;
  GHashTable *watches;      /* GSocket → GSource */
  guint64     connections;
  guint64     closed_idle;
};

static void
source_drop (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

static gboolean
idle_socket_ready (GSocket      *socket,
                   GIOCondition  condition,
                   gpointer      user_data)
{
  DukaIdleWatch *watch = user_data;
  char byte;
  gssize n;

  if (g_socket_is_closed (socket))
    {
      /* libsoup closed it itself. */
      g_hash_table_remove (watch->watches, socket);
      return G_SOURCE_REMOVE;
    }

  n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return G_SOURCE_CONTINUE;

  if (n == 0 || n < 0 || (condition & (G_IO_ERR | G_IO_NVAL)))
    {
      watch->closed_idle++;
      g_socket_close (socket, NULL);
    }

  /* Either closed now, or the next request is here for libsoup. */
  g_hash_table_remove (watch->watches, socket);
  return G_SOURCE_REMOVE;
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *msg,
                 DukaIdleWatch     *watch)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket == NULL)
    return;

  if (g_object_get_data (G_OBJECT (socket), "duka-idle-seen") == NULL)
    {
      g_object_set_data (G_OBJECT (socket), "duka-idle-seen", GINT_TO_POINTER (1));
      watch->connections++;
    }
  g_hash_table_remove (watch->watches, socket);
}

static void
request_finished (SoupServer        *soup,
                  SoupServerMessage *msg,
                  DukaIdleWatch     *watch)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  GSource *source;

  if (socket == NULL || g_socket_is_closed (socket))
    return;

  source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR | G_IO_NVAL, NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (idle_socket_ready), watch, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_hash_table_replace (watch->watches, g_object_ref (socket), source);
}

DukaIdleWatch *
duka_idle_watch_new (SoupServer *soup)
{
  DukaIdleWatch *watch = g_new0 (DukaIdleWatch, 1);

  watch->soup = soup;
  watch->watches = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, source_drop);
  g_signal_connect (soup, "request-started", G_CALLBACK (request_started), watch);
  g_signal_connect (soup, "request-finished", G_CALLBACK (request_finished), watch);
  g_signal_connect (soup, "request-aborted", G_CALLBACK (request_started), watch);
  return watch;
}

void
duka_idle_watch_free (DukaIdleWatch *watch)
{
  if (watch == NULL)
    return;

  g_signal_handlers_disconnect_by_data (watch->soup, watch);
  g_hash_table_unref (watch->watches);
  g_free (watch);
}

void
duka_idle_watch_get_counts (DukaIdleWatch *watch,
                            guint64       *connections,
                            guint64       *closed_idle)
{
  *connections = watch->connections;
  *closed_idle = watch->closed_idle;
}
