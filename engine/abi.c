// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Sized structs across library versions (abi.h). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "abi.h"

int kcap_abi_copy(void *out, size_t out_size, const void *in, const char *what, char *err,
		  size_t errlen)
{
	size_t sz;

	memset(out, 0, out_size);
	if (!in) {
		snprintf(err, errlen, "%s is NULL", what);
		return -EINVAL;
	}
	memcpy(&sz, in, sizeof(sz));
	if (sz < sizeof(sz)) {
		snprintf(err, errlen,
			 "%s: sz is %zu, smaller than the sz field itself (set it to sizeof(%s))",
			 what, sz, what);
		return -EINVAL;
	}
	for (size_t i = out_size; i < sz; i++) {
		if (((const uint8_t *)in)[i]) {
			snprintf(err, errlen,
				 "%s: byte %zu is set, a field this libkcap (%zu-byte %s) does not "
				 "have: the program was built against a newer libkcap",
				 what, i, out_size, what);
			return -EOPNOTSUPP;
		}
	}
	memcpy(out, in, sz < out_size ? sz : out_size);
	return 0;
}

int kcap_abi_fill(void *out, const void *full, size_t full_size)
{
	size_t sz;

	if (!out)
		return -EINVAL;
	memcpy(&sz, out, sizeof(sz));
	if (sz < sizeof(sz))
		return -EINVAL;
	if (sz > full_size)
		memset((uint8_t *)out + full_size, 0, sz - full_size);
	memcpy((uint8_t *)out + sizeof(sz), (const uint8_t *)full + sizeof(sz),
	       (sz < full_size ? sz : full_size) - sizeof(sz));
	return 0;
}
