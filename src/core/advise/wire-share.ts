import type { MesopEvent } from '../session/event';

/**
 * Wire bytes of the request that carry its state (the body is base64 of the protobuf, so the
 * states' share of the protobuf is their share of the wire).
 */
export function requestStateWireBytes(e: MesopEvent): number {
  const { total, states } = e.request.account;
  return total > 0 ? Math.round((e.request.bytes * states) / total) : 0;
}

/**
 * A token request replaces the states with `state_token` (field 12): 22 characters plus tag and
 * length = 24 protobuf bytes = 32 base64 characters (docs/protocol.md §5).
 */
export const TOKEN_WIRE_BYTES = 32;
