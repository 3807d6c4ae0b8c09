/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Closes keep-alive connections that the client closed while they were
 * idle, which libsoup 3.2 never does itself (see duka-server-idle.c). */
typedef struct _DukaIdleWatch DukaIdleWatch;

DukaIdleWatch *duka_idle_watch_new          (SoupServer    *soup);
void           duka_idle_watch_free         (DukaIdleWatch *watch);
/* Connections seen, and those closed here after their client left. */
void           duka_idle_watch_get_counts   (DukaIdleWatch *watch,
                                             guint64       *connections,
                                             guint64       *closed_idle);

G_END_DECLS
