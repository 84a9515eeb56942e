/**
 * Handler ids without the machine's directories. The ids are the ones Mesop 1.3.7 sent in the
 * recorded fixtures (debug mode, app at /work/main/test/apps/*.py) and in prod mode.
 */
import { buildJsonReport } from '../../../src/core/report/json-report';
import { portableHandlerId } from '../../../src/core/report/handler-id';
import { fixtureAnalysis } from '../../support/fixture-analysis';

const SHA = '5391734c4fded633cd8ffc0abde605a66cfb4eea9187cd31ebf44d4a10c8e63b';

describe('portableHandlerId', () => {
  it('keeps the file name of a module Mesop named after the absolute path', () => {
    expect(portableHandlerId(`.work.main.test.apps.error.on_ok.${SHA}:mesop.events.events.ClickEvent`)).toBe(
      `error.on_ok.${SHA}:mesop.events.events.ClickEvent`,
    );
    // the same app checked out elsewhere gives the same id
    expect(portableHandlerId(`.home.me.projects.myapp.main.on_click.${SHA}`)).toBe(
      portableHandlerId(`.srv.ci.build.17.main.on_click.${SHA}`),
    );
    expect(portableHandlerId(`C:.Users.me.app.main.on_click.${SHA}`)).toBe(`main.on_click.${SHA}`);
  });

  it('leaves module names the app imported, prod hashes and anything else alone', () => {
    for (const id of [
      `components.chat.on_send.${SHA}:x.Y`,
      `mesop.labs.chat.on_click.${SHA}`,
      `${SHA}:mesop.events.events.ClickEvent`,
      'odd',
      '',
    ]) {
      expect(portableHandlerId(id)).toBe(id);
    }
  });

  it('is applied where handler ids enter the report: no fixture path is left in it', () => {
    for (const fixture of ['chat', 'error', 'image', 'kitchen', 'upload', 'chat-prod']) {
      const analysis = fixtureAnalysis(fixture);
      const report = buildJsonReport(analysis, { toolVersion: 't', source: { kind: 'har', name: fixture } });
      expect(JSON.stringify(report)).not.toContain('.work.main');
      report.events.forEach((e, i) => {
        const raw = analysis.session.events[i]!.handlerId;
        if (raw) expect(raw.endsWith(e.handlerId!)).toBe(true); // a suffix of Mesop's own id: same function, same hash
      });
    }
  });
});
