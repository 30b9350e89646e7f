import { Client, Connection } from '@temporalio/client';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
}

export interface TemporalHandle {
  client: Client;
  settings: TemporalSettings;
  close: () => Promise<void>;
}

/** A Temporal client over its own gRPC connection (app, worker activities, scripts and tests). */
export async function connectTemporal(settings: TemporalSettings): Promise<TemporalHandle> {
  const connection = await Connection.connect({ address: settings.address });
  const client = new Client({ connection, namespace: settings.namespace });
  return { client, settings, close: () => connection.close() };
}
