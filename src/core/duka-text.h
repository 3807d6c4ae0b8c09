/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *duka_text_fold        (const char *text);
char *duka_text_prefix_end  (const char *prefix);
char *duka_text_normalize_name (const char *text);

G_END_DECLS
