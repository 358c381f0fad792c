/**
 * How long the parts of a call take where the scenario gives no figure [choice, docs/choices.md].
 * They only shift when calls end and how long they hold a channel.
 */

/**
 * Recorded prompts: the scenario gives no audio, so a greeting is taken to last 5 s, a menu
 * prompt 8 s and an announcement 6 s.
 */
export const PROMPT_MS = { greeting: 5_000, menu: 8_000, announcement: 6_000 } as const;

/**
 * Callers and the people they call: a phone rings 8 s before it is answered and 30 s before the
 * caller gives up or the call goes to voicemail; an inbound caller presses a key 2 s after the menu
 * prompt ends; a message left in voicemail takes 30 s.
 */
export const CALLER_TIMING_MS = { ringAnswered: 8_000, ringUnanswered: 30_000, keyPress: 2_000, voicemailMessage: 30_000 } as const;
