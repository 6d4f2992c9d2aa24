/* Flattened device tree builder. See fdt.h.
 *
 * Layout of the finished blob (Devicetree Specification v0.4, 5.1-5.5):
 *   header (40 bytes, big-endian u32 fields)
 *   memory reservation block: 8-byte aligned, (address, size) u64 pairs, ended by (0, 0)
 *   structure block: 4-byte aligned tokens; BEGIN_NODE + NUL-terminated name padded to 4,
 *                    PROP + len + nameoff + data padded to 4, END_NODE, and one final END
 *   strings block: NUL-terminated property names, referred to by offset (nameoff)
 */
#include "fdt.h"

#include <stdlib.h>
#include <string.h>

static int fail(spin_fdt *fdt, const char *why) {
    if (!fdt->error) fdt->error = why;
    return -1;
}

/* Makes room for n more bytes; doubles so appends stay linear. */
static int buf_reserve(spin_fdt *fdt, spin_fdt_buf *b, size_t n) {
    if (fdt->error) return -1;
    if (n > SIZE_MAX - b->len) return fail(fdt, "fdt: size overflow");
    size_t need = b->len + n;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    uint8_t *p = realloc(b->data, cap);
    if (!p) return fail(fdt, "fdt: out of memory");
    b->data = p;
    b->cap = cap;
    return 0;
}

static int buf_append(spin_fdt *fdt, spin_fdt_buf *b, const void *data, size_t n) {
    if (buf_reserve(fdt, b, n) != 0) return -1;
    if (n) memcpy(b->data + b->len, data, n);
    b->len += n;
    return 0;
}

static void put_be32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void put_be64(uint8_t *p, uint64_t v) {
    put_be32(p, (uint32_t)(v >> 32));
    put_be32(p + 4, (uint32_t)v);
}

static int append_be32(spin_fdt *fdt, spin_fdt_buf *b, uint32_t v) {
    uint8_t bytes[4];
    put_be32(bytes, v);
    return buf_append(fdt, b, bytes, 4);
}

/* Zero bytes up to the next multiple of 4 (structure block alignment). */
static int pad4(spin_fdt *fdt, spin_fdt_buf *b) {
    static const uint8_t zeros[4];
    return buf_append(fdt, b, zeros, (4 - (b->len & 3)) & 3);
}

void spin_fdt_init(spin_fdt *fdt) {
    memset(fdt, 0, sizeof *fdt);
    fdt->next_phandle = 1;
}

void spin_fdt_destroy(spin_fdt *fdt) {
    free(fdt->reserve.data);
    free(fdt->structure.data);
    free(fdt->strings.data);
    memset(fdt, 0, sizeof *fdt);
}

const char *spin_fdt_error(const spin_fdt *fdt) { return fdt->error; }

int spin_fdt_add_reservation(spin_fdt *fdt, uint64_t address, uint64_t size) {
    uint8_t entry[16];
    put_be64(entry, address);
    put_be64(entry + 8, size);
    return buf_append(fdt, &fdt->reserve, entry, sizeof entry);
}

int spin_fdt_begin_node(spin_fdt *fdt, const char *name) {
    if (fdt->error) return -1;
    if (!name) return fail(fdt, "fdt: node name is NULL");
    if (fdt->root_done) return fail(fdt, "fdt: node after the root node was closed");
    if (fdt->depth == 0 && name[0] != '\0') return fail(fdt, "fdt: the root node's name must be empty");
    if (fdt->depth > 0 && (name[0] == '\0' || strchr(name, '/')))
        return fail(fdt, "fdt: node name is empty or contains '/'");
    if (fdt->depth == UINT32_MAX) return fail(fdt, "fdt: nodes nested too deeply");
    if (append_be32(fdt, &fdt->structure, SPIN_FDT_BEGIN_NODE) != 0) return -1;
    if (buf_append(fdt, &fdt->structure, name, strlen(name) + 1) != 0) return -1;
    if (pad4(fdt, &fdt->structure) != 0) return -1;
    fdt->depth++;
    fdt->has_child = 0;
    return 0;
}

