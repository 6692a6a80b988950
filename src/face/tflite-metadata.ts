/**
 * Adds TFLite Model Metadata (tflite-support `metadata_schema.fbs`) to a `.tflite` model.
 *
 * MediaPipe Tasks reads input normalisation from the model's `TFLITE_METADATA` entry and
 * refuses models without it. The legacy `@mediapipe/face_detection` models carry none, so
 * we add it here with the plain `flatbuffers` Builder (no generated code is available).
 *
 * The original model bytes are kept intact. A new root `Model` table is written in FRONT
 * of them; it points at the original vectors (operators, subgraphs, ...) and at two new
 * vectors: `buffers` (old Buffer tables + one holding the metadata) and `metadata`
 * (old entries + `TFLITE_METADATA`). FlatBuffer offsets are relative and must point
 * forward, so a prefix can reference everything in the original file, and shifting the
 * original by a multiple of 16 keeps its weight buffers (`force_align: 16`) aligned.
 *
 * Field indices (vtable slot = 4 + 2 * index) come from the schemas:
 *   tensorflow/lite/schema/schema.fbs and tensorflow_lite_support/metadata/metadata_schema.fbs.
 * A union field `u` takes two slots: `u_type` (ubyte) then `u` (offset).
 */
import { Builder, ByteBuffer, type Offset } from 'flatbuffers';

export const TFLITE_IDENTIFIER = 'TFL3';
export const METADATA_IDENTIFIER = 'M001';
/** Name of the `Model.metadata` entry that tflite-support and MediaPipe look up. */
export const TFLITE_METADATA_NAME = 'TFLITE_METADATA';
/** Alignment of the inserted prefix; matches `Buffer.data` (force_align: 16). */
const BUFFER_ALIGNMENT = 16;

/** tflite `Model` table fields. */
export const ModelField = {
  version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4,
  metadataBuffer: 5, metadata: 6, signatureDefs: 7,
} as const;
const MODEL_FIELD_COUNT = 8;
/** tflite `Buffer` table fields (`offset`/`size` are only used by models over 2 GB). */
export const BufferField = { data: 0, offset: 1, size: 2 } as const;
/** tflite `Metadata` table fields. */
export const MetadataField = { name: 0, buffer: 1 } as const;
/** tflite `SubGraph` table fields used here. */
export const SubGraphField = { tensors: 0, inputs: 1, outputs: 2 } as const;

/** metadata_schema.fbs field indices. */
export const ModelMetadataField = {
  name: 0, description: 1, version: 2, subgraphMetadata: 3, author: 4, license: 5,
  associatedFiles: 6, minParserVersion: 7,
} as const;
export const SubGraphMetadataField = {
  name: 0, description: 1, inputTensorMetadata: 2, outputTensorMetadata: 3,
} as const;
export const TensorMetadataField = {
  name: 0, description: 1, dimensionNames: 2, content: 3, processUnits: 4, stats: 5,
} as const;
export const ContentField = { propertiesType: 0, properties: 1, range: 2 } as const;
export const ImagePropertiesField = { colorSpace: 0, defaultSize: 1 } as const;
export const ProcessUnitField = { optionsType: 0, options: 1 } as const;
export const NormalizationOptionsField = { mean: 0, std: 1 } as const;
export const StatsField = { max: 0, min: 1 } as const;

/** Union tags and enums of metadata_schema.fbs. */
export const ContentPropertiesType = { ImageProperties: 2 } as const;
export const ProcessUnitOptionsType = { NormalizationOptions: 1 } as const;
export const ColorSpaceType = { RGB: 1 } as const;

export type TfliteMetadataErrorCode =
  | 'not-tflite' | 'unsupported-model' | 'already-has-metadata' | 'tensor-count' | 'bad-spec';

export class TfliteMetadataError extends Error {
  constructor(readonly code: TfliteMetadataErrorCode, detail: string) {
    super(detail);
    this.name = 'TfliteMetadataError';
  }
}

export interface TensorSpec {
  name: string;
  description?: string;
}

/** An RGB image input normalised as `(pixel - mean) / std` before inference. */
export interface ImageInputSpec extends TensorSpec {
  mean: number[];
  std: number[];
  /** Value range after normalisation, recorded as `Stats`. */
  min: number;
  max: number;
}

export interface ModelMetadataSpec {
  name: string;
  description?: string;
  version: string;
  author?: string;
  license?: string;
  input: ImageInputSpec;
  outputs: TensorSpec[];
  /** Smallest metadata parser version that understands the fields written here. */
  minParserVersion: string;
}

