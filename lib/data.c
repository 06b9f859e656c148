#include <string.h>

#include "safi/data.h"

int
safi_data_next_entry(const char *text, size_t n, size_t *pos,
                     uint64_t *lineno, const char **entry, size_t *len)
{
	size_t i, j, e;

	for (i = *pos; i < n; i = e + 1) {
		const char *nl = memchr(text + i, '\n', n - i);

		e = nl ? (size_t)(nl - text) : n;
		++*lineno;
		j = e;
		while (i < j && (text[i] == ' ' || text[i] == '\t'))
			i++;
		while (j > i && (text[j - 1] == ' ' || text[j - 1] == '\t' ||
		                 text[j - 1] == '\r'))
			j--;
		if (i == j || text[i] == '#')
			continue;
		*pos = e + 1;
		*entry = text + i;
		*len = j - i;
		return 1;
	}
	*pos = n;
	return 0;
}
