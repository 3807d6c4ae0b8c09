/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "duka-server-config.h"

G_BEGIN_DECLS

#define DUKA_TYPE_SERVER (duka_server_get_type ())

G_DECLARE_FINAL_TYPE (DukaServer, duka_server, DUKA, SERVER, GObject)

typedef enum
{
  DUKA_AUTH_NONE,     /* anyone */
  DUKA_AUTH_ANY,      /* a signed-in person or a paired device */
  DUKA_AUTH_MANAGER,  /* an owner or a manager */
  DUKA_AUTH_DEVICE,   /* a paired till */
  DUKA_AUTH_PLATFORM, /* the platform operator (platform-admin-token) */
} DukaAuth;

typedef struct _DukaRequest DukaRequest;
typedef void (*DukaRouteHandler) (DukaRequest *request);

typedef struct
{
  const char       *method;
  const char       *path;      /* {name} matches one segment */
  DukaAuth          auth;
  gboolean          versioned; /* needs Duka-Protocol and Duka-Schema */
  DukaRouteHandler  handler;
  /* A request body for the tests, with {placeholders} the tests fill with
   * real ids; every route has one, so a new route is tested for tenant
   * isolation without anyone writing that test. */
  const char       *example;
} DukaRoute;

DukaServer      *duka_server_new             (const DukaServerConfig  *config,
                                              GError                 **error);
gboolean         duka_server_listen          (DukaServer              *self,
                                              GError                 **error);
guint            duka_server_get_port        (DukaServer              *self);
/* Connections accepted, those closed after their client left while idle,
 * and open live sockets; for tests and benchmarks. */
void             duka_server_get_stats       (DukaServer              *self,
                                              guint64                 *connections,
                                              guint64                 *closed_idle,
                                              guint                   *live_sockets);
const DukaRoute *duka_server_get_routes      (guint                   *n_routes);
void             duka_server_get_schema_range (int                    *min,
                                               int                    *max);

G_END_DECLS
