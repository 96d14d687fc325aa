/**
 * docs/ARCHITECTURE.md shows the server's module graph and table ownership as the code has them, and the code keeps
 * the rules the document states (see tools/module-graph.cjs for how each is read).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const graph = require('./module-graph.cjs');

type Graph = {
  names: string[];
  deps: Record<string, Set<string>>;
  writers: Record<string, Set<string>>;
  foreignReads: [string, string, string][];
};

describe('module graph', () => {
  const g: Graph = graph.readGraph();

  it('reads the dependencies and writers the code has', () => {
    // Fixed points a broken reader would miss: escalation sits below incidents, sources owns feed_item.
    expect([...g.deps.incidents]).toContain('escalation');
    expect([...g.deps.escalation]).not.toContain('incidents');
    expect([...g.writers.feed_item]).toEqual(['sources']);
    expect([...g.writers.incident]).toEqual(['incidents']);
  });

  it('has no cycle between modules', () => {
    expect(graph.cycles(g)).toEqual([]);
  });

  it("lists in each Nest module's imports exactly the modules its files import", () => {
    expect(graph.nestMismatches(g)).toEqual([]);
  });

  it('has one writing module per table', () => {
    expect(graph.sharedWrites(g)).toEqual([]);
  });

  it('is drawn in docs/ARCHITECTURE.md as generated (node tools/module-graph.cjs --write)', () => {
    expect(graph.documented()).toBe(graph.render(g));
  });

  it("explains in docs/ARCHITECTURE.md every read of another module's table", () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'ARCHITECTURE.md'), 'utf8');
    const explained = doc.split('\n').filter((l) => /^\| `[a-z]+` \| `[a-z_]+` \([a-z]+\) \| .{20,}/.test(l));
    const missing = g.foreignReads.filter(
      ([mod, table, owner]) => !explained.some((l) => l.startsWith(`| \`${mod}\` | \`${table}\` (${owner}) |`)),
    );
    expect(missing).toEqual([]);
  });
});
