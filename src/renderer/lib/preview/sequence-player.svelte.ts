import { framesToSeconds, type Overlay, type RenderPlanInput } from '../../../shared/render/render-plan';
import { previewFrame, type Voice } from './plan-voices';
import { shuttleSpeed } from './shuttle';

/**
 * Plays a sequence's render plan in the page: each voice of `plan-voices.ts` is a media element (muted `<video>`s
 * stacked in the stage for pictures, `<img>`s for still pictures, `<audio>`s for sound), slaved to one clock. The clock waits while an element
 * that should be playing is still loading or seeking, so cuts stay in sync instead of running ahead. Paused, every
 * picture is seeked to exactly the playhead's frame, so scrubbing shows the frame the export will have.
 */

export interface PlayerHost {
  /** Where the preview loads a plan source (an asset id) from; null when the asset cannot be played yet. */
  mediaUrl(source: string): string | null;
  /** Whether a source is a still image (shown with an `<img>`, not played). */
  isStill(source: string): boolean;
  /** The playhead in whole frames, shared with the timeline. */
  getPlayhead(): number;
  setPlayhead(frame: number): void;
}

/** Seconds ahead that the next segment of a lane is loaded and seeked, ready for its cut. */
const CUE_SECONDS = 3;
/** While playing, an element further than this from the clock is seeked back to it. */
const MAX_DRIFT_SECONDS = 0.2;
const HAVE_FUTURE_DATA = 3;

export class SequencePlayer {
  /** Frames per second of playback: 0 stopped, negative backwards. */
  speed = $state(0);
  /** The clock is waiting for media to load or seek. */
  waiting = $state(false);
  /** Sources the preview has no playable media for (yet), at the current frame. */
  unplayable = $state(0);
  overlays = $state.raw<Overlay[]>([]);
  /** Sound voices playing right now, so the page can show (and tests can check) that sound runs with the picture. */
  audible = $state(0);

  private plan: RenderPlanInput | null = null;
  private stage: HTMLElement | null = null;
  private readonly elements = new Map<string, HTMLMediaElement>();
  /** Picture voices showing a still image, by voice key: a voice may show a still, then a clip, then a still again. */
  private readonly stills = new Map<string, HTMLImageElement>();
  /** Sound elements that were asked for more than full volume, routed through a gain node (made on first need). */
  private audio: AudioContext | null = null;
  private readonly gains = new Map<HTMLMediaElement, GainNode>();
  /** Fractional frame while playing; the playhead is its floor. */
  private position = 0;
  private anchor = { frame: 0, time: 0 };
  private written = -1;
  private frameRequest = 0;

  constructor(private readonly host: PlayerHost) {}

  get playing(): boolean {
    return this.speed !== 0;
  }

  /** Mounts the pictures in `stage` and starts following the playhead; the returned function stops it. */
  attach(stage: HTMLElement): () => void {
    this.stage = stage;
    for (const element of this.elements.values()) if (element instanceof HTMLVideoElement) stage.append(element);
    for (const still of this.stills.values()) stage.append(still);
    const loop = (now: number) => {
      this.tick(now);
      this.frameRequest = requestAnimationFrame(loop);
    };
    this.frameRequest = requestAnimationFrame(loop);
    return () => {
      cancelAnimationFrame(this.frameRequest);
      this.speed = 0;
      for (const element of this.elements.values()) {
        element.pause();
        element.removeAttribute('src');
        element.load();
        element.remove();
      }
      this.elements.clear();
      for (const still of this.stills.values()) still.remove();
      this.stills.clear();
      this.gains.clear();
      void this.audio?.close();
      this.audio = null;
      this.stage = null;
    };
  }

  setPlan(plan: RenderPlanInput | null): void {
    this.plan = plan;
  }

  play(speed = 1): void {
    const end = this.plan?.duration ?? 0;
    const at = this.host.getPlayhead();
    // Playing from the end starts again from the beginning, as every player does.
    const start = speed > 0 && at >= end - 1 ? 0 : at;
    this.position = start;
    this.anchor = { frame: start, time: performance.now() };
    this.written = -1;
    this.host.setPlayhead(start);
    this.speed = speed;
  }

  pause(): void {
    this.speed = 0;
    this.waiting = false;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play(1);
  }

  shuttle(key: 'j' | 'k' | 'l'): void {
    const next = shuttleSpeed(this.speed, key);
    if (next === 0) this.pause();
    else this.play(next);
  }

