/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  DUKA_PRINT_JOB_QUEUED,
  DUKA_PRINT_JOB_PRINTING,
  DUKA_PRINT_JOB_PRINTED,
  DUKA_PRINT_JOB_FAILED,
} DukaPrintJobState;

#define DUKA_TYPE_PRINT_JOB_STATE (duka_print_job_state_get_type ())
GType duka_print_job_state_get_type (void) G_GNUC_CONST;

#define DUKA_TYPE_PRINT_JOB (duka_print_job_get_type ())

G_DECLARE_FINAL_TYPE (DukaPrintJob, duka_print_job, DUKA, PRINT_JOB, GObject)

DukaPrintJob      *duka_print_job_new          (const char   *title,
                                                GBytes       *data);
const char        *duka_print_job_get_title    (DukaPrintJob *job);
GBytes            *duka_print_job_get_data     (DukaPrintJob *job);
DukaPrintJobState  duka_print_job_get_state    (DukaPrintJob *job);
const char        *duka_print_job_get_reason   (DukaPrintJob *job);
guint              duka_print_job_get_attempts (DukaPrintJob *job);

G_END_DECLS
