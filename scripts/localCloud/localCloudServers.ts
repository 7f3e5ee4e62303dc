/**
 * Real AWS protocol servers from npm, on 127.0.0.1 with ephemeral ports: fauxqs (S3 and SQS on one
 * port, with S3 conditional writes added) and dynalite (DynamoDB). Used by the integration tests and
 * `npm run simulate:cloud`; nothing here is a mock of postshow's own code.
 */
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { buildApp } from 'fauxqs';
import { addConditionalWrites } from './conditionalWrites.js';

export interface LocalCloudServers {
  /** S3 and SQS endpoint (fauxqs). */
  readonly awsEndpoint: string;
  readonly dynamoEndpoint: string;
  close(): Promise<void>;
}

export async function startLocalCloudServers(): Promise<LocalCloudServers> {
  const app = buildApp({ logger: false });
  addConditionalWrites(app);
  // fauxqs's own starter binds 0.0.0.0; the app on loopback keeps the test run off the network.
  await app.listen({ host: '127.0.0.1', port: 0 });
  const awsPort = (app.server.address() as AddressInfo).port;

  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    dynamo.once('error', reject);
    dynamo.listen(0, '127.0.0.1', () => resolve());
  });
  const dynamoPort = (dynamo.address() as AddressInfo).port;

  return {
    awsEndpoint: `http://127.0.0.1:${awsPort}`,
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    async close() {
      await app.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
    },
  };
}
