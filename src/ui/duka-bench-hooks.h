/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-window.h"

G_BEGIN_DECLS

void duka_bench_hooks_attach (DukaWindow *window);

G_END_DECLS
