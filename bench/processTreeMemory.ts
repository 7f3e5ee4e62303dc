/**
 * Peak resident memory of a whole process tree (a node process plus its ffmpeg/ffprobe children), sampled from /proc.
 *
 * The sampler runs in a worker thread, not on the main event loop: the analyze stage is synchronous CPU work, and a
 * timer on the main thread would stall exactly while that stage holds the most memory. The worker is plain JavaScript
 * passed with `eval`, so it needs no TypeScript loader. Its own few MB are part of the measured node process.
 *
 * Children are found by scanning /proc/<pid>/stat for parent pids (/proc/<pid>/task/<tid>/children needs
 * CONFIG_PROC_CHILDREN, which sandboxed kernels often lack). Linux only.
 *
 * Imperative benchmark tooling, not part of the functional core.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Result of one sampling session. */
export interface TreeMemoryReport {
  /** Highest sum of VmRSS over the tree in any one sample, KiB. */
  readonly peakKb: number;
  /** VmRSS per command name at the peak sample, KiB (e.g. `{ node: 180000, ffmpeg: 60000 }`). */
  readonly peakBreakdownKb: Readonly<Record<string, number>>;
  /** Peak tree RSS per phase label set with `phase()` (e.g. per pipeline stage), KiB. */
  readonly peakByPhaseKb: Readonly<Record<string, number>>;
  /** Most processes seen in the tree at once. */
  readonly maxProcesses: number;
  readonly samples: number;
  /** Sampling interval actually requested, ms. */
  readonly intervalMs: number;
}

/** A running sampler; `stop()` takes one last sample and returns the report. */
export interface TreeMemorySampler {
  /** Labels the samples that follow (until the next call), so peaks can be told apart per phase. */
  phase(label: string): void;
  stop(): Promise<TreeMemoryReport>;
}

export interface TreeMemorySamplerOptions {
  /** Root of the tree. @default process.pid */
  readonly rootPid?: number;
  /** Sampling period, ms. @default 100 */
  readonly intervalMs?: number;
}

const WORKER_SOURCE = String.raw`
const { readdirSync, readFileSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const { rootPid, intervalMs } = workerData;

function parentOf(pid) {
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the LAST ')'.
  const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
  const close = stat.lastIndexOf(')');
  return { ppid: Number(stat.slice(close + 2).split(' ')[1]), comm: stat.slice(stat.indexOf('(') + 1, close) };
}

function rssKb(pid) {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/' + pid + '/status', 'utf8'));
  return match ? Number(match[1]) : 0; // zombies and kernel threads have no VmRSS line
}

function sample() {
  const children = new Map();
  const names = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid, comm } = parentOf(entry);
      const pid = Number(entry);
      names.set(pid, comm);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(pid);
    } catch {
      // the process exited between readdir and read
    }
  }
  let total = 0;
  const byName = {};
  const queue = [rootPid];
  let count = 0;
  while (queue.length > 0) {
    const pid = queue.pop();
    let kb = 0;
    try {
      kb = rssKb(pid);
    } catch {
      continue;
    }
    count += 1;
    total += kb;
    const name = names.get(pid) || String(pid);
    byName[name] = (byName[name] || 0) + kb;
    for (const child of children.get(pid) || []) queue.push(child);
  }
  return { total, byName, count };
}

let peakKb = 0;
let peakBreakdownKb = {};
let maxProcesses = 0;
let samples = 0;
let phase = 'start';
const peakByPhaseKb = {};
function tick() {
  const { total, byName, count } = sample();
  samples += 1;
  if (total > (peakByPhaseKb[phase] || 0)) peakByPhaseKb[phase] = total;
  if (count > maxProcesses) maxProcesses = count;
  if (total > peakKb) {
    peakKb = total;
    peakBreakdownKb = byName;
  }
}
tick();
const timer = setInterval(tick, intervalMs);
parentPort.on('message', (message) => {
  if (message.phase !== undefined) {
    tick(); // close the previous phase with a fresh sample
    phase = message.phase;
    return;
  }
  clearInterval(timer);
  tick();
  parentPort.postMessage({ peakKb, peakBreakdownKb, peakByPhaseKb, maxProcesses, samples, intervalMs });
  parentPort.close();
});
`;

/** Starts sampling the tree rooted at `rootPid` every `intervalMs`; throws when /proc is not available. */
export function startProcessTreeSampler(options: TreeMemorySamplerOptions = {}): TreeMemorySampler {
  if (!existsSync('/proc/self/status')) throw new Error('process tree memory sampling needs Linux /proc');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { rootPid: options.rootPid ?? process.pid, intervalMs: options.intervalMs ?? 100 },
  });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  failed.catch(() => undefined); // surfaced by stop(); avoid an unhandled rejection before that
  return {
    phase(label) {
      worker.postMessage({ phase: label });
    },
    async stop() {
      const report = new Promise<TreeMemoryReport>((resolve) => worker.once('message', resolve));
      worker.postMessage({ stop: true });
      const result = await Promise.race([report, failed]);
      await worker.terminate();
      return result;
    },
  };
}
