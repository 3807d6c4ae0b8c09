/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Token buckets in memory, touched only from the main loop.  Limits are
 * per process: behind a load balancer with N processes an attacker gets
 * up to N times the budget, which is still far too little to guess a
 * password or a pairing code.
 */
#include <math.h>

#include "duka-server-ratelimit.h"

/* Beyond this many keys, buckets that have filled up again are dropped. */
#define PRUNE_ABOVE 10000

typedef struct
{
  double tokens;
  gint64 updated;
} Bucket;

struct _DukaRateLimiter
{
  double      burst;
  double      per_second;
  GHashTable *buckets;
};

DukaRateLimiter *
duka_rate_limiter_new (double burst,
                       double per_second)
{
  DukaRateLimiter *limiter = g_new0 (DukaRateLimiter, 1);

  limiter->burst = burst;
  limiter->per_second = per_second;
  limiter->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return limiter;
}

void
duka_rate_limiter_free (DukaRateLimiter *limiter)
{
  if (limiter == NULL)
    return;

  g_hash_table_unref (limiter->buckets);
  g_free (limiter);
}

static void
refill (DukaRateLimiter *limiter,
        Bucket          *bucket,
        gint64           now_us)
{
  double elapsed = (now_us - bucket->updated) / (double) G_USEC_PER_SEC;

  bucket->tokens = MIN (limiter->burst, bucket->tokens + MAX (elapsed, 0) * limiter->per_second);
  bucket->updated = now_us;
}

static void
prune (DukaRateLimiter *limiter,
       gint64           now_us)
{
  GHashTableIter iter;
  Bucket *bucket;

  g_hash_table_iter_init (&iter, limiter->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bucket))
    {
      refill (limiter, bucket, now_us);
      if (bucket->tokens >= limiter->burst)
        g_hash_table_iter_remove (&iter);
    }
}

gboolean
duka_rate_limiter_take (DukaRateLimiter *limiter,
                        const char      *key,
                        gint64           now_us,
                        guint           *retry_after_s)
{
  Bucket *bucket = g_hash_table_lookup (limiter->buckets, key);

  if (bucket == NULL)
    {
      if (g_hash_table_size (limiter->buckets) > PRUNE_ABOVE)
        prune (limiter, now_us);
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = limiter->burst;
      bucket->updated = now_us;
      g_hash_table_insert (limiter->buckets, g_strdup (key), bucket);
    }

  refill (limiter, bucket, now_us);
  if (bucket->tokens >= 1)
    {
      bucket->tokens -= 1;
      return TRUE;
    }

  if (retry_after_s != NULL)
    *retry_after_s = (guint) ceil ((1 - bucket->tokens) / limiter->per_second);
  return FALSE;
}
