import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

// docs/tour.md pastes the real output of callsim commands. Each fenced block whose first line is
// `$ callsim ...` is run again here, in process, from the repository root, and its stdout must
// equal the rest of the block exactly (only a trailing newline is normalised). So this test FAILS
// WHEN THE PASTED OUTPUT IS STALE: a changed figure, label or trace line in any command's output
// means the block in docs/tour.md has to be pasted again (run the command and replace the block).

const root = fileURLToPath(new URL('../../', import.meta.url));
const tour = readFileSync(new URL('../../docs/tour.md', import.meta.url), 'utf8');

interface Block {
  line: number;
  argv: string[];
  expected: string;
}

/** The fenced blocks of docs/tour.md that start with `$ callsim `, with their command and text. */
function commandBlocks(): Block[] {
  const blocks: Block[] = [];
  const lines = tour.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```/.test(lines[i] ?? '')) continue;
    const open = i;
    let close = i + 1;
    while (close < lines.length && lines[close] !== '```') close++;
    const body = lines.slice(open + 1, close);
    const m = /^\$ callsim (.+)$/.exec(body[0] ?? '');
    if (m?.[1] !== undefined) {
      blocks.push({ line: open + 2, argv: m[1].trim().split(/\s+/), expected: body.slice(1).join('\n') });
    }
    i = close;
  }
  return blocks;
}

const blocks = commandBlocks();
const withoutTrailingNewline = (s: string): string => s.replace(/\n$/, '');

describe('docs/tour.md', () => {
  let cwd = '';
  beforeAll(() => {
    cwd = process.cwd();
    process.chdir(root); // the commands name scenarios/... relative to the repository root
  });
  afterAll(() => process.chdir(cwd));

  it('has the tour\'s command blocks (the parser found them)', () => {
    const commands = blocks.map((b) => b.argv[0]);
    for (const c of ['validate', 'run', 'trace', 'explain', 'diagram', 'compare']) expect(commands).toContain(c);
    expect(blocks.length).toBeGreaterThanOrEqual(9);
  });

  for (const block of blocks) {
    it(`line ${block.line}: $ callsim ${block.argv.join(' ')} prints what the tour shows`, async () => {
      const { code, stdout } = await runCli(...block.argv);
      expect(withoutTrailingNewline(stdout), 'paste the command\'s current output into docs/tour.md').toBe(
        withoutTrailingNewline(block.expected),
      );
      expect(code).toBe(0);
    });
  }
});
