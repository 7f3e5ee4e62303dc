/** Lambda entry of the audio stage (bundled by infra/; see functions/lambda/stageWorker.ts). */
import { createStageHandler } from './stageWorker.js';

export const handler = createStageHandler('audio', { env: process.env });
