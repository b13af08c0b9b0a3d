// The demo network's namespace mode (root only): each media node in its own network namespace,
// linked to its parent's by a veth pair, so that a link of the tree can be capped (tc tbf) or cut
// like a real WAN link. The command lists are pure (unit-tested); `run` executes them.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Where a running namespace demo keeps its layout, for `--cap` / `--cut` from another shell. */
export const NETNS_STATE_FILE = path.join(os.tmpdir(), "ygav-demo-network.json");

/** Whether this process may make namespaces: root, `ip` present and `ip netns add` allowed. */
export function netnsAvailable() {
  if (process.getuid?.() !== 0) return false;
  const probe = `ygav-probe-${process.pid}`;
  if (spawnSync("ip", ["netns", "add", probe], { stdio: "ignore" }).status !== 0) return false;
  spawnSync("ip", ["netns", "del", probe], { stdio: "ignore" });
  return true;
}

/** `ip …` commands (`[program, ...args]`) that build the namespaces, the host veths and the tree's links. */
export function setupCommands(plan) {
  const commands = [];
  for (const { ns } of plan.nodes) {
    commands.push(
      ["netns", "add", ns.name],
      ["-n", ns.name, "link", "set", "lo", "up"],
      ["link", "add", ns.hostDev, "type", "veth", "peer", "name", ns.nodeDev],
      ["link", "set", ns.nodeDev, "netns", ns.name],
      ["addr", "add", `${ns.hostAddress}/24`, "dev", ns.hostDev],
      ["link", "set", ns.hostDev, "up"],
      ["-n", ns.name, "addr", "add", `${ns.nodeAddress}/24`, "dev", ns.nodeDev],
      ["-n", ns.name, "link", "set", ns.nodeDev, "up"],
    );
  }
  for (const link of plan.links) {
    const { childNs: c, parentNs: p } = link;
    commands.push(
      ["link", "add", c.upDev, "type", "veth", "peer", "name", c.downDev],
      ["link", "set", c.upDev, "netns", c.name],
      ["link", "set", c.downDev, "netns", p.name],
      ["-n", c.name, "addr", "add", `${c.upAddress}/24`, "dev", c.upDev],
      ["-n", p.name, "addr", "add", `${c.downAddress}/24`, "dev", c.downDev],
      ["-n", c.name, "link", "set", c.upDev, "up"],
      ["-n", p.name, "link", "set", c.downDev, "up"],
      ...linkRoutes(link),
    );
  }
  return commands.map((args) => ["ip", ...args]);
}

/** Each side reaches the other's node address (signaling and pipes) only across their link. */
function linkRoutes({ childNs: c, parentNs: p }) {
  return [
    ["-n", c.name, "route", "replace", `${p.nodeAddress}/32`, "via", c.downAddress, "dev", c.upDev],
    ["-n", p.name, "route", "replace", `${c.nodeAddress}/32`, "via", c.upAddress, "dev", c.downDev],
  ];
}

/** Deleting a namespace deletes its veths, and with them their peers in the host. */
export function teardownCommands(plan) {
  return plan.nodes.map(({ ns }) => ["ip", "netns", "del", ns.name]);
}

function linkOf(state, id) {
  const link = state.links.find((l) => l.child === id);
  if (!link) throw new Error(`no link above node "${id}" (nodes with a parent: ${state.links.map((l) => l.child).join(", ")})`);
  return link;
}

/**
 * Caps the link between `id` and its parent to `rate` (tc syntax: 500kbit, 2mbit) both ways, or
 * lifts the cap (`rate` null). Commands are `[program, ...args]`.
 */
export function capCommands(state, id, rate) {
  const { childNs: c, parentNs: p } = linkOf(state, id);
  const sides = [[c.name, c.upDev], [p.name, c.downDev]];
  if (rate === null) return sides.map(([ns, dev]) => ["ip", "netns", "exec", ns, "tc", "qdisc", "del", "dev", dev, "root"]);
  if (!/^\d+(\.\d+)?(bit|kbit|mbit|gbit)$/.test(rate)) throw new Error(`rate "${rate}": a number with bit, kbit, mbit or gbit (e.g. 500kbit)`);
  return sides.map(([ns, dev]) => ["ip", "netns", "exec", ns, "tc", "qdisc", "replace", "dev", dev, "root", "tbf", "rate", rate, "burst", "32kbit", "latency", "400ms"]);
}

/** Cuts the link between `id` and its parent (both ends down), or restores it with its routes. */
export function cutCommands(state, id, restore = false) {
  const link = linkOf(state, id);
  const { childNs: c, parentNs: p } = link;
  const updown = restore ? "up" : "down";
  const commands = [
    ["ip", "-n", c.name, "link", "set", c.upDev, updown],
    ["ip", "-n", p.name, "link", "set", c.downDev, updown],
  ];
  // A link taken down loses its routes: put them back.
  if (restore) commands.push(...linkRoutes(link).map((args) => ["ip", ...args]));
  return commands;
}

export function run(commands, { ignoreErrors = false } = {}) {
  for (const [program, ...args] of commands) {
    try {
      execFileSync(program, args, { stdio: ["ignore", "ignore", "pipe"] });
    } catch (error) {
      if (!ignoreErrors) throw new Error(`${program} ${args.join(" ")}: ${error.stderr?.toString().trim() || error.message}`);
    }
  }
}

export function writeState(plan) {
  fs.writeFileSync(NETNS_STATE_FILE, JSON.stringify({ nodes: plan.nodes.map((n) => ({ id: n.id, parent: n.parent, url: n.url, ns: n.ns })), links: plan.links }, null, 2));
}

export function readState() {
  if (!fs.existsSync(NETNS_STATE_FILE)) throw new Error("no network-namespace demo is running (start `npm run demo:network` as root first)");
  return JSON.parse(fs.readFileSync(NETNS_STATE_FILE, "utf8"));
}
