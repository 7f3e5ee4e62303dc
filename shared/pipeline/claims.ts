/**
 * Exactly-once fan-in on an at-least-once queue.
 *
 * The last fan-out item to finish claims the fan-in with `putIfAbsent`. The claim records its
 * owner, so when the owner's own message is redelivered (it crashed after claiming but before
 * sending) it proceeds again, while every other item backs off. Downstream stages are idempotent,
 * so the owner sending twice is harmless; nobody else ever sends.
 */
import type { Storage } from './ports.js';

export async function claimFanIn(storage: Storage, claimKey: string, owner: string): Promise<boolean> {
  if (await storage.putIfAbsent(claimKey, JSON.stringify({ owner }))) return true;
  const existing = await storage.tryGet(claimKey);
  if (!existing) return false;
  try {
    return (JSON.parse(existing.toString('utf8')) as { owner?: string }).owner === owner;
  } catch {
    return false;
  }
}
