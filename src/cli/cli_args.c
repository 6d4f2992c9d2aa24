#include "cli_args.h"

#include <stdio.h>
#include <string.h>

typedef enum { OPT_STORE, OPT_PLATFORM, OPT_INSECURE, OPT_USERNAME, OPT_PASSWORD, OPT_QUIET, OPT_HELP } option_id;

typedef struct {
  option_id id;
  const char *long_name;
  char short_name;
  bool takes_value;
  unsigned commands;  // bit per spin_cli_command where it is allowed
} option;

#define ALL_COMMANDS 0xffu
#define ONLY(c) (1u << (c))

static const option options[] = {
  {OPT_STORE, "store", 0, true, ALL_COMMANDS},
  {OPT_PLATFORM, "platform", 0, true, ONLY(SPIN_CLI_PULL) | ONLY(SPIN_CLI_RUN)},
  {OPT_INSECURE, "insecure-registry", 0, true, ONLY(SPIN_CLI_PULL) | ONLY(SPIN_CLI_RUN)},
  {OPT_USERNAME, "username", 0, true, ONLY(SPIN_CLI_PULL) | ONLY(SPIN_CLI_RUN)},
  {OPT_PASSWORD, "password", 0, true, ONLY(SPIN_CLI_PULL) | ONLY(SPIN_CLI_RUN)},
  {OPT_QUIET, "quiet", 'q', false, ONLY(SPIN_CLI_PULL) | ONLY(SPIN_CLI_IMAGES)},
  {OPT_HELP, "help", 'h', false, ALL_COMMANDS},
};

static const struct { const char *name; spin_cli_command command; size_t min_images, max_images; } commands[] = {
  {"pull", SPIN_CLI_PULL, 1, 1},
  {"images", SPIN_CLI_IMAGES, 0, 0},
  {"rmi", SPIN_CLI_RMI, 1, SPIN_CLI_MAX_LIST},
  {"inspect", SPIN_CLI_INSPECT, 1, 1},
  {"run", SPIN_CLI_RUN, 1, 1},
  {"help", SPIN_CLI_HELP, 0, 0},
};

const char *spin_cli_usage(void) {
  return "usage: spin [--store DIR] COMMAND ...\n"
         "  spin pull [--platform OS/ARCH[/VARIANT]] [--insecure-registry HOST]\n"
         "            [--username USER --password PASSWORD] [-q] IMAGE\n"
         "  spin images [-q]\n"
         "  spin rmi IMAGE...\n"
         "  spin inspect IMAGE\n"
         "  spin run IMAGE [COMMAND...]   (not available yet)\n"
         "The store defaults to $SPIN_STORE, else $XDG_CACHE_HOME/spin/store or ~/.cache/spin/store.\n"
         "Images without a registry (docker.io) are pulled from $SPIN_REGISTRY_MIRROR.\n";
}

static const option *find_option(const char *arg, const char **inline_value) {
  *inline_value = NULL;
  if (arg[1] == '-') {
    const char *name = arg + 2;
    size_t length = strcspn(name, "=");
    for (size_t i = 0; i < sizeof options / sizeof *options; i++)
      if (strlen(options[i].long_name) == length && strncmp(options[i].long_name, name, length) == 0) {
        if (name[length] == '=') *inline_value = name + length + 1;
        return &options[i];
      }
    return NULL;
  }
  for (size_t i = 0; i < sizeof options / sizeof *options; i++)
    if (options[i].short_name && arg[1] == options[i].short_name && arg[2] == '\0') return &options[i];
  return NULL;
}

bool spin_cli_parse(int argc, char *const argv[], spin_cli_args *out, char *error, size_t error_size) {
  memset(out, 0, sizeof *out);
  bool have_command = false;
  size_t command_index = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (arg[0] == '-' && arg[1] != '\0' && !(have_command && out->command == SPIN_CLI_RUN && out->image_count)) {
      if (strcmp(arg, "--") == 0) {
        snprintf(error, error_size, "unexpected \"--\"");
        return false;
      }
      const char *value;
      const option *opt = find_option(arg, &value);
      if (!opt) {
        snprintf(error, error_size, "unknown option %.64s (see spin --help)", arg);
        return false;
      }
      if (!have_command && opt->commands != ALL_COMMANDS) {
        snprintf(error, error_size, "option %.64s goes after the command name", arg);
        return false;
      }
      if (have_command && !(opt->commands & ONLY(out->command))) {
        snprintf(error, error_size, "option %.64s does not apply to spin %s", arg, commands[command_index].name);
        return false;
      }
      if (opt->takes_value && !value) {
        if (i + 1 >= argc) {
          snprintf(error, error_size, "option --%s needs a value", opt->long_name);
          return false;
        }
        value = argv[++i];
      } else if (!opt->takes_value && value) {
        snprintf(error, error_size, "option --%s takes no value", opt->long_name);
        return false;
      }
      switch (opt->id) {
        case OPT_STORE: out->store = value; break;
        case OPT_PLATFORM: out->platform = value; break;
        case OPT_USERNAME: out->username = value; break;
        case OPT_PASSWORD: out->password = value; break;
        case OPT_QUIET: out->quiet = true; break;
        case OPT_HELP: out->command = SPIN_CLI_HELP; return true;
        case OPT_INSECURE:
          if (out->insecure_count == SPIN_CLI_MAX_LIST) {
            snprintf(error, error_size, "too many --insecure-registry options");
            return false;
          }
          out->insecure_registries[out->insecure_count++] = value;
          break;
      }
      if (opt->takes_value && value[0] == '\0') {
        snprintf(error, error_size, "option --%s needs a non-empty value", opt->long_name);
        return false;
      }
      continue;
    }
    if (!have_command) {
      size_t k = 0;
      while (k < sizeof commands / sizeof *commands && strcmp(commands[k].name, arg) != 0) k++;
      if (k == sizeof commands / sizeof *commands) {
        snprintf(error, error_size, "unknown command \"%.64s\" (see spin --help)", arg);
        return false;
      }
      have_command = true;
      command_index = k;
      out->command = commands[k].command;
      continue;
    }
    if (out->command == SPIN_CLI_RUN && out->image_count == 1) {  // the container's command
      out->rest = argv + i;
      out->rest_count = (size_t)(argc - i);
      break;
    }
    if (out->image_count == commands[command_index].max_images) {
      snprintf(error, error_size, "spin %s takes %s image", commands[command_index].name,
               commands[command_index].max_images == 0 ? "no" : "one");
      return false;
    }
    out->images[out->image_count++] = arg;
  }
  if (!have_command) {
    snprintf(error, error_size, "no command given (see spin --help)");
    return false;
  }
  if (out->image_count < commands[command_index].min_images) {
    snprintf(error, error_size, "spin %s needs an image", commands[command_index].name);
    return false;
  }
  if (out->command == SPIN_CLI_PULL && (out->username != NULL) != (out->password != NULL)) {
    snprintf(error, error_size, "--username and --password go together");
    return false;
  }
  return true;
}
