// Runs before each renderer test file, so Howler (read at import) finds the audio element it needs.
import { FakeAudio } from './fake-audio';

(globalThis as { Audio: unknown }).Audio = FakeAudio;
(window as unknown as { Audio: unknown }).Audio = FakeAudio;
