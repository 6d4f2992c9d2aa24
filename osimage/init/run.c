/* Running the command. A failed setup step or execve happens in the child, after fork,
 * where it cannot be reported on the channel; the child sends its errno back over a
 * close-on-exec pipe instead: a successful execve closes the pipe and the parent reads
 * nothing. While the command runs, the init serves the control channel (a "kill"
 * message signals the command) and reaps every process that exits. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "identity.h"
#include "ports.h"
#include "proto.h"
#include "util.h"

extern char **environ;

enum stage { STAGE_STDIO, STAGE_IDENTITY, STAGE_CHDIR, STAGE_EXEC };

struct start_failure {
    int stage;
    int err;
};

/* The container's terminal: virtio console port 0, hvc0 (the kernel has no other hvc
 * console). /dev/console is the UART, kept for the kernel log. */
#define TERMINAL "/dev/hvc0"

/* Puts fd on target (0, 1, 2); fd is closed unless it is one of them. */
static int move_fd(int fd, int target)
{
    if (fd == target)
        return 0;
    int rc = dup2(fd, target);
    if (fd > 2)
        close(fd);
    return rc < 0 ? -1 : 0;
}

/* The command's stdio. TTY mode: the container's terminal, made the controlling terminal
 * of the command's new session, with the usual output processing. Otherwise the named
 * ports (stdin only if the host asked for it, /dev/null else), so the command sees
 * plain files as docker's pipes, and stdout and stderr stay apart. A machine without
 * the ports (QEMU in the osimage checks) keeps the console, without "\n" -> "\r\n". */
static int setup_stdio(const struct command *cmd)
{
    if (cmd->tty) {
        int fd = open(TERMINAL, O_RDWR);
        if (fd < 0)
            return -1;
        if (ioctl(fd, TIOCSCTTY, 1) != 0)
            return -1;
        for (int i = 0; i < 3; i++)
            if (dup2(fd, i) < 0)
                return -1;
        if (fd > 2)
            close(fd);
        return 0;
    }
    int out = port_open("spin.stdout", O_WRONLY | O_NOCTTY);
    int err = port_open("spin.stderr", O_WRONLY | O_NOCTTY);
    int in = cmd->stdin_open ? port_open("spin.stdin", O_RDONLY | O_NOCTTY)
                             : open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0) {
        struct termios t;
        if (tcgetattr(STDOUT_FILENO, &t) == 0) {
            t.c_oflag &= ~(tcflag_t)OPOST;
            tcsetattr(STDOUT_FILENO, TCSANOW, &t);
        }
        if (out >= 0)
            close(out);
        if (err >= 0)
            close(err);
        out = dup(STDOUT_FILENO);
        err = dup(STDERR_FILENO);
    }
    if (in < 0)
        in = open("/dev/null", O_RDONLY);
    if (in < 0 || out < 0 || err < 0)
        return -1;
    /* Move the three above 2 first so that no dup2 overwrites one still to be moved. */
    int fds[3] = { in, out, err };
    for (int i = 0; i < 3; i++) {
        if (fds[i] <= 2) {
            int high = fcntl(fds[i], F_DUPFD, 3);
            if (high < 0)
                return -1;
            fds[i] = high;
        }
    }
    for (int i = 0; i < 3; i++)
        if (move_fd(fds[i], i) != 0)
            return -1;
    return 0;
}

/* Drops root for the command's identity (groups first, then gid, then uid). */
static int become(const struct identity *id)
{
    if (setgroups(id->ngroups, id->groups) != 0 || setgid(id->gid) != 0 || setuid(id->uid) != 0)
        return -1;
    return 0;
}

static _Noreturn void child(const struct command *cmd, const struct identity *id, int report_fd)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setsid();   /* its own session and process group, so signals can target it alone */
    struct start_failure f = { STAGE_STDIO, 0 };
    if (setup_stdio(cmd) != 0) {
        f.err = errno;
    } else if (f.stage = STAGE_IDENTITY, id && become(id) != 0) {
        f.err = errno;
    } else if (f.stage = STAGE_CHDIR, cmd->cwd && chdir(cmd->cwd) != 0) {
        f.err = errno;
    } else {
        f.stage = STAGE_EXEC;
        environ = cmd->env;   /* execvp searches the command's own PATH */
        execvp(cmd->argv[0], cmd->argv);
        f.err = errno;
    }
    ssize_t ignored = write(report_fd, &f, sizeof f);
    (void)ignored;
    _exit(f.stage == STAGE_EXEC && f.err == ENOENT ? 127 : 126);
}

/* The command's environment with HOME added from its passwd entry if it has none. */
static char **env_with_home(char **env, const struct identity *id)
{
    size_t n = 0;
    for (; env[n]; n++)
        if (strncmp(env[n], "HOME=", 5) == 0)
            return NULL;   /* the caller keeps env as it is */
    char **v = calloc(n + 2, sizeof *v);
    if (!v)
        return NULL;
    memcpy(v, env, n * sizeof *v);
    if (asprintf(&v[n], "HOME=%s", id->home) < 0) {
        free(v);
        return NULL;
    }
    return v;
}

