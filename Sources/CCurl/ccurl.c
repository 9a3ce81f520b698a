#include "ccurl.h"
#include <stdlib.h>
#include <string.h>

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

void ccurl_buffer_free(ccurl_buffer *b) {
    free(b->data);
    b->data = NULL;
    b->length = b->capacity = b->total = 0;
}
