/**
 * Contract test of the stage runtime's OpenAI key lookup: a local HTTP server speaking Secrets
 * Manager's wire format (awsJson1.1, `X-Amz-Target: secretsmanager.GetSecretValue`) stands in for the
 * AWS service, which cannot be reached here. It proves our side of the wire: the request the SDK
 * signs and sends, and what the runtime does with each answer; not Secrets Manager itself.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudRuntime, SecretUnavailableError } from '../../functions/lambda/cloudRuntime.js';
import { OPENAI_KEY_PLACEHOLDER } from '../../shared/pipeline/topology.js';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:postshow-openai-AbCdEf';

describe('OpenAI key from Secrets Manager (contract)', () => {
  let server: Server;
  let endpoint: string;
  let secretString: string | undefined;
  const requests: { target: string | undefined; body: { SecretId?: string }; signed: boolean }[] = [];

  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    // Credentials come from the SDK's default chain, as in Lambda (which sets these variables).
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'contract-test-secret';
    server = createServer(async (request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { SecretId?: string };
      requests.push({ target: request.headers['x-amz-target'] as string | undefined, body, signed: /^AWS4-HMAC-SHA256 /.test(request.headers.authorization ?? '') });
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (secretString === undefined) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }));
        return;
      }
      response.end(JSON.stringify({ ARN: SECRET_ARN, Name: 'postshow-openai', SecretString: secretString, VersionId: 'v1', VersionStages: ['AWSCURRENT'], CreatedDate: 1_700_000_000 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const runtimeFor = () =>
    createCloudRuntime('clip', {
      POSTSHOW_STAGE: 'clip',
      RECORDINGS_BUCKET: 'postshow-recordings',
      OUTPUTS_BUCKET: 'postshow-outputs',
      STAGE_QUEUE_URLS: JSON.stringify({ suggest: 'http://127.0.0.1:1/000000000000/suggest' }),
      DEAD_LETTER_QUEUE_URL: 'http://127.0.0.1:1/000000000000/clip-dlq',
      OPENAI_SECRET_ARN: SECRET_ARN,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    });

  it('asks for the configured secret with a signed GetSecretValue and uses the key for OpenAI, never via process.env', async () => {
    secretString = 'sk-contract-test-key';
    const runtime = await runtimeFor();
    expect(requests.at(-1)).toEqual({ target: 'secretsmanager.GetSecretValue', body: expect.objectContaining({ SecretId: SECRET_ARN }), signed: true });
    expect(runtime.deps.languageModel?.name).toMatch(/^openai:/);
    expect(process.env.OPENAI_API_KEY).toBeUndefined();
  });

  it('accepts a JSON secret with an apiKey field', async () => {
    secretString = JSON.stringify({ apiKey: 'sk-from-json' });
    expect((await runtimeFor()).deps.languageModel?.name).toMatch(/^openai:/);
  });

  it("treats the stack's placeholder as no key: the offline providers run instead of failing with 401s", async () => {
    secretString = OPENAI_KEY_PLACEHOLDER;
    const runtime = await runtimeFor();
    expect(runtime.deps.languageModel).toBeUndefined();
  });

  it('fails a cold start it can retry when the secret cannot be read', async () => {
    secretString = undefined;
    const asked = requests.length;
    await expect(runtimeFor()).rejects.toBeInstanceOf(SecretUnavailableError);
    expect(requests.length).toBeGreaterThan(asked);
  });
});
