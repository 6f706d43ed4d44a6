import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { GATEWAY_ADDITIONS_PROTO } from './gateway-additions-proto';

/**
 * The Zeebe gateway protocol as the official SDK ships it: the SDK's proto is a superset of zeebe-node's, so
 * serving it keeps both clients working.
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

/** Fields Camunda added to messages the SDK's proto already has, with their wire numbers. */
const ADDED_FIELDS: { message: string; name: string; id: number; type: string; rule?: 'repeated'; optional?: boolean }[] = [
  // 8.8: a task listener's verdict or an ad-hoc subprocess's next steps.
  { message: 'CompleteJobRequest', name: 'result', id: 3, type: 'JobResult', optional: true },
  // 8.8: terminate the instance after an element.
  { message: 'CreateProcessInstanceRequest', name: 'runtimeInstructions', id: 8, type: 'ProcessInstanceCreationRuntimeInstruction', rule: 'repeated' },
];

/** RPCs Camunda added to the Gateway service. */
const ADDED_METHODS: { name: string; requestType: string; responseType: string }[] = [
  // 8.9: root-level conditional start events.
  { name: 'EvaluateConditional', requestType: 'EvaluateConditionalRequest', responseType: 'EvaluateConditionalResponse' },
];

/** The SDK's proto and our additions, as one protobuf.js root of package `gateway_protocol`. */
function gatewayRoot(): protobuf.Root {
  // What Camunda 8.8/8.9's gateway has beyond the SDK's proto (job results, runtime instructions, conditional
  // evaluation), in our own words: the new messages as proto text, the new fields and RPC added below.
  const root = new protobuf.Root();
  root.loadSync(ZEEBE_PROTO_PATH, { keepCase: true });
  protobuf.parse(GATEWAY_ADDITIONS_PROTO, root, { keepCase: true });
  for (const field of ADDED_FIELDS) {
    const message = root.lookupType(`gateway_protocol.${field.message}`);
    // The SDK may catch up with Camunda: a field it already has is left as it ships it.
    if (message.fields[field.name]) continue;
    const added = new protobuf.Field(field.name, field.id, field.type, field.rule);
    if (field.optional) {
      // proto3 `optional`: a field in a synthetic one-of, so its presence can be told.
      added.options = { proto3_optional: true };
      message.add(added);
      message.add(new protobuf.OneOf(`_${field.name}`, [field.name]));
    } else {
      message.add(added);
    }
  }
  const service = root.lookupService('gateway_protocol.Gateway');
  for (const method of ADDED_METHODS) {
    if (!service.methods[method.name]) service.add(new protobuf.Method(method.name, 'rpc', method.requestType, method.responseType));
  }
  root.resolveAll();
  return root;
}

let cachedPackage: protoLoader.PackageDefinition | undefined;

/** The gateway protocol's package definition (the SDK's proto plus Camunda's newer fields and RPCs), loaded once. */
export function loadGatewayPackageDefinition(): protoLoader.PackageDefinition {
  if (!cachedPackage) cachedPackage = protoLoader.fromJSON(gatewayRoot().toJSON(), LOADER_OPTIONS);
  return cachedPackage;
}

let cached: grpc.ServiceDefinition | undefined;

/** The `gateway_protocol.Gateway` service definition, loaded once. */
export function loadGatewayService(): grpc.ServiceDefinition {
  if (!cached) {
    const loaded = grpc.loadPackageDefinition(loadGatewayPackageDefinition()) as unknown as {
      gateway_protocol: { Gateway: grpc.ServiceClientConstructor };
    };
    cached = loaded.gateway_protocol.Gateway.service;
  }
  return cached;
}
