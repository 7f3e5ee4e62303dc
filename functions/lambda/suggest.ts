/** Lambda entry of the suggest stage (bundled by infra/; see functions/lambda/stageWorker.ts). */
import { createStageHandler } from './stageWorker.js';

export const handler = createStageHandler('suggest', { env: process.env });
