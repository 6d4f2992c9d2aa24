/* The FDT builder (emulator/fdt/fdt.h): builds the tree a riscv64 virt-like machine gives
 * Linux (the example the machine file can follow), then reads it back with a small
 * independent reader that checks the format (header, block offsets and alignment, token
 * stream, string de-duplication) and looks properties up by path. Misuse must be reported
 * and sticky, never crash.
 *
 * `fdt_test --write FILE` also writes the virt tree to FILE; the unit.fdt_dtc test
 * (fdt_dtc.cmake) decompiles it with dtc and compares it with fdt_virt.dts. */
#include <stdlib.h>
#include <string.h>

#include "device_check.h"
#include "fdt/fdt.h"

/* ---- the example tree ---------------------------------------------------------------- */

#define CELLS(...) (const uint32_t[]){__VA_ARGS__}, sizeof((const uint32_t[]){__VA_ARGS__}) / 4
#define STRS(...) (const char *const[]){__VA_ARGS__}, \
                  sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)
#define REG(base, size) (const uint64_t[]){base, size}, 2

/* One virtio-mmio transport. */
static void virtio_node(spin_fdt *f, uint64_t base, uint32_t irq, uint32_t plic) {
    char name[32];
    snprintf(name, sizeof name, "virtio_mmio@%" PRIx64, base);
    spin_fdt_begin_node(f, name);
    spin_fdt_property_string(f, "compatible", "virtio,mmio");
    spin_fdt_property_u64_array(f, "reg", REG(base, 0x1000));
    spin_fdt_property_u32(f, "interrupt-parent", plic);
    spin_fdt_property_u32(f, "interrupts", irq);
    spin_fdt_end_node(f);
}

/* The tree of a one-hart riscv64 machine laid out like QEMU's virt: CLINT 0x2000000, PLIC
 * 0xc000000 (95 sources; context 0 = hart 0 M-mode, 1 = S-mode), NS16550A UART 0x10000000
 * IRQ 10, virtio-mmio 0x10001000 + 0x1000 * i IRQ 1 + i, goldfish RTC 0x101000 IRQ 11, test
 * finisher syscon 0x100000, RAM at 0x80000000. Returns 0 or the builder's error. */
