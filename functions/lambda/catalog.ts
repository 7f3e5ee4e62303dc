/** Lambda entry of the catalog stage (bundled by infra/; see functions/lambda/stageWorker.ts). */
import { createStageHandler } from './stageWorker.js';

export const handler = createStageHandler('catalog', { env: process.env });
