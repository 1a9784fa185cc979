// Compiled request validators, kept between starts: Ajv's compilation of the spec's schemas is most of a start's
// work, and gives the same code for the same schema and options every time. The code of each validator is stored
// (Ajv's standalone code) under a hash of everything its compilation depends on: Ajv's version, the instance's
// options and formats, and the schema itself, so a changed schema or option is compiled again and never served
// from an old entry. A schema Ajv refuses is never stored, so a bad schema still stops the start as before.
// One JSON file beside the validated specs; best effort, like them: a cache that cannot be read or written only
// means compiling again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';

const load = createRequire(import.meta.url);
/** Ajv's standalone code generator, loaded on the first compilation (a start that finds every validator needs none). */
const standaloneCode = (ajv: Ajv2020, validate: ValidateFunction): string =>
  (load('ajv/dist/standalone/index.js') as { default: (ajv: Ajv2020, validate: ValidateFunction) => string }).default(ajv, validate);
const ajvVersion = (load('ajv/package.json') as { version: string }).version;
/** Bump when the way validators are made changes in a way the key does not see. */
const cacheVersion = 1;
/** Entries kept in the file at most; those used by the last start are kept first. */
const maxEntries = 1000;

export class ValidatorCodeCache {
  private readonly file: string;
  private entries: Map<string, string> | undefined;
  private readonly used = new Set<string>();
  private changed = false;
  /** Validators made from stored code, and compiled, by this process. */
  readonly counts = { loaded: 0, compiled: 0 };

  constructor(private readonly dir: string) {
    this.file = join(dir, `validators-${cacheVersion}.json`);
  }

  /**
   * The validator of `schema`: from its stored code when there is one, else compiled by the Ajv instance `ajvFor`
   * gives (made only then), and its code stored.
   */
  compile(fingerprint: string, schema: object, ajvFor: () => Ajv2020): ValidateFunction {
    const key = createHash('sha256').update(`${ajvVersion}\n${fingerprint}\n${JSON.stringify(schema)}`).digest('base64url');
    this.used.add(key);
    const code = this.read().get(key);
    if (code !== undefined) {
      const loaded = instantiate(code);
      if (loaded) {
        this.counts.loaded++;
        return loaded;
      }
    }
    const ajv = ajvFor();
    const validate = ajv.compile(schema);
    this.counts.compiled++;
    try {
      this.read().set(key, standaloneCode(ajv, validate));
      this.changed = true;
    } catch {
      // Not every validator has standalone code: it is compiled again at the next start.
    }
    return validate;
  }

  /** Writes the file when this process compiled anything new. */
  async save(): Promise<void> {
    if (!this.changed || this.entries === undefined) return;
    this.changed = false;
    const recent = [...this.entries].sort(([a], [b]) => Number(this.used.has(b)) - Number(this.used.has(a))).slice(0, maxEntries);
    try {
      await mkdir(this.dir, { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(Object.fromEntries(recent)));
      await rename(temporary, this.file);
    } catch {
      // ignored on purpose: the next start compiles again
    }
  }

  private read(): Map<string, string> {
    if (this.entries === undefined) {
      try {
        this.entries = new Map(Object.entries(JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>));
      } catch {
        this.entries = new Map();
      }
    }
    return this.entries;
  }
}

/** A validator from its standalone code (CommonJS, requiring Ajv's runtime and ajv-formats' formats). */
function instantiate(code: string): ValidateFunction | undefined {
  try {
    const module = { exports: {} as { default?: unknown } };
    // Code this cache wrote from Ajv's own output, run as the CommonJS module it is.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const run = new Function('require', 'module', 'exports', code) as (require: NodeJS.Require, module: object, exports: object) => void;
    run(load, module, module.exports);
    const validate = (module.exports.default ?? module.exports) as unknown;
    return typeof validate === 'function' ? (validate as ValidateFunction) : undefined;
  } catch {
    return undefined;
  }
}
