import { expect } from 'chai';
import { IdentityDirectory } from '../../../engine/identity/identity-directory';
import { hashPassword } from '../../../engine/identity/password-hash';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('the identity directory', () => {
  let directory: IdentityDirectory;
  before(async () => {
    directory = new IdentityDirectory({
      groups: [
        { id: 'market-regulation', name: '市场监管局' },
        { id: 'market-regulation-supervisors', name: '市场监管局督办' },
      ],
      users: [
        { username: 'zhang.san', name: '张三', passwordHash: await hashPassword('right', CHEAP), groups: ['market-regulation'], roles: ['staff'] },
        {
          username: 'li.si',
          name: '李四',
          passwordHash: await hashPassword('other', CHEAP),
          groups: ['market-regulation', 'market-regulation-supervisors'],
          roles: ['supervisor'],
          email: 'li.si@example.gov.cn',
        },
      ],
    });
  });

  it('authenticates a user with the right password and returns their principal', async () => {
    const principal = await directory.authenticate('zhang.san', 'right');
    expect(principal).to.deep.equal({ username: 'zhang.san', name: '张三', groups: ['market-regulation'], roles: ['staff'] });
  });

  it('authenticates again from its memory of the last success, still checking the password', async () => {
    expect(await directory.authenticate('li.si', 'other')).to.include({ username: 'li.si' });
    expect(await directory.authenticate('li.si', 'other')).to.include({ username: 'li.si', email: 'li.si@example.gov.cn' });
    expect(await directory.authenticate('li.si', 'wrong')).to.equal(undefined);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    expect(await directory.authenticate('zhang.san', 'wrong')).to.equal(undefined);
    expect(await directory.authenticate('nobody', 'right')).to.equal(undefined);
  });

  it('names groups in Chinese and falls back to the id for unknown ones', () => {
    expect(directory.groupName('market-regulation-supervisors')).to.equal('市场监管局督办');
    expect(directory.groupName('tax')).to.equal('tax');
  });
});
