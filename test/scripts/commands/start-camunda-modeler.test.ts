import { expect } from 'chai';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EngineRecord } from '../../../engine/api';
import { DEMO_PERSON_PASSWORD } from '../../../engine/identity';
import { startOneGo, type RunningOneGo } from '../../../scripts/commands/start';
import {
  modelerClientFor,
  modelerDeploy,
  modelerDeployedFiles,
  modelerGatewayVersion,
  modelerProcessId,
  modelerStartInstance,
  PROCESS_APPLICATION_FILE,
  type ModelerClient,
  type ModelerConnection,
  type ModelerDeployment,
} from '../../support/camunda-modeler-connection';

const root = path.resolve(import.meta.dirname, '../../..');
const model = (name: string) => path.join(root, 'bpmn', name);

/** The admin `onego start` deploys as (engine/identity/README.md): what a designer types into Modeler. */
const ADMIN = { basicAuthUsername: 'guan.li', basicAuthPassword: DEMO_PERSON_PASSWORD };

function versionOf(deployment: ModelerDeployment, bpmnProcessId: string): number {
  return deployment.deployments.find((entry) => entry.process?.bpmnProcessId === bpmnProcessId)!.process!.version;
}

function definitionKeyOf(deployment: ModelerDeployment, bpmnProcessId: string): string {
  return String(deployment.deployments.find((entry) => entry.process?.bpmnProcessId === bpmnProcessId)!.process!.processDefinitionKey);
}

