#include "ccurl.h"
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>

size_t ccurl_buffer_write(char *ptr, size_t size, size_t nmemb, void *userdata) {
    ccurl_buffer *b = (ccurl_buffer *)userdata;
    size_t n = size * nmemb;
    b->total += n;
    size_t room = b->limit > b->length ? b->limit - b->length : 0;
    size_t keep = n < room ? n : room;
    if (keep == 0) return n;
    if (b->length + keep > b->capacity) {
        size_t cap = b->capacity ? b->capacity : 4096;
        while (cap < b->length + keep) cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) return n; /* keep counting; the kept prefix stays valid */
        b->data = grown;
        b->capacity = cap;
    }
    memcpy(b->data + b->length, ptr, keep);
    b->length += keep;
    return n;
}

static int has_prefix_nocase(const char *line, size_t length, const char *prefix, size_t prefix_length) {
    if (length < prefix_length) return 0;
    for (size_t i = 0; i < prefix_length; i++) {
        char c = line[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + ('a' - 'A'));
        if (c != prefix[i]) return 0;
    }
    return 1;
}

size_t ccurl_header_write(char *ptr, size_t size, size_t nmemb, void *userdata) {
    ccurl_buffer *b = (ccurl_buffer *)userdata;
    size_t n = size * nmemb;
    if (b->stamp_first && b->total == 0 && n > 0) { /* the status line: when the response began */
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        b->first_ns = (unsigned long long)t.tv_sec * 1000000000ULL + (unsigned long long)t.tv_nsec;
    }
    if (n > 0 && (ptr[0] == 's' || ptr[0] == 'S')) {
        if (has_prefix_nocase(ptr, n, "server-timing:", 14)) b->seen |= CCURL_SAW_SERVER_TIMING;
        else if (has_prefix_nocase(ptr, n, "set-cookie:", 11)) b->seen |= CCURL_SAW_SET_COOKIE;
    }
    return ccurl_buffer_write(ptr, size, nmemb, userdata);
}

void ccurl_buffer_free(ccurl_buffer *b) {
    free(b->data);
    b->data = NULL;
    b->length = b->capacity = b->total = 0;
}

int ccurl_epoll_wait_ns(int epfd, struct epoll_event *events, int maxevents, long long timeout_ns, int *no_pwait2) {
    if (!*no_pwait2 && timeout_ns >= 0) {
        struct timespec t = { (time_t)(timeout_ns / 1000000000LL), (long)(timeout_ns % 1000000000LL) };
        int n = epoll_pwait2(epfd, events, maxevents, &t, NULL);
        if (n >= 0 || errno != ENOSYS) return n;
        *no_pwait2 = 1;
    }
    int ms = timeout_ns < 0 ? -1 : (int)((timeout_ns + 999999LL) / 1000000LL);
    return epoll_wait(epfd, events, maxevents, ms);
}