// ---------------------------------------------------------------------------
// Writing ModelMetadata

function createFloatVector(b: Builder, values: number[]): Offset {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
  return b.endVector();
}

function createOffsetVector(b: Builder, offsets: Offset[]): Offset {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}

/** `Content { content_properties: ImageProperties { color_space: RGB } }`. */
function createRgbImageContent(b: Builder): Offset {
  b.startObject(2);
  b.addFieldInt8(ImagePropertiesField.colorSpace, ColorSpaceType.RGB, 0);
  const properties = b.endObject();
  b.startObject(3);
  b.addFieldInt8(ContentField.propertiesType, ContentPropertiesType.ImageProperties, 0);
  b.addFieldOffset(ContentField.properties, properties, 0);
  return b.endObject();
}

/** `[ProcessUnit { options: NormalizationOptions { mean, std } }]`. */
function createNormalizationUnits(b: Builder, mean: number[], std: number[]): Offset {
  const meanVector = createFloatVector(b, mean);
  const stdVector = createFloatVector(b, std);
  b.startObject(2);
  b.addFieldOffset(NormalizationOptionsField.mean, meanVector, 0);
  b.addFieldOffset(NormalizationOptionsField.std, stdVector, 0);
  const options = b.endObject();
  b.startObject(2);
  b.addFieldInt8(ProcessUnitField.optionsType, ProcessUnitOptionsType.NormalizationOptions, 0);
  b.addFieldOffset(ProcessUnitField.options, options, 0);
  return createOffsetVector(b, [b.endObject()]);
}

function createStats(b: Builder, min: number, max: number): Offset {
  const maxVector = createFloatVector(b, [max]);
  const minVector = createFloatVector(b, [min]);
  b.startObject(2);
  b.addFieldOffset(StatsField.max, maxVector, 0);
  b.addFieldOffset(StatsField.min, minVector, 0);
  return b.endObject();
}

interface TensorParts { content?: Offset; processUnits?: Offset; stats?: Offset }

function createTensorMetadata(b: Builder, spec: TensorSpec, parts: TensorParts = {}): Offset {
  const name = b.createString(spec.name);
  const description = spec.description === undefined ? 0 : b.createString(spec.description);
  b.startObject(7);
  b.addFieldOffset(TensorMetadataField.name, name, 0);
  b.addFieldOffset(TensorMetadataField.description, description, 0);
  b.addFieldOffset(TensorMetadataField.content, parts.content ?? 0, 0);
  b.addFieldOffset(TensorMetadataField.processUnits, parts.processUnits ?? 0, 0);
  b.addFieldOffset(TensorMetadataField.stats, parts.stats ?? 0, 0);
  return b.endObject();
}

function createImageInputMetadata(b: Builder, spec: ImageInputSpec): Offset {
  return createTensorMetadata(b, spec, {
    content: createRgbImageContent(b),
    processUnits: createNormalizationUnits(b, spec.mean, spec.std),
    stats: createStats(b, spec.min, spec.max),
  });
}

function createSubGraphMetadata(b: Builder, spec: ModelMetadataSpec): Offset {
  const inputs = createOffsetVector(b, [createImageInputMetadata(b, spec.input)]);
  const outputs = createOffsetVector(b, spec.outputs.map((o) => createTensorMetadata(b, o)));
  b.startObject(8);
  b.addFieldOffset(SubGraphMetadataField.inputTensorMetadata, inputs, 0);
  b.addFieldOffset(SubGraphMetadataField.outputTensorMetadata, outputs, 0);
  return b.endObject();
}

function checkSpec(spec: ModelMetadataSpec): void {
  const { mean, std } = spec.input;
  if (mean.length === 0 || mean.length !== std.length) {
    throw new TfliteMetadataError('bad-spec',
      `input normalisation needs as many mean as std values (>= 1); got ${mean.length} ` +
      `and ${std.length}.`);
  }
  if (std.some((s) => !(s > 0))) {
    throw new TfliteMetadataError('bad-spec', `input std values must be > 0; got ${std}.`);
  }
}

