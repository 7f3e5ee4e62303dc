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

/**
 * The fan-in step of a fan-out stage: reads every item's output of this run (`readDone` gives
 * undefined for an item not finished yet) and, once all are there, claims the fan-in for `owner`.
 * Returns the outputs, in item order, to the one caller that owns the fan-in; undefined to everyone else.
 */
export async function claimWhenAllDone<Item, Output>(
  storage: Storage,
  fanIn: { readonly items: readonly Item[]; readonly claimKey: string; readonly owner: string },
  readDone: (item: Item) => Promise<Output | undefined>,
): Promise<Output[] | undefined> {
  const outputs: Output[] = [];
  for (const item of fanIn.items) {
    const output = await readDone(item);
    if (output === undefined) return undefined;
    outputs.push(output);
  }
  return (await claimFanIn(storage, fanIn.claimKey, fanIn.owner)) ? outputs : undefined;
}
