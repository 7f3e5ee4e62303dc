/** mm:ss (or h:mm:ss) for terminal output: the report's clip times use the same rule. */
export { formatClipClock as clock } from '../../shared/core/report/formatClock.js';
