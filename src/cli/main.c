/* SPDX-License-Identifier: MIT */
/*
 * kehu's entry point: argv -> options -> the command table. Options are
 * `--name value`, `--name=value` or flags; -o is --output, -h is --help.
 */
#include "cli.h"
#include "cli_split.h"

#include "kehu/app/op.h"
#include "kehu/date.h"
#include "kehu/io/outfile.h"
#include "kehu/threads.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEHU_COMMAND(verb) extern const cli_command cli_cmd_##verb;
#include "commands.h"
#undef KEHU_COMMAND

static const cli_command *const commands[] = {
#define KEHU_COMMAND(verb) &cli_cmd_##verb,
#include "commands.h"
#undef KEHU_COMMAND
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* The commands of the operations and the others (gen, version), sorted by
 * name; built once by main. */
static const cli_command **all_commands;
static size_t n_all_commands;

static const cli_option common_options[] = {
    {"format", "FMT",
     "table, csv or json (default: table on a terminal, "
     "else csv)"},
    {"output", "PATH", "write the result to PATH (-o) instead of stdout"},
    {"lang", "LANG", "en or zh: labels in tables (default from $LANG)"},
    {"quiet", NULL, "no reconciliation or progress lines on stderr"},
    {"help", NULL, "show this help (-h)"},
    {NULL, NULL, NULL},
};

static const cli_option input_options[] = {
    {"map", "[KIND.]FIELD=HEADER",
     "use column HEADER (or number N) for FIELD; KIND. (customers, "
     "feedback, service_costs, events) maps another input (repeatable)"},
    {"delimiter", "[KIND=]C",
     "field delimiter: ',', ';', 'tab' or 'space' (default: detected); "
     "KIND= (transactions, customers, ...) for one input (repeatable)"},
    {"date-format", "[KIND=]FMT",
     "strptime-style date format, e.g. %m/%d/%Y; KIND= for one input"},
    {"thousands", "[KIND=]C",
     "thousands separator in amounts, e.g. ','; KIND= for one input"},
    {"rejects", "PATH", "rejects file (default: INPUT.rejects.csv)"},
    {"max-reject-rate", "R",
     "fail with exit 3 above this share of "
     "rejected rows (default 0.01)"},
    {"customers", "FILE", "customer master CSV (prospects, dimensions)"},
    {"standards", "FILE",
     "classification standards file (default: "
     "./kehu.toml when present)"},
    {NULL, NULL, NULL},
};

const char *cli_get(const cli_ctx *c, const char *name)
{
    size_t i;

    for (i = c->nopts; i-- > 0;) {
        if (strcmp(c->opts[i].name, name) == 0) {
            return c->opts[i].value;
        }
    }
    return NULL;
}

int cli_has(const cli_ctx *c, const char *name)
{
    size_t i;

    for (i = 0; i < c->nopts; i++) {
        if (strcmp(c->opts[i].name, name) == 0) {
            return 1;
        }
    }
    return 0;
}

size_t cli_get_all(const cli_ctx *c, const char *name, const char **vals,
                   size_t max)
{
    size_t i, n = 0;

    for (i = 0; i < c->nopts; i++) {
        if (strcmp(c->opts[i].name, name) == 0) {
            if (n < max) {
                vals[n] = c->opts[i].value;
            }
            n++;
        }
    }
    return n;
}

int cli_error(const cli_ctx *c, int code, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "kehu %s: ", c->cmd ? c->cmd->name : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return code;
}

int cli_exit_code(kehu_status rc)
{
    switch (rc) {
    case KEHU_OK:
    case KEHU_DONE:
        return 0;
    case KEHU_EINVAL:
    case KEHU_EPARSE:
    case KEHU_ERANGE:
    case KEHU_ETOOBIG:
    case KEHU_EIDENT:
    case KEHU_EIO:
        return 2;
    case KEHU_EREJECT:
        return 3;
    default:
        return 1;
    }
}

static int parse_iso_day(const char *s, int32_t *out)
{
    int y, m, d;
    char tail;

    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
        !kehu_date_valid(y, m, d)) {
        return -1;
    }
    *out = kehu_date_from_ymd(y, m, d);
    return 0;
}

