/* Docker's rules for what a container runs:
 *   argv = (--entrypoint, or the image's Entrypoint) + (the command given, or the image's
 *          Cmd unless --entrypoint was given);
 *   env  = the image's Env, then each -e (a later value for the same name wins), with a
 *          default PATH if neither sets one;
 *   cwd  = -w, or the image's WorkingDir, or "/";  user = -u, or the image's User. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"

#define DEFAULT_PATH "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* A growable NULL-terminated vector of owned strings. */
typedef struct strvec {
    char **v;
    size_t n, cap;
} strvec;

static int vec_push(strvec *s, const char *str) {
    if (s->n + 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        char **bigger = realloc(s->v, cap * sizeof *bigger);
        if (!bigger) return -1;
        s->v = bigger;
        s->cap = cap;
    }
    if (!(s->v[s->n] = strdup(str))) return -1;
    s->v[++s->n] = NULL;
    return 0;
}

static void free_strings(char **v) {
    for (char **p = v; p && *p; p++) free(*p);
    free(v);
}

/* Sets NAME=VALUE in env, replacing an entry for the same name. */
static int env_set(strvec *env, const char *kv) {
    size_t name_len = strcspn(kv, "=");
    for (size_t i = 0; i < env->n; i++) {
        if (!strncmp(env->v[i], kv, name_len) && env->v[i][name_len] == '=') {
            char *copy = strdup(kv);
            if (!copy) return -1;
            free(env->v[i]);
            env->v[i] = copy;
            return 0;
        }
    }
    return vec_push(env, kv);
}

static bool env_has(const strvec *env, const char *name) {
    size_t len = strlen(name);
    for (size_t i = 0; i < env->n; i++)
        if (!strncmp(env->v[i], name, len) && env->v[i][len] == '=') return true;
    return false;
}

static int fail(char **err, const char *msg) {
    *err = strdup(msg);
    return -1;
}

/* Appends a config member that must be an array of strings (or absent/null). */
static int push_array(strvec *out, const cJSON *item, const char *name, char **err) {
    if (!item || cJSON_IsNull(item)) return 0;
    if (!cJSON_IsArray(item)) goto bad;
    const cJSON *el;
    cJSON_ArrayForEach(el, item) {
        if (!cJSON_IsString(el)) goto bad;
        if (vec_push(out, el->valuestring)) return fail(err, "out of memory");
    }
    return 0;
bad:;
    char msg[128];
    snprintf(msg, sizeof msg, "the image config's %s is not a list of strings", name);
    return fail(err, msg);
}

/* A config member that must be a string (or absent/null/empty): a heap copy or NULL. */
static int get_string(const cJSON *config, const char *name, char **out, char **err) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(config, name);
    *out = NULL;
    if (!item || cJSON_IsNull(item)) return 0;
    if (!cJSON_IsString(item)) {
        char msg[128];
        snprintf(msg, sizeof msg, "the image config's %s is not a string", name);
        return fail(err, msg);
    }
    if (!item->valuestring[0]) return 0;
    if (!(*out = strdup(item->valuestring))) return fail(err, "out of memory");
    return 0;
}

static int add_mounts(const spin_run_options *o, spin_spec *out, char **err) {
    if (!o->volume_count) return 0;
    if (!(out->mounts = calloc(o->volume_count, sizeof *out->mounts))) return fail(err, "out of memory");
    for (size_t i = 0; i < o->volume_count; i++) {
        const char *guest = o->volumes[i].guest;
        if (!guest || guest[0] != '/') {
            char msg[160];
            snprintf(msg, sizeof msg, "the mount point '%.100s' is not an absolute path", guest ? guest : "");
            return fail(err, msg);
        }
        if (!(out->mounts[i].target = strdup(guest))) return fail(err, "out of memory");
        out->mounts[i].read_only = o->volumes[i].read_only;
        out->mount_count = i + 1;
    }
    return 0;
}

