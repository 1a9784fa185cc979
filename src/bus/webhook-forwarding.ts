// Sends a message on to a real receiver (a configured URL): a POST of the message with its id as Idempotency-Key,
// within a timeout. The answer is untrusted input: only its status decides, and at most 2000 characters of its
// body are kept, for the failure's description. A failure names the receiver's URL without its credentials (a
// `?token=…` or a user and password), since it is stored with the message and shown by the admin API.
import { SecretRedactor, redactedMarker } from '../admin/redaction.js';
import { redactUrl } from '../log-serializers.js';
export interface ForwardTarget {
  url: string;
  timeoutMs: number;
}

export interface ForwardResult {
  status: number;
}

const maxAnswerChars = 2000;
const noSecrets = new SecretRedactor([]);

/** The URL with the value of each credential-like query parameter, and any user and password, replaced. */
export function shownUrl(url: string): string {
  return redactUrl(url, noSecrets).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${redactedMarker}@`);
}

async function answerText(response: Response): Promise<string> {
  if (!response.body) return '';
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    if (text.length >= maxAnswerChars) break; // leaving the loop cancels the rest of the body
  }
  // Control characters (a receiver's answer could carry any) become spaces, so a log line stays one line.
  return [...text.slice(0, maxAnswerChars)].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c)).join('');
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
    // fetch's own message may quote the URL (one with a user and password, for instance).
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${target.timeoutMs} ms` : (error as Error).message.split(target.url).join(shownUrl(target.url));
    throw new Error(`${receiver} at ${shownUrl(target.url)} could not be reached: ${reason}`, { cause: error });
  }
  if (response.status >= 200 && response.status <= 299) {
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  }
  const text = await answerText(response).catch(() => '');
  throw new Error(`${receiver} at ${shownUrl(target.url)} answered ${response.status}${text ? `: ${text}` : ''}`);
}
