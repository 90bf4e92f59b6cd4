import * as path from 'path';
import { FolderClaims } from '../../../lib/synth/folder-claims';
import type { ISynthesizableCluster } from '../../../lib/synth/synthesizable-cluster';
import { seededRandom } from '../../support/seeded-random';

const cluster = (name: string) => ({ name }) as ISynthesizableCluster;

/** What renderClusters did before: compare the folder with every folder claimed before it, in order. */
function firstOverlapPairwise(claimed: ReadonlyArray<[string, ISynthesizableCluster]>, folder: string): ISynthesizableCluster | undefined {
  return claimed.find(([other]) => folder === other || folder.startsWith(other + path.sep) || other.startsWith(folder + path.sep))?.[1];
}

test('refuses a folder claimed before, one inside it and one around it, naming the first claim it overlaps', () => {
  const claims = new FolderClaims();
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(cluster);
  expect(claims.claim('/out/x/a', a)).toBeUndefined();
  expect(claims.claim('/out/x/b', b)).toBeUndefined();
  expect(claims.claim('/out/x/a', c)).toBe(a);
  expect(claims.claim('/out/x/a/deeper/still', c)).toBe(a);
  expect(claims.claim('/out/x', c)).toBe(a);
  expect(claims.claim('/out', d)).toBe(a);
  expect(claims.claim('/out/x/ab', c)).toBeUndefined();   // a sibling whose name starts with another's
  expect(claims.claim('/out/x/a-b', d)).toBeUndefined();
});

test('finds what comparing every pair finds, for random sets of folders', () => {
  const next = seededRandom(11);
  const segments = ['a', 'b', 'a-b', 'ab', 'a.b'];
  for (let round = 0; round < 300; round++) {
    const claims = new FolderClaims();
    const claimed: Array<[string, ISynthesizableCluster]> = [];
    for (let i = 0; i < 8; i++) {
      const folder = path.resolve('/', ...Array.from({ length: next(4) }, () => segments[next(segments.length)]));
      const owner = cluster(`c${i}`);
      const expected = firstOverlapPairwise(claimed, folder);
      expect(claims.claim(folder, owner)).toBe(expected);
      if (expected === undefined) claimed.push([folder, owner]);
    }
  }
});
