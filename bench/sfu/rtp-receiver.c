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
//   "leg <workerPort> <suite> <twccExtId> <keyBase64>\n" → answers "ok": from now on packets from
//                  127.0.0.1:<workerPort> (one subscriber's leg) are acknowledged with transport-cc
//                  feedback, as a browser does, protected with SRTCP under that key (suite "none":
//                  plain RTCP). Without it the worker keeps every sent packet in its send history
//                  for 60 s (it removes a packet when feedback reports it), which costs it ≈ 15 %
//                  of its CPU at 1,500 consumers: a cost no real deployment has.
//   "feedback <ms>\n" → answers "ok": the interval between two feedback packets of a leg (0: none)
//   EOF on stdin → exits.
// Build: cc -O2 -o rtp-receiver rtp-receiver.c -lsrtp2 (bench/sfu/rtp-receiver.ts does it, cached).
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
#include <time.h>
#include <unistd.h>
#include <srtp2/srtp.h>

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

// transport-cc (draft-holmer-rmcat-transport-wide-cc-extensions-01) per subscriber leg, found by
// the worker's source port. A feedback packet covers what arrived since the previous one; at
// 450 packets/s and 100 ms that is ≈ 45 statuses.
#define MAX_PENDING 4096
#define MAX_LEGS 8192

struct leg {
  int fd;
  srtp_t srtp;
  uint8_t ext_id;
  uint8_t fb_count;
  uint16_t port;
  uint32_t media_ssrc;
  int pending;
  uint16_t seqs[MAX_PENDING];
  int64_t arrived_us[MAX_PENDING];
  int64_t sent_us;
  int has_next;
  uint16_t next_seq;  // the first sequence number the next feedback may report
};

static struct leg *legs_by_port[65536];
static struct leg *active_legs[MAX_LEGS];
static int active_count;
static int64_t feedback_every_us = 100000;
static unsigned long long feedback_sent, feedback_failed;

static int64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int base64_decode(const char *in, uint8_t *out, int max) {
  int bits = 0, n = 0;
  uint32_t acc = 0;
  for (; *in && *in != '='; in++) {
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *at = strchr(alphabet, *in);
    if (!at) return -1;
    acc = (acc << 6) | (uint32_t)(at - alphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n >= max) return -1;
      out[n++] = (uint8_t)(acc >> bits);
    }
  }
  return n;
}

/** "leg <port> <suite> <extId> <key>": registers (or re-keys) the leg a worker port sends from. */
static int add_leg(const char *args) {
  unsigned port, ext;
  char suite[32], key64[128];
  if (sscanf(args, "%u %31s %u %127s", &port, suite, &ext, key64) != 4 || port > 65535 || ext < 1 || ext > 14) return -1;
  struct leg *l = legs_by_port[port];
  if (!l) {
    if (active_count >= MAX_LEGS || !(l = calloc(1, sizeof *l))) return -1;
    legs_by_port[port] = l;
    active_legs[active_count++] = l;
  } else if (l->srtp) {
    srtp_dealloc(l->srtp);
  }
  l->srtp = NULL;
  l->port = (uint16_t)port;
  l->ext_id = (uint8_t)ext;
  l->pending = 0;
  l->has_next = 0;
  l->fd = -1;
  if (strcmp(suite, "none") == 0) return 0;
  uint8_t key[64];
  int key_len = base64_decode(key64, key, sizeof key);
  srtp_policy_t policy;
  memset(&policy, 0, sizeof policy);
  if (strcmp(suite, "AEAD_AES_128_GCM") == 0 && key_len == SRTP_AES_GCM_128_KEY_LEN_WSALT) {
    srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
    srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
  } else if (strcmp(suite, "AEAD_AES_256_GCM") == 0 && key_len == SRTP_AES_GCM_256_KEY_LEN_WSALT) {
    srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtp);
    srtp_crypto_policy_set_aes_gcm_256_16_auth(&policy.rtcp);
  } else if (strcmp(suite, "AES_CM_128_HMAC_SHA1_80") == 0 && key_len == SRTP_AES_ICM_128_KEY_LEN_WSALT) {
    srtp_crypto_policy_set_rtp_default(&policy.rtp);
    srtp_crypto_policy_set_rtcp_default(&policy.rtcp);
  } else {
    return -1;
  }
  policy.ssrc.type = ssrc_any_outbound;
  policy.key = key;
  policy.window_size = 1024;
  policy.allow_repeat_tx = 1;
  return srtp_create(&l->srtp, &policy) == srtp_err_status_ok ? 0 : -1;
}

