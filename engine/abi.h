/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* The sized-struct rule of kcap.h's "ABI" paragraph, in one place. */
#ifndef KCAP_ABI_H
#define KCAP_ABI_H

#include <stddef.h>

/*
 * Copies the caller's struct in (whose first member, a size_t, is its size as
 * the caller was built) into out, this library's struct of out_size bytes:
 * what an older, smaller struct lacks stays 0; a newer, larger one is taken
 * when its bytes past out_size are all 0. -EINVAL for a NULL struct or a size
 * smaller than its sz member, -EOPNOTSUPP for a non-zero field this library
 * does not know; err says which, naming what (the struct's type).
 */
int kcap_abi_copy(void *out, size_t out_size, const void *in, const char *what, char *err,
		  size_t errlen);

/*
 * Hands out full, this library's filled struct of full_size bytes, to the
 * caller's struct out of out->sz bytes (its first member): the bytes both
 * know are copied, those only a newer caller knows are zeroed, out->sz is
 * kept. -EINVAL for a NULL struct or an sz smaller than the sz member.
 */
int kcap_abi_fill(void *out, const void *full, size_t full_size);

#endif /* KCAP_ABI_H */
