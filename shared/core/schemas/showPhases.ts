/** The five phases of a selling show, in order. Apart from the zod schemas so the browser bundle can use them without zod. */
export const SHOW_PHASES = ['warm-up', 'introduction', 'demonstration', 'push', 'close'] as const;
