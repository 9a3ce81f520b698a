// Typed one-line wrappers over libcurl for Swift.
//
// Swift cannot call C variadic functions, and curl_easy_setopt, curl_easy_getinfo, curl_multi_setopt and
// curl_share_setopt are variadic. Each wrapper below fixes one argument type. No logic lives here except the
// response-buffer write callback, which runs per chunk of bytes and so stays in C (see ../shared notes).
// The header also re-exports <sys/epoll.h>, which Swift's Glibc module does not expose.
// libcurl's URL API (curl_url, curl_url_set, curl_url_get, curl_url_cleanup) is not variadic: the CurlURL module
// calls it directly, and needs no wrapper here.
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include <sys/epoll.h>
#include <stddef.h>
#include <stdint.h>

// MARK: easy handle options
static inline CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_offt(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_str(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_share(CURL *h, CURLSH *v) { return curl_easy_setopt(h, CURLOPT_SHARE, v); }
static inline CURLcode ccurl_easy_setopt_curlu(CURL *h, CURLU *v) { return curl_easy_setopt(h, CURLOPT_CURLU, v); }
static inline CURLcode ccurl_easy_setopt_write_cb(CURL *h, CURLoption o, curl_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_opensocket_cb(CURL *h, curl_opensocket_callback v) { return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, v); }
static inline CURLcode ccurl_easy_setopt_closesocket_cb(CURL *h, curl_closesocket_callback v) { return curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, v); }

// MARK: easy handle information
static inline CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_easy_getinfo_offt(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_easy_getinfo_ptr(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_easy_getinfo_str(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

// MARK: multi handle options
static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode ccurl_multi_setopt_ptr(CURLM *m, CURLMoption o, void *v) { return curl_multi_setopt(m, o, v); }
static inline CURLMcode ccurl_multi_setopt_socket_cb(CURLM *m, curl_socket_callback v) { return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, v); }
static inline CURLMcode ccurl_multi_setopt_timer_cb(CURLM *m, curl_multi_timer_callback v) { return curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, v); }

// MARK: share handle options
static inline CURLSHcode ccurl_share_setopt_long(CURLSH *s, CURLSHoption o, long v) { return curl_share_setopt(s, o, v); }

// MARK: version information (CURLVERSION_NOW is a macro Swift cannot see)
static inline curl_version_info_data *ccurl_version_info(void) { return curl_version_info(CURLVERSION_NOW); }

// MARK: CURLMsg accessors (the result sits in a union Swift cannot read directly)
static inline CURLcode ccurl_msg_result(const CURLMsg *m) { return m->data.result; }

// MARK: response buffer
/// A growable byte buffer filled by libcurl's write callback. `limit` caps what is kept; `total` counts every
/// byte received, kept or not. A limit of 0 keeps nothing (counting only).
typedef struct ccurl_buffer {
    char *data;
    size_t length;
    size_t capacity;
    size_t limit;
    size_t total;
    /// Header buffers only: CLOCK_MONOTONIC ns of the first line (0: none yet), when the response began; stamped
    /// only while `stamp_first` is set (the engine needs it for HTTP/2 uploads alone: a clock read per response).
    unsigned long long first_ns;
    unsigned int stamp_first;
    /// Header buffers only: which headers went by (`CCURL_SAW_*`), so the engine asks libcurl for a header only
    /// when the response has it.
    unsigned int seen;
} ccurl_buffer;

#define CCURL_SAW_SERVER_TIMING 1u
#define CCURL_SAW_SET_COOKIE 2u

/// CURLOPT_WRITEFUNCTION callback; `userdata` is a `ccurl_buffer *`.
size_t ccurl_buffer_write(char *ptr, size_t size, size_t nmemb, void *userdata);
/// CURLOPT_HEADERFUNCTION callback: `ccurl_buffer_write`, and notes `Server-Timing` and `Set-Cookie` lines in `seen`.
size_t ccurl_header_write(char *ptr, size_t size, size_t nmemb, void *userdata);
/// Forgets the content, keeping the allocation.
static inline void ccurl_buffer_clear(ccurl_buffer *b) { b->length = 0; b->total = 0; b->first_ns = 0; b->seen = 0; }
/// Frees the allocation.
void ccurl_buffer_free(ccurl_buffer *b);


/// epoll_wait with a nanosecond timeout (epoll_pwait2, Linux 5.11+), falling back to whole milliseconds
/// (rounded up) where the kernel lacks it. A negative timeout waits forever. `no_pwait2` is the caller's own
/// memory of a kernel without epoll_pwait2 (0 at first): per event loop, so threads share no state here.
int ccurl_epoll_wait_ns(int epfd, struct epoll_event *events, int maxevents, long long timeout_ns, int *no_pwait2);

#endif
