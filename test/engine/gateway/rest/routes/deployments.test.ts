import { expect } from 'chai';
import { undoDoubleUtf8 } from '../../../../../engine/gateway/rest/routes/deployments';

describe('deployment resources the SDK read as latin1', () => {
  it('restores UTF-8 text that was encoded twice', () => {
    const original = Buffer.from('<bpmn:process name="营业执照审查">', 'utf8');
    const twice = Buffer.from(original.toString('latin1'), 'utf8');
    expect(undoDoubleUtf8(twice).toString('utf8')).to.equal('<bpmn:process name="营业执照审查">');
  });

  it('leaves correct UTF-8 and plain ASCII alone', () => {
    const correct = Buffer.from('名称 name', 'utf8');
    expect(undoDoubleUtf8(correct)).to.equal(correct);
    const ascii = Buffer.from('<definitions/>', 'utf8');
    expect(undoDoubleUtf8(ascii)).to.equal(ascii);
  });

  it('leaves genuine latin1 characters alone when undoing would not give valid UTF-8', () => {
    const text = Buffer.from('Café ÿ', 'utf8');
    expect(undoDoubleUtf8(text).toString('utf8')).to.equal('Café ÿ');
  });
});
