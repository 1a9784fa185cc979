// Sends a message on to a real receiver (a configured URL): a POST of the message with its id as Idempotency-Key,
// within a timeout. The answer is untrusted input: only its status decides, and at most 2000 characters of its
// body are kept, for the failure's description.
export interface ForwardTarget {
  url: string;
  timeoutMs: number;
}

export interface ForwardResult {
  status: number;
}

const maxAnswerChars = 2000;

async function answerText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < maxAnswerChars) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text.slice(0, maxAnswerChars).replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** POSTs the message; resolves on a 2xx answer, throws describing any other answer or a failure to reach it. */
export async function forwardMessage(target: ForwardTarget, receiver: string, messageId: string, body: unknown, signal: AbortSignal): Promise<ForwardResult> {
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': messageId },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(target.timeoutMs)]),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${target.timeoutMs} ms` : (error as Error).message;
    throw new Error(`${receiver} at ${target.url} could not be reached: ${reason}`);
  }
  if (response.status >= 200 && response.status <= 299) {
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  }
  const text = await answerText(response).catch(() => '');
  throw new Error(`${receiver} at ${target.url} answered ${response.status}${text ? `: ${text}` : ''}`);
}
