/*
 * driver.c - runs a libFuzzer target over files without libFuzzer, so that
 * make check replays the seed corpus through every target's assertions
 * with any compiler.  Usage: TARGET FILE...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *data = NULL;
		size_t len = 0, cap = 0, k;

		if (f == NULL) {
			perror(argv[i]);
			return 1;
		}
		for (;;) {
			if (len == cap) {
				cap = cap ? cap * 2 : 65536;
				if ((data = realloc(data, cap)) == NULL)
					return 1;
			}
			k = fread(data + len, 1, cap - len, f);
			if (k == 0)
				break;
			len += k;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(data, len);
		free(data);
	}
	return 0;
}