static int build_virt_tree(spin_fdt *f) {
    spin_fdt_begin_node(f, "");
    spin_fdt_property_u32(f, "#address-cells", 2);
    spin_fdt_property_u32(f, "#size-cells", 2);
    spin_fdt_property_string(f, "compatible", "spin,riscv-virt");
    spin_fdt_property_string(f, "model", "Spin RISC-V virtual machine");

    spin_fdt_begin_node(f, "chosen");
    spin_fdt_property_string(f, "bootargs", "console=ttyS0 earlycon");
    spin_fdt_property_string(f, "stdout-path", "/soc/serial@10000000");
    spin_fdt_end_node(f);

    uint32_t intc = spin_fdt_alloc_phandle(f);
    spin_fdt_begin_node(f, "cpus");
    spin_fdt_property_u32(f, "#address-cells", 1);
    spin_fdt_property_u32(f, "#size-cells", 0);
    spin_fdt_property_u32(f, "timebase-frequency", 10000000);
    spin_fdt_begin_node(f, "cpu@0");
    spin_fdt_property_string(f, "device_type", "cpu");
    spin_fdt_property_u32(f, "reg", 0);
    spin_fdt_property_string(f, "status", "okay");
    spin_fdt_property_string(f, "compatible", "riscv");
    spin_fdt_property_string(f, "riscv,isa", "rv64imafdc_zicsr_zifencei");
    spin_fdt_property_string(f, "mmu-type", "riscv,sv48");
    spin_fdt_begin_node(f, "interrupt-controller");
    spin_fdt_property_u32(f, "#address-cells", 0);
    spin_fdt_property_u32(f, "#interrupt-cells", 1);
    spin_fdt_property_empty(f, "interrupt-controller");
    spin_fdt_property_string(f, "compatible", "riscv,cpu-intc");
    spin_fdt_property_u32(f, "phandle", intc);
    spin_fdt_end_node(f);
    spin_fdt_end_node(f); /* cpu@0 */
    spin_fdt_end_node(f); /* cpus */

    spin_fdt_begin_node(f, "memory@80000000");
    spin_fdt_property_string(f, "device_type", "memory");
    spin_fdt_property_u64_array(f, "reg", REG(0x80000000, 0x10000000));
    spin_fdt_end_node(f);

    uint32_t plic = spin_fdt_alloc_phandle(f), syscon = spin_fdt_alloc_phandle(f);
    spin_fdt_begin_node(f, "soc");
    spin_fdt_property_u32(f, "#address-cells", 2);
    spin_fdt_property_u32(f, "#size-cells", 2);
    spin_fdt_property_string(f, "compatible", "simple-bus");
    spin_fdt_property_empty(f, "ranges");

    spin_fdt_begin_node(f, "clint@2000000");
    spin_fdt_property_strings(f, "compatible", STRS("sifive,clint0", "riscv,clint0"));
    spin_fdt_property_u64_array(f, "reg", REG(0x2000000, 0x10000));
    /* 3 = machine software interrupt, 7 = machine timer interrupt */
    spin_fdt_property_u32_array(f, "interrupts-extended", CELLS(intc, 3, intc, 7));
    spin_fdt_end_node(f);

    spin_fdt_begin_node(f, "plic@c000000");
    spin_fdt_property_strings(f, "compatible", STRS("sifive,plic-1.0.0", "riscv,plic0"));
    /* the whole window spin_plic_attach maps (SPIN_PLIC_SIZE) */
    spin_fdt_property_u64_array(f, "reg", REG(0xc000000, 0x4000000));
    spin_fdt_property_u32(f, "#address-cells", 0);
    spin_fdt_property_u32(f, "#interrupt-cells", 1);
    spin_fdt_property_empty(f, "interrupt-controller");
    /* context 0: machine external (11), context 1: supervisor external (9) */
    spin_fdt_property_u32_array(f, "interrupts-extended", CELLS(intc, 11, intc, 9));
    spin_fdt_property_u32(f, "riscv,ndev", 95);
    spin_fdt_property_u32(f, "phandle", plic);
    spin_fdt_end_node(f);

    spin_fdt_begin_node(f, "serial@10000000");
    spin_fdt_property_string(f, "compatible", "ns16550a");
    spin_fdt_property_u64_array(f, "reg", REG(0x10000000, 0x100));
    spin_fdt_property_u32(f, "clock-frequency", 3686400);
    spin_fdt_property_u32(f, "interrupt-parent", plic);
    spin_fdt_property_u32(f, "interrupts", 10);
    spin_fdt_end_node(f);

    for (uint32_t i = 0; i < 2; i++) virtio_node(f, 0x10001000 + 0x1000 * i, 1 + i, plic);

    spin_fdt_begin_node(f, "rtc@101000");
    spin_fdt_property_string(f, "compatible", "google,goldfish-rtc");
    spin_fdt_property_u64_array(f, "reg", REG(0x101000, 0x1000));
    spin_fdt_property_u32(f, "interrupt-parent", plic);
    spin_fdt_property_u32(f, "interrupts", 11);
    spin_fdt_end_node(f);

    spin_fdt_begin_node(f, "test@100000");
    spin_fdt_property_strings(f, "compatible", STRS("sifive,test1", "sifive,test0", "syscon"));
    spin_fdt_property_u64_array(f, "reg", REG(0x100000, 0x1000));
    spin_fdt_property_u32(f, "phandle", syscon);
    spin_fdt_end_node(f);

    spin_fdt_end_node(f); /* soc */

    /* Outside the simple-bus: they have no registers of their own. */
    spin_fdt_begin_node(f, "poweroff");
    spin_fdt_property_string(f, "compatible", "syscon-poweroff");
    spin_fdt_property_u32(f, "regmap", syscon);
    spin_fdt_property_u32(f, "offset", 0);
    spin_fdt_property_u32(f, "value", 0x5555);
    spin_fdt_end_node(f);

    spin_fdt_begin_node(f, "reboot");
    spin_fdt_property_string(f, "compatible", "syscon-reboot");
    spin_fdt_property_u32(f, "regmap", syscon);
    spin_fdt_property_u32(f, "offset", 0);
    spin_fdt_property_u32(f, "value", 0x7777);
    spin_fdt_end_node(f);

    return spin_fdt_end_node(f); /* root */
}

