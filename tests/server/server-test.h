/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <libsoup/soup.h>

#include "duka-server.h"

G_BEGIN_DECLS

/* A real DukaServer on 127.0.0.1, port 0, in a thread of its own with its
 * own main context, so the test can talk to it with blocking calls. */
typedef struct _TestServer TestServer;

TestServer *test_server_start      (DukaServerConfig *config);
void        test_server_stop       (TestServer       *server);
char       *test_server_url        (TestServer       *server,
                                    const char       *path);
DukaServerConfig *test_server_config (void);

/* One HTTP exchange; returns the parsed JSON answer (or NULL when the
 * answer is not JSON) and the status. */
JsonNode   *test_request           (TestServer       *server,
                                    const char       *method,
                                    const char       *path,
                                    const char       *token,
                                    const char       *body,
                                    gssize            body_length,
                                    guint            *status);
JsonNode   *test_request_full      (TestServer       *server,
                                    const char       *method,
                                    const char       *path,
                                    const char       *token,
                                    const char       *body,
                                    gssize            body_length,
                                    gboolean          versioned,
                                    guint            *status,
                                    char            **text);

const char *test_member            (JsonNode         *node,
                                    const char       *name);
PGconn     *test_connect           (const char       *env_name);
PGresult   *test_sql               (PGconn           *conn,
                                    const char       *sql,
                                    ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
