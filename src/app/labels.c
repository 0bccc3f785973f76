/* SPDX-License-Identifier: MIT */
/*
 * The label catalog (labels.h). One Chinese label per key, so every
 * command, the report and the dashboard name a column the same way. Sorted
 * by key (strcmp order) for binary search; tests check the order and that
 * every operation's columns are here.
 */
#include "kehu/app/labels.h"

#include <string.h>

static const kehu_label catalog[] = {
    {"T", "观察期"},
    {"abcd", "ABCD"},
    {"accepted", "接受"},
    {"active", "活跃客户"},
    {"actual", "实际"},
    {"amount", "金额"},
    {"amount_total", "金额合计"},
    {"annual_spend", "年均消费"},
    {"as_of", "截至"},
    {"band", "满意度分组"},
    {"best", "最优"},
    {"branch", "网点"},
    {"category", "品类"},
    {"channel", "渠道"},
    {"churn_rate", "流失率"},
    {"churned", "流失客户数"},
    {"churned_share", "流失客户占比"},
    {"cluster", "聚类"},
    {"clv", "客户终身价值"},
    {"clv_mean", "平均终身价值"},
    {"clv_sum", "终身价值合计"},
    {"cohort", "同期群"},
    {"contacts", "联系次数"},
    {"core", "核心客户"},
    {"core_change", "核心变化"},
    {"core_fell", "核心下降"},
    {"core_share", "核心占比"},
    {"cost", "成本"},
    {"count", "次数"},
    {"csat", "满意度CSAT"},
    {"customer_id", "客户编号"},
    {"customer_share", "客户占比"},
    {"customers", "客户数"},
    {"cutoff", "截止日"},
    {"days_since_contact", "距联系天数"},
    {"days_since_last", "距最近购买天数"},
    {"days_since_last_mean", "距上次购买天数均值"},
    {"delimiter", "分隔符"},
    {"detractors", "贬损者"},
    {"dormant", "沉睡客户"},
    {"duplicates", "重复"},
    {"end", "期末"},
    {"estimate", "估计值"},
    {"expected", "模型预期"},
    {"expected_purchases", "预期购买次数"},
    {"expected_purchases_sum", "预期购买次数合计"},
    {"expected_spend", "预期消费"},
    {"f_score", "F分"},
    {"file", "文件"},
    {"first_lines", "首见行号"},
    {"first_purchase", "首次购买"},
    {"frequency", "重复购买次数"},
    {"from", "期初状态"},
    {"gap_days", "典型购买间隔天数"},
    {"group", "分组"},
    {"header", "表头"},
    {"item", "项目"},
    {"last_contact", "最近联系"},
    {"last_purchase", "最近购买"},
    {"m_score", "M分"},
    {"mape", "回测MAPE"},
    {"margin", "利润率"},
    {"max_reject_rate", "拒绝率上限"},
    {"mean_10", "十分制均分"},
    {"mean_5", "五分制均分"},
    {"median_lead_days", "提前天数中位数"},
    {"method", "方法"},
    {"metric", "指标"},
    {"monetary_avg", "平均消费"},
    {"monetary_mean", "消费金额均值"},
    {"monetary_total", "消费总额"},
    {"moved_in", "升降迁入"},
    {"moved_out", "升降迁出"},
    {"needs", "需求类型"},
    {"new", "新客户"},
    {"nps", "净推荐值NPS"},
    {"orders", "订单数"},
    {"ordinary", "普通客户"},
    {"ordinary_share", "普通客户占比"},
    {"overdue_ratio", "逾期倍数"},
    {"p_alive", "存活概率"},
    {"p_alive_mean", "平均存活概率"},
    {"parameter", "参数"},
    {"passives", "被动者"},
    {"period", "周期"},
    {"potential", "潜力客户"},
    {"potential_share", "潜力客户占比"},
    {"precision", "精确率"},
    {"predicted", "预测值"},
    {"profit", "利润"},
    {"profit_after_service", "扣除服务成本后利润"},
    {"profit_per_service_cost", "单位服务成本利润"},
    {"profit_share", "利润占比"},
    {"profit_total", "利润总额"},
    {"promoters", "推荐者"},
    {"prospect", "潜在客户"},
    {"prospect_share", "潜在客户占比"},
    {"purchase_days", "购买天数"},
    {"purchase_days_mean", "购买天数均值"},
    {"r_score", "R分"},
    {"read", "读取"},
    {"reason", "原因"},
    {"recall", "召回率"},
    {"reconciled", "对账一致"},
    {"region", "地区"},
    {"reject_rate", "拒绝率"},
    {"rejected", "拒绝"},
    {"rejects_path", "拒绝行文件"},
    {"repeat_monetary_avg", "重复购买平均消费"},
    {"respondents", "答卷客户数"},
    {"responses", "答卷数"},
    {"responses_10", "十分制答卷"},
    {"responses_5", "五分制答卷"},
    {"resurrected", "回流"},
    {"resurrecting", "回流客户"},
    {"returning", "留存客户"},
    {"revenue", "收入"},
    {"revenue_share", "收入占比"},
    {"rfm8", "RFM八类"},
    {"rows", "行数"},
    {"scale", "量表"},
    {"se", "标准误"},
    {"section", "部分"},
    {"segment", "RFM细分"},
    {"series", "序列"},
    {"service_cost", "服务成本"},
    {"share", "占比"},
    {"silhouette", "轮廓系数"},
    {"size", "客户数"},
    {"spend_per_purchase", "单次预期消费"},
    {"stage", "生命周期"},
    {"start", "期初"},
    {"status", "状态"},
    {"t_x", "首末购买间隔"},
    {"tier", "客户层级"},
    {"total", "合计"},
    {"true_positive", "预警且流失"},
    {"type", "类型"},
    {"value", "数值"},
    {"value_at_risk", "风险价值"},
    {"value_tier", "价值层级"},
    {"warned", "预警数"},
    {"x", "校准期重复购买次数"},
    {"z_frequency_mean", "标准化频度均值"},
    {"z_monetary_mean", "标准化金额均值"},
    {"z_recency_mean", "标准化近度均值"},
};

#define N_LABELS (sizeof catalog / sizeof catalog[0])

const kehu_label *kehu_label_find(const char *key)
{
    size_t lo = 0, hi = N_LABELS;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(catalog[mid].key, key);
        if (c == 0) {
            return &catalog[mid];
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

const char *kehu_label_text(const char *key, kehu_lang lang)
{
    const kehu_label *l;

    if (lang != KEHU_LANG_ZH) {
        return key;
    }
    l = kehu_label_find(key);
    return l != NULL && l->zh != NULL ? l->zh : key;
}

const kehu_label *kehu_labels(size_t *n)
{
    *n = N_LABELS;
    return catalog;
}
