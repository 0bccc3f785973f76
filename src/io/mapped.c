/* SPDX-License-Identifier: MIT */
/* Mappings that survive a truncated input: see mapped.h. */
#include "mapped.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SLOTS 16 /* mappings open at once (one per input, two threads) */

typedef struct slot {
    uintptr_t start, end; /* written before `used` is set */
    volatile sig_atomic_t faulted;
    volatile sig_atomic_t used;
} slot;

static slot slots[SLOTS];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static struct sigaction previous;
static uintptr_t page_size = 4096;

/* SIGBUS in a tracked mapping: a zero page where the file is gone (mmap
 * is a plain system call on Linux, safe here). Elsewhere: the previous
 * action, which the retried access then meets. */
static void on_bus(int sig, siginfo_t *info, void *uctx)
{
    uintptr_t addr = (uintptr_t)info->si_addr;
    int k;

    (void)uctx;
    for (k = 0; k < SLOTS; k++) {
        if (slots[k].used && addr >= slots[k].start && addr < slots[k].end) {
            /* The page holding addr, by pointer arithmetic (an integer
             * made into a pointer would lose its provenance). */
            void *page = (char *)info->si_addr - (addr & (page_size - 1));
            if (mmap(page, (size_t)page_size, PROT_READ,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
                     0) != MAP_FAILED) {
                slots[k].faulted = 1;
                return;
            }
        }
    }
    (void)sig;
    (void)sigaction(SIGBUS, &previous, NULL);
}

static void install(void)
{
    struct sigaction sa;
    long ps = sysconf(_SC_PAGESIZE);

    if (ps > 0) {
        page_size = (uintptr_t)ps;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    (void)sigemptyset(&sa.sa_mask);
    (void)sigaction(SIGBUS, &sa, &previous);
}

kehu_status kehu__map_file(int fd, const struct stat *sb, kehu__mapping *m)
{
    void *p;
    int k;

    memset(m, 0, sizeof *m);
    m->slot = -1;
    if (!S_ISREG(sb->st_mode) || sb->st_size <= 0) {
        return KEHU_EIO;
    }
    (void)pthread_once(&handler_once, install);
    p = mmap(NULL, (size_t)sb->st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        return KEHU_EIO;
    }
    m->ptr = p;
    m->len = (size_t)sb->st_size;
    m->at = *sb;
    m->fd = fd;
    (void)pthread_mutex_lock(&slots_lock);
    for (k = 0; k < SLOTS && slots[k].used; k++) {
    }
    if (k < SLOTS) {
        slots[k].start = (uintptr_t)p;
        slots[k].end = (uintptr_t)p + m->len;
        slots[k].faulted = 0;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        slots[k].used = 1;
        m->slot = k;
    }
    (void)pthread_mutex_unlock(&slots_lock);
    if (m->slot < 0) {
        /* No room to guard it: read it instead of risking a signal. */
        (void)munmap(p, m->len);
        memset(m, 0, sizeof *m);
        m->slot = -1;
        return KEHU_EIO;
    }
    return KEHU_OK;
}

int kehu__map_changed(const kehu__mapping *m)
{
    int fd = m->fd;
    struct stat now;

    if (m->slot >= 0 && slots[m->slot].faulted) {
        return 1;
    }
    return fd >= 0 && fstat(fd, &now) == 0 &&
           (now.st_size != m->at.st_size ||
            now.st_mtim.tv_sec != m->at.st_mtim.tv_sec ||
            now.st_mtim.tv_nsec != m->at.st_mtim.tv_nsec);
}

void kehu__map_release(kehu__mapping *m)
{
    if (m->ptr != NULL) {
        void *p; /* munmap takes a non-const pointer */
        memcpy(&p, &m->ptr, sizeof p);
        (void)munmap(p, m->len);
    }
    if (m->slot >= 0) {
        (void)pthread_mutex_lock(&slots_lock);
        slots[m->slot].used = 0;
        (void)pthread_mutex_unlock(&slots_lock);
    }
    memset(m, 0, sizeof *m);
    m->slot = -1;
}
