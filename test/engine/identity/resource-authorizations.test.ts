import { expect } from 'chai';
import { createEngine } from '../../../engine';
import { EngineRejection } from '../../../engine/api';
import { IdentityDirectory, loadIdentityFile, parseIdentityFile, DEMO_IDENTITY_PATH } from '../../../engine/identity';
import { hashPassword } from '../../../engine/identity/password-hash';
import { insufficientPermissions } from '../../../engine/identity/resource-authorizations';

const CHEAP = { N: 1024, r: 8, p: 1 };

/** A start → user task process, so its instance stays open for variable updates. */
function waitingBpmn(processId: string): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`);
}

async function identity(authorizations: unknown[]) {
  return parseIdentityFile({
    groups: [{ id: 'tax', name: '税务局' }],
    users: [
      { username: 'xu.ming', name: '许明', passwordHash: await hashPassword('x', CHEAP), groups: ['tax'], roles: ['staff'] },
      { username: 'bot', name: '作业', passwordHash: await hashPassword('y', CHEAP), groups: [], roles: ['worker'] },
    ],
    authorizations,
  });
}

describe('resource authorizations in the identity file (Camunda 8.8 owners, resource types and permissions)', () => {
  it('grants through the user, a group or a role, for one resource id or for every one with "*"', async () => {
    const directory = new IdentityDirectory(
      await identity([
        { ownerType: 'GROUP', ownerId: 'tax', resourceType: 'PROCESS_DEFINITION', resourceId: 'tax-registration', permissionTypes: ['CREATE_PROCESS_INSTANCE'] },
        { ownerType: 'ROLE', ownerId: 'worker', resourceType: 'PROCESS_DEFINITION', resourceId: '*', permissionTypes: ['UPDATE_PROCESS_INSTANCE'] },
        { ownerType: 'USER', ownerId: 'xu.ming', resourceType: 'MESSAGE', resourceId: 'correction-submitted', permissionTypes: ['CREATE'] },
      ]),
    );
    const xu = directory.principal('xu.ming')!;
    const bot = directory.principal('bot')!;
    expect(directory.permits(xu, 'PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE', 'tax-registration')).to.equal(true);
    expect(directory.permits(xu, 'PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE', 'enterprise-opening')).to.equal(false);
    expect(directory.permits(xu, 'PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE', 'tax-registration')).to.equal(false);
    expect(directory.permits(bot, 'PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE', 'anything')).to.equal(true);
    expect(directory.permits(xu, 'MESSAGE', 'CREATE', 'correction-submitted')).to.equal(true);
    expect(directory.permits(xu, 'MESSAGE', 'CREATE', 'calendar-updated')).to.equal(false);
  });

  it('refuses a file whose authorization names an unknown owner, resource type or permission, saying where', async () => {
    const bad: [unknown, RegExp][] = [
      [{ ownerType: 'GROUP', ownerId: 'nobody', resourceType: 'MESSAGE', resourceId: '*', permissionTypes: ['CREATE'] }, /authorizations\[0\]\.ownerId: expected a group declared/],
      [{ ownerType: 'TEAM', ownerId: 'tax', resourceType: 'MESSAGE', resourceId: '*', permissionTypes: ['CREATE'] }, /authorizations\[0\]\.ownerType: expected one of USER, GROUP, ROLE/],
      [{ ownerType: 'ROLE', ownerId: 'staff', resourceType: 'TENANT', resourceId: '*', permissionTypes: ['READ'] }, /authorizations\[0\]\.resourceType/],
      [{ ownerType: 'ROLE', ownerId: 'staff', resourceType: 'MESSAGE', resourceId: '*', permissionTypes: ['DELETE'] }, /authorizations\[0\]\.permissionTypes: expected permissions of MESSAGE \(CREATE\), but 'DELETE' is not one/],
    ];
    for (const [entry, message] of bad) {
      let error: Error | undefined;
      try {
        await identity([entry]);
      } catch (caught) {
        error = caught as Error;
      }
      expect(error?.message).to.match(message);
    }
  });

  it('gives the demo identity per-department process permissions and every person the right to publish messages', async () => {
    const directory = new IdentityDirectory(await loadIdentityFile(DEMO_IDENTITY_PATH));
    const kong = directory.principal('kong.wei')!;
    const qin = directory.principal('qin.yue')!;
    expect(directory.permits(kong, 'PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE', 'medical-insurance-transfer')).to.equal(true);
    expect(directory.permits(kong, 'PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE', 'enterprise-opening')).to.equal(false);
    expect(directory.permits(qin, 'PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE', 'enterprise-opening')).to.equal(true);
    expect(directory.permits(kong, 'MESSAGE', 'CREATE', 'correction-submitted')).to.equal(true);
    expect(directory.permits(directory.principal('sun.shen')!, 'MESSAGE', 'CREATE', 'correction-submitted')).to.equal(false);
    expect(directory.permits(directory.principal('onego-worker')!, 'PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE', 'talent-card')).to.equal(true);
  });

  it('makes the engine reject, inside the command, setting variables and publishing messages the actor may not (FORBIDDEN)', async () => {
    const directory = new IdentityDirectory(
      await identity([{ ownerType: 'ROLE', ownerId: 'worker', resourceType: 'PROCESS_DEFINITION', resourceId: 'tax-registration', permissionTypes: ['CREATE_PROCESS_INSTANCE', 'UPDATE_PROCESS_INSTANCE'] }]),
    );
    const engine = await createEngine({ permissions: directory.processPermissions() });
    try {
      await engine.deployResources([
        { name: 'a.bpmn', content: waitingBpmn('tax-registration') },
        { name: 'b.bpmn', content: waitingBpmn('enterprise-opening') },
      ]);
      const own = await engine.createProcessInstance({ bpmnProcessId: 'tax-registration' }, { actor: 'bot' });
      // the engine's own in-process callers (no account of the identity file) are not restricted
      const foreign = await engine.createProcessInstance({ bpmnProcessId: 'enterprise-opening' }, { actor: 'demo' });
      const updated = await engine.setVariables({ elementInstanceKey: own.processInstanceKey, variables: { checked: true }, local: false }, { actor: 'bot' });
      expect(updated.key).to.match(/^\d+$/);
      const refused = await engine.setVariables({ elementInstanceKey: foreign.processInstanceKey, variables: { checked: true }, local: false }, { actor: 'bot' }).catch((error: unknown) => error);
      expect(refused).to.be.instanceOf(EngineRejection);
      expect(refused).to.include({ rejectionType: 'FORBIDDEN', message: insufficientPermissions('UPDATE_PROCESS_INSTANCE', 'PROCESS_DEFINITION', 'enterprise-opening') });
      const unpublished = await engine.publishMessage({ name: 'correction-submitted', correlationKey: 'x', timeToLiveMs: 0 }, { actor: 'bot' }).catch((error: unknown) => error);
      expect(unpublished).to.include({ rejectionType: 'FORBIDDEN' });
      expect((unpublished as Error).message).to.contain("Insufficient permissions to perform operation 'CREATE' on resource 'MESSAGE'");
    } finally {
      await engine.close();
    }
  });
});
