export { createApiClient, type ApiClient } from './client';
export { ConnectionError, isConnectionError } from './connection-error';
export { selectTransport } from './select-transport';
export type { ConnectionStatus, Transport } from './transport';
