/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-store.h"

G_BEGIN_DECLS

gboolean duka_selling_verify (DukaStore  *store,
                              GPtrArray **problems,
                              GError    **error);

G_END_DECLS
