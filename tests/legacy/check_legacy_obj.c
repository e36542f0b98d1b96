// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Proof that a legacy probe object loads on a 4.14 kernel, read from the object
 * itself: every program is at most 4096 instructions, calls only helpers that
 * 4.14 gives tracing programs, has no loop (backward jump), no BPF-to-BPF call,
 * no JMP32 instruction; only 4.14 map and program types; no global data
 * section and no CO-RE relocation (4.14 has neither global data nor BTF).
 *
 *   check_legacy_obj OBJECT      exit 0 when compatible, 1 with one line per problem
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/libbpf.h>

#define MAX_INSNS_4_14 4096
#define LAST_MAP_TYPE_4_14 BPF_MAP_TYPE_SOCKMAP

/* Helper names, by id, from the UAPI header. */
#ifdef ___BPF_FUNC_MAPPER
#define KC_FN(x, id, ...) [id] = "bpf_" #x,
static const char *const helper_names[] = { ___BPF_FUNC_MAPPER(KC_FN) };
#else
#define KC_FN(x) "bpf_" #x
static const char *const helper_names[] = { __BPF_FUNC_MAPPER(KC_FN) };
#endif

/* What 4.14 gives tracepoint programs (kernel/trace/bpf_trace.c of 4.14). */
static const int helpers_4_14[] = {
	BPF_FUNC_map_lookup_elem,     BPF_FUNC_map_update_elem,
	BPF_FUNC_map_delete_elem,     BPF_FUNC_probe_read,
	BPF_FUNC_ktime_get_ns,	      BPF_FUNC_trace_printk,
	BPF_FUNC_get_prandom_u32,     BPF_FUNC_get_smp_processor_id,
	BPF_FUNC_tail_call,	      BPF_FUNC_get_current_pid_tgid,
	BPF_FUNC_get_current_uid_gid, BPF_FUNC_get_current_comm,
	BPF_FUNC_perf_event_read,     BPF_FUNC_perf_event_output,
	BPF_FUNC_get_stackid,	      BPF_FUNC_get_current_task,
	BPF_FUNC_probe_write_user,    BPF_FUNC_current_task_under_cgroup,
	BPF_FUNC_get_numa_node_id,    BPF_FUNC_probe_read_str,
};

static int problems;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("legacy-check: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	problems++;
}

static const char *helper_name(int id)
{
	if (id >= 0 && (size_t)id < sizeof(helper_names) / sizeof(helper_names[0]) &&
	    helper_names[id])
		return helper_names[id];
	return "an unknown helper";
}

