/*
 * boilerplate_map.c - the hash map of 64-bit keys that the stages of the
 * boilerplate classifier share: the lexicon's words, the lines of a
 * document, the cross-document table.
 */
#include <stdlib.h>
#include <string.h>

#include "boilerplate_stages.h"
#include "mem.h"
#include "safi/error.h"

int
safi_bp_map_grow(struct bp_map *m, size_t want)
{
	size_t cap = m->cap ? m->cap : 64, i;
	struct bp_entry *e;

	while (cap < want * 2)
		cap *= 2;
	if (cap <= m->cap)
		return 0;
	if ((e = calloc(cap, sizeof *e)) == NULL)
		return SAFI_ENOMEM;
	safi_mem_large(e, cap * sizeof *e);
	for (i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->e[i].key)
			continue;
		j = m->e[i].key & (cap - 1);
		while (e[j].key)
			j = (j + 1) & (cap - 1);
		e[j] = m->e[i];
	}
	free(m->e);
	m->e = e;
	m->cap = cap;
	return 0;
}

int
safi_bp_map_slot(struct bp_map *m, uint64_t key, uint64_t **val)
{
	size_t j;
	int err;

	if ((m->n + 1) * 2 > m->cap && (err = safi_bp_map_grow(m, m->n + 1)) < 0)
		return err;
	j = key & (m->cap - 1);
	while (m->e[j].key && m->e[j].key != key)
		j = (j + 1) & (m->cap - 1);
	if (!m->e[j].key) {
		m->e[j].key = key;
		m->e[j].val = 0;
		m->n++;
	}
	*val = &m->e[j].val;
	return 0;
}

void
safi_bp_map_clear(struct bp_map *m)
{
	if (m->cap)
		memset(m->e, 0, m->cap * sizeof *m->e);
	m->n = 0;
}

void
safi_bp_map_free(struct bp_map *m)
{
	free(m->e);
	memset(m, 0, sizeof *m);
}