/* ---- an independent reader ----------------------------------------------------------- */

static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

typedef struct dtb_view {
    const uint8_t *blob;
    size_t len;
    uint32_t off_struct, size_struct, off_strings, size_strings, off_rsv;
} dtb_view;

/* Header sanity: magic, versions, every block inside the blob and aligned. */
static int dtb_open(dtb_view *v, const uint8_t *blob, size_t len) {
    if (len < 40 || be32(blob) != SPIN_FDT_MAGIC || be32(blob + 4) != len) return -1;
    v->blob = blob;
    v->len = len;
    v->off_struct = be32(blob + 8);
    v->off_strings = be32(blob + 12);
    v->off_rsv = be32(blob + 16);
    v->size_strings = be32(blob + 32);
    v->size_struct = be32(blob + 36);
    if (be32(blob + 20) != 17 || be32(blob + 24) != 16) return -1;
    if (v->off_rsv % 8 || v->off_struct % 4 || v->size_struct % 4) return -1;
    if ((uint64_t)v->off_struct + v->size_struct > len) return -1;
    if ((uint64_t)v->off_strings + v->size_strings > len) return -1;
    if (v->off_rsv < 40 || v->off_rsv + 16 > len) return -1;
    return 0;
}

/* Walks the whole structure block. With path/prop set, finds that property of the node
 * at path ("/" for the root, "/soc/plic@c000000"); returns 1 if found, 0 if not, -1 if
 * the structure is malformed. Counts nodes and properties into *nodes / *props. */
static int dtb_walk(const dtb_view *v, const char *path, const char *prop, const uint8_t **data,
                    uint32_t *plen, unsigned *nodes, unsigned *props) {
    char cur[512] = "";
    size_t depth = 0, lens[64];
    const uint8_t *s = v->blob + v->off_struct;
    uint32_t at = 0, end = v->size_struct;
    int found = 0, ended = 0, saw_child[64] = {0};
    *nodes = *props = 0;
    while (at + 4 <= end && !ended) {
        uint32_t tok = be32(s + at);
        at += 4;
        switch (tok) {
        case SPIN_FDT_BEGIN_NODE: {
            const uint8_t *nul = memchr(s + at, 0, end - at);
            if (!nul || depth >= 63) return -1;
            size_t n = (size_t)(nul - (s + at));
            if (depth == 0 && n != 0) return -1; /* the root is nameless */
            if (depth > 0) saw_child[depth] = 1;
            lens[depth] = strlen(cur);
            if (depth > 0) {
                if (lens[depth] + 1 + n >= sizeof cur || (depth > 1 && lens[depth] + 2 + n >= sizeof cur))
                    return -1;
                if (depth > 1) strcat(cur, "/");
                else strcpy(cur, "/");
                strncat(cur, (const char *)s + at, n);
            } else {
                strcpy(cur, "/");
            }
            at += (uint32_t)((n + 1 + 3) & ~(size_t)3);
            depth++;
            saw_child[depth] = 0;
            (*nodes)++;
            break;
        }
        case SPIN_FDT_END_NODE:
            if (depth == 0) return -1;
            depth--;
            cur[lens[depth]] = '\0';
            if (depth == 0) strcpy(cur, "");
            break;
        case SPIN_FDT_PROP: {
            if (depth == 0 || saw_child[depth] || at + 8 > end) return -1;
            uint32_t n = be32(s + at), nameoff = be32(s + at + 4);
            at += 8;
            if (n > end - at || nameoff >= v->size_strings) return -1;
            const char *name = (const char *)v->blob + v->off_strings + nameoff;
            if (!memchr(name, 0, v->size_strings - nameoff)) return -1;
            if (path && !strcmp(cur, path) && !strcmp(name, prop)) {
                *data = s + at;
                *plen = n;
                found = 1;
            }
            at += (n + 3) & ~3u;
            (*props)++;
            break;
        }
        case SPIN_FDT_NOP: break;
        case SPIN_FDT_END: ended = 1; break;
        default: return -1;
        }
    }
    if (!ended || depth != 0 || at != end) return -1;
    return found;
}

