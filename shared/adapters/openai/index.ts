export { createOpenAiClient, retryPolicyOf } from './openaiClient.js';
export { OPENAI_DEFAULT_BASE_URL, OpenAiConfigError, openAiConfigFromEnv, type OpenAiConfig } from './openaiConfig.js';
export {
  AudioTooLargeError,
  ChunkReadError,
  MalformedAnswerError,
  OPENAI_MAX_UPLOAD_BYTES,
  OpenAiRequestError,
  openAiRetryDecision,
  scrub,
  translateOpenAiError,
} from './openaiErrors.js';
export { OpenAiLanguageModel, type OpenAiLanguageModelOptions } from './openaiLanguageModel.js';
export { OpenAiTranscriber, chunkRelativeTranscript, languageFromOpenAi, readChunk, type OpenAiTranscriberOptions } from './openaiTranscriber.js';
export { createOpenAiProviders, type OpenAiProviders } from './openaiProviders.js';
export { Secret } from './secret.js';
export { UnsupportedSchemaError, dropNullsForOptional, toStrictJsonSchema, type StrictJsonSchema } from './strictJsonSchema.js';
export { SHOW_DATA_CLOSE, SHOW_DATA_OPEN, UNTRUSTED_DATA_NOTICE, systemMessageFor, userMessageFor } from './untrustedData.js';
