/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "duka-print-job.h"

G_BEGIN_DECLS

/* Only the queue moves a job along, on the main context. */
void duka_print_job_set_state (DukaPrintJob      *job,
                               DukaPrintJobState  state,
                               const char        *reason);

G_END_DECLS
