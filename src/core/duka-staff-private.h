/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "duka-staff.h"

G_BEGIN_DECLS

struct _DukaStaff
{
  GObject    parent_instance;

  DukaStore *store;
  guint64    pin_opslimit;
  gsize      pin_memlimit;
};

char      *duka_staff_this_till       (sqlite3    *db);
gboolean   duka_staff_refuse          (GError    **error,
                                       int         code,
                                       const char *format,
                                       ...) G_GNUC_PRINTF (3, 4);

/* Argon2id cost of new PIN hashes; tests lower it so valgrind runs stay
 * short.  Existing hashes keep the cost they were made with. */
void       duka_staff_set_pin_cost    (DukaStaff  *self,
                                       guint64     opslimit,
                                       gsize       memlimit);

G_END_DECLS
