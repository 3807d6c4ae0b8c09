/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The jobs of one printer, sent one at a time in a worker thread so the
 * main loop never waits for a printer; every state change arrives on the
 * main context the queue was made on.  Failed jobs stay in the list with
 * their reason until they print. */

#include "duka-print-queue.h"

#include <glib/gi18n-lib.h>

#include "duka-print-job-private.h"

/* Printed jobs beyond this many are dropped from the list, oldest first;
 * failed and waiting jobs always stay. */
#define KEEP_PRINTED 50

struct _DukaPrintQueue
{
  GObject       parent_instance;

  DukaPrinter  *printer;
  GListStore   *jobs;
  GQueue        waiting;     /* DukaPrintJob, owned */
  DukaPrintJob *current;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (DukaPrintQueue, duka_print_queue, G_TYPE_OBJECT)

static void run_next (DukaPrintQueue *self);

static void
duka_print_queue_dispose (GObject *object)
{
  DukaPrintQueue *self = DUKA_PRINT_QUEUE (object);

  g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->waiting, g_object_unref);
  g_clear_object (&self->current);
  g_clear_object (&self->jobs);
  g_clear_object (&self->printer);

  G_OBJECT_CLASS (duka_print_queue_parent_class)->dispose (object);
}

static void
duka_print_queue_finalize (GObject *object)
{
  DukaPrintQueue *self = DUKA_PRINT_QUEUE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (duka_print_queue_parent_class)->finalize (object);
}

static void
duka_print_queue_class_init (DukaPrintQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = duka_print_queue_dispose;
  object_class->finalize = duka_print_queue_finalize;
}

static void
duka_print_queue_init (DukaPrintQueue *self)
{
  self->jobs = g_list_store_new (DUKA_TYPE_PRINT_JOB);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->waiting);
}

DukaPrintQueue *
duka_print_queue_new (DukaPrinter *printer)
{
  DukaPrintQueue *self;

  g_return_val_if_fail (DUKA_IS_PRINTER (printer), NULL);

  self = g_object_new (DUKA_TYPE_PRINT_QUEUE, NULL);
  self->printer = g_object_ref (printer);

  return self;
}

DukaPrinter *
duka_print_queue_get_printer (DukaPrintQueue *queue)
{
  g_return_val_if_fail (DUKA_IS_PRINT_QUEUE (queue), NULL);

  return queue->printer;
}

/**
 * duka_print_queue_get_jobs:
 *
 * Returns: (transfer none): the jobs, oldest first, for the cashier to see
 */
GListModel *
duka_print_queue_get_jobs (DukaPrintQueue *queue)
{
  g_return_val_if_fail (DUKA_IS_PRINT_QUEUE (queue), NULL);

  return G_LIST_MODEL (queue->jobs);
}

static void
forget_old_printed_jobs (DukaPrintQueue *self)
{
  guint n_printed = 0;

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->jobs)); i > 0; i--)
    {
      g_autoptr(DukaPrintJob) job = g_list_model_get_item (G_LIST_MODEL (self->jobs), i - 1);

      if (duka_print_job_get_state (job) != DUKA_PRINT_JOB_PRINTED)
        continue;
      if (++n_printed > KEEP_PRINTED)
        g_list_store_remove (self->jobs, i - 1);
    }
}

static void
print_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DukaPrintQueue) self = user_data;
  g_autoptr(DukaPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;

  duka_printer_print_finish (DUKA_PRINTER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->jobs == NULL)
    return;

  job = g_steal_pointer (&self->current);
  if (error == NULL)
    duka_print_job_set_state (job, DUKA_PRINT_JOB_PRINTED, NULL);
  else
    duka_print_job_set_state (job, DUKA_PRINT_JOB_FAILED, error->message);

  forget_old_printed_jobs (self);
  run_next (self);
}

static void
run_next (DukaPrintQueue *self)
{
  if (self->current != NULL || g_queue_is_empty (&self->waiting))
    return;

  self->current = g_queue_pop_head (&self->waiting);
  duka_print_job_set_state (self->current, DUKA_PRINT_JOB_PRINTING, NULL);
  duka_printer_print_async (self->printer, duka_print_job_get_data (self->current),
                            self->cancellable, print_done, g_object_ref (self));
}

/**
 * duka_print_queue_submit:
 * @title: what the cashier sees, e.g. "Receipt T1-000124"
 * @data: the bytes for the printer
 *
 * Returns: (transfer none): the job, queued
 */
DukaPrintJob *
duka_print_queue_submit (DukaPrintQueue *queue,
                         const char     *title,
                         GBytes         *data)
{
  DukaPrintJob *job;

  g_return_val_if_fail (DUKA_IS_PRINT_QUEUE (queue), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  job = duka_print_job_new (title, data);
  g_list_store_append (queue->jobs, job);
  g_queue_push_tail (&queue->waiting, job);
  run_next (queue);

  return job;
}

/**
 * duka_print_queue_retry:
 *
 * Queues a failed job again with the same bytes.  A receipt that printed
 * is never sent twice as is: a reprint is a new job rendered from the
 * receipt marked as a copy.
 */
gboolean
duka_print_queue_retry (DukaPrintQueue  *queue,
                        DukaPrintJob    *job,
                        GError         **error)
{
  guint position;

  g_return_val_if_fail (DUKA_IS_PRINT_QUEUE (queue), FALSE);
  g_return_val_if_fail (DUKA_IS_PRINT_JOB (job), FALSE);

  if (!g_list_store_find (queue->jobs, job, &position) ||
      duka_print_job_get_state (job) != DUKA_PRINT_JOB_FAILED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Only a print that failed can be tried again."));
      return FALSE;
    }

  duka_print_job_set_state (job, DUKA_PRINT_JOB_QUEUED, duka_print_job_get_reason (job));
  g_queue_push_tail (&queue->waiting, g_object_ref (job));
  run_next (queue);

  return TRUE;
}
