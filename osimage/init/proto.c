/* The control protocol's messages, built and parsed with cJSON. Integers are written
 * as raw JSON numbers: cJSON keeps numbers as doubles and would print large ones in
 * exponent form. */
#include "proto.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"

static cJSON *new_message(const char *type)
{
    cJSON *o = cJSON_CreateObject();
    if (o && !cJSON_AddStringToObject(o, "type", type)) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static int add_int(cJSON *o, const char *key, int64_t v)
{
    char num[24];
    snprintf(num, sizeof num, "%" PRId64, v);
    return cJSON_AddRawToObject(o, key, num) ? 0 : -1;
}

/* Serialises and frees o (NULL-safe). */
static char *finish(cJSON *o, int ok)
{
    char *s = o && ok ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return s;
}

char *msg_ready(const char *kernel, int64_t boot_ns)
{
    cJSON *o = new_message("ready");
    int ok = o && cJSON_AddStringToObject(o, "kernel", kernel) && add_int(o, "boot_ns", boot_ns) == 0;
    return finish(o, ok);
}

char *msg_exit(int status, int signal)
{
    cJSON *o = new_message("exit");
    int ok = o && add_int(o, "status", status) == 0 && (signal == 0 || add_int(o, "signal", signal) == 0);
    return finish(o, ok);
}

char *msg_error(const char *fmt, ...)
{
    char *text;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&text, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    cJSON *o = new_message("error");
    int ok = o && cJSON_AddStringToObject(o, "message", text);
    free(text);
    return finish(o, ok);
}

/* A JSON array of strings as a NULL-terminated heap vector; NULL if item is not one. */
static char **string_vector(const cJSON *item)
{
    if (!cJSON_IsArray(item))
        return NULL;
    int n = cJSON_GetArraySize(item);
    char **v = calloc((size_t)n + 1, sizeof *v);
    int i = 0;
    const cJSON *el;
    cJSON_ArrayForEach(el, item) {
        if (!v || !cJSON_IsString(el) || !(v[i++] = strdup(el->valuestring))) {
            for (char **p = v; p && *p; p++)
                free(*p);
            free(v);
            return NULL;
        }
    }
    return v;
}

/* An optional string member: absent or null leaves *out NULL. -1 if it is another type
 * or memory ran out. */
static int optional_string(const cJSON *root, const char *key, char **out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!item || cJSON_IsNull(item))
        return 0;
    if (!cJSON_IsString(item) || !(*out = strdup(item->valuestring)))
        return -1;
    return 0;
}

/* An optional boolean member: absent or null leaves *out false. */
static int optional_bool(const cJSON *root, const char *key, bool *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!item || cJSON_IsNull(item))
        return 0;
    if (!cJSON_IsBool(item))
        return -1;
    *out = cJSON_IsTrue(item);
    return 0;
}

/* {"aname": "...", "target": "/...", "readonly": bool} into *s (target required unless
 * this is the root). NULL on success, else what was wrong. */
static const char *parse_share(const cJSON *item, struct share *s, int is_root)
{
    memset(s, 0, sizeof *s);
    if (!cJSON_IsObject(item))
        return "a share must be an object";
    const cJSON *aname = cJSON_GetObjectItemCaseSensitive(item, "aname");
    const cJSON *target = cJSON_GetObjectItemCaseSensitive(item, "target");
    const cJSON *ro = cJSON_GetObjectItemCaseSensitive(item, "readonly");
    if (aname && !cJSON_IsString(aname))
        return "\"aname\" must be a string";
    if (!is_root && (!cJSON_IsString(target) || target->valuestring[0] != '/'))
        return "a mount needs an absolute \"target\"";
    if (ro && !cJSON_IsBool(ro))
        return "\"readonly\" must be true or false";
    s->readonly = cJSON_IsTrue(ro);
    s->aname = strdup(aname ? aname->valuestring : "");
    s->target = strdup(is_root ? "/" : target->valuestring);
    return s->aname && s->target ? NULL : "out of memory";
}

