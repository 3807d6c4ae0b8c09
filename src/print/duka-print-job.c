/* SPDX-License-Identifier: GPL-3.0-or-later */

/* One thing sent to one printer.  A job keeps its bytes whatever happens,
 * so a failed receipt can always be printed again. */

#include "duka-print-job-private.h"

struct _DukaPrintJob
{
  GObject            parent_instance;

  char              *title;
  GBytes            *data;
  DukaPrintJobState  state;
  char              *reason;
  guint              attempts;
};

G_DEFINE_FINAL_TYPE (DukaPrintJob, duka_print_job, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (DukaPrintJobState, duka_print_job_state,
  G_DEFINE_ENUM_VALUE (DUKA_PRINT_JOB_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (DUKA_PRINT_JOB_PRINTING, "printing"),
  G_DEFINE_ENUM_VALUE (DUKA_PRINT_JOB_PRINTED, "printed"),
  G_DEFINE_ENUM_VALUE (DUKA_PRINT_JOB_FAILED, "failed"))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_STATE,
  PROP_REASON,
  PROP_ATTEMPTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
duka_print_job_finalize (GObject *object)
{
  DukaPrintJob *self = DUKA_PRINT_JOB (object);

  g_free (self->title);
  g_bytes_unref (self->data);
  g_free (self->reason);

  G_OBJECT_CLASS (duka_print_job_parent_class)->finalize (object);
}

static void
duka_print_job_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DukaPrintJob *self = DUKA_PRINT_JOB (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
duka_print_job_class_init (DukaPrintJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = duka_print_job_finalize;
  object_class->get_property = duka_print_job_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       DUKA_TYPE_PRINT_JOB_STATE, DUKA_PRINT_JOB_QUEUED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
duka_print_job_init (DukaPrintJob *self)
{
}

DukaPrintJob *
duka_print_job_new (const char *title,
                    GBytes     *data)
{
  DukaPrintJob *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (DUKA_TYPE_PRINT_JOB, NULL);
  self->title = g_strdup (title);
  self->data = g_bytes_ref (data);

  return self;
}

const char *
duka_print_job_get_title (DukaPrintJob *job)
{
  g_return_val_if_fail (DUKA_IS_PRINT_JOB (job), NULL);

  return job->title;
}

/**
 * duka_print_job_get_data:
 *
 * Returns: (transfer none): the bytes this job sends, kept after a failure
 */
GBytes *
duka_print_job_get_data (DukaPrintJob *job)
{
  g_return_val_if_fail (DUKA_IS_PRINT_JOB (job), NULL);

  return job->data;
}

DukaPrintJobState
duka_print_job_get_state (DukaPrintJob *job)
{
  g_return_val_if_fail (DUKA_IS_PRINT_JOB (job), DUKA_PRINT_JOB_FAILED);

  return job->state;
}

/**
 * duka_print_job_get_reason:
 *
 * Returns: (nullable): why the last attempt failed, in plain words
 */
const char *
duka_print_job_get_reason (DukaPrintJob *job)
{
  g_return_val_if_fail (DUKA_IS_PRINT_JOB (job), NULL);

  return job->reason;
}

guint
duka_print_job_get_attempts (DukaPrintJob *job)
{
  g_return_val_if_fail (DUKA_IS_PRINT_JOB (job), 0);

  return job->attempts;
}

void
duka_print_job_set_state (DukaPrintJob      *job,
                          DukaPrintJobState  state,
                          const char        *reason)
{
  g_object_freeze_notify (G_OBJECT (job));

  if (state == DUKA_PRINT_JOB_PRINTING)
    {
      job->attempts++;
      g_object_notify_by_pspec (G_OBJECT (job), properties[PROP_ATTEMPTS]);
    }
  if (g_strcmp0 (job->reason, reason) != 0)
    {
      g_free (job->reason);
      job->reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (job), properties[PROP_REASON]);
    }
  if (job->state != state)
    {
      job->state = state;
      g_object_notify_by_pspec (G_OBJECT (job), properties[PROP_STATE]);
    }

  g_object_thaw_notify (G_OBJECT (job));
}
