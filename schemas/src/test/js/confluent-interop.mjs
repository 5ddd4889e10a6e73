#!/usr/bin/env node
// Command-line bridge to Confluent's official JavaScript Schema Registry client
// (@confluentinc/schemaregistry), used by Clipstream's Java interop tests as an
// independent implementation of the Confluent wire format
// (magic byte 0, 4-byte big-endian schema id, Avro binary body).
//
// Usage:
//   node confluent-interop.mjs serialize   --url URL --topic TOPIC --schema SCHEMA.json --record RECORD.json [options]
//   node confluent-interop.mjs deserialize --url URL --topic TOPIC --base64 B64|-                        [options]
//
// Options (both commands):
//   --user-info USER:PASS   HTTP basic auth against the registry (basicAuthCredentials USER_INFO)
//   --timeout-ms N          per-request HTTP timeout (default 10000)
//   --max-retries N         the client's retries on network errors / 5xx / 429 (default 1)
//   --big-longs             decode/encode Avro longs as BigInt (full 64-bit range) instead of avsc's
//                           default JS numbers (which refuse values beyond +/-9007199254740990)
//
// serialize prints   {"base64":"...","schemaId":N,"subject":"<topic>-value"}
// deserialize prints the record as one line of normalised JSON (see README.md for the rules).
// Any failure prints "confluent-interop <command>: <what failed>: <cause>" on stderr and exits 1
// (2 for a usage error).

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import avro from 'avsc';
import {
  AvroDeserializer,
  AvroSerializer,
  RestError,
  SchemaRegistryClient,
  SerdeType,
  SubjectNameStrategyType,
  TopicNameStrategy,
} from '@confluentinc/schemaregistry';

class UsageError extends Error {}

/** A failure with a description of the step that failed; `cause` keeps the library's error. */
class StepError extends Error {
  constructor(step, cause) {
    super(`${step}: ${describe(cause)}`);
    this.cause = cause;
  }
}

function describe(err) {
  if (err && err.message === 'potential precision loss') {
    return `avsc refused a long beyond +/-9007199254740990 ("potential precision loss"); run with --big-longs`;
  }
  if (err instanceof RestError) {
    return `registry answered HTTP ${err.status} (error_code ${err.errorCode}): ${err.message}`;
  }
  if (err && err.isAxiosError) {
    const target = err.config ? `${err.config.method?.toUpperCase()} ${err.config.baseURL ?? ''}${err.config.url ?? ''}` : '';
    return `HTTP request ${target} failed: ${err.code ?? ''} ${err.message}`.trim();
  }
  return err && err.message ? err.message : String(err);
}

async function step(description, fn) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StepError || err instanceof UsageError) throw err;
    throw new StepError(description, err);
  }
}

const USAGE = `usage:
  confluent-interop.mjs serialize   --url URL --topic TOPIC --schema SCHEMA.json --record RECORD.json [--user-info U:P] [--timeout-ms N] [--max-retries N] [--big-longs]
  confluent-interop.mjs deserialize --url URL --topic TOPIC --base64 B64|- [--user-info U:P] [--timeout-ms N] [--max-retries N] [--big-longs]`;

function parseCli(argv) {
  const [command, ...rest] = argv;
  if (command !== 'serialize' && command !== 'deserialize') {
    throw new UsageError(`unknown or missing command ${JSON.stringify(command ?? '')}\n${USAGE}`);
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        topic: { type: 'string' },
        schema: { type: 'string' },
        record: { type: 'string' },
        base64: { type: 'string' },
        'user-info': { type: 'string' },
        'timeout-ms': { type: 'string', default: '10000' },
        'max-retries': { type: 'string', default: '1' },
        'big-longs': { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(`${err.message}\n${USAGE}`);
  }
  const required = command === 'serialize' ? ['url', 'topic', 'schema', 'record'] : ['url', 'topic', 'base64'];
  const missing = required.filter((name) => values[name] === undefined || values[name] === '');
  if (missing.length > 0) {
    throw new UsageError(`${command} needs ${missing.map((m) => '--' + m).join(', ')}\n${USAGE}`);
  }
  for (const name of ['timeout-ms', 'max-retries']) {
    if (!/^\d+$/.test(values[name])) throw new UsageError(`--${name} must be a non-negative integer, got ${values[name]}`);
  }
  return { command, opts: values };
}

// ---------------------------------------------------------------------------------------------
// Optional 64-bit longs. avsc (the Avro library the Confluent client uses) represents longs as JS
// numbers and throws "potential precision loss" beyond +/-9007199254740990 (2^53-2). With --big-longs every long in the
// schema becomes this BigInt-backed type (passed to avsc through the serde config's typeHook, which
// the Confluent client forwards to avsc's Type.forSchema).
// avsc's own limit for plain-number longs (isSafeLong in avsc/lib/types.js): 2^53-2, not 2^53-1.
const AVSC_MAX_SAFE_LONG = 9007199254740990;
const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;
const BIG_LONG = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(0),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n), 0);
    return buf;
  },
  fromJSON: (any) => BigInt(any),
  toJSON: (n) => (n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString()),
  isValid: (n) => typeof n === 'bigint' && n >= MIN_LONG && n <= MAX_LONG,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
});

