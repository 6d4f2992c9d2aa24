// The image configuration (OCI image-spec config.md; Docker's is the same shape): what a
// container runs by default. The runtime overlays the user's options on top of it.
#ifndef SPIN_OCI_IMAGE_CONFIG_H
#define SPIN_OCI_IMAGE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  char *os;             // "linux"
  char *architecture;   // "riscv64"
  char *variant;        // "" when absent
  char **entrypoint;    // NULL-terminated; empty when absent
  size_t entrypoint_count;
  char **cmd;
  size_t cmd_count;
  char **env;           // "NAME=value"
  size_t env_count;
  char *working_dir;    // "" when absent
  char *user;           // "" when absent
} spin_image_config;

bool spin_image_config_parse(const char *json, size_t length, spin_image_config *out,
                             char *error, size_t error_size);
void spin_image_config_free(spin_image_config *config);

#endif
