/* Test-finisher syscon. See syscon.h. */
#include "syscon.h"

static uint64_t syscon_read(void *opaque, uint64_t offset, unsigned size) {
    (void)opaque, (void)offset, (void)size;
    return 0;
}

static void syscon_write(void *opaque, uint64_t offset, uint64_t value, unsigned size) {
    spin_syscon *s = opaque;
    if (offset != 0 || size < 4) return;
    switch (value & 0xffff) {
    case 0x5555: s->exit(s->opaque, 0); break;
    case 0x3333: s->exit(s->opaque, (int)((value >> 16) & 0xffff)); break;
    case 0x7777: s->exit(s->opaque, 0); break;
    }
}

static const spin_mmio_ops syscon_ops = {syscon_read, syscon_write};

int spin_syscon_attach(spin_syscon *syscon, spin_bus *bus, uint64_t base) {
    return spin_bus_add_mmio(bus, base, SPIN_SYSCON_SIZE, &syscon_ops, syscon);
}
