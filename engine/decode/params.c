// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Typed access to decoded parameters (kcap_param_*), bounds-checked. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include "decode.h"

static int readable(const struct kcap_param *p)
{
	return !p ? -EINVAL : p->faulted ? -EFAULT : 0;
}

int kcap_param_string(const struct kcap_param *p, const char **s, size_t *len)
{
	int ret = readable(p);

	if (ret)
		return ret;
	if (p->type != KCAP_PT_STR && p->type != KCAP_PT_PATH)
		return -EINVAL;
	/* the wire's strings carry their NUL; one without (cut, hostile) is refused */
	if (!p->len || p->data[p->len - 1] != '\0')
		return -EINVAL;
	*s = (const char *)p->data;
	*len = strnlen(*s, p->len);
	return 0;
}

int kcap_param_bytes(const struct kcap_param *p, const uint8_t **data, size_t *len)
{
	int ret = readable(p);

	if (ret)
		return ret;
	*data = p->data;
	*len = p->len;
	return 0;
}

int kcap_param_sockaddr(const struct kcap_param *p, struct kcap_sockaddr *sa)
{
	uint16_t family, port;
	int ret = readable(p);

	if (ret)
		return ret;
	if (p->type != KCAP_PT_SOCKADDR || p->len < 2)
		return -EINVAL;
	memset(sa, 0, sizeof(*sa));
	memcpy(&family, p->data, 2);
	sa->family = family;
	if (family == AF_INET && p->len >= 8) {
		memcpy(&port, p->data + 2, 2);
		sa->port = ntohs(port);
		inet_ntop(AF_INET, p->data + 4, sa->addr, sizeof(sa->addr));
	} else if (family == AF_INET6 && p->len >= 24) {
		memcpy(&port, p->data + 2, 2);
		sa->port = ntohs(port);
		inet_ntop(AF_INET6, p->data + 8, sa->addr, sizeof(sa->addr));
	} else if (family == AF_UNIX) {
		size_t n = p->len - 2 < sizeof(sa->addr) - 1 ? p->len - 2 : sizeof(sa->addr) - 1;

		sa->abstract = n > 0 && p->data[2] == '\0';
		memcpy(sa->addr, p->data + 2 + sa->abstract, n - (size_t)sa->abstract);
		sa->addr[strnlen(sa->addr, n)] = '\0';
	} else if (family == AF_INET || family == AF_INET6) {
		return -EINVAL; /* too short for its family */
	}
	return 0;
}

int kcap_param_argv_next(const struct kcap_param *p, size_t *pos, const char **arg)
{
	int ret = readable(p);
	size_t n;

	if (ret)
		return ret;
	if (p->type != KCAP_PT_STRLIST)
		return -EINVAL;
	if (*pos >= p->len)
		return -ENOENT;
	n = strnlen((const char *)p->data + *pos, p->len - *pos);
	/* the list's strings are NUL-terminated; a last one without (cut) is refused */
	if (*pos + n >= p->len)
		return -ENOENT;
	*arg = (const char *)p->data + *pos;
	*pos += n + 1;
	return 0;
}
