// Runs in every page of the bench (page.addInitScript). Plain JavaScript on purpose: a function
// handed to page.evaluate from tsx-compiled TypeScript carries esbuild's __name helper, which does
// not exist in the page.
//
// - Notes, per remote peer, when this page first decoded a video frame from it (getStats
//   framesDecoded > 0 through the call's read-only probe, window.__ygavCall), on the machine's
//   clock (Date.now(): every page of one browser shares it), polling every 40 ms.
// - Notes the officer's click on 开始点名 (window.__benchClickText) in sessionStorage.
window.__benchDecodes = {};
// When each remote peer's video consumer first appeared in the call's state (made in the page,
// before its first frame): the gap to the first decoded frame is the keyframe's wait.
window.__benchTracks = {};
setInterval(function () {
  var call = window.__ygavCall;
  if (!call) return;
  call.inboundVideoStats().then(
    function (stats) {
      var now = Date.now();
      stats.forEach(function (s) {
        if (s.framesDecoded > 0 && !(s.peerId in window.__benchDecodes)) window.__benchDecodes[s.peerId] = now;
      });
    },
    function () {},
  );
}, 40);
document.addEventListener(
  "click",
  function (event) {
    var target = event.target && event.target.closest ? event.target.closest("a,button") : null;
    if (target && (target.textContent || "").trim() === window.__benchClickText) sessionStorage.setItem("benchClickAt", String(Date.now()));
  },
  true,
);

// The breakdown: when the console's POST /open answered (the roll call is live), and when a
// waiting page heard "live" on its event stream (EventSource wrapped; nothing else changes).
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (/\/api\/v1\/rollcalls\/[^/]+\/open$/.test(entry.name) && !window.__benchOpenAt) window.__benchOpenAt = Math.round(performance.timeOrigin + entry.responseEnd);
    // A person's join token (POST /r/{token}/join) answered: the join can go.
    if (/\/api\/v1\/r\/[^/]+\/join$/.test(entry.name) && !window.__benchMarks.grantAt) window.__benchMarks.grantAt = Math.round(performance.timeOrigin + entry.responseEnd);
  });
}).observe({ type: "resource", buffered: true });
(function () {
  var NativeEventSource = window.EventSource;
  if (!NativeEventSource) return;
  window.EventSource = class extends NativeEventSource {
    constructor(url, init) {
      super(url, init);
      this.addEventListener("message", function (message) {
        var data = String(message.data);
        if (!window.__benchLiveAt && data.indexOf('"state":"live"') >= 0) window.__benchLiveAt = Date.now();
        // The stream brought the join token with the news (issue 14): no POST /join follows.
        if (!window.__benchMarks.grantAt && data.indexOf('"state":"live"') >= 0 && data.indexOf('"grant":') >= 0) window.__benchMarks.grantAt = Date.now();
      });
    }
  };
})();

// Where the time goes (issue 14, fifth part), on the same clock: when this document started
// loading (since the last part the console loads before the click: negative), when its call reached "joined", when
// its camera was published (a producer on the node), and when its first peer connection had
// finished ICE + DTLS.
window.__benchMarks = { documentAt: Math.round(performance.timeOrigin) };
setInterval(function () {
  var call = window.__ygavCall;
  var state = call && call.state();
  if (!state) return;
  var marks = window.__benchMarks;
  (state.tracks || []).forEach(function (t) {
    if (t.kind === "video" && !(t.peerId in window.__benchTracks)) window.__benchTracks[t.peerId] = Date.now();
  });
  if (!marks.joinedAt && state.phase === "joined") marks.joinedAt = Date.now();
  if (!marks.publishedAt && state.local && state.local.camera) marks.publishedAt = Date.now();
}, 10);
(function () {
  var NativePeerConnection = window.RTCPeerConnection;
  if (!NativePeerConnection) return;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(config) {
      super(config);
      var pc = this;
      this.addEventListener("connectionstatechange", function () {
        if (pc.connectionState === "connected" && !window.__benchMarks.connectedAt) window.__benchMarks.connectedAt = Date.now();
      });
    }
  };
})();

// The page's main thread: tasks over 50 ms (the Long Tasks API), on the same clock, so a
// round can say how much of a page's time after the click was its own JavaScript and layout.
window.__benchLongTasks = [];
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (entry) {
      window.__benchLongTasks.push([Math.round(performance.timeOrigin + entry.startTime), Math.round(entry.duration)]);
    });
  }).observe({ type: "longtask", buffered: true });
} catch (error) {
  // No Long Tasks API in this browser: the breakdown says n/a.
}