int spin_fdt_end_node(spin_fdt *fdt) {
    if (fdt->error) return -1;
    if (fdt->depth == 0) return fail(fdt, "fdt: end_node without an open node");
    if (append_be32(fdt, &fdt->structure, SPIN_FDT_END_NODE) != 0) return -1;
    fdt->depth--;
    /* The parent now has (at least) this child: no more properties for it. */
    fdt->has_child = 1;
    if (fdt->depth == 0) fdt->root_done = 1;
    return 0;
}

/* Offset of name in the strings block, adding it if it is not there yet. */
static int string_offset(spin_fdt *fdt, const char *name, uint32_t *offset) {
    size_t n = strlen(name) + 1;
    const uint8_t *s = fdt->strings.data;
    for (size_t at = 0; at < fdt->strings.len;) {
        size_t here = strlen((const char *)s + at) + 1;
        if (here == n && memcmp(s + at, name, n) == 0) {
            *offset = (uint32_t)at;
            return 0;
        }
        at += here;
    }
    if (fdt->strings.len > UINT32_MAX) return fail(fdt, "fdt: strings block too large");
    *offset = (uint32_t)fdt->strings.len;
    return buf_append(fdt, &fdt->strings, name, n);
}

int spin_fdt_property(spin_fdt *fdt, const char *name, const void *data, size_t len) {
    if (fdt->error) return -1;
    if (!name || name[0] == '\0') return fail(fdt, "fdt: property name is empty");
    if (fdt->depth == 0) return fail(fdt, "fdt: property outside a node");
    if (fdt->has_child) return fail(fdt, "fdt: property after a child node");
    if (len > UINT32_MAX) return fail(fdt, "fdt: property too large");
    if (len && !data) return fail(fdt, "fdt: property data is NULL");
    uint32_t nameoff;
    if (string_offset(fdt, name, &nameoff) != 0) return -1;
    if (append_be32(fdt, &fdt->structure, SPIN_FDT_PROP) != 0) return -1;
    if (append_be32(fdt, &fdt->structure, (uint32_t)len) != 0) return -1;
    if (append_be32(fdt, &fdt->structure, nameoff) != 0) return -1;
    if (buf_append(fdt, &fdt->structure, data, len) != 0) return -1;
    return pad4(fdt, &fdt->structure);
}

int spin_fdt_property_empty(spin_fdt *fdt, const char *name) {
    return spin_fdt_property(fdt, name, NULL, 0);
}

int spin_fdt_property_u32(spin_fdt *fdt, const char *name, uint32_t value) {
    return spin_fdt_property_u32_array(fdt, name, &value, 1);
}

int spin_fdt_property_u64(spin_fdt *fdt, const char *name, uint64_t value) {
    return spin_fdt_property_u64_array(fdt, name, &value, 1);
}

/* Builds a property whose value is assembled in a temporary buffer. */
static int property_cells(spin_fdt *fdt, const char *name, const void *values, size_t count,
                          size_t cell_bytes) {
    if (fdt->error) return -1;
    if (count && !values) return fail(fdt, "fdt: property values are NULL");
    if (count > UINT32_MAX / cell_bytes) return fail(fdt, "fdt: property too large");
    size_t len = count * cell_bytes;
    uint8_t *tmp = malloc(len ? len : 1);
    if (!tmp) return fail(fdt, "fdt: out of memory");
    for (size_t i = 0; i < count; i++) {
        if (cell_bytes == 4) put_be32(tmp + 4 * i, ((const uint32_t *)values)[i]);
        else put_be64(tmp + 8 * i, ((const uint64_t *)values)[i]);
    }
    int r = spin_fdt_property(fdt, name, tmp, len);
    free(tmp);
    return r;
}

int spin_fdt_property_u32_array(spin_fdt *fdt, const char *name, const uint32_t *values,
                                size_t count) {
    return property_cells(fdt, name, values, count, 4);
}

