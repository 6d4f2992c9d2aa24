/* SBI served in C (emulator/riscv/sbi.c): each extension's calls as a kernel makes them,
 * on a hart in S-mode, and the host callbacks they reach. */
#include <stdio.h>
#include <string.h>

#include "bus.h"
#include "riscv/hart.h"
#include "riscv/sbi.h"

static int failures, checks;
#define CHECK(cond, ...)                              \
    do {                                              \
        checks++;                                     \
        if (!(cond)) {                                \
            failures++;                               \
            printf("FAIL %s:%d: ", __FILE__, __LINE__); \
            printf(__VA_ARGS__);                      \
            printf("\n");                             \
        }                                             \
    } while (0)

static char console[256];
static size_t console_len;
static int resets, reset_type, reset_reason;

static void console_write(void *opaque, const uint8_t *data, size_t len) {
    (void)opaque;
    for (size_t i = 0; i < len && console_len + 1 < sizeof console; i++) console[console_len++] = (char)data[i];
}
static int console_read(void *opaque) {
    (void)opaque;
    return 'k';
}
static void system_reset(void *opaque, uint32_t type, uint32_t reason) {
    (void)opaque;
    resets++;
    reset_type = (int)type;
    reset_reason = (int)reason;
}

static void call(rv_hart *h, uint64_t ext, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2) {
    h->x[17] = ext;
    h->x[16] = fid;
    h->x[10] = a0;
    h->x[11] = a1;
    h->x[12] = a2;
    rv_sbi_call(h);
}
#define A0 ((int64_t)h->x[10])
#define A1 (h->x[11])

int main(void) {
    static spin_bus bus;
    static rv_hart hart;
    rv_hart *h = &hart;
    if (spin_bus_init(&bus, 0x80000000, 1 << 20) || rv_hart_init(h, &bus)) return 2;
    rv_sbi sbi = {console_write, console_read, system_reset, NULL};
    h->sbi = &sbi;
    h->priv = RV_PRIV_S;

    /* base */
    call(h, 0x10, 0, 0, 0, 0);
    CHECK(A0 == 0 && A1 == RV_SBI_SPEC_VERSION, "spec version %#llx", (unsigned long long)A1);
    call(h, 0x10, 3, 0x54494d45, 0, 0);
    CHECK(A0 == 0 && A1 == 1, "TIME is present");
    call(h, 0x10, 3, 0x12345678, 0, 0);
    CHECK(A0 == 0 && A1 == 0, "an unknown extension is absent");
    call(h, 0x10, 99, 0, 0, 0);
    CHECK(A0 == -2, "unknown base function: not supported");
    call(h, 0x999999, 0, 0, 0, 0);
    CHECK(A0 == -2, "unknown extension: not supported");

    /* TIME: STIP follows the timer through Sstc */
    uint64_t now = rv_hart_time(h);
    call(h, 0x54494d45, 0, now + 100, 0, 0);
    CHECK(A0 == 0, "set_timer succeeds");
    CHECK(!(h->mip & (1u << 5)), "STIP clear before the deadline");
    CHECK(rv_hart_ticks_until_timer(h) == 100, "100 ticks to go, got %llu",
          (unsigned long long)rv_hart_ticks_until_timer(h));
    rv_hart_skip_time(h, 100);
    CHECK(h->mip & (1u << 5), "STIP set once time reaches it");
    call(h, 0x00, 0, UINT64_MAX, 0, 0); /* legacy set_timer: far future */
    CHECK(!(h->mip & (1u << 5)), "legacy set_timer clears STIP");

    /* IPI to ourselves */
    call(h, 0x735049, 0, 1, 0, 0);
    CHECK(A0 == 0 && (h->mip & 2), "send_ipi to hart 0 sets SSIP");
    h->mip &= ~UINT64_C(2);
    call(h, 0x735049, 0, 2, 0, 0);
    CHECK(!(h->mip & 2), "a mask without hart 0 sends nothing");

    /* HSM */
    call(h, 0x48534d, 2, 0, 0, 0);
    CHECK(A0 == 0 && A1 == 0, "hart 0 is started");
    call(h, 0x48534d, 2, 5, 0, 0);
    CHECK(A0 == -3, "hart 5 does not exist");

    /* DBCN write from guest physical memory, write_byte, legacy putchar/getchar */
    spin_bus_write_ram(&bus, 0x80001000, "hello", 5);
    call(h, 0x4442434e, 0, 5, 0x80001000, 0);
    CHECK(A0 == 0 && A1 == 5, "console write of 5 bytes");
    call(h, 0x4442434e, 2, '!', 0, 0);
    call(h, 0x01, 0, '\n', 0, 0);
    CHECK(console_len == 7 && memcmp(console, "hello!\n", 7) == 0, "console got '%.*s'", (int)console_len, console);
    call(h, 0x4442434e, 0, 16, 0x70000000, 0);
    CHECK(A0 == -3, "a write from outside RAM is refused");
    call(h, 0x02, 0, 0, 0, 0);
    CHECK(A0 == 'k', "legacy getchar");

    /* SRST */
    call(h, 0x53525354, 0, 7, 0, 0);
    CHECK(A0 == -3 && resets == 0, "bad reset type refused");
    call(h, 0x53525354, 0, 0, 1, 0);
    CHECK(A0 == 0 && resets == 1 && reset_type == 0 && reset_reason == 1, "shutdown reaches the host");

    rv_hart_destroy(h);
    spin_bus_destroy(&bus);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures != 0;
}
