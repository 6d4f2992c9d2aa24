// The spin command line table: what each command accepts, and one sentence otherwise.
#include "cli/cli_args.h"

#include "check.h"

#include <stdarg.h>

// parse(out, error, "arg", ..., NULL): argv[0] is "spin".
static bool parse(spin_cli_args *out, char *error, ...) {
  char *argv[32] = {"spin"};
  int argc = 1;
  va_list args;
  va_start(args, error);
  for (char *arg; argc < 31 && (arg = va_arg(args, char *)); ) argv[argc++] = arg;
  va_end(args);
  error[0] = '\0';
  return spin_cli_parse(argc, argv, out, error, 256);
}

int main(void) {
  spin_cli_args a;
  char error[256];
  CHECK(parse(&a, error, "pull", "busybox", NULL));
  CHECK(a.command == SPIN_CLI_PULL && a.image_count == 1 && !a.quiet && !a.store);
  CHECK_STR(a.images[0], "busybox");
  CHECK(parse(&a, error, "--store", "/s", "pull", "--platform=linux/amd64", "-q", "--insecure-registry",
              "h:5000", "--insecure-registry", "k", "--store=/t", "img", NULL));
  CHECK(a.quiet && a.insecure_count == 2 && strcmp(a.platform, "linux/amd64") == 0 && strcmp(a.store, "/t") == 0);
  CHECK(parse(&a, error, "pull", "--username", "u", "--password", "p", "x", NULL) && strcmp(a.password, "p") == 0);
  CHECK(parse(&a, error, "images", NULL) && a.command == SPIN_CLI_IMAGES);
  CHECK(parse(&a, error, "rmi", "a", "b", NULL) && a.image_count == 2);
  CHECK(parse(&a, error, "inspect", "a", NULL) && a.command == SPIN_CLI_INSPECT);
  CHECK(parse(&a, error, "--help", NULL) && a.command == SPIN_CLI_HELP);
  CHECK(parse(&a, error, "run", "--platform", "linux/riscv64", "img", "ls", "-l", NULL) && a.rest_count == 2);
  CHECK(a.command == SPIN_CLI_RUN && strcmp(a.rest[1], "-l") == 0);

  CHECK(!parse(&a, error, NULL));
  CHECK(strstr(error, "no command given") != NULL);
  CHECK(!parse(&a, error, "frob", NULL));
  CHECK(strstr(error, "unknown command \"frob\"") != NULL);
  CHECK(!parse(&a, error, "pull", NULL));
  CHECK(strstr(error, "spin pull needs an image") != NULL);
  CHECK(!parse(&a, error, "pull", "a", "b", NULL));
  CHECK(strstr(error, "takes one image") != NULL);
  CHECK(!parse(&a, error, "images", "x", NULL));
  CHECK(!parse(&a, error, "pull", "--platform", NULL));
  CHECK(strstr(error, "--platform needs a value") != NULL);
  CHECK(!parse(&a, error, "pull", "--platform=", NULL) && strstr(error, "non-empty") != NULL);
  CHECK(!parse(&a, error, "pull", "--bogus", NULL));
  CHECK(strstr(error, "unknown option --bogus") != NULL);
  CHECK(!parse(&a, error, "images", "--platform", "x", NULL));
  CHECK(strstr(error, "does not apply to spin images") != NULL);
  CHECK(!parse(&a, error, "--platform", "x", "pull", NULL));
  CHECK(strstr(error, "goes after the command name") != NULL);
  CHECK(!parse(&a, error, "pull", "--quiet=yes", "x", NULL));
  CHECK(!parse(&a, error, "pull", "--username", "u", "x", NULL));
  CHECK(strstr(error, "go together") != NULL);
  return check_summary();
}
