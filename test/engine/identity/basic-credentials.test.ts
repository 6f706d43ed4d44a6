import { expect } from 'chai';
import { basicAuthorization, parseBasicAuthorization } from '../../../engine/identity/basic-credentials';

describe('HTTP Basic credentials', () => {
  it('round-trips a username and a password that contains colons and Chinese', () => {
    const header = basicAuthorization('zhang.san', 'pa:ss:密码');
    expect(parseBasicAuthorization(header)).to.deep.equal({ username: 'zhang.san', password: 'pa:ss:密码' });
  });

  it('reads the scheme case-insensitively, as RFC 7617 allows', () => {
    const encoded = Buffer.from('li.si:onego-demo').toString('base64');
    expect(parseBasicAuthorization(`basic ${encoded}`)).to.deep.equal({ username: 'li.si', password: 'onego-demo' });
  });

  it('leaves other schemes and missing headers to someone else', () => {
    expect(parseBasicAuthorization(undefined)).to.equal(undefined);
    expect(parseBasicAuthorization('Bearer eyJhbGciOi')).to.equal(undefined);
  });

  it('refuses Basic credentials that are not base64', () => {
    expect(() => parseBasicAuthorization('Basic ***')).to.throw(/^Expected Basic credentials in base64/);
  });

  it('refuses Basic credentials without a username', () => {
    const header = `Basic ${Buffer.from(':password').toString('base64')}`;
    expect(() => parseBasicAuthorization(header)).to.throw(/no username/);
  });
});
