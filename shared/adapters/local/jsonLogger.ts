/** Structured JSON-lines logger for local runs (Lambda uses Powertools with the same fields). */
import type { Writable } from 'node:stream';
import type { LOG_LEVELS } from '../../core/settings/envSettings.js';
import type { Logger } from '../../pipeline/ports.js';

/** `POSTSHOW_LOG_LEVEL`'s values. */
export type LogLevel = (typeof LOG_LEVELS)[number];
const ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createJsonLogger(stream: Writable, level: LogLevel = 'info'): Logger {
  const write = (lineLevel: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[lineLevel] < ORDER[level]) return;
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: lineLevel, message, ...fields })}\n`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
