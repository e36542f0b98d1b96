// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "options.h"

enum {
	OPT_STATS = 256,
	OPT_VERSION,
	OPT_BUFFER_SIZE,
	OPT_QUIET,
	OPT_STATS_INTERVAL,
	OPT_NO_FD_NAMES,
	OPT_PROC,
	OPT_CONTAINER,
	OPT_NO_HOST
};

static const struct option long_opts[] = {
	{ "backend", required_argument, NULL, 'b' },
	{ "count", required_argument, NULL, 'n' },
	{ "duration", required_argument, NULL, 'd' },
	{ "snaplen", required_argument, NULL, 's' },
	{ "syscalls", required_argument, NULL, 'e' },
	{ "pid", required_argument, NULL, 'p' },
	{ "json", no_argument, NULL, 'j' },
	{ "output", required_argument, NULL, 'o' },
	{ "write", required_argument, NULL, 'w' },
	{ "read", required_argument, NULL, 'r' },
	{ "compress", no_argument, NULL, 'z' },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "stats-interval", required_argument, NULL, OPT_STATS_INTERVAL },
	{ "buffer-size", required_argument, NULL, OPT_BUFFER_SIZE },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "no-fd-names", no_argument, NULL, OPT_NO_FD_NAMES },
	{ "proc", no_argument, NULL, OPT_PROC },
	{ "container", required_argument, NULL, OPT_CONTAINER },
	{ "no-host", no_argument, NULL, OPT_NO_HOST },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

void cli_usage(FILE *out)
{
	fputs("Usage: kcap [OPTIONS] [-- COMMAND [ARGS...]]\n"
	      "       kcap probe [-j]     which backends can run here, and why not\n"
	      "       kcap bench [-h]     measure each backend's overhead per syscall\n"
	      "Capture Linux syscalls, of the whole system or of COMMAND and its descendants.\n"
	      "\n"
	      "  -b, --backend NAME     auto, modern, kmod, legacy, or a list a,b (default: auto)\n"
	      "  -n, --count N          stop after N events\n"
	      "  -d, --duration SECS    stop after SECS seconds\n"
	      "  -s, --snaplen BYTES    bytes of I/O data kept per event (default 80, max 65000)\n"
	      "  -e, --syscalls LIST    comma-separated syscall names (32-bit calls of those names\n"
	      "                         too), procexit, io_uring_submit (also implied by a\n"
	      "                         syscall an io_uring request can do), compat_syscall\n"
	      "                         (every 32-bit call), x32_syscall (default: all,\n"
	      "                         unnamed numbers too)\n"
	      "  -p, --pid PID[,PID]    capture these processes and their descendants\n"
	      "  -j, --json             one JSON object per line\n"
	      "  -o, --output FILE      write events to FILE instead of stdout\n"
	      "  -w, --write FILE       record the capture into the capture file FILE instead\n"
	      "                         of printing it (printed too with -j or -o; with -r:\n"
	      "                         the replayed events)\n"
	      "  -r, --read FILE        replay the capture file FILE instead of capturing\n"
	      "                         (-e, -p, -n, -j, -o and --stats apply)\n"
	      "                         (a .scap name: the reference's format, which sysdig\n"
	      "                         reads)\n"
	      "  -z, --compress         zstd-compress the file of -w (also for a .zst name)\n"
	      "      --stats            print capture and drop counters at the end\n"
	      "      --stats-interval SECS  every SECS seconds, a line on stderr: events/s,\n"
	      "                         drops, the fullest kernel buffer\n"
	      "      --buffer-size SIZE kernel buffer per CPU, power of two, K/M suffix (default 8M)\n"
	      "      --quiet            print no events (with --stats: count only)\n"
	      "      --no-fd-names      descriptors as numbers only: no descriptor table, no\n"
	      "                         /proc reads for it, only the syscalls of -e captured\n"
	      "      --proc             each event's process: exe, ppid, ancestors, cwd, uid,\n"
	      "                         cgroup, container id and runtime\n"
	      "      --container ID     only events of the container whose id starts with ID\n"
	      "      --no-host          only events of processes in containers\n"
	      "  -v, --verbose          also print libbpf's and the verifier's messages\n"
	      "  -h, --help             this help\n"
	      "      --version          print the version\n"
	      "\n"
	      "With -- COMMAND, kcap starts COMMAND once capture is ready, captures it and its\n"
	      "descendants, and exits with COMMAND's exit status.\n",
	      out);
}

/* A decimal number at the start of s (no sign); end is what follows it. */
static int parse_decimal(const char *s, unsigned long long *v, char **end)
{
	if (!s || !*s || *s == '-')
		return -EINVAL;
	errno = 0;
	*v = strtoull(s, end, 10);
	return errno || *end == s ? -EINVAL : 0;
}