static const uint8_t *get_prop(const dtb_view *v, const char *path, const char *prop,
                               uint32_t *len) {
    const uint8_t *data = NULL;
    unsigned nodes, props;
    *len = 0;
    return dtb_walk(v, path, prop, &data, len, &nodes, &props) == 1 ? data : NULL;
}

static int prop_is_string(const dtb_view *v, const char *path, const char *prop,
                          const char *want) {
    uint32_t n;
    const uint8_t *d = get_prop(v, path, prop, &n);
    return d && n == strlen(want) + 1 && !memcmp(d, want, n);
}

static int prop_is_cells(const dtb_view *v, const char *path, const char *prop,
                         const uint32_t *want, size_t count) {
    uint32_t n;
    const uint8_t *d = get_prop(v, path, prop, &n);
    if (!d || n != 4 * count) return 0;
    for (size_t i = 0; i < count; i++)
        if (be32(d + 4 * i) != want[i]) return 0;
    return 1;
}

/* ---- tests --------------------------------------------------------------------------- */

static void test_virt_tree(uint8_t **out, size_t *out_len) {
    spin_fdt f;
    spin_fdt_init(&f);
    CHECK(build_virt_tree(&f) == 0);
    CHECK(spin_fdt_error(&f) == NULL);
    uint8_t *blob;
    size_t len;
    CHECK(spin_fdt_finish(&f, 0, &blob, &len) == 0);
    spin_fdt_destroy(&f);
    *out = blob;
    *out_len = len;
    if (!blob) return;

    dtb_view v;
    CHECK(dtb_open(&v, blob, len) == 0);
    if (dtb_open(&v, blob, len) != 0) return;
    CHECK_EQ(be32(blob + 28), 0); /* boot_cpuid_phys */
    CHECK_EQ(v.off_rsv, 40);
    /* empty reservation block: just the (0, 0) terminator */
    for (int i = 0; i < 16; i++) CHECK_EQ(blob[40 + i], 0);
    CHECK_EQ(v.off_struct, 56);
    CHECK_EQ(v.off_strings, v.off_struct + v.size_struct);
    CHECK_EQ(len, (size_t)v.off_strings + v.size_strings);

    unsigned nodes, props;
    const uint8_t *d;
    uint32_t n;
    CHECK(dtb_walk(&v, NULL, NULL, &d, &n, &nodes, &props) == 0);
    CHECK_EQ(nodes, 16); /* root chosen cpus cpu intc memory soc + 7 in soc, poweroff reboot */
    CHECK_EQ(props, 65);

    /* Each property name appears once in the strings block. */
    const char *str = (const char *)blob + v.off_strings;
    unsigned names = 0, compat = 0;
    for (uint32_t at = 0; at < v.size_strings; at += (uint32_t)strlen(str + at) + 1) {
        names++;
        if (!strcmp(str + at, "compatible")) compat++;
        for (uint32_t b = 0; b < at; b += (uint32_t)strlen(str + b) + 1)
            CHECK(strcmp(str + at, str + b) != 0);
    }
    CHECK_EQ(compat, 1);
    CHECK_EQ(names, 24); /* distinct property names */

    CHECK(prop_is_cells(&v, "/", "#address-cells", (uint32_t[]){2}, 1));
    CHECK(prop_is_string(&v, "/", "model", "Spin RISC-V virtual machine"));
    CHECK(prop_is_string(&v, "/chosen", "stdout-path", "/soc/serial@10000000"));
    CHECK(prop_is_cells(&v, "/cpus", "timebase-frequency", (uint32_t[]){10000000}, 1));
    CHECK(prop_is_string(&v, "/cpus/cpu@0", "riscv,isa", "rv64imafdc_zicsr_zifencei"));
    CHECK(prop_is_string(&v, "/cpus/cpu@0", "mmu-type", "riscv,sv48"));
    CHECK(prop_is_cells(&v, "/cpus/cpu@0/interrupt-controller", "phandle", (uint32_t[]){1}, 1));
    d = get_prop(&v, "/cpus/cpu@0/interrupt-controller", "interrupt-controller", &n);
    CHECK(d != NULL && n == 0);
    CHECK(prop_is_cells(&v, "/memory@80000000", "reg", (uint32_t[]){0, 0x80000000, 0, 0x10000000}, 4));
    CHECK(prop_is_cells(&v, "/soc/plic@c000000", "interrupts-extended",
                        (uint32_t[]){1, 11, 1, 9}, 4));
    CHECK(prop_is_cells(&v, "/soc/plic@c000000", "phandle", (uint32_t[]){2}, 1));
    d = get_prop(&v, "/soc/plic@c000000", "compatible", &n);
    CHECK(d && n == sizeof "sifive,plic-1.0.0\0riscv,plic0" &&
          !memcmp(d, "sifive,plic-1.0.0\0riscv,plic0", n));
    CHECK(prop_is_cells(&v, "/soc/serial@10000000", "interrupts", (uint32_t[]){10}, 1));
    CHECK(prop_is_cells(&v, "/soc/virtio_mmio@10002000", "interrupts", (uint32_t[]){2}, 1));
    CHECK(prop_is_cells(&v, "/soc/rtc@101000", "interrupts", (uint32_t[]){11}, 1));
    CHECK(prop_is_cells(&v, "/poweroff", "regmap", (uint32_t[]){3}, 1));
    CHECK(get_prop(&v, "/soc", "nonexistent", &n) == NULL);
    CHECK(get_prop(&v, "/cpus/cpu@1", "reg", &n) == NULL);
}

