#include "cli_args.h"

#include <stdio.h>
#include <string.h>

typedef enum {
  OPT_STORE, OPT_PLATFORM, OPT_INSECURE, OPT_USERNAME, OPT_PASSWORD, OPT_QUIET, OPT_HELP,
  OPT_VERSION,
  OPT_ENV, OPT_ENV_FILE, OPT_VOLUME, OPT_PUBLISH, OPT_WORKDIR, OPT_USER, OPT_ENTRYPOINT,
  OPT_HOSTNAME, OPT_IMAGE_FILE, OPT_MEMORY, OPT_TIMEOUT, OPT_RM, OPT_INTERACTIVE, OPT_TTY,
  OPT_NETWORK,
} option_id;

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
  {OPT_VERSION, "version", 0, false, ALL_COMMANDS},
  {OPT_ENV, "env", 'e', true, ONLY(SPIN_CLI_RUN)},
  {OPT_ENV_FILE, "env-file", 0, true, ONLY(SPIN_CLI_RUN)},
  {OPT_VOLUME, "volume", 'v', true, ONLY(SPIN_CLI_RUN)},
  {OPT_PUBLISH, "publish", 'p', true, ONLY(SPIN_CLI_RUN)},
  {OPT_WORKDIR, "workdir", 'w', true, ONLY(SPIN_CLI_RUN)},
  {OPT_USER, "user", 'u', true, ONLY(SPIN_CLI_RUN)},
  {OPT_ENTRYPOINT, "entrypoint", 0, true, ONLY(SPIN_CLI_RUN)},
  {OPT_HOSTNAME, "hostname", 0, true, ONLY(SPIN_CLI_RUN)},
  {OPT_IMAGE_FILE, "image-file", 0, true, ONLY(SPIN_CLI_RUN)},
  {OPT_MEMORY, "memory", 'm', true, ONLY(SPIN_CLI_RUN)},
  {OPT_TIMEOUT, "timeout", 0, true, ONLY(SPIN_CLI_RUN)},
  {OPT_RM, "rm", 0, false, ONLY(SPIN_CLI_RUN)},
  {OPT_INTERACTIVE, "interactive", 'i', false, ONLY(SPIN_CLI_RUN)},
  {OPT_TTY, "tty", 't', false, ONLY(SPIN_CLI_RUN)},
  {OPT_NETWORK, "network", 0, true, ONLY(SPIN_CLI_RUN)},
};

// Appends value to a bounded list; false with a sentence when it is full.
static bool add_to(const char **list, size_t *count, const char *value, const char *what,
                   char *error, size_t error_size) {
  if (*count == SPIN_CLI_MAX_LIST) {
    snprintf(error, error_size, "too many %s options (at most %d)", what, SPIN_CLI_MAX_LIST);
    return false;
  }
  list[(*count)++] = value;
  return true;
}

// Sets a run option; false with a sentence in error.
static bool set_run_option(option_id id, const char *value, spin_cli_args *out, char *error,
                           size_t error_size) {
  switch (id) {
    case OPT_ENV: return add_to(out->env, &out->env_count, value, "-e", error, error_size);
    case OPT_ENV_FILE: return add_to(out->env_files, &out->env_file_count, value, "--env-file", error, error_size);
    case OPT_VOLUME: return add_to(out->volumes, &out->volume_count, value, "-v", error, error_size);
    case OPT_PUBLISH: return add_to(out->publish, &out->publish_count, value, "-p", error, error_size);
    case OPT_WORKDIR: out->workdir = value; return true;
    case OPT_USER: out->user = value; return true;
    case OPT_ENTRYPOINT: out->entrypoint = value; return true;
    case OPT_HOSTNAME: out->hostname = value; return true;
    case OPT_IMAGE_FILE: out->image_file = value; return true;
    case OPT_MEMORY: out->memory = value; return true;
    case OPT_TIMEOUT: out->timeout = value; return true;
    case OPT_NETWORK: out->network = value; return true;
    case OPT_RM: out->remove = true; return true;
    case OPT_INTERACTIVE: out->interactive = true; return true;
    case OPT_TTY: out->tty = true; return true;
    default: return true;
  }
}

