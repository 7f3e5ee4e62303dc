/**
 * Real AWS protocol servers from npm, on 127.0.0.1 with ephemeral ports: fauxqs (S3 and SQS on one
 * port, with S3 conditional writes added) and dynalite (DynamoDB). Used by the integration tests and
 * `npm run simulate:cloud`; nothing here is a mock of postshow's own code.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
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

  const dynamo = await startDynaliteServer();
  return {
    awsEndpoint: `http://127.0.0.1:${awsPort}`,
    dynamoEndpoint: dynamo.endpoint,
    async close() {
      await app.close();
      await dynamo.close();
    },
  };
}

/** dynalite (DynamoDB) in memory on 127.0.0.1, tables ready at once. */
export async function startDynaliteServer(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The catalog table as the stack creates it: pk (S) / sk (S), on demand, no secondary indexes. */
export async function createCatalogTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
}
