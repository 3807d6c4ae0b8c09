/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-store.h"

G_BEGIN_DECLS

/* A few months of the demo business's sales in the till's "demo" series,
 * then one open cash session; call after the demo catalog and staff. */
gboolean duka_demo_fill_sales (DukaStore  *store,
                               GError    **error);

G_END_DECLS
