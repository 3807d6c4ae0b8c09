/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "duka-print-job.h"
#include "duka-printer.h"

G_BEGIN_DECLS

#define DUKA_TYPE_PRINT_QUEUE (duka_print_queue_get_type ())

G_DECLARE_FINAL_TYPE (DukaPrintQueue, duka_print_queue, DUKA, PRINT_QUEUE, GObject)

DukaPrintQueue *duka_print_queue_new         (DukaPrinter    *printer);
DukaPrinter    *duka_print_queue_get_printer (DukaPrintQueue *queue);
GListModel     *duka_print_queue_get_jobs    (DukaPrintQueue *queue);
DukaPrintJob   *duka_print_queue_submit      (DukaPrintQueue *queue,
                                              const char     *title,
                                              GBytes         *data);
gboolean        duka_print_queue_retry       (DukaPrintQueue *queue,
                                              DukaPrintJob   *job,
                                              GError        **error);

G_END_DECLS