static void test_reservations_and_cpuid(void) {
    spin_fdt f;
    spin_fdt_init(&f);
    CHECK(spin_fdt_add_reservation(&f, 0x80000000, 0x200000) == 0);
    CHECK(spin_fdt_begin_node(&f, "") == 0);
    CHECK(spin_fdt_property_u64(&f, "x", UINT64_C(0x0123456789abcdef)) == 0);
    CHECK(spin_fdt_property(&f, "odd", "abc", 3) == 0); /* padded to 4 */
    CHECK(spin_fdt_property_strings(&f, "empty-list", NULL, 0) == 0);
    CHECK(spin_fdt_end_node(&f) == 0);
    uint8_t *blob;
    size_t len;
    CHECK(spin_fdt_finish(&f, 3, &blob, &len) == 0);
    spin_fdt_destroy(&f);
    dtb_view v;
    CHECK(blob && dtb_open(&v, blob, len) == 0);
    if (!blob || dtb_open(&v, blob, len) != 0) return free(blob);
    CHECK_EQ(be32(blob + 28), 3);
    CHECK_EQ(v.off_struct, 40 + 32);
    CHECK_EQ(be32(blob + 40), 0);
    CHECK_EQ(be32(blob + 44), 0x80000000);
    CHECK_EQ(be32(blob + 52), 0x200000);
    CHECK_EQ(be32(blob + 56), 0);
    CHECK_EQ(be32(blob + 68), 0);
    CHECK(prop_is_cells(&v, "/", "x", (uint32_t[]){0x01234567, 0x89abcdef}, 2));
    uint32_t n;
    const uint8_t *d = get_prop(&v, "/", "odd", &n);
    CHECK(d && n == 3 && !memcmp(d, "abc", 3));
    d = get_prop(&v, "/", "empty-list", &n);
    CHECK(d && n == 0);
    free(blob);
}

