import { expect } from 'chai';
import { status } from '@grpc/grpc-js';
import {
  optionalKey,
  parseVariablesDocument,
  requireKey,
  resolveTenant,
  resolveTenants,
  toActivatedJobMessage,
} from '../../../../engine/gateway/grpc/convert';
import { GatewayError } from '../../../../engine/gateway/grpc/errors';

function refusal(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a refusal');
}

describe('the gRPC wire conversions', () => {
  describe('a variables document', () => {
    it('is parsed when it is a JSON object', () => {
      expect(parseVariablesDocument('{"a":1,"b":{"c":"d"}}')).to.deep.equal({ a: 1, b: { c: 'd' } });
    });

    it('means no variables when it is empty, as proto3 sends an unset string', () => {
      expect(parseVariablesDocument('')).to.equal(undefined);
      expect(parseVariablesDocument('  ')).to.equal(undefined);
    });

    for (const [document, jsonType] of [
      ['[]', 'ARRAY'],
      ['1', 'INTEGER'],
      ['1.5', 'FLOAT'],
      ['"text"', 'STRING'],
      ['true', 'BOOLEAN'],
      ['null', 'NIL'],
    ] as const) {
      it(`is refused with Zeebe's wording when it is ${jsonType}`, () => {
        const error = refusal(() => parseVariablesDocument(document));
        expect(error.code).to.equal(status.INVALID_ARGUMENT);
        expect(error.message).to.equal(
          `Property 'variables' is invalid: Expected document to be a root level object, but was '${jsonType}'`,
        );
      });
    }

    it('is refused when it is not JSON at all', () => {
      const error = refusal(() => parseVariablesDocument('{not json'));
      expect(error.code).to.equal(status.INVALID_ARGUMENT);
      expect(error.message).to.match(/^Property 'variables' is invalid: Expected document to be valid JSON, but/);
    });
  });

  describe('a key', () => {
    it('keeps all 64 bits as a decimal string', () => {
      expect(requireKey('2251799813685249', 'jobKey')).to.equal('2251799813685249');
      expect(requireKey('9223372036854775807', 'jobKey')).to.equal('9223372036854775807');
    });

    it('reads proto3 zero as unset when optional', () => {
      expect(optionalKey('0', 'processDefinitionKey')).to.equal(undefined);
      expect(optionalKey('', 'processDefinitionKey')).to.equal(undefined);
    });

    it('is refused when it is not an int64', () => {
      expect(refusal(() => requireKey('abc', 'jobKey')).code).to.equal(status.INVALID_ARGUMENT);
      expect(refusal(() => requireKey('9223372036854775808', 'jobKey')).message).to.match(/out of range/);
    });
  });

  describe('a tenant', () => {
    it('is the default tenant for the SDK\'s "<default>" and zeebe-node\'s ""', () => {
      expect(resolveTenant('<default>', 'DeployResource')).to.equal('<default>');
      expect(resolveTenant('', 'DeployResource')).to.equal('<default>');
      expect(resolveTenants([], 'ActivateJobs')).to.deep.equal(['<default>']);
      expect(resolveTenants(['<default>'], 'ActivateJobs')).to.deep.equal(['<default>']);
    });

    it('is refused when it names another tenant, because multi-tenancy is off', () => {
      const error = refusal(() => resolveTenant('acme', 'DeployResource'));
      expect(error.code).to.equal(status.INVALID_ARGUMENT);
      expect(error.message).to.equal(
        "Expected to handle gRPC request DeployResource with tenant identifier 'acme', but multi-tenancy is disabled",
      );
    });
  });

  describe('an activated job', () => {
    it('always carries variables and custom headers as JSON object strings', () => {
      const message = toActivatedJobMessage({
        key: '2251799813685260',
        type: 'payment',
        processInstanceKey: '2251799813685251',
        bpmnProcessId: 'order',
        processDefinitionVersion: 1,
        processDefinitionKey: '2251799813685250',
        elementId: 'pay',
        elementInstanceKey: '2251799813685255',
        customHeaders: undefined as unknown as Record<string, string>,
        worker: 'w',
        retries: 3,
        deadline: 1_700_000_000_000,
        variables: undefined as unknown as Record<string, unknown>,
        tenantId: '<default>',
      });
      expect(message.variables).to.equal('{}');
      expect(message.customHeaders).to.equal('{}');
      expect(message.deadline).to.equal('1700000000000');
      expect(message.key).to.equal('2251799813685260');
    });
  });
});
