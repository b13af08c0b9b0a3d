// Added to a page in bench/join's "cold" mode (and nowhere else): the page's warm-up of its
// prepared transports (web/lib/media-client/warm-transport.ts, a data channel labelled "warm")
// cannot make its channel, so warmTransport gives up before touching the transport and each
// transport connects at its first produce or consume after the click, as before issue 14's
// fifth part. Every other data channel (there are none in a call) is left alone.
(function () {
  var native = RTCPeerConnection.prototype.createDataChannel;
  RTCPeerConnection.prototype.createDataChannel = function (label, options) {
    if (label === "warm") throw new DOMException("warm-up refused by bench/join (cold mode)", "OperationError");
    return native.call(this, label, options);
  };
})();
