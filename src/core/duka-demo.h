/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-store.h"

G_BEGIN_DECLS

gboolean duka_demo_fill         (DukaStore  *store,
                                 GError    **error);
gboolean duka_demo_fill_catalog (DukaStore  *store,
                                 GError    **error);
gboolean duka_demo_fill_staff   (DukaStore  *store,
                                 GError    **error);

G_END_DECLS