int cli_opt_day(const cli_ctx *c, const char *name, int32_t *out)
{
    const char *v = cli_get(c, name);

    if (v == NULL) {
        return 0;
    }
    if (parse_iso_day(v, out) != 0) {
        return cli_error(c, 2, "--%s %s: not a date; use YYYY-MM-DD", name, v);
    }
    return 0;
}

int cli_opt_double(const cli_ctx *c, const char *name, double *out)
{
    const char *v = cli_get(c, name);
    char *end;
    double x;

    if (v == NULL) {
        return 0;
    }
    errno = 0;
    x = strtod(v, &end);
    if (end == v || *end != '\0' || errno != 0) {
        return cli_error(c, 2, "--%s %s: not a number", name, v);
    }
    *out = x;
    return 0;
}

int cli_opt_long(const cli_ctx *c, const char *name, long *out)
{
    const char *v = cli_get(c, name);
    char *end;
    long x;

    if (v == NULL) {
        return 0;
    }
    errno = 0;
    x = strtol(v, &end, 10);
    if (end == v || *end != '\0' || errno != 0) {
        return cli_error(c, 2, "--%s %s: not an integer", name, v);
    }
    *out = x;
    return 0;
}

void cli_progress(const cli_ctx *c, const char *label, uint64_t done,
                  uint64_t total)
{
    if (!c->progress || c->quiet || total == 0) {
        return;
    }
    fprintf(stderr, "\r%s %3d%%", label, (int)(done * 100 / total));
    if (done >= total) {
        fputc('\n', stderr);
    }
    fflush(stderr);
}

const char *cli_tr(const cli_ctx *c, const char *en, const char *zh)
{
    return c->lang == OUT_ZH ? zh : en;
}

/* Options of o, except those also in `own` (may be NULL). */
static void print_options(const cli_option *o, const cli_option *own)
{
    for (; o->name != NULL; o++) {
        const cli_option *x = own;
        char left[64];
        while (x != NULL && x->name != NULL && strcmp(x->name, o->name) != 0) {
            x++;
        }
        if (x != NULL && x->name != NULL) {
            continue;
        }
        snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
        printf("  %-26s %s\n", left, o->help);
    }
}

static void command_help(const cli_command *cmd)
{
    printf("usage: kehu %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
    if (cmd->details != NULL) {
        printf("\n%s\n", cmd->details);
    }
    if (cmd->options != NULL && cmd->options[0].name != NULL) {
        printf("\noptions:\n");
        print_options(cmd->options, NULL);
    }
    if (cmd->input) {
        printf("\ninput options:\n");
        print_options(input_options, cmd->options);
    }
    printf("\ncommon options:\n");
    print_options(common_options, NULL);
    printf("\nexit codes: 0 ok, 1 internal error, 2 usage or unusable input, "
           "3 reject rate exceeded\n");
}

static void usage(void)
{
    size_t i;

    printf("kehu: customer analytics (客户分析)\n\nusage: kehu COMMAND "
           "[options] [files]\n\ncommands:\n");
    for (i = 0; i < n_all_commands; i++) {
        printf("  %-12s %s\n", all_commands[i]->name, all_commands[i]->summary);
    }
    printf("\n`kehu COMMAND --help` shows a command's options; docs/ in the "
           "source tree defines every column, class and model.\n");
}

static const cli_option *find_option(const cli_command *cmd, const char *name)
{
    const cli_option *lists[3] = {
        common_options, cmd->input ? input_options : NULL, cmd->options};
    size_t k;

    for (k = 0; k < 3; k++) {
        const cli_option *o = lists[k];
        for (; o != NULL && o->name != NULL; o++) {
            if (strcmp(o->name, name) == 0) {
                return o;
            }
        }
    }
    return NULL;
}

/* Split argv into options and positionals; returns 0 or an exit code. */
static int parse_args(cli_ctx *c, int argc, char **argv)
{
    int i;

    for (i = 0; i < argc; i++) {
        static char output_name[] = "output", help_name[] = "help";
        char *a = argv[i], *eq;
        const cli_option *o;
        const char *value = NULL;
        if (strcmp(a, "-o") == 0) {
            a = output_name;
        } else if (strcmp(a, "-h") == 0) {
            a = help_name;
        } else if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            c->args[c->nargs++] = a;
            continue;
        } else {
            a += 2;
        }
        eq = strchr(a, '=');
        if (eq != NULL) {
            *eq = '\0';
            value = eq + 1;
        }
        o = find_option(c->cmd, a);
        if (o == NULL) {
            return cli_error(c, 2, "unknown option --%s (see kehu %s --help)",
                             a, c->cmd->name);
        }
        if (o->arg != NULL && value == NULL) {
            if (i + 1 >= argc) {
                return cli_error(c, 2, "--%s needs a value (%s)", a, o->arg);
            }
            value = argv[++i];
        } else if (o->arg == NULL && value != NULL) {
            return cli_error(c, 2, "--%s takes no value", a);
        }
        c->opts[c->nopts].name = o->name;
        c->opts[c->nopts].value = value;
        c->nopts++;
    }
    return 0;
}

