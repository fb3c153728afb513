/**
 * The parts of the WebAssembly JS API the analysis uses (the project's TypeScript libs do not declare
 * them), and the instantiation of the small modules embedded as base64.
 */
export type WasmModule = object;

interface WebAssemblyApi {
  Module: { new (bytes: Uint8Array): WasmModule; exports(module: WasmModule): { name: string }[] };
  Instance: new (module: WasmModule, imports: object) => { exports: object };
}

export const Wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/**
 * A standalone module (no imports) from its base64 bytes, initialised. Throws where it cannot be
 * compiled here: an old CPU or runtime without WebAssembly SIMD.
 */
export function instantiateEmbedded<T>(base64: string): T {
  const x = new Wasm.Instance(new Wasm.Module(Buffer.from(base64, 'base64')), {}).exports as { _initialize?: () => void };
  x._initialize?.();
  return x as T;
}
