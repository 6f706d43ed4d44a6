import { expect } from 'chai';
import { matchesAnyString, matchesDate, matchesInteger, matchesString, search, stringFilter, type SearchSpec } from '../../../../engine/gateway/rest/search';
import { HttpProblem } from '../../../../engine/gateway/rest/problem';

describe('search filters, sorting and paging', () => {
  const table: [string, () => boolean, boolean][] = [
    ["matchesString('tax', 'tax', 'f')", () => matchesString('tax', 'tax', 'f'), true],
    ["matchesString('tax', { $eq: 'tax' }, 'f')", () => matchesString('tax', { $eq: 'tax' }, 'f'), true],
    ["matchesString('tax', { $neq: 'tax' }, 'f')", () => matchesString('tax', { $neq: 'tax' }, 'f'), false],
    ["matchesString(undefined, { $exists: false }, 'f')", () => matchesString(undefined, { $exists: false }, 'f'), true],
    ["matchesString('tax', { $in: ['hrss', 'tax'] }, 'f')", () => matchesString('tax', { $in: ['hrss', 'tax'] }, 'f'), true],
    ["matchesString('tax', { $notIn: ['hrss', 'tax'] }, 'f')", () => matchesString('tax', { $notIn: ['hrss', 'tax'] }, 'f'), false],
    ["matchesString('market-regulation', { $like: 'market*' }, 'f')", () => matchesString('market-regulation', { $like: 'market*' }, 'f'), true],
    ["matchesString('a*b', { $like: 'a\\\\*b' }, 'f')", () => matchesString('a*b', { $like: 'a\\*b' }, 'f'), true],
    ["matchesString('axb', { $like: 'a\\\\*b' }, 'f')", () => matchesString('axb', { $like: 'a\\*b' }, 'f'), false],
    ["matchesString('tax', { $like: 't?x' }, 'f')", () => matchesString('tax', { $like: 't?x' }, 'f'), true],
    ["matchesAnyString(['tax', 'hrss'], 'hrss', 'f')", () => matchesAnyString(['tax', 'hrss'], 'hrss', 'f'), true],
    ["matchesAnyString(['tax'], { $neq: 'tax' }, 'f')", () => matchesAnyString(['tax'], { $neq: 'tax' }, 'f'), false],
    ["matchesDate('2025-10-09T09:30:00.000Z', { $gte: '2025-10-09T17:30:00+08:00' }, 'f')", () => matchesDate('2025-10-09T09:30:00.000Z', { $gte: '2025-10-09T17:30:00+08:00' }, 'f'), true],
    ["matchesDate('2025-10-09T09:30:00.000Z', { $lt: '2025-10-09T17:30:00+08:00' }, 'f')", () => matchesDate('2025-10-09T09:30:00.000Z', { $lt: '2025-10-09T17:30:00+08:00' }, 'f'), false],
    ["matchesDate(undefined, { $gt: '2025-01-01T00:00:00Z' }, 'f')", () => matchesDate(undefined, { $gt: '2025-01-01T00:00:00Z' }, 'f'), false],
    ["matchesInteger(80, { $gt: 50, $lte: 80 }, 'f')", () => matchesInteger(80, { $gt: 50, $lte: 80 }, 'f'), true],
    ["matchesInteger(50, 80, 'f')", () => matchesInteger(50, 80, 'f'), false],
  ];
  for (const [description, evaluate, expected] of table) {
    it(`says ${description} is ${expected}`, () => {
      expect(evaluate()).to.equal(expected);
    });
  }

  it('refuses an unknown operator, naming the field', () => {
    expect(() => matchesString('x', { $regex: '.*' }, 'filter.assignee')).to.throw(HttpProblem, /'filter.assignee' to use only the operators/);
    expect(() => matchesDate('2025-01-01T00:00:00Z', { $gt: 'tomorrow' }, 'filter.dueDate')).to.throw(/'filter.dueDate.\$gt' to be an ISO-8601 date-time/);
  });

  interface Row {
    key: string;
    name: string;
  }
  const spec: SearchSpec<Row> = { noun: 'row', filters: { name: stringFilter((row: Row) => row.name) }, sortFields: { name: (row) => row.name }, key: (row) => row.key };
  const rows: Row[] = [
    { key: '12', name: 'b' },
    { key: '9', name: 'a' },
    { key: '100', name: 'b' },
    { key: '11', name: 'c' },
  ];

  it('orders by key numerically by default and pages forward and back with cursors', () => {
    const first = search(rows, spec, { page: { limit: 2 } });
    expect(first.items.map((row) => row.key)).to.deep.equal(['9', '11']);
    const second = search(rows, spec, { page: { limit: 2, after: first.page.endCursor } });
    expect(second.items.map((row) => row.key)).to.deep.equal(['12', '100']);
    const back = search(rows, spec, { page: { limit: 1, before: second.page.startCursor } });
    expect(back.items.map((row) => row.key)).to.deep.equal(['11']);
    expect(first.page.totalItems).to.equal(4);
  });

  it('sorts by a field with the key as tiebreaker, descending on request', () => {
    const result = search(rows, spec, { sort: [{ field: 'name', order: 'desc' }] });
    expect(result.items.map((row) => row.key)).to.deep.equal(['11', '12', '100', '9']);
  });

  for (const [description, body, message] of [
    ['a limit of 0', { page: { limit: 0 } }, /'page.limit' to be an integer from 1/],
    ['a cursor from nowhere', { page: { after: 'bm9wZQ==' } }, /'page.after' to be a cursor/],
    ['an unknown filter', { filter: { colour: 'red' } }, /'filter.colour' to be one of the row filters \[name\]/],
    ['an unknown sort order', { sort: [{ field: 'name', order: 'sideways' }] }, /'sort\[0\].order' to be ASC or DESC/],
    ["a filter named after an object's inherited member ('constructor')", { filter: { constructor: 'x' } }, /'filter.constructor' to be one of the row filters/],
    ["a filter named '__proto__' (sent as JSON)", JSON.parse('{"filter":{"__proto__":{"a":1}}}'), /'filter.__proto__' to be one of the row filters/],
    ["a sort field named after an inherited member ('toString')", { sort: [{ field: 'toString' }] }, /'sort\[0\].field'/],
  ] as const) {
    it(`refuses ${description} with a 400`, () => {
      expect(() => search(rows, spec, body)).to.throw(HttpProblem, message);
    });
  }
});
