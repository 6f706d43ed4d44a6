import { expect } from 'chai';
import { CallerAdmission, admissionLimitsFromEnvironment, type Release } from '../../../../engine/gateway/admission/caller-admission';

describe('per-caller admission at the front doors', () => {
  /** Enters a request of `caller`, noting when it starts; answers its release once started. */
  function request(admission: CallerAdmission, caller: string, started: string[]) {
    let release: Release | undefined;
    const entry = admission.enter(caller, (give) => {
      started.push(caller);
      release = give;
    });
    return { entry, release: () => release!() };
  }

  it('starts a caller’s requests up to its limit, queues the next ones and refuses beyond its waiting line', () => {
    const admission = new CallerAdmission({ inFlightPerCaller: 2, waitingPerCaller: 1, inFlight: 100 });
    const started: string[] = [];
    const outcomes = Array.from({ length: 4 }, () => request(admission, 'flooder', started).entry.outcome);
    expect(outcomes).to.deep.equal(['admitted', 'admitted', 'waiting', 'refused']);
    expect(admission.refused).to.equal(1);
    // another caller is not held by the flooder's share
    expect(request(admission, 'clerk', started).entry.outcome).to.equal('admitted');
  });

  it('starts a waiting request when one of its caller’s requests ends, and forgets one whose client left', () => {
    const admission = new CallerAdmission({ inFlightPerCaller: 1, waitingPerCaller: 5, inFlight: 100 });
    const started: string[] = [];
    const first = request(admission, 'a', started);
    const gone = request(admission, 'a', started);
    const third = request(admission, 'a', started);
    if (gone.entry.outcome === 'waiting') gone.entry.cancel();
    first.release();
    expect(started).to.deep.equal(['a', 'a']);
    expect(admission.load('a')).to.deep.equal({ inFlight: 1, waiting: 0 });
    third.release();
    third.release(); // a second release gives nothing back twice
    expect(admission.load('a')).to.deep.equal({ inFlight: 0, waiting: 0 });
  });

  it('hands slots freed under the engine-wide limit to waiting callers in turn, not to the one with most waiting', () => {
    const admission = new CallerAdmission({ inFlightPerCaller: 10, waitingPerCaller: 10, inFlight: 1 });
    const started: string[] = [];
    const releases: Release[] = [];
    const enter = (caller: string) => admission.enter(caller, (release) => (started.push(caller), releases.push(release)));
    enter('flooder');
    for (let index = 0; index < 3; index++) enter('flooder');
    enter('clerk');
    enter('auditor');
    // each request ends in turn, freeing the one slot
    while (releases.length > 0) releases.shift()!();
    // the clerk and the auditor each got the second and third slots, not after the flooder's backlog
    expect(started).to.deep.equal(['flooder', 'flooder', 'clerk', 'auditor', 'flooder', 'flooder']);
  });

  it('reads its limits from the environment, 0 meaning none, and refuses an unreadable value naming the setting', () => {
    expect(admissionLimitsFromEnvironment({ ONEGO_MAX_IN_FLIGHT_PER_CALLER: '4', ONEGO_MAX_IN_FLIGHT: '0' })).to.deep.equal({ inFlightPerCaller: 4, waitingPerCaller: 256, inFlight: Number.POSITIVE_INFINITY });
    expect(() => admissionLimitsFromEnvironment({ ONEGO_MAX_WAITING_PER_CALLER: 'lots' })).to.throw(/ONEGO_MAX_WAITING_PER_CALLER.*'lots'/);
  });
});
