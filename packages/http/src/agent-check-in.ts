import type { AgentCommand, CheckInRequest, CheckInResponse, NoisePushOffer } from '@ward/agent-protocol';
import type { NoisePushTickets } from './noise-push/noise-push-tickets.js';
import { agentActionTypes, checkInDevice, ok, type CheckInServices, type CheckInStores, type Deps, type DeviceSession, type ErrorCode, type PendingCommand, type Result } from '@ward/core';

/** A queued command as the agent receives it. */
function agentCommand(command: PendingCommand): AgentCommand {
  const { type } = command;
  // Only the agent's actions are ever queued for an agent (core refuses the Apple-only ones).
  if (!isAgentActionType(type)) throw new Error(`an agent's queue holds a ${type} command, which the agent protocol cannot carry`);
  return { id: command.id, type, payload: { ...command.payload }, expiresAt: command.expiresAt.toISOString(), signature: command.signature };
}

function isAgentActionType(type: string): type is AgentCommand['type'] {
  return (agentActionTypes as readonly string[]).includes(type);
}

/**
 * One check-in in wire terms, whichever transport carried it (`POST /agent/v1/check-in` or a
 * `checkIn` message on the push socket): the decoded body goes to core's `checkInDevice`, and its
 * outcome comes back as the protocol's answer, so both transports answer alike.
 *
 * `offerNoisePush` answers `noisePush: 'wanted'`; only transports the device's certificate
 * authenticated pass it (HTTPS and the TLS push socket), so the Noise channel's key is never handed
 * out over the Noise channel.
 */
export async function agentCheckIn(
  deps: Deps<CheckInStores> & CheckInServices,
  session: DeviceSession,
  body: CheckInRequest,
  checkInIntervalSeconds: number,
  offerNoisePush?: (session: DeviceSession) => NoisePushOffer | undefined,
): Promise<Result<CheckInResponse, ErrorCode>> {
  const { agentVersion, facts, inventory, software, results, configuration, apps } = body;
  const outcome = await checkInDevice(deps, session, {
    agentVersion,
    results,
    ...(facts === undefined ? {} : { facts }),
    ...(inventory === undefined ? {} : { inventory }),
    ...(software === undefined ? {} : { software }),
    ...(configuration === undefined ? {} : { configuration }),
    ...(apps === undefined ? {} : { apps }),
  });
  if (!outcome.ok) return outcome;
  return ok({
    commands: outcome.value.commands.map(agentCommand),
    checkInIntervalSeconds,
    renewCertificate: outcome.value.renewCertificate,
    acknowledgedResults: [...outcome.value.acknowledgedResults],
    ...(outcome.value.configuration === undefined
      ? {}
      : { configuration: { install: outcome.value.configuration.install.map((item) => ({ ...item, payload: { ...item.payload } })), remove: [...outcome.value.configuration.remove] } }),
    ...(outcome.value.apps === undefined
      ? {}
      : { apps: { install: outcome.value.apps.install.map((item) => ({ ...item, source: { ...item.source } })), remove: outcome.value.apps.remove.map((item) => ({ ...item, source: { ...item.source } })) } }),
    ...noisePushOf(body.noisePush === 'wanted' ? offerNoisePush?.(session) : undefined),
  });
}

function noisePushOf(offer: NoisePushOffer | undefined): { noisePush?: NoisePushOffer } {
  return offer === undefined ? {} : { noisePush: offer };
}

/** The offer of the Noise push channel for a device session: a fresh ticket for its certificate; none while the channel does not listen yet. */
export function noisePushOffer(tickets: NoisePushTickets, url: () => string | undefined): (session: DeviceSession) => NoisePushOffer | undefined {
  return (session) => {
    const at = url();
    if (at === undefined) return undefined;
    return {
      url: at,
      ...tickets.issue({ serialNumber: session.identity.serialNumber, fingerprint: session.identity.fingerprint }),
      expiresAt: session.identity.notAfter.toISOString(),
    };
  };
}
