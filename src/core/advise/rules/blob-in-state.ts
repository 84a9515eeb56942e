import type { Analysis, FieldSummary } from '../../analyze';
import { stateClassLabel } from '../../session/numbering';
import { effectOver } from '../effect';
import type { Finding } from '../finding';
import type { Rule } from '../rule';

interface BlobSighting {
  field: FieldSummary;
  events: number[];
}

/**
 * A base64 / data-URL / `bytes` / `UploadedFile` value in state travels with the state: down
 * once, and up again on every event when no backend is set. Nothing in the UI needs its bytes
 * there, so it belongs in storage with only a reference in state (Mesop's performance guide says
 * the same: "avoid big strings such as base64 images").
 */
export const blobInStateRule: Rule = {
  meta: {
    id: 'blob-in-state',
    title: 'Binary data kept in state',
    description:
      'A base64 string, data URL, bytes or UploadedFile field past the blob threshold, named with what it holds.',
  },
  run(analysis, config) {
    const sightings = new Map<string, BlobSighting>();
    analysis.blobs.forEach((fields, eventIndex) => {
      for (const field of fields ?? []) {
        if (!field.blob || field.bytes < config.thresholds.blobWarn) continue;
        const key = `${field.stateClass}:${field.path}`;
        const seen = sightings.get(key);
        if (!seen) sightings.set(key, { field, events: [eventIndex] });
        else {
          seen.events.push(eventIndex);
          if (field.bytes > seen.field.bytes) seen.field = field;
        }
      }
    });
    const uploadsState = analysis.session.backend === 'none';
    return [...sightings.values()].map(({ field, events }) =>
      blobFinding(field, events, uploadsState ? uploadsCarrying(analysis, field) : []),
    );
  },
};

/**
 * What each full upload carried of this blob: an upload sends the state held after the previous
 * event (same page load: an `init` uploads nothing), 4/3 of its bytes on the wire since the
 * request body is base64 of the protobuf.
 */
function uploadsCarrying(analysis: Analysis, field: FieldSummary): number[] {
  return analysis.session.events
    .filter((e) => e.index > 0 && e.request.stateUpload === 'full')
    .map(
      (e) =>
        analysis.blobs[e.index - 1]?.find((b) => b.stateClass === field.stateClass && b.path === field.path)?.bytes ??
        0,
    )
    .map((bytes) => (bytes * 4) / 3);
}

function blobFinding(field: FieldSummary, events: number[], uploaded: number[]): Finding {
  const where = `${stateClassLabel(field.stateClass)}, \`${field.path}\``;
  const cost = uploaded.length
    ? 'Without a session backend it is uploaded again with every event.'
    : 'It is downloaded into the browser and held there (and server-side) for the whole session.';
  return {
    id: `blob-in-state:${field.stateClass}:${field.path}`,
    ruleId: 'blob-in-state',
    level: uploaded.length ? 'warn' : 'info',
    title: `${where} holds ${field.blob}: ${(field.share * 100).toFixed(1)}% of its state`,
    evidence: {
      numbers: {
        fieldBytes: field.bytes,
        sharePercent: Math.round(field.share * 1000) / 10,
        eventsHeld: events.length,
      },
      events,
      paths: [{ stateClass: field.stateClass, path: field.path }],
    },
    advice:
      `${cost} Keep the data outside state: put it in object storage (e.g. Cloud Storage with signed URLs) or a file the app serves ` +
      `(MESOP_STATIC_FOLDER, served under /static), and keep only its URL or id in \`${field.path}\`. ` +
      'Render images from that URL instead of a data: URL.',
    envLines: [],
    // Replacing it with a reference removes its bytes from every upload that carried it.
    effect: effectOver(uploaded, 'up'),
  };
}
