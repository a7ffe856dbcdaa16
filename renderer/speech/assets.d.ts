/** Vite's `?url` imports: the file is emitted as a build asset and the import is its URL. */
declare module '*?url' {
  const url: string;
  export default url;
}

/** The engine package ships no types; its API is described where it is used (espeak.worker.ts, bench/speech.bench.ts). */
declare module '@echogarden/espeak-ng-emscripten' {
  const init: (module?: object) => Promise<unknown>;
  export default init;
}
