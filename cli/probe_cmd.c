// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* kcap probe [-j]: which backends can run here, why not, and what auto picks. */
#include <stdio.h>
#include <string.h>
#include "kcap.h"
#include "commands.h"

static const char *yes(int v)
{
	return v ? "yes" : "no";
}

static void print_json(const struct kcap_probe *p)
{
	printf("{\"kernel\":");
	json_string(p->kernel);
	printf(",\"privileges\":{\"root\":%s,\"cap_sys_admin\":%s,\"cap_bpf\":%s,"
	       "\"cap_perfmon\":%s},\"lockdown\":",
	       p->root ? "true" : "false", p->cap_sys_admin ? "true" : "false",
	       p->cap_bpf ? "true" : "false", p->cap_perfmon ? "true" : "false");
	json_string(p->lockdown);
	printf(",\"features\":{\"btf\":%s,\"ringbuf\":%s,\"perf_event_array\":%s,"
	       "\"raw_tracepoint\":%s,\"tp_btf\":%s,\"tracefs\":%s,\"syscall_tracepoints\":%s,"
	       "\"kmod_device\":%s},"
	       "\"backends\":[",
	       p->btf ? "true" : "false", p->ringbuf ? "true" : "false",
	       p->perf_event_array ? "true" : "false", p->raw_tracepoint ? "true" : "false",
	       p->tp_btf ? "true" : "false", p->tracefs ? "true" : "false",
	       p->syscall_tracepoints ? "true" : "false", p->kmod_device ? "true" : "false");
	for (size_t i = 0; i < p->nbackends; i++) {
		printf("%s{\"name\":", i ? "," : "");
		json_string(p->backends[i].name);
		printf(",\"usable\":%s,\"reason\":", p->backends[i].usable ? "true" : "false");
		json_string(p->backends[i].reason);
		putchar('}');
	}
	printf("],\"auto\":");
	if (p->auto_choice[0])
		json_string(p->auto_choice);
	else
		printf("null");
	printf("}\n");
}

static void print_text(const struct kcap_probe *p)
{
	printf("kernel          %s\n", p->kernel);
	printf("privileges      root %s, CAP_SYS_ADMIN %s, CAP_BPF %s, CAP_PERFMON %s\n",
	       yes(p->root), yes(p->cap_sys_admin), yes(p->cap_bpf), yes(p->cap_perfmon));
	printf("lockdown        %s\n", p->lockdown);
	printf("BTF             %s (/sys/kernel/btf/vmlinux)\n", yes(p->btf));
	printf("ring buffer     %s\n", yes(p->ringbuf));
	printf("perf buffer     %s\n", yes(p->perf_event_array));
	printf("raw tracepoint  %s\n", yes(p->raw_tracepoint));
	printf("tp_btf          %s\n", yes(p->tp_btf));
	printf("tracefs         %s\n", p->tracefs ? "mounted" : "not mounted (kcap mounts it)");
	printf("sys_enter_*     %s\n",
	       p->syscall_tracepoints ?
		       "yes (the eBPF backends' enter events)" :
		       "no: the eBPF backends capture without enter events (CONFIG_FTRACE_SYSCALLS)");
	printf("kmod device     %s\n", p->kmod_device ? "/dev/kcap" : "absent");
	printf("\nbackends, in auto's order:\n");
	for (size_t i = 0; i < p->nbackends; i++)
		printf("  %-8s %-4s %s\n", p->backends[i].name,
		       p->backends[i].usable ? "yes" : "no", p->backends[i].reason);
	printf("\nauto chooses: %s\n", p->auto_choice[0] ? p->auto_choice : "nothing can run here");
}

int cmd_probe(int argc, char **argv)
{
	struct kcap_probe p = { .sz = sizeof(p) };
	bool json = false;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--json") == 0) {
			json = true;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			printf("Usage: kcap probe [-j]\n"
			       "Which backends can run here, and why the others cannot; -j: as JSON.\n"
			       "Exit status 0 when at least one backend can run.\n");
			return 0;
		} else {
			fprintf(stderr,
				"kcap probe: unknown argument '%s' (usage: kcap probe [-j])\n",
				argv[i]);
			return 2;
		}
	}
	if (kcap_probe(&p)) {
		fprintf(stderr, "kcap probe: probing failed\n");
		return 1;
	}
	if (json)
		print_json(&p);
	else
		print_text(&p);
	return p.auto_choice[0] ? 0 : 1;
}