describe('onego start as the target of Camunda Modeler 5.x "Deploy" and "Start instance" (Camunda 8 Self-Managed, Basic auth)', function () {
  this.timeout(60_000);
  let running: RunningOneGo;
  let dataDir: string;
  let grpcAddress: string;
  let restUrl: string;
  const clients: ModelerClient[] = [];

  async function connect(connection: ModelerConnection): Promise<ModelerClient> {
    const client = await modelerClientFor(connection);
    clients.push(client);
    return client;
  }

  function records(predicate: (record: EngineRecord) => boolean): EngineRecord[] {
    return running.server.engine.readRecords(0).filter(predicate);
  }

  function created(processInstanceKey: string): EngineRecord | undefined {
    return records(
      (record) =>
        record.valueType === 'PROCESS_INSTANCE_CREATION' &&
        record.intent === 'CREATED' &&
        String((record.value as { processInstanceKey?: unknown }).processInstanceKey) === processInstanceKey,
    )[0];
  }

  const deploymentCount = () => records((record) => record.valueType === 'DEPLOYMENT').length;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'onego-modeler-'));
    running = await startOneGo({ grpcPort: 0, restPort: 0, managementPort: 0, dataDir, demo: false }, () => undefined);
    grpcAddress = running.server.grpcAddress;
    restUrl = running.server.restUrl;
  });

  after(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await running?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('finds the repository root as the process application, so Modeler deploys the open model with every model, decision and form', () => {
    const files = modelerDeployedFiles(model('talent-schooling.bpmn'));
    expect(files[0]).to.equal(model('talent-schooling.bpmn'));
    expect(files).to.include.members([path.join(root, 'forms', 'talent-schooling-review.form'), model('engineering-time-limits.dmn'), model('engineering-approval.bpmn')]);
    expect(files.some((file) => file.includes(`${path.sep}node_modules${path.sep}`))).to.equal(false);
  });

  it('leaves the test fixtures out of the process application (they end in .bpmn.xml / .dmn.xml, which Modeler does not list)', () => {
    const files = modelerDeployedFiles(model('talent-schooling.bpmn'));
    expect(files.filter((file) => file.startsWith(path.join(root, 'test') + path.sep))).to.deep.equal([]);
  });

  describe('over gRPC (Cluster URL grpc://host:26500)', () => {
    const grpcConnection = (extra: Partial<ModelerConnection> = {}): ModelerConnection => ({
      contactPoint: `grpc://${grpcAddress}`,
      authType: 'basic',
      ...ADMIN,
      ...extra,
    });

    it("passes Modeler's connection check (Topology) and shows a gateway version", async () => {
      const client = await connect(grpcConnection());
      expect(client.protocol).to.equal('grpc');
      expect(await modelerGatewayVersion(client)).to.match(/^\d+\.\d+/);
    });

    it('refuses Deploy of a lone .bpmn whose user tasks link forms with bindingType "deployment", naming each missing form, as Camunda 8 does', async () => {
      const client = await connect(grpcConnection());
      const error = await modelerDeploy(client, [model('talent-schooling.bpmn')]).then(
        () => undefined,
        (failure: { code?: number; details?: string }) => failure,
      );
      expect(error?.code).to.equal(3);
      expect(error?.details).to.contain("Expected to find form with id 'talent-schooling-review' in current deployment");
    });

    it('deploys the process application in one DeployResource call, and Start instance runs the open model as the admin', async () => {
      const client = await connect(grpcConnection());
      // when the designer clicks "Start instance" on bpmn/talent-schooling.bpmn (Modeler deploys, then starts by the deployed id)
      const deployment = await modelerDeploy(client, modelerDeployedFiles(model('talent-schooling.bpmn')));
      const processId = modelerProcessId(deployment, 'talent-schooling.bpmn');
      expect(processId).to.equal('talent-schooling');
      const instance = await modelerStartInstance(client, { processId: processId!, variables: { cardNumber: 'HC-2026-0001' } });
      // then the instance runs the version just deployed and was created by the admin
      expect(instance.processDefinitionKey).to.equal(definitionKeyOf(deployment, 'talent-schooling'));
      expect(created(instance.processInstanceKey)).to.not.equal(undefined);
      const commands = records(
        (record) =>
          record.valueType === 'PROCESS_INSTANCE_CREATION' &&
          record.recordType === 'COMMAND' &&
          (record.value as { bpmnProcessId?: string }).bpmnProcessId === 'talent-schooling',
      );
      expect(commands.at(-1)?.actor).to.equal('guan.li');
    });

    it("keeps the versions when nothing changed, gives the whole deployment new versions after a designer's edit (Zeebe 8.6+), and Start instance runs the newest", async () => {
      const client = await connect(grpcConnection());
      // given a designer's own copy of the project: bpmn/, forms/ and the process application file
      const project = await mkdtemp(path.join(tmpdir(), 'onego-modeler-edit-'));
      await cp(path.join(root, 'bpmn'), path.join(project, 'bpmn'), { recursive: true });
      await cp(path.join(root, 'forms'), path.join(project, 'forms'), { recursive: true });
      await writeFile(path.join(project, PROCESS_APPLICATION_FILE), '{}');
      const edited = path.join(project, 'bpmn', 'talent-staffing.bpmn');
      const first = await modelerDeploy(client, modelerDeployedFiles(edited));
      const again = await modelerDeploy(client, modelerDeployedFiles(edited));
      expect(versionOf(again, 'talent-staffing')).to.equal(versionOf(first, 'talent-staffing'));
      // when the designer renames a task, saves and clicks "Start instance"
      const xml = await readFile(edited, 'utf8');
      await writeFile(edited, xml.replace('name="主管部门初审"', 'name="主管部门初审（含材料核对）"'));
      const second = await modelerDeploy(client, modelerDeployedFiles(edited));
      const instance = await modelerStartInstance(client, { processId: modelerProcessId(second, 'talent-staffing.bpmn')!, variables: {} });
      // then
      expect(versionOf(second, 'talent-staffing')).to.equal(versionOf(first, 'talent-staffing') + 1);
      // resources deployed together are versioned together, so `deployment` bindings find their partners
      expect(versionOf(second, 'talent-card')).to.equal(versionOf(first, 'talent-card') + 1);
      expect(instance.version).to.equal(versionOf(second, 'talent-staffing'));
      await rm(project, { recursive: true, force: true });
    });

    it('deploys a decision table (.dmn as decision) and a form (.form as form), one DeployResource each', async () => {
      const client = await connect(grpcConnection());
      const decision = (await modelerDeploy(client, [model('engineering-time-limits.dmn')])) as unknown as { deployments: { decision?: { dmnDecisionId: string } }[] };
      const form = (await modelerDeploy(client, [path.join(root, 'forms', 'talent-schooling-review.form')])) as unknown as { deployments: { form?: { formId: string } }[] };
      expect(decision.deployments.map((entry) => entry.decision?.dmnDecisionId)).to.include('engineering-time-limits');
      expect(form.deployments.map((entry) => entry.form?.formId)).to.include('talent-schooling-review');
    });

    it('deploys and starts in the default tenant when the Logical Tenant ID is <default>', async () => {
      const client = await connect(grpcConnection({ tenantId: '<default>' }));
      const deployment = await modelerDeploy(client, modelerDeployedFiles(model('talent-schooling.bpmn')));
      const instance = await modelerStartInstance(client, { processId: modelerProcessId(deployment, 'talent-schooling.bpmn')!, variables: {} });
      expect((created(instance.processInstanceKey)?.value as { tenantId?: string }).tenantId).to.equal('<default>');
    });

    it('falls back to gRPC like Modeler when an http:// Cluster URL points at the gRPC port (the REST probe fails)', async () => {
      const client = await connect({ contactPoint: `http://${grpcAddress}`, authType: 'basic', ...ADMIN });
      expect(client.protocol).to.equal('grpc');
      expect(await modelerGatewayVersion(client)).to.match(/^\d+\.\d+/);
    });

    it('refuses a wrong password with UNAUTHENTICATED and deploys nothing', async () => {
      const client = await connect(grpcConnection({ basicAuthPassword: 'wrong' }));
      const before = deploymentCount();
      const error = await modelerDeploy(client, modelerDeployedFiles(model('talent-schooling.bpmn'))).then(
        () => undefined,
        (failure: { code?: number }) => failure,
      );
      expect(error?.code).to.equal(16);
      expect(deploymentCount()).to.equal(before);
    });
  });

  describe('over REST (Cluster URL http://host:8080/v2)', () => {
    const restConnection = (extra: Partial<ModelerConnection> = {}): ModelerConnection => ({
      contactPoint: `${restUrl}/v2`,
      authType: 'basic',
      ...ADMIN,
      ...extra,
    });

    it("picks REST after Modeler's GET /v2/topology probe and shows a gateway version", async () => {
      const client = await connect(restConnection());
      expect(client.protocol).to.equal('http');
      expect(await modelerGatewayVersion(client)).to.match(/^\d+\.\d+/);
    });

    it('deploys the process application as the parts of one multipart POST /v2/deployments, and Start instance posts /v2/process-instances by process id', async () => {
      const client = await connect(restConnection());
      const deployment = await modelerDeploy(client, modelerDeployedFiles(model('talent-schooling.bpmn')));
      const processId = modelerProcessId(deployment, 'talent-schooling.bpmn');
      expect(processId).to.equal('talent-schooling');
      const instance = await modelerStartInstance(client, { processId: processId!, variables: { cardNumber: 'HC-2026-0002' }, businessId: '' });
      expect(instance.processDefinitionKey).to.equal(definitionKeyOf(deployment, 'talent-schooling'));
      expect(created(instance.processInstanceKey)).to.not.equal(undefined);
    });

    it('deploys and starts in the default tenant when the Logical Tenant ID is <default>', async () => {
      const client = await connect(restConnection({ tenantId: '<default>' }));
      const deployment = await modelerDeploy(client, modelerDeployedFiles(model('talent-schooling.bpmn')));
      const instance = await modelerStartInstance(client, { processId: modelerProcessId(deployment, 'talent-schooling.bpmn')!, variables: {} });
      expect((created(instance.processInstanceKey)?.value as { tenantId?: string }).tenantId).to.equal('<default>');
    });

    it("migrates a running case to the designer's new version with the guide's REST calls (search definitions, search instances, migration)", async () => {
      const client = await connect(restConnection());
      const project = await mkdtemp(path.join(tmpdir(), 'onego-modeler-migrate-'));
      await cp(path.join(root, 'bpmn'), path.join(project, 'bpmn'), { recursive: true });
      await cp(path.join(root, 'forms'), path.join(project, 'forms'), { recursive: true });
      await writeFile(path.join(project, PROCESS_APPLICATION_FILE), '{}');
      const file = path.join(project, 'bpmn', 'talent-staffing.bpmn');
      const old = await modelerDeploy(client, modelerDeployedFiles(file));
      const instance = await modelerStartInstance(client, { processId: 'talent-staffing', variables: {} });
      expect(instance.processDefinitionKey).to.equal(definitionKeyOf(old, 'talent-staffing'));
      // the designer renames a task and deploys again
      const xml = await readFile(file, 'utf8');
      await writeFile(file, xml.replace('name="省委编办审核"', 'name="省委编办审核（随到随办）"'));
      await modelerDeploy(client, modelerDeployedFiles(file));
      const auth = { authorization: `Basic ${Buffer.from(`${ADMIN.basicAuthUsername}:${ADMIN.basicAuthPassword}`).toString('base64')}`, 'content-type': 'application/json' };
      const post = (route: string, body: unknown) => fetch(`${restUrl}/v2${route}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
      // 1. the newest definition (the search reads history, which catches up asynchronously)
      const newestDefinition = async () =>
        ((await (await post('/process-definitions/search', { filter: { processDefinitionId: 'talent-staffing' }, sort: [{ field: 'version', order: 'desc' }], page: { limit: 1 } })).json()) as { items: { processDefinitionKey: string; version: number }[] }).items[0]!;
      let newest = await newestDefinition();
      for (let attempt = 0; attempt < 50 && newest.version <= instance.version; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        newest = await newestDefinition();
      }
      expect(newest.version).to.equal(instance.version + 1);
      // 2. the running cases (history catches up asynchronously)
      let active: { processInstanceKey: string }[] = [];
      for (let attempt = 0; attempt < 50 && !active.some((item) => String(item.processInstanceKey) === instance.processInstanceKey); attempt++) {
        active = ((await (await post('/process-instances/search', { filter: { processDefinitionId: 'talent-staffing', state: 'ACTIVE' } })).json()) as { items: { processInstanceKey: string }[] }).items;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(active.map((item) => String(item.processInstanceKey))).to.include(instance.processInstanceKey);
      // 3. migrate: every element of the model mapped to itself (only the active ones matter)
      const ids = [...xml.matchAll(/<bpmn:(?:serviceTask|userTask|subProcess|intermediateCatchEvent|callActivity) id="([^"]+)"/g)].map((match) => match[1]!);
      const migration = await post(`/process-instances/${instance.processInstanceKey}/migration`, {
        targetProcessDefinitionKey: String(newest.processDefinitionKey),
        mappingInstructions: ids.map((id) => ({ sourceElementId: id, targetElementId: id })),
      });
      expect(migration.status, await migration.clone().text()).to.equal(204);
      const migrated = records((record) => record.valueType === 'PROCESS_INSTANCE_MIGRATION' && record.intent === 'MIGRATED');
      expect(migrated.map((record) => String((record.value as { processInstanceKey?: unknown }).processInstanceKey))).to.include(instance.processInstanceKey);
      await rm(project, { recursive: true, force: true });
    });

    it("answers Modeler's topology probe with a wrong password by 401, so Modeler falls back to gRPC on that URL, which fails; nothing is deployed", async () => {
      const probe = await fetch(`${restUrl}/v2/topology`, { headers: { authorization: `Basic ${Buffer.from('guan.li:wrong').toString('base64')}` } });
      expect(probe.status).to.equal(401);
      const client = await connect(restConnection({ basicAuthPassword: 'wrong' }));
      expect(client.protocol).to.equal('grpc');
      const before = deploymentCount();
      const error = await modelerDeploy(client, [model('talent-schooling.bpmn')]).then(
        () => undefined,
        (failure: Error) => failure,
      );
      expect(error).to.be.instanceOf(Error);
      expect(deploymentCount()).to.equal(before);
    });
  });
});