/** Serialises a standalone `ModelMetadata` flatbuffer (file identifier `M001`). */
export function buildModelMetadata(spec: ModelMetadataSpec): Uint8Array {
  checkSpec(spec);
  const b = new Builder(512);
  const optionalString = (s: string | undefined) => (s === undefined ? 0 : b.createString(s));
  const name = b.createString(spec.name);
  const description = optionalString(spec.description);
  const version = b.createString(spec.version);
  const author = optionalString(spec.author);
  const license = optionalString(spec.license);
  const minParserVersion = b.createString(spec.minParserVersion);
  const subgraphs = createOffsetVector(b, [createSubGraphMetadata(b, spec)]);
  b.startObject(8);
  b.addFieldOffset(ModelMetadataField.name, name, 0);
  b.addFieldOffset(ModelMetadataField.description, description, 0);
  b.addFieldOffset(ModelMetadataField.version, version, 0);
  b.addFieldOffset(ModelMetadataField.subgraphMetadata, subgraphs, 0);
  b.addFieldOffset(ModelMetadataField.author, author, 0);
  b.addFieldOffset(ModelMetadataField.license, license, 0);
  b.addFieldOffset(ModelMetadataField.minParserVersion, minParserVersion, 0);
  b.finish(b.endObject(), METADATA_IDENTIFIER);
  return b.asUint8Array().slice();
}

// ---------------------------------------------------------------------------
// Reading the original Model

/** Where a table's field lives: the absolute position of its slot, or 0 when absent. */
function fieldSlot(bb: ByteBuffer, table: number, field: number): number {
  const offset = bb.__offset(table, 4 + 2 * field);
  return offset === 0 ? 0 : table + offset;
}

/** Absolute positions of the tables/strings referenced by a vector of offsets. */
function readOffsetVector(bb: ByteBuffer, slot: number): number[] {
  if (slot === 0) return [];
  const start = bb.__vector(slot);
  const length = bb.__vector_len(slot);
  return Array.from({ length }, (_, i) => bb.__indirect(start + 4 * i));
}

function readStringField(bb: ByteBuffer, table: number, field: number): string | undefined {
  const slot = fieldSlot(bb, table, field);
  return slot === 0 ? undefined : (bb.__string(slot) as string);
}

/** Absolute positions of the original root Model's fields, as needed to re-point them. */
export interface ModelLayout {
  root: number;
  /** `Model.version`, or undefined when the field is absent. */
  version: number | undefined;
  /** Absolute targets of the offset fields, keyed by field index (absent fields omitted). */
  references: Map<number, number>;
  /** Absolute positions of the `Buffer` tables, in `Model.buffers` order. */
  buffers: number[];
  /** Absolute positions of the `Metadata` tables, with their names. */
  metadata: { table: number; name: string | undefined }[];
  /** Input/output tensor counts of subgraph 0. */
  inputCount: number;
  outputCount: number;
}

/** Rejects vtables with fields this code does not know how to carry over. */
function checkKnownModelFields(bb: ByteBuffer, root: number): void {
  const vtable = root - bb.readInt32(root);
  const fieldCount = (bb.readInt16(vtable) - 4) / 2;
  for (let field = MODEL_FIELD_COUNT; field < fieldCount; field++) {
    if (fieldSlot(bb, root, field) !== 0) {
      throw new TfliteMetadataError('unsupported-model',
        `Model table has field ${field}, which is newer than the schema this tool knows ` +
        `(fields 0-${MODEL_FIELD_COUNT - 1}); update src/face/tflite-metadata.ts.`);
    }
  }
}

function countSubgraphIo(bb: ByteBuffer, subgraph: number | undefined): [number, number] {
  if (subgraph === undefined) {
    throw new TfliteMetadataError('unsupported-model', 'model has no subgraphs.');
  }
  const count = (field: number) => {
    const slot = fieldSlot(bb, subgraph, field);
    return slot === 0 ? 0 : bb.__vector_len(slot);
  };
  return [count(SubGraphField.inputs), count(SubGraphField.outputs)];
}

/** Parses the root `Model` table of a `.tflite` file. */
export function readModelLayout(model: Uint8Array): ModelLayout {
  const bb = new ByteBuffer(model);
  if (model.length < 8 || bb.getBufferIdentifier() !== TFLITE_IDENTIFIER) {
    throw new TfliteMetadataError('not-tflite',
      `not a TFLite flatbuffer: expected file identifier "${TFLITE_IDENTIFIER}" at byte 4.`);
  }
  const root = bb.readUint32(0);
  checkKnownModelFields(bb, root);
  const references = new Map<number, number>();
  for (let field = 1; field < MODEL_FIELD_COUNT; field++) {
    const slot = fieldSlot(bb, root, field);
    if (slot !== 0) references.set(field, bb.__indirect(slot));
  }
  const versionSlot = fieldSlot(bb, root, ModelField.version);
  const metadata = readOffsetVector(bb, fieldSlot(bb, root, ModelField.metadata))
    .map((table) => ({ table, name: readStringField(bb, table, MetadataField.name) }));
  const subgraphs = readOffsetVector(bb, fieldSlot(bb, root, ModelField.subgraphs));
  const [inputCount, outputCount] = countSubgraphIo(bb, subgraphs[0]);
  return {
    root,
    version: versionSlot === 0 ? undefined : bb.readUint32(versionSlot),
    references,
    buffers: readOffsetVector(bb, fieldSlot(bb, root, ModelField.buffers)),
    metadata,
    inputCount,
    outputCount,
  };
}

