/* SPDX-License-Identifier: MIT */
/*
 * rss: run a command and print its wall time and peak resident set size.
 *   rss OUTFILE COMMAND [ARGS...]
 * writes "seconds max_rss_kb exit_code" to OUTFILE; the command's own
 * output is left alone. The peak RSS is the kernel's ru_maxrss of the
 * waited-for child (the largest of the child and the descendants it waited
 * for), so it needs no polling.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    struct rusage ru;
    int status, code;
    pid_t pid;
    FILE *f;

    if (argc < 3) {
        fprintf(stderr, "usage: rss OUTFILE COMMAND [ARGS...]\n");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    f = fopen(argv[1], "w");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    fprintf(f, "%.3f %ld %d\n",
            (double)(t1.tv_sec - t0.tv_sec) +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
            ru.ru_maxrss, code);
    return fclose(f) == 0 ? code : 1;
}