/** The transport-wide sequence number in a one-byte header extension (RFC 8285), if there is one. */
static int twcc_seq(const uint8_t *buf, size_t len, uint8_t id, uint16_t *seq) {
  if (!(buf[0] & 0x10)) return 0;
  size_t at = 12 + 4 * (size_t)(buf[0] & 0x0f);
  if (at + 4 > len || buf[at] != 0xBE || buf[at + 1] != 0xDE) return 0;
  size_t end = at + 4 + 4 * (size_t)((buf[at + 2] << 8) | buf[at + 3]);
  if (end > len) return 0;
  for (at += 4; at < end;) {
    uint8_t id_len = buf[at];
    if (id_len == 0) { at++; continue; }
    uint8_t el_id = id_len >> 4, el_len = (uint8_t)((id_len & 0x0f) + 1);
    if (el_id == 15 || at + 1 + el_len > end) return 0;
    if (el_id == id && el_len == 2) {
      *seq = (uint16_t)((buf[at + 1] << 8) | buf[at + 2]);
      return 1;
    }
    at += 1 + el_len;
  }
  return 0;
}

static void note_arrival(struct leg *l, int fd, const uint8_t *buf, size_t len, int64_t at_us) {
  uint16_t seq;
  if (!twcc_seq(buf, len, l->ext_id, &seq)) return;
  // Reported already (a late packet): a browser would not report it again either.
  if (l->has_next && (int16_t)(seq - l->next_seq) < 0) return;
  if (l->pending == MAX_PENDING) return;
  l->fd = fd;
  l->media_ssrc = ((uint32_t)buf[8] << 24) | ((uint32_t)buf[9] << 16) | ((uint32_t)buf[10] << 8) | buf[11];
  l->seqs[l->pending] = seq;
  l->arrived_us[l->pending] = at_us;
  l->pending++;
}

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xffff); }

/**
 * One RTPFB/15 packet for what the leg received since the last one: base sequence number, a
 * status per sequence number (two-bit vector chunks: not received, small or large delta), then
 * the receive deltas in 250 µs ticks, the first from the reference time (64 ms ticks).
 */
static void send_feedback(struct leg *l) {
  enum { MAX_STATUSES = 2048 };
  static int64_t arrival[MAX_STATUSES];
  static uint8_t packet[16 + 2 * (MAX_STATUSES / 7 + 1) + 2 * MAX_STATUSES + 4 + SRTP_MAX_TRAILER_LEN];
  uint16_t base = l->has_next ? l->next_seq : l->seqs[0];
  int count = 0;
  for (int i = 0; i < l->pending; i++) {
    int offset = (uint16_t)(l->seqs[i] - base);
    if (offset >= MAX_STATUSES) continue;
    if (offset + 1 > count) {
      for (int k = count; k <= offset; k++) arrival[k] = -1;
      count = offset + 1;
    }
    arrival[offset] = l->arrived_us[i];
  }
  l->pending = 0;
  if (count == 0) return;
  int first = 0;
  while (arrival[first] < 0) first++;
  int64_t reference = arrival[first] / 64000;
  int64_t clock = reference * 64000;
  uint8_t status[MAX_STATUSES];
  int16_t delta[MAX_STATUSES];
  for (int k = 0; k < count; k++) {
    if (arrival[k] < 0) { status[k] = 0; continue; }
    int64_t ticks = (arrival[k] - clock) / 250;
    if (ticks < INT16_MIN) ticks = INT16_MIN;
    if (ticks > INT16_MAX) ticks = INT16_MAX;
    delta[k] = (int16_t)ticks;
    status[k] = ticks >= 0 && ticks <= 255 ? 1 : 2;
    clock += ticks * 250;
  }
  size_t at = 20;
  for (int k = 0; k < count; k += 7) {
    uint16_t chunk = 0xC000;
    for (int j = 0; j < 7; j++) chunk |= (uint16_t)((k + j < count ? status[k + j] : 0) << (12 - 2 * j));
    put16(packet + at, chunk);
    at += 2;
  }
  for (int k = 0; k < count; k++) {
    if (status[k] == 1) packet[at++] = (uint8_t)delta[k];
    else if (status[k] == 2) { put16(packet + at, (uint16_t)delta[k]); at += 2; }
  }
  while (at % 4) packet[at++] = 0;
  packet[0] = 0x80 | 15;
  packet[1] = 205;
  put16(packet + 2, (uint32_t)(at / 4 - 1));
  put32(packet + 4, 0x0B0E0C0Au);  // our own SSRC: any
  put32(packet + 8, l->media_ssrc);
  put16(packet + 12, base);
  put16(packet + 14, (uint32_t)count);
  packet[16] = (uint8_t)(reference >> 16);
  packet[17] = (uint8_t)(reference >> 8);
  packet[18] = (uint8_t)reference;
  packet[19] = l->fb_count++;
  l->has_next = 1;
  l->next_seq = (uint16_t)(base + count);
  int len = (int)at;
  if (l->srtp && srtp_protect_rtcp(l->srtp, packet, &len) != srtp_err_status_ok) {
    feedback_failed++;
    return;
  }
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(l->port)};
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (sendto(l->fd, packet, (size_t)len, MSG_DONTWAIT, (struct sockaddr *)&to, sizeof to) == len) feedback_sent++;
  else feedback_failed++;
}

