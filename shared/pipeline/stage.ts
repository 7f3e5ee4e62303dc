import type { MessageOf, StageMessage, StageName } from './messages.js';
import type { StageContext } from './ports.js';

/** What a stage returns: the messages to send next and a small summary for status.json. */
export interface StageResult {
  readonly next: readonly StageMessage[];
  /** A few readable facts for status.json (counts, engine used); never payloads. */
  readonly summary?: Readonly<Record<string, string | number | boolean>>;
}

/** A stage is a plain async function of its message and its ports; Lambda and the CLI wrap the same one. */
export type StageHandler<S extends StageName> = (message: MessageOf<S>, context: StageContext) => Promise<StageResult>;

export type StageHandlers = { readonly [S in StageName]: StageHandler<S> };
