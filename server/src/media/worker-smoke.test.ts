import { describe, it, expect } from 'vitest';
import type { types as mediasoupTypes } from 'mediasoup';

const mediaCodecs: mediasoupTypes.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

describe('mediasoup worker built from source', () => {
  it('the built mediasoup worker starts and creates a router and a WebRtcTransport', { timeout: 30_000 }, async () => {
    const workerBin = process.env.MEDIASOUP_WORKER_BIN;
    if (!workerBin) {
      throw new Error(
        'MEDIASOUP_WORKER_BIN is not set: run the tests through `npm test`, which builds the worker ' +
          '(scripts/bootstrap/mediasoup-worker.mjs) and passes its path.',
      );
    }
    // mediasoup reads MEDIASOUP_WORKER_BIN when its module loads, hence the check before importing.
    const mediasoup = await import('mediasoup');
    expect(mediasoup.workerBin).toBe(workerBin);

    const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: 40000, rtcMaxPort: 40100 });
    try {
      expect(worker.pid).toBeGreaterThan(0);

      const router = await worker.createRouter({ mediaCodecs });
      const mimeTypes = router.rtpCapabilities.codecs?.map((codec) => codec.mimeType) ?? [];
      expect(mimeTypes).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));
      const h264 = router.rtpCapabilities.codecs?.find((codec) => codec.mimeType === 'video/H264');
      expect(h264?.parameters).toMatchObject({ 'packetization-mode': 1, 'profile-level-id': '42e01f' });

      // mediasoup 3.12 takes listenIps (3.13+ renamed it listenInfos).
      const webRtcTransport = await router.createWebRtcTransport({
        listenIps: [{ ip: '127.0.0.1' }],
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
      });
      expect(webRtcTransport.iceCandidates.length).toBeGreaterThan(0);
      for (const candidate of webRtcTransport.iceCandidates) {
        expect(candidate.ip).toBe('127.0.0.1');
        expect(candidate.port).toBeGreaterThanOrEqual(40000);
        expect(candidate.port).toBeLessThanOrEqual(40100);
      }
      expect(webRtcTransport.iceParameters.usernameFragment).not.toBe('');
      expect(webRtcTransport.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
      expect(webRtcTransport.dtlsParameters.fingerprints.map((f) => f.algorithm)).toContain('sha-256');

      const plainTransport = await router.createPlainTransport({
        listenIp: { ip: '127.0.0.1' },
        rtcpMux: true,
        comedia: true,
      });
      expect(plainTransport.tuple.localIp).toBe('127.0.0.1');
      expect(plainTransport.tuple.localPort).toBeGreaterThanOrEqual(40000);
      expect(plainTransport.tuple.localPort).toBeLessThanOrEqual(40100);

      const usage = await worker.getResourceUsage();
      expect(usage.ru_maxrss).toBeGreaterThan(0);
    } finally {
      worker.close();
    }
    expect(worker.closed).toBe(true);
  });
});
