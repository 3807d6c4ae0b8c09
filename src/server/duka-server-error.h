/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DUKA_SERVER_ERROR (duka_server_error_quark ())

typedef enum
{
  DUKA_SERVER_ERROR_CONFIG,
  DUKA_SERVER_ERROR_DATABASE,
  DUKA_SERVER_ERROR_MIGRATION,
  DUKA_SERVER_ERROR_UNSAFE_ROLE,
  DUKA_SERVER_ERROR_BAD_REQUEST,
  DUKA_SERVER_ERROR_TOKEN,
} DukaServerError;

GQuark duka_server_error_quark (void);

G_END_DECLS
