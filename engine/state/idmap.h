/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * A hash map from a 64-bit key to a fixed-size value, stored inline:
 * open addressing, linear probing, backward-shift deletion, doubling up to a
 * bound. Keys are sparse (descriptor numbers in the millions, pids, inodes),
 * so nothing is sized by the largest key.
 */
#ifndef KCAP_IDMAP_H
#define KCAP_IDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kcap_idmap {
	uint8_t *slots; /* each slot: the key plus one (0: free), then the value */
	uint32_t mask; /* slots - 1, a power of two */
	uint32_t used;
	uint32_t stride; /* bytes per slot */
	uint32_t max; /* the most entries the map may hold */
};

/* 0 or -ENOMEM; initial is rounded up to a power of two. */
int kcap_idmap_init(struct kcap_idmap *m, uint32_t value_size, uint32_t initial, uint32_t max);
void kcap_idmap_free(struct kcap_idmap *m);
/* The value of key, or NULL. */
void *kcap_idmap_find(const struct kcap_idmap *m, uint64_t key);
/*
 * The value of key, added zeroed when absent (*added set); NULL when the map
 * is at its bound or memory is short. Values may move: a pointer into the
 * map is valid until the next insertion or removal.
 */
void *kcap_idmap_insert(struct kcap_idmap *m, uint64_t key, bool *added);
void kcap_idmap_remove(struct kcap_idmap *m, uint64_t key);
/*
 * Iteration: the value at or after *pos (start at 0), its key in *key, and
 * *pos moved past it; NULL at the end. The map must not change meanwhile.
 */
void *kcap_idmap_next(const struct kcap_idmap *m, uint32_t *pos, uint64_t *key);
/* Heap bytes the map holds. */
size_t kcap_idmap_bytes(const struct kcap_idmap *m);

#endif /* KCAP_IDMAP_H */
