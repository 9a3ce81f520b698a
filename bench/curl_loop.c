/* Bare libcurl load loop: libcurl's own ceiling on one core, the yardstick `make bench` measures rehearse against.
 *
 *   curl_loop poll|epoll URL CONNECTIONS SECONDS
 *
 * Keeps CONNECTIONS transfers of URL in flight on one multi handle for SECONDS and prints
 * "requests=N failed=N seconds=S". Each easy handle is configured once and re-added when its transfer ends
 * (no curl_easy_reset), with HTTP/1.1, NOSIGNAL, NOPROXY "*" and a counting write callback: the least a libcurl
 * client can do per request.
 *
 *   poll   curl_multi_perform + curl_multi_poll (libcurl polls every socket itself)
 *   epoll  curl_multi_socket_action + epoll, with lazy registration: libcurl 7.88 asks to remove a socket each
 *          time a finished transfer parks its connection and to watch it again when the next one reuses it
 *          (two epoll_ctl per request); an idle socket stays registered instead, is dropped on a spurious event,
 *          and real closes are tracked through CURLOPT_CLOSESOCKETFUNCTION.
 *
 * Built by bench/run.sh with `cc -O2 bench/curl_loop.c -lcurl`.
 */
#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long requests, failed;

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static size_t discard(char *ptr, size_t size, size_t nmemb, void *userdata) {
    (void)ptr;
    *(size_t *)userdata += size * nmemb;
    return size * nmemb;
}

/* ---- socket_action + epoll, lazy registration ---- */
#define MAX_FDS 65536
static int epfd;
static unsigned registered[MAX_FDS]; /* events registered with epoll (0: none) */
static unsigned wanted[MAX_FDS];     /* events libcurl wants (0: none) */
static unsigned char owned[MAX_FDS]; /* a connection socket whose close we see */
static long long timer_deadline_ns = -1;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void drop(int fd) {
    if (registered[fd]) {
        struct epoll_event ev = {0};
        epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &ev);
        registered[fd] = 0;
    }
}

static int socket_cb(CURL *e, curl_socket_t fd, int what, void *userp, void *socketp) {
    (void)e; (void)userp; (void)socketp;
    unsigned want = what == CURL_POLL_IN ? EPOLLIN : what == CURL_POLL_OUT ? EPOLLOUT
                  : what == CURL_POLL_INOUT ? (EPOLLIN | EPOLLOUT) : 0;
    wanted[fd] = want;
    if (want == 0) {
        if (!owned[fd]) drop(fd);
        return 0; /* an idle connection stays registered */
    }
    if (registered[fd] == want) return 0;
    struct epoll_event ev = {.events = want, .data.fd = fd};
    if (epoll_ctl(epfd, registered[fd] ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) != 0)
        epoll_ctl(epfd, registered[fd] ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &ev);
    registered[fd] = want;
    return 0;
}

static int timer_cb(CURLM *m, long ms, void *userp) {
    (void)m; (void)userp;
    timer_deadline_ns = ms < 0 ? -1 : now_ns() + ms * 1000000LL;
    return 0;
}

static curl_socket_t open_cb(void *clientp, curlsocktype purpose, struct curl_sockaddr *a) {
    (void)clientp; (void)purpose;
    int fd = socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
    if (fd >= 0 && fd < MAX_FDS) owned[fd] = 1;
    return fd;
}

static int close_cb(void *clientp, curl_socket_t fd) {
    (void)clientp;
    if (fd < MAX_FDS) registered[fd] = wanted[fd] = owned[fd] = 0;
    return close(fd);
}

static void drain(CURLM *multi) {
    CURLMsg *msg;
    int pending;
    while ((msg = curl_multi_info_read(multi, &pending))) {
        if (msg->msg != CURLMSG_DONE) continue;
        CURL *easy = msg->easy_handle;
        if (msg->data.result == CURLE_OK) requests++; else failed++;
        curl_multi_remove_handle(multi, easy);
        curl_multi_add_handle(multi, easy);
    }
}

static void run_epoll(CURLM *multi, double end) {
    struct epoll_event events[256];
    int running;
    while (now_seconds() < end) {
        int wait_ms = 50;
        if (timer_deadline_ns >= 0) {
            long long left = timer_deadline_ns - now_ns();
            wait_ms = left <= 0 ? 0 : (int)((left + 999999) / 1000000);
            if (wait_ms > 50) wait_ms = 50;
        }
        int n = epoll_wait(epfd, events, 256, wait_ms);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (!wanted[fd]) { drop(fd); continue; }
            unsigned ev = events[i].events;
            int flags = ((ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) ? CURL_CSELECT_IN : 0)
                      | ((ev & EPOLLOUT) ? CURL_CSELECT_OUT : 0) | ((ev & EPOLLERR) ? CURL_CSELECT_ERR : 0);
            curl_multi_socket_action(multi, fd, flags, &running);
        }
        if (timer_deadline_ns >= 0 && now_ns() >= timer_deadline_ns) {
            timer_deadline_ns = -1;
            curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
        }
        drain(multi);
    }
}

static void run_poll(CURLM *multi, double end) {
    int running;
    while (now_seconds() < end) {
        curl_multi_perform(multi, &running);
        drain(multi);
        curl_multi_poll(multi, NULL, 0, 50, NULL);
    }
}

int main(int argc, char **argv) {
    if (argc != 5 || (strcmp(argv[1], "poll") && strcmp(argv[1], "epoll"))) {
        fprintf(stderr, "usage: %s poll|epoll URL CONNECTIONS SECONDS\n", argv[0]);
        return 2;
    }
    int epoll_mode = strcmp(argv[1], "epoll") == 0;
    const char *url = argv[2];
    int connections = atoi(argv[3]);
    double seconds = atof(argv[4]);
    signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_ALL);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)connections);
    if (epoll_mode) {
        epfd = epoll_create1(EPOLL_CLOEXEC);
        curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
        curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, timer_cb);
    }
    size_t *bytes = calloc((size_t)connections, sizeof(size_t));
    for (int i = 0; i < connections; i++) {
        CURL *easy = curl_easy_init();
        curl_easy_setopt(easy, CURLOPT_URL, url);
        curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &bytes[i]);
        if (epoll_mode) {
            curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, open_cb);
            curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, close_cb);
        }
        curl_multi_add_handle(multi, easy);
    }
    double start = now_seconds();
    if (epoll_mode) {
        int running;
        curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
        run_epoll(multi, start + seconds);
    } else {
        run_poll(multi, start + seconds);
    }
    double elapsed = now_seconds() - start;
    printf("requests=%lld failed=%lld seconds=%.3f\n", requests, failed, elapsed);
    return 0;
}