static bool helper_ok(int id)
{
	for (size_t i = 0; i < sizeof(helpers_4_14) / sizeof(helpers_4_14[0]); i++)
		if (helpers_4_14[i] == id)
			return true;
	return false;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Tracepoint programs exist since 4.7. A raw tracepoint program (4.17) is
 * accepted only as X_raw with a tracepoint twin X_tp, which the loader uses
 * instead on 4.14-4.16; fillers (tracepoint sections) are retyped at load.
 * io_uring's hook (kcap_uring_submit_raw) needs no twin: io_uring (5.1) is
 * younger than raw tracepoints, and the loader keeps it only with them.
 */
static void check_type(struct bpf_object *obj, struct bpf_program *prog)
{
	enum bpf_prog_type type = bpf_program__type(prog);
	const char *name = bpf_program__name(prog);
	char twin[128];
	struct bpf_program *tp;

	if (type == BPF_PROG_TYPE_TRACEPOINT)
		return;
	if (type == BPF_PROG_TYPE_RAW_TRACEPOINT && strcmp(name, "kcap_uring_submit_raw") == 0)
		return;
	if (type == BPF_PROG_TYPE_RAW_TRACEPOINT && ends_with(name, "_raw")) {
		snprintf(twin, sizeof(twin), "%.*s_tp", (int)(strlen(name) - 4), name);
		tp = bpf_object__find_program_by_name(obj, twin);
		if (tp && bpf_program__type(tp) == BPF_PROG_TYPE_TRACEPOINT)
			return;
		problem("program %s: raw tracepoint (4.17+) without a tracepoint twin %s", name,
			twin);
		return;
	}
	problem("program %s: program type %s (section %s) does not exist in 4.14", name,
		libbpf_bpf_prog_type_str(type), bpf_program__section_name(prog));
}

/*
 * A loop is a back-edge of the control-flow graph (what 4.14's check_cfg
 * rejects), found by depth-first search; a jump to a lower address that closes
 * no cycle (clang's block layout) is fine.
 */
static void check_cfg(const char *name, const struct bpf_insn *insn, size_t n)
{
	unsigned char *color = calloc(n, 1); /* 0 new, 1 on the stack, 2 done */
	size_t *stack = calloc(n, sizeof(*stack)), *next = calloc(n, sizeof(*next));
	size_t sp = 0;

	if (!color || !stack || !next)
		goto out;
	stack[sp++] = 0;
	color[0] = 1;
	while (sp) {
		size_t i = stack[sp - 1], succ[2], ns = 0;
		__u8 cls = BPF_CLASS(insn[i].code), op = BPF_OP(insn[i].code);
		size_t width = insn[i].code == (BPF_LD | BPF_IMM | BPF_DW) ? 2 : 1;

		if (cls == BPF_JMP && op == BPF_EXIT) {
			ns = 0;
		} else if (cls == BPF_JMP && op == BPF_JA) {
			succ[ns++] = i + 1 + insn[i].off;
		} else if ((cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_CALL) {
			succ[ns++] = i + 1;
			succ[ns++] = i + 1 + insn[i].off;
		} else {
			succ[ns++] = i + width;
		}
		if (next[i] >= ns) {
			color[i] = 2;
			sp--;
			continue;
		}
		size_t t = succ[next[i]++];

		if (t >= n) {
			problem("program %s: jump out of the program at instruction %zu", name, i);
		} else if (color[t] == 1) {
			problem("program %s: loop (back-edge from instruction %zu to %zu; 4.14 "
				"needs unrolled code)",
				name, i, t);
		} else if (color[t] == 0) {
			color[t] = 1;
			stack[sp++] = t;
		}
	}
out:
	free(color);
	free(stack);
	free(next);
}

static void check_insns(struct bpf_program *prog)
{
	const struct bpf_insn *insn = bpf_program__insns(prog);
	size_t n = bpf_program__insn_cnt(prog);
	const char *name = bpf_program__name(prog);

	if (n > MAX_INSNS_4_14)
		problem("program %s: %zu instructions, over the 4.14 limit of %d", name, n,
			MAX_INSNS_4_14);
	for (size_t i = 0; i < n; i++) {
		__u8 cls = BPF_CLASS(insn[i].code), op = BPF_OP(insn[i].code);

		if (cls == BPF_JMP32) {
			problem("program %s: JMP32 instruction at %zu (5.1+; build with -mcpu=v1)",
				name, i);
			continue;
		}
		if (cls != BPF_JMP || op != BPF_CALL)
			continue;
		if (insn[i].src_reg == BPF_PSEUDO_CALL)
			problem("program %s: BPF-to-BPF call at instruction %zu (4.16+)", name, i);
		else if (insn[i].src_reg != 0)
			problem("program %s: kfunc call at instruction %zu (5.13+)", name, i);
		else if (!helper_ok(insn[i].imm))
			problem("program %s: calls helper %s (id %d), which 4.14 lacks", name,
				helper_name(insn[i].imm), insn[i].imm);
	}
	if (n)
		check_cfg(name, insn, n);
}

static void check_maps(struct bpf_object *obj)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj)
	{
		enum bpf_map_type type = bpf_map__type(map);

		if (bpf_map__is_internal(map))
			problem("map %s: global data (5.2+); use an array map", bpf_map__name(map));
		else if (type > LAST_MAP_TYPE_4_14)
			problem("map %s: map type %s does not exist in 4.14", bpf_map__name(map),
				libbpf_bpf_map_type_str(type));
	}
}

/* Global data sections and CO-RE relocations, from the ELF itself. */
static void check_elf(const char *path)
{
	int fd = open(path, O_RDONLY);
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	Elf *elf;

	elf_version(EV_CURRENT);
	elf = fd < 0 ? NULL : elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx)) {
		problem("%s: not an ELF file", path);
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(elf, shstrndx, sh.sh_name)))
			continue;
		if ((!strncmp(name, ".data", 5) || !strncmp(name, ".bss", 4) ||
		     !strncmp(name, ".rodata", 7)) &&
		    sh.sh_size)
			problem("section %s: global data (5.2+)", name);
		/* struct btf_ext_header: magic, version, flags, hdr_len, func/line info,
		 * then core_relo_off and core_relo_len when hdr_len >= 32 */
		if (!strcmp(name, ".BTF.ext") && (d = elf_getdata(scn, NULL)) && d->d_size >= 32) {
			__u32 hdr_len, core_len;

			memcpy(&hdr_len, (char *)d->d_buf + 4, 4);
			memcpy(&core_len, (char *)d->d_buf + 28, 4);
			if (hdr_len >= 32 && core_len)
				problem("CO-RE relocations in .BTF.ext: the object needs kernel BTF "
					"(5.4+); build without preserve_access_index");
		}
	}
out:
	if (elf)
		elf_end(elf);
	if (fd >= 0)
		close(fd);
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, ap) : 0;
}

int main(int argc, char **argv)
{
	struct bpf_program *prog;
	struct bpf_object *obj;
	int nprogs = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OBJECT\n", argv[0]);
		return 2;
	}
	libbpf_set_print(quiet);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		printf("legacy-check: cannot open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	check_elf(argv[1]);
	check_maps(obj);
	bpf_object__for_each_program(prog, obj)
	{
		check_type(obj, prog);
		check_insns(prog);
		nprogs++;
		if (getenv("KCAP_CHECK_VERBOSE"))
			printf("%-28s %5zu instructions\n", bpf_program__name(prog),
			       bpf_program__insn_cnt(prog));
	}
	bpf_object__close(obj);
	if (problems) {
		printf("legacy-check: %s: %d problem(s): NOT loadable on 4.14\n", argv[1],
		       problems);
		return 1;
	}
	printf("legacy-check: %s: %d programs, 4.14-compatible\n", argv[1], nprogs);
	return 0;
}
