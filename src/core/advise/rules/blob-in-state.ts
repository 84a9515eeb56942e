import type { FieldSummary } from '../../analyze';
import { effectOf } from '../effect';
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
    description: 'A base64 string, data URL, bytes or UploadedFile field past the blob threshold, named with what it holds.',
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
    return [...sightings.values()].map(({ field, events }) => blobFinding(field, events, uploadsState));
  },
};

function blobFinding(field: FieldSummary, events: number[], uploadsState: boolean): Finding {
  const where = `state class #${field.stateClass + 1}, \`${field.path}\``;
  const cost = uploadsState
    ? 'Without a session backend it is uploaded again with every event.'
    : 'It is downloaded into the browser and held there (and server-side) for the whole session.';
  return {
    id: `blob-in-state:${field.stateClass}:${field.path}`,
    ruleId: 'blob-in-state',
    level: uploadsState ? 'warn' : 'info',
    title: `${where} holds ${field.blob}: ${(field.share * 100).toFixed(1)}% of its state`,
    evidence: {
      numbers: { fieldBytes: field.bytes, sharePercent: Math.round(field.share * 1000) / 10, eventsHeld: events.length },
      events,
      paths: [{ stateClass: field.stateClass, path: field.path }],
    },
    advice: `${cost} Keep the data outside state: put it in object storage (e.g. Cloud Storage with signed URLs) or a file the app serves `
      + `(MESOP_STATIC_FOLDER, served under /static), and keep only its URL or id in \`${field.path}\`. `
      + 'Render images from that URL instead of a data: URL.',
    envLines: [],
    // Per upload while the blob is held: replacing it with a reference removes its bytes from the
    // request, 4/3 of them on the wire since the request body is base64 of the protobuf.
    effect: effectOf(uploadsState ? (field.bytes * 4) / 3 : 0, 'up'),
  };
}
