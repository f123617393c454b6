import { FormatRegistry, Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { AgentCommand, AgentError, CheckInResponse, EnrollResponse, PushError, PushMessage, PushRequestId } from '@ward/agent-protocol';

// RFC 3339 date-time, as the real agent registers it: TypeBox refuses every string with a format it
// does not know, and the protocol's `format: 'date-time'` fields need this one.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (value) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));

// The check-in answer with its commands and configuration items checked one by one, as the real
// agent does, so one malformed entry is dropped (or reported failed) rather than failing the whole
// check-in.
const CheckInEnvelope = Type.Object({
  ...CheckInResponse.properties,
  commands: Type.Array(Type.Unknown(), { maxItems: 1000 }),
  configuration: Type.Optional(Type.Object({ install: Type.Array(Type.Unknown(), { maxItems: 10_000 }), remove: Type.Array(Type.Unknown(), { maxItems: 10_000 }) })),
});
/** A check-in answer whose commands are still to be checked one by one. */
export type CheckInEnvelope = Static<typeof CheckInEnvelope>;
// The same answer to a check-in made over the push socket.
const PushCheckInEnvelope = Type.Object({ type: Type.Literal('checkInResult'), id: PushRequestId, response: CheckInEnvelope });

// Compiled once per process: every virtual agent checks every answer, and the interpreted
// `Value.Check` would cost the load generator CPU that the server under test should get.
const enrollResponse = TypeCompiler.Compile(EnrollResponse);
const checkInEnvelope = TypeCompiler.Compile(CheckInEnvelope);
const agentCommand = TypeCompiler.Compile(AgentCommand);
const pushMessage = TypeCompiler.Compile(PushMessage);
const pushCheckInEnvelope = TypeCompiler.Compile(PushCheckInEnvelope);
const pushError = TypeCompiler.Compile(PushError);
const agentError = TypeCompiler.Compile(AgentError);

/** Wire input checked against the protocol schemas the real agent checks it against. */
export const protocolChecks = {
  enrollResponse: (value: unknown): value is EnrollResponse => enrollResponse.Check(value),
  checkInEnvelope: (value: unknown): value is CheckInEnvelope => checkInEnvelope.Check(value),
  agentCommand: (value: unknown): value is AgentCommand => agentCommand.Check(value),
  pushMessage: (value: unknown): value is PushMessage => pushMessage.Check(value),
  pushCheckInEnvelope: (value: unknown): value is Static<typeof PushCheckInEnvelope> => pushCheckInEnvelope.Check(value),
  pushError: (value: unknown): value is PushError => pushError.Check(value),
  agentError: (value: unknown): value is AgentError => agentError.Check(value),
};
