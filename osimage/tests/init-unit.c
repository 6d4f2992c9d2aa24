/* Host-side checks of the init's pure parts: kernel command line splitting and the
 * control protocol's messages. Built natively by init-unit.test.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "proto.h"

static int passed, failed;

static void check(int cond, const char *what)
{
    if (cond) {
        passed++;
    } else {
        failed++;
        printf("FAIL - %s\n", what);
    }
}

static void check_str(char *got, const char *want, const char *what)
{
    check(got && strcmp(got, want) == 0, what);
    if (got && strcmp(got, want) != 0)
        printf("  got  %s\n  want %s\n", got, want);
    free(got);
}

static void cmdline(void)
{
    check(cmdline_args_after_dashes("console=ttyS0 quiet") == -1, "no -- gives -1");
    check(cmdline_args_after_dashes("quiet --") == 0, "-- at the end gives 0");
    check(cmdline_args_after_dashes("a b -- sh -c \"exit 3\"") == 3, "quoted arg counts once");
    check(cmdline_args_after_dashes("  x=\"a -- b\"  --  e  f \n") == 2, "-- inside quotes is not the separator");
    check(cmdline_args_after_dashes("-- a -- b") == 3, "only the first -- separates");
    check(cmdline_args_after_dashes("--x -- a") == 1, "--x is not --");
    check(cmdline_args_after_dashes("\"--\" a") == 1, "quoted -- separates, as in the kernel");
}

static void messages(void)
{
    check_str(msg_ready("6.1.0-x", 551234567890LL), "{\"type\":\"ready\",\"kernel\":\"6.1.0-x\",\"boot_ns\":551234567890}", "ready");
    check_str(msg_exit(3, 0), "{\"type\":\"exit\",\"status\":3}", "exit");
    check_str(msg_exit(137, 9), "{\"type\":\"exit\",\"status\":137,\"signal\":9}", "exit by signal");
    check_str(msg_error("exec %s: %s", "a\"b", "nope"), "{\"type\":\"error\",\"message\":\"exec a\\\"b: nope\"}", "error escapes");
}

static void run_messages(void)
{
    struct command cmd;
    char *err = NULL;
    check(parse_run("{\"type\":\"run\",\"argv\":[\"sh\",\"-c\",\"x\"],\"env\":[\"A=1\"],\"cwd\":\"/w\"}", &cmd, &err) == 0, "full run parses");
    check(cmd.argv && strcmp(cmd.argv[2], "x") == 0 && !cmd.argv[3], "argv");
    check(cmd.env && strcmp(cmd.env[0], "A=1") == 0 && !cmd.env[1], "env");
    check(cmd.cwd && strcmp(cmd.cwd, "/w") == 0, "cwd");
    command_free(&cmd);

    check(parse_run("{\"type\":\"run\",\"argv\":[\"true\"]}", &cmd, &err) == 0, "minimal run parses");
    check(cmd.env && strncmp(cmd.env[0], "PATH=", 5) == 0 && !cmd.cwd, "defaults");
    command_free(&cmd);

    /* A long line: no fixed-size buffers anywhere. */
    size_t n = 1 << 20;
    char *big = malloc(n + 64);
    strcpy(big, "{\"type\":\"run\",\"argv\":[\"echo\",\"");
    size_t len = strlen(big);
    memset(big + len, 'x', n);
    strcpy(big + len + n, "\"]}");
    check(parse_run(big, &cmd, &err) == 0 && strlen(cmd.argv[1]) == n, "1 MiB argument");
    command_free(&cmd);
    free(big);

    /* File trees: a root and mounts. */
    check(parse_run("{\"type\":\"run\",\"argv\":[\"ls\"],\"root\":{\"aname\":\"\"},"
                    "\"mounts\":[{\"aname\":\"v0\",\"target\":\"/import\",\"readonly\":true},"
                    "{\"aname\":\"v1\",\"target\":\"/data\"}]}", &cmd, &err) == 0, "run with shares parses");
    check(cmd.root && strcmp(cmd.root->aname, "") == 0 && !cmd.root->readonly, "root");
    check(cmd.nmounts == 2 && strcmp(cmd.mounts[0].aname, "v0") == 0 &&
          strcmp(cmd.mounts[0].target, "/import") == 0 && cmd.mounts[0].readonly &&
          strcmp(cmd.mounts[1].target, "/data") == 0 && !cmd.mounts[1].readonly, "mounts");
    command_free(&cmd);
    check(parse_run("{\"type\":\"run\",\"argv\":[\"ls\"]}", &cmd, &err) == 0 && !cmd.root &&
          cmd.nmounts == 0, "no shares");
    command_free(&cmd);

    static const char *bad[] = {
        "{\"type\":\"run\",\"argv\":[\"a\"],\"mounts\":[{\"aname\":\"v0\",\"target\":\"rel\"}]}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"mounts\":[{\"aname\":\"v0\"}]}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"mounts\":{}}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"root\":{\"aname\":5}}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"mounts\":[{\"target\":\"/x\",\"readonly\":1}]}",
        "", "[]", "{\"type\":\"stop\"}", "{\"type\":\"run\"}", "{\"type\":\"run\",\"argv\":[]}",
        "{\"type\":\"run\",\"argv\":[1]}", "{\"type\":\"run\",\"argv\":[\"a\"],\"env\":\"A=1\"}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"cwd\":5}", "{\"type\":\"run\",\"argv\":[\"a\"]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err = NULL;
        int rc = parse_run(bad[i], &cmd, &err);
        check(rc == -1 && err && !cmd.argv, bad[i]);
        free(err);
    }
}

int main(void)
{
    cmdline();
    messages();
    run_messages();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
