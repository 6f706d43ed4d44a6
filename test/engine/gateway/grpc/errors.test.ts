import { expect } from 'chai';
import { status } from '@grpc/grpc-js';
import { EngineRejection, type RejectionType } from '../../../../engine/api';
import { GatewayError, statusForRejection, toServiceError } from '../../../../engine/gateway/grpc/errors';

describe('the gRPC error mapping', () => {
  const table: [RejectionType, status][] = [
    ['INVALID_ARGUMENT', status.INVALID_ARGUMENT],
    ['NOT_FOUND', status.NOT_FOUND],
    ['ALREADY_EXISTS', status.ALREADY_EXISTS],
    ['INVALID_STATE', status.FAILED_PRECONDITION],
    ['PROCESSING_ERROR', status.INTERNAL],
    ['UNAUTHORIZED', status.PERMISSION_DENIED],
    ['UNIMPLEMENTED', status.UNIMPLEMENTED],
    ['RESOURCE_EXHAUSTED', status.RESOURCE_EXHAUSTED],
  ];
  for (const [rejectionType, code] of table) {
    it(`answers a ${rejectionType} rejection with ${status[code]}`, () => {
      expect(statusForRejection(rejectionType)).to.equal(code);
    });
  }

  it("words a rejection as Zeebe's gateway does, naming the command's intent", () => {
    const error = toServiceError(
      new EngineRejection('NOT_FOUND', "Expected to complete job with key '1', but no such job was found"),
      'COMPLETE',
    );
    expect(error.code).to.equal(status.NOT_FOUND);
    expect(error.details).to.equal(
      "Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '1', but no such job was found",
    );
  });

  it('passes a gateway refusal through with its own code', () => {
    const error = toServiceError(new GatewayError(status.DEADLINE_EXCEEDED, 'too slow'), 'CREATE');
    expect(error).to.include({ code: status.DEADLINE_EXCEEDED, details: 'too slow' });
  });

  it('answers an unexpected failure with INTERNAL, never as a client mistake', () => {
    const error = toServiceError(new TypeError('boom'), 'CREATE');
    expect(error.code).to.equal(status.INTERNAL);
    expect(error.details).to.contain('boom');
  });
});
