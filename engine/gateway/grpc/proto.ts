import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * The Zeebe gateway protocol exactly as the official SDK ships it: the SDK's proto is a superset of
 * zeebe-node's, so serving it keeps both clients working.
 */
export const ZEEBE_PROTO_PATH = join(dirname(createRequire(import.meta.url).resolve('@camunda8/sdk')), 'proto', 'zeebe.proto');

/**
 * int64 fields arrive and leave as decimal strings, so a key never passes through a JavaScript number;
 * defaults are filled in so an absent field reads as proto3's zero value, as a Java gateway sees it.
 */
const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  arrays: true,
  oneofs: true,
};

let cached: grpc.ServiceDefinition | undefined;

/** The `gateway_protocol.Gateway` service definition, loaded once. */
export function loadGatewayService(): grpc.ServiceDefinition {
  if (!cached) {
    const packageDefinition = protoLoader.loadSync(ZEEBE_PROTO_PATH, LOADER_OPTIONS);
    const loaded = grpc.loadPackageDefinition(packageDefinition) as unknown as {
      gateway_protocol: { Gateway: grpc.ServiceClientConstructor };
    };
    cached = loaded.gateway_protocol.Gateway.service;
  }
  return cached;
}
