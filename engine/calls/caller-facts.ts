/** The facts about the user who dials that the outbound and emergency machines both decide on. */
import type { PstnCallerFacts } from '../machines/index.js';
import type { UserFacts } from '../runtime/index.js';

export function pstnCallerFacts(facts: UserFacts): PstnCallerFacts {
  return {
    userId: facts.user.objectId,
    teamsPhoneLicensed: facts.hasTeamsPhoneLicence,
    enterpriseVoiceEnabled: facts.enterpriseVoiceEnabled,
    hasOwnNumber: facts.callsWithOwnNumber,
    voiceRoutingPstnUsageCount: facts.voiceRoutingUsageCount,
  };
}
