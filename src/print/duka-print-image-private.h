/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

cairo_surface_t *duka_print_load_png (GBytes  *png,
                                      GError **error);

G_END_DECLS
