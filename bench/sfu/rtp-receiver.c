// bench/sfu's receiving side in C (issue 14, capacity): the same per-SSRC accounting as
// rtp-counter.ts (packets, bytes, extended highest sequence number, RFC 3550 A.1), but reading
// with recvmmsg(), 64 datagrams per system call. Node.js's dgram costs one callback and one
// Buffer per datagram: at 1,500 consumers (≈ 67,000 packets/s) the Node.js receivers took about a
// core of this 2-core machine, the worker under test the other. This receiver still receives and
// looks at every packet; it only does it with fewer system calls and no allocation.
//
// It does not wait on its sockets (no epoll/poll on them): it wakes every millisecond and drains
// them all, as a NIC with interrupt coalescing would. On loopback the sender's sendto() delivers
// into the receiving socket itself, and a socket somebody waits on makes every delivery a wake-up
// of that waiter (sock_def_readable → ep_poll_callback → an IPI to the other vCPU). perf showed
// that wake-up path at 14–16 % of the *worker's* CPU with waiting receivers (Node.js's, or this
// one with epoll): cost a remote browser never puts on the SFU's core.
//
// Protocol, on stdin/stdout (one line each):
//   start: binds N sockets on 127.0.0.1, prints "ports P1 P2 …"
//   "snapshot\n" → "cpu <user+sys µs> drops <datagrams truncated or unreadable>" then one line per SSRC
//                  "<ssrc> <firstSeq> <extMaxSeq> <received> <bytes>", then "end"
//   "reset\n"    → forgets every SSRC, answers "ok"
//   EOF on stdin → exits.
// Build: cc -O2 -o rtp-receiver rtp-receiver.c (bench/sfu/rtp-receiver.ts does it, cached).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 64
// How long it sleeps between drains. At 67,500 packets/s that is ≈ 70 packets (≈ 160 KB of socket
// memory) over 8 sockets of 4 MiB each.
#define DRAIN_EVERY_MS 1
#define MAX_DATAGRAM 2048
#define MAX_SOCKETS 64
// Open addressing, power of two, far above the 30,000 consumers of the largest step.
#define TABLE_BITS 17
#define TABLE_SIZE (1u << TABLE_BITS)

struct state {
  uint32_t ssrc;
  uint8_t used;
  uint16_t first_seq;
  uint16_t max_seq;
  uint32_t cycles;
  uint64_t received;
  uint64_t bytes;
};

static struct state table[TABLE_SIZE];
static unsigned long long unreadable;

static struct state *lookup(uint32_t ssrc) {
  uint32_t i = (ssrc * 2654435761u) >> (32 - TABLE_BITS);
  for (;;) {
    struct state *s = &table[i];
    if (!s->used || s->ssrc == ssrc) return s;
    i = (i + 1) & (TABLE_SIZE - 1);
  }
}

static void on_packet(const uint8_t *buf, size_t len) {
  if (len < 12) return;
  uint8_t type = buf[1];
  // RTP/RTCP multiplexing (RFC 5761): RTCP packet types 192–223 never collide with RTP.
  if (type >= 192 && type <= 223) return;
  uint32_t ssrc = ((uint32_t)buf[8] << 24) | ((uint32_t)buf[9] << 16) | ((uint32_t)buf[10] << 8) | buf[11];
  uint16_t seq = (uint16_t)((buf[2] << 8) | buf[3]);
  struct state *s = lookup(ssrc);
  if (!s->used) {
    *s = (struct state){.ssrc = ssrc, .used = 1, .first_seq = seq, .max_seq = seq, .cycles = 0, .received = 1, .bytes = len};
    return;
  }
  s->received++;
  s->bytes += len;
  uint16_t delta = (uint16_t)(seq - s->max_seq);
  if (delta > 0 && delta < 0x8000) {
    if (seq < s->max_seq) s->cycles += 0x10000;
    s->max_seq = seq;
  }
}

static void drain(int fd) {
  static uint8_t bufs[BATCH][MAX_DATAGRAM];
  static struct iovec iov[BATCH];
  static struct mmsghdr msgs[BATCH];
  for (;;) {
    for (int i = 0; i < BATCH; i++) {
      iov[i].iov_base = bufs[i];
      iov[i].iov_len = MAX_DATAGRAM;
      memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
    }
    int n = recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, NULL);
    if (n < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) unreadable++;
      return;
    }
    for (int i = 0; i < n; i++) {
      if (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) unreadable++;
      else on_packet(bufs[i], msgs[i].msg_len);
    }
    if (n < BATCH) return;
  }
}

static void snapshot(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  long long us = (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
  printf("cpu %lld drops %llu\n", us, unreadable);
  for (uint32_t i = 0; i < TABLE_SIZE; i++) {
    struct state *s = &table[i];
    if (s->used) printf("%u %u %llu %llu %llu\n", s->ssrc, s->first_seq, (unsigned long long)s->cycles + s->max_seq,
                        (unsigned long long)s->received, (unsigned long long)s->bytes);
  }
  printf("end\n");
  fflush(stdout);
}

int main(int argc, char **argv) {
  int count = argc > 1 ? atoi(argv[1]) : 8;
  int buffer = argc > 2 ? atoi(argv[2]) : 4 * 1024 * 1024;
  if (count < 1 || count > MAX_SOCKETS) {
    fprintf(stderr, "rtp-receiver: socket count must be 1..%d\n", MAX_SOCKETS);
    return 2;
  }
  int fds[MAX_SOCKETS];
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = 0};
  epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev);
  printf("ports");
  for (int i = 0; i < count; i++) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
      perror("rtp-receiver: bind");
      return 1;
    }
    socklen_t len = sizeof addr;
    getsockname(fd, (struct sockaddr *)&addr, &len);
    printf(" %u", ntohs(addr.sin_port));
    fds[i] = fd;
  }
  printf("\n");
  fflush(stdout);

  char line[64];
  size_t used = 0;
  struct epoll_event ready[1];
  for (;;) {
    // Only stdin is watched; the sockets are drained on the clock.
    int n = epoll_wait(ep, ready, 1, DRAIN_EVERY_MS);
    for (int i = 0; i < count; i++) drain(fds[i]);
    if (n < 0 && errno == EINTR) continue;
    for (int i = 0; i < n; i++) {
      ssize_t got = read(0, line + used, sizeof line - 1 - used);
      if (got <= 0) return 0;
      used += (size_t)got;
      line[used] = 0;
      char *nl;
      while ((nl = strchr(line, '\n')) != NULL) {
        *nl = 0;
        if (strcmp(line, "snapshot") == 0) snapshot();
        else if (strcmp(line, "reset") == 0) {
          memset(table, 0, sizeof table);
          printf("ok\n");
          fflush(stdout);
        }
        size_t rest = used - (size_t)(nl + 1 - line);
        memmove(line, nl + 1, rest);
        used = rest;
        line[used] = 0;
      }
      if (used >= sizeof line - 1) used = 0;
    }
  }
}
