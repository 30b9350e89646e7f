export * from './workspaces';
export * from './customers';
export * from './journeys';
export * from './loyalty';
export * from './emails';
export * from './smtp-sink';
