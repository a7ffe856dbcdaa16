/**
 * Speech engine (espeak-ng, the same package the kiosk's worker loads): time to the first audio chunk and the
 * real-time factor (synthesis time / audio length) per language, after a warm-up, in Node on this machine.
 * Baseline in the same run: a cold first sentence (what a visitor would wait without the warm-up at start).
 * Goal: first chunk of a sentence well under 300 ms (the tap → sound path adds one worker message and ~10 ms
 * of Web Audio scheduling).
 */
import type { Bench } from './benches';

const SENTENCES: Record<string, string> = {
  de: 'Willkommen im Rathaus Siegburg. Hier finden Sie Angebote in Ihrer Nähe.',
  'en-gb': 'Welcome to Siegburg town hall. Here you find offers near you.',
  tr: 'Siegburg Belediyesine hoş geldiniz. Burada yakınınızdaki teklifleri bulabilirsiniz.',
  uk: 'Ласкаво просимо до ратуші Зігбурга. Тут ви знайдете пропозиції поруч.',
  ar: 'مرحبا بكم في بلدية زيغبورغ. هنا تجدون العروض القريبة منكم.',
};

interface Engine {
  set_voice(v: string): number;
  readonly samplerate: number;
  synthesize(text: string, cb: (s: Int16Array) => number): void;
}

function measure(engine: Engine, voice: string, text: string) {
  engine.set_voice(voice);
  const t0 = performance.now();
  let first = -1;
  let n = 0;
  engine.synthesize(text, (s) => {
    if (first < 0) first = performance.now() - t0;
    n += s.length;
    return 0;
  });
  const ms = performance.now() - t0;
  return { first, ms, audioS: n / engine.samplerate };
}

export const speechBench: Bench = {
  name: 'speech',
  async run() {
    const t0 = performance.now();
    const { default: init } = (await import('@echogarden/espeak-ng-emscripten')) as { default: (m?: object) => Promise<{ eSpeakNGWorker: new () => Engine }> };
    const mod = await init({ print: () => undefined, printErr: () => undefined });
    const engine = new mod.eSpeakNGWorker();
    console.log(`engine load: ${(performance.now() - t0).toFixed(0)} ms`);
    const cold = measure(engine, 'de', SENTENCES.de ?? '');
    console.log(`baseline, cold first sentence (de): first chunk ${cold.first.toFixed(1)} ms, whole ${cold.ms.toFixed(0)} ms`);
    for (let i = 0; i < 3; i++) for (const [v, s] of Object.entries(SENTENCES)) measure(engine, v, s);
    for (const [v, s] of Object.entries(SENTENCES)) {
      const r = measure(engine, v, s);
      console.log(`${v.padEnd(5)} first chunk ${r.first.toFixed(1)} ms, ${r.audioS.toFixed(2)} s audio in ${r.ms.toFixed(0)} ms, real-time factor ${(r.ms / 1000 / r.audioS).toFixed(3)}`);
    }
  },
};
