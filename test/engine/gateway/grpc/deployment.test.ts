import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ageDecision, serviceTaskProcess } from '../support/bpmn';
import { startGatewayTestBed, type GatewayTestBed } from '../support/test-bed';

describe('the gRPC gateway: DeployResource, DeployProcess and DeleteResource', () => {
  let bed: GatewayTestBed;
  let fileDir: string;
  before(async () => {
    bed = await startGatewayTestBed();
    fileDir = await mkdtemp(join(tmpdir(), 'onego-deploy-'));
  });
  after(async () => {
    await bed?.close();
    await rm(fileDir, { recursive: true, force: true });
  });

  it('deploys a process from a file the SDK names by its absolute path', async () => {
    // given
    const file = join(fileDir, 'deploy-by-path.bpmn');
    await writeFile(file, serviceTaskProcess('deploy-by-path', 'noop'));
    // when
    const result = await bed.sdk().deployResource({ processFilename: file });
    // then
    expect(result.key).to.match(/^\d+$/);
    expect(result.deployments).to.have.length(1);
    const process = result.deployments[0].process!;
    expect(process).to.include({ bpmnProcessId: 'deploy-by-path', version: 1, tenantId: '<default>' });
    expect(process.resourceName).to.match(/deploy-by-path\.bpmn$/);
    expect(BigInt(process.processDefinitionKey) > 2n ** 51n).to.equal(true);
  });

  it('counts versions up when the same process is deployed with a change', async () => {
    // given
    const sdk = bed.sdk();
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('versioned', 'a')), name: 'versioned.bpmn' });
    // when
    const second = await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('versioned', 'b')), name: 'versioned.bpmn' });
    // then
    expect(second.deployments[0].process!.version).to.equal(2);
  });

  it('deploys a decision and reports its decision and requirements metadata', async () => {
    // when
    const result = await bed
      .sdk()
      .deployResource({ decision: Buffer.from(ageDecision('age-group')), name: 'age-group.dmn' });
    // then
    const decision = result.deployments.find((d) => d.decision)?.decision;
    const requirements = (result.deployments as { decisionRequirements?: { resourceName: string; decisionRequirementsKey: string } }[]).find(
      (d) => d.decisionRequirements,
    )?.decisionRequirements;
    expect(decision).to.include({ dmnDecisionId: 'age-group', dmnDecisionName: 'Age group', version: 1 });
    expect(requirements).to.include({ resourceName: 'age-group.dmn' });
    expect(decision!.decisionRequirementsKey).to.equal(requirements!.decisionRequirementsKey);
  });

  it('lists the decision first for a DMN, as Zeebe does (a client reading the first entry gets the decision)', async () => {
    const result = await bed.sdk().deployResource({ decision: Buffer.from(ageDecision('first-entry')), name: 'first-entry.dmn' });
    expect(result.deployments[0].decision).to.include({ dmnDecisionId: 'first-entry' });
  });

  it('lists processes, then decisions, then decision requirements, then forms, whatever order they were sent in (Zeebe\'s response order)', async () => {
    // given a form, a decision and a process, in that order
    const form = JSON.stringify({ id: 'ordered-form', type: 'default', components: [], schemaVersion: 16 });
    // when
    const result = await bed.sdk().deployResources([
      { form: Buffer.from(form), name: 'ordered.form' },
      { decision: Buffer.from(ageDecision('ordered-decision')), name: 'ordered.dmn' },
      { process: Buffer.from(serviceTaskProcess('ordered-process', 'noop')), name: 'ordered.bpmn' },
    ]);
    // then
    const kinds = result.deployments.map((entry) => {
      const fields = entry as unknown as Record<string, unknown>;
      return Object.keys(fields).find((kind) => fields[kind] !== undefined && fields[kind] !== null);
    });
    expect(kinds).to.deep.equal(['process', 'decision', 'decisionRequirements', 'form']);
  });

  it('deploys a process whose diagram points at elements that are not there, as Zeebe ignores the diagram', async () => {
    // given a model whose diagram plane names a renamed process and a shape a deleted task
    const xml = serviceTaskProcess('diagram-stale', 'noop').replace(
      '</bpmn:definitions>',
      '<bpmndi:BPMNDiagram id="stale-diagram"><bpmndi:BPMNPlane id="stale-plane" bpmnElement="old-process-id"><bpmndi:BPMNShape id="stale-shape" bpmnElement="deleted-task"><dc:Bounds x="0" y="0" width="10" height="10"/></bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>',
    ).replace('<bpmn:definitions ', '<bpmn:definitions xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" ');
    // when
    const result = await bed.sdk().deployResource({ process: Buffer.from(xml), name: 'diagram-stale.bpmn' });
    // then
    expect(result.deployments[0].process).to.include({ bpmnProcessId: 'diagram-stale' });
  });

  it('still refuses a sequence flow to an element that is not there', async () => {
    const xml = serviceTaskProcess('flow-broken', 'noop').replace('</bpmn:process>', '<bpmn:sequenceFlow id="dangling" sourceRef="start" targetRef="nowhere"/></bpmn:process>');
    const error = await bed.sdk().deployResource({ process: Buffer.from(xml), name: 'flow-broken.bpmn' }).then(() => undefined, (e: { code: number; details: string }) => e);
    expect(error?.code).to.equal(3);
    expect(error?.details).to.contain('nowhere');
  });

  it("serves zeebe-node's deprecated deployProcess (the DeployProcess RPC)", async () => {
    // when
    const result = await bed.zeebeNode().deployProcess({
      definition: Buffer.from(serviceTaskProcess('zeebe-node-deployed', 'noop')),
      name: 'zeebe-node-deployed.bpmn',
    });
    // then
    expect(result.processes).to.have.length(1);
    expect(result.processes[0]).to.include({ bpmnProcessId: 'zeebe-node-deployed', version: 1 });
  });

  it('refuses broken XML with INVALID_ARGUMENT and keeps serving', async () => {
    // given
    const sdk = bed.sdk();
    // when
    const error = await sdk
      .deployResource({ process: Buffer.from('<bpmn:definitions><oops'), name: 'broken.bpmn' })
      .then(() => undefined, (e: { code: number; details: string }) => e);
    // then
    expect(error?.code).to.equal(3);
    expect(error?.details).to.contain("rejected with code 'INVALID_ARGUMENT'");
    expect((await sdk.topology()).brokers).to.have.length(1);
  });

  it('refuses a resource above the 4 MB message limit with RESOURCE_EXHAUSTED and keeps serving', async () => {
    // given zeebe-node without retries (the SDK retries RESOURCE_EXHAUSTED as back-pressure, forever)
    const zbc = bed.zeebeNode();
    const huge = Buffer.alloc(5 * 1024 * 1024, 'a');
    // when
    const error = await zbc
      .deployResource({ process: huge, name: 'huge.bpmn' })
      .then(() => undefined, (e: { code: number }) => e);
    // then
    expect(error?.code).to.equal(8);
    expect((await zbc.topology()).brokers).to.have.length(1);
  });

  it('refuses a deployment for another tenant because multi-tenancy is off', async () => {
    const error = await bed
      .sdk()
      .deployResource({ process: Buffer.from(serviceTaskProcess('tenant-x', 'noop')), name: 'x.bpmn', tenantId: 'acme' })
      .then(() => undefined, (e: { code: number; details: string }) => e);
    expect(error?.code).to.equal(3);
    expect(error?.details).to.contain('multi-tenancy is disabled');
  });

  it('deletes a process definition so no new instance can be created from it', async () => {
    // given
    const sdk = bed.sdk();
    const deployed = await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('to-delete', 'noop')), name: 'to-delete.bpmn' });
    const processDefinitionKey = deployed.deployments[0].process!.processDefinitionKey;
    // when
    await sdk.deleteResource({ resourceKey: processDefinitionKey });
    // then
    const error = await sdk
      .createProcessInstance({ bpmnProcessId: 'to-delete', variables: {} })
      .then(() => undefined, (e: { code: number }) => e);
    expect(error?.code).to.equal(5);
  });

  it('answers NOT_FOUND when deleting a resource that does not exist', async () => {
    const error = await bed
      .sdk()
      .deleteResource({ resourceKey: '2251799813999999' })
      .then(() => undefined, (e: { code: number; details: string }) => e);
    expect(error?.code).to.equal(5);
    expect(error?.details).to.match(/Command 'DELETE' rejected with code 'NOT_FOUND': Expected .*but/);
  });
});
