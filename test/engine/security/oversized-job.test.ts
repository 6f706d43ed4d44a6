import { expect } from 'chai';
import { serviceTaskProcess } from '../gateway/support/bpmn';
import { startGatewayTestBed, type GatewayTestBed } from '../gateway/support/test-bed';

/** A 5 MB variable: what a clerk can gather in a case through REST, 4 MB bodies at a time (two commands). */
const FIVE_MB = 'x'.repeat(5 * 1024 * 1024);

describe('a job too large to deliver (over 4 MB, Zeebe\'s maximum message size)', () => {
  let bed: GatewayTestBed;
  beforeEach(async () => {
    bed = await startGatewayTestBed();
  });
  afterEach(async () => {
    await bed?.close();
  });

  it('becomes a MESSAGE_SIZE_EXCEEDED incident while the rest of the batch reaches the gRPC worker', async () => {
    const sdk = bed.sdk();
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('big-job', 'scan-attachment')), name: 'big.bpmn' });
    const { engine } = bed.server;
    const big = await engine.createProcessInstance({ bpmnProcessId: 'big-job', variables: { attachment: FIVE_MB } });
    const small = [
      await engine.createProcessInstance({ bpmnProcessId: 'big-job', variables: { attachment: 'a' } }),
      await engine.createProcessInstance({ bpmnProcessId: 'big-job', variables: { attachment: 'b' } }),
    ];
    const bigJob = await bed.record((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.processInstanceKey === big.processInstanceKey);

    const activated = await sdk.activateJobs({ type: 'scan-attachment', worker: 'scanner', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 1_000 } as never);
    expect(activated.map((job) => job.processInstanceKey).sort()).to.deep.equal(small.map((created) => created.processInstanceKey).sort());

    const incident = await bed.record((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.value.jobKey === bigJob.key);
    expect(incident.value.errorType).to.equal('MESSAGE_SIZE_EXCEEDED');
    expect(String(incident.value.errorMessage)).to.match(
      new RegExp(`^The job with key '${bigJob.key}' can not be activated, because with 5\\.0 MB it is larger than the configured message size \\(per default is 4 MB\\)`),
    );
    expect(String(incident.value.errorMessage)).to.contain('超过 4 MB');

    // the big job is out of the way: the next activation is empty instead of failing again
    const again = await sdk.activateJobs({ type: 'scan-attachment', worker: 'scanner', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 200 } as never);
    expect(again).to.have.length(0);

    // an operator shrinks the variable and resolves the incident: the job is delivered
    await engine.setVariables({ elementInstanceKey: big.processInstanceKey, variables: { attachment: 'moved to the file store' }, local: false });
    await engine.resolveIncident(incident.key);
    const afterFix = await sdk.activateJobs({ type: 'scan-attachment', worker: 'scanner', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 1_000 } as never);
    expect(afterFix.map((job) => job.key)).to.deep.equal([bigJob.key]);
  });

  it('does not push a too-large job to a streaming worker: it raises the incident and the stream keeps working', async () => {
    const sdk = bed.sdk();
    await sdk.deployResource({ process: Buffer.from(serviceTaskProcess('big-stream', 'stamp-licence')), name: 'big-stream.bpmn' });
    const received: string[] = [];
    const stream = await sdk.streamJobs({
      type: 'stamp-licence',
      worker: 'stamper',
      timeout: 60_000,
      tenantIds: ['<default>'],
      taskHandler: (job) => {
        received.push(job.processInstanceKey);
        return job.complete();
      },
    });
    try {
      const { engine } = bed.server;
      const big = await engine.createProcessInstance({ bpmnProcessId: 'big-stream', variables: { attachment: FIVE_MB } });
      const small = await engine.createProcessInstance({ bpmnProcessId: 'big-stream', variables: { attachment: 'a' } });
      const incident = await bed.record((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.value.processInstanceKey === big.processInstanceKey);
      expect(incident.value.errorType).to.equal('MESSAGE_SIZE_EXCEEDED');
      await bed.record((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && r.key === small.processInstanceKey);
      expect(received).to.deep.equal([small.processInstanceKey]);
    } finally {
      stream.close();
    }
  });
});