int spin_volume_parse(const char *arg, char **host, char **guest, bool *read_only, char **err) {
    *host = *guest = *err = NULL;
    *read_only = false;
    size_t len = strlen(arg);
    if (len > 3 && (!strcmp(arg + len - 3, ":ro") || !strcmp(arg + len - 3, ":rw"))) {
        *read_only = arg[len - 1] == 'o';
        len -= 3;
    }
    /* GUEST is absolute: the last ":/" splits (HOST may contain ':'). */
    const char *split = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (arg[i] == ':' && arg[i + 1] == '/') split = arg + i;
    if (!split || split == arg) {
        char msg[200];
        snprintf(msg, sizeof msg, "'%.120s' is not HOST:GUEST[:ro] with an absolute GUEST path", arg);
        return fail(err, msg);
    }
    *host = strndup(arg, (size_t)(split - arg));
    *guest = strndup(split + 1, len - (size_t)(split - arg) - 1);
    if (!*host || !*guest) {
        free(*host);
        free(*guest);
        *host = *guest = NULL;
        return fail(err, "out of memory");
    }
    return 0;
}

static int merge(const cJSON *config, const spin_run_options *o, spin_spec *out, strvec *argv,
                 strvec *env, char **err) {
    /* argv */
    if (o->entrypoint) {
        if (o->entrypoint[0] && vec_push(argv, o->entrypoint)) return fail(err, "out of memory");
    } else if (push_array(argv, cJSON_GetObjectItemCaseSensitive(config, "Entrypoint"), "Entrypoint", err)) {
        return -1;
    }
    if (o->command_count) {
        for (size_t i = 0; i < o->command_count; i++)
            if (vec_push(argv, o->command[i])) return fail(err, "out of memory");
    } else if (!o->entrypoint &&
               push_array(argv, cJSON_GetObjectItemCaseSensitive(config, "Cmd"), "Cmd", err)) {
        return -1;
    }
    if (argv->n == 0 || !argv->v[0][0])
        return fail(err, "no command to run: the image has no Entrypoint or Cmd and none was given");

    /* env */
    strvec image_env = {0};
    if (push_array(&image_env, cJSON_GetObjectItemCaseSensitive(config, "Env"), "Env", err)) {
        free_strings(image_env.v);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < image_env.n; i++)
        if (strchr(image_env.v[i], '=')) rc = env_set(env, image_env.v[i]);
    free_strings(image_env.v);
    for (size_t i = 0; rc == 0 && i < o->env_count; i++) {
        if (!strchr(o->env[i], '=')) continue;
        if (o->env[i][0] == '=') {
            char msg[160];
            snprintf(msg, sizeof msg, "environment variable '%.100s' has no name", o->env[i]);
            return fail(err, msg);
        }
        rc = env_set(env, o->env[i]);
    }
    if (rc == 0 && !env_has(env, "PATH")) rc = vec_push(env, DEFAULT_PATH);
    if (rc == 0 && o->tty && !env_has(env, "TERM")) rc = vec_push(env, "TERM=xterm");
    if (rc) return fail(err, "out of memory");

    /* cwd, user, hostname */
    if (o->workdir) {
        if (o->workdir[0] != '/') return fail(err, "the working directory must be an absolute path");
        out->cwd = strdup(o->workdir);
    } else if (get_string(config, "WorkingDir", &out->cwd, err)) {
        return -1;
    }
    if (!out->cwd && !(out->cwd = strdup("/"))) return fail(err, "out of memory");
    if (out->cwd[0] != '/') return fail(err, "the image config's WorkingDir is not an absolute path");
    if (o->user) {
        if (o->user[0] && !(out->user = strdup(o->user))) return fail(err, "out of memory");
    } else if (get_string(config, "User", &out->user, err)) {
        return -1;
    }
    if (o->hostname && !(out->hostname = strdup(o->hostname))) return fail(err, "out of memory");
    if ((o->net_address && !(out->net_address = strdup(o->net_address))) ||
        (o->net_gateway && !(out->net_gateway = strdup(o->net_gateway))))
        return fail(err, "out of memory");
    out->tty = o->tty;
    out->interactive = o->interactive;
    out->root_tree = o->root_tree;
    return add_mounts(o, out, err);
}

