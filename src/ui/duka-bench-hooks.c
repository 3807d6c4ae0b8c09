/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What duka-bench measures from inside a real duka process.  With
 * DUKA_BENCH_MENU set, Duka opens on the menu view, prints the monotonic
 * time of the first frame that shows products ("first-frame-us N"), then
 * scrolls the item list to its end one page per frame, prints its
 * resident memory ("rss-kb N") and quits (with DUKA_BENCH_MENU=open it
 * quits after the first frame).  Without the variable nothing here runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duka-bench-hooks.h"

typedef struct
{
  DukaWindow     *window;
  GtkAdjustment  *adjustment;
  gboolean        reported_frame;
  guint           still_frames;
  gulong          after_paint_id;
  GdkFrameClock  *clock;
} BenchState;

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static long
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");

  return line ? strtol (line + 6, NULL, 10) : -1;
}

/* The first frame whose paint included product rows. */
static void
after_paint_cb (GdkFrameClock *clock,
                BenchState    *state)
{
  GtkWidget *list = find_list_view (duka_window_get_view (state->window, "menu"));
  GtkWidget *row = list ? gtk_widget_get_first_child (list) : NULL;

  if (row == NULL || !gtk_widget_get_mapped (row) || state->reported_frame)
    return;

  printf ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  state->reported_frame = TRUE;

  /* DUKA_BENCH_MENU=open stops here, for profiling the start alone. */
  if (g_strcmp0 (g_getenv ("DUKA_BENCH_MENU"), "open") == 0)
    g_application_quit (g_application_get_default ());
}

static void
bench_state_free (gpointer data)
{
  BenchState *state = data;

  if (state->clock != NULL)
    g_clear_signal_handler (&state->after_paint_id, state->clock);
  g_clear_object (&state->clock);
  g_free (state);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  BenchState *state = user_data;
  GtkWidget *list = find_list_view (duka_window_get_view (state->window, "menu"));
  GListModel *model;
  double value, upper, page;

  if (list == NULL)
    return G_SOURCE_CONTINUE;

  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  if (model == NULL || g_list_model_get_n_items (model) == 0)
    return G_SOURCE_CONTINUE;

  if (!state->reported_frame)
    {
      if (state->after_paint_id == 0)
        {
          state->clock = g_object_ref (clock);
          state->after_paint_id = g_signal_connect (clock, "after-paint",
                                                    G_CALLBACK (after_paint_cb), state);
        }
      return G_SOURCE_CONTINUE;
    }
  if (state->adjustment == NULL)
    state->adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

  value = gtk_adjustment_get_value (state->adjustment);
  upper = gtk_adjustment_get_upper (state->adjustment);
  page = gtk_adjustment_get_page_size (state->adjustment);

  if (value + page >= upper - 1)
    {
      if (++state->still_frames < 3)
        return G_SOURCE_CONTINUE;
      printf ("rss-kb %ld\n", resident_kb ());
      fflush (stdout);
      g_application_quit (g_application_get_default ());
      return G_SOURCE_REMOVE;
    }

  state->still_frames = 0;
  gtk_adjustment_set_value (state->adjustment, value + page * 4);
  return G_SOURCE_CONTINUE;
}

void
duka_bench_hooks_attach (DukaWindow *window)
{
  BenchState *state;

  if (g_getenv ("DUKA_BENCH_MENU") == NULL)
    return;

  state = g_new0 (BenchState, 1);
  state->window = window;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "menu");
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, state, bench_state_free);
}
