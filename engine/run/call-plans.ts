/**
 * The scenario's workload and settings in the call modules' own terms (engine/calls/services.ts):
 * translated once per replication, off the hot path. Nothing here decides anything about a call.
 */
import type { CallSettings, EmergencyPlan, InboundPlan, Intent, OutboundPlan } from '../calls/index.js';
import { clientPlaceSpecs, type Scenario } from '../scenario/index.js';
import type { User } from '../tenant/index.js';
import type { WeightedValue } from '../workload/index.js';
import { arrivalProcess, toDistribution, toTable } from './workload-plan.js';

export function callSettings(scenario: Scenario): CallSettings {
  const { settings } = scenario;
  return {
    channelCap: settings.channelCap,
    attendant: settings.attendant,
    callbackWithoutReservation: settings.callbackWithoutReservation,
    testCalls: settings.testCalls,
  };
}

export function outboundPlan(scenario: Scenario, population: readonly User[]): OutboundPlan | undefined {
  const w = scenario.workload.outbound;
  if (w === undefined) return undefined;
  return {
    arrivals: arrivalProcess(w, population.length, scenario),
    duration: toDistribution(w.duration),
    destinations: toTable(w.destinations),
    answerProbability: w.answerProbability,
  };
}

/** The inbound caller's intents, by the behaviour weights in the file's key order. */
export function intentTable(behaviour: NonNullable<Scenario['workload']['inbound']>['behaviour']): WeightedValue<Intent>[] {
  const table: WeightedValue<Intent>[] = toTable(behaviour.keys).map((row) => ({
    value: { kind: 'key', key: row.value },
    weight: row.weight,
  }));
  const add = (weight: number, value: Intent): void => {
    if (weight > 0) table.push({ value, weight });
  };
  add(behaviour.dialByName, { kind: 'dialByName' });
  add(behaviour.dialByExtension, { kind: 'dialByExtension' });
  add(behaviour.noInput, { kind: 'noInput' });
  add(behaviour.invalidInput, { kind: 'invalidInput' });
  return table;
}

export function inboundPlan(scenario: Scenario, population: readonly User[]): InboundPlan | undefined {
  const w = scenario.workload.inbound;
  if (w === undefined) return undefined;
  const named = w.behaviour.targetUsers?.map((u) => u.toLowerCase());
  return {
    arrivals: arrivalProcess(w, population.length, scenario),
    duration: toDistribution(w.duration),
    intents: intentTable(w.behaviour),
    targets: named === undefined ? population : population.filter((u) => named.includes(u.userPrincipalName.toLowerCase())),
    userAnswerProbability: w.userAnswerProbability,
    ...(w.queue === undefined
      ? {}
      : {
          queue: {
            patience: w.queue.patience === undefined ? null : toDistribution(w.queue.patience),
            agentAnswerProbability: w.queue.agentAnswerProbability,
            answerDelay: toDistribution(w.queue.answerDelay),
            talk: toDistribution(w.duration),
          },
        }),
  };
}

export function emergencyPlan(scenario: Scenario, population: readonly User[]): EmergencyPlan | undefined {
  const w = scenario.workload.emergency;
  if (w === undefined) return undefined;
  return {
    arrivals: arrivalProcess(w, population.length, scenario),
    dialStrings: toTable(w.dialStrings),
    duration: toDistribution(w.duration),
    callback: {
      probability: w.callback.probability,
      delay: toDistribution(w.callback.delay),
      answerProbability: w.callback.answerProbability,
    },
    ...(w.incidents === undefined
      ? {}
      : {
          incidents: w.incidents.map((i) => ({
            location: i.location,
            calls: i.calls,
            withinMs: i.within,
            ...(i.at === undefined ? {} : { at: i.at }),
            ...(i.rate === undefined ? {} : { ratePerHour: i.rate.perDay / 24 }),
          })),
        }),
    ...(w.redial === undefined ? {} : { redial: { probability: w.redial.probability, delay: toDistribution(w.redial.delay) } }),
    ...(scenario.workload.clients === undefined ? {} : { clients: clientPlaceSpecs(scenario.workload) }),
  };
}