int spin_spec_build(const char *image_config_json, const spin_run_options *options,
                    spin_spec *out, char **err) {
    memset(out, 0, sizeof *out);
    *err = NULL;
    cJSON *root = NULL;
    const cJSON *config = NULL;
    if (image_config_json) {
        root = cJSON_Parse(image_config_json);
        if (!cJSON_IsObject(root)) {
            cJSON_Delete(root);
            return fail(err, "the image config is not a JSON object");
        }
        config = cJSON_GetObjectItemCaseSensitive(root, "config");
        if (config && !cJSON_IsNull(config) && !cJSON_IsObject(config)) {
            cJSON_Delete(root);
            return fail(err, "the image config's \"config\" is not an object");
        }
    }
    strvec argv = {0}, env = {0};
    int rc = merge(config, options, out, &argv, &env, err);
    cJSON_Delete(root);
    out->argv = argv.v;
    out->env = env.v;
    if (rc == 0 && !out->env && !(out->env = calloc(1, sizeof *out->env))) rc = fail(err, "out of memory");
    if (rc) spin_spec_free(out);
    return rc;
}

void spin_spec_free(spin_spec *spec) {
    free_strings(spec->argv);
    free_strings(spec->env);
    free(spec->cwd);
    free(spec->user);
    free(spec->hostname);
    free(spec->net_address);
    free(spec->net_gateway);
    for (size_t i = 0; i < spec->mount_count; i++) free(spec->mounts[i].target);
    free(spec->mounts);
    memset(spec, 0, sizeof *spec);
}

static cJSON *string_array(char **v) {
    cJSON *a = cJSON_CreateArray();
    for (char **p = v; a && p && *p; p++) {
        cJSON *s = cJSON_CreateString(*p);
        if (!s || !cJSON_AddItemToArray(a, s)) {
            cJSON_Delete(s);
            cJSON_Delete(a);
            return NULL;
        }
    }
    return a;
}

/* "root" and "mounts" (docs/guest-init.md). */
static bool add_shares(cJSON *msg, const spin_spec *spec) {
    if (spec->root_tree) {
        cJSON *root = cJSON_AddObjectToObject(msg, "root");
        if (!root || !cJSON_AddStringToObject(root, "aname", "")) return false;
    }
    if (!spec->mount_count) return true;
    cJSON *mounts = cJSON_AddArrayToObject(msg, "mounts");
    for (size_t i = 0; mounts && i < spec->mount_count; i++) {
        char aname[32];
        snprintf(aname, sizeof aname, "v%zu", i);
        cJSON *m = cJSON_CreateObject();
        if (!m || !cJSON_AddStringToObject(m, "aname", aname) ||
            !cJSON_AddStringToObject(m, "target", spec->mounts[i].target) ||
            !cJSON_AddBoolToObject(m, "readonly", spec->mounts[i].read_only) ||
            !cJSON_AddItemToArray(mounts, m)) {
            cJSON_Delete(m);
            return false;
        }
    }
    return mounts != NULL;
}

/* "network": {"address": ..., "gateway": ...} when the container has one. */
static bool add_network(cJSON *msg, const spin_spec *spec) {
    if (!spec->net_address) return true;
    cJSON *net = cJSON_AddObjectToObject(msg, "network");
    return net && cJSON_AddStringToObject(net, "address", spec->net_address) &&
           (!spec->net_gateway || cJSON_AddStringToObject(net, "gateway", spec->net_gateway));
}

char *spin_spec_run_message(const spin_spec *spec) {
    cJSON *msg = cJSON_CreateObject();
    cJSON *argv = string_array(spec->argv), *env = string_array(spec->env);
    bool ok = msg && argv && env && cJSON_AddStringToObject(msg, "type", "run");
    if (ok) {
        cJSON_AddItemToObject(msg, "argv", argv);
        cJSON_AddItemToObject(msg, "env", env);
        argv = env = NULL;
        ok = cJSON_AddStringToObject(msg, "cwd", spec->cwd) &&
             (!spec->user || cJSON_AddStringToObject(msg, "user", spec->user)) &&
             (!spec->hostname || cJSON_AddStringToObject(msg, "hostname", spec->hostname)) &&
             cJSON_AddBoolToObject(msg, "tty", spec->tty) &&
             cJSON_AddBoolToObject(msg, "stdin", spec->interactive) && add_shares(msg, spec) &&
             add_network(msg, spec);
    }
    char *text = ok ? cJSON_PrintUnformatted(msg) : NULL;
    cJSON_Delete(msg);
    cJSON_Delete(argv);
    cJSON_Delete(env);
    return text;
}
