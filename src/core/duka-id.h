/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *duka_id_new      (void);
gboolean  duka_id_is_valid (const char *id);

G_END_DECLS
