import { expect } from 'chai';
import { addToKeyList, keyListSize, removeFromKeyList, type KeyList } from '../../../engine/state/key-list';

describe('key lists: the small ordered sets live state keeps per element instance', () => {
  it('starts as an array, ignores a key added twice and keeps insertion order', () => {
    let list: KeyList<string> | undefined;
    for (const key of ['b', 'a', 'b', 'c']) list = addToKeyList(list, key);
    expect(Array.isArray(list)).to.equal(true);
    expect([...list!]).to.deep.equal(['b', 'a', 'c']);
  });

  it('becomes a Set at 16 entries, in the same order, and removes from either form', () => {
    let list: KeyList<number> | undefined;
    for (let key = 0; key < 15; key++) list = addToKeyList(list, key);
    expect(Array.isArray(list)).to.equal(true);
    list = addToKeyList(list, 15);
    expect(list).to.be.instanceOf(Set);
    expect([...list]).to.deep.equal([...Array(16).keys()]);
    expect(removeFromKeyList(list, 3)).to.equal(list);
    expect(keyListSize(list)).to.equal(15);
    expect([...list]).to.not.include(3);
    const small = removeFromKeyList(addToKeyList(addToKeyList(undefined, 'x'), 'y'), 'x');
    expect(removeFromKeyList(small, 'absent')).to.equal(small);
    expect([...small]).to.deep.equal(['y']);
  });

  it('accepts the Sets that snapshots written before key lists hold', () => {
    const old: KeyList<string> = new Set(['a']);
    expect(addToKeyList(old, 'b')).to.equal(old);
    expect(keyListSize(removeFromKeyList(old, 'a'))).to.equal(1);
    expect([...old]).to.deep.equal(['b']);
  });
});
