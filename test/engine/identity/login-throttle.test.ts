import { expect } from 'chai';
import { LoginThrottle } from '../../../engine/identity/login-throttle';

describe('LoginThrottle with checks under way', () => {
  it('lets the same credentials share the check under way (one client\'s many channels are one guess)', () => {
    const throttle = new LoginThrottle();
    const first = throttle.begin('onego-worker', undefined, 'Basic b25lZ28td29ya2VyOnNlY3JldA==');
    const again = throttle.begin('onego-worker', undefined, 'Basic b25lZ28td29ya2VyOnNlY3JldA==');
    expect(first).to.have.property('succeeded');
    expect(again).to.have.property('succeeded');
  });

  it('makes a different password for the same account wait while a check runs (parallel guessing)', () => {
    const throttle = new LoginThrottle();
    const first = throttle.begin('zhang.san', '10.0.0.9', 'guess-1');
    const second = throttle.begin('zhang.san', '10.0.0.9', 'guess-2');
    expect(first).to.have.property('succeeded');
    expect(second).to.have.property('detail').that.contains('one login at a time');
  });
});
