import type { randomSource } from './fuzz-random';
import { HOSTILE_FEEL } from './hostile-content';

type Random = ReturnType<typeof randomSource>;

const DMN_NS = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function definitions(id: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="${DMN_NS}" id="drg_${id}" name="Fuzz ${id}" namespace="http://camunda.org/schema/1.0/dmn">${body}</definitions>`;
}

/** One decision table: `input` read, each rule's entry tested against it, `output` answered. */
function table(id: string, input: string, rules: { entry: string; output: string }[], hitPolicy = 'FIRST'): string {
  const rows = rules
    .map((rule, index) => `<rule id="r${index}"><inputEntry id="i${index}"><text>${escape(rule.entry)}</text></inputEntry><outputEntry id="o${index}"><text>${escape(rule.output)}</text></outputEntry></rule>`)
    .join('');
  return (
    `<decision id="${id}" name="表 ${id}"><decisionTable id="t_${id}" hitPolicy="${hitPolicy}">` +
    `<input id="in_${id}" label="in"><inputExpression id="e_${id}" typeRef="string"><text>${escape(input)}</text></inputExpression></input>` +
    `<output id="out_${id}" name="result" typeRef="string" />${rows}</decisionTable></decision>`
  );
}

function literal(id: string, feel: string, requires: string[] = []): string {
  const requirements = requires.map((required, index) => `<informationRequirement id="req_${id}_${index}"><requiredDecision href="#${required}" /></informationRequirement>`).join('');
  return `<decision id="${id}" name="值 ${id}"><variable id="v_${id}" name="${id}" />${requirements}<literalExpression id="l_${id}"><text>${escape(feel)}</text></literalExpression></decision>`;
}

/** A chain of literal decisions, each requiring the next: deep to check for cycles and deep to evaluate. */
function chain(id: string, depth: number, cyclic: boolean): string {
  const nameOf = (level: number) => (level === 0 ? id : `${id}_${level}`);
  const decisions: string[] = [];
  for (let level = 0; level < depth; level++) {
    const next = level + 1 < depth ? level + 1 : cyclic ? 0 : undefined;
    decisions.push(literal(nameOf(level), next === undefined ? '1' : `${nameOf(next)} + 1`, next === undefined ? [] : [nameOf(next)]));
  }
  return definitions(id, decisions.join(''));
}

/**
 * A DMN file a hostile designer or caller might deploy, with the decision id to evaluate: runaway FEEL in
 * every place a decision holds it, tens of thousands of rules, requirement chains thousands deep or cyclic,
 * entity tricks, malformed or mangled XML.
 */
export function hostileDmn(random: Random, id: string): { name: string; content: string; decisionId: string } {
  const valid = definitions(id, table(id, 'input', [{ entry: '"a"', output: '"A"' }, { entry: '-', output: '"other"' }]));
  const kind = random.int(12);
  const content = (() => {
    switch (kind) {
      case 0:
        return valid.slice(0, random.int(valid.length));
      case 1:
        return random.pick(['', 'not xml', '<definitions/>', `<definitions xmlns="${DMN_NS}"><decision/></definitions>`, '\u0000\u0001', '<?xml version="1.0"?><a>']);
      case 2:
        return `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>${valid.replace(/^<\?xml[^>]*>/, '').replace('name="表', 'name="&d;表')}`;
      case 3:
        return `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${valid.replace(/^<\?xml[^>]*>/, '').replace('name="表', 'name="&x;表')}`;
      case 4:
        return definitions(id, table(id, random.pick(HOSTILE_FEEL), [{ entry: '-', output: '"x"' }]));
      case 5:
        return definitions(id, table(id, 'input', [{ entry: random.pick(HOSTILE_FEEL), output: '"x"' }, { entry: '-', output: random.pick(HOSTILE_FEEL) }]));
      case 6:
        return definitions(id, literal(id, random.pick(HOSTILE_FEEL)));
      case 7:
        return definitions(id, table(id, 'input', Array.from({ length: random.pick([2_000, 20_000]) }, (_, index) => ({ entry: `"v${index}"`, output: `"o${index}"` })), random.pick(['FIRST', 'COLLECT', 'RULE ORDER', 'UNIQUE'])));
      case 8:
        return chain(id, random.pick([50, 2_000, 10_000]), false);
      case 9:
        return chain(id, random.pick([2, 500, 5_000]), true);
      case 10: {
        const chars = [...valid];
        for (let flips = 0; flips < 5; flips++) chars[random.int(chars.length)] = String.fromCharCode(random.int(0x3000));
        return chars.join('');
      }
      default:
        return definitions(id, table(id, 'input', [{ entry: random.pick(['[1..1e9]', 'matches(?, "(a+)+$")', 'not(-)', '"a", "b", ' + '"c", '.repeat(3000) + '"d"', '> date("9999-99-99")']), output: '"x"' }]));
    }
  })();
  return { name: `${id}.dmn`, content, decisionId: id };
}

/** Expressions for `POST /v2/expression/evaluation`: the hostile FEEL, without or with the `=`, plus mangled text. */
export function hostileExpression(random: Random): unknown {
  switch (random.int(6)) {
    case 0:
      return `=${random.pick(HOSTILE_FEEL)}`;
    case 1:
      return random.pick(HOSTILE_FEEL);
    case 2:
      return `=${random.string()}`;
    case 3:
      return random.json();
    case 4:
      return `=${'1 + '.repeat(random.pick([10, 2_499, 3_000]))}1`;
    default:
      return `=${random.pick(['now()', 'today()', 'string join(["a","b"], "-")', 'get or else(null, 1)', '{a: 1}.a', '[1,2,3][-1]'])}`;
  }
}