/* The -o file, written beside its target and renamed when all went well. */
static kehu_outfile output_file;

/* 1 when option o names an input file. */
static int is_input_option(const cli_option *o)
{
    size_t n = o->arg != NULL ? strlen(o->arg) : 0;

    return n > 0 && (strcmp(o->arg, "FILE") == 0 ||
                     (n > 4 && strcmp(o->arg + n - 4, ".csv") == 0));
}

/* Refuse an output or rejects path that is an input, or both the same
 * file, before anything is opened for writing. Returns 0 or 2. */
static int check_paths(cli_ctx *c)
{
    const char *out = cli_get(c, "output"), *rejects = cli_get(c, "rejects");
    char dflt[4096];
    size_t i;

    if (out != NULL && strcmp(out, "-") == 0) {
        out = NULL;
    }
    if (rejects == NULL && c->cmd->input && c->nargs >= 1 &&
        strcmp(c->args[0], "-") != 0) {
        snprintf(dflt, sizeof dflt, "%s.rejects.csv", c->args[0]);
        rejects = dflt;
    }
    for (i = 0; i < c->nargs + c->nopts; i++) {
        const char *in = NULL;
        if (i < c->nargs) {
            in = c->args[i];
        } else {
            const cli_pair *p = &c->opts[i - c->nargs];
            const cli_option *o = find_option(c->cmd, p->name);
            in = o != NULL && is_input_option(o) ? p->value : NULL;
        }
        if (in == NULL || strcmp(in, "-") == 0) {
            continue;
        }
        if (out != NULL && kehu_same_target(out, in)) {
            return cli_error(c, 2,
                             "-o %s is the input file %s: choose another "
                             "output path",
                             out, in);
        }
        if (rejects != NULL && kehu_same_target(rejects, in)) {
            return cli_error(c, 2,
                             "--rejects %s is the input file %s: choose "
                             "another path",
                             rejects, in);
        }
    }
    if (out != NULL && rejects != NULL && kehu_same_target(out, rejects)) {
        return cli_error(c, 2,
                         "-o %s is also the rejects file: choose another "
                         "path for one (--rejects PATH)",
                         out);
    }
    return 0;
}

/* After the command: the -o file renamed into place on success (removed
 * otherwise), or standard output flushed; a write that failed is exit 1. */
static int finish_output(cli_ctx *c, int rc)
{
    kehu_error err;

    if (c->out != NULL && c->out != stdout) {
        if (rc != 0) {
            kehu_outfile_abort(&output_file);
            return rc;
        }
        memset(&err, 0, sizeof err);
        if (kehu_outfile_commit(&output_file, &err) != KEHU_OK) {
            return cli_error(c, 1, "%s", err.msg);
        }
        return rc;
    }
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc == 0) {
        return cli_error(c, 1, "writing standard output failed: %s",
                         strerror(errno));
    }
    return rc;
}

