/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DUKA_TYPE_PIN_PAD (duka_pin_pad_get_type ())

G_DECLARE_FINAL_TYPE (DukaPinPad, duka_pin_pad, DUKA, PIN_PAD, AdwBin)

GtkWidget  *duka_pin_pad_new         (void);
const char *duka_pin_pad_get_pin     (DukaPinPad *self);
void        duka_pin_pad_clear       (DukaPinPad *self);
void        duka_pin_pad_set_message (DukaPinPad *self,
                                      const char *message);
void        duka_pin_pad_set_busy    (DukaPinPad *self,
                                      gboolean    busy);

G_END_DECLS
