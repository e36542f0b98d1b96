// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The legacy probe object of the running kernel: where it is looked for, and
 * the check that it was built for this kernel (its types are compiled in).
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include "legacy_object.h"
#include "kcap_legacy_paths.h"

int kcap_legacy_find_object(char *path, size_t pathlen, char *err, size_t errlen)
{
	const char *env_obj = getenv("KCAP_LEGACY_OBJ");
	const char *env_dir = getenv("KCAP_LEGACY_DIR");
	const char *dirs[] = { env_dir, KCAP_LEGACY_BUILD_DIR, KCAP_LEGACY_INSTALL_DIR };
	char tried[1024] = "";
	struct utsname u;

	if (env_obj && *env_obj) {
		if (access(env_obj, R_OK) == 0) {
			snprintf(path, pathlen, "%s", env_obj);
			return 0;
		}
		snprintf(err, errlen, "legacy: KCAP_LEGACY_OBJ=%s cannot be read: %s", env_obj,
			 strerror(errno));
		return -ENOENT;
	}
	uname(&u);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!dirs[i] || !*dirs[i])
			continue;
		snprintf(path, pathlen, "%s/%s/%s", dirs[i], u.release, KCAP_LEGACY_OBJ_NAME);
		if (access(path, R_OK) == 0)
			return 0;
		if (tried[0])
			strncat(tried, ", ", sizeof(tried) - strlen(tried) - 1);
		strncat(tried, path, sizeof(tried) - strlen(tried) - 1);
	}
	snprintf(err, errlen,
		 "legacy: no probe object for kernel %s; tried %s. Build one with "
		 "'bpf_legacy/build.sh --kdir /lib/modules/%s/build --out-dir DIR' "
		 "(or --btf /sys/kernel/btf/vmlinux) and set KCAP_LEGACY_DIR=DIR, or set "
		 "KCAP_LEGACY_OBJ=FILE",
		 u.release, tried, u.release);
	return -ENOENT;
}

/* The .kcap.release section of the object: the kernel it was built for. */
static int object_release(const char *path, char *rel, size_t len)
{
	FILE *f = fopen(path, "rb");
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strsh;
	char name[32];
	int ret = -1;

	if (!f)
		return -1;
	if (fread(&eh, sizeof(eh), 1, f) != 1 || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shstrndx >= eh.e_shnum)
		goto out;
	if (fseek(f, (long)(eh.e_shoff + (Elf64_Off)eh.e_shstrndx * sizeof(sh)), SEEK_SET) ||
	    fread(&strsh, sizeof(strsh), 1, f) != 1)
		goto out;
	for (unsigned int i = 1; i < eh.e_shnum && ret; i++) {
		if (fseek(f, (long)(eh.e_shoff + (Elf64_Off)i * sizeof(sh)), SEEK_SET) ||
		    fread(&sh, sizeof(sh), 1, f) != 1 ||
		    fseek(f, (long)(strsh.sh_offset + sh.sh_name), SEEK_SET) ||
		    !fgets(name, sizeof(name), f) || strcmp(name, ".kcap.release") != 0)
			continue;
		if (sh.sh_size == 0 || sh.sh_size >= len ||
		    fseek(f, (long)sh.sh_offset, SEEK_SET) ||
		    fread(rel, 1, sh.sh_size, f) != sh.sh_size)
			break;
		rel[sh.sh_size] = 0;
		ret = 0;
	}
out:
	fclose(f);
	return ret;
}

/* Types are compiled in: an object for another kernel would read garbage. */
int kcap_legacy_check_release(const char *path, char *err, size_t errlen)
{
	char rel[256];
	struct utsname u;

	uname(&u);
	if (object_release(path, rel, sizeof(rel)) != 0) {
		snprintf(err, errlen,
			 "legacy: %s has no .kcap.release section: not a kcap legacy object, or "
			 "built by an older kcap; rebuild it with bpf_legacy/build.sh",
			 path);
		return -EINVAL;
	}
	if (strcmp(rel, u.release) != 0 && !getenv("KCAP_LEGACY_ANY_KERNEL")) {
		snprintf(err, errlen,
			 "legacy: %s was built for kernel %s, this is %s: build it for this "
			 "kernel with bpf_legacy/build.sh (KCAP_LEGACY_ANY_KERNEL=1 overrides)",
			 path, rel, u.release);
		return -EINVAL;
	}
	return 0;
}
