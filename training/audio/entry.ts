// What the training scripts need from the app's analysis code (bundled by bundle.mjs).
export { analyzeFile, embedPcm, excerptWindow, featuresOfFile, handFeatures } from '../../src/main/library/analysis/analyze.js';
export { decodeTrack } from '../../src/main/library/analysis/single-pass.js';
export { ANALYSIS_RATE, FEATURE_NAMES } from '../../src/main/library/analysis/features.js';
export { MOOD_MODEL, moodInputs, predictMood } from '../../src/main/library/analysis/mood-model.js';
export { readTags } from '../../src/main/library/tags.js';