// ---------------------------------------------------------------------------
// Writing the new root Model in front of the original bytes

/**
 * Builder offset of a position in the original model. Builder offsets count bytes back
 * from the end of the builder's output; the original model starts right at that end, so
 * original byte `position` is `position` bytes *past* it, i.e. at offset `-position`.
 */
function originalRef(position: number): Offset {
  return -position;
}

/** `Buffer { data }` with the data vector 16-byte aligned, like `force_align: 16`. */
function createAlignedBuffer(b: Builder, data: Uint8Array): Offset {
  b.startVector(1, data.length, BUFFER_ALIGNMENT);
  for (let i = data.length - 1; i >= 0; i--) b.addInt8(data[i]);
  const vector = b.endVector();
  b.startObject(3);
  b.addFieldOffset(BufferField.data, vector, 0);
  return b.endObject();
}

function createMetadataEntry(b: Builder, name: string, bufferIndex: number): Offset {
  const nameOffset = b.createString(name);
  b.startObject(2);
  b.addFieldOffset(MetadataField.name, nameOffset, 0);
  b.addFieldInt32(MetadataField.buffer, bufferIndex, 0);
  return b.endObject();
}

function checkCanAddMetadata(layout: ModelLayout, spec: ModelMetadataSpec): void {
  if (layout.metadata.some((m) => m.name === TFLITE_METADATA_NAME)) {
    throw new TfliteMetadataError('already-has-metadata',
      `model already has a ${TFLITE_METADATA_NAME} entry; start from the original model.`);
  }
  if (layout.inputCount !== 1 || layout.outputCount !== spec.outputs.length) {
    throw new TfliteMetadataError('tensor-count',
      `metadata describes 1 input and ${spec.outputs.length} outputs, but the model's ` +
      `subgraph 0 has ${layout.inputCount} inputs and ${layout.outputCount} outputs.`);
  }
}

/** The new root `Model`: original fields re-pointed, `buffers`/`metadata` extended. */
function createRootModel(b: Builder, layout: ModelLayout, metadata: Uint8Array): Offset {
  const metadataBuffer = createAlignedBuffer(b, metadata);
  const entry = createMetadataEntry(b, TFLITE_METADATA_NAME, layout.buffers.length);
  const buffers = createOffsetVector(b, [...layout.buffers.map(originalRef), metadataBuffer]);
  const entries = createOffsetVector(b, [...layout.metadata.map((m) => originalRef(m.table)),
    entry]);
  b.startObject(MODEL_FIELD_COUNT);
  if (layout.version !== undefined) b.addFieldInt32(ModelField.version, layout.version, 0);
  for (const [field, target] of layout.references) {
    if (field === ModelField.buffers || field === ModelField.metadata) continue;
    b.addFieldOffset(field, originalRef(target), 0);
  }
  b.addFieldOffset(ModelField.buffers, buffers, 0);
  b.addFieldOffset(ModelField.metadata, entries, 0);
  return b.endObject();
}

/**
 * Returns a copy of `model` with a `TFLITE_METADATA` entry describing it per `spec`.
 * The result is `[new root table + new vectors + padding][original model bytes]`; the
 * prefix length is a multiple of 16 so the original buffers keep their alignment.
 */
export function addTfliteMetadata(model: Uint8Array, spec: ModelMetadataSpec): Uint8Array {
  const layout = readModelLayout(model);
  checkCanAddMetadata(layout, spec);
  const b = new Builder(1024);
  const root = createRootModel(b, layout, buildModelMetadata(spec));
  // Raise the builder's alignment so finish() pads the prefix to a multiple of 16.
  b.prep(BUFFER_ALIGNMENT, 0);
  b.finish(root, TFLITE_IDENTIFIER);
  const prefix = b.asUint8Array();
  if (prefix.length % BUFFER_ALIGNMENT !== 0) {
    throw new Error(`internal: prefix of ${prefix.length} bytes is not 16-byte aligned`);
  }
  const out = new Uint8Array(prefix.length + model.length);
  out.set(prefix, 0);
  out.set(model, prefix.length);
  return out;
}