static void send_due_feedback(int64_t now) {
  if (feedback_every_us <= 0) return;
  for (int i = 0; i < active_count; i++) {
    struct leg *l = active_legs[i];
    if (l->pending > 0 && l->fd >= 0 && now - l->sent_us >= feedback_every_us) {
      l->sent_us = now;
      send_feedback(l);
    }
  }
}

static struct state *lookup(uint32_t ssrc) {
  uint32_t i = (ssrc * 2654435761u) >> (32 - TABLE_BITS);
  for (;;) {
    struct state *s = &table[i];
    if (!s->used || s->ssrc == ssrc) return s;
    i = (i + 1) & (TABLE_SIZE - 1);
  }
}

static void on_packet(const uint8_t *buf, size_t len, uint16_t from_port, int fd, int64_t at_us) {
  if (len < 12) return;
  uint8_t type = buf[1];
  // RTP/RTCP multiplexing (RFC 5761): RTCP packet types 192–223 never collide with RTP.
  if (type >= 192 && type <= 223) return;
  struct leg *l = legs_by_port[from_port];
  if (l) note_arrival(l, fd, buf, len, at_us);
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

static void drain(int fd, int64_t at_us) {
  static uint8_t bufs[BATCH][MAX_DATAGRAM];
  static struct iovec iov[BATCH];
  static struct mmsghdr msgs[BATCH];
  static struct sockaddr_in from[BATCH];
  for (;;) {
    for (int i = 0; i < BATCH; i++) {
      iov[i].iov_base = bufs[i];
      iov[i].iov_len = MAX_DATAGRAM;
      memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
      msgs[i].msg_hdr.msg_iov = &iov[i];
      msgs[i].msg_hdr.msg_iovlen = 1;
      msgs[i].msg_hdr.msg_name = &from[i];
      msgs[i].msg_hdr.msg_namelen = sizeof from[i];
    }
    int n = recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, NULL);
    if (n < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) unreadable++;
      return;
    }
    for (int i = 0; i < n; i++) {
      if (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) unreadable++;
      else on_packet(bufs[i], msgs[i].msg_len, ntohs(from[i].sin_port), fd, at_us);
    }
    if (n < BATCH) return;
  }
}

static void snapshot(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  long long us = (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
  printf("cpu %lld drops %llu feedback %llu failed %llu\n", us, unreadable, feedback_sent, feedback_failed);
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
  if (srtp_init() != srtp_err_status_ok) {
    fprintf(stderr, "rtp-receiver: srtp_init failed\n");
    return 1;
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

  char line[512];
  size_t used = 0;
  struct epoll_event ready[1];
  for (;;) {
    // Only stdin is watched; the sockets are drained on the clock.
    int n = epoll_wait(ep, ready, 1, DRAIN_EVERY_MS);
    int64_t now = now_us();
    for (int i = 0; i < count; i++) drain(fds[i], now);
    send_due_feedback(now);
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
          feedback_sent = feedback_failed = 0;
          printf("ok\n");
          fflush(stdout);
        } else if (strncmp(line, "leg ", 4) == 0) {
          printf(add_leg(line + 4) == 0 ? "ok\n" : "error bad leg\n");
          fflush(stdout);
        } else if (strncmp(line, "feedback ", 9) == 0) {
          feedback_every_us = atoll(line + 9) * 1000;
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
