#include "image_config.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *duplicate_or_empty(const cJSON *item) {
  const char *text = cJSON_IsString(item) ? item->valuestring : "";
  size_t length = strlen(text);
  char *copy = malloc(length + 1);
  if (copy) memcpy(copy, text, length + 1);
  return copy;
}

// A JSON array of strings (or null / absent) as a NULL-terminated array.
static bool string_list(const cJSON *item, char ***out, size_t *count) {
  *count = 0;
  int size = cJSON_IsArray(item) ? cJSON_GetArraySize(item) : 0;
  if (item && !cJSON_IsArray(item) && !cJSON_IsNull(item)) return false;
  *out = calloc((size_t)size + 1, sizeof **out);
  if (!*out) return false;
  const cJSON *element;
  cJSON_ArrayForEach(element, item) {
    if (!cJSON_IsString(element)) return false;
    if (!((*out)[(*count)++] = duplicate_or_empty(element))) return false;
  }
  return true;
}

bool spin_image_config_parse(const char *json_text, size_t length, spin_image_config *out,
                             char *error, size_t error_size) {
  memset(out, 0, sizeof *out);
  cJSON *json = cJSON_ParseWithLength(json_text, length);
  if (!cJSON_IsObject(json)) {
    cJSON_Delete(json);
    snprintf(error, error_size, "the image configuration is not a JSON object");
    return false;
  }
  const cJSON *config = cJSON_GetObjectItemCaseSensitive(json, "config");
  if (config && !cJSON_IsObject(config) && !cJSON_IsNull(config)) config = NULL;
  bool ok = (out->os = duplicate_or_empty(cJSON_GetObjectItemCaseSensitive(json, "os"))) &&
            (out->architecture = duplicate_or_empty(cJSON_GetObjectItemCaseSensitive(json, "architecture"))) &&
            (out->variant = duplicate_or_empty(cJSON_GetObjectItemCaseSensitive(json, "variant"))) &&
            (out->working_dir = duplicate_or_empty(cJSON_GetObjectItemCaseSensitive(config, "WorkingDir"))) &&
            (out->user = duplicate_or_empty(cJSON_GetObjectItemCaseSensitive(config, "User"))) &&
            string_list(cJSON_GetObjectItemCaseSensitive(config, "Entrypoint"), &out->entrypoint,
                        &out->entrypoint_count) &&
            string_list(cJSON_GetObjectItemCaseSensitive(config, "Cmd"), &out->cmd, &out->cmd_count) &&
            string_list(cJSON_GetObjectItemCaseSensitive(config, "Env"), &out->env, &out->env_count);
  cJSON_Delete(json);
  if (!ok) {
    spin_image_config_free(out);
    snprintf(error, error_size, "the image configuration has a field of the wrong type");
  }
  return ok;
}

static void free_list(char **list) {
  if (!list) return;
  for (char **p = list; *p; p++) free(*p);
  free(list);
}

void spin_image_config_free(spin_image_config *config) {
  free(config->os);
  free(config->architecture);
  free(config->variant);
  free(config->working_dir);
  free(config->user);
  free_list(config->entrypoint);
  free_list(config->cmd);
  free_list(config->env);
  memset(config, 0, sizeof *config);
}