// "-it", "-ti", "-irt"...: every letter a flag without a value.
static bool expand_short_flags(const char *arg, spin_cli_args *out) {
  if (arg[0] != '-' || arg[1] == '-' || strlen(arg) < 3) return false;
  for (const char *p = arg + 1; *p; p++)
    if (*p != 'i' && *p != 't') return false;
  for (const char *p = arg + 1; *p; p++) {
    if (*p == 'i') out->interactive = true;
    if (*p == 't') out->tty = true;
  }
  return true;
}

static const struct { const char *name; spin_cli_command command; size_t min_images, max_images; } commands[] = {
  {"pull", SPIN_CLI_PULL, 1, 1},
  {"images", SPIN_CLI_IMAGES, 0, 0},
  {"rmi", SPIN_CLI_RMI, 1, SPIN_CLI_MAX_LIST},
  {"inspect", SPIN_CLI_INSPECT, 1, 1},
  {"run", SPIN_CLI_RUN, 1, 1},
  {"help", SPIN_CLI_HELP, 0, 0},
};

const char *spin_cli_usage(void) {
  return "usage: spin [--store DIR] COMMAND ...   (spin --help, spin --version)\n"
         "  spin pull [--platform OS/ARCH[/VARIANT]] [--insecure-registry HOST]\n"
         "            [--username USER --password PASSWORD] [-q] IMAGE\n"
         "  spin images [-q]\n"
         "  spin rmi IMAGE...\n"
         "  spin inspect IMAGE\n"
         "  spin run [--rm] [-i] [-t] [-e K=V]... [--env-file F]... [-v HOST:GUEST[:ro]]...\n"
         "           [-p [IP:]HOSTPORT:GUESTPORT]... [--network none]\n"
         "           [-w DIR] [-u USER[:GROUP]] [--entrypoint CMD] [--hostname NAME]\n"
         "           [--platform OS/ARCH] [--memory SIZE] [--timeout SECONDS]\n"
         "           (IMAGE | --image-file FILE) [COMMAND [ARG...]]\n"
         "The exit status of run is the command's; 125 when spin fails, 126 when the command\n"
         "cannot be invoked, 127 when it is not found.\n"
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
    // run: options end at the image (or, with --image-file, at the first operand)
    bool run_operands = have_command && out->command == SPIN_CLI_RUN && out->image_count;
    if (!run_operands && have_command && out->command == SPIN_CLI_RUN && expand_short_flags(arg, out)) continue;
    if (arg[0] == '-' && arg[1] != '\0' && !run_operands) {
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
        default:
          if (!set_run_option(opt->id, value, out, error, error_size)) return false;
          break;
        case OPT_STORE: out->store = value; break;
        case OPT_PLATFORM: out->platform = value; break;
        case OPT_USERNAME: out->username = value; break;
        case OPT_PASSWORD: out->password = value; break;
        case OPT_QUIET: out->quiet = true; break;
        case OPT_HELP: out->command = SPIN_CLI_HELP; return true;
        case OPT_VERSION: out->command = SPIN_CLI_VERSION; return true;
        case OPT_INSECURE:
          if (out->insecure_count == SPIN_CLI_MAX_LIST) {
            snprintf(error, error_size, "too many --insecure-registry options");
            return false;
          }
          out->insecure_registries[out->insecure_count++] = value;
          break;
      }
      // "" means something for these two: no entrypoint, the default user.
      if (opt->takes_value && value[0] == '\0' && opt->id != OPT_ENTRYPOINT && opt->id != OPT_USER) {
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
    if (out->command == SPIN_CLI_RUN && (out->image_count == 1 || out->image_file)) {  // the command
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
  if (out->image_count < commands[command_index].min_images && !(out->command == SPIN_CLI_RUN && out->image_file)) {
    snprintf(error, error_size, "spin %s needs an image", commands[command_index].name);
    return false;
  }
  if (out->command == SPIN_CLI_RUN && out->image_file && out->image_count) {
    snprintf(error, error_size, "spin run takes an image or --image-file, not both");
    return false;
  }
  if (out->command == SPIN_CLI_PULL && (out->username != NULL) != (out->password != NULL)) {
    snprintf(error, error_size, "--username and --password go together");
    return false;
  }
  return true;
}
