import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { Camunda8 } from '@camunda8/sdk';

/**
 * What Camunda Modeler 5.x (5.50, @camunda8/sdk 8.8) does for "Deploy" and "Start instance" against a
 * Camunda 8 Self-Managed connection, reproduced so tests can make the same client calls with the same
 * options. Read from camunda/camunda-modeler: app/lib/zeebe-api/zeebe-api.js (deploy, startInstance,
 * getGatewayVersion), app/lib/zeebe-api/camunda-client-factory.js (protocol choice and SDK settings),
 * client/src/remote/ZeebeAPI.js (connection → endpoint) and client/src/app/zeebe/util.js (getProcessId).
 */

/** A Self-Managed connection as the Modeler's connection settings hold it. */
export interface ModelerConnection {
  /** "Cluster URL", e.g. `http://localhost:8080/v2` (REST) or `grpc://localhost:26500`. */
  contactPoint: string;
  authType: 'none' | 'basic';
  basicAuthUsername?: string;
  basicAuthPassword?: string;
  /** "Logical Tenant ID" (optional). */
  tenantId?: string;
}

type Protocol = 'grpc' | 'http';
type GrpcClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;
type RestClient = ReturnType<Camunda8['getCamundaRestClient']>;

/** The client Modeler ends up with for a connection: gRPC or REST, never both. */
export interface ModelerClient {
  protocol: Protocol;
  grpc?: GrpcClient;
  rest?: RestClient;
  close(): Promise<void>;
}

/** The result shape Modeler's deploy hands to its UI (REST answers are mapped onto the gRPC shape). */
export interface ModelerDeployment {
  key: string;
  deployments: { process?: { bpmnProcessId: string; version: number; resourceName: string; processDefinitionKey: string } }[];
}

/** Modeler prepends `http://` when the Cluster URL has no scheme. */
function urlOf(connection: ModelerConnection): string {
  return /^(https?|grpcs?):\/\//.test(connection.contactPoint) ? connection.contactPoint : `http://${connection.contactPoint}`;
}

