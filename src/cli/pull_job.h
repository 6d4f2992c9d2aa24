// One pull as the front ends run it (spin pull, spin run of a missing image, the C API of
// the JS hosts): the registry client and its HTTP client made from the command's options,
// progress per blob, and the outcome. Nothing blocks and nothing is printed: the host
// calls spin_pull_job_step from its loop until it returns true.
#ifndef SPIN_CLI_PULL_JOB_H
#define SPIN_CLI_PULL_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli/cli_args.h"
#include "oci/store.h"

typedef struct spin_pull_job spin_pull_job;

// A blob's progress: bytes done of total (done == total when complete or already stored).
typedef void (*spin_pull_progress)(void *context, const char *digest, int64_t done, int64_t total);

// Starts pulling `image` with the registry options in args (platform, credentials,
// insecure registries). NULL with one sentence in `error` if it cannot start.
spin_pull_job *spin_pull_job_begin(const spin_cli_args *args, spin_store *store, const char *image,
                                   spin_pull_progress progress, void *context, char *error,
                                   size_t error_size);
// Makes progress without blocking; true once the pull has finished.
bool spin_pull_job_step(spin_pull_job *job);
// Native hosts: sleep until the network has something for the job, at most timeout_ms.
void spin_pull_job_wait(spin_pull_job *job, int timeout_ms);
// Once finished: whether it worked; the error sentence, or the stored name and the
// manifest's digest.
bool spin_pull_job_ok(const spin_pull_job *job);
const char *spin_pull_job_error(const spin_pull_job *job);
const char *spin_pull_job_name(const spin_pull_job *job);
const char *spin_pull_job_digest(const spin_pull_job *job);
void spin_pull_job_free(spin_pull_job *job);

#endif
