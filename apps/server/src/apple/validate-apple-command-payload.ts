import { AppleProtocolError, CommandPayloadError, encodeCommand, jsonToPlist } from '@ward/apple';
import type { AppleCommandPayloadProblem, AppleCommandPayloadValidator } from '@ward/core';

/**
 * Core's {@link AppleCommandPayloadValidator} from `@ward/apple`: the payload goes through
 * exactly what the command endpoint does with it when it is sent (`jsonToPlist`, then
 * `encodeCommand`, which checks it strictly against Apple's generated schema), so a command an
 * admin could queue is one the device can be sent. The CommandUUID is a placeholder: only the
 * check matters here, the bytes are dropped.
 */
export const validateAppleCommandPayload: AppleCommandPayloadValidator = (requestType, payload): readonly AppleCommandPayloadProblem[] => {
  try {
    encodeCommand({ commandUuid: 'validation', requestType, payload: jsonToPlist(payload) });
    return [];
  } catch (error) {
    if (error instanceof CommandPayloadError) return [{ path: error.path, message: error.message }];
    if (error instanceof AppleProtocolError) return error.problems.length > 0 ? error.problems.map((p) => ({ path: p.path, message: p.message })) : [{ path: '', message: error.message }];
    throw error;
  }
};
