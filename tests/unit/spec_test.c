/* spin_spec_build: docker's rules for merging an image config with run options, and the
 * run message the init receives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "device_check.h"

#include "cJSON.h"
#include "runtime/spec.h"


/* Joins a NULL-terminated vector with '|' for easy comparison. */
static const char *join(char **v) {
    static char buf[4096];
    buf[0] = '\0';
    for (char **p = v; p && *p; p++) {
        if (p != v) strcat(buf, "|");
        strncat(buf, *p, sizeof buf - strlen(buf) - 2);
    }
    return buf;
}

static const char *image =
    "{\"architecture\":\"riscv64\",\"os\":\"linux\",\"config\":{"
    "\"Entrypoint\":[\"/docker-entrypoint.sh\"],\"Cmd\":[\"nginx\",\"-g\",\"daemon off;\"],"
    "\"Env\":[\"PATH=/usr/sbin:/usr/bin\",\"NGINX_VERSION=1.25\",\"EMPTY=\"],"
    "\"WorkingDir\":\"/srv\",\"User\":\"101:101\"}}";

static void image_defaults(void) {
    spin_run_options o = {0};
    spin_spec s;
    char *err;
    CHECK(spin_spec_build(image, &o, &s, &err) == 0);
    CHECK(!strcmp(join(s.argv), "/docker-entrypoint.sh|nginx|-g|daemon off;"));
    CHECK(!strcmp(join(s.env), "PATH=/usr/sbin:/usr/bin|NGINX_VERSION=1.25|EMPTY="));
    CHECK(!strcmp(s.cwd, "/srv") && s.user && !strcmp(s.user, "101:101") && !s.hostname);
    CHECK(!s.tty && !s.interactive);
    spin_spec_free(&s);
}

static void overrides(void) {
    const char *cmd[] = {"sh", "-c", "echo $SPIN"};
    const char *env[] = {"SPIN=is awesome", "NGINX_VERSION=2", "FROM_HOST", "SPIN=really"};
    spin_run_options o = {.command = cmd, .command_count = 3, .env = env, .env_count = 4,
                          .workdir = "/tmp", .user = "root", .hostname = "box", .tty = true,
                          .interactive = true};
    spin_spec s;
    char *err;
    CHECK(spin_spec_build(image, &o, &s, &err) == 0);
    /* the command replaces Cmd, the Entrypoint stays */
    CHECK(!strcmp(join(s.argv), "/docker-entrypoint.sh|sh|-c|echo $SPIN"));
    /* -e overrides by name, later wins, NAME alone is the CLI's business; TERM for -t */
    CHECK(!strcmp(join(s.env), "PATH=/usr/sbin:/usr/bin|NGINX_VERSION=2|EMPTY=|SPIN=really|TERM=xterm"));
    CHECK(!strcmp(s.cwd, "/tmp") && !strcmp(s.user, "root") && !strcmp(s.hostname, "box"));
    CHECK(s.tty && s.interactive);
    char *msg = spin_spec_run_message(&s);
    cJSON *j = cJSON_Parse(msg);
    CHECK(j && !strcmp(cJSON_GetObjectItem(j, "type")->valuestring, "run"));
    CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(j, "argv")) == 4);
    CHECK(!strcmp(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "argv"), 3)->valuestring, "echo $SPIN"));
    CHECK(!strcmp(cJSON_GetObjectItem(j, "cwd")->valuestring, "/tmp"));
    CHECK(!strcmp(cJSON_GetObjectItem(j, "user")->valuestring, "root"));
    CHECK(!strcmp(cJSON_GetObjectItem(j, "hostname")->valuestring, "box"));
    CHECK(cJSON_IsTrue(cJSON_GetObjectItem(j, "tty")) && cJSON_IsTrue(cJSON_GetObjectItem(j, "stdin")));
    cJSON_Delete(j);
    free(msg);
    spin_spec_free(&s);
}

static void entrypoint_rules(void) {
    spin_spec s;
    char *err;
    /* --entrypoint drops the image's Cmd too */
    spin_run_options o = {.entrypoint = "/bin/sh"};
    CHECK(spin_spec_build(image, &o, &s, &err) == 0 && !strcmp(join(s.argv), "/bin/sh"));
    spin_spec_free(&s);
    const char *cmd[] = {"-c", "true"};
    o.command = cmd;
    o.command_count = 2;
    CHECK(spin_spec_build(image, &o, &s, &err) == 0 && !strcmp(join(s.argv), "/bin/sh|-c|true"));
    spin_spec_free(&s);
    /* --entrypoint "" clears it: the command alone */
    o.entrypoint = "";
    const char *cmd2[] = {"ls", "/import"};
    o.command = cmd2;
    CHECK(spin_spec_build(image, &o, &s, &err) == 0 && !strcmp(join(s.argv), "ls|/import"));
    spin_spec_free(&s);
    /* -u "" resets the image's user to root */
    spin_run_options u = {.user = ""};
    CHECK(spin_spec_build(image, &u, &s, &err) == 0 && !s.user);
    spin_spec_free(&s);
}

static void no_config(void) {
    spin_spec s;
    char *err;
    const char *cmd[] = {"/bin/busybox", "true"};
    spin_run_options o = {.command = cmd, .command_count = 2};
    CHECK(spin_spec_build(NULL, &o, &s, &err) == 0);
    CHECK(!strcmp(join(s.argv), "/bin/busybox|true"));
    CHECK(!strcmp(join(s.env), "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    CHECK(!strcmp(s.cwd, "/") && !s.user);
    spin_spec_free(&s);
    CHECK(spin_spec_build("{\"config\":null}", &o, &s, &err) == 0);
    spin_spec_free(&s);
}

static void errors(void) {
    struct {
        const char *config;
        spin_run_options o;
        const char *want;
    } bad[] = {
        {"{\"config\":{}}", {0}, "no command to run"},
        {"{\"config\":{\"Cmd\":[\"\"]}}", {0}, "no command to run"},
        {"[1,2]", {0}, "not a JSON object"},
        {"{\"config\":{", {0}, "not a JSON object"},
        {"{\"config\":5}", {0}, "\"config\" is not an object"},
        {"{\"config\":{\"Cmd\":\"sh\"}}", {0}, "Cmd is not a list of strings"},
        {"{\"config\":{\"Entrypoint\":[1]}}", {0}, "Entrypoint is not a list of strings"},
        {"{\"config\":{\"Cmd\":[\"a\"],\"Env\":{}}}", {0}, "Env is not a list"},
        {"{\"config\":{\"Cmd\":[\"a\"],\"User\":7}}", {0}, "User is not a string"},
        {"{\"config\":{\"Cmd\":[\"a\"],\"WorkingDir\":\"rel\"}}", {0}, "WorkingDir is not an absolute path"},
        {"{\"config\":{\"Cmd\":[\"a\"]}}", {.workdir = "rel"}, "must be an absolute path"},
        {"{\"config\":{\"Cmd\":[\"a\"]}}", {.env = (const char *const[]){"=x"}, .env_count = 1}, "has no name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        spin_spec s;
        char *err = NULL;
        int rc = spin_spec_build(bad[i].config, &bad[i].o, &s, &err);
        CHECK(rc == -1 && err && strstr(err, bad[i].want));
        if (rc != -1 || !err || !strstr(err, bad[i].want))
            fprintf(stderr, "  case %zu: %s\n", i, err ? err : "(no error)");
        CHECK(!s.argv && !s.env && !s.cwd);
        free(err);
    }
}

int main(void) {
    image_defaults();
    overrides();
    entrypoint_rules();
    no_config();
    errors();
    return device_check_summary("spec");
}
