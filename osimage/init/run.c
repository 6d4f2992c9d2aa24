/* Running the command. A failed chdir/execve happens in the child, after fork, where it
 * cannot be reported on the channel; the child sends its errno back over a close-on-exec
 * pipe instead: a successful execve closes the pipe and the parent reads nothing. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

extern char **environ;

struct start_failure {
    int stage;   /* 0 chdir, 1 execve */
    int err;
};

static _Noreturn void child(const struct command *cmd, int report_fd)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setsid();   /* its own session and process group, so signals can target it alone */
    /* Until the container spec brings a TTY mode, the host gets the command's bytes as
     * written: no "\n" -> "\r\n" from the console's line discipline. */
    struct termios t;
    if (tcgetattr(STDOUT_FILENO, &t) == 0) {
        t.c_oflag &= ~(tcflag_t)OPOST;
        tcsetattr(STDOUT_FILENO, TCSANOW, &t);
    }
    struct start_failure f = { 0, 0 };
    if (cmd->cwd && chdir(cmd->cwd) != 0) {
        f.err = errno;
    } else {
        environ = cmd->env;   /* execvp searches the command's own PATH */
        execvp(cmd->argv[0], cmd->argv);
        f.stage = 1;
        f.err = errno;
    }
    ssize_t ignored = write(report_fd, &f, sizeof f);
    (void)ignored;
    _exit(f.stage == 1 && (f.err == EACCES || f.err == ENOEXEC) ? 126 : 127);
}

void run_command(const struct command *cmd, struct outcome *out)
{
    memset(out, 0, sizeof *out);
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) {
        asprintf(&out->error, "pipe: %s", strerror(errno));
        out->status = 127;
        return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        asprintf(&out->error, "fork: %s", strerror(errno));
        out->status = 127;
        close(pipefd[0]);
        close(pipefd[1]);
        return;
    }
    if (pid == 0)
        child(cmd, pipefd[1]);
    close(pipefd[1]);

    struct start_failure f;
    ssize_t n;
    do
        n = read(pipefd[0], &f, sizeof f);
    while (n < 0 && errno == EINTR);
    close(pipefd[0]);
    if (n == (ssize_t)sizeof f) {
        if (f.stage == 0)
            asprintf(&out->error, "chdir %s: %s", cmd->cwd, strerror(f.err));
        else
            asprintf(&out->error, "exec %s: %s", cmd->argv[0], strerror(f.err));
    }

    for (;;) {
        int st;
        pid_t done = waitpid(-1, &st, 0);
        if (done < 0 && errno == EINTR)
            continue;
        if (done < 0) {   /* cannot happen while our child is unreaped */
            asprintf(&out->error, "waitpid: %s", strerror(errno));
            out->status = 127;
            return;
        }
        if (done != pid)
            continue;     /* an orphan: reaped, nothing to report */
        if (WIFSIGNALED(st)) {
            out->signal = WTERMSIG(st);
            out->status = 128 + out->signal;
        } else {
            out->status = WEXITSTATUS(st);
        }
        return;
    }
}
