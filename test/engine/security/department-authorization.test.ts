import { expect } from 'chai';
import { Camunda8 } from '@camunda8/sdk';
import { ADMIN, ZHANG_SAN, startRestTestBed, type Caller, type RestTestBed } from '../gateway/rest/rest-test-bed';

/** 医保局 clerk: her department may start and change medical-insurance-transfer only. */
const KONG_WEI: Caller = { username: 'kong.wei', password: 'onego-demo' };

/** A case that waits for its 补正 (correction-submitted, keyed by case number), then for a department's review. */
function correctionCaseBpmn(processId: string, group: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="awaitCorrection" />
    <bpmn:intermediateCatchEvent id="awaitCorrection" name="等待补正">
      <bpmn:messageEventDefinition messageRef="correction" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="awaitCorrection" targetRef="review" />
    <bpmn:userTask id="review" name="审查">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
  <bpmn:message id="correction" name="correction-submitted">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements>
  </bpmn:message>
</bpmn:definitions>`;
}

describe('per-department authorization (Camunda 8.8 resource permissions): a clerk reaches only her own department\'s processes', () => {
  let bed: RestTestBed;

  before(async () => {
    bed = await startRestTestBed({ auth: 'basic' });
    const admin = bed.sdk(ADMIN);
    await admin.deployResources([
      { name: 'enterprise-opening.bpmn', content: correctionCaseBpmn('enterprise-opening', 'market-regulation') },
      { name: 'medical-insurance-transfer.bpmn', content: correctionCaseBpmn('medical-insurance-transfer', 'medical-insurance') },
    ]);
  });
  after(async () => {
    await bed?.close();
  });

  async function openEnterpriseCase(caseId: string): Promise<string> {
    const response = await bed.call('POST', '/process-instances', {
      caller: ZHANG_SAN,
      body: { processDefinitionId: 'enterprise-opening', variables: { caseId, enterpriseName: '济南泉城餐饮有限公司' } },
    });
    expect(response.status).to.equal(200);
    const { processInstanceKey } = (await response.json()) as { processInstanceKey: string };
    await bed.record((r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && r.value.processInstanceKey === String(processInstanceKey));
    return String(processInstanceKey);
  }

  function correlatedTo(processInstanceKey: string): boolean {
    return bed.records((r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CORRELATED' && r.value.processInstanceKey === processInstanceKey).length > 0;
  }

  it('answers a 医保局 clerk starting an enterprise case 403 FORBIDDEN with Camunda\'s reason (in English and Chinese), and lets her start her own', async () => {
    const refused = await bed.call('POST', '/process-instances', { caller: KONG_WEI, body: { processDefinitionId: 'enterprise-opening', variables: {} } });
    expect(refused.status).to.equal(403);
    const problem = (await refused.json()) as { title: string; detail: string };
    expect(problem.title).to.equal('FORBIDDEN');
    expect(problem.detail).to.contain(
      "Insufficient permissions to perform operation 'CREATE_PROCESS_INSTANCE' on resource 'PROCESS_DEFINITION', required resource identifiers are one of '[*, enterprise-opening]'",
    );
    expect(problem.detail).to.contain('无权');
    const own = await bed.call('POST', '/process-instances', { caller: KONG_WEI, body: { processDefinitionId: 'medical-insurance-transfer', variables: { caseId: 'YB-1' } } });
    expect(own.status).to.equal(200);
    // the refusal is a FORBIDDEN rejection of the command, as Zeebe records it
    const rejection = await bed.record((r) => r.recordType === 'COMMAND_REJECTION' && r.valueType === 'PROCESS_INSTANCE_CREATION' && r.actor === 'kong.wei');
    expect(rejection.rejectionType).to.equal('FORBIDDEN');
  });

  it('refuses the same start over gRPC with PERMISSION_DENIED and Zeebe\'s "rejected with code \'FORBIDDEN\'" text', async () => {
    const client = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://${bed.server.grpcAddress}`,
      ZEEBE_REST_ADDRESS: bed.url,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: KONG_WEI.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: KONG_WEI.password,
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never).getZeebeGrpcApiClient();
    try {
      const refused = await client.createProcessInstance({ bpmnProcessId: 'enterprise-opening', variables: {} }).then(
        () => undefined,
        (error: { code?: number; message: string }) => error,
      );
      expect(refused?.code).to.equal(7); // PERMISSION_DENIED
      expect(refused?.message).to.contain("Command 'CREATE' rejected with code 'FORBIDDEN': Insufficient permissions to perform operation 'CREATE_PROCESS_INSTANCE'");
      const own = await client.createProcessInstance({ bpmnProcessId: 'medical-insurance-transfer', variables: { caseId: 'YB-2' } });
      expect(own.processInstanceKey).to.match(/^\d+$/);
    } finally {
      await client.close();
    }
  });

  it('lets another department\'s message reach no enterprise case: the publication is accepted, the case takes nothing, its own clerk\'s does', async () => {
    const processInstanceKey = await openEnterpriseCase('QY-2026-0001');
    const foreign = await bed.call('POST', '/messages/publication', {
      caller: KONG_WEI,
      body: { name: 'correction-submitted', correlationKey: 'QY-2026-0001', timeToLive: 0, variables: { enterpriseName: '被篡改' } },
    });
    expect(foreign.status).to.equal(200);
    expect(correlatedTo(processInstanceKey)).to.equal(false);

    const own = await bed.call('POST', '/messages/publication', {
      caller: ZHANG_SAN,
      body: { name: 'correction-submitted', correlationKey: 'QY-2026-0001', timeToLive: 0, variables: { enterpriseName: '济南泉城餐饮有限公司（补正）' } },
    });
    expect(own.status).to.equal(200);
    await bed.record((r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CORRELATED' && r.value.processInstanceKey === processInstanceKey);
    const variables = bed.server.engine.getVariables(processInstanceKey);
    expect(variables?.enterpriseName).to.equal('济南泉城餐饮有限公司（补正）');
  });

  it('keeps a buffered foreign message from a case that starts waiting later', async () => {
    const published = await bed.call('POST', '/messages/publication', {
      caller: KONG_WEI,
      body: { name: 'correction-submitted', correlationKey: 'QY-2026-0002', timeToLive: 600_000, variables: { enterpriseName: '被篡改' } },
    });
    expect(published.status).to.equal(200);
    const processInstanceKey = await openEnterpriseCase('QY-2026-0002');
    expect(correlatedTo(processInstanceKey)).to.equal(false);
    expect(bed.server.engine.getVariables(processInstanceKey)?.enterpriseName).to.equal('济南泉城餐饮有限公司');
  });

  it('answers a foreign correlation 404 exactly as for a case number that does not exist, so case numbers cannot be probed', async () => {
    const processInstanceKey = await openEnterpriseCase('QY-2026-0003');
    const foreign = await bed.call('POST', '/messages/correlation', {
      caller: KONG_WEI,
      body: { name: 'correction-submitted', correlationKey: 'QY-2026-0003', variables: { enterpriseName: '被篡改' } },
    });
    const missing = await bed.call('POST', '/messages/correlation', {
      caller: KONG_WEI,
      body: { name: 'correction-submitted', correlationKey: 'QY-2026-9999', variables: {} },
    });
    expect(foreign.status).to.equal(404);
    expect(missing.status).to.equal(404);
    const [foreignProblem, missingProblem] = (await Promise.all([foreign.json(), missing.json()])) as { title: string; detail: string }[];
    expect(foreignProblem.title).to.equal(missingProblem.title);
    expect(foreignProblem.detail.replace('QY-2026-0003', 'KEY')).to.equal(missingProblem.detail.replace('QY-2026-9999', 'KEY'));
    expect(correlatedTo(processInstanceKey)).to.equal(false);

    const own = await bed.call('POST', '/messages/correlation', { caller: ZHANG_SAN, body: { name: 'correction-submitted', correlationKey: 'QY-2026-0003', variables: {} } });
    expect(own.status).to.equal(200);
    expect(((await own.json()) as { processInstanceKey: string }).processInstanceKey).to.equal(processInstanceKey);
  });

  it('lets the admin start and correct any process (the demo identity grants the admin and worker roles every process)', async () => {
    const started = await bed.call('POST', '/process-instances', { caller: ADMIN, body: { processDefinitionId: 'enterprise-opening', variables: { caseId: 'QY-ADMIN' } } });
    expect(started.status).to.equal(200);
  });
});