static int setup_output(cli_ctx *c)
{
    const char *v = cli_get(c, "format");
    const char *lang = cli_get(c, "lang");
    const char *env = getenv("LANG");

    c->out = stdout;
    c->out_path = cli_get(c, "output");
    if (check_paths(c) != 0) {
        return 2;
    }
    if (c->out_path != NULL && strcmp(c->out_path, "-") != 0) {
        kehu_error err;
        memset(&err, 0, sizeof err);
        if (kehu_outfile_open(&output_file, c->out_path, &err) != KEHU_OK) {
            return cli_error(c, 2, "%s", err.msg);
        }
        c->out = output_file.f;
    }
    if (v != NULL) {
        int f = out_format_parse(v);
        if (f < 0) {
            return cli_error(c, 2, "--format %s: use table, csv or json", v);
        }
        c->fmt = (out_format)f;
    } else {
        c->fmt = isatty(fileno(c->out)) ? OUT_TABLE : OUT_CSV;
    }
    if (lang == NULL) {
        lang = (env != NULL && strncmp(env, "zh", 2) == 0) ? "zh" : "en";
    }
    if (strcmp(lang, "zh") == 0) {
        c->lang = OUT_ZH;
    } else if (strcmp(lang, "en") == 0) {
        c->lang = OUT_EN;
    } else {
        return cli_error(c, 2, "--lang %s: use en or zh", lang);
    }
    c->quiet = cli_has(c, "quiet");
    c->progress = isatty(fileno(stderr));
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(const cli_command *const *)a)->name,
                  (*(const cli_command *const *)b)->name);
}

/* all_commands: the operations' commands and the others, by name. */
static int build_commands(void)
{
    size_t i, n_ops = kehu_op_count();

    all_commands = calloc(N_COMMANDS + n_ops, sizeof *all_commands);
    if (all_commands == NULL) {
        return 1;
    }
    for (i = 0; i < N_COMMANDS; i++) {
        all_commands[n_all_commands++] = commands[i];
    }
    for (i = 0; i < n_ops; i++) {
        cli_command *cmd;
        if (cli_op_command(kehu_op_at(i), &cmd) != 0) {
            return 1;
        }
        all_commands[n_all_commands++] = cmd;
    }
    qsort(all_commands, n_all_commands, sizeof *all_commands, by_name);
    return 0;
}

static void free_commands(void)
{
    size_t i;

    for (i = 0; i < n_all_commands; i++) {
        if (all_commands[i]->op != NULL) {
            cli_op_command_free((cli_command *)(uintptr_t)all_commands[i]);
        }
    }
    free(all_commands);
}

static int run_command(int argc, char **argv)
{
    cli_ctx c;
    size_t i;
    int rc;

    memset(&c, 0, sizeof c);
    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage();
        return argc < 2 ? 2 : 0;
    }
    for (i = 0; i < n_all_commands; i++) {
        if (strcmp(argv[1], all_commands[i]->name) == 0) {
            c.cmd = all_commands[i];
        }
    }
    if (c.cmd == NULL) {
        fprintf(stderr, "kehu: unknown command '%s' (see kehu --help)\n",
                argv[1]);
        return 2;
    }
    c.args = calloc((size_t)argc, sizeof *c.args);
    c.opts = calloc((size_t)argc, sizeof *c.opts);
    if (c.args == NULL || c.opts == NULL) {
        fprintf(stderr, "kehu: out of memory\n");
        return 1;
    }
    rc = parse_args(&c, argc - 2, argv + 2);
    /* KEHU_THREADS=1, or one core: the library stays on this thread. */
    kehu_set_threads(cli_want_thread(1) ? 2 : 1);
    kehu_app_init();
    if (rc == 0 && cli_has(&c, "help")) {
        command_help(c.cmd);
    } else if (rc == 0) {
        rc = setup_output(&c);
        if (rc == 0) {
            rc = c.cmd->run(&c);
        }
        rc = finish_output(&c, rc);
    }
    free(c.args);
    free(c.opts);
    return rc;
}

int main(int argc, char **argv)
{
    int rc;

    if (build_commands() != 0) {
        fprintf(stderr, "kehu: out of memory\n");
        free_commands();
        return 1;
    }
    rc = run_command(argc, argv);
    free_commands();
    return rc;
}
