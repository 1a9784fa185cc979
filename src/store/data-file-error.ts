// A data file that cannot be used. Startup stops with this message; the file is left as it was.
export class DataFileError extends Error {
  override name = 'DataFileError';

  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Cannot use the data file ${file}: ${reason}. The file was left unchanged; fix or move it, or start with another --data file.`);
  }
}