/** The SDK settings Modeler builds for a Self-Managed endpoint and a protocol. */
export function modelerSdkSettings(connection: ModelerConnection, protocol: Protocol): Record<string, unknown> {
  const url = urlOf(connection);
  const settings: Record<string, unknown> = {};
  if (connection.tenantId) settings.CAMUNDA_TENANT_ID = connection.tenantId;
  if (protocol === 'grpc') {
    settings.ZEEBE_GRPC_ADDRESS = url.replace(/^(https?|grpcs?):\/\//, 'grpc://');
    settings.zeebeGrpcSettings = { ZEEBE_GRPC_CLIENT_RETRY: false, ZEEBE_CLIENT_LOG_LEVEL: 'NONE' };
  } else {
    // Modeler strips a trailing `/v2` and slashes; the SDK adds `/v2` itself.
    const parsed = new URL(url);
    parsed.pathname = parsed.pathname.replace(/\/+$/, '').replace(/\/v2$/, '');
    settings.ZEEBE_REST_ADDRESS = parsed.toString().replace(/\/+$/, '');
  }
  if (connection.authType === 'basic') {
    settings.CAMUNDA_AUTH_STRATEGY = 'BASIC';
    settings.CAMUNDA_BASIC_AUTH_USERNAME = connection.basicAuthUsername;
    settings.CAMUNDA_BASIC_AUTH_PASSWORD = connection.basicAuthPassword;
  } else {
    settings.CAMUNDA_OAUTH_DISABLED = true;
    settings.CAMUNDA_AUTH_STRATEGY = 'NONE';
  }
  // Modeler always hands the operating system's root certificates to the SDK.
  settings.CAMUNDA_CUSTOM_ROOT_CERT_STRING = Buffer.from(rootCertificates.join('\n'));
  settings.CAMUNDA_LOG_LEVEL = 'none';
  return settings;
}

/**
 * Modeler's protocol choice: an explicit `grpc://` is gRPC; an `http://` URL is REST when a throwaway
 * REST client's `GET /v2/topology` answers, otherwise gRPC on the same host and port.
 */
export async function modelerProtocolFor(connection: ModelerConnection): Promise<Protocol> {
  const url = urlOf(connection);
  if (/^grpcs?:\/\//.test(url)) return 'grpc';
  const probe = new Camunda8(modelerSdkSettings(connection, 'http') as never);
  try {
    await probe.getCamundaRestClient().getTopology();
    return 'http';
  } catch {
    return 'grpc';
  }
}

/** The client Modeler creates for the connection (after its protocol probe). */
export async function modelerClientFor(connection: ModelerConnection): Promise<ModelerClient> {
  const protocol = await modelerProtocolFor(connection);
  const camunda = new Camunda8(modelerSdkSettings(connection, protocol) as never);
  if (protocol === 'grpc') {
    const grpc = camunda.getZeebeGrpcApiClient();
    return { protocol, grpc, close: async () => void (await grpc.close()) };
  }
  return { protocol, rest: camunda.getCamundaRestClient(), close: async () => undefined };
}

/** "Check connection" and the version in the deploy dialog: gRPC Topology or REST `GET /v2/topology`. */
export async function modelerGatewayVersion(client: ModelerClient): Promise<string> {
  const topology = client.grpc ? await client.grpc.topology() : await client.rest!.getTopology();
  return topology.gatewayVersion;
}

/**
 * "Deploy": each file is read as bytes and named `<basename>.<type>`; over gRPC one file goes through
 * DeployResource with `process`, `decision` or `form` set by type (several through deployResources);
 * over REST every file is one multipart `resources` part of `POST /v2/deployments`.
 */
export async function modelerDeploy(client: ModelerClient, files: string[]): Promise<ModelerDeployment> {
  const resources = files.map((file) => {
    const type = path.extname(file).slice(1);
    return { type, name: `${path.basename(file, path.extname(file))}.${type}`, contents: readFileSync(file) };
  });
  if (client.grpc) {
    const grpcResources = resources.map(({ type, name, contents }) =>
      type === 'bpmn' ? { name, process: contents } : type === 'dmn' ? { name, decision: contents } : { name, form: contents },
    );
    const response =
      grpcResources.length > 1 ? await client.grpc.deployResources(grpcResources as never) : await client.grpc.deployResource(grpcResources[0] as never);
    return response as unknown as ModelerDeployment;
  }
  const response = await client.rest!.deployResources(resources.map(({ name, contents }) => ({ name, content: contents as unknown as string })));
  // Modeler maps the REST answer onto the gRPC shape its UI reads.
  return {
    key: String(response.deploymentKey),
    deployments: response.deployments.map((deployment) => {
      const definition = (deployment as { processDefinition?: Record<string, unknown> }).processDefinition;
      return definition
        ? {
            process: {
              bpmnProcessId: String(definition.processDefinitionId),
              version: Number(definition.processDefinitionVersion),
              resourceName: String(definition.resourceName),
              processDefinitionKey: String(definition.processDefinitionKey),
            },
          }
        : {};
    }),
  };
}

/** The file Modeler looks for in the open file's folder and its parents (it saves `{}` into it). */
export const PROCESS_APPLICATION_FILE = '.process-application';

/**
 * The files Modeler deploys for the open file: the file itself, then, when a folder above it holds a
 * `.process-application` file, every .bpmn, .dmn and .form below that folder (its file watcher skips
 * node_modules and .git), each once.
 */
export function modelerDeployedFiles(openFile: string): string[] {
  let folder = path.dirname(path.resolve(openFile));
  while (!existsSync(path.join(folder, PROCESS_APPLICATION_FILE))) {
    const parent = path.dirname(folder);
    if (parent === folder) return [openFile];
    folder = parent;
  }
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(bpmn|dmn|form)$/.test(entry.name)) found.push(full);
    }
  };
  walk(folder);
  return [openFile, ...found.filter((file) => file !== path.resolve(openFile))];
}

/** Modeler's `getProcessId`: the deployed process whose resource name is the open file's name. */
export function modelerProcessId(deployment: ModelerDeployment, fileName: string): string | undefined {
  return deployment.deployments.find((entry) => entry.process?.resourceName === fileName)?.process?.bpmnProcessId;
}

/**
 * "Start instance": deploy first (done by the caller), then create an instance by BPMN process id with
 * the variables typed in the dialog (JSON, `{}` by default); an empty business id is left out.
 */
export async function modelerStartInstance(
  client: ModelerClient,
  options: { processId: string; variables?: Record<string, unknown>; businessId?: string },
): Promise<{ processInstanceKey: string; processDefinitionKey: string; version: number }> {
  const variables = options.variables ?? {};
  const businessId = options.businessId || undefined;
  if (client.grpc) {
    const created = await client.grpc.createProcessInstance({ bpmnProcessId: options.processId, variables, startInstructions: undefined, businessId } as never);
    return { processInstanceKey: String(created.processInstanceKey), processDefinitionKey: String(created.processDefinitionKey), version: Number(created.version) };
  }
  const created = await client.rest!.createProcessInstance({ processDefinitionId: options.processId, variables, startInstructions: undefined, runtimeInstructions: undefined, businessId } as never);
  return { processInstanceKey: String(created.processInstanceKey), processDefinitionKey: String(created.processDefinitionKey), version: Number(created.processDefinitionVersion) };
}
