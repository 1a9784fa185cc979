// Reads the paging query parameters; the spec's defaults apply when they are absent.
export function paging(query: Record<string, unknown>): { offset: number; limit: number } {
  return { offset: (query.offset as number | undefined) ?? 0, limit: (query.limit as number | undefined) ?? 50 };
}
