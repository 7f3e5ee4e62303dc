/** Options every chat format parser takes. */
export interface ChatParseOptions {
  /**
   * Epoch milliseconds of the recording start, for formats whose times are wall clock (Twitch IRC logs).
   * Absent: the first timestamped line of the file is t = 0.
   */
  readonly recordingStartMs?: number;
  /** The recording's length, seconds: messages after it are dropped and counted (not fatal). */
  readonly durationSeconds?: number;
}
