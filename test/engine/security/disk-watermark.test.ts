import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { ZBClient } from 'zeebe-node';
import type { EngineRecord } from '../../../engine/api';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { DEFAULT_FREE_PROCESSING_BYTES, diskWatermarkSettings, parseByteSize } from '../../../engine/log/disk-space-monitor';
import { startEngine, stopEngine, STRAIGHT_BPMN } from '../../../scripts/bench/isolation-engine';

const GB = 1024 ** 3;
const json = { 'content-type': 'application/json' };

/** A process whose instances wait 1 s on a timer, then end. */
const TIMER_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="waits-a-second" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

interface Health {
  status: string;
  components: { engine: { status: string; details: { detail: string } }; diskSpace: { status: string; details: { free: number; total: number; threshold: number; path: string } } };
}

async function health(management: string): Promise<{ code: number; report: Health }> {
  const response = await fetch(`${management}/actuator/health`);
  return { code: response.status, report: (await response.json()) as Health };
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The gRPC status and message a call failed with. */
async function grpcFailure(call: () => Promise<unknown>): Promise<{ code?: number; message: string }> {
  try {
    await call();
  } catch (error) {
    return { code: (error as { code?: number }).code, message: (error as Error).message };
  }
  throw new Error('the call was accepted although the disk is short of space');
}

/** gRPC's RESOURCE_EXHAUSTED. */
const RESOURCE_EXHAUSTED = 8;

/**
 * Issue 13, Zeebe's disk watermark (`zeebe.broker.data.disk.freeSpace.processing`): below it the engine refuses
 * every command with RESOURCE_EXHAUSTED ("Broker is out of disk space"), pauses its scheduler, keeps answering
 * reads, reports DOWN, and takes commands again by itself once a check finds the space back.
 */
describe('the disk watermark on the data folder (issue 13)', function () {
  this.timeout(120_000);

  it('reads the watermark as Zeebe writes sizes, defaults to 1 GiB checked every second, and refuses anything else in both languages', () => {
    expect(parseByteSize('2GB', 'x')).to.equal(2 * GB);
    expect(parseByteSize('512mb', 'x')).to.equal(512 * 1024 ** 2);
    expect(parseByteSize('0', 'x')).to.equal(0);
    expect(diskWatermarkSettings({})).to.deep.equal({ freeProcessingBytes: DEFAULT_FREE_PROCESSING_BYTES, intervalMs: 1_000 });
    expect(diskWatermarkSettings({ ONEGO_DISK_FREE_PROCESSING: '3GB', ONEGO_DISK_MONITORING_INTERVAL_MS: '250' })).to.deep.equal({ freeProcessingBytes: 3 * GB, intervalMs: 250 });
    expect(() => diskWatermarkSettings({ ONEGO_DISK_FREE_PROCESSING: 'lots' })).to.throw(/须为字节数.*Expected ONEGO_DISK_FREE_PROCESSING to be a size such as 1GB, 512MB/);
    expect(() => diskWatermarkSettings({ ONEGO_DISK_MONITORING_INTERVAL_MS: '1' })).to.throw(/Expected ONEGO_DISK_MONITORING_INTERVAL_MS to be a whole number of milliseconds ≥ 10/);
  });

  describe('with a free-space probe the test turns down and up', () => {
    let dataDir: string;
    let server: EngineServer;
    let free = 5 * GB;
    let zeebe: ZBClient;
    let camunda: Camunda8;

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'onego-disk-watermark-'));
      server = await startEngineServer({
        grpcPort: 0,
        restPort: 0,
        managementPort: 0,
        dataDir,
        diskWatermark: { freeProcessingBytes: 2 * GB, intervalMs: 20, probe: async () => ({ freeBytes: free, totalBytes: 10 * GB }) },
      });
      zeebe = new ZBClient(server.grpcAddress, { useTLS: false, loglevel: 'NONE', retry: false });
      camunda = new Camunda8({
        ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`,
        ZEEBE_REST_ADDRESS: server.restUrl,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        CAMUNDA_LOG_LEVEL: 'none',
        zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
      } as never);
    });
    after(async () => {
      await zeebe?.close();
      await server?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('refuses commands through zeebe-node, the SDK and REST while space is short, holds due timers, answers reads, and resumes when space is back', async () => {
      // given two deployed processes and an instance waiting on a 1 s timer
      await zeebe.deployResource({ name: 'straight.bpmn', process: Buffer.from(STRAIGHT_BPMN) } as never);
      await zeebe.deployResource({ name: 'timer.bpmn', process: Buffer.from(TIMER_BPMN) } as never);
      const triggered: EngineRecord[] = [];
      server.engine.onCommitted((records) => triggered.push(...records.filter((r) => r.valueType === 'TIMER' && r.intent === 'TRIGGERED')));
      const waiting = await zeebe.createProcessInstance({ bpmnProcessId: 'waits-a-second', variables: {} });
      expect((await health(server.managementUrl!)).report.components.diskSpace).to.deep.include({ status: 'UP' });

      // when the free space falls below the 2 GB watermark
      free = 1 * GB;
      await until(async () => (await health(server.managementUrl!)).code === 503, 'health reports the shortage');

      // then every client's command is refused with Zeebe's RESOURCE_EXHAUSTED, in Chinese and English
      const grpc = await grpcFailure(() => zeebe.createProcessInstance({ bpmnProcessId: 'bench-isolation', variables: {} }));
      expect(grpc.code).to.equal(RESOURCE_EXHAUSTED);
      expect(grpc.message).to.contain('Cannot accept requests for partition 1. Broker is out of disk space').and.contain('数据盘剩余空间不足');
      const sdkGrpc = await grpcFailure(() => camunda.getZeebeGrpcApiClient().publishMessage({ name: 'm', correlationKey: 'k', variables: {} }));
      expect(sdkGrpc.code).to.equal(RESOURCE_EXHAUSTED);
      const deploy = await grpcFailure(() => zeebe.deployResource({ name: 'again.bpmn', process: Buffer.from(STRAIGHT_BPMN) } as never));
      expect(deploy.code).to.equal(RESOURCE_EXHAUSTED);
      const rest = await fetch(`${server.restUrl}/v2/process-instances`, { method: 'POST', headers: json, body: JSON.stringify({ processDefinitionId: 'bench-isolation' }) });
      expect(rest.status).to.equal(503);
      const problem = (await rest.json()) as { title: string; detail: string };
      expect(problem.title).to.equal('RESOURCE_EXHAUSTED');
      expect(problem.detail).to.match(/1\.0 GiB free .* at least 2\.0 GiB required \(ONEGO_DISK_FREE_PROCESSING, --disk-free-processing\)/);
      const sdkRest = await camunda
        .getCamundaRestClient()
        .createProcessInstance({ processDefinitionId: 'bench-isolation', variables: {} } as never)
        .then(
          () => 'accepted',
          (error: Error) => error.message,
        );
      expect(sdkRest).to.not.equal('accepted');
      // and reads go on, health naming the disk the way Spring Boot's disk space indicator does
      expect((await fetch(`${server.restUrl}/v2/topology`)).status).to.equal(200);
      expect((await camunda.getZeebeGrpcApiClient().topology()).brokers).to.have.length(1);
      const { report } = await health(server.managementUrl!);
      expect(report.status).to.equal('DOWN');
      expect(report.components.diskSpace).to.deep.equal({ status: 'DOWN', details: { total: 10 * GB, free: 1 * GB, threshold: 2 * GB, path: dataDir, exists: true } });
      expect(report.components.engine.details.detail).to.contain('Broker is out of disk space');
      const metrics = await (await fetch(`${server.managementUrl}/actuator/prometheus`)).text();
      expect(metrics).to.match(/onego_disk_free_bytes 1073741824/).and.match(/onego_disk_free_watermark_bytes 2147483648/);
      // and the waiting instance's timer, due meanwhile, is held
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      expect(triggered.filter((r) => (r.value as { processInstanceKey?: string }).processInstanceKey === waiting.processInstanceKey)).to.deep.equal([]);

      // when the space is back
      free = 3 * GB;
      await until(async () => (await health(server.managementUrl!)).code === 200, 'health reports the space back');

      // then commands are taken again by every client, and the held timer fires
      const created = await zeebe.createProcessInstance({ bpmnProcessId: 'bench-isolation', variables: {} });
      expect(created.processInstanceKey).to.be.a('string');
      const again = await fetch(`${server.restUrl}/v2/process-instances`, { method: 'POST', headers: json, body: JSON.stringify({ processDefinitionId: 'bench-isolation' }) });
      expect(again.status).to.equal(200);
      await until(async () => triggered.some((r) => (r.value as { processInstanceKey?: string }).processInstanceKey === waiting.processInstanceKey), 'the held timer fires');
    });
  });

  describe('with the real free space of the machine', () => {
    let dataDir: string;

    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'onego-disk-watermark-real-'));
    });
    after(async () => {
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('refuses commands from the first one when `--disk-free-processing` asks for more than the disk has, and reports what statfs found', async () => {
      // given `onego engine` asking for 1000 TB free (more than any disk here has)
      const engine = await startEngine(dataDir, ['--disk-free-processing', '1000TB'], {});
      try {
        // when a client deploys and creates an instance
        const form = new FormData();
        form.append('resources', new Blob([STRAIGHT_BPMN]), 'straight.bpmn');
        const deployment = await fetch(`${engine.rest}/v2/deployments`, { method: 'POST', body: form });
        const creation = await fetch(`${engine.rest}/v2/process-instances`, { method: 'POST', headers: json, body: JSON.stringify({ processDefinitionId: 'bench-isolation' }) });

        // then both are refused as Zeebe refuses them out of disk space, and reads and health answer
        for (const response of [deployment, creation]) {
          expect(response.status).to.equal(503);
          expect(((await response.json()) as { detail: string }).detail).to.contain('Broker is out of disk space').and.contain('1000.0 TiB required');
        }
        expect((await fetch(`${engine.rest}/v2/topology`)).status).to.equal(200);
        const { code, report } = await health(engine.management);
        expect(code).to.equal(503);
        const disk = report.components.diskSpace.details;
        expect(report.components.diskSpace.status).to.equal('DOWN');
        expect(disk.free).to.be.a('number').above(0).and.at.most(disk.total);
        expect(disk.threshold).to.equal(1000 * 1024 ** 4);
      } finally {
        await stopEngine(engine.child);
      }
    });
  });
});
