import { failsGate, reviewOutputs } from '../../../../lib/commands/review/review-outputs';
import { Impact, ReviewFinding } from '../../../../lib/commands/review/review-finding';
import { SynthOutput } from '../../../../lib/commands/review/synth-output';
import { ReviewNetworkOptions, synthReviewNetwork } from './review-network';

const BASE = synthReviewNetwork('before');

function review(options: ReviewNetworkOptions, before: SynthOutput = BASE): ReviewFinding[] {
  return [...reviewOutputs(before, synthReviewNetwork('after', options)).findings];
}

/** `[impact] cluster/namespace: summary` per finding, to compare whole reports at a glance. */
function lines(findings: ReviewFinding[]): string[] {
  return findings.map((f) => `[${f.impact}] ${f.cluster}/${f.namespace}: ${f.summary}`);
}

/** An output with one file's text replaced. */
function edited(output: SynthOutput, file: string, edit: (text: string) => string): SynthOutput {
  const text = output.files.get(file);
  if (text === undefined) {
    throw new Error(`no ${file} in ${[...output.files.keys()].join(', ')}`);
  }
  return { label: 'edited', files: new Map([...output.files, [file, edit(text)]]) };
}

describe('cdk8s-skupper review', () => {
  test('the same output has nothing to say', () => {
    const report = reviewOutputs(BASE, synthReviewNetwork('again'));
    expect(report.findings).toEqual([]);
    expect(failsGate(report, 'any')).toBe(false);
  });

  test('a rotated link: both codes rotated, nothing re-sealed, the re-link command on the connecting site', () => {
    const findings = review({ rotateEast: 1 });
    expect(lines(findings)).toEqual([
      '[info] east/east: code of token link-to-west is rotated (rotation 0 -> 1)',
      '[info] west/west: code of grant link-east is rotated (rotation 0 -> 1)',
    ]);
    expect(findings[0].commands).toEqual(['kubectl --context east -n east delete link,secret link-to-west']);
  });

  test('a new sealing certificate: values only re-sealed, no code rotated', () => {
    const findings = review({ eastCluster: { name: 'east', certificate: 'north' } });
    expect(lines(findings)).toEqual([expect.stringMatching(/^\[info\] east\/: 1 SealedSecret\(s\) re-sealed for a new sealing certificate \([0-9a-f]{16} -> [0-9a-f]{16}\); no value changed$/)]);
  });

  test('a re-keyed grant server, and the tokens that follow it', () => {
    const findings = review({ spokes: ['east', 'north'], grantServerRotation: 1 }, synthReviewNetwork('before', { spokes: ['east', 'north'] }));
    expect(lines(findings)).toEqual([expect.stringMatching(/^\[info\] west\/west: grant server cdk8s-skupper-grant-server is re-keyed \(rotation 0 -> 1\): CA [0-9a-f]{16} -> [0-9a-f]{16}$/)]);
    expect(findings[0].details[1]).toMatch(/^tokens that follow: east\/east\/\S+, north\/north\/\S+$/);
  });

  test('a spoke added: its site, its link, the grant and the grant server\'s wider Role', () => {
    const findings = review({ spokes: ['east', 'north'] });
    expect(lines(findings)).toEqual([
      '[info] _gitops/: Application argocd/skupper-north is added',
      '[info] north/: cluster north joins the output (with 2 more object(s): CustomResourceDefinition)',
      '[info] north/north: link to west is added (token link-to-west)',
      '[info] north/north: site north is added',
      '[attention] west/west: Role cdk8s-skupper-grant-server is widened',
      '[info] west/west: grant link-north is added',
    ].sort(byScope));
    expect(findings.find((f) => f.summary.includes('widened'))!.details).toEqual(['may now get, list, watch secrets "link-north-code"']);
    expect(failsGate(reviewOutputs(BASE, synthReviewNetwork('after', { spokes: ['east', 'north'] })), 'cut')).toBe(false);
  });

  test('a spoke removed: its site is pruned and its links cut, which fails the gate', () => {
    const before = synthReviewNetwork('before', { spokes: ['east', 'north'] });
    const report = reviewOutputs(before, BASE);
    expect(lines([...report.findings])).toEqual(expect.arrayContaining([
      '[cuts-link] north/north: site north is removed',
      '[info] west/west: Role cdk8s-skupper-grant-server is narrowed',
    ]));
    expect(report.findings.filter((f) => f.impact === Impact.UNEXPLAINED)).toEqual([]);
    expect(report.findings.find((f) => f.impact === Impact.CUTS_LINK)!.details).toContainEqual(expect.stringMatching(/^links cut: to west \(token \S+\)$/));
    expect(failsGate(report, 'cut')).toBe(true);
    expect(failsGate(report, 'never')).toBe(false);
  });

  test('a site moved to another cluster: removed from the old one (cut), added on the new one', () => {
    const findings = review({ eastCluster: { name: 'south', certificate: 'north' } });
    expect(lines(findings)).toEqual(expect.arrayContaining([
      '[cuts-link] east/east: site east moves to cluster south: it is removed here',
      '[info] south/east: site east moves here from cluster east',
      '[attention] east/: cluster east leaves the output (with 2 more object(s): CustomResourceDefinition)',
    ]));
    expect(findings.filter((f) => f.impact === Impact.UNEXPLAINED)).toEqual([]);
  });

  test('redemptions allowed changed on the grant', () => {
    const findings = review({ redemptionsAllowed: 3 });
    expect(lines(findings)).toEqual(['[info] west/west: grant link-east: redemptions allowed 2 -> 3']);
    expect(findings[0].details[0]).toContain('delete the LinkGrant to start over');
  });

  test('a new runtime image rolls out the grant server again', () => {
    const findings = review({ image: 'registry.example.com/cdk8s-skupper/runtime:0.2.0' });
    expect(lines(findings)).toEqual(['[info] west/west: the grant server is rolled out again']);
    expect(findings[0].details).toEqual([expect.stringMatching(/^image \S+ -> registry\.example\.com\/cdk8s-skupper\/runtime:0\.2\.0$/)]);
  });

  test('a token removed while its site stays: the Link and Secret it made stay running, with the command to delete them', () => {
    const before = synthReviewNetwork('before', { spokes: ['east', 'north'] });
    const after = { label: 'after', files: new Map([...before.files].filter(([file]) => !/^north\/north\/(LinkToken|SealedSecret)\./.test(file))) };
    const findings = reviewOutputs(before, after).findings;
    const removal = findings.find((f) => f.summary.startsWith('link to west is removed'))!;
    expect(removal.impact).toBe(Impact.ATTENTION);
    expect(removal.commands).toEqual([`kubectl --context north -n north delete link,secret ${removal.summary.match(/token (\S+)\)/)![1]}`]);
  });

  test('a service exposed across the network, then withdrawn: the Connector and Listeners, and who loses it', () => {
    const exposed = synthReviewNetwork('exposed', { exposeBackend: true });
    expect(lines(review({ exposeBackend: true }))).toEqual([
      '[info] east/east: listener backend (backend:8080, routing key backend) is added',
      '[info] west/west: connector backend (port 8080, routing key backend) is added',
    ]);
    const withdrawn = reviewOutputs(exposed, BASE).findings;
    expect(lines([...withdrawn])).toEqual([
      '[attention] east/east: listener backend (backend:8080, routing key backend) is removed',
      '[attention] west/west: connector backend (port 8080, routing key backend) is removed',
    ]);
    expect(withdrawn[0].details).toEqual(['clients on this site that use it lose or change the service']);
  });

  test('a CRD schema change is said per version', () => {
    const crd = [...BASE.files.keys()].find((file) => file.startsWith('west/0000-crds/CustomResourceDefinition.linkgrants'))!;
    const findings = reviewOutputs(BASE, edited(BASE, crd, (text) => text.replace('redemptionsAllowed:', 'redemptionsPermitted:'))).findings;
    expect(lines([...findings])).toEqual(['[attention] west/: CRD linkgrants.cdk8s-skupper.io changes']);
    expect(findings[0].details).toEqual(['the schema of version v1alpha1 changes']);
  });

  test('what no explainer knows is named as unexplained, and fails the unexplained gate', () => {
    const service = [...BASE.files.keys()].find((file) => file.startsWith('west/west/Service.'))!;
    const report = reviewOutputs(BASE, edited(BASE, service, (text) => text.replace('port: 9090', 'port: 9091')));
    expect(lines([...report.findings])).toEqual([expect.stringMatching(/^\[unexplained\] west\/west: Service west\/cdk8s-skupper-grant-server changes: spec\.ports$/)]);
    expect(failsGate(report, 'cut')).toBe(false);
    expect(failsGate(report, 'unexplained')).toBe(true);
  });

  test('output without fingerprints (an older version) cannot tell rotated from re-sealed, and says so', () => {
    const strip = (output: SynthOutput): SynthOutput => ({ label: output.label, files: new Map([...output.files].map(([file, text]) =>
      [file, text.replace(/^ {4}(fingerprints\.cdk8s-skupper\.io\/\S+|cdk8s-skupper\.io\/sealed-for): .*\n/gm, '')])) });
    const findings = reviewOutputs(strip(BASE), strip(synthReviewNetwork('after', { rotateEast: 1 }))).findings;
    expect(findings.map((f) => f.impact)).toEqual([Impact.UNEXPLAINED, Impact.UNEXPLAINED]);
    expect(findings[0].details[0]).toContain('a rotated value and a re-sealed one look alike');
  });
});

function byScope(a: string, b: string): number {
  const scope = (line: string): string => line.replace(/^\[[^\]]+\] /, '').split(':')[0];
  return scope(a).localeCompare(scope(b));
}
