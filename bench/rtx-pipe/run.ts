// bench/rtx-pipe: does RTX recover losses on a PipeTransport link? (mediasoup issue 906, fixed in
// 3.19.13 by PR 1653; issue 11 needs ≥ 95 % of frames across a link with 5 % loss.) Runs the lossy
// pipe of server/test/support/lossy-pipe.ts with RTX off and on, and prints what arrived.
import "../sfu/worker-bin.ts";
import os from "node:os";
import { parseArgs } from "node:util";
import * as mediasoup from "mediasoup";
import { runLossyPipe } from "../../server/test/support/lossy-pipe.ts";

const { values } = parseArgs({
  options: { loss: { type: "string", default: "5" }, seconds: { type: "string", default: "20" } },
});
const loss = Number(values.loss) / 100;
const seconds = Number(values.seconds);
console.log(`bench/rtx-pipe — ${new Date().toISOString()}; Node ${process.version}, mediasoup ${mediasoup.version}, load ${os.loadavg()[0]!.toFixed(1)}`);
console.log(`router A → relay dropping ${values.loss} % of RTP → router B, one VP8 stream, ${seconds} s per row\n`);
console.log("| pipe RTX | RTP into pipe | dropped | RTX sent | NACK packets back | far receiver got |");
console.log("|---|---|---|---|---|---|");
for (const rtx of [false, true]) {
  const r = await runLossyPipe(mediasoup, { loss, seconds, rtx, rtcMinPort: 47000, rtcMaxPort: 47999 });
  console.log(
    `| ${rtx ? "on" : "off"} | ${r.pipeRtpPackets} | ${r.dropped} | ${r.rtxPackets} | ${r.nackPackets} | ${r.deliveredPct.toFixed(2)} % (${r.received}/${r.expected}) |`,
  );
}
process.exit(0);
