// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * libFuzzer target: the event decoder and the formatters over any bytes as a
 * wire event: every backend's records, a capture file's, a malformed one. A
 * record the decoder accepts must format without reading past its length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "decode/decode.h"

static char line[1 << 16];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t param_off[KCAP_MAX_PARAMS];
	struct kcap_event ev;
	uint8_t *rec;

	if (size > KCAP_MAX_EVENT_SIZE)
		return 0;
	/* an exact-size, aligned copy: ASan catches a read past the record */
	rec = aligned_alloc(8, (size + 7) & ~(size_t)7);
	if (!rec)
		return 0;
	memcpy(rec, data, size);
	if (kcap_event_decode(rec, (uint32_t)size, param_off) == 0) {
		kcap_event_from_record(&ev, rec, (uint32_t)size, param_off);
		ev.cpu = 0;
		ev.comm = "fuzz";
		ev.changed = size > 40 ? rec[40] : 0;
		kcap_format_json(&ev, line, sizeof(line));
		kcap_format_text(&ev, line, sizeof(line));
	}
	free(rec);
	return 0;
}