/* Creates the working directory and its parents if missing, as docker does for -w and
 * WORKDIR (owned by root, 0755). Failures are left for chdir to report. */
static void make_workdir(const char *dir)
{
    char *path = strdup(dir);
    if (!path)
        return;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    mkdir(path, 0755);
    free(path);
}

/* Resolves cmd->user against the container's files. 0, or -1 with out filled in. */
static int resolve_user(const struct command *cmd, struct identity *id, struct outcome *out)
{
    char *passwd = read_file("/etc/passwd"), *group = read_file("/etc/group"), *err = NULL;
    int rc = identity_resolve(cmd->user, passwd, group, id, &err);
    free(passwd);
    free(group);
    if (rc != 0) {
        out->error = err ? err : strdup("out of memory");
        out->status = 126;
    }
    return rc;
}

static const char *stage_name(int stage)
{
    switch (stage) {
    case STAGE_STDIO: return "setting up stdio";
    case STAGE_IDENTITY: return "switching user";
    case STAGE_CHDIR: return "chdir";
    default: return "exec";
    }
}

/* Handles what the host sent while the command runs. */
static void serve_channel(struct channel *ch, pid_t pid, bool *channel_open)
{
    if (channel_fill(ch) < 0) {
        *channel_open = false;   /* the host is gone; the command carries on */
        return;
    }
    char *line;
    while ((line = channel_take_line(ch)) != NULL) {
        int sig;
        if (parse_kill(line, &sig) == 0)
            kill(pid, sig);
        free(line);
    }
}

/* Reaps every exited process; true once pid is among them (*st its status). */
static bool reap(pid_t pid, int *st)
{
    bool done = false;
    for (;;) {
        int s;
        pid_t p = waitpid(-1, &s, WNOHANG);
        if (p <= 0)
            return done;
        if (p == pid) {
            *st = s;
            done = true;
        }
    }
}

static void wait_for(pid_t pid, struct channel *ch, int sigfd, struct outcome *out)
{
    bool channel_open = ch && ch->is_port;
    int st = 0;
    while (!reap(pid, &st)) {
        struct pollfd p[2] = { { .fd = sigfd, .events = POLLIN },
                               { .fd = channel_open ? ch->fd : -1, .events = POLLIN } };
        if (poll(p, 2, -1) < 0 && errno != EINTR)
            break;
        struct signalfd_siginfo info;
        while (read(sigfd, &info, sizeof info) > 0)
            ;
        if (p[1].revents)
            serve_channel(ch, pid, &channel_open);
    }
    if (WIFSIGNALED(st)) {
        out->signal = WTERMSIG(st);
        out->status = 128 + out->signal;
    } else {
        out->status = WEXITSTATUS(st);
    }
}

void run_command(const struct command *cmd, struct channel *ch, struct outcome *out)
{
    memset(out, 0, sizeof *out);
    struct identity id = { 0 };
    if (cmd->user && resolve_user(cmd, &id, out) != 0)
        return;
    char **home_env = cmd->user ? env_with_home(cmd->env, &id) : NULL;
    struct command effective = *cmd;
    if (home_env)
        effective.env = home_env;

    if (cmd->cwd && cmd->cwd[0] == '/')
        make_workdir(cmd->cwd);

    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int sigfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    int pipefd[2];
    pid_t pid = -1;
    if (sigfd < 0 || pipe2(pipefd, O_CLOEXEC) != 0 || (pid = fork()) < 0) {
        asprintf(&out->error, "starting the command: %s", strerror(errno));
        out->status = 126;
        goto done;
    }
    if (pid == 0)
        child(&effective, cmd->user ? &id : NULL, pipefd[1]);
    close(pipefd[1]);

    struct start_failure f;
    ssize_t n;
    do
        n = read(pipefd[0], &f, sizeof f);
    while (n < 0 && errno == EINTR);
    close(pipefd[0]);
    if (n == (ssize_t)sizeof f) {
        const char *what = f.stage == STAGE_EXEC ? cmd->argv[0] : f.stage == STAGE_CHDIR ? cmd->cwd
                                                                                        : "";
        asprintf(&out->error, "%s%s%s: %s", stage_name(f.stage), what[0] ? " " : "", what,
                 strerror(f.err));
    }
    wait_for(pid, ch, sigfd, out);
done:
    if (sigfd >= 0)
        close(sigfd);
    if (home_env) {   /* only the HOME string is ours; the rest belongs to cmd */
        size_t n = 0;
        while (home_env[n])
            n++;
        free(home_env[n - 1]);
        free(home_env);
    }
    identity_free(&id);
}
