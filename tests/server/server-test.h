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

/* Counters of the running server (duka_server_get_stats()), read on its
 * own thread. */
void        test_server_get_stats  (TestServer       *server,
                                    guint64          *connections,
                                    guint64          *closed_idle,
                                    guint            *live_sockets);
guint       test_server_port       (TestServer       *server);
const DukaServerConfig *test_server_get_config (TestServer *server);

/* test-server.c: two tenants, each with an owner, a till and a product. */
typedef struct
{
  char *email;
  char *password;
  char *tenant_id;
  char *outlet_id;
  char *owner_token;
  char *owner_refresh;
  char *device_id;
  char *device_token;
  char *device_refresh;
  char *product_id;
  char *pairing_code;
} Tenant;

extern TestServer *server;
extern Tenant tenant_a, tenant_b;

char       *dup_member             (JsonNode         *node,
                                    const char       *name);
char       *new_pairing_code       (const char       *token,
                                    const char       *outlet_id);
JsonNode   *pair                   (const char       *code,
                                    guint            *status);
char       *product_op             (const char       *op_id,
                                    const char       *id,
                                    const char       *device_id,
                                    int               base_version,
                                    const char       *fields,
                                    const char       *data);
JsonArray  *push                   (const char       *token,
                                    const char       *ops,
                                    JsonNode        **keep);
const char *result_status          (JsonArray        *results,
                                    guint             i);
JsonNode   *fresh_login            (const char       *email,
                                    const char       *password);

void        make_tenant            (Tenant           *t,
                                    const char       *name);
char       *pull_all               (const char       *token,
                                    const char       *cursor,
                                    GHashTable       *seen);
/* A push on a thread of its own, to hold one open. */
typedef struct
{
  char     *body;
  char     *token;
  guint     status;
} HeldPush;
gpointer    push_in_thread         (gpointer          data);
/* Waits until some backend of the test database waits for a lock. */
void        wait_for_lock_waiter   (PGconn           *admin);

/* The platform operator's credential of the in-process server. */
#define TEST_PLATFORM_ADMIN_TOKEN "test-platform-admin-0123456789abcdef0123"

void        test_admin_add_tests   (void);   /* test-admin.c */
void        test_live_add_tests    (void);   /* test-live.c */
void        test_http_add_tests    (void);   /* test-http.c */
void        test_sales_add_tests   (void);   /* test-sales.c */

G_END_DECLS
