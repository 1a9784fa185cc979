// Form fields generated from a request schema of a document: one labelled control per property (a select for an
// enum, a number field for a number, a fieldset for an object, a comma-separated field for a list of strings, JSON
// for anything else), each with its description and the violations found at its JSON pointer.
import { useEffect, useState } from 'preact/hooks';
import type { Violation } from '../api/http.js';
import type { ApiDocument, Schema } from '../spec/documents.js';
import { text } from './text.js';

type Json = Record<string, unknown>;

const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
const fieldId = (prefix: string, pointer: string) => `${prefix}${pointer.replace(/[^A-Za-z0-9]/g, '-')}`;

function typeOf(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.enum) return 'string';
  return undefined;
}

/** The value with `path` set to `next`, or removed when `next` is undefined; the original is not changed. */
export function setAt(value: Json, path: string[], next: unknown): Json {
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Json = { ...value };
  const inner = rest.length === 0 ? next : setAt(typeof copy[head] === 'object' && copy[head] !== null ? (copy[head] as Json) : {}, rest, next);
  if (inner === undefined || (rest.length > 0 && Object.keys(inner as Json).length === 0)) delete copy[head];
  else copy[head] = inner;
  return copy;
}

interface FieldProps {
  document: ApiDocument;
  schema: Schema;
  name: string;
  path: string[];
  value: unknown;
  required: boolean;
  violations: Violation[];
  idPrefix: string;
  onChange: (path: string[], next: unknown) => void;
}

/**
 * A number typed as text: what is typed stays as typed (`12.` on the way to `12.5`), and the value is the number it
 * reads as, or the text itself when it reads as none, so that the check names it.
 */
function NumberInput({ common, value, onChange }: { common: Record<string, unknown>; value: unknown; onChange: (next: unknown) => void }) {
  const [typed, setTyped] = useState(text(value));
  const reads = (raw: string): unknown => (raw.trim() === '' ? undefined : Number.isNaN(Number(raw)) ? raw : Number(raw));
  useEffect(() => {
    if (reads(typed) !== value) setTyped(text(value));
    // Only a change from outside (a reset of the form) replaces what was typed.
  }, [value]);
  return (
    <input
      {...common}
      type="text"
      inputMode="decimal"
      value={typed}
      onInput={(e) => {
        setTyped(e.currentTarget.value);
        onChange(reads(e.currentTarget.value));
      }}
    />
  );
}

function messagesAt(violations: Violation[], pointer: string): string[] {
  return violations.filter((v) => v.pointer === pointer).map((v) => v.message);
}

function Field(props: FieldProps) {
  const { document, name, path, value, required, violations, idPrefix, onChange } = props;
  const schema = document.resolve(props.schema);
  const pointer = `/${path.map(escape).join('/')}`;
  const id = fieldId(idPrefix, pointer);
  const messages = messagesAt(violations, pointer);
  const described = [schema.description ? `${id}-hint` : '', messages.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const type = typeOf(schema);
  const label = (
    <label for={id}>
      {schema.title ?? name}
      {required ? <span class="required" aria-hidden="true"> *</span> : null}
    </label>
  );
  const hint = schema.description ? <small id={`${id}-hint`} class="hint">{schema.description}</small> : null;
  const errors = messages.length > 0 ? <small id={`${id}-error`} class="field-error">{messages.join('; ')}</small> : null;
  const common = { id, name: pointer, 'aria-describedby': described, 'aria-invalid': messages.length > 0 ? true : undefined, 'aria-required': required ? true : undefined };

  if (type === 'object' && schema.properties) {
    return (
      <fieldset class={messages.length > 0 ? 'invalid' : undefined}>
        <legend>
          {schema.title ?? name}
          {required ? <span class="required" aria-hidden="true"> *</span> : null}
        </legend>
        {hint}
        {errors}
        <Fields {...props} schema={schema} value={(value ?? {}) as Json} />
      </fieldset>
    );
  }
  let control;
  if (schema.enum) {
    control = (
      <select {...common} value={text(value)} onChange={(e) => onChange(path, e.currentTarget.value === '' ? undefined : schema.enum?.find((option) => String(option) === e.currentTarget.value))}>
        <option value="">{required ? 'Choose…' : '(none)'}</option>
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else if (type === 'boolean') {
    control = (
      <select {...common} value={text(value)} onChange={(e) => onChange(path, e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'true')}>
        <option value="">(none)</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  } else if (type === 'integer' || type === 'number') {
    control = <NumberInput common={common} value={value} onChange={(next) => onChange(path, next)} />;
  } else if (type === 'string') {
    const placeholder = schema.format === 'date' ? 'YYYY-MM-DD' : schema.format === 'date-time' ? 'YYYY-MM-DDThh:mm:ssZ' : undefined;
    control = <input {...common} type="text" placeholder={placeholder} value={text(value)} onInput={(e) => onChange(path, e.currentTarget.value === '' ? undefined : e.currentTarget.value)} />;
  } else if (type === 'array' && ['string', undefined].includes(typeOf(document.resolve(schema.items))) && !document.resolve(schema.items).properties) {
    control = (
      <input
        {...common}
        type="text"
        value={Array.isArray(value) ? value.join(', ') : ''}
        onInput={(e) => {
          const items = e.currentTarget.value.split(',').map((item) => item.trim()).filter((item) => item !== '');
          onChange(path, items.length === 0 ? undefined : items);
        }}
      />
    );
  } else {
    control = (
      <textarea
        {...common}
        rows={3}
        value={value === undefined ? '' : JSON.stringify(value)}
        onChange={(e) => {
          const text = e.currentTarget.value.trim();
          try {
            onChange(path, text === '' ? undefined : (JSON.parse(text) as unknown));
          } catch {
            onChange(path, text);
          }
        }}
      />
    );
  }
  return (
    <div class={`field${messages.length > 0 ? ' invalid' : ''}`}>
      {label}
      {control}
      {type === 'array' ? <small class="hint">Separate the items with commas.</small> : null}
      {hint}
      {errors}
    </div>
  );
}

export function Fields(props: Omit<FieldProps, 'name' | 'required'> & { value: Json }) {
  const schema = props.document.resolve(props.schema);
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {})
        .filter(([, property]) => !props.document.resolve(property).readOnly)
        .map(([name, property]) => (
          <Field key={name} {...props} schema={property} name={name} path={[...props.path, name]} value={props.value[name]} required={required.has(name)} />
        ))}
    </>
  );
}