function bigLongTypeHook(schema) {
  if (schema === 'long' || (schema && typeof schema === 'object' && !Array.isArray(schema) && schema.type === 'long')) {
    return BIG_LONG;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Registry client and serdes.

function newClient(opts) {
  const config = {
    baseURLs: [opts.url],
    createAxiosDefaults: { timeout: Number(opts['timeout-ms']) },
    maxRetries: Number(opts['max-retries']),
    retriesWaitMs: 200,
    retriesMaxWaitMs: 2000,
  };
  if (opts['user-info']) {
    config.basicAuthCredentials = { credentialsSource: 'USER_INFO', userInfo: opts['user-info'] };
  }
  return new SchemaRegistryClient(config);
}

function serdeConfig(opts) {
  // TOPIC strategy = <topic>-value for VALUE serdes. Without it the client defaults to the
  // ASSOCIATED strategy (GET /associations/resources/-/<topic>), falling back to TOPIC on 404.
  const conf = { subjectNameStrategyType: SubjectNameStrategyType.TOPIC };
  if (opts['big-longs']) conf.typeHook = bigLongTypeHook;
  return conf;
}

async function serialize(opts) {
  const schemaText = await step(`reading the Avro schema file ${opts.schema}`, () => readFileSync(opts.schema, 'utf8'));
  const schemaJson = await step(`parsing the Avro schema file ${opts.schema} as JSON`, () => JSON.parse(schemaText));
  await step(`checking the Avro schema in ${opts.schema}`, () => avro.Type.forSchema(schemaJson));
  const recordText = await step(`reading the record file ${opts.record}`, () => readFileSync(opts.record, 'utf8'));
  const recordJson = await step(`parsing the record file ${opts.record} as JSON`, () => JSON.parse(recordText));

  const client = newClient(opts);
  const subject = TopicNameStrategy(opts.topic, SerdeType.VALUE);
  const info = { schemaType: 'AVRO', schema: JSON.stringify(schemaJson) };

  // AvroSerializer.serialize() never takes a schema: unless useSchemaId / useLatestVersion /
  // useLatestWithMetadata is set it *infers* one from the JS value (avsc Type.forValue, records named
  // Record1.., enums Enum1..), and with autoRegisterSchemas it registers that inferred schema. So we
  // register the given schema ourselves with the same call autoRegisterSchemas makes
  // (POST /subjects/<subject>/versions) and pin the serializer to the returned id.
  const schemaId = await step(`registering the schema under subject ${subject} at ${opts.url}`,
    () => client.register(subject, info, false));

  const serializer = new AvroSerializer(client, SerdeType.VALUE, {
    ...serdeConfig(opts),
    autoRegisterSchemas: false,
    useSchemaId: schemaId,
  });
  const registered = await step(`fetching schema id ${schemaId} (subject ${subject}) back from the registry`,
    () => client.getBySubjectAndId(subject, schemaId));
  const [type] = await step(`parsing the registered schema id ${schemaId}`, () => serializer.toType(registered));
  const value = await step(`converting the record from ${opts.record} to the Avro schema`, () => fromJson(type, recordJson, '$'));
  const bytes = await step(`serializing the record with AvroSerializer for topic ${opts.topic}`,
    () => serializer.serialize(opts.topic, value));
  return { base64: bytes.toString('base64'), schemaId, subject };
}

async function deserialize(opts) {
  const b64 = opts.base64 === '-' ? readFileSync(0, 'utf8') : opts.base64;
  const compact = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new UsageError('--base64 is not valid base64');
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length < 5) throw new StepError('reading the Confluent wire header', new Error(`only ${bytes.length} bytes, need magic byte + 4-byte schema id`));
  const client = newClient(opts);
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, serdeConfig(opts));
  const msg = await step(`deserializing ${bytes.length} bytes with AvroDeserializer for topic ${opts.topic}`,
    () => deserializer.deserialize(opts.topic, bytes));
  // The writer schema is already in the client's and the deserializer's caches: used to normalise.
  const subject = TopicNameStrategy(opts.topic, SerdeType.VALUE);
  const schemaId = bytes.readInt32BE(1);
  const info = await step(`fetching writer schema id ${schemaId}`, () => client.getBySubjectAndId(subject, schemaId));
  const [type] = await step(`parsing writer schema id ${schemaId}`, () => deserializer.toType(info));
  return toJson(type, msg, '$');
}

