/* The "run" message spin-emu sends the guest's init once it is ready (the protocol is in
 * docs/guest-init.md): the command after "--" and the options that shape it. */
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "spin_emu.h"

#define DEFAULT_PATH "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* Adds K=V to env, replacing an earlier entry for K (as docker's -e does). */
static int set_env(cJSON *env, const char *kv) {
    size_t key_len = strcspn(kv, "=") + 1;
    int i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, env) {
        if (!strncmp(item->valuestring, kv, key_len)) {
            cJSON *s = cJSON_CreateString(kv);
            return s && cJSON_ReplaceItemInArray(env, i, s) ? 0 : -1;
        }
        i++;
    }
    cJSON *s = cJSON_CreateString(kv);
    return s && cJSON_AddItemToArray(env, s) ? 0 : -1;
}

static int add_optional_string(cJSON *o, const char *key, const char *value) {
    return !value || cJSON_AddStringToObject(o, key, value) ? 0 : -1;
}

char *spin_emu_run_message(const spin_emu_options *o) {
    cJSON *msg = cJSON_CreateObject(), *argv = cJSON_CreateArray(), *env = cJSON_CreateArray();
    int ok = msg && argv && env;
    if (ok) {
        cJSON_AddItemToObject(msg, "argv", argv);
        cJSON_AddItemToObject(msg, "env", env);
        argv = env = NULL; /* owned by msg now */
        cJSON *a = cJSON_GetObjectItem(msg, "argv"), *e = cJSON_GetObjectItem(msg, "env");
        ok = cJSON_AddStringToObject(msg, "type", "run") != NULL;
        for (int i = 0; ok && i < o->command_count; i++) {
            cJSON *s = cJSON_CreateString(o->command[i]);
            ok = s && cJSON_AddItemToArray(a, s);
        }
        ok = ok && set_env(e, DEFAULT_PATH) == 0 && (!o->tty || set_env(e, "TERM=xterm") == 0);
        for (int i = 0; ok && i < o->env_count; i++) ok = set_env(e, o->env[i]) == 0;
        ok = ok && add_optional_string(msg, "cwd", o->workdir) == 0 &&
             add_optional_string(msg, "user", o->user) == 0 &&
             add_optional_string(msg, "hostname", o->hostname) == 0 &&
             cJSON_AddBoolToObject(msg, "tty", o->tty != 0) &&
             cJSON_AddBoolToObject(msg, "stdin", o->interactive != 0);
    }
    char *text = ok ? cJSON_PrintUnformatted(msg) : NULL;
    cJSON_Delete(msg);
    cJSON_Delete(argv);
    cJSON_Delete(env);
    return text;
}
