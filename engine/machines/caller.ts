/**
 * Whether a user calls the PSTN through Shared Calling at all: the same facts and the same
 * predicates decide an outbound call (OUT002, OUT003) and an emergency call (EMG009, EMG008), so
 * both machines' guards call these functions rather than each keeping a copy of the rule.
 */

/** The facts about the user who dials that decide whether the call is a Shared Calling call. */
export interface PstnCallerFacts {
  /** ObjectId of the user. */
  userId: string;
  /** Holds a Teams Phone licence (USR001). */
  teamsPhoneLicensed: boolean;
  /** EnterpriseVoiceEnabled (USR002). */
  enterpriseVoiceEnabled: boolean;
  /** Has a phone number of their own: they call with it, not the shared number (USR003). */
  hasOwnNumber: boolean;
  /** PSTN usages of the user's effective online voice routing policy; any means USR004. */
  voiceRoutingPstnUsageCount: number;
}

/** No Teams Phone licence or not Enterprise Voice enabled (USR001, USR002): no PSTN calls at all. */
export function callerNotVoiceEnabled(caller: PstnCallerFacts): boolean {
  return !caller.teamsPhoneLicensed || !caller.enterpriseVoiceEnabled;
}

/** Calls with an own number (USR003) or by a voice routing policy with usages (USR004): not Shared Calling. */
export function callerRoutesOwnCalls(caller: PstnCallerFacts): boolean {
  return caller.hasOwnNumber || caller.voiceRoutingPstnUsageCount > 0;
}
