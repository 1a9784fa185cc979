// Printing requests without their API keys.

/** Replaces every occurrence of each secret in the text. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets.filter((s) => s.length > 0)) out = out.split(secret).join('[redacted]');
  return out;
}

export const clip = (text: string, max = 800): string => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);
