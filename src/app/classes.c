/* SPDX-License-Identifier: MIT */
/* Classes for the operations: see classes.h. */
#include "classes.h"

#include "kehu/date.h"

void kehu__summary_known(const kehu_ledger *l, kehu_summary *s)
{
    size_t i, n = 0;

    for (i = 0; i < s->n; i++) {
        const kehu_summary_row *r = &s->rows[i];
        kehu_customer cu;
        int keep = r->purchase_days > 0;
        if (!keep) {
            kehu_ledger_customer(l, r->customer, &cu);
            keep = cu.in_master && (cu.signup_day == KEHU_DAY_NONE ||
                                    cu.signup_day < s->as_of_day);
        }
        if (keep) {
            s->rows[n++] = *r;
        }
    }
    s->n = n;
}

kehu_status kehu__known_summary(const kehu_ledger *l,
                                const kehu_summary_options *o,
                                kehu_summary **out, kehu_error *err)
{
    kehu_summary_options idle = *o;
    kehu_status rc;

    idle.include_idle = 1;
    rc = kehu_summary_compute(l, &idle, out);
    if (rc != KEHU_OK) {
        return kehu_error_set(err, rc, "summary failed: %s", kehu_strerror(rc));
    }
    kehu__summary_known(l, *out);
    return KEHU_OK;
}

kehu_status kehu__classify_rows(const kehu_summary *s,
                                const kehu_standards *std,
                                const kehu_class_inputs *extra,
                                kehu_class_info *info, kehu_class **out,
                                kehu_error *err)
{
    kehu_status rc = kehu_classify_info(s, std, extra, info, out);

    if (rc != KEHU_OK) {
        return kehu_error_set(err, rc, "classification failed: %s",
                              kehu_strerror(rc));
    }
    return KEHU_OK;
}

unsigned kehu__class_value(const kehu_class *k, kehu__class_dim d)
{
    switch (d) {
    case KEHU__CLASS_RFM8:
        return k->rfm8;
    case KEHU__CLASS_SEGMENT:
        return k->segment;
    case KEHU__CLASS_VALUE_TIER:
        return k->value_tier;
    case KEHU__CLASS_ABCD:
        return k->abcd;
    case KEHU__CLASS_TIER:
        return k->tier;
    case KEHU__CLASS_NEEDS:
        return k->needs;
    default:
        return k->stage;
    }
}

void kehu__cell_class(const kehu_cells *c, kehu__class_dim d, unsigned v)
{
    const char *name, *zh, *en = NULL;

    if (d == KEHU__CLASS_NEEDS) {
        name = kehu_needs_name((kehu_needs)v);
        zh = kehu_needs_zh((kehu_needs)v);
    } else if (v == 0 && d != KEHU__CLASS_STAGE) {
        name = "none";
        zh = "无购买";
    } else if (d == KEHU__CLASS_RFM8) {
        name = kehu_rfm8_name((kehu_rfm8)v);
        zh = kehu_rfm8_zh((kehu_rfm8)v);
    } else if (d == KEHU__CLASS_SEGMENT) {
        name = kehu_segment_name((kehu_segment)v);
        zh = kehu_segment_zh((kehu_segment)v);
        en = kehu_segment_title((kehu_segment)v);
    } else if (d == KEHU__CLASS_VALUE_TIER) {
        name = kehu_value_tier_name((kehu_value_tier)v);
        zh = kehu_value_tier_zh((kehu_value_tier)v);
    } else if (d == KEHU__CLASS_ABCD) {
        name = kehu_abcd_name((kehu_abcd)v);
        zh = kehu_abcd_zh((kehu_abcd)v);
    } else if (d == KEHU__CLASS_TIER) {
        name = kehu_tier_name((kehu_tier)v);
        zh = kehu_tier_zh((kehu_tier)v);
    } else {
        name = kehu_stage_name((kehu_stage)v);
        zh = kehu_stage_zh((kehu_stage)v);
    }
    kehu_cell_label(c, name, en != NULL ? en : name, zh);
}
