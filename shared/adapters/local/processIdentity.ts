/**
 * Which process on this machine wrote a lock or a scratch folder, and whether it is still alive.
 *
 * A pid alone is not an identity: after a crash and a reboot the same number can belong to an unrelated
 * process, and a stale lock would then look held forever. On Linux the kernel's start time of the process
 * (field 22 of /proc/{pid}/stat, in clock ticks since boot) together with the boot id tells them apart.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface ProcessIdentity {
  readonly pid: number;
  readonly host: string;
  /** Start time in clock ticks since boot (Linux); absent where /proc is not there. */
  readonly startTicks?: number;
  /** /proc/sys/kernel/random/boot_id (Linux): a pid from before a reboot is never alive. */
  readonly bootId?: string;
}

export function currentProcess(): ProcessIdentity {
  return identityOf(process.pid);
}

/** True while the process that wrote `identity` runs; a process on another host cannot be checked and counts as alive. */
export function isAlive(identity: ProcessIdentity): boolean {
  if (identity.host !== os.hostname()) return true;
  try {
    // Signal 0 checks existence without sending anything; EPERM means it exists under another user.
    process.kill(identity.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = identityOf(identity.pid);
  if (identity.bootId !== undefined && now.bootId !== undefined && identity.bootId !== now.bootId) return false;
  if (identity.startTicks !== undefined && now.startTicks !== undefined && identity.startTicks !== now.startTicks) return false;
  return true;
}

function identityOf(pid: number): ProcessIdentity {
  const startTicks = readStartTicks(pid);
  const bootId = readText('/proc/sys/kernel/random/boot_id');
  return { pid, host: os.hostname(), ...(startTicks !== undefined ? { startTicks } : {}), ...(bootId ? { bootId } : {}) };
}

function readStartTicks(pid: number): number | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}
