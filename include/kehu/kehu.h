/* SPDX-License-Identifier: MIT */
/*
 * libkehu: customer analytics without I/O.
 *
 * Ownership, stated once: arguments are borrowed; results returned through
 * `**out` belong to the caller until the matching `_free` (or kehu_free for
 * plain arrays); only a function named `*_take` consumes an argument. On
 * failure *out is NULL and the function has freed whatever it allocated.
 * There is no global state apart from the allocator (kehu/alloc.h) and
 * the thread limit (kehu/threads.h). The models call GSL special functions
 * and turn their failures into statuses: call gsl_set_error_handler_off()
 * first, or GSL's default handler aborts the process on such a failure.
 */
#ifndef KEHU_H
#define KEHU_H

#include "kehu/activity.h"
#include "kehu/alloc.h"
#include "kehu/bgbb.h"
#include "kehu/bgnbd.h"
#include "kehu/bridge.h"
#include "kehu/btyd.h"
#include "kehu/churn.h"
#include "kehu/classify.h"
#include "kehu/cluster.h"
#include "kehu/clv.h"
#include "kehu/cohort.h"
#include "kehu/composition.h"
#include "kehu/concentration.h"
#include "kehu/date.h"
#include "kehu/forecast.h"
#include "kehu/gen.h"
#include "kehu/gg.h"
#include "kehu/holdout.h"
#include "kehu/ledger.h"
#include "kehu/lifecycle.h"
#include "kehu/mbgnbd.h"
#include "kehu/model.h"
#include "kehu/nbd.h"
#include "kehu/optim.h"
#include "kehu/parse.h"
#include "kehu/period.h"
#include "kehu/pnbd.h"
#include "kehu/profit.h"
#include "kehu/rng.h"
#include "kehu/rows.h"
#include "kehu/satisfaction.h"
#include "kehu/schema.h"
#include "kehu/standards.h"
#include "kehu/status.h"
#include "kehu/summary.h"
#include "kehu/threads.h"
#include "kehu/txn.h"

#endif