int spin_fdt_property_u64_array(spin_fdt *fdt, const char *name, const uint64_t *values,
                                size_t count) {
    return property_cells(fdt, name, values, count, 8);
}

int spin_fdt_property_string(spin_fdt *fdt, const char *name, const char *value) {
    if (!value) return fail(fdt, "fdt: string value is NULL");
    return spin_fdt_property(fdt, name, value, strlen(value) + 1);
}

int spin_fdt_property_strings(spin_fdt *fdt, const char *name, const char *const *values,
                              size_t count) {
    if (fdt->error) return -1;
    if (count && !values) return fail(fdt, "fdt: string list is NULL");
    spin_fdt_buf list = {0};
    for (size_t i = 0; i < count; i++) {
        if (!values[i]) {
            free(list.data);
            return fail(fdt, "fdt: string in list is NULL");
        }
        if (buf_append(fdt, &list, values[i], strlen(values[i]) + 1) != 0) {
            free(list.data);
            return -1;
        }
    }
    int r = spin_fdt_property(fdt, name, list.data, list.len);
    free(list.data);
    return r;
}

uint32_t spin_fdt_alloc_phandle(spin_fdt *fdt) {
    /* 0 and 0xffffffff are not valid phandles; running out is an error, not a wrap. */
    if (fdt->next_phandle == 0 || fdt->next_phandle == UINT32_MAX) {
        fail(fdt, "fdt: out of phandles");
        return 0;
    }
    return fdt->next_phandle++;
}

int spin_fdt_finish(spin_fdt *fdt, uint32_t boot_cpuid_phys, uint8_t **out, size_t *len) {
    *out = NULL;
    *len = 0;
    if (fdt->error) return -1;
    if (fdt->depth != 0) return fail(fdt, "fdt: nodes left open");
    if (!fdt->root_done) return fail(fdt, "fdt: no root node");

    /* Header, then the reservation block at 40 (a multiple of 8), then structure
     * (a multiple of 4 long), then strings. */
    size_t off_rsv = SPIN_FDT_HEADER_SIZE;
    size_t rsv_len = fdt->reserve.len + 16;
    size_t off_struct = off_rsv + rsv_len;
    size_t struct_len = fdt->structure.len + 4; /* + FDT_END */
    size_t off_strings = off_struct + struct_len;
    size_t strings_len = fdt->strings.len;
    if (struct_len > UINT32_MAX || strings_len > UINT32_MAX ||
        off_strings > UINT32_MAX - strings_len)
        return fail(fdt, "fdt: tree too large");
    size_t total = off_strings + strings_len;

    uint8_t *blob = calloc(1, total);
    if (!blob) return fail(fdt, "fdt: out of memory");
    put_be32(blob + 0, SPIN_FDT_MAGIC);
    put_be32(blob + 4, (uint32_t)total);
    put_be32(blob + 8, (uint32_t)off_struct);
    put_be32(blob + 12, (uint32_t)off_strings);
    put_be32(blob + 16, (uint32_t)off_rsv);
    put_be32(blob + 20, SPIN_FDT_VERSION);
    put_be32(blob + 24, SPIN_FDT_LAST_COMP_VERSION);
    put_be32(blob + 28, boot_cpuid_phys);
    put_be32(blob + 32, (uint32_t)strings_len);
    put_be32(blob + 36, (uint32_t)struct_len);
    if (fdt->reserve.len) memcpy(blob + off_rsv, fdt->reserve.data, fdt->reserve.len);
    /* the (0, 0) terminator is already zero */
    if (fdt->structure.len) memcpy(blob + off_struct, fdt->structure.data, fdt->structure.len);
    put_be32(blob + off_struct + fdt->structure.len, SPIN_FDT_END);
    if (strings_len) memcpy(blob + off_strings, fdt->strings.data, strings_len);
    *out = blob;
    *len = total;
    return 0;
}