/* "root" and "mounts" of a run message into cmd. NULL on success, else what was wrong. */
static const char *parse_shares(const cJSON *msg, struct command *cmd)
{
    const cJSON *root = cJSON_GetObjectItemCaseSensitive(msg, "root");
    if (root && !cJSON_IsNull(root)) {
        if (!(cmd->root = calloc(1, sizeof *cmd->root)))
            return "out of memory";
        const char *why = parse_share(root, cmd->root, 1);
        if (why)
            return why;
    }
    const cJSON *mounts = cJSON_GetObjectItemCaseSensitive(msg, "mounts");
    if (!mounts || cJSON_IsNull(mounts))
        return NULL;
    if (!cJSON_IsArray(mounts))
        return "\"mounts\" must be an array";
    int n = cJSON_GetArraySize(mounts);
    if (n == 0)
        return NULL;
    if (!(cmd->mounts = calloc((size_t)n, sizeof *cmd->mounts)))
        return "out of memory";
    const cJSON *m;
    cJSON_ArrayForEach(m, mounts) {
        const char *why = parse_share(m, &cmd->mounts[cmd->nmounts], 0);
        cmd->nmounts++;   /* counted even on failure: command_free frees what was copied */
        if (why)
            return why;
    }
    return NULL;
}

/* "network": {"address": "A.B.C.D/N", "gateway": "A.B.C.D"} (both checked when used). */
static const char *parse_network(const cJSON *root, struct command *cmd)
{
    const cJSON *net = cJSON_GetObjectItemCaseSensitive(root, "network");
    if (!net)
        return NULL;
    if (!cJSON_IsObject(net) || optional_string(net, "address", &cmd->net_address) != 0 ||
        !cmd->net_address || optional_string(net, "gateway", &cmd->net_gateway) != 0)
        return "\"network\" must be an object with an \"address\" string and an optional \"gateway\" string";
    return NULL;
}

static int fail(char **err, const char *what, cJSON *root, struct command *cmd)
{
    *err = strdup(what);
    cJSON_Delete(root);
    command_free(cmd);
    return -1;
}

int parse_run(const char *line, struct command *cmd, char **err)
{
    memset(cmd, 0, sizeof *cmd);
    cJSON *root = cJSON_Parse(line);
    if (!cJSON_IsObject(root))
        return fail(err, "control message is not a JSON object", root, cmd);
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(root, "type");
    if (!cJSON_IsString(type) || strcmp(type->valuestring, "run") != 0)
        return fail(err, "expected a message of type \"run\"", root, cmd);

    cmd->argv = string_vector(cJSON_GetObjectItemCaseSensitive(root, "argv"));
    if (!cmd->argv || !cmd->argv[0])
        return fail(err, "\"argv\" must be a non-empty array of strings", root, cmd);

    const cJSON *env = cJSON_GetObjectItemCaseSensitive(root, "env");
    if (env) {
        cmd->env = string_vector(env);
        if (!cmd->env)
            return fail(err, "\"env\" must be an array of strings", root, cmd);
    } else if (!(cmd->env = default_env_copy())) {
        return fail(err, "out of memory", root, cmd);
    }

    if (optional_string(root, "cwd", &cmd->cwd) != 0)
        return fail(err, "\"cwd\" must be a string", root, cmd);
    if (optional_string(root, "user", &cmd->user) != 0 || (cmd->user && !cmd->user[0]))
        return fail(err, "\"user\" must be a non-empty string", root, cmd);
    if (optional_string(root, "hostname", &cmd->hostname) != 0 ||
        (cmd->hostname && (!cmd->hostname[0] || strlen(cmd->hostname) > 64)))
        return fail(err, "\"hostname\" must be a string of 1 to 64 bytes", root, cmd);
    if (optional_bool(root, "tty", &cmd->tty) != 0)
        return fail(err, "\"tty\" must be true or false", root, cmd);
    if (optional_bool(root, "stdin", &cmd->stdin_open) != 0)
        return fail(err, "\"stdin\" must be true or false", root, cmd);
    const char *why = parse_shares(root, cmd);
    if (!why)
        why = parse_network(root, cmd);
    if (why)
        return fail(err, why, root, cmd);
    cJSON_Delete(root);
    return 0;
}

int parse_kill(const char *line, int *signal)
{
    cJSON *root = cJSON_Parse(line);
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(root, "type");
    const cJSON *sig = cJSON_GetObjectItemCaseSensitive(root, "signal");
    int rc = -1;
    if (cJSON_IsString(type) && strcmp(type->valuestring, "kill") == 0 && cJSON_IsNumber(sig) &&
        sig->valuedouble >= 1 && sig->valuedouble <= 64 && sig->valuedouble == (int)sig->valuedouble) {
        *signal = (int)sig->valuedouble;
        rc = 0;
    }
    cJSON_Delete(root);
    return rc;
}
