// Runs inside the joining page (added with page.addInitScript). Plain JavaScript on purpose: a
// function handed to page.evaluate from tsx-compiled TypeScript carries esbuild's __name helper,
// which does not exist in the page.
//
// Armed before the click, it starts the clock on the join button's click itself, then notes when
// the token arrived, when the call reached "joined", and when the first remote video frame was
// presented (requestVideoFrameCallback on the remote tiles' <video> elements).

// For the breakdown: when a peer connection (ICE + DTLS) connected, on the page's own clock.
// (The signaling socket is already open when the join screen shows, so it is not on the clock.)
// Wrapping the constructor changes nothing else.
window.__joinMarks = { pcConnected: [], socket: [] };
// For --trace: the signaling socket's messages (socket.io frames) on the page's clock, name only.
(function () {
  var NativeWebSocket = window.WebSocket;
  var name = function (data) {
    var m = typeof data === "string" ? /^4[23](\d*)\[?"?([A-Za-z]*)/.exec(data) : null;
    return m ? (data[1] === "3" ? "ack " + m[1] : m[2]) : "";
  };
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", function (event) {
        var n = name(event.data);
        if (n) window.__joinMarks.socket.push([performance.now(), "← " + n]);
      });
    }
    send(data) {
      var n = name(data);
      if (n) window.__joinMarks.socket.push([performance.now(), "→ " + n]);
      return super.send(data);
    }
  };
})();
(function () {
  var NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(config) {
      super(config);
      var pc = this;
      this.addEventListener("connectionstatechange", function () {
        if (pc.connectionState === "connected") window.__joinMarks.pcConnected.push(performance.now());
      });
    }
  };
})();

window.__armJoinTimer = function (buttonText, timeoutMs) {
  window.__joinTiming = new Promise(function (resolve, reject) {
    function onClick(event) {
      var button = event.target && event.target.closest ? event.target.closest("button") : null;
      if (!button || (button.textContent || "").trim() !== buttonText) return;
      document.removeEventListener("click", onClick, true);
      var t0 = performance.now();
      var timing = {};
      var watched = new WeakSet();

      function finish() {
        if (timing.firstFrameMs === undefined || timing.joinedMs === undefined) return;
        cleanup();
        var after = function (marks) {
          var later = marks.filter(function (at) {
            return at >= t0;
          });
          // Both connected before the click: nothing of ICE + DTLS is left after it.
          return later.length ? later[0] - t0 : marks.length ? 0 : NaN;
        };
        resolve({
          // Peer connections that finished ICE + DTLS before the click (issue 14: warmed).
          connectedBeforeClick: window.__joinMarks.pcConnected.filter(function (at) {
            return at < t0;
          }).length,
          grantMs: timing.grantMs === undefined ? NaN : timing.grantMs,
          joinedMs: timing.joinedMs,
          mediaConnectedMs: after(window.__joinMarks.pcConnected),
          trace: window.__joinMarks.socket
            .filter(function (m) {
              return m[0] >= t0;
            })
            .map(function (m) {
              return Math.round(m[0] - t0) + " " + m[1];
            })
            .concat(["" + Math.round(timing.firstFrameMs) + " first frame"]),
          firstFrameMs: timing.firstFrameMs,
        });
      }
      function watchVideos() {
        document.querySelectorAll('[data-testid="peer-tile"] video').forEach(function (video) {
          if (watched.has(video)) return;
          watched.add(video);
          video.requestVideoFrameCallback(function (now) {
            if (timing.firstFrameMs !== undefined) return;
            timing.firstFrameMs = now - t0;
            finish();
          });
        });
      }
      var resources = new PerformanceObserver(function (list) {
        list.getEntries().forEach(function (entry) {
          // A guest's token (/join/{code}) or a signed-in member's (/rooms/{id}/join-token); a join
          // screen that fetched it before the click makes none after it (n/a).
          var isGrant = entry.name.indexOf("/api/v1/join/") >= 0 || /\/api\/v1\/rooms\/[^/]+\/join-token/.test(entry.name);
          if (isGrant && entry.startTime >= t0 && timing.grantMs === undefined) timing.grantMs = entry.responseEnd - t0;
        });
      });
      resources.observe({ type: "resource" });
      var phase = setInterval(function () {
        var call = window.__ygavCall;
        if (timing.joinedMs === undefined && call && call.state().phase === "joined") {
          timing.joinedMs = performance.now() - t0;
          finish();
        }
      }, 5);
      var mutations = new MutationObserver(watchVideos);
      mutations.observe(document.body, { childList: true, subtree: true });
      var timeout = setTimeout(function () {
        cleanup();
        reject(new Error("no remote frame within " + timeoutMs + " ms (" + JSON.stringify(timing) + ")"));
      }, timeoutMs);
      function cleanup() {
        resources.disconnect();
        mutations.disconnect();
        clearInterval(phase);
        clearTimeout(timeout);
      }
    }
    document.addEventListener("click", onClick, true);
  });
};