  private tick(now: number): void {
    const plan = this.plan;
    if (!plan) return;
    const rate = plan.frameRate.num / plan.frameRate.den;
    const playhead = this.host.getPlayhead();
    if (this.playing && playhead !== this.written) {
      // The user moved the playhead while playing: carry on from there.
      this.position = playhead;
      this.anchor = { frame: playhead, time: now };
    }
    if (this.playing && !this.waiting) {
      this.position = this.anchor.frame + ((now - this.anchor.time) / 1000) * rate * this.speed;
      const last = plan.duration - 1;
      if ((this.speed > 0 && this.position >= last) || (this.speed < 0 && this.position <= 0)) {
        this.position = Math.min(Math.max(this.position, 0), last);
        this.pause();
      }
    }
    const frame = this.playing ? this.position : playhead;
    const whole = Math.max(0, Math.floor(frame));
    if (whole !== playhead) this.host.setPlayhead(whole);
    this.written = whole;

    const { voices, overlays } = previewFrame(plan, this.playing ? frame : playhead, CUE_SECONDS * rate);
    if (overlays.length !== this.overlays.length || overlays.some((o, i) => o !== this.overlays[i])) this.overlays = overlays;
    const wanted = new Map(voices.map((voice) => [voice.key, voice]));
    for (const [key, element] of this.elements) if (!wanted.has(key)) this.silence(element);
    for (const [key, still] of this.stills) if (!wanted.has(key) || !this.host.isStill(wanted.get(key)!.source)) still.style.visibility = 'hidden';
    let ready = true;
    let unplayable = 0;
    let audible = 0;
    // Paused, pictures show the middle of the frame, never the edge where rounding could show its neighbour.
    const offset = this.playing ? 0 : framesToSeconds(0.5, plan.frameRate);
    for (const voice of voices) {
      const url = this.host.mediaUrl(voice.source);
      if (voice.kind === 'picture' && this.host.isStill(voice.source)) {
        const video = this.elements.get(voice.key);
        if (video) this.silence(video);
        if (url === null) {
          if (voice.state === 'active') unplayable++;
          continue;
        }
        if (!this.showStill(voice, url) && voice.state === 'active') ready = false;
        continue;
      }
      const element = this.element(voice);
      if (url === null || element.error) {
        if (voice.state === 'active') unplayable++;
        this.silence(element);
        continue;
      }
      if (element.getAttribute('src') !== url) element.src = url;
      if (!this.follow(element, voice, voice.sourceSeconds + offset)) ready = false;
      if (voice.kind === 'sound' && voice.state === 'active' && !element.paused) audible++;
    }
    this.unplayable = unplayable;
    if (audible !== this.audible) this.audible = audible;
    const forwards = this.speed > 0;
    if (forwards && ready === this.waiting) {
      // Start (or stop) the clock together with the media.
      this.waiting = !ready;
      this.anchor = { frame: this.position, time: now };
    }
  }

  /** Puts an element where its voice should be; false when it is still loading or seeking for an active voice. */
  private follow(element: HTMLMediaElement, voice: Voice, seconds: number): boolean {
    const forwards = this.speed > 0;
    if (voice.kind === 'picture') {
      element.style.visibility = voice.state === 'active' ? 'visible' : 'hidden';
      element.style.opacity = String(voice.level);
      element.style.zIndex = String(voice.lane * 2 + (voice.level < 1 ? 1 : 0));
    } else {
      this.setLevel(element, voice.level);
    }
    const runs = voice.state === 'active' && forwards && !this.waiting;
    if (!runs) {
      if (!element.paused) element.pause();
      const drift = Math.abs(element.currentTime - seconds);
      const tolerance = voice.state === 'cued' ? 0.05 : 0.001;
      // Sound is not scrubbed: it only plays while the clock runs forwards.
      if (drift > tolerance && !element.seeking && (voice.kind === 'picture' || voice.state === 'cued' || forwards)) {
        element.currentTime = seconds;
      }
      return voice.state !== 'active' || !forwards || (element.readyState >= HAVE_FUTURE_DATA && !element.seeking);
    }
    element.playbackRate = this.speed;
    // An element about to start is put on the exact time; one already running only when it has drifted away.
    const limit = element.paused ? 0.02 : MAX_DRIFT_SECONDS;
    if (Math.abs(element.currentTime - seconds) > limit && !element.seeking) element.currentTime = seconds;
    if (element.paused) void element.play().catch(() => undefined);
    return element.readyState >= HAVE_FUTURE_DATA && !element.seeking;
  }

  /** Shows a still picture voice; false while its image is still loading. */
  private showStill(voice: Voice, url: string): boolean {
    let still = this.stills.get(voice.key);
    if (!still) {
      still = document.createElement('img');
      still.alt = '';
      still.decoding = 'async';
      still.className = 'preview-picture';
      still.dataset.voice = voice.key;
      this.stage?.append(still);
      this.stills.set(voice.key, still);
    }
    if (still.getAttribute('src') !== url) still.src = url;
    still.style.visibility = voice.state === 'active' ? 'visible' : 'hidden';
    still.style.opacity = String(voice.level);
    still.style.zIndex = String(voice.lane * 2 + (voice.level < 1 ? 1 : 0));
    return still.complete && still.naturalWidth > 0;
  }

  /**
   * A sound element's level. An element plays at most at full volume, so a clip turned up above 1 is routed through a
   * gain node the first time, and stays routed (an element can be connected to the Web Audio graph only once).
   */
  private setLevel(element: HTMLMediaElement, level: number): void {
    const gain = this.gains.get(element) ?? (level > 1 ? this.route(element) : null);
    if (!gain) {
      element.volume = Math.max(0, level);
      return;
    }
    gain.gain.value = Math.max(0, level);
    if (this.audio?.state === 'suspended') void this.audio.resume();
  }

  private route(element: HTMLMediaElement): GainNode {
    this.audio ??= new AudioContext();
    const gain = this.audio.createGain();
    this.audio.createMediaElementSource(element).connect(gain).connect(this.audio.destination);
    element.volume = 1;
    this.gains.set(element, gain);
    return gain;
  }

  private silence(element: HTMLMediaElement): void {
    if (!element.paused) element.pause();
    if (element instanceof HTMLVideoElement) element.style.visibility = 'hidden';
  }

  private element(voice: Voice): HTMLMediaElement {
    const existing = this.elements.get(voice.key);
    if (existing) return existing;
    const element = voice.kind === 'picture' ? document.createElement('video') : document.createElement('audio');
    element.preload = 'auto';
    element.dataset.voice = voice.key;
    if (element instanceof HTMLVideoElement) {
      element.muted = true;
      element.playsInline = true;
      element.disablePictureInPicture = true;
      element.className = 'preview-picture';
      element.style.visibility = 'hidden';
      this.stage?.append(element);
    }
    this.elements.set(voice.key, element);
    return element;
  }
}
