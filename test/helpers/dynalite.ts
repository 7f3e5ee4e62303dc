/**
 * A real DynamoDB protocol server for tests: dynalite in this process on a free port, plus the SDK clients
 * pointed at it and the catalog table of the cloud contract (pk/sk strings, no GSIs).
 * Also a throttling proxy that makes BatchWriteItem leave items unprocessed, as DynamoDB does under load.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createCatalogTable, startDynaliteServer } from '../../scripts/localCloud/localCloudServers.js';

export { createCatalogTable };

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export async function startDynalite(): Promise<LocalDynamo> {
  const server = await startDynaliteServer();
  const endpoint = server.endpoint;
  const client = dynamoClient(endpoint);
  return {
    endpoint,
    client,
    documentClient: DynamoDBDocumentClient.from(client),
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

export function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

export interface ThrottlingProxy {
  readonly endpoint: string;
  /** BatchWriteItem calls seen, and how many of their write requests were handed back unprocessed. */
  readonly stats: { batchCalls: number; unprocessed: number };
  close(): Promise<void>;
}

/**
 * Forwards DynamoDB calls to `target`, except that each BatchWriteItem call gets at most
 * `acceptPerCall` of its write requests through; the rest come back as UnprocessedItems.
 */
export async function startThrottlingProxy(target: string, acceptPerCall: number): Promise<ThrottlingProxy> {
  const stats = { batchCalls: 0, unprocessed: 0 };
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readBody(incoming);
      const isBatchWrite = incoming.headers['x-amz-target'] === 'DynamoDB_20120810.BatchWriteItem';
      if (!isBatchWrite) {
        const upstream = await forward(target, incoming, body);
        outgoing.writeHead(upstream.status, upstream.headers).end(upstream.body);
        return;
      }
      stats.batchCalls++;
      const input = JSON.parse(body.toString('utf8')) as { RequestItems: Record<string, unknown[]> };
      const accepted: Record<string, unknown[]> = {};
      const refused: Record<string, unknown[]> = {};
      for (const [table, requests] of Object.entries(input.RequestItems)) {
        if (requests.length > acceptPerCall) refused[table] = requests.slice(acceptPerCall);
        if (acceptPerCall > 0) accepted[table] = requests.slice(0, acceptPerCall);
        stats.unprocessed += Math.max(0, requests.length - acceptPerCall);
      }
      let output: { UnprocessedItems?: Record<string, unknown[]> } = { UnprocessedItems: {} };
      if (Object.keys(accepted).length > 0) {
        const upstream = await forward(target, incoming, Buffer.from(JSON.stringify({ ...input, RequestItems: accepted })));
        if (upstream.status !== 200) {
          outgoing.writeHead(upstream.status, upstream.headers).end(upstream.body);
          return;
        }
        output = JSON.parse(upstream.body.toString('utf8')) as typeof output;
      }
      output.UnprocessedItems = { ...output.UnprocessedItems, ...refused };
      outgoing.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(output));
    })().catch((error: unknown) => outgoing.writeHead(502).end(String(error)));
  });
  const endpoint = await listen(server);
  return {
    endpoint,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readBody(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends the request on to `target` with a new body; the response comes back without its CRC header. */
function forward(target: string, incoming: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const url = new URL(target);
  const headers = { ...incoming.headers, host: url.host, 'content-length': String(body.length) };
  return new Promise((resolve, reject) => {
    const upstream = request({ host: url.hostname, port: url.port, method: incoming.method, path: incoming.url, headers }, (response) => {
      readBody(response).then(
        (data) => resolve({ status: response.statusCode ?? 502, headers: { 'content-type': String(response.headers['content-type'] ?? 'application/x-amz-json-1.0') }, body: data }),
        reject,
      );
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}
