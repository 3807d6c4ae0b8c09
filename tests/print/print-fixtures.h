/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <locale.h>

#include "duka-receipt.h"

G_BEGIN_DECLS

DukaReceipt *print_fixture_cafe_sale   (void);
DukaReceipt *print_fixture_refund      (void);
DukaReceipt *print_fixture_euro_sale   (void);
GBytes      *print_fixture_logo_png    (guint width,
                                        guint height);
locale_t     print_fixture_locale      (const char *name);
void         print_fixture_pin_fonts   (void);
void         print_fixture_pin_fonts_early (void);
GBytes      *print_fixture_read        (const char *name);
void         print_fixture_assert_file (const char *name,
                                        GBytes     *actual);

G_END_DECLS
