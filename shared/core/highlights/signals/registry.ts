import type { SignalName } from '../../types.js';
import type { SIGNAL_NAMES } from '../config.js';
import { chatRate } from './chatRate.js';
import { chatSentiment } from './chatSentiment.js';
import { gifts } from './gifts.js';
import { loudness } from './loudness.js';
import { mentions } from './mentions.js';
import { orders } from './orders.js';
import { paidMessages } from './paidMessages.js';
import { questions } from './questions.js';
import { reactions } from './reactions.js';
import { scenes } from './scenes.js';
import type { Signal } from './signal.js';
import { speechRate } from './speechRate.js';
import { speechSentiment } from './speechSentiment.js';
import { viewers } from './viewers.js';

/** One signal per name, at the name's position (so the compiler checks the registry against SIGNAL_NAMES). */
type InOrderOf<Names extends readonly SignalName[]> = { readonly [K in keyof Names]: { readonly name: Names[K] } };

/**
 * Every signal the detector fuses, in SIGNAL_NAMES order (the order of buildSignals' output). Adding a signal is
 * one file in this folder and one line here (plus its name in SIGNAL_NAMES, in schemas/highlight.ts, which
 * SignalName and the stored schemas follow, and its weight and threshold in config.ts).
 */
export const SIGNALS = [
  loudness,
  speechRate,
  speechSentiment,
  mentions,
  chatRate,
  chatSentiment,
  reactions,
  questions,
  paidMessages,
  gifts,
  viewers,
  orders,
  scenes,
] as const satisfies InOrderOf<typeof SIGNAL_NAMES>;

export type RegisteredSignal = (typeof SIGNALS)[number];

/** The evidence a signal measures. */
export type EvidenceOf<S> = S extends Signal<SignalName, infer Evidence> ? Evidence : never;

/** Every registered signal by name; total, since the registry holds one signal per SIGNAL_NAMES entry. */
const SIGNAL_BY_NAME = Object.fromEntries(SIGNALS.map((signal) => [signal.name, signal])) as Record<SignalName, Signal<SignalName, unknown>>;

/** The registered signal called `name`. */
export function signalNamed(name: SignalName): Signal<SignalName, unknown> {
  return SIGNAL_BY_NAME[name];
}