static int parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (parse_decimal(s, &v, &end) || *end || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Bytes, with an optional K, M or G suffix. */
static int parse_size(const char *s, unsigned long *out)
{
	unsigned long long v;
	unsigned int shift = 0;
	char *end;

	if (parse_decimal(s, &v, &end))
		return -EINVAL;
	if (*end == 'K' || *end == 'k')
		shift = 10, end++;
	else if (*end == 'M' || *end == 'm')
		shift = 20, end++;
	else if (*end == 'G' || *end == 'g')
		shift = 30, end++;
	if (*end || v > (ULONG_MAX >> shift))
		return -EINVAL;
	*out = (unsigned long)(v << shift);
	return 0;
}

static int parse_pids(struct cli_options *o, const char *list, char *err, size_t errlen)
{
	char *copy = strdup(list), *save = NULL, *tok;
	int ret = 0;

	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		uint64_t pid;

		if (parse_u64(tok, INT_MAX, &pid) || pid == 0) {
			snprintf(err, errlen, "invalid pid '%s': expected a positive integer", tok);
			ret = -EINVAL;
			break;
		}
		if (o->npids == CLI_MAX_PIDS) {
			snprintf(err, errlen, "too many pids (at most %d)", CLI_MAX_PIDS);
			ret = -EINVAL;
			break;
		}
		o->pids[o->npids++] = (int)pid;
	}
	free(copy);
	if (!ret && !o->npids) {
		snprintf(err, errlen, "invalid pid list '%s'", list);
		ret = -EINVAL;
	}
	return ret;
}

/* -r replays what was captured: the options that shape a live capture do not apply. */
static int check_file_options(const struct cli_options *o, char *err, size_t errlen)
{
	const char *live_only = o->backend	      ? "-b" :
				o->snaplen	      ? "-s" :
				o->buffer_bytes	      ? "--buffer-size" :
				o->command	      ? "-- COMMAND" :
				o->duration > 0	      ? "-d" :
				o->stats_interval > 0 ? "--stats-interval" :
							NULL;
	size_t n;

	if (o->read_file && live_only) {
		snprintf(err, errlen,
			 "%s does not apply to a replay (-r): the file holds what was "
			 "captured",
			 live_only);
		return -EINVAL;
	}
	if (o->compress && !o->write_file) {
		snprintf(err, errlen, "-z compresses the capture file of -w: give -w FILE");
		return -EINVAL;
	}
	n = o->write_file ? strlen(o->write_file) : 0;
	if (o->compress && n >= 5 && strcmp(o->write_file + n - 5, ".scap") == 0) {
		snprintf(err, errlen, "-z compresses kcap capture files: %s is a .scap export",
			 o->write_file);
		return -EINVAL;
	}
	return 0;
}

int cli_parse(int argc, char **argv, struct cli_options *o, char *err, size_t errlen)
{
	uint64_t v;
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+b:n:d:s:e:p:o:w:r:zjvh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			o->backend = optarg;
			break;
		case 'n':
			if (parse_u64(optarg, UINT64_MAX, &o->count) || o->count == 0) {
				snprintf(err, errlen,
					 "invalid count '%s': expected a positive integer", optarg);
				return -EINVAL;
			}
			break;
		case 'd':
			errno = 0;
			o->duration = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(o->duration > 0) ||
			    !isfinite(o->duration)) {
				snprintf(
					err, errlen,
					"invalid duration '%s': expected a positive number of seconds",
					optarg);
				return -EINVAL;
			}
			break;
		case OPT_STATS_INTERVAL:
			errno = 0;
			o->stats_interval = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(o->stats_interval >= 0.1) ||
			    !isfinite(o->stats_interval)) {
				snprintf(
					err, errlen,
					"invalid stats interval '%s': expected seconds, at least 0.1",
					optarg);
				return -EINVAL;
			}
			break;
		case 's':
			if (parse_u64(optarg, 65000, &v)) {
				snprintf(err, errlen,
					 "invalid snaplen '%s': expected 0 to 65000 bytes", optarg);
				return -EINVAL;
			}
			o->snaplen = (unsigned int)v;
			break;
		case 'e':
			o->syscalls = optarg;
			break;
		case 'p':
			if (parse_pids(o, optarg, err, errlen))
				return -EINVAL;
			break;
		case 'j':
			o->json = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'w':
			o->write_file = optarg;
			break;
		case 'r':
			o->read_file = optarg;
			break;
		case 'z':
			o->compress = true;
			break;
		case OPT_STATS:
			o->stats = true;
			break;
		case OPT_BUFFER_SIZE:
			if (parse_size(optarg, &o->buffer_bytes)) {
				snprintf(err, errlen,
					 "invalid buffer size '%s': e.g. 8M or 1048576", optarg);
				return -EINVAL;
			}
			break;
		case OPT_QUIET:
			o->quiet = true;
			break;
		case OPT_NO_FD_NAMES:
			o->no_fd_names = true;
			break;
		case OPT_PROC:
			o->proc = true;
			break;
		case OPT_CONTAINER:
			if (!*optarg || strlen(optarg) > 64) {
				snprintf(err, errlen,
					 "invalid container id '%s': expected 1 to 64 characters",
					 optarg);
				return -EINVAL;
			}
			o->container = optarg;
			break;
		case OPT_NO_HOST:
			o->no_host = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			o->help = true;
			return 0;
		case OPT_VERSION:
			o->version = true;
			return 0;
		case ':':
		case '?':
		default:
			if (optopt)
				snprintf(err, errlen, "option -%c: %s", optopt,
					 strchr("bndsepowr", optopt) ? "missing argument" :
								       "unknown option");
			else
				snprintf(err, errlen, "unknown or incomplete option '%s'",
					 argv[optind - 1]);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		if (strcmp(argv[optind - 1], "--") != 0) {
			snprintf(err, errlen, "unexpected argument '%s': put a command after '--'",
				 argv[optind]);
			return -EINVAL;
		}
		o->command = &argv[optind];
	}
	if (o->command && o->npids) {
		snprintf(err, errlen, "-p and -- COMMAND cannot be combined");
		return -EINVAL;
	}
	return check_file_options(o, err, errlen);
}
