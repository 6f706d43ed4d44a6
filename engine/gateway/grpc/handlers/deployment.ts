import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import type { DeploymentResource } from '../../../api';
import type { GatewayContext } from '../context';
import { requireKey, resolveTenant } from '../convert';
import { invalidArgument } from '../errors';
import { unary } from '../unary';

interface ResourceMessage {
  name: string;
  content: Buffer;
}

function toResources(messages: readonly ResourceMessage[], kind: string): DeploymentResource[] {
  if (messages.length === 0) {
    throw invalidArgument(`Expected to deploy at least one ${kind}, but none given`);
  }
  return messages.map((resource) => ({ name: resource.name, content: Buffer.from(resource.content ?? []) }));
}

/** DeployResource, the deprecated DeployProcess (zeebe-node's `deployProcess`) and DeleteResource. */
export function deploymentHandlers(gateway: GatewayContext): UntypedServiceImplementation {
  const { engine } = gateway;
  return {
    DeployResource: unary(
      gateway,
      'DeployResource',
      'CREATE',
      async (request: { resources: ResourceMessage[]; tenantId: string }, ctx) => {
        const tenantId = resolveTenant(request.tenantId, 'DeployResource');
        const result = await engine.deployResources(toResources(request.resources, 'resource'), tenantId, ctx);
        return { key: result.key, deployments: result.deployments, tenantId: result.tenantId };
      },
    ),

    DeployProcess: unary(
      gateway,
      'DeployProcess',
      'CREATE',
      async (request: { processes: { name: string; definition: Buffer }[] }, ctx) => {
        const resources = toResources(
          request.processes.map((process) => ({ name: process.name, content: process.definition })),
          'process',
        );
        const result = await engine.deployResources(resources, undefined, ctx);
        const processes = result.deployments.flatMap((metadata) => ('process' in metadata ? [metadata.process] : []));
        return { key: result.key, processes };
      },
    ),

    DeleteResource: unary(gateway, 'DeleteResource', 'DELETE', async (request: { resourceKey: string }, ctx) => {
      await engine.deleteResource(requireKey(request.resourceKey, 'resourceKey'), ctx);
      return {};
    }),
  };
}
