// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The inline-value hash map of idmap.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "idmap.h"

static uint64_t slot_key(const struct kcap_idmap *m, uint32_t i)
{
	uint64_t k;

	memcpy(&k, m->slots + (size_t)i * m->stride, sizeof(k));
	return k;
}

static void *slot_value(const struct kcap_idmap *m, uint32_t i)
{
	return m->slots + (size_t)i * m->stride + sizeof(uint64_t);
}

static uint32_t home_of(uint32_t mask, uint64_t stored)
{
	/* a 64-bit multiplicative hash: descriptors and pids are small and dense */
	return (uint32_t)((stored * 0x9e3779b97f4a7c15ull) >> 32) & mask;
}

static uint32_t round_up_pow2(uint32_t v)
{
	uint32_t p = 8;

	while (p < v && p < (1u << 31))
		p <<= 1;
	return p;
}

int kcap_idmap_init(struct kcap_idmap *m, uint32_t value_size, uint32_t initial, uint32_t max)
{
	uint32_t size = round_up_pow2(initial);

	m->stride = (uint32_t)(sizeof(uint64_t) + ((value_size + 7u) & ~7u));
	m->slots = calloc(size, m->stride);
	if (!m->slots)
		return -ENOMEM;
	m->mask = size - 1;
	m->used = 0;
	m->max = max;
	return 0;
}

void kcap_idmap_free(struct kcap_idmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->used = 0;
}

void *kcap_idmap_find(const struct kcap_idmap *m, uint64_t key)
{
	uint64_t stored = key + 1, k;

	for (uint32_t i = home_of(m->mask, stored);; i = (i + 1) & m->mask) {
		k = slot_key(m, i);
		if (k == stored)
			return slot_value(m, i);
		if (!k)
			return NULL;
	}
}

static int grow(struct kcap_idmap *m)
{
	struct kcap_idmap bigger = *m;
	uint32_t size = (m->mask + 1) * 2;

	/* never more than twice what the bound needs at three quarters full */
	if (size > (1u << 30) || (uint64_t)size * 3 > (uint64_t)m->max * 8 + 64)
		return -ENOSPC;
	bigger.slots = calloc(size, m->stride);
	if (!bigger.slots)
		return -ENOMEM;
	bigger.mask = size - 1;
	for (uint32_t i = 0; i <= m->mask; i++) {
		uint64_t k = slot_key(m, i);
		uint32_t j;

		if (!k)
			continue;
		for (j = home_of(bigger.mask, k); slot_key(&bigger, j); j = (j + 1) & bigger.mask)
			;
		memcpy(bigger.slots + (size_t)j * m->stride, m->slots + (size_t)i * m->stride,
		       m->stride);
	}
	free(m->slots);
	*m = bigger;
	return 0;
}

void *kcap_idmap_insert(struct kcap_idmap *m, uint64_t key, bool *added)
{
	uint64_t stored = key + 1;
	uint32_t i;
	void *v = kcap_idmap_find(m, key);

	*added = false;
	if (v)
		return v;
	if (m->used >= m->max)
		return NULL;
	if ((m->used + 1) * 4 > (m->mask + 1) * 3 && grow(m))
		return NULL;
	for (i = home_of(m->mask, stored); slot_key(m, i); i = (i + 1) & m->mask)
		;
	memcpy(m->slots + (size_t)i * m->stride, &stored, sizeof(stored));
	memset(slot_value(m, i), 0, m->stride - sizeof(stored));
	m->used++;
	*added = true;
	return slot_value(m, i);
}

void kcap_idmap_remove(struct kcap_idmap *m, uint64_t key)
{
	uint64_t stored = key + 1, k;
	uint32_t hole, i;

	for (hole = home_of(m->mask, stored);; hole = (hole + 1) & m->mask) {
		k = slot_key(m, hole);
		if (!k)
			return;
		if (k == stored)
			break;
	}
	memset(m->slots + (size_t)hole * m->stride, 0, m->stride);
	m->used--;
	/* Shift back later entries of the probe run so lookups still find them. */
	for (i = (hole + 1) & m->mask; (k = slot_key(m, i)); i = (i + 1) & m->mask) {
		uint32_t home = home_of(m->mask, k);

		if (((i - home) & m->mask) >= ((i - hole) & m->mask)) {
			memcpy(m->slots + (size_t)hole * m->stride,
			       m->slots + (size_t)i * m->stride, m->stride);
			memset(m->slots + (size_t)i * m->stride, 0, m->stride);
			hole = i;
		}
	}
}

void *kcap_idmap_next(const struct kcap_idmap *m, uint32_t *pos, uint64_t *key)
{
	for (uint32_t i = *pos; i <= m->mask; i++) {
		uint64_t k = slot_key(m, i);

		if (k) {
			*pos = i + 1;
			*key = k - 1;
			return slot_value(m, i);
		}
	}
	*pos = m->mask + 1;
	return NULL;
}

size_t kcap_idmap_bytes(const struct kcap_idmap *m)
{
	return m->slots ? (size_t)(m->mask + 1) * m->stride : 0;
}
