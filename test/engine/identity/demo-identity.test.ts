import { expect } from 'chai';
import { DEMO_IDENTITY_PATH } from '../../../engine/identity';
import { DEPARTMENTS, supervisorsGroupOf } from '../../../engine/identity/departments';
import { demoAccounts, demoPasswordOf } from '../../../engine/identity/demo-identity';
import { IdentityDirectory } from '../../../engine/identity/identity-directory';
import { loadIdentityFile } from '../../../engine/identity/identity-file';

describe('the demo identity file', () => {
  it('holds exactly the documented demo accounts, with hashes and no passwords', async () => {
    const file = await loadIdentityFile(DEMO_IDENTITY_PATH);
    const documented = demoAccounts().map(({ username, name, groups, roles }) => ({ username, name, groups, roles }));
    expect(file.users.map(({ username, name, groups, roles }) => ({ username, name, groups, roles }))).to.deep.equal(documented);
    expect(file.users.every((user) => user.passwordHash.startsWith('scrypt$32768$8$1$'))).to.equal(true);
  });

  it('has a staff member and a supervisor for every department of the contract', async () => {
    const file = await loadIdentityFile(DEMO_IDENTITY_PATH);
    for (const department of DEPARTMENTS) {
      expect(file.users.some((user) => user.roles.includes('staff') && user.groups.includes(department.id)), department.id).to.equal(true);
      expect(file.users.some((user) => user.roles.includes('supervisor') && user.groups.includes(supervisorsGroupOf(department.id))), department.id).to.equal(true);
    }
  });

  it('lets one account of each role in with its documented password', async () => {
    // given
    const directory = new IdentityDirectory(await loadIdentityFile(DEMO_IDENTITY_PATH));
    const oneOfEachRole = ['zhang.san', 'li.si', 'sun.shen', 'guan.li', 'onego-worker'];
    // when
    const principals = await Promise.all(
      oneOfEachRole.map((username) => {
        const account = demoAccounts().find((candidate) => candidate.username === username)!;
        return directory.authenticate(username, demoPasswordOf(account));
      }),
    );
    // then
    expect(principals.map((principal) => principal?.roles[0])).to.deep.equal(['staff', 'supervisor', 'auditor', 'admin', 'worker']);
    expect(principals[0]).to.include({ name: '张三' });
    expect(principals[0]?.groups).to.deep.equal(['market-regulation']);
  });
});
