/**
 * Every finding's effect on one basis (src/core/advise/effect.ts): bytes saved on each affected
 * event and over the whole recorded session, so the bigger fix looks bigger. Numbers from the
 * oracle of the image fixture (a 1.07 MB image in state, no backend).
 */
import { advise } from '../../../src/core/advise/registry';
import { effectText } from '../../../src/core/report/findings-text';
import { fixtureAnalysis, oracle } from '../../support/fixture-analysis';

interface ImageOracleEvent {
  request: { wireBytes: number; stateUpload: string; account: { total: number; states: number } };
  mirror: { fieldBytes: Record<string, number>[] };
}
const events = () => (oracle('image') as unknown as { events: ImageOracleEvent[] }).events;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test('state upload and blob: per affected event and per session, from the oracle', () => {
  const findings = advise(fixtureAnalysis('image'));
  const upload = findings.find((f) => f.ruleId === 'state-upload')!;
  const blob = findings.find((f) => f.ruleId === 'blob-in-state')!;
  const uploads = events()
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.request.stateUpload === 'full');
  // A token (32 wire bytes) replaces the states' share of each request.
  const tokenSaves = uploads.map(
    ({ e }) => Math.round((e.request.wireBytes * e.request.account.states) / e.request.account.total) - 32,
  );
  expect(upload.effect).toMatchObject({
    direction: 'up',
    events: 2,
    sessionBytes: sum(tokenSaves),
    bytesPerEvent: Math.round(sum(tokenSaves) / 2),
  });
  // The blob goes up with each upload made while it was held (the state after the previous event), 4/3 on the wire.
  const blobSaves = uploads
    .map(({ i }) => Math.round((events()[i - 1]!.mirror.fieldBytes[0]!.image_data_url! * 4) / 3))
    .filter((b) => b >= 50_000); // a blob from the threshold on
  expect(blob.effect).toMatchObject({ direction: 'up', events: blobSaves.length, sessionBytes: sum(blobSaves) });
  // The backend removes the whole state, the blob part of it: the bigger fix looks bigger on both bases.
  expect(upload.effect.sessionBytes).toBeGreaterThan(blob.effect.sessionBytes);
  expect(upload.effect.sessionSecondsSlow4G).toBeCloseTo(upload.effect.sessionBytes / 84_375, 3);
});

test('the effect sentence names both bases', () => {
  const blob = advise(fixtureAnalysis('image')).find((f) => f.ruleId === 'blob-in-state')!;
  expect(effectText(blob.effect)).toMatch(
    /^1\.4 MB less uploaded over the recorded session \(16\.\d s at Slow 4G, 28\.\d s at 3G\): all on 1 event$/,
  );
  const upload = advise(fixtureAnalysis('image')).find((f) => f.ruleId === 'state-upload')!;
  // Two uploads, 69 B and 1.4 MB of state: the mean is said with the most, which describes the big one.
  expect(effectText(upload.effect)).toMatch(
    /^1\.4 MB less uploaded over the recorded session \(.*\): 2 affected events, 713 kB each on average \(.*\), up to 1\.4 MB on one$/,
  );
  expect(effectText(advise(fixtureAnalysis('chat-websocket'))[0]!.effect)).toBeUndefined();
});

test('findings of one level are ranked by what they save over the session', () => {
  for (const name of ['image', 'stream', 'chat', 'kitchen', 'table', 'chat-token-miss']) {
    const findings = advise(fixtureAnalysis(name));
    for (let i = 1; i < findings.length; i++) {
      if (findings[i]!.level !== findings[i - 1]!.level) continue;
      expect(findings[i - 1]!.effect.sessionBytes).toBeGreaterThanOrEqual(findings[i]!.effect.sessionBytes);
    }
  }
});
