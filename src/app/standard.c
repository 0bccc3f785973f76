/* SPDX-License-Identifier: MIT */
/* The standard-in-force note: see standard.h. */
#include "standard.h"

kehu_status kehu__note_standard(kehu_result *r, const kehu_dataset *d)
{
    const char *src = d->standards_source;
    kehu_note *n;
    kehu_status rc;

    rc = kehu_result_note(r, KEHU_NOTE_STANDARD, "standard", &n,
                          "classification standard: %s%s; segments: R x FM "
                          "grid",
                          src != NULL ? src : "defaults",
                          d->standards_overridden ? " with options" : "");
    if (rc == KEHU_OK) {
        rc = kehu_note_zh(r, n, "分类标准：%s%s；RFM 细分：R × FM 网格",
                          src != NULL ? src : "默认",
                          d->standards_overridden ? "（含命令行选项）" : "");
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_text(r, n, "source", src != NULL ? src : "defaults");
    }
    if (rc == KEHU_OK) {
        rc = kehu_note_num(r, n, "overridden", d->standards_overridden);
    }
    return rc;
}
