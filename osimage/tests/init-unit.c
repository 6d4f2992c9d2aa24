/* Host-side checks of the init's pure parts: kernel command line splitting and the
 * control protocol's messages. Built natively by init-unit.test.sh. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "identity.h"
#include "net.h"
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
    check(!cmd.user && !cmd.hostname && !cmd.tty && !cmd.stdin_open, "defaults: root, no tty, no stdin");
    command_free(&cmd);

    check(parse_run("{\"type\":\"run\",\"argv\":[\"id\"],\"user\":\"nobody:users\",\"hostname\":\"box\","
                    "\"tty\":true,\"stdin\":true}", &cmd, &err) == 0, "container options parse");
    check(cmd.user && strcmp(cmd.user, "nobody:users") == 0, "user");
    check(cmd.hostname && strcmp(cmd.hostname, "box") == 0, "hostname");
    check(cmd.tty && cmd.stdin_open, "tty and stdin");
    command_free(&cmd);

    int sig = 0;
    check(parse_kill("{\"type\":\"kill\",\"signal\":15}", &sig) == 0 && sig == 15, "kill parses");
    check(parse_kill("{\"type\":\"kill\",\"signal\":0}", &sig) == -1, "kill: signal 0 refused");
    check(parse_kill("{\"type\":\"kill\",\"signal\":65}", &sig) == -1, "kill: signal 65 refused");
    check(parse_kill("{\"type\":\"kill\",\"signal\":2.5}", &sig) == -1, "kill: fraction refused");
    check(parse_kill("{\"type\":\"kill\"}", &sig) == -1, "kill: no signal refused");
    check(parse_kill("{\"type\":\"run\",\"signal\":9}", &sig) == -1, "kill: other type refused");
    check(parse_kill("nonsense", &sig) == -1, "kill: not JSON refused");

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

    /* The network: eth0's address and gateway; without it, none. */
    check(parse_run("{\"type\":\"run\",\"argv\":[\"ip\"],\"network\":{\"address\":\"10.0.2.15/24\","
                    "\"gateway\":\"10.0.2.2\"}}", &cmd, &err) == 0 && cmd.net_address && cmd.net_gateway &&
          !strcmp(cmd.net_address, "10.0.2.15/24") && !strcmp(cmd.net_gateway, "10.0.2.2"), "network");
    command_free(&cmd);
    check(parse_run("{\"type\":\"run\",\"argv\":[\"ip\"]}", &cmd, &err) == 0 && !cmd.net_address, "no network");
    command_free(&cmd);
    unsigned addr, mask;
    check(net_parse_cidr("10.0.2.15/24", &addr, &mask) == 0 && addr == htonl(0x0a00020f) && mask == htonl(0xffffff00),
          "cidr");
    check(net_parse_cidr("1.2.3.4/0", &addr, &mask) == 0 && mask == 0, "cidr /0");
    check(net_parse_cidr("1.2.3.4", &addr, &mask) == -1 && net_parse_cidr("1.2.3.4/33", &addr, &mask) == -1 &&
          net_parse_cidr("1.2.3/8", &addr, &mask) == -1 && net_parse_cidr("1.2.3.4/", &addr, &mask) == -1 &&
          net_parse_cidr("1.2.3.4/8x", &addr, &mask) == -1, "bad cidrs");

    static const char *bad[] = {
        "{\"type\":\"run\",\"argv\":[\"a\"],\"network\":{}}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"network\":\"10.0.2.15/24\"}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"network\":{\"address\":\"x\",\"gateway\":5}}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"mounts\":[{\"aname\":\"v0\",\"target\":\"rel\"}]}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"mounts\":[{\"aname\":\"v0\"}]}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"mounts\":{}}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"root\":{\"aname\":5}}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"mounts\":[{\"target\":\"/x\",\"readonly\":1}]}",
        "", "[]", "{\"type\":\"stop\"}", "{\"type\":\"run\"}", "{\"type\":\"run\",\"argv\":[]}",
        "{\"type\":\"run\",\"argv\":[1]}", "{\"type\":\"run\",\"argv\":[\"a\"],\"env\":\"A=1\"}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"cwd\":5}", "{\"type\":\"run\",\"argv\":[\"a\"]",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"user\":\"\"}", "{\"type\":\"run\",\"argv\":[\"a\"],\"user\":0}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"tty\":1}", "{\"type\":\"run\",\"argv\":[\"a\"],\"stdin\":\"yes\"}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"hostname\":\"\"}",
        "{\"type\":\"run\",\"argv\":[\"a\"],\"hostname\":\"0123456789012345678901234567890123456789012345678901234567890123456789\"}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err = NULL;
        int rc = parse_run(bad[i], &cmd, &err);
        check(rc == -1 && err && !cmd.argv, bad[i]);
        free(err);
    }
}

static void identities(void)
{
    const char *passwd =
        "root:x:0:0:root:/root:/bin/sh\n"
        "# a comment\n"
        "broken line\n"
        "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
        "app:x:1000:1000::/home/app:/bin/sh\n"
        "huge:x:4294967295:1:::\n";
    const char *group =
        "root:x:0:\n"
        "daemon:x:1:\n"
        "users:x:100:app,daemon\n"
        "audio:x:29:app\n"
        "app:x:1000:\n";
    struct identity id;
    char *err = NULL;
    check(identity_resolve("app", passwd, group, &id, &err) == 0, "user by name");
    check(id.uid == 1000 && id.gid == 1000 && strcmp(id.home, "/home/app") == 0, "name: uid, gid, home");
    check(id.ngroups == 2 && id.groups[0] == 100 && id.groups[1] == 29, "name: supplementary groups");
    identity_free(&id);
    check(identity_resolve("1", passwd, group, &id, &err) == 0 && id.uid == 1 && id.gid == 1 &&
          strcmp(id.home, "/usr/sbin") == 0 && id.ngroups == 1, "uid with an entry");
    identity_free(&id);
    check(identity_resolve("4242", passwd, group, &id, &err) == 0 && id.uid == 4242 && id.gid == 0 &&
          strcmp(id.home, "/") == 0 && id.ngroups == 0, "uid without an entry: gid 0, home /");
    identity_free(&id);
    check(identity_resolve("4242:4343", NULL, NULL, &id, &err) == 0 && id.uid == 4242 && id.gid == 4343,
          "uid:gid without files");
    identity_free(&id);
    check(identity_resolve("app:audio", passwd, group, &id, &err) == 0 && id.gid == 29, "name:group");
    identity_free(&id);
    check(identity_resolve("root:1000", passwd, group, &id, &err) == 0 && id.uid == 0 && id.gid == 1000,
          "name:gid");
    identity_free(&id);

    static const char *bad[] = { "nobody", "app:nogroup", "", ":1", "1:", "app:", "4294967295",
                                 "-1", "1x" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err = NULL;
        int rc = identity_resolve(bad[i], passwd, group, &id, &err);
        check(rc == -1 && err != NULL, bad[i]);
        free(err);
    }
    err = NULL;
    identity_resolve("nobody", passwd, group, &id, &err);
    check(err && strstr(err, "unable to find user nobody"), "error names the user");
    free(err);
}

int main(void)
{
    identities();
    cmdline();
    messages();
    run_messages();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