// ---------------------------------------------------------------------------------------------
// JSON <-> avsc value conversion, driven by the avsc Type (so it agrees with how avsc itself
// treats every union: unambiguous unions are "unwrapped" values, ambiguous ones {branchName: value}).

function isUnion(type) {
  return type.typeName === 'union:wrapped' || type.typeName === 'union:unwrapped';
}

function typeLabel(type) {
  return type.branchName ?? type.typeName;
}

/** Record JSON (the normalised form below) -> the value avsc expects for `type`. */
function fromJson(type, json, path) {
  switch (type.typeName) {
    case 'null':
      if (json !== null) throw new Error(`${path}: expected null, got ${JSON.stringify(json)}`);
      return null;
    case 'boolean':
    case 'int':
    case 'string':
    case 'enum':
      return json;
    case 'float':
    case 'double':
      if (json === 'NaN') return NaN;
      if (json === 'Infinity') return Infinity;
      if (json === '-Infinity') return -Infinity;
      return json;
    case 'long':
      if (typeof json === 'string' && /^-?\d+$/.test(json)) {
        const n = Number(json);
        if (!Number.isInteger(n) || Math.abs(n) > AVSC_MAX_SAFE_LONG) throw new Error(`${path}: long ${json} is beyond avsc's +/-${AVSC_MAX_SAFE_LONG}; run with --big-longs`);
        return n;
      }
      if (typeof json === 'number' && Number.isInteger(json) && Math.abs(json) > AVSC_MAX_SAFE_LONG) {
        throw new Error(`${path}: long ${json} is beyond avsc's +/-${AVSC_MAX_SAFE_LONG} (and may already have lost precision in JSON.parse); pass it as a decimal string with --big-longs`);
      }
      return json;
    case 'abstract:long':
      if ((typeof json === 'number' && Number.isInteger(json)) || (typeof json === 'string' && /^-?\d+$/.test(json))) {
        const n = BigInt(json);
        if (n < MIN_LONG || n > MAX_LONG) {
          throw new Error(`${path}: ${json} is outside the 64-bit long range${typeof json === 'number' ? ' (a JSON number this large has already lost precision: pass longs beyond 2^53 as decimal strings)' : ''}`);
        }
        if (typeof json === 'number' && !Number.isSafeInteger(json)) {
          throw new Error(`${path}: JSON number ${json} is beyond 2^53 and has lost precision in JSON.parse: pass it as a decimal string`);
        }
        return n;
      }
      throw new Error(`${path}: expected a long (integer number or decimal string), got ${JSON.stringify(json)}`);
    case 'bytes':
    case 'fixed':
      if (typeof json !== 'string') throw new Error(`${path}: expected base64 string for ${type.typeName}, got ${JSON.stringify(json)}`);
      return Buffer.from(json, 'base64');
    case 'array':
      if (!Array.isArray(json)) throw new Error(`${path}: expected an array, got ${JSON.stringify(json)}`);
      return json.map((item, i) => fromJson(type.itemsType, item, `${path}[${i}]`));
    case 'map': {
      if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${path}: expected an object (map), got ${JSON.stringify(json)}`);
      const out = {};
      for (const [k, v] of Object.entries(json)) out[k] = fromJson(type.valuesType, v, `${path}[${JSON.stringify(k)}]`);
      return out;
    }
    case 'record':
    case 'error': {
      if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${path}: expected an object (record ${type.name}), got ${JSON.stringify(json)}`);
      const known = new Set(type.fields.map((f) => f.name));
      const unknown = Object.keys(json).filter((k) => !known.has(k));
      if (unknown.length > 0) throw new Error(`${path}: record ${type.name} has no field(s) ${unknown.join(', ')}`);
      const out = {};
      for (const field of type.fields) {
        if (Object.prototype.hasOwnProperty.call(json, field.name)) {
          out[field.name] = fromJson(field.type, json[field.name], `${path}.${field.name}`);
        } else if (field.defaultValue() !== undefined) {
          out[field.name] = field.defaultValue(); // already in avsc's representation
        } else {
          throw new Error(`${path}: record ${type.name} misses field ${field.name}, which has no default`);
        }
      }
      return out;
    }
    case 'union:wrapped':
    case 'union:unwrapped': {
      const wrapped = type.typeName === 'union:wrapped';
      if (json === null) {
        if (type.types.some((t) => t.typeName === 'null')) return null;
        throw new Error(`${path}: null is not a branch of union ${JSON.stringify(type.types.map(typeLabel))}`);
      }
      // Explicit Avro-JSON style branch, only for unions avsc wraps: {"<branch name>": value}.
      if (wrapped && typeof json === 'object' && !Array.isArray(json) && Object.keys(json).length === 1) {
        const branch = type.types.find((t) => t.branchName === Object.keys(json)[0]);
        if (branch) return { [branch.branchName]: fromJson(branch, json[branch.branchName], `${path}<${branch.branchName}>`) };
      }
      const reasons = [];
      for (const branch of type.types) {
        if (branch.typeName === 'null') continue;
        try {
          const value = fromJson(branch, json, `${path}<${typeLabel(branch)}>`);
          if (branch.isValid(value)) return wrapped ? { [branch.branchName]: value } : value;
          reasons.push(`${typeLabel(branch)}: not valid`);
        } catch (err) {
          reasons.push(`${typeLabel(branch)}: ${err.message}`);
        }
      }
      throw new Error(`${path}: ${JSON.stringify(json)} fits no branch of union ${JSON.stringify(type.types.map(typeLabel))} (${reasons.join('; ')})`);
    }
    default:
      if (type.typeName.startsWith('logical:')) return fromJson(type.underlyingType, json, path);
      return json;
  }
}

