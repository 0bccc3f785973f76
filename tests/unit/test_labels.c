/* SPDX-License-Identifier: MIT */
/* The label catalog (labels.h): sorted, unique keys, each with a Chinese
 * label, and the fallbacks of kehu_label_text. */
#include "check.h"
#include "kehu/app/labels.h"

void test_labels(void);

void test_labels(void)
{
    size_t n = 0, i, bad_order = 0, no_zh = 0, not_found = 0;
    const kehu_label *all = kehu_labels(&n);

    CHECK(all != NULL);
    CHECK(n > 50);
    for (i = 0; all != NULL && i < n; i++) {
        if (i > 0 && strcmp(all[i - 1].key, all[i].key) >= 0) {
            bad_order++; /* sorted and unique: binary search finds all */
            (void)fprintf(stderr, "labels: %s before %s\n", all[i - 1].key,
                          all[i].key);
        }
        if (all[i].zh == NULL || all[i].zh[0] == '\0') {
            no_zh++;
        }
        if (kehu_label_find(all[i].key) != &all[i]) {
            not_found++;
        }
    }
    CHECK_EQ_I64(bad_order, 0);
    CHECK_EQ_I64(no_zh, 0);
    CHECK_EQ_I64(not_found, 0);
    CHECK(kehu_label_find("no such key") == NULL);
    CHECK(kehu_label_find("") == NULL);
    CHECK_STR(kehu_label_text("customers", KEHU_LANG_EN), "customers");
    CHECK_STR(kehu_label_text("customers", KEHU_LANG_ZH), "客户数");
    CHECK_STR(kehu_label_text("no such key", KEHU_LANG_ZH), "no such key");
    CHECK_STR(kehu_label_text("no such key", KEHU_LANG_EN), "no such key");
}
