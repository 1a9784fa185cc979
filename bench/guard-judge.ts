// The regression guard's verdict: ratios to the bare-Fastify ceiling measured in one short run, judged against
// floors far below what the mock reaches (a third to a half of it, on a busy machine), so that a loaded 2-core CI machine does not fail it
// and a large regression does. Never an absolute time: the ceiling, measured in the same run, carries the machine.

/** Floors of req/s as a share of the ceiling's, for the mock as `npm start` runs it. */
export const guardFloors = {
  getCustomer: 0.2,
  upsertUpdate: 0.08,
} as const;

export type GuardScenario = keyof typeof guardFloors;

export interface GuardFigures {
  /** req/s of the ceiling and of each scenario, measured interleaved in one run. */
  ceiling: number;
  scenarios: Record<GuardScenario, number>;
}

export interface GuardVerdict {
  ratios: Record<GuardScenario, number>;
  /** One line per scenario below its floor; empty when the guard passes. */
  failures: string[];
}

export function judgeGuard(figures: GuardFigures): GuardVerdict {
  const ratios = {} as Record<GuardScenario, number>;
  const failures: string[] = [];
  for (const scenario of Object.keys(guardFloors) as GuardScenario[]) {
    const ratio = figures.ceiling > 0 ? figures.scenarios[scenario] / figures.ceiling : 0;
    ratios[scenario] = ratio;
    if (!(ratio >= guardFloors[scenario])) {
      failures.push(`${scenario}: ${ratio.toFixed(2)}× the ceiling's req/s (${figures.scenarios[scenario].toFixed(0)} vs ${figures.ceiling.toFixed(0)}), below the floor of ${guardFloors[scenario]}×`);
    }
  }
  return { ratios, failures };
}
