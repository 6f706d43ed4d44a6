import { expect } from 'chai';
import { answerWithin } from '../../../../engine/gateway/grpc/job-long-polling';

describe('how long a parked ActivateJobs call may wait', () => {
  const now = 1_000_000;

  it('is the request timeout when the client set no gRPC deadline', () => {
    expect(answerWithin(50_000, Infinity, now)).to.equal(50_000);
  });

  it('ends a little before a gRPC deadline that comes first, so the answer still reaches the client', () => {
    expect(answerWithin(50_000, new Date(now + 5_000), now)).to.equal(4_900);
    expect(answerWithin(50_000, now + 5_000, now)).to.equal(4_900);
  });

  it('keeps the request timeout when the deadline is later', () => {
    expect(answerWithin(10_000, now + 60_000, now)).to.equal(10_000);
  });

  it('answers at once when the deadline is (almost) past', () => {
    expect(answerWithin(10_000, now + 50, now)).to.equal(0);
  });
});
