import type { randomSource } from './fuzz-random';

type Random = ReturnType<typeof randomSource>;

const ODD_STRINGS = [
  '\ud800', // a lone surrogate: not valid UTF-16 text
  '\udfff\ud800',
  '\u202eevil\u202c', // right-to-left override
  'a\u200b\u200c\u200db', // zero-width characters
  '\ufeffBOM',
  '\u0000nul\u0001',
  'e\u0301\u0301\u0301\u0301', // stacked combining marks
  '😀👨‍👩‍👧‍👦🇨🇳',
  '𠀀𪚥', // outside the basic plane
  '一次办好'.repeat(1000),
  '"quoted" \\ backslash \n newline',
  '</script><script>alert(1)</script>',
];

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = asArray ? [value] : { a: value };
  return value;
}

/** A variables document a hostile caller might send: deep, huge, odd text, odd names, or not an object at all. */
export function hostileVariables(random: Random): unknown {
  switch (random.int(9)) {
    case 0:
      return { deep: nested(random.pick([20, 99, 101, 300, 5000]), random.next() < 0.5) };
    case 1:
      return { big: 'x'.repeat(random.pick([10_000, 500_000, 3_000_000])) };
    case 2:
      return Object.fromEntries(ODD_STRINGS.map((text, index) => [`odd${index}`, text]));
    case 3:
      return Object.fromEntries(Array.from({ length: random.pick([100, 10_001]) }, (_, index) => [`v${index}`, index]));
    case 4:
      return { '': 1, $: 2, __proto__: { polluted: true }, constructor: 'x', 'a.b': 3, 中文名: '值', [random.pick(ODD_STRINGS)]: 4 };
    case 5:
      return random.pick([[1, 2, 3], 'a string', 42, true, null]);
    case 6:
      return { numbers: [Number.MAX_SAFE_INTEGER, -0, 1e308, 5e-324, 2 ** 64] };
    case 7:
      return { mixed: random.json() };
    default:
      return { ok: 'plain', n: random.int(1000) };
  }
}

/** FEEL a hostile designer or caller might write: runaway loops, deep nesting, huge values, nonsense. */
export const HOSTILE_FEEL = [
  'count(for x in 1..30000000 return x)',
  'for x in 1..100000, y in 1..100000 return x',
  'sum(1..1000000000)',
  `${'('.repeat(3000)}1${')'.repeat(3000)}`,
  `${'['.repeat(2000)}${']'.repeat(2000)}`,
  'string length(' + '"a" + '.repeat(5000) + '"a")',
  '{f: function(n) f(n)}.f(1)',
  'date("2025-99-99")',
  'duration("P999999999999999Y")',
  '1 / 0',
  'x.y.z.w',
  'substring("abc", -99999999999, 1e300)',
  '"\ud800"',
  '😀 + 1',
  'if then else',
  '= = =',
  '',
  'some x in [1,2] satisfies x > "a"',
  'matches("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$")',
  'replace("' + 'a'.repeat(100_000) + '", "a", "bb")',
  // what only the call budget counts (call-budget.ts): recursion, built-ins over long lists and strings in a loop
  '{f: function(n) if n = 0 then 1 else f(n - 1) + f(n - 1)}.f(40)',
  '{g: function(n) if n = 0 then 0 else 1 + g(n - 1)}.g(100000)',
  '{l: for i in 1..5000 return i, n: count(for x in 1..5000 return list contains(l, -1))}.n',
  '{l: for i in 1..5000 return i, n: count(for x in 1..5000 return sort(l, function(a, b) a > b))}.n',
  '{s: string join(for i in 1..5000 return "abcdefghij", ""), n: count(for x in 1..5000 return upper case(s))}.n',
];

/** A process whose one service task maps `feel` into a variable, then waits for `type` work. */
export function processWithFeel(id: string, feel: string, type: string): string {
  const escaped = feel.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:serviceTask id="work">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="${type}" />
        <zeebe:ioMapping><zeebe:input source="=${escaped}" target="computed" /></zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** Subprocesses nested `depth` deep, each start → inner subprocess → end: valid, and deep to parse and to run. */
function nestedSubprocesses(id: string, depth: number): string {
  let inner = '<bpmn:startEvent id="s0" /><bpmn:sequenceFlow id="q0" sourceRef="s0" targetRef="e0" /><bpmn:endEvent id="e0" />';
  for (let level = 1; level <= depth; level++) {
    inner =
      `<bpmn:startEvent id="s${level}" /><bpmn:sequenceFlow id="a${level}" sourceRef="s${level}" targetRef="sub${level}" />` +
      `<bpmn:subProcess id="sub${level}">${inner}</bpmn:subProcess>` +
      `<bpmn:sequenceFlow id="b${level}" sourceRef="sub${level}" targetRef="e${level}" /><bpmn:endEvent id="e${level}" />`;
  }
  return `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="${id}" isExecutable="true">${inner}</bpmn:process></bpmn:definitions>`;
}

function manyTasks(id: string, count: number): string {
  const parts = ['<bpmn:startEvent id="start" />'];
  let previous = 'start';
  for (let index = 0; index < count; index++) {
    parts.push(`<bpmn:sequenceFlow id="f${index}" sourceRef="${previous}" targetRef="t${index}" /><bpmn:task id="t${index}" name="步骤 ${index}" />`);
    previous = `t${index}`;
  }
  parts.push(`<bpmn:sequenceFlow id="fend" sourceRef="${previous}" targetRef="end" /><bpmn:endEvent id="end" />`);
  return `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><bpmn:process id="${id}" isExecutable="true">${parts.join('')}</bpmn:process></bpmn:definitions>`;
}

/** A BPMN file a hostile caller might deploy: malformed, huge, deep, entity tricks, or a valid one mangled. */
export function hostileBpmn(random: Random, id: string): { name: string; content: string } {
  const valid = processWithFeel(id, '1 + 1', 'fuzz-content');
  const kind = random.int(10);
  const content = (() => {
    switch (kind) {
      case 0:
        return valid.slice(0, random.int(valid.length));
      case 1:
        return random.pick(['not xml at all', '', '<', '<?xml version="1.0"?>', '\u0000\u0001\u0002', '<bpmn:definitions>']);
      case 2:
        return `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>${valid.replace('<?xml version="1.0" encoding="UTF-8"?>', '').replace('id="work"', 'id="work" name="&lol3;"')}`;
      case 3:
        return `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${valid.replace('<?xml version="1.0" encoding="UTF-8"?>', '').replace('id="work"', 'id="work" name="&xxe;"')}`;
      case 4:
        return nestedSubprocesses(id, random.pick([50, 300, 1000]));
      case 5:
        return `<?xml version="1.0"?>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`;
      case 6:
        return manyTasks(id, random.pick([1000, 12_000]));
      case 7: {
        // a valid model with a few bytes overwritten
        const chars = [...valid];
        for (let flips = 0; flips < 5; flips++) chars[random.int(chars.length)] = String.fromCharCode(random.int(0x3000));
        return chars.join('');
      }
      case 8:
        return processWithFeel(id, random.pick(HOSTILE_FEEL), 'fuzz-content');
      default:
        return valid.replace(/sourceRef="start"/, 'sourceRef="nowhere"');
    }
  })();
  return { name: `${id}.bpmn`, content };
}
