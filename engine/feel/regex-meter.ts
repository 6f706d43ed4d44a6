/**
 * Counts the work re2js does, so FEEL's pattern functions charge the step budget (issue 13) by what they
 * really scan rather than by the size of their arguments. RE2 matches in time linear in the input, but
 * times the program's size (each character advances every live thread), and `replace()`, `split()` and
 * `extract()` search once per match, each search free to scan to the end of the input: `a(.*b)?` over 16,000
 * `a`s took 10 s. Every engine re2js has (DFA, NFA, one-pass, bounded backtracker) reads the input through
 * one method, `step(position)`, which is patched here to count: each character read costs the program's
 * instructions; a backtracker's search also clears a bit per instruction and input position first.
 */
import { RE2JS } from 're2js';
import { chargeBuiltinWork } from './call-budget';

/**
 * Instruction·characters per step: re2js's NFA advances one thread over one character in about 40 ns on
 * the loaded development machine, so a step (one item of a feelin loop, about 4 µs) is about 100 of them.
 */
export const INSTRUCTION_CHARACTERS_PER_STEP = 64;

/**
 * Threads (NFA states) of a new DFA state per step: building one (its closure, sorting, hashing) took about
 * 1.5 µs per thread on the loaded development machine, where RE2's lazy DFA builds up to one state per
 * character read (`\pL{1000}!` over 1,500 characters built 1,005 states of 500 threads each: 0.7 s).
 */
const DFA_THREADS_PER_STEP = 1;
/** Words of the backtracker's visited bits cleared per step (`fill` writes a few per nanosecond). */
const CLEARED_WORDS_PER_STEP = 4_000;
/** re2js's backtracker limits (`MAX_BACKTRACK_PROG`, `MAX_BACKTRACK_VECTOR` in its source). */
const BACKTRACK_MAX_PROGRAM = 500;
const BACKTRACK_MAX_BITS = 262_144;
/** Units counted before they are charged, so a runaway scan stops soon after the budget runs out. */
const UNITS_PER_CHARGE = INSTRUCTION_CHARACTERS_PER_STEP * 64;

/** Instructions of the program searching now: what one character read costs. */
let weight = 1;
/** Instruction·characters counted and not charged yet. */
let pending = 0;

function counted(): void {
  pending += weight;
  if (pending >= UNITS_PER_CHARGE) {
    const steps = Math.floor(pending / INSTRUCTION_CHARACTERS_PER_STEP);
    pending -= steps * INSTRUCTION_CHARACTERS_PER_STEP;
    chargeBuiltinWork(steps);
  }
}

/**
 * Forget the lazy DFA `regex` built in earlier calls, so that each call builds (and is charged for) the same
 * states whatever ran before it: the charge, and so where an evaluation stops, depends only on its input.
 */
export function freshAutomaton(regex: RE2JS): void {
  (regex.re2() as unknown as { lazyDFA: unknown }).lazyDFA = null;
}

/** Start counting a pattern function's scan from zero (a scan stopped by the budget leaves a remainder). */
export function startScan(): void {
  pending = 0;
}

/** Charge what the pattern function that just ran scanned and has not been charged yet (rounded up). */
export function chargeScanned(): void {
  const steps = Math.ceil(pending / INSTRUCTION_CHARACTERS_PER_STEP);
  pending = 0;
  chargeBuiltinWork(steps);
}

type Program = { numInst(): number; numLb: number };
type Engine = { prog: Program; executeEngine(input: MachineInput, pos: number, anchor: number, ncap: number, ...rest: unknown[]): unknown };
type MachineInput = { endPos(): number; step(pos: number): number };
type Dfa = { makeState(pcs: number[], ...rest: unknown[]): { nfaStates?: ArrayLike<number> } | null };

const PATCHED = Symbol.for('onego.re2js.meter');

function patchInput(input: MachineInput): void {
  const prototype = Object.getPrototypeOf(input) as MachineInput & Record<symbol, boolean>;
  if (prototype[PATCHED]) return;
  const step = prototype.step;
  prototype.step = function countedStep(this: MachineInput, pos: number) {
    counted();
    return step.call(this, pos);
  };
  prototype[PATCHED] = true;
}

const sample = RE2JS.compile('a').re2() as unknown as { dfa: Dfa };
const dfa = Object.getPrototypeOf(sample.dfa) as Dfa & Record<symbol, boolean>;
if (!dfa[PATCHED]) {
  const makeState = dfa.makeState;
  dfa.makeState = function countedState(this: Dfa, pcs: number[], ...rest: unknown[]) {
    const state = makeState.call(this, pcs, ...rest);
    const threads = Math.max(pcs.length, state?.nfaStates?.length ?? 0);
    pending += threads * (INSTRUCTION_CHARACTERS_PER_STEP / DFA_THREADS_PER_STEP);
    return state;
  };
  dfa[PATCHED] = true;
}

const engine = Object.getPrototypeOf(sample) as Engine & Record<symbol, boolean>;
if (!engine[PATCHED]) {
  const executeEngine = engine.executeEngine;
  engine.executeEngine = function countedSearch(this: Engine, input: MachineInput, pos: number, anchor: number, ncap: number, ...rest: unknown[]) {
    patchInput(input);
    const instructions = this.prog.numInst();
    weight = instructions;
    const end = input.endPos();
    // The backtracker (small programs over short inputs, when groups are asked for) first clears a bit per
    // instruction and position of the whole input, on every search: charged whether or not it runs.
    if (ncap > 0 && this.prog.numLb === 0 && instructions <= BACKTRACK_MAX_PROGRAM && end <= Math.floor(BACKTRACK_MAX_BITS / instructions)) {
      chargeBuiltinWork(Math.ceil((instructions * (end + 1)) / 32 / CLEARED_WORDS_PER_STEP));
    }
    return executeEngine.call(this, input, pos, anchor, ncap, ...rest);
  };
  engine[PATCHED] = true;
}
