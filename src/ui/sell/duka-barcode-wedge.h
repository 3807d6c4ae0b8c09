/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DUKA_TYPE_BARCODE_WEDGE (duka_barcode_wedge_get_type ())

G_DECLARE_FINAL_TYPE (DukaBarcodeWedge, duka_barcode_wedge, DUKA, BARCODE_WEDGE, GObject)

DukaBarcodeWedge *duka_barcode_wedge_new                (GtkWidget *widget);
void              duka_barcode_wedge_listen_on          (DukaBarcodeWedge *self,
                                                         GtkWidget        *target);
int               duka_barcode_wedge_digit_for_keycode  (guint      keycode);

G_END_DECLS