/** Shortest decimal that reads back as the same float32 (what Java's Float.toString aims at). */
function shortestFloat(v) {
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(v.toPrecision(p));
    if (Math.fround(candidate) === v) return candidate;
  }
  return v;
}

function nonFinite(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return undefined;
}

/** avsc value of `type` -> stable JSON (see README.md). */
function toJson(type, value, path) {
  if (value instanceof Date) return value.getTime(); // only if someone configures avsc logicalTypes
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  switch (type.typeName) {
    case 'null':
    case 'boolean':
    case 'int':
    case 'long':
    case 'string':
    case 'enum':
      return value;
    case 'double':
      return nonFinite(value) ?? value;
    case 'float':
      return nonFinite(value) ?? shortestFloat(value);
    case 'bytes':
    case 'fixed':
      return Buffer.from(value).toString('base64');
    case 'array':
      return value.map((item, i) => toJson(type.itemsType, item, `${path}[${i}]`));
    case 'map': {
      const out = {};
      for (const key of Object.keys(value).sort()) out[key] = toJson(type.valuesType, value[key], `${path}[${JSON.stringify(key)}]`);
      return out;
    }
    case 'record':
    case 'error': {
      const out = {};
      for (const field of type.fields) out[field.name] = toJson(field.type, value[field.name], `${path}.${field.name}`);
      return out;
    }
    case 'union:wrapped': {
      if (value === null) return null;
      const name = Object.keys(value)[0];
      const branch = type.types.find((t) => t.branchName === name);
      if (!branch) throw new Error(`${path}: union value names unknown branch ${name}`);
      return toJson(branch, value[name], path);
    }
    case 'union:unwrapped': {
      if (value === null || value === undefined) return null;
      const branch = type.types.find((t) => t.typeName !== 'null' && t.isValid(value));
      if (!branch) throw new Error(`${path}: no union branch matches decoded value`);
      return toJson(branch, value, path);
    }
    default:
      if (type.typeName.startsWith('logical:')) return toJson(type.underlyingType, value, path);
      return value;
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let command = process.argv[2] ?? '';
  try {
    const parsed = parseCli(process.argv.slice(2));
    command = parsed.command;
    const result = command === 'serialize' ? await serialize(parsed.opts) : await deserialize(parsed.opts);
    process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0));
  } catch (err) {
    const usage = err instanceof UsageError;
    const message = err instanceof StepError || usage ? err.message : describe(err);
    process.stderr.write(`confluent-interop ${command}: ${message}\n`);
    if (process.env.CONFLUENT_INTEROP_DEBUG && err && err.stack) process.stderr.write(`${err.stack}\n`);
    process.stderr.write('', () => process.exit(usage ? 2 : 1));
  }
}

await main();
