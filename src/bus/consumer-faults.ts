// Faults a consumer is told to have (the admin API's fault rules, for the webhooks archiveSaveCase and
// lanternNotification): a delay before it acts, an error status it answers with, or a connection it drops.
// The same shapes as the faults of HTTP requests, so that one set of rules serves both.
export type ConsumerFault = { ruleId: string; type: 'latency'; delayMs: number } | { ruleId: string; type: 'status'; status: number } | { ruleId: string; type: 'close' };

/** The fault a delivery to this consumer gets now, if a rule applies (and counts it). */
export type ConsumerFaultSource = (environment: string, webhook: string) => ConsumerFault | undefined;

export const noConsumerFaults: ConsumerFaultSource = () => undefined;

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Applies the fault, if any: waits out a delay, or throws the failure a status or a dropped connection is. */
export async function sufferFault(fault: ConsumerFault | undefined, receiver: string, signal: AbortSignal): Promise<void> {
  if (!fault) return;
  switch (fault.type) {
    case 'latency':
      return delay(fault.delayMs, signal);
    case 'status':
      throw new Error(`${receiver} answered ${fault.status} (fault rule ${fault.ruleId})`);
    case 'close':
      throw new Error(`${receiver} closed the connection without an answer (fault rule ${fault.ruleId})`);
  }
}
