#include "ccurl.h"
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>

size_t ccurl_buffer_write(char *ptr, size_t size, size_t nmemb, void *userdata) {
    ccurl_buffer *b = (ccurl_buffer *)userdata;
    size_t n = size * nmemb;
    if (b->total == 0 && n > 0) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        b->first_ns = (unsigned long long)t.tv_sec * 1000000000ULL + (unsigned long long)t.tv_nsec;
    }
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