/* Builds a tree of many nodes and long properties: nothing has a fixed limit. */
static void test_large_tree(void) {
    spin_fdt f;
    spin_fdt_init(&f);
    spin_fdt_begin_node(&f, "");
    static uint32_t big[50000];
    for (uint32_t i = 0; i < 50000; i++) big[i] = i;
    spin_fdt_property_u32_array(&f, "big", big, 50000);
    char name[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(name, sizeof name, "n@%x", i);
        spin_fdt_begin_node(&f, name);
        snprintf(name, sizeof name, "p%d", i % 100);
        spin_fdt_property_u32(&f, name, (uint32_t)i);
        for (int depth = 0; depth < 20; depth++) spin_fdt_begin_node(&f, "d");
        for (int depth = 0; depth < 20; depth++) spin_fdt_end_node(&f);
        spin_fdt_end_node(&f);
    }
    spin_fdt_end_node(&f);
    uint8_t *blob;
    size_t len;
    CHECK(spin_fdt_finish(&f, 0, &blob, &len) == 0);
    spin_fdt_destroy(&f);
    dtb_view v;
    CHECK(blob && dtb_open(&v, blob, len) == 0);
    if (blob && dtb_open(&v, blob, len) == 0) {
        unsigned nodes, props;
        const uint8_t *d;
        uint32_t n;
        CHECK(dtb_walk(&v, NULL, NULL, &d, &n, &nodes, &props) == 0);
        CHECK_EQ(nodes, 1 + 2000 * 21);
        CHECK_EQ(props, 2001);
        CHECK(prop_is_cells(&v, "/n@7cf", "p99", (uint32_t[]){1999}, 1));
        d = get_prop(&v, "/", "big", &n);
        CHECK(d && n == 200000 && be32(d + 4 * 49999) == 49999);
        /* "big" + p0..p99 */
        unsigned names = 0;
        for (uint32_t at = 0; at < v.size_strings; at += (uint32_t)strlen((const char *)blob + v.off_strings + at) + 1)
            names++;
        CHECK_EQ(names, 101);
    }
    free(blob);
}

