import { TokenAutomaton, type AutomatonHit } from './aho-corasick';

function hits(automaton: TokenAutomaton<string>, text: string): [number, number, string][] {
  const out: [number, number, string][] = [];
  automaton.scan(text.split(' '), (hit: AutomatonHit<string>) => {
    for (const p of hit.payloads) out.push([hit.first, hit.last, p]);
  });
  return out;
}

describe('TokenAutomaton', () => {
  const automaton = new TokenAutomaton<string>();
  automaton.add(['nguyen', 'du'], 'nguyen du');
  automaton.add(['thcs', 'nguyen', 'du'], 'thcs nguyen du');
  automaton.add(['du'], 'du');
  automaton.add(['go', 'vap'], 'go vap');
  automaton.add(['a', 'a', 'b'], 'aab');
  automaton.add([], 'empty');
  automaton.build();

  it('reports every pattern, including ones inside longer ones', () => {
    expect(hits(automaton, 'truong thcs nguyen du go vap')).toEqual([
      [1, 3, 'thcs nguyen du'],
      [2, 3, 'nguyen du'],
      [3, 3, 'du'],
      [4, 5, 'go vap'],
    ]);
  });

  it('matches whole tokens only', () => {
    expect(hits(automaton, 'nguyen dung')).toEqual([]);
    expect(hits(automaton, 'thcs nguyen du2')).toEqual([]);
  });

  it('follows failure links after a partial match', () => {
    expect(hits(automaton, 'a a a b')).toEqual([[1, 3, 'aab']]);
    expect(hits(automaton, 'thcs nguyen thcs nguyen du')).toEqual([
      [2, 4, 'thcs nguyen du'],
      [3, 4, 'nguyen du'],
      [4, 4, 'du'],
    ]);
  });

  it('restarts on unknown tokens', () => {
    expect(hits(automaton, 'nguyen x du')).toEqual([[2, 2, 'du']]);
  });

  it('refuses to change after build and to scan before', () => {
    expect(() => automaton.add(['x'], 'x')).toThrow();
    expect(() => new TokenAutomaton<string>().scan(['x'], () => undefined)).toThrow();
  });
});
