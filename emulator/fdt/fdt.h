/*
 * A flattened device tree (DTB) builder, written from the Devicetree Specification v0.4,
 * chapter 5 ("Flattened Devicetree (DTB) Format").
 *
 * The machine describes itself to the guest kernel with it: open the root node, add its
 * properties, open and close child nodes, close the root, then finish into one buffer the
 * loader places in guest RAM. Nodes are written in the order they are opened; a node's
 * properties must come before its first child (the format requires it).
 *
 * No fixed-size limits: every block grows as needed. Errors are sticky: the first misuse
 * (a property outside a node, a property after a child node, unbalanced nodes, a second
 * root) or allocation failure makes that call and every later one return -1, and
 * spin_fdt_error() says what went wrong. Nothing here crashes on misuse.
 *
 *     spin_fdt fdt;
 *     spin_fdt_init(&fdt);
 *     spin_fdt_begin_node(&fdt, "");                 // the root
 *     spin_fdt_property_u32(&fdt, "#address-cells", 2);
 *     spin_fdt_begin_node(&fdt, "chosen");
 *     spin_fdt_property_string(&fdt, "bootargs", "console=ttyS0");
 *     spin_fdt_end_node(&fdt);
 *     spin_fdt_end_node(&fdt);
 *     uint8_t *dtb; size_t len;
 *     if (spin_fdt_finish(&fdt, 0, &dtb, &len) != 0) ... spin_fdt_error(&fdt) ...
 *     spin_fdt_destroy(&fdt);
 *     ... free(dtb);
 */
#ifndef SPIN_EMULATOR_FDT_H
#define SPIN_EMULATOR_FDT_H

#include <stddef.h>
#include <stdint.h>

#define SPIN_FDT_MAGIC 0xd00dfeedu
#define SPIN_FDT_VERSION 17u
#define SPIN_FDT_LAST_COMP_VERSION 16u
#define SPIN_FDT_BEGIN_NODE 0x1u
#define SPIN_FDT_END_NODE 0x2u
#define SPIN_FDT_PROP 0x3u
#define SPIN_FDT_NOP 0x4u
#define SPIN_FDT_END 0x9u
#define SPIN_FDT_HEADER_SIZE 40u

/* A growable byte buffer (internal to the builder, exposed only so spin_fdt can live on
 * the stack). */
typedef struct spin_fdt_buf {
    uint8_t *data;
    size_t len, cap;
} spin_fdt_buf;

typedef struct spin_fdt {
    spin_fdt_buf reserve;   /* memory reservation entries (without the terminator) */
    spin_fdt_buf structure; /* structure block tokens */
    spin_fdt_buf strings;   /* property names, each once */
    unsigned depth;         /* nodes currently open */
    int root_done;          /* the root node has been closed */
    int has_child;          /* the innermost open node already has a child node */
    uint32_t next_phandle;
    const char *error;      /* first error, or NULL */
} spin_fdt;

void spin_fdt_init(spin_fdt *fdt);
/* Frees the builder's blocks (not a buffer returned by spin_fdt_finish). */
void spin_fdt_destroy(spin_fdt *fdt);
/* The first error, or NULL if none happened. */
const char *spin_fdt_error(const spin_fdt *fdt);

/* A memory reservation entry (the machine usually has none). */
int spin_fdt_add_reservation(spin_fdt *fdt, uint64_t address, uint64_t size);

/* The first node opened is the root, whose name is "". Others need a non-empty name
 * without '/' ("cpu@0", "soc"). */
int spin_fdt_begin_node(spin_fdt *fdt, const char *name);
int spin_fdt_end_node(spin_fdt *fdt);

/* A property of the innermost open node. len may be 0 (a boolean such as
 * "interrupt-controller"); data may then be NULL. */
int spin_fdt_property(spin_fdt *fdt, const char *name, const void *data, size_t len);
int spin_fdt_property_empty(spin_fdt *fdt, const char *name);
/* Cells are stored big-endian, as the format wants. */
int spin_fdt_property_u32(spin_fdt *fdt, const char *name, uint32_t value);
int spin_fdt_property_u64(spin_fdt *fdt, const char *name, uint64_t value);
int spin_fdt_property_u32_array(spin_fdt *fdt, const char *name, const uint32_t *values,
                                size_t count);
/* Each value as two cells (high, low): "reg" with #address-cells = #size-cells = 2 is
 * spin_fdt_property_u64_array(fdt, "reg", (uint64_t[]){base, size}, 2). */
int spin_fdt_property_u64_array(spin_fdt *fdt, const char *name, const uint64_t *values,
                                size_t count);
int spin_fdt_property_string(spin_fdt *fdt, const char *name, const char *value);
/* A string list ("compatible" with several entries): each string NUL-terminated, in order. */
int spin_fdt_property_strings(spin_fdt *fdt, const char *name, const char *const *values,
                              size_t count);

/* A fresh phandle value (1, 2, ...) to put in a node's "phandle" property and in the
 * properties that refer to it. */
uint32_t spin_fdt_alloc_phandle(spin_fdt *fdt);

/* Assembles header, reservation block, structure block and strings block into one newly
 * allocated buffer (*out, free() it) of *len bytes. Fails if nodes are still open, no
 * root was written, or an earlier call failed. The builder may be destroyed afterwards. */
int spin_fdt_finish(spin_fdt *fdt, uint32_t boot_cpuid_phys, uint8_t **out, size_t *len);

#endif