/* Misuse is reported, the error sticks, and finish refuses. */
static void test_errors(void) {
    spin_fdt f;
    uint8_t *blob = (uint8_t *)1;
    size_t len = 1;

    spin_fdt_init(&f); /* property before any node */
    CHECK(spin_fdt_property_u32(&f, "x", 1) == -1);
    CHECK(spin_fdt_error(&f) != NULL);
    CHECK(spin_fdt_begin_node(&f, "") == -1); /* sticky */
    CHECK(spin_fdt_finish(&f, 0, &blob, &len) == -1);
    CHECK(blob == NULL && len == 0);
    spin_fdt_destroy(&f);

    spin_fdt_init(&f); /* unbalanced: node left open */
    spin_fdt_begin_node(&f, "");
    spin_fdt_begin_node(&f, "a");
    spin_fdt_end_node(&f);
    CHECK(spin_fdt_error(&f) == NULL);
    CHECK(spin_fdt_finish(&f, 0, &blob, &len) == -1);
    CHECK(blob == NULL && spin_fdt_error(&f) != NULL);
    spin_fdt_destroy(&f);

    spin_fdt_init(&f); /* unbalanced: one end_node too many */
    spin_fdt_begin_node(&f, "");
    spin_fdt_end_node(&f);
    CHECK(spin_fdt_end_node(&f) == -1);
    CHECK(spin_fdt_finish(&f, 0, &blob, &len) == -1);
    spin_fdt_destroy(&f);

    spin_fdt_init(&f); /* nothing at all */
    CHECK(spin_fdt_finish(&f, 0, &blob, &len) == -1);
    spin_fdt_destroy(&f);

    spin_fdt_init(&f); /* a second root */
    spin_fdt_begin_node(&f, "");
    spin_fdt_end_node(&f);
    CHECK(spin_fdt_begin_node(&f, "") == -1);
    spin_fdt_destroy(&f);

    spin_fdt_init(&f); /* named root, unnamed child, '/' in a name, NULLs */
    CHECK(spin_fdt_begin_node(&f, "root") == -1);
    spin_fdt_destroy(&f);
    spin_fdt_init(&f);
    spin_fdt_begin_node(&f, "");
    CHECK(spin_fdt_begin_node(&f, "") == -1);
    spin_fdt_destroy(&f);
    spin_fdt_init(&f);
    spin_fdt_begin_node(&f, "");
    CHECK(spin_fdt_begin_node(&f, "a/b") == -1);
    spin_fdt_destroy(&f);
    spin_fdt_init(&f);
    spin_fdt_begin_node(&f, "");
    CHECK(spin_fdt_begin_node(&f, NULL) == -1);
    spin_fdt_destroy(&f);
    spin_fdt_init(&f);
    spin_fdt_begin_node(&f, "");
    CHECK(spin_fdt_property_string(&f, "s", NULL) == -1);
    spin_fdt_destroy(&f);
    spin_fdt_init(&f);
    spin_fdt_begin_node(&f, "");
    CHECK(spin_fdt_property(&f, "", "x", 1) == -1);
    spin_fdt_destroy(&f);
    spin_fdt_init(&f);
    spin_fdt_begin_node(&f, "");
    CHECK(spin_fdt_property(&f, "p", NULL, 4) == -1);
    spin_fdt_destroy(&f);
    spin_fdt_init(&f);
    spin_fdt_begin_node(&f, "");
    CHECK(spin_fdt_property_strings(&f, "l", (const char *const[]){"a", NULL}, 2) == -1);
    spin_fdt_destroy(&f);

    spin_fdt_init(&f); /* property after a child node */
    spin_fdt_begin_node(&f, "");
    spin_fdt_property_u32(&f, "before", 1);
    spin_fdt_begin_node(&f, "child");
    spin_fdt_property_u32(&f, "inside", 1);
    spin_fdt_end_node(&f);
    CHECK(spin_fdt_error(&f) == NULL);
    CHECK(spin_fdt_property_u32(&f, "after", 1) == -1);
    CHECK(spin_fdt_error(&f) != NULL);
    spin_fdt_destroy(&f);

    spin_fdt_init(&f); /* phandles count up from 1 */
    CHECK_EQ(spin_fdt_alloc_phandle(&f), 1);
    CHECK_EQ(spin_fdt_alloc_phandle(&f), 2);
    f.next_phandle = UINT32_MAX;
    CHECK_EQ(spin_fdt_alloc_phandle(&f), 0);
    CHECK(spin_fdt_error(&f) != NULL);
    spin_fdt_destroy(&f);
}

int main(int argc, char **argv) {
    uint8_t *blob = NULL;
    size_t len = 0;
    test_virt_tree(&blob, &len);
    test_reservations_and_cpuid();
    test_large_tree();
    test_errors();
    if (argc == 3 && !strcmp(argv[1], "--write")) {
        FILE *out = fopen(argv[2], "wb");
        CHECK(out != NULL);
        if (out) {
            CHECK(blob && fwrite(blob, 1, len, out) == len);
            CHECK(fclose(out) == 0);
        }
    }
    free(blob);
    return device_check_summary("fdt");
}
