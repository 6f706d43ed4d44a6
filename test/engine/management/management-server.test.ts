import { expect } from 'chai';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { withEngineLog } from '../../support/engine-log-capture';
import { serviceTaskProcess } from '../gateway/support/bpmn';

/** The value of one sample line of a Prometheus text exposition. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(`${name}${labels ? `{${labels}` : ''}`) && !row.startsWith('#'));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('the management endpoints', () => {
  let server: EngineServer;
  let lag = { lagRecords: 0, lagMs: 0 };
  before(async () => {
    server = await startEngineServer({ grpcPort: 0, restPort: 0, managementPort: 0, historyLag: () => lag });
  });
  after(async () => {
    await server?.close();
  });

  it('answers liveness and readiness UP with the engine and history components', async () => {
    const liveness = await fetch(`${server.managementUrl}/actuator/health/liveness`);
    expect(liveness.status).to.equal(200);
    const health = await fetch(`${server.managementUrl}/actuator/health`);
    expect(health.status).to.equal(200);
    const body = (await health.json()) as { status: string; components: Record<string, { status: string }> };
    expect(body.status).to.equal('UP');
    expect(body.components.engine.status).to.equal('UP');
    expect(body.components.history.status).to.equal('UP');
  });

  it('turns readiness DOWN with 503 when history falls a minute behind, and UP again when it catches up', async () => {
    lag = { lagRecords: 90_000, lagMs: 61_000 };
    const behind = await fetch(`${server.managementUrl}/actuator/health/readiness`);
    expect(behind.status).to.equal(503);
    expect(((await behind.json()) as { components: { history: { status: string } } }).components.history.status).to.equal('DOWN');
    expect((await fetch(`${server.managementUrl}/actuator/health/liveness`)).status).to.equal(200);
    lag = { lagRecords: 0, lagMs: 0 };
    expect((await fetch(`${server.managementUrl}/actuator/health/readiness`)).status).to.equal(200);
  });

  it('exposes Prometheus metrics that move under load: records, job events, open instances, commit latency, memory', async () => {
    // given
    const before = await (await fetch(`${server.managementUrl}/actuator/prometheus`)).text();
    // when instances are started and their jobs activated
    const engine = server.engine;
    await engine.deployResources([{ name: 'metered.bpmn', content: Buffer.from(serviceTaskProcess('metered', 'metered-work')) }]);
    for (let i = 0; i < 5; i++) await engine.createProcessInstance({ bpmnProcessId: 'metered' });
    await engine.activateJobs({ type: 'metered-work', worker: 'w', timeoutMs: 60_000, maxJobsToActivate: 5 });
    const after = await (await fetch(`${server.managementUrl}/actuator/prometheus`)).text();
    // then
    expect(sample(after, 'zeebe_stream_processor_records_total', 'action="processed"')!).to.be.greaterThan(sample(before, 'zeebe_stream_processor_records_total', 'action="processed"') ?? 0);
    expect(sample(after, 'zeebe_job_events_total', 'action="activated",partition="1",type="metered-work"')).to.equal(5);
    expect(sample(after, 'zeebe_job_events_total', 'action="created",partition="1",type="metered-work"')).to.equal(5);
    expect(sample(after, 'onego_process_instances_open')).to.equal(5);
    expect(sample(after, 'onego_log_commit_latency_seconds_count')!).to.be.greaterThan(0);
    expect(sample(after, 'process_resident_memory_bytes')!).to.be.greaterThan(10_000_000);
    expect(sample(after, 'onego_engine_up')).to.equal(1);
  });

  it('lets the engine run without them when their port is taken, saying so once', async () => {
    const taken = Number(new URL(server.managementUrl!).port);
    const { events } = await withEngineLog(async () => {
      const second = await startEngineServer({ grpcPort: 0, restPort: 0, managementPort: taken });
      expect(second.managementUrl).to.equal(undefined);
      expect((await fetch(`${second.restUrl}/v2/topology`)).status).to.equal(200);
      await second.close();
    });
    const warnings = events.filter((event) => event.level === 'warn' && event.msg.includes(`management port ${taken} unavailable`));
    expect(warnings).to.have.length(1);
  });
});
