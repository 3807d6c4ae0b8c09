/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DukaRateLimiter DukaRateLimiter;

DukaRateLimiter *duka_rate_limiter_new  (double           burst,
                                         double           per_second);
void             duka_rate_limiter_free (DukaRateLimiter *limiter);
gboolean         duka_rate_limiter_take (DukaRateLimiter *limiter,
                                         const char      *key,
                                         gint64           now_us,
                                         guint           *retry_after_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DukaRateLimiter, duka_rate_limiter_free)

G_END_DECLS
