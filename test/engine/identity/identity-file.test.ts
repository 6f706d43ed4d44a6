import { expect } from 'chai';
import { parseIdentityFile } from '../../../engine/identity/identity-file';

const HASH = 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function validFile() {
  return {
    groups: [
      { id: 'tax', name: '税务局' },
      { id: 'tax-supervisors', name: '税务局督办' },
    ],
    users: [{ username: 'xu.ming', name: '许明', passwordHash: HASH, groups: ['tax'], roles: ['staff'] }],
  };
}

describe('the identity file', () => {
  it('accepts groups with Chinese names and users with hashed passwords', () => {
    const file = parseIdentityFile(validFile());
    expect(file.users[0]).to.deep.equal({ username: 'xu.ming', name: '许明', passwordHash: HASH, groups: ['tax'], roles: ['staff'] });
    expect(file.groups.map((group) => group.name)).to.deep.equal(['税务局', '税务局督办']);
  });

  const cases: [string, (file: ReturnType<typeof validFile>) => unknown, RegExp][] = [
    ['a file that is an array', () => [], /root: expected an object/],
    ['users that is not an array', (file) => ({ ...file, users: {} }), /users: expected an array/],
    ['a plain-text password', (file) => ({ ...file, users: [{ ...file.users[0], password: 'onego-demo' }] }), /users\[0\]: expected only a passwordHash, but it holds a plain-text "password"/],
    ['a password hash that is not scrypt', (file) => ({ ...file, users: [{ ...file.users[0], passwordHash: 'onego-demo' }] }), /users\[0\]\.passwordHash: expected a valid scrypt hash/],
    ['an undeclared group', (file) => ({ ...file, users: [{ ...file.users[0], groups: ['taxx'] }] }), /users\[0\]\.groups: expected groups declared in "groups", but 'taxx' is not/],
    ['an unknown role', (file) => ({ ...file, users: [{ ...file.users[0], roles: ['root'] }] }), /users\[0\]\.roles: expected roles from staff, supervisor, auditor, admin, worker, but 'root' is not one/],
    ['no role', (file) => ({ ...file, users: [{ ...file.users[0], roles: [] }] }), /at least one role/],
    ['a duplicate username', (file) => ({ ...file, users: [file.users[0], file.users[0]] }), /users\[1\]\.username: expected unique usernames/],
    ['an upper-case username', (file) => ({ ...file, users: [{ ...file.users[0], username: 'Xu.Ming' }] }), /users\[0\]\.username/],
    ['a duplicate group', (file) => ({ ...file, groups: [file.groups[0], file.groups[0]] }), /groups\[1\]\.id: expected unique group ids/],
    ['a group without a name', (file) => ({ ...file, groups: [{ id: 'tax' }] }), /groups\[0\]\.name: expected a non-empty string/],
  ];
  for (const [description, mutate, message] of cases) {
    it(`refuses ${description}, naming the place`, () => {
      expect(() => parseIdentityFile(mutate(validFile()))).to.throw(message);
    });
  }
});
